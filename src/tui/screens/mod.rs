//! The screen registry. Every screen is one module that owns its rows, cursor, keys, search
//! text and drawing (the [`Screen`] trait); this file lists them. Adding a screen: write its
//! module (and `pub mod` it), name it in the string table, and add one line to `screens!`
//! below; its tab, its number key and its help line follow from that line.

use std::cell::Cell;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::StatefulWidget;

use super::ctx::Ctx;
use super::edit::{Edit, Target};
use super::grid::{Column, Grid, GridLook, GridRow, GridState};
use super::i18n::{Lang, Msg, t};
use super::keymap::Action;
use super::paint::Painter;
use crate::model::Place;

pub mod activities;
pub mod figures;
pub mod findings;
pub mod goals;
pub mod projects;
pub mod source;
pub mod summary;
pub mod tables;
pub mod three_public;

/// A cursor over rows and columns.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cursor {
    pub row: usize,
    pub col: usize,
}

/// Rows with a cursor and the grid's scroll state: what most screens hold.
pub struct RowList<R> {
    pub rows: Vec<R>,
    pub cursor: Cursor,
    pub grid: Cell<GridState>,
}

impl<R> Default for RowList<R> {
    fn default() -> Self {
        RowList {
            rows: Vec::new(),
            cursor: Cursor::default(),
            grid: Cell::default(),
        }
    }
}

impl<R> RowList<R> {
    /// Puts the cursor on `row`, within the rows.
    pub fn set_row(&mut self, row: usize) {
        self.cursor.row = row.min(self.rows.len().saturating_sub(1));
    }

    /// Keeps the cursor within the rows (after they were rebuilt).
    pub fn clamp(&mut self) {
        self.set_row(self.cursor.row);
    }

    pub fn current(&self) -> Option<&R> {
        self.rows.get(self.cursor.row)
    }

    pub fn page(&self) -> usize {
        self.grid.get().page.max(1)
    }
}

/// The [`Screen`] methods of a screen whose rows are the [`RowList`] in field `$list`.
macro_rules! row_list_methods {
    ($list:ident) => {
        fn len(&self, _ctx: &Ctx) -> usize {
            self.$list.rows.len()
        }

        fn row(&self) -> usize {
            self.$list.cursor.row
        }

        fn set_row(&mut self, _ctx: &Ctx, row: usize) {
            self.$list.set_row(row);
        }

        fn page(&self) -> usize {
            self.$list.page()
        }
    };
}
pub(crate) use row_list_methods;

/// Moves `col` by `delta` within `columns` columns.
pub fn step_col(col: usize, columns: usize, delta: isize) -> usize {
    let col = col.min(columns.saturating_sub(1)) as isize;
    (col + delta).clamp(0, columns.saturating_sub(1) as isize) as usize
}

/// What a screen asks the workbench to do after a key.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// The key means nothing here.
    Ignored,
    /// The screen did it.
    Done,
    /// Apply this edit (one history entry), with its message.
    Edit(Edit, Msg),
    /// Ask first, then apply this edit (deleting).
    ConfirmDelete(Edit),
    /// Go to this place (on whichever screen shows it).
    Goto(Place),
    Error(Msg),
    Info(Msg),
}

