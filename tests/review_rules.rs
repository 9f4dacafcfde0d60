//! Each rule on a consistent fixture with exactly one injected fault: the finding is there,
//! with the right rule id, severity, pointer and figures. The fixture itself is clean.

use budget_workbench::model::Workspace;
use budget_workbench::review::{self, Finding, Severity};
use budget_workbench::store;
use serde_json::{Value, json};

const FIXTURE: &str = include_str!("fixtures/review_clean.json");

fn fixture() -> Value {
    serde_json::from_str(FIXTURE).expect("fixture is JSON")
}

fn load(v: &Value) -> Workspace {
    store::parse_str(&v.to_string(), "fixture.json").expect("fixture workspace")
}

/// Findings after setting each pointer to its value.
fn with(edits: &[(&str, Value)]) -> Vec<Finding> {
    let mut v = fixture();
    for (ptr, value) in edits {
        if let Some(slot) = v.pointer_mut(ptr) {
            *slot = value.clone();
        } else {
            // A key the fixture leaves out: add it to its object.
            let (parent, key) = ptr.rsplit_once('/').unwrap();
            let object = v.pointer_mut(parent).and_then(Value::as_object_mut);
            let object = object.unwrap_or_else(|| panic!("no {parent} in fixture"));
            object.insert(key.to_string(), value.clone());
        }
    }
    review::check(&load(&v))
}

fn edit(f: impl FnOnce(&mut Value)) -> Vec<Finding> {
    let mut v = fixture();
    f(&mut v);
    review::check(&load(&v))
}

/// The single finding, asserting there is exactly one.
fn single(findings: &[Finding]) -> &Finding {
    assert_eq!(findings.len(), 1, "expected one finding, got {findings:#?}");
    &findings[0]
}

fn find<'a>(findings: &'a [Finding], rule: &str, pointer: &str) -> &'a Finding {
    findings
        .iter()
        .find(|f| f.rule == rule && f.pointer == pointer)
        .unwrap_or_else(|| panic!("no {rule} at {pointer} in {findings:#?}"))
}

fn assert_figures(f: &Finding, stated: &str, expected: &str, difference: &str) {
    assert_eq!(f.stated.as_deref(), Some(stated), "{f:#?}");
    assert_eq!(f.expected.as_deref(), Some(expected), "{f:#?}");
    assert_eq!(f.difference.as_deref(), Some(difference), "{f:#?}");
}

#[test]
fn fixture_is_clean() {
    let findings = review::check(&load(&fixture()));
    assert!(findings.is_empty(), "{findings:#?}");
}

#[test]
fn rules_never_change_the_data() {
    let ws = load(&fixture());
    let before = ws.clone();
    let _ = review::check(&ws);
    let _ = budget_workbench::report::grade_report(&ws);
    assert_eq!(ws, before);
}

// ---- arithmetic ----

#[test]
fn revenue_sources_mismatch() {
    let f = with(&[("/overview/revenue/sources/0/amount", json!("1300"))]);
    let f = single(&f);
    assert_eq!((f.rule, f.severity), ("sum.mismatch", Severity::Error));
    assert_eq!(f.pointer, "/overview/revenue/total");
    assert_figures(f, "1377.92", "1300", "77.92");
    assert!(f.message_zh.contains("1377.92") && f.message_zh.contains("77.92"));
}

#[test]
fn expenditure_parts_mismatch() {
    let f = with(&[
        ("/overview/expenditure/basic", Value::Null),
        ("/overview/expenditure/personnel", json!("580.27")),
    ]);
    let f = single(&f);
    assert_eq!(f.rule, "sum.mismatch");
    assert_eq!(f.pointer, "/overview/expenditure/total");
    assert_figures(f, "1377.92", "1378.02", "-0.1");
    assert!(
        f.message_zh.contains("580.27 + 29.41 + 768.34"),
        "{}",
        f.message_zh
    );
}

