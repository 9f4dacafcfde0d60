//! docs/guide.zh.md as a reviewer follows it. Every shell block marked `<!-- run -->` runs, in
//! order, in a fresh directory against the built binary (or the installed one named by
//! BUDGET_WORKBENCH_BIN, as CI does after `cargo install`). Every screen the guide quotes is
//! captured from the real binary — command output, and the workbench in a pseudo-terminal — and
//! must equal docs/captures/NAME.txt and the guide's quote. `UPDATE_CAPTURES=1 cargo test --test
//! guide` rewrites both.

use std::path::{Path, PathBuf};
use std::process::Command;

#[path = "support/pty.rs"]
mod pty;
use pty::{Session, open_first_good_standard};

const GUIDE: &str = "docs/guide.zh.md";
const CAPTURES: &str = "docs/captures";
/// The workspace the guide imports and then works on.
const WORKSPACE: &str = "发改局.json";

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn guide_text() -> String {
    std::fs::read_to_string(repo().join(GUIDE)).expect("the guide exists")
}

/// What the comment line before a fenced block says about it.
#[derive(Debug, PartialEq)]
enum Marker {
    /// Runs as written; the last command must end with this status.
    Run {
        status: i32,
    },
    /// Shown, not run (interactive, or needs root or the network); the reason is in the guide.
    NotRun,
    /// Quotes docs/captures/NAME.txt.
    Capture(String),
    None,
}

fn marker(line: &str) -> Marker {
    let Some(inner) = line
        .trim()
        .strip_prefix("<!--")
        .and_then(|l| l.strip_suffix("-->"))
    else {
        return Marker::None;
    };
    let inner = inner.trim();
    if inner == "run" {
        Marker::Run { status: 0 }
    } else if let Some(status) = inner.strip_prefix("run: exit ") {
        Marker::Run {
            status: status.trim().parse().expect("run: exit N"),
        }
    } else if inner.starts_with("not run:") {
        Marker::NotRun
    } else if let Some(name) = inner.strip_prefix("capture:") {
        Marker::Capture(name.trim().to_string())
    } else {
        Marker::None
    }
}

/// A fenced block of the guide: its marker, the line its body starts on (1-based) and body.
struct Block {
    marker: Marker,
    info: String,
    line: usize,
    body: String,
}

fn blocks(text: &str) -> Vec<Block> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let Some(info) = lines[i].strip_prefix("```") else {
            i += 1;
            continue;
        };
        let marker = i
            .checked_sub(1)
            .map_or(Marker::None, |before| marker(lines[before]));
        let start = i + 1;
        let end = (start..lines.len())
            .find(|&j| lines[j].trim_end() == "```")
            .unwrap_or_else(|| panic!("{GUIDE}:{}: unclosed block", i + 1));
        let mut body = lines[start..end].join("\n");
        body.push('\n');
        out.push(Block {
            marker,
            info: info.trim().to_string(),
            line: start + 1,
            body,
        });
        i = end + 1;
    }
    out
}

/// The binary under test: the installed one when CI names it, else the one cargo built.
fn binary() -> PathBuf {
    std::env::var_os("BUDGET_WORKBENCH_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(pty::binary)
}

/// A reviewer's directory: the repository's text extract, a home of its own, and nothing else.
fn reviewer_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("sample-data")).unwrap();
    std::fs::copy(
        repo().join("sample-data/fagaiju-2021.txt"),
        dir.path().join("sample-data/fagaiju-2021.txt"),
    )
    .unwrap();
    std::fs::create_dir_all(dir.path().join("home")).unwrap();
    dir
}

/// A shell as the reviewer has one: `budget-workbench` on PATH, HOME in the scratch directory.
fn shell(dir: &Path, script: &str) -> Command {
    let bin_dir = binary().parent().unwrap().to_path_buf();
    let path = std::env::join_paths(std::iter::once(bin_dir).chain(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    )))
    .unwrap();
    let home = dir.join("home");
    let mut cmd = Command::new("bash");
    cmd.args(["-e", "-o", "pipefail", "-c", script])
        .current_dir(dir)
        .env("PATH", path)
        .env("HOME", &home)
        .env("XDG_CONFIG_HOME", home.join(".config"))
        .env("XDG_DATA_HOME", home.join(".local/share"))
        .env("BUDGET_WORKBENCH_STATE_DIR", dir.join("state"))
        .env("NO_COLOR", "1");
    cmd
}

#[test]
fn every_shell_block_is_marked_run_or_not_run() {
    let text = guide_text();
    let all = blocks(&text);
    for block in &all {
        if block.info == "sh" {
            assert!(
                matches!(block.marker, Marker::Run { .. } | Marker::NotRun),
                "{GUIDE}:{}: mark the block `<!-- run -->`, `<!-- run: exit N -->` or \
                 `<!-- not run: why -->`",
                block.line
            );
        }
    }
    let run = all
        .iter()
        .filter(|b| matches!(b.marker, Marker::Run { .. }))
        .count();
    assert!(run >= 5, "the guide's commands are tested, not only shown");
}

