//! The workbench's file on disk: the save policy (never replace a file another program changed
//! since it was read; keep a backup that is not ours), reload, and the recovery journal. No
//! overlays or messages here: `App` turns each outcome into a popup or a status line.

use std::path::{Path, PathBuf};

use crate::model::Workspace;
use crate::store::diff::{self, Change};
use crate::store::recovery::{self, Recovered};
use crate::store::{self, Fingerprint};

/// How many differences a popup lists.
pub const CHANGES_SHOWN: usize = 12;

/// What the file at `path` holds now, to notice other writers later.
pub fn fingerprint_of(path: &Path) -> Option<Fingerprint> {
    std::fs::read(path)
        .ok()
        .map(|bytes| Fingerprint::of(&bytes))
}

/// The name the workbench shows for `path`.
pub fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The file changed on disk since it was read or saved.
pub struct Conflict {
    /// What the file holds now, when it can be read as a workspace.
    pub disk: Option<Box<Workspace>>,
    /// How `ours` differs from it (one more than shown, so the popup can say "more").
    pub changes: Vec<Change>,
}

impl Conflict {
    fn new(disk: Option<Box<Workspace>>, ours: &Workspace) -> Conflict {
        let changes = disk
            .as_deref()
            .map(|theirs| diff::changes(theirs, ours, CHANGES_SHOWN + 1))
            .unwrap_or_default();
        Conflict { disk, changes }
    }
}

/// Whether a save to `path` may go ahead without asking.
pub enum BeforeSave {
    Write,
    /// Another file is at `path`: replace it?
    Replace,
    Conflict(Conflict),
}

/// `current`: the file the workspace was read from; `fingerprint`: what it held then.
pub fn before_save(
    current: Option<&Path>,
    fingerprint: Option<&Fingerprint>,
    path: &Path,
    ours: &Workspace,
) -> BeforeSave {
    if current != Some(path) {
        return if path.exists() {
            BeforeSave::Replace
        } else {
            BeforeSave::Write
        };
    }
    match fingerprint.map(|f| store::disk_state(path, f)) {
        Some(store::DiskState::Changed(disk)) => BeforeSave::Conflict(Conflict::new(disk, ours)),
        _ => BeforeSave::Write,
    }
}

/// How a save ended.
pub enum Saved {
    Done {
        fingerprint: Fingerprint,
        /// Where a backup that was already there went.
        kept: Option<PathBuf>,
    },
    /// The file changed on disk up to the moment it was to be replaced.
    Conflict(Conflict),
    /// Why the file could not be written (shown as is, control characters made visible).
    Failed(String),
}

/// Writes `ws` to `path`; with `expected`, refused if the file no longer holds that.
/// `first_here`: the first save to `path` in this session, when a `FILE.bak` found there is
/// someone's (perhaps the user's own) and is kept as `FILE.bak.1` rather than replaced.
/// On success the journals of `previous` (the file read) and `path` go.
pub fn save(
    ws: &Workspace,
    path: &Path,
    expected: Option<&Fingerprint>,
    first_here: bool,
    previous: Option<&Path>,
) -> Saved {
    let kept = if first_here {
        store::keep_previous_backup(path)
    } else {
        None
    };
    match store::save_checked(ws, path, expected) {
        Err(e) if e.changed_on_disk => {
            let disk = store::load(path).ok().map(Box::new);
            Saved::Conflict(Conflict::new(disk, ws))
        }
        Ok(fingerprint) => {
            recovery::remove(previous);
            recovery::remove(Some(path));
            Saved::Done { fingerprint, kept }
        }
        Err(e) => Saved::Failed(crate::text::visible(&e.to_string()).into_owned()),
    }
}

/// After the file at `path` was taken as it is on disk: what it holds now; its journal goes.
pub fn reloaded(path: &Path) -> Option<Fingerprint> {
    recovery::remove(Some(path));
    fingerprint_of(path)
}

/// Keeps unsaved edits in the recovery journal of `path`, or removes it when nothing is
/// unsaved. Ok(true): the journal now holds `ws`.
pub fn journal(
    path: Option<&Path>,
    fingerprint: Option<&Fingerprint>,
    ws: &Workspace,
    modified: bool,
) -> Result<bool, String> {
    if !modified {
        recovery::remove(path);
        return Ok(false);
    }
    recovery::write(path, fingerprint, ws)
        .map(|_| true)
        .map_err(|e| crate::text::visible(&e).into_owned())
}

/// What a journal left from last time offers.
pub enum Offer {
    Nothing,
    /// The journal cannot be read (why, control characters made visible).
    Damaged(String),
    Restore {
        recovered: Box<Recovered>,
        changes: Vec<Change>,
    },
}

/// Looks for a journal of `path` holding something other than `ws` (one that holds the same
/// is removed).
pub fn recovery_offer(path: Option<&Path>, ws: &Workspace) -> Offer {
    match recovery::read(path) {
        None => Offer::Nothing,
        Some(Err(e)) => Offer::Damaged(crate::text::visible(&e.to_string()).into_owned()),
        Some(Ok(recovered)) if recovered.workspace == *ws => {
            recovery::remove_offered(&recovered);
            Offer::Nothing
        }
        Some(Ok(recovered)) => {
            let changes = diff::changes(ws, &recovered.workspace, CHANGES_SHOWN + 1);
            Offer::Restore {
                recovered: Box::new(recovered),
                changes,
            }
        }
    }
}
