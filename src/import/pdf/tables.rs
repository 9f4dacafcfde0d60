//! Tables from laid-out lines: titles, units, header rows, columns and body rows.
//!
//! A table opens at its title (a short line naming a budget table), takes the unit line
//! (`单位：元`), header lines up to the first row that carries a figure or a subject code, and
//! body rows up to the next title or heading. Columns come from where the body's spans stand:
//! spans that overlap horizontally belong to one column; a header span names every column it
//! spans. A table that goes on over a page break (with or without a repeated header) stays
//! one table. Rows keep their page and line.

use crate::model::{
    Amount, ColumnMeaning, DisclosureTable, Extra, TableColumn, TableKind, TableRow,
};

use super::layout::{Line, Rule, Span};

/// The kind, printed number and title text of a table title line, if it is one.
pub fn table_title(text: &str) -> Option<(TableKind, String, String)> {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let chars = compact.chars().count();
    if !(4..=70).contains(&chars) || compact.ends_with(['。', '；', '，', '：', ':']) {
        return None;
    }
    if compact.contains("说明") {
        return None;
    }
    // The printed number: 表1 / 表一 / 预算表6 / 公开01表 / 附表3, before or after the title.
    if compact.starts_with('第') && compact.contains("部分") {
        return None;
    }
    let (trailing_number, head) = trailing_number(&compact);
    let stripped = strip_number(head);
    let number = if stripped.0.is_empty() {
        trailing_number
    } else {
        stripped.0
    };
    let body = stripped.1;
    let ends_as_table = body.ends_with('表') || (body.contains('表') && body.ends_with("汇总"));
    if !ends_as_table {
        return None;
    }
    let has = |k: &str| body.contains(k);
    if !(has("预算")
        || has("经费")
        || has("收支")
        || has("支出")
        || has("收入")
        || has("绩效")
        || has("采购"))
    {
        return None;
    }
    let kind = kind_of(body);
    Some((kind, number, compact))
}

/// A number printed in brackets after the title: `收支总表（预算表 1）`, `(续表)`.
fn trailing_number(compact: &str) -> (String, &str) {
    let Some(open) = compact.rfind(['（', '(']) else {
        return (String::new(), compact);
    };
    let inside = compact[open..]
        .trim_start_matches(['（', '('])
        .trim_end_matches(['）', ')']);
    let numbered = inside.contains('表') && inside.chars().any(|c| c.is_ascii_digit());
    if inside == "续表" || inside == "续" {
        return (String::new(), &compact[..open]);
    }
    if numbered && compact.ends_with(['）', ')']) {
        return (inside.to_string(), &compact[..open]);
    }
    // A qualifier after the title: 一般公共预算支出情况表（按功能分类科目）.
    if compact.ends_with(['）', ')']) && compact[..open].ends_with('表') {
        return (String::new(), &compact[..open]);
    }
    (String::new(), compact)
}

fn strip_number(compact: &str) -> (String, &str) {
    // Leading: 表1 / 表一、 / 附表3 / 预算表 6 / 公开01表 / 1. / 5．
    let chars: Vec<(usize, char)> = compact.char_indices().collect();
    let is_num = |c: char| c.is_ascii_digit() || "一二三四五六七八九十".contains(c);
    let mut end = 0;
    let mut i = 0;
    let starts = ["附表", "预算表", "表", "公开"];
    if let Some(p) = starts.iter().find(|p| compact.starts_with(*p)) {
        i = p.chars().count();
        let mut j = i;
        while j < chars.len() && is_num(chars[j].1) {
            j += 1;
        }
        if j > i {
            if j < chars.len() && chars[j].1 == '表' {
                j += 1;
            }
            while j < chars.len() && matches!(chars[j].1, '、' | '.' | '．' | '：' | ':' | ' ') {
                j += 1;
            }
            end = j;
        }
    } else {
        let mut j = 0;
        while j < chars.len() && chars[j].1.is_ascii_digit() {
            j += 1;
        }
        if j > 0 && j < chars.len() && matches!(chars[j].1, '.' | '．' | '、') {
            end = j + 1;
        }
    }
    let _ = i;
    let byte = chars.get(end).map_or(compact.len(), |c| c.0);
    let number = compact[..byte]
        .trim_end_matches(['、', '.', '．', '：', ':'])
        .to_string();
    (number, &compact[byte..])
}

/// The kind of table a title names.
pub fn kind_of(title: &str) -> TableKind {
    let has = |k: &str| title.contains(k);
    if has("三公") {
        TableKind::ThreePublic
    } else if has("整体") && has("绩效") {
        TableKind::OverallPerformance
    } else if has("绩效") {
        TableKind::ProjectPerformance
    } else if has("政府采购") {
        TableKind::Procurement
    } else if has("政府性基金") {
        TableKind::GovernmentFund
    } else if has("国有资本经营") {
        TableKind::StateCapital
    } else if has("财政拨款") && (has("收支") || has("收入支出")) {
        TableKind::FiscalSummary
    } else if has("收支") || has("收入支出") && has("总表") {
        TableKind::BudgetSummary
    } else if has("基本支出") {
        TableKind::BasicEconomic
    } else if has("一般公共预算") && (has("支出") || has("拨款")) {
        TableKind::GeneralPublicFunctional
    } else if has("收入") && !has("支出") {
        TableKind::IncomeSummary
    } else if has("项目支出") || has("项目预算") {
        TableKind::ProjectExpenditure
    } else if has("支出") && (has("总表") || has("总体") || has("预算表")) {
        TableKind::ExpenditureSummary
    } else {
        TableKind::Other
    }
}

/// The unit a line states (`单位：元`, `金额单位：万元`, `单位:万元`), if any.
pub fn unit_of(text: &str) -> Option<&'static str> {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    // `编制单位：X 单位：元` names the unit in its second 单位.
    compact.match_indices("单位").find_map(|(at, key)| {
        let rest = compact[at + key.len()..].trim_start_matches(['：', ':']);
        // `单位：万` with `元` wrapped onto the next line of its cell.
        ["万元", "亿元", "元"]
            .into_iter()
            .find(|u| rest.starts_with(u))
            .or((rest == "万").then_some("万元"))
    })
}

/// Whether a span reads as a figure (an amount, a share, a count).
pub fn is_figure(text: &str) -> bool {
    let t = text.trim().trim_end_matches('%');
    !t.is_empty()
        && t.chars().any(|c| c.is_ascii_digit())
        && t.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ',' | '.' | '-' | '，'))
        && !t.starts_with(',')
}

/// Whether a span reads as a subject code: `201`, `2010401`, `[2010401]行政运行`, `30101`.
pub fn is_code(text: &str) -> bool {
    let t = text.trim().trim_start_matches('[').trim_start_matches('【');
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    (3..=9).contains(&digits) && (digits == t.len() || t[digits..].starts_with([']', '】', ' ']))
        || (digits == 2 && t.len() == 2)
}

/// Whether a line is a body row rather than a header line.
fn is_body_line(line: &Line) -> bool {
    let figures: Vec<&Span> = line.spans.iter().filter(|s| is_figure(&s.text)).collect();
    if is_column_number_row(line, &figures) {
        return false;
    }
    let first = line.spans.first().map_or("", |s| s.text.as_str());
    let compact = line.compact();
    // `合计 因公出国(境)费 公务接待费` is a header naming columns; a total row carries figures
    // or stands alone (an empty table's 合计).
    let total = ["合计", "总计", "收入总计", "支出总计"]
        .iter()
        .any(|k| compact.starts_with(k))
        && line.spans.len() == 1;
    !figures.is_empty() || is_code(first) || total
}

/// A row of column numbers (`1 2 3 4 …`, `** ** 1`, `栏次 1 2`) belongs to the header: its
/// figures count the columns up from 1 (or 2), and whatever else it holds is a marker.
fn is_column_number_row(line: &Line, figures: &[&Span]) -> bool {
    let counts_up = figures.iter().enumerate().all(|(i, s)| {
        let n = s.text.trim();
        n == (i + 1).to_string() || n == (i + 2).to_string()
    });
    let markers_only = line.spans.iter().all(|s| {
        let t = s.text.trim();
        is_figure(t) || t.chars().all(|c| matches!(c, '*' | '＊' | '-' | '—')) || t == "栏次"
    });
    let enough = figures.len() >= 2 || !figures.is_empty() && line.spans.len() >= 2;
    enough && counts_up && markers_only
}

/// Whether a line is a numbered remark of a note (`1、…`, `（2）…`) that goes on in words;
/// headings are numbered in Chinese (`三、…`), remarks in Arabic figures.
pub fn is_numbered_remark(line: &Line) -> bool {
    use crate::import::lex::{Numbering, split_number};
    split_number(&line.compact()).is_some_and(|(numbering, _, rest)| {
        matches!(numbering, Numbering::Arabic | Numbering::ParenArabic)
            && rest
                .chars()
                .filter(|c| crate::model::value::is_cjk(*c))
                .count()
                >= 8
    })
}

