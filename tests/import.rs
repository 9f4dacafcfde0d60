//! The importer against the seed document and variants of it.

use std::path::PathBuf;

use budget_workbench::import::{import_file, import_text};
use budget_workbench::store;

const SEED: &str = include_str!("data/fagaiju-2021.txt");

fn sample_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("sample-data/fagaiju-2021.json")
}

/// `UPDATE_SAMPLE=1 cargo test --test import regenerate` rewrites the sample from the seed.
#[test]
fn regenerate() {
    if std::env::var("UPDATE_SAMPLE").is_err() {
        return;
    }
    let outcome = import_text(SEED, "000_30620b3058080950.txt").expect("seed imports");
    std::fs::write(sample_path(), store::to_json(&outcome.workspace)).expect("write sample");
    for w in &outcome.warnings {
        eprintln!("warning: {w}");
    }
}
