//! The real binary in a pseudo-terminal, its screen read with vt100: shared by the
//! end-to-end tests and the guide's screen captures.

// Each test crate that includes this uses only part of it.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

pub const ROWS: u16 = 24;
pub const COLS: u16 = 80;

/// The real binary.
pub fn binary() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_budget-workbench"))
}

pub fn parser(rows: u16, cols: u16) -> vt100::Parser {
    use std::num::NonZero;
    vt100::Parser::new(NonZero::new(rows).unwrap(), NonZero::new(cols).unwrap(), 0)
}

pub struct Output {
    bytes: Vec<u8>,
    last: Instant,
    closed: bool,
}

pub struct Session {
    output: Arc<Mutex<Output>>,
    writer: Option<Box<dyn Write + Send>>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    /// The terminal side, open as long as the session.
    _master: Box<dyn portable_pty::MasterPty + Send>,
}

impl Drop for Session {
    fn drop(&mut self) {
        // A failed test must not leave the workbench running.
        let _ = self.child.kill();
    }
}

impl Session {
    pub fn start(file: &Path, dir: &Path) -> Session {
        Session::start_with(file, dir, &[])
    }

    pub fn start_with(file: &Path, dir: &Path, env: &[(&str, &str)]) -> Session {
        let pty = native_pty_system();
        let pair = pty
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("pty opens");
        let mut cmd = CommandBuilder::new(binary());
        cmd.arg(file);
        cmd.cwd(dir);
        cmd.env("TERM", "xterm-256color");
        cmd.env("XDG_CONFIG_HOME", dir.join("config"));
        cmd.env("HOME", dir);
        cmd.env("BUDGET_WORKBENCH_STATE_DIR", dir.join("state"));
        cmd.env_remove("NO_COLOR");
        for (key, value) in env {
            cmd.env(key, value);
        }
        let child = pair.slave.spawn_command(cmd).expect("binary starts");
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
        Session {
            output,
            writer: Some(writer),
            child,
            _master: pair.master,
        }
    }

    pub fn screen(&self) -> String {
        let out = self.output.lock().unwrap();
        let mut parser = parser(ROWS, COLS);
        parser.process(&out.bytes);
        parser.screen().contents()
    }

    /// Waits until the screen shows `text` and the output has been quiet for a moment.
    pub fn wait_for(&self, text: &str) -> String {
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

    pub fn send(&mut self, bytes: &[u8]) {
        let writer = self.writer.as_mut().expect("terminal still open");
        writer.write_all(bytes).unwrap();
        writer.flush().unwrap();
        std::thread::sleep(Duration::from_millis(60));
    }

    /// ESC alone, then a pause so it is not read as Alt+next key.
    pub fn escape(&mut self) {
        self.send(b"\x1b");
        std::thread::sleep(Duration::from_millis(250));
    }

    pub fn wait_exit(&mut self) -> Vec<u8> {
        let status = self.wait_status();
        assert!(status.success(), "exited with {status:?}");
        self.output.lock().unwrap().bytes.clone()
    }

    /// Waits for the process to end and its output to close; returns how it ended.
    pub fn wait_status(&mut self) -> portable_pty::ExitStatus {
        let deadline = Instant::now() + Duration::from_secs(20);
        let status = loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                break status;
            }
            assert!(
                Instant::now() < deadline,
                "did not quit:\n{}",
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(30));
        };
        let deadline = Instant::now() + Duration::from_secs(5);
        while !self.output.lock().unwrap().closed && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(30));
        }
        status
    }

    pub fn bytes(&self) -> Vec<u8> {
        self.output.lock().unwrap().bytes.clone()
    }

    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("child pid")
    }
}

/// On the seed, moves to the 良 standard of the first indicator of the first activity and
/// opens its editor.
pub fn open_first_good_standard(s: &mut Session) {
    s.wait_for("部门概况");
    s.send(b"4");
    s.wait_for("各类经济社会发展");
    s.send(b"j");
    s.send(b"j");
    s.send(b"l");
    s.send(b"l");
    s.wait_for("良: ≥95%");
    s.send(b"\r");
    s.wait_for("Enter 确定");
}

/// On the seed, writes `value` as the 良 standard of the first indicator of the first activity.
pub fn edit_first_good_standard(s: &mut Session, value: &str) {
    open_first_good_standard(s);
    s.send(b"\x15"); // Ctrl-u clears the line
    s.send(value.as_bytes());
    s.send(b"\r");
    s.wait_for("[+已修改]");
}
