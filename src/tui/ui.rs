//! Drawing. Widgets only draw; all text from the file passes through `text::visible` and is
//! fitted in display columns. Only the visible rows of a table are drawn.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Bar, BarChart, Block, Clear, Widget};

use super::app::{App, Choice, Confirm, Cursor, Overlay, PromptKind};
use super::edit::ProjectField;
use super::grading;
use super::i18n::Msg;
use super::keymap::TabId;
use super::rows::{self, MatrixRow, ProjectRow, SumRow};
use crate::review::Severity;
use crate::text::{visible, width};

/// The smallest terminal the workbench lays out for.
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

/// `text` made visible and fitted to exactly `columns` columns.
pub fn fit(text: &str, columns: usize, ellipsis: &str) -> String {
    let safe = visible(text);
    let mut out = String::new();
    let w = width(&safe);
    if w <= columns {
        out.push_str(&safe);
        out.extend(std::iter::repeat_n(' ', columns - w));
        return out;
    }
    let limit = columns.saturating_sub(width(ellipsis));
    let mut used = 0;
    for c in safe.chars() {
        let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + cw > limit {
            break;
        }
        out.push(c);
        used += cw;
    }
    if columns >= width(ellipsis) {
        out.push_str(ellipsis);
        used += width(ellipsis);
    }
    out.extend(std::iter::repeat_n(' ', columns.saturating_sub(used)));
    out
}

/// `text` (made visible) broken into lines of at most `columns` columns.
pub fn wrap(text: &str, columns: usize) -> Vec<String> {
    let columns = columns.max(2);
    let mut lines = vec![String::new()];
    let mut used = 0;
    for c in visible(text).chars() {
        let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + cw > columns {
            lines.push(String::new());
            used = 0;
        }
        if let Some(line) = lines.last_mut() {
            line.push(c);
        }
        used += cw;
    }
    lines
}

/// Draws `lines` (each wrapped) into at most `max` rows from `y`; what does not fit is cut
/// with an ellipsis on the last row.
fn put_wrapped(
    p: &mut Painter,
    x: u16,
    y: u16,
    columns: usize,
    max: usize,
    lines: &[(String, Style)],
) {
    let mut row = 0;
    for (text, style) in lines {
        let pieces = wrap(text, columns);
        for i in 0..pieces.len() {
            if row >= max {
                return;
            }
            let shown = if row + 1 == max {
                pieces[i..].concat()
            } else {
                pieces[i].clone()
            };
            p.put(x, y + row as u16, columns, &shown, *style);
            row += 1;
            if row == max {
                return;
            }
        }
    }
}

/// Right-aligns `text` in `columns` columns (figures).
pub fn fit_right(text: &str, columns: usize, ellipsis: &str) -> String {
    let safe = visible(text);
    let w = width(&safe);
    if w <= columns {
        let mut out: String = std::iter::repeat_n(' ', columns - w).collect();
        out.push_str(&safe);
        out
    } else {
        fit(text, columns, ellipsis)
    }
}

struct Painter<'a> {
    buf: &'a mut Buffer,
    ellipsis: &'static str,
}

impl Painter<'_> {
    fn put(&mut self, x: u16, y: u16, columns: usize, text: &str, style: Style) {
        if columns == 0 {
            return;
        }
        let s = fit(text, columns, self.ellipsis);
        self.buf.set_stringn(x, y, s, columns, style);
    }

    /// One row of a grid: cell `c` (text and style from `cell`) in `widths[c]` columns, one
    /// space between cells; the cell at `selected` in `selected_style`. Returns the selected
    /// cell's area, reaching to `right` (where the inline editor opens).
    #[allow(clippy::too_many_arguments)]
    fn grid_row(
        &mut self,
        x: u16,
        y: u16,
        right: u16,
        widths: &[usize],
        selected: Option<usize>,
        selected_style: Style,
        gap_style: Style,
        cell: impl Fn(usize) -> (String, Style),
    ) -> Option<Rect> {
        let mut x = x;
        let mut selected_area = None;
        for (c, &w) in widths.iter().enumerate() {
            let (text, mut style) = cell(c);
            if selected == Some(c) {
                style = selected_style;
                selected_area = Some(Rect::new(x, y, right.saturating_sub(x), 1));
            }
            self.put(x, y, w, &text, style);
            if c + 1 < widths.len() {
                self.put(x + w as u16, y, 1, " ", gap_style);
            }
            x += w as u16 + 1;
        }
        selected_area
    }

    fn put_right(&mut self, x: u16, y: u16, columns: usize, text: &str, style: Style) {
        if columns == 0 {
            return;
        }
        let s = fit_right(text, columns, self.ellipsis);
        self.buf.set_stringn(x, y, s, columns, style);
    }
}

/// Splits `total` columns among columns with `mins` and `weights` (one space between).
fn column_widths(total: usize, mins: &[usize], weights: &[usize]) -> Vec<usize> {
    let gaps = mins.len().saturating_sub(1);
    let avail = total.saturating_sub(gaps);
    let min_sum: usize = mins.iter().sum();
    let mut widths = mins.to_vec();
    if avail > min_sum {
        let extra = avail - min_sum;
        let weight_sum: usize = weights.iter().sum::<usize>().max(1);
        let mut given = 0;
        for (w, weight) in widths.iter_mut().zip(weights) {
            let add = extra * weight / weight_sum;
            *w += add;
            given += add;
        }
        if let Some(i) = (0..weights.len()).max_by_key(|&i| weights[i]) {
            widths[i] += extra - given;
        }
    }
    widths
}

fn block<'a>(app: &App, title: String) -> Block<'a> {
    Block::bordered()
        .border_set(app.theme.border_set())
        .border_style(app.theme.border)
        .title(Line::styled(
            fit(&title, width(&title), app.theme.ellipsis()),
            app.theme.title,
        ))
}

fn severity_style(app: &App, severity: Severity) -> Style {
    match severity {
        Severity::Error => app.theme.error,
        Severity::Warning => app.theme.warning,
        Severity::Info => app.theme.info,
    }
}

fn severity_label(app: &App, severity: Severity) -> &'static str {
    match app.lang {
        super::i18n::Lang::Zh => severity.label_zh(),
        super::i18n::Lang::En => severity.label_en(),
    }
}

