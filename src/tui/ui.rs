//! The frame: tabs, the current screen, the status line, the hint line and whatever is open
//! over them. Drawing reads the app (`&App`); scroll positions live in the screens' grid
//! state. All text from the file passes through `text::visible` and is fitted in columns.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Color, Modifier, Style};

use super::app::{App, Confirm, Overlay, PromptKind};
use super::i18n::Msg;
use super::keymap::{Action, Popup};
use super::paint::{Painter, clear_popup, fit};
use super::popups;
use super::screens::TabId;
use crate::text::{visible, width};

/// The smallest terminal the workbench lays out for.
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

/// Draws the whole workbench.
pub fn draw(frame: &mut Frame, app: &App) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        draw_too_small(frame, app, area);
        return;
    }
    let tabs = Rect::new(area.x, area.y, area.width, 1);
    let body = Rect::new(area.x, area.y + 1, area.width, area.height - 3);
    let status = Rect::new(area.x, area.y + area.height - 2, area.width, 1);
    let hint = Rect::new(area.x, area.y + area.height - 1, area.width, 1);
    let cell = match app.portfolio_shown() {
        Some(season) => {
            super::portfolio::draw(app, season, frame.buffer_mut(), (tabs, body));
            None
        }
        None => {
            draw_tabs(frame.buffer_mut(), app, tabs);
            app.screen().draw(&app.ctx, frame.buffer_mut(), body)
        }
    };
    draw_status(frame.buffer_mut(), app, status);
    draw_hint(frame, app, hint);
    match &app.overlay {
        Overlay::Help { .. } => popups::draw_help(frame.buffer_mut(), app, body),
        Overlay::Choice(choice) => popups::draw_choice(frame.buffer_mut(), app, choice, body),
        Overlay::Text {
            title,
            lines,
            scroll,
        } => popups::draw_text(frame.buffer_mut(), app, (title, lines, *scroll), body),
        Overlay::Editor { editor, .. } => {
            if let Some(cell) = cell {
                // The editor covers its cell, and the cells to the right only when the
                // text needs them: the rest of the row stays readable while editing.
                let right = body.x + body.width;
                let wanted = (width(&visible(editor.text())) + 2) as u16;
                let w = cell.width.max(wanted).min(right.saturating_sub(cell.x));
                let area = Rect::new(cell.x, cell.y, w, 1);
                let (text, cursor) = editor.view(w.saturating_sub(1) as usize);
                let padded = fit(&text, w as usize, "");
                let buf = frame.buffer_mut();
                clear_popup(buf, area);
                buf.set_stringn(area.x, area.y, &padded, w as usize, app.theme.editor);
                frame.set_cursor_position(Position::new(area.x + cursor as u16, area.y));
            }
        }
        _ => {}
    }
}

fn draw_too_small(frame: &mut Frame, app: &App, area: Rect) {
    let lines = [
        app.tr(Msg::TooSmall).to_string(),
        format!(
            "{}x{} < {}x{}",
            area.width, area.height, MIN_WIDTH, MIN_HEIGHT
        ),
        format!("q {}", app.tr(Msg::Quit)),
    ];
    let buf = frame.buffer_mut();
    let top = area.y + area.height.saturating_sub(lines.len() as u16) / 2;
    for (i, line) in lines.iter().enumerate() {
        let y = top + i as u16;
        if y >= area.y + area.height {
            break;
        }
        let w = width(line).min(area.width as usize);
        let x = area.x + (area.width as usize - w) as u16 / 2;
        let style = if i == 0 {
            app.theme.error
        } else {
            Style::new()
        };
        buf.set_stringn(x, y, line, w, style);
    }
}

fn draw_tabs(buf: &mut Buffer, app: &App, area: Rect) {
    let right = area.x + area.width;
    // Every tab fits at 80 columns: labels padded when there is room, then unpadded, then
    // only the current tab named (the others by their number key).
    let label = |tab: TabId, style: usize| {
        let n = tab.index() + 1;
        match style {
            0 => format!(" {n} {} ", tab.label(app.lang)),
            1 => format!("{n}{}", tab.label(app.lang)),
            _ if tab == app.tab => format!("{n} {}", tab.label(app.lang)),
            _ => n.to_string(),
        }
    };
    let total = |style| -> usize {
        TabId::ALL
            .iter()
            .map(|&t| width(&label(t, style)) + 1)
            .sum()
    };
    let style = (0..2)
        .find(|&s| total(s) + 16 <= area.width as usize)
        .unwrap_or(2);
    let mut x = area.x;
    for &tab in TabId::ALL {
        let label = label(tab, style);
        let w = width(&label) as u16;
        if x + w > right {
            break;
        }
        let style = if tab == app.tab {
            app.theme.tab_active
        } else {
            app.theme.tab
        };
        buf.set_stringn(x, area.y, &label, w as usize, style);
        x += w + 1;
    }
    let mut title = app.ws.meta.department.clone();
    if let Some(year) = app.ws.meta.year {
        title = format!("{title} {year}");
    }
    let space = right.saturating_sub(x + 1) as usize;
    let shown = fit(
        &title,
        width(&visible(&title)).min(space),
        app.theme.ellipsis(),
    );
    let w = width(&shown) as u16;
    buf.set_stringn(right - w, area.y, &shown, w as usize, app.theme.title);
}

