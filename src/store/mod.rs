//! Reading and writing workspace files: format version, clear load errors, safe save.

use std::fmt;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::model::{FORMAT_MAJOR, Workspace};

pub mod diff;
pub mod recovery;

/// Files larger than this are refused before reading, so a stray huge file cannot exhaust memory.
pub const MAX_FILE_BYTES: u64 = 512 * 1024 * 1024;

/// The embedded sample: the seed document as a workspace.
pub const SAMPLE_JSON: &str = include_str!("../../sample-data/fagaiju-2021.json");
/// The name the embedded sample is shown under.
pub const SAMPLE_NAME: &str = "（内置样例）fagaiju-2021.json";

/// Why a workspace could not be loaded, with the place in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    pub file: String,
    /// 1-based line and column of the problem, when there is a place.
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column) {
            (Some(line), Some(column)) => {
                write!(f, "{}:{}:{}: {}", self.file, line, column, self.message)
            }
            _ => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

impl std::error::Error for LoadError {}

/// Reads and parses a workspace file.
pub fn load(path: &Path) -> Result<Workspace, LoadError> {
    let bytes = read_limited(path)?;
    parse_bytes(&bytes, &path.display().to_string())
}

/// What a file looked like when it was read, to notice when someone else changes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, Deserialize)]
pub struct Fingerprint {
    pub len: u64,
    /// An FNV-style hash over 8-byte words (not FNV-1a); cheap next to parsing the bytes.
    pub hash: u64,
}

impl Fingerprint {
    pub fn of(bytes: &[u8]) -> Fingerprint {
        // FNV-style over 8-byte words: a change anywhere changes it, at memory speed.
        let mut words = bytes.chunks_exact(8);
        let mut hash = 0xcbf2_9ce4_8422_2325_u64;
        for word in &mut words {
            let value = u64::from_le_bytes(word.try_into().unwrap_or_default());
            hash = (hash ^ value)
                .wrapping_mul(0x0100_0000_01b3)
                .rotate_left(29);
        }
        for b in words.remainder() {
            hash = (hash ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
        }
        Fingerprint {
            len: bytes.len() as u64,
            hash,
        }
    }
}

/// How the file on disk compares with what was loaded.
#[derive(Debug, Clone, PartialEq)]
pub enum DiskState {
    Unchanged,
    /// Someone else changed it; the workspace now on disk, when it still parses.
    Changed(Option<Box<Workspace>>),
    Missing,
}

/// Compares the file at `path` with the fingerprint taken when it was loaded or saved.
pub fn disk_state(path: &Path, loaded: &Fingerprint) -> DiskState {
    match fs::read(path) {
        Err(_) => DiskState::Missing,
        Ok(bytes) if Fingerprint::of(&bytes) == *loaded => DiskState::Unchanged,
        Ok(bytes) => DiskState::Changed(
            parse_bytes(&bytes, &path.display().to_string())
                .ok()
                .map(Box::new),
        ),
    }
}

/// Reads and parses a workspace file and fingerprints the bytes read.
pub fn load_with_fingerprint(path: &Path) -> Result<(Workspace, Fingerprint), LoadError> {
    let bytes = read_limited(path)?;
    let workspace = parse_bytes(&bytes, &path.display().to_string())?;
    Ok((workspace, Fingerprint::of(&bytes)))
}

/// The bytes of `path`, refusing directories and files over [`MAX_FILE_BYTES`].
fn read_limited(path: &Path) -> Result<Vec<u8>, LoadError> {
    let fail = |message: String| LoadError {
        file: path.display().to_string(),
        line: None,
        column: None,
        message,
    };
    let metadata = fs::metadata(path).map_err(|e| fail(format!("cannot read: {e}")))?;
    if metadata.is_dir() {
        return Err(fail(
            "is a directory, expected a workspace JSON file".into(),
        ));
    }
    // A FIFO or a device (`/dev/zero`) has no length and may never end.
    if !metadata.is_file() {
        return Err(fail(
            "is not a regular file (a pipe or a device), expected a workspace JSON file".into(),
        ));
    }
    if metadata.len() > MAX_FILE_BYTES {
        return Err(fail(format!(
            "file is {} bytes; the limit is {} bytes",
            metadata.len(),
            MAX_FILE_BYTES
        )));
    }
    fs::read(path).map_err(|e| fail(format!("cannot read: {e}")))
}

/// The embedded sample workspace.
pub fn sample() -> Workspace {
    // The sample is checked by the test suite; failing here would be a build defect.
    parse_str(SAMPLE_JSON, SAMPLE_NAME).expect("embedded sample is a valid workspace")
}

/// Parses workspace bytes; `file` names them in messages.
pub fn parse_bytes(bytes: &[u8], file: &str) -> Result<Workspace, LoadError> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let (line, column) = line_column(&bytes[..e.valid_up_to()]);
        LoadError {
            file: file.to_string(),
            line: Some(line),
            column: Some(column),
            message: format!(
                "not UTF-8 text (byte 0x{:02X}); expected a UTF-8 JSON workspace",
                bytes[e.valid_up_to()]
            ),
        }
    })?;
    parse_str(text, file)
}

