//! The workbench driven by key events, without a terminal.

use budget_workbench::model::{GradedIndicator, Workspace};
use budget_workbench::tui::app::{App, Choice, Confirm, Overlay, PromptKind};
use budget_workbench::tui::config;
use budget_workbench::tui::i18n::Lang;
use budget_workbench::tui::keymap::{Action, Key, Keymap, TabId};
use budget_workbench::tui::theme::Theme;
use budget_workbench::tui::ui;
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

#[path = "support/tui.rs"]
mod tui_support;
use tui_support::{ctrl, draw, keys, press};

fn fixture() -> Workspace {
    budget_workbench::store::parse_str(include_str!("tui_fixture.json"), "fixture").unwrap()
}

/// Journals of these tests go to a private directory, never the user's.
fn private_journals() -> &'static std::path::Path {
    static DIR: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
    DIR.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        // SAFETY: set once, before any test of this binary reads it (every App goes through here).
        unsafe { std::env::set_var("BUDGET_WORKBENCH_STATE_DIR", dir.path()) };
        dir
    })
    .path()
}

fn app_with(ws: Workspace, path: Option<std::path::PathBuf>, read_only: bool) -> App {
    private_journals();
    App::new(
        ws,
        path,
        Lang::Zh,
        read_only,
        Theme::new(true, false),
        Keymap::default(),
    )
}

fn app() -> App {
    app_with(fixture(), Some("fixture.json".into()), false)
}

fn good_standard(app: &App) -> &str {
    &app.ws.performance.matrix.duties[0].activities[0].indicators[0].good
}

#[test]
fn edit_a_grade_standard_with_keys_then_undo_and_redo() {
    let mut app = app();
    keys(&mut app, "4jjl"); // Activities, row 计划完成率, column 优 → 良
    keys(&mut app, "l");
    press(&mut app, KeyCode::Enter);
    assert!(matches!(app.overlay, Overlay::Editor { .. }));
    ctrl(&mut app, 'u');
    keys(&mut app, "≥96%");
    press(&mut app, KeyCode::Enter);
    assert_eq!(good_standard(&app), "≥96%");
    assert!(app.modified());
    keys(&mut app, "u");
    assert_eq!(good_standard(&app), "≥95%");
    assert!(!app.modified());
    ctrl(&mut app, 'r');
    assert_eq!(good_standard(&app), "≥96%");
    // The cursor is back on the edited cell.
    assert_eq!(app.tab, TabId::Activities);
    assert_eq!(
        (
            app.screens.activities.list.cursor.row,
            app.screens.activities.list.cursor.col
        ),
        (2, 2)
    );
}

#[test]
fn esc_cancels_an_edit() {
    let mut app = app();
    keys(&mut app, "4jjll");
    keys(&mut app, "e");
    keys(&mut app, "999");
    press(&mut app, KeyCode::Esc);
    assert_eq!(good_standard(&app), "≥95%");
    assert!(!app.modified());
}

#[test]
fn text_in_an_amount_is_refused_and_the_old_value_kept() {
    let mut app = app();
    keys(&mut app, "3l"); // Projects, into the table
    keys(&mut app, "jj"); // 预算数
    press(&mut app, KeyCode::Enter);
    ctrl(&mut app, 'u');
    keys(&mut app, "一百万");
    press(&mut app, KeyCode::Enter);
    let total = app.ws.performance.projects[0].budget.total.clone().unwrap();
    assert_eq!(total.text(), "100");
    assert!(app.message.as_ref().unwrap().error);
    assert!(app.message.as_ref().unwrap().text.contains("不是数字"));
    assert!(
        matches!(app.overlay, Overlay::Editor { .. }),
        "editor stays open to fix"
    );
    press(&mut app, KeyCode::Esc);
    assert!(!app.modified());
    assert!(app.history.is_empty());
}