fn draw_status(buf: &mut Buffer, app: &App, area: Rect) {
    buf.set_style(area, app.theme.status);
    let mut left = visible(&app.name).into_owned();
    if app.modified() {
        left.push_str(&format!(" [+{}]", app.tr(Msg::Modified)));
    }
    if app.read_only {
        left.push_str(&format!(" [{}]", app.tr(Msg::ReadOnly)));
    }
    let (screen, position) = match app.portfolio_shown() {
        Some(season) => {
            left = season.status(app.lang);
            (app.tr(Msg::TabPortfolio), season.position())
        }
        None => (app.tab.label(app.lang), app.screen().position(&app.ctx)),
    };
    let mut text = format!(" {left} | {screen} {position}");
    if let Some(message) = &app.message {
        text.push_str(" | ");
        text.push_str(&message.text);
    }
    let style = match &app.message {
        // White on red: red text on the status colour does not read.
        Some(m) if m.error && app.theme.color => Style::new()
            .fg(Color::White)
            .bg(Color::Red)
            .add_modifier(Modifier::BOLD),
        Some(m) if m.error => app.theme.status.add_modifier(Modifier::BOLD),
        _ => app.theme.status,
    };
    let mut p = Painter {
        buf,
        ellipsis: app.theme.ellipsis(),
    };
    p.put(area.x, area.y, area.width as usize, &text, style);
}

/// Actions that change the workspace: not offered on the hint line when read-only.
fn changes_workspace(action: Action) -> bool {
    matches!(
        action,
        Action::Edit
            | Action::Undo
            | Action::Redo
            | Action::Save
            | Action::SaveAs
            | Action::AddRow
            | Action::AddItem
            | Action::Delete
    )
}

fn draw_hint(frame: &mut Frame, app: &App, area: Rect) {
    let ellipsis = app.theme.ellipsis();
    let (text, style) = match &app.overlay {
        Overlay::Prompt { kind, editor } => {
            let label = match kind {
                PromptKind::Search => app.tr(Msg::SearchPrompt),
                PromptKind::SavePath => app.tr(Msg::SavePathPrompt),
                PromptKind::Command => app.tr(Msg::CommandPrompt),
                PromptKind::Note => app.tr(Msg::NotePrompt),
                PromptKind::Filter => app.tr(Msg::FilterPrompt),
            };
            let lw = width(label) as u16;
            let buf = frame.buffer_mut();
            buf.set_stringn(area.x, area.y, label, lw as usize, app.theme.heading);
            let rest = area.width.saturating_sub(lw + 1);
            let (text, cursor) = editor.view(rest as usize);
            let mut p = Painter { buf, ellipsis };
            p.put(area.x + lw, area.y, rest as usize, &text, app.theme.editor);
            frame.set_cursor_position(Position::new(area.x + lw + cursor as u16, area.y));
            return;
        }
        Overlay::Confirm(what) => {
            let question = match what {
                Confirm::Quit => app.tr(Msg::UnsavedQuit),
                Confirm::Delete(_) => app.tr(Msg::ConfirmDelete),
                Confirm::Replace(_) => app.tr(Msg::ConfirmReplace),
                Confirm::ShowDiff(_) => app.tr(Msg::PreviousFound),
            };
            let keys = app.keymap.popup_hint(Popup::Confirm, app.lang);
            (format!("{question}  {keys}"), app.theme.error)
        }
        Overlay::Help { .. } | Overlay::Text { .. } => {
            (app.tr(Msg::HelpClose).to_string(), app.theme.dim)
        }
        Overlay::Triage(f) => (app.triage_hint(f), app.theme.heading),
        Overlay::Choice(_) => return,
        Overlay::Editor { .. } => (app.tr(Msg::EditorHint).to_string(), app.theme.dim),
        Overlay::None if app.portfolio_shown().is_some() => {
            (super::portfolio::hint(app), app.theme.dim)
        }
        Overlay::None => {
            let hints: Vec<String> = app
                .keymap
                .for_tab(app.tab)
                .filter(|b| b.hint && !(app.read_only && changes_workspace(b.action)))
                .map(|b| format!("{} {}", b.keys[0].label(), app.tr(b.help)))
                .collect();
            (hints.join("  "), app.theme.dim)
        }
    };
    let mut p = Painter {
        buf: frame.buffer_mut(),
        ellipsis,
    };
    p.put(area.x, area.y, area.width as usize, &text, style);
}