/// Whether a body line is a sentence printed under a table (`…尾数误差。`), not a row.
fn is_trailing_sentence(line: &Line) -> bool {
    (line.compact().ends_with('。') || is_numbered_remark(line))
        && !line.spans.iter().any(|s| is_figure(&s.text))
}

/// Whether a line can go on a table from the page before: a row, or a repeated header line.
/// A section heading or a sentence on the new page means the table ended on the last one.
pub fn continues_on_new_page(draft: &Draft, line: &Line) -> bool {
    let compact = line.compact();
    let heading = crate::import::section_kind(&compact).is_some();
    let sentence = compact.chars().count() > 30 || compact.ends_with(['。', '：', ':']);
    is_body_line(line)
        || draft.header.iter().any(|h| h.compact() == compact)
        || unit_of(&line.text()).is_some()
        || line.spans.len() >= 2
        || !heading && !sentence
}

/// A note printed with a table (empty-table notes, 注：…).
pub fn is_note(text: &str) -> bool {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    // `注：` opens a note; a word that starts with 注 (`注射室…`, a goal's `…加` / `注规模`
    // wrapped) does not.
    let after_mark = compact
        .strip_prefix('注')
        .and_then(|rest| rest.chars().next());
    matches!(after_mark, Some('：' | ':' | '释' | '1'..='9' | '①'..='⑩'))
        || compact.starts_with("备注")
        || compact.starts_with("说明：")
        || compact.contains("无数据")
        || compact.contains("本表为空")
        || compact.contains("此表无")
        || (compact.starts_with("本部门") || compact.starts_with("本单位"))
            && compact.contains('无')
}

/// Whether a line standing alone inside a performance table is a section heading that ends
/// the table: numbered (七、… / 3.…), no sentence, naming a section. Unnumbered, it is a cell
/// that names one (泉州's indicator `“三公”经费控` / `制率`; 广州交通's goal line
/// `…国有资产使用管理办法》等相关`).
pub fn is_numbered_heading(compact: &str) -> bool {
    crate::import::lex::split_number(compact).is_some()
        && !compact.contains(['。', '，'])
        && crate::import::section_kind(compact).is_some()
}

/// Whether a line is only a table's printed number (`表一`, `表1`, `公开 03 表`, `表01`),
/// printed on its own line above the title.
pub fn is_number_line(text: &str) -> bool {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let (number, rest) = strip_number(&compact);
    !number.is_empty() && rest.is_empty()
}

impl Draft {
    /// Whether nothing but the title was read: a contents entry, or a heading that names the
    /// table printed under it.
    pub fn is_bare(&self) -> bool {
        self.header.is_empty()
            && self.body.is_empty()
            && self.note.is_empty()
            && self.unit.is_empty()
    }
}

/// A table being assembled: header lines, body lines, unit, note.
#[derive(Debug, Clone)]
pub struct Draft {
    pub kind: TableKind,
    pub number: String,
    pub title: String,
    pub unit: String,
    pub pages: Vec<u32>,
    pub header: Vec<Line>,
    pub body: Vec<Line>,
    pub note: String,
    /// Horizontal rules of the pages the body lies on, by page.
    pub rules: Vec<(u32, Rule)>,
}

impl Draft {
    pub fn new(kind: TableKind, number: String, title: String, page: u32) -> Draft {
        Draft {
            kind,
            number,
            title,
            unit: String::new(),
            pages: vec![page],
            header: Vec::new(),
            body: Vec::new(),
            note: String::new(),
            rules: Vec::new(),
        }
    }

    /// Takes one line of the table's region; false when the line is not the table's.
    pub fn take(&mut self, line: &Line) -> bool {
        let text = line.text();
        if !self.pages.contains(&line.page) {
            self.pages.push(line.page);
        }
        if let Some(unit) = unit_of(&text) {
            if self.unit.is_empty() {
                self.unit = unit.to_string();
            }
            return true;
        }
        let compact = line.compact();
        if compact == "元" && self.unit == "万元" && self.body.is_empty() {
            // The rest of a wrapped `单位：万` / `元`.
            return true;
        }
        if ["预算单位", "编制单位", "单位名称", "部门：", "部门:"]
            .iter()
            .any(|k| compact.starts_with(k))
        {
            // The department line above the header; its unit (if any) was read above.
            return true;
        }
        // Once a note has begun under the rows, its numbered sentences are the note's.
        if is_note(&text) || self.note_goes_on(line) {
            if !self.note.is_empty() {
                self.note.push('\n');
            }
            self.note.push_str(text.trim());
            return true;
        }
        if self.body.is_empty() {
            if is_body_line(line) {
                self.body.push(line.clone());
            } else {
                self.header.push(line.clone());
            }
            return true;
        }
        // A header repeated after a page break is not a row, even set out anew (广州卫健委's
        // 表12 wraps its header words differently after its first page).
        if !is_body_line(line)
            && (self.header.iter().any(|h| h.compact() == line.compact())
                || self.repeats_header(line))
        {
            return true;
        }
        self.body.push(line.clone());
        true
    }

    /// Whether `line`, above the first row of a page after the table's first, is its header
    /// again: four in five of its character pairs are pairs of the header's words.
    fn repeats_header(&self, line: &Line) -> bool {
        if self.header.is_empty()
            || line.page == self.pages[0]
            || self.body.iter().any(|b| b.page == line.page)
        {
            return false;
        }
        let header: Vec<char> = self
            .header
            .iter()
            .flat_map(|h| h.spans.iter())
            .flat_map(|s| s.text.chars().chain(['\n']))
            .filter(|c| *c != ' ')
            .collect();
        let pairs: std::collections::HashSet<(char, char)> =
            header.windows(2).map(|w| (w[0], w[1])).collect();
        let ours: Vec<(char, char)> = line
            .spans
            .iter()
            .flat_map(|s| {
                let chars: Vec<char> = s.text.chars().filter(|c| *c != ' ').collect();
                chars.windows(2).map(|w| (w[0], w[1])).collect::<Vec<_>>()
            })
            .collect();
        let known = ours.iter().filter(|p| pairs.contains(p)).count();
        !ours.is_empty() && known * 5 >= ours.len() * 4
    }

    /// The table: columns from the body's spans, header labels over them, rows by line
    /// (lines that only continue a cell are joined to their row).
    pub fn finish(mut self) -> DisclosureTable {
        self.trailing_sentences_to_note();
        split_glued_figures(&mut self.body);
        let body_columns = column_ranges(&self.body);
        let together = body_columns.len();
        let columns = with_header_only_columns(body_columns, &self.header);
        let page_columns = per_page_columns(&self.body, &self.header, together);
        let columns_of = |page: u32| {
            page_columns
                .iter()
                .find(|(p, _)| *p == page)
                .map_or(&columns, |(_, c)| c)
        };
        // Labels from the columns of the first page with rows: with per-page columns every
        // page with rows has as many as it.
        let first_rows = self.body.first().map_or(self.pages[0], |l| l.page);
        let labels = header_labels(&self.header, columns_of(first_rows));
        let latest_year = labels.iter().flat_map(|l| years_in(l)).max();
        let table_columns: Vec<TableColumn> = labels
            .iter()
            .enumerate()
            .map(|(i, label)| TableColumn {
                label: label.clone(),
                // A column of an earlier year (重庆's `2025年预算数` beside 2026's) is there
                // to compare with: it is not this budget's total.
                meaning: if matches!((years_in(label).max(), latest_year), (Some(year), Some(latest)) if year < latest) {
                    ColumnMeaning::Other
                } else {
                    meaning_of(label, i, &self.body, &columns_of)
                },
                extra: Extra::new(),
            })
            .collect();
        let mut rows: Vec<TableRow> = Vec::new();
        let mut previous: Option<&Line> = None;
        let bands = bands(&self.body, &self.rules);
        // The first line of a row's cell printed above the row's figures (`leads_next_row`).
        let mut leading: Option<Vec<String>> = None;
        for (index, line) in self.body.iter().enumerate() {
            let mut cells: Vec<String> = vec![String::new(); labels.len()];
            for span in &line.spans {
                // Every page's columns number as many as the labels (`per_page_columns`); the
                // bound keeps a hostile layout from ever indexing past them.
                let c = column_of(span, columns_of(line.page)).min(cells.len().saturating_sub(1));
                if !cells[c].is_empty() {
                    cells[c].push(' ');
                }
                cells[c].push_str(&span.text);
            }
            if bands[index].is_none()
                && (leads_next_row(&self.body, index) || leads_in_block(&self.body, index))
            {
                // Several lines may lead one row (a goal centred on its figures): their
                // cells run on, line after line.
                leading = Some(match leading.take() {
                    Some(mut lead) => {
                        for (c, text) in cells.into_iter().enumerate() {
                            lead[c].push_str(&text);
                        }
                        lead
                    }
                    None => cells,
                });
                previous = Some(line);
                continue;
            }
            if let Some(lead) = leading.take() {
                for (c, text) in lead.into_iter().enumerate() {
                    if !text.is_empty() {
                        cells[c] = format!("{text}{}", cells[c]);
                    }
                }
            }
            let continues = match (bands[index], index.checked_sub(1).map(|i| bands[i])) {
                (Some(band), Some(Some(before))) => band == before,
                _ => previous.is_some_and(|p| continues_row(p, line)),
            };
            match rows.last_mut() {
                Some(row) if continues => {
                    for (c, text) in cells.into_iter().enumerate() {
                        if text.is_empty() {
                            continue;
                        }
                        let joined = format!("{}{}", row.text(c), text);
                        row.cells[c] = Some(Amount::parse(&joined));
                    }
                }
                _ => rows.push(TableRow {
                    page: line.page,
                    line: line.number,
                    cells: cells
                        .into_iter()
                        .map(|t| (!t.is_empty()).then(|| Amount::parse(&t)))
                        .collect(),
                    extra: Extra::new(),
                }),
            }
            previous = Some(line);
        }
        DisclosureTable {
            kind: self.kind,
            number: self.number,
            title: self.title,
            unit: self.unit,
            pages: self.pages,
            columns: table_columns,
            rows,
            note: self.note,
            extra: Extra::new(),
        }
    }
}

