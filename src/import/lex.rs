//! Reading the text extract: artefacts, table cells, paragraphs, numbering and figures.
//!
//! The extract has two kinds of lines: a line starting with a tab is a table cell, any other
//! non-blank line is a paragraph. A blank line ends a table row; a non-tab line right after a
//! cell (no blank line between) continues that cell. Word artefacts (`[bookmark: …]`) are
//! dropped; footnote references and their texts are lifted out of the line.

use crate::model::Footnote;

/// One table cell: its first line and its text (tab removed, otherwise verbatim).
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub line: usize,
    pub text: String,
}

/// A table row as read: the cells between two blank lines.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub line: usize,
    pub cells: Vec<Cell>,
}

/// A paragraph line (not a cell), with the footnote ids it referenced.
#[derive(Debug, Clone, PartialEq)]
pub struct Para {
    pub line: usize,
    pub text: String,
    pub refs: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Para(Para),
    Row(Row),
}

impl Item {
    pub fn line(&self) -> usize {
        match self {
            Item::Para(p) => p.line,
            Item::Row(r) => r.line,
        }
    }
}

impl Row {
    /// The cell text at `index`, or "" when the row is shorter.
    pub fn get(&self, index: usize) -> &str {
        self.cells.get(index).map_or("", |c| c.text.as_str())
    }

    /// The index of the first cell whose compact text satisfies `pred`.
    pub fn find(&self, pred: impl Fn(&str) -> bool) -> Option<usize> {
        self.cells.iter().position(|c| pred(&compact(&c.text)))
    }

    pub fn has(&self, pred: impl Fn(&str) -> bool) -> bool {
        self.find(pred).is_some()
    }

    pub fn is_blank(&self) -> bool {
        self.cells.iter().all(|c| is_blank(&c.text))
    }

    /// The row as one line of text for a note: non-blank cells joined by ` | `.
    pub fn summary(&self) -> String {
        self.cells
            .iter()
            .filter(|c| !is_blank(&c.text))
            .map(|c| c.text.trim())
            .collect::<Vec<_>>()
            .join(" | ")
    }
}

/// True when `s` holds only white space (including the full-width space U+3000).
pub fn is_blank(s: &str) -> bool {
    s.chars().all(char::is_whitespace)
}