/// Parses workspace text; `file` names it in messages.
pub fn parse_str(text: &str, file: &str) -> Result<Workspace, LoadError> {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    if body.trim().is_empty() {
        return Err(LoadError {
            file: file.to_string(),
            line: Some(1),
            column: Some(1),
            message: "file is empty; expected a JSON workspace object".into(),
        });
    }
    check_density(body, file)?;
    match serde_json::from_str::<Workspace>(body) {
        Ok(workspace) => {
            check_version(&workspace.format, body, file)?;
            Ok(workspace)
        }
        Err(error) => {
            // A newer major version explains any structural error better than the error itself.
            if let Ok(VersionProbe {
                format: Some(format),
            }) = serde_json::from_str::<VersionProbe>(body)
            {
                check_version(&format, body, file)?;
            }
            // serde_json places an error at the last character it consumed, which is before
            // the document (column 0) when a top-level `[]` is refused on seeing `[`: point at
            // the document's first character instead.
            let start = line_column(&body.as_bytes()[..body.len() - body.trim_start().len()]);
            let (line, column) = (error.line(), error.column()).max(start);
            Err(LoadError {
                file: file.to_string(),
                line: Some(line),
                column: Some(column),
                message: describe_json_error(&error),
            })
        }
    }
}

/// JSON values (strings and keys, numbers, literals, arrays, objects) a file may hold per byte,
/// beyond [`DENSITY_ALLOWANCE`]. Parsing costs memory per value, not per byte: a file of short
/// values (`[1,1,1,…]`, 2 bytes each) needs about 48× its size, while workspaces written by
/// this tool hold one value per 20 or more bytes. One per 6 bytes bounds memory near 17× the
/// file (measured: 20 MB of unknown values at the limit, 356 MB) and refuses no real workspace.
const BYTES_PER_VALUE: usize = 6;
/// Values any file may hold regardless of its size.
const DENSITY_ALLOWANCE: usize = 100_000;

/// Refuses text packed with so many tiny values that parsing it would exhaust memory.
fn check_density(text: &str, file: &str) -> Result<(), LoadError> {
    let limit = DENSITY_ALLOWANCE + text.len() / BYTES_PER_VALUE;
    let bytes = text.as_bytes();
    let (mut values, mut in_scalar, mut i) = (0usize, false, 0usize);
    while let Some(&b) = bytes.get(i) {
        i += 1;
        match b {
            b'"' => {
                in_scalar = false;
                values += 1;
                // Skip the string's body at memchr speed: only a quote or a backslash matters.
                loop {
                    let rest = bytes.get(i..).unwrap_or_default();
                    let Some(at) = memchr::memchr2(b'"', b'\\', rest) else {
                        // An unterminated string runs to the end.
                        i = bytes.len();
                        break;
                    };
                    i += at + 1;
                    if rest[at] == b'"' {
                        break;
                    }
                    // A backslash escapes the byte after it.
                    i += 1;
                }
            }
            b'{' | b'[' => {
                in_scalar = false;
                values += 1;
            }
            b'}' | b']' | b',' | b':' | b' ' | b'\n' | b'\r' | b'\t' => in_scalar = false,
            _ if !in_scalar => {
                in_scalar = true;
                values += 1;
            }
            _ => {}
        }
    }
    if values > limit {
        return Err(LoadError {
            file: file.to_string(),
            line: None,
            column: None,
            message: format!(
                "{values} JSON values in {} bytes (more than one per {BYTES_PER_VALUE} bytes): \
                 refused, reading it would need about 48 times the file size in memory",
                text.len()
            ),
        });
    }
    Ok(())
}

