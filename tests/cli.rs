//! The command line as a user runs it.

use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_budget-workbench"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("utf-8 output")
}

#[test]
fn help_and_version() {
    let help = run(&["--help"]);
    assert!(help.status.success());
    let text = stdout(&help);
    for command in ["summary", "check", "grade", "import", "config"] {
        assert!(text.contains(command), "--help lists {command}: {text}");
    }
    let version = run(&["--version"]);
    assert!(stdout(&version).starts_with("budget-workbench "));
}

#[test]
fn summary_of_the_embedded_sample_shows_real_figures() {
    let output = run(&["summary"]);
    assert!(output.status.success());
    let text = stdout(&output);
    assert!(text.contains("发改局 2021"), "{text}");
    assert!(text.contains("1377.92"), "{text}");
    assert!(text.contains("768.34"), "{text}");
}

#[test]
fn summary_json_is_machine_readable() {
    let output = run(&["summary", "--format", "json"]);
    assert!(output.status.success());
    let value: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("json");
    assert_eq!(value["department"], "发改局");
    assert_eq!(value["counts"]["projects"], 8);
    assert_eq!(value["counts"]["duties"], 15);
}

#[test]
fn summary_in_english() {
    let text = stdout(&run(&["summary", "--lang", "en"]));
    assert!(text.contains("Expenditure"), "{text}");
}

#[test]
fn unreadable_file_exits_2_with_place_on_stderr() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.json");
    std::fs::write(&path, "{\n  \"format\": \"1.0\",\n  oops\n}").unwrap();
    let output = run(&["summary", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(err.contains("broken.json:3:3"), "{err}");
    let missing = run(&["summary", "/nonexistent/ws.json"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("/nonexistent/ws.json"));
}