#[test]
fn basic_expenditure_mismatch() {
    let f = with(&[("/overview/expenditure/basic", json!("609.68"))]);
    let f = single(&f);
    assert_eq!(f.rule, "sum.mismatch");
    assert_eq!(f.pointer, "/overview/expenditure/basic");
    assert_figures(f, "609.68", "609.58", "0.1");
}

#[test]
fn revenue_must_equal_expenditure() {
    let f = with(&[
        ("/overview/revenue/total", json!("1380")),
        ("/overview/revenue/sources/0/amount", json!("1380")),
        ("/overview/revenue/prior_year", Value::Null),
    ]);
    let f = single(&f);
    assert_eq!((f.rule, f.severity), ("sum.unbalanced", Severity::Error));
    assert!(f.message_en.contains("1380") && f.message_en.contains("1377.92"));
}

#[test]
fn running_cost_items_mismatch() {
    let f = with(&[("/running_costs/items/0/amount", json!("5.5"))]);
    let f = single(&f);
    assert_eq!(f.rule, "sum.mismatch");
    assert_eq!(f.pointer, "/running_costs/total");
    assert_figures(f, "29.41", "29.51", "-0.1");
}

#[test]
fn three_public_children_mismatch() {
    let f = with(&[("/three_public/items/0/children/0/amount", json!("0.5"))]);
    let f = single(&f);
    assert_eq!(f.rule, "sum.mismatch");
    assert_eq!(f.pointer, "/three_public/items/0/amount");
    assert_figures(f, "4.5", "5", "-0.5");
}

#[test]
fn three_public_total_mismatch() {
    let f = with(&[("/three_public/items/2/amount", json!("1"))]);
    let f = single(&f);
    assert_eq!(f.rule, "sum.mismatch");
    assert_eq!(f.pointer, "/three_public/total");
    assert_figures(f, "6", "7", "-1");
}

#[test]
fn project_budget_split_mismatch() {
    let f = with(&[("/performance/projects/0/budget/other", json!("1"))]);
    let f = single(&f);
    assert_eq!(f.rule, "sum.mismatch");
    assert_eq!(f.pointer, "/performance/projects/0/budget/total");
    assert_figures(f, "60", "61", "-1");
}

#[test]
fn itemised_goal_sum_mismatch() {
    let f = with(&[(
        "/performance/itemised_goals/items/0/stated_total",
        json!("160"),
    )]);
    let f = single(&f);
    assert_eq!(f.rule, "sum.mismatch");
    assert_eq!(
        f.pointer,
        "/performance/itemised_goals/items/0/stated_total"
    );
    assert_figures(f, "160", "150", "10");
}

#[test]
fn itemised_goal_product_in_other_unit_against_total() {
    // 3118.5吨 × 694元/吨 = 2164239元 = 216.4239万元, stated 220万元.
    let f = with(&[(
        "/performance/itemised_goals/items/1/stated_total",
        json!("220"),
    )]);
    let f = single(&f);
    assert_eq!(
        (f.rule, f.severity),
        ("sum.product_mismatch", Severity::Error)
    );
    assert_eq!(
        f.pointer,
        "/performance/itemised_goals/items/1/stated_total"
    );
    assert_figures(f, "220", "216.4239", "3.5761");
    assert!(
        f.message_zh.contains("3118.5吨 × 694元/吨"),
        "{}",
        f.message_zh
    );
}

#[test]
fn itemised_goal_product_against_stated_amount() {
    let f = with(&[
        (
            "/performance/itemised_goals/items/1/stated_total",
            json!("220"),
        ),
        (
            "/performance/itemised_goals/items/1/computations/0/amount",
            json!("220"),
        ),
        (
            "/performance/itemised_goals/items/1/computations/0/amount_unit",
            json!("万元"),
        ),
    ]);
    let f = single(&f);
    assert_eq!(f.rule, "sum.product_mismatch");
    assert_eq!(
        f.pointer,
        "/performance/itemised_goals/items/1/computations/0/amount"
    );
    assert_figures(f, "220", "216.4239", "3.5761");
}

