//! The rules the seed does not already show with a slip of its own, each shown on the seed (a
//! real 2021 budget explanation, `sample-data/fagaiju-2021.json`) with one fault put in: the
//! rule reports it at the place of the fault. (The seed's own slips — ladder gaps and overlaps,
//! 洁净煤 220 vs 216.4239, the assets' 汽车 added into the total, a project code given twice … —
//! are asserted in `review_seed.rs`; the PDF rules in `review_published.rs` and
//! `review_agree.rs`.)

use budget_workbench::model::Workspace;
use budget_workbench::review::{self, Finding};
use budget_workbench::store;
use serde_json::{Value, json};

fn seed() -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/sample-data/fagaiju-2021.json");
    serde_json::from_str(&std::fs::read_to_string(path).expect("the seed")).expect("JSON")
}

fn load(v: &Value) -> Workspace {
    store::parse_str(&v.to_string(), "fagaiju-2021.json").expect("a workspace")
}

/// The findings of `rule` the edit adds to the seed's own.
fn added(rule: &str, edits: &[(&str, Value)]) -> Vec<Finding> {
    let clean = review::check(&load(&seed()));
    let mut v = seed();
    for (pointer, value) in edits {
        *v.pointer_mut(pointer)
            .unwrap_or_else(|| panic!("no {pointer} in the seed")) = value.clone();
    }
    review::check(&load(&v))
        .into_iter()
        .filter(|f| f.rule == rule && !clean.contains(f))
        .collect()
}

/// A rule, the place its finding must name, and the edits that put the fault in.
type Case = (&'static str, &'static str, Vec<(String, Value)>);

#[test]
fn each_rule_reports_a_fault_put_into_the_seed_at_its_place() {
    const INDICATOR: &str = "/performance/matrix/duties/0/activities/0/indicators/0";
    let indicator = INDICATOR;
    let cases: Vec<Case> = vec![
        // 各类经济社会发展中长期规划编制完成率: 优 ≥100%, 良 ≥95% — swapped.
        (
            "ladder.out_of_order",
            indicator,
            vec![
                (format!("{indicator}/excellent"), json!("≥95%")),
                (format!("{indicator}/good"), json!("≥100%")),
            ],
        ),
        // One grade in days, the others in %.
        (
            "ladder.mixed_units",
            indicator,
            vec![(format!("{indicator}/fair"), json!("≥90天"))],
        ),
        // Its only activity removed, the first duty has nothing under it.
        (
            "structure.empty_duty",
            "/performance/matrix/duties/0",
            vec![("/performance/matrix/duties/0/activities".into(), json!([]))],
        ),
        // 汽车 7.021627 under 通用设备 35.667106 raised above it.
        (
            "sum.of_which_exceeds",
            "/assets/categories/1/of_which/0",
            vec![("/assets/categories/1/of_which/0/value".into(), json!("40"))],
        ),
        // 支出 1377.92 增加27.82% on 2020: a 2020 figure of 1000 would make it 37.79%.
        (
            "change.mismatch",
            "/overview/expenditure/change",
            vec![("/overview/expenditure/prior_year".into(), json!("1000"))],
        ),
        // The first project's spending plan left blank.
        (
            "plan.missing",
            "/performance/projects/0/spending_plan",
            vec![(
                "/performance/projects/0/spending_plan".into(),
                json!({"march": null, "june": null, "october": null, "december": null}),
            )],
        ),
        // A graded indicator with all four standards blank.
        (
            "complete.missing_standards",
            indicator,
            vec![
                (format!("{indicator}/excellent"), json!("")),
                (format!("{indicator}/good"), json!("")),
                (format!("{indicator}/fair"), json!("")),
                (format!("{indicator}/poor"), json!("")),
            ],
        ),
        // 人员经费 and 日常公用经费 each typed at the limit of exact decimals: their sum cannot
        // be formed, so 合计总支出 is not checked (and not called wrong).
        (
            "sum.too_large",
            "/overview/expenditure/total",
            vec![
                (
                    "/overview/expenditure/personnel".into(),
                    json!("79228162514264337593543950335"),
                ),
                (
                    "/overview/expenditure/public_admin".into(),
                    json!("79228162514264337593543950335"),
                ),
            ],
        ),
        // The first project's first indicator without its 指标值.
        (
            "complete.missing_value",
            "/performance/projects/0/indicators/0",
            vec![(
                "/performance/projects/0/indicators/0/value".into(),
                json!(""),
            )],
        ),
    ];
    for (rule, place, edits) in cases {
        let edits: Vec<(&str, Value)> =
            edits.iter().map(|(p, v)| (p.as_str(), v.clone())).collect();
        let found = added(rule, &edits);
        assert!(
            found.iter().any(|f| f.pointer.as_str().starts_with(place)),
            "{rule} at {place}: {found:#?}"
        );
    }
}

#[test]
fn the_seeds_own_ladder_slips_are_reported_in_its_matrix() {
    // The seed's grading matrix as published has gaps between grades, blank grades, grades
    // that overlap or cannot be reached, mixed directions and a ladder mixing kinds of value.
    let findings = review::check(&load(&seed()));
    for rule in [
        "ladder.gap",
        "ladder.blank_grade",
        "ladder.overlap",
        "ladder.unreachable",
        "ladder.mixed_direction",
        "ladder.mixed_kinds",
    ] {
        assert!(
            findings
                .iter()
                .any(|f| f.rule == rule && f.pointer.as_str().starts_with("/performance/matrix/")),
            "{rule}"
        );
    }
}
