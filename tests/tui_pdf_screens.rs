//! 报表 and 原文 on a PDF-imported workspace (长春 信访局 2026): coloured snapshots at 80×24 and
//! 120×40 in both languages, folding, `o` opening the source at the printed page and line, a
//! finding on a table cell marked and followed, and the empty states of the embedded sample.
//! Re-take snapshots with `INSTA_UPDATE=always` and review by eye.

use std::sync::OnceLock;

use budget_workbench::model::Workspace;
use budget_workbench::review::{Finding, Section, Severity};
use budget_workbench::tui::app::App;
use budget_workbench::tui::i18n::Lang;
use budget_workbench::tui::keymap::{Keymap, TabId};
use budget_workbench::tui::theme::Theme;
use budget_workbench::tui::ui;
use crossterm::event::KeyCode;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Color;

#[path = "support/tui.rs"]
mod tui_support;
use tui_support::{buffer, keys, press, screen};

fn import(name: &str) -> Workspace {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/pdf")
        .join(name);
    budget_workbench::import::import_file(&path)
        .expect("imports")
        .workspace
}

/// The imported workspace, read once for all tests of this file.
fn changchun() -> Workspace {
    static WS: OnceLock<Workspace> = OnceLock::new();
    WS.get_or_init(|| import("changchun-xinfang-2026.pdf"))
        .clone()
}

fn app_with(ws: Workspace, lang: Lang) -> App {
    App::new(
        ws,
        Some("cc.json".into()),
        lang,
        false,
        Theme::new(true, false),
        Keymap::default(),
    )
}

/// The screen as text, then the same rows as colour codes: `s` selected row, `C` selected
/// cell, `h` highlight, `r`/`y`/`c` red/yellow/cyan text, `.` anything else.
fn render(app: &App, w: u16, h: u16) -> String {
    let buf = buffer(app, w, h);
    let text = screen(&buf);
    let mut colours = String::new();
    for y in 0..h {
        for x in 0..w {
            let cell = &buf[(x, y)];
            colours.push(match (cell.bg, cell.fg) {
                (Color::Blue, _) => 's',
                (Color::Yellow, _) => 'C',
                (Color::Magenta, _) => 'h',
                (_, Color::Red | Color::LightRed) => 'r',
                (_, Color::Yellow) => 'y',
                (_, Color::Cyan) => 'c',
                _ => '.',
            });
        }
        colours.push('\n');
    }
    format!("{text}\n{colours}")
}

/// The table of `kind` and its row whose first code or name cell is `text`.
fn find_row(ws: &Workspace, kind: &str, text: &str) -> (usize, usize) {
    let t = ws
        .tables
        .iter()
        .position(|t| format!("{:?}", t.kind) == kind)
        .expect("table");
    let r = ws.tables[t]
        .rows
        .iter()
        .position(|r| (0..2).any(|c| r.text(c).trim() == text))
        .expect("row");
    (t, r)
}

/// Moves the 报表 screen's cursor to table `t`, row `r` by keys.
fn walk_to(app: &mut App, t: usize, r: usize) {
    keys(app, "7g");
    for _ in 0..t {
        keys(app, "j");
    }
    keys(app, "l");
    while app.screens.tables.current_row() != Some(r) {
        let before = app.screens.tables.row;
        keys(app, "j");
        assert_ne!(before, app.screens.tables.row, "row {r} is reachable");
    }
}

#[test]
fn tables_and_source_at_both_sizes_in_both_languages() {
    let ws = changchun();
    let (t, r) = find_row(&ws, "GeneralPublicFunctional", "2014001");
    for lang in [Lang::Zh, Lang::En] {
        for (w, h) in [(80, 24), (120, 40)] {
            let mut app = app_with(ws.clone(), lang);
            keys(&mut app, "7");
            let name = format!("{lang:?}_tables_list_{w}x{h}").to_lowercase();
            insta::assert_snapshot!(name, render(&app, w, h));
            walk_to(&mut app, t, r);
            keys(&mut app, "ll");
            let name = format!("{lang:?}_tables_rows_{w}x{h}").to_lowercase();
            insta::assert_snapshot!(name, render(&app, w, h));
            keys(&mut app, "o");
            let name = format!("{lang:?}_source_{w}x{h}").to_lowercase();
            insta::assert_snapshot!(name, render(&app, w, h));
        }
    }
}

