//! Importing a published budget PDF: text layer → layout → tables and prose → workspace.
//!
//! The pipeline (docs/import.md): `read` takes glyphs with positions and ruling lines from
//! the PDF; `layout` groups them into lines and spans and drops page furniture; then each
//! page is walked top to bottom: a table title opens a table that takes the lines up to the
//! next title or heading (over page breaks), everything else is prose, rejoined into
//! paragraphs across line and page breaks and placed into sections by the same heading rules
//! as text extracts. Every table row and paragraph keeps its page and line.

pub mod layout;
pub mod performance;
pub mod read;
pub mod tables;

use crate::model::{Place, SourcePage, SourcePlace, SourceText, TableKind, Workspace};

use super::lex::{Item, Para};
use super::{Ctx, ImportError, ImportOutcome, ImportWarning};
use layout::Line;
use read::ReadError;
use tables::Draft;

/// Imports the PDF in `bytes`; `source_name` names the file in the workspace and in errors.
pub fn import_pdf(bytes: &[u8], source_name: &str) -> Result<ImportOutcome, ImportError> {
    import_pdf_owned(bytes.to_vec(), source_name)
}

/// [`import_pdf`] taking the bytes over: the PDF reader keeps a buffer of its own, and a file
/// read for import need not be held a third time.
pub fn import_pdf_owned(bytes: Vec<u8>, source_name: &str) -> Result<ImportOutcome, ImportError> {
    let fail = |message: String| ImportError {
        file: source_name.to_string(),
        line: None,
        column: None,
        message,
    };
    // Each page is laid out as soon as it is read: its glyphs are in its lines from then on.
    let pages = read::read_pages(bytes, layout::lines_of).map_err(|e| {
        fail(match e {
            ReadError::NoTextLayer { pages } => format!(
                "scanned PDF: no text layer on any of its {pages} pages; OCR is not supported \
                 (ask for the PDF as published, or its text)"
            ),
            ReadError::Encrypted => {
                "encrypted PDF: its text cannot be read without the password".to_string()
            }
            ReadError::Damaged(why) => format!("damaged or unreadable PDF: {why}"),
        })
    })?;
    let (pages, mut lines): (Vec<_>, Vec<Vec<Line>>) = pages.into_iter().unzip();
    let heights: Vec<i32> = pages.iter().map(|p| p.height).collect();
    let widths: Vec<i32> = pages.iter().map(|p| p.width).collect();
    layout::drop_furniture(&mut lines, &heights);

    let mut ctx = Ctx {
        ws: Workspace::new(""),
        warnings: Vec::new(),
    };
    ctx.ws.meta.source = Some(source_name.to_string());
    ctx.ws.source = SourceText {
        file: source_name.to_string(),
        pages: lines
            .iter()
            .zip(&pages)
            .map(|(page_lines, page)| SourcePage {
                number: page.number,
                lines: page_lines.iter().map(Line::text).collect(),
                ..SourcePage::default()
            })
            .collect(),
        ..SourceText::default()
    };

    let contents: Vec<bool> = lines.iter().map(|l| layout::is_contents_page(l)).collect();
    let (drafts, mut prose) = segment(&lines, &contents, &pages);
    // Untitled project lists are read as projects (`performance`), not as prose.
    let listed = performance::untitled_list_lines(&prose);
    prose.retain(|l| !listed.contains(&(l.page, l.number)));
    for draft in drafts {
        ctx.ws.tables.push(draft.finish());
    }
    let standard = ctx
        .ws
        .tables
        .iter()
        .filter(|t| TableKind::STANDARD.contains(&t.kind))
        .count();

    // Paragraphs: a global line index for the section machinery, mapped back to page/line.
    let right_margin: Vec<i32> = lines
        .iter()
        .map(|page| page.iter().map(Line::x1).max().unwrap_or(0))
        .collect();
    let paragraphs = rejoin(&prose, &right_margin, &widths);
    let mut places: Vec<SourcePlace> = Vec::with_capacity(paragraphs.len());
    let mut items = Vec::with_capacity(paragraphs.len());
    for (i, (place, text)) in paragraphs.into_iter().enumerate() {
        places.push(place);
        items.push(Item::Para(Para {
            line: i + 1,
            text,
            refs: Vec::new(),
        }));
    }
    let title_block = title_block(&lines, &contents);
    let headings = super::place_sections(items, &mut ctx);

    if standard < 2 && headings < 2 {
        let found = if ctx.ws.tables.is_empty() {
            "no budget table".to_string()
        } else {
            let titles: Vec<&str> = ctx
                .ws
                .tables
                .iter()
                .map(|t| t.title.as_str())
                .take(3)
                .collect();
            format!("tables {}", titles.join("、"))
        };
        let first = ctx
            .ws
            .source
            .pages
            .first()
            .and_then(|p| p.lines.first())
            .cloned()
            .unwrap_or_default();
        return Err(fail(format!(
            "not a budget: found {found} and {headings} section heading(s); the document starts \
             “{}”",
            crate::text::visible(&first.chars().take(40).collect::<String>())
        )));
    }

    meta_from_title_block(&title_block, &mut ctx);
    // Paragraph notes name their page and line rather than a paragraph index.
    for note in &mut ctx.ws.notes {
        if let Some(i) = note.line.and_then(|l| usize::try_from(l).ok())
            && let Some(place) = i.checked_sub(1).and_then(|i| places.get(i))
        {
            note.line = Some(place.line);
            note.extra
                .insert("page".into(), serde_json::json!(place.page));
        }
    }
    let mut warnings: Vec<ImportWarning> = ctx
        .warnings
        .into_iter()
        .map(|mut w| {
            if let Some(place) = w.line.checked_sub(1).and_then(|i| places.get(i)) {
                w.message = format!("第{}页 {}", place.page, w.message);
                w.line = usize::try_from(place.line).unwrap_or(0);
            }
            w
        })
        .collect();
    warnings.sort_by_key(|w| w.line);
    let mut ws = ctx.ws;
    performance::add_project_tables(&mut ws, &lines, &pages);
    record_provenance(&mut ws);
    Ok(ImportOutcome {
        workspace: ws,
        warnings,
    })
}

