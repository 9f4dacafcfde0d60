//! 报表: every disclosure table of a PDF import. The table list on the left (printed number,
//! kind, pages), the selected table's rows on the right with its unit in the title. Rows
//! coded 类/款/项 (3/5/7 digits, 经济分类 3/5) fold: `z` on a 类 row hides its 款 and 项.
//! Findings whose pointer names a cell, `/tables/{t}/rows/{r}/cells/{c}`, mark that cell
//! in their severity's colour (and the row's first column), and so do the cells a finding
//! names as its other side (its counterpart); `Enter` on a marked cell goes to the other
//! side. Name and code columns stay put while the figure columns scroll sideways.

use crate::model::Place;
use std::cell::Cell;
use std::collections::BTreeSet;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::widgets::Widget;

mod draw;
mod shape;

use self::shape::Shape;
use super::{Outcome, Screen, Table, draw_detail};
use crate::model::DisclosureTable;
use crate::tui::ctx::Ctx;
use crate::tui::grid::{Align, Column, GridState};
use crate::tui::i18n::Msg;
use crate::tui::keymap::Action;

/// `/tables/{t}/rows/{r}/cells/{c}`: the place findings use for one printed figure.
pub fn cell_pointer(table: usize, row: usize, column: usize) -> Place {
    Place::table_cell(table, row, column)
}

#[derive(Default)]
pub struct Tables {
    /// The selected table.
    pub table: usize,
    /// The cursor is in the rows (else in the table list).
    pub in_rows: bool,
    /// Rows shown (indexes into the table's rows), folding applied.
    pub visible: Vec<usize>,
    /// Row cursor (into `visible`) and column cursor (a table column).
    pub row: usize,
    pub col: usize,
    /// Folded rows, by table.
    pub folded: BTreeSet<(usize, usize)>,
    /// The findings (indexes) that name a table place as their other side, by that place;
    /// sorted, so the ones at or under a cell or row are one run.
    others: Vec<(Place, usize)>,
    shape: Shape,
    /// First scrolling column shown (kept by the last draw).
    first_col: Cell<usize>,
    list_grid: Cell<GridState>,
    grid: Cell<GridState>,
}

impl Tables {
    fn selected<'a>(&self, ctx: &'a Ctx) -> Option<&'a DisclosureTable> {
        ctx.ws.tables.get(self.table)
    }

    /// The table row under the cursor.
    pub fn current_row(&self) -> Option<usize> {
        self.visible.get(self.row).copied()
    }

    /// Re-reads the selected table's shape and which of its rows show.
    fn reshape(&mut self, ctx: &Ctx) {
        self.visible.clear();
        let Some(table) = self.selected(ctx) else {
            return;
        };
        self.shape = Shape::of(table);
        let mut hidden_below: Option<u8> = None;
        for (r, level) in self.shape.levels.iter().enumerate() {
            if let Some(top) = hidden_below {
                if level.is_some_and(|l| l > top) {
                    continue;
                }
                hidden_below = None;
            }
            self.visible.push(r);
            if self.folded.contains(&(self.table, r)) {
                hidden_below = *level;
            }
        }
        self.row = self.row.min(self.visible.len().saturating_sub(1));
        self.col = self.col.min(table.columns.len().saturating_sub(1));
    }

    fn select_table(&mut self, ctx: &Ctx, table: usize) {
        if table != self.table {
            self.row = 0;
            self.col = 0;
            self.first_col.set(0);
            self.grid.set(GridState::default());
        }
        self.table = table;
        self.reshape(ctx);
    }

    /// Whether table row `r` has rows under it (a deeper level right after it).
    fn has_children(&self, r: usize) -> bool {
        match (self.shape.levels.get(r), self.shape.levels.get(r + 1)) {
            (Some(Some(a)), Some(Some(b))) => b > a,
            _ => false,
        }
    }

    /// Folds or unfolds the row under the cursor; on a row with nothing under it, the 类 or
    /// 款 row it belongs to.
    fn toggle_fold(&mut self, ctx: &Ctx) -> Outcome {
        let Some(mut r) = self.current_row() else {
            return Outcome::Ignored;
        };
        if !self.has_children(r) {
            let Some(Some(own)) = self.shape.levels.get(r).copied() else {
                return Outcome::Ignored;
            };
            let parent = (0..r)
                .rev()
                .find(|&p| self.shape.levels[p].is_none_or(|l| l < own));
            match parent.filter(|&p| self.shape.levels[p].is_some()) {
                Some(p) => r = p,
                None => return Outcome::Ignored,
            }
        }
        let key = (self.table, r);
        if !self.folded.remove(&key) {
            self.folded.insert(key);
        }
        self.reshape(ctx);
        self.row = self.visible.iter().position(|&v| v == r).unwrap_or(0);
        Outcome::Done
    }

    /// Re-reads which findings name a table place as their other side.
    fn index_others(&mut self, ctx: &Ctx) {
        self.others = ctx
            .findings
            .iter()
            .enumerate()
            .filter_map(|(i, f)| Some((f.counterpart.as_ref()?.place.clone(), i)))
            .filter(|(p, _)| p.as_table_row().is_some())
            .collect();
        self.others.sort();
    }

    /// The findings whose other side is `place` or lies under it.
    fn others_under<'a>(
        &'a self,
        ctx: &'a Ctx,
        place: &'a Place,
    ) -> impl Iterator<Item = &'a crate::review::Finding> + 'a {
        let start = self.others.partition_point(|(p, _)| p < place);
        self.others[start..]
            .iter()
            .take_while(move |(p, _)| p.is_within(place))
            .filter_map(|&(_, i)| ctx.findings.get(i))
    }

    /// The worst severity of the findings on `place` or naming it as their other side.
    fn worst_at(&self, ctx: &Ctx, place: &Place) -> Option<crate::review::Severity> {
        let other = self.others_under(ctx, place).map(|f| f.severity).min();
        ctx.worst_under(place).into_iter().chain(other).min()
    }

    /// The finding on the cell under the cursor (or naming it as its other side), else on
    /// its row.
    fn finding_here(&self, ctx: &Ctx) -> Option<crate::review::Finding> {
        let r = self.current_row()?;
        let cell = cell_pointer(self.table, r, self.col);
        let row = Place::table_row(self.table, r);
        ctx.findings_under(&cell)
            .next()
            .or_else(|| self.others_under(ctx, &cell).next())
            .or_else(|| {
                ctx.findings_under(&row)
                    .find(|f| f.pointer.as_table_cell().is_none())
            })
            .or_else(|| self.others_under(ctx, &row).next())
            .cloned()
    }
}

