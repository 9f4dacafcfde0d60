//! End to end in a pseudo-terminal: the real binary, real keys, the screen read with vt100.
//! Visits every tab, edits a grade standard, undoes, redoes, saves, quits; then checks the
//! file changed in exactly that value and the terminal was restored. Also: a dropped
//! connection (SIGHUP) keeps the edits for the next start, a panic restores the terminal and
//! keeps the edits, and escape sequences in a file never reach the terminal.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

#[path = "support/pty.rs"]
mod pty;
use pty::{COLS, ROWS, Session, binary, edit_first_good_standard, parser};

#[test]
fn edit_undo_redo_save_quit_in_a_real_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let file = seed_copy(dir.path());
    let mut s = Session::start(&file, dir.path());

    // Every tab, the help overlay and Esc.
    s.wait_for("部门概况");
    s.send(b"2");
    s.wait_for("与机关运行经费核对");
    s.send(b"3");
    s.wait_for("支出计划");
    s.send(b"5");
    s.wait_for("预算总体情况");
    s.send(b"?");
    s.wait_for("帮助 · 检查");
    s.escape();
    let screen = s.wait_for("检查 1/");
    assert!(
        !screen.contains("帮助 · 检查"),
        "Esc closes help:\n{screen}"
    );

    // 良 of the first indicator of the first activity: ≥95% → ≥96%, undo, redo, save.
    s.send(b"1");
    edit_first_good_standard(&mut s, "≥96%");
    let screen = s.wait_for("良: ≥96%");
    assert!(screen.contains("[+已修改]"), "{screen}");
    s.send(b"u");
    let screen = s.wait_for("已撤销");
    assert!(screen.contains("良: ≥95%"), "{screen}");
    assert!(!screen.contains("[+已修改]"), "{screen}");
    s.send(b"\x12"); // Ctrl-r
    let screen = s.wait_for("已重做");
    assert!(screen.contains("良: ≥96%"), "{screen}");
    s.send(b"\x13"); // Ctrl-s
    let screen = s.wait_for("已保存");
    assert!(!screen.contains("[+已修改]"), "{screen}");
    s.send(b"q");
    let bytes = s.wait_exit();

    // The saved file differs from the original in exactly that value.
    let original = budget_workbench::store::sample();
    let saved = budget_workbench::store::load(&file).unwrap();
    let mut expected = original.clone();
    expected.performance.matrix.duties[0].activities[0].indicators[0].good = "≥96%".into();
    assert_ne!(saved, original);
    assert_eq!(saved, expected);
    assert!(journals(dir.path()).is_empty(), "nothing left to recover");

    // The terminal was restored: alternate screen left, cursor shown, after the last entry.
    let text = String::from_utf8_lossy(&bytes);
    let entered = text
        .rfind("\x1b[?1049h")
        .expect("entered the alternate screen");
    let left = text
        .rfind("\x1b[?1049l")
        .expect("left the alternate screen");
    assert!(left > entered);
    let shown = text.rfind("\x1b[?25h").expect("cursor shown");
    assert!(shown > entered);
    assert!(
        text[entered..].contains("\x1b[?2004l"),
        "bracketed paste turned off"
    );
}

#[test]
fn a_small_terminal_is_told_so_and_a_resize_brings_the_screen_back() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("ws.json");
    std::fs::write(&file, include_str!("tui_fixture.json")).unwrap();
    let pty = native_pty_system();
    let pair = pty
        .openpty(PtySize {
            rows: 20,
            cols: 60,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = CommandBuilder::new(binary());
    cmd.arg(&file);
    cmd.cwd(dir.path());
    cmd.env("XDG_CONFIG_HOME", dir.path().join("config"));
    cmd.arg("--lang");
    cmd.arg("en");
    let mut child = pair.slave.spawn_command(cmd).unwrap();
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().unwrap();
    let mut writer = pair.master.take_writer().unwrap();
    let output = Arc::new(Mutex::new(Vec::new()));
    let sink = Arc::clone(&output);
    std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            sink.lock().unwrap().extend_from_slice(&buf[..n]);
        }
    });
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let mut parser = parser(20, 60);
        parser.process(&output.lock().unwrap());
        if parser.screen().contents().contains("Terminal too small") {
            break;
        }
        assert!(Instant::now() < deadline, "{}", parser.screen().contents());
        std::thread::sleep(Duration::from_millis(30));
    }
    // Growing the window brings the workbench back.
    pair.master
        .resize(PtySize {
            rows: ROWS,
            cols: COLS,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        // A fresh parser at the new size replays everything; the last frame wins.
        let mut parser = parser(ROWS, COLS);
        parser.process(&output.lock().unwrap());
        let screen = parser.screen().contents();
        if screen.contains("Profile") && !screen.contains("Terminal too small") {
            break;
        }
        assert!(Instant::now() < deadline, "{screen}");
        std::thread::sleep(Duration::from_millis(30));
    }
    writer.write_all(b"q").unwrap();
    writer.flush().unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    while child.try_wait().unwrap().is_none() {
        assert!(Instant::now() < deadline, "did not quit");
        std::thread::sleep(Duration::from_millis(30));
    }
    drop(pair.master);
}

