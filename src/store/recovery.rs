//! Recovery journal: unsaved edits written beside nothing the user owns, so a dropped SSH
//! connection, a kill or a crash loses nothing. One journal per workspace file, in the
//! platform state (or data) directory; removed after a good save.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use super::{LoadError, write_atomically};
use crate::model::Workspace;

/// Overrides the journal directory (tests, or a user who wants journals elsewhere).
pub const DIR_ENV: &str = "BUDGET_WORKBENCH_STATE_DIR";

/// Where journals live: `$BUDGET_WORKBENCH_STATE_DIR`, else the platform state directory
/// (`~/.local/state/budget-workbench` on Linux), else the local data directory.
pub fn journal_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os(DIR_ENV).filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    let dirs = directories::ProjectDirs::from("", "", "budget-workbench")?;
    Some(
        dirs.state_dir()
            .unwrap_or_else(|| dirs.data_local_dir())
            .join("recovery"),
    )
}

/// FNV-1a: a stable name for a path across runs and builds.
fn stable_hash(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, b| {
        (hash ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The journal for `file` (`None`: the embedded sample).
pub fn journal_path(file: Option<&Path>) -> Option<PathBuf> {
    let dir = journal_dir()?;
    let name = match file {
        Some(path) => {
            let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
            let stem = absolute
                .file_stem()
                .map(|s| s.to_string_lossy().chars().take(40).collect::<String>())
                .unwrap_or_default();
            let safe: String = stem
                .chars()
                .map(|c| {
                    if c.is_alphanumeric() || c == '-' || c == '_' {
                        c
                    } else {
                        '_'
                    }
                })
                .collect();
            format!(
                "{safe}-{:016x}.journal.json",
                stable_hash(absolute.as_os_str().as_encoded_bytes())
            )
        }
        None => "embedded-sample.journal.json".to_string(),
    };
    Some(dir.join(name))
}

#[derive(Serialize)]
struct JournalOut<'a> {
    journal: u32,
    file: Option<String>,
    written_at: u64,
    workspace: &'a Workspace,
}

#[derive(Deserialize)]
struct JournalIn {
    file: Option<String>,
    written_at: u64,
    workspace: Workspace,
}

/// A journal found on disk.
#[derive(Debug, Clone, PartialEq)]
pub struct Recovered {
    pub journal: PathBuf,
    /// The workspace file the edits belong to, as recorded.
    pub file: Option<String>,
    /// Seconds since the Unix epoch when the journal was written.
    pub written_at: u64,
    pub workspace: Workspace,
}

/// Writes the unsaved state of `file` to its journal (atomically). Returns the journal path.
pub fn write(file: Option<&Path>, workspace: &Workspace) -> Result<PathBuf, String> {
    let path = journal_path(file).ok_or("no directory for recovery journals")?;
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    let record = JournalOut {
        journal: 1,
        file: file.map(|f| {
            std::path::absolute(f)
                .unwrap_or_else(|_| f.to_path_buf())
                .display()
                .to_string()
        }),
        written_at: SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs()),
        workspace,
    };
    let text = serde_json::to_string(&record).map_err(|e| e.to_string())?;
    write_atomically(&path, text.as_bytes()).map_err(|e| e.to_string())?;
    // A journal needs no backup of the previous journal.
    let _ = fs::remove_file(super::backup_path(&path));
    Ok(path)
}

/// The journal of `file`, if one exists. A damaged journal is reported, not ignored.
pub fn read(file: Option<&Path>) -> Option<Result<Recovered, LoadError>> {
    let path = journal_path(file)?;
    let bytes = fs::read(&path).ok()?;
    let name = path.display().to_string();
    let parsed = std::str::from_utf8(&bytes)
        .map_err(|_| LoadError {
            file: name.clone(),
            line: None,
            column: None,
            message: "recovery journal is not UTF-8".into(),
        })
        .and_then(|text| {
            serde_json::from_str::<JournalIn>(text).map_err(|e| LoadError {
                file: name.clone(),
                line: Some(e.line()),
                column: Some(e.column()),
                message: format!("damaged recovery journal: {e}"),
            })
        });
    Some(parsed.map(|j| Recovered {
        journal: path,
        file: j.file,
        written_at: j.written_at,
        workspace: j.workspace,
    }))
}

/// Removes the journal of `file` (after a good save, or when the user discards it).
pub fn remove(file: Option<&Path>) {
    if let Some(path) = journal_path(file) {
        let _ = fs::remove_file(&path);
        let _ = fs::remove_file(super::backup_path(&path));
    }
}
