//! End to end in a pseudo-terminal: the real binary (examples/tui_harness), real keys,
//! the screen read with vt100. Visits every tab, edits a grade standard, undoes, redoes,
//! saves, quits; then checks the file changed in exactly that value and the terminal was
//! restored.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

const ROWS: u16 = 24;
const COLS: u16 = 80;

/// The harness example, built on demand when this test runs alone.
fn harness() -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    let debug_dir = exe.parent().unwrap().parent().unwrap();
    let path = debug_dir
        .join("examples")
        .join(format!("tui_harness{}", std::env::consts::EXE_SUFFIX));
    let mut build = std::process::Command::new(env!("CARGO"));
    build.args(["build", "--quiet", "--example", "tui_harness"]);
    if debug_dir.file_name().is_some_and(|n| n == "release") {
        build.arg("--release");
    }
    let status = build
        .arg("--manifest-path")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", debug_dir.parent().unwrap())
        .status()
        .expect("cargo runs");
    assert!(status.success(), "building the harness failed");
    assert!(path.exists(), "{} missing", path.display());
    path
}

fn parser(rows: u16, cols: u16) -> vt100::Parser {
    use std::num::NonZero;
    vt100::Parser::new(NonZero::new(rows).unwrap(), NonZero::new(cols).unwrap(), 0)
}

struct Output {
    bytes: Vec<u8>,
    last: Instant,
    closed: bool,
}

struct Session {
    output: Arc<Mutex<Output>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
}

impl Session {
    fn start(file: &Path, dir: &Path) -> Session {
        let pty = native_pty_system();
        let pair = pty
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("pty opens");
        let mut cmd = CommandBuilder::new(harness());
        cmd.arg(file);
        cmd.cwd(dir);
        cmd.env("TERM", "xterm-256color");
        cmd.env("XDG_CONFIG_HOME", dir.join("config"));
        cmd.env("HOME", dir);
        cmd.env_remove("NO_COLOR");
        let child = pair.slave.spawn_command(cmd).expect("harness starts");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().unwrap();
        let writer = pair.master.take_writer().unwrap();
        let output = Arc::new(Mutex::new(Output {
            bytes: Vec::new(),
            last: Instant::now(),
            closed: false,
        }));
        let sink = Arc::clone(&output);
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        let mut out = sink.lock().unwrap();
                        out.bytes.extend_from_slice(&buf[..n]);
                        out.last = Instant::now();
                    }
                }
            }
            sink.lock().unwrap().closed = true;
        });
        // Keep the master alive as long as the session.
        std::mem::forget(pair.master);
        Session {
            output,
            writer,
            child,
        }
    }

    fn screen(&self) -> String {
        let out = self.output.lock().unwrap();
        let mut parser = parser(ROWS, COLS);
        parser.process(&out.bytes);
        parser.screen().contents()
    }

    /// Waits until the screen shows `text` and the output has been quiet for a moment.
    fn wait_for(&self, text: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let quiet = self.output.lock().unwrap().last.elapsed() > Duration::from_millis(150);
            let screen = self.screen();
            if quiet && screen.contains(text) {
                return screen;
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {text:?}; screen:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(30));
        }
    }

    fn send(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).unwrap();
        self.writer.flush().unwrap();
        std::thread::sleep(Duration::from_millis(60));
    }

    /// ESC alone, then a pause so it is not read as Alt+next key.
    fn escape(&mut self) {
        self.send(b"\x1b");
        std::thread::sleep(Duration::from_millis(250));
    }

    fn wait_exit(&mut self) -> Vec<u8> {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                assert!(status.success(), "harness exited with {status:?}");
                break;
            }
            assert!(
                Instant::now() < deadline,
                "harness did not quit:\n{}",
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(30));
        }
        let deadline = Instant::now() + Duration::from_secs(5);
        while !self.output.lock().unwrap().closed && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(30));
        }
        self.output.lock().unwrap().bytes.clone()
    }
}

#[test]
fn edit_undo_redo_save_quit_in_a_real_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("ws.json");
    std::fs::write(&file, include_str!("tui_fixture.json")).unwrap();
    let mut s = Session::start(&file, dir.path());

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
    s.send(b"4");
    s.wait_for("计划完成率");

    // Row 计划完成率, column 良: edit ≥95% → ≥96%.
    s.send(b"j");
    s.send(b"j");
    s.send(b"l");
    s.send(b"l");
    s.wait_for("良: ≥95%");
    s.send(b"\r");
    s.wait_for("Enter 确定");
    s.send(b"\x15"); // Ctrl-u clears the line
    s.send("≥96%".as_bytes());
    s.send(b"\r");
    let screen = s.wait_for("[+已修改]");
    assert!(screen.contains("良: ≥96%"), "{screen}");
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
    let original =
        budget_workbench::store::parse_str(include_str!("tui_fixture.json"), "original").unwrap();
    let saved = budget_workbench::store::load(&file).unwrap();
    let mut expected = original.clone();
    expected.performance.matrix.duties[0].activities[0].indicators[0].good = "≥96%".into();
    assert_ne!(saved, original);
    assert_eq!(saved, expected);

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
    let mut cmd = CommandBuilder::new(harness());
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

#[test]
fn a_panic_restores_the_terminal_before_its_message() {
    let dir = tempfile::tempdir().unwrap();
    let pty = native_pty_system();
    let pair = pty
        .openpty(PtySize {
            rows: ROWS,
            cols: COLS,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = CommandBuilder::new(harness());
    cmd.arg("--panic");
    cmd.cwd(dir.path());
    cmd.env("RUST_BACKTRACE", "0");
    let mut child = pair.slave.spawn_command(cmd).unwrap();
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().unwrap();
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
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        assert!(Instant::now() < deadline, "harness did not exit");
        std::thread::sleep(Duration::from_millis(30));
    };
    assert!(!status.success());
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let text = String::from_utf8_lossy(&output.lock().unwrap()).into_owned();
        if text.contains("harness panic on purpose") {
            let message = text.find("harness panic on purpose").unwrap();
            let left = text.find("\x1b[?1049l").expect("left the alternate screen");
            let shown = text.find("\x1b[?25h").expect("cursor shown");
            let mouse_off = text.find("\x1b[?1000l").expect("mouse capture off");
            let paste_off = text.find("\x1b[?2004l").expect("bracketed paste off");
            assert!(
                left < message && shown < message && mouse_off < message && paste_off < message
            );
            break;
        }
        assert!(Instant::now() < deadline, "no panic message: {text:?}");
        std::thread::sleep(Duration::from_millis(30));
    }
    drop(pair.master);
}