/// The journals in the directory the sessions of these tests use (not the instances' lock
/// files, which a process ended by the signal watchdog leaves behind).
fn journals(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir.join("state"))
        .map(|entries| {
            entries
                .map(|e| e.unwrap().path())
                .filter(|p| p.to_string_lossy().ends_with(".journal.json"))
                .collect()
        })
        .unwrap_or_default()
}

fn seed_copy(dir: &Path) -> PathBuf {
    let file = dir.join("发改局.json");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data/fagaiju-2021.json"),
        &file,
    )
    .unwrap();
    file
}

#[test]
fn a_dropped_connection_keeps_the_edits_for_the_next_start() {
    let dir = tempfile::tempdir().unwrap();
    let file = seed_copy(dir.path());
    let original = std::fs::read(&file).unwrap();
    let mut s = Session::start(&file, dir.path());
    edit_first_good_standard(&mut s, "≥97%");
    // The SSH connection drops: the terminal hangs up at once, before any journal timer.
    let pid = s.pid();
    std::process::Command::new("kill")
        .args(["-HUP", &pid.to_string()])
        .status()
        .unwrap();
    let status = s.wait_status();
    assert_eq!(status.exit_code(), 129, "ended by SIGHUP");
    assert_eq!(
        std::fs::read(&file).unwrap(),
        original,
        "the file is untouched"
    );
    assert_eq!(journals(dir.path()).len(), 1, "the edits are journaled");

    // Reopening offers them; `v` shows what differs, `r` restores.
    let mut s = Session::start(&file, dir.path());
    let screen = s.wait_for("发现上次未保存的修改");
    assert!(screen.contains("r 恢复修改"), "{screen}");
    s.send(b"v");
    let screen = s.wait_for("≥95% → ≥97%");
    assert!(
        screen.contains("职责活动 · 一、组织编制"),
        "named as a reviewer would: {screen}"
    );
    s.send(b"r");
    let screen = s.wait_for("已恢复上次未保存的修改");
    assert!(screen.contains("[+已修改]"), "{screen}");
    s.send(b"4");
    s.wait_for("≥97%");
    s.send(b"\x13"); // Ctrl-s
    s.wait_for("已保存");
    s.send(b"q");
    s.wait_exit();
    let saved = budget_workbench::store::load(&file).unwrap();
    assert_eq!(
        saved.performance.matrix.duties[0].activities[0].indicators[0].good,
        "≥97%"
    );
    assert!(
        journals(dir.path()).is_empty(),
        "a good save removes the journal"
    );
}

/// A terminal whose only master descriptor this test holds, so closing it really hangs the
/// terminal up (portable-pty keeps a second descriptor in its reader).
struct RawTerminal {
    master: libc::c_int,
    bytes: Vec<u8>,
}

