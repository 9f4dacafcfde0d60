//! A season in the workbench, driven by keys: the portfolio of a directory (sort, filter,
//! open, back, edit and save), decisions on findings, `:export`, and the previous version's
//! changes.

use std::path::{Path, PathBuf};

use budget_workbench::model::{Amount, Decision, Workspace};
use budget_workbench::season::triage;
use budget_workbench::store;
use budget_workbench::tui::app::{App, Confirm, Overlay, PromptKind};
use budget_workbench::tui::i18n::Lang;
use budget_workbench::tui::keymap::{Keymap, TabId};
use budget_workbench::tui::theme::Theme;
use crossterm::event::KeyCode;

#[path = "support/tui.rs"]
mod tui_support;
use tui_support::{command, ctrl, draw, keys, press};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Journals of these tests go to a private directory, never the user's.
fn private_journals() {
    static DIR: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
    DIR.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        // SAFETY: set once, before any test of this binary reads it (every App goes through here).
        unsafe { std::env::set_var("BUDGET_WORKBENCH_STATE_DIR", dir.path()) };
        dir
    });
}

fn app_on(ws: Workspace, path: Option<PathBuf>, lang: Lang) -> App {
    private_journals();
    App::new(
        ws,
        path,
        lang,
        false,
        Theme::new(true, false),
        Keymap::default(),
    )
}

/// A season of three: 发改局 (errors), 测试局 (clean), 信访局 (clean), and a previous version
/// of 信访局 that is not a document of its own.
fn season_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        root().join("tests/tui_fixture.json"),
        dir.path().join("a.json"),
    )
    .unwrap();
    let clean = root().join("tests/fixtures/review_clean.json");
    std::fs::copy(&clean, dir.path().join("b.json")).unwrap();
    let mut other = store::load(&clean).unwrap();
    other.meta.department = "信访局".into();
    store::save(&other, &dir.path().join("c.json")).unwrap();
    store::save(&other, &dir.path().join("c.prev.json")).unwrap();
    dir
}

fn opened(dir: &Path) -> App {
    let mut app = app_on(Workspace::new(""), None, Lang::Zh);
    app.open_season(dir);
    app
}

/// The departments in the order the portfolio shows them.
fn departments(app: &App) -> Vec<String> {
    let season = app.season.as_ref().unwrap();
    season
        .order
        .iter()
        .map(|&i| season.docs[i].row.department.clone())
        .collect()
}

fn row_of<'a>(app: &'a App, department: &str) -> &'a budget_workbench::season::portfolio::Row {
    let season = app.season.as_ref().unwrap();
    &season
        .docs
        .iter()
        .find(|d| d.row.department == department)
        .unwrap()
        .row
}

#[test]
fn a_directory_opens_on_its_portfolio_worst_first() {
    let dir = season_dir();
    let app = opened(dir.path());
    assert!(app.portfolio_shown().is_some());
    // The previous version is not a document; the one with errors first, ties by file name.
    assert_eq!(departments(&app), ["发改局", "测试局", "信访局"]);
    let screen = draw(&app, 80, 24);
    for wanted in ["汇总", "发改局", "信访局", "测试局", "错误", "首要问题"] {
        assert!(screen.contains(wanted), "{wanted}\n{screen}");
    }
    assert!(screen.contains("1/3"), "{screen}");
}

#[test]
fn sort_by_a_column_and_filter_by_text() {
    let dir = season_dir();
    let mut app = opened(dir.path());
    // Department column: names ascending, then reversed.
    keys(&mut app, "s");
    let mut names = departments(&app);
    let ascending = {
        let mut n = names.clone();
        n.sort();
        n
    };
    assert_eq!(names, ascending);
    keys(&mut app, "s");
    names.reverse();
    assert_eq!(departments(&app), names);
    // Errors column (the sixth): most first.
    keys(&mut app, "lllll");
    keys(&mut app, "s");
    let errors: Vec<usize> = departments(&app)
        .iter()
        .map(|d| row_of(&app, d).errors)
        .collect();
    assert!(errors.windows(2).all(|w| w[0] >= w[1]), "{errors:?}");
    assert!(errors[0] > 0);
    // `/` filters by text; Esc shows every row again.
    keys(&mut app, "/");
    assert!(matches!(
        app.overlay,
        Overlay::Prompt {
            kind: PromptKind::Filter,
            ..
        }
    ));
    keys(&mut app, "信访");
    press(&mut app, KeyCode::Enter);
    assert_eq!(departments(&app), ["信访局"]);
    assert!(draw(&app, 80, 24).contains("筛选：信访"));
    press(&mut app, KeyCode::Esc);
    assert_eq!(departments(&app).len(), 3);
}