#[derive(Deserialize)]
struct VersionProbe {
    format: Option<String>,
}

fn check_version(format: &str, text: &str, file: &str) -> Result<(), LoadError> {
    let major = format
        .split('.')
        .next()
        .and_then(|m| m.trim().parse::<u64>().ok());
    let (line, column) = text
        .find("\"format\"")
        .map(|at| line_column(&text.as_bytes()[..at]))
        .unwrap_or((1, 1));
    let refuse = |message: String| LoadError {
        file: file.to_string(),
        line: Some(line),
        column: Some(column),
        message,
    };
    match major {
        Some(m) if m <= FORMAT_MAJOR => Ok(()),
        Some(_) => Err(refuse(format!(
            "workspace format {format} is newer than this build supports ({FORMAT_MAJOR}.x); \
             open it with a newer budget-workbench"
        ))),
        None => Err(refuse(format!(
            "format \"{format}\" is not a version; expected \"MAJOR.MINOR\" such as \"1.0\""
        ))),
    }
}

fn describe_json_error(error: &serde_json::Error) -> String {
    let text = error.to_string();
    // serde_json appends " at line L column C"; the place is given separately.
    let message = match text.rfind(" at line ") {
        Some(at) => text[..at].to_string(),
        None => text,
    };
    match error.classify() {
        serde_json::error::Category::Eof => {
            format!("{message}; the JSON ends early (expected more)")
        }
        serde_json::error::Category::Syntax => format!("invalid JSON: {message}"),
        _ => message,
    }
}

/// 1-based line and column (in characters) just after `prefix`.
fn line_column(prefix: &[u8]) -> (usize, usize) {
    let line = prefix.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = prefix
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |p| p + 1);
    let column = String::from_utf8_lossy(&prefix[line_start..])
        .chars()
        .count()
        + 1;
    (line, column)
}

/// The canonical text of a workspace: pretty JSON, fields in declaration order, newline at end.
/// Loading and saving a file this wrote gives the same bytes.
pub fn to_json(workspace: &Workspace) -> String {
    // Escaped like every JSON the program writes: `import` prints workspaces to terminals.
    crate::text::to_safe_json(workspace)
}

/// Why a save failed; the previous file is intact.
#[derive(Debug)]
pub struct SaveError {
    pub file: PathBuf,
    pub step: &'static str,
    pub source: std::io::Error,
    /// The file changed on disk during the save (someone else saved): nothing was replaced.
    pub changed_on_disk: bool,
}

impl fmt::Display for SaveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "cannot save {}: {} failed: {}; the previous file is unchanged",
            self.file.display(),
            self.step,
            self.source
        )
    }
}

impl std::error::Error for SaveError {}

/// Saves `workspace` to `path` safely (see [`write_atomically`]); returns the fingerprint of
/// what was written, for later conflict checks.
pub fn save(workspace: &Workspace, path: &Path) -> Result<Fingerprint, SaveError> {
    save_checked(workspace, path, None)
}

/// [`save`], refused (`changed_on_disk`) when the file no longer has the `expected`
/// fingerprint just before it is replaced.
pub fn save_checked(
    workspace: &Workspace,
    path: &Path,
    expected: Option<&Fingerprint>,
) -> Result<Fingerprint, SaveError> {
    let text = to_json(workspace);
    write_checked(path, text.as_bytes(), expected)?;
    Ok(Fingerprint::of(text.as_bytes()))
}

/// The backup kept beside a saved file: `FILE.bak`.
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".bak");
    path.with_file_name(name)
}

/// Moves an existing `FILE.bak` of `path` (of its target, for a symlink) aside to
/// `FILE.bak.1`, replacing an older `.bak.1`, so the next save's backup does not replace it.
/// Returns where it went.
pub fn keep_previous_backup(path: &Path) -> Option<PathBuf> {
    let backup = backup_path(&save_target(path));
    if !fs::symlink_metadata(&backup).is_ok_and(|m| m.is_file()) {
        return None;
    }
    let mut kept = backup.clone().into_os_string();
    kept.push(".1");
    let kept = PathBuf::from(kept);
    fs::rename(&backup, &kept).ok().map(|()| kept)
}