#[test]
fn itemised_goal_product_unit_price_in_wan() {
    let f = with(&[(
        "/performance/itemised_goals/items/0/computations/0/amount",
        json!("90"),
    )]);
    // 5家 × 20万元 = 100 ≠ 90, and the total 150 ≠ 90 + 50.
    assert_eq!(f.len(), 2, "{f:#?}");
    let p = find(
        &f,
        "sum.product_mismatch",
        "/performance/itemised_goals/items/0/computations/0/amount",
    );
    assert_figures(p, "90", "100", "-10");
    find(
        &f,
        "sum.mismatch",
        "/performance/itemised_goals/items/0/stated_total",
    );
}

#[test]
fn procurement_quantity_times_price() {
    let f = with(&[("/procurement/rows/0/unit_price", json!("0.12"))]);
    let f = single(&f);
    assert_eq!(f.rule, "sum.product_mismatch");
    assert_eq!(f.pointer, "/procurement/rows/0/amounts/total");
    assert_figures(f, "0.22", "0.24", "-0.02");
}

#[test]
fn procurement_channels_add_up() {
    // 0.01 would be within rounding of three figures at cents (0.015).
    assert!(with(&[("/procurement/rows/0/amounts/fund", json!("0.01"))]).is_empty());
    let f = with(&[("/procurement/rows/0/amounts/fund", json!("0.05"))]);
    let f = single(&f);
    assert_eq!(f.rule, "sum.mismatch");
    assert_eq!(f.pointer, "/procurement/rows/0/amounts/department_total");
    assert_figures(f, "0.22", "0.27", "-0.05");
}

#[test]
fn procurement_rows_add_up_to_subtotal_and_total() {
    let f = with(&[
        ("/procurement/rows/1/amounts/total", json!("0.2")),
        ("/procurement/rows/1/amounts/department_total", json!("0.2")),
        ("/procurement/rows/1/amounts/general_public", json!("0.2")),
        ("/procurement/rows/1/unit_price", json!("0.1")),
    ]);
    // Subtotal and 合计, each in three columns.
    assert_eq!(f.len(), 6, "{f:#?}");
    let s = find(&f, "sum.mismatch", "/procurement/subtotals/0/amounts/total");
    assert_figures(s, "0.32", "0.42", "-0.1");
    find(
        &f,
        "sum.mismatch",
        "/procurement/stated_total/general_public",
    );
}

#[test]
fn procurement_total_is_department_plus_other_channels() {
    // No row has other-channel money (all blank: not checked), but 0.32 ≠ 0.32 + 0.05.
    let f = with(&[("/procurement/stated_total/other_channels", json!("0.05"))]);
    let f = single(&f);
    assert_eq!(f.pointer, "/procurement/stated_total/total");
    assert_figures(f, "0.32", "0.37", "-0.05");
}

#[test]
fn assets_of_which_added_into_total() {
    let f = with(&[("/assets/total/value", json!("52.606911"))]);
    let f = single(&f);
    assert_eq!(
        (f.rule, f.severity),
        ("sum.of_which_added", Severity::Error)
    );
    assert_eq!(f.pointer, "/assets/total/value");
    assert_figures(f, "52.606911", "45.585284", "7.021627");
    assert!(
        f.message_zh
            .contains("35.667106 + 1.054318 + 8.86386 + 7.021627"),
        "{}",
        f.message_zh
    );
    assert!(f.message_zh.contains("汽车"));
}

#[test]
fn assets_quantity_of_which_added() {
    let f = with(&[("/assets/total/quantity", json!("677"))]);
    let f = single(&f);
    assert_eq!(f.rule, "sum.of_which_added");
    assert_eq!(f.pointer, "/assets/total/quantity");
    assert_figures(f, "677", "676", "1");
}

