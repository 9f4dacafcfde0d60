//! Driving an `App` with keys and reading what it draws: shared by the key-driven TUI tests.

// Each test crate that includes this uses only part of it.
#![allow(dead_code)]

use budget_workbench::tui::app::App;
use budget_workbench::tui::ui;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;

pub fn press(app: &mut App, code: KeyCode) {
    app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
}

pub fn ctrl(app: &mut App, c: char) {
    app.handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
}

/// Types `text` as a terminal sends it (an upper-case letter comes with Shift).
pub fn keys(app: &mut App, text: &str) {
    for c in text.chars() {
        let modifiers = if c.is_ascii_uppercase() {
            KeyModifiers::SHIFT
        } else {
            KeyModifiers::NONE
        };
        app.handle_key(KeyEvent::new(KeyCode::Char(c), modifiers));
    }
}

/// Types a `:` command line and runs it.
pub fn command(app: &mut App, line: &str) {
    keys(app, ":");
    keys(app, line);
    press(app, KeyCode::Enter);
}

/// The frame `app` draws at `w`×`h`.
pub fn buffer(app: &App, w: u16, h: u16) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| ui::draw(f, app)).unwrap();
    terminal.backend().buffer().clone()
}

/// Row `y` of the buffer from column `x`, as text (a wide character covers two cells).
pub fn line(buf: &Buffer, x: u16, y: u16) -> String {
    let mut out = String::new();
    let mut x = x;
    while x < buf.area.width {
        let symbol = buf[(x, y)].symbol();
        out.push_str(symbol);
        x += unicode_width::UnicodeWidthStr::width(symbol).max(1) as u16;
    }
    out
}

/// The buffer as text, one line per row.
pub fn screen(buf: &Buffer) -> String {
    (0..buf.area.height)
        .map(|y| line(buf, 0, y) + "\n")
        .collect()
}

/// The frame `app` draws at `w`×`h`, as text.
pub fn draw(app: &App, w: u16, h: u16) -> String {
    screen(&buffer(app, w, h))
}