/// Set (to milliseconds) to make every save pause just before its final check and rename:
/// the tests of signals and conflicts during a long save use it.
pub const TEST_SAVE_DELAY_ENV: &str = "BUDGET_WORKBENCH_TEST_SAVE_DELAY_MS";

/// The file a save writes: a symlink's target (so the link keeps pointing at the edited
/// file), else `path` itself.
pub fn save_target(path: &Path) -> PathBuf {
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => {
            fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
        }
        _ => path.to_path_buf(),
    }
}

/// The name prefix of the temporary files saving `name` leaves while it runs (the pid tells
/// a running save from a killed one's leftovers).
fn temp_prefix(name: &std::ffi::OsStr, pid: u32) -> String {
    format!(".{}.tmp-{pid}-", name.to_string_lossy())
}

/// The permission bits a new file gets (0666 less the umask).
fn new_file_mode() -> u32 {
    // The umask can only be read by setting it (racy with threads); Linux reports it here.
    let umask = fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find_map(|l| l.strip_prefix("Umask:"))
                .and_then(|v| u32::from_str_radix(v.trim(), 8).ok())
        })
        .unwrap_or(0o022);
    0o666 & !umask
}

/// Gives the open file `file` the mode (and, where permitted, the owner) of `like`, or the
/// mode of a new file.
fn take_identity(file: &fs::File, like: Option<&fs::Metadata>) -> std::io::Result<()> {
    use std::os::unix::fs::MetadataExt;
    let Some(meta) = like else {
        return rustix::fs::fchmod(file, rustix::fs::Mode::from_raw_mode(new_file_mode()))
            .map_err(Into::into);
    };
    let (uid, gid) = (
        rustix::fs::Uid::from_raw(meta.uid()),
        rustix::fs::Gid::from_raw(meta.gid()),
    );
    // Only root may give a file away; a user can still keep one of their groups.
    if rustix::fs::fchown(file, Some(uid), Some(gid)).is_err() {
        let _ = rustix::fs::fchown(file, None, Some(gid));
    }
    // After chown, which may clear set-id bits.
    rustix::fs::fchmod(file, rustix::fs::Mode::from_raw_mode(meta.mode() & 0o7777))
        .map_err(Into::into)
}

/// A new temporary file in `dir`, created exclusively (`O_EXCL`: never through a planted
/// symlink) with a name no one can predict; removed when dropped unless persisted.
fn exclusive_temp(dir: &Path, prefix: &str) -> std::io::Result<tempfile::NamedTempFile> {
    tempfile::Builder::new().prefix(prefix).tempfile_in(dir)
}

/// Writes `bytes` to a new exclusive temporary file in the target's directory with the
/// target's mode and owner, syncs it, keeps the old file as `FILE.bak` (written the same way),
/// and renames the new file over the target. A symlink is written through to its target.
/// At every failure the old file is left as it was and the temporary files are removed.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), SaveError> {
    write_checked(path, bytes, None)
}