#[test]
fn the_editor_cursor_is_placed_in_display_columns() {
    let mut app = app();
    keys(&mut app, "4jj"); // 计划完成率 name cell
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Home);
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Right);
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    let frame = terminal.draw(|f| ui::draw(f, &app)).unwrap();
    let _ = frame;
    let cursor = terminal.get_cursor_position().unwrap();
    // The name column starts at x = 2 (border, mark); two CJK characters are four columns.
    assert_eq!(cursor.x, 2 + 4);
    assert_eq!(cursor.y, 1 + 1 + 1 + 2); // tabs, border, header, row 2
}

#[test]
fn paste_goes_into_the_editor_as_typed_text() {
    let mut app = app();
    keys(&mut app, "4jjl");
    press(&mut app, KeyCode::Enter);
    ctrl(&mut app, 'u');
    app.handle_paste("≥１００%\n");
    press(&mut app, KeyCode::Enter);
    assert_eq!(
        app.ws.performance.matrix.duties[0].activities[0].indicators[0].excellent,
        "≥１００%"
    );
}

#[test]
fn only_key_presses_count() {
    let mut app = app();
    let mut release = KeyEvent::new(KeyCode::Char('4'), KeyModifiers::NONE);
    release.kind = KeyEventKind::Release;
    app.handle_key(release);
    assert_eq!(app.tab, TabId::Summary);
    let mut repeat = KeyEvent::new(KeyCode::Char('4'), KeyModifiers::NONE);
    repeat.kind = KeyEventKind::Repeat;
    app.handle_key(repeat);
    assert_eq!(app.tab, TabId::Summary);
}

#[test]
fn read_only_refuses_edits_and_save() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ws.json");
    std::fs::write(&path, include_str!("tui_fixture.json")).unwrap();
    let mut app = app_with(fixture(), Some(path.clone()), true);
    keys(&mut app, "4jj");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.overlay, Overlay::None);
    assert!(app.message.as_ref().unwrap().text.contains("只读"));
    keys(&mut app, "ad");
    ctrl(&mut app, 's');
    assert!(app.message.as_ref().unwrap().text.contains("只读"));
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        include_str!("tui_fixture.json")
    );
    assert_eq!(app.ws, fixture());
}

#[test]
fn saving_the_sample_asks_for_a_path_and_never_writes_silently() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_with(fixture(), None, false);
    keys(&mut app, "4jjl");
    press(&mut app, KeyCode::Enter);
    keys(&mut app, "!");
    press(&mut app, KeyCode::Enter);
    ctrl(&mut app, 's');
    assert!(matches!(
        app.overlay,
        Overlay::Prompt {
            kind: PromptKind::SavePath,
            ..
        }
    ));
    press(&mut app, KeyCode::Esc);
    assert!(app.modified());
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    ctrl(&mut app, 's');
    let target = dir.path().join("saved.json");
    app.handle_paste(&target.display().to_string());
    press(&mut app, KeyCode::Enter);
    assert!(!app.modified(), "{:?}", app.message);
    let saved = budget_workbench::store::load(&target).unwrap();
    assert_eq!(saved, app.ws);
    assert_eq!(app.path.as_deref(), Some(target.as_path()));
}

/// A file on disk, opened, then changed by someone else (发改局 → 财政局).
fn changed_behind_our_back() -> (tempfile::TempDir, std::path::PathBuf, App) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ws.json");
    std::fs::write(&path, include_str!("tui_fixture.json")).unwrap();
    let app = app_with(fixture(), Some(path.clone()), false);
    std::fs::write(
        &path,
        include_str!("tui_fixture.json").replace("发改局", "财政局"),
    )
    .unwrap();
    (dir, path, app)
}

