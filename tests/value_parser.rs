//! Indicator value expressions (指标值 / 评价标准) from the seed document and variants.

use budget_workbench::model::value::{
    BareAs, Comparator, Interval, Lower, NumberSet, Quantity, Reading, Upper, parse_value,
};
use proptest::prelude::*;
use rust_decimal::Decimal;
use std::str::FromStr;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).expect("test literal")
}

fn q(v: &str, unit: &str) -> Quantity {
    Quantity::new(d(v), unit)
}

fn bound(c: Option<Comparator>, v: &str, unit: &str, note: &str) -> Reading {
    Reading::Bound {
        comparator: c,
        quantity: q(v, unit),
        note: note.to_string(),
    }
}

fn qual(t: &str) -> Reading {
    Reading::Qualitative {
        text: t.to_string(),
    }
}

use Comparator::*;

#[test]
fn seed_expressions_read_as_expected() {
    let cases: Vec<(&str, Reading)> = vec![
        // project tables (指标值)
        ("≥95%", bound(Some(AtLeast), "95", "%", "")),
        ("<5%", bound(Some(Less), "5", "%", "")),
        ("≥10家", bound(Some(AtLeast), "10", "家", "")),
        ("≥3次 ", bound(Some(AtLeast), "3", "次", "")),
        ("≥12次", bound(Some(AtLeast), "12", "次", "")),
        ("≥5个", bound(Some(AtLeast), "5", "个", "")),
        ("100%", bound(None, "100", "%", "")),
        ("1辆", bound(None, "1", "辆", "")),
        ("是", qual("是")),
        ("提高", qual("提高")),
        ("效果显著", qual("效果显著")),
        ("全区范围宣传", qual("全区范围宣传")),
        ("按时发放 ", qual("按时发放")),
        ("准确定位", qual("准确定位")),
        // duty-activity matrix (评价标准)
        ("≥100%", bound(Some(AtLeast), "100", "%", "")),
        ("<90%", bound(Some(Less), "90", "%", "")),
        ("≥5", bound(Some(AtLeast), "5", "", "")),
        ("4", bound(None, "4", "", "")),
        ("<3", bound(Some(Less), "3", "", "")),
        ("5个", bound(None, "5", "个", "")),
        ("1万家", bound(None, "10000", "家", "")),
        ("8千家", bound(None, "8000", "家", "")),
        ("70%", bound(None, "70", "%", "")),
        ("≥7.7%", bound(Some(AtLeast), "7.7", "%", "")),
        ("≥0.5%", bound(Some(AtLeast), "0.5", "%", "")),
        ("≥5.0%", bound(Some(AtLeast), "5.0", "%", "")),
        ("90%以上完成", bound(Some(AtLeast), "90", "%", "完成")),
        ("80%以下", bound(Some(AtMost), "80", "%", "")),
        ("≤5", bound(Some(AtMost), "5", "", "")),
        ("≤20", bound(Some(AtMost), "20", "", "")),
        (
            "80%-90%完成",
            Reading::Range {
                low: q("80", "%"),
                high: q("90", "%"),
                note: "完成".into(),
            },
        ),
        ("全部如期完成", qual("全部如期完成")),
        ("有1项未能如期完成", qual("有1项未能如期完成")),
        ("有2项以上超过规定时间", qual("有2项以上超过规定时间")),
        ("覆盖三项条件", qual("覆盖三项条件")),
        ("及时收发", qual("及时收发")),
        ("档案整理齐全", qual("档案整理齐全")),
        ("研发具体模块", qual("研发具体模块")),
        ("", Reading::Blank),
        ("   ", Reading::Blank),
        ("\u{3000}", Reading::Blank),
        ("\u{0}", Reading::Blank),
        // variants
        ("不低于95%", bound(Some(AtLeast), "95", "%", "")),
        ("不少于10家", bound(Some(AtLeast), "10", "家", "")),
        ("达到100%", bound(Some(AtLeast), "100", "%", "")),
        ("不超过3次", bound(Some(AtMost), "3", "次", "")),
        ("不高于5%", bound(Some(AtMost), "5", "%", "")),
        ("大于5%", bound(Some(Greater), "5", "%", "")),
        ("超过5%", bound(Some(Greater), "5", "%", "")),
        ("低于5%", bound(Some(Less), "5", "%", "")),
        ("小于5%", bound(Some(Less), "5", "%", "")),
        (">5%", bound(Some(Greater), "5", "%", "")),
        ("＞5%", bound(Some(Greater), "5", "%", "")),
        ("＜5%", bound(Some(Less), "5", "%", "")),
        (">=5", bound(Some(AtLeast), "5", "", "")),
        ("<=5", bound(Some(AtMost), "5", "", "")),
        ("=5", bound(Some(Equal), "5", "", "")),
        ("＝5", bound(Some(Equal), "5", "", "")),
        ("等于5个", bound(Some(Equal), "5", "个", "")),
        ("3天以内", bound(Some(AtMost), "3", "天", "")),
        ("5家及以上", bound(Some(AtLeast), "5", "家", "")),
        ("≥90%以上", bound(Some(AtLeast), "90", "%", "")),
        ("≥９５％", bound(Some(AtLeast), "95", "%", "")),
        ("９５．５％", bound(None, "95.5", "%", "")),
        ("≥ 95 %", bound(Some(AtLeast), "95", "%", "")),
        ("\u{3000}≥95%\u{3000}", bound(Some(AtLeast), "95", "%", "")),
        ("1.5亿元", bound(None, "15000", "万元", "")),
        ("1,000万元", bound(None, "1000", "万元", "")),
        ("1,234,567元", bound(None, "1234567", "元", "")),
        ("30.00万元", bound(None, "30.00", "万元", "")),
        ("2亿人", bound(None, "200000000", "人", "")),
        ("1.5万家", bound(None, "15000", "家", "")),
        ("3千元", bound(None, "3000", "元", "")),
        ("2个百分点", bound(None, "2", "个百分点", "")),
        ("5个工作日", bound(None, "5", "个工作日", "")),
        ("2小时", bound(None, "2", "小时", "")),
        ("30分钟", bound(None, "30", "分钟", "")),
        ("5座", bound(None, "5", "座", "")),
        ("5栋", bound(None, "5", "栋", "")),
        ("3天内完成", bound(Some(AtMost), "3", "天", "完成")),
        ("3个月内", bound(Some(AtMost), "3", "个月", "")),
        ("6个月", bound(None, "6", "个月", "")),
        ("2021年", bound(None, "2021", "年", "")),
        ("3月底完成发放", qual("3月底完成发放")),
        ("12月31日前", qual("12月31日前")),
        ("2021年底", qual("2021年底")),
        ("6月份", qual("6月份")),
        ("5栋以上", bound(Some(AtLeast), "5", "栋", "")),
        ("5‰", bound(None, "5", "‰", "")),
        (
            "80%～90%",
            Reading::Range {
                low: q("80", "%"),
                high: q("90", "%"),
                note: String::new(),
            },
        ),
        (
            "80-90%",
            Reading::Range {
                low: q("80", "%"),
                high: q("90", "%"),
                note: String::new(),
            },
        ),
        (
            "80%至90%",
            Reading::Range {
                low: q("80", "%"),
                high: q("90", "%"),
                note: String::new(),
            },
        ),
        (
            "6千-8千家",
            Reading::Range {
                low: q("6000", "家"),
                high: q("8000", "家"),
                note: String::new(),
            },
        ),
        (
            "±3%以内",
            Reading::Tolerance {
                quantity: q("3", "%"),
                note: String::new(),
            },
        ),
        // not understood → qualitative, never an error
        ("约5个", qual("约5个")),
        ("5个左右", qual("5个左右")),
        ("80%-90家", qual("80%-90家")),
        ("≥80%-90%", qual("≥80%-90%")),
        ("≥5以下", qual("≥5以下")),
        (
            "1项未能如期完成并通过验收",
            qual("1项未能如期完成并通过验收"),
        ),
        ("5个，完成", qual("5个，完成")),
        ("1e400", qual("1e400")),
        ("提高5%", qual("提高5%")),
        ("百分之九十", qual("百分之九十")),
    ];
    for (text, expected) in cases {
        assert_eq!(parse_value(text), expected, "reading of {text:?}");
    }
}

