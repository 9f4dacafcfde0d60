//! The review on the seed document (the embedded sample): exactly the errors a careful
//! reviewer finds by hand, no false error on its consistent parts, and every pointer resolves.

use budget_workbench::review::{self, Finding, Severity};
use budget_workbench::store;

fn findings() -> Vec<Finding> {
    review::check(&store::sample())
}

/// The real errors of the seed, verified by hand:
/// - 固定资产 合计 value 52.606911 = 35.667106 (通用设备) + 1.054318 (专用设备) + 8.86386
///   (家具…) + 7.021627 (其中：汽车): the 其中 row is counted in the total; the categories
///   add up to 45.585284.
/// - 洁净煤: 3118.5吨 × 694元/吨 = 2164239元 = 216.4239万元, stated 220万元.
/// - 项目编码 107-0401-YBN-OU62 used by tables 7 and 8.
#[test]
fn seed_errors_are_exactly_the_real_ones() {
    let f = findings();
    let errors: Vec<(&str, &str)> = f
        .iter()
        .filter(|x| x.severity == Severity::Error)
        .map(|x| (x.rule, x.pointer.as_str()))
        .collect();
    assert_eq!(
        errors,
        vec![
            (
                "sum.product_mismatch",
                "/performance/itemised_goals/items/1/computations/0/amount"
            ),
            ("id.duplicate_code", "/performance/projects/7/code"),
            ("sum.of_which_added", "/assets/total/value"),
        ],
        "{f:#?}"
    );
    let coal = &f[f
        .iter()
        .position(|x| x.rule == "sum.product_mismatch")
        .unwrap()];
    assert_eq!(coal.stated.as_deref(), Some("220"));
    assert_eq!(coal.expected.as_deref(), Some("216.4239"));
    assert_eq!(coal.difference.as_deref(), Some("3.5761"));
    let assets = &f[f
        .iter()
        .position(|x| x.rule == "sum.of_which_added")
        .unwrap()];
    assert_eq!(assets.stated.as_deref(), Some("52.606911"));
    assert_eq!(assets.expected.as_deref(), Some("45.585284"));
    assert_eq!(assets.difference.as_deref(), Some("7.021627"));
    assert!(
        assets
            .message_zh
            .contains("35.667106 + 1.054318 + 8.86386 + 7.021627")
    );
}

#[test]
fn seed_warnings_a_reviewer_expects() {
    let f = findings();
    let has = |rule: &str, pointer: &str| f.iter().any(|x| x.rule == rule && x.pointer == pointer);
    // 8 project tables budget 796.04 against 项目支出 768.34.
    let cross = f
        .iter()
        .find(|x| x.rule == "cross.mismatch" && x.pointer == "/overview/expenditure/projects")
        .expect("project tables vs 项目支出");
    assert_eq!(cross.severity, Severity::Warning);
    assert_eq!(cross.expected.as_deref(), Some("796.04"));
    // 统计失误率 twice in table 2.
    assert!(has(
        "id.duplicate_indicator",
        "/performance/projects/1/indicators/3/name"
    ));
    // 达到预算考核标准 as a satisfaction target.
    assert!(has(
        "complete.unquantified_satisfaction",
        "/performance/projects/3/indicators/4/value"
    ));
    // 企业利润是否得到提高 has no basis.
    assert!(has(
        "complete.missing_basis",
        "/performance/projects/6/indicators/4/basis"
    ));
    // Duties 十二–十四 missing: 十一 is followed by 十五.
    assert!(
        f.iter()
            .any(|x| x.rule == "structure.numbering" && x.message_zh.contains("十五"))
    );
    // The 合计 quantity `- -` is text: info only.
    let dash = f
        .iter()
        .find(|x| x.pointer == "/assets/total/quantity")
        .expect("- - quantity");
    assert_eq!(
        (dash.rule, dash.severity),
        ("amount.not_number", Severity::Info)
    );
    // Ladders: 用户数量 1万家/8千家/6千家/3千家 leaves values below 3千家 ungraded.
    assert!(
        f.iter()
            .any(|x| x.rule == "ladder.gap" && x.label.ends_with("用户数量"))
    );
}

#[test]
fn seed_consistent_parts_raise_nothing() {
    let f = findings();
    for quiet in [
        "/overview/revenue/total",
        "/overview/expenditure/total",
        "/running_costs/total",
        "/three_public/total",
        "/procurement/stated_total/total",
        "/performance/itemised_goals/items/0/stated_total",
        "/performance/itemised_goals/items/2/stated_total",
    ] {
        assert!(!f.iter().any(|x| x.pointer == quiet), "{quiet}: {f:#?}");
    }
    assert!(!f.iter().any(|x| x.rule == "cross.running_costs_exceed"));
    assert!(!f.iter().any(|x| x.rule.starts_with("plan.")), "{f:#?}");
    assert!(!f.iter().any(|x| x.rule == "change.mismatch"));
}

#[test]
fn every_pointer_resolves_in_the_seed() {
    let ws = store::sample();
    let value: serde_json::Value = serde_json::from_str(&store::to_json(&ws)).unwrap();
    for f in review::check(&ws) {
        assert!(
            value.pointer(f.pointer.as_str()).is_some(),
            "{} does not resolve",
            f.pointer
        );
        assert!(!f.label.is_empty() && !f.message_zh.is_empty() && !f.message_en.is_empty());
    }
    for row in budget_workbench::report::grade_report(&ws) {
        assert!(
            value.pointer(row.pointer.as_str()).is_some(),
            "{} does not resolve",
            row.pointer
        );
    }
}

#[test]
fn findings_are_grouped_in_document_order() {
    let f = findings();
    assert!(f.windows(2).all(|w| w[0].section <= w[1].section));
}

#[test]
#[ignore = "prints the seed findings, one line each"]
fn list_seed_findings() {
    for f in findings() {
        println!(
            "{} {} {} {}",
            f.severity.label_en(),
            f.rule,
            f.label,
            f.pointer
        );
    }
}
