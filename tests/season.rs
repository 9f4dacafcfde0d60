//! A budget season from the command line: batch import and check of the vendored PDFs,
//! the exports (CSV, XLSX read back by a real reader, Markdown opinion) and the diff.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use budget_workbench::model::Amount;
use budget_workbench::review;
use budget_workbench::season::diff::{Group, diff};
use budget_workbench::store;
use budget_workbench::store::diff::ChangeKind;
use calamine::{Reader, Xlsx, open_workbook};
use serde_json::Value;

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_budget-workbench"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("runs")
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn sample() -> PathBuf {
    root().join("sample-data/fagaiju-2021.json")
}

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

/// Imports the vendored PDFs (two budgets, one request form) into `dir`.
fn import_fixtures(dir: &Path) -> Output {
    let pdfs = root().join("tests/fixtures/pdf");
    run(&["import", s(&pdfs), "-o", s(dir)])
}

#[test]
fn a_directory_of_pdfs_is_imported_and_checked_end_to_end() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("season");
    let imported = import_fixtures(&out);
    // Every vendored PDF is a budget but the request form.
    let mut budgets: Vec<String> = std::fs::read_dir(root().join("tests/fixtures/pdf"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".pdf") && n != "jinan-request-form.pdf")
        .collect();
    budgets.sort();
    let n = budgets.len() + 1;
    // The request form is refused, so the batch exits 2 and says why.
    assert_eq!(imported.status.code(), Some(2));
    let summary = String::from_utf8_lossy(&imported.stdout);
    assert!(summary.contains("jinan-request-form.pdf"), "{summary}");
    assert!(summary.contains("not a budget"), "{summary}");
    assert!(
        summary.contains(&format!("已导入 {}，未导入 1", budgets.len())),
        "{summary}"
    );
    // Not a terminal: progress is one plain line per document, no control sequence.
    let progress = String::from_utf8_lossy(&imported.stderr);
    assert_eq!(
        progress.lines().filter(|l| l.starts_with('[')).count(),
        n,
        "{progress}"
    );
    assert!(progress.contains(&format!("[{n}/{n}] ")), "{progress}");
    assert!(!progress.contains('\u{1b}'), "{progress}");
    let mut written: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    written.sort();
    let expected: Vec<String> = budgets.iter().map(|b| b.replace(".pdf", ".json")).collect();
    assert_eq!(written, expected);
    // Without --force a second run refuses every existing workspace rather than replace it.
    let again = import_fixtures(&out);
    assert!(String::from_utf8_lossy(&again.stdout).contains(&format!("已导入 0，未导入 {n}")));

    let checked = run(&["check", s(&out), "--format", "json"]);
    let rows: Vec<Value> = serde_json::from_slice(&checked.stdout).unwrap();
    assert_eq!(rows.len(), budgets.len());
    let mut any_errors = false;
    for row in &rows {
        let ws = store::load(Path::new(row["file"].as_str().unwrap())).unwrap();
        let [e, w, i] = review::count_by_severity(&review::check(&ws));
        any_errors |= e > 0;
        assert_eq!(row["department"], ws.meta.department.as_str());
        assert_eq!(
            [&row["errors"], &row["warnings"], &row["info"]],
            [&Value::from(e), &Value::from(w), &Value::from(i)]
        );
        let total = ws.overview.expenditure.total.as_ref().map(Amount::text);
        assert_eq!(row["expenditure"].as_str(), total);
    }
    // Worst first.
    let errors: Vec<u64> = rows.iter().map(|r| r["errors"].as_u64().unwrap()).collect();
    assert!(errors.windows(2).all(|w| w[0] >= w[1]), "{errors:?}");
    assert_eq!(checked.status.code(), Some(if any_errors { 1 } else { 0 }));
}

#[test]
fn batch_check_reports_an_unreadable_file_first_and_exits_2() {
    let tmp = tempfile::tempdir().unwrap();
    let bad = tmp.path().join("broken.json");
    std::fs::write(&bad, "{ not json").unwrap();
    let clean = root().join("tests/fixtures/review_clean.json");
    let out = run(&["check", s(&clean), s(&bad), "--format", "csv"]);
    assert_eq!(out.status.code(), Some(2));
    let text = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert!(lines[1].contains("broken.json"), "{text}");
}

