//! After any cell edit, re-checking just the edited unit gives exactly the findings of a full
//! check: the TUI relies on this to stay fast on province-sized workspaces.

use budget_workbench::model::Place;
use budget_workbench::model::{Amount, Workspace};
use budget_workbench::review::incremental::recheck_after_edit;
use budget_workbench::review::{Finding, check};
use proptest::prelude::*;

fn full(ws: &Workspace) -> Vec<Finding> {
    check(ws)
}

const VALUES: &[&str] = &[
    "",
    "≥95%",
    "≥100%",
    "<90%",
    "≤5",
    "1万家",
    "3千家",
    "是",
    "提高",
    "abc",
    "100",
    "0",
    "30.00",
    "- -",
    "统计失误率",
    "调查对象覆盖率",
    "群众满意度",
    "产出指标",
    "满意度指标",
];

/// Applies one edit chosen by the numbers; returns its pointer, or None when the workspace
/// has no such place.
fn edit(ws: &mut Workspace, pick: [usize; 4], value: &str) -> Option<String> {
    let [kind, a, b, c] = pick;
    if kind % 2 == 0 {
        let duties = &mut ws.performance.matrix.duties;
        let d = a % duties.len().max(1);
        let duty = duties.get_mut(d)?;
        let (list, base) = if duty.activities.is_empty() || b % 5 == 0 {
            (
                &mut duty.indicators,
                format!("/performance/matrix/duties/{d}"),
            )
        } else {
            let i = b % duty.activities.len();
            (
                &mut duty.activities[i].indicators,
                format!("/performance/matrix/duties/{d}/activities/{i}"),
            )
        };
        let k = c % list.len().max(1);
        let indicator = list.get_mut(k)?;
        let (field, slot) = match kind % 12 {
            0 => ("name", &mut indicator.name),
            2 => ("good", &mut indicator.good),
            4 => ("fair", &mut indicator.fair),
            6 => ("poor", &mut indicator.poor),
            8 => {
                indicator.actual = Some(value.to_string());
                return Some(format!("{base}/indicators/{k}/actual"));
            }
            _ => ("excellent", &mut indicator.excellent),
        };
        *slot = value.to_string();
        Some(format!("{base}/indicators/{k}/{field}"))
    } else {
        let projects = &mut ws.performance.projects;
        let p = a % projects.len().max(1);
        let project = projects.get_mut(p)?;
        if kind % 7 == 1 {
            let point = b % 4;
            let slot = project.spending_plan.point_mut(point)?;
            *slot = (!value.is_empty()).then(|| Amount::parse(value));
            let key = ["march", "june", "october", "december"][point];
            return Some(format!("/performance/projects/{p}/spending_plan/{key}"));
        }
        let k = c % project.indicators.len().max(1);
        let row = project.indicators.get_mut(k)?;
        let (field, slot) = match b % 6 {
            0 => ("level1", &mut row.level1),
            1 => ("level2", &mut row.level2),
            2 => ("name", &mut row.name),
            3 => ("value", &mut row.value),
            4 => ("basis", &mut row.basis),
            _ => ("description", &mut row.description),
        };
        *slot = value.to_string();
        Some(format!("/performance/projects/{p}/indicators/{k}/{field}"))
    }
}

