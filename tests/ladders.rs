//! Grade ladders (优/良/中/差) from the seed's duty-activity matrix, and variants.

use budget_workbench::model::ladder::{
    Direction, Grade, LadderAnalysis, LadderProblem, NoGrade, analyse, grade,
};
use budget_workbench::model::value::Quantity;
use rust_decimal::Decimal;
use std::str::FromStr;

use Grade::*;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).expect("test literal")
}

fn codes(a: &LadderAnalysis) -> Vec<&'static str> {
    a.problems.iter().map(LadderProblem::code).collect()
}

fn find<'a>(a: &'a LadderAnalysis, code: &str) -> Vec<&'a LadderProblem> {
    a.problems.iter().filter(|p| p.code() == code).collect()
}

const COMPLETE: [&str; 4] = ["≥100%", "≥95%", "≥90%", "<90%"];
const BARE: [&str; 4] = ["≥5", "4", "3", "<3"];
const GAPPED: [&str; 4] = ["1万家", "8千家", "6千家", "3千家"];
const MODULES: [&str; 4] = ["5个", "4个", "3个", "1个"];
const OVERLAPPING: [&str; 4] = ["及时收发", "90%以上完成", "80%-90%完成", "80%以下"];
const MIXED_DIRECTION: [&str; 4] = ["≥5", "≤5", "≤4", "≤3"];
const QUALITATIVE: [&str; 4] = [
    "全部如期完成",
    "有1项未能如期完成",
    "有2项未能如期完成",
    "有2项以上超过规定时间",
];
const WITH_BLANKS: [&str; 4] = ["档案整理齐全", "", "", "档案未整理"];
const LOWER_BETTER: [&str; 4] = ["≤1%", "≤3%", "≤5%", ">5%"];
const OUT_OF_ORDER: [&str; 4] = ["≥90%", "≥95%", "≥80%", "<80%"];
const MIXED_UNITS: [&str; 4] = ["≥5个", "≥4家", "≥3个", "<3个"];

// ---------------------------------------------------------------- complete

#[test]
fn complete_ladder_has_no_problems() {
    let a = analyse(COMPLETE);
    assert_eq!(a.direction, Some(Direction::HigherIsBetter));
    assert!(a.problems.is_empty(), "{:?}", codes(&a));
    assert!(!a.has_findings());
}

#[test]
fn complete_ladder_grading() {
    assert_eq!(grade(COMPLETE, "100%"), Ok(Excellent));
    assert_eq!(grade(COMPLETE, "120%"), Ok(Excellent));
    assert_eq!(grade(COMPLETE, "99.9%"), Ok(Good));
    assert_eq!(grade(COMPLETE, "95%"), Ok(Good));
    assert_eq!(grade(COMPLETE, "95.0%"), Ok(Good));
    assert_eq!(grade(COMPLETE, "90%"), Ok(Fair));
    assert_eq!(grade(COMPLETE, "89.99%"), Poor.into_ok());
    assert_eq!(grade(COMPLETE, "０％"), Ok(Poor));
    assert_eq!(
        grade(COMPLETE, " 96 "),
        Ok(Good),
        "a unitless actual fits any unit"
    );
    assert_eq!(
        grade(COMPLETE, "96家"),
        Err(NoGrade::UnitMismatch {
            expected: "%".into(),
            found: "家".into()
        })
    );
    assert_eq!(grade(COMPLETE, ""), Err(NoGrade::BlankActual));
    assert_eq!(grade(COMPLETE, "\u{3000}"), Err(NoGrade::BlankActual));
    assert!(matches!(
        grade(COMPLETE, "基本完成"),
        Err(NoGrade::NotANumber { .. })
    ));
    assert!(matches!(
        grade(COMPLETE, "≥95%"),
        Err(NoGrade::NotANumber { .. })
    ));
}

trait IntoOk {
    fn into_ok(self) -> Result<Grade, NoGrade>;
}
impl IntoOk for Grade {
    fn into_ok(self) -> Result<Grade, NoGrade> {
        Ok(self)
    }
}

// ---------------------------------------------------------------- bare values

