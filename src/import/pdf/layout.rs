//! Layout from glyph positions: glyphs → lines → spans, with page furniture removed.
//!
//! Positions are whole tenths of a point (`i32`): integer geometry sorts totally and makes the
//! output byte-stable; a tenth of a point is far below any gap that carries meaning.

/// One glyph: its character, horizontal extent and baseline, in tenths of a point
/// (y grows upwards, as in PDF).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Glyph {
    pub ch: char,
    pub x0: i32,
    pub x1: i32,
    pub baseline: i32,
    pub size: i32,
}

/// A horizontal or vertical ruling line (or the edge of a thin filled rectangle).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    pub x0: i32,
    pub x1: i32,
    pub y0: i32,
    pub y1: i32,
}

impl Rule {
    pub fn is_horizontal(&self) -> bool {
        self.y1 - self.y0 <= 20 && self.x1 - self.x0 > 50
    }
    pub fn is_vertical(&self) -> bool {
        self.x1 - self.x0 <= 20 && self.y1 - self.y0 > 50
    }
}

/// What a page holds before layout.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageGlyphs {
    /// Physical page number, from 1.
    pub number: u32,
    pub width: i32,
    pub height: i32,
    pub glyphs: Vec<Glyph>,
    pub rules: Vec<Rule>,
}

/// A run of glyphs on one line without a wide gap: one phrase or one table cell's line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub text: String,
    pub x0: i32,
    pub x1: i32,
}

impl Span {
    pub fn center(&self) -> i32 {
        (self.x0 + self.x1) / 2
    }
}

/// One line of a page: the spans that share a baseline, left to right.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub page: u32,
    /// 1-based line number on its page, counted over the lines kept.
    pub number: u32,
    pub baseline: i32,
    /// Typical glyph size of the line.
    pub size: i32,
    pub spans: Vec<Span>,
}

impl Line {
    /// The line as text: spans joined by one space where a gap separated them.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for (i, span) in self.spans.iter().enumerate() {
            if i > 0 {
                out.push(' ');
            }
            out.push_str(&span.text);
        }
        out
    }

    /// The text without any spaces: how a heading or title is compared.
    pub fn compact(&self) -> String {
        self.spans
            .iter()
            .flat_map(|s| s.text.chars())
            .filter(|c| !c.is_whitespace())
            .collect()
    }

    pub fn x0(&self) -> i32 {
        self.spans.first().map_or(0, |s| s.x0)
    }

    pub fn x1(&self) -> i32 {
        self.spans.last().map_or(0, |s| s.x1)
    }
}

/// Groups a page's glyphs into lines (top to bottom) and spans (left to right).
pub fn lines_of(page: &PageGlyphs) -> Vec<Line> {
    let mut glyphs: Vec<Glyph> = page
        .glyphs
        .iter()
        .copied()
        .filter(|g| !g.ch.is_control())
        .collect();
    // Top to bottom, then left to right.
    glyphs.sort_by(|a, b| b.baseline.cmp(&a.baseline).then(a.x0.cmp(&b.x0)));
    let mut rows: Vec<Vec<Glyph>> = Vec::new();
    for g in glyphs {
        let tolerance = (g.size * 3 / 10).max(10);
        match rows.last_mut() {
            Some(row) if (row[0].baseline - g.baseline).abs() <= tolerance => row.push(g),
            _ => rows.push(vec![g]),
        }
    }
    let mut lines = Vec::new();
    for mut row in rows {
        row.sort_by(|a, b| a.x0.cmp(&b.x0).then(a.baseline.cmp(&b.baseline)));
        let baseline = row[0].baseline;
        let walls: Vec<i32> = page
            .rules
            .iter()
            .filter(|r| r.is_vertical() && r.y0 <= baseline + 50 && r.y1 >= baseline)
            .map(|r| (r.x0 + r.x1) / 2)
            .collect();
        let spans = join_letter_spaced(spans_of(&row, &walls), &walls);
        if spans.is_empty() {
            continue;
        }
        let mut sizes: Vec<i32> = row.iter().map(|g| g.size).collect();
        sizes.sort_unstable();
        lines.push(Line {
            page: page.number,
            number: 0,
            baseline: row[0].baseline,
            size: sizes[sizes.len() / 2],
            spans,
        });
    }
    lines
}