impl Screen for Tables {
    fn rebuild(&mut self, ctx: &Ctx) {
        self.table = self.table.min(ctx.ws.tables.len().saturating_sub(1));
        self.reshape(ctx);
        self.index_others(ctx);
    }

    fn refilter(&mut self, ctx: &Ctx) {
        self.index_others(ctx);
    }

    fn len(&self, ctx: &Ctx) -> usize {
        if self.in_rows {
            self.visible.len()
        } else {
            ctx.ws.tables.len()
        }
    }

    fn row(&self) -> usize {
        if self.in_rows { self.row } else { self.table }
    }

    fn set_row(&mut self, ctx: &Ctx, row: usize) {
        if self.in_rows {
            self.row = row.min(self.visible.len().saturating_sub(1));
        } else {
            self.select_table(ctx, row.min(ctx.ws.tables.len().saturating_sub(1)));
        }
    }

    fn move_cols(&mut self, ctx: &Ctx, delta: isize) {
        let Some(table) = self.selected(ctx) else {
            return;
        };
        if !self.in_rows {
            self.in_rows = delta > 0 && !self.visible.is_empty();
            return;
        }
        if delta < 0 && self.col == 0 {
            self.in_rows = false;
            return;
        }
        self.col = super::step_col(self.col, table.columns.len(), delta);
    }

    fn page(&self) -> usize {
        if self.in_rows {
            self.grid.get().page.max(1)
        } else {
            self.list_grid.get().page.max(1)
        }
    }