#[test]
fn decimal_scale_is_kept_without_magnitude() {
    let Reading::Bound { quantity, .. } = parse_value("≥5.0%") else {
        panic!("≥5.0% should be a bound");
    };
    assert_eq!(quantity.value.scale(), 1);
    assert_eq!(quantity.to_string(), "5.0%");
}

#[test]
fn magnitudes_normalise() {
    let Reading::Bound { quantity, .. } = parse_value("1.5亿元") else {
        panic!("1.5亿元 should be a bound");
    };
    assert_eq!(quantity.to_string(), "15000万元");
}

#[test]
fn huge_numbers_are_qualitative() {
    let thirty = "123456789012345678901234567890";
    assert!(parse_value(thirty).is_qualitative());
    assert!(parse_value(&format!("≥{thirty}%")).is_qualitative());
    // fits, but the magnitude overflows
    assert!(parse_value("70000000000000000000000000000亿").is_qualitative());
    assert!(parse_value("0.12345678901234567890123456789012").is_qualitative());
}

#[test]
fn admitted_sets() {
    let at_least_95 = parse_value("≥95%").admits(BareAs::Exact).expect("numeric");
    assert!(at_least_95.contains(d("95")));
    assert!(at_least_95.contains(d("95.0")));
    assert!(!at_least_95.contains(d("94.99")));

    let less5 = parse_value("<5%").admits(BareAs::AtLeast).expect("numeric");
    assert!(!less5.contains(d("5")));
    assert!(less5.contains(d("4.999")));

    let bare = parse_value("4");
    assert!(bare.admits(BareAs::AtLeast).expect("n").contains(d("4.5")));
    assert!(!bare.admits(BareAs::AtMost).expect("n").contains(d("4.5")));
    assert!(bare.admits(BareAs::AtMost).expect("n").contains(d("3")));
    let exact = bare.admits(BareAs::Exact).expect("n");
    assert!(exact.contains(d("4")) && !exact.contains(d("4.1")));

    let range = parse_value("80%-90%完成")
        .admits(BareAs::AtLeast)
        .expect("n");
    assert!(range.contains(d("80")) && range.contains(d("90")) && !range.contains(d("90.1")));

    let tol = parse_value("±3%以内").admits(BareAs::AtLeast).expect("n");
    assert!(tol.contains(d("-3")) && tol.contains(d("3")) && !tol.contains(d("3.01")));

    assert!(
        parse_value("")
            .admits(BareAs::AtLeast)
            .expect("n")
            .is_empty()
    );
    assert_eq!(parse_value("是").admits(BareAs::AtLeast), None);
}