#[test]
fn the_sample_says_tables_and_source_come_with_a_pdf_import() {
    let mut app = app_with(budget_workbench::store::sample(), Lang::Zh);
    keys(&mut app, "7");
    let screen = render(&app, 80, 24);
    assert!(
        screen.contains("本工作区没有报表（从 PDF 导入后可见）"),
        "{screen}"
    );
    keys(&mut app, "8");
    let screen = render(&app, 80, 24);
    assert!(
        screen.contains("本工作区没有原文（从 PDF 导入后可见）"),
        "{screen}"
    );
    insta::assert_snapshot!("sample_source_80x24", screen);
    // `o` on a figure of the sample: nothing is known about where it was printed.
    keys(&mut app, "1jo");
    assert_eq!(app.tab, TabId::Summary);
    let message = app.message.clone().unwrap();
    assert!(
        message.error && message.text.contains("原文"),
        "{message:?}"
    );
}

#[test]
fn a_class_row_folds_its_kuan_and_xiang_rows() {
    let ws = changchun();
    let (t, r) = find_row(&ws, "GeneralPublicFunctional", "201");
    let mut app = app_with(ws.clone(), Lang::Zh);
    walk_to(&mut app, t, r);
    let shown = app.screens.tables.visible.clone();
    let code = |r: usize| ws.tables[t].rows[r].text(0).trim().to_string();
    assert!(shown.iter().any(|&v| code(v) == "20140"));
    keys(&mut app, "z");
    let folded = app.screens.tables.visible.clone();
    assert!(folded.len() < shown.len(), "rows hidden");
    assert!(folded.contains(&r), "the 类 row stays");
    assert!(
        !folded
            .iter()
            .any(|&v| code(v).starts_with("201") && code(v).len() > 3),
        "its 款 and 项 rows are hidden: {folded:?}"
    );
    assert_eq!(app.screens.tables.current_row(), Some(r));
    let screen = render(&app, 80, 24);
    assert!(screen.contains("+一般公共服务支出"), "{screen}");
    // Again unfolds; `z` on a 项 row folds the 款 it belongs to, Space unfolds it.
    keys(&mut app, "z");
    assert_eq!(app.screens.tables.visible, shown);
    keys(&mut app, "jjz");
    let kuan = r + 1;
    assert_eq!(code(kuan), "20140");
    assert_eq!(app.screens.tables.current_row(), Some(kuan));
    let by_kuan = app.screens.tables.visible.clone();
    assert!(by_kuan.contains(&kuan) && !by_kuan.contains(&(kuan + 1)));
    assert!(by_kuan.len() > folded.len());
    press(&mut app, KeyCode::Char(' '));
    assert_eq!(app.screens.tables.visible, shown);
}

#[test]
fn o_opens_the_source_at_the_printed_page_and_line() {
    let ws = changchun();
    let (t, r) = find_row(&ws, "GeneralPublicFunctional", "2014001");
    let row = ws.tables[t].rows[r].clone();
    let mut app = app_with(ws.clone(), Lang::Zh);
    walk_to(&mut app, t, r);
    keys(&mut app, "o");
    assert_eq!(app.tab, TabId::Source);
    // A row's line is where its first printed piece is (figures wrapped over lines come
    // first): its name is on that line or the two after it.
    let page = ws
        .source
        .pages
        .iter()
        .find(|p| p.number == row.page)
        .unwrap();
    let at = row.line as usize - 1;
    assert!(
        page.lines[at..at + 3]
            .iter()
            .any(|l| l.contains("行政运行")),
        "{:?}",
        &page.lines[at..at + 3]
    );
    let screen = render(&app, 120, 40);
    assert!(
        screen.contains(&format!("第{}页", row.page)),
        "page in the title:\n{screen}"
    );
    let text = app.message.clone().unwrap().text;
    assert!(
        text.contains(&format!("第{}页 第{}行", row.page, row.line)),
        "{text}"
    );
    assert_eq!(
        app.screens.source.opened,
        Some(app.screens.source.row),
        "the line is highlighted"
    );
    // Back, then a prose figure by its provenance.
    press(&mut app, KeyCode::Backspace);
    assert_eq!(app.tab, TabId::Tables);
    let place = ws.provenance["/overview/expenditure/total"];
    assert!(app.goto_pointer(&"/overview/expenditure/total".parse().unwrap()));
    keys(&mut app, "o");
    assert_eq!(app.tab, TabId::Source);
    let text = app.message.clone().unwrap().text;
    assert!(
        text.contains(&format!("第{}页 第{}行", place.page, place.line)),
        "{text}"
    );
    // Searching the source finds text on any page.
    keys(&mut app, "g/");
    keys(&mut app, "信访事务");
    press(&mut app, KeyCode::Enter);
    let screen = render(&app, 80, 24);
    assert!(screen.contains("信访事务"), "{screen}");
}

