//! Drawing the 报表 screen: the table list, the rows of the selected table with findings
//! marked on their cells, and the detail line.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::widgets::Widget;

use super::{Table, Tables, cell_pointer, draw_detail};
use crate::model::{DisclosureTable, Place};
use crate::text::visible;
use crate::tui::ctx::Ctx;
use crate::tui::grid::{Align, Column, GridCell, GridRow};
use crate::tui::i18n::{Lang, Msg};
use crate::tui::paint::{fit_label, is_figure, split_bottom};

impl Tables {
    pub(super) fn list_row(&self, ctx: &Ctx, i: usize, wide: bool) -> GridRow {
        let Some(table) = ctx.ws.tables.get(i) else {
            return GridRow::default();
        };
        let kind = match ctx.lang {
            Lang::Zh => table.kind.name_zh(),
            Lang::En => table.kind.name_en(),
        };
        // Narrow or English: the number's digits only (预算表10 → 10), so the kind's name
        // keeps its room.
        let number = table.number.trim();
        let number = if wide && ctx.lang == Lang::Zh {
            visible(number).into_owned()
        } else {
            let digits = number.len() - number.trim_end_matches(|c: char| c.is_ascii_digit()).len();
            number[number.len() - digits..].to_string()
        };
        let name = format!("{number} {kind}");
        GridRow {
            mark: ctx.mark(&Place::root().key("tables").idx(i)),
            cells: vec![
                GridCell::new(name.trim().to_string(), Style::new()),
                GridCell::new(pages_text(table), ctx.theme.dim),
            ],
            style: Style::new(),
        }
    }

    /// The columns shown: the frozen ones, then scrolling ones from the first shown.
    pub(super) fn shown_columns(&self, table: &DisclosureTable, first: usize) -> Vec<usize> {
        (0..self.shape.frozen)
            .chain(first.max(self.shape.frozen)..table.columns.len())
            .collect()
    }

    pub(super) fn grid_row(
        &self,
        ctx: &Ctx,
        table: &DisclosureTable,
        shown: &[usize],
        i: usize,
    ) -> GridRow {
        let Some(&r) = self.visible.get(i) else {
            return GridRow::default();
        };
        let row = &table.rows[r];
        let mut cells: Vec<GridCell> = shown
            .iter()
            .map(|&c| {
                let mut text = visible(row.text(c).trim()).into_owned();
                if c == self.shape.frozen.saturating_sub(1) {
                    let indent = self.shape.levels[r].map_or(0, usize::from);
                    let fold = if self.folded.contains(&(self.table, r)) {
                        "+"
                    } else {
                        ""
                    };
                    text = format!("{}{fold}{text}", "  ".repeat(indent));
                }
                let style = match self.worst_at(ctx, &cell_pointer(self.table, r, c)) {
                    Some(s) => ctx.severity_style(s).add_modifier(Modifier::UNDERLINED),
                    None => Style::new(),
                };
                GridCell::new(text, style)
            })
            .collect();
        if cells.is_empty() {
            cells.push(GridCell::default());
        }
        let style = if self.shape.levels[r] == Some(0) {
            ctx.theme.heading
        } else {
            Style::new()
        };
        let row_place = Place::table_row(self.table, r);
        let mark = match self.worst_at(ctx, &row_place) {
            Some(s) => (crate::tui::ctx::severity_mark(s), ctx.severity_style(s)),
            None => (" ", Style::new()),
        };
        GridRow { mark, cells, style }
    }

    pub(super) fn detail(&self, ctx: &Ctx, table: &DisclosureTable) -> Vec<(String, Style)> {
        // The cell's page and line first: one short line that a small terminal keeps; then
        // the finding and its two sides.
        let mut lines = Vec::new();
        if let Some(r) = self.current_row() {
            let row = &table.rows[r];
            let label = table
                .columns
                .get(self.col)
                .map_or(String::new(), |c| c.label.replace('/', ""));
            let text = row.text(self.col).trim();
            let unit = if is_figure(text) {
                format!(" {}", self.unit(ctx, table))
            } else {
                String::new()
            };
            lines.push((
                format!(
                    "{} {} {} {} {}: {}{}",
                    page_text(ctx, row.page),
                    ctx.tr(Msg::LineN).replace("{n}", &row.line.to_string()),
                    ctx.theme.sep(),
                    ctx.tr(Msg::Column),
                    visible(&label),
                    visible(text),
                    unit,
                ),
                Style::new(),
            ));
        }
        if let Some(f) = self.finding_here(ctx) {
            lines.extend(ctx.finding_lines(&f));
        }
        if !table.note.trim().is_empty() {
            lines.push((visible(&table.note).into_owned(), ctx.theme.dim));
        }
        lines
    }

