//! Importing the published text extract of a budget explanation (部门预算情况说明).
//!
//! The extract is Word converted to text: table cells are tab-indented lines, a blank line
//! separates table rows, a cell's further lines follow without a tab. See `docs/import.md`.
//!
//! The importer depends on the structure of such documents, not on one document: sections
//! are found by the keywords of their headings, tables by their titles and header cells.
//! Nothing is dropped silently: what cannot be placed becomes a [`Note`] with its line and
//! an [`ImportWarning`].

pub mod lex;
pub mod pdf;
mod prose;
pub mod report;
mod tables;

use std::fmt;
use std::path::Path;

use crate::model::{Note, Workspace};

use lex::{Item, Para};

/// Files larger than this are refused before reading.
pub const MAX_IMPORT_BYTES: u64 = 64 * 1024 * 1024;

/// The imported workspace and what the importer wants a person to look at.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportOutcome {
    pub workspace: Workspace,
    pub warnings: Vec<ImportWarning>,
}

/// Something the importer could not place or had to guess, with its 1-based line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportWarning {
    pub line: usize,
    pub message: String,
}

impl fmt::Display for ImportWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

/// Why a file could not be imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportError {
    /// The file (or source name) that was read.
    pub file: String,
    /// 1-based line and column (in characters) of the problem, when there is a place.
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column) {
            (Some(line), Some(column)) => {
                write!(f, "{}:{}:{}: {}", self.file, line, column, self.message)
            }
            (Some(line), None) => write!(f, "{}:{}: {}", self.file, line, self.message),
            _ => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

impl std::error::Error for ImportError {}

/// The nine sections of a budget explanation, recognised by their headings' keywords.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SectionKind {
    Profile,
    Overview,
    RunningCosts,
    ThreePublic,
    Performance,
    Procurement,
    Assets,
    Glossary,
    Other,
}

/// The section a heading line opens, if it is one.
///
/// A heading is short, does not end like a sentence, may be numbered (`一、`, `（一）`,
/// `1.`) and names its section: 部门职责/机构设置, 预算总体情况/收支, 机关运行经费, 三公,
/// 绩效信息, 政府采购, 国有资产, 名词解释, 其他情况.
pub fn section_kind(line: &str) -> Option<SectionKind> {
    let text = line.trim();
    let chars = text.chars().count();
    if chars == 0 || chars > 40 {
        return None;
    }
    let (numbered, body) = match lex::split_number(text) {
        Some((_, _, rest)) => (true, rest),
        None => (false, text),
    };
    // `1.机关运行经费。` is a heading closed with a full stop; a sentence is not.
    let closed_heading = numbered
        && text.ends_with('。')
        && body.chars().count() <= 12
        && !body.trim_end_matches('。').contains(['。', '，', ',']);
    if text.ends_with(['。', '；', ';', '：', ':', '，', ',']) && !closed_heading {
        return None;
    }
    let body = body.trim_end_matches('。');
    if !numbered && chars > 24 {
        return None;
    }
    // A comma or a full stop inside means a clause: `用全面免试点工作任务，降低货物通关费`
    // and `办的工作任务。为确保…` are wrapped sentences.
    if body.contains(['，', ',']) || body.trim_end_matches('。').contains('。') {
        return None;
    }
    let body = lex::compact(body);
    // Table titles and duties are not section headings.
    if body.contains("绩效目标表")
        || (body.contains("职责") && body.contains("活动"))
        || body.starts_with("负责")
        || body.ends_with('表')
    {
        return None;
    }
    let has = |k: &str| body.contains(k);
    let kind = if has("三公") {
        SectionKind::ThreePublic
    } else if has("机关运行经费") || has("机关运行费") {
        SectionKind::RunningCosts
    } else if has("部门职责")
        || has("机构设置")
        || (has("基本情况") && has("部门"))
        || has("主要职责")
        || has("主要职能")
        || has("预算构成")
        || has("单位构成")
        || has("工作任务")
    {
        SectionKind::Profile
    } else if has("政府采购") {
        SectionKind::Procurement
    } else if has("国有资产") || has("资产占用") {
        SectionKind::Assets
    } else if has("名词解释") || has("术语解释") {
        SectionKind::Glossary
    } else if has("绩效信息")
        || has("绩效情况")
        || has("预算绩效")
        || (has("绩效目标") && has("说明"))
    {
        SectionKind::Performance
    } else if has("预算总体情况")
        || has("收支总体情况")
        || (has("预算") && has("收支"))
        || has("总体情况")
        || has("编制说明")
        || has("预算安排情况")
        || (has("说明") && (has("收入") || has("支出") || has("收支") || has("财政拨款")))
    {
        SectionKind::Overview
    } else if has("其他情况")
        || has("其它情况")
        || has("其他说明")
        || has("其他需要说明")
        || has("其他相关情况")
        || (has("其他") && has("说明"))
    {
        SectionKind::Other
    } else {
        return None;
    };
    Some(kind)
}