/// The finding mark of a row: `!` error, `*` warning, `i` info.
fn mark(app: &App, pointer: &str) -> (&'static str, Style) {
    if pointer.is_empty() {
        return (" ", Style::new());
    }
    match app.worst_under(pointer) {
        Some(Severity::Error) => ("!", app.theme.error),
        Some(Severity::Warning) => ("*", app.theme.warning),
        Some(Severity::Info) => ("i", app.theme.info),
        None => (" ", Style::new()),
    }
}

/// Draws the whole workbench.
pub fn draw(frame: &mut Frame, app: &mut App) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        draw_too_small(frame, app, area);
        return;
    }
    let tabs = Rect::new(area.x, area.y, area.width, 1);
    let body = Rect::new(area.x, area.y + 1, area.width, area.height - 3);
    let status = Rect::new(area.x, area.y + area.height - 2, area.width, 1);
    let hint = Rect::new(area.x, area.y + area.height - 1, area.width, 1);
    draw_tabs(frame.buffer_mut(), app, tabs);
    let cell = match app.tab {
        TabId::Summary => draw_summary(frame.buffer_mut(), app, body),
        TabId::ThreePublic => draw_three_public(frame.buffer_mut(), app, body),
        TabId::Projects => draw_projects(frame.buffer_mut(), app, body),
        TabId::Activities => draw_activities(frame.buffer_mut(), app, body),
        TabId::Findings => {
            draw_findings(frame.buffer_mut(), app, body);
            None
        }
    };
    draw_status(frame.buffer_mut(), app, status);
    draw_hint(frame, app, hint);
    match &app.overlay {
        Overlay::Help { .. } => draw_help(frame.buffer_mut(), app, body),
        Overlay::Choice(choice) => draw_choice(frame.buffer_mut(), app, choice, body),
        Overlay::Editor { editor, .. } => {
            if let Some(cell) = cell {
                let (text, cursor) = editor.view(cell.width.saturating_sub(1) as usize);
                let style = app.theme.editor;
                let buf = frame.buffer_mut();
                // Blank the whole editing line first: the editor may be wider than its column.
                let padded = fit(&text, cell.width as usize, "");
                clear_popup(buf, cell);
                buf.set_stringn(cell.x, cell.y, &padded, cell.width as usize, style);
                frame.set_cursor_position(Position::new(cell.x + cursor as u16, cell.y));
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
    let mut x = area.x;
    let right = area.x + area.width;
    for tab in TabId::ALL {
        let label = format!(" {} {} ", tab.index() + 1, tab.label(app.lang));
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
    let position = match app.tab {
        TabId::Summary => format!("{}/{}", app.summary.row + 1, app.summary_rows().len()),
        TabId::ThreePublic => format!("{}/{}", app.three.row + 1, app.three_rows().len()),
        TabId::Projects => {
            let n = app.ws.performance.projects.len();
            if app.projects.in_table {
                format!(
                    "{}/{} {} {}",
                    (app.projects.project + 1).min(n),
                    n,
                    app.theme.sep(),
                    app.projects.table.row + 1
                )
            } else {
                format!("{}/{}", (app.projects.project + 1).min(n), n)
            }
        }
        TabId::Activities => format!("{}/{}", app.activities.row + 1, app.matrix.len()),
        TabId::Findings => format!("{}/{}", app.findings_view.row + 1, app.filtered.len()),
    };
    let mut text = format!(" {left} | {} {position}", app.tab.label(app.lang));
    if let Some(message) = &app.message {
        text.push_str(" | ");
        text.push_str(&message.text);
    }
    let mut p = Painter {
        buf,
        ellipsis: app.theme.ellipsis(),
    };
    let style = match &app.message {
        Some(m) if m.error && app.theme.color => app.theme.status.fg(ratatui::style::Color::Red),
        Some(m) if m.error => app
            .theme
            .status
            .add_modifier(ratatui::style::Modifier::BOLD),
        _ => app.theme.status,
    };
    p.put(area.x, area.y, area.width as usize, &text, style);
}

fn draw_hint(frame: &mut Frame, app: &App, area: Rect) {
    let ellipsis = app.theme.ellipsis();
    match &app.overlay {
        Overlay::Prompt { kind, editor } => {
            let label = match kind {
                PromptKind::Search => app.tr(Msg::SearchPrompt),
                PromptKind::SavePath => app.tr(Msg::SavePathPrompt),
            };
            let lw = width(label) as u16;
            let buf = frame.buffer_mut();
            buf.set_stringn(area.x, area.y, label, lw as usize, app.theme.heading);
            let rest = area.width.saturating_sub(lw + 1);
            let (text, cursor) = editor.view(rest as usize);
            let mut p = Painter { buf, ellipsis };
            p.put(area.x + lw, area.y, rest as usize, &text, app.theme.editor);
            frame.set_cursor_position(Position::new(area.x + lw + cursor as u16, area.y));
        }
        Overlay::Confirm(what) => {
            let text = match what {
                Confirm::Quit => app.tr(Msg::UnsavedQuit).to_string(),
                Confirm::Delete(_) => app.tr(Msg::ConfirmDelete).to_string(),
                Confirm::Replace(_) => app.tr(Msg::ConfirmReplace).to_string(),
            };
            let mut p = Painter {
                buf: frame.buffer_mut(),
                ellipsis,
            };
            p.put(area.x, area.y, area.width as usize, &text, app.theme.error);
        }
        Overlay::Help { .. } => {
            let mut p = Painter {
                buf: frame.buffer_mut(),
                ellipsis,
            };
            p.put(
                area.x,
                area.y,
                area.width as usize,
                app.tr(Msg::HelpClose),
                app.theme.dim,
            );
        }
        Overlay::Choice(choice) => {
            let keys = match choice {
                Choice::Restore { .. } => Msg::RecoveryKeys,
                Choice::Conflict { .. } => Msg::ConflictKeys,
            };
            let mut p = Painter {
                buf: frame.buffer_mut(),
                ellipsis,
            };
            p.put(
                area.x,
                area.y,
                area.width as usize,
                app.tr(keys),
                app.theme.error,
            );
        }
        Overlay::Editor { .. } => {
            let text = app.tr(Msg::EditorHint);
            let mut p = Painter {
                buf: frame.buffer_mut(),
                ellipsis,
            };
            p.put(area.x, area.y, area.width as usize, text, app.theme.dim);
        }
        Overlay::None => {
            let mut text = String::new();
            for (key, help) in app.keymap.hints(app.tab, app.lang) {
                if !text.is_empty() {
                    text.push_str("  ");
                }
                text.push_str(&key);
                text.push(' ');
                text.push_str(help);
            }
            let mut p = Painter {
                buf: frame.buffer_mut(),
                ellipsis,
            };
            p.put(area.x, area.y, area.width as usize, &text, app.theme.dim);
        }
    }
}

fn draw_help(buf: &mut Buffer, app: &App, body: Rect) {
    let rows = app.keymap.help_rows(app.tab, app.lang);
    let key_w = rows
        .iter()
        .map(|(k, _)| width(k))
        .max()
        .unwrap_or(4)
        .min(24);
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
    let title = format!(
        "{} {} {}",
        app.tr(Msg::Help),
        app.theme.sep(),
        app.tab.label(app.lang)
    );
    let b = block(app, title);
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
fn draw_choice(buf: &mut Buffer, app: &App, choice: &Choice, body: Rect) {
    let (title, diff_heading, changes, show, keys) = match choice {
        Choice::Restore {
            changes,
            show_changes,
            ..
        } => (
            Msg::RecoveryFound,
            Msg::RecoveryDiff,
            changes,
            *show_changes,
            Msg::RecoveryKeys,
        ),
        Choice::Conflict { changes, .. } => (
            Msg::ChangedOnDisk,
            Msg::ConflictDiff,
            changes,
            true,
            Msg::ConflictKeys,
        ),
    };
    let mut lines: Vec<(String, Style)> = vec![(app.tr(keys).to_string(), app.theme.header)];
    if show {
        lines.push((app.tr(diff_heading).to_string(), Style::new()));
        // Two lines a change: where (it may be long), then before → after.
        let shown = changes
            .len()
            .min(body.height.saturating_sub(6) as usize / 2)
            .min(12);
        for change in &changes[..shown] {
            lines.push((
                visible(&rows::describe_pointer(&app.ws, &change.pointer, app.lang)).into_owned(),
                app.theme.dim,
            ));
            lines.push((
                format!(
                    "  {} {} {}",
                    visible(&change.before),
                    app.theme.arrow(),
                    visible(&change.after)
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
    let b = block(app, app.tr(title).to_string());
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

/// Clears `area` for a popup, including the left half of a wide character cut by its edge.
fn clear_popup(buf: &mut Buffer, area: Rect) {
    Clear.render(area, buf);
    if area.x == 0 {
        return;
    }
    for y in area.y..area.y + area.height {
        if let Some(cell) = buf.cell_mut((area.x - 1, y))
            && width(cell.symbol()) > 1
        {
            cell.reset();
        }
    }
}

// ----- Summary -----

fn draw_sum_rows(
    buf: &mut Buffer,
    app: &App,
    area: Rect,
    rows: &[SumRow],
    cursor: &mut Cursor,
    col_widths: &[usize],
    right_aligned: &[bool],
) -> Option<Rect> {
    let mut selected_cell = None;
    let height = area.height as usize;
    cursor.clamp(rows.len());
    cursor.scroll_into_view(height);
    let cols_total: usize = col_widths.iter().map(|w| w + 1).sum();
    let label_w = (area.width as usize).saturating_sub(1 + cols_total);
    let mut p = Painter {
        buf,
        ellipsis: app.theme.ellipsis(),
    };
    for (i, row) in rows.iter().enumerate().skip(cursor.offset).take(height) {
        let y = area.y + (i - cursor.offset) as u16;
        let selected = i == cursor.row;
        let base = if selected {
            app.theme.selected_row
        } else {
            Style::new()
        };
        let (m, mstyle) = mark(app, &row.pointer);
        p.put(area.x, y, 1, m, mstyle);
        let label = format!("{}{}", "  ".repeat(row.indent), row.label);
        let label_style = if row.heading {
            base.patch(app.theme.heading)
        } else {
            base
        };
        let mut x = area.x + 1;
        if row.cols.len() == 1 && !row.heading {
            let lw = label_w.min(12);
            p.put(x, y, lw, &label, label_style);
            p.put(
                x + lw as u16,
                y,
                area.width as usize - 1 - lw,
                &format!(" {}", row.cols[0]),
                base,
            );
            continue;
        }
        p.put(x, y, label_w, &label, label_style);
        x += label_w as u16;
        let ecol = App::effective_col(cursor.col, row.edit.len());
        for (c, &w) in col_widths.iter().enumerate() {
            let text = row.cols.get(c).map(String::as_str).unwrap_or("");
            let mut style = if row.heading {
                base.patch(app.theme.header)
            } else {
                base
            };
            if selected && c == ecol && row.edit.get(c).is_some_and(Option::is_some) {
                style = app.theme.selected_cell;
                let right = area.x + area.width;
                selected_cell = Some(Rect::new(x + 1, y, right.saturating_sub(x + 1), 1));
            }
            p.put(x, y, 1, "", base);
            if right_aligned.get(c).copied().unwrap_or(false) {
                p.put_right(x + 1, y, w, text, style);
            } else {
                p.put(x + 1, y, w, text, style);
            }
            x += w as u16 + 1;
        }
    }
    selected_cell
}

fn split_right(area: Rect, right: u16) -> (Rect, Rect) {
    let right = right.min(area.width / 2);
    (
        Rect::new(area.x, area.y, area.width - right, area.height),
        Rect::new(area.x + area.width - right, area.y, right, area.height),
    )
}

fn draw_summary(buf: &mut Buffer, app: &mut App, body: Rect) -> Option<Rect> {
    let side = if body.width >= 110 { 40 } else { 30 };
    let (left, right) = split_right(body, side);
    let title = app.tr(Msg::TabSummary).to_string();
    let b = block(app, title);
    let inner = b.inner(left);
    b.render(left, buf);
    let rows = app.summary_rows();
    let cw = if inner.width >= 70 { 12 } else { 9 };
    let mut cursor = app.summary;
    let cell = draw_sum_rows(
        buf,
        app,
        inner,
        rows,
        &mut cursor,
        &[cw, cw, cw],
        &[true, true, false],
    );
    app.summary = cursor;
    app.page = inner.height as usize;

    // Expenditure composition.
    let chart_h = 8.min(right.height);
    let chart_area = Rect::new(right.x, right.y, right.width, chart_h);
    let e = &app.ws.overview.expenditure;
    let bars = [
        (Msg::Personnel, &e.personnel),
        (Msg::PublicAdmin, &e.public_admin),
        (Msg::ProjectSpending, &e.projects),
    ];
    draw_bars(
        buf,
        app,
        chart_area,
        app.tr(Msg::Composition).to_string(),
        &bars.map(|(m, a)| (app.tr(m).to_string(), a.clone())),
    );

    // Findings by severity.
    let rest = Rect::new(
        right.x,
        right.y + chart_h,
        right.width,
        right.height - chart_h,
    );
    let b = block(app, app.tr(Msg::FindingsBySeverity).to_string());
    let inner = b.inner(rest);
    b.render(rest, buf);
    let counts = crate::review::count_by_severity(&app.findings);
    let mut p = Painter {
        buf,
        ellipsis: app.theme.ellipsis(),
    };
    for (i, severity) in Severity::ALL.iter().enumerate() {
        if i as u16 >= inner.height {
            break;
        }
        let y = inner.y + i as u16;
        p.put(
            inner.x + 1,
            y,
            8,
            severity_label(app, *severity),
            severity_style(app, *severity),
        );
        p.put_right(inner.x + 9, y, 6, &counts[i].to_string(), Style::new());
    }
    cell
}

/// A horizontal bar chart of amounts (exact hundredths, labels and values as written).
fn draw_bars(
    buf: &mut Buffer,
    app: &App,
    area: Rect,
    title: String,
    items: &[(String, Option<crate::model::Amount>)],
) {
    let b = block(app, title);
    let inner = b.inner(area);
    b.render(area, buf);
    if inner.height == 0 || items.is_empty() {
        return;
    }
    let label_w = items
        .iter()
        .map(|(l, _)| width(&visible(l)))
        .max()
        .unwrap_or(0)
        .min(inner.width as usize / 2);
    let bar_area = Rect::new(
        inner.x + label_w as u16 + 1,
        inner.y,
        inner.width.saturating_sub(label_w as u16 + 1),
        inner.height,
    );
    let bars: Vec<Bar> = items
        .iter()
        .map(|(_, a)| {
            Bar::default()
                .value(rows::hundredths(rows::value(a)))
                .text_value(visible(&rows::amount_text(a)).into_owned())
                .style(app.theme.bar)
                .value_style(
                    app.theme
                        .bar
                        .add_modifier(ratatui::style::Modifier::REVERSED),
                )
        })
        .collect();
    let gap = if inner.height as usize >= items.len() * 2 {
        1
    } else {
        0
    };
    BarChart::horizontal(bars)
        .bar_width(1)
        .bar_gap(gap)
        .bar_set(app.theme.bar_set())
        .render(bar_area, buf);
    let mut p = Painter {
        buf,
        ellipsis: app.theme.ellipsis(),
    };
    for (i, (label, _)) in items.iter().enumerate() {
        let y = inner.y + (i as u16) * (1 + gap);
        if y >= inner.y + inner.height {
            break;
        }
        p.put(inner.x, y, label_w, label, Style::new());
    }
}

// ----- 三公 -----

fn draw_three_public(buf: &mut Buffer, app: &mut App, body: Rect) -> Option<Rect> {
    let side = if body.width >= 110 { 44 } else { 32 };
    let (left, right) = split_right(body, side);
    let b = block(app, app.tr(Msg::ThreePublicItems).to_string());
    let inner = b.inner(left);
    b.render(left, buf);
    let header = SumRow {
        label: app.tr(Msg::Name).to_string(),
        cols: vec![
            app.tr(Msg::Amount).into(),
            app.tr(Msg::PriorYear).into(),
            app.tr(Msg::Change).into(),
            app.tr(Msg::Message).into(),
        ],
        heading: true,
        ..SumRow::default()
    };
    let cw = if inner.width >= 70 { 11 } else { 7 };
    let widths = [cw, cw, cw + 1, cw + 1];
    let aligned = [true, true, true, false];
    let mut dummy = Cursor {
        row: usize::MAX,
        ..Cursor::default()
    };
    let _ = draw_sum_rows(
        buf,
        app,
        Rect::new(inner.x, inner.y, inner.width, 1.min(inner.height)),
        std::slice::from_ref(&header),
        &mut dummy,
        &widths,
        &aligned,
    );
    let table = Rect::new(
        inner.x,
        inner.y + 1,
        inner.width,
        inner.height.saturating_sub(1),
    );
    let rows = app.three_rows();
    let mut cursor = app.three;
    let cell = draw_sum_rows(buf, app, table, rows, &mut cursor, &widths, &aligned);
    app.three = cursor;
    app.page = table.height as usize;

    let chart_h = (app.ws.three_public.items.len() as u16 * 2 + 2).clamp(5, right.height / 2);
    let items: Vec<(String, Option<crate::model::Amount>)> = app
        .ws
        .three_public
        .items
        .iter()
        .map(|i| (i.name.clone(), i.amount.clone()))
        .collect();
    draw_bars(
        buf,
        app,
        Rect::new(right.x, right.y, right.width, chart_h),
        app.tr(Msg::ThreePublicItems).to_string(),
        &items,
    );
    let rest = Rect::new(
        right.x,
        right.y + chart_h,
        right.width,
        right.height - chart_h,
    );
    let b = block(app, app.tr(Msg::CrossCheck).to_string());
    let inner = b.inner(rest);
    b.render(rest, buf);
    let mut p = Painter {
        buf,
        ellipsis: app.theme.ellipsis(),
    };
    let w = inner.width as usize;
    let mut y = inner.y;
    for row in rows::cross_check(&app.ws) {
        if y + 3 > inner.y + inner.height {
            break;
        }
        p.put(inner.x, y, w, &row.name, app.theme.heading);
        let half = w / 2;
        p.put(
            inner.x,
            y + 1,
            half,
            &format!(
                " {} {}",
                app.tr(Msg::InThreePublic),
                or_dash(&row.three_public)
            ),
            Style::new(),
        );
        p.put(
            inner.x + half as u16,
            y + 1,
            w - half,
            &format!("{} {}", app.tr(Msg::InRunningCosts), or_dash(&row.running)),
            Style::new(),
        );
        let (verdict, style) = match row.agrees {
            Some(true) => (app.tr(Msg::Agrees), app.theme.good),
            Some(false) => (app.tr(Msg::Differs), app.theme.error),
            None => (app.tr(Msg::Missing), app.theme.warning),
        };
        p.put(inner.x, y + 2, w, &format!(" = {verdict}"), style);
        y += 3;
    }
    cell
}

fn or_dash(s: &str) -> &str {
    if s.is_empty() { "-" } else { s }
}

// ----- Projects -----

fn draw_projects(buf: &mut Buffer, app: &mut App, body: Rect) -> Option<Rect> {
    let list_w = if body.width >= 110 { 38 } else { 26 };
    let list_area = Rect::new(body.x, body.y, list_w, body.height);
    let detail = Rect::new(body.x + list_w, body.y, body.width - list_w, body.height);
    let chart_h = 8.min(list_area.height / 2);
    let list_area = Rect::new(list_area.x, list_area.y, list_w, list_area.height - chart_h);
    let chart_area = Rect::new(body.x, body.y + list_area.height, list_w, chart_h);
    let ellipsis = app.theme.ellipsis();

    // The list.
    let n = app.ws.performance.projects.len();
    let b = block(app, format!("{} ({n})", app.tr(Msg::ProjectList)));
    let b = if app.projects.in_table {
        b
    } else {
        b.border_style(app.theme.heading)
    };
    let inner = b.inner(list_area);
    b.render(list_area, buf);
    let show_code = inner.width >= 34;
    let amount_w = 8usize;
    let count_w = 3usize;
    let code_w = if show_code { 9 } else { 0 };
    let name_w = (inner.width as usize).saturating_sub(1 + code_w + amount_w + count_w + 3);
    {
        let mut p = Painter { buf, ellipsis };
        let y = inner.y;
        let mut x = inner.x + 1;
        if show_code {
            p.put(x, y, code_w, app.tr(Msg::Code), app.theme.header);
            x += code_w as u16;
        }
        p.put(x, y, name_w, app.tr(Msg::Name), app.theme.header);
        p.put_right(
            x + name_w as u16,
            y,
            amount_w + 1,
            app.tr(Msg::Amount),
            app.theme.header,
        );
        p.put_right(
            x + name_w as u16 + amount_w as u16 + 2,
            y,
            count_w + 1,
            app.tr(Msg::FindingCount),
            app.theme.header,
        );
    }
    let list_rows = Rect::new(
        inner.x,
        inner.y + 1,
        inner.width,
        inner.height.saturating_sub(1),
    );
    let mut lc = Cursor {
        row: app.projects.project,
        col: 0,
        offset: app.projects.list_offset,
    };
    lc.scroll_into_view(list_rows.height as usize);
    app.projects.list_offset = lc.offset;
    if n == 0 {
        let mut p = Painter { buf, ellipsis };
        p.put(
            list_rows.x + 1,
            list_rows.y,
            list_rows.width as usize - 1,
            app.tr(Msg::NoProjects),
            app.theme.dim,
        );
    }
    for (pi, project) in app
        .ws
        .performance
        .projects
        .iter()
        .enumerate()
        .skip(lc.offset)
        .take(list_rows.height as usize)
    {
        let y = list_rows.y + (pi - lc.offset) as u16;
        let pointer = format!("/performance/projects/{pi}");
        let count = app.findings_under(&pointer).count();
        let (m, mstyle) = mark(app, &pointer);
        let style = if pi == app.projects.project {
            if app.projects.in_table {
                app.theme.selected_row
            } else {
                app.theme.selected_cell
            }
        } else {
            Style::new()
        };
        let mut p = Painter { buf, ellipsis };
        p.put(list_rows.x, y, 1, m, mstyle);
        let mut x = list_rows.x + 1;
        if show_code {
            p.put(x, y, code_w, &project.code, style);
            x += code_w as u16;
        }
        let name = if project.name.is_empty() {
            &project.title
        } else {
            &project.name
        };
        p.put(x, y, name_w, name, style);
        p.put_right(
            x + name_w as u16,
            y,
            amount_w + 1,
            &rows::amount_text(&project.budget.total),
            style,
        );
        let count_text = if count > 0 {
            count.to_string()
        } else {
            String::new()
        };
        p.put_right(
            x + name_w as u16 + amount_w as u16 + 2,
            y,
            count_w + 1,
            &count_text,
            style.patch(mstyle),
        );
    }

    // The spending plan chart.
    let plan_title = app.tr(Msg::SpendingPlan).to_string();
    let b = block(app, plan_title);
    let inner = b.inner(chart_area);
    b.render(chart_area, buf);
    if let Some(project) = app.ws.performance.projects.get(app.projects.project) {
        let bars: Vec<Bar> = project
            .spending_plan
            .points()
            .iter()
            .enumerate()
            .map(|(i, point)| {
                Bar::default()
                    .value(rows::hundredths(rows::value(point)))
                    .label(Line::from(rows::plan_label(i, app.lang)))
                    .text_value(match point {
                        Some(a) => format!("{}%", visible(a.text())),
                        None => "-".to_string(),
                    })
                    .style(app.theme.bar)
                    .value_style(
                        app.theme
                            .bar
                            .add_modifier(ratatui::style::Modifier::REVERSED),
                    )
            })
            .collect();
        let bar_w = ((inner.width.saturating_sub(3)) / 4).clamp(3, 8);
        BarChart::vertical(bars)
            .bar_width(bar_w)
            .bar_gap(1)
            .max(10_000)
            .bar_set(app.theme.bar_set())
            .render(inner, buf);
    }

    // The selected table.
    let pi = app.projects.project;
    let Some(project) = app.ws.performance.projects.get(pi) else {
        let b = block(app, app.tr(Msg::TabProjects).to_string());
        b.render(detail, buf);
        return None;
    };
    let title = format!(
        "{} {}",
        project.number,
        if project.title.is_empty() {
            &project.name
        } else {
            &project.title
        }
    );
    let b = block(app, title);
    let b = if app.projects.in_table {
        b.border_style(app.theme.heading)
    } else {
        b
    };
    let inner = b.inner(detail);
    b.render(detail, buf);
    let detail_lines = if body.height >= 30 { 4u16 } else { 2 };
    let table = Rect::new(
        inner.x,
        inner.y,
        inner.width,
        inner.height.saturating_sub(detail_lines),
    );
    let count = rows::project_row_count(project);
    let mut cursor = app.projects.table;
    cursor.clamp(count);
    cursor.scroll_into_view(table.height as usize);
    app.projects.table = cursor;
    app.page = table.height as usize;
    let widths = column_widths(
        (table.width as usize).saturating_sub(1),
        &[4, 4, 6, 4, 6, 4, 4, 4],
        &[2, 3, 6, 5, 4, 4, 4, 2],
    );
    let label_w = 14usize.min(table.width as usize / 3);
    let mut selected_cell = None;
    for r in cursor.offset..(cursor.offset + table.height as usize).min(count) {
        let y = table.y + (r - cursor.offset) as u16;
        let row = rows::project_row(project, r);
        let is_row = app.projects.in_table && r == cursor.row;
        let row_style = if is_row {
            app.theme.selected_row
        } else {
            Style::new()
        };
        let pointer = match row {
            ProjectRow::Field(field) => {
                super::edit::Target::Project { project: pi, field }.pointer()
            }
            ProjectRow::IndicatorHeader => String::from("/-"),
            ProjectRow::Indicator(i) => format!("/performance/projects/{pi}/indicators/{i}"),
        };
        let (m, mstyle) = mark(app, &pointer);
        let mut p = Painter { buf, ellipsis };
        p.put(table.x, y, 1, m, mstyle);
        match row {
            ProjectRow::Field(field) => {
                let label = rows::project_field_label(field, app.lang);
                let mut value = rows::project_cell(&app.ws, pi, row, 0, app.lang);
                if matches!(field, ProjectField::Plan(_)) && !value.is_empty() {
                    value.push('%');
                }
                p.put(
                    table.x + 1,
                    y,
                    label_w,
                    &label,
                    row_style.patch(app.theme.header),
                );
                let vx = table.x + 1 + label_w as u16 + 1;
                let vw = (table.width as usize).saturating_sub(label_w + 2);
                let style = if is_row {
                    app.theme.selected_cell
                } else {
                    row_style
                };
                p.put(vx, y, vw, &value, style);
                if is_row {
                    selected_cell = Some(Rect::new(vx, y, vw as u16, 1));
                }
            }
            ProjectRow::IndicatorHeader | ProjectRow::Indicator(_) => {
                let header = matches!(row, ProjectRow::IndicatorHeader);
                let ecol = App::effective_col(cursor.col, App::project_columns(row));
                let area = p.grid_row(
                    table.x + 1,
                    y,
                    table.x + table.width,
                    &widths,
                    is_row.then_some(ecol),
                    app.theme.selected_cell,
                    row_style,
                    |c| {
                        let text = rows::project_cell(&app.ws, pi, row, c, app.lang);
                        let style = if header {
                            app.theme.header
                        } else if c == 5 {
                            row_style.patch(app.theme.dim)
                        } else {
                            row_style
                        };
                        (text, style)
                    },
                );
                if area.is_some() {
                    selected_cell = area;
                }
            }
        }
    }
    // Detail: the full text of the selected cell, then a finding or the value's reading.
    let mut p = Painter { buf, ellipsis };
    let dy = table.y + table.height;
    let row = rows::project_row(project, cursor.row);
    let (first, second) = match row {
        ProjectRow::Indicator(i) => {
            let col = App::effective_col(cursor.col, App::project_columns(row));
            let text = rows::project_cell(&app.ws, pi, row, col, app.lang);
            let value = &project.indicators[i].value;
            let pointer = format!("/performance/projects/{pi}/indicators/{i}");
            let second = match app.findings_under(&pointer).next() {
                Some(f) => finding_text(app, f),
                None => format!(
                    "{} {} {} {}",
                    app.tr(Msg::Value),
                    visible(value),
                    app.theme.arrow(),
                    grading::reading(value, app.lang)
                ),
            };
            (
                format!("{}: {}", rows::indicator_column_label(col, app.lang), text),
                second,
            )
        }
        ProjectRow::Field(field) => {
            let pointer = super::edit::Target::Project { project: pi, field }.pointer();
            (
                format!(
                    "{}: {}",
                    rows::project_field_label(field, app.lang),
                    rows::project_cell(&app.ws, pi, row, 0, app.lang)
                ),
                app.findings_under(&pointer)
                    .next()
                    .map(|f| finding_text(app, f))
                    .unwrap_or_default(),
            )
        }
        ProjectRow::IndicatorHeader => (String::new(), String::new()),
    };
    let lines = [(first, app.theme.heading), (second, app.theme.warning)];
    put_wrapped(
        &mut p,
        inner.x,
        dy,
        inner.width as usize,
        detail_lines as usize,
        &lines,
    );
    selected_cell
}

fn finding_text(app: &App, f: &crate::review::Finding) -> String {
    let message = match app.lang {
        super::i18n::Lang::Zh => &f.message_zh,
        super::i18n::Lang::En => &f.message_en,
    };
    format!("{} {}", severity_label(app, f.severity), message)
}

// ----- Activities -----

fn draw_activities(buf: &mut Buffer, app: &mut App, body: Rect) -> Option<Rect> {
    let title = if app.ws.performance.matrix.title.is_empty() {
        app.tr(Msg::TabActivities).to_string()
    } else {
        app.ws.performance.matrix.title.clone()
    };
    let b = block(app, title);
    let inner = b.inner(body);
    b.render(body, buf);
    let ellipsis = app.theme.ellipsis();
    let detail_lines = if body.height >= 30 { 5u16 } else { 3 };
    let header_y = inner.y;
    let table = Rect::new(
        inner.x,
        inner.y + 1,
        inner.width,
        inner.height.saturating_sub(1 + detail_lines),
    );
    // Names tell rows apart: they get most of the spare width; a standard's full text is on
    // the detail line of the selected row.
    let widths = column_widths(
        (inner.width as usize).saturating_sub(1),
        &[8, 6, 6, 6, 6, 6, 4],
        &[14, 2, 2, 2, 2, 2, 0],
    );
    let labels = [
        app.tr(Msg::Indicator),
        app.tr(Msg::Excellent),
        app.tr(Msg::Good),
        app.tr(Msg::Fair),
        app.tr(Msg::Poor),
        app.tr(Msg::Actual),
        app.tr(Msg::Grade),
    ];
    let mut p = Painter { buf, ellipsis };
    let mut x = inner.x + 1;
    for (label, &w) in labels.iter().zip(&widths) {
        p.put(x, header_y, w, label, app.theme.header);
        x += w as u16 + 1;
    }
    let mut cursor = app.activities;
    cursor.clamp(app.matrix.len());
    cursor.scroll_into_view(table.height as usize);
    app.activities = cursor;
    app.page = table.height as usize;
    if app.matrix.is_empty() {
        p.put(
            table.x + 1,
            table.y,
            table.width as usize - 1,
            app.tr(Msg::NoRows),
            app.theme.dim,
        );
    }
    let mut selected_cell = None;
    let visible_rows = app
        .matrix
        .iter()
        .enumerate()
        .skip(cursor.offset)
        .take(table.height as usize);
    for (i, &row) in visible_rows {
        let y = table.y + (i - cursor.offset) as u16;
        let is_row = i == cursor.row;
        let row_style = if is_row {
            app.theme.selected_row
        } else {
            Style::new()
        };
        let ecol = App::effective_col(cursor.col, rows::matrix_columns(row));
        let (m, mstyle) = mark(app, &row.pointer());
        let mut p = Painter { buf, ellipsis };
        match row {
            MatrixRow::Indicator {
                duty,
                activity,
                row: r,
            } => {
                let problems = super::edit::graded_list(&app.ws, duty, activity)
                    .and_then(|l| l.get(r))
                    .map(|g| grading::ladder_problems(g.standards(), app.lang))
                    .unwrap_or_default();
                let (m, mstyle) = if problems.is_empty() {
                    (m, mstyle)
                } else {
                    ("!", app.theme.error)
                };
                p.put(table.x, y, 1, m, mstyle);
                let area = p.grid_row(
                    table.x + 1,
                    y,
                    table.x + table.width,
                    &widths,
                    is_row.then_some(ecol),
                    app.theme.selected_cell,
                    row_style,
                    |c| {
                        let text = rows::matrix_cell(&app.ws, row, c, app.lang);
                        match c {
                            0 => (format!("    {text}"), row_style),
                            6 => (text, row_style.patch(app.theme.good)),
                            _ => (text, row_style),
                        }
                    },
                );
                if area.is_some() {
                    selected_cell = area;
                }
            }
            MatrixRow::Duty(_) | MatrixRow::Activity(..) => {
                p.put(table.x, y, 1, m, mstyle);
                let name_w: usize = widths[..5].iter().sum::<usize>() + 4;
                let budget_w: usize = widths[5..].iter().sum::<usize>() + 1;
                let indent = if matches!(row, MatrixRow::Activity(..)) {
                    "  "
                } else {
                    ""
                };
                let name = format!("{indent}{}", rows::matrix_cell(&app.ws, row, 0, app.lang));
                let base = row_style.patch(if matches!(row, MatrixRow::Duty(_)) {
                    app.theme.heading
                } else {
                    ratatui::style::Style::new().add_modifier(ratatui::style::Modifier::BOLD)
                });
                let name_style = if is_row && ecol == 0 {
                    app.theme.selected_cell
                } else {
                    base
                };
                p.put(table.x + 1, y, name_w, &name, name_style);
                p.put(table.x + 1 + name_w as u16, y, 1, " ", row_style);
                let bx = table.x + 2 + name_w as u16;
                let budget = rows::matrix_cell(&app.ws, row, 1, app.lang);
                let budget_style = if is_row && ecol == 1 {
                    app.theme.selected_cell
                } else {
                    row_style
                };
                let label = app.tr(Msg::Budget);
                let lw = width(label) + 1;
                p.put(bx, y, lw, label, row_style.patch(app.theme.dim));
                p.put(
                    bx + lw as u16,
                    y,
                    budget_w.saturating_sub(lw),
                    &budget,
                    budget_style,
                );
                if is_row {
                    selected_cell = Some(if ecol == 0 {
                        Rect::new(table.x + 1, y, table.width - 1, 1)
                    } else {
                        Rect::new(
                            bx + lw as u16,
                            y,
                            (table.x + table.width).saturating_sub(bx + lw as u16),
                            1,
                        )
                    });
                }
            }
        }
    }
    // Detail lines for the selected row.
    let dy = table.y + table.height;
    let w = inner.width as usize;
    let mut lines: Vec<(String, Style)> = Vec::new();
    if let Some(&row) = app.matrix.get(cursor.row) {
        match row {
            MatrixRow::Indicator {
                duty,
                activity,
                row: r,
            } => {
                let col = App::effective_col(cursor.col, rows::matrix_columns(row));
                let name = rows::matrix_cell(&app.ws, row, 0, app.lang);
                let cell = if col == 0 {
                    format!("{}: {name}", labels[0])
                } else {
                    let text = rows::matrix_cell(&app.ws, row, col, app.lang);
                    format!("{name} {} {}: {text}", app.theme.sep(), labels[col])
                };
                lines.push((cell, app.theme.heading));
                if let Some(g) =
                    super::edit::graded_list(&app.ws, duty, activity).and_then(|l| l.get(r))
                {
                    let problems = grading::ladder_problems(g.standards(), app.lang);
                    if problems.is_empty() {
                        lines.push((
                            format!("{}: {}", app.tr(Msg::Problems), app.tr(Msg::NoProblems)),
                            app.theme.dim,
                        ));
                    } else {
                        lines.push((
                            format!("{}: {}", app.tr(Msg::Problems), problems.join("；")),
                            app.theme.error,
                        ));
                    }
                    if let Some(actual) = g.actual.as_deref().filter(|a| !a.trim().is_empty()) {
                        let grade = match grading::grade(g.standards(), actual, app.lang) {
                            Ok(i) => app
                                .tr([Msg::Excellent, Msg::Good, Msg::Fair, Msg::Poor][i.min(3)])
                                .to_string(),
                            Err(reason) => format!("? {reason}"),
                        };
                        lines.push((
                            format!(
                                "{} {} {} {} {}",
                                app.tr(Msg::Actual),
                                actual,
                                app.theme.arrow(),
                                app.tr(Msg::Grade),
                                grade
                            ),
                            app.theme.good,
                        ));
                    }
                }
                if let Some(f) = app.findings_under(&row.pointer()).next() {
                    lines.push((finding_text(app, f), app.theme.warning));
                }
            }
            MatrixRow::Duty(d) => {
                if let Some(duty) = app.ws.performance.matrix.duties.get(d) {
                    lines.push((
                        format!("{}: {}", app.tr(Msg::Content), duty.content),
                        Style::new(),
                    ));
                    lines.push((
                        format!("{}: {}", app.tr(Msg::Goal), duty.goal),
                        Style::new(),
                    ));
                }
            }
            MatrixRow::Activity(d, a) => {
                if let Some(act) = app
                    .ws
                    .performance
                    .matrix
                    .duties
                    .get(d)
                    .and_then(|d| d.activities.get(a))
                {
                    lines.push((
                        format!("{}: {}", app.tr(Msg::Content), act.content),
                        Style::new(),
                    ));
                    lines.push((format!("{}: {}", app.tr(Msg::Goal), act.goal), Style::new()));
                }
            }
        }
        if let Some(f) = app.findings_under(&row.pointer()).next()
            && !matches!(row, MatrixRow::Indicator { .. })
        {
            lines.push((finding_text(app, f), app.theme.warning));
        }
    }
    let mut p = Painter { buf, ellipsis };
    put_wrapped(&mut p, inner.x, dy, w, detail_lines as usize, &lines);
    selected_cell
}

// ----- Findings -----

fn draw_findings(buf: &mut Buffer, app: &mut App, body: Rect) {
    let counts = crate::review::count_by_severity(&app.findings);
    let filter = match app.severity_filter {
        None => app.tr(Msg::All).to_string(),
        Some(s) => severity_label(app, s).to_string(),
    };
    let title = format!(
        "{} {} {} {}: {} {} {} {} {} {}",
        app.tr(Msg::TabFindings),
        app.theme.sep(),
        app.tr(Msg::Filter),
        filter,
        severity_label(app, Severity::Error),
        counts[0],
        severity_label(app, Severity::Warning),
        counts[1],
        severity_label(app, Severity::Info),
        counts[2],
    );
    let b = block(app, title);
    let inner = b.inner(body);
    b.render(body, buf);
    let ellipsis = app.theme.ellipsis();
    let detail_lines = if body.height >= 30 { 4u16 } else { 3 };
    let widths = column_widths(
        (inner.width as usize).saturating_sub(1),
        &[6, 16, 20],
        &[0, 3, 6],
    );
    let mut p = Painter { buf, ellipsis };
    let mut x = inner.x + 1;
    for (label, &w) in [
        app.tr(Msg::Severity),
        app.tr(Msg::Location),
        app.tr(Msg::Message),
    ]
    .iter()
    .zip(&widths)
    {
        p.put(x, inner.y, w, label, app.theme.header);
        x += w as u16 + 1;
    }
    let table = Rect::new(
        inner.x,
        inner.y + 1,
        inner.width,
        inner.height.saturating_sub(1 + detail_lines),
    );
    let mut cursor = app.findings_view;
    cursor.clamp(app.filtered.len());
    cursor.scroll_into_view(table.height as usize);
    app.findings_view = cursor;
    app.page = table.height as usize;
    if app.filtered.is_empty() {
        p.put(
            table.x + 1,
            table.y,
            table.width as usize - 1,
            app.tr(Msg::FindingsNone),
            app.theme.dim,
        );
    }
    for (i, &fi) in app
        .filtered
        .iter()
        .enumerate()
        .skip(cursor.offset)
        .take(table.height as usize)
    {
        let f = &app.findings[fi];
        let y = table.y + (i - cursor.offset) as u16;
        let style = if i == cursor.row {
            app.theme.selected_row
        } else {
            Style::new()
        };
        let message = match app.lang {
            super::i18n::Lang::Zh => &f.message_zh,
            super::i18n::Lang::En => &f.message_en,
        };
        let mut x = table.x + 1;
        p.put(
            x,
            y,
            widths[0],
            severity_label(app, f.severity),
            style.patch(severity_style(app, f.severity)),
        );
        x += widths[0] as u16;
        p.put(x, y, 1, " ", style);
        p.put(x + 1, y, widths[1], &f.label, style);
        x += widths[1] as u16 + 1;
        p.put(x, y, 1, " ", style);
        p.put(x + 1, y, widths[2], message, style);
    }
    let dy = table.y + table.height;
    if let Some(f) = app.filtered.get(cursor.row).map(|&i| &app.findings[i]) {
        let mut place = format!("{} {}", f.label, f.pointer);
        if let (Some(stated), Some(expected)) = (&f.stated, &f.expected) {
            place.push_str(&format!("  {stated} / {expected}"));
        }
        let message = finding_text(app, f);
        let w = inner.width as usize;
        let first = wrap(&message, w).len().min(detail_lines as usize - 1);
        let style = severity_style(app, f.severity);
        put_wrapped(&mut p, inner.x, dy, w, first, &[(message, style)]);
        let rest = detail_lines as usize - first;
        put_wrapped(
            &mut p,
            inner.x,
            dy + first as u16,
            w,
            rest,
            &[(place, app.theme.dim)],
        );
    }
}
