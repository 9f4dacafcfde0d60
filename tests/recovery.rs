//! Never lose an edit: journals, conflicts with the file on disk, differences.

use std::fs;

use budget_workbench::model::Workspace;
use budget_workbench::store::{self, DiskState, diff, recovery};

/// Points journals at `dir` for as long as the guard lives; tests using journals run one at
/// a time because the directory is process-wide.
fn use_journal_dir(dir: &std::path::Path) -> std::sync::MutexGuard<'static, ()> {
    static SERIAL: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let guard = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    // SAFETY of the test: only tests holding the guard read or write the variable.
    unsafe { std::env::set_var(recovery::DIR_ENV, dir) };
    guard
}

fn sample_edited() -> (Workspace, Workspace) {
    let before = Workspace::new("测试局");
    let mut after = before.clone();
    after.meta.title = "改过".into();
    after.performance.matrix.title = "矩阵".into();
    (before, after)
}

#[test]
fn journal_round_trip_and_removal() {
    let state = tempfile::tempdir().unwrap();
    let _serial = use_journal_dir(state.path());
    let work = tempfile::tempdir().unwrap();
    let file = work.path().join("局.json");
    let (_, edited) = sample_edited();
    assert!(recovery::read(Some(&file)).is_none(), "no journal yet");
    let journal = recovery::write(Some(&file), None, &edited).unwrap();
    assert!(journal.starts_with(state.path()));
    let recovered = recovery::read(Some(&file)).unwrap().unwrap();
    assert_eq!(recovered.workspace, edited);
    assert_eq!(
        recovered.file.as_deref(),
        Some(recovery::canonical(&file).to_str().unwrap())
    );
    // Another file has another journal.
    assert!(recovery::read(Some(&work.path().join("other.json"))).is_none());
    // The embedded sample has its own.
    recovery::write(None, None, &edited).unwrap();
    assert!(recovery::read(None).is_some());
    recovery::remove(Some(&file));
    recovery::remove(None);
    assert!(recovery::read(Some(&file)).is_none());
    assert_eq!(
        fs::read_dir(state.path()).unwrap().count(),
        0,
        "nothing left behind"
    );

    // A damaged journal is reported, never silently dropped, and moved aside so the next
    // edit's journal cannot overwrite it.
    let journal = recovery::journal_path(Some(&file)).unwrap();
    fs::write(&journal, "{ not json").unwrap();
    let damaged = recovery::read(Some(&file)).unwrap().expect_err("damaged");
    assert!(
        damaged.to_string().contains("damaged recovery journal"),
        "{damaged}"
    );
    assert!(damaged.file.ends_with(".damaged"), "{damaged}");
    recovery::write(Some(&file), None, &edited).unwrap();
    assert_eq!(fs::read_to_string(&damaged.file).unwrap(), "{ not json");
    recovery::remove(Some(&file));
}

#[test]
fn journals_are_private() {
    use std::os::unix::fs::PermissionsExt;
    let state = tempfile::tempdir().unwrap();
    let dir = state.path().join("recovery");
    let _serial = use_journal_dir(&dir);
    let (_, edited) = sample_edited();
    let journal = recovery::write(Some(&state.path().join("f.json")), None, &edited).unwrap();
    let mode = |p: &std::path::Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&journal), 0o600, "the journal holds a whole budget");
    assert_eq!(mode(&dir), 0o700);
}

#[test]
fn one_file_has_one_journal_however_it_is_named() {
    let work = tempfile::tempdir().unwrap();
    let sub = work.path().join("sub");
    fs::create_dir(&sub).unwrap();
    let file = work.path().join("f.json");
    fs::write(&file, "{}").unwrap();
    std::os::unix::fs::symlink(&file, work.path().join("link.json")).unwrap();
    let key = |p: std::path::PathBuf| recovery::canonical(&p);
    let real = key(file.clone());
    for other in [
        sub.join("..").join("f.json"),
        work.path().join(".").join("f.json"),
        work.path().join("link.json"),
    ] {
        assert_eq!(key(other.clone()), real, "{}", other.display());
    }
    // Not yet written: its directory is resolved.
    assert_eq!(
        key(sub.join("..").join("new.json")),
        real.with_file_name("new.json")
    );
}

#[test]
fn differences_name_each_changed_field() {
    let (before, after) = sample_edited();
    let changes = diff::changes(&before, &after, 10);
    let pointers: Vec<&str> = changes.iter().map(|c| c.pointer.as_str()).collect();
    assert_eq!(pointers, ["/meta/title", "/performance/matrix/title"]);
    assert_eq!(changes[0].before, "");
    assert_eq!(changes[0].after, "改过");
    assert_eq!(
        diff::changes(&before, &after, 1).len(),
        1,
        "limit respected"
    );
    assert!(diff::changes(&before, &before, 10).is_empty());
}

#[test]
fn a_file_changed_behind_our_back_is_noticed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ws.json");
    let (before, after) = sample_edited();
    store::save(&before, &path).unwrap();
    let (_, loaded) = store::load_with_fingerprint(&path).unwrap();
    assert_eq!(store::disk_state(&path, &loaded), DiskState::Unchanged);
    // Another reviewer saves.
    store::save(&after, &path).unwrap();
    match store::disk_state(&path, &loaded) {
        DiskState::Changed(Some(theirs)) => assert_eq!(*theirs, after),
        other => panic!("expected a change, got {other:?}"),
    }
    // Our own save gives a new fingerprint that matches the disk.
    let ours = store::save(&before, &path).unwrap();
    assert_eq!(store::disk_state(&path, &ours), DiskState::Unchanged);
    fs::remove_file(&path).unwrap();
    assert_eq!(store::disk_state(&path, &ours), DiskState::Missing);
}

#[test]
fn a_claim_cleans_cut_short_journal_writes_and_leaves_nothing_when_dropped() {
    let state = tempfile::tempdir().unwrap();
    let _serial = use_journal_dir(state.path());
    let dead = 4_194_304 + 11;
    let cut_short = state
        .path()
        .join(format!(".f-0.1.journal.json.tmp-{dead}-xyz"));
    let live = state.path().join(format!(
        ".f-0.1.journal.json.tmp-{}-xyz",
        std::process::id()
    ));
    fs::write(&cut_short, "partial").unwrap();
    fs::write(&live, "being written").unwrap();
    let file = state.path().join("f.json");
    let claim = recovery::claim(Some(&file)).unwrap();
    assert!(
        !cut_short.exists(),
        "a dead writer's temporary journal is removed"
    );
    assert!(live.exists(), "a running writer's is kept");
    // This instance is not "another instance".
    assert!(recovery::others_editing(Some(&file)).is_empty());
    drop(claim);
    fs::remove_file(&live).unwrap();
    assert_eq!(
        fs::read_dir(state.path()).unwrap().count(),
        0,
        "the lock file is gone"
    );
}
