//! What a reviewer saw on the sample (issue 12): each test drives the workbench with keys
//! and looks at the drawn screen, cells and colours included.

use budget_workbench::model::Place;
use budget_workbench::model::Workspace;
use budget_workbench::review::Severity;
use budget_workbench::tui::app::{App, Overlay};
use budget_workbench::tui::config;
use budget_workbench::tui::i18n::Lang;
use budget_workbench::tui::keymap::{Action, Key, Keymap, TabId};
use budget_workbench::tui::theme::Theme;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};

#[path = "support/tui.rs"]
mod tui_support;
use tui_support::{buffer, ctrl, keys, line, press, screen};

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

fn app_with(ws: Workspace, lang: Lang, read_only: bool, color: bool) -> App {
    private_journals();
    App::new(
        ws,
        Some("fagaiju-2021.json".into()),
        lang,
        read_only,
        Theme::new(color, false),
        Keymap::default(),
    )
}

/// The embedded sample (the real 2021 发改局 document), in colour.
fn sample_app() -> App {
    app_with(budget_workbench::store::sample(), Lang::Zh, false, true)
}

/// A search that finds nothing: an error on the status line.
fn search_for_nothing(app: &mut App) {
    keys(app, "/");
    keys(app, "不存在的文字");
    press(app, KeyCode::Enter);
}

/// The last row of the screen drawn as a selected row (the table right of any list).
fn selected_y(app: &App, buf: &Buffer) -> u16 {
    let bg = app.theme.selected_row.bg.unwrap();
    (0..buf.area.height)
        .rev()
        .find(|&y| (0..buf.area.width).any(|x| buf[(x, y)].bg == bg))
        .expect("a selected row")
}

/// The mark of the selected row of the rightmost table: the cell right of its left border.
fn selected_mark(app: &App, buf: &Buffer) -> (String, Color) {
    let y = selected_y(app, buf);
    let border = (0..buf.area.width - 1)
        .rev()
        .find(|&x| buf[(x, y)].symbol() == "│")
        .expect("a table border");
    let cell = &buf[(border + 1, y)];
    (cell.symbol().to_string(), cell.fg)
}

/// The screen with colours: each run of cells in one style is prefixed `{fg/bg/mods}`.
fn coloured(buf: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut last = None;
        let mut x = 0;
        while x < buf.area.width {
            let cell = &buf[(x, y)];
            let style = (cell.fg, cell.bg, cell.modifier);
            if last != Some(style) {
                let mods = if cell.modifier.is_empty() {
                    String::new()
                } else {
                    format!("/{:?}", cell.modifier)
                };
                out.push_str(&format!("{{{:?}/{:?}{mods}}}", cell.fg, cell.bg));
                last = Some(style);
            }
            let symbol = cell.symbol();
            out.push_str(symbol);
            x += unicode_width::UnicodeWidthStr::width(symbol).max(1) as u16;
        }
        out.push('\n');
    }
    out
}

// ----- marks -----

#[test]
fn matrix_rows_are_marked_by_their_worst_finding_not_all_red() {
    let mut app = sample_app();
    // An indicator whose only findings are infos, and one whose worst is a warning.
    for wanted in [Severity::Info, Severity::Warning] {
        let pointer = app
            .findings
            .iter()
            .map(|f| f.pointer.as_str())
            .filter(|p| p.contains("/matrix/") && p.contains("/indicators/"))
            .map(|p| {
                let end = p.find("/indicators/").unwrap() + "/indicators/".len();
                let digits = p[end..].split('/').next().unwrap();
                p[..end + digits.len()].parse::<Place>().unwrap()
            })
            .find(|p| app.worst_under(p) == Some(wanted))
            .expect("the sample has such an indicator");
        assert!(app.goto_pointer(&pointer), "{pointer}");
        let buf = buffer(&app, 120, 40);
        let (mark, fg) = selected_mark(&app, &buf);
        let expected = if wanted == Severity::Info { "i" } else { "*" };
        assert_eq!(mark, expected, "{pointer}\n{}", screen(&buf));
        assert_ne!(fg, Color::Red, "{pointer}: not drawn as an error");
    }
}

