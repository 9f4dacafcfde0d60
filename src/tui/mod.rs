//! The workbench terminal UI: a thin client of `model`, `store` and `review`.
//!
//! keys → [`keymap::Action`] (one table dispatches keys and generates help and hints) →
//! [`app::App`] state, each screen a module of [`screens`] → [`ui::draw`]. Redraws happen
//! after an event, and after the journal timer only when writing the journal failed.

pub mod app;
pub mod charts;
pub mod command;
pub mod config;
pub mod ctx;
pub mod document;
pub mod edit;
pub mod editor;
pub mod figure;
pub mod grading;
pub mod grid;
pub mod history;
pub mod i18n;
pub mod input;
pub mod key;
pub mod keymap;
pub mod matrix_rows;
pub mod paint;
pub mod popups;
pub mod portfolio;
pub mod project_rows;
pub mod rows;
pub mod screens;
pub mod season_cmds;
pub mod season_keys;
pub mod term_writer;
pub mod theme;
pub mod triage;
pub mod ui;

use std::io::{self, Write};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicI32, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

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
    /// What the file looked like when it was loaded, so a later change by someone else is
    /// noticed at save. `None`: read it again at start.
    pub fingerprint: Option<crate::store::Fingerprint>,
    /// A directory of workspaces: the workbench opens on its portfolio (`workspace` unused).
    pub season: Option<PathBuf>,
    /// A previous version of the workspace to offer the changes against (`--previous`).
    pub previous: Option<PathBuf>,
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
            fingerprint: None,
            season: None,
            previous: None,
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
    if options.fingerprint.is_some() {
        app.fingerprint = options.fingerprint;
    }
    app.osc52 = loaded.osc52;
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

/// How a session of the workbench ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// The user quit.
    Quit,
    /// A signal (SIGHUP, SIGTERM, SIGINT) ended it; unsaved edits are in the journal.
    Signal(i32),
}

impl Exit {
    /// The conventional exit status: 0, or 128 + the signal number.
    pub fn code(self) -> u8 {
        match self {
            Exit::Quit => 0,
            Exit::Signal(signal) => 128u8.saturating_add(signal.clamp(0, 127) as u8),
        }
    }
}

/// Unsaved edits reach the journal this long after the last change (typing is not slowed).
const JOURNAL_DELAY: Duration = Duration::from_millis(300);
/// How often a waiting loop looks at signal flags. Nothing is drawn when it wakes.
const SIGNAL_CHECK: Duration = Duration::from_millis(200);
/// Set to make the workbench panic after its first frame: the end-to-end test that a panic
/// restores the terminal and journals the edits uses it.
pub const TEST_PANIC_ENV: &str = "BUDGET_WORKBENCH_TEST_PANIC";

/// Signals that end the workbench (SIGHUP: the SSH connection dropped; SIGTERM; SIGINT;
/// SIGQUIT), and suspend and resume (SIGTSTP, SIGCONT).
///
/// The main loop sees a signal within [`SIGNAL_CHECK`]: it journals the edits and leaves
/// cleanly, or leaves the terminal as it found it and stops, restoring it on SIGCONT. A
/// watchdog thread makes sure the process ends even if the main thread is stuck (crossterm's
/// reader spins forever on a hung-up terminal): it waits [`SIGNAL_GRACE`] and then as long as
/// a journal or a save is being written (see [`hold_exit`]), then restores the terminal and
/// exits.
struct Signals {
    raised: Arc<AtomicI32>,
    suspend: Arc<AtomicBool>,
}

/// How long the watchdog lets the main loop finish after a signal.
const SIGNAL_GRACE: Duration = Duration::from_millis(1500);

/// How many journal writes and saves are under way: the watchdog must not cut them short.
static BUSY: AtomicUsize = AtomicUsize::new(0);

/// Holds off the signal watchdog's exit while alive (a journal or a save is being written).
pub(crate) struct ExitHold;

pub(crate) fn hold_exit() -> ExitHold {
    BUSY.fetch_add(1, Ordering::SeqCst);
    ExitHold
}

impl Drop for ExitHold {
    fn drop(&mut self) {
        BUSY.fetch_sub(1, Ordering::SeqCst);
    }
}