#[test]
fn saving_over_a_file_changed_on_disk_says_what_changed_and_asks() {
    let (_dir, path, mut app) = changed_behind_our_back();
    ctrl(&mut app, 's');
    let Overlay::Choice(Choice::Conflict { changes, .. }) = &app.overlay else {
        panic!("expected the conflict choice, got {:?}", app.overlay);
    };
    assert!(
        changes.iter().any(|c| c.pointer == "/meta/department"
            && c.before == "财政局"
            && c.after == "发改局"),
        "{changes:?}"
    );
    let screen = draw(&app, 100, 30);
    assert!(screen.contains("/meta/department"), "{screen}");
    assert!(screen.contains("财政局 → 发改局"), "{screen}");
    assert!(screen.contains("o 覆盖"), "{screen}");
    // Esc keeps both: nothing written.
    press(&mut app, KeyCode::Esc);
    assert!(std::fs::read_to_string(&path).unwrap().contains("财政局"));
    // o overwrites.
    ctrl(&mut app, 's');
    keys(&mut app, "o");
    assert!(!std::fs::read_to_string(&path).unwrap().contains("财政局"));
    assert!(!app.modified());
}

#[test]
fn a_conflict_can_reload_the_file_from_disk() {
    let (_dir, path, mut app) = changed_behind_our_back();
    keys(&mut app, "4jja"); // an edit of ours
    assert!(app.modified());
    ctrl(&mut app, 's');
    keys(&mut app, "r");
    assert_eq!(app.ws.meta.department, "财政局", "theirs is loaded");
    assert!(!app.modified());
    assert!(std::fs::read_to_string(&path).unwrap().contains("财政局"));
    // Saving now is no conflict.
    ctrl(&mut app, 's');
    assert_eq!(app.overlay, Overlay::None);
}

#[test]
fn a_conflict_can_save_elsewhere_and_an_existing_target_is_not_replaced_silently() {
    let (dir, path, mut app) = changed_behind_our_back();
    ctrl(&mut app, 's');
    keys(&mut app, "S");
    assert!(matches!(
        app.overlay,
        Overlay::Prompt {
            kind: PromptKind::SavePath,
            ..
        }
    ));
    // The prompt starts from the current path; replace it with another name.
    ctrl(&mut app, 'u');
    let other = dir.path().join("mine.json");
    std::fs::write(&other, "someone's file").unwrap();
    app.handle_paste(other.to_str().unwrap());
    press(&mut app, KeyCode::Enter);
    assert_eq!(
        app.overlay,
        Overlay::Confirm(Confirm::Replace(other.clone()))
    );
    keys(&mut app, "n");
    assert_eq!(std::fs::read_to_string(&other).unwrap(), "someone's file");
    keys(&mut app, "S");
    ctrl(&mut app, 'u');
    app.handle_paste(other.to_str().unwrap());
    press(&mut app, KeyCode::Enter);
    keys(&mut app, "y");
    assert_eq!(
        budget_workbench::store::load(&other)
            .unwrap()
            .meta
            .department,
        "发改局"
    );
    assert!(
        std::fs::read_to_string(&path).unwrap().contains("财政局"),
        "theirs untouched"
    );
    assert_eq!(app.path.as_deref(), Some(other.as_path()));
}

#[test]
fn a_failed_save_keeps_the_edits_in_memory_and_in_the_journal() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ws.json");
    std::fs::write(&path, include_str!("tui_fixture.json")).unwrap();
    let mut app = app_with(fixture(), Some(path.clone()), false);
    keys(&mut app, "4jja");
    // The directory disappears (an unmounted share, a deleted folder).
    std::fs::remove_file(&path).unwrap();
    std::fs::remove_dir(dir.path()).unwrap();
    ctrl(&mut app, 's');
    let message = app.message.clone().expect("a message");
    assert!(message.error);
    assert!(message.text.contains("保存失败"), "{}", message.text);
    assert!(message.text.contains("S 另存为"), "{}", message.text);
    assert!(app.modified(), "edits stay in memory");
    let journal = budget_workbench::store::recovery::read(Some(&path))
        .expect("journal written")
        .unwrap();
    assert_eq!(journal.workspace, app.ws);
    budget_workbench::store::recovery::remove(Some(&path));
}

