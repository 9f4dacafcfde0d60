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
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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
            Err(LoadError {
                file: file.to_string(),
                line: Some(error.line()),
                column: Some(error.column()),
                message: describe_json_error(&error),
            })
        }
    }
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
    // Serializing plain data with string keys cannot fail.
    let mut text = serde_json::to_string_pretty(workspace).expect("workspace serializes");
    text.push('\n');
    text
}

/// Why a save failed; the previous file is intact.
#[derive(Debug)]
pub struct SaveError {
    pub file: PathBuf,
    pub step: &'static str,
    pub source: std::io::Error,
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
    let text = to_json(workspace);
    write_atomically(path, text.as_bytes())?;
    Ok(Fingerprint::of(text.as_bytes()))
}

/// The backup kept beside a saved file: `FILE.bak`.
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".bak");
    path.with_file_name(name)
}

/// Writes `bytes` to a temporary file in the target's directory, syncs it, keeps the old
/// file as `FILE.bak`, and renames the new file over the target. At every failure the old
/// file is left as it was and the temporary file is removed.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), SaveError> {
    let fail = |step: &'static str| {
        move |source: std::io::Error| SaveError {
            file: path.to_path_buf(),
            step,
            source,
        }
    };
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .ok_or_else(|| fail("naming the file")(std::io::ErrorKind::InvalidInput.into()))?;
    let mut temp_name = std::ffi::OsString::from(".");
    temp_name.push(name);
    temp_name.push(format!(".tmp-{}", std::process::id()));
    let temp = dir.join(temp_name);

    let written = (|| {
        let mut file = fs::File::create(&temp).map_err(fail("creating the temporary file"))?;
        file.write_all(bytes)
            .map_err(fail("writing the temporary file"))?;
        file.sync_all()
            .map_err(fail("syncing the temporary file"))?;
        if path.exists() {
            let backup = backup_path(path);
            let mut backup_temp = backup.clone().into_os_string();
            backup_temp.push(format!(".tmp-{}", std::process::id()));
            let backup_temp = PathBuf::from(backup_temp);
            fs::copy(path, &backup_temp).map_err(fail("copying the previous version"))?;
            let renamed = fs::rename(&backup_temp, &backup).map_err(fail("keeping the backup"));
            if renamed.is_err() {
                let _ = fs::remove_file(&backup_temp);
            }
            renamed?;
        }
        fs::rename(&temp, path).map_err(fail("replacing the file"))?;
        // Make the rename itself durable; not every platform can open a directory.
        if let Ok(d) = fs::File::open(&dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if written.is_err() {
        let _ = fs::remove_file(&temp);
    }
    written
}
