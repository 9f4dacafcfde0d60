//! Text and JSON rendering of findings and of the grade report.

use budget_workbench::report::{self, Lang, Outcome, RowKind};
use budget_workbench::review::{self, Finding, Section, Severity};
use budget_workbench::store;

fn sample_findings() -> Vec<Finding> {
    vec![
        Finding::new(
            "sum.mismatch",
            Severity::Error,
            Section::Overview,
            "/overview/expenditure/total"
                .parse::<budget_workbench::model::Place>()
                .unwrap(),
            "预算总体情况 · 支出 · 合计",
            "支出合计填报为 10，各项之和 9".into(),
            "Total expenditure is 10 but parts add to 9".into(),
        )
        .with_figures("10".parse().unwrap(), "9".parse().unwrap())
        .with_counterpart(
            budget_workbench::model::Place::at(&["overview", "revenue", "total"]),
            "预算总体情况 · 收入 · 合计",
        ),
        Finding::new(
            "ladder.gap",
            Severity::Warning,
            Section::Matrix,
            "/performance/matrix/duties/0/activities/0/indicators/0"
                .parse::<budget_workbench::model::Place>()
                .unwrap(),
            "职责活动绩效目标 · 一、x · 1、y · \u{1b}[31m红\u{202e}",
            "存在空档".into(),
            "gap".into(),
        ),
        Finding::new(
            "amount.not_number",
            Severity::Info,
            Section::Assets,
            "/assets/total/quantity"
                .parse::<budget_workbench::model::Place>()
                .unwrap(),
            "国有资产 · 合计 · 数量",
            "金额“- -”不是数字".into(),
            "not a number".into(),
        ),
    ]
}

#[test]
fn text_groups_by_section_with_count_line() {
    let text = report::findings_text(&sample_findings(), Lang::Zh, false);
    let overview = text
        .find("== 预算总体情况 (1) ==")
        .expect("overview heading");
    let matrix = text
        .find("== 职责活动绩效目标 (1) ==")
        .expect("matrix heading");
    let assets = text.find("== 国有资产 (1) ==").expect("assets heading");
    assert!(overview < matrix && matrix < assets);
    assert!(
        text.trim_end().ends_with("共 3 条：错误 1，警告 1，提示 1"),
        "{text}"
    );
    assert!(text.contains("sum.mismatch"));
    assert!(text.contains("/overview/expenditure/total"));
    let en = report::findings_text(&sample_findings(), Lang::En, false);
    assert!(en.contains("== Budget overview (1) =="));
    assert!(
        en.trim_end()
            .ends_with("3 findings: 1 error, 1 warning, 1 info"),
        "{en}"
    );
    assert!(en.contains("Total expenditure is 10"));
}

#[test]
fn text_has_no_ansi_or_controls_without_colour() {
    let text = report::findings_text(&sample_findings(), Lang::Zh, false);
    assert!(!text.contains('\u{1b}'));
    assert!(!text.contains('\u{202e}'));
    assert!(text.contains("\\u{1b}[31m红\\u{202e}"), "{text}");
    assert!(
        !text
            .chars()
            .any(|c| c != '\n' && budget_workbench::text::is_unsafe_char(c))
    );
}

#[test]
fn text_is_coloured_when_asked() {
    let text = report::findings_text(&sample_findings(), Lang::Zh, true);
    assert!(text.contains("\u{1b}[1;31m"));
    assert!(text.contains("\u{1b}[0m"));
    // Escapes come only from the renderer: the file's ESC is still shown escaped.
    assert!(text.contains("\\u{1b}[31m红"));
}

#[test]
fn no_findings_text() {
    let text = report::findings_text(&[], Lang::En, false);
    assert!(text.contains("No findings"));
    assert!(text.contains("0 findings"));
    assert!(!report::has_errors(&[]));
    assert!(report::has_errors(&sample_findings()));
}

