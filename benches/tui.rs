//! The workbench's frames and keystrokes at three workspace sizes and two terminal sizes.
//! `cargo bench --bench tui`; figures are recorded in docs/performance.md.
//!
//! Frames go through ratatui's crossterm backend into a byte counter (`support/term.rs`), so
//! the escape sequences are really produced, as over SSH. A keystroke is measured as the
//! workbench's event loop does it: `App::handle_key`, then one `Terminal::draw`, which diffs
//! against the previous frame. Whatever a measurement needs first (going back to where it
//! starts, opening the editor and typing) is done and drawn outside the timing.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::OnceLock;

use budget_workbench::tui::app::App;
use budget_workbench::tui::keymap::TabId;
use budget_workbench::{store, synth};
use crossterm::event::KeyCode;

#[path = "support/term.rs"]
mod term;

use term::{CountingTerm, ctrl, press, type_text};

fn main() {
    divan::main();
}

/// Workspace size and terminal size, as `size@WxH`.
const CASES: &[&str] = &[
    "seed@120x40",
    "seed@200x60",
    "x100@120x40",
    "x100@200x60",
    "50MB@120x40",
    "50MB@200x60",
];

fn parse(case: &str) -> (&str, u16, u16) {
    let (size, dims) = case.split_once('@').expect("size@WxH");
    let (w, h) = dims.split_once('x').expect("WxH");
    (size, w.parse().expect("width"), h.parse().expect("height"))
}

fn json(size: &str) -> &'static str {
    static X100: OnceLock<String> = OnceLock::new();
    static MB50: OnceLock<String> = OnceLock::new();
    match size {
        "seed" => store::SAMPLE_JSON,
        "x100" => X100.get_or_init(|| store::to_json(&synth::generate(1, 100))),
        _ => MB50.get_or_init(|| synth::generate_at_least(1, 50_000_000)),
    }
}

thread_local! {
    /// One app per workspace size, built once (a 50 MB one takes seconds to load and check).
    static APPS: RefCell<HashMap<String, &'static RefCell<App>>> = RefCell::new(HashMap::new());
}

fn app(size: &str) -> &'static RefCell<App> {
    APPS.with(|apps| {
        *apps
            .borrow_mut()
            .entry(size.to_string())
            .or_insert_with(|| {
                let ws = store::parse_str(json(size), size).expect("benchmark input loads");
                Box::leak(Box::new(RefCell::new(term::app(ws))))
            })
    })
}

/// A full frame of `tab`: a fresh terminal each time, so every cell is written.
fn full_frame(bencher: divan::Bencher, case: &str, tab: TabId) {
    let (size, w, h) = parse(case);
    let cell = app(size);
    {
        let mut app = cell.borrow_mut();
        app.tab = tab;
        app.overlay = budget_workbench::tui::app::Overlay::None;
    }
    bencher.bench_local(|| {
        let mut t = CountingTerm::new(w, h);
        t.draw(&mut cell.borrow_mut())
    });
}

#[divan::bench(args = CASES, sample_count = 20)]
fn frame_summary(bencher: divan::Bencher, case: &str) {
    full_frame(bencher, case, TabId::Summary);
}

#[divan::bench(args = CASES, sample_count = 20)]
fn frame_three_public(bencher: divan::Bencher, case: &str) {
    full_frame(bencher, case, TabId::ThreePublic);
}

#[divan::bench(args = CASES, sample_count = 20)]
fn frame_projects(bencher: divan::Bencher, case: &str) {
    full_frame(bencher, case, TabId::Projects);
}

#[divan::bench(args = CASES, sample_count = 20)]
fn frame_activities(bencher: divan::Bencher, case: &str) {
    full_frame(bencher, case, TabId::Activities);
}

#[divan::bench(args = CASES, sample_count = 20)]
fn frame_findings(bencher: divan::Bencher, case: &str) {
    full_frame(bencher, case, TabId::Findings);
}

/// Times `key` handled and drawn, after `prepare` (handled and drawn, untimed) each time.
/// One keystroke per sample, so the preparation never falls inside a timing.
fn keystroke(
    bencher: divan::Bencher,
    case: &str,
    setup: impl FnOnce(&mut App),
    prepare: impl Fn(&mut App),
    key: impl Fn(&mut App),
) {
    let (size, w, h) = parse(case);
    let cell = app(size);
    let term = RefCell::new(CountingTerm::new(w, h));
    {
        let mut app = cell.borrow_mut();
        setup(&mut app);
        term.borrow_mut().draw(&mut app);
    }
    bencher
        .with_inputs(|| {
            let mut app = cell.borrow_mut();
            prepare(&mut app);
            term.borrow_mut().draw(&mut app);
        })
        .bench_local_values(|()| {
            let mut app = cell.borrow_mut();
            key(&mut app);
            term.borrow_mut().draw(&mut app)
        });
}