#[test]
fn assets_plain_mismatch() {
    let f = with(&[("/assets/total/value", json!("45.6"))]);
    let f = single(&f);
    assert_eq!(f.rule, "sum.mismatch");
    assert_eq!(f.pointer, "/assets/total/value");
    assert_figures(f, "45.6", "45.585284", "0.014716");
}

#[test]
fn assets_of_which_exceeds_parent() {
    let f = with(&[("/assets/categories/1/of_which/0/value", json!("40"))]);
    let f = single(&f);
    assert_eq!(
        (f.rule, f.severity),
        ("sum.of_which_exceeds", Severity::Error)
    );
    assert_eq!(f.pointer, "/assets/categories/1/of_which/0/value");
    assert_figures(f, "40", "35.667106", "4.332894");
}

#[test]
fn amount_text_is_info_not_error() {
    let f = with(&[("/assets/total/quantity", json!("- -"))]);
    let f = single(&f);
    assert_eq!((f.rule, f.severity), ("amount.not_number", Severity::Info));
    assert_eq!(f.pointer, "/assets/total/quantity");
    assert!(f.message_zh.contains("- -"));
}

// ---- tolerance ----

#[test]
fn tolerance_boundary() {
    // Three figures at cents: at most 0.015 apart.
    assert!(with(&[("/overview/expenditure/basic", json!("609.59"))]).is_empty());
    let f = with(&[("/overview/expenditure/basic", json!("609.60"))]);
    assert_eq!(single(&f).rule, "sum.mismatch");
    // Figures written to six places are compared at that precision.
    let f = with(&[("/assets/total/value", json!("45.585294"))]);
    assert_figures(single(&f), "45.585294", "45.585284", "0.00001");
}

#[test]
fn tolerance_is_sum_of_half_cents() {
    use rust_decimal::Decimal;
    let d = |s: &str| s.parse::<Decimal>().unwrap();
    let figures = [d("1377.92"), d("580.17"), d("29.41"), d("768.34")];
    assert_eq!(review::tolerance(&figures), d("0.02"));
    assert_eq!(
        review::tolerance(&[d("52.606911"), d("35.667106")]),
        d("0.000001")
    );
}

// ---- changes ----

#[test]
fn stated_change_disagrees() {
    let f = with(&[("/overview/expenditure/change", json!("增加28.82%"))]);
    let f = single(&f);
    assert_eq!((f.rule, f.severity), ("change.mismatch", Severity::Error));
    assert_eq!(f.pointer, "/overview/expenditure/change");
    assert_figures(f, "28.82", "27.82", "1");
}

#[test]
fn stated_decrease_disagrees() {
    let f = with(&[("/running_costs/change", json!("下降9.57%"))]);
    let f = single(&f);
    assert_eq!(f.rule, "change.mismatch");
    assert_eq!(f.pointer, "/running_costs/change");
    assert_figures(f, "-9.57", "9.58", "-19.15");
}

#[test]
fn level_with_last_year_means_zero() {
    let f = with(&[("/three_public/prior_year", json!("5"))]);
    let f = single(&f);
    assert_eq!(f.rule, "change.mismatch");
    assert_eq!(f.pointer, "/three_public/change");
    assert_figures(f, "0", "20", "-20");
}

#[test]
fn item_change_checked_too() {
    let f = with(&[("/three_public/items/0/prior_year", json!("4"))]);
    let f = single(&f);
    assert_eq!(f.pointer, "/three_public/items/0/change");
}

// ---- cross-section ----

#[test]
fn three_public_reception_below_running_costs_is_error() {
    let f = with(&[
        ("/three_public/items/1/amount", json!("1.2")),
        ("/three_public/total", json!("5.7")),
        ("/three_public/prior_year", Value::Null),
    ]);
    let f = single(&f);
    assert_eq!((f.rule, f.severity), ("cross.mismatch", Severity::Error));
    assert_eq!(f.pointer, "/three_public/items/1/amount");
    assert_figures(f, "1.2", "1.5", "-0.3");
}

