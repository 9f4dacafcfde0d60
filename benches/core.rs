//! Load, check, save and generate at three sizes: the seed, 100× and about 50 MB.
//! `cargo bench --bench core`; figures are recorded in docs/performance.md.

use std::sync::OnceLock;

use budget_workbench::model::Workspace;
use budget_workbench::{review, store, synth};

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