/// A section of the document: its heading (none for the preamble) and its items.
struct Section {
    kind: Option<SectionKind>,
    heading: String,
    /// The line of the heading (0 for the preamble and a resumed section).
    line: usize,
    items: Vec<Item>,
}

/// What the importer collects besides the workspace.
pub(crate) struct Ctx {
    pub ws: Workspace,
    pub warnings: Vec<ImportWarning>,
}

impl Ctx {
    /// Keeps `text` as a note and warns about it.
    pub fn note(&mut self, line: usize, text: &str, why: &str) {
        let text = text.trim();
        if text.is_empty() {
            return;
        }
        self.ws.notes.push(Note {
            line: u32::try_from(line).ok(),
            text: text.to_string(),
            ..Note::default()
        });
        let short: String = text.chars().take(40).collect();
        let ellipsis = if text.chars().count() > 40 { "…" } else { "" };
        self.warnings.push(ImportWarning {
            line,
            message: format!("{why}; kept as a note: {short}{ellipsis}"),
        });
    }

    pub fn warn(&mut self, line: usize, message: impl Into<String>) {
        self.warnings.push(ImportWarning {
            line,
            message: message.into(),
        });
    }

    pub fn note_item(&mut self, item: &Item, why: &str) {
        match item {
            Item::Para(p) => self.note(p.line, &p.text, why),
            Item::Row(r) => self.note(r.line, &r.summary(), why),
        }
    }
}

/// Imports the text of a budget explanation. `source_name` is recorded as `meta.source`
/// and names the file in errors.
pub fn import_text(text: &str, source_name: &str) -> Result<ImportOutcome, ImportError> {
    let fail = |message: String| ImportError {
        file: source_name.to_string(),
        line: None,
        column: None,
        message,
    };
    if lex::is_blank(text.strip_prefix('\u{feff}').unwrap_or(text)) {
        return Err(fail(
            "the file is empty; expected the text of a budget explanation (部门预算情况说明)"
                .into(),
        ));
    }
    let lines = lex::clean_lines(text);
    let items = lex::items(&lines, |t| {
        section_kind(t).is_some() || tables::title_kind(t).is_some()
    });

    let mut ctx = Ctx {
        ws: Workspace::new(""),
        warnings: Vec::new(),
    };
    ctx.ws.meta.source = Some(source_name.to_string());
    ctx.ws.footnotes = lines.footnotes.clone();
    if place_sections(items, &mut ctx) == 0 {
        return Err(fail(
            "not a budget explanation: none of the section headings was found \
             (一、部门职责… 二、预算总体情况… 三、机关运行经费… 四、“三公”经费… 五、绩效信息 \
             六、政府采购… 七、国有资产… 八、名词解释 九、其他情况说明)"
                .into(),
        ));
    }
    prose::finish_meta(&mut ctx);
    check_footnotes(&mut ctx);

    let mut warnings = ctx.warnings;
    warnings.sort_by_key(|w| w.line);
    Ok(ImportOutcome {
        workspace: ctx.ws,
        warnings,
    })
}