impl Signals {
    fn register() -> Signals {
        use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP};
        let raised = Arc::new(AtomicI32::new(0));
        let suspend = Arc::new(AtomicBool::new(false));
        if let Ok(mut incoming) = signal_hook::iterator::Signals::new([
            SIGHUP, SIGTERM, SIGINT, SIGQUIT, SIGTSTP, SIGCONT,
        ]) {
            let seen = Arc::clone(&raised);
            let stop = Arc::clone(&suspend);
            std::thread::spawn(move || {
                for signal in incoming.forever() {
                    match signal {
                        SIGTSTP => stop.store(true, Ordering::SeqCst),
                        // The main loop redraws after its own stop; nothing to do here.
                        SIGCONT => {}
                        _ => {
                            seen.store(signal, Ordering::SeqCst);
                            std::thread::sleep(SIGNAL_GRACE);
                            while BUSY.load(Ordering::SeqCst) > 0 {
                                std::thread::sleep(Duration::from_millis(50));
                            }
                            restore_terminal();
                            std::process::exit(i32::from(Exit::Signal(signal).code()));
                        }
                    }
                }
            });
        }
        Signals { raised, suspend }
    }

    fn raised(&self) -> Option<i32> {
        match self.raised.load(Ordering::SeqCst) {
            0 => None,
            signal => Some(signal),
        }
    }

    /// True once after SIGTSTP.
    fn suspend_requested(&self) -> bool {
        self.suspend.swap(false, Ordering::SeqCst)
    }
}

/// Writes the journal, holding off the signal watchdog until it is on disk.
fn journal(app: &mut App) {
    let _hold = hold_exit();
    app.write_journal();
}

/// What the terminal has for us.
#[derive(Debug, PartialEq, Eq)]
enum Input {
    Ready,
    Timeout,
    /// The terminal is gone (SSH connection dropped): nothing will ever arrive.
    HungUp,
}

/// Waits for input on the terminal (standard input) for at most `timeout`.
///
/// crossterm's own reader loops forever once the terminal hangs up, so the workbench asks the
/// terminal itself first and only calls crossterm when there is something to read.
fn wait_for_input(timeout: Duration) -> Input {
    use rustix::event::{PollFd, PollFlags, Timespec, poll};
    let stdin = io::stdin();
    let mut fds = [PollFd::new(&stdin, PollFlags::IN)];
    let timeout = Timespec::try_from(timeout).unwrap_or(Timespec {
        tv_sec: i64::from(i32::MAX),
        tv_nsec: 0,
    });
    match poll(&mut fds, Some(&timeout)) {
        // A timeout, or EINTR from a signal: the loop looks at the signal flags next.
        Ok(0) | Err(_) => Input::Timeout,
        Ok(_)
            if fds[0]
                .revents()
                .intersects(PollFlags::HUP | PollFlags::ERR | PollFlags::NVAL) =>
        {
            Input::HungUp
        }
        Ok(_) => Input::Ready,
    }
}

/// SIGTSTP: journals, gives the terminal back as it was (main screen, cooked mode), stops;
/// on SIGCONT takes it again and redraws everything.
fn suspend<B: ratatui::backend::Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    mouse: bool,
) -> io::Result<()>
where
    io::Error: From<B::Error>,
{
    journal(app);
    restore_terminal();
    // The handler replaced the default action; this stops the process for real.
    let _ = rustix::process::kill_process(rustix::process::getpid(), rustix::process::Signal::STOP);
    // Running again (SIGCONT).
    enter_terminal(mouse)?;
    // The screen was cleared on entry; a blank frame makes ratatui's next diff repaint every
    // cell (`Terminal::clear` would ask the terminal for the cursor position).
    terminal.draw(|_| {})?;
    Ok(())
}

/// Sends a value copied with `y` to the terminal's clipboard (OSC 52), when enabled.
fn copy_to_terminal(app: &mut App) {
    if let Some(text) = app.osc52_pending.take() {
        let mut out = io::stdout();
        let _ = write!(out, "\x1b]52;c;{}\x07", base64(text.as_bytes()));
        let _ = out.flush();
    }
}