#[test]
fn quit_asks_when_there_are_unsaved_changes() {
    let mut app = app();
    keys(&mut app, "q");
    assert!(app.quit, "nothing to lose: quits at once");
    let mut app = self::app();
    keys(&mut app, "4jja"); // add a row
    assert!(app.modified());
    keys(&mut app, "q");
    assert!(!app.quit);
    assert_eq!(app.overlay, Overlay::Confirm(Confirm::Quit));
    keys(&mut app, "n");
    assert!(!app.quit);
    keys(&mut app, "q");
    keys(&mut app, "y");
    assert!(app.quit);
}

#[test]
fn delete_asks_yes_or_no() {
    let mut app = app();
    keys(&mut app, "4jjd");
    assert!(matches!(app.overlay, Overlay::Confirm(Confirm::Delete(_))));
    keys(&mut app, "n");
    assert_eq!(app.ws, fixture());
    keys(&mut app, "d");
    keys(&mut app, "y");
    assert_eq!(
        app.ws.performance.matrix.duties[0].activities[0]
            .indicators
            .len(),
        1
    );
    keys(&mut app, "u");
    assert_eq!(app.ws, fixture());
}

#[test]
fn add_and_delete_projects_and_activities_with_keys() {
    let mut app = app();
    keys(&mut app, "3A");
    assert_eq!(app.ws.performance.projects.len(), 3);
    assert_eq!(app.screens.projects.project, 1);
    keys(&mut app, "dy");
    assert_eq!(app.ws.performance.projects.len(), 2);
    keys(&mut app, "4jA");
    assert_eq!(app.ws.performance.matrix.duties[0].activities.len(), 3);
    keys(&mut app, "u");
    keys(&mut app, "u");
    keys(&mut app, "u");
    assert_eq!(app.ws, fixture());
    // Adding an indicator row to a project table.
    keys(&mut app, "3hglGa");
    assert_eq!(app.ws.performance.projects[0].indicators.len(), 5);
}

#[test]
fn findings_are_recomputed_after_every_edit() {
    let mut app = app();
    let before = app.findings.len();
    assert!(before >= 1, "the fixture's expenditure total is off by 10");
    app.ws.overview.expenditure.total = None; // not through an edit: nothing recomputed
    assert_eq!(app.findings.len(), before);
    app.ws = fixture();
    keys(&mut app, "3l");
    keys(&mut app, "jj"); // 预算数 of project 1
    press(&mut app, KeyCode::Enter);
    ctrl(&mut app, 'u');
    keys(&mut app, "110");
    press(&mut app, KeyCode::Enter);
    let fresh = budget_workbench::review::check(&app.ws);
    assert_eq!(app.findings, fresh);
}

#[test]
fn enter_on_a_finding_jumps_to_its_place() {
    let mut app = app();
    keys(&mut app, "5");
    let pointer = app.findings[app.screens.findings.filtered[0]]
        .pointer
        .clone();
    press(&mut app, KeyCode::Enter);
    assert_ne!(app.tab, TabId::Findings, "jumped away from {pointer}");

    assert!(
        app.goto_pointer(
            &"/performance/projects/1/indicators/0/value"
                .parse()
                .unwrap()
        )
    );
    assert_eq!(app.tab, TabId::Projects);
    assert_eq!(app.screens.projects.project, 1);
    assert!(app.screens.projects.in_table);
    let p = &app.ws.performance.projects[1];
    assert_eq!(
        app.screens.projects.table.row,
        budget_workbench::tui::rows::project_indicator_row(p, 0)
    );
    assert_eq!(app.screens.projects.table.col, 4);

    assert!(
        app.goto_pointer(
            &"/performance/matrix/duties/0/activities/1/indicators/0/good"
                .parse()
                .unwrap()
        )
    );
    assert_eq!(app.tab, TabId::Activities);
    assert_eq!(app.screens.activities.list.cursor.row, 5);
    assert_eq!(app.screens.activities.list.cursor.col, 2);

    assert!(app.goto_pointer(&"/three_public/items/1/children/1".parse().unwrap()));
    assert_eq!(
        (app.tab, app.screens.three_public.figures.cursor.row),
        (TabId::ThreePublic, 3)
    );

    assert!(app.goto_pointer(&"/overview/expenditure/total".parse().unwrap()));
    assert_eq!(app.tab, TabId::Summary);
    assert!(!app.goto_pointer(&"/performance/projects/9/indicators/0".parse().unwrap()));
}

