//! Load, check, grade, serialize and save at three sizes: the seed, 100× and about 50 MB;
//! import of the seed's text extract and of texts made 100× and ~50 MB by repeating its
//! project tables and its duty–activity matrix.
//! `cargo bench --bench core`; figures are recorded in docs/performance.md.

use std::sync::OnceLock;

use budget_workbench::model::Workspace;
use budget_workbench::{import, report, review, store, synth};

fn main() {
    divan::main();
}

/// The sizes benchmarked: the embedded seed, 100 departments' worth, and ~50 MB of JSON.
const SIZES: &[&str] = &["seed", "x100", "50MB"];

fn text(size: &str) -> &'static str {
    static SEED: OnceLock<String> = OnceLock::new();
    static X100: OnceLock<String> = OnceLock::new();
    static MB50: OnceLock<String> = OnceLock::new();
    match size {
        "seed" => SEED.get_or_init(|| store::SAMPLE_JSON.to_string()),
        "x100" => X100.get_or_init(|| store::to_json(&synth::generate(1, 100))),
        _ => MB50.get_or_init(|| synth::generate_at_least(1, 50_000_000)),
    }
}

fn workspace(size: &str) -> Workspace {
    store::parse_str(text(size), size).expect("benchmark input loads")
}

#[divan::bench(args = SIZES, sample_count = 10)]
fn load(bencher: divan::Bencher, size: &str) {
    let text = text(size);
    bencher.bench(|| store::parse_str(divan::black_box(text), "bench").expect("loads"));
}

#[divan::bench(args = SIZES, sample_count = 10)]
fn check(bencher: divan::Bencher, size: &str) {
    let ws = workspace(size);
    bencher.bench(|| review::check(divan::black_box(&ws)));
}

#[divan::bench(args = SIZES, sample_count = 10)]
fn serialize(bencher: divan::Bencher, size: &str) {
    let ws = workspace(size);
    bencher.bench(|| store::to_json(divan::black_box(&ws)));
}

#[divan::bench(args = SIZES, sample_count = 5)]
fn save(bencher: divan::Bencher, size: &str) {
    let ws = workspace(size);
    let dir = std::env::temp_dir().join(format!("bw-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("ws.json");
    bencher.bench(|| store::save(&ws, &path).expect("saves"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[divan::bench(args = SIZES, sample_count = 10)]
fn grade(bencher: divan::Bencher, size: &str) {
    let ws = workspace(size);
    bencher.bench(|| report::grade_report(divan::black_box(&ws)));
}

/// The seed's text extract (sample-data/fagaiju-2021.txt).
const SEED_TEXT: &str = include_str!("../sample-data/fagaiju-2021.txt");
/// Lines (0-based) of the seed text: the project tables start at `PROJECTS`, the matrix
/// heading is line `MATRIX`, its body runs to `MATRIX_END` (六、政府采购…).
const PROJECTS: usize = 62;
const MATRIX: usize = 758;
const MATRIX_END: usize = 1489;

/// The seed text with its project tables and its matrix body each `copies` times.
fn scaled_text(copies: usize) -> String {
    let lines: Vec<&str> = SEED_TEXT.lines().collect();
    assert!(
        lines[MATRIX].contains("部门职责-工作活动绩效目标"),
        "seed text changed"
    );
    assert!(lines[MATRIX_END].starts_with("六、"), "seed text changed");
    let mut out: Vec<&str> = lines[..MATRIX].to_vec();
    for _ in 1..copies {
        out.extend_from_slice(&lines[PROJECTS..MATRIX]);
    }
    out.push(lines[MATRIX]);
    for _ in 0..copies {
        out.extend_from_slice(&lines[MATRIX + 1..MATRIX_END]);
    }
    out.extend_from_slice(&lines[MATRIX_END..]);
    out.join("\n")
}

fn import_input(size: &str) -> &'static str {
    static X100: OnceLock<String> = OnceLock::new();
    static MB50: OnceLock<String> = OnceLock::new();
    match size {
        "seed" => SEED_TEXT,
        "x100" => X100.get_or_init(|| scaled_text(100)),
        _ => MB50.get_or_init(|| {
            // One more copy adds the project tables and the matrix body once more.
            let one = scaled_text(1).len();
            let per_copy = scaled_text(2).len() - one;
            scaled_text((50_000_000 - one).div_ceil(per_copy) + 1)
        }),
    }
}

#[divan::bench(args = SIZES, sample_count = 5)]
fn import(bencher: divan::Bencher, size: &str) {
    let text = import_input(size);
    bencher
        .counter(divan::counter::BytesCount::of_str(text))
        .bench(|| import::import_text(divan::black_box(text), "bench.txt").expect("imports"));
}

/// PDF import of the vendored real budgets (tests/fixtures/pdf): 21 and 20 pages.
#[divan::bench(args = ["changchun-xinfang-2026.pdf", "shanghai-xinfang-2026.pdf"], sample_count = 10)]
fn import_pdf(bencher: divan::Bencher, name: &str) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/pdf")
        .join(name);
    let bytes = std::fs::read(path).expect("fixture");
    bencher.bench(|| budget_workbench::import::pdf::import_pdf(&bytes, name).expect("imports"));
}

/// Published documents imported from PDF: 长春 as vendored (21 pages, 11 tables), the same
/// document twice over (42 pages, as large as the corpus's 44-page budgets), and the workspace
/// named by `BW_BENCH_WORKSPACE` when set (e.g. a 44-page corpus import; else the 42 pages).
const PUBLISHED: &[&str] = &["changchun-21p", "changchun-42p", "file"];

fn published(which: &str) -> Workspace {
    if which == "file"
        && let Ok(path) = std::env::var("BW_BENCH_WORKSPACE")
    {
        return store::load(std::path::Path::new(&path)).expect("BW_BENCH_WORKSPACE loads");
    }
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/pdf/changchun-xinfang-2026.pdf");
    let mut ws = import::import_file(&path).expect("imports").workspace;
    if which != "changchun-21p" {
        let offset = u32::try_from(ws.source.pages.len()).expect("pages");
        let mut pages = ws.source.pages.clone();
        for p in &mut pages {
            p.number += offset;
        }
        ws.source.pages.extend(pages);
        let mut tables = ws.tables.clone();
        for t in &mut tables {
            t.pages.iter_mut().for_each(|p| *p += offset);
            t.rows.iter_mut().for_each(|r| r.page += offset);
        }
        ws.tables.extend(tables);
    }
    ws
}

#[divan::bench(args = PUBLISHED, sample_count = 20)]
fn check_published(bencher: divan::Bencher, which: &str) {
    let ws = published(which);
    bencher.bench(|| review::check(divan::black_box(&ws)));
}