#[test]
fn both_of_two_duplicate_indicators_are_marked() {
    let mut app = sample_app();
    let repeats: Vec<String> = app
        .findings
        .iter()
        .filter(|f| f.rule == "id.duplicate_indicator")
        .map(|f| f.pointer.as_str().trim_end_matches("/name").to_string())
        .collect();
    assert!(!repeats.is_empty());
    for repeat in repeats {
        let (list, index) = repeat.rsplit_once('/').unwrap();
        let index: usize = index.parse().unwrap();
        // The first of the pair: the earlier row with the same name.
        let name = |i: usize| {
            let p = format!("{list}/{i}/name");
            let value: serde_json::Value = serde_json::to_value(&app.ws).unwrap();
            value
                .pointer(&p)
                .and_then(|v| v.as_str())
                .unwrap()
                .to_string()
        };
        let first = (0..index).find(|&i| name(i) == name(index)).unwrap();
        let first_pointer = format!("{list}/{first}");
        assert!(app.goto_pointer(&first_pointer.parse().unwrap()));
        let buf = buffer(&app, 120, 40);
        assert_eq!(
            selected_mark(&app, &buf).0,
            "*",
            "{first_pointer} repeats as {repeat}:\n{}",
            screen(&buf)
        );
    }
}

// ----- editing keeps the row readable -----

#[test]
fn editing_a_threshold_keeps_the_rest_of_the_row() {
    let mut app = sample_app();
    keys(&mut app, "4jj");
    app.act(Action::Right);
    app.act(Action::Right);
    let before = line(&buffer(&app, 120, 40), 0, 5);
    press(&mut app, KeyCode::Enter);
    assert!(matches!(app.overlay, Overlay::Editor { .. }));
    let after = line(&buffer(&app, 120, 40), 0, 5);
    // 中, 差 (and the row's name) are still there while 良 is edited.
    for standard in ["≥90%", "<90%"] {
        assert!(before.contains(standard), "{before}");
        assert!(after.contains(standard), "{after}");
    }
}

// ----- the detail line on every screen -----

#[test]
fn every_screen_explains_a_flagged_row() {
    let mut app = sample_app();
    for &tab in TabId::ALL {
        let Some(f) = app
            .findings
            .iter()
            .find(|f| {
                let mut probe = sample_app();
                probe.goto_pointer(&f.pointer) && probe.tab == tab
            })
            .cloned()
        else {
            continue;
        };
        assert!(app.goto_pointer(&f.pointer));
        let text = screen(&buffer(&app, 120, 40));
        let start: String = f.message_zh.chars().take(12).collect();
        assert!(
            text.contains(&start),
            "{tab:?}: {} not explained:\n{text}",
            f.pointer
        );
    }
    // 概览 and 三公 have flagged rows in the sample.
    assert!(
        app.findings
            .iter()
            .any(|f| f.pointer.as_str().starts_with("/overview"))
    );
}

// ----- 80×24 -----

#[test]
fn cut_labels_stay_distinct_and_numbers_stay_whole() {
    let mut app = sample_app();
    keys(&mut app, "2");
    let text = screen(&buffer(&app, 80, 24));
    let labels: Vec<&str> = text
        .lines()
        .filter(|l| l.contains("公务用车"))
        .map(|l| l.split_whitespace().nth(1).unwrap_or(""))
        .collect();
    assert!(labels.len() >= 2, "{text}");
    let mut unique = labels.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(
        unique.len(),
        labels.len(),
        "labels cut alike: {labels:?}\n{text}"
    );
    for tab in ["1", "2", "3", "4", "5", "6"] {
        keys(&mut app, tab);
        let text = screen(&buffer(&app, 80, 24));
        let cut_number = text.lines().find(|l| {
            l.contains(|c: char| c.is_ascii_digit()) && {
                let chars: Vec<char> = l.chars().collect();
                chars
                    .windows(2)
                    .any(|w| (w[0].is_ascii_digit() || w[0] == '.') && w[1] == '…')
            }
        });
        assert_eq!(cut_number, None, "tab {tab}:\n{text}");
    }
}