/// Splits `items` into sections at their headings and places each section's tables and
/// prose; returns how many section headings were found.
pub(crate) fn place_sections(items: Vec<Item>, ctx: &mut Ctx) -> usize {
    let mut sections = vec![Section {
        kind: None,
        heading: String::new(),
        line: 0,
        items: Vec::new(),
    }];
    // The kind of the section a run-in heading interrupted, to go back to at the next
    // numbered topic (its heading was placed already).
    let mut interrupted: Option<Option<SectionKind>> = None;
    for item in items {
        if let Item::Para(p) = &item
            && let Some(kind) = section_kind(&p.text)
        {
            interrupted = None;
            sections.push(Section {
                kind: Some(kind),
                heading: p.text.trim().to_string(),
                line: p.line,
                items: Vec::new(),
            });
            continue;
        }
        // `（一）机关运行经费。2026 年…` inside 其他重要事项: the topic's own section.
        if let Item::Para(p) = &item
            && let Some((heading, rest)) = lex::run_in_heading(&p.text)
        {
            let topic = section_kind(heading);
            let current = sections.last().map(|s| s.kind);
            match (topic, current) {
                (Some(kind), Some(current)) if Some(kind) != current => {
                    interrupted.get_or_insert(current);
                    sections.push(Section {
                        kind: Some(kind),
                        heading: heading.to_string(),
                        line: p.line,
                        items: vec![Item::Para(Para {
                            text: rest.to_string(),
                            ..p.clone()
                        })],
                    });
                    continue;
                }
                (None, _) => {
                    if let Some(kind) = interrupted.take() {
                        sections.push(Section {
                            kind,
                            heading: String::new(),
                            line: 0,
                            items: Vec::new(),
                        });
                    }
                }
                _ => {}
            }
        }
        if let Some(section) = sections.last_mut() {
            section.items.push(item);
        }
    }
    let found = sections.iter().filter(|s| s.kind.is_some()).count();
    if found == 0 {
        return 0;
    }
    let mut placed: Vec<Option<SectionKind>> = Vec::new();
    for section in sections {
        let (mut prose, runs) = tables::split_runs(section.items);
        for run in runs {
            prose.extend(tables::parse_run(run, ctx));
        }
        prose.sort_by_key(|p| p.line);
        // A second heading of a kind already placed (`二、部门预算单位构成` after
        // `一、部门主要职责`) is kept as the first paragraph of its part, not dropped.
        if placed.contains(&section.kind) && !section.heading.is_empty() {
            prose.insert(
                0,
                Para {
                    line: section.line,
                    text: section.heading.clone(),
                    refs: Vec::new(),
                },
            );
        }
        placed.push(section.kind);
        place_prose(section.kind, &section.heading, &prose, ctx);
    }
    found
}

fn place_prose(kind: Option<SectionKind>, heading: &str, paras: &[Para], ctx: &mut Ctx) {
    match kind {
        None => prose::preamble(paras, ctx),
        Some(SectionKind::Profile) => prose::profile(heading, paras, ctx),
        Some(SectionKind::Overview) => prose::overview(heading, paras, ctx),
        Some(SectionKind::RunningCosts) => prose::running_costs(heading, paras, ctx),
        Some(SectionKind::ThreePublic) => prose::three_public(heading, paras, ctx),
        Some(SectionKind::Performance) => prose::performance(heading, paras, ctx),
        Some(SectionKind::Procurement) => {
            set_if_empty(&mut ctx.ws.procurement.heading, heading);
            let texts = paras.iter().map(|p| p.text.trim().to_string());
            ctx.ws.procurement.paragraphs.extend(texts);
        }
        Some(SectionKind::Assets) => {
            set_if_empty(&mut ctx.ws.assets.heading, heading);
            let texts = paras.iter().map(|p| p.text.trim().to_string());
            ctx.ws.assets.paragraphs.extend(texts);
        }
        Some(SectionKind::Glossary) => prose::glossary(heading, paras, ctx),
        Some(SectionKind::Other) => {
            set_if_empty(&mut ctx.ws.other_notes.heading, heading);
            let texts = paras.iter().map(|p| p.text.trim().to_string());
            ctx.ws.other_notes.paragraphs.extend(texts);
        }
    }
}

