//! A one-line text editor whose cursor is measured in display columns (CJK is two wide).

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::text::{visible, width};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineEditor {
    text: String,
    /// Byte offset of the cursor, always on a character boundary.
    cursor: usize,
}

impl LineEditor {
    pub fn new(text: &str) -> LineEditor {
        LineEditor {
            text: text.to_string(),
            cursor: text.len(),
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn insert(&mut self, c: char) {
        self.text.insert(self.cursor, c);
        self.cursor += c.len_utf8();
    }

    /// Inserts pasted text as typed; line breaks become spaces (one cell, one line).
    pub fn insert_str(&mut self, s: &str) {
        let clean: String = s
            .chars()
            .map(|c| if c == '\n' || c == '\r' { ' ' } else { c })
            .collect();
        let clean = clean.trim_end_matches(' ');
        self.text.insert_str(self.cursor, clean);
        self.cursor += clean.len();
    }

    pub fn backspace(&mut self) {
        if let Some(c) = self.text[..self.cursor].chars().next_back() {
            self.cursor -= c.len_utf8();
            self.text.remove(self.cursor);
        }
    }

    pub fn delete(&mut self) {
        if self.cursor < self.text.len() {
            self.text.remove(self.cursor);
        }
    }

    pub fn left(&mut self) {
        if let Some(c) = self.text[..self.cursor].chars().next_back() {
            self.cursor -= c.len_utf8();
        }
    }

    pub fn right(&mut self) {
        if let Some(c) = self.text[self.cursor..].chars().next() {
            self.cursor += c.len_utf8();
        }
    }

    pub fn home(&mut self) {
        self.cursor = 0;
    }

    pub fn end(&mut self) {
        self.cursor = self.text.len();
    }

    /// Deletes from the start of the line to the cursor (Ctrl-u).
    pub fn kill_to_start(&mut self) {
        self.text.drain(..self.cursor);
        self.cursor = 0;
    }

    /// Deletes from the cursor to the end of the line (Ctrl-k).
    pub fn kill_to_end(&mut self) {
        self.text.truncate(self.cursor);
    }

    /// Display column of the cursor in the whole (made-visible) text.
    pub fn cursor_column(&self) -> usize {
        width(&visible(&self.text[..self.cursor]))
    }

    /// What to draw in `columns` columns and where the cursor is within them: the text is
    /// scrolled so the cursor stays visible.
    pub fn view(&self, columns: usize) -> (String, usize) {
        let columns = columns.max(1);
        let before = visible(&self.text[..self.cursor]).into_owned();
        let after = visible(&self.text[self.cursor..]).into_owned();
        let mut start_chars: Vec<char> = before.chars().collect();
        // Drop characters from the left until the cursor fits (one column kept for it).
        let mut w = width(&before);
        let mut skip = 0;
        while w + 1 > columns && skip < start_chars.len() {
            w -= unicode_width::UnicodeWidthChar::width(start_chars[skip]).unwrap_or(0);
            skip += 1;
        }
        start_chars.drain(..skip);
        let shown_before: String = start_chars.into_iter().collect();
        let cursor = width(&shown_before);
        let mut shown = shown_before;
        let mut used = cursor;
        for c in after.chars() {
            let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
            if used + cw > columns {
                break;
            }
            shown.push(c);
            used += cw;
        }
        (shown, cursor)
    }
}

/// Line editing keys shared by the cell editor and the prompts; `Some(true)` on Enter,
/// `Some(false)` on Esc or Ctrl-C.
pub fn line_key(event: &KeyEvent, editor: &mut LineEditor) -> Option<bool> {
    let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
    match event.code {
        KeyCode::Enter => return Some(true),
        KeyCode::Esc => return Some(false),
        KeyCode::Left => editor.left(),
        KeyCode::Right => editor.right(),
        KeyCode::Home => editor.home(),
        KeyCode::End => editor.end(),
        KeyCode::Backspace => editor.backspace(),
        KeyCode::Delete => editor.delete(),
        KeyCode::Char('a') if ctrl => editor.home(),
        KeyCode::Char('e') if ctrl => editor.end(),
        KeyCode::Char('u') if ctrl => editor.kill_to_start(),
        KeyCode::Char('k') if ctrl => editor.kill_to_end(),
        KeyCode::Char('c') if ctrl => return Some(false),
        KeyCode::Char(c) if !ctrl => editor.insert(c),
        _ => {}
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursor_counts_columns() {
        let mut e = LineEditor::new("优≥95%");
        assert_eq!(e.cursor_column(), 2 + 1 + 3);
        e.home();
        e.right();
        assert_eq!(e.cursor_column(), 2);
        e.insert('良');
        assert_eq!(e.text(), "优良≥95%");
        assert_eq!(e.cursor_column(), 4);
        e.backspace();
        assert_eq!(e.text(), "优≥95%");
    }

    #[test]
    fn view_scrolls_to_cursor() {
        let e = LineEditor::new("一二三四五六");
        let (shown, cursor) = e.view(5);
        assert_eq!(shown, "五六");
        assert_eq!(cursor, 4);
    }
}
