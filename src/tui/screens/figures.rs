//! What the Summary and 三公 screens share: label rows with figure columns, edited in place.

use crate::model::Place;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Style;

use ratatui::widgets::Widget;

use super::{RowList, step_col};
use super::{Table, draw_detail};
use crate::tui::ctx::Ctx;
use crate::tui::edit::Target;
use crate::tui::grid::{Align, Column, GridCell, GridRow};
use crate::tui::i18n::Msg;
use crate::tui::paint::split_bottom;
use crate::tui::rows::SumRow;

/// The [`Screen`](super::Screen) methods of a figure screen whose rows are in `$list`.
macro_rules! figure_methods {
    ($list:ident) => {
        super::row_list_methods!($list);

        fn move_cols(&mut self, _ctx: &Ctx, delta: isize) {
            self.$list.move_cols(delta);
        }

        fn target(&self, _ctx: &Ctx) -> Option<crate::tui::edit::Target> {
            self.$list.target()
        }

        fn search_texts(&self, _ctx: &Ctx) -> (Vec<String>, usize) {
            self.$list.search_texts()
        }
    };
}
pub(crate) use figure_methods;

/// The rows of a figure screen.
pub type FigureRows = RowList<SumRow>;

impl RowList<SumRow> {
    fn edit_columns(&self) -> usize {
        self.rows
            .get(self.cursor.row)
            .map_or(1, |r| r.edit.len().max(1))
    }

    pub fn move_cols(&mut self, delta: isize) {
        self.cursor.col = step_col(self.cursor.col, self.edit_columns(), delta);
    }

    pub fn target(&self) -> Option<Target> {
        let row = self.rows.get(self.cursor.row)?;
        let col = self.cursor.col.min(row.edit.len().saturating_sub(1));
        row.edit.get(col)?.clone().map(Target::Figure)
    }

    pub fn search_texts(&self) -> (Vec<String>, usize) {
        (
            self.rows.iter().map(SumRow::search_text).collect(),
            self.cursor.row,
        )
    }

    /// Moves to the row (and column) of `place`; false when no row shows it.
    pub fn goto(&mut self, place: &Place) -> bool {
        let Some(i) = best_row(&self.rows, place) else {
            return false;
        };
        self.cursor.row = i;
        if let Some(c) = self.rows[i]
            .edit
            .iter()
            .position(|e| e.as_ref() == Some(place))
        {
            self.cursor.col = c;
        }
        true
    }

    /// The grid of the rows: a label, then `columns` (figures right-aligned).
    pub fn draw(
        &self,
        ctx: &Ctx,
        buf: &mut Buffer,
        area: Rect,
        columns: &[Column],
        header: bool,
    ) -> Option<Rect> {
        let th = &ctx.theme;
        let values = columns.len().saturating_sub(1);
        let row = |i: usize| -> GridRow {
            let r = &self.rows[i];
            let label = format!("{}{}", "  ".repeat(r.indent), r.label);
            let mut cells = vec![GridCell::new(
                label,
                if r.heading { th.heading } else { Style::new() },
            )];
            if r.cols.len() == 1 && !r.heading {
                // Prose (a name, a reason): the value takes every column.
                cells.push(GridCell::new(r.cols[0].clone(), Style::new()).spanning(values));
            } else {
                let style = if r.heading { th.header } else { Style::new() };
                cells.extend(r.cols.iter().map(|c| GridCell::new(c.clone(), style)));
            }
            GridRow {
                mark: ctx.mark(&r.pointer),
                cells,
                style: Style::new(),
            }
        };
        // A value cell is selected only where it is editable.
        let col = self.rows.get(self.cursor.row).and_then(|r| {
            let c = self.cursor.col.min(r.edit.len().saturating_sub(1));
            r.edit.get(c).and_then(Option::as_ref).map(|_| c + 1)
        });
        Table {
            columns,
            len: self.rows.len(),
            row: &row,
            header,
            strong: false,
            empty: Msg::NoRows,
        }
        .draw(ctx, buf, area, &self.grid, (Some(self.cursor.row), col))
    }

    /// The rows in a block titled `title · 单位：万元`, with the detail lines under them.
    pub fn draw_panel(
        &self,
        ctx: &Ctx,
        buf: &mut Buffer,
        area: Rect,
        title: Msg,
        columns: &[Column],
        header: bool,
    ) -> Option<Rect> {
        let title = format!("{} {} {}", ctx.tr(title), ctx.theme.sep(), unit_note(ctx));
        let b = ctx.block(title);
        let inner = b.inner(area);
        b.render(area, buf);
        // A tall screen has room for both sides of a two-place finding.
        let (table, detail) = split_bottom(inner, if inner.height >= 30 { 4 } else { 2 });
        let cell = self.draw(ctx, buf, table, columns, header);
        draw_detail(ctx, buf, detail, &self.detail(ctx));
        cell
    }

    /// The detail of the selected row: its label and values, then its finding.
    pub fn detail(&self, ctx: &Ctx) -> Vec<(String, Style)> {
        let mut lines = Vec::new();
        if let Some(r) = self.rows.get(self.cursor.row) {
            let values: Vec<&str> = r
                .cols
                .iter()
                .map(String::as_str)
                .filter(|c| !c.is_empty())
                .collect();
            lines.push((
                format!("{}: {}", r.label, values.join("  ")),
                ctx.theme.heading,
            ));
            let pointer = self
                .target()
                .map(|t| t.pointer())
                .unwrap_or_else(|| r.pointer.clone());
            // The finding with both sides when it compares two places (三公 against 机关运行经费).
            if let Some(f) = ctx
                .findings_under(&pointer)
                .next()
                .or_else(|| ctx.findings_under(&r.pointer).next())
            {
                lines.extend(ctx.finding_lines(f));
            }
        }
        lines
    }
}

/// `单位：万元` in the UI language.
pub fn unit_note(ctx: &Ctx) -> String {
    format!("{}{}", ctx.tr(Msg::UnitIs), ctx.unit())
}

/// A label column that takes most of the spare width, figure columns as wide as their
/// figures, and text columns sharing the rest.
pub fn columns(label: &str, figures: &[(String, Align)]) -> Vec<Column> {
    let mut out = vec![Column::new(label, Constraint::Fill(2), Align::Label)];
    out.extend(figures.iter().map(|(title, align)| {
        let width = if *align == Align::Figure {
            Constraint::Length(6)
        } else {
            Constraint::Fill(1)
        };
        Column::new(title.clone(), width, *align)
    }));
    out
}

/// The row of the innermost place that holds `place` (the first, of equals).
fn best_row(rows: &[SumRow], place: &Place) -> Option<usize> {
    rows.iter()
        .enumerate()
        .filter(|(_, row)| !row.pointer.is_root() && place.is_within(&row.pointer))
        .max_by_key(|(i, row)| (row.pointer.as_str().len(), std::cmp::Reverse(*i)))
        .map(|(i, _)| i)
}