#[test]
fn severity_filter_cycles() {
    let mut app = app();
    keys(&mut app, "5");
    let all = app.screens.findings.filtered.len();
    keys(&mut app, "s");
    assert!(
        app.screens
            .findings
            .filtered
            .iter()
            .all(|&i| app.findings[i].severity == budget_workbench::review::Severity::Error)
    );
    keys(&mut app, "sss");
    assert_eq!(app.screens.findings.filtered.len(), all);
    keys(&mut app, "W");
    assert_eq!(
        app.screens.findings.severity_filter,
        Some(budget_workbench::review::Severity::Warning)
    );
    keys(&mut app, "0");
    assert_eq!(app.screens.findings.filtered.len(), all);
}

#[test]
fn search_moves_between_matches_in_the_current_tab() {
    let mut app = app();
    keys(&mut app, "4/");
    keys(&mut app, "及时率");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.screens.activities.list.cursor.row, 8);
    keys(&mut app, "n");
    assert_eq!(
        app.screens.activities.list.cursor.row, 8,
        "only one match: wraps to itself"
    );
    keys(&mut app, "g/");
    keys(&mut app, "完成");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.screens.activities.list.cursor.row, 2);
    keys(&mut app, "n");
    assert_eq!(app.screens.activities.list.cursor.row, 5);
    keys(&mut app, "N");
    assert_eq!(app.screens.activities.list.cursor.row, 2);
    // Projects: across every table.
    keys(&mut app, "3/");
    keys(&mut app, "信息发布");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.screens.projects.project, 1);
    assert!(app.screens.projects.in_table);
}

#[test]
fn help_lists_exactly_the_keys_of_the_keymap() {
    let keymap = Keymap::default();
    for &tab in TabId::ALL {
        let rows = keymap.help_rows(tab, Lang::Zh);
        for binding in keymap.for_tab(tab) {
            let labels: Vec<String> = binding.keys.iter().map(Key::label).collect();
            assert!(
                rows.iter().any(|(keys, _)| *keys == labels.join(" ")),
                "{:?} missing from help on {tab:?}",
                binding.action
            );
            for key in &binding.keys {
                // Each key shown does what help says (first binding in scope wins).
                let action = keymap.action(tab, *key).unwrap();
                if action != binding.action {
                    assert!(
                        keymap
                            .for_tab(tab)
                            .position(|b| b.action == action)
                            .unwrap()
                            < keymap
                                .for_tab(tab)
                                .position(|b| b.action == binding.action)
                                .unwrap()
                    );
                }
            }
        }
    }
    // The drawn overlay shows them.
    let mut app = app();
    keys(&mut app, "4?");
    let screen = draw(&app, 120, 40);
    assert!(screen.contains("Ctrl-r"));
    assert!(screen.contains("重做"));
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.overlay, Overlay::None);
}

