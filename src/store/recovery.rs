//! Recovery journal: unsaved edits written beside nothing the user owns, so a dropped SSH
//! connection, a kill or a crash loses nothing. One journal per workspace file and running
//! instance, in the platform state (or data) directory (0700, journals 0600); removed after a
//! good save. A lock per instance keeps instances from offering or deleting each other's
//! journals.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use super::{Fingerprint, LoadError};
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

/// One name for a file however it is reached (`./f.json`, `sub/../f.json`, a symlink, the
/// absolute path): the canonical path of the file, or of its directory when the file does
/// not exist yet.
pub fn canonical(path: &Path) -> PathBuf {
    if let Ok(real) = fs::canonicalize(path) {
        return real;
    }
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    match (absolute.parent(), absolute.file_name()) {
        (Some(dir), Some(name)) => fs::canonicalize(dir)
            .map(|d| d.join(name))
            .unwrap_or(absolute),
        _ => absolute,
    }
}

/// The part of journal and lock names shared by every instance editing `file`.
fn key(file: Option<&Path>) -> String {
    let Some(path) = file else {
        return "embedded-sample".to_string();
    };
    let real = canonical(path);
    let stem = real
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
        "{safe}-{:016x}",
        stable_hash(real.as_os_str().as_encoded_bytes())
    )
}

/// The journal this instance writes for `file` (`None`: the embedded sample). Each running
/// instance has its own, named by its process id.
pub fn journal_path(file: Option<&Path>) -> Option<PathBuf> {
    let dir = journal_dir()?;
    Some(dir.join(format!("{}.{}.journal.json", key(file), std::process::id())))
}

fn lock_path(dir: &Path, key: &str, pid: u32) -> PathBuf {
    dir.join(format!("{key}.{pid}.lock"))
}

/// Creates the journal directory, private to the user (0700): journals hold whole budgets.
fn create_dir(dir: &Path) -> Result<(), String> {
    use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
    fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?;
    // A directory made by an earlier version may be world-readable.
    let _ = fs::set_permissions(dir, fs::Permissions::from_mode(0o700));
    Ok(())
}

/// This instance's claim on `file`: a lock held as long as the workbench runs, so other
/// instances neither offer nor delete this instance's journal. Released (and its lock file
/// removed) when dropped.
#[derive(Debug)]
pub struct Claim {
    _lock: fs::File,
    path: PathBuf,
}

impl Drop for Claim {
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.path);
    }
}

/// Claims `file` for this instance.
pub fn claim(file: Option<&Path>) -> Result<Claim, String> {
    use rustix::fs::{FlockOperation, flock};
    use std::os::unix::fs::MetadataExt;
    let dir = journal_dir().ok_or("no directory for recovery journals")?;
    create_dir(&dir)?;
    // Journal writes that a kill cut short leave `.NAME.journal.json.tmp-PID-…` behind.
    super::remove_dead_temps(&dir, |name| {
        name.strip_prefix('.')?
            .split_once(".journal.json.tmp-")
            .map(|(_, rest)| rest)
    });
    let path = lock_path(&dir, &key(file), std::process::id());
    let fail = |e: std::io::Error| format!("{}: {e}", path.display());
    // Another instance may remove a lock file it finds unlocked (a dead instance's) between
    // our open and our lock: the lock must be on the file that is still at the path.
    for _ in 0..3 {
        let lock = fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(fail)?;
        flock(&lock, FlockOperation::NonBlockingLockExclusive).map_err(|e| fail(e.into()))?;
        let held = lock.metadata().map_err(fail)?;
        if fs::metadata(&path).is_ok_and(|now| now.ino() == held.ino() && now.dev() == held.dev()) {
            return Ok(Claim { _lock: lock, path });
        }
    }
    Err(format!("{}: cannot be locked", path.display()))
}

/// True when the instance `pid` still holds its claim on `key`.
fn claimed(dir: &Path, key: &str, pid: u32) -> bool {
    use rustix::fs::{FlockOperation, flock};
    let Ok(lock) = fs::File::open(lock_path(dir, key, pid)) else {
        return false;
    };
    // Our own claim is another open file, so it conflicts here too.
    match flock(&lock, FlockOperation::NonBlockingLockShared) {
        Ok(()) => false,
        Err(_) => true,
    }
}

/// The process ids of other running instances that have `file` open for editing.
pub fn others_editing(file: Option<&Path>) -> Vec<u32> {
    let Some(dir) = journal_dir() else {
        return Vec::new();
    };
    let key = key(file);
    let own = std::process::id();
    let mut pids: Vec<u32> = instance_files(&dir, &key, ".lock")
        .into_iter()
        .filter_map(|(pid, path)| Some((pid?, path)))
        .filter(|(pid, path)| {
            let live = *pid != own && claimed(&dir, &key, *pid);
            if !live && *pid != own {
                // Left by an instance that was killed: nothing holds it any more.
                let _ = fs::remove_file(path);
            }
            live
        })
        .map(|(pid, _)| pid)
        .collect();
    pids.sort_unstable();
    pids
}