#[test]
fn a_wide_terminal_gives_the_room_to_names() {
    let mut app = sample_app();
    keys(&mut app, "3");
    let narrow = screen(&buffer(&app, 120, 40));
    let wide = screen(&buffer(&app, 200, 60));
    let name = "洁净煤推广区级补贴";
    assert!(!narrow.contains(name) || narrow.contains(name));
    assert!(wide.contains(name), "{wide}");
    // The list is wider than the fixed 38 columns of before.
    let list_w = wide.lines().nth(1).unwrap().find("┐").unwrap();
    assert!(list_w > 38 * 3, "{wide}");
}

#[test]
fn amounts_name_their_unit_and_line_up_their_points() {
    let mut app = sample_app();
    for tab in ["1", "2", "3", "6"] {
        keys(&mut app, tab);
        let text = screen(&buffer(&app, 120, 40));
        assert!(text.contains("万元"), "tab {tab}:\n{text}");
    }
    keys(&mut app, "3");
    let buf = buffer(&app, 120, 40);
    // In the project list every figure with a decimal point has it in the same column.
    // The list ends above the spending-plan chart (the last 8 rows of the body).
    let points: Vec<u16> = (3..buf.area.height - 11)
        .filter_map(|y| {
            (1..40u16).find(|&x| {
                buf[(x, y)].symbol() == "."
                    && buf[(x - 1, y)].symbol().chars().all(|c| c.is_ascii_digit())
                    && buf[(x + 1, y)].symbol().chars().all(|c| c.is_ascii_digit())
            })
        })
        .collect();
    assert!(points.len() >= 3, "{}", screen(&buf));
    assert!(points.windows(2).all(|w| w[0] == w[1]), "{points:?}");
}

#[test]
fn prior_year_is_filled_where_the_text_states_it() {
    let mut app = sample_app();
    keys(&mut app, "2");
    let text = screen(&buffer(&app, 120, 40));
    // 公务接待费 1.5万元，与上年持平: the prior year is 1.5 as well.
    let row = text
        .lines()
        .find(|l| l.starts_with("│ 公务接待费"))
        .unwrap();
    assert_eq!(row.matches("1.5").count(), 2, "{row}");
}

// ----- status and detail lines -----

#[test]
fn an_error_on_the_status_line_goes_after_the_next_key() {
    let mut app = sample_app();
    search_for_nothing(&mut app);
    assert!(app.message.as_ref().is_some_and(|m| m.error));
    keys(&mut app, "j");
    assert!(
        !app.message.as_ref().is_some_and(|m| m.error),
        "{:?}",
        app.message
    );
}

#[test]
fn the_matrix_says_how_a_standard_was_read() {
    let mut app = sample_app();
    keys(&mut app, "4jj");
    app.act(Action::Right);
    let text = screen(&buffer(&app, 120, 40));
    assert!(text.contains("标准读作 ≥ 100%"), "{text}");
}