#[test]
fn a_finding_on_a_table_cell_is_marked_and_followed() {
    let ws = changchun();
    let (t, r) = find_row(&ws, "BasicEconomic", "30101");
    let pointer = budget_workbench::model::Place::table_cell(t, r, 2);
    let mut app = app_with(ws, Lang::Zh);
    // A finding of the table review rules' form (`/tables/{t}/rows/{r}/cells/{c}`).
    app.ctx.findings.push(Finding::new(
        "table.code_sum",
        Severity::Error,
        Section::Document,
        pointer.clone(),
        "预算表6",
        "测试：合计不符".into(),
        "test: total differs".into(),
    ));
    budget_workbench::review::incremental::sort_in_document_order(&mut app.ctx.findings);
    app.screens.refilter(&app.ctx);
    // From the findings screen, Enter goes to the cell.
    keys(&mut app, "5");
    let k = app
        .screens
        .findings
        .filtered
        .iter()
        .position(|&i| app.ctx.findings[i].pointer == pointer)
        .unwrap();
    for _ in 0..k {
        keys(&mut app, "j");
    }
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.tab, TabId::Tables);
    assert_eq!(app.screens.tables.table, t);
    assert_eq!(app.screens.tables.current_row(), Some(r));
    assert_eq!(app.screens.tables.col, 2);
    let screen = render(&app, 120, 40);
    assert!(screen.contains("测试：合计不符"), "detail line:\n{screen}");
    // The cell is drawn in the error colour, its row carries `!`.
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    keys(&mut app, "k");
    terminal.draw(|frame| ui::draw(frame, &app)).unwrap();
    let buf = terminal.backend().buffer();
    let marked = (0..40).any(|y| {
        (0..120).any(|x| buf[(x, y)].symbol() == "!")
            && (0..120).any(|x| buf[(x, y)].fg == Color::Red && buf[(x, y)].symbol() != "!")
    });
    assert!(marked);
    keys(&mut app, "j");
    // Enter on the marked cell: the finding names only this cell.
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.tab, TabId::Tables);
    assert!(app.message.clone().unwrap().text.contains("没有另一侧"));
    // `o` on the finding opens its row's page.
    keys(&mut app, "5o");
    assert_eq!(app.tab, TabId::Source);
}

#[test]
fn every_figure_of_every_table_shows_in_full_at_80_columns() {
    for ws in [changchun(), import("shanghai-xinfang-2026.pdf")] {
        let mut app = app_with(ws.clone(), Lang::Zh);
        keys(&mut app, "7");
        for (t, table) in ws.tables.iter().enumerate() {
            assert!(!app.screens.tables.in_rows);
            keys(&mut app, "g");
            for _ in 0..t {
                keys(&mut app, "j");
            }
            keys(&mut app, "l");
            if table.rows.is_empty() {
                continue;
            }
            for r in 0..table.rows.len().min(8) {
                for c in 0..table.columns.len() {
                    let screen = render(&app, 80, 24);
                    let tables = &app.screens.tables;
                    let (row, col) = (tables.current_row().unwrap(), tables.col);
                    let text = table.rows[row].text(col).trim();
                    if budget_workbench::tui::paint::is_figure(text) {
                        assert!(
                            screen.contains(text),
                            "{} row {row} column {col}: {text}\n{screen}",
                            table.title
                        );
                    }
                    if c + 1 < table.columns.len() {
                        keys(&mut app, "l");
                    }
                }
                while app.screens.tables.col > 0 {
                    keys(&mut app, "h");
                }
                if r + 1 < table.rows.len().min(8) {
                    keys(&mut app, "j");
                }
            }
            while app.screens.tables.in_rows {
                keys(&mut app, "h");
            }
        }
    }
}