impl RawTerminal {
    fn spawn(file: &Path, dir: &Path) -> (RawTerminal, std::process::Child) {
        use std::os::fd::FromRawFd;
        use std::os::unix::process::CommandExt;
        let (mut master, mut slave) = (0, 0);
        let size = libc::winsize {
            ws_row: ROWS,
            ws_col: COLS,
            ws_xpixel: 0,
            ws_ypixel: 0,
        };
        // SAFETY: out-pointers to two ints and a valid winsize; no name buffer or termios.
        let opened = unsafe {
            libc::openpty(
                &mut master,
                &mut slave,
                std::ptr::null_mut(),
                std::ptr::null(),
                &size,
            )
        };
        assert_eq!(opened, 0, "openpty");
        // Children (this one, or another test's) must not inherit the master: it would keep
        // the terminal open after we close it.
        // SAFETY: setting a flag on descriptors we own.
        unsafe {
            libc::fcntl(master, libc::F_SETFD, libc::FD_CLOEXEC);
            libc::fcntl(slave, libc::F_SETFD, libc::FD_CLOEXEC);
        }
        let stdio = |fd: libc::c_int| {
            // SAFETY: a fresh duplicate of the slave descriptor, owned by the Stdio.
            unsafe { std::process::Stdio::from(std::os::fd::OwnedFd::from_raw_fd(libc::dup(fd))) }
        };
        let mut command = std::process::Command::new(binary());
        command
            .arg(file)
            .current_dir(dir)
            .env("TERM", "xterm-256color")
            .env("HOME", dir)
            .env("XDG_CONFIG_HOME", dir.join("config"))
            .env("BUDGET_WORKBENCH_STATE_DIR", dir.join("state"))
            .stdin(stdio(slave))
            .stdout(stdio(slave))
            .stderr(stdio(slave));
        // SAFETY: only async-signal-safe calls between fork and exec.
        unsafe {
            command.pre_exec(|| {
                libc::setsid();
                libc::ioctl(0, libc::TIOCSCTTY as _, 0);
                Ok(())
            });
        }
        let child = command.spawn().expect("binary starts");
        // SAFETY: our copy of the slave is no longer needed.
        unsafe { libc::close(slave) };
        (
            RawTerminal {
                master,
                bytes: Vec::new(),
            },
            child,
        )
    }

    /// Reads what arrived within `wait`.
    fn pump(&mut self, wait: Duration) {
        let deadline = Instant::now() + wait;
        let mut buf = [0u8; 8192];
        while Instant::now() < deadline {
            let mut fds = [libc::pollfd {
                fd: self.master,
                events: libc::POLLIN,
                revents: 0,
            }];
            // SAFETY: one valid pollfd.
            if unsafe { libc::poll(fds.as_mut_ptr(), 1, 20) } <= 0 {
                continue;
            }
            // SAFETY: reading into a buffer of the given length.
            let n = unsafe { libc::read(self.master, buf.as_mut_ptr().cast(), buf.len()) };
            if n <= 0 {
                break;
            }
            self.bytes.extend_from_slice(&buf[..n as usize]);
        }
    }

    fn screen(&self) -> String {
        let mut parser = parser(ROWS, COLS);
        parser.process(&self.bytes);
        parser.screen().contents()
    }

    fn wait_for(&mut self, text: &str) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while !self.screen().contains(text) {
            assert!(Instant::now() < deadline, "no {text:?}:\n{}", self.screen());
            self.pump(Duration::from_millis(100));
        }
        self.pump(Duration::from_millis(150));
    }

    fn send(&mut self, bytes: &[u8]) {
        // SAFETY: writing a valid buffer to our descriptor.
        let written = unsafe { libc::write(self.master, bytes.as_ptr().cast(), bytes.len()) };
        assert_eq!(written, bytes.len() as isize);
        self.pump(Duration::from_millis(80));
    }

    /// Closes the terminal: the workbench's side hangs up.
    fn hang_up(self) {
        // SAFETY: the only descriptor of the master, closed once.
        unsafe { libc::close(self.master) };
    }
}

#[test]
fn a_terminal_that_hangs_up_ends_the_workbench_with_the_edits_kept() {
    let dir = tempfile::tempdir().unwrap();
    let file = seed_copy(dir.path());
    let (mut terminal, mut child) = RawTerminal::spawn(&file, dir.path());
    terminal.wait_for("部门概况");
    terminal.send(b"4");
    terminal.wait_for("各类经济社会发展");
    for key in [b"j", b"j", b"l", b"l"] {
        terminal.send(key);
    }
    terminal.wait_for("良: ≥95%");
    terminal.send(b"\r");
    terminal.send(b"\x15");
    terminal.send("≥91%".as_bytes());
    terminal.send(b"\r");
    terminal.wait_for("[+已修改]");
    // The connection drops right after the edit, before the journal's timer fires.
    terminal.hang_up();
    let deadline = Instant::now() + Duration::from_secs(10);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("the workbench kept running after its terminal hung up");
        }
        std::thread::sleep(Duration::from_millis(30));
    };
    assert_eq!(status.code(), Some(129), "a hang-up ends it like SIGHUP");
    let journal = journals(dir.path());
    assert_eq!(journal.len(), 1, "the edits are journaled");
    assert!(
        std::fs::read_to_string(&journal[0])
            .unwrap()
            .contains("≥91%")
    );
}