    /// The unit of the table's figures as printed, else the document's.
    pub(super) fn unit<'a>(&self, ctx: &'a Ctx, table: &'a DisclosureTable) -> &'a str {
        match table.unit.trim() {
            "" => ctx.unit(),
            unit => unit,
        }
    }

    pub(super) fn draw_rows(
        &self,
        ctx: &Ctx,
        buf: &mut Buffer,
        area: Rect,
        table: &DisclosureTable,
    ) {
        let pages = pages_text(table);
        let title = format!(
            "{} {} {} {}{} {} {}",
            visible(table.number.trim()),
            visible(table.title.trim()),
            ctx.theme.sep(),
            ctx.tr(Msg::UnitIs),
            self.unit(ctx, table),
            ctx.theme.sep(),
            page_text(ctx, pages),
        );
        let b = ctx.block(title);
        let inner = b.inner(area);
        b.render(area, buf);
        let (grid_area, detail) = split_bottom(inner, if area.height >= 30 { 4 } else { 3 });
        if table.rows.is_empty() {
            let note = match table.note.trim() {
                "" => ctx.tr(Msg::EmptyTable).to_string(),
                note => visible(note).into_owned(),
            };
            draw_detail(ctx, buf, grid_area, &[(note, ctx.theme.dim)]);
            return;
        }
        // Column widths: frozen ones by their text (names may shrink), figure columns as
        // wide as their widest figure; scroll so the cursor's column is on screen.
        let widest = |c: usize| self.shape.widest.get(c).copied().unwrap_or(4);
        let frozen_w: usize = (0..self.shape.frozen)
            .map(|c| widest(c).min(if c + 1 == self.shape.frozen { 16 } else { 8 }) + 1)
            .sum();
        let room = (grid_area.width as usize).saturating_sub(frozen_w + 1);
        let mut first = self.first_col.get().max(self.shape.frozen);
        let col = self.col.max(self.shape.frozen);
        first = first.min(col);
        let fits = |first: usize| {
            let mut used = 0;
            (first..table.columns.len())
                .take_while(|&c| {
                    used += widest(c).max(6) + 1;
                    used <= room.max(widest(c) + 1)
                })
                .count()
                .max(1)
        };
        while col >= first + fits(first) {
            first += 1;
        }
        self.first_col.set(first);
        let shown: Vec<usize> = self
            .shown_columns(table, first)
            .into_iter()
            .take(self.shape.frozen + fits(first))
            .collect();
        let columns: Vec<Column> = shown
            .iter()
            .map(|&c| {
                let label = table.columns[c].label.replace('/', "");
                if self.shape.figure.get(c).copied().unwrap_or(false) {
                    let w = widest(c).max(6);
                    Column::new(
                        fit_label(&visible(&label), w, ctx.theme.ellipsis()),
                        Constraint::Length(w as u16),
                        Align::Figure,
                    )
                } else if c + 1 == self.shape.frozen {
                    Column::new(visible(&label), Constraint::Fill(1), Align::Label)
                } else {
                    let w = widest(c).min(if c < self.shape.frozen { 8 } else { 16 });
                    Column::new(visible(&label), Constraint::Length(w as u16), Align::Label)
                }
            })
            .collect();
        let sel = shown.iter().position(|&c| c == self.col);
        Table {
            columns: &columns,
            len: self.visible.len(),
            row: &|i| self.grid_row(ctx, table, &shown, i),
            header: true,
            strong: false,
            empty: Msg::NoTables,
        }
        .draw(
            ctx,
            buf,
            grid_area,
            &self.grid,
            (Some(self.row).filter(|_| self.in_rows), sel),
        );
        let mut lines = self.detail(ctx, table);
        let last = shown.last().copied().unwrap_or(0) + 1;
        if first > self.shape.frozen || last < table.columns.len() {
            lines.push((
                ctx.tr(Msg::ColumnsShown)
                    .replace("{a}", &(first + 1).to_string())
                    .replace("{b}", &last.to_string())
                    .replace("{n}", &table.columns.len().to_string()),
                ctx.theme.dim,
            ));
        }
        draw_detail(ctx, buf, detail, &lines);
    }
}

/// `6` or `10-11`: the pages a table spans.
pub(super) fn pages_text(table: &DisclosureTable) -> String {
    match (table.pages.first(), table.pages.last()) {
        (Some(a), Some(b)) if a != b => format!("{a}-{b}"),
        (Some(a), _) => a.to_string(),
        _ => String::new(),
    }
}

pub(super) fn page_text(ctx: &Ctx, page: impl ToString) -> String {
    ctx.tr(Msg::PageN).replace("{n}", &page.to_string())
}