impl Draft {
    /// Whether the table's cells are sentences (performance targets), so that a line ending
    /// in `。` may be a row.
    pub fn holds_sentences(&self) -> bool {
        matches!(
            self.kind,
            TableKind::ProjectPerformance | TableKind::OverallPerformance
        ) || self
            .header
            .iter()
            .chain(self.body.iter().take(2))
            .any(|h| h.compact().contains("绩效目标"))
    }

    /// Whether `line` goes on with a note begun under the rows: its numbered remarks, or a
    /// short sentence without figures (`本套报表金额单位转换时可能存在尾数误差。`).
    pub fn note_goes_on(&self, line: &Line) -> bool {
        !self.note.is_empty()
            && !self.body.is_empty()
            && !self.holds_sentences()
            && (is_numbered_remark(line)
                || is_trailing_sentence(line) && line.compact().chars().count() <= 40)
    }

    /// Sentences printed under the last row (`本套报表金额单位转换时可能存在尾数误差。`) are
    /// the table's note, not rows.
    fn trailing_sentences_to_note(&mut self) {
        if self.holds_sentences() {
            return;
        }
        let mut trailing = Vec::new();
        while let Some(last) = self.body.last() {
            if !is_trailing_sentence(last) || self.body.len() == 1 {
                break;
            }
            trailing.push(self.body.pop().unwrap_or_else(|| unreachable!()));
        }
        // They stand above any note read after them.
        let mut note: Vec<String> = trailing
            .iter()
            .rev()
            .map(|l| l.text().trim().to_string())
            .collect();
        if !self.note.is_empty() {
            note.push(std::mem::take(&mut self.note));
        }
        self.note = note.join("\n");
    }
}

/// Whether `line` continues the row of `previous` in a table without rules: on the same
/// page, close below it, with no figure, code, numbering or total of its own.
fn continues_row(previous: &Line, line: &Line) -> bool {
    if previous.page != line.page {
        return false;
    }
    let close = previous.baseline - line.baseline <= previous.size * 13 / 10;
    !starts_row(line) && close
}

/// Whether a line of an unruled table starts a row of its own: it has a figure, a code,
/// a number, or is a 合计 / 其中 line.
fn starts_row(line: &Line) -> bool {
    let first = line.spans.first().map_or("", |s| s.text.as_str());
    let compact = line.compact();
    line.spans.iter().any(|s| is_figure(&s.text))
        || is_code(first)
        || crate::import::lex::split_number(&compact).is_some()
        || compact.starts_with("合计")
        || compact.starts_with("其中")
}

/// Whether the words of line `i` of an unruled table are the first line of the next row's
/// cell: a name on three lines with the code and figures centred on the middle one (湖州's
/// `其他地方自行试点项目收益专项债券收入安排` / `2290402 … 15000.00` / `的支出`), the three
/// lines evenly spaced.
fn leads_next_row(body: &[Line], i: usize) -> bool {
    let [above, middle, below] = match body.get(i..i + 3) {
        Some([a, b, c]) => [a, b, c],
        _ => return false,
    };
    let same_page = above.page == middle.page && middle.page == below.page;
    let (first_gap, second_gap) = (
        above.baseline - middle.baseline,
        middle.baseline - below.baseline,
    );
    same_page
        && !starts_row(above)
        && starts_row(middle)
        && continues_row(middle, below)
        && (first_gap - second_gap).abs() <= middle.size * 3 / 10
        && first_gap <= middle.size * 13 / 10
}

/// Whether line `i` of an unruled table is one of the lines a cell prints above its row's
/// figures, the cell centred on them: 湖州交通's 项目支出绩效表 sets a goal of nine lines with
/// the unit, project and amount on the fifth. The rows stand apart (gaps of more than twice
/// the line size), and the block of close lines holding `i` has one line that starts a row,
/// with as many lines after it as before, give or take one.
fn leads_in_block(body: &[Line], i: usize) -> bool {
    let close =
        |a: &Line, b: &Line| a.page == b.page && a.baseline - b.baseline <= a.size * 13 / 10;
    let apart = |a: &Line, b: &Line| a.page != b.page || a.baseline - b.baseline > a.size * 2;
    let mut first = i;
    while first > 0 && close(&body[first - 1], &body[first]) {
        first -= 1;
    }
    let mut last = i;
    while last + 1 < body.len() && close(&body[last], &body[last + 1]) {
        last += 1;
    }
    let separated = (first == 0 || apart(&body[first - 1], &body[first]))
        && (last + 1 == body.len() || apart(&body[last], &body[last + 1]));
    let starts: Vec<usize> = (first..=last).filter(|&j| starts_row(&body[j])).collect();
    match starts[..] {
        [start] if separated && i < start => {
            let (before, after) = (start - first, last - start);
            after >= 1 && before.abs_diff(after) <= 1
        }
        _ => false,
    }
}

/// For a ruled table, the band between two horizontal rules each body line lies in (its
/// page and the rule above it): lines in one band are one row, whatever they hold. `None`
/// where the page has no rules across the table.
fn bands(body: &[Line], rules: &[(u32, Rule)]) -> Vec<Option<(u32, i32)>> {
    body.iter()
        .map(|line| {
            let on_page: Vec<i32> = rules
                .iter()
                .filter(|(p, r)| {
                    *p == line.page && r.is_horizontal() && r.x0 <= line.x1() && r.x1 >= line.x0()
                })
                .map(|(_, r)| (r.y0 + r.y1) / 2)
                .collect();
            let above = on_page
                .iter()
                .filter(|y| **y > line.baseline)
                .min()
                .copied();
            let below = on_page.iter().any(|y| *y < line.baseline);
            match above {
                Some(y) if below => Some((line.page, y)),
                _ => None,
            }
        })
        .collect()
}

/// Splits a figure from the text of the next cell when no gap parted them (珠海's `0.00`
/// under 其他资金 touching the 绩效目标 text beside it). The split is where a column of
/// plain figures elsewhere in the table ends, so a sentence that merely starts with a
/// number (`2026年…`) stays whole, and only where no other cell's text crosses that edge
/// (`100%以上` in a column of values is one value).
fn split_glued_figures(body: &mut [Line]) {
    // Edges where figures are seen to end, taken before figure pairs are parted: a parted
    // pair's inner edges are estimates, and an estimate must not place another split.
    let mut figure_edges: Vec<(u32, i32)> = body
        .iter()
        .flat_map(|l| l.spans.iter().map(move |s| (l.page, s)))
        .filter(|(_, s)| s.text.split(' ').all(|t| t.is_empty() || is_figure(t)))
        .filter(|(_, s)| !s.text.trim().is_empty())
        .map(|(page, s)| (page, s.x1))
        .collect();
    // A column's figures share their edge: each edge once, not once per row.
    figure_edges.sort_unstable();
    figure_edges.dedup();
    for line in body.iter_mut() {
        let size = line.size.max(1);
        line.spans = std::mem::take(&mut line.spans)
            .into_iter()
            .flat_map(|s| split_figure_pairs(s, size))
            .collect();
    }
    // Column geometry may change from page to page (广州卫健委's 表12): whether text
    // crosses an edge is asked of the page.
    for page in body.chunk_by_mut(|a, b| a.page == b.page) {
        split_glued_on_page(page, &figure_edges);
    }
}