/// Splits the document into table drafts and prose lines.
fn segment(
    pages: &[Vec<Line>],
    contents: &[bool],
    glyph_pages: &[layout::PageGlyphs],
) -> (Vec<Draft>, Vec<Line>) {
    let mut drafts: Vec<Draft> = Vec::new();
    let mut prose: Vec<Line> = Vec::new();
    let mut open: Option<Draft> = None;
    let mut pending_number = String::new();
    let close = |open: &mut Option<Draft>, drafts: &mut Vec<Draft>| {
        if let Some(draft) = open.take()
            && !draft.is_bare()
        {
            drafts.push(draft);
        }
    };
    for ((page, is_contents), glyphs) in pages.iter().zip(contents).zip(glyph_pages) {
        if *is_contents {
            continue;
        }
        for line in page {
            let text = line.text();
            if tables::is_number_line(&text) {
                pending_number = line.compact();
                continue;
            }
            if let Some((kind, mut number, title)) = tables::table_title(&text) {
                if number.is_empty() {
                    number = std::mem::take(&mut pending_number);
                }
                pending_number.clear();
                // The same title again on the next page continues the table.
                if let Some(draft) = open.as_mut()
                    && draft.title == title
                    && !draft.pages.contains(&line.page)
                {
                    draft.pages.push(line.page);
                    continue;
                }
                close(&mut open, &mut drafts);
                let mut draft = Draft::new(kind, number, title, line.page);
                draft
                    .rules
                    .extend(glyphs.rules.iter().map(|r| (glyphs.number, *r)));
                open = Some(draft);
                continue;
            }
            if let Some(draft) = open.as_mut() {
                // A table whose header runs on and on, or over a page, never was one (a
                // contents entry, a heading that names a table): its lines are prose.
                let false_start = draft.body.is_empty()
                    && (draft.header.len() >= 40 || draft.pages.iter().any(|p| *p + 1 < line.page));
                if false_start {
                    let draft = open.take().unwrap_or_else(|| unreachable!());
                    prose.extend(draft.header);
                    prose.push(line.clone());
                    continue;
                }
                let new_page = !draft.pages.contains(&line.page);
                if ends_table(draft, line)
                    || new_page
                        && !draft.body.is_empty()
                        && !tables::continues_on_new_page(draft, line)
                {
                    close(&mut open, &mut drafts);
                    prose.push(line.clone());
                    continue;
                }
                if !draft.pages.contains(&line.page) {
                    draft
                        .rules
                        .extend(glyphs.rules.iter().map(|r| (glyphs.number, *r)));
                }
                draft.take(line);
                continue;
            }
            prose.push(line.clone());
        }
    }
    close(&mut open, &mut drafts);
    (drafts, prose)
}