/// `s` without any white space (`合　计` → `合计`, `项   目` → `项目`).
pub fn compact(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The cleaned lines of a document and the footnotes found in it.
pub struct Lines {
    /// (1-based line number, text) with artefacts removed.
    pub lines: Vec<(usize, String)>,
    /// Footnote ids referenced on each line (same order as `lines`).
    pub refs: Vec<Vec<String>>,
    pub footnotes: Vec<Footnote>,
}

/// Splits `text` into lines (LF, CRLF or CR), drops a BOM and Word artefacts, lifts footnotes.
pub fn clean_lines(text: &str) -> Lines {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let body = body.replace("\r\n", "\n").replace('\r', "\n");
    let mut out = Lines {
        lines: Vec::new(),
        refs: Vec::new(),
        footnotes: Vec::new(),
    };
    for (index, raw) in body.split('\n').enumerate() {
        let line = index + 1;
        let without_bookmarks = remove_bracketed(raw, "[bookmark:");
        let (text, refs, notes) = lift_footnotes(&without_bookmarks);
        for (id, note_text) in notes {
            out.footnotes.push(Footnote {
                id,
                text: note_text,
                ..Footnote::default()
            });
        }
        out.lines.push((line, text));
        out.refs.push(refs);
    }
    out
}

/// Removes every `[prefix…]` group (bracket depth counted) from `s`.
fn remove_bracketed(s: &str, prefix: &str) -> String {
    let mut rest = s;
    let mut out = String::with_capacity(s.len());
    while let Some(at) = rest.find(prefix) {
        out.push_str(&rest[..at]);
        let after = &rest[at..];
        match closing_bracket(after) {
            Some(end) => rest = &after[end..],
            None => {
                // An unclosed artefact: keep the text as it is.
                out.push_str(after);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// Byte index just past the `]` that closes the `[` at the start of `s`.
fn closing_bracket(s: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (i, c) in s.char_indices() {
        match c {
            '[' => depth += 1,
            ']' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return Some(i + c.len_utf8());
                }
            }
            _ => {}
        }
    }
    None
}

/// Takes `[footnoteRef:ID]` references and `[ID: text]` footnote texts out of a line.
fn lift_footnotes(s: &str) -> (String, Vec<String>, Vec<(String, String)>) {
    const REF: &str = "[footnoteRef:";
    let mut refs = Vec::new();
    let mut notes = Vec::new();
    let mut rest = s;
    let mut out = String::with_capacity(s.len());
    while let Some(at) = rest.find(REF) {
        out.push_str(&rest[..at]);
        let after = &rest[at..];
        let Some(end) = closing_bracket(after) else {
            out.push_str(after);
            rest = "";
            break;
        };
        let id = after[REF.len()..end.saturating_sub(1)].trim().to_string();
        rest = &after[end..];
        // The footnote text follows as `[ID: …]`, possibly after spaces.
        let trimmed = rest.trim_start();
        let opener = format!("[{id}:");
        if !id.is_empty()
            && trimmed.starts_with(&opener)
            && let Some(close) = closing_bracket(trimmed)
        {
            let inner = &trimmed[opener.len()..close.saturating_sub(1)];
            notes.push((id.clone(), inner.trim().to_string()));
            rest = &trimmed[close..];
        }
        refs.push(id);
    }
    out.push_str(rest);
    (out, refs, notes)
}

/// Reads cleaned lines into paragraphs and table rows.
/// `never_continues` tells which non-tab lines must not continue a cell (headings, titles).
pub fn items(lines: &Lines, never_continues: impl Fn(&str) -> bool) -> Vec<Item> {
    let mut items: Vec<Item> = Vec::new();
    let mut row: Option<Row> = None;
    // Whether the previous line was a cell line or a continuation of one.
    let mut in_cell = false;
    for (i, (line, text)) in lines.lines.iter().enumerate() {
        let refs = lines.refs.get(i).cloned().unwrap_or_default();
        if let Some(cell_text) = text.strip_prefix('\t') {
            let r = row.get_or_insert_with(|| Row {
                line: *line,
                cells: Vec::new(),
            });
            r.cells.push(Cell {
                line: *line,
                text: cell_text.to_string(),
            });
            in_cell = true;
        } else if is_blank(text) {
            if let Some(r) = row.take() {
                items.push(Item::Row(r));
            }
            in_cell = false;
        } else if in_cell && !never_continues(text.trim()) {
            if let Some(cell) = row.as_mut().and_then(|r| r.cells.last_mut()) {
                cell.text.push('\n');
                cell.text.push_str(text);
            }
        } else {
            if let Some(r) = row.take() {
                items.push(Item::Row(r));
            }
            in_cell = false;
            items.push(Item::Para(Para {
                line: *line,
                text: text.clone(),
                refs,
            }));
        }
    }
    if let Some(r) = row.take() {
        items.push(Item::Row(r));
    }
    items
}

/// The style of a leading number: `一、`, `（一）`, `1、`, `（1）`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Numbering {
    Chinese,
    ParenChinese,
    Arabic,
    ParenArabic,
}

const CHINESE_DIGITS: &str = "一二三四五六七八九十百零〇";

fn is_chinese_digit(c: char) -> bool {
    CHINESE_DIGITS.contains(c)
}

fn is_arabic_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// Splits a leading number off `s` (after leading white space): `一、总体` → (Chinese, "一", "总体").
pub fn split_number(s: &str) -> Option<(Numbering, String, &str)> {
    let s = s.trim_start();
    let mut chars = s.char_indices().peekable();
    let (_, first) = *chars.peek()?;
    if first == '（' || first == '(' {
        chars.next();
        let start = chars.peek().map(|&(i, _)| i)?;
        let mut end = start;
        let mut kind = None;
        for (i, c) in chars.by_ref() {
            if c == '）' || c == ')' {
                let number = s.get(start..end)?.to_string();
                let rest = s.get(i + c.len_utf8()..)?;
                return kind.map(|k| (k, number, rest.trim_start()));
            }
            let this = if is_chinese_digit(c) {
                Numbering::ParenChinese
            } else if is_arabic_digit(c) {
                Numbering::ParenArabic
            } else {
                return None;
            };
            if kind.is_some_and(|k| k != this) {
                return None;
            }
            kind = Some(this);
            end = i + c.len_utf8();
        }
        return None;
    }
    let kind = if is_chinese_digit(first) {
        Numbering::Chinese
    } else if is_arabic_digit(first) {
        Numbering::Arabic
    } else {
        return None;
    };
    let mut end = 0;
    for (i, c) in s.char_indices() {
        let same = match kind {
            Numbering::Chinese => is_chinese_digit(c),
            _ => is_arabic_digit(c),
        };
        if same {
            end = i + c.len_utf8();
            continue;
        }
        if matches!(c, '、' | '.' | '．' | '，' | ',') {
            let rest = s.get(i + c.len_utf8()..)?;
            // `1.5万元` is a figure, not a numbered entry.
            if matches!(c, '.' | '．' | '，' | ',')
                && rest.chars().next().is_some_and(is_arabic_digit)
            {
                return None;
            }
            if matches!(c, '，' | ',') && kind != Numbering::Chinese {
                return None;
            }
            return Some((kind, s.get(..end)?.to_string(), rest.trim_start()));
        }
        return None;
    }
    None
}

/// A number at the start of `s` (digits, decimal point, thousands separators): (text, rest).
pub fn leading_number(s: &str) -> Option<(&str, &str)> {
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut end = None;
    let mut i = 0;
    let mut seen_point = false;
    while let Some(&(at, c)) = chars.get(i) {
        if is_arabic_digit(c) {
            end = Some(at + c.len_utf8());
            i += 1;
            continue;
        }
        let next_is_digit = chars.get(i + 1).is_some_and(|&(_, n)| is_arabic_digit(n));
        if matches!(c, '.' | '．') && end.is_some() && !seen_point && next_is_digit {
            seen_point = true;
            i += 1;
            continue;
        }
        if matches!(c, ',' | '，') && end.is_some() && !seen_point {
            // A thousands separator is followed by exactly three digits.
            let three = (1..=3).all(|k| chars.get(i + k).is_some_and(|&(_, d)| is_arabic_digit(d)));
            let fourth = chars.get(i + 4).is_some_and(|&(_, d)| is_arabic_digit(d));
            if three && !fourth {
                i += 1;
                continue;
            }
        }
        break;
    }
    let end = end?;
    Some((s.get(..end)?, s.get(end..)?))
}

/// The first number in `s`: (text before, number, rest).
pub fn first_number(s: &str) -> Option<(&str, &str, &str)> {
    for (at, c) in s.char_indices() {
        if is_arabic_digit(c) {
            let rest = s.get(at..)?;
            let (number, after) = leading_number(rest)?;
            return Some((s.get(..at)?, number, after));
        }
    }
    None
}

/// A paragraph led by a numbered heading that ends with `。` and runs on
/// (`（一）机关运行经费。2026 年…`): the heading (number included) and the text after it.
pub fn run_in_heading(text: &str) -> Option<(&str, &str)> {
    let text = text.trim();
    let (_, _, after_number) = split_number(text)?;
    let stop = after_number.find('。')?;
    let topic = after_number.get(..stop)?;
    if topic.is_empty() || topic.chars().count() > 16 || topic.contains(['，', ',', '：']) {
        return None;
    }
    let heading_end = text.len() - after_number.len() + stop;
    let rest = text.get(heading_end + '。'.len_utf8()..)?.trim_start();
    (!rest.is_empty()).then(|| (text.get(..heading_end).unwrap_or(text), rest))
}

/// Characters that may stand between a key word and its figure (`收入预算：1377.92`).
fn is_filler(c: char) -> bool {
    c.is_whitespace() || "：:为是共计安排约合达预算数总额支出金".contains(c)
}

/// The figure that follows `key` in `text` (first occurrence that has one).
pub fn number_after<'a>(text: &'a str, key: &str) -> Option<&'a str> {
    let mut from = 0;
    while let Some(pos) = text.get(from..).and_then(|t| t.find(key)) {
        let start = from + pos + key.len();
        let mut rest = text.get(start..)?;
        // `（一）收入预算。2026 年年初预算数…`: the key is a run-in heading, its figure follows.
        let heading_before = text
            .get(..from + pos)
            .is_some_and(|before| split_number(before).is_some_and(|(_, _, r)| r.is_empty()));
        if heading_before {
            rest = rest.strip_prefix('。').unwrap_or(rest);
        }
        let skipped = rest.trim_start_matches(is_filler);
        // `基本支出预算` is not `支出预算`: a key qualified by the word before it is another key.
        // So is `临聘人员经费` not `人员经费`, nor `事业收入` the `收入`: the budget's own words
        // that name a part of a key make another key.
        let qualified = text.get(..from + pos).is_some_and(|before| {
            [
                "基本", "项目", "人员", "公用", "临聘", "事业", "经营", "其他", "拨款", "补助",
                "上缴",
            ]
            .iter()
            .any(|q| before.ends_with(q))
        });
        // A year after the key is not its figure: `收入预算：2026 年年初预算数14,770.62万元`
        // gives the figure after the year's words.
        let mut candidate = skipped;
        if let Some((_, after)) = leading_number(candidate)
            && let Some(past_year) = after.trim_start().strip_prefix('年')
        {
            candidate =
                past_year.trim_start_matches(|c: char| is_filler(c) || "年初度".contains(c));
        }
        if !qualified
            && rest.len() - skipped.len() <= 18
            && rest.len() - candidate.len() <= 36
            && let Some((number, after)) = leading_number(candidate)
            && !after.trim_start().starts_with('年')
        {
            return Some(number);
        }
        from = start;
    }
    None
}

