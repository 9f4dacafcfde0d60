//! Opens a workspace file in the workbench TUI; used by the pseudo-terminal tests.
//! `tui_harness FILE [--lang en] [--read-only] [--mouse] [--ascii]`; no FILE opens the sample.

use std::path::PathBuf;

use budget_workbench::tui::i18n::parse_lang;
use budget_workbench::tui::{TuiOptions, run};

fn main() -> std::io::Result<()> {
    let mut path = None;
    let mut options = TuiOptions::new(budget_workbench::store::sample(), None);
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--lang" => {
                options.lang = args
                    .next()
                    .as_deref()
                    .and_then(parse_lang)
                    .unwrap_or_default()
            }
            "--read-only" => options.read_only = true,
            "--mouse" => options.mouse = true,
            "--ascii" => options.ascii_borders = true,
            // For the tests: panic with the terminal set up, as a bug in the loop would.
            "--panic" => {
                budget_workbench::tui::install_panic_hook();
                budget_workbench::tui::enter_terminal(true)?;
                panic!("harness panic on purpose");
            }
            _ => path = Some(PathBuf::from(arg)),
        }
    }
    if let Some(path) = path {
        options.workspace = match budget_workbench::store::load(&path) {
            Ok(ws) => ws,
            Err(e) => {
                eprintln!("{e}");
                std::process::exit(2);
            }
        };
        options.path = Some(path);
    }
    run(options)
}
