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
    let version = stdout(&run(&["--version"]));
    assert_eq!(
        version,
        format!(
            "budget-workbench {} (workspace format {}; reads {}.x)\n",
            env!("CARGO_PKG_VERSION"),
            budget_workbench::model::FORMAT_VERSION,
            budget_workbench::model::FORMAT_MAJOR
        )
    );
}

/// The commands a user can type, as `--help` lists them.
fn commands() -> Vec<String> {
    let help = stdout(&run(&["--help"]));
    let listed = help
        .split("Commands:\n")
        .nth(1)
        .expect("--help lists commands");
    listed
        .lines()
        .take_while(|line| line.starts_with("  "))
        // Wrapped descriptions are indented further than the names.
        .filter(|line| !line.starts_with("   "))
        .filter_map(|line| line.split_whitespace().next())
        .filter(|name| *name != "help")
        .map(str::to_string)
        .collect()
}

#[test]
fn bash_completion_completes_commands_and_options() {
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("budget-workbench.bash");
    let output = run(&["completions", "bash"]);
    assert!(output.status.success());
    std::fs::write(&script, &output.stdout).unwrap();
    // What bash offers after `budget-workbench ch<Tab>` and `budget-workbench check --f<Tab>`.
    let complete = |words: &str| {
        let probe = format!(
            "source '{}'; COMP_WORDS=({words}); COMP_CWORD=$((${{#COMP_WORDS[@]}} - 1)); \
             f=$(complete -p budget-workbench | sed 's/.*-F \\([^ ]*\\).*/\\1/'); \
             \"$f\" budget-workbench \"${{COMP_WORDS[COMP_CWORD]}}\" \
             \"${{COMP_WORDS[COMP_CWORD-1]}}\"; printf '%s\\n' \"${{COMPREPLY[@]}}\"",
            script.display()
        );
        let out = Command::new("bash")
            .args(["--norc", "-c", &probe])
            .output()
            .expect("bash runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    assert_eq!(complete("budget-workbench ch"), "check\n");
    assert_eq!(complete("budget-workbench check --f"), "--format\n");
    let all = complete("budget-workbench ''");
    for command in commands() {
        assert!(all.lines().any(|w| w == command), "{command} in {all}");
    }
}

#[test]
fn zsh_and_fish_completions_name_every_command() {
    for (shell, head) in [
        ("zsh", "#compdef budget-workbench"),
        ("fish", "complete -c budget-workbench"),
    ] {
        let output = run(&["completions", shell]);
        assert!(output.status.success());
        let text = stdout(&output);
        assert!(text.contains(head), "{shell}: {text}");
        for command in commands() {
            assert!(text.contains(&command), "{shell} completes {command}");
        }
    }
    let bad = run(&["completions", "cmd.exe"]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn man_pages_document_every_command_and_option() {
    let page = stdout(&run(&["man"]));
    assert!(page.contains(".TH budget-workbench 1"), "{page}");
    for command in commands() {
        assert!(page.contains(&command), "the page lists {command}");
    }
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("man1");
    let output = run(&["man", "--dir", out.to_str().unwrap()]);
    assert!(output.status.success());
    let mut written: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    written.sort();
    let mut expected: Vec<String> = commands()
        .iter()
        .map(|c| format!("budget-workbench-{c}.1"))
        .chain(["budget-workbench.1".to_string()])
        .collect();
    expected.sort();
    assert_eq!(written, expected);
    assert_eq!(
        std::fs::read_to_string(out.join("budget-workbench.1")).unwrap(),
        page
    );
    let check = std::fs::read_to_string(out.join("budget-workbench-check.1")).unwrap();
    assert!(
        check.contains("\\-\\-format"),
        "options documented: {check}"
    );
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
    assert_eq!(value["counts"]["duties"], 12);
    assert_eq!(value["counts"]["activities"], 15);
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

#[test]
fn import_writes_the_seed_workspace_and_never_overwrites_silently() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("seed.json");
    let out_arg = out.to_str().unwrap();
    let first = run(&["import", "sample-data/fagaiju-2021.txt", "-o", out_arg]);
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        std::fs::read_to_string("sample-data/fagaiju-2021.json").unwrap()
    );
    std::fs::write(&out, "mine").unwrap();
    let second = run(&["import", "sample-data/fagaiju-2021.txt", "-o", out_arg]);
    assert_eq!(second.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&second.stderr).contains("--force"));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "mine");
    let forced = run(&[
        "import",
        "sample-data/fagaiju-2021.txt",
        "-o",
        out_arg,
        "--force",
    ]);
    assert!(forced.status.success());
    // Without -o the workspace goes to standard output, for pipelines.
    let piped = run(&["import", "sample-data/fagaiju-2021.txt"]);
    assert_eq!(stdout(&piped), std::fs::read_to_string(&out).unwrap());
}

#[test]
fn import_of_something_else_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let poem = dir.path().join("poem.txt");
    std::fs::write(&poem, "床前明月光\n疑是地上霜\n").unwrap();
    let output = run(&["import", poem.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
    assert!(String::from_utf8_lossy(&output.stderr).contains("not a budget explanation"));
}

#[test]
fn check_exits_1_on_the_seed_errors_and_0_when_clean() {
    let seed = run(&["check"]);
    assert_eq!(seed.status.code(), Some(1), "the seed has real errors");
    let text = stdout(&seed);
    assert!(text.contains("sum.of_which_added"), "{text}");
    assert!(!text.contains('\u{1b}'), "no colour when not a terminal");
    let minimal = run(&["check", "sample-data/minimal.json"]);
    assert_eq!(minimal.status.code(), Some(0), "{}", stdout(&minimal));
    let json = run(&["check", "--format", "json"]);
    assert_eq!(json.status.code(), Some(1));
    let findings: serde_json::Value = serde_json::from_str(&stdout(&json)).expect("json");
    let errors: Vec<&str> = findings
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["severity"] == "error")
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert_eq!(errors.len(), 3, "{errors:?}");
    let broken = run(&["check", "/nonexistent.json"]);
    assert_eq!(broken.status.code(), Some(2));
}

#[test]
fn grade_lists_every_graded_indicator() {
    let output = run(&["grade", "--format", "json"]);
    assert!(output.status.success());
    let rows: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("json");
    let summary: serde_json::Value =
        serde_json::from_str(&stdout(&run(&["summary", "--format", "json"]))).unwrap();
    let graded = summary["counts"]["graded_indicators"].as_u64().unwrap();
    let matrix_rows = rows
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| {
            r["pointer"]
                .as_str()
                .is_some_and(|p| p.contains("/matrix/"))
        })
        .count() as u64;
    assert_eq!(matrix_rows, graded);
    let text = stdout(&run(&["grade"]));
    assert!(text.contains("1万家"), "{text}");
}