fn split_glued_on_page(body: &mut [Line], figure_edges: &[(u32, i32)]) {
    let is_figure_char = |c: char| c.is_ascii_digit() || matches!(c, ',' | '.' | '-' | '%');
    let figure_led = |text: &str| text.starts_with(|c: char| c.is_ascii_digit());
    let spans = || body.iter().flat_map(|l| l.spans.iter());
    let words: Vec<(i32, i32)> = spans()
        .filter(|s| !figure_led(&s.text))
        .map(|s| (s.x0, s.x1))
        .collect();
    let crossed = |edge: i32, size: i32| {
        words
            .iter()
            .any(|w| w.0 < edge - size / 2 && w.1 > edge + size / 2)
    };
    // Where cells of words begin on this page: a figure glued to the next cell ends just
    // before one, also on a page whose figures in that column are all glued (广州交通 p59).
    // Only for a span among the figure columns, not in a column of names left of them
    // (`2026年广州…`, a name's wrapped line, is no figure).
    let word_starts: Vec<i32> = spans()
        .filter(|s| !figure_led(&s.text) && starts_in_words(&s.text))
        .map(|s| s.x0 - 1)
        .collect();
    let figures_from = spans()
        .filter(|s| is_figure(&s.text))
        .map(|s| s.x0)
        .min()
        .unwrap_or(i32::MAX);
    for line in body.iter_mut() {
        let size = line.size.max(1);
        let mut spans = Vec::with_capacity(line.spans.len());
        for span in std::mem::take(&mut line.spans) {
            let run = span
                .text
                .find(|c: char| !is_figure_char(c))
                .unwrap_or(span.text.len());
            // Each prefix of the leading run of figure characters that is a figure itself
            // (`0.00` of `0.002.信访…`), with the column edge nearest to where it would end;
            // digits are about half an em wide.
            let split = (1..=run)
                .filter(|&len| {
                    let (figure, rest) = span.text.split_at(len);
                    // An amount ends at its two decimals (`0.00` of `0.00100%；2.…`).
                    let cents = figure
                        .rsplit_once('.')
                        .is_some_and(|(_, d)| d.len() == 2 && !figure.ends_with('%'));
                    len < span.text.len()
                        && is_figure(figure)
                        && (starts_in_words(rest)
                            || cents
                                && rest.contains(|c: char| !c.is_ascii() && !c.is_whitespace()))
                })
                .filter_map(|len| {
                    let expected = span.x0 + len as i32 * size / 2;
                    // An edge of the line's own page first: pages may set the columns a
                    // little apart, and another page's edge would cut into this one's
                    // text. Where figures end before where words begin.
                    let figures = figure_edges
                        .iter()
                        .map(|(page, x1)| (u8::from(*page != line.page), *x1));
                    let own_words = word_starts
                        .iter()
                        .filter(|_| span.x0 >= figures_from)
                        .map(|x| (2, *x));
                    figures
                        .chain(own_words)
                        .filter(|(_, x1)| {
                            *x1 > span.x0 && *x1 < span.x1 && (*x1 - expected).abs() <= size / 2
                        })
                        .map(|(rank, x1)| ((rank, (x1 - expected).abs()), len, x1))
                        .min()
                })
                .filter(|(_, _, edge)| !crossed(*edge, size))
                .min();
            match split {
                Some((_, len, edge)) => {
                    let (figure, rest) = span.text.split_at(len);
                    spans.push(Span {
                        text: figure.to_string(),
                        x0: span.x0,
                        x1: edge,
                    });
                    spans.push(Span {
                        text: rest.to_string(),
                        x0: edge + 1,
                        x1: span.x1,
                    });
                }
                _ => spans.push(span),
            }
        }
        line.spans = spans;
    }
}

/// Two or more figures a narrow space parts (`0.00 2,168,933.70`) are one figure per cell:
/// a figure never has a space inside. Each gets its share of the span, digits half an em
/// wide and the gaps equal. Figures followed by a figure glued to words (`0.00
/// 43,250.56善医院…`: 财政专户拨款, 其他资金, then 绩效目标) are parted the same way, gaps
/// half an em; the glued rest is left to `split_glued_on_page`.
fn split_figure_pairs(span: Span, size: i32) -> Vec<Span> {
    let tokens: Vec<&str> = span.text.split(' ').filter(|t| !t.is_empty()).collect();
    let figures = tokens.iter().take_while(|t| is_figure(t)).count();
    let glued_rest = figures >= 1
        && figures < tokens.len()
        && tokens[figures].starts_with(|c: char| c.is_ascii_digit());
    if !(glued_rest || (figures >= 2 && figures == tokens.len())) {
        return vec![span];
    }
    let widths: Vec<i32> = tokens[..figures]
        .iter()
        .map(|t| t.chars().count() as i32 * size / 2)
        .collect();
    let gap = if glued_rest {
        size / 2
    } else {
        let gaps = figures as i32 - 1;
        ((span.x1 - span.x0) - widths.iter().sum::<i32>()).max(0) / gaps
    };
    let mut pieces = Vec::with_capacity(figures + 1);
    let mut x = span.x0;
    for (text, width) in tokens[..figures].iter().zip(&widths) {
        let end = (x + width).min(span.x1);
        pieces.push(Span {
            text: (*text).to_string(),
            x0: x,
            x1: end,
        });
        x = (end + gap).min(span.x1);
    }
    if glued_rest {
        pieces.push(Span {
            text: tokens[figures..].join(" "),
            x0: x,
            x1: span.x1,
        });
    } else if let Some(last) = pieces.last_mut() {
        last.x1 = span.x1;
    }
    pieces
}

/// Whether text begins with words: a CJK character or full-width mark (`（二）`), maybe after
/// an item number (`2.信访…`) or a unit's letters (`km）年度…`, a goal's wrapped line).
fn starts_in_words(text: &str) -> bool {
    let text = match text.trim_start_matches(|c: char| c.is_ascii_alphabetic()) {
        rest if rest.len() < text.len() => {
            return rest.starts_with(|c: char| !c.is_ascii() && !c.is_whitespace());
        }
        rest => rest,
    };
    let after_number = text.trim_start_matches(|c: char| c.is_ascii_digit());
    let after_number = if after_number.len() < text.len() {
        match after_number.strip_prefix(['.', '、', '．']) {
            Some(rest) => rest,
            None => return false,
        }
    } else {
        after_number
    };
    after_number.starts_with(|c: char| !c.is_ascii() && !c.is_whitespace())
}

/// Column ranges from the body's spans: spans that overlap horizontally share a column.
pub fn column_ranges(body: &[Line]) -> Vec<(i32, i32)> {
    let mut spans: Vec<(i32, i32)> = body
        .iter()
        .flat_map(|l| l.spans.iter().map(|s| (s.x0, s.x1)))
        .collect();
    spans.sort_unstable();
    let mut columns: Vec<(i32, i32)> = Vec::new();
    for (x0, x1) in spans {
        match columns.last_mut() {
            Some(last) if x0 < last.1 - 5 => last.1 = last.1.max(x1),
            _ => columns.push((x0, x1)),
        }
    }
    if columns.is_empty() {
        columns.push((0, i32::MAX));
    }
    columns
}

/// Where the table's columns sit on each page, when the pages disagree: a table whose
/// column widths change from one page to the next (广州卫健委's 表12) runs its columns
/// into one another when all pages are taken together. Each page's own columns are used
/// when that gives more columns than the pages together have (`together`) and every page
/// comes to the same number: the most common one, a page with more having a name's wrapped
/// lines indented apart (`merge_wrapped_words`). Otherwise the table's columns hold on every
/// page (empty).
fn per_page_columns(
    body: &[Line],
    header: &[Line],
    together: usize,
) -> Vec<(u32, Vec<(i32, i32)>)> {
    let mut pages: Vec<(u32, Vec<(i32, i32)>)> = body
        .chunk_by(|a, b| a.page == b.page)
        .map(|lines| (lines[0].page, column_ranges(lines)))
        .collect();
    if pages.len() < 2 {
        return Vec::new();
    }
    let mut counts: Vec<usize> = pages.iter().map(|(_, c)| c.len()).collect();
    counts.sort_unstable();
    let usual = counts
        .chunk_by(|a, b| a == b)
        .max_by_key(|run| run.len())
        .map_or(0, |run| run[0]);
    if together >= usual {
        return Vec::new();
    }
    for (page, columns) in &mut pages {
        if columns.len() > usual {
            let lines: Vec<&Line> = body.iter().filter(|l| l.page == *page).collect();
            merge_wrapped_words(&lines, columns, usual);
        }
    }
    if pages.iter().any(|(_, c)| c.len() != usual) {
        return Vec::new();
    }
    // The header stands over its own page's columns: on a page set a little apart its
    // words may fall between columns, and only what it adds on its own page is added on the
    // others.
    let header_page = header.first().map_or(pages[0].0, |l| l.page);
    let on_header_page = pages
        .iter()
        .find(|(page, _)| *page == header_page)
        .map(|(_, columns)| with_header_only_columns(columns.clone(), header));
    let adds = on_header_page.as_ref().is_none_or(|c| c.len() > usual);
    let pages: Vec<(u32, Vec<(i32, i32)>)> = pages
        .into_iter()
        .map(|(page, columns)| match &on_header_page {
            Some(done) if page == header_page => (page, done.clone()),
            _ if adds => (page, with_header_only_columns(columns, header)),
            _ => (page, columns),
        })
        .collect();
    // The header may add a column on one page and not on another: then they disagree after all.
    let count = pages.first().map_or(0, |(_, c)| c.len());
    if pages.iter().all(|(_, c)| c.len() == count) {
        pages
    } else {
        Vec::new()
    }
}

