//! Many documents at once: batch import into a directory, and one review row per workspace.

use std::collections::HashSet;
use std::fmt::Write;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::i18n::Lang;
use crate::model::Workspace;
use crate::review::{self, Finding, Severity};
use crate::text::{pad, visible};

use super::{Progress, csv_record, parallel_map, shown, workers};

/// What became of one input of a batch import.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImportResult {
    pub input: String,
    /// The workspace written, when imported.
    pub output: Option<String>,
    pub warnings: usize,
    /// Why the document was refused (not a budget, unreadable, output exists…).
    pub refused: Option<String>,
}

/// What a document gets when the program failed on it (a bug): the batch goes on.
const INTERNAL_ERROR: &str = "internal error while reading this document (please report it)";

/// The workspace name for `input` in `dir`: its file name with `.json` for its extension.
pub fn output_for(input: &Path, dir: &Path) -> PathBuf {
    let stem = input.file_stem().unwrap_or(input.as_os_str());
    dir.join(Path::new(stem).with_extension("json"))
}

/// Imports every input into `dir` (created when missing) on every core, reporting progress
/// on stderr. An existing workspace is replaced only with `force`, or with `update` (keeping
/// its dispositions, see [`super::triage::update_into`]); two inputs that would write the
/// same workspace (`a.pdf`, `a.txt`) are both refused rather than one lost.
pub fn import_all(
    inputs: &[PathBuf],
    dir: &Path,
    force: bool,
    update: bool,
) -> Result<Vec<ImportResult>, String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", shown(dir)))?;
    let mut seen = HashSet::new();
    let clashing: HashSet<PathBuf> = inputs
        .iter()
        .map(|i| output_for(i, dir))
        .filter(|o| !seen.insert(o.clone()))
        .collect();
    let progress = Progress::new(inputs.len());
    let results = parallel_map(
        inputs,
        workers(),
        |input| import_one(input, dir, (force, update), &clashing),
        |finished, i, r: &ImportResult| {
            let status = match &r.refused {
                Some(why) => format!("refused: {why}"),
                None => "imported".to_string(),
            };
            progress.step(finished, &inputs[i].display().to_string(), &status);
        },
    );
    Ok(inputs
        .iter()
        .zip(results)
        .map(|(input, r)| {
            r.unwrap_or_else(|| ImportResult {
                input: input.display().to_string(),
                output: None,
                warnings: 0,
                refused: Some(INTERNAL_ERROR.to_string()),
            })
        })
        .collect())
}

fn import_one(
    input: &Path,
    dir: &Path,
    (force, update): (bool, bool),
    clashing: &HashSet<PathBuf>,
) -> ImportResult {
    let out = output_for(input, dir);
    let mut result = ImportResult {
        input: input.display().to_string(),
        output: None,
        warnings: 0,
        refused: None,
    };
    if clashing.contains(&out) {
        result.refused = Some(format!("another input also becomes {}", out.display()));
        return result;
    }
    let update = update && out.exists();
    if out.exists() && !force && !update {
        result.refused = Some(format!(
            "{} exists; use --update to re-import it keeping its dispositions, or --force to \
             overwrite it",
            out.display()
        ));
        return result;
    }
    match crate::import::import_file(input) {
        Ok(outcome) => {
            let written = if update {
                super::triage::update_into(&out, outcome.workspace).map(|_| ())
            } else {
                let text = crate::store::to_json(&outcome.workspace);
                crate::store::write_atomically(&out, text.as_bytes()).map_err(|e| e.to_string())
            };
            match written {
                Ok(()) => {
                    result.output = Some(out.display().to_string());
                    result.warnings = outcome.warnings.len();
                }
                Err(e) => result.refused = Some(e),
            }
        }
        // The file name is in the first column already.
        Err(e) => result.refused = Some(e.message),
    }
    result
}