fn agree_after_edits(mut ws: Workspace, edits: &[([usize; 4], usize)]) {
    let mut findings = full(&ws);
    for (pick, v) in edits {
        let Some(pointer) = edit(&mut ws, *pick, VALUES[v % VALUES.len()]) else {
            continue;
        };
        // A project indicator's name or explanation may repeat another project's
        // (`id.copied_text`): that edit takes the full check, as the workbench does.
        let crosses = pointer.contains("/performance/projects/")
            && (pointer.ends_with("/name") || pointer.ends_with("/description"));
        let incremental = recheck_after_edit(&ws, &mut findings, &pointer.parse().unwrap());
        assert_eq!(
            incremental, !crosses,
            "{pointer}: incremental {incremental}"
        );
        if !incremental {
            findings = full(&ws);
        }
        assert_eq!(findings, full(&ws), "after editing {pointer}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn incremental_equals_full_on_the_seed(edits in proptest::collection::vec((any::<[usize; 4]>(), any::<usize>()), 1..12)) {
        agree_after_edits(budget_workbench::store::sample(), &edits);
    }

    #[test]
    fn incremental_equals_full_on_a_synthetic_workspace(edits in proptest::collection::vec((any::<[usize; 4]>(), any::<usize>()), 1..8)) {
        agree_after_edits(budget_workbench::synth::generate(5, 2), &edits);
    }
}

#[test]
fn edits_that_reach_across_units_take_the_full_check() {
    let ws = budget_workbench::store::sample();
    let mut findings = full(&ws);
    for pointer in [
        "/performance/projects/0/code",
        "/performance/projects/0/budget/total",
        "/performance/matrix/duties/0/number",
        "/performance/matrix/duties/0/activities/0/name",
        "/performance/matrix/duties/0/activities/0/indicators/1",
        "/overview/expenditure/total",
    ] {
        assert!(
            !recheck_after_edit(&ws, &mut findings, &pointer.parse().unwrap()),
            "{pointer}"
        );
        assert_eq!(findings, full(&ws), "left as they were");
    }
}

/// The TUI finds a row's findings by binary search in the section its pointer names: every
/// rule must file its findings there.
#[test]
fn every_finding_is_filed_under_the_section_its_pointer_names() {
    use budget_workbench::review::incremental::section_of;
    let fixture = budget_workbench::store::parse_str(include_str!("tui_fixture.json"), "fixture")
        .expect("fixture loads");
    for ws in [
        budget_workbench::store::sample(),
        budget_workbench::synth::generate(5, 3),
        fixture,
    ] {
        for f in full(&ws) {
            assert_eq!(
                f.section,
                section_of(&f.pointer),
                "{} at {}",
                f.rule,
                f.pointer
            );
        }
    }
}

#[test]
fn findings_under_a_pointer_are_found_by_search() {
    use budget_workbench::review::incremental::findings_under;
    let ws = budget_workbench::synth::generate(5, 3);
    let findings = full(&ws);
    let mut pointers: Vec<Place> = findings.iter().map(|f| f.pointer.clone()).collect();
    // Rows and units above the findings' own pointers too.
    for f in &findings {
        let mut p = f.pointer.clone();
        while let Some(up) = p.parent() {
            pointers.push(up.clone());
            p = up;
        }
    }
    pointers.sort();
    pointers.dedup();
    // The hint carries from one search to the next, as when a screen of rows is drawn; any
    // hint must give the same answer.
    let hint = std::cell::Cell::new(0);
    for (n, pointer) in pointers.iter().enumerate() {
        if n % 7 == 0 {
            hint.set(n * 31 % (findings.len() + 5));
        }
        let by_search: Vec<&Finding> = findings_under(&findings, pointer, &hint).collect();
        let by_scan: Vec<&Finding> = findings
            .iter()
            .filter(|f| {
                let (text, under) = (f.pointer.as_str(), pointer.as_str());
                text == under || text.starts_with(&format!("{under}/"))
            })
            .collect();
        assert_eq!(by_search, by_scan, "under {pointer}");
    }
}

/// A PDF-imported document (长春, with its published faults) joined to project tables and a
/// matrix: re-checking after an edit keeps the document's findings and equals a full check,
/// and they are filed under the section their pointers name.
#[test]
fn recheck_equals_full_check_on_an_imported_document() {
    use budget_workbench::review::incremental::section_of;
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/pdf/changchun-xinfang-2026.pdf");
    let imported = budget_workbench::import::import_file(&path)
        .expect("imports")
        .workspace;
    let mut ws = budget_workbench::synth::generate(3, 2);
    ws.tables = imported.tables;
    ws.source = imported.source;
    ws.meta = imported.meta;
    let mut findings = full(&ws);
    assert!(findings.iter().any(|f| f.rule == "table.code_sum"));
    for f in &findings {
        assert_eq!(f.section, section_of(&f.pointer), "{}", f.rule);
    }
    let mut rechecked = 0;
    for (p, value) in [(0, "abc"), (1, "≥95%"), (2, "")] {
        let Some(project) = ws.performance.projects.get_mut(p) else {
            continue;
        };
        let Some(indicator) = project.indicators.first_mut() else {
            continue;
        };
        indicator.value = value.to_string();
        let pointer = format!("/performance/projects/{p}/indicators/0/value");
        if recheck_after_edit(&ws, &mut findings, &pointer.parse().unwrap()) {
            rechecked += 1;
            assert_eq!(findings, full(&ws), "after {pointer} = {value}");
        } else {
            findings = full(&ws);
        }
    }
    assert!(rechecked > 0, "the edits took the incremental path");
}
