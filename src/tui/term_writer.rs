//! Fewer bytes over SSH: drop cursor moves to where the cursor already is.
//!
//! ratatui's crossterm backend moves the cursor before every cell that does not follow the
//! previous one, and after a two-column character the next cell is two columns on — so each
//! Chinese character after the first of a run cost a cursor move (7–8 bytes). This writer
//! buffers a frame and, when it is flushed, removes a move (`ESC[row;colH`) whose target is
//! where the cursor stands. The cursor is followed only through printable ASCII and through
//! characters every terminal draws two columns wide (CJK ideographs, CJK and full-width
//! punctuation); after anything else — other characters, controls, other escape sequences —
//! its place counts as unknown and every move is kept. So it only ever removes moves that
//! change nothing.

use std::io::{self, Write};

/// Wraps the terminal's output; see the module documentation.
pub struct ThriftyWriter<W: Write> {
    inner: W,
    pending: Vec<u8>,
    /// Where the cursor stands (column, row), when known for sure.
    cursor: Option<(u32, u32)>,
}

impl<W: Write> ThriftyWriter<W> {
    pub fn new(inner: W) -> ThriftyWriter<W> {
        ThriftyWriter {
            inner,
            pending: Vec::new(),
            cursor: None,
        }
    }

    /// The wrapped writer.
    pub fn get_ref(&self) -> &W {
        &self.inner
    }
}

/// Characters every terminal draws two columns wide.
fn surely_wide(c: char) -> bool {
    matches!(c,
        '\u{3000}'..='\u{303E}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{FF01}'..='\u{FF60}'
        | '\u{FFE0}'..='\u{FFE6}')
}

/// `bytes` with redundant cursor moves removed; `cursor` is updated as the bytes go by.
fn thrift(bytes: &[u8], cursor: &mut Option<(u32, u32)>) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut at = 0;
    while at < bytes.len() {
        let b = bytes[at];
        if b == 0x1b {
            // CSI: ESC [ parameters final-byte
            if bytes.get(at + 1) == Some(&b'[') {
                let params_start = at + 2;
                let Some(offset) = bytes[params_start..]
                    .iter()
                    .position(|c| (0x40..=0x7e).contains(c))
                else {
                    out.extend_from_slice(&bytes[at..]);
                    *cursor = None;
                    break;
                };
                let end = params_start + offset;
                let sequence = &bytes[at..=end];
                match bytes[end] {
                    b'H' => {
                        let target = parse_position(&bytes[params_start..end]);
                        if target.is_none() || target != *cursor {
                            out.extend_from_slice(sequence);
                        }
                        *cursor = target;
                    }
                    b'm' => out.extend_from_slice(sequence),
                    _ => {
                        out.extend_from_slice(sequence);
                        *cursor = None;
                    }
                }
                at = end + 1;
            } else {
                out.push(b);
                *cursor = None;
                at += 1;
            }
            continue;
        }
        if b < 0x20 || b == 0x7f {
            out.push(b);
            *cursor = None;
            at += 1;
            continue;
        }
        let len = match b {
            0x00..=0x7f => 1,
            0xc0..=0xdf => 2,
            0xe0..=0xef => 3,
            _ => 4,
        };
        let end = (at + len).min(bytes.len());
        let text = std::str::from_utf8(&bytes[at..end]).ok();
        let advance = match text.and_then(|t| t.chars().next()) {
            Some(c) if c.is_ascii() => Some(1),
            Some(c) if surely_wide(c) => Some(2),
            _ => None,
        };
        *cursor = match (*cursor, advance) {
            (Some((x, y)), Some(n)) => Some((x + n, y)),
            _ => None,
        };
        out.extend_from_slice(&bytes[at..end]);
        at = end;
    }
    out
}

/// `row;col` of a cursor-position sequence as a 0-based (column, row); `None` if unreadable.
fn parse_position(params: &[u8]) -> Option<(u32, u32)> {
    let text = std::str::from_utf8(params).ok()?;
    let (row, col) = match text.split_once(';') {
        Some((row, col)) => (row, col),
        None => (text, ""),
    };
    let read = |s: &str| -> Option<u32> {
        if s.is_empty() {
            Some(1)
        } else {
            s.parse().ok()
        }
    };
    Some((read(col)?.max(1) - 1, read(row)?.max(1) - 1))
}

impl<W: Write> Write for ThriftyWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.pending.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        let bytes = std::mem::take(&mut self.pending);
        let out = thrift(&bytes, &mut self.cursor);
        self.inner.write_all(&out)?;
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(bytes: &str) -> String {
        let mut cursor = None;
        String::from_utf8(thrift(bytes.as_bytes(), &mut cursor)).unwrap()
    }

    #[test]
    fn drops_a_move_to_where_the_cursor_is_after_wide_characters() {
        assert_eq!(
            run("\x1b[3;5H优\x1b[3;7H良\x1b[3;9Hab\x1b[3;11Hc"),
            "\x1b[3;5H优良abc"
        );
    }

    #[test]
    fn keeps_moves_that_change_the_place() {
        assert_eq!(run("\x1b[3;5H优\x1b[3;8H良"), "\x1b[3;5H优\x1b[3;8H良");
        assert_eq!(run("\x1b[1;1Ha\x1b[2;1Hb"), "\x1b[1;1Ha\x1b[2;1Hb");
    }

    #[test]
    fn colours_do_not_move_the_cursor_but_other_sequences_forget_it() {
        assert_eq!(run("\x1b[1;1Ha\x1b[31m\x1b[1;2Hb"), "\x1b[1;1Ha\x1b[31mb");
        assert_eq!(
            run("\x1b[1;1Ha\x1b[2K\x1b[1;2Hb"),
            "\x1b[1;1Ha\x1b[2K\x1b[1;2Hb"
        );
    }

    #[test]
    fn ambiguous_width_characters_keep_the_next_move() {
        // ≥ and box drawing are one or two columns depending on the terminal.
        assert_eq!(run("\x1b[1;1H≥\x1b[1;2Ha"), "\x1b[1;1H≥\x1b[1;2Ha");
        assert_eq!(run("\x1b[1;1H─\x1b[1;2Ha"), "\x1b[1;1H─\x1b[1;2Ha");
    }

    #[test]
    fn state_carries_across_flushes() {
        let mut writer = ThriftyWriter::new(Vec::new());
        writer.write_all(b"\x1b[2;3Hx").unwrap();
        writer.flush().unwrap();
        writer.write_all(b"\x1b[2;4Hy").unwrap();
        writer.flush().unwrap();
        assert_eq!(writer.get_ref().as_slice(), b"\x1b[2;3Hxy");
    }
}