#[test]
fn a_cut_table_says_how_many_rows_are_below() {
    let mut app = sample_app();
    keys(&mut app, "4");
    let text = screen(&buffer(&app, 80, 24));
    let rows = app.screen().len(&app.ctx);
    assert!(text.contains("↓ 还有"), "{text}");
    let shown: usize = text
        .split("↓ 还有 ")
        .nth(1)
        .and_then(|s| s.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap();
    assert!(shown > 0 && shown < rows);
}

// ----- colour -----

#[test]
fn no_red_on_cyan_and_no_dark_grey_on_blue() {
    let mut app = sample_app();
    search_for_nothing(&mut app);
    for tab in ["1", "2", "3", "l", "j", "4", "j", "j", "5", "6"] {
        let before = app.message.clone();
        keys(&mut app, tab);
        app.message = before;
        let buf = buffer(&app, 120, 40);
        for cell in buf.content() {
            assert!(
                !(cell.fg == Color::Red && cell.bg == Color::Cyan),
                "red on cyan after {tab}:\n{}",
                coloured(&buf)
            );
            assert!(
                !(cell.fg == Color::DarkGray && cell.bg == Color::Blue),
                "dark grey on blue after {tab}:\n{}",
                coloured(&buf)
            );
        }
    }
}

#[test]
fn the_three_public_header_is_not_drawn_as_a_selection() {
    let mut app = app_with(budget_workbench::store::sample(), Lang::Zh, false, false);
    keys(&mut app, "2");
    let buf = buffer(&app, 80, 24);
    let selected = app.theme.selected_row.add_modifier;
    // The header line (y 2) carries none of the selection's marks; the first row does.
    let header: Vec<Modifier> = (2..40).map(|x| buf[(x, 2)].modifier).collect();
    assert!(header.iter().all(|m| !m.contains(selected)), "{header:?}");
    assert!((2..40).any(|x| buf[(x, 3)].modifier.contains(selected)));
}

#[test]
fn coloured_snapshots_show_the_selection() {
    for (tab, moves) in [
        ("1", "jj"),
        ("2", "j"),
        ("3", "lj"),
        ("4", "jjl"),
        ("5", "j"),
        ("6", "jl"),
    ] {
        let mut app = sample_app();
        keys(&mut app, tab);
        keys(&mut app, moves);
        let buf = buffer(&app, 80, 24);
        insta::assert_snapshot!(format!("coloured_{}", app.tab.slug()), coloured(&buf));
    }
}

// ----- English -----

#[test]
fn english_mode_is_english_and_cuts_between_words() {
    let mut app = app_with(budget_workbench::store::sample(), Lang::En, false, true);
    keys(&mut app, "5");
    let text = screen(&buffer(&app, 120, 40));
    for zh in ["预算总体情况", "级别", "位置", "说明", "筛选"] {
        assert!(!text.contains(zh), "{zh} in English mode:\n{text}");
    }
    assert!(text.contains("Location"), "{text}");
    // A label cut on a narrow screen ends at a word, not inside one.
    keys(&mut app, "1");
    let text = screen(&buffer(&app, 80, 24));
    assert!(!text.contains("…ment"), "{text}");
    assert!(!text.contains("Depar…"), "{text}");
}

#[test]
fn file_open_errors_follow_the_language_and_suggest_import() {
    let dir = tempfile::tempdir().unwrap();
    let txt = dir.path().join("说明.txt");
    std::fs::write(&txt, "部门预算情况说明").unwrap();
    for (lang, directory, import) in [
        (Lang::Zh, "目录中没有工作区文件", "budget-workbench import"),
        (Lang::En, "no workspace files", "import it first"),
    ] {
        let mut app = app_with(budget_workbench::store::sample(), lang, false, true);
        // A directory opens as a portfolio; this one has no workspace.
        keys(&mut app, ":");
        keys(&mut app, &format!("e {}", dir.path().display()));
        press(&mut app, KeyCode::Enter);
        let message = app.message.clone().unwrap();
        assert!(
            message.error && message.text.contains(directory),
            "{message:?}"
        );
        assert!(app.portfolio_shown().is_some());
        keys(&mut app, ":");
        keys(&mut app, &format!("e {}", txt.display()));
        press(&mut app, KeyCode::Enter);
        let message = app.message.clone().unwrap();
        assert!(message.text.contains(import), "{message:?}");
    }
}

// ----- hints and keys -----

#[test]
fn the_hint_line_fits_the_mode_and_names_the_row_keys() {
    let mut app = app_with(budget_workbench::store::sample(), Lang::Zh, true, true);
    keys(&mut app, "3");
    let buf = buffer(&app, 200, 60);
    let hint = line(&buf, 0, 59);
    for refused in ["编辑", "撤销", "保存", "加指标行", "删除"] {
        assert!(
            !hint.contains(refused),
            "read-only hint offers {refused}: {hint}"
        );
    }
    let mut app = sample_app();
    keys(&mut app, "3");
    let hint = line(&buffer(&app, 200, 60), 0, 59);
    for offered in ["a 加指标行", "A 加项目/活动", "d 删除", "w 切换列表/表格"] {
        assert!(hint.contains(offered), "{offered} missing: {hint}");
    }
}

#[test]
fn popup_keys_come_from_the_keymap() {
    let mut loaded = config::Loaded {
        keymap: Keymap::default(),
        theme: Theme::new(true, false),
        osc52: false,
        problems: Vec::new(),
    };
    config::apply_text(
        &mut loaded,
        r#"{"keys": {"yes": "J", "no": "K"}}"#,
        "c.json",
    );
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    private_journals();
    let mut app = App::new(
        budget_workbench::store::sample(),
        None,
        Lang::Zh,
        false,
        loaded.theme,
        loaded.keymap,
    );
    keys(&mut app, "3");
    keys(&mut app, "d");
    let hint = line(&buffer(&app, 120, 40), 0, 39);
    assert!(hint.contains("J 是") && hint.contains("K 否"), "{hint}");
    let projects = app.ws.performance.projects.len();
    keys(&mut app, "y");
    assert!(
        matches!(app.overlay, Overlay::Confirm(_)),
        "y is no longer yes"
    );
    app.handle_key(KeyEvent::new(KeyCode::Char('J'), KeyModifiers::SHIFT));
    assert_eq!(app.ws.performance.projects.len(), projects - 1);
}

#[test]
fn config_refuses_a_key_bound_twice_and_reads_alt_with_shift() {
    let mut loaded = config::Loaded {
        keymap: Keymap::default(),
        theme: Theme::new(true, false),
        osc52: false,
        problems: Vec::new(),
    };
    config::apply_text(
        &mut loaded,
        r#"{"keys": {"undo": "q", "bottom": ["alt-G", "G"]}}"#,
        "c.json",
    );
    assert!(
        loaded
            .problems
            .iter()
            .any(|p| p.contains("undo") && p.contains("quit")),
        "{:?}",
        loaded.problems
    );
    assert_eq!(
        loaded.keymap.action(TabId::Summary, Key::ch('q')),
        Some(Action::Quit)
    );
    assert_eq!(
        loaded.keymap.action(TabId::Summary, Key::ch('u')),
        Some(Action::Undo)
    );
    let alt_g = Key {
        code: KeyCode::Char('G'),
        ctrl: false,
        alt: true,
    };
    assert_eq!(Key::parse("alt-G"), Some(alt_g));
    assert_eq!(
        loaded.keymap.action(TabId::Summary, alt_g),
        Some(Action::Bottom)
    );
    // Ctrl takes the lower-case letter terminals report.
    assert_eq!(Key::parse("ctrl-R"), Some(Key::ctrl('r')));
    let _ = ctrl;
}

// ----- itemised goals -----

#[test]
fn the_headline_error_lands_on_a_screen_with_both_figures() {
    let mut app = sample_app();
    keys(&mut app, "5");
    let row = app
        .screens
        .findings
        .filtered
        .iter()
        .position(|&i| app.findings[i].message_zh.contains("216.4239"))
        .expect("the seed's 洁净煤 finding");
    for _ in 0..row {
        keys(&mut app, "j");
    }
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.tab, TabId::Goals);
    let buf = buffer(&app, 80, 24);
    let selected = line(&buf, 0, selected_y(&app, &buf));
    assert!(
        selected.contains("220") && selected.contains("216.4239"),
        "{selected}\n{}",
        screen(&buf)
    );
    assert!(selected.contains("洁净型煤"), "{selected}");
    // And back to the finding.
    ctrl(&mut app, 'o');
    assert_eq!(app.tab, TabId::Findings);
    assert_eq!(app.screen().row(), row);
}