#[test]
fn enter_opens_a_department_p_returns_and_saved_edits_update_its_counts() {
    let dir = season_dir();
    let mut app = opened(dir.path());
    assert_eq!(departments(&app)[0], "发改局");
    let errors_before = row_of(&app, "发改局").errors;
    press(&mut app, KeyCode::Enter);
    assert!(app.portfolio_shown().is_none());
    assert_eq!(app.ws.meta.department, "发改局");
    assert_eq!(app.tab, TabId::Summary);
    // Every screen of the department is there.
    keys(&mut app, "5");
    assert_eq!(app.tab, TabId::Findings);
    assert!(draw(&app, 80, 24).contains("检查"));
    // Correct the expenditure total: its sum findings go.
    assert!(app.goto_pointer(&"/overview/expenditure/total".parse().expect("a place")));
    press(&mut app, KeyCode::Enter);
    ctrl(&mut app, 'u');
    keys(&mut app, "1377.92");
    press(&mut app, KeyCode::Enter);
    assert!(app.modified());
    // Back on the portfolio: the document is marked unsaved, its counts are the edited ones.
    keys(&mut app, "p");
    assert!(app.portfolio_shown().is_some());
    let errors_edited = row_of(&app, "发改局").errors;
    assert!(
        errors_edited < errors_before,
        "{errors_edited} < {errors_before}"
    );
    let screen = draw(&app, 80, 24);
    assert!(screen.contains("+1 有未保存的文档"), "{screen}");
    // Quitting asks while a document is unsaved.
    keys(&mut app, "q");
    assert_eq!(app.overlay, Overlay::Confirm(Confirm::Quit));
    keys(&mut app, "n");
    assert!(!app.quit);
    // The document comes back as it was left, edits and undo included; saving it clears the
    // mark and the file on disk has the correction.
    let row = app
        .season
        .as_ref()
        .unwrap()
        .order
        .iter()
        .position(|&i| app.season.as_ref().unwrap().docs[i].row.department == "发改局")
        .unwrap();
    keys(&mut app, "g");
    for _ in 0..row {
        keys(&mut app, "j");
    }
    press(&mut app, KeyCode::Enter);
    assert!(app.modified());
    assert_eq!(
        app.ws.overview.expenditure.total.as_ref().map(Amount::text),
        Some("1377.92")
    );
    ctrl(&mut app, 's');
    assert!(!app.modified(), "{:?}", app.message);
    keys(&mut app, "p");
    assert!(!draw(&app, 80, 24).contains("未保存"));
    assert_eq!(row_of(&app, "发改局").errors, errors_edited);
    let saved = store::load(&dir.path().join("a.json")).unwrap();
    assert_eq!(
        saved.overview.expenditure.total.as_ref().map(Amount::text),
        Some("1377.92")
    );
    keys(&mut app, "q");
    assert!(app.quit);
}

#[test]
fn p_without_a_directory_says_so() {
    let ws = store::load(&root().join("tests/tui_fixture.json")).unwrap();
    let mut app = app_on(ws, None, Lang::En);
    keys(&mut app, "p");
    let message = app.message.clone().unwrap();
    assert!(
        message.error && message.text.contains("no directory"),
        "{message:?}"
    );
}

#[test]
fn decide_on_findings_filter_by_decision_and_undo() {
    let ws = store::load(&root().join("tests/tui_fixture.json")).unwrap();
    let mut app = app_on(ws, None, Lang::Zh);
    keys(&mut app, "5");
    let all = app.screens.findings.filtered.len();
    let first = app.findings[app.screens.findings.filtered[0]].clone();
    keys(&mut app, "m");
    assert!(matches!(app.overlay, Overlay::Triage(_)));
    assert!(draw(&app, 80, 24).contains("处置此发现"));
    keys(&mut app, "a");
    keys(&mut app, "口径已说明");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.ws.dispositions.len(), 1);
    assert_eq!(
        triage::state(&app.ws, &first),
        triage::State::Decided(Decision::Accepted)
    );
    assert_eq!(app.ws.dispositions[0].note, "口径已说明");
    assert!(app.modified());
    let screen = draw(&app, 160, 40);
    assert!(screen.contains("已接受"), "{screen}");
    assert!(screen.contains("口径已说明"), "{screen}");
    // `t`: only open findings (the accepted one goes), then only to-fix (none yet).
    keys(&mut app, "t");
    assert_eq!(app.screens.findings.filtered.len(), all - 1);
    keys(&mut app, "t");
    assert_eq!(app.screens.findings.filtered.len(), 0);
    keys(&mut app, "tt");
    assert_eq!(app.screens.findings.filtered.len(), 0, "rejected: none");
    keys(&mut app, "t");
    assert_eq!(app.screens.findings.filtered.len(), all);
    // `:sort decision` puts the undecided first: the accepted one goes last.
    command(&mut app, "sort decision");
    let last = app.screens.findings.filtered[all - 1];
    assert_eq!(app.findings[last], first);
    command(&mut app, "sort decision");
    // Undo takes the decision back.
    keys(&mut app, "u");
    assert!(app.ws.dispositions.is_empty());
    assert!(!app.modified());
    // On another screen: the finding of the value under the cursor, to fix; its detail
    // line shows the decision.
    assert!(app.goto_pointer(&"/overview/expenditure/total".parse().expect("a place")));
    assert_eq!(app.tab, TabId::Summary);
    keys(&mut app, "mf");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.ws.dispositions.len(), 1);
    assert_eq!(
        app.ws.dispositions[0].decision.known(),
        Some(Decision::ToFix)
    );
    assert_eq!(app.ws.dispositions[0].place, "/overview/expenditure/total");
    let screen = draw(&app, 120, 40);
    assert!(screen.contains("[待修改]"), "{screen}");
    // Clearing it.
    keys(&mut app, "mc");
    assert!(app.ws.dispositions.is_empty());
    // A row without a finding has nothing to decide.
    keys(&mut app, "1g");
    keys(&mut app, "m");
    assert_eq!(app.overlay, Overlay::None);
}