#[test]
fn a_discarded_journal_is_gone() {
    let dir = tempfile::tempdir().unwrap();
    let file = seed_copy(dir.path());
    let mut s = Session::start(&file, dir.path());
    edit_first_good_standard(&mut s, "≥93%");
    std::process::Command::new("kill")
        .args(["-TERM", &s.pid().to_string()])
        .status()
        .unwrap();
    assert_eq!(s.wait_status().exit_code(), 143, "ended by SIGTERM");
    let mut s = Session::start(&file, dir.path());
    s.wait_for("发现上次未保存的修改");
    s.send(b"d");
    s.wait_for("已丢弃恢复日志");
    s.send(b"q");
    s.wait_exit();
    assert!(journals(dir.path()).is_empty());
}

#[test]
fn escape_sequences_in_a_file_never_reach_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = budget_workbench::store::sample();
    ws.meta.department = "发改局\u{1b}]0;PWNED\u{7}".into();
    ws.performance.projects[0].name = "扶贫\u{1b}[2JZAP\u{1b}[31mRED\u{202e}反".into();
    ws.performance.matrix.duties[0].activities[0].indicators[0].name =
        "规划\u{9b}31m\u{200b}完成率".into();
    let file = dir.path().join("hostile.json");
    budget_workbench::store::save(&ws, &file).unwrap();
    let mut s = Session::start(&file, dir.path());
    let screen = s.wait_for("部门概况");
    assert!(
        screen.contains("\\u{1b}]0;PWNED\\u{7}"),
        "shown escaped:\n{screen}"
    );
    s.send(b"3");
    let screen = s.wait_for("支出计划");
    assert!(screen.contains("\\u{1b}[2JZAP\\u{1b}[31mRED"), "{screen}");
    s.send(b"4");
    let screen = s.wait_for("规划");
    assert!(screen.contains("\\u{9b}"), "{screen}");
    s.send(b"q");
    let bytes = s.wait_exit();
    let text = String::from_utf8_lossy(&bytes);
    // The workbench itself clears the screen and sets colours; these are the file's own.
    for raw in [
        "\u{1b}]0;PWNED",
        "PWNED\u{7}",
        "\u{1b}[2JZAP",
        "\u{1b}[31mRED",
        "\u{202e}",
        "\u{9b}",
        "\u{200b}",
    ] {
        assert!(!text.contains(raw), "{raw:?} reached the terminal");
    }
    // And the file still holds them, unchanged.
    assert_eq!(budget_workbench::store::load(&file).unwrap(), ws);
}

#[test]
fn a_panic_restores_the_terminal_and_keeps_the_edits() {
    let dir = tempfile::tempdir().unwrap();
    let file = seed_copy(dir.path());
    let mut s = Session::start_with(
        &file,
        dir.path(),
        &[
            ("BUDGET_WORKBENCH_TEST_PANIC", "1"),
            ("RUST_BACKTRACE", "0"),
        ],
    );
    // The first edit triggers the deliberate panic right after its frame is drawn.
    s.wait_for("部门概况");
    s.send(b"4");
    s.wait_for("各类经济社会发展");
    for key in [b"j", b"j", b"l", b"l"] {
        s.send(key);
    }
    s.send(b"\r");
    s.send(b"\x15");
    s.send("≥94%".as_bytes());
    s.send(b"\r");
    let status = s.wait_status();
    assert!(!status.success());
    let text = String::from_utf8_lossy(&s.bytes()).into_owned();
    let message = text.find("panic on purpose").expect("panic message shown");
    let entered = text
        .rfind("\x1b[?1049h")
        .expect("entered the alternate screen");
    let after = |seq: &str| text[entered..].find(seq).map(|at| entered + at);
    let left = after("\x1b[?1049l").expect("left the alternate screen");
    let shown = after("\x1b[?25h").expect("cursor shown");
    let paste_off = after("\x1b[?2004l").expect("bracketed paste off");
    assert!(left < message && shown < message && paste_off < message);
    let journal = journals(dir.path());
    assert_eq!(journal.len(), 1, "the edit is journaled");
    let kept = std::fs::read_to_string(&journal[0]).unwrap();
    assert!(kept.contains("≥94%"));
}

/// Journals in the test's state directory that hold `text`.
fn journals_with(dir: &Path, text: &str) -> Vec<PathBuf> {
    journals(dir)
        .into_iter()
        .filter(|p| std::fs::read_to_string(p).is_ok_and(|t| t.contains(text)))
        .collect()
}

fn signal(pid: u32, name: &str) {
    std::process::Command::new("kill")
        .args([&format!("-{name}"), &pid.to_string()])
        .status()
        .unwrap();
}