#[test]
fn number_set_algebra() {
    let a = NumberSet::from_intervals(vec![Interval::at_least(d("3000"))]);
    let gaps = NumberSet::non_negative().difference(&a);
    assert_eq!(
        gaps.intervals(),
        &[Interval {
            low: Lower::Closed(d("0")),
            high: Upper::Open(d("3000")),
        }]
    );
    assert_eq!(gaps.example(), Some(d("2999")));

    // ≥90 ∪ <90 is everything; [80,90] ∩ ≤80 is the point 80
    let all = NumberSet::from_intervals(vec![Interval::at_least(d("90")), Interval::less(d("90"))]);
    assert_eq!(all, NumberSet::all());
    let p = NumberSet::from_intervals(vec![Interval {
        low: Lower::Closed(d("80")),
        high: Upper::Closed(d("90")),
    }])
    .intersect(&NumberSet::from_intervals(vec![Interval::at_most(d("80"))]));
    assert_eq!(p.intervals(), &[Interval::point(d("80"))]);
    // (5, ∞) and (−∞, 5) leave the point 5
    let holes = NumberSet::from_intervals(vec![Interval::greater(d("5")), Interval::less(d("5"))])
        .complement();
    assert_eq!(holes.intervals(), &[Interval::point(d("5"))]);
}

