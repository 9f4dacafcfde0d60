//! The exports a reviewer files: findings as CSV and XLSX, a Markdown 审核意见 (review
//! opinion) per department, and a workspace's disclosure tables as CSV.
//!
//! All text from a file goes through [`super::csv_field`] or [`super::md_text`] (visible,
//! formula starts defused); XLSX cells are written as strings, so figures keep their exact
//! decimal text (a spreadsheet number would be a binary float).

use std::collections::HashSet;
use std::fmt::Write;

use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

use crate::model::Workspace;
use crate::review::{Finding, Section, count_by_severity};
use crate::synth::chinese_number;
use crate::text::visible;

use super::portfolio::{Row, row_of};
use super::triage::{self, State};
use super::{csv_record, md_text};

/// One workspace with its findings, as the exports take it.
pub struct Document {
    /// The file it was read from ("" for the embedded sample).
    pub file: String,
    pub workspace: Workspace,
    pub findings: Vec<Finding>,
}

impl Document {
    pub fn new(file: String, workspace: Workspace) -> Document {
        let findings = crate::review::check(&workspace);
        Document {
            file,
            workspace,
            findings,
        }
    }

    fn row(&self) -> Row {
        row_of(&self.file, &self.workspace, &self.findings)
    }

    /// The department's name, or the file's when the document names none.
    pub fn name(&self) -> String {
        let dept = self.workspace.meta.department.trim();
        if !dept.is_empty() {
            return dept.to_string();
        }
        std::path::Path::new(&self.file).file_stem().map_or_else(
            || "workspace".to_string(),
            |s| s.to_string_lossy().into_owned(),
        )
    }
}

fn findings_heading(lang: crate::i18n::Lang) -> [&'static str; 18] {
    match lang {
        crate::i18n::Lang::Zh => [
            "文件",
            "部门",
            "年度",
            "严重程度",
            "规则",
            "章节",
            "页码",
            "位置",
            "说明",
            "填报数",
            "应为",
            "差额",
            "指针",
            "对方位置",
            "对方页码",
            "对方指针",
            "处置",
            "审核备注",
        ],
        crate::i18n::Lang::En => [
            "file",
            "department",
            "year",
            "severity",
            "rule",
            "section",
            "page",
            "place",
            "message",
            "stated",
            "expected",
            "difference",
            "pointer",
            "counterpart",
            "counterpart page",
            "counterpart pointer",
            "disposition",
            "note",
        ],
    }
}

fn finding_cells(doc: &Document, f: &Finding, lang: crate::i18n::Lang) -> [String; 18] {
    let ws = &doc.workspace;
    let opt = |v: &Option<String>| v.clone().unwrap_or_default();
    let other = f.counterpart.as_ref();
    let disposition = triage::find(ws, f);
    [
        doc.file.clone(),
        ws.meta.department.clone(),
        ws.meta.year.map(|y| y.to_string()).unwrap_or_default(),
        f.severity.label(lang).to_string(),
        f.rule.to_string(),
        f.section.label(lang).to_string(),
        f.page.map(|p| p.to_string()).unwrap_or_default(),
        f.label.clone(),
        f.message(lang).to_string(),
        opt(&f.stated),
        opt(&f.expected),
        opt(&f.difference),
        f.pointer.to_string(),
        other.map(|c| c.label.clone()).unwrap_or_default(),
        other
            .and_then(|c| c.page)
            .map(|p| p.to_string())
            .unwrap_or_default(),
        other.map(|c| c.place.to_string()).unwrap_or_default(),
        match triage::state_of(disposition, f) {
            State::Open => String::new(),
            state => state.label(lang),
        },
        disposition.map(|d| d.note.clone()).unwrap_or_default(),
    ]
}

/// Every finding of every document as CSV, one heading row.
pub fn findings_csv(docs: &[Document], lang: crate::i18n::Lang) -> String {
    let mut out = csv_record(&findings_heading(lang));
    for doc in docs {
        for f in &doc.findings {
            out.push_str(&csv_record(&finding_cells(doc, f, lang)));
        }
    }
    out
}

