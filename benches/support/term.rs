//! Shared by `benches/tui.rs` and `examples/perf_probe.rs`: a terminal whose backend is
//! crossterm's real one writing into a byte counter, so a frame costs what SSH would carry.

use std::cell::Cell;
use std::io;
use std::rc::Rc;

use budget_workbench::model::Workspace;
use budget_workbench::tui::app::App;
use budget_workbench::tui::i18n::Lang;
use budget_workbench::tui::keymap::Keymap;
use budget_workbench::tui::term_writer::ThriftyWriter;
use budget_workbench::tui::theme::Theme;
use budget_workbench::tui::ui;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};

/// An `io::Write` that counts the bytes written to it (and keeps them when asked).
#[derive(Clone, Default)]
pub struct CountingWriter {
    bytes: Rc<Cell<u64>>,
    kept: Rc<std::cell::RefCell<Option<Vec<u8>>>>,
}

impl CountingWriter {
    pub fn total(&self) -> u64 {
        self.bytes.get()
    }

    /// From now on keep what is written (`take_kept` hands it over and stops keeping).
    #[allow(dead_code)]
    pub fn keep(&self) {
        *self.kept.borrow_mut() = Some(Vec::new());
    }

    #[allow(dead_code)]
    pub fn take_kept(&self) -> Vec<u8> {
        self.kept.borrow_mut().take().unwrap_or_default()
    }
}

impl io::Write for CountingWriter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.bytes.set(self.bytes.get() + buf.len() as u64);
        if let Some(kept) = self.kept.borrow_mut().as_mut() {
            kept.extend_from_slice(buf);
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// A `width`×`height` terminal drawing through crossterm into a [`CountingWriter`].
/// The same writer stack as the workbench: crossterm's backend, the writer that drops
/// redundant cursor moves, then the counter.
pub struct CountingTerm {
    pub terminal: Terminal<CrosstermBackend<ThriftyWriter<CountingWriter>>>,
    pub counter: CountingWriter,
}

impl CountingTerm {
    pub fn new(width: u16, height: u16) -> CountingTerm {
        let counter = CountingWriter::default();
        // A fixed viewport: no size query to a real terminal (there is none in a bench).
        let terminal = Terminal::with_options(
            CrosstermBackend::new(ThriftyWriter::new(counter.clone())),
            TerminalOptions {
                viewport: Viewport::Fixed(Rect::new(0, 0, width, height)),
            },
        )
        .expect("a fixed viewport needs no terminal");
        CountingTerm { terminal, counter }
    }

    /// Draws one frame of `app`; returns the bytes that frame wrote.
    pub fn draw(&mut self, app: &mut App) -> u64 {
        let before = self.counter.total();
        self.terminal
            .draw(|frame| ui::draw(frame, app))
            .expect("drawing into a counter cannot fail");
        self.counter.total() - before
    }
}

/// Journals (never written by these measurements) would go to a private directory.
pub fn private_state_dir() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let dir = std::env::temp_dir().join(format!("bw-perf-state-{}", std::process::id()));
        let _ = std::fs::create_dir_all(&dir);
        // SAFETY: called before any other thread of these single-threaded tools exists.
        unsafe { std::env::set_var("BUDGET_WORKBENCH_STATE_DIR", &dir) };
    });
}

/// The app as the workbench builds it: colour theme, default keys, no file path.
pub fn app(ws: Workspace) -> App {
    private_state_dir();
    App::new(
        ws,
        None,
        Lang::Zh,
        false,
        Theme::new(true, false),
        Keymap::default(),
    )
}

pub fn press(app: &mut App, code: KeyCode) {
    app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
}

pub fn ctrl(app: &mut App, c: char) {
    app.handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
}

pub fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, KeyCode::Char(c));
    }
}

/// Puts the cursor of the 职责活动 tab on the 优 standard of an indicator about halfway down
/// the matrix (so a big workspace is measured in the middle of its table, not at the top).
/// Returns false when the matrix has no indicator.
pub fn to_middle_standard(app: &mut App) -> bool {
    use budget_workbench::tui::rows::MatrixRow;
    press(app, KeyCode::Char('4'));
    let half = app.screens.activities.list.rows.len() / 2;
    let found = app
        .screens
        .activities
        .list
        .rows
        .iter()
        .enumerate()
        .skip(half)
        .chain(
            app.screens
                .activities
                .list
                .rows
                .iter()
                .enumerate()
                .take(half),
        )
        .find(|(_, row)| matches!(row, MatrixRow::Indicator { .. }))
        .map(|(i, _)| i);
    match found {
        Some(i) => {
            app.screens.activities.list.cursor.row = i;
            app.screens.activities.list.cursor.col = 1;
            true
        }
        None => false,
    }
}