#[test]
fn bare_values_read_as_at_least_in_a_rising_ladder() {
    let a = analyse(BARE);
    assert_eq!(a.direction, Some(Direction::HigherIsBetter));
    assert!(a.problems.is_empty(), "{:?}", codes(&a));
    assert_eq!(grade(BARE, "5"), Ok(Excellent));
    assert_eq!(grade(BARE, "4.5"), Ok(Good));
    assert_eq!(grade(BARE, "4"), Ok(Good));
    assert_eq!(grade(BARE, "3"), Ok(Fair));
    assert_eq!(grade(BARE, "2"), Ok(Poor));
    assert_eq!(grade(BARE, "0"), Ok(Poor));
    assert_eq!(grade(BARE, "4个"), Ok(Good));
}

// ---------------------------------------------------------------- gapped

#[test]
fn gapped_ladder_names_an_ungraded_value() {
    let a = analyse(GAPPED);
    assert_eq!(a.direction, Some(Direction::HigherIsBetter));
    assert_eq!(codes(&a), vec!["ladder.gap"]);
    let LadderProblem::Gap { example, .. } = find(&a, "ladder.gap")[0] else {
        unreachable!()
    };
    assert_eq!(example, &Quantity::new(d("2999"), "家"));
    let zh = a.problems[0].message_zh();
    let en = a.problems[0].message_en();
    assert!(zh.contains("3000家") && zh.contains("2999家"), "{zh}");
    assert!(en.contains("3000家") && en.contains("2999家"), "{en}");
    assert!(a.problems[0].is_error_like());
}

#[test]
fn gapped_ladder_grading() {
    assert_eq!(grade(GAPPED, "10000家"), Ok(Excellent));
    assert_eq!(grade(GAPPED, "1万家"), Ok(Excellent));
    assert_eq!(grade(GAPPED, "9999家"), Ok(Good));
    assert_eq!(grade(GAPPED, "8千家"), Ok(Good));
    assert_eq!(grade(GAPPED, "6000"), Ok(Fair));
    assert_eq!(grade(GAPPED, "3000家"), Ok(Poor));
    assert_eq!(
        grade(GAPPED, "2999家"),
        Err(NoGrade::InGap {
            value: Quantity::new(d("2999"), "家")
        })
    );
    assert!(matches!(
        grade(GAPPED, "5000个"),
        Err(NoGrade::UnitMismatch { .. })
    ));
}

#[test]
fn modules_ladder_leaves_zero_ungraded() {
    let a = analyse(MODULES);
    assert_eq!(a.direction, Some(Direction::HigherIsBetter));
    assert_eq!(codes(&a), vec!["ladder.gap"]);
    let LadderProblem::Gap { example, .. } = &a.problems[0] else {
        unreachable!()
    };
    assert_eq!(example, &Quantity::new(d("0"), "个"));
    assert_eq!(grade(MODULES, "2个"), Ok(Poor));
    assert!(matches!(grade(MODULES, "0个"), Err(NoGrade::InGap { .. })));
}

// ---------------------------------------------------------------- overlapping

#[test]
fn overlapping_bands_are_reported_with_shared_value() {
    let a = analyse(OVERLAPPING);
    assert_eq!(a.direction, Some(Direction::HigherIsBetter));
    assert_eq!(
        codes(&a),
        vec!["ladder.mixed_kinds", "ladder.overlap", "ladder.overlap"]
    );
    let overlaps = find(&a, "ladder.overlap");
    let pairs: Vec<(Grade, Grade, Quantity)> = overlaps
        .iter()
        .map(|p| match p {
            LadderProblem::Overlap {
                better,
                worse,
                example,
                ..
            } => (*better, *worse, example.clone()),
            _ => unreachable!(),
        })
        .collect();
    assert_eq!(
        pairs,
        vec![
            (Good, Fair, Quantity::new(d("90"), "%")),
            (Fair, Poor, Quantity::new(d("80"), "%")),
        ]
    );
    let zh = overlaps[0].message_zh();
    assert!(
        zh.contains("90%") && zh.contains('良') && zh.contains('中'),
        "{zh}"
    );
    assert!(overlaps[0].message_en().contains("good"));
}

#[test]
fn overlapping_ladder_grading() {
    assert_eq!(grade(OVERLAPPING, "及时收发"), Ok(Excellent));
    assert_eq!(grade(OVERLAPPING, " 及时收发 "), Ok(Excellent));
    assert_eq!(grade(OVERLAPPING, "95%"), Ok(Good));
    assert_eq!(grade(OVERLAPPING, "90%"), Ok(Good), "first match wins");
    assert_eq!(grade(OVERLAPPING, "85%"), Ok(Fair));
    assert_eq!(grade(OVERLAPPING, "80%"), Ok(Fair), "first match wins");
    assert_eq!(grade(OVERLAPPING, "79%"), Ok(Poor));
    assert!(matches!(
        grade(OVERLAPPING, "不及时"),
        Err(NoGrade::NoLabelMatch { .. })
    ));
}