#[test]
fn a_journal_being_offered_survives_a_hangup_before_the_answer() {
    let dir = tempfile::tempdir().unwrap();
    let file = seed_copy(dir.path());
    let mut s = Session::start(&file, dir.path());
    edit_first_good_standard(&mut s, "≥98%");
    signal(s.pid(), "HUP");
    assert_eq!(s.wait_status().exit_code(), 129);
    for ending in ["HUP", "TERM"] {
        // Reopened: the popup offers the edits; the connection drops before an answer.
        let mut s = Session::start(&file, dir.path());
        s.wait_for("发现上次未保存的修改");
        signal(s.pid(), ending);
        assert!(!s.wait_status().success());
        assert_eq!(
            journals_with(dir.path(), "≥98%").len(),
            1,
            "SIG{ending} while the journal was offered kept it"
        );
    }
    let mut s = Session::start(&file, dir.path());
    s.wait_for("发现上次未保存的修改");
    s.send(b"r");
    s.wait_for("已恢复上次未保存的修改");
    s.send(b"4");
    s.wait_for("≥98%");
}

#[test]
fn a_second_instance_is_told_and_never_offered_or_deletes_live_edits() {
    let dir = tempfile::tempdir().unwrap();
    let file = seed_copy(dir.path());
    let mut a = Session::start(&file, dir.path());
    edit_first_good_standard(&mut a, "≥92%");
    let deadline = Instant::now() + Duration::from_secs(10);
    while journals_with(dir.path(), "≥92%").is_empty() {
        assert!(Instant::now() < deadline, "A journals its edit");
        std::thread::sleep(Duration::from_millis(50));
    }
    // B opens the same file while A edits it.
    let mut b = Session::start(&file, dir.path());
    let screen = b.wait_for("部门概况");
    assert!(screen.contains("正在另一个窗口中编辑"), "{screen}");
    assert!(!screen.contains("发现上次未保存的修改"), "{screen}");
    b.send(b"q");
    b.wait_exit();
    assert_eq!(journals_with(dir.path(), "≥92%").len(), 1, "A's edits kept");
    // A dies without a word; the next start offers its edits.
    signal(a.pid(), "KILL");
    a.wait_status();
    let mut c = Session::start(&file, dir.path());
    c.wait_for("发现上次未保存的修改");
    c.send(b"r");
    c.wait_for("已恢复上次未保存的修改");
}

#[test]
fn a_hangup_during_a_long_save_loses_nothing_and_leaves_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = seed_copy(dir.path());
    let mut s = Session::start_with(
        &file,
        dir.path(),
        &[("BUDGET_WORKBENCH_TEST_SAVE_DELAY_MS", "3000")],
    );
    edit_first_good_standard(&mut s, "≥90%");
    s.send(b"\x13"); // Ctrl-s: the save takes 3 s, longer than the watchdog's grace
    std::thread::sleep(Duration::from_millis(300));
    signal(s.pid(), "HUP");
    assert_eq!(s.wait_status().exit_code(), 129);
    let saved = std::fs::read_to_string(&file).unwrap().contains("≥90%");
    let journaled = !journals_with(dir.path(), "≥90%").is_empty();
    assert!(saved || journaled, "the edit is in the file or the journal");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_save_that_lands_during_a_long_save_is_not_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let file = seed_copy(dir.path());
    let mut s = Session::start_with(
        &file,
        dir.path(),
        &[("BUDGET_WORKBENCH_TEST_SAVE_DELAY_MS", "1500")],
    );
    edit_first_good_standard(&mut s, "≥89%");
    s.send(b"\x13");
    // A colleague saves while ours is under way.
    let mut theirs = budget_workbench::store::sample();
    theirs.meta.title = "同事的修改".into();
    budget_workbench::store::save(&theirs, &file).unwrap();
    let screen = s.wait_for("o 覆盖");
    assert!(
        screen.contains("文件在打开后已被其他人或程序修改"),
        "{screen}"
    );
    assert_eq!(budget_workbench::store::load(&file).unwrap(), theirs);
}

#[test]
fn sigquit_restores_the_terminal_and_keeps_the_edits() {
    let dir = tempfile::tempdir().unwrap();
    let file = seed_copy(dir.path());
    let mut s = Session::start(&file, dir.path());
    edit_first_good_standard(&mut s, "≥88%");
    signal(s.pid(), "QUIT");
    assert_eq!(s.wait_status().exit_code(), 131);
    assert_eq!(journals_with(dir.path(), "≥88%").len(), 1);
    let text = String::from_utf8_lossy(&s.bytes()).into_owned();
    let entered = text.rfind("\x1b[?1049h").unwrap();
    assert!(
        text[entered..].contains("\x1b[?1049l"),
        "alternate screen left"
    );
}

