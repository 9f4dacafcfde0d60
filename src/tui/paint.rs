//! Fitting text into display columns and painting it. All text from the file passes through
//! `text::visible` here, so no control or bidi character reaches the terminal.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::{Clear, Widget};

use crate::text::{visible, width};

fn char_width(c: char) -> usize {
    unicode_width::UnicodeWidthChar::width(c).unwrap_or(0)
}

/// The longest start of `text` within `limit` columns that does not end inside a number or
/// an English word (the cut moves back to before it; `hard` allows cutting a word that has
/// nothing before it, for wrapping).
fn head(text: &str, limit: usize, hard: bool) -> (&str, usize) {
    let mut used = 0;
    let mut end = 0;
    for (i, c) in text.char_indices() {
        let cw = char_width(c);
        if used + cw > limit {
            break;
        }
        used += cw;
        end = i + c.len_utf8();
    }
    let in_number = |c: char| c.is_ascii_digit() || matches!(c, '.' | ',' | '%');
    if text[end..].starts_with(in_number) && text[..end].ends_with(in_number) {
        // A number is never cut: the cut moves to before it.
        let start = text[..end].trim_end_matches(in_number).len();
        return (&text[..start], width(&text[..start]));
    }
    let cut_in_word = text[end..].starts_with(|c: char| c.is_ascii_alphabetic())
        && text[..end].ends_with(|c: char| c.is_ascii_alphabetic());
    if cut_in_word {
        let start = text[..end]
            .trim_end_matches(|c: char| c.is_ascii_alphabetic())
            .len();
        if start > 0 || !hard {
            let start = text[..start].trim_end().len();
            return (&text[..start], width(&text[..start]));
        }
    }
    (&text[..end], used)
}

/// The longest end of `text` within `limit` columns.
fn tail(text: &str, limit: usize) -> &str {
    let mut used = 0;
    let mut start = text.len();
    for (i, c) in text.char_indices().rev() {
        let cw = char_width(c);
        if used + cw > limit {
            break;
        }
        used += cw;
        start = i;
    }
    &text[start..]
}

/// `text` made visible and fitted to exactly `columns` columns (cut at the end).
pub fn fit(text: &str, columns: usize, ellipsis: &str) -> String {
    let safe = visible(text);
    let w = width(&safe);
    if w <= columns {
        return pad_to(safe.into_owned(), w, columns);
    }
    let limit = columns.saturating_sub(width(ellipsis));
    let (shown, mut used) = head(&safe, limit, false);
    let mut out = shown.to_string();
    if columns >= width(ellipsis) {
        out.push_str(ellipsis);
        used += width(ellipsis);
    }
    pad_to(out, used, columns)
}

/// Like [`fit`], but a cut keeps the end of the label as well as its start: names that
/// differ only at the end (公务用车购置费, 公务用车运行维护费) stay different.
pub fn fit_label(text: &str, columns: usize, ellipsis: &str) -> String {
    let safe = visible(text);
    let w = width(&safe);
    let ew = width(ellipsis);
    let body = safe.trim_start_matches(' ');
    let indent = safe.len() - body.len();
    // English is cut between words (never inside one), so only the start is kept.
    let english = body.bytes().any(|b| b.is_ascii_alphabetic()) && body.is_ascii();
    // In a narrow column the start says more than a start and an end of two characters each.
    if w <= columns || columns < indent + ew + 7 || english {
        return fit(text, columns, ellipsis);
    }
    let room = columns - ew - indent;
    let back = room * 2 / 5;
    let end = tail(body, back);
    let (start, used) = head(body, room - width(end), false);
    let out = format!("{}{start}{ellipsis}{end}", &safe[..indent]);
    pad_to(out, indent + used + ew + width(end), columns)
}

fn pad_to(mut s: String, used: usize, columns: usize) -> String {
    s.extend(std::iter::repeat_n(' ', columns.saturating_sub(used)));
    s
}

/// Right-aligns `text` in `columns` columns (figures).
pub fn fit_right(text: &str, columns: usize, ellipsis: &str) -> String {
    let safe = visible(text);
    let w = width(&safe);
    if w <= columns {
        let mut out: String = std::iter::repeat_n(' ', columns - w).collect();
        out.push_str(&safe);
        out
    } else {
        fit(text, columns, ellipsis)
    }
}

