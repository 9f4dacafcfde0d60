//! The rule registry is the one list of rules: `docs/rules.md` documents exactly its rules,
//! and every finding the review gives comes from a registered rule with a registered severity.

use std::collections::BTreeSet;
use std::path::Path;

use budget_workbench::import::import_file;
use budget_workbench::review::registry::{RULES, find};
use budget_workbench::review::{Finding, check};
use budget_workbench::store;

/// Rule ids in the first column of the tables of docs/rules.md: "| `sum.mismatch` | …".
fn documented() -> BTreeSet<String> {
    let text = include_str!("../docs/rules.md");
    text.lines()
        .filter_map(|l| l.strip_prefix("| `"))
        .filter_map(|l| l.split_once('`'))
        .map(|(id, _)| id.to_string())
        .filter(|id| id.contains('.'))
        .collect()
}

#[test]
fn docs_list_exactly_the_registered_rules() {
    let registered: BTreeSet<String> = RULES.iter().map(|r| r.id.to_string()).collect();
    assert_eq!(registered.len(), RULES.len(), "an id is registered twice");
    let docs = documented();
    let undocumented: Vec<_> = registered.difference(&docs).collect();
    let unregistered: Vec<_> = docs.difference(&registered).collect();
    assert!(
        undocumented.is_empty(),
        "not in docs/rules.md: {undocumented:?}"
    );
    assert!(
        unregistered.is_empty(),
        "documented but not registered: {unregistered:?}"
    );
    for r in RULES {
        assert!(!r.severities.is_empty() && !r.title_zh.is_empty() && !r.title_en.is_empty());
    }
}

fn assert_registered(findings: &[Finding]) {
    for f in findings {
        let rule = find(f.rule).unwrap_or_else(|| panic!("{} is not registered", f.rule));
        assert!(
            rule.severities.contains(&f.severity),
            "{} reported as {:?}, registered as {:?}",
            f.rule,
            f.severity,
            rule.severities
        );
    }
}

#[test]
fn every_finding_comes_from_a_registered_rule() {
    assert_registered(&check(&store::sample()));
    for name in ["changchun-xinfang-2026.pdf", "shanghai-xinfang-2026.pdf"] {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/pdf")
            .join(name);
        let ws = import_file(&path).expect("imports").workspace;
        assert_registered(&check(&ws));
    }
}