/// Files `KEY.PID<suffix>` (and the unnumbered `KEY<suffix>` of earlier versions) in `dir`.
fn instance_files(dir: &Path, key: &str, suffix: &str) -> Vec<(Option<u32>, PathBuf)> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .flatten()
        .filter_map(|entry| {
            let name = entry.file_name().to_string_lossy().into_owned();
            let middle = name.strip_prefix(key)?.strip_suffix(suffix)?;
            let pid = match middle {
                "" => None,
                m => Some(m.strip_prefix('.')?.parse::<u32>().ok()?),
            };
            Some((pid, entry.path()))
        })
        .collect()
}

#[derive(Serialize)]
struct JournalOut<'a> {
    journal: u32,
    file: Option<String>,
    written_at: u64,
    /// The file on disk the edits were made to, to notice changes made since.
    base: Option<Fingerprint>,
    workspace: &'a Workspace,
}

#[derive(Deserialize)]
struct JournalIn {
    file: Option<String>,
    written_at: u64,
    #[serde(default)]
    base: Option<Fingerprint>,
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
    /// The file on disk the edits were made to, when recorded.
    pub base: Option<Fingerprint>,
    pub workspace: Workspace,
}

/// Writes the unsaved state of `file` to this instance's journal (atomically, mode 0600).
/// Returns the journal path.
pub fn write(
    file: Option<&Path>,
    base: Option<&Fingerprint>,
    workspace: &Workspace,
) -> Result<PathBuf, String> {
    let path = journal_path(file).ok_or("no directory for recovery journals")?;
    if let Some(dir) = path.parent() {
        create_dir(dir)?;
    }
    let record = JournalOut {
        journal: 1,
        file: file.map(|f| canonical(f).display().to_string()),
        written_at: SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs()),
        base: base.copied(),
        workspace,
    };
    let text = serde_json::to_string(&record).map_err(|e| e.to_string())?;
    super::write_private(&path, text.as_bytes()).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(path)
}

/// The newest journal of `file` left by an instance that is no longer running, if any
/// (journals of running instances are theirs). A damaged journal is moved aside to
/// `….damaged` (never overwritten or deleted) and reported.
pub fn read(file: Option<&Path>) -> Option<Result<Recovered, LoadError>> {
    let dir = journal_dir()?;
    let key = key(file);
    let mut found: Vec<(std::time::SystemTime, PathBuf)> =
        instance_files(&dir, &key, ".journal.json")
            .into_iter()
            .filter(|(pid, _)| !pid.is_some_and(|pid| claimed(&dir, &key, pid)))
            .map(|(_, path)| {
                let modified = fs::metadata(&path)
                    .and_then(|m| m.modified())
                    .unwrap_or(UNIX_EPOCH);
                (modified, path)
            })
            .collect();
    found.sort();
    let (_, path) = found.pop()?;
    let bytes = fs::read(&path).ok()?;
    let parsed = std::str::from_utf8(&bytes)
        .map_err(|_| (None, "recovery journal is not UTF-8".to_string()))
        .and_then(|text| {
            serde_json::from_str::<JournalIn>(text).map_err(|e| {
                (
                    Some((e.line(), e.column())),
                    format!("damaged recovery journal: {e}"),
                )
            })
        });
    Some(match parsed {
        Ok(j) => Ok(Recovered {
            journal: path,
            file: j.file,
            written_at: j.written_at,
            base: j.base,
            workspace: j.workspace,
        }),
        Err((place, message)) => {
            let mut aside = path.clone().into_os_string();
            aside.push(".damaged");
            let aside = PathBuf::from(aside);
            let kept = if fs::rename(&path, &aside).is_ok() {
                aside
            } else {
                path
            };
            Err(LoadError {
                file: kept.display().to_string(),
                line: place.map(|p| p.0),
                column: place.map(|p| p.1),
                message,
            })
        }
    })
}

/// Removes this instance's journal of `file` (after a good save, or when the user discards
/// the edits).
pub fn remove(file: Option<&Path>) {
    if let Some(path) = journal_path(file) {
        let _ = fs::remove_file(&path);
    }
}

/// Removes a journal that was offered (restored into this instance, or discarded by the user).
pub fn remove_offered(recovered: &Recovered) {
    let _ = fs::remove_file(&recovered.journal);
}