/// A sheet name Excel accepts: no `[]:*?/\`, at most 31 characters, unique in the book.
fn sheet_name(wanted: &str, taken: &mut HashSet<String>) -> String {
    let clean: String = visible(wanted)
        .chars()
        .map(|c| if "[]:*?/\\'".contains(c) { '_' } else { c })
        .collect();
    let base: String = clean.trim().chars().take(28).collect();
    let base = if base.is_empty() {
        "sheet".to_string()
    } else {
        base
    };
    let mut name = base.clone();
    let mut n = 2;
    while !taken.insert(name.to_lowercase()) {
        name = format!("{base}~{n}");
        n += 1;
    }
    name
}

fn write_row(
    sheet: &mut Worksheet,
    row: u32,
    cells: &[impl AsRef<str>],
    format: Option<&Format>,
) -> Result<(), XlsxError> {
    for (c, text) in cells.iter().enumerate() {
        let text = visible(text.as_ref());
        match format {
            Some(f) => sheet.write_string_with_format(row, c as u16, text.as_ref(), f)?,
            None => sheet.write_string(row, c as u16, text.as_ref())?,
        };
    }
    Ok(())
}

/// The findings as an XLSX workbook: a summary sheet (汇总, one row per document, worst
/// first as `check` lists them) and one sheet of findings per department.
pub fn findings_xlsx(docs: &[Document], lang: crate::i18n::Lang) -> Result<Vec<u8>, String> {
    let build = || -> Result<Vec<u8>, XlsxError> {
        let mut book = Workbook::new();
        let bold = Format::new().set_bold();
        let mut taken = HashSet::new();
        let summary = book.add_worksheet();
        summary.set_name(sheet_name(lang.pick("汇总", "Summary"), &mut taken))?;
        let mut rows: Vec<Row> = docs.iter().map(Document::row).collect();
        super::portfolio::sort_worst_first(&mut rows);
        let csv = super::portfolio::rows_table(&rows, lang);
        for (r, cells) in csv.iter().enumerate() {
            write_row(summary, r as u32, cells, (r == 0).then_some(&bold))?;
        }
        summary.set_freeze_panes(1, 0)?;
        for doc in docs {
            let sheet = book.add_worksheet();
            sheet.set_name(sheet_name(&doc.name(), &mut taken))?;
            write_row(sheet, 0, &findings_heading(lang), Some(&bold))?;
            for (r, f) in doc.findings.iter().enumerate() {
                write_row(sheet, r as u32 + 1, &finding_cells(doc, f, lang), None)?;
            }
            sheet.set_freeze_panes(1, 0)?;
        }
        book.save_to_buffer()
    };
    build().map_err(|e| format!("xlsx: {e}"))
}