/// The state letter of a process (`T`: stopped).
fn process_state(pid: u32) -> char {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    stat.rsplit(')')
        .next()
        .and_then(|rest| rest.trim().chars().next())
        .unwrap_or('?')
}

#[test]
fn suspend_gives_the_terminal_back_and_resume_redraws() {
    let dir = tempfile::tempdir().unwrap();
    let file = seed_copy(dir.path());
    let mut s = Session::start(&file, dir.path());
    edit_first_good_standard(&mut s, "≥87%");
    let before = s.bytes().len();
    signal(s.pid(), "TSTP");
    let deadline = Instant::now() + Duration::from_secs(10);
    while process_state(s.pid()) != 'T' {
        assert!(Instant::now() < deadline, "the workbench stops");
        std::thread::sleep(Duration::from_millis(30));
    }
    let stopped = String::from_utf8_lossy(&s.bytes()[before..]).into_owned();
    assert!(stopped.contains("\x1b[?1049l"), "alternate screen left");
    assert!(stopped.contains("\x1b[?25h"), "cursor shown");
    assert_eq!(
        journals_with(dir.path(), "≥87%").len(),
        1,
        "journaled first"
    );
    let at_stop = s.bytes().len();
    signal(s.pid(), "CONT");
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let resumed = String::from_utf8_lossy(&s.bytes()[at_stop..]).into_owned();
        if resumed.contains("\x1b[?1049h") && resumed.contains("≥87%") {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "redrawn after SIGCONT: {resumed:?}"
        );
        std::thread::sleep(Duration::from_millis(30));
    }
    s.send(b"\x13");
    s.wait_for("已保存");
    s.send(b"q");
    s.wait_exit();
}

#[test]
fn a_terminal_write_error_ends_the_workbench_with_the_edits_kept() {
    use std::os::fd::FromRawFd;
    use std::os::unix::process::CommandExt;
    let dir = tempfile::tempdir().unwrap();
    let file = seed_copy(dir.path());
    // Keys arrive through one terminal; the screen goes out through a second one, which this
    // test hangs up so that writing a frame fails with EIO, as when a connection drops
    // mid-frame while no hang-up is seen on the input.
    let (mut master, mut slave) = (0, 0);
    let size = libc::winsize {
        ws_row: ROWS,
        ws_col: COLS,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    // SAFETY: out-pointers to two ints and a valid winsize.
    let opened = unsafe {
        libc::openpty(
            &mut master,
            &mut slave,
            std::ptr::null_mut(),
            std::ptr::null(),
            &size,
        )
    };
    assert_eq!(opened, 0);
    let (mut out_master, mut out_slave) = (0, 0);
    // SAFETY: as above.
    let opened = unsafe {
        libc::openpty(
            &mut out_master,
            &mut out_slave,
            std::ptr::null_mut(),
            std::ptr::null(),
            &size,
        )
    };
    assert_eq!(opened, 0);
    // SAFETY: flags on descriptors we own.
    unsafe {
        for fd in [master, slave, out_master, out_slave] {
            libc::fcntl(fd, libc::F_SETFD, libc::FD_CLOEXEC);
        }
    }
    // SAFETY: fresh duplicates, each owned by its Stdio.
    let dup = |fd: libc::c_int| unsafe {
        std::process::Stdio::from(std::os::fd::OwnedFd::from_raw_fd(libc::dup(fd)))
    };
    let mut command = std::process::Command::new(binary());
    command
        .arg(&file)
        .current_dir(dir.path())
        .env("TERM", "xterm-256color")
        .env("HOME", dir.path())
        .env("XDG_CONFIG_HOME", dir.path().join("config"))
        .env("BUDGET_WORKBENCH_STATE_DIR", dir.path().join("state"))
        .stdin(dup(slave))
        .stdout(dup(out_slave))
        .stderr(dup(slave));
    // SAFETY: only async-signal-safe calls between fork and exec.
    unsafe {
        command.pre_exec(|| {
            libc::setsid();
            libc::ioctl(0, libc::TIOCSCTTY as _, 0);
            Ok(())
        });
    }
    let mut child = command.spawn().unwrap();
    // SAFETY: our copies are no longer needed.
    unsafe {
        libc::close(slave);
        libc::close(out_slave);
    }
    let mut screen_bytes = Vec::new();
    let pump_until = |text: &str, bytes: &mut Vec<u8>| {
        let deadline = Instant::now() + Duration::from_secs(20);
        let mut buf = [0u8; 8192];
        loop {
            let mut p = parser(ROWS, COLS);
            p.process(bytes);
            if p.screen().contents().contains(text) {
                return;
            }
            if Instant::now() > deadline {
                let mut err = [0u8; 4096];
                // SAFETY: reading into a buffer of its length.
                let n = unsafe { libc::read(master, err.as_mut_ptr().cast(), err.len()) };
                panic!(
                    "no {text:?}:\n{}\nterminal: {:?}",
                    p.screen().contents(),
                    String::from_utf8_lossy(&err[..n.max(0) as usize])
                );
            }
            let mut fds = [libc::pollfd {
                fd: out_master,
                events: libc::POLLIN,
                revents: 0,
            }];
            // SAFETY: one valid pollfd; reading into a buffer of its length.
            if unsafe { libc::poll(fds.as_mut_ptr(), 1, 20) } > 0 {
                let n = unsafe { libc::read(out_master, buf.as_mut_ptr().cast(), buf.len()) };
                if n > 0 {
                    bytes.extend_from_slice(&buf[..n as usize]);
                }
            }
        }
    };
    let key = |bytes: &[u8]| {
        // SAFETY: writing a valid buffer to our descriptor.
        let n = unsafe { libc::write(master, bytes.as_ptr().cast(), bytes.len()) };
        assert_eq!(n, bytes.len() as isize);
        std::thread::sleep(Duration::from_millis(80));
    };
    pump_until("部门概况", &mut screen_bytes);
    key(b"4");
    pump_until("各类经济社会发展", &mut screen_bytes);
    for k in [b"j", b"j", b"l", b"l"] {
        key(k);
    }
    pump_until("良: ≥95%", &mut screen_bytes);
    key(b"\r");
    key(b"\x15");
    key("≥86%".as_bytes());
    pump_until("≥86%", &mut screen_bytes);
    // The screen's terminal hangs up; the next frame (the one showing the edit) fails.
    // SAFETY: the only descriptor of that master, closed once.
    unsafe { libc::close(out_master) };
    key(b"\r");
    let deadline = Instant::now() + Duration::from_secs(10);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("the workbench kept running after its screen broke");
        }
        std::thread::sleep(Duration::from_millis(30));
    };
    // SAFETY: closing our master once.
    unsafe { libc::close(master) };
    assert!(!status.success());
    assert_eq!(
        journals_with(dir.path(), "≥86%").len(),
        1,
        "the edit is journaled"
    );
}