/// One screen of the workbench.
pub trait Screen {
    /// Recomputes rows after the workspace or its findings changed.
    fn rebuild(&mut self, _ctx: &Ctx) {}
    /// Recomputes what depends on findings only (after a cell edit re-checked one unit).
    fn refilter(&mut self, _ctx: &Ctx) {}
    /// Number of rows (where the cursor can go).
    fn len(&self, ctx: &Ctx) -> usize;
    /// The cursor row.
    fn row(&self) -> usize;
    fn set_row(&mut self, ctx: &Ctx, row: usize);
    /// Moves the cursor `delta` rows (negative: up), staying within the rows.
    fn move_rows(&mut self, ctx: &Ctx, delta: isize) {
        let len = self.len(ctx);
        let target = (self.row() as isize).saturating_add(delta);
        self.set_row(
            ctx,
            target.clamp(0, len.saturating_sub(1) as isize) as usize,
        );
    }
    fn move_cols(&mut self, _ctx: &Ctx, _delta: isize) {}
    /// Rows visible at the last draw (the page for PgUp/PgDn).
    fn page(&self) -> usize;
    /// The editable value under the cursor.
    fn target(&self, _ctx: &Ctx) -> Option<Target> {
        None
    }
    /// The text of every row for search, and the row search starts from.
    fn search_texts(&self, ctx: &Ctx) -> (Vec<String>, usize);
    /// Moves to row `index` of [`Screen::search_texts`].
    fn show_search_row(&mut self, ctx: &Ctx, index: usize) {
        self.set_row(ctx, index);
    }
    /// Where the cursor is, for the status line (`3/13`).
    fn position(&self, ctx: &Ctx) -> String {
        format!("{}/{}", self.row() + 1, self.len(ctx))
    }
    /// Screen-specific keys (add, delete, filter, jump, focus, Esc).
    fn act(&mut self, _ctx: &Ctx, _action: Action) -> Outcome {
        Outcome::Ignored
    }
    /// Moves to `place` if this screen shows it.
    fn goto(&mut self, _ctx: &Ctx, _place: &Place) -> bool {
        false
    }
    /// The place of the value or finding under the cursor (`o` opens its source).
    fn pointer(&self, ctx: &Ctx) -> Option<Place> {
        self.target(ctx).map(|t| t.pointer())
    }
    /// The finding under the cursor (`m` records a decision on it): the first finding at or
    /// under the value's place, the one its detail line shows.
    fn finding(&self, ctx: &Ctx) -> Option<crate::review::Finding> {
        let pointer = self.pointer(ctx)?;
        ctx.findings_under(&pointer).next().cloned()
    }
    /// The text of the value under the cursor (`y` copies it).
    fn current_text(&self, ctx: &Ctx) -> Option<String> {
        self.target(ctx).and_then(|t| t.get(&ctx.ws)).flatten()
    }
    /// Sorts the rows by `column` (`:sort amount`; empty: the screen's usual one); the same
    /// sort again restores document order. False when this screen cannot be sorted so.
    fn sort(&mut self, _ctx: &Ctx, _column: &str) -> bool {
        false
    }
    /// Rows the help popup shows after this screen's keys (the findings screen: its rules).
    fn help_extra(&self, _lang: Lang) -> Vec<(String, String)> {
        Vec::new()
    }
    /// Draws into `area`; returns the area of the selected cell (where the editor opens).
    fn draw(&self, ctx: &Ctx, buf: &mut Buffer, area: Rect) -> Option<Rect>;
}

macro_rules! screens {
    ($( $id:ident => $field:ident : $ty:ty, $label:ident, $slug:literal; )*) => {
        /// The screens (tabs), in tab order.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum TabId { $($id),* }

        impl TabId {
            pub const ALL: &'static [TabId] = &[$(TabId::$id),*];

            pub fn label(self, lang: Lang) -> &'static str {
                t(lang, self.msg())
            }

            /// The screen's name (its tab label) in the string table.
            pub fn msg(self) -> Msg {
                match self { $(TabId::$id => Msg::$label),* }
            }

            /// A short ASCII name (snapshot files, the `:` command line).
            pub fn slug(self) -> &'static str {
                match self { $(TabId::$id => $slug),* }
            }
        }

        /// Every screen's state.
        #[derive(Default)]
        pub struct Screens { $(pub $field: $ty),* }

        impl Screens {
            pub fn get(&self, tab: TabId) -> &dyn Screen {
                match tab { $(TabId::$id => &self.$field),* }
            }

            pub fn get_mut(&mut self, tab: TabId) -> &mut dyn Screen {
                match tab { $(TabId::$id => &mut self.$field),* }
            }
        }
    };
}