/// Standard base64 (OSC 52 carries the text so).
fn base64(bytes: &[u8]) -> String {
    const TABLE: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(TABLE[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Runs the workbench until the user quits or a signal ends it. Unsaved edits are journaled
/// shortly after each change, at once on a signal, and on a panic.
pub fn run(options: TuiOptions) -> io::Result<Exit> {
    let mouse = options.mouse;
    let (season, previous) = (options.season.clone(), options.previous.clone());
    let mut app = build_app(options);
    if let Some(path) = app.path.as_deref() {
        crate::store::clean_stale_temps(path);
    }
    if let Some(dir) = &season {
        // Each document's journal is offered when it is opened.
        app.open_season(dir);
    } else {
        app.offer_recovery();
        app.offer_previous(previous);
    }
    // After the offer: a journal left by a dead process with this pid is offered, not taken.
    let _claim = (!app.read_only && season.is_none())
        .then(|| crate::store::recovery::claim(app.path.as_deref()).ok())
        .flatten();
    let others = crate::store::recovery::others_editing(app.path.as_deref());
    if !others.is_empty() && !app.read_only && season.is_none() {
        let pids: Vec<String> = others.iter().map(u32::to_string).collect();
        app.error(format!(
            "{} {})",
            app.tr(i18n::Msg::EditedElsewhere),
            pids.join(", ")
        ));
    }
    let signals = Signals::register();
    install_panic_hook();
    enter_terminal(mouse)?;
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        // No `Terminal::clear`: it asks the terminal for the cursor position, a round trip
        // that is slow over SSH and unanswered by some terminals. The screen is clear already.
        let mut terminal = Terminal::new(CrosstermBackend::new(term_writer::ThriftyWriter::new(
            io::stdout(),
        )))?;
        let result = event_loop(&mut terminal, &mut app, &signals, mouse);
        if !matches!(result, Ok(Exit::Quit)) {
            // The terminal may be gone: ratatui's drop would try to show the cursor there
            // and panic on the failed report. `restore_terminal` below ignores such errors.
            std::mem::forget(terminal);
        }
        result
    }));
    restore_terminal();
    match outcome {
        Ok(Err(e)) => {
            // The terminal failed (a write error when the connection drops mid-frame):
            // every way out keeps the edits.
            journal(&mut app);
            Err(e)
        }
        Ok(result) => result,
        Err(panic) => {
            // The hook has restored the terminal and printed the message; keep the edits.
            journal(&mut app);
            std::panic::resume_unwind(panic)
        }
    }
}

fn event_loop<B: ratatui::backend::Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    signals: &Signals,
    mouse: bool,
) -> io::Result<Exit>
where
    io::Error: From<B::Error>,
{
    let test_panic = std::env::var_os(TEST_PANIC_ENV).is_some();
    let mut seen = app.revision();
    let mut last_change: Option<Instant> = None;
    let mut redraw = true;
    loop {
        if redraw {
            terminal.draw(|frame| ui::draw(frame, app))?;
            redraw = false;
            if test_panic && app.modified() {
                panic!("panic on purpose ({TEST_PANIC_ENV})");
            }
        }
        if let Some(signal) = signals.raised() {
            journal(app);
            return Ok(Exit::Signal(signal));
        }
        if signals.suspend_requested() {
            suspend(terminal, app, mouse)?;
            redraw = true;
            continue;
        }
        let wait = match last_change {
            Some(at) => JOURNAL_DELAY.saturating_sub(at.elapsed()).min(SIGNAL_CHECK),
            None => SIGNAL_CHECK,
        };
        // Events crossterm has already read and parsed are taken first; the terminal is asked
        // only when none are waiting (see `wait_for_input`).
        let queued = match wait_for_input(Duration::ZERO) {
            Input::HungUp => {
                journal(app);
                return Ok(Exit::Signal(signal_hook::consts::SIGHUP));
            }
            _ => event::poll(Duration::ZERO)?,
        };
        if !queued {
            match wait_for_input(wait) {
                Input::HungUp => {
                    journal(app);
                    return Ok(Exit::Signal(signal_hook::consts::SIGHUP));
                }
                Input::Timeout => {
                    if last_change.is_some_and(|at| at.elapsed() >= JOURNAL_DELAY) {
                        journal(app);
                        last_change = None;
                        redraw = app.message.as_ref().is_some_and(|m| m.error);
                    }
                    continue;
                }
                Input::Ready => {}
            }
        }
        match event::read()? {
            Event::Key(key) => {
                app.handle_key(key);
                copy_to_terminal(app);
            }
            Event::Paste(text) => app.handle_paste(&text),
            Event::Resize(..) => terminal.autoresize()?,
            Event::Mouse(m) => match m.kind {
                MouseEventKind::ScrollDown => app.act(keymap::Action::Down),
                MouseEventKind::ScrollUp => app.act(keymap::Action::Up),
                _ => {}
            },
            _ => {}
        }
        redraw = true;
        if app.revision() != seen {
            seen = app.revision();
            last_change = Some(Instant::now());
        }
        if app.quit {
            if !app.modified() {
                crate::store::recovery::remove(app.path.as_deref());
            }
            return Ok(Exit::Quit);
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn base64_pads_like_the_standard() {
        assert_eq!(super::base64(b"hello"), "aGVsbG8=");
        assert_eq!(super::base64(b"hi"), "aGk=");
        assert_eq!(super::base64("洁净煤".as_bytes()), "5rSB5YeA54Wk");
    }
}
