//! Release-mode measurements for scripts/perf.sh (not a test; CI never runs it).
//!
//! `perf_probe keys NAME=FILE…` (NAME=seed without a file: the embedded sample) prints, per
//! workspace, tab-separated rows `name  what  WxH  median_us  p90_us  n  bytes`:
//! load, App::new, review::check, rows::matrix_rows and a journal write, the bytes of a full
//! frame of each tab, and keystrokes handled and drawn (handle and draw also apart).
//!
//! `perf_probe dump-j [FILE]` prints the bytes one `j` writes (escapes on their own lines).
//!
//! `perf_probe first-frame [FILE]` loads (the embedded sample without FILE), builds the App
//! and draws one 120×40 frame into a byte counter, then exits: time it from outside.

use std::time::{Duration, Instant};

use budget_workbench::tui::app::{App, Overlay};
use budget_workbench::tui::keymap::TabId;
use budget_workbench::tui::rows;
use budget_workbench::{review, store};
use crossterm::event::KeyCode;

#[path = "../benches/support/term.rs"]
mod term;

use term::{CountingTerm, ctrl, press, type_text};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("first-frame") => first_frame(args.get(1).map(String::as_str)),
        Some("dump-j") => dump_j(args.get(1).map(String::as_str).unwrap_or("")),
        Some("keys") => {
            println!("name\twhat\tterm\tmedian_us\tp90_us\tcpu_median_us\tn\tbytes");
            for spec in &args[1..] {
                let (name, file) = spec.split_once('=').unwrap_or((spec.as_str(), ""));
                keys(name, file);
            }
        }
        _ => {
            eprintln!("usage: perf_probe keys NAME=FILE… | perf_probe first-frame [FILE]");
            std::process::exit(2);
        }
    }
}

fn load(file: &str) -> budget_workbench::model::Workspace {
    if file.is_empty() {
        store::sample()
    } else {
        store::load(std::path::Path::new(file)).expect("workspace loads")
    }
}

fn first_frame(file: Option<&str>) {
    let ws = load(file.unwrap_or(""));
    let mut app = term::app(ws);
    let mut t = CountingTerm::new(120, 40);
    let bytes = t.draw(&mut app);
    println!("{bytes}");
}

/// Prints (escaped) what one `j` mid-table in 职责活动 writes to a 120×40 terminal.
fn dump_j(file: &str) {
    let mut app = term::app(load(file));
    let mut t = CountingTerm::new(120, 40);
    assert!(
        term::to_middle_standard(&mut app),
        "the matrix has indicators"
    );
    t.draw(&mut app);
    press(&mut app, KeyCode::Char('k'));
    t.draw(&mut app);
    t.counter.keep();
    press(&mut app, KeyCode::Char('j'));
    t.draw(&mut app);
    let bytes = t.counter.take_kept();
    println!("{} bytes", bytes.len());
    println!(
        "{}",
        String::from_utf8_lossy(&bytes).replace('\x1b', "\n\\e")
    );
}

/// CPU time of this thread: unlike wall time, not inflated by other processes on the cores.
#[cfg(all(target_os = "linux", target_pointer_width = "64"))]
fn thread_cpu() -> Duration {
    #[repr(C)]
    struct Timespec {
        sec: i64,
        nsec: i64,
    }
    unsafe extern "C" {
        fn clock_gettime(clock: i32, tp: *mut Timespec) -> i32;
    }
    const CLOCK_THREAD_CPUTIME_ID: i32 = 3;
    let mut t = Timespec { sec: 0, nsec: 0 };
    // SAFETY: libc's clock_gettime writes one timespec (two i64 on 64-bit Linux).
    let rc = unsafe { clock_gettime(CLOCK_THREAD_CPUTIME_ID, &mut t) };
    if rc != 0 {
        return Duration::ZERO;
    }
    Duration::new(t.sec as u64, t.nsec as u32)
}

#[cfg(not(all(target_os = "linux", target_pointer_width = "64")))]
fn thread_cpu() -> Duration {
    Duration::ZERO
}

/// Timings in microseconds (wall and this thread's CPU).
struct Stats {
    samples: Vec<f64>,
    cpu: Vec<f64>,
    bytes: Vec<u64>,
}

