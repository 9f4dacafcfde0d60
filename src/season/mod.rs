//! A budget season: many documents at once (batch import and check), the exports a bureau
//! files (CSV, XLSX, Markdown 审核意见) and the diff between two drafts. See docs/cli.md.

pub mod diff;
pub mod export;
pub mod portfolio;
pub mod triage;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

/// The files named by `paths`: a directory stands for its files (not recursive) whose
/// extension is one of `extensions` (ASCII case ignored), sorted by name, leaving out the
/// previous versions `import --update` keeps (`*.prev.json`); a file stands for
/// itself whatever its extension. Paths that do not exist are refused with their name.
pub fn collect_inputs(paths: &[PathBuf], extensions: &[&str]) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    for path in paths {
        if path.is_dir() {
            let entries = std::fs::read_dir(path).map_err(|e| format!("{}: {e}", shown(path)))?;
            let mut found: Vec<PathBuf> = entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_file() && has_extension(p, extensions) && !is_previous(p))
                .collect();
            found.sort();
            out.extend(found);
        } else if path.exists() {
            out.push(path.clone());
        } else {
            return Err(format!("{}: no such file or directory", shown(path)));
        }
    }
    Ok(out)
}

/// A previous version kept by `import --update` (`X.prev.json`): not a document of its own.
fn is_previous(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|n| n.to_string_lossy().ends_with(".prev.json"))
}

fn has_extension(path: &Path, extensions: &[&str]) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| extensions.iter().any(|x| e.eq_ignore_ascii_case(x)))
}

/// A path as it may be printed: no control or bidi character from a file name.
pub fn shown(path: &Path) -> String {
    crate::text::visible(&path.display().to_string()).into_owned()
}

/// How many worker threads to run: every core the process may use.
pub fn workers() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// `work` applied to every item on `threads` threads taking items from a shared queue (so a
/// slow document does not hold back a whole share); `done(finished, index, &result)` runs on
/// the calling thread as each result arrives, for progress. Results come back in input order;
/// `None` where `work` panicked, so one bad document cannot end the batch.
pub fn parallel_map<T, R, W, D>(items: &[T], threads: usize, work: W, mut done: D) -> Vec<Option<R>>
where
    T: Sync,
    R: Send,
    W: Fn(&T) -> R + Sync,
    D: FnMut(usize, usize, &R),
{
    let next = AtomicUsize::new(0);
    let mut slots: Vec<Option<R>> = (0..items.len()).map(|_| None).collect();
    let (tx, rx) = mpsc::channel::<(usize, R)>();
    std::thread::scope(|scope| {
        for _ in 0..threads.clamp(1, items.len().max(1)) {
            let tx = tx.clone();
            let (next, work) = (&next, &work);
            scope.spawn(move || {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(item) = items.get(i) else { break };
                    // A panic is caught here so the other documents' results survive it.
                    if let Ok(result) =
                        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| work(item)))
                        && tx.send((i, result)).is_err()
                    {
                        break;
                    }
                }
            });
        }
        drop(tx);
        for (finished, (i, result)) in rx.iter().enumerate() {
            done(finished + 1, i, &result);
            slots[i] = Some(result);
        }
    });
    slots
}

/// Progress of a batch on stderr: a bar redrawn in place on a terminal, one plain line per
/// document otherwise (logs, CI).
pub struct Progress {
    total: usize,
    tty: bool,
}

impl Progress {
    pub fn new(total: usize) -> Progress {
        use std::io::IsTerminal;
        Progress {
            total,
            tty: std::io::stderr().is_terminal(),
        }
    }

    /// Reports that `finished` of the documents are done, the last being `name` with `status`.
    pub fn step(&self, finished: usize, name: &str, status: &str) {
        let name = crate::text::visible(name);
        let status = crate::text::visible(status);
        if self.tty {
            const WIDTH: usize = 30;
            let filled = WIDTH * finished / self.total.max(1);
            let bar: String = "█".repeat(filled) + &"░".repeat(WIDTH - filled);
            let tail = crate::text::truncate(&name, 36);
            // \x1b[K clears what a longer previous name left on the line.
            eprint!("\r{bar} {finished}/{} {tail}\x1b[K", self.total);
            if finished == self.total {
                eprintln!();
            }
        } else {
            eprintln!("[{finished}/{}] {name}: {status}", self.total);
        }
    }
}

/// One CSV field: file text is made visible (no control character survives), a field that
/// a spreadsheet would run as a formula (`=`, `+`, `-`, `@` first, unless it is a plain
/// number) gets a leading `'`, and the field is quoted when it needs to be.
pub fn csv_field(text: &str) -> String {
    let text = crate::text::visible(text);
    let formula = text.starts_with(['=', '+', '-', '@']) && !is_plain_number(&text);
    let text = if formula {
        format!("'{text}")
    } else {
        text.into_owned()
    };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

/// `-12.50` or `+3`: a sign, digits and at most one point, nothing a formula could hide in.
fn is_plain_number(text: &str) -> bool {
    let body = text.strip_prefix(['-', '+']).unwrap_or(text);
    !body.is_empty()
        && body.chars().all(|c| c.is_ascii_digit() || c == '.')
        && body.matches('.').count() <= 1
        && body.chars().any(|c| c.is_ascii_digit())
}

/// One CSV record (CRLF-free: records end in `\n`).
pub fn csv_record<S: AsRef<str>>(fields: &[S]) -> String {
    let mut line = fields
        .iter()
        .map(|f| csv_field(f.as_ref()))
        .collect::<Vec<_>>()
        .join(",");
    line.push('\n');
    line
}

/// File text for Markdown: visible, with the characters Markdown would read as markup
/// escaped, and formula-like starts prefixed as in CSV (the opinion is often pasted into a
/// spreadsheet).
pub fn md_text(text: &str) -> String {
    let text = crate::text::visible(text);
    let mut out = String::with_capacity(text.len());
    if text.starts_with(['=', '+', '-', '@']) && !is_plain_number(&text) {
        out.push('\'');
    }
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '!'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_defuses_formulas_but_keeps_numbers() {
        assert_eq!(csv_field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_field("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_field("-3.50"), "-3.50");
        assert_eq!(csv_field("-1+2"), "'-1+2");
        assert_eq!(csv_field("a\u{1b}[2J"), "a\\u{1b}[2J");
        assert_eq!(csv_field("收入,支出"), "\"收入,支出\"");
    }

    #[test]
    fn markdown_escapes_markup() {
        assert_eq!(md_text("a|b *c*"), "a\\|b \\*c\\*");
        assert_eq!(md_text("=1+1"), "'=1+1");
    }

    #[test]
    fn parallel_map_keeps_input_order() {
        let items: Vec<u32> = (0..50).collect();
        let mut seen = 0;
        let out = parallel_map(&items, 3, |x| x * 2, |n, _, _| seen = n);
        assert_eq!(seen, 50);
        assert_eq!(out, items.iter().map(|x| Some(x * 2)).collect::<Vec<_>>());
    }
}
