//! The popups: help (generated from the keymap) and the decisions with differences
//! (restore unsaved edits, the file changed on disk). Drawing only: their keys are in `app`.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::Widget;

use super::app::{App, Choice, Overlay};
use super::i18n::{Lang, Msg};
use super::keymap::Popup;
use super::paint::{Painter, clear_popup};
use super::rows;
use crate::text::{visible, width};

/// A difference's side as a reviewer reads it: the diff's own words in the UI language.
fn diff_word(text: &str, lang: Lang) -> String {
    match (lang, text) {
        (Lang::En, "（空）") => "(blank)".to_string(),
        (Lang::En, "（无）") => "(none)".to_string(),
        (Lang::En, t) if t.starts_with('[') && t.ends_with(" 项]") => t.replace(" 项]", " items]"),
        _ => text.to_string(),
    }
}

pub fn draw_help(buf: &mut Buffer, app: &App, body: Rect) {
    let rows = match app.portfolio_shown() {
        Some(_) => {
            app.keymap
                .view_help_rows(Popup::Portfolio, super::portfolio::SHARED_ACTIONS, app.lang)
        }
        None => {
            let mut rows = app.keymap.help_rows(app.tab, app.lang);
            rows.extend(app.screen().help_extra(app.lang));
            rows
        }
    };
    // Wide enough for the longest rule id (`complete.unquantified_satisfaction`).
    let key_w = rows
        .iter()
        .map(|(k, _)| width(k))
        .max()
        .unwrap_or(4)
        .min(36);
    let help_w = rows
        .iter()
        .map(|(_, h)| width(h))
        .max()
        .unwrap_or(10)
        .min(30);
    let max_inner_h = body.height.saturating_sub(2).max(1) as usize;
    let columns = rows.len().div_ceil(max_inner_h).clamp(1, 2);
    let per_column = rows.len().div_ceil(columns);
    let column_w = key_w + help_w + 3;
    let w = ((column_w * columns + 2) as u16).clamp(30, body.width.saturating_sub(2));
    let h = (per_column as u16 + 2).min(body.height);
    let area = Rect::new(
        body.x + (body.width - w) / 2,
        body.y + (body.height - h) / 2,
        w,
        h,
    );
    clear_popup(buf, area);
    let screen = match app.portfolio_shown() {
        Some(_) => app.tr(Msg::TabPortfolio),
        None => app.tab.label(app.lang),
    };
    let title = format!("{} {} {screen}", app.tr(Msg::Help), app.theme.sep());
    let b = app.block(title);
    let inner = b.inner(area);
    b.render(area, buf);
    let scroll = match app.overlay {
        Overlay::Help { scroll } => scroll.min(per_column.saturating_sub(inner.height as usize)),
        _ => 0,
    };
    let column_w = (inner.width as usize / columns).max(1);
    let mut p = Painter {
        buf,
        ellipsis: app.theme.ellipsis(),
    };
    for (i, (keys, help)) in rows.iter().enumerate() {
        let (column, line) = (i / per_column, i % per_column);
        if line < scroll || line - scroll >= inner.height as usize {
            continue;
        }
        let y = inner.y + (line - scroll) as u16;
        let x = inner.x + (column * column_w) as u16;
        p.put(x + 1, y, key_w, keys, app.theme.header);
        let rest = column_w.saturating_sub(key_w + 2);
        p.put(x + 2 + key_w as u16, y, rest, help, Style::new());
    }
}

/// A decision popup: what happened, the differences (file text made visible), the keys.
pub fn draw_choice(buf: &mut Buffer, app: &App, choice: &Choice, body: Rect) {
    let (title, diff_heading, changes, show, popup) = match choice {
        Choice::Restore {
            changes,
            show_changes,
            ..
        } => (
            Msg::RecoveryFound,
            Msg::RecoveryDiff,
            changes,
            *show_changes,
            Popup::Restore,
        ),
        Choice::Conflict { changes, .. } => (
            Msg::ChangedOnDisk,
            Msg::ConflictDiff,
            changes,
            true,
            Popup::Conflict,
        ),
    };
    let keys = app.keymap.popup_hint(popup, app.lang);
    let mut lines: Vec<(String, Style)> = vec![(keys, app.theme.header)];
    if show {
        lines.push((app.tr(diff_heading).to_string(), Style::new()));
        // Two lines a change: where (it may be long), then before → after.
        let shown = changes
            .len()
            .min(body.height.saturating_sub(6) as usize / 2)
            .min(super::document::CHANGES_SHOWN);
        for change in &changes[..shown] {
            lines.push((
                visible(&rows::describe_pointer(&app.ws, &change.pointer, app.lang)).into_owned(),
                app.theme.dim,
            ));
            lines.push((
                format!(
                    "  {} {} {}",
                    visible(&diff_word(&change.before, app.lang)),
                    app.theme.arrow(),
                    visible(&diff_word(&change.after, app.lang))
                ),
                Style::new(),
            ));
        }
        if changes.len() > shown {
            lines.push((app.tr(Msg::MoreChanges).to_string(), app.theme.dim));
        }
    }
    let w = body.width.saturating_sub(4).min(100);
    let h = (lines.len() as u16 + 2).min(body.height);
    let area = Rect::new(
        body.x + (body.width - w) / 2,
        body.y + (body.height - h) / 2,
        w,
        h,
    );
    clear_popup(buf, area);
    let b = app.block(app.tr(title).to_string());
    let inner = b.inner(area);
    b.render(area, buf);
    let mut p = Painter {
        buf,
        ellipsis: app.theme.ellipsis(),
    };
    for (i, (text, style)) in lines.iter().take(inner.height as usize).enumerate() {
        p.put(
            inner.x + 1,
            inner.y + i as u16,
            inner.width.saturating_sub(2) as usize,
            text,
            *style,
        );
    }
}

/// A text popup (the changes since the previous version): its lines from `scroll`, made
/// visible, fitted to the width.
pub fn draw_text(
    buf: &mut Buffer,
    app: &App,
    (title, lines, scroll): (&str, &[String], usize),
    body: Rect,
) {
    let w = body.width.saturating_sub(4).min(110);
    let h = (lines.len() as u16 + 2).clamp(3, body.height);
    let area = Rect::new(
        body.x + (body.width - w) / 2,
        body.y + (body.height - h) / 2,
        w,
        h,
    );
    clear_popup(buf, area);
    let b = app.block(title.to_string());
    let inner = b.inner(area);
    b.render(area, buf);
    let mut p = Painter {
        buf,
        ellipsis: app.theme.ellipsis(),
    };
    for (i, line) in lines
        .iter()
        .skip(scroll)
        .take(inner.height as usize)
        .enumerate()
    {
        let style = if line.starts_with("==") {
            app.theme.header
        } else {
            Style::new()
        };
        p.put(
            inner.x + 1,
            inner.y + i as u16,
            inner.width.saturating_sub(2) as usize,
            &visible(line),
            style,
        );
    }
}