impl Stats {
    fn new() -> Stats {
        Stats {
            samples: Vec::new(),
            cpu: Vec::new(),
            bytes: Vec::new(),
        }
    }

    fn push_cpu(&mut self, d: Duration, cpu: Duration, bytes: u64) {
        self.samples.push(d.as_secs_f64() * 1e6);
        self.cpu.push(cpu.as_secs_f64() * 1e6);
        self.bytes.push(bytes);
    }

    fn quantile(&self, q: f64) -> f64 {
        quantile(&self.samples, q)
    }
}

fn quantile(samples: &[f64], q: f64) -> f64 {
    let mut s = samples.to_vec();
    s.sort_by(f64::total_cmp);
    let i = ((s.len() - 1) as f64 * q).round() as usize;
    s[i]
}

impl Stats {
    fn print(&self, name: &str, what: &str, dims: &str) {
        let mut b = self.bytes.clone();
        b.sort_unstable();
        let bytes = if b.first() == b.last() {
            b[0].to_string()
        } else {
            format!("{}-{}", b[0], b[b.len() - 1])
        };
        println!(
            "{name}\t{what}\t{dims}\t{:.1}\t{:.1}\t{:.1}\t{}\t{bytes}",
            self.quantile(0.5),
            self.quantile(0.9),
            quantile(&self.cpu, 0.5),
            self.samples.len()
        );
    }
}

/// Repeats until `max` runs or `budget` spent (at least `min` runs).
fn repeat(min: usize, max: usize, budget: Duration, mut one: impl FnMut()) {
    let start = Instant::now();
    let mut n = 0;
    while n < max && (n < min || start.elapsed() < budget) {
        one();
        n += 1;
    }
}

