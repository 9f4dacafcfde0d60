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

/// The severities docs/rules.md gives each rule ("error / warning"), over all its rows.
fn documented_severities() -> std::collections::BTreeMap<String, BTreeSet<String>> {
    let mut out: std::collections::BTreeMap<String, BTreeSet<String>> = Default::default();
    for line in include_str!("../docs/rules.md").lines() {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        let [_, id, severities, ..] = cells.as_slice() else {
            continue;
        };
        let Some(id) = id.strip_prefix('`').and_then(|i| i.strip_suffix('`')) else {
            continue;
        };
        if !id.contains('.') {
            continue;
        }
        out.entry(id.to_string())
            .or_default()
            .extend(severities.split('/').map(|s| s.trim().to_string()));
    }
    out
}

#[test]
fn docs_give_each_rule_its_registered_severities() {
    let documented = documented_severities();
    for r in RULES {
        let registered: BTreeSet<String> = r
            .severities
            .iter()
            .map(|s| s.label_en().to_string())
            .collect();
        assert_eq!(
            documented.get(r.id),
            Some(&registered),
            "docs/rules.md and the registry disagree on the severities of {}",
            r.id
        );
    }
}

/// The help of the findings screen lists the registry's rules, each with its title, in the
/// UI language; nothing else follows the rules heading.
#[test]
fn help_lists_exactly_the_registered_rules_with_their_titles() {
    use budget_workbench::tui::i18n::Lang;
    use budget_workbench::tui::screens::findings::rule_help;
    for lang in [Lang::Zh, Lang::En] {
        let rows = rule_help(lang);
        let (heading, rules) = rows.split_first().expect("a heading");
        assert!(heading.0.is_empty() && !heading.1.is_empty());
        let listed: Vec<(&str, &str)> = rules
            .iter()
            .map(|(id, title)| (id.as_str(), title.as_str()))
            .collect();
        let registered: Vec<(&str, &str)> = RULES
            .iter()
            .map(|r| (r.id, lang.pick(r.title_zh, r.title_en)))
            .collect();
        assert_eq!(listed, registered);
        let ids: BTreeSet<String> = listed.iter().map(|(id, _)| id.to_string()).collect();
        assert_eq!(
            ids,
            documented(),
            "help and docs/rules.md name the same rules"
        );
    }
}