/// The unit written right after a figure: `万元`, `元/吨`, `家`, `%`.
pub fn leading_unit(s: &str) -> (&str, &str) {
    let chars: Vec<(usize, char)> = s.char_indices().take(6).collect();
    let split = |n: usize| {
        let end = chars.get(n).map_or(s.len(), |&(i, _)| i);
        (s.get(..end).unwrap_or(""), s.get(end..).unwrap_or(""))
    };
    let Some(&(_, first)) = chars.first() else {
        return ("", s);
    };
    if first == '%' || first == '％' {
        return split(1);
    }
    if !is_unit_char(first) || first == '/' {
        return ("", s);
    }
    let mut n = 1;
    // Two characters when the first is a magnitude: 万元, 千克, 亿元.
    if "万千亿平立公".contains(first)
        && chars
            .get(1)
            .is_some_and(|&(_, c)| is_unit_char(c) && c != '/')
    {
        n = 2;
    }
    // A rate: 元/吨, 万元/家.
    if chars.get(n).is_some_and(|&(_, c)| c == '/')
        && chars
            .get(n + 1)
            .is_some_and(|&(_, c)| is_unit_char(c) && c != '/')
    {
        n += 2;
    }
    split(n)
}

fn is_unit_char(c: char) -> bool {
    c == '/'
        || (!c.is_whitespace()
            && !c.is_ascii_punctuation()
            && !is_arabic_digit(c)
            && !"，。、；：（）()“”\"‘’【】《》！？,.;:!?".contains(c))
}