/// Splits one line's glyphs (sorted by x) into spans at wide gaps and at spaces wide enough
/// to separate columns. A gap of about a character's width or more separates two spans.
/// A vertical rule between two glyphs (`walls`) always separates them: they are in two cells.
/// So does a gap of a quarter em between a figure and text, which only adjacent cells leave.
fn spans_of(row: &[Glyph], walls: &[i32]) -> Vec<Span> {
    let mut spans: Vec<Span> = Vec::new();
    let mut current: Option<Span> = None;
    let mut last_x1: Option<i32> = None;
    let mut last_x0 = i32::MIN;
    for g in row {
        if g.ch.is_whitespace() {
            continue;
        }
        // A glyph drawn twice at the same place (fake bold) is one glyph.
        if let Some(span) = &current
            && (g.x0 - last_x0).abs() <= g.size / 10
            && span.text.ends_with(g.ch)
        {
            continue;
        }
        last_x0 = g.x0;
        let gap = last_x1.map_or(0, |x| g.x0.saturating_sub(x));
        let walled = last_x1.is_some_and(|x| walls.iter().any(|w| *w > x - 5 && *w < g.x0 + 5));
        let previous_digit = current
            .as_ref()
            .and_then(|s| s.text.chars().last())
            .is_some_and(|c| c.is_ascii_digit());
        let digit_meets_text = previous_digit != g.ch.is_ascii_digit() && gap > g.size / 4;
        let wide =
            last_x1.is_none() || walled || digit_meets_text || gap > (g.size * 8 / 10).max(15);
        match current.as_mut() {
            Some(span) if !wide => {
                // A narrow space inside a phrase is kept as one space ("102.11 万元").
                if gap > g.size / 5 && !span.text.ends_with(' ') {
                    span.text.push(' ');
                }
                span.text.push(g.ch);
                span.x1 = span.x1.max(g.x1);
            }
            _ => {
                if let Some(span) = current.take() {
                    spans.push(span);
                }
                current = Some(Span {
                    text: g.ch.to_string(),
                    x0: g.x0,
                    x1: g.x1,
                });
            }
        }
        last_x1 = Some(last_x1.map_or(g.x1, |x| x.max(g.x1)));
    }
    spans.extend(current);
    spans
}

/// In a ruled row, single characters spread across one cell (`合    计`, `项    目`) are one
/// word: two one-character spans with no rule between them are joined. Without rules the
/// same gap may separate columns (`类  款  项`), so unruled rows are left as they are.
fn join_letter_spaced(spans: Vec<Span>, walls: &[i32]) -> Vec<Span> {
    if walls.is_empty() {
        return spans;
    }
    let single = |text: &str| {
        let mut chars = text.chars().filter(|c| *c != ' ');
        chars.next().is_some_and(crate::model::value::is_cjk) && chars.next().is_none()
    };
    let mut out: Vec<Span> = Vec::with_capacity(spans.len());
    for span in spans {
        if let Some(last) = out.last_mut() {
            let last_char = last.text.rsplit(' ').next().unwrap_or("");
            let walled = walls.iter().any(|w| *w > last.x1 - 5 && *w < span.x0 + 5);
            let near = span.x0 - last.x1 <= (span.x1 - span.x0) * 4;
            if !walled && near && single(last_char) && single(&span.text) {
                last.text.push(' ');
                last.text.push_str(&span.text);
                last.x1 = span.x1;
                continue;
            }
        }
        out.push(span);
    }
    out
}

/// Whether a line is a printed page number: `5`, `- 5 -`, `—5—`, `第 5 页`, `第5页 共20页`.
pub fn is_page_number(text: &str) -> bool {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let inner = compact.trim_matches(|c: char| {
        matches!(
            c,
            '-' | '—' | '–' | '－' | '·' | '•' | '(' | ')' | '（' | '）'
        )
    });
    if !inner.is_empty() && inner.len() <= 4 && inner.chars().all(|c| c.is_ascii_digit()) {
        return true;
    }
    let is_digit = |c: char| c.is_ascii_digit();
    let pieces: Vec<&str> = inner.split(['页']).filter(|p| !p.is_empty()).collect();
    !pieces.is_empty()
        && inner.ends_with('页')
        && pieces.iter().all(|p| {
            let p = p.trim_start_matches(['第', '共']);
            !p.is_empty() && p.chars().all(is_digit)
        })
}