fn keys(name: &str, file: &str) {
    let budget = Duration::from_secs(3);
    // Load and App::new: once each for a big file, more for small ones.
    let mut load_stats = Stats::new();
    let mut ws = None;
    repeat(1, 21, budget, || {
        drop(ws.take()); // not timed: freeing the previous one
        let (c, t) = (thread_cpu(), Instant::now());
        ws = Some(load(file));
        load_stats.push_cpu(t.elapsed(), thread_cpu() - c, 0);
    });
    load_stats.print(name, "load (store::load: read, parse, fingerprint)", "-");
    if !file.is_empty() {
        let bytes = std::fs::read(file).expect("readable");
        let mut s = Stats::new();
        repeat(1, 21, budget, || {
            let (c, t) = (thread_cpu(), Instant::now());
            let f = store::Fingerprint::of(std::hint::black_box(&bytes));
            s.push_cpu(t.elapsed(), thread_cpu() - c, f.len);
        });
        s.print(
            name,
            "store::Fingerprint::of (file bytes in bytes column)",
            "-",
        );
    }
    let ws = ws.expect("loaded");

    let mut new_stats = Stats::new();
    let mut built = None;
    repeat(1, 21, budget, || {
        let copy = ws.clone();
        let (c, t) = (thread_cpu(), Instant::now());
        built = Some(term::app(copy));
        new_stats.push_cpu(t.elapsed(), thread_cpu() - c, 0);
    });
    new_stats.print(name, "App::new", "-");
    let mut app = built.expect("built");

    let mut s = Stats::new();
    repeat(1, 21, budget, || {
        let (c, t) = (thread_cpu(), Instant::now());
        let findings = review::check(&app.ws);
        s.push_cpu(t.elapsed(), thread_cpu() - c, findings.len() as u64);
    });
    s.print(name, "review::check (findings in bytes column)", "-");

    let mut s = Stats::new();
    repeat(1, 21, budget, || {
        let (c, t) = (thread_cpu(), Instant::now());
        let m = rows::matrix_rows(&app.ws);
        s.push_cpu(t.elapsed(), thread_cpu() - c, m.len() as u64);
    });
    s.print(name, "rows::matrix_rows (rows in bytes column)", "-");

    // What the event loop does 300 ms after an edit: the whole workspace to the journal.
    let mut s = Stats::new();
    repeat(1, 5, budget, || {
        let (c, t) = (thread_cpu(), Instant::now());
        budget_workbench::store::recovery::write(None, None, &app.ws).expect("journal written");
        s.push_cpu(t.elapsed(), thread_cpu() - c, 0);
    });
    s.print(name, "recovery::write (journal)", "-");
    budget_workbench::store::recovery::remove(None);

    for (w, h) in [(120u16, 40u16), (200, 60)] {
        let dims = format!("{w}x{h}");
        for &tab in TabId::ALL {
            app.tab = tab;
            let mut s = Stats::new();
            repeat(3, 101, budget, || {
                let mut t = CountingTerm::new(w, h);
                let (c, start) = (thread_cpu(), Instant::now());
                let bytes = t.draw(&mut app);
                s.push_cpu(start.elapsed(), thread_cpu() - c, bytes);
            });
            s.print(name, &format!("full frame {tab:?}"), &dims);
        }

        let mut term = CountingTerm::new(w, h);
        // Selection move: `j` in the middle of the 职责活动 table (`k` before it, untimed).
        app.overlay = Overlay::None;
        assert!(
            term::to_middle_standard(&mut app),
            "the matrix has indicators"
        );
        term.draw(&mut app);
        measure_key(
            name,
            "key j (move down)",
            &dims,
            &mut app,
            &mut term,
            budget,
            501,
            |app| press(app, KeyCode::Char('k')),
            |app| press(app, KeyCode::Char('j')),
        );
        // Selection move on the tab the workbench starts on: `j` in 汇总 (`k` before it).
        app.tab = TabId::Summary;
        term.draw(&mut app);
        measure_key(
            name,
            "key j on 汇总 (move down)",
            &dims,
            &mut app,
            &mut term,
            budget,
            501,
            |app| press(app, KeyCode::Char('k')),
            |app| press(app, KeyCode::Char('j')),
        );
        // Tab switch: `2` from tab 1.
        measure_key(
            name,
            "key 2 (tab switch)",
            &dims,
            &mut app,
            &mut term,
            budget,
            501,
            |app| press(app, KeyCode::Char('1')),
            |app| press(app, KeyCode::Char('2')),
        );
        // Edit commit: Enter on an opened, retyped 优 standard.
        app.overlay = Overlay::None;
        assert!(
            term::to_middle_standard(&mut app),
            "the matrix has indicators"
        );
        term.draw(&mut app);
        let mut flip = false;
        let before = app.revision();
        measure_key(
            name,
            "key Enter (edit commit)",
            &dims,
            &mut app,
            &mut term,
            budget,
            201,
            |app| {
                flip = !flip;
                press(app, KeyCode::Enter);
                ctrl(app, 'u');
                // Two values in turn, both unlike the seed's: every commit is a change.
                type_text(app, if flip { "≥99.5%" } else { "≥99.6%" });
            },
            |app| press(app, KeyCode::Enter),
        );
        let commits = app.revision() - before;
        assert!(
            commits >= 7,
            "edit commits changed the workspace only {commits} times"
        );
        app.overlay = Overlay::None;
    }
}

/// Times `key` handled and drawn, `prepare` (handled and drawn) before each, untimed.
#[allow(clippy::too_many_arguments)]
fn measure_key(
    name: &str,
    what: &str,
    dims: &str,
    app: &mut App,
    term: &mut CountingTerm,
    budget: Duration,
    max: usize,
    mut prepare: impl FnMut(&mut App),
    key: impl Fn(&mut App),
) {
    let mut total = Stats::new();
    let mut handle = Stats::new();
    let mut draw = Stats::new();
    // Two untimed rounds first (caches, allocations).
    for _ in 0..2 {
        prepare(app);
        term.draw(app);
        key(app);
        term.draw(app);
    }
    repeat(5, max, budget, || {
        prepare(app);
        term.draw(app);
        let (c0, t0) = (thread_cpu(), Instant::now());
        key(app);
        let (c1, t1) = (thread_cpu(), Instant::now());
        let bytes = term.draw(app);
        let (c2, t2) = (thread_cpu(), Instant::now());
        total.push_cpu(t2 - t0, c2 - c0, bytes);
        handle.push_cpu(t1 - t0, c1 - c0, 0);
        draw.push_cpu(t2 - t1, c2 - c1, bytes);
    });
    total.print(name, what, dims);
    handle.print(name, &format!("{what}: handle_key only"), dims);
    draw.print(name, &format!("{what}: draw only"), dims);
}