screens! {
    Summary => summary: summary::Summary, TabSummary, "summary";
    ThreePublic => three_public: three_public::ThreePublic, TabThreePublic, "three_public";
    Projects => projects: projects::Projects, TabProjects, "projects";
    Activities => activities: activities::Activities, TabActivities, "activities";
    Findings => findings: findings::Findings, TabFindings, "findings";
    Goals => goals: goals::Goals, TabGoals, "goals";
    Tables => tables: tables::Tables, TabTables, "tables";
    Source => source: source::Source, TabSource, "source";
}

impl TabId {
    pub fn index(self) -> usize {
        TabId::ALL.iter().position(|t| *t == self).unwrap_or(0)
    }
}

impl Screens {
    pub fn rebuild(&mut self, ctx: &Ctx) {
        for &tab in TabId::ALL {
            self.get_mut(tab).rebuild(ctx);
        }
    }

    pub fn refilter(&mut self, ctx: &Ctx) {
        for &tab in TabId::ALL {
            self.get_mut(tab).refilter(ctx);
        }
    }

    /// Moves to `place` on the screen that shows it; that screen's id.
    /// The figure screens come last: they take the nearest figure row of anything.
    pub fn goto(&mut self, ctx: &Ctx, place: &Place) -> Option<TabId> {
        let order = TabId::ALL
            .iter()
            .filter(|t| !matches!(t, TabId::Summary))
            .chain([&TabId::Summary]);
        order
            .copied()
            .find(|&tab| self.get_mut(tab).goto(ctx, place))
    }
}

/// The grid look of the theme, in the UI language.
pub fn grid_look(ctx: &Ctx) -> GridLook<'_> {
    GridLook {
        header: ctx.theme.header,
        selected_row: ctx.theme.selected_row,
        selected_cell: ctx.theme.selected_cell,
        more: ctx.theme.dim,
        ellipsis: ctx.theme.ellipsis(),
        more_text: ctx.tr(Msg::MoreBelow),
        highlight: ctx.search.as_deref().filter(|s| !s.is_empty()),
        highlight_style: ctx.theme.highlight,
    }
}

/// A table of a screen, drawn through the shared grid.
pub struct Table<'a> {
    pub columns: &'a [Column],
    pub len: usize,
    pub row: &'a dyn Fn(usize) -> GridRow,
    pub header: bool,
    /// Said when there are no rows.
    pub empty: Msg,
    /// The selected row drawn like a selected cell (a list whose rows are the choice).
    pub strong: bool,
}

impl Table<'_> {
    /// Draws the table into `area` with the cursor on `row` (cell `col`), keeping its scroll
    /// position in `state`; returns the selected cell's area.
    pub fn draw(
        self,
        ctx: &Ctx,
        buf: &mut Buffer,
        area: Rect,
        state: &Cell<GridState>,
        (row, col): (Option<usize>, Option<usize>),
    ) -> Option<Rect> {
        let mut grid_state = state.get();
        grid_state.row = row;
        grid_state.col = col;
        let len = self.len;
        let mut look = grid_look(ctx);
        if self.strong {
            look.selected_row = ctx.theme.selected_cell;
        }
        Grid {
            columns: self.columns,
            len,
            row: self.row,
            look,
            header: self.header,
        }
        .render(area, buf, &mut grid_state);
        state.set(grid_state);
        if len == 0 && area.height > u16::from(self.header) && area.width > 1 {
            let mut p = Painter {
                buf,
                ellipsis: ctx.theme.ellipsis(),
            };
            let y = area.y + u16::from(self.header);
            p.put(
                area.x + 1,
                y,
                area.width as usize - 1,
                ctx.tr(self.empty),
                ctx.theme.dim,
            );
        }
        grid_state.selected_area
    }
}

/// Draws the detail lines of the selected row (wrapped; cut on the last line).
pub fn draw_detail(ctx: &Ctx, buf: &mut Buffer, area: Rect, lines: &[(String, Style)]) {
    let mut p = Painter {
        buf,
        ellipsis: ctx.theme.ellipsis(),
    };
    p.wrapped(
        area.x,
        area.y,
        area.width as usize,
        area.height as usize,
        lines,
    );
}