/// The summary table after a batch import: one line per document, then the counts.
pub fn import_summary(results: &[ImportResult], lang: Lang) -> String {
    let mut out = String::new();
    // The file name alone: the directory is the one the user named, and the output shows it.
    let name = |r: &ImportResult| {
        let path = Path::new(&r.input);
        visible(
            &path
                .file_name()
                .unwrap_or(path.as_os_str())
                .to_string_lossy(),
        )
        .into_owned()
    };
    let width = results
        .iter()
        .map(|r| crate::text::width(&name(r)))
        .max()
        .unwrap_or(0);
    for r in results {
        let (state, detail) = match &r.refused {
            None => (
                lang.pick("已导入", "imported"),
                format!(
                    "→ {} ({} {})",
                    r.output.as_deref().unwrap_or(""),
                    r.warnings,
                    lang.pick("条警告", "warnings")
                ),
            ),
            Some(why) => (lang.pick("未导入", "refused"), why.clone()),
        };
        let _ = writeln!(
            out,
            "{}  {}  {}",
            pad(&name(r), width),
            pad(state, 8),
            visible(&detail)
        );
    }
    let refused = results.iter().filter(|r| r.refused.is_some()).count();
    let imported = results.len() - refused;
    let _ = writeln!(
        out,
        "{}",
        match lang {
            Lang::Zh => format!(
                "共 {} 份：已导入 {imported}，未导入 {refused}",
                results.len()
            ),
            Lang::En => format!(
                "{} documents: {imported} imported, {refused} refused",
                results.len()
            ),
        }
    );
    out
}

/// One document of a season as the portfolio lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Row {
    pub file: String,
    pub department: String,
    pub year: Option<u32>,
    /// 收入预算 and 支出预算 totals and the 三公 total, as written.
    pub revenue: Option<String>,
    pub expenditure: Option<String>,
    pub three_public: Option<String>,
    pub errors: usize,
    pub warnings: usize,
    pub info: usize,
    /// Findings the reviewer accepted or rejected (counted above too).
    pub settled: usize,
    /// The most serious finding not settled by the reviewer (first in document order among
    /// the most serious).
    pub top_finding: Option<TopFinding>,
    /// Why the file could not be read; the other fields are then empty.
    pub unreadable: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TopFinding {
    pub rule: &'static str,
    pub severity: Severity,
    pub label: String,
    pub message_zh: String,
    pub message_en: String,
}

/// The row of a workspace and its findings.
pub fn row_of(file: &str, ws: &Workspace, findings: &[Finding]) -> Row {
    let [errors, warnings, info] = review::count_by_severity(findings);
    let text = |a: &Option<crate::model::Amount>| a.as_ref().map(|a| a.text().to_string());
    let index = super::triage::Index::new(ws);
    let settled = findings
        .iter()
        .filter(|f| index.state(f).is_settled())
        .count();
    let top = findings
        .iter()
        .filter(|f| !index.state(f).is_settled())
        .min_by_key(|f| f.severity)
        .map(|f| TopFinding {
            rule: f.rule,
            severity: f.severity,
            label: f.label.clone(),
            message_zh: f.message_zh.clone(),
            message_en: f.message_en.clone(),
        });
    Row {
        file: file.to_string(),
        department: ws.meta.department.clone(),
        year: ws.meta.year,
        revenue: text(&ws.overview.revenue.total),
        expenditure: text(&ws.overview.expenditure.total),
        three_public: text(&ws.three_public.total),
        errors,
        warnings,
        info,
        settled,
        top_finding: top,
        unreadable: None,
    }
}

/// Loads and checks every file on every core; rows sorted worst first (unreadable, then by
/// errors, warnings and info, most first), ties by file name.
pub fn check_all(files: &[PathBuf], lang: Lang) -> Vec<Row> {
    let unreadable = |file: String, why: String| Row {
        file,
        department: String::new(),
        year: None,
        revenue: None,
        expenditure: None,
        three_public: None,
        errors: 0,
        warnings: 0,
        info: 0,
        settled: 0,
        top_finding: None,
        unreadable: Some(why),
    };
    let rows = parallel_map(
        files,
        workers(),
        |path| {
            let file = path.display().to_string();
            match crate::store::load(path) {
                Ok(ws) => row_of(&file, &ws, &review::check(&ws)),
                Err(e) => unreadable(file, crate::i18n::open_error(path, &e, lang)),
            }
        },
        |_, _, _| {},
    );
    let mut rows: Vec<Row> = files
        .iter()
        .zip(rows)
        .map(|(path, row)| {
            row.unwrap_or_else(|| unreadable(path.display().to_string(), INTERNAL_ERROR.into()))
        })
        .collect();
    sort_worst_first(&mut rows);
    rows
}

/// Unreadable first, then by errors, warnings and info (most first), ties by file name.
pub fn sort_worst_first(rows: &mut [Row]) {
    rows.sort_by(worst_first);
}

