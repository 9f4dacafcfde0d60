//! Triage from the command line: dispositions recorded in a workspace survive re-check and
//! `import --update` of the same PDF; a finding whose figures the revised draft changed is
//! reopened; check and the exports carry disposition and note.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use budget_workbench::model::{Amount, Decision, Workspace};
use budget_workbench::review::{self, Finding};
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

/// The running-costs total the document states against the sum of its items.
fn running_costs_finding(findings: &[Finding]) -> Finding {
    findings
        .iter()
        .find(|f| {
            // The place as text, whatever type it has.
            f.rule == "sum.mismatch"
                && matches!(f.pointer.to_string().as_str(), "/running_costs/total")
        })
        .expect("the PDF's running costs do not add up")
        .clone()
}

/// A finding without figures (a missing 依据).
fn basis_finding(findings: &[Finding]) -> Finding {
    findings
        .iter()
        .find(|f| f.rule == "complete.missing_basis")
        .expect("a missing basis")
        .clone()
}

/// Records the reviewer's `decision` with `note` on `f`, as the workbench's `m` does.
fn decide(ws: &mut Workspace, f: &Finding, decision: Decision, note: &str) {
    let value = triage::disposition_for(f, decision, note);
    triage::put(ws, f.rule, &f.pointer.to_string(), Some(value));
}

/// The running-costs finding as `check --format json` prints it.
fn checked_running_costs(path: &Path) -> Value {
    let checked = run(&["check", s(path), "--format", "json"]);
    let rows: Vec<Value> = serde_json::from_slice(&checked.stdout).unwrap();
    rows.into_iter()
        .find(|r| r["rule"] == "sum.mismatch" && r["pointer"] == "/running_costs/total")
        .expect("the running costs finding")
}

#[test]
fn dispositions_survive_import_update_of_the_same_pdf() {
    let tmp = tempfile::tempdir().unwrap();
    let path = imported(tmp.path());
    let mut ws = store::load(&path).unwrap();
    let findings = review::check(&ws);
    let sum = running_costs_finding(&findings);
    let basis = basis_finding(&findings);
    decide(&mut ws, &sum, Decision::Accepted, "说明中已解释口径差异");
    decide(&mut ws, &basis, Decision::ToFix, "请补充依据");
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
        triage::state(&again, &running_costs_finding(&findings)),
        State::Decided(Decision::Accepted)
    );
    assert_eq!(
        triage::state(&again, &basis_finding(&findings)),
        State::Decided(Decision::ToFix)
    );
    // The replaced version is kept beside it, byte for byte.
    assert_eq!(std::fs::read(triage::previous_path(&path)).unwrap(), before);

    // check --format json carries the decision and the note.
    let row = checked_running_costs(&path);
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
    // The draft the reviewer decided on stated a different running-costs total.
    let mut ws = store::load(&path).unwrap();
    let printed = ws.running_costs.total.clone().unwrap();
    ws.running_costs.total = Some(Amount::parse("212"));
    let old = running_costs_finding(&review::check(&ws));
    assert_eq!(old.stated.as_deref(), Some("212"));
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
    assert_eq!(again.running_costs.total, Some(printed));
    let now = running_costs_finding(&review::check(&again));
    assert_ne!(now.stated, old.stated);
    assert_eq!(
        triage::state(&again, &now),
        State::Reopened(Decision::Rejected)
    );
    assert_eq!(checked_running_costs(&path)["reopened"], true);
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