/// `text` (made visible) broken into lines of at most `columns` columns; English breaks
/// between words where it can.
pub fn wrap(text: &str, columns: usize) -> Vec<String> {
    let columns = columns.max(2);
    let safe = visible(text);
    let mut lines = Vec::new();
    let mut rest: &str = &safe;
    while width(rest) > columns {
        let (line, _) = head(rest, columns, true);
        let line = if line.is_empty() {
            // One character wider than the line: take it anyway.
            &rest[..rest.chars().next().map_or(0, char::len_utf8)]
        } else {
            line
        };
        lines.push(line.to_string());
        rest = rest[line.len()..]
            .strip_prefix(' ')
            .unwrap_or(&rest[line.len()..]);
    }
    lines.push(rest.to_string());
    lines
}

/// Number of digits after the decimal point of a figure as written (0 for none).
fn decimals(text: &str) -> usize {
    let t = text.trim_end_matches('%');
    match t.rfind('.') {
        Some(dot) if t[dot + 1..].chars().all(|c| c.is_ascii_digit()) => t.len() - dot - 1,
        _ => 0,
    }
}

/// True when `text` reads as a figure (digits, sign, separators, a point, a percent sign).
pub fn is_figure(text: &str) -> bool {
    let t = text.trim();
    !t.is_empty()
        && t.chars().any(|c| c.is_ascii_digit())
        && t.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '-' | '+' | '%'))
}

/// Pads figures on the right so their decimal points line up when right-aligned.
pub fn align_points(texts: &mut [String]) {
    let most = texts
        .iter()
        .filter(|t| is_figure(t))
        .map(|t| decimals(t))
        .max()
        .unwrap_or(0);
    for t in texts.iter_mut().filter(|t| is_figure(t)) {
        let d = decimals(t);
        let pad = if d == 0 {
            most + usize::from(most > 0)
        } else {
            most - d
        };
        t.extend(std::iter::repeat_n(' ', pad));
    }
}

/// Paints fitted text into a buffer.
pub struct Painter<'a> {
    pub buf: &'a mut Buffer,
    pub ellipsis: &'static str,
}

impl Painter<'_> {
    pub fn put(&mut self, x: u16, y: u16, columns: usize, text: &str, style: Style) {
        if columns == 0 {
            return;
        }
        let s = fit(text, columns, self.ellipsis);
        self.buf.set_stringn(x, y, s, columns, style);
    }

    pub fn put_right(&mut self, x: u16, y: u16, columns: usize, text: &str, style: Style) {
        if columns == 0 {
            return;
        }
        let s = fit_right(text, columns, self.ellipsis);
        self.buf.set_stringn(x, y, s, columns, style);
    }

    /// Draws `lines` (each wrapped) into at most `max` rows from `y`; what does not fit is
    /// cut with an ellipsis on the last row.
    pub fn wrapped(
        &mut self,
        x: u16,
        y: u16,
        columns: usize,
        max: usize,
        lines: &[(String, Style)],
    ) {
        let mut row = 0;
        for (text, style) in lines {
            let pieces = wrap(text, columns);
            for i in 0..pieces.len() {
                if row >= max {
                    return;
                }
                let shown = if row + 1 == max {
                    pieces[i..].join(" ")
                } else {
                    pieces[i].clone()
                };
                self.put(x, y + row as u16, columns, &shown, *style);
                row += 1;
            }
        }
    }
}

/// Clears `area` for a popup, including the left half of a wide character cut by its edge.
pub fn clear_popup(buf: &mut Buffer, area: Rect) {
    Clear.render(area, buf);
    if area.x == 0 {
        return;
    }
    for y in area.y..area.y + area.height {
        if let Some(cell) = buf.cell_mut((area.x - 1, y))
            && width(cell.symbol()) > 1
        {
            cell.reset();
        }
    }
}

/// Splits `area` into a left part and a right part `right` columns wide (at most half).
pub fn split_right(area: Rect, right: u16) -> (Rect, Rect) {
    let right = right.min(area.width / 2);
    (
        Rect::new(area.x, area.y, area.width - right, area.height),
        Rect::new(area.x + area.width - right, area.y, right, area.height),
    )
}

/// Splits `area` into the rows above and `bottom` rows below.
pub fn split_bottom(area: Rect, bottom: u16) -> (Rect, Rect) {
    let bottom = bottom.min(area.height);
    (
        Rect::new(area.x, area.y, area.width, area.height - bottom),
        Rect::new(area.x, area.y + area.height - bottom, area.width, bottom),
    )
}
