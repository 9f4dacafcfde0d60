//! The workbench terminal UI: a thin client of `model`, `store` and `review`.
//!
//! keys → [`keymap::Action`] (one table dispatches keys and generates help and hints) →
//! [`app::App`] state → [`ui::draw`]. Redraws happen only after an event.

pub mod app;
pub mod config;
pub mod edit;
pub mod editor;
pub mod grading;
pub mod i18n;
pub mod keymap;
pub mod rows;
pub mod theme;
pub mod ui;

use std::io::{self, Write};
use std::path::PathBuf;

use crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event, MouseEventKind,
};
use crossterm::execute;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

pub use app::App;
pub use config::config_path;
pub use i18n::Lang;

use crate::model::Workspace;

/// How to start the workbench (the CLI fills this in).
#[derive(Debug, Clone)]
pub struct TuiOptions {
    pub workspace: Workspace,
    /// Where the workspace was read from; `None` for the embedded sample (saving asks for one).
    pub path: Option<PathBuf>,
    pub lang: Lang,
    pub read_only: bool,
    /// Capture the mouse (wheel scrolls). Off by default: capture breaks text selection.
    pub mouse: bool,
    /// Plain-ASCII borders and marks, for terminals that draw box characters double-width.
    pub ascii_borders: bool,
}

impl TuiOptions {
    pub fn new(workspace: Workspace, path: Option<PathBuf>) -> TuiOptions {
        TuiOptions {
            workspace,
            path,
            lang: Lang::Zh,
            read_only: false,
            mouse: false,
            ascii_borders: false,
        }
    }
}

/// True when the NO_COLOR convention asks for no colour (set and not empty).
pub fn no_color() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

/// Builds the app for `options` with the user's config (problems become the first message).
pub fn build_app(options: TuiOptions) -> App {
    let path = config_path();
    let loaded = config::load(path.as_deref(), !no_color(), options.ascii_borders);
    let mut app = App::new(
        options.workspace,
        options.path,
        options.lang,
        options.read_only,
        loaded.theme,
        loaded.keymap,
    );
    if let Some(first) = loaded.problems.first() {
        app.error(format!(
            "{}: {}",
            app.tr(i18n::Msg::ConfigBad),
            crate::text::visible(first)
        ));
    }
    app
}

/// Puts the terminal back: raw mode off, alternate screen left, cursor shown, paste and
/// mouse reporting off. Safe to call more than once.
pub fn restore_terminal() {
    let mut out = io::stdout();
    let _ = execute!(
        out,
        DisableMouseCapture,
        DisableBracketedPaste,
        LeaveAlternateScreen,
        crossterm::cursor::Show
    );
    let _ = disable_raw_mode();
    let _ = out.flush();
}

/// Makes a panic restore the terminal before the panic message is printed.
pub fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore_terminal();
        previous(info);
    }));
}

/// Raw mode, alternate screen, bracketed paste and (when asked) mouse capture.
/// On failure the terminal is restored before the error is returned.
pub fn enter_terminal(mouse: bool) -> io::Result<()> {
    enable_raw_mode()?;
    let mut out = io::stdout();
    let setup = (|| {
        execute!(
            out,
            EnterAlternateScreen,
            EnableBracketedPaste,
            crossterm::terminal::Clear(crossterm::terminal::ClearType::All)
        )?;
        if mouse {
            execute!(out, EnableMouseCapture)?;
        }
        Ok::<_, io::Error>(())
    })();
    if setup.is_err() {
        restore_terminal();
    }
    setup
}

/// Runs the workbench until the user quits.
pub fn run(options: TuiOptions) -> io::Result<()> {
    let mouse = options.mouse;
    let mut app = build_app(options);
    install_panic_hook();
    enter_terminal(mouse)?;
    let result = (|| {
        // No `Terminal::clear`: it asks the terminal for the cursor position, a round trip
        // that is slow over SSH and unanswered by some terminals. The screen is clear already.
        let mut terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
        event_loop(&mut terminal, &mut app)
    })();
    restore_terminal();
    result
}

fn event_loop<B: ratatui::backend::Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
) -> io::Result<()>
where
    io::Error: From<B::Error>,
{
    loop {
        terminal.draw(|frame| ui::draw(frame, app))?;
        // Block until the next event: no timer-driven redraws.
        match event::read()? {
            Event::Key(key) => app.handle_key(key),
            Event::Paste(text) => app.handle_paste(&text),
            Event::Resize(..) => terminal.autoresize()?,
            Event::Mouse(m) => match m.kind {
                MouseEventKind::ScrollDown => app.act(keymap::Action::Down),
                MouseEventKind::ScrollUp => app.act(keymap::Action::Up),
                _ => {}
            },
            _ => {}
        }
        if app.quit {
            return Ok(());
        }
    }
}