#[test]
fn nested_thresholds_are_not_overlaps() {
    let a = analyse(["≥100%", "≥95%", "≥90%", "≥0%"]);
    assert!(find(&a, "ladder.overlap").is_empty(), "{:?}", codes(&a));
    let a = analyse(LOWER_BETTER);
    assert!(find(&a, "ladder.overlap").is_empty(), "{:?}", codes(&a));
}

// ---------------------------------------------------------------- order

#[test]
fn out_of_order_ladder() {
    let a = analyse(OUT_OF_ORDER);
    assert_eq!(a.direction, Some(Direction::HigherIsBetter));
    let p = find(&a, "ladder.out_of_order");
    assert_eq!(p.len(), 1, "{:?}", codes(&a));
    assert!(matches!(
        p[0],
        LadderProblem::OutOfOrder {
            better: Excellent,
            worse: Good,
            ..
        }
    ));
    let zh = p[0].message_zh();
    assert!(
        zh.contains("≥90%") && zh.contains("≥95%") && zh.contains('优'),
        "{zh}"
    );
    // and 良 can never be given: every value ≥95% already meets 优
    assert!(find(&a, "ladder.unreachable").iter().any(|p| matches!(
        p,
        LadderProblem::Unreachable { grade: Good, taken_by, .. } if taken_by == &vec![Excellent]
    )));
    assert_eq!(grade(OUT_OF_ORDER, "96%"), Ok(Excellent));
    assert_eq!(grade(OUT_OF_ORDER, "85%"), Ok(Fair));
}

#[test]
fn inverted_lower_is_better_ladder() {
    let a = analyse(["≤5%", "≤3%", "≤1%", ">5%"]);
    assert_eq!(a.direction, Some(Direction::LowerIsBetter));
    assert!(
        !find(&a, "ladder.out_of_order").is_empty(),
        "{:?}",
        codes(&a)
    );
    assert_eq!(find(&a, "ladder.unreachable").len(), 2);
}

// ---------------------------------------------------------------- mixed

#[test]
fn mixed_units_ladder() {
    let a = analyse(MIXED_UNITS);
    assert_eq!(codes(&a), vec!["ladder.mixed_units"]);
    let m = a.problems[0].message_zh();
    assert!(m.contains('个') && m.contains('家'), "{m}");
    assert_eq!(grade(MIXED_UNITS, "6个"), Ok(Excellent));
    assert_eq!(grade(MIXED_UNITS, "4家"), Ok(Good));
    assert_eq!(grade(MIXED_UNITS, "4个"), Ok(Fair));
}

#[test]
fn unitless_thresholds_are_compatible() {
    let a = analyse(["≥5个", "4", "3", "<3个"]);
    assert!(a.problems.is_empty(), "{:?}", codes(&a));
}

#[test]
fn mixed_direction_ladder() {
    let a = analyse(MIXED_DIRECTION);
    assert_eq!(a.direction, None);
    let c = codes(&a);
    assert!(c.contains(&"ladder.mixed_direction"), "{c:?}");
    let unreachable: Vec<Grade> = find(&a, "ladder.unreachable")
        .iter()
        .map(|p| match p {
            LadderProblem::Unreachable { grade, .. } => *grade,
            _ => unreachable!(),
        })
        .collect();
    assert_eq!(unreachable, vec![Fair, Poor]);
    let LadderProblem::MixedDirection {
        higher_is_better,
        lower_is_better,
    } = find(&a, "ladder.mixed_direction")[0]
    else {
        unreachable!()
    };
    assert_eq!(higher_is_better, &vec![(Excellent, "≥5".to_string())]);
    assert_eq!(
        lower_is_better,
        &vec![(Good, "≤5".to_string()), (Fair, "≤4".to_string())]
    );
    let zh = find(&a, "ladder.mixed_direction")[0].message_zh();
    assert!(zh.contains("优（≥5）") && zh.contains("良（≤5）"), "{zh}");
    // 5 meets both ≥5 and ≤5
    assert!(!find(&a, "ladder.overlap").is_empty());

    assert_eq!(grade(MIXED_DIRECTION, "6"), Ok(Excellent));
    assert_eq!(grade(MIXED_DIRECTION, "5"), Ok(Excellent));
    assert_eq!(grade(MIXED_DIRECTION, "4"), Ok(Good));
    assert_eq!(grade(MIXED_DIRECTION, "0"), Ok(Good));
}