// ----- conventions from vim, less and lazygit -----

#[test]
fn half_pages_pages_and_ends_move_the_cursor() {
    let mut app = sample_app();
    keys(&mut app, "4");
    let _ = buffer(&app, 120, 40);
    let page = app.screen().page();
    ctrl(&mut app, 'd');
    assert_eq!(app.screen().row(), page / 2);
    ctrl(&mut app, 'u');
    assert_eq!(app.screen().row(), 0);
    press(&mut app, KeyCode::PageDown);
    assert_eq!(app.screen().row(), page);
    press(&mut app, KeyCode::End);
    assert_eq!(app.screen().row(), app.screen().len(&app.ctx) - 1);
    press(&mut app, KeyCode::Home);
    assert_eq!(app.screen().row(), 0);
}

#[test]
fn search_counts_matches_highlights_them_and_repeats_when_empty() {
    let mut app = sample_app();
    keys(&mut app, "4/");
    keys(&mut app, "规划编制");
    press(&mut app, KeyCode::Enter);
    let text = app.message.clone().unwrap().text;
    let (k, n) = text
        .rsplit(' ')
        .find_map(|w| w.split_once('/'))
        .map(|(k, n)| (k.parse::<usize>().unwrap(), n.parse::<usize>().unwrap()))
        .unwrap();
    assert_eq!(k, 1, "{text}");
    assert!(n >= 2, "{text}");
    let first = app.screen().row();
    let buf = buffer(&app, 120, 40);
    let highlighted = buf
        .content()
        .iter()
        .filter(|c| c.bg == app.theme.highlight.bg.unwrap())
        .count();
    assert!(highlighted > 0, "{}", coloured(&buf));
    // `/` then Enter on an empty line: the next match.
    keys(&mut app, "/");
    press(&mut app, KeyCode::Enter);
    assert!(app.screen().row() > first);
    assert!(
        app.message
            .clone()
            .unwrap()
            .text
            .contains(&format!("2/{n}"))
    );
    // Esc clears the highlight.
    press(&mut app, KeyCode::Esc);
    let buf = buffer(&app, 120, 40);
    assert!(
        buf.content()
            .iter()
            .all(|c| c.bg != app.theme.highlight.bg.unwrap())
    );
}