/// [`write_atomically`]; with `expected`, the target is checked again just before the rename
/// and left alone if it changed.
pub fn write_checked(
    path: &Path,
    bytes: &[u8],
    expected: Option<&Fingerprint>,
) -> Result<(), SaveError> {
    let fail = |step: &'static str| {
        move |source: std::io::Error| SaveError {
            file: path.to_path_buf(),
            step,
            source,
            changed_on_disk: false,
        }
    };
    let target = save_target(path);
    let dir = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = target
        .file_name()
        .ok_or_else(|| fail("naming the file")(std::io::ErrorKind::InvalidInput.into()))?
        .to_os_string();
    let previous = fs::metadata(&target).ok().filter(|m| m.is_file());
    let pid = std::process::id();

    let mut temp = exclusive_temp(&dir, &temp_prefix(&name, pid))
        .map_err(fail("creating the temporary file"))?;
    take_identity(temp.as_file(), previous.as_ref())
        .map_err(fail("setting the temporary file's mode"))?;
    temp.write_all(bytes)
        .map_err(fail("writing the temporary file"))?;
    temp.as_file()
        .sync_all()
        .map_err(fail("syncing the temporary file"))?;
    if previous.is_some() {
        let mut bak_name = name.clone();
        bak_name.push(".bak");
        let mut backup = exclusive_temp(&dir, &temp_prefix(&bak_name, pid))
            .map_err(fail("copying the previous version"))?;
        take_identity(backup.as_file(), previous.as_ref())
            .map_err(fail("copying the previous version"))?;
        let mut original = fs::File::open(&target).map_err(fail("copying the previous version"))?;
        std::io::copy(&mut original, &mut backup).map_err(fail("copying the previous version"))?;
        // Renaming over `FILE.bak` replaces whatever is there, a symlink included, and never
        // writes through it.
        backup
            .persist(backup_path(&target))
            .map_err(|e| fail("keeping the backup")(e.error))?;
    }
    if let Some(ms) = std::env::var(TEST_SAVE_DELAY_ENV)
        .ok()
        .and_then(|v| v.parse::<u64>().ok())
    {
        std::thread::sleep(std::time::Duration::from_millis(ms));
    }
    // Another writer may have saved while this (possibly long) save ran.
    if let Some(expected) = expected
        && fs::read(&target).map(|b| Fingerprint::of(&b)).ok().as_ref() != Some(expected)
    {
        return Err(SaveError {
            changed_on_disk: true,
            ..fail("checking the file on disk")(std::io::Error::other(
                "the file changed on disk during the save",
            ))
        });
    }
    temp.persist(&target)
        .map_err(|e| fail("replacing the file")(e.error))?;
    // Make the rename itself durable; not every platform can open a directory.
    if let Ok(d) = fs::File::open(&dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// Writes `bytes` to `path` atomically as a private file (mode 0600): for journals, which
/// hold a whole budget. No backup is kept.
pub fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path.file_name().unwrap_or_default();
    // tempfile creates files 0600.
    let mut temp = exclusive_temp(dir, &temp_prefix(name, std::process::id()))?;
    temp.write_all(bytes)?;
    temp.as_file().sync_all()?;
    temp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Removes the temporary files that saves of `path` by processes no longer running left
/// behind (a kill, a full disk). Returns how many were removed.
pub fn clean_stale_temps(path: &Path) -> usize {
    let target = save_target(path);
    let (Some(dir), Some(name)) = (target.parent(), target.file_name()) else {
        return 0;
    };
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let name = name.to_string_lossy();
    // `.NAME.tmp-PID-…` and `.NAME.bak.tmp-PID-…` (this version), `.NAME.tmp-PID` and
    // `NAME.bak.tmp-PID` (earlier versions).
    remove_dead_temps(dir, |entry| {
        let rest = entry
            .strip_prefix('.')
            .unwrap_or(entry)
            .strip_prefix(name.as_ref())?;
        [".tmp-", ".bak.tmp-"]
            .iter()
            .find_map(|tail| rest.strip_prefix(tail))
    })
}

/// Removes the regular files in `dir` for which `pid_part` gives text starting with the id of
/// a process that is no longer running (`PID` or `PID-…`). Returns how many were removed.
pub(crate) fn remove_dead_temps(dir: &Path, pid_part: impl Fn(&str) -> Option<&str>) -> usize {
    let Ok(entries) = fs::read_dir(dir) else {
        return 0;
    };
    let mut removed = 0;
    for entry in entries.flatten() {
        let entry_name = entry.file_name().to_string_lossy().into_owned();
        let Some(pid) = pid_part(&entry_name)
            .and_then(|r| r.split('-').next())
            .and_then(|p| p.parse::<i32>().ok())
        else {
            continue;
        };
        let is_file = entry.file_type().is_ok_and(|t| t.is_file());
        if is_file && !process_alive(pid) && fs::remove_file(entry.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}

/// True when a process with this id is running (or exists but is not ours to signal).
pub fn process_alive(pid: i32) -> bool {
    match rustix::process::Pid::from_raw(pid) {
        Some(pid) => !matches!(
            rustix::process::test_kill_process(pid),
            Err(rustix::io::Errno::SRCH)
        ),
        None => false,
    }
}