#[test]
fn restoring_edits_to_a_file_changed_since_goes_through_the_conflict_popup() {
    let dir = tempfile::tempdir().unwrap();
    let file = seed_copy(dir.path());
    let mut s = Session::start(&file, dir.path());
    edit_first_good_standard(&mut s, "≥85%");
    signal(s.pid(), "HUP");
    s.wait_status();
    // A colleague saves before the edits are restored.
    let mut theirs = budget_workbench::store::sample();
    theirs.meta.title = "同事的修改".into();
    budget_workbench::store::save(&theirs, &file).unwrap();
    let mut s = Session::start(&file, dir.path());
    s.wait_for("发现上次未保存的修改");
    s.send(b"r");
    s.wait_for("文件在此后已被修改");
    s.send(b"\x13");
    let screen = s.wait_for("o 覆盖");
    assert!(
        screen.contains("文件在打开后已被其他人或程序修改"),
        "{screen}"
    );
    assert_eq!(budget_workbench::store::load(&file).unwrap(), theirs);
}

/// A PDF-imported workspace (长春 信访局 2026): every screen, then `o` on a row of the
/// functional-classification table opens the source on the page and line it was printed.
#[test]
fn a_pdf_imported_workspace_walks_every_screen_and_opens_the_source() {
    let dir = tempfile::tempdir().unwrap();
    let pdf =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pdf/changchun-xinfang-2026.pdf");
    let ws = budget_workbench::import::import_file(&pdf)
        .expect("imports")
        .workspace;
    let file = dir.path().join("cc.json");
    budget_workbench::store::save(&ws, &file).unwrap();
    let t = ws
        .tables
        .iter()
        .position(|t| t.kind == budget_workbench::model::TableKind::GeneralPublicFunctional)
        .unwrap();
    let r = ws.tables[t]
        .rows
        .iter()
        .position(|row| row.text(0).trim() == "2014001")
        .unwrap();
    let row = &ws.tables[t].rows[r];

    let mut s = Session::start(&file, dir.path());
    for (key, label) in [
        ("2", "三公经费"),
        ("3", "项目绩效"),
        ("4", "职责活动"),
        ("5", "检查"),
        ("6", "分项目标"),
        ("8", "原文"),
        ("1", "概览"),
        ("7", "报表"),
    ] {
        s.send(key.as_bytes());
        s.wait_for(&format!("| {label} "));
    }
    s.wait_for("收支总表");
    // The table by its place in the list, then its row (no folding: every row shows).
    s.send("j".repeat(t).as_bytes());
    s.send(b"l");
    s.send("j".repeat(r).as_bytes());
    s.wait_for("2014001");
    s.send(b"o");
    let place = format!("第{}页 第{}行", row.page, row.line);
    let screen = s.wait_for(&place);
    assert!(
        screen.contains(&format!("> {}", row.line)),
        "the printed line is marked:\n{screen}"
    );
    s.send(b"q");
    s.wait_exit();
}