/// `j` in the 职责活动 table, mid-table, from the row above (`k` prepares).
#[divan::bench(args = CASES, sample_count = 100, sample_size = 1)]
fn key_move_down(bencher: divan::Bencher, case: &str) {
    keystroke(
        bencher,
        case,
        |app| {
            app.overlay = budget_workbench::tui::app::Overlay::None;
            assert!(term::to_middle_standard(app), "the matrix has indicators");
        },
        |app| press(app, KeyCode::Char('k')),
        |app| press(app, KeyCode::Char('j')),
    );
}

/// `j` in the 汇总 tab, the one the workbench starts on (`k` prepares).
#[divan::bench(args = CASES, sample_count = 100, sample_size = 1)]
fn key_move_down_summary(bencher: divan::Bencher, case: &str) {
    keystroke(
        bencher,
        case,
        |app| {
            app.overlay = budget_workbench::tui::app::Overlay::None;
            app.tab = TabId::Summary;
        },
        |app| press(app, KeyCode::Char('k')),
        |app| press(app, KeyCode::Char('j')),
    );
}

/// `2` from the 汇总 tab (`1` prepares).
#[divan::bench(args = CASES, sample_count = 100, sample_size = 1)]
fn key_tab_switch(bencher: divan::Bencher, case: &str) {
    keystroke(
        bencher,
        case,
        |app| app.overlay = budget_workbench::tui::app::Overlay::None,
        |app| press(app, KeyCode::Char('1')),
        |app| press(app, KeyCode::Char('2')),
    );
}

/// The Enter that commits an edit of a grade standard (优) in the 职责活动 tab; Enter, ctrl-u
/// and typing the new value prepare it. Two values in turn, so every commit is a change.
#[divan::bench(args = CASES, sample_count = 20, sample_size = 1)]
fn key_edit_commit(bencher: divan::Bencher, case: &str) {
    thread_local! {
        /// Which value goes in next; kept across cases, as each size's app is kept too.
        static FLIP: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    }
    keystroke(
        bencher,
        case,
        |app| {
            app.overlay = budget_workbench::tui::app::Overlay::None;
            assert!(term::to_middle_standard(app), "the matrix has indicators");
        },
        |app| {
            let flip = !FLIP.get();
            FLIP.set(flip);
            press(app, KeyCode::Enter);
            ctrl(app, 'u');
            type_text(app, if flip { "≥99.5%" } else { "≥99.6%" });
        },
        |app| press(app, KeyCode::Enter),
    );
}

/// `PgDn` in a 职责活动 list of 100,000 indicators (the sample plus 100,000 rows), 120×40: a
/// move costs the visible rows only. Was a 2-second wall-clock limit in tests/tui_app.rs.
#[divan::bench(sample_count = 50, sample_size = 1)]
fn key_page_down_100k_rows(bencher: divan::Bencher) {
    thread_local! {
        static BIG: &'static RefCell<App> = {
            let mut ws = store::sample();
            let rows = &mut ws.performance.matrix.duties[0].activities[0].indicators;
            for i in 0..100_000 {
                rows.push(budget_workbench::model::GradedIndicator {
                    name: format!("指标{i}"),
                    excellent: "≥100%".into(),
                    good: "≥95%".into(),
                    fair: "≥90%".into(),
                    poor: "<90%".into(),
                    ..Default::default()
                });
            }
            Box::leak(Box::new(RefCell::new(term::app(ws))))
        };
    }
    let cell = BIG.with(|big| *big);
    let term = RefCell::new(CountingTerm::new(120, 40));
    {
        let mut app = cell.borrow_mut();
        press(&mut app, KeyCode::Char('4'));
        term.borrow_mut().draw(&mut app);
    }
    bencher
        .with_inputs(|| {
            let mut app = cell.borrow_mut();
            // Back to the top when the end is near, so every sample really moves a page.
            if app.screens.activities.list.cursor.row > 99_000 {
                press(&mut app, KeyCode::Home);
                term.borrow_mut().draw(&mut app);
            }
        })
        .bench_local_values(|()| {
            let mut app = cell.borrow_mut();
            press(&mut app, KeyCode::PageDown);
            term.borrow_mut().draw(&mut app)
        });
}