#[test]
fn config_overrides_keys_and_reports_bad_entries() {
    let mut loaded = config::Loaded {
        keymap: Keymap::default(),
        theme: Theme::new(true, false),
        osc52: false,
        problems: Vec::new(),
    };
    config::apply_text(
        &mut loaded,
        r#"{"keys": {"undo": "U", "redo": ["ctrl-y", "R"], "fly": "x", "save": "ctrl-"},
            "theme": {"accent": "green", "error": "ultraviolet"}}"#,
        "config.json",
    );
    assert_eq!(
        loaded.keymap.action(TabId::Summary, Key::ch('U')),
        Some(Action::Undo)
    );
    assert_eq!(loaded.keymap.action(TabId::Summary, Key::ch('u')), None);
    assert_eq!(
        loaded.keymap.action(TabId::Summary, Key::ctrl('y')),
        Some(Action::Redo)
    );
    assert_eq!(
        loaded.keymap.action(TabId::Summary, Key::ctrl('s')),
        Some(Action::Save),
        "a bad key keeps the default"
    );
    assert_eq!(loaded.problems.len(), 3, "{:?}", loaded.problems);

    let mut broken = config::Loaded {
        keymap: Keymap::default(),
        theme: Theme::new(true, false),
        osc52: false,
        problems: Vec::new(),
    };
    config::apply_text(&mut broken, "{not json", "config.json");
    assert_eq!(broken.problems.len(), 1);
    assert_eq!(
        broken.keymap.action(TabId::Summary, Key::ch('u')),
        Some(Action::Undo)
    );
}

#[test]
fn hostile_text_is_shown_escaped() {
    let mut ws = fixture();
    ws.performance.projects[0].name = "恶意\u{1b}[31m名称\u{202e}反转".into();
    ws.performance.matrix.duties[0].activities[0].indicators[0].good = "≥9\u{7}5%".into();
    let mut app = app_with(ws, None, false);
    for tab in ["3", "4"] {
        keys(&mut app, tab);
        let screen = draw(&app, 120, 40);
        assert!(!screen.contains('\u{1b}'));
        assert!(!screen.contains('\u{202e}'));
        assert!(!screen.contains('\u{7}'));
    }
    keys(&mut app, "3");
    assert!(draw(&app, 120, 40).contains("\\u{1b}"));
}

#[test]
fn a_hundred_thousand_rows_move_like_ten() {
    let mut ws = fixture();
    let rows = &mut ws.performance.matrix.duties[0].activities[0].indicators;
    for i in 0..100_000 {
        rows.push(GradedIndicator {
            name: format!("指标{i}"),
            excellent: "≥100%".into(),
            good: "≥95%".into(),
            fair: "≥90%".into(),
            poor: "<90%".into(),
            ..GradedIndicator::default()
        });
    }
    let mut app = app_with(ws, None, false);
    keys(&mut app, "4");
    // How fast is measured in benches/tui.rs (`key_page_down_100k_rows`); this checks that
    // paging reaches the end and the last rows are drawn.
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    for _ in 0..20 {
        app.act(Action::PageDown);
        terminal.draw(|f| ui::draw(f, &app)).unwrap();
    }
    assert!(app.screens.activities.list.cursor.row > 20 * 20);
    app.act(Action::Bottom);
    let screen = draw(&app, 120, 40);
    assert!(app.screens.activities.list.cursor.row > 100_000);
    assert!(screen.contains("指标99999"), "{screen}");
}

/// A keys table of docs/keys.md, generated from the keymap: the bindings `pick` selects.
fn keys_markdown(pick: impl Fn(&budget_workbench::tui::keymap::Binding) -> bool) -> String {
    use budget_workbench::tui::i18n::t;
    let keymap = Keymap::default();
    let mut out = String::from("| keys | 说明 | action |\n| --- | --- | --- |\n");
    for b in keymap.bindings.iter().filter(|b| pick(b)) {
        let keys: Vec<String> = b.keys.iter().map(|k| format!("`{}`", k.label())).collect();
        let (zh, en) = match b.action {
            Action::GoTab(_) => (
                format!(
                    "{} {}",
                    t(Lang::Zh, budget_workbench::tui::i18n::Msg::ActTab),
                    t(Lang::Zh, b.help)
                ),
                format!(
                    "{} {}",
                    t(Lang::En, budget_workbench::tui::i18n::Msg::ActTab),
                    t(Lang::En, b.help)
                ),
            ),
            _ => (
                t(Lang::Zh, b.help).to_string(),
                t(Lang::En, b.help).to_string(),
            ),
        };
        out.push_str(&format!("| {} | {zh} | {en} |\n", keys.join(" ")));
    }
    out
}