/// Merges neighbouring columns of words that never share a line, nearest first, down to
/// `target`: a cell's wrapped lines indented less than its first (`广州市卫生健康委员` /
/// `项目` under it, further left) stand apart as two columns on a page with no line to
/// bridge them. Columns holding figures, or both filled on one line, are never merged.
fn merge_wrapped_words(lines: &[&Line], columns: &mut Vec<(i32, i32)>, target: usize) {
    while columns.len() > target {
        // Per line, the columns its spans fall in and whether each is a figure.
        let placed: Vec<Vec<(usize, bool)>> = lines
            .iter()
            .map(|l| {
                l.spans
                    .iter()
                    .map(|s| (column_of(s, columns), is_figure(&s.text)))
                    .collect()
            })
            .collect();
        let words_only = |i: usize| placed.iter().flatten().all(|&(c, fig)| c != i || !fig);
        let apart = |i: usize| {
            placed.iter().all(|line| {
                !(line.iter().any(|&(c, _)| c == i) && line.iter().any(|&(c, _)| c == i + 1))
            })
        };
        let Some(i) = (0..columns.len() - 1)
            .filter(|&i| words_only(i) && words_only(i + 1) && apart(i))
            .min_by_key(|&i| columns[i + 1].0 - columns[i].1)
        else {
            return;
        };
        columns[i].1 = columns[i].1.max(columns[i + 1].1);
        columns.remove(i + 1);
    }
}

/// The header's leaf words: spans with no lower header span under them (`小计`, `购置费`
/// under `公务用车购置及运行费` are leaves, it is not).
fn header_leaves(header: &[Line]) -> Vec<(&Line, (i32, i32))> {
    let lines: Vec<&Line> = header
        .iter()
        .filter(|l| unit_of(&l.text()).is_none())
        .collect();
    let mut leaves = Vec::new();
    for line in &lines {
        for span in &line.spans {
            // Half a character either side: a group word (`基本支出`) whose two columns'
            // words (`人员支出`, `公用经费`) stop just short of it still covers them.
            let chars = span
                .text
                .chars()
                .filter(|c| !c.is_whitespace())
                .count()
                .max(1);
            let reach = (span.x1 - span.x0) / chars as i32 / 2;
            let covered = lines
                .iter()
                .filter(|l| l.page == line.page && l.baseline < line.baseline)
                .flat_map(|l| l.spans.iter())
                .any(|s| overlap((s.x0, s.x1), (span.x0 - reach, span.x1 + reach)) > 0);
            if !covered {
                leaves.push((*line, (span.x0, span.x1)));
            }
        }
    }
    leaves
}

fn overlap(a: (i32, i32), b: (i32, i32)) -> i32 {
    a.1.min(b.1) - a.0.max(b.0)
}

/// In a table without rules whose cells are aligned to one side under centred header words
/// (上海's 三公 table: `84.00` right of and below `合计`; 长春's codes left of `科目编码`),
/// no column of figures or codes meets its header word. Each such column is paired with the
/// free header leaf (over no column) whose centre is nearest its own, with no other column
/// between them, and widened to cover it. Only when every such column finds a leaf of its
/// own, and the widened columns stay apart, is anything changed.
fn widen_to_centred_headers(columns: &mut [(i32, i32)], header: &[Line]) {
    let leaves: Vec<(i32, i32)> = header_leaves(header).into_iter().map(|(_, l)| l).collect();
    let centre = |l: &(i32, i32)| (l.0 + l.1) / 2;
    let free: Vec<(i32, i32)> = leaves
        .iter()
        .copied()
        .filter(|l| columns.iter().all(|c| overlap(*c, *l) <= 0))
        .collect();
    let orphans: Vec<usize> = (0..columns.len())
        .filter(|&i| leaves.iter().all(|l| overlap(columns[i], *l) <= 0))
        .collect();
    if free.is_empty() || orphans.is_empty() {
        return;
    }
    let mut widened: Vec<(usize, (i32, i32))> = Vec::new();
    for &i in &orphans {
        let column = columns[i];
        let adjacent = |leaf: &&(i32, i32)| {
            let (a, b) = (centre(leaf), centre(&column));
            let (low, high) = (a.min(b), a.max(b));
            columns
                .iter()
                .enumerate()
                .all(|(j, c)| j == i || c.1 <= low || c.0 >= high)
        };
        let Some(leaf) = free
            .iter()
            .filter(adjacent)
            .min_by_key(|l| (centre(l) - centre(&column)).abs())
        else {
            return;
        };
        if widened.iter().any(|(_, w)| overlap(*w, *leaf) > 0) {
            return;
        }
        widened.push((i, (leaf.0.min(column.0), leaf.1.max(column.1))));
    }
    let mut after = columns.to_vec();
    for (i, w) in &widened {
        after[*i] = *w;
    }
    let apart = after.windows(2).all(|w| w[0].1 < w[1].0);
    if apart {
        columns.copy_from_slice(&after);
    }
}

/// Adds a column for each header span of the lowest header line that stands over no body
/// column: a column the body left blank is still a column of the table.
fn with_header_only_columns(mut columns: Vec<(i32, i32)>, header: &[Line]) -> Vec<(i32, i32)> {
    let Some(lowest) = header.iter().rev().find(|l| unit_of(&l.text()).is_none()) else {
        return columns;
    };
    if columns.len() == 1 && columns[0] == (0, i32::MAX) {
        columns.clear();
    }
    widen_to_centred_headers(&mut columns, header);
    for span in &lowest.spans {
        let free = columns
            .iter()
            .all(|c| span.x1.min(c.1) - span.x0.max(c.0) <= 0);
        if free {
            columns.push((span.x0, span.x1));
        }
    }
    // A leaf of a higher header line over no column is a column too when it stands beyond
    // every column (上海's 机关运行经费预算数 right of the two-line 三公 header, blank in a
    // school's table) or next to a column headed within the lines of its own words
    // (上海公安's 因公出国(境)费 beside 合计; 上海交通's 事业单位/经营收入 beside 事业收入, left
    // blank). Otherwise it is a group's word over the columns it groups (`收入` over 项目 and
    // 预算数, whose words are lower).
    let mut added = Vec::new();
    for (line, leaf) in header_leaves(header) {
        if columns.iter().any(|c| overlap(*c, leaf) > 0) {
            continue;
        }
        // A lone character beside columns is a letter of a word set vertically (`收` / `入`
        // beside 项目); beyond them it may end a wrapped word (`机关运行经费预算` / `数`).
        let word = line
            .spans
            .iter()
            .find(|s| (s.x0, s.x1) == leaf)
            .map_or(0, |s| s.text.chars().filter(|c| !c.is_whitespace()).count());
        // The lines the word's own stack of header words spans (`事业单位` / `经营收入`):
        // a neighbour headed within them is a sibling column.
        let top = header
            .iter()
            .filter(|l| {
                l.page == line.page
                    && l.baseline >= line.baseline
                    && l.spans.iter().any(|s| overlap((s.x0, s.x1), leaf) > 0)
            })
            .map(|l| l.baseline)
            .max()
            .unwrap_or(line.baseline);
        let headed_here = |c: &(i32, i32)| {
            header.iter().any(|l| {
                l.page == line.page
                    && (line.baseline..=top).contains(&l.baseline)
                    && unit_of(&l.text()).is_none()
                    && l.spans.iter().any(|s| overlap(*c, (s.x0, s.x1)) > 0)
            })
        };
        let before = columns.iter().filter(|c| c.1 <= leaf.0).max_by_key(|c| c.1);
        let after = columns.iter().filter(|c| c.0 >= leaf.1).min_by_key(|c| c.0);
        let beside = match (before, after) {
            (Some(b), Some(a)) => word >= 2 && (headed_here(b) || headed_here(a)),
            _ => !columns.is_empty(),
        };
        if beside {
            added.push(leaf);
        }
    }
    columns.extend(added);
    columns.sort_unstable();
    if columns.is_empty() {
        columns.push((0, i32::MAX));
    }
    columns
}