#[test]
fn three_public_vehicle_above_running_costs_is_warning() {
    let f = with(&[
        ("/three_public/items/0/children/1/amount", json!("5")),
        ("/three_public/items/0/amount", json!("5")),
        ("/three_public/total", json!("6.5")),
        ("/three_public/prior_year", Value::Null),
        ("/three_public/items/0/prior_year", Value::Null),
    ]);
    let f = single(&f);
    assert_eq!((f.rule, f.severity), ("cross.mismatch", Severity::Warning));
    assert_eq!(f.pointer, "/three_public/items/0/children/1/amount");
}

#[test]
fn project_tables_against_project_expenditure() {
    let f = with(&[
        ("/performance/projects/1/budget/total", json!("700")),
        ("/performance/projects/1/budget/fiscal", json!("700")),
    ]);
    let f = single(&f);
    assert_eq!((f.rule, f.severity), ("cross.mismatch", Severity::Warning));
    assert_eq!(f.pointer, "/overview/expenditure/projects");
    assert_figures(f, "768.34", "760", "8.34");
    assert!(
        f.message_zh.contains("2、洁净煤推广区级补贴 700"),
        "{}",
        f.message_zh
    );
}

#[test]
fn running_costs_above_public_admin() {
    let f = with(&[
        ("/running_costs/total", json!("30.41")),
        ("/running_costs/items/0/amount", json!("6.4")),
        ("/running_costs/prior_year", Value::Null),
    ]);
    let f = single(&f);
    assert_eq!(
        (f.rule, f.severity),
        ("cross.running_costs_exceed", Severity::Warning)
    );
    assert_eq!(f.pointer, "/running_costs/total");
    assert_figures(f, "30.41", "29.41", "1");
}

// ---- identity ----

#[test]
fn duplicate_project_code() {
    let f = with(&[("/performance/projects/1/code", json!(" 000-9999-jsn-60RT"))]);
    let f = single(&f);
    assert_eq!((f.rule, f.severity), ("id.duplicate_code", Severity::Error));
    assert_eq!(f.pointer, "/performance/projects/1/code");
    assert!(f.message_zh.contains("1、普查、调查专项经费"));
}

#[test]
fn blank_project_code() {
    let f = with(&[("/performance/projects/0/code", json!(""))]);
    let f = single(&f);
    assert_eq!((f.rule, f.severity), ("id.missing_code", Severity::Warning));
    assert_eq!(f.pointer, "/performance/projects/0/code");
}

#[test]
fn duplicate_indicator_in_project() {
    let f = with(&[(
        "/performance/projects/0/indicators/1/name",
        json!("统计失误率 "),
    )]);
    let f = single(&f);
    assert_eq!(
        (f.rule, f.severity),
        ("id.duplicate_indicator", Severity::Warning)
    );
    assert_eq!(f.pointer, "/performance/projects/0/indicators/1/name");
    assert_eq!(
        f.label,
        "项目绩效目标表 · 1、普查、调查专项经费 · 统计失误率"
    );
    // The other row of the pair is the finding's other side.
    let first = f.counterpart.as_ref().expect("the first row with the name");
    assert_eq!(first.place, "/performance/projects/0/indicators/0/name");
    assert!(
        first.label.ends_with("统计失误率 · 第 1 行"),
        "{}",
        first.label
    );
}

#[test]
fn duplicate_indicator_in_activity() {
    let f = with(&[(
        "/performance/matrix/duties/0/activities/0/indicators/1/name",
        json!("规划编制完成率"),
    )]);
    let f = single(&f);
    assert_eq!(f.rule, "id.duplicate_indicator");
    assert_eq!(
        f.pointer,
        "/performance/matrix/duties/0/activities/0/indicators/1/name"
    );
}

// ---- completeness ----

#[test]
fn missing_satisfaction_level() {
    let f = edit(|v| {
        v.pointer_mut("/performance/projects/0/indicators")
            .unwrap()
            .as_array_mut()
            .unwrap()
            .pop();
    });
    let f = single(&f);
    assert_eq!(
        (f.rule, f.severity),
        ("complete.missing_level1", Severity::Warning)
    );
    assert_eq!(f.pointer, "/performance/projects/0/indicators");
    assert!(f.message_zh.contains("满意度指标"));
}

