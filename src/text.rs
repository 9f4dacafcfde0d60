//! Text from files is untrusted: make it safe and measurable for a terminal.

use std::borrow::Cow;
use std::fmt::Write as _;

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

/// A serde_json formatter, pretty like serde_json's own, that writes every character that must
/// not reach a terminal ([`is_unsafe_char`]) as a `\uXXXX` escape: serde_json escapes only C0
/// controls and leaves DEL, C1 controls, bidi and format characters raw. Every JSON the program
/// prints or writes goes through it.
pub struct SafeFormatter<'a>(serde_json::ser::PrettyFormatter<'a>);

impl serde_json::ser::Formatter for SafeFormatter<'_> {
    fn write_string_fragment<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        let bytes = fragment.as_bytes();
        let mut copied = 0;
        for (at, &lead) in bytes.iter().enumerate() {
            // Only these bytes begin a character that must be escaped (DEL, C1 and U+00AD,
            // U+061C, U+180E, U+2000–U+206F, U+FEFF–U+FFFB, tags); continuation bytes never
            // match, so the rest is skipped without decoding, which keeps large files fast.
            if at < copied || !matches!(lead, 0x7f | 0xc2 | 0xd8 | 0xe1 | 0xe2 | 0xef | 0xf3) {
                continue;
            }
            let Some(c) = fragment[at..].chars().next().filter(|c| is_unsafe_char(*c)) else {
                continue;
            };
            writer.write_all(&bytes[copied..at])?;
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                write!(writer, "\\u{unit:04x}")?;
            }
            copied = at + c.len_utf8();
        }
        writer.write_all(&bytes[copied..])
    }

    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_array(w)
    }

    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array(w)
    }

    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.0.begin_array_value(w, first)
    }

    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array_value(w)
    }

    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object(w)
    }

    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object(w)
    }

    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.0.begin_object_key(w, first)
    }

    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object_value(w)
    }

    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object_value(w)
    }
}

/// `value` as pretty JSON through [`SafeFormatter`], with a newline at the end.
pub fn to_safe_json<T: serde::Serialize + ?Sized>(value: &T) -> String {
    let mut out = Vec::with_capacity(4096);
    let formatter = SafeFormatter(serde_json::ser::PrettyFormatter::new());
    let mut serializer = serde_json::Serializer::with_formatter(&mut out, formatter);
    // Plain data with string keys cannot fail to serialize; were it to, `null` is printed.
    if value.serialize(&mut serializer).is_err() {
        out = b"null".to_vec();
    }
    out.push(b'\n');
    // The serializer writes only UTF-8 (escapes are ASCII).
    String::from_utf8(out).unwrap_or_default()
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

    #[test]
    fn json_escapes_c1_and_bidi() {
        let hostile = "a\u{9b}b\u{202e}c\u{1b}“引号”\u{feff}\u{61c}\u{2066}\u{200b}\u{fff9}\u{7f}优\u{ad}\u{180e}\u{2062}\u{206d}\u{e0041}";
        let s = to_safe_json(&vec![hostile]);
        assert!(!s.chars().any(|c| c != '\n' && is_unsafe_char(c)));
        assert!(
            s.contains("“引号”") && s.contains('优'),
            "safe text stays readable: {s}"
        );
        let back: Vec<String> = serde_json::from_str(&s).unwrap();
        assert_eq!(back, vec![hostile.to_string()]);
    }
}