/// The first `YYYY年` in `text` with a plausible year.
pub fn find_year(text: &str) -> Option<u32> {
    let chars: Vec<char> = text.chars().collect();
    for (i, window) in chars.windows(5).enumerate() {
        if window.get(4) == Some(&'年') && window.iter().take(4).all(|c| c.is_ascii_digit()) {
            let before_digit = i > 0 && chars.get(i - 1).is_some_and(|c| c.is_ascii_digit());
            if before_digit {
                continue;
            }
            let year: String = window.iter().take(4).collect();
            if let Ok(y) = year.parse::<u32>()
                && (1949..=2200).contains(&y)
            {
                return Some(y);
            }
        }
    }
    None
}

/// The stated change in `text`: `增加27.82%`, `减少3万元`, or the clause with `持平`.
pub fn find_change(text: &str) -> String {
    let mut best: Option<(usize, String)> = None;
    for key in ["增加", "减少", "增长", "下降", "降低", "上升", "减"] {
        let mut from = 0;
        while let Some(pos) = text.get(from..).and_then(|t| t.find(key)) {
            let start = from + pos;
            let after = text.get(start + key.len()..).unwrap_or("");
            let skipped = after.trim_start();
            if let Some((number, rest)) = leading_number(skipped) {
                // `减少21.42 万元`: a space may stand between the figure and its unit.
                let spaced = rest.trim_start_matches([' ', '\u{3000}']);
                let (unit, _) = leading_unit(spaced);
                if unit == "%" || unit == "％" || unit.ends_with('元') {
                    let gap = after.len() - skipped.len();
                    let space = rest.len() - spaced.len();
                    let len = key.len() + gap + number.len() + space + unit.len();
                    if let Some(found) = text.get(start..start + len) {
                        if best.as_ref().is_none_or(|(b, _)| start < *b) {
                            best = Some((start, found.to_string()));
                        }
                        break;
                    }
                }
            }
            from = start + key.len();
        }
    }
    if let Some(pos) = text.find("持平") {
        let clause_start = text
            .get(..pos)
            .and_then(|t| t.rfind(is_clause_break).map(|i| i + char_len_at(t, i)))
            .unwrap_or(0);
        let clause_end = text
            .get(pos..)
            .and_then(|t| t.find(is_clause_break))
            .map_or(text.len(), |i| pos + i);
        if best.as_ref().is_none_or(|(b, _)| clause_start < *b)
            && let Some(clause) = text.get(clause_start..clause_end)
        {
            best = Some((clause_start, clause.trim().to_string()));
        }
    }
    best.map(|(_, s)| s).unwrap_or_default()
}

