//! 原文: the published document's text page by page (第N页 headers, line numbers), then the
//! notes and footnotes that have no other screen. `o` on any screen opens this one at the
//! page and line where the value under the cursor was printed
//! ([`crate::model::Workspace::source_place`]).
//!
//! Rows are never materialised: the screen keeps where each part starts (a page, the notes,
//! the footnotes) and finds a row's text by binary search, so moving and drawing cost the
//! same for a 300-page document as for a 3-page one.

use std::cell::Cell;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Style;
use ratatui::widgets::Widget;

use super::{Screen, Table, draw_detail};
use crate::model::{Place, SourcePlace};
use crate::text::visible;
use crate::tui::ctx::Ctx;
use crate::tui::grid::{Align, Column, GridCell, GridRow, GridState};
use crate::tui::i18n::Msg;
use crate::tui::paint::split_bottom;

/// A part of the screen: a heading row, then one row per item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    /// A page (index into `source.pages`) and its lines.
    Page(usize),
    Notes,
    Footnotes,
    /// No pages: says the text comes with a PDF import.
    NoText,
}

/// One row of the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceRow {
    Page(usize),
    Line(usize, usize),
    NotesHeading,
    Note(usize),
    FootnotesHeading,
    Footnote(usize),
    NoText,
}

#[derive(Default)]
pub struct Source {
    /// Each part and the row its heading is on, in row order.
    parts: Vec<(usize, Part)>,
    len: usize,
    pub row: usize,
    /// The row `o` opened, highlighted until another place is opened.
    pub opened: Option<usize>,
    grid: Cell<GridState>,
}

impl Source {
    /// The row at `i`: the part it is in (binary search), then its place in that part.
    pub fn row_at(&self, i: usize) -> Option<SourceRow> {
        let k = self.parts.partition_point(|(start, _)| *start <= i);
        let (start, part) = *self.parts.get(k.checked_sub(1)?)?;
        let item = (i - start).checked_sub(1);
        Some(match (part, item) {
            (Part::Page(p), None) => SourceRow::Page(p),
            (Part::Page(p), Some(l)) => SourceRow::Line(p, l),
            (Part::Notes, None) => SourceRow::NotesHeading,
            (Part::Notes, Some(n)) => SourceRow::Note(n),
            (Part::Footnotes, None) => SourceRow::FootnotesHeading,
            (Part::Footnotes, Some(n)) => SourceRow::Footnote(n),
            (Part::NoText, _) => SourceRow::NoText,
        })
    }

    /// The row of `wanted`, if the screen shows it.
    fn index_of(&self, ctx: &Ctx, wanted: SourceRow) -> Option<usize> {
        let (part, item) = match wanted {
            SourceRow::Page(p) => (Part::Page(p), None),
            SourceRow::Line(p, l) => (Part::Page(p), Some(l)),
            SourceRow::NotesHeading => (Part::Notes, None),
            SourceRow::Note(n) => (Part::Notes, Some(n)),
            SourceRow::FootnotesHeading => (Part::Footnotes, None),
            SourceRow::Footnote(n) => (Part::Footnotes, Some(n)),
            SourceRow::NoText => (Part::NoText, None),
        };
        let (start, _) = self.parts.iter().find(|(_, p)| *p == part)?;
        let items = match part {
            Part::Page(p) => ctx.ws.source.pages.get(p).map_or(0, |pg| pg.lines.len()),
            Part::Notes => ctx.ws.notes.len(),
            Part::Footnotes => ctx.ws.footnotes.len(),
            Part::NoText => 0,
        };
        match item {
            None => Some(*start),
            Some(n) => (n < items).then_some(start + 1 + n),
        }
    }

    /// Opens the page and line of `place` (line 0: the page's heading), highlighted.
    pub fn open(&mut self, ctx: &Ctx, place: SourcePlace) -> bool {
        let Some(p) = ctx
            .ws
            .source
            .pages
            .iter()
            .position(|pg| pg.number == place.page)
        else {
            return false;
        };
        let wanted = match place.line.checked_sub(1) {
            Some(l) => SourceRow::Line(p, l as usize),
            None => SourceRow::Page(p),
        };
        let Some(row) = self
            .index_of(ctx, wanted)
            .or_else(|| self.index_of(ctx, SourceRow::Page(p)))
        else {
            return false;
        };
        self.row = row;
        self.opened = Some(row);
        // The opened line mid-screen, with what was printed before it in view.
        let mut grid = self.grid.get();
        grid.offset = row.saturating_sub(grid.page.max(8) / 2);
        self.grid.set(grid);
        true
    }

    fn page_label(ctx: &Ctx, number: impl ToString) -> String {
        ctx.tr(Msg::PageN).replace("{n}", &number.to_string())
    }

    /// The number and text of row `i`; `None` as number for a heading.
    fn text(&self, ctx: &Ctx, i: usize) -> (Option<String>, String) {
        let ws = &ctx.ws;
        let Some(row) = self.row_at(i) else {
            return (None, String::new());
        };
        match row {
            SourceRow::Page(p) => {
                let number = ws.source.pages.get(p).map_or(0, |pg| pg.number);
                (None, Self::page_label(ctx, number))
            }
            SourceRow::Line(p, l) => {
                let text = ws
                    .source
                    .pages
                    .get(p)
                    .and_then(|pg| pg.lines.get(l))
                    .map_or(String::new(), |t| visible(t).into_owned());
                (Some((l + 1).to_string()), text)
            }
            SourceRow::NotesHeading => (None, ctx.tr(Msg::NotesHeading).to_string()),
            SourceRow::Note(n) => {
                let Some(note) = ws.notes.get(n) else {
                    return (None, String::new());
                };
                let mut place = note
                    .page()
                    .map(|p| Self::page_label(ctx, p))
                    .unwrap_or_default();
                if let Some(line) = note.line {
                    place.push_str(&ctx.tr(Msg::LineN).replace("{n}", &line.to_string()));
                }
                let text = format!("{place} {}", visible(&note.text));
                (Some(String::new()), text.trim_start().to_string())
            }
            SourceRow::FootnotesHeading => (None, ctx.tr(Msg::FootnotesHeading).to_string()),
            SourceRow::NoText => (None, ctx.tr(Msg::NoSource).to_string()),
            SourceRow::Footnote(n) => ws.footnotes.get(n).map_or((None, String::new()), |f| {
                (
                    Some(visible(&f.id).into_owned()),
                    visible(&f.text).into_owned(),
                )
            }),
        }
    }

