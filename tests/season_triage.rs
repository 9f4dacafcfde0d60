//! Triage from the command line: dispositions recorded in a workspace survive re-check and
//! `import --update` of the same PDF; a finding whose figures the revised draft changed is
//! reopened; check and the exports carry disposition and note.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use budget_workbench::model::{Amount, Decision, Workspace};
use budget_workbench::review::{self, Finding, Severity};
use budget_workbench::season::triage::{self, State};
use budget_workbench::store;
use serde_json::Value;

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_budget-workbench"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("runs")
}

fn pdf() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pdf/changchun-xinfang-2026.pdf")
}

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

/// Imports the 长春 信访局 PDF into `dir/ws.json`.
fn imported(dir: &Path) -> PathBuf {
    let ws = dir.join("ws.json");
    let out = run(&["import", s(&pdf()), "-o", s(&ws)]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    ws
}

/// 长春 预算表6 as published: 301 工资福利支出 911.21 is not the sum of its items (920.96).
fn subtotal_finding(findings: &[Finding]) -> Finding {
    findings
        .iter()
        .find(|f| f.rule == "table.code_sum" && f.severity == Severity::Error && f.stated.is_some())
        .expect("the published subtotal that leaves out a row")
        .clone()
}

/// A finding without figures: 长春 gives one subject code twice.
fn duplicate_finding(findings: &[Finding]) -> Finding {
    findings
        .iter()
        .find(|f| f.rule == "table.duplicate_code")
        .expect("a code given twice")
        .clone()
}

/// Records the reviewer's `decision` with `note` on `f`, as the workbench's `m` does.
fn decide(ws: &mut Workspace, f: &Finding, decision: Decision, note: &str) {
    let value = triage::disposition_for(f, decision, note);
    triage::put(ws, f.rule, &f.pointer.to_string(), Some(value));
}

/// `f` as `check --format json` prints it.
fn checked(path: &Path, f: &Finding) -> Value {
    let checked = run(&["check", s(path), "--format", "json"]);
    let rows: Vec<Value> = serde_json::from_slice(&checked.stdout).unwrap();
    rows.into_iter()
        .find(|r| r["rule"] == f.rule && r["pointer"] == f.pointer.to_string())
        .expect("the finding in check's output")
}

/// Sets the table cell `place` (`/tables/T/rows/R/cells/C`) to `text`.
fn set_cell(ws: &mut Workspace, place: &budget_workbench::model::Place, text: &str) {
    let tokens: Vec<String> = place.tokens().map(|t| t.into_owned()).collect();
    let index = |i: usize| tokens[i].parse::<usize>().expect("an index");
    assert_eq!((tokens[0].as_str(), tokens[2].as_str()), ("tables", "rows"));
    ws.tables[index(1)].rows[index(3)].cells[index(5)] = Some(Amount::parse(text));
}

#[test]
fn dispositions_survive_import_update_of_the_same_pdf() {
    let tmp = tempfile::tempdir().unwrap();
    let path = imported(tmp.path());
    let mut ws = store::load(&path).unwrap();
    let findings = review::check(&ws);
    let sum = subtotal_finding(&findings);
    let twice = duplicate_finding(&findings);
    decide(&mut ws, &sum, Decision::Accepted, "说明中已解释口径差异");
    decide(&mut ws, &twice, Decision::ToFix, "请补充依据");
    // An actual value the reviewer recorded (the draft never states one).
    ws.performance.projects[0].indicators[0].actual = Some("98%".into());
    store::save(&ws, &path).unwrap();
    let before = std::fs::read(&path).unwrap();

    let out = run(&["import", s(&pdf()), "-o", s(&path), "--update"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let again = store::load(&path).unwrap();
    assert_eq!(again.dispositions, ws.dispositions);
    assert_eq!(
        again.performance.projects[0].indicators[0]
            .actual
            .as_deref(),
        Some("98%")
    );
    let findings = review::check(&again);
    assert_eq!(
        triage::state(&again, &subtotal_finding(&findings)),
        State::Decided(Decision::Accepted)
    );
    assert_eq!(
        triage::state(&again, &duplicate_finding(&findings)),
        State::Decided(Decision::ToFix)
    );
    // The replaced version is kept beside it, byte for byte.
    assert_eq!(std::fs::read(triage::previous_path(&path)).unwrap(), before);

    // check --format json carries the decision and the note.
    let row = checked(&path, &sum);
    assert_eq!(row["disposition"], "accepted");
    assert_eq!(row["note"], "说明中已解释口径差异");
    assert!(row.get("reopened").is_none());
    let checked = run(&["check", s(&path), "--format", "json"]);
    let rows: Vec<Value> = serde_json::from_slice(&checked.stdout).unwrap();
    let undecided = rows
        .iter()
        .filter(|r| r.get("disposition").is_none())
        .count();
    assert_eq!(undecided, rows.len() - 2);

    // The opinion leaves the accepted item out of the problems and lists it after them.
    let md = run(&["export", s(&path), "--format", "md"]);
    let md = String::from_utf8(md.stdout).unwrap();
    let (problems, appendix) = md.split_once("## 附").expect("an appendix");
    assert!(!problems.contains("说明中已解释口径差异"), "{md}");
    assert!(appendix.contains("说明中已解释口径差异"), "{md}");
    assert!(problems.contains("请补充依据"), "{md}");
    // The CSV has the disposition and the note.
    let csv = String::from_utf8(run(&["export", s(&path), "--format", "csv"]).stdout).unwrap();
    assert!(
        csv.lines().next().unwrap().ends_with("处置,审核备注"),
        "{csv}"
    );
    assert!(csv.contains("已接受,说明中已解释口径差异"), "{csv}");
}

#[test]
fn a_finding_whose_figures_the_new_draft_changed_is_reopened() {
    let tmp = tempfile::tempdir().unwrap();
    let path = imported(tmp.path());
    // The draft the reviewer decided on stated 912.21 for 301 工资福利支出 (printed: 911.21).
    let mut ws = store::load(&path).unwrap();
    let printed = subtotal_finding(&review::check(&ws));
    set_cell(&mut ws, &printed.pointer, "912.21");
    let same_place = |findings: Vec<Finding>| {
        findings
            .into_iter()
            .find(|f| f.rule == printed.rule && f.pointer == printed.pointer)
            .expect("the finding at the same place")
    };
    let old = same_place(review::check(&ws));
    assert_eq!(old.stated.as_deref(), Some("912.21"));
    decide(&mut ws, &old, Decision::Rejected, "口径不同");
    store::save(&ws, &path).unwrap();
    assert_eq!(triage::state(&ws, &old), State::Decided(Decision::Rejected));

    // The revised draft (the PDF) states the printed total again.
    let out = run(&["import", s(&pdf()), "-o", s(&path), "--update"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let again = store::load(&path).unwrap();
    let now = same_place(review::check(&again));
    assert_eq!(now.stated, printed.stated);
    assert_ne!(now.stated, old.stated);
    assert_eq!(
        triage::state(&again, &now),
        State::Reopened(Decision::Rejected)
    );
    assert_eq!(checked(&path, &now)["reopened"], true);
    // A reopened finding is a problem again in the opinion.
    let md = String::from_utf8(run(&["export", s(&path), "--format", "md"]).stdout).unwrap();
    assert!(!md.contains("## 附"), "{md}");
    assert!(md.contains("重新打开（原误报）"), "{md}");
}

#[test]
fn update_refuses_a_missing_workspace() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("none.json");
    let out = run(&["import", s(&pdf()), "-o", s(&path), "--update"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--update"));
    assert!(!path.exists());
}

#[test]
fn a_workspace_without_dispositions_saves_byte_identical() {
    let sample = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("sample-data/fagaiju-2021.json");
    let text = std::fs::read_to_string(&sample).unwrap();
    let ws = store::parse_str(&text, "sample").unwrap();
    assert!(ws.dispositions.is_empty());
    assert_eq!(store::to_json(&ws), text);
}

#[test]
fn a_decision_from_a_newer_build_is_kept_and_counts_as_undecided() {
    let sample = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("sample-data/fagaiju-2021.json");
    let ws = store::load(&sample).unwrap();
    let f = review::check(&ws).remove(0);
    let mut json: Value = serde_json::from_str(&store::to_json(&ws)).unwrap();
    json["dispositions"] = serde_json::json!([{
        "rule": f.rule,
        "place": f.pointer.to_string(),
        "decision": "deferred",
        "note": "下次再看"
    }]);
    let text = serde_json::to_string_pretty(&json).unwrap();
    let read = store::parse_str(&text, "newer.json").unwrap();
    assert_eq!(triage::state(&read, &f), State::Open);
    let again = store::to_json(&read);
    assert!(again.contains("\"decision\": \"deferred\""), "{again}");
}