/// The Markdown 审核意见 for one department: sections numbered 一、二、… in document order,
/// within each the findings numbered （一）（二）… with page, place, stated and expected
/// figures, the difference and the reviewer's note. Findings the reviewer accepted or
/// rejected as false positives are not among the problems: they are listed after them.
pub fn opinion_md(doc: &Document) -> String {
    let ws = &doc.workspace;
    let mut out = String::new();
    let year = ws.meta.year.map(|y| format!("{y}年")).unwrap_or_default();
    let _ = writeln!(out, "# {}{year}部门预算审核意见\n", md_text(&doc.name()));
    if !doc.file.is_empty() {
        let _ = writeln!(out, "审核文件：{}\n", md_text(&doc.file));
    }
    let index = triage::Index::new(ws);
    let (settled, problems): (Vec<&Finding>, Vec<&Finding>) = doc
        .findings
        .iter()
        .partition(|f| index.state(f).is_settled());
    let owned: Vec<Finding> = problems.iter().map(|f| (*f).clone()).collect();
    let [e, w, i] = count_by_severity(&owned);
    if problems.is_empty() {
        let _ = writeln!(out, "经审核，未发现问题。");
    } else {
        let _ = writeln!(
            out,
            "经审核，共发现 {} 个问题：错误 {e} 个，警告 {w} 个，提示 {i} 个。具体如下：\n",
            problems.len()
        );
        let mut sections: Vec<Section> = problems.iter().map(|f| f.section).collect();
        sections.sort();
        sections.dedup();
        for (s, section) in sections.iter().enumerate() {
            let _ = writeln!(
                out,
                "## {}、{}\n",
                chinese_number(s + 1),
                section.label_zh()
            );
            let items = problems.iter().filter(|f| f.section == *section);
            for (k, f) in items.enumerate() {
                let _ = write!(out, "（{}）", chinese_number(k + 1));
                opinion_item(&mut out, f, index.get(f).map(|d| (d, index.state(f))));
            }
        }
    }
    if !settled.is_empty() {
        if problems.is_empty() {
            out.push('\n');
        }
        let _ = writeln!(
            out,
            "## 附：已接受或判定为误报的事项（{} 项，不列入问题）\n",
            settled.len()
        );
        for (k, f) in settled.iter().enumerate() {
            let _ = write!(out, "{}. ", k + 1);
            opinion_item(&mut out, f, index.get(f).map(|d| (d, index.state(f))));
        }
    }
    out
}

/// One finding of the opinion: severity, place, page, message, figures, the reviewer's
/// decision when it is not simply open, and the note.
fn opinion_item(
    out: &mut String,
    f: &Finding,
    decided: Option<(&crate::model::Disposition, State)>,
) {
    let page = f.page.map(|p| format!("（第 {p} 页）")).unwrap_or_default();
    let _ = write!(
        out,
        "【{}】{}{page}：{}",
        f.severity.label_zh(),
        md_text(&f.label),
        md_text(&f.message_zh)
    );
    // Every item reads as sentences: the message, then the figures, then the note.
    let end_sentence = |out: &mut String| {
        if !out.ends_with(['。', '；', '！', '？']) {
            out.push('。');
        }
    };
    end_sentence(out);
    if let (Some(stated), Some(expected)) = (&f.stated, &f.expected) {
        let _ = write!(
            out,
            "填报数 {}，应为 {}",
            md_text(stated),
            md_text(expected)
        );
        if let Some(d) = &f.difference {
            let _ = write!(out, "，差额 {}", md_text(d));
        }
        out.push('。');
    }
    if let Some((d, state)) = decided {
        let _ = write!(out, "处置：{}", state.label(crate::i18n::Lang::Zh));
        if !d.note.is_empty() {
            let _ = write!(out, "；审核备注：{}", md_text(&d.note));
        }
        end_sentence(out);
    }
    out.push_str("\n\n");
}

/// The workspace's disclosure tables as CSV files: (file name, contents), one per table.
/// Each has the table's number, title and unit, a heading row with the column labels, and
/// the rows with the page and line they were printed on.
pub fn tables_csv(doc: &Document, stem: &str) -> Vec<(String, String)> {
    doc.workspace
        .tables
        .iter()
        .enumerate()
        .map(|(n, t)| {
            let mut out = csv_record(&[
                t.number.as_str(),
                t.title.as_str(),
                t.unit.as_str(),
                t.kind.name_zh(),
            ]);
            let mut head: Vec<&str> = vec!["页码", "行"];
            head.extend(t.columns.iter().map(|c| c.label.as_str()));
            out.push_str(&csv_record(&head));
            for row in &t.rows {
                let mut cells = vec![row.page.to_string(), row.line.to_string()];
                cells.extend(
                    (0..t.columns.len().max(row.cells.len())).map(|c| row.text(c).to_string()),
                );
                out.push_str(&csv_record(&cells));
            }
            (format!("{stem}-table{:02}.csv", n + 1), out)
        })
        .collect()
}