#[test]
fn esc_cancels_the_prompts_and_questions() {
    let mut app = sample_app();
    for open in ["/", ":", "S"] {
        keys(&mut app, open);
        assert!(matches!(app.overlay, Overlay::Prompt { .. }), "{open}");
        keys(&mut app, "abc");
        press(&mut app, KeyCode::Esc);
        assert_eq!(app.overlay, Overlay::None, "{open}");
    }
    keys(&mut app, "3d");
    assert!(matches!(app.overlay, Overlay::Confirm(_)));
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.overlay, Overlay::None);
    assert!(!app.modified());
}

#[test]
fn the_command_line_saves_opens_sorts_and_quits() {
    let dir = tempfile::tempdir().unwrap();
    let first = dir.path().join("a.json");
    let second = dir.path().join("b.json");
    let sample = budget_workbench::store::sample();
    budget_workbench::store::save(&sample, &first).unwrap();
    budget_workbench::store::save(&sample, &second).unwrap();
    private_journals();
    let mut app = App::new(
        budget_workbench::store::load(&first).unwrap(),
        Some(first.clone()),
        Lang::Zh,
        false,
        Theme::new(true, false),
        Keymap::default(),
    );
    // An edit, then :w writes it.
    keys(&mut app, "4jjl");
    press(&mut app, KeyCode::Enter);
    keys(&mut app, "9");
    press(&mut app, KeyCode::Enter);
    assert!(app.modified());
    keys(&mut app, ":w");
    press(&mut app, KeyCode::Enter);
    assert!(!app.modified(), "{:?}", app.message);
    let saved = budget_workbench::store::load(&first).unwrap();
    assert_eq!(saved, app.ws);
    // :e refuses while there are unsaved edits (and does not quit); :e opens another file.
    keys(&mut app, "u:");
    keys(&mut app, &format!("e {}", second.display()));
    press(&mut app, KeyCode::Enter);
    assert!(!app.quit && app.overlay == Overlay::None);
    assert!(
        app.message.clone().unwrap().text.contains(":e!"),
        "{:?}",
        app.message
    );
    assert_eq!(app.path.as_deref(), Some(first.as_path()));
    keys(&mut app, ":w");
    press(&mut app, KeyCode::Enter);
    keys(&mut app, ":");
    keys(&mut app, &format!("e {}", second.display()));
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.path.as_deref(), Some(second.as_path()));
    assert_eq!(app.ws, sample);
    // :sort orders the project list by amount, largest first.
    keys(&mut app, "3:sort");
    press(&mut app, KeyCode::Enter);
    keys(&mut app, "g");
    let top = app.screens.projects.project;
    let largest = app
        .ws
        .performance
        .projects
        .iter()
        .enumerate()
        .max_by_key(|(_, p)| p.budget.total.as_ref().and_then(|a| a.value()))
        .unwrap()
        .0;
    assert_eq!(top, largest);
    // The same sort again: document order. The findings sort by severity, errors first.
    keys(&mut app, ":sort");
    press(&mut app, KeyCode::Enter);
    keys(&mut app, "g");
    assert_eq!(app.screens.projects.project, 0);
    keys(&mut app, "5:sort");
    press(&mut app, KeyCode::Enter);
    let severities: Vec<Severity> = app
        .screens
        .findings
        .filtered
        .iter()
        .map(|&i| app.findings[i].severity)
        .collect();
    assert!(severities.is_sorted(), "{severities:?}");
    assert_eq!(severities[0], Severity::Error);
    // :wq with nothing to save quits; :q with edits asks first.
    let mut editing = sample_app();
    keys(&mut editing, "4jjl");
    press(&mut editing, KeyCode::Enter);
    keys(&mut editing, "9");
    press(&mut editing, KeyCode::Enter);
    keys(&mut editing, ":q");
    press(&mut editing, KeyCode::Enter);
    assert!(!editing.quit);
    assert!(matches!(editing.overlay, Overlay::Confirm(_)));
    keys(&mut app, ":wq");
    press(&mut app, KeyCode::Enter);
    assert!(app.quit);
}