#[test]
fn human_descriptions() {
    assert_eq!(parse_value("≥95%").to_string(), "≥ 95%");
    assert_eq!(parse_value("≥95%").describe_zh(), "≥ 95%");
    assert_eq!(parse_value("≥95%").describe_en(), "at least 95%");
    assert_eq!(parse_value("80%～90%").describe_zh(), "区间 80%～90%");
    assert_eq!(parse_value("80%～90%").describe_en(), "range 80%–90%");
    assert_eq!(parse_value("是").describe_zh(), "定性：是");
    assert_eq!(parse_value("是").describe_en(), "qualitative: 是");
    assert_eq!(parse_value("").describe_zh(), "空白");
    assert_eq!(
        parse_value("90%以上完成").describe_zh(),
        "≥ 90%（附：完成）"
    );
    assert_eq!(parse_value("±3%以内").describe_en(), "within ±3%");
    assert_eq!(parse_value("5个").describe_en(), "5个 (bare value)");
}

#[test]
fn readings_serialize() {
    let json = serde_json::to_string(&parse_value("≥5.0%")).expect("serialize");
    assert!(json.contains("AtLeast") && json.contains("5.0"), "{json}");
}

/// Every piece of text a reading carries is a substring of the input.
fn carried_text_is_substring(input: &str, r: &Reading) -> bool {
    match r {
        Reading::Qualitative { text } => input.contains(text.as_str()),
        Reading::Bound { note, .. }
        | Reading::Range { note, .. }
        | Reading::Tolerance { note, .. } => input.contains(note.as_str()),
        Reading::Blank => true,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn never_panics_on_arbitrary_text(s in any::<String>()) {
        let r = parse_value(&s);
        // No hidden state: the same text reads the same way again.
        prop_assert_eq!(&parse_value(&s), &r);
        // Text that is not blank is never read as nothing.
        if let Reading::Qualitative { text } = &r {
            prop_assert!(!text.is_empty(), "{:?} read as empty text", s);
        }
        prop_assert!(carried_text_is_substring(&s, &r));
        let _ = (r.describe_zh(), r.describe_en(), r.to_string());
        let _ = r.admits(BareAs::AtLeast);
    }

    #[test]
    fn never_panics_on_value_like_text(
        s in r"[ \u{3000}\t\u{0}≥≤<>=＞＜＝±+\-~～至到不低于超过以上下内0-9０-９.．,，%％万千百亿元家个次e]{0,40}"
    ) {
        let r = parse_value(&s);
        prop_assert!(carried_text_is_substring(&s, &r));
        let _ = r.admits(BareAs::AtMost);
    }

    #[test]
    fn huge_digit_strings_do_not_panic(digits in r"[0-9]{20,60}", unit in r"(%|万|亿|亿元|家|)") {
        let s = format!("≥{digits}{unit}");
        let r = parse_value(&s);
        prop_assert!(carried_text_is_substring(&s, &r));
    }

    #[test]
    fn plain_percentages_round_trip(n in 0u32..100_000, scale in 0u32..3) {
        let v = Decimal::new(i64::from(n), scale);
        let s = format!("≥{v}%");
        prop_assert_eq!(
            parse_value(&s),
            Reading::Bound { comparator: Some(Comparator::AtLeast), quantity: Quantity::new(v, "%"), note: String::new() }
        );
    }
}