    fn grid_row(&self, ctx: &Ctx, i: usize) -> GridRow {
        let (number, text) = self.text(ctx, i);
        let style = if self.opened == Some(i) {
            ctx.theme.highlight
        } else {
            Style::new()
        };
        let cells = match number {
            None => vec![GridCell::new(text, ctx.theme.heading).spanning(2)],
            Some(n) => vec![
                GridCell::new(n, ctx.theme.dim),
                GridCell::new(text, Style::new()),
            ],
        };
        GridRow {
            mark: (if self.opened == Some(i) { ">" } else { " " }, style),
            cells,
            style,
        }
    }

    /// The page the cursor is on (its number), for the title.
    fn current_page(&self, ctx: &Ctx) -> Option<u32> {
        match self.row_at(self.row)? {
            SourceRow::Page(p) | SourceRow::Line(p, _) => {
                ctx.ws.source.pages.get(p).map(|pg| pg.number)
            }
            _ => None,
        }
    }
}

impl Screen for Source {
    fn rebuild(&mut self, ctx: &Ctx) {
        // One entry per page: cheap even for a long document, and only after an edit.
        self.parts.clear();
        let mut at = 0;
        let has_more = !ctx.ws.notes.is_empty() || !ctx.ws.footnotes.is_empty();
        if ctx.ws.source.pages.is_empty() && has_more {
            self.parts.push((0, Part::NoText));
            at = 1;
        }
        for (p, page) in ctx.ws.source.pages.iter().enumerate() {
            self.parts.push((at, Part::Page(p)));
            at += 1 + page.lines.len();
        }
        for (part, items) in [
            (Part::Notes, ctx.ws.notes.len()),
            (Part::Footnotes, ctx.ws.footnotes.len()),
        ] {
            if items > 0 {
                self.parts.push((at, part));
                at += 1 + items;
            }
        }
        if self.len != at {
            self.opened = None;
        }
        self.len = at;
        self.row = self.row.min(at.saturating_sub(1));
    }

    fn len(&self, _ctx: &Ctx) -> usize {
        self.len
    }

    fn row(&self) -> usize {
        self.row
    }

    fn set_row(&mut self, _ctx: &Ctx, row: usize) {
        self.row = row.min(self.len.saturating_sub(1));
    }

    fn page(&self) -> usize {
        self.grid.get().page.max(1)
    }

    fn search_texts(&self, ctx: &Ctx) -> (Vec<String>, usize) {
        let texts = (0..self.len).map(|i| self.text(ctx, i).1).collect();
        (texts, self.row)
    }

    fn goto(&mut self, ctx: &Ctx, place: &Place) -> bool {
        let segments = place.parts();
        let num = |s: &str| s.parse::<usize>().ok();
        let wanted = match segments.as_slice() {
            ["source", "pages", p, "lines", l, ..] => {
                num(p).zip(num(l)).map(|(p, l)| SourceRow::Line(p, l))
            }
            ["source", "pages", p, ..] => num(p).map(SourceRow::Page),
            ["notes", n, ..] => num(n).map(SourceRow::Note),
            ["footnotes", n, ..] => num(n).map(SourceRow::Footnote),
            _ => None,
        };
        match wanted.and_then(|w| self.index_of(ctx, w)) {
            Some(row) => {
                self.row = row;
                self.opened = Some(row);
                true
            }
            None => false,
        }
    }

    fn pointer(&self, _ctx: &Ctx) -> Option<Place> {
        None
    }

    fn current_text(&self, ctx: &Ctx) -> Option<String> {
        Some(self.text(ctx, self.row).1)
    }

    fn draw(&self, ctx: &Ctx, buf: &mut Buffer, body: Rect) -> Option<Rect> {
        let source = &ctx.ws.source;
        let mut title = ctx.tr(Msg::TabSource).to_string();
        if !source.file.is_empty() {
            title = format!("{title} {} {}", ctx.theme.sep(), visible(&source.file));
        }
        if let Some(page) = self.current_page(ctx) {
            title = format!(
                "{title} {} {}",
                ctx.theme.sep(),
                Self::page_label(ctx, page)
            );
        }
        let b = ctx.block(title);
        let inner = b.inner(body);
        b.render(body, buf);
        let (table, detail) = split_bottom(inner, 2);
        let columns = [
            Column::new("", Constraint::Length(3), Align::Figure),
            Column::new("", Constraint::Fill(1), Align::Left),
        ];
        Table {
            columns: &columns,
            len: self.len,
            row: &|i| self.grid_row(ctx, i),
            header: false,
            strong: false,
            empty: Msg::NoSource,
        }
        .draw(ctx, buf, table, &self.grid, (Some(self.row), None));
        let (_, text) = self.text(ctx, self.row);
        if self.len > 0 {
            draw_detail(ctx, buf, detail, &[(text, Style::new())]);
        }
        None
    }
}
