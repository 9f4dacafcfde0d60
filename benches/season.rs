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
