//! Workspace files: byte-identical round trips, exact decimals, unknown fields, load errors,
//! safe save.

use std::fs;
use std::path::Path;

use budget_workbench::model::Amount;
use budget_workbench::store::{self, LoadError};

fn sample_files() -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = fs::read_dir("sample-data")
        .expect("sample-data exists")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
}

#[test]
fn tool_written_files_round_trip_byte_identical() {
    let files = sample_files();
    assert!(files.len() >= 2, "seed workspace and minimal workspace");
    for path in files {
        let workspace = store::load(&path).unwrap_or_else(|e| panic!("{e}"));
        let canonical = store::to_json(&workspace);
        let again = store::parse_str(&canonical, "canonical").expect("reloads");
        assert_eq!(again, workspace, "{}", path.display());
        assert_eq!(store::to_json(&again), canonical, "{}", path.display());
        if path.ends_with("fagaiju-2021.json") {
            // The tool wrote this one: its bytes are already canonical.
            assert_eq!(canonical, fs::read_to_string(&path).unwrap());
        }
    }
}

#[test]
fn decimals_keep_their_exact_text() {
    let text = r#"{"format":"1.0","meta":{"department":"d"},
        "overview":{"expenditure":{"personnel":"4.50","public_admin":52.606911,"projects":4.50,
        "total":"0.1000000000000000000000000001"}}}"#;
    let ws = store::parse_str(text, "t.json").unwrap();
    let e = &ws.overview.expenditure;
    assert_eq!(e.personnel.as_ref().unwrap().text(), "4.50");
    assert_eq!(e.public_admin.as_ref().unwrap().text(), "52.606911");
    // A JSON number keeps its written digits, trailing zero included.
    assert_eq!(e.projects.as_ref().unwrap().text(), "4.50");
    assert_eq!(
        e.total.as_ref().unwrap().value().unwrap().to_string(),
        "0.1000000000000000000000000001"
    );
    let out = store::to_json(&ws);
    assert!(out.contains(r#""personnel": "4.50""#), "{out}");
    assert!(out.contains(r#""public_admin": "52.606911""#), "{out}");
    assert!(out.contains(r#""projects": "4.50""#), "{out}");
    let sum = e.personnel.as_ref().unwrap().value().unwrap()
        + e.public_admin.as_ref().unwrap().value().unwrap();
    assert_eq!(sum.to_string(), "57.106911");
}

#[test]
fn blank_differs_from_zero() {
    let text = r#"{"format":"1.0","meta":{"department":"d"},
        "overview":{"expenditure":{"personnel":null,"projects":"0"}}}"#;
    let ws = store::parse_str(text, "t.json").unwrap();
    assert_eq!(ws.overview.expenditure.personnel, None);
    assert_eq!(ws.overview.expenditure.projects, Some(Amount::parse("0")));
    let out = store::to_json(&ws);
    assert!(out.contains(r#""personnel": null"#));
    assert!(out.contains(r#""projects": "0""#));
}

#[test]
fn unknown_fields_survive_load_and_save_at_every_level() {
    let text = r#"{
  "format": "1.3",
  "meta": {"department": "d", "reviewer": {"name": "王", "round": 2}},
  "performance": {"projects": [{"code": "X-1", "indicators": [
     {"name": "满意度", "value": "≥95%", "weight": 10.50, "tags": ["a"]}]}]},
  "zz_future_section": {"anything": [1, 2.50, null, true]}
}"#;
    let ws = store::parse_str(text, "new.json").unwrap();
    let out = store::to_json(&ws);
    let saved: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(saved["meta"]["reviewer"]["name"], "王");
    let indicator = &saved["performance"]["projects"][0]["indicators"][0];
    assert_eq!(indicator["tags"][0], "a");
    assert_eq!(indicator["weight"].to_string(), "10.50");
    assert_eq!(
        saved["zz_future_section"]["anything"][1].to_string(),
        "2.50"
    );
    // The newer minor version is kept, and a second save is byte-identical.
    assert_eq!(saved["format"], "1.3");
    let again = store::parse_str(&out, "saved.json").unwrap();
    assert_eq!(store::to_json(&again), out);
}

fn load_error(bytes: &[u8]) -> LoadError {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.json");
    fs::write(&path, bytes).unwrap();
    let error = store::load(&path).expect_err("must be refused");
    let shown = error.to_string();
    assert!(shown.starts_with(&path.display().to_string()), "{shown}");
    error
}

#[test]
fn empty_file_is_refused_with_place() {
    let e = load_error(b"");
    assert_eq!((e.line, e.column), (Some(1), Some(1)));
    assert!(e.message.contains("empty"), "{}", e.message);
}

#[test]
fn invalid_json_names_line_and_column() {
    let e = load_error(b"{\n  \"format\": \"1.0\",\n  \"meta\": {\"department\": \"d\",}\n}");
    assert_eq!(e.line, Some(3));
    assert!(e.column.is_some());
    assert!(e.message.contains("invalid JSON"), "{}", e.message);
}

#[test]
fn wrong_type_says_what_was_expected() {
    let e = load_error(
        b"{\"format\": \"1.0\",\n \"meta\": {\"department\": \"d\"},\n \"performance\": {\"projects\": 5}}",
    );
    assert_eq!(e.line, Some(3));
    assert!(e.message.contains("expected a sequence"), "{}", e.message);
}

#[test]
fn missing_field_is_named() {
    let e = load_error(b"{\"format\": \"1.0\",\n \"meta\": {\"year\": 2021}\n}");
    assert!(
        e.message.contains("missing field `department`"),
        "{}",
        e.message
    );
    assert_eq!(e.line, Some(2));
}

#[test]
fn non_utf8_names_the_byte_position() {
    let e = load_error(b"{\"format\": \"1.0\",\n \"meta\": {\"department\": \"\xff\xfe\"}}");
    assert_eq!((e.line, e.column), (Some(2), Some(26)));
    assert!(e.message.contains("UTF-8"), "{}", e.message);
}

#[test]
fn newer_major_version_is_refused_before_structure_errors() {
    let e = load_error(b"{\n  \"format\": \"2.0\",\n  \"meta\": 7\n}");
    assert_eq!((e.line, e.column), (Some(2), Some(3)));
    assert!(e.message.contains("newer"), "{}", e.message);
    let e = load_error(b"{\"format\": \"2.1\", \"meta\": {\"department\": \"d\"}}");
    assert!(e.message.contains("2.1"), "{}", e.message);
}

#[test]
fn save_writes_canonical_text_and_keeps_a_backup() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ws.json");
    let mut ws = store::sample();
    store::save(&ws, &path).unwrap();
    assert_eq!(fs::read_to_string(&path).unwrap(), store::to_json(&ws));
    assert!(!store::backup_path(&path).exists(), "no backup of nothing");
    let first = fs::read(&path).unwrap();
    ws.meta.title = "改过的标题".into();
    store::save(&ws, &path).unwrap();
    assert_eq!(fs::read(store::backup_path(&path)).unwrap(), first);
    assert_eq!(store::load(&path).unwrap().meta.title, "改过的标题");
    assert_only_files(dir.path(), &["ws.json", "ws.json.bak"]);
}

fn assert_only_files(dir: &Path, names: &[&str]) {
    let mut found: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    found.sort();
    assert_eq!(found, names, "no temporary files may be left behind");
}

#[test]
fn failed_save_leaves_old_file_and_says_what_failed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ws.json");
    fs::write(&path, "old bytes").unwrap();
    // A directory where the backup must go makes the backup step fail.
    fs::create_dir(store::backup_path(&path)).unwrap();
    fs::write(store::backup_path(&path).join("x"), "").unwrap();
    let error = store::save(&store::sample(), &path).expect_err("backup cannot be replaced");
    let shown = error.to_string();
    assert!(shown.contains("ws.json"), "{shown}");
    assert!(shown.contains("backup"), "{shown}");
    assert_eq!(fs::read_to_string(&path).unwrap(), "old bytes");
    assert_only_files(dir.path(), &["ws.json", "ws.json.bak"]);
}

#[test]
fn save_into_missing_directory_fails_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("gone").join("ws.json");
    let error = store::save(&store::sample(), &path).expect_err("no such directory");
    assert!(
        error.to_string().contains("creating the temporary file"),
        "{error}"
    );
}

#[test]
fn save_into_read_only_directory_fails_and_keeps_old_file() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ws.json");
    fs::write(&path, "old bytes").unwrap();
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o555)).unwrap();
    let probe = dir.path().join("probe");
    let writable_anyway = fs::write(&probe, "").is_ok(); // root ignores permissions
    let result = store::save(&store::sample(), &path);
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
    if writable_anyway {
        // Running as root: the directory is not read-only for us, so the save must succeed.
        assert!(result.is_ok());
        return;
    }
    let error = result.expect_err("read-only directory");
    assert!(error.to_string().contains("Permission denied"), "{error}");
    assert_eq!(fs::read_to_string(&path).unwrap(), "old bytes");
}

#[test]
fn published_schema_matches_the_types() {
    let published = fs::read_to_string("docs/workspace.schema.json").expect("schema published");
    assert_eq!(
        published,
        budget_workbench::schema::workspace_schema_json(),
        "regenerate with: cargo run -- schema > docs/workspace.schema.json"
    );
}

#[test]
fn save_keeps_the_file_mode_and_writes_through_a_symlink() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real.json");
    let mut ws = store::sample();
    store::save(&ws, &real).unwrap();
    fs::set_permissions(&real, fs::Permissions::from_mode(0o600)).unwrap();
    // Owned by someone else, when this test may give files away (root): root's save keeps it so.
    let given_away = std::os::unix::fs::chown(&real, Some(65534), Some(65534)).is_ok();
    let link = dir.path().join("link.json");
    std::os::unix::fs::symlink("real.json", &link).unwrap();
    ws.meta.title = "经由链接".into();
    store::save(&ws, &link).unwrap();
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink(),
        "the link is still a link"
    );
    assert_eq!(
        store::load(&real).unwrap().meta.title,
        "经由链接",
        "the target has the edit"
    );
    let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o7777;
    assert_eq!(mode(&real), 0o600, "a private file stays private");
    if given_away {
        use std::os::unix::fs::MetadataExt;
        assert_eq!(
            fs::metadata(&real).unwrap().uid(),
            65534,
            "the owner is kept"
        );
    }
    assert_eq!(
        mode(&store::backup_path(&real)),
        0o600,
        "and so does its backup"
    );
    assert_only_files(dir.path(), &["link.json", "real.json", "real.json.bak"]);
}