/// Whether `line` is prose that closes the open table: a section heading, or a sentence
/// standing alone across the page.
fn ends_table(draft: &Draft, line: &Line) -> bool {
    let compact = line.compact();
    if is_part_heading(&compact) {
        return true;
    }
    if draft.note_goes_on(line) {
        return false;
    }
    // Performance targets are sentences inside cells, also in a 绩效目标 column (whose header
    // line may read as a first row: 总计 … 绩效目标).
    let performance = draft.holds_sentences();
    // Header cells name sections too (机关运行经费, “三公”经费): a heading stands alone, carries
    // no figure, and comes after the table's rows; in a performance table a line of sentences
    // is a row, whatever it reads like.
    let heading = super::section_kind(&compact).is_some()
        && line.spans.len() == 1
        && !line.spans.iter().any(|s| tables::is_figure(&s.text))
        && !draft.body.is_empty();
    if heading && (!performance || tables::is_numbered_heading(&compact)) {
        return true;
    }
    let sentence = line.spans.len() == 1
        && compact.chars().count() >= 24
        && !tables::is_note(&compact)
        && compact.contains(['，', '。']);
    sentence && !performance && !draft.body.is_empty()
}

/// 第一部分 / 第二部分 … part headings.
fn is_part_heading(compact: &str) -> bool {
    compact.starts_with('第') && compact.contains("部分") && compact.chars().count() <= 30
}

/// Prose lines rejoined into paragraphs: a line that runs to the right margin and does not
/// end a sentence goes on in the next line, over a page break too ("14.3万 / 元").
fn rejoin(lines: &[Line], right_margin: &[i32], widths: &[i32]) -> Vec<(SourcePlace, String)> {
    let mut out: Vec<(SourcePlace, String)> = Vec::new();
    let mut open = false;
    for line in lines {
        let text = line.text();
        let compact = line.compact();
        let page = usize::try_from(line.page).unwrap_or(1).saturating_sub(1);
        let starts_new = super::section_kind(&compact).is_some()
            || is_part_heading(&compact)
            || super::lex::split_number(&compact).is_some()
            || tables::table_title(&compact).is_some();
        if open
            && !starts_new
            && let Some(last) = out.last_mut()
        {
            last.1.push_str(text.trim());
        } else {
            out.push((
                SourcePlace {
                    page: line.page,
                    line: line.number,
                },
                text.trim().to_string(),
            ));
        }
        let margin = right_margin.get(page).copied().unwrap_or(0);
        let width = widths.get(page).copied().unwrap_or(5950);
        let full = line.x1() >= margin - line.size * 2 && line.x1() > width / 2;
        let ends_sentence = compact.ends_with(['。', '；', '：', ':', '！', '？']);
        open = full && !ends_sentence;
    }
    out
}

/// The lines of the cover and title block: the first page's lines (and the second's when the
/// first is a bare cover), before any contents page.
fn title_block(pages: &[Vec<Line>], contents: &[bool]) -> Vec<String> {
    let mut out = Vec::new();
    for (page, is_contents) in pages.iter().zip(contents).take(2) {
        if *is_contents {
            break;
        }
        out.extend(page.iter().take(12).map(Line::compact));
        if out.len() >= 3 {
            break;
        }
    }
    out
}

/// Department, year and budget kind from the title block: `预算单位：X`, or a title line
/// `2026年X部门预算` (a line of its own naming X when the title line is generic).
fn meta_from_title_block(block: &[String], ctx: &mut Ctx) {
    let mut department = String::new();
    let mut title = String::new();
    for line in block {
        for key in [
            "预算单位：",
            "预算单位:",
            "单位名称：",
            "部门名称：",
            "编制单位：",
        ] {
            if let Some(at) = line.find(key) {
                department = line[at + key.len()..].trim().to_string();
            }
        }
        if !department.is_empty() {
            break;
        }
    }
    for (i, line) in block.iter().enumerate() {
        let budget = [
            "部门预算",
            "单位预算",
            "部门（单位）预算",
            "预算公开",
            "年度预算",
            "部门决算",
            "单位决算",
        ]
        .iter()
        .find_map(|k| line.find(k).map(|at| (at, *k)));
        if let Some((at, _)) = budget {
            title = line.clone();
            if department.is_empty() {
                let head = without_year(&line[..at]);
                let head = head.trim_end_matches("市级").trim().to_string();
                if head.chars().count() >= 2 {
                    department = head;
                } else if i > 0 {
                    title = format!("{}{}", block[i - 1], line);
                    department = without_year(&block[i - 1]);
                }
            }
            break;
        }
    }
    if department.is_empty() {
        department = ctx.ws.meta.department.clone();
    }
    let kind = if title.contains("单位预算") || block.iter().take(4).any(|l| l.contains("单位预算"))
    {
        "单位"
    } else {
        "部门"
    };
    if !title.is_empty() {
        ctx.ws.meta.title = title.clone();
    }
    let year = super::lex::find_year(&title)
        .or_else(|| block.iter().find_map(|l| super::lex::find_year(l)))
        .or(ctx.ws.meta.year);
    ctx.ws.meta.year = year;
    if department.is_empty() {
        ctx.warn(0, "the department was not found in the title block");
    }
    ctx.ws.meta.department = department;
    ctx.ws
        .meta
        .extra
        .insert("budget_kind".into(), serde_json::json!(kind));
    // A 决算 (final accounts) has budget-like tables but reports spending after the year.
    if title.contains("决算") && !title.contains("预算") {
        ctx.ws
            .meta
            .extra
            .insert("document_kind".into(), serde_json::json!("决算"));
        ctx.warn(
            0,
            format!(
                "this document is a 决算 (final accounts{}), not a 预算: its tables are read, but \
                 budget checks may not apply",
                year.map_or(String::new(), |y| format!(" of {y}"))
            ),
        );
    }
}