/// A published PDF imported with the real binary (`import`), a real fault put into one of
/// its tables (the 2014001 行政运行 row of the functional table renamed, so the same code has
/// two names): every screen, then the finding from 检查 to its cell, `Enter` to the other
/// side in the other table, `Backspace` back, and `o` opens the source on the other side's
/// page.
#[test]
fn a_two_sided_finding_is_followed_to_both_cells_and_its_source_page() {
    use budget_workbench::model::{Amount, TableKind};
    let dir = tempfile::tempdir().unwrap();
    let pdf =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pdf/changchun-xinfang-2026.pdf");
    let file = dir.path().join("cc.json");
    let status = std::process::Command::new(binary())
        .arg("import")
        .arg(&pdf)
        .arg("-o")
        .arg(&file)
        .env("XDG_CONFIG_HOME", dir.path().join("config"))
        .output()
        .unwrap();
    assert!(status.status.success(), "{status:?}");
    let mut ws = budget_workbench::store::load(&file).unwrap();
    let row_of = |ws: &budget_workbench::model::Workspace, kind: TableKind| {
        let t = ws.tables.iter().position(|t| t.kind == kind).unwrap();
        let r = ws.tables[t]
            .rows
            .iter()
            .position(|row| row.text(0).trim() == "2014001")
            .unwrap();
        (t, r)
    };
    let (t5, r5) = row_of(&ws, TableKind::GeneralPublicFunctional);
    let (t3, r3) = row_of(&ws, TableKind::ExpenditureSummary);
    let name = (0..ws.tables[t5].columns.len())
        .find(|&c| ws.tables[t5].rows[r5].text(c).trim() == "行政运行")
        .unwrap();
    ws.tables[t5].rows[r5].cells[name] = Some(Amount::parse("一般行政管理事务"));
    budget_workbench::store::save(&ws, &file).unwrap();
    let at = |t: usize, r: usize| {
        let row = &ws.tables[t].rows[r];
        (row.page, format!("第{}页 第{}行", row.page, row.line))
    };
    let ((page5, here5), (page3, here3)) = (at(t5, r5), at(t3, r3));
    assert_ne!(page5, page3);

    let mut s = Session::start(&file, dir.path());
    for (key, label) in [
        ("2", "三公经费"),
        ("3", "项目绩效"),
        ("4", "职责活动"),
        ("6", "分项目标"),
        ("7", "报表"),
        ("8", "原文"),
        ("1", "概览"),
        ("5", "检查"),
    ] {
        s.send(key.as_bytes());
        s.wait_for(&format!("| {label} "));
    }
    // The finding, found by the new name; its message names both tables and pages.
    s.send(b"/");
    s.send("一般行政管理事务".as_bytes());
    s.send(b"\r");
    // The detail line gives both sides, each with its table and page.
    let sides = format!(
        "{} 第{page5}页 · 2014001 一般行政管理事务 vs {} 第{page3}页 · 2014001 行政运行",
        ws.tables[t5].number.trim(),
        ws.tables[t3].number.trim()
    );
    s.wait_for(&sides);
    s.send(b"\r");
    s.wait_for(&here5);
    s.send(b"\r");
    let screen = s.wait_for(&here3);
    assert!(
        screen.contains("一般行政管理事务"),
        "the other side explains:\n{screen}"
    );
    s.send(b"\x7f"); // Backspace: back to the finding's own cell.
    s.wait_for(&here5);
    s.send(b"\r");
    s.wait_for(&here3);
    s.send(b"o");
    let screen = s.wait_for(&format!("原文 {here3}"));
    assert!(
        screen.contains(&format!("第{page3}页")),
        "the source opens on the other side's page:\n{screen}"
    );
    s.send(b"q");
    s.wait_exit();
}
