//! What each screen looks like, drawn into a test backend and compared with committed
//! snapshots (tests/snapshots). Re-take with `INSTA_UPDATE=always` and review by eye.

use budget_workbench::tui::app::App;
use budget_workbench::tui::i18n::Lang;
use budget_workbench::tui::keymap::{Action, Keymap, TabId};
use budget_workbench::tui::theme::Theme;
use budget_workbench::tui::ui;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

#[path = "support/tui.rs"]
mod tui_support;
use tui_support::draw;

/// The embedded sample: the real 2021 发改局 document.
fn fixture() -> budget_workbench::model::Workspace {
    budget_workbench::store::sample()
}

fn app(lang: Lang) -> App {
    App::new(
        fixture(),
        Some("fagaiju-2021.json".into()),
        lang,
        false,
        Theme::new(false, false),
        Keymap::default(),
    )
}

#[test]
fn every_tab_at_both_sizes() {
    for (w, h) in [(80, 24), (120, 40)] {
        for &tab in TabId::ALL {
            let mut app = app(Lang::Zh);
            app.act(Action::GoTab(tab));
            if tab == TabId::Projects || tab == TabId::Activities {
                app.act(Action::Right);
                app.act(Action::Down);
                app.act(Action::Down);
            }
            let screen = draw(&app, w, h);
            insta::assert_snapshot!(format!("{}_{w}x{h}", tab.slug()), screen);
        }
    }
}

#[test]
fn projects_indicator_rows() {
    let mut app = app(Lang::Zh);
    app.act(Action::GoTab(TabId::Projects));
    app.act(Action::Right);
    for _ in 0..13 {
        app.act(Action::Down);
    }
    app.act(Action::Right);
    app.act(Action::Right);
    app.act(Action::Right);
    app.act(Action::Right);
    insta::assert_snapshot!("projects_indicators_80x24", draw(&app, 80, 24));
}

#[test]
fn english_tabs() {
    for tab in [TabId::Summary, TabId::Activities] {
        let mut app = app(Lang::En);
        app.act(Action::GoTab(tab));
        insta::assert_snapshot!(format!("en_{}_80x24", tab.slug()), draw(&app, 80, 24));
    }
}

#[test]
fn help_overlay() {
    for tab in [TabId::Summary, TabId::Activities] {
        let mut app = app(Lang::Zh);
        app.act(Action::GoTab(tab));
        app.act(Action::Help);
        insta::assert_snapshot!(format!("help_{}_80x24", tab.slug()), draw(&app, 80, 24));
    }
}

#[test]
fn too_small_says_so() {
    let app = app(Lang::Zh);
    let screen = draw(&app, 60, 20);
    assert!(screen.contains("终端太小"), "{screen}");
    assert!(screen.contains("60x20"), "{screen}");
    let app = self::app(Lang::En);
    assert!(draw(&app, 79, 24).contains("Terminal too small"));
}

#[test]
fn ascii_borders_use_no_box_characters() {
    let mut app = App::new(
        fixture(),
        None,
        Lang::Zh,
        false,
        Theme::new(false, true),
        Keymap::default(),
    );
    for &tab in TabId::ALL {
        app.act(Action::GoTab(tab));
        let screen = draw(&app, 80, 24);
        for c in ['─', '│', '┌', '┐', '└', '┘', '…', '█', '→'] {
            assert!(!screen.contains(c), "{c} on {tab:?}:\n{screen}");
        }
        // Finding labels from the review rules contain `·` themselves (data, shown as is).
        if tab != TabId::Findings {
            assert!(!screen.contains('·'), "· on {tab:?}:\n{screen}");
        }
    }
}

fn styled_buffers(theme: Theme) -> Vec<ratatui::buffer::Buffer> {
    let mut app = App::new(fixture(), None, Lang::Zh, false, theme, Keymap::default());
    let mut out = Vec::new();
    for &tab in TabId::ALL {
        app.act(Action::GoTab(tab));
        app.act(Action::Right);
        app.act(Action::Down);
        let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
        terminal.draw(|frame| ui::draw(frame, &app)).unwrap();
        out.push(terminal.backend().buffer().clone());
    }
    out
}

#[test]
fn no_color_means_no_colour_at_all() {
    use ratatui::style::{Color, Modifier};
    let mut emphasis = false;
    for buf in styled_buffers(Theme::new(false, false)) {
        for cell in buf.content() {
            assert_eq!(cell.fg, Color::Reset);
            assert_eq!(cell.bg, Color::Reset);
            emphasis |= cell
                .modifier
                .intersects(Modifier::BOLD | Modifier::REVERSED | Modifier::UNDERLINED);
        }
    }
    assert!(emphasis, "bold, reverse and underline carry the meaning");
}

#[test]
fn colours_are_the_sixteen_ansi_ones() {
    use ratatui::style::Color;
    for buf in styled_buffers(Theme::new(true, false)) {
        for cell in buf.content() {
            for c in [cell.fg, cell.bg] {
                assert!(
                    !matches!(c, Color::Rgb(..) | Color::Indexed(_)),
                    "{c:?} needs more than 16 colours"
                );
            }
        }
    }
}

#[test]
fn inline_editor_and_prompts() {
    let mut app = app(Lang::Zh);
    app.act(Action::GoTab(TabId::Activities));
    for _ in 0..3 {
        app.act(Action::Down);
    }
    app.act(Action::Edit);
    insta::assert_snapshot!("editor_activities_80x24", draw(&app, 80, 24));
    app.act(Action::Close);
    let mut app = self::app(Lang::Zh);
    app.act(Action::Search);
    insta::assert_snapshot!("search_prompt_80x24", draw(&app, 80, 24));
}