#[test]
fn json_shape_is_stable() {
    let json = report::findings_json(&sample_findings());
    assert!(!json.contains('\u{1b}') && !json.contains('\u{202e}'));
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    let items = value.as_array().expect("array");
    assert_eq!(items.len(), 3);
    let keys: Vec<&str> = items[0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let mut expected = vec![
        "rule",
        "severity",
        "section",
        "pointer",
        "label",
        "message_zh",
        "message_en",
        "stated",
        "expected",
        "difference",
        "page",
        "counterpart",
    ];
    let mut sorted = keys.clone();
    sorted.sort();
    expected.sort();
    assert_eq!(sorted, expected);
    for item in items {
        assert_eq!(item.as_object().unwrap().len(), 12);
    }
    assert_eq!(items[0]["severity"], "error");
    assert_eq!(items[0]["section"], "overview");
    assert_eq!(items[0]["stated"], "10");
    assert_eq!(items[0]["expected"], "9");
    assert_eq!(items[0]["difference"], "1");
    // The other side of a two-place finding: its pointer, label and page, like the finding's.
    assert_eq!(
        items[0]["counterpart"],
        serde_json::json!({"pointer": "/overview/revenue/total", "label": "预算总体情况 · 收入 · 合计", "page": null})
    );
    assert_eq!(items[1]["counterpart"], serde_json::Value::Null);
    assert_eq!(items[1]["page"], serde_json::Value::Null);
    assert_eq!(items[1]["section"], "matrix");
    assert!(items[1]["stated"].is_null());
    // The label survives exactly, escaped only in transport.
    assert_eq!(
        items[1]["label"],
        "职责活动绩效目标 · 一、x · 1、y · \u{1b}[31m红\u{202e}"
    );
    assert_eq!(items[2]["severity"], "info");
}

#[test]
fn seed_json_round_trips() {
    let f = review::check(&store::sample());
    let json = report::findings_json(&f);
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value.as_array().unwrap().len(), f.len());
}

// ---- grade report ----

fn graded_workspace() -> budget_workbench::model::Workspace {
    let text = include_str!("fixtures/review_clean.json");
    store::parse_str(text, "fixture.json").unwrap()
}

#[test]
fn grade_report_rows() {
    let ws = graded_workspace();
    let rows = report::grade_report(&ws);
    // Four matrix indicators, then two project indicators with actual values.
    assert_eq!(rows.len(), 6);
    let first = &rows[0];
    assert_eq!(first.kind, RowKind::Matrix);
    assert_eq!(first.path, "一、组织编制规划 · 1、中长期规划编制");
    assert_eq!(first.name, "规划编制完成率");
    assert_eq!(
        first.pointer,
        "/performance/matrix/duties/0/activities/0/indicators/0"
    );
    assert_eq!(first.standards.len(), 4);
    assert_eq!(first.standards[1].text, "≥95%");
    assert_eq!(first.actual.as_deref(), Some("96%"));
    assert_eq!(
        first.outcome,
        Outcome::Graded {
            grade: "good",
            grade_zh: "良"
        }
    );
    assert_eq!(rows[1].outcome, Outcome::NoActual);
    let met = &rows[4];
    assert_eq!(
        (met.kind, met.name.as_str()),
        (RowKind::Project, "完成推广率")
    );
    assert_eq!(met.outcome, Outcome::Met);
    assert!(matches!(rows[5].outcome, Outcome::NotMet { .. }));
}

#[test]
fn grade_report_reasons_when_no_grade() {
    let mut ws = graded_workspace();
    let ind = &mut ws.performance.matrix.duties[0].activities[0].indicators[0];
    ind.actual = Some("很好".into());
    let rows = report::grade_report(&ws);
    match &rows[0].outcome {
        Outcome::NoGrade { code, .. } => assert_eq!(*code, "grade.not_a_number"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn grades_text_and_json() {
    let rows = report::grade_report(&graded_workspace());
    let text = report::grades_text(&rows, Lang::Zh, false);
    assert!(
        text.contains("== 职责活动 · 一、组织编制规划 · 1、中长期规划编制 =="),
        "{text}"
    );
    assert!(text.contains("等级：良"));
    assert!(text.contains("达到目标"));
    assert!(!text.contains('\u{1b}'));
    let en = report::grades_text(&rows, Lang::En, false);
    assert!(en.contains("grade: good"));
    let json = report::grades_json(&rows);
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    let first = &value[0];
    assert_eq!(first["kind"], "matrix");
    assert_eq!(first["outcome"]["status"], "graded");
    assert_eq!(first["outcome"]["grade"], "good");
    assert_eq!(first["standards"][0]["grade"], "excellent");
    assert_eq!(first["standards"][0]["text"], "≥100%");
    assert_eq!(value[4]["kind"], "project");
    assert_eq!(value[4]["outcome"]["status"], "met");
    assert_eq!(value[5]["outcome"]["status"], "not_met");
}

#[test]
fn seed_grade_report_lists_every_graded_indicator() {
    let ws = store::sample();
    let rows = report::grade_report(&ws);
    let graded: usize = ws.graded_indicators().count();
    assert_eq!(rows.len(), graded);
    let users = rows
        .iter()
        .find(|r| r.name == "用户数量")
        .expect("用户数量");
    assert!(users.problems.iter().any(|p| p.code == "ladder.gap"));
    assert!(users.standards.iter().any(|s| s.text == "8千家"));
}