#[test]
fn docs_keys_md_matches_the_keymap() {
    use budget_workbench::tui::keymap::{Popup, Scope};
    let docs = include_str!("../docs/keys.md");
    let mut wanted = vec![(
        "every screen".to_string(),
        keys_markdown(|b| b.scope == Scope::All),
    )];
    for &tab in TabId::ALL {
        wanted.push((
            format!("{tab:?}"),
            keys_markdown(|b| b.scope != Scope::All && b.scope.includes(tab)),
        ));
    }
    for popup in [
        Popup::Confirm,
        Popup::Restore,
        Popup::Conflict,
        Popup::Triage,
        Popup::Portfolio,
    ] {
        wanted.push((
            format!("popup {popup:?}"),
            keys_markdown(|b| b.scope == Scope::Popup(popup)),
        ));
    }
    let missing: Vec<String> = wanted
        .into_iter()
        .filter(|(_, table)| !docs.contains(table))
        .map(|(what, table)| format!("@@ {what}\n{table}"))
        .collect();
    assert!(
        missing.is_empty(),
        "docs/keys.md is missing these tables:\n{}",
        missing.join("")
    );
}

#[test]
fn correct_a_figure_on_the_summary_and_three_public_screens() {
    let mut app = app();
    // Jump to the stated expenditure total from its finding, then correct it.
    assert!(app.goto_pointer(&"/overview/expenditure/total".parse().unwrap()));
    assert_eq!(app.tab, TabId::Summary);
    let before = app.findings.len();
    press(&mut app, KeyCode::Enter);
    assert!(matches!(app.overlay, Overlay::Editor { .. }));
    ctrl(&mut app, 'u');
    keys(&mut app, "约1377");
    press(&mut app, KeyCode::Enter);
    assert!(
        app.message.as_ref().unwrap().error,
        "text in a figure is refused"
    );
    ctrl(&mut app, 'u');
    keys(&mut app, "1377.92");
    press(&mut app, KeyCode::Enter);
    let total = app.ws.overview.expenditure.total.clone().unwrap();
    assert_eq!(total.text(), "1377.92");
    assert!(app.findings.len() < before, "the sum finding is gone");
    // 上年 column of a 三公 item.
    keys(&mut app, "2");
    keys(&mut app, "jjjjl");
    press(&mut app, KeyCode::Enter);
    ctrl(&mut app, 'u');
    keys(&mut app, "9.5");
    press(&mut app, KeyCode::Enter);
    let prior = app.ws.three_public.items[2].prior_year.clone().unwrap();
    assert_eq!(prior.text(), "9.5");
    keys(&mut app, "uu");
    assert_eq!(app.ws, fixture());
    // Profile lines are not figures.
    keys(&mut app, "1gj");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.overlay, Overlay::None);
}

#[test]
fn a_backup_already_there_is_kept_once_as_bak_1_and_said_so() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ws.json");
    budget_workbench::store::save(&fixture(), &path).unwrap();
    let own_bak = budget_workbench::store::backup_path(&path);
    std::fs::write(&own_bak, "the user's own backup").unwrap();
    let mut app = app_with(fixture(), Some(path.clone()), false);
    keys(&mut app, "4jja");
    ctrl(&mut app, 's');
    let message = app.message.clone().unwrap().text;
    assert!(message.contains("ws.json.bak.1"), "{message}");
    let kept = dir.path().join("ws.json.bak.1");
    assert_eq!(
        std::fs::read_to_string(&kept).unwrap(),
        "the user's own backup"
    );
    // Later saves of the session keep rotating only their own backup.
    keys(&mut app, "a");
    ctrl(&mut app, 's');
    assert!(!app.message.clone().unwrap().text.contains(".bak.1"));
    assert_eq!(
        std::fs::read_to_string(&kept).unwrap(),
        "the user's own backup"
    );
}