#[test]
fn xlsx_export_reads_back_with_the_figures_of_check_json() {
    let tmp = tempfile::tempdir().unwrap();
    let book_path = tmp.path().join("findings.xlsx");
    let clean = root().join("tests/fixtures/review_clean.json");
    let out = run(&[
        "export",
        s(&sample()),
        s(&clean),
        "--format",
        "xlsx",
        "-o",
        s(&book_path),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut book: Xlsx<_> = open_workbook(&book_path).expect("a real reader opens it");
    let names = book.sheet_names();
    assert_eq!(names.len(), 3, "{names:?}");
    assert_eq!(names[0], "汇总");
    for (file, sheet) in [(sample(), &names[1]), (clean, &names[2])] {
        let check = run(&["check", s(&file), "--format", "json"]);
        let findings: Vec<Value> = serde_json::from_slice(&check.stdout).unwrap();
        let range = book.worksheet_range(sheet).unwrap();
        let rows: Vec<Vec<String>> = range
            .rows()
            .map(|r| r.iter().map(|c| c.to_string()).collect())
            .collect();
        let col = |name: &str| rows[0].iter().position(|h| h == name).unwrap();
        let (rule, stated, expected, diff) = (col("规则"), col("填报数"), col("应为"), col("差额"));
        assert_eq!(rows.len() - 1, findings.len(), "{sheet}");
        for (row, f) in rows[1..].iter().zip(&findings) {
            let text = |k: &str| f[k].as_str().unwrap_or("").to_string();
            assert_eq!(row[rule], text("rule"));
            assert_eq!(row[stated], text("stated"));
            assert_eq!(row[expected], text("expected"));
            assert_eq!(row[diff], text("difference"));
        }
    }
}

#[test]
fn markdown_opinion_for_the_sample() {
    let out = run(&["export", s(&sample()), "--format", "md"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    // The file name differs between checkouts; the opinion is about its contents.
    let text = text.replace(s(&sample()), "sample-data/fagaiju-2021.json");
    insta::assert_snapshot!("fagaiju_2021_opinion", text);
}

#[test]
fn csv_export_defuses_formulas_and_control_characters() {
    let tmp = tempfile::tempdir().unwrap();
    let mut ws = store::sample();
    ws.meta.department = "=HYPERLINK(\"http://x\")\u{1b}[2J".into();
    let path = tmp.path().join("hostile.json");
    std::fs::write(&path, store::to_json(&ws)).unwrap();
    let out = run(&["export", s(&path), "--format", "csv"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(!text.contains('\u{1b}'));
    let row = text.lines().nth(1).unwrap();
    assert!(row.contains(",\"'=HYPERLINK("), "{row}");
    // Negative differences stay numbers.
    assert!(text.contains(",-"), "{text}");
}

#[test]
fn diff_names_changed_figures_with_exact_differences() {
    let old = store::sample();
    let mut new = old.clone();
    let before = new.overview.expenditure.total.clone().unwrap();
    new.overview.expenditure.total = Some(Amount::parse("1400.05"));
    let report = diff(&old, &new, budget_workbench::i18n::Lang::Zh);
    let item = report
        .items
        .iter()
        .find(|i| i.pointer == "/overview/expenditure/total")
        .expect("the edited figure");
    assert_eq!(item.group, Group::Figure);
    assert_eq!(item.place, "预算总体情况 · 支出预算 · 合计");
    assert_eq!(item.old, before.text());
    let expected = (rust_decimal::Decimal::from_str_exact("1400.05").unwrap()
        - before.value().unwrap())
    .normalize()
    .to_string();
    assert_eq!(item.difference.as_deref(), Some(expected.as_str()));
    // The total no longer equals its parts: a finding the old draft did not have.
    assert!(report.new_findings.iter().any(|f| f.rule == "sum.mismatch"));
}

#[test]
fn diff_lists_indicators_added_and_removed_and_resolved_findings() {
    let old = store::sample();
    let mut new = old.clone();
    let project = &mut new.performance.projects[1];
    let name = project.indicators[0].name.clone();
    project.indicators.push(project.indicators[0].clone());
    let report = diff(&old, &new, budget_workbench::i18n::Lang::Zh);
    let added: Vec<_> = report
        .items
        .iter()
        .filter(|i| i.kind == ChangeKind::Added)
        .collect();
    assert_eq!(added.len(), 1, "{:?}", report.items);
    assert_eq!(added[0].group, Group::Indicator);
    assert!(added[0].place.contains(name.trim()), "{}", added[0].place);
    // And back: the same difference read the other way is a removal.
    let back = diff(&new, &old, budget_workbench::i18n::Lang::Zh);
    assert!(back.items.iter().any(|i| i.kind == ChangeKind::Removed));
    assert_eq!(back.resolved, report.new_findings);
}

#[test]
fn diff_of_a_draft_with_itself_is_empty_and_cli_exits_0() {
    let out = run(&["diff", s(&sample()), s(&sample())]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("两个版本相同"));
    let json = run(&["diff", s(&sample()), s(&sample()), "--format", "json"]);
    let v: Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(v["items"], Value::Array(vec![]));
}