    fn search_texts(&self, ctx: &Ctx) -> (Vec<String>, usize) {
        let Some(table) = self.selected(ctx).filter(|_| self.in_rows) else {
            let texts = ctx
                .ws
                .tables
                .iter()
                .map(|t| format!("{} {} {}", t.number, t.title, t.kind.name_zh()))
                .collect();
            return (texts, self.table);
        };
        let texts = self
            .visible
            .iter()
            .map(|&r| {
                let row = &table.rows[r];
                (0..row.cells.len())
                    .map(|c| row.text(c).trim())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        (texts, self.row)
    }

    fn act(&mut self, ctx: &Ctx, action: Action) -> Outcome {
        match action {
            Action::Fold if self.in_rows => self.toggle_fold(ctx),
            Action::Focus => {
                self.in_rows = !self.in_rows && !self.visible.is_empty();
                Outcome::Done
            }
            Action::Close if self.in_rows => {
                self.in_rows = false;
                Outcome::Done
            }
            Action::Jump if !self.in_rows => {
                self.in_rows = !self.visible.is_empty();
                Outcome::Done
            }
            Action::Jump => {
                let Some(f) = self.finding_here(ctx) else {
                    return Outcome::Ignored;
                };
                // The other side: the counterpart when the finding is on this row, the
                // finding's own place when this row is its counterpart (or it is elsewhere).
                let Some(cell) = self
                    .current_row()
                    .map(|r| cell_pointer(self.table, r, self.col))
                else {
                    return Outcome::Ignored;
                };
                match crate::tui::ctx::other_side(&f, &cell) {
                    Some(place) => Outcome::Goto(place.clone()),
                    None => Outcome::Info(Msg::NoOtherSide),
                }
            }
            _ => Outcome::Ignored,
        }
    }

    fn goto(&mut self, ctx: &Ctx, place: &Place) -> bool {
        let segments = place.parts();
        let num = |s: &str| s.parse::<usize>().ok();
        let ["tables", t, rest @ ..] = segments.as_slice() else {
            return false;
        };
        let Some(t) = num(t).filter(|&t| t < ctx.ws.tables.len()) else {
            return false;
        };
        self.select_table(ctx, t);
        let (r, c) = match rest {
            ["rows", r, "cells", c, ..] => (num(r), num(c)),
            ["rows", r, ..] => (num(r), None),
            _ => (None, None),
        };
        self.in_rows = false;
        if let Some(r) = r.filter(|&r| r < ctx.ws.tables[t].rows.len()) {
            // A folded row is shown: its 类 is unfolded.
            if !self.visible.contains(&r) {
                self.folded.retain(|&(ft, fr)| ft != t || fr > r);
                self.reshape(ctx);
            }
            self.row = self.visible.iter().position(|&v| v == r).unwrap_or(0);
            self.in_rows = true;
        }
        if let Some(c) = c {
            self.col = c.min(ctx.ws.tables[t].columns.len().saturating_sub(1));
        }
        true
    }

    fn pointer(&self, _ctx: &Ctx) -> Option<Place> {
        if !self.in_rows {
            return Some(Place::root().key("tables").idx(self.table));
        }
        let r = self.current_row()?;
        Some(cell_pointer(self.table, r, self.col))
    }

    fn current_text(&self, ctx: &Ctx) -> Option<String> {
        let table = self.selected(ctx)?;
        Some(
            table
                .rows
                .get(self.current_row()?)?
                .text(self.col)
                .to_string(),
        )
    }

    fn draw(&self, ctx: &Ctx, buf: &mut Buffer, body: Rect) -> Option<Rect> {
        if ctx.ws.tables.is_empty() {
            let b = ctx.block(ctx.tr(Msg::TabTables).to_string());
            let inner = b.inner(body);
            b.render(body, buf);
            draw_detail(
                ctx,
                buf,
                inner,
                &[(ctx.tr(Msg::NoTables).into(), ctx.theme.dim)],
            );
            return None;
        }
        let list_w = if body.width >= 120 { 34 } else { 22 };
        let (list, rows) = (
            Rect::new(body.x, body.y, list_w, body.height),
            Rect::new(body.x + list_w, body.y, body.width - list_w, body.height),
        );
        let b = ctx.block(ctx.tr(Msg::TabTables).to_string());
        let inner = b.inner(list);
        b.render(list, buf);
        // Narrow: no pages column (the table's title says them) so names keep their room.
        let wide = body.width >= 120;
        let columns = [
            Column::new("", Constraint::Fill(1), Align::Label),
            Column::new(
                "",
                Constraint::Length(if wide { 5 } else { 0 }),
                Align::Left,
            ),
        ];
        Table {
            columns: &columns,
            len: ctx.ws.tables.len(),
            row: &|i| self.list_row(ctx, i, wide),
            header: false,
            strong: !self.in_rows,
            empty: Msg::NoTables,
        }
        .draw(ctx, buf, inner, &self.list_grid, (Some(self.table), None));
        if let Some(table) = self.selected(ctx) {
            self.draw_rows(ctx, buf, rows, table);
        }
        None
    }
}