#[test]
fn blank_level1_continues_the_row_above() {
    // Row 1 has a blank 一级 cell: it is still an output indicator (merged cell).
    let f = with(&[(
        "/performance/projects/0/indicators/0/level1",
        json!("产出指标"),
    )]);
    assert!(f.is_empty(), "{f:#?}");
}

#[test]
fn missing_value_and_basis() {
    let f = with(&[("/performance/projects/0/indicators/0/value", json!(" "))]);
    let f = single(&f);
    assert_eq!(
        (f.rule, f.severity),
        ("complete.missing_value", Severity::Warning)
    );
    assert_eq!(f.pointer, "/performance/projects/0/indicators/0/value");
    let f = with(&[("/performance/projects/0/indicators/2/basis", json!(""))]);
    let f = single(&f);
    assert_eq!(f.rule, "complete.missing_basis");
    assert_eq!(f.pointer, "/performance/projects/0/indicators/2/basis");
}

#[test]
fn unquantified_satisfaction() {
    let f = with(&[(
        "/performance/projects/1/indicators/2/value",
        json!("达到预算考核标准"),
    )]);
    let f = single(&f);
    assert_eq!(
        (f.rule, f.severity),
        ("complete.unquantified_satisfaction", Severity::Warning)
    );
    assert_eq!(f.pointer, "/performance/projects/1/indicators/2/value");
}

#[test]
fn spending_plan_decreasing() {
    let f = with(&[(
        "/performance/projects/0/spending_plan/october",
        json!("20.00"),
    )]);
    let f = single(&f);
    assert_eq!((f.rule, f.severity), ("plan.decreasing", Severity::Error));
    assert_eq!(f.pointer, "/performance/projects/0/spending_plan/october");
    assert_figures(f, "20.00", "30", "-10");
}

#[test]
fn spending_plan_not_complete() {
    let f = with(&[(
        "/performance/projects/0/spending_plan/december",
        json!("90"),
    )]);
    let f = single(&f);
    assert_eq!(
        (f.rule, f.severity),
        ("plan.not_complete", Severity::Warning)
    );
    assert_eq!(f.pointer, "/performance/projects/0/spending_plan/december");
    assert_figures(f, "90", "100", "-10");
}

#[test]
fn spending_plan_blank_points_are_skipped() {
    // 100 at the end of June and nothing planned after: complete.
    let f = with(&[
        ("/performance/projects/0/spending_plan/june", json!("100")),
        ("/performance/projects/0/spending_plan/october", Value::Null),
        (
            "/performance/projects/0/spending_plan/december",
            Value::Null,
        ),
    ]);
    assert!(f.is_empty(), "{f:#?}");
}

#[test]
fn spending_plan_over_100_and_missing() {
    let f = with(&[(
        "/performance/projects/0/spending_plan/december",
        json!("110"),
    )]);
    assert_eq!(single(&f).rule, "plan.out_of_range");
    let f = with(&[
        ("/performance/projects/0/spending_plan/june", Value::Null),
        ("/performance/projects/0/spending_plan/october", Value::Null),
        (
            "/performance/projects/0/spending_plan/december",
            Value::Null,
        ),
    ]);
    let f = single(&f);
    assert_eq!((f.rule, f.severity), ("plan.missing", Severity::Warning));
    assert_eq!(f.pointer, "/performance/projects/0/spending_plan");
}

#[test]
fn graded_indicator_without_standards() {
    let base = "/performance/matrix/duties/1/activities/0/indicators/0";
    let f = with(&[
        (&format!("{base}/excellent"), json!("")),
        (&format!("{base}/good"), json!("")),
        (&format!("{base}/fair"), json!("")),
        (&format!("{base}/poor"), json!("")),
    ]);
    let f = single(&f);
    assert_eq!(
        (f.rule, f.severity),
        ("complete.missing_standards", Severity::Warning)
    );
    assert_eq!(f.pointer, base);
}