#[test]
fn export_from_the_workbench_writes_what_the_cli_writes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ws.json");
    std::fs::copy(root().join("tests/tui_fixture.json"), &path).unwrap();
    let ws = store::load(&path).unwrap();
    let mut app = app_on(ws.clone(), Some(path.clone()), Lang::Zh);
    command(&mut app, "export csv");
    let csv = dir.path().join("ws.findings.csv");
    let message = app.message.clone().unwrap();
    assert!(
        !message.error && message.text.starts_with("已导出"),
        "{message:?}"
    );
    let doc = budget_workbench::season::export::Document::new(path.display().to_string(), ws);
    assert_eq!(
        std::fs::read_to_string(&csv).unwrap(),
        budget_workbench::season::export::findings_csv(&[doc], Lang::Zh)
    );
    // An existing file is kept unless `:export!`.
    command(&mut app, "export csv");
    assert!(app.message.as_ref().unwrap().error);
    command(&mut app, "export! csv");
    assert!(!app.message.as_ref().unwrap().error);
    // The format from a file's extension; tables as CSV files; English messages.
    let mut en = app_on(store::load(&path).unwrap(), Some(path.clone()), Lang::En);
    command(
        &mut en,
        &format!("export {}", dir.path().join("op.md").display()),
    );
    assert!(en.message.as_ref().unwrap().text.starts_with("Exported"));
    let md = std::fs::read_to_string(dir.path().join("op.md")).unwrap();
    assert!(md.starts_with("# 发改局2021年部门预算审核意见"), "{md}");
    command(&mut en, "export book.pdf");
    assert!(en.message.as_ref().unwrap().text.starts_with("usage"));
    command(
        &mut en,
        &format!("export xlsx {}", dir.path().join("b.xlsx").display()),
    );
    assert!(dir.path().join("b.xlsx").is_file());
}

#[test]
fn a_previous_version_offers_its_changes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ws.json");
    let ws = store::load(&root().join("tests/tui_fixture.json")).unwrap();
    let mut old = ws.clone();
    old.overview.expenditure.total = Some(Amount::parse("1400.00"));
    store::save(&ws, &path).unwrap();
    store::save(&old, &triage::previous_path(&path)).unwrap();
    let mut app = app_on(ws, Some(path.clone()), Lang::Zh);
    app.offer_previous(None);
    assert!(matches!(
        app.overlay,
        Overlay::Confirm(Confirm::ShowDiff(_))
    ));
    keys(&mut app, "y");
    let Overlay::Text { lines, .. } = &app.overlay else {
        panic!("{:?}", app.overlay)
    };
    let changed = lines
        .iter()
        .find(|l| l.contains("支出预算") && l.contains("合计"))
        .unwrap_or_else(|| panic!("{lines:?}"));
    assert!(changed.contains("1400.00 → "), "{changed}");
    assert!(draw(&app, 80, 24).contains("与上一版本的差异"));
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.overlay, Overlay::None);
    // `:diff` shows it again; without a previous version it says so.
    command(&mut app, "diff");
    assert!(matches!(app.overlay, Overlay::Text { .. }));
    press(&mut app, KeyCode::Esc);
    std::fs::remove_file(triage::previous_path(&path)).unwrap();
    command(&mut app, "diff");
    assert!(app.message.as_ref().unwrap().error);
}