#[test]
fn seed_mixed_direction_twenty() {
    let a = analyse(["≥20", "≤20", "≤15", "≤10"]);
    assert!(codes(&a).contains(&"ladder.mixed_direction"));
    assert_eq!(find(&a, "ladder.unreachable").len(), 2);
}

// ---------------------------------------------------------------- qualitative

#[test]
fn qualitative_ladder_is_ordinal_without_problems() {
    let a = analyse(QUALITATIVE);
    assert_eq!(a.direction, Some(Direction::Ordinal));
    assert!(a.problems.is_empty(), "{:?}", codes(&a));
    assert_eq!(grade(QUALITATIVE, "全部如期完成"), Ok(Excellent));
    assert_eq!(grade(QUALITATIVE, "有1项未能如期完成"), Ok(Good));
    assert_eq!(grade(QUALITATIVE, "有2项未能如期完成 "), Ok(Fair));
    assert_eq!(grade(QUALITATIVE, "有2项以上超过规定时间"), Ok(Poor));
    assert_eq!(
        grade(QUALITATIVE, "有3项未能如期完成"),
        Err(NoGrade::NoLabelMatch {
            actual: "有3项未能如期完成".into()
        })
    );
    assert!(matches!(
        grade(QUALITATIVE, "3"),
        Err(NoGrade::NoLabelMatch { .. })
    ));
}

#[test]
fn seed_qualitative_ladders() {
    for l in [
        ["完成指标", "较好完成指标", "基本完成指标", "较差完成指标"],
        [
            "实现规划目标",
            "较好完成规划目标",
            "基本完成规划目标",
            "未制订",
        ],
        ["覆盖三项条件", "覆盖二项条件", "覆盖一项条件", "未覆盖"],
    ] {
        let a = analyse(l);
        assert_eq!(a.direction, Some(Direction::Ordinal));
        assert!(a.problems.is_empty(), "{l:?}: {:?}", codes(&a));
    }
}

#[test]
fn repeated_label_is_unreachable() {
    let a = analyse(["完成", "完成", "未完成", ""]);
    assert!(
        find(&a, "ladder.unreachable")
            .iter()
            .any(|p| matches!(p, LadderProblem::Unreachable { grade: Good, .. }))
    );
}

// ---------------------------------------------------------------- blanks

#[test]
fn blank_grades_are_info_and_admit_nothing() {
    let a = analyse(WITH_BLANKS);
    assert_eq!(a.direction, Some(Direction::Ordinal));
    assert_eq!(codes(&a), vec!["ladder.blank_grade", "ladder.blank_grade"]);
    assert!(a.problems.iter().all(LadderProblem::is_info));
    assert!(a.problems.iter().all(|p| !p.is_error_like()));
    assert!(!a.has_findings());
    assert!(a.problems[0].message_zh().contains('良'));
    assert!(a.problems[1].message_en().contains("fair"));
    assert_eq!(grade(WITH_BLANKS, "档案整理齐全"), Ok(Excellent));
    assert_eq!(grade(WITH_BLANKS, "档案未整理"), Ok(Poor));
    assert!(matches!(
        grade(WITH_BLANKS, "档案部分整理"),
        Err(NoGrade::NoLabelMatch { .. })
    ));
    assert_eq!(grade(WITH_BLANKS, ""), Err(NoGrade::BlankActual));
}

#[test]
fn quantitative_blank_grade_is_skipped_in_grading() {
    let l = ["≥100%", "", "≥90%", "<90%"];
    let a = analyse(l);
    assert_eq!(codes(&a), vec!["ladder.blank_grade"]);
    assert_eq!(grade(l, "95%"), Ok(Fair));
}

#[test]
fn all_blank_ladder() {
    let l = ["", " ", "\u{3000}", ""];
    let a = analyse(l);
    assert_eq!(a.direction, None);
    assert_eq!(find(&a, "ladder.blank_grade").len(), 4);
    assert_eq!(grade(l, "5"), Err(NoGrade::NoStandards));
}

// ---------------------------------------------------------------- lower is better