/// A title's words without its year: `湖州市退役军人事务局2026年` → `湖州市退役军人事务局`.
fn without_year(text: &str) -> String {
    match super::lex::find_year(text) {
        Some(y) => text
            .replacen(&format!("{y}年度"), "", 1)
            .replacen(&format!("{y}年"), "", 1)
            .trim()
            .to_string(),
        None => text.trim().to_string(),
    }
}

/// Where the prose figures were printed: the first source line holding the figure's text
/// with its keyword on that line or the one before (`收入` and `支出` may state the same
/// figure), else the first line holding the figure's text.
fn record_provenance(ws: &mut Workspace) {
    let e = &ws.overview.expenditure;
    let spending = |key| Place::at(&["overview", "expenditure", key]);
    let figures = [
        (
            Place::at(&["overview", "revenue", "total"]),
            "收入",
            &ws.overview.revenue.total,
        ),
        (spending("total"), "支出", &e.total),
        (spending("basic"), "基本支出", &e.basic),
        (spending("projects"), "项目支出", &e.projects),
        (spending("personnel"), "人员经费", &e.personnel),
        (spending("public_admin"), "公用经费", &e.public_admin),
        (
            Place::at(&["running_costs", "total"]),
            "运行",
            &ws.running_costs.total,
        ),
        (
            Place::at(&["three_public", "total"]),
            "三公",
            &ws.three_public.total,
        ),
    ];
    let wanted: Vec<(Place, &str, String)> = figures
        .into_iter()
        .filter_map(|(place, key, amount)| {
            amount
                .as_ref()
                .map(|a| (place, key, a.text().replace(' ', "")))
        })
        .collect();
    // The pages' lines without spaces, made once for all the figures.
    let compact_pages: Vec<(u32, Vec<String>)> = ws
        .source
        .pages
        .iter()
        .map(|page| {
            let lines = page.lines.iter().map(|l| l.replace(' ', "")).collect();
            (page.number, lines)
        })
        .collect();
    for (pointer, key, text) in wanted {
        let mut first = None;
        let mut with_key = None;
        'pages: for (number, compact) in &compact_pages {
            for (i, line) in compact.iter().enumerate() {
                if !line.contains(&text) {
                    continue;
                }
                let place = SourcePlace {
                    page: *number,
                    line: u32::try_from(i + 1).unwrap_or(0),
                };
                first.get_or_insert(place);
                let before = i.checked_sub(1).and_then(|b| compact.get(b));
                if line.contains(key) || before.is_some_and(|b| b.contains(key)) {
                    with_key = Some(place);
                    break 'pages;
                }
            }
        }
        if let Some(place) = with_key.or(first) {
            ws.provenance.insert(pointer.to_string(), place);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use layout::Span;

    fn line(y: i32, words: &[(&str, i32, i32)]) -> Line {
        Line {
            page: 37,
            number: 1,
            baseline: y,
            size: 100,
            spans: words
                .iter()
                .map(|(t, x0, x1)| Span {
                    text: t.to_string(),
                    x0: *x0,
                    x1: *x1,
                })
                .collect(),
        }
    }

    #[test]
    fn a_performance_cell_naming_a_section_does_not_end_the_table() {
        // 泉州 部门整体支出绩效目标表 p37: the indicator `“三公”经费控制率` wraps in its cell,
        // and its first line, alone on the line, names the 三公 section. A numbered heading
        // after the table still ends it.
        let mut draft = Draft::new(
            TableKind::OverallPerformance,
            String::new(),
            "部门整体支出绩效目标表".into(),
            37,
        );
        draft.take(&line(
            5000,
            &[("一级指标", 1000, 1400), ("目标值", 5000, 5300)],
        ));
        draft.take(&line(
            4800,
            &[("资金总额", 1000, 1400), ("8200.95", 4000, 4400)],
        ));
        assert!(!ends_table(
            &draft,
            &line(4600, &[("“三公”经费控", 3000, 3700)])
        ));
        assert!(ends_table(
            &draft,
            &line(4000, &[("六、一般公共预算“三公”经费支出情况", 500, 4000)])
        ));
    }
}