#[test]
fn a_planted_symlink_at_a_temporary_name_is_never_followed() {
    let dir = tempfile::tempdir().unwrap();
    let victim = dir.path().join("victim.txt");
    fs::write(&victim, "precious").unwrap();
    let path = dir.path().join("ws.json");
    store::save(&store::sample(), &path).unwrap();
    // Every name earlier versions used for their temporary files, pointing at the victim.
    let pid = std::process::id();
    for planted in [
        format!(".ws.json.tmp-{pid}"),
        format!("ws.json.bak.tmp-{pid}"),
        format!(".ws.json.tmp-{pid}-"),
    ] {
        std::os::unix::fs::symlink(&victim, dir.path().join(planted)).unwrap();
    }
    std::os::unix::fs::symlink(&victim, store::backup_path(&path)).unwrap();
    store::save(&store::sample(), &path).unwrap();
    assert_eq!(fs::read_to_string(&victim).unwrap(), "precious");
    assert!(
        !fs::symlink_metadata(store::backup_path(&path))
            .unwrap()
            .file_type()
            .is_symlink(),
        "the backup replaced the planted link instead of writing through it"
    );
}

#[test]
fn temporary_files_of_dead_saves_are_cleaned_and_live_ones_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ws.json");
    store::save(&store::sample(), &path).unwrap();
    // A pid that cannot be running (above the kernel's maximum).
    let dead = 4_194_304 + 7;
    let live = std::process::id();
    for name in [
        format!(".ws.json.tmp-{dead}-abc123"),
        format!(".ws.json.bak.tmp-{dead}-x"),
        format!("ws.json.bak.tmp-{dead}"),
        format!(".ws.json.tmp-{live}-def456"),
        format!(".other.json.tmp-{dead}-q"),
    ] {
        fs::write(dir.path().join(name), "partial").unwrap();
    }
    assert_eq!(store::clean_stale_temps(&path), 3);
    assert_only_files(
        dir.path(),
        &[
            &format!(".other.json.tmp-{dead}-q"),
            &format!(".ws.json.tmp-{live}-def456"),
            "ws.json",
        ],
    );
}