#[test]
fn lower_is_better_ladder() {
    let a = analyse(LOWER_BETTER);
    assert_eq!(a.direction, Some(Direction::LowerIsBetter));
    assert!(a.problems.is_empty(), "{:?}", codes(&a));
    assert_eq!(grade(LOWER_BETTER, "0%"), Ok(Excellent));
    assert_eq!(grade(LOWER_BETTER, "1%"), Ok(Excellent));
    assert_eq!(grade(LOWER_BETTER, "1.01%"), Ok(Good));
    assert_eq!(grade(LOWER_BETTER, "5%"), Ok(Fair));
    assert_eq!(grade(LOWER_BETTER, "5.01%"), Ok(Poor));
}

#[test]
fn bare_values_read_as_at_most_in_a_falling_ladder() {
    let l = ["1", "3", "5", ">5"];
    let a = analyse(l);
    assert_eq!(a.direction, Some(Direction::LowerIsBetter));
    assert!(a.problems.is_empty(), "{:?}", codes(&a));
    assert_eq!(grade(l, "2"), Ok(Good));
    assert_eq!(grade(l, "6"), Ok(Poor));
}

#[test]
fn lower_is_better_gap_between_thresholds() {
    let a = analyse(["≤1%", "≤3%", "≤5%", "≥6%"]);
    let gaps = find(&a, "ladder.gap");
    assert_eq!(gaps.len(), 1, "{:?}", codes(&a));
    let LadderProblem::Gap { example, .. } = gaps[0] else {
        unreachable!()
    };
    assert!(example.value > d("5") && example.value < d("6"));
    assert!(matches!(
        grade(["≤1%", "≤3%", "≤5%", "≥6%"], "5.5%"),
        Err(NoGrade::InGap { .. })
    ));
}

// ---------------------------------------------------------------- misc

#[test]
fn seed_decimal_percent_ladder() {
    let l = ["≥7.7%", "≥7.5%", "≥7.1%", "<7.1%"];
    let a = analyse(l);
    assert!(a.problems.is_empty(), "{:?}", codes(&a));
    assert_eq!(grade(l, "7.6%"), Ok(Good));
    assert_eq!(grade(l, "7.10%"), Ok(Fair));
}

#[test]
fn seed_threshold_with_gap_below_worst() {
    // 差 written as ≥: everything below it is ungraded
    let a = analyse(["≥20", "≥15", "≥10", "≥5"]);
    assert_eq!(a.direction, Some(Direction::HigherIsBetter));
    assert_eq!(codes(&a), vec!["ladder.gap"]);
}

#[test]
fn backwards_range_admits_nothing() {
    let a = analyse(["≥95%", "90%-80%", "<80%", ""]);
    assert!(find(&a, "ladder.unreachable").iter().any(|p| matches!(
        p,
        LadderProblem::Unreachable { grade: Good, taken_by, .. } if taken_by.is_empty()
    )));
}

#[test]
fn messages_and_codes_are_stable() {
    let all = [
        analyse(COMPLETE),
        analyse(GAPPED),
        analyse(OVERLAPPING),
        analyse(MIXED_DIRECTION),
        analyse(MIXED_UNITS),
        analyse(WITH_BLANKS),
        analyse(OUT_OF_ORDER),
    ];
    for a in &all {
        for p in &a.problems {
            assert!(p.code().starts_with("ladder."));
            assert!(!p.message_zh().is_empty());
            assert!(!p.message_en().is_empty());
        }
        serde_json::to_string(a).expect("analysis serializes");
    }
    for e in [
        NoGrade::BlankActual,
        NoGrade::NoStandards,
        NoGrade::NotANumber { actual: "x".into() },
        NoGrade::UnitMismatch {
            expected: "%".into(),
            found: "家".into(),
        },
        NoGrade::InGap {
            value: Quantity::new(d("1"), "家"),
        },
        NoGrade::NoLabelMatch { actual: "x".into() },
    ] {
        assert!(e.code().starts_with("grade."));
        assert!(!e.message_zh().is_empty() && !e.message_en().is_empty());
    }
}

#[test]
fn grade_labels() {
    assert_eq!(Grade::ALL.map(Grade::label_zh), ["优", "良", "中", "差"]);
    assert_eq!(
        Grade::ALL.map(Grade::label_en),
        ["excellent", "good", "fair", "poor"]
    );
}

#[test]
fn analysis_keeps_standards_verbatim_trimmed() {
    let a = analyse(["≥3次 ", "2次", "1次", "0次"]);
    assert_eq!(a.standards[0], "≥3次");
}