#[test]
fn error_messages_never_carry_control_characters_from_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("evil.json");
    // serde quotes the offending value in its message.
    std::fs::write(
        &path,
        "{\"format\":\"1.0\",\"meta\":{\"department\":\"d\",\"year\":\"\\u001b]0;PWNED\\u0007\"}}",
    )
    .unwrap();
    let output = run(&["summary", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(!err.contains('\u{1b}') && !err.contains('\u{7}'), "{err:?}");
    assert!(err.contains("\\u{1b}]0;PWNED"), "shown escaped: {err}");
}

#[test]
fn the_workbench_needs_a_terminal_and_says_so() {
    let output = run(&[]);
    assert_eq!(output.status.code(), Some(2));
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(err.contains("needs a terminal"), "{err}");
}

#[test]
fn config_path_names_the_file_in_the_platform_config_directory() {
    let dir = tempfile::tempdir().unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_budget-workbench"))
        .args(["config", "--path"])
        .env("HOME", dir.path())
        .env("XDG_CONFIG_HOME", dir.path().join("cfg"))
        .output()
        .unwrap();
    assert!(output.status.success());
    let path = stdout(&output);
    assert!(path.trim_end().ends_with("config.json"), "{path}");
    assert!(
        path.starts_with(dir.path().join("cfg").to_str().unwrap()),
        "{path}"
    );
}

#[test]
fn every_json_output_and_message_escapes_what_must_not_reach_a_terminal() {
    use budget_workbench::text::is_unsafe_char;
    let dir = tempfile::tempdir().unwrap();
    let hostile = "局\u{9b}31m\u{202e}\u{7f}\u{ad}\u{2061}\u{e0041}";
    let mut ws = budget_workbench::store::sample();
    ws.meta.department = hostile.into();
    ws.three_public.items[0].name = hostile.into();
    ws.performance.matrix.duties[0].activities[0].indicators[0].name = hostile.into();
    let file = dir.path().join("hostile.json");
    budget_workbench::store::save(&ws, &file).unwrap();
    let file = file.to_str().unwrap();
    for args in [
        ["summary", file, "--format", "json"],
        ["check", file, "--format", "json"],
        ["grade", file, "--format", "json"],
        ["summary", file, "--format", "text"],
    ] {
        let output = run(&args);
        let text = stdout(&output);
        assert!(
            !text
                .chars()
                .any(|c| c != '\n' && c != '\t' && is_unsafe_char(c)),
            "{args:?} printed a raw unsafe character"
        );
        if args[3] == "json" {
            // Escaped, not dropped: the JSON still reads back to the file's text.
            let value: serde_json::Value = serde_json::from_str(&text).unwrap();
            if args[0] == "summary" {
                assert_eq!(value["department"], hostile, "{args:?}");
            }
        }
    }
    // The workspace file itself is written escaped and reads back unchanged.
    let saved = std::fs::read_to_string(file).unwrap();
    assert!(!saved.chars().any(|c| c != '\n' && is_unsafe_char(c)));
    assert_eq!(
        budget_workbench::store::load(std::path::Path::new(file)).unwrap(),
        ws
    );
    // A hostile output name is shown escaped.
    let name = dir.path().join("out\u{1b}]0;x\u{7}.json");
    let output = run(&["generate", "-o", name.to_str().unwrap()]);
    assert!(output.status.success());
    let err = String::from_utf8(output.stderr).unwrap();
    assert!(!err.contains('\u{1b}') && !err.contains('\u{7}'), "{err:?}");
    assert!(err.contains("\\u{1b}"), "{err:?}");
}