/// The same 功能分类 code named differently in two tables: one finding with two sides (a
/// counterpart). The findings screen shows both with their pages; `Enter` there goes to the
/// finding's cell, `Enter` on that cell to the other side, `Enter` there back again, and
/// `Backspace` retraces the jumps.
#[test]
fn enter_follows_a_two_sided_finding_to_both_cells() {
    let mut ws = changchun();
    let (t5, r5) = find_row(&ws, "GeneralPublicFunctional", "2014001");
    let (t3, r3) = find_row(&ws, "ExpenditureSummary", "2014001");
    let name = (0..ws.tables[t5].columns.len())
        .find(|&c| ws.tables[t5].rows[r5].text(c).trim() == "行政运行")
        .expect("the name cell");
    ws.tables[t5].rows[r5].cells[name] =
        Some(budget_workbench::model::Amount::parse("一般行政管理事务"));
    let (page5, page3) = (ws.tables[t5].rows[r5].page, ws.tables[t3].rows[r3].page);
    assert_ne!(
        page5, page3,
        "two pages, so the test can tell the sides apart"
    );
    let mut app = app_with(ws, Lang::Zh);
    let k = app
        .screens
        .findings
        .filtered
        .iter()
        .position(|&i| {
            let f = &app.ctx.findings[i];
            f.rule == "table.code_name" && f.pointer.as_table_row() == Some((t5, r5))
        })
        .expect("the renamed code is found");
    let f = app.ctx.findings[app.screens.findings.filtered[k]].clone();
    let other = f.counterpart.clone().expect("two sides");
    assert_eq!(other.place.as_table_row(), Some((t3, r3)));
    assert_eq!((f.page, other.page), (Some(page5), Some(page3)));

    keys(&mut app, "5");
    for _ in 0..k {
        keys(&mut app, "j");
    }
    let screen = render(&app, 120, 40);
    let sides = format!("第{page5}页 · 2014001 一般行政管理事务 vs ");
    assert!(
        screen.contains(&sides),
        "both sides on the detail line:\n{screen}"
    );
    assert!(
        screen.contains(&format!("第{page3}页 · 2014001 行政运行")),
        "{screen}"
    );

    press(&mut app, KeyCode::Enter);
    let here = |app: &App| {
        (
            app.tab,
            app.screens.tables.table,
            app.screens.tables.current_row(),
        )
    };
    assert_eq!(here(&app), (TabId::Tables, t5, Some(r5)));
    press(&mut app, KeyCode::Enter);
    assert_eq!(here(&app), (TabId::Tables, t3, Some(r3)), "the other side");
    let (_, _, c) = other.place.as_table_cell().unwrap();
    assert_eq!(app.screens.tables.col, c);
    // The other side is marked and explained too.
    let screen = render(&app, 120, 40);
    assert!(screen.contains("一般行政管理事务"), "{screen}");
    press(&mut app, KeyCode::Enter);
    assert_eq!(here(&app), (TabId::Tables, t5, Some(r5)), "and back");
    press(&mut app, KeyCode::Backspace);
    assert_eq!(here(&app), (TabId::Tables, t3, Some(r3)));
    assert_eq!(app.screens.tables.col, c);
    press(&mut app, KeyCode::Backspace);
    assert_eq!(here(&app), (TabId::Tables, t5, Some(r5)));
    press(&mut app, KeyCode::Backspace);
    assert_eq!(app.tab, TabId::Findings);
}