pub(crate) fn set_if_empty(field: &mut String, value: &str) {
    if field.is_empty() {
        *field = value.trim().to_string();
    }
}

/// Warns about footnote references without a footnote text.
fn check_footnotes(ctx: &mut Ctx) {
    let refs: Vec<String> = ctx.ws.performance.matrix.footnote_refs.clone();
    for id in refs {
        if !ctx.ws.footnotes.iter().any(|f| f.id == id) {
            ctx.warn(
                0,
                format!("footnote {id} is referenced but its text was not found"),
            );
        }
    }
}

/// Reads a file and imports it: UTF-8 (a BOM and CRLF line ends are fine).
pub fn import_file(path: &Path) -> Result<ImportOutcome, ImportError> {
    let file = path.display().to_string();
    let fail = |message: String| ImportError {
        file: file.clone(),
        line: None,
        column: None,
        message,
    };
    let metadata = std::fs::metadata(path).map_err(|e| fail(format!("cannot read: {e}")))?;
    if metadata.is_dir() {
        return Err(fail("is a directory, expected a text file".into()));
    }
    if metadata.len() > MAX_IMPORT_BYTES {
        return Err(fail(format!(
            "file is {} bytes; the limit is {} bytes",
            metadata.len(),
            MAX_IMPORT_BYTES
        )));
    }
    let bytes = std::fs::read(path).map_err(|e| fail(format!("cannot read: {e}")))?;
    // The name alone, so the same document imports to the same bytes wherever it lies.
    let name = path
        .file_name()
        .map_or_else(|| file.clone(), |n| n.to_string_lossy().into_owned());
    let is_pdf_name = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("pdf"));
    if bytes.starts_with(b"%PDF") || is_pdf_name {
        return pdf::import_pdf_owned(bytes, &name).map_err(|mut e| {
            e.file = file.clone();
            e
        });
    }
    let text = decode(&bytes, &file)?;
    import_text(text, &name).map_err(|mut e| {
        e.file = file.clone();
        e
    })
}

/// The UTF-8 text of `bytes` (BOM removed), or an error naming the line and column.
pub fn decode<'a>(bytes: &'a [u8], file: &str) -> Result<&'a str, ImportError> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(ImportError {
            file: file.to_string(),
            line: Some(1),
            column: Some(1),
            message: "the file is UTF-16; save it as UTF-8 text and import again".into(),
        });
    }
    let body = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    std::str::from_utf8(body).map_err(|e| {
        let valid = body.get(..e.valid_up_to()).unwrap_or_default();
        let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = valid.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
        let column = String::from_utf8_lossy(valid.get(line_start..).unwrap_or_default())
            .chars()
            .count()
            + 1;
        let byte = body.get(e.valid_up_to()).copied().unwrap_or(0);
        ImportError {
            file: file.to_string(),
            line: Some(line),
            column: Some(column),
            message: format!(
                "not UTF-8 text (byte 0x{byte:02X}); save the extract as UTF-8 (it may be GBK) \
                 and import again"
            ),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_name_their_section_and_sentences_do_not() {
        let cases = [
            (
                "一、部门职责、机构设置等基本情况",
                Some(SectionKind::Profile),
            ),
            ("三、部门预算构成", Some(SectionKind::Profile)),
            (
                "三、2026 年度单位主要工作任务及目标",
                Some(SectionKind::Profile),
            ),
            ("1.机关运行经费。", Some(SectionKind::RunningCosts)),
            (
                "二、2026 年湖州市财政局部门预算安排情况说明",
                Some(SectionKind::Overview),
            ),
            // Wrapped sentences that happen to hold a heading's words.
            ("用全面免试点工作任务，降低货物通关费", None),
            ("办的工作任务。为确保该工程项目通过二", None),
            ("1.本部门机关运行经费比上年增加。", None),
        ];
        for (text, kind) in cases {
            assert_eq!(section_kind(text), kind, "{text}");
        }
    }
}