fn char_len_at(s: &str, i: usize) -> usize {
    s.get(i..)
        .and_then(|t| t.chars().next())
        .map_or(1, char::len_utf8)
}

pub fn is_clause_break(c: char) -> bool {
    "，,。；;：:".contains(c)
}

/// The reason stated after `原因` up to the end of its sentence.
pub fn find_reason(text: &str) -> String {
    let Some(pos) = text.find("原因") else {
        return String::new();
    };
    let rest = text.get(pos + "原因".len()..).unwrap_or("");
    let rest = rest.trim_start_matches(|c: char| c.is_whitespace() || "：:是为".contains(c));
    let end = rest.find(['。', ';', '；']).unwrap_or(rest.len());
    rest.get(..end).unwrap_or("").trim().to_string()
}

/// Splits `text` into pieces at list separators (、，,；;), keeping thousands separators
/// (`1,388.00`) inside their figure.
pub fn list_pieces(text: &str) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if !matches!(c, '、' | '，' | ',' | '；' | ';') {
            continue;
        }
        if matches!(c, ',' | '，') {
            let before = text.get(..i).and_then(|t| t.chars().last());
            let after = text.get(i + c.len_utf8()..).unwrap_or("");
            let digits = after.chars().take_while(|d| is_arabic_digit(*d)).count();
            if before.is_some_and(is_arabic_digit) && digits == 3 {
                continue;
            }
        }
        pieces.push(text.get(start..i).unwrap_or(""));
        start = i + c.len_utf8();
    }
    pieces.push(text.get(start..).unwrap_or(""));
    pieces
        .into_iter()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect()
}