#[test]
fn every_command_in_the_guide_works_as_written() {
    let dir = reviewer_dir();
    for block in blocks(&guide_text()) {
        let Marker::Run { status } = block.marker else {
            continue;
        };
        let output = shell(dir.path(), &block.body).output().expect("bash runs");
        assert_eq!(
            output.status.code(),
            Some(status),
            "{GUIDE}:{}:\n{}\nstdout:\n{}\nstderr:\n{}",
            block.line,
            block.body,
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
    }
    // What the guide promises the reader has afterwards.
    let home = dir.path().join("home");
    for file in [
        ".cargo/share/man/man1/budget-workbench.1",
        ".local/share/bash-completion/completions/budget-workbench",
    ] {
        assert!(home.join(file).is_file(), "the guide installs {file}");
    }
    let exported: serde_json::Value = serde_json::from_slice(
        &std::fs::read(dir.path().join("检查结果.json")).expect("findings exported"),
    )
    .expect("the export is JSON");
    assert!(
        exported
            .as_array()
            .is_some_and(|findings| !findings.is_empty()),
        "the seed has findings to send"
    );
}

/// The text of a screen or an output as quoted: no trailing spaces, one final newline.
fn normalized(text: &str) -> String {
    let mut out: String = text
        .lines()
        .map(|line| format!("{}\n", line.trim_end()))
        .collect();
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

/// Every capture the guide quotes, made now from the real binary.
fn captures() -> Vec<(&'static str, String)> {
    let dir = reviewer_dir();
    let import = shell(
        dir.path(),
        &format!("budget-workbench import sample-data/fagaiju-2021.txt -o {WORKSPACE}"),
    )
    .output()
    .unwrap();
    assert!(import.status.success(), "{import:?}");
    let run = |script: &str| {
        let output = shell(dir.path(), script).output().unwrap();
        String::from_utf8(output.stdout).expect("utf-8 output")
    };
    let mut out = vec![(
        "summary",
        run(&format!("budget-workbench summary {WORKSPACE}")),
    )];

    // The workbench, opened as the guide says: `budget-workbench 发改局.json`.
    let file = Path::new(WORKSPACE);
    let mut s = Session::start(file, dir.path());
    out.push(("workbench-overview", s.wait_for("部门概况")));
    s.send(b"5");
    out.push(("workbench-findings", s.wait_for("检查 1/")));
    s.send(b"1");
    open_first_good_standard(&mut s);
    s.send(b"\x15"); // Ctrl-u clears the line
    s.send("≥96%".as_bytes());
    out.push(("workbench-edit-threshold", s.wait_for("≥96%")));
    s.send(b"\r");
    s.wait_for("[+已修改]");
    // The connection drops before a save: the next start offers the edit back.
    std::process::Command::new("kill")
        .args(["-HUP", &s.pid().to_string()])
        .status()
        .unwrap();
    s.wait_status();
    let mut s = Session::start(file, dir.path());
    s.wait_for("发现上次未保存的修改");
    s.send(b"v");
    out.push(("workbench-recovery", s.wait_for("≥95% → ≥96%")));
    s.send(b"d");
    s.wait_for("已丢弃恢复日志");
    s.send(b"q");
    s.wait_exit();
    out.into_iter().map(|(n, t)| (n, normalized(&t))).collect()
}

/// The guide with the block after `<!-- capture: NAME -->` replaced by `text`.
fn with_capture(guide: &str, name: &str, text: &str) -> String {
    let marker = format!("<!-- capture: {name} -->\n```text\n");
    let start = guide
        .find(&marker)
        .unwrap_or_else(|| panic!("{GUIDE} does not quote capture {name}"))
        + marker.len();
    let end = start + guide[start..].find("```\n").expect("capture block closes");
    format!("{}{text}{}", &guide[..start], &guide[end..])
}

#[test]
fn the_guide_quotes_current_captures_of_the_real_binary() {
    let update = std::env::var_os("UPDATE_CAPTURES").is_some_and(|v| v == "1");
    let mut guide = guide_text();
    let mut drifted = Vec::new();
    let made = captures();
    for (name, text) in &made {
        let file = repo().join(CAPTURES).join(format!("{name}.txt"));
        let updated = with_capture(&guide, name, text);
        if update {
            std::fs::create_dir_all(file.parent().unwrap()).unwrap();
            std::fs::write(&file, text).unwrap();
        } else if std::fs::read_to_string(&file).ok().as_deref() != Some(text.as_str())
            || updated != guide
        {
            drifted.push(format!("{name}:\n{text}"));
        }
        guide = updated;
    }
    if update {
        std::fs::write(repo().join(GUIDE), &guide).unwrap();
    }
    // Every quote in the guide and every file in docs/captures is one of these captures.
    for entry in std::fs::read_dir(repo().join(CAPTURES)).unwrap() {
        let file = entry.unwrap().file_name().into_string().unwrap();
        assert!(
            made.iter().any(|(n, _)| format!("{n}.txt") == file),
            "{CAPTURES}/{file} is no longer captured: remove it"
        );
    }
    for block in blocks(&guide) {
        if let Marker::Capture(name) = block.marker {
            assert!(
                made.iter().any(|(n, _)| *n == name),
                "{GUIDE}:{}: no capture named {name}",
                block.line
            );
        }
    }
    assert!(
        drifted.is_empty(),
        "these captures changed; check them and run `UPDATE_CAPTURES=1 cargo test --test \
         guide`:\n{}",
        drifted.join("\n")
    );
}