#[test]
fn y_copies_and_the_terminal_clipboard_only_when_enabled() {
    let mut app = sample_app();
    keys(&mut app, "4jjl");
    keys(&mut app, "y");
    assert_eq!(app.clipboard.as_deref(), Some("≥100%"));
    assert_eq!(app.osc52_pending, None);
    let mut loaded = config::Loaded {
        keymap: Keymap::default(),
        theme: Theme::new(true, false),
        osc52: false,
        problems: Vec::new(),
    };
    config::apply_text(&mut loaded, r#"{"osc52": true}"#, "c.json");
    assert!(loaded.osc52 && loaded.problems.is_empty());
    app.osc52 = loaded.osc52;
    keys(&mut app, "y");
    assert_eq!(app.osc52_pending.as_deref(), Some("≥100%"));
}

#[test]
fn save_as_expands_home_and_completes_paths() {
    let home = tempfile::tempdir().unwrap();
    std::fs::create_dir(home.path().join("reviews")).unwrap();
    std::fs::write(home.path().join("reviews").join("fagaiju-2021.json"), "{}").unwrap();
    // SAFETY: this binary's tests read HOME only here.
    unsafe { std::env::set_var("HOME", home.path()) };
    let mut app = sample_app();
    keys(&mut app, "S");
    // The prompt starts from the current name; clear it, type a start and complete.
    ctrl(&mut app, 'u');
    keys(&mut app, "~/rev");
    press(&mut app, KeyCode::Tab);
    keys(&mut app, "new.json");
    let Overlay::Prompt { editor, .. } = &app.overlay else {
        panic!("{:?}", app.overlay);
    };
    assert_eq!(editor.text(), "~/reviews/new.json");
    press(&mut app, KeyCode::Enter);
    assert!(
        home.path().join("reviews").join("new.json").exists(),
        "{:?}",
        app.message
    );
}

#[test]
fn a_failed_undo_says_so() {
    let mut app = sample_app();
    keys(&mut app, "3");
    keys(&mut app, "a");
    assert!(app.modified());
    // The project the edit was in is gone behind the history's back.
    app.ws.performance.projects.clear();
    keys(&mut app, "u");
    let message = app.message.clone().unwrap();
    assert!(
        message.error && message.text.contains("撤销失败"),
        "{message:?}"
    );
}

// ----- charts -----

#[test]
fn charts_carry_their_numbers_at_80_columns() {
    let mut app = sample_app();
    keys(&mut app, "3");
    let text = screen(&buffer(&app, 80, 24));
    // The first project's plan: 0% in March, June and October, 100.00% in December.
    let plan: Vec<&str> = text
        .lines()
        .filter(|l| {
            ["3月", "6月", "10月", "12月"]
                .iter()
                .any(|m| l.starts_with(&format!("│{m}")))
        })
        .collect();
    assert_eq!(plan.len(), 4, "{text}");
    assert!(plan[3].contains("100.00%"), "{text}");
    keys(&mut app, "1");
    let text = screen(&buffer(&app, 80, 24));
    let personnel = text
        .lines()
        .find(|l| l.contains("人员经费  580.17"))
        .unwrap();
    // The value and its share of the composition.
    assert!(personnel.contains("42.1%"), "{personnel}");
}

/// The 三公 screen's cross-check with 机关运行经费 is the review's `cross.mismatch`: the same
/// items and the same verdict. A difference within rounding (9 against 9.004) agrees, as the
/// rule says; 三公 below the running-cost figure is the rule's error.
#[test]
fn the_three_public_panel_gives_the_reviews_verdict() {
    use budget_workbench::model::Amount;
    use budget_workbench::review::cross::shared_pairs;
    use budget_workbench::tui::edit::figure_mut;
    let mut ws = budget_workbench::store::sample();
    let pairs: Vec<(Place, Place)> = shared_pairs(&ws)
        .iter()
        .map(|p| {
            let side =
                |s: &Option<(_, Place)>| s.as_ref().expect("the sample has both").1.key("amount");
            (side(&p.three_public), side(&p.running))
        })
        .collect();
    assert_eq!(pairs.len(), 2);
    let mut set = |place: &Place, text: &str| {
        *figure_mut(&mut ws, place).expect("an amount") = Some(Amount::parse(text));
    };
    set(&pairs[0].0, "9.004");
    set(&pairs[0].1, "9");
    set(&pairs[1].0, "3");
    set(&pairs[1].1, "5");
    let mut app = app_with(ws, Lang::Zh, false, true);
    let on = |app: &App, place: &Place| {
        app.findings
            .iter()
            .filter(|f| f.rule == "cross.mismatch" && f.pointer == *place)
            .map(|f| f.severity)
            .collect::<Vec<_>>()
    };
    assert_eq!(on(&app, &pairs[0].0), []);
    assert_eq!(on(&app, &pairs[1].0), [Severity::Error]);
    keys(&mut app, "2");
    let buf = buffer(&app, 120, 40);
    let text = screen(&buf);
    let verdicts: Vec<(String, Option<Color>)> = (0..40)
        .filter_map(|y| {
            // The panel's verdict lines: `│ = 一致`.
            let l = line(&buf, 0, y);
            let at = l.find("│ = ")?;
            let word = l[at + "│ = ".len()..].split([' ', '│']).next()?.to_string();
            let x = (0..120).rev().find(|&x| buf[(x, y)].symbol() == "=")?;
            Some((word, Some(buf[(x + 2, y)].fg)))
        })
        .collect();
    assert_eq!(verdicts.len(), 2, "{text}");
    assert_eq!(verdicts[0].0, "一致", "{text}");
    assert_eq!(verdicts[1].0, "不一致", "{text}");
    assert_eq!(
        verdicts[1].1,
        Some(Color::Red),
        "the rule's severity colour"
    );
    assert!(text.contains("9.004"), "{text}");
    // On the flagged row the detail line names both sides.
    assert!(app.goto_pointer(&pairs[1].0));
    let text = screen(&buffer(&app, 120, 40));
    assert!(
        text.contains("公务用车运行维护经费 3 vs 机关运行经费 · "),
        "{text}"
    );
}

/// Help on 检查 ends with the review's rules, from the registry, in the UI language.
#[test]
fn help_on_the_findings_screen_lists_the_rules() {
    for (lang, title) in [
        (Lang::Zh, "合计与各项之和不符"),
        (Lang::En, "Total differs from its parts"),
    ] {
        let mut app = app_with(budget_workbench::store::sample(), lang, false, false);
        keys(&mut app, "5?");
        let text = screen(&buffer(&app, 200, 60));
        assert!(text.contains("sum.mismatch"), "{text}");
        assert!(text.contains(title), "{text}");
        // Other screens' help has no rules.
        press(&mut app, KeyCode::Esc);
        keys(&mut app, "1?");
        assert!(!screen(&buffer(&app, 200, 60)).contains("sum.mismatch"));
    }
}