fn column_of(span: &Span, columns: &[(i32, i32)]) -> usize {
    let overlap = |c: &(i32, i32)| (span.x1.min(c.1) - span.x0.max(c.0)).max(0);
    let mut best = 0;
    let mut best_overlap = -1;
    for (i, c) in columns.iter().enumerate() {
        let o = overlap(c);
        if o > best_overlap {
            best = i;
            best_overlap = o;
        }
    }
    if best_overlap <= 0 {
        // Nearest column by centre.
        let centre = span.center();
        best = columns
            .iter()
            .enumerate()
            .min_by_key(|(_, c)| ((c.0 + c.1) / 2 - centre).abs())
            .map_or(0, |(i, _)| i);
    }
    best
}

/// Each column's label: the header spans over it, top to bottom, joined with `/`.
fn header_labels(header: &[Line], columns: &[(i32, i32)]) -> Vec<String> {
    let mut labels: Vec<Vec<String>> = vec![Vec::new(); columns.len()];
    for line in header {
        if unit_of(&line.text()).is_some() {
            continue;
        }
        for span in line.spans.iter().flat_map(|s| header_words(s, columns)) {
            let text = span.text.trim();
            if text.is_empty() {
                continue;
            }
            let mut hit = false;
            for (i, c) in columns.iter().enumerate() {
                let overlap = span.x1.min(c.1) - span.x0.max(c.0);
                let width = (c.1 - c.0).max(1);
                // A header span names a column it covers, or that covers most of it.
                if overlap > 0 && (overlap * 2 >= width || overlap * 2 >= span.x1 - span.x0) {
                    labels[i].push(text.to_string());
                    hit = true;
                }
            }
            if !hit {
                let i = column_of(&span, columns);
                labels[i].push(text.to_string());
            }
        }
    }
    labels.into_iter().map(|l| l.join("/")).collect()
}

/// A header span over two or more columns whose words a narrow space parts (`财政专 其他资`
/// over 财政专户拨款 and 其他资金) is one word per column: each word gets its share of the
/// span's width by its characters (CJK header words are monospaced). Letter-spaced single
/// characters (`合 计`) stay one word.
fn header_words(span: &Span, columns: &[(i32, i32)]) -> Vec<Span> {
    let covered = columns
        .iter()
        .filter(|c| span.x1.min(c.1) - span.x0.max(c.0) > 0)
        .count();
    let words: Vec<&str> = span.text.split(' ').filter(|w| !w.is_empty()).collect();
    // Letter-spaced single characters (`合 计`) are one word.
    if covered < 2 || words.len() < 2 || words.iter().any(|w| w.chars().count() < 2) {
        return vec![span.clone()];
    }
    // Each space is one character wide in the estimate.
    let units: usize = words.iter().map(|w| w.chars().count()).sum::<usize>() + words.len() - 1;
    let per_unit = (span.x1 - span.x0) / units.max(1) as i32;
    let mut x = span.x0;
    words
        .into_iter()
        .map(|word| {
            let x1 = x + word.chars().count() as i32 * per_unit;
            let piece = Span {
                text: word.to_string(),
                x0: x,
                x1,
            };
            x = x1 + per_unit;
            piece
        })
        .collect()
}

/// What a column means, from its label (and, for code columns, from its cells).
fn meaning_of<'c>(
    label: &str,
    index: usize,
    body: &[Line],
    columns_of: &dyn Fn(u32) -> &'c Vec<(i32, i32)>,
) -> ColumnMeaning {
    // The label's words, past column numbers and markers (`合计/1`, `科目编码/**`).
    let words: Vec<&str> = label
        .split('/')
        .filter(|part| {
            !part
                .chars()
                .all(|c| c.is_ascii_digit() || c.is_whitespace() || matches!(c, '*' | '＊'))
        })
        .collect();
    let last = words.last().copied().unwrap_or("");
    let cells_are_codes = {
        let mut codes = 0;
        let mut filled = 0;
        for line in body {
            for span in &line.spans {
                if column_of(span, columns_of(line.page)) == index {
                    filled += 1;
                    if is_code(&span.text) {
                        codes += 1;
                    }
                }
            }
        }
        filled > 0 && codes * 2 > filled
    };
    if cells_are_codes {
        return ColumnMeaning::Code;
    }
    let meaning = meaning_of_word(last, index);
    // A word wrapped in its cell (`一般公共预` / `算`, `国有资本经` / `营预算`) ends in a short
    // remainder that names nothing alone: the word is the two lines together.
    match words.len().checked_sub(2).map(|i| words[i]) {
        Some(upper) if meaning == ColumnMeaning::Other && last.chars().count() <= 3 => {
            wrapped_word_meaning(upper, last).unwrap_or(meaning)
        }
        _ => meaning,
    }
}

/// The years a header label names (`2025年预算数`).
fn years_in(label: &str) -> impl Iterator<Item = u32> + '_ {
    label.match_indices('年').filter_map(|(at, _)| {
        let digits = label[..at].get(at.checked_sub(4)?..)?;
        digits
            .bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| digits.parse().ok())
            .flatten()
    })
}

/// The meaning of a header word wrapped over two lines: a term that runs on from `upper`
/// into `last`. A term wholly above is a group's word (`基本支出` over `人员` / `经费`), not
/// this column's.
fn wrapped_word_meaning(upper: &str, last: &str) -> Option<ColumnMeaning> {
    const TERMS: [(&str, ColumnMeaning); 16] = [
        ("一般公共预算", ColumnMeaning::GeneralPublic),
        ("政府性基金预算", ColumnMeaning::GovernmentFund),
        ("国有资本经营预算", ColumnMeaning::StateCapital),
        ("人员经费", ColumnMeaning::Personnel),
        ("公用经费", ColumnMeaning::Public),
        ("基本支出", ColumnMeaning::Basic),
        ("项目支出", ColumnMeaning::Project),
        ("结转结余", ColumnMeaning::Carryover),
        ("上年结转", ColumnMeaning::Carryover),
        ("财政拨款", ColumnMeaning::Fiscal),
        ("合计", ColumnMeaning::Total),
        ("小计", ColumnMeaning::Total),
        ("总计", ColumnMeaning::Total),
        ("预算数", ColumnMeaning::Total),
        ("编码", ColumnMeaning::Code),
        ("代码", ColumnMeaning::Code),
    ];
    let joined = format!("{upper}{last}");
    TERMS.iter().find_map(|(term, meaning)| {
        joined
            .match_indices(term)
            .any(|(at, _)| at + term.len() > upper.len())
            .then_some(*meaning)
    })
}