/// Removes page furniture: printed page numbers in the top or bottom band of a page, and
/// a running header or footer (the same text in the same band on most pages). Numbers the
/// kept lines of each page from 1.
pub fn drop_furniture(pages: &mut [Vec<Line>], heights: &[i32]) {
    use std::collections::HashMap;
    let band = |height: i32, line: &Line| {
        let margin = height / 10;
        if line.baseline > height - margin {
            Some(true)
        } else if line.baseline < margin {
            Some(false)
        } else {
            None
        }
    };
    // Text seen in the top or bottom band, with digits blanked: on how many pages, the first
    // and the last.
    let mut seen: HashMap<(bool, String), (usize, usize, usize)> = HashMap::new();
    for (index, (page, height)) in pages.iter().zip(heights).enumerate() {
        let mut here = std::collections::HashSet::new();
        for line in page {
            if let Some(top) = band(*height, line) {
                here.insert((top, blank_digits(&line.compact())));
            }
        }
        for key in here {
            let entry = seen.entry(key).or_insert((0, index, index));
            entry.0 += 1;
            entry.2 = index;
        }
    }
    let page_count = pages.len();
    // A running header or footer runs through the document, from its first fifth to its
    // last; a long table's header repeated on its pages (广州交通 表12, p27–80 of 100) does not.
    let running = |key: &(bool, String)| {
        seen.get(key).is_some_and(|&(count, first, last)| {
            page_count >= 4
                && count * 2 > page_count
                && first * 5 < page_count
                && last * 5 >= page_count * 4
        })
    };
    for (page, height) in pages.iter_mut().zip(heights) {
        // The lowest line of a page in its bottom fifth, when it reads as a page number, is
        // one even above the bottom tenth (重庆's `— 18 —` under a long table).
        let lowest = page.iter().map(|l| l.baseline).min();
        let footer_number = |line: &Line| {
            Some(line.baseline) == lowest
                && line.baseline < *height / 5
                && is_page_number(&line.text())
        };
        page.retain(|line| match band(*height, line) {
            Some(top) => {
                !is_page_number(&line.text()) && !running(&(top, blank_digits(&line.compact())))
            }
            None => !footer_number(line),
        });
        for (i, line) in page.iter_mut().enumerate() {
            line.number = u32::try_from(i + 1).unwrap_or(u32::MAX);
        }
    }
}

fn blank_digits(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .collect()
}

/// Whether a page is a table of contents: titled 目录, or most of its lines end in a page
/// number after dot leaders.
pub fn is_contents_page(lines: &[Line]) -> bool {
    let titled = lines
        .iter()
        .take(5)
        .any(|l| matches!(l.compact().as_str(), "目录" | "目次"));
    let leaders = lines
        .iter()
        .filter(|l| is_contents_entry(&l.text()))
        .count();
    titled || (lines.len() >= 4 && leaders * 2 >= lines.len())
}

