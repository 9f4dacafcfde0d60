//! Text from files is untrusted: make it safe and measurable for a terminal.

use std::borrow::Cow;
use std::fmt::Write;

use unicode_width::UnicodeWidthStr;

/// True for characters that must never reach a terminal as themselves: C0 and C1 controls
/// (ESC, BEL, …), DEL, and bidi and format characters that reorder or hide text.
pub fn is_unsafe_char(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2066}'..='\u{2069}'
            | '\u{2028}' | '\u{2029}'
            | '\u{FEFF}'
            | '\u{061C}'
            | '\u{FFF9}'..='\u{FFFB}'
            // Soft hyphen, Mongolian vowel separator, invisible operators, deprecated format
            // controls and tag characters: invisible, or able to hide text.
            | '\u{00AD}'
            | '\u{180E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{206A}'..='\u{206F}'
            | '\u{E0000}'..='\u{E007F}')
}

/// `text` with every unsafe character shown as a visible escape such as `\u{1b}`;
/// borrowed when nothing needed escaping. Tabs and newlines are escaped too: one cell, one line.
pub fn visible(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe_char) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_unsafe_char(c) {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Display width in terminal columns (CJK characters count two).
pub fn width(text: &str) -> usize {
    UnicodeWidthStr::width(text)
}

/// `text` cut to at most `max` columns, ending in `…` when cut.
pub fn truncate(text: &str, max: usize) -> Cow<'_, str> {
    if width(text) <= max {
        return Cow::Borrowed(text);
    }
    if max == 0 {
        return Cow::Borrowed("");
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > max - 1 {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    Cow::Owned(out)
}

/// `text` padded with spaces (or cut) to exactly `columns` columns.
pub fn pad(text: &str, columns: usize) -> String {
    let cut = truncate(text, columns);
    let mut out = cut.into_owned();
    let w = width(&out);
    out.extend(std::iter::repeat_n(' ', columns.saturating_sub(w)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_controls_and_bidi() {
        assert_eq!(visible("a\u{1b}[31mb"), "a\\u{1b}[31mb");
        assert_eq!(visible("x\u{202e}y\u{feff}"), "x\\u{202e}y\\u{feff}");
        assert_eq!(visible("\u{9b}"), "\\u{9b}");
        assert!(matches!(visible("优良中差 ≥95%"), Cow::Borrowed(_)));
    }

    #[test]
    fn widths_count_cjk_double() {
        assert_eq!(width("优良"), 4);
        assert_eq!(pad("优良中", 5), "优良…");
        assert_eq!(width(&pad("优良中", 5)), 5);
        assert_eq!(pad("ab", 4), "ab  ");
    }
}