// ---- ladders ----

#[test]
fn ladder_out_of_order_is_warning_on_the_grade() {
    let base = "/performance/matrix/duties/1/activities/0/indicators/0";
    let f = with(&[(&format!("{base}/good"), json!("≥99%"))]);
    assert!(!f.is_empty());
    assert!(f.iter().all(|x| x.rule.starts_with("ladder.")), "{f:#?}");
    let o = find(&f, "ladder.out_of_order", &format!("{base}/excellent"));
    assert_eq!(o.severity, Severity::Warning);
    assert_eq!(
        o.label,
        "职责活动绩效目标 · 二、统计调查 · 1、统计数据采集调查 · 调查对象覆盖率"
    );
}

#[test]
fn ladder_blank_grade_is_info_and_gap_is_warning() {
    let base = "/performance/matrix/duties/1/activities/0/indicators/0";
    let f = with(&[(&format!("{base}/poor"), json!(""))]);
    let b = find(&f, "ladder.blank_grade", &format!("{base}/poor"));
    assert_eq!(b.severity, Severity::Info);
    let g = find(&f, "ladder.gap", base);
    assert_eq!(g.severity, Severity::Warning);
}

#[test]
fn ladder_overlap() {
    let base = "/performance/matrix/duties/0/activities/0/indicators/1";
    let f = with(&[(&format!("{base}/fair"), json!("≤4"))]);
    assert!(
        f.iter()
            .any(|x| x.rule == "ladder.mixed_direction" || x.rule == "ladder.overlap"),
        "{f:#?}"
    );
    assert!(f.iter().all(|x| x.severity != Severity::Error));
}

// ---- structure ----

#[test]
fn duty_numbering_gap() {
    let f = with(&[("/performance/matrix/duties/1/number", json!("三"))]);
    let f = single(&f);
    assert_eq!(
        (f.rule, f.severity),
        ("structure.numbering", Severity::Warning)
    );
    assert_eq!(f.pointer, "/performance/matrix/duties/1/number");
    assert!(
        f.message_zh.contains("“三”") && f.message_zh.contains("“二”"),
        "{}",
        f.message_zh
    );
}

#[test]
fn activity_numbering_restarts_per_duty() {
    let f = with(&[(
        "/performance/matrix/duties/0/activities/1/number",
        json!("1"),
    )]);
    let f = single(&f);
    assert_eq!(f.rule, "structure.numbering");
    assert_eq!(
        f.pointer,
        "/performance/matrix/duties/0/activities/1/number"
    );
}

#[test]
fn profile_project_and_glossary_numbering() {
    let f = with(&[("/profile/duties/2/number", json!("四"))]);
    assert_eq!(single(&f).pointer, "/profile/duties/2/number");
    let f = with(&[("/performance/projects/1/number", json!("3"))]);
    assert_eq!(single(&f).pointer, "/performance/projects/1/number");
    let f = with(&[("/glossary/entries/0/number", json!("2"))]);
    // 2, 2: the first is out of sequence, then the second repeats it.
    assert_eq!(f.len(), 2, "{f:#?}");
    assert!(f.iter().all(|x| x.rule == "structure.numbering"));
}

#[test]
fn duty_without_activities_or_indicators() {
    let f = with(&[("/performance/matrix/duties/1/activities", json!([]))]);
    let f = single(&f);
    assert_eq!(
        (f.rule, f.severity),
        ("structure.empty_duty", Severity::Info)
    );
    assert_eq!(f.pointer, "/performance/matrix/duties/1");
}

#[test]
fn pointers_escape_keys() {
    use budget_workbench::model::Place;
    assert_eq!(
        Place::root().key("a/b").key("c~d").idx(0).as_str(),
        "/a~1b/c~0d/0"
    );
}