/// A contents entry: text, dot leaders (or wide space), and a page number at the end.
pub fn is_contents_entry(text: &str) -> bool {
    let trimmed = text.trim_end();
    let digits = trimmed.len() - trimmed.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    let before = trimmed[..trimmed.len() - digits].trim_end();
    // Two leader characters at least: `0.00` at the end of a table row is not an entry.
    let leaders = before
        .chars()
        .rev()
        .take_while(|c| matches!(c, '.' | '…' | '·' | '．' | '-'))
        .count();
    digits > 0 && digits <= 3 && leaders >= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glyphs(text: &str, x: i32, baseline: i32) -> Vec<Glyph> {
        let mut out = Vec::new();
        let mut pos = x;
        for ch in text.chars() {
            let w = if ch.is_ascii() { 50 } else { 100 };
            out.push(Glyph {
                ch,
                x0: pos,
                x1: pos + w,
                baseline,
                size: 100,
            });
            pos += w;
        }
        out
    }

    #[test]
    fn glyphs_make_lines_and_spans_at_wide_gaps() {
        let mut page = PageGlyphs {
            number: 3,
            width: 5950,
            height: 8420,
            ..Default::default()
        };
        page.glyphs.extend(glyphs("收入总计", 100, 7000));
        page.glyphs.extend(glyphs("1,234.56", 2000, 7002));
        page.glyphs.extend(glyphs("下一行", 100, 6800));
        let lines = lines_of(&page);
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].spans.len(), 2);
        assert_eq!(lines[0].text(), "收入总计 1,234.56");
        assert_eq!(lines[1].text(), "下一行");
        assert_eq!(lines[0].page, 3);
    }

    #[test]
    fn page_numbers_are_recognised() {
        for t in ["5", "- 5 -", "—12—", "第 5 页", "第5页共20页", "（3）"] {
            assert!(is_page_number(t), "{t}");
        }
        for t in ["5万元", "第五部分", "一、", "12345"] {
            assert!(!is_page_number(t), "{t}");
        }
    }

    #[test]
    fn contents_entries_have_leaders_and_a_page() {
        assert!(is_contents_entry("一、部门主要职责……………………3"));
        assert!(is_contents_entry("二、机构设置.......... 12"));
        assert!(!is_contents_entry("收入预算1,234.56"));
    }

    #[test]
    fn letter_spaced_words_join_inside_a_ruled_cell_only() {
        let mut page = PageGlyphs {
            number: 18,
            width: 5950,
            height: 8420,
            ..Default::default()
        };
        // 重庆 表九: `合    计` spread across one merged cell; rules at x = 740 and 1900.
        page.glyphs.extend(glyphs("合", 1160, 7000));
        page.glyphs.extend(glyphs("计", 1370, 7000));
        page.glyphs.extend(glyphs("947.00", 2110, 7000));
        for x in [740, 1900] {
            page.rules.push(Rule {
                x0: x,
                y0: 6900,
                x1: x,
                y1: 7200,
            });
        }
        let ruled = lines_of(&page);
        let texts: Vec<&str> = ruled[0].spans.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(texts, ["合 计", "947.00"]);
        // Without rules the same gap may part two columns (`类  款  项`).
        page.rules.clear();
        let unruled = lines_of(&page);
        assert_eq!(unruled[0].spans.len(), 3);
    }

    #[test]
    fn a_page_number_as_the_lowest_line_is_dropped_above_the_bottom_tenth_too() {
        // 重庆: `— 18 —` under a long table, at 15% of the page height.
        let mut page = vec![
            Line {
                page: 18,
                number: 0,
                baseline: 3000,
                size: 100,
                spans: vec![Span {
                    text: "2080501 行政单位离退休 12.50".into(),
                    x0: 100,
                    x1: 3000,
                }],
            },
            Line {
                page: 18,
                number: 0,
                baseline: 1260,
                size: 100,
                spans: ["—", "18", "—"]
                    .iter()
                    .enumerate()
                    .map(|(i, t)| Span {
                        text: t.to_string(),
                        x0: 2800 + 200 * i as i32,
                        x1: 2900 + 200 * i as i32,
                    })
                    .collect(),
            },
        ];
        let mut pages = vec![page.clone()];
        drop_furniture(&mut pages, &[8420]);
        assert_eq!(pages[0].len(), 1);
        assert!(pages[0][0].text().starts_with("2080501"));
        // A figure as the lowest line of a page is not a page number when it is mid-page.
        page[1].baseline = 4000;
        page[1].spans = vec![Span {
            text: "18".into(),
            x0: 2800,
            x1: 2900,
        }];
        let mut pages = vec![page];
        drop_furniture(&mut pages, &[8420]);
        assert_eq!(pages[0].len(), 2);
    }

    #[test]
    fn a_long_table_s_repeated_header_is_not_a_running_header() {
        // 广州交通: 表12's header (`支出项目类别…`) tops pages 27–80 of 100, more than half of
        // them, but only in that run; the department's name tops every page.
        let top = |text: &str| Line {
            page: 0,
            number: 0,
            baseline: 8000,
            size: 100,
            spans: vec![Span {
                text: text.into(),
                x0: 500,
                x1: 1500,
            }],
        };
        let body = |text: &str| Line {
            baseline: 4000,
            ..top(text)
        };
        let mut pages: Vec<Vec<Line>> = (0..100)
            .map(|i| {
                let mut page = vec![top("广州市交通运输局"), body("正文")];
                if (26..80).contains(&i) {
                    page.insert(1, top("支出项目类别（资金使用单"));
                }
                page
            })
            .collect();
        drop_furniture(&mut pages, &[8420; 100]);
        assert_eq!(
            pages[0].iter().map(Line::text).collect::<Vec<_>>(),
            ["正文"]
        );
        assert_eq!(
            pages[30].iter().map(Line::text).collect::<Vec<_>>(),
            ["支出项目类别（资金使用单", "正文"]
        );
    }
}
