//! A season's batch import: the vendored PDFs (tests/fixtures/pdf: two budgets and a request
//! form that is refused) imported and checked on one worker and on every core, as
//! `import DIR -o OUT` and `check DIR` do it (work queue over std threads).
//! `cargo bench --bench season`; figures are recorded in docs/performance.md.

use std::path::{Path, PathBuf};

use budget_workbench::{import, review, season};

fn main() {
    divan::main();
}

fn pdfs() -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pdf");
    season::collect_inputs(&[dir], &["pdf"]).expect("fixtures listed")
}

/// Import and check one document; the findings' count stands for the work done.
fn import_and_check(path: &Path) -> usize {
    match import::import_file(path) {
        Ok(outcome) => review::check(&outcome.workspace).len(),
        Err(_) => 0,
    }
}

#[divan::bench(args = [1, 2], sample_count = 5)]
fn import_check_vendored_pdfs(bencher: divan::Bencher, threads: usize) {
    let files = pdfs();
    bencher.bench(|| season::parallel_map(&files, threads, |p| import_and_check(p), |_, _, _| {}));
}

// ----- a season of 300 workspaces: check, the portfolio's opening and its keys -----

// Shared with benches/tui.rs; this bench uses part of it.
#[allow(dead_code)]
#[path = "support/term.rs"]
mod term;

use std::sync::OnceLock;

use budget_workbench::model::{Amount, Workspace};
use budget_workbench::tui::app::App;
use crossterm::event::KeyCode;

/// How many workspaces the synthetic season has.
const SEASON: usize = 300;

/// A directory of 300 workspaces, made once: the vendored PDFs' imports and the sample,
/// copied with another department name and changed figures (so no two are alike).
fn season_dir() -> &'static Path {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| {
        let mut bases: Vec<Workspace> = pdfs()
            .iter()
            .filter_map(|p| import::import_file(p).ok().map(|o| o.workspace))
            .collect();
        bases.push(budget_workbench::store::sample());
        let dir = tempfile::tempdir().expect("a temporary directory");
        for i in 0..SEASON {
            let mut ws = bases[i % bases.len()].clone();
            ws.meta.department = format!("{}{i:03}", ws.meta.department);
            let bump = rust_decimal::Decimal::from(i as u64);
            for amount in [
                &mut ws.overview.expenditure.total,
                &mut ws.overview.revenue.total,
                &mut ws.three_public.total,
            ] {
                if let Some(value) = amount.as_ref().and_then(Amount::value) {
                    *amount = Some(Amount::from_decimal(value + bump));
                }
            }
            let path = dir.path().join(format!("dept{i:03}.json"));
            budget_workbench::store::save(&ws, &path).expect("written");
        }
        dir
    })
    .path()
}

fn season_files() -> Vec<PathBuf> {
    season::collect_inputs(&[season_dir().to_path_buf()], &["json"]).expect("listed")
}

/// `check DIR` on 300 workspaces (load and review each, both cores).
#[divan::bench(sample_count = 5)]
fn check_season_300(bencher: divan::Bencher) {
    let files = season_files();
    assert_eq!(files.len(), SEASON);
    bencher.bench(|| season::portfolio::check_all(&files, budget_workbench::i18n::Lang::Zh));
}

/// `budget-workbench DIR`: the portfolio opens (every workspace read and checked) and its
/// first frame is drawn at 120×40.
#[divan::bench(sample_count = 5)]
fn portfolio_open_300(bencher: divan::Bencher) {
    let dir = season_dir();
    bencher.bench(|| {
        let mut app = term::app(Workspace::new(""));
        app.open_season(dir);
        let mut terminal = term::CountingTerm::new(120, 40);
        terminal.draw(&mut app);
        app
    });
}

thread_local! {
    static PORTFOLIO: (std::cell::RefCell<App>, std::cell::RefCell<term::CountingTerm>) = {
        let mut app = term::app(Workspace::new(""));
        app.open_season(season_dir());
        let mut terminal = term::CountingTerm::new(120, 40);
        terminal.draw(&mut app);
        (std::cell::RefCell::new(app), std::cell::RefCell::new(terminal))
    };
}

/// One key on the portfolio of 300 and the frame after it: `down` is `j` then `k` (two keys,
/// two frames, so the cursor stays put), `sort` is `s` on the 错误 column (every press sorts
/// the 300 rows again, alternately descending and ascending).
#[divan::bench(args = ["down", "sort"])]
fn portfolio_key_300(bencher: divan::Bencher, key: &str) {
    PORTFOLIO.with(|(app, terminal)| {
        let (mut app, mut terminal) = (app.borrow_mut(), terminal.borrow_mut());
        if key == "sort" {
            for _ in 0..5 {
                term::press(&mut app, KeyCode::Right);
            }
        }
        bencher.bench_local(|| match key {
            "down" => {
                term::press(&mut app, KeyCode::Char('j'));
                terminal.draw(&mut app);
                term::press(&mut app, KeyCode::Char('k'));
                terminal.draw(&mut app)
            }
            _ => {
                term::press(&mut app, KeyCode::Char('s'));
                terminal.draw(&mut app)
            }
        });
    });
}