/// The text after a `label：` prefix (full- or half-width colon), trimmed.
pub fn after_colon(s: &str) -> &str {
    match s.find(['：', ':']) {
        Some(i) => s.get(i + char_len_at(s, i)..).unwrap_or("").trim(),
        None => s.trim(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbering() {
        assert_eq!(
            split_number("（一）公务接待费"),
            Some((Numbering::ParenChinese, "一".into(), "公务接待费"))
        );
        assert_eq!(
            split_number("(二)x"),
            Some((Numbering::ParenChinese, "二".into(), "x"))
        );
        assert_eq!(
            split_number("十五、宣传"),
            Some((Numbering::Chinese, "十五".into(), "宣传"))
        );
        assert_eq!(
            split_number("　　1、综合"),
            Some((Numbering::Arabic, "1".into(), "综合"))
        );
        assert_eq!(
            split_number("1．基本支出"),
            Some((Numbering::Arabic, "1".into(), "基本支出"))
        );
        assert_eq!(split_number("1.5万元"), None);
        assert_eq!(split_number("2021年"), None);
    }

    #[test]
    fn numbers_and_units() {
        assert_eq!(leading_number("1,388.00万元"), Some(("1,388.00", "万元")));
        assert_eq!(leading_number("4.5、印刷费"), Some(("4.5", "、印刷费")));
        assert_eq!(leading_number("5家，每家"), Some(("5", "家，每家")));
        assert_eq!(leading_unit("元/吨，合计"), ("元/吨", "，合计"));
        assert_eq!(leading_unit("万元，小计"), ("万元", "，小计"));
        assert_eq!(leading_unit("家，每家"), ("家", "，每家"));
        assert_eq!(leading_unit("%，原因"), ("%", "，原因"));
        assert_eq!(leading_unit("名人才"), ("名", "人才"));
        assert_eq!(
            number_after("收入预算：1377.92万元", "收入预算"),
            Some("1377.92")
        );
        assert_eq!(find_change("与2020年相比增加27.82%，原因：x"), "增加27.82%");
        assert_eq!(find_change("6万元，，与上年持平。"), "与上年持平");
        assert_eq!(
            find_change("比2025 年减少21.42 万元, 主要"),
            "减少21.42 万元"
        );
        assert_eq!(
            find_reason("原因：项目支出经费增加和人员增加。"),
            "项目支出经费增加和人员增加"
        );
        assert_eq!(find_year("发改局（部门）2021年收入"), Some(2021));
    }

    #[test]
    fn run_in_headings_lead_their_paragraph() {
        assert_eq!(
            run_in_heading("（一）机关运行经费。2026 年运行经费 1,815 万元。"),
            Some(("（一）机关运行经费", "2026 年运行经费 1,815 万元。"))
        );
        // A sentence that happens to be numbered is not a heading.
        assert_eq!(
            run_in_heading("1.本部门收入比上年增加，主要是人员增加。"),
            None
        );
        assert_eq!(run_in_heading("（二）政府采购情况。"), None);
        assert_eq!(run_in_heading("机关运行经费。2026年…"), None);
        // The figure of a run-in key is after the full stop, not lost to it.
        assert_eq!(
            number_after(
                "（一）收入预算。2026 年年初预算数 19,230.18 万元",
                "收入预算"
            ),
            Some("19,230.18")
        );
        assert_eq!(number_after("与收入预算。2026年以后", "收入预算"), None);
    }

    #[test]
    fn footnotes_and_bookmarks() {
        let lines = clean_lines("[bookmark: _Toc1]标题[footnoteRef:1] [1: 备注：x。] \r\nb");
        assert_eq!(lines.lines[0].1, "标题 ");
        assert_eq!(lines.refs[0], vec!["1".to_string()]);
        assert_eq!(lines.footnotes[0].text, "备注：x。");
        assert_eq!(lines.lines[1].1, "b");
    }
}