/// The meaning of a column's lowest header word.
fn meaning_of_word(word: &str, index: usize) -> ColumnMeaning {
    let has = |k: &str| word.contains(k);
    if has("编码") || has("代码") || matches!(word, "类" | "款" | "项") {
        ColumnMeaning::Code
    } else if has("人员经费") || has("工资福利") {
        ColumnMeaning::Personnel
    } else if has("公用经费") {
        ColumnMeaning::Public
    } else if has("基本支出") {
        ColumnMeaning::Basic
    } else if has("项目支出") {
        ColumnMeaning::Project
    } else if has("一般公共预算") {
        ColumnMeaning::GeneralPublic
    } else if has("政府性基金") {
        ColumnMeaning::GovernmentFund
    } else if has("国有资本") {
        ColumnMeaning::StateCapital
    } else if has("上年结转") || has("结转") {
        ColumnMeaning::Carryover
    } else if has("财政拨款") {
        ColumnMeaning::Fiscal
    } else if has("合计") || has("小计") || has("预算数") || has("总计") || has("金额") {
        ColumnMeaning::Total
    } else if has("名称")
        || has("项目")
        || has("科目")
        || has("单位")
        || word.is_empty() && index <= 1
    {
        ColumnMeaning::Name
    } else {
        ColumnMeaning::Other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_are_recognised_by_meaning() {
        let cases = [
            ("2026年预算单位财务收支预算总表", TableKind::BudgetSummary),
            ("表1 2026年部门收支总表", TableKind::BudgetSummary),
            (
                "2026年预算单位财政拨款收支预算总表",
                TableKind::FiscalSummary,
            ),
            (
                "本年一般公共预算基本支出表(预算表 6)",
                TableKind::BasicEconomic,
            ),
            (
                "2026年单位“三公”经费和机关运行经费预算表",
                TableKind::ThreePublic,
            ),
            ("公开03表 2026年部门支出总表", TableKind::ExpenditureSummary),
            ("2026年预算单位收入预算总表", TableKind::IncomeSummary),
            (
                "2026年预算单位一般公共预算支出功能分类预算表",
                TableKind::GeneralPublicFunctional,
            ),
            (
                "2026年预算单位政府性基金预算支出功能分类预算表",
                TableKind::GovernmentFund,
            ),
            ("项目支出绩效目标表", TableKind::ProjectPerformance),
            ("表3本年支出总体情况表", TableKind::ExpenditureSummary),
            (
                "一般公共预算支出情况表（按功能分类科目）",
                TableKind::GeneralPublicFunctional,
            ),
            (
                "一般公共预算基本支出情况表（按经济分类科目）",
                TableKind::BasicEconomic,
            ),
            ("收支总表（预算表 1）", TableKind::BudgetSummary),
            ("收入支出决算总表", TableKind::BudgetSummary),
            ("财政拨款收入支出决算总表", TableKind::FiscalSummary),
            (
                "政府性基金预算财政拨款收入支出决算表",
                TableKind::GovernmentFund,
            ),
            ("部门整体支出绩效目标表", TableKind::OverallPerformance),
        ];
        for (text, kind) in cases {
            assert_eq!(table_title(text).map(|t| t.0), Some(kind), "{text}");
        }
        for text in [
            "一、收支总表情况说明",
            "2026年收入预算1,234.56万元。",
            "第二部分 2026年度部门预算表",
        ] {
            assert_eq!(table_title(text).map(|t| t.0), None, "{text}");
        }
    }

    #[test]
    fn units_codes_and_figures() {
        assert_eq!(
            unit_of("编制单位：上海市信访办公室      单位：元"),
            Some("元")
        );
        assert_eq!(unit_of("单位:万元"), Some("万元"));
        assert!(is_code("2010401") && is_code("[2010401]行政运行") && is_code("301"));
        assert!(is_figure("288,280,739") && is_figure("12.5%") && !is_figure("2026年"));
    }

    fn line(texts: &[(&str, i32)]) -> Line {
        Line {
            page: 30,
            number: 1,
            baseline: 5000,
            size: 100,
            spans: texts
                .iter()
                .map(|(t, x)| Span {
                    text: t.to_string(),
                    x0: *x,
                    x1: x + 100 * t.chars().count() as i32,
                })
                .collect(),
        }
    }

    #[test]
    fn column_number_rows_are_header_lines_and_rows_are_not() {
        // 湖州 表09 prints `** ** 1` under its header; 长春 prints `1 2 3 …`.
        assert!(!is_body_line(&line(&[
            ("**", 100),
            ("**", 900),
            ("1", 1800)
        ])));
        assert!(!is_body_line(&line(&[("1", 100), ("2", 900), ("3", 1800)])));
        assert!(is_body_line(&line(&[("合计", 100), ("1", 1800)])));
        assert!(is_body_line(&line(&[
            ("201", 100),
            ("一般公共服务支出", 500),
            ("2", 1800)
        ])));
    }

    #[test]
    fn sentences_under_the_rows_are_the_note() {
        let mut draft = Draft::new(
            TableKind::BudgetSummary,
            String::new(),
            "收支总表".into(),
            4,
        );
        draft.take(&line(&[("项目", 100), ("预算数", 900)]));
        draft.take(&line(&[("收入总计", 100), ("27,900.73", 900)]));
        draft.take(&line(&[("本套报表金额单位转换时可能存在尾数误差。", 100)]));
        let table = draft.finish();
        assert_eq!(table.rows.len(), 1);
        assert_eq!(table.note, "本套报表金额单位转换时可能存在尾数误差。");

        let mut draft = Draft::new(TableKind::ThreePublic, String::new(), "三公".into(), 12);
        draft.take(&line(&[("合计", 100), ("公务接待费", 900)]));
        draft.take(&line(&[("7.61", 100), ("0.86", 900)]));
        draft.take(&line(&[("说明：", 100)]));
        draft.take(&line(&[
            ("1、“本年预算数”的单位范围包括部门本级及所属", 100),
            ("0", 4000),
            ("个预算单位。", 4200),
        ]));
        draft.take(&line(&[("三、一般公共预算当年拨款情况说明", 100)]));
        let table = draft.finish();
        // A heading numbered in Chinese is not a remark of the note.
        assert!(!table.note.contains("三、"), "{}", table.note);
        assert!(
            table.note.starts_with("说明：\n1、“本年预算数”"),
            "{}",
            table.note
        );
    }

    /// A line of spans given with their extents.
    fn spans(spans: &[(&str, i32, i32)]) -> Line {
        let mut l = line(&[]);
        l.spans = spans
            .iter()
            .map(|(t, x0, x1)| Span {
                text: t.to_string(),
                x0: *x0,
                x1: *x1,
            })
            .collect();
        l
    }

    fn texts(line: &Line) -> Vec<&str> {
        line.spans.iter().map(|s| s.text.as_str()).collect()
    }

    #[test]
    fn figures_glued_to_the_next_cell_are_split_at_their_column_edge() {
        // 广州's 表12: `0.00` under 其他资金 (5280–5480) touching the goal text.
        let mut body = vec![
            spans(&[
                ("项目甲", 500, 800),
                ("0.00", 5280, 5480),
                ("目标", 5538, 5738),
            ]),
            spans(&[("项目乙", 500, 800), ("0.00持续做好信息化运维", 5280, 7890)]),
            spans(&[("0.002.信访件办结率", 5280, 7000)]),
            spans(&[("0.00 2,168,933.70", 4795, 5654)]),
            // 广州卫健委 p43: 财政专户拨款 and 其他资金 with the goal glued to the second.
            spans(&[("0.00 43,250.56善医院环境", 4836, 7955)]),
            spans(&[("0.00", 4836, 5037), ("43,250.56", 5095, 5545)]),
        ];
        split_glued_figures(&mut body);
        assert_eq!(texts(&body[1]), ["项目乙", "0.00", "持续做好信息化运维"]);
        assert_eq!((body[1].spans[1].x1, body[1].spans[2].x0), (5480, 5481));
        assert_eq!(texts(&body[2]), ["0.00", "2.信访件办结率"]);
        assert_eq!(texts(&body[3]), ["0.00", "2,168,933.70"]);
        assert_eq!(body[3].spans[1].x1, 5654);
        assert_eq!(texts(&body[4]), ["0.00", "43,250.56", "善医院环境"]);
        assert_eq!(body[4].spans[1].x1, 5545);
    }

    #[test]
    fn a_figure_glued_on_a_page_of_glued_figures_ends_where_the_words_begin() {
        // 广州交通 表12 p59: every 其他资金 figure on the page touches its goal, so no figure
        // ends there to part them; the goals' own lines begin at 548.8 pt. A goal's line may
        // begin with a unit (`km）`) or a figure of its own (`100%；`). A name's wrapped line
        // left of the figure columns (`2026年广州…`) is not parted at the names' indent.
        let mut body = vec![
            spans(&[
                ("2026年广州电影", 428, 1079),
                ("0.00", 4902, 5103),
                ("0.00道进行养护保洁", 5280, 7890),
            ]),
            spans(&[
                ("广州市交通运输局", 678, 1479),
                ("检测，并完成报告", 5488, 7940),
            ]),
            spans(&[("0.00", 4902, 5103), ("0.00100%；2.项目实施", 5280, 7890)]),
            spans(&[("0.00", 4902, 5103), ("0.00km）年度费用", 5280, 7940)]),
        ];
        split_glued_figures(&mut body);
        assert_eq!(
            texts(&body[0]),
            ["2026年广州电影", "0.00", "0.00", "道进行养护保洁"]
        );
        assert_eq!(body[0].spans[2].x1, 5487);
        assert_eq!(texts(&body[2]), ["0.00", "0.00", "100%；2.项目实施"]);
        assert_eq!(texts(&body[3]), ["0.00", "0.00", "km）年度费用"]);
    }

    #[test]
    fn a_figure_that_begins_a_cell_is_not_split() {
        // No figure column ends after `2026`; and `100%以上` sits in a column of words that
        // run across where the figures end.
        let mut body = vec![
            spans(&[("2026年完成", 1000, 1500)]),
            spans(&[("95", 3100, 3200)]),
            spans(&[("提升服务质量", 3000, 3600)]),
            spans(&[("100%以上", 3000, 3400)]),
        ];
        let before = body.clone();
        split_glued_figures(&mut body);
        assert_eq!(body, before);
    }

    #[test]
    fn a_goal_centred_on_its_figures_over_many_lines_is_one_row() {
        // 湖州交通 项目支出绩效表 p40: rows stand apart (gaps of about three lines); a goal of
        // nine lines has its unit, project and amount on the fifth; another has two lines
        // above the amount and one below. Each is one row, its goal in reading order.
        let at = |y: i32, spans_: &[(&str, i32, i32)]| {
            let mut l = spans(spans_);
            l.baseline = y;
            l.size = 82;
            l
        };
        let goal = |y: i32, text: &str| at(y, &[(text, 4352, 7940)]);
        let mut body = vec![at(
            3512,
            &[
                ("湖州市港航管理中心", 480, 1215),
                ("水运交通行业管理", 1873, 2526),
                ("1,125.40", 3624, 3955),
                ("完成港口安全生产监管", 4352, 7943),
            ],
        )];
        body.push(goal(3412, "河水运转型发展示范区形象。"));
        for (i, y) in [3129, 3029, 2929, 2829].into_iter().enumerate() {
            body.push(goal(y, &format!("甲{i}")));
        }
        body.push(at(
            2729,
            &[
                ("湖州市港航管理中心", 480, 1215),
                ("水运交通运行保障", 1873, 2526),
                ("316.50", 3624, 3872),
                ("甲4", 4352, 7949),
            ],
        ));
        for (i, y) in [2629, 2529, 2428, 2329].into_iter().enumerate() {
            body.push(goal(y, &format!("甲{}", i + 5)));
        }
        body.push(goal(1730, "目标1"));
        body.push(goal(1629, "目标2"));
        body.push(at(
            1579,
            &[
                ("湖州交通技师学院", 480, 1133),
                ("中职教育专项", 1873, 2363),
                ("90.00", 3624, 3831),
            ],
        ));
        body.push(goal(1530, "目标3"));
        let mut draft = Draft::new(
            TableKind::ProjectPerformance,
            String::new(),
            String::new(),
            30,
        );
        draft.body = body;
        let t = draft.finish();
        let goals: Vec<&str> = t.rows.iter().map(|r| r.text(3)).collect();
        assert_eq!(
            goals,
            [
                "完成港口安全生产监管河水运转型发展示范区形象。",
                "甲0甲1甲2甲3甲4甲5甲6甲7甲8",
                "目标1目标2目标3"
            ]
        );
        assert_eq!(t.rows[2].text(2), "90.00");
    }

    #[test]
    fn a_name_on_three_lines_around_its_figures_is_one_row() {
        // 湖州卫健 表03 p32: the name's first line above the code and figures, its end below.
        let at = |y: i32, spans_: &[(&str, i32, i32)]| {
            let mut l = spans(spans_);
            l.baseline = y;
            l
        };
        let body = vec![
            at(
                4000,
                &[
                    ("22904", 600, 900),
                    ("其他支出", 1400, 1800),
                    ("10.00", 3900, 4200),
                ],
            ),
            at(
                3871,
                &[("其他地方自行试点项目收益专项债券收入安排", 1554, 3425)],
            ),
            at(3810, &[("2290402", 654, 1016), ("15000.00", 3855, 4234)]),
            at(3756, &[("的支出", 1366, 1647)]),
        ];
        assert!(!leads_next_row(&body, 0));
        assert!(leads_next_row(&body, 1));
        let mut draft = Draft::new(
            TableKind::ExpenditureSummary,
            String::new(),
            String::new(),
            30,
        );
        draft.body = body;
        let t = draft.finish();
        assert_eq!(t.rows.len(), 2);
        let names: Vec<String> = t
            .rows
            .iter()
            .map(|r| {
                r.cells
                    .iter()
                    .flatten()
                    .map(|a| a.text().to_string())
                    .collect::<Vec<_>>()
                    .join("|")
            })
            .collect();
        assert_eq!(
            names[1],
            "2290402|其他地方自行试点项目收益专项债券收入安排的支出|15000.00"
        );
    }

    #[test]
    fn a_header_set_out_anew_on_the_next_page_is_not_a_row() {
        // 广州卫健委 表12: p31 prints `财政专` / `其他资金`; p32 repeats the header wrapped
        // otherwise, `财政专 其他资` / `户拨款 金`.
        let at = |page: u32, y: i32, spans_: &[(&str, i32, i32)]| {
            let mut l = spans(spans_);
            l.page = page;
            l.baseline = y;
            l
        };
        let mut draft = Draft::new(
            TableKind::ProjectExpenditure,
            "表12".into(),
            String::new(),
            31,
        );
        for line in [
            at(
                31,
                4545,
                &[
                    ("支出项目类别（资金使用", 472, 1573),
                    ("财政专", 4665, 4965),
                ],
            ),
            at(31, 4467, &[("总计", 1851, 2051), ("其他资金", 5128, 5528)]),
            at(31, 4389, &[("单位）", 873, 1173), ("户拨款", 4665, 4965)]),
            at(
                31,
                4144,
                &[("合计", 897, 1098), ("2,313,909.42", 1676, 2276)],
            ),
            at(
                32,
                5390,
                &[
                    ("支出项目类别（资金使用单", 465, 1666),
                    ("财政专 其他资", 4767, 5445),
                ],
            ),
            at(
                32,
                5234,
                &[
                    ("位）", 966, 1166),
                    ("户拨款", 4767, 5068),
                    ("金", 5245, 5345),
                ],
            ),
            at(32, 4755, &[("科研经费", 678, 1078), ("20.00", 2058, 2308)]),
            at(32, 4677, &[("研成果，培养医学技术骨干", 678, 1078)]),
        ] {
            assert!(draft.take(&line));
        }
        let t = draft.finish();
        let first: Vec<String> = t.rows.iter().map(|r| r.text(0).to_string()).collect();
        assert_eq!(first, ["合计", "科研经费研成果，培养医学技术骨干"]);
    }

    #[test]
    fn pages_whose_header_adds_columns_unevenly_still_make_a_table() {
        // Found by `any_lines_make_a_table`: both pages' rows make the same number of
        // columns, the header word `金` adds one to the first page only.
        let at = |page: u32, y: i32, spans_: &[(&str, i32, i32)]| {
            let mut l = spans(spans_);
            l.page = page;
            l.baseline = y;
            l.size = 50;
            l
        };
        let mut draft = Draft::new(
            TableKind::ProjectExpenditure,
            String::new(),
            String::new(),
            1,
        );
        for line in [
            at(1, 1, &[("金", 0, 1)]),
            at(1, 0, &[("0.00", 7723, 7816)]),
            at(1, 0, &[("0.00", 2359, 5069)]),
            at(1, 0, &[("0.00", 1570, 2365), ("0.00", 0, 970)]),
            at(2, 0, &[("0.00", 3535, 3536)]),
            at(2, 0, &[("0.00", 3535, 3541)]),
            at(2, 0, &[("0.00", 1, 1823), ("0.00", 1, 7)]),
        ] {
            draft.take(&line);
        }
        let t = draft.finish();
        assert!(t.rows.iter().all(|r| r.cells.len() == t.columns.len()));
    }

    mod any_lines {
        use super::*;
        use proptest::prelude::*;

        /// Words a table cell is made of: figures, codes, CJK words, numbering, spaces.
        fn word() -> impl Strategy<Value = String> {
            prop_oneof![
                Just("0.00".to_string()),
                Just("1,234.56".to_string()),
                Just("2010501".to_string()),
                Just("合计".to_string()),
                Just("行政运行".to_string()),
                Just("0.00持续做好".to_string()),
                Just("0.00 225.00开展".to_string()),
                Just("财政专 其他资".to_string()),
                Just("2.信访".to_string()),
                Just("100%以上".to_string()),
                Just("（二）确保".to_string()),
                Just("金".to_string()),
            ]
        }

        fn line_on(page: u32) -> impl Strategy<Value = Line> {
            (
                prop::collection::vec((word(), 0i32..8000, 1i32..3000), 1..6),
                0i32..6000,
                50i32..150,
            )
                .prop_map(move |(words, baseline, size)| Line {
                    page,
                    number: 1,
                    baseline,
                    size,
                    spans: words
                        .into_iter()
                        .map(|(text, x0, width)| Span {
                            text,
                            x0,
                            x1: x0 + width,
                        })
                        .collect(),
                })
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(300))]
            /// Whatever the lines, a table comes out, every row with a cell per column.
            #[test]
            fn any_lines_make_a_table(
                first in prop::collection::vec(line_on(1), 0..12),
                second in prop::collection::vec(line_on(2), 0..12),
            ) {
                let mut draft = Draft::new(TableKind::ProjectExpenditure, String::new(), String::new(), 1);
                let mut lines = first;
                lines.sort_by_key(|l| -l.baseline);
                let mut more = second;
                more.sort_by_key(|l| -l.baseline);
                for line in lines.iter().chain(&more) {
                    draft.take(line);
                }
                let t = draft.finish();
                for row in &t.rows {
                    prop_assert_eq!(row.cells.len(), t.columns.len());
                }
            }
        }
    }
}