/// The order of [`sort_worst_first`].
pub fn worst_first(a: &Row, b: &Row) -> std::cmp::Ordering {
    let key = |r: &Row| {
        (
            std::cmp::Reverse(r.unreadable.is_some()),
            std::cmp::Reverse((r.errors, r.warnings, r.info)),
        )
    };
    key(a).cmp(&key(b)).then_with(|| a.file.cmp(&b.file))
}

fn top_text(row: &Row, lang: Lang) -> String {
    if let Some(why) = &row.unreadable {
        return why.clone();
    }
    row.top_finding.as_ref().map_or_else(String::new, |t| {
        format!("{} {}", t.rule, lang.pick(&t.message_zh, &t.message_en))
    })
}

pub fn headings(lang: Lang) -> [&'static str; 11] {
    match lang {
        Lang::Zh => [
            "文件",
            "部门",
            "年度",
            "收入",
            "支出",
            "三公",
            "错误",
            "警告",
            "提示",
            "已处置",
            "首要问题",
        ],
        Lang::En => [
            "file",
            "department",
            "year",
            "revenue",
            "expenditure",
            "3-public",
            "errors",
            "warnings",
            "info",
            "settled",
            "top finding",
        ],
    }
}

pub fn cells(row: &Row, lang: Lang) -> [String; 11] {
    let opt = |v: &Option<String>| v.clone().unwrap_or_default();
    [
        row.file.clone(),
        row.department.clone(),
        row.year.map(|y| y.to_string()).unwrap_or_default(),
        opt(&row.revenue),
        opt(&row.expenditure),
        opt(&row.three_public),
        row.errors.to_string(),
        row.warnings.to_string(),
        row.info.to_string(),
        row.settled.to_string(),
        top_text(row, lang),
    ]
}

/// The portfolio as an aligned table (double-width characters counted), then the counts.
pub fn rows_text(rows: &[Row], lang: Lang) -> String {
    let head = headings(lang);
    // The file name alone in the table: a shared directory prefix would fill the column.
    let table: Vec<[String; 11]> = rows
        .iter()
        .map(|r| {
            let mut cells = cells(r, lang);
            if let Some(name) = Path::new(&r.file).file_name() {
                cells[0] = name.to_string_lossy().into_owned();
            }
            cells
        })
        .collect();
    let widths: Vec<usize> = (0..10)
        .map(|c| {
            table
                .iter()
                .map(|r| crate::text::width(&visible(&r[c])))
                .chain([crate::text::width(head[c])])
                .max()
                .unwrap_or(0)
                .min(if c < 2 { 32 } else { 16 })
        })
        .collect();
    let mut out = String::new();
    let line = |cols: Vec<&str>, out: &mut String| {
        let mut text = String::new();
        for (c, col) in cols.iter().enumerate() {
            let cell = visible(col);
            if c < 10 {
                text.push_str(&pad(&cell, widths[c]));
                text.push_str("  ");
            } else {
                text.push_str(&cell);
            }
        }
        let _ = writeln!(out, "{}", text.trim_end());
    };
    line(head.to_vec(), &mut out);
    for r in &table {
        line(r.iter().map(String::as_str).collect(), &mut out);
    }
    let with_errors = rows.iter().filter(|r| r.errors > 0).count();
    let unreadable = rows.iter().filter(|r| r.unreadable.is_some()).count();
    let _ = writeln!(
        out,
        "{}",
        match lang {
            Lang::Zh => format!(
                "共 {} 份：有错误 {with_errors}，无法读取 {unreadable}",
                rows.len()
            ),
            Lang::En => format!(
                "{} documents: {with_errors} with errors, {unreadable} unreadable",
                rows.len()
            ),
        }
    );
    out
}

/// The portfolio as cells, a heading row first (for CSV and the XLSX summary sheet).
pub fn rows_table(rows: &[Row], lang: Lang) -> Vec<Vec<String>> {
    let head = headings(lang).iter().map(|h| h.to_string()).collect();
    std::iter::once(head)
        .chain(rows.iter().map(|r| cells(r, lang).to_vec()))
        .collect()
}

/// The portfolio as CSV with a heading row.
pub fn rows_csv(rows: &[Row], lang: Lang) -> String {
    rows_table(rows, lang)
        .iter()
        .map(|r| csv_record(r))
        .collect()
}
