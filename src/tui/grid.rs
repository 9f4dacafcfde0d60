//! The one grid every table screen draws through: a header, a mark column (`!` error,
//! `*` warning, `i` info), cells fitted to columns laid out by `Layout` constraints, only the
//! visible rows built, and a "more below" line when rows are cut off.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::widgets::StatefulWidget;

use super::paint::{align_points, fit, fit_label, fit_right};
use crate::text::width;

/// How a column fits its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    /// Names: a cut keeps the start and the end.
    Label,
    /// Figures: right-aligned, decimal points lined up, never cut (the column grows).
    Figure,
}

#[derive(Debug, Clone)]
pub struct Column {
    pub title: String,
    pub width: Constraint,
    pub align: Align,
}

impl Column {
    pub fn new(title: impl Into<String>, width: Constraint, align: Align) -> Column {
        Column {
            title: title.into(),
            width,
            align,
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct GridCell {
    pub text: String,
    pub style: Style,
    /// Columns this cell covers (0 and 1 both mean one).
    pub span: usize,
}

impl GridCell {
    pub fn new(text: impl Into<String>, style: Style) -> GridCell {
        GridCell {
            text: text.into(),
            style,
            span: 1,
        }
    }

    pub fn spanning(mut self, span: usize) -> GridCell {
        self.span = span;
        self
    }
}

#[derive(Debug, Clone, Default)]
pub struct GridRow {
    pub mark: (&'static str, Style),
    pub cells: Vec<GridCell>,
    /// Style of the whole row (headings); the selection is laid over it.
    pub style: Style,
}

/// Styles and words the grid draws with.
#[derive(Debug, Clone, Copy)]
pub struct GridLook<'a> {
    pub header: Style,
    pub selected_row: Style,
    pub selected_cell: Style,
    pub more: Style,
    pub ellipsis: &'static str,
    /// "more below": `{n}` is replaced with the number of rows not shown.
    pub more_text: &'static str,
    /// Cells holding this text (the last search; case does not matter) are highlighted.
    pub highlight: Option<&'a str>,
    pub highlight_style: Style,
}

/// Where the grid is scrolled to and what is selected; the grid writes back the first
/// visible row, the rows that fit (the page) and the selected cell's area (the editor opens
/// there, wider only when its text needs it).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct GridState {
    pub offset: usize,
    pub row: Option<usize>,
    /// The selected cell of the selected row (an index into its cells); `None`: the row.
    pub col: Option<usize>,
    pub page: usize,
    pub selected_area: Option<Rect>,
}

pub struct Grid<'a> {
    pub columns: &'a [Column],
    pub len: usize,
    pub row: &'a dyn Fn(usize) -> GridRow,
    pub look: GridLook<'a>,
    /// Draw the column titles on the first line.
    pub header: bool,
}

/// The widths of `columns` in `total` columns, one space between; figure columns are as
/// wide as their widest text in `rows`.
fn widths(columns: &[Column], rows: &[GridRow], total: u16) -> Vec<u16> {
    let constraints: Vec<Constraint> = columns
        .iter()
        .enumerate()
        .map(|(c, col)| match (col.align, col.width) {
            (Align::Figure, Constraint::Length(min)) => {
                let widest = rows
                    .iter()
                    .filter_map(|r| cell_at(r, c))
                    .filter(|cell| cell.span <= 1)
                    .map(|cell| width(&cell.text))
                    .chain([width(&col.title)])
                    .max()
                    .unwrap_or(0);
                Constraint::Length(min.max(widest as u16))
            }
            (_, w) => w,
        })
        .collect();
    let area = Rect::new(0, 0, total, 1);
    Layout::horizontal(constraints)
        .spacing(1)
        .split(area)
        .iter()
        .map(|r| r.width)
        .collect()
}

/// The cell of `row` that starts at column `c`, if one does.
fn cell_at(row: &GridRow, c: usize) -> Option<&GridCell> {
    let mut at = 0;
    for cell in &row.cells {
        if at == c {
            return Some(cell);
        }
        at += cell.span.max(1);
    }
    None
}

impl StatefulWidget for Grid<'_> {
    type State = GridState;

    fn render(self, area: Rect, buf: &mut Buffer, state: &mut GridState) {
        state.selected_area = None;
        if area.width < 2 || area.height == 0 {
            return;
        }
        let header_h = u16::from(self.header);
        let mut height = area.height.saturating_sub(header_h) as usize;
        if self.len > height {
            height = height.saturating_sub(1);
        }
        let height = height.max(1);
        state.page = height;
        if let Some(row) = state.row {
            let row = row.min(self.len.saturating_sub(1));
            if row < state.offset {
                state.offset = row;
            } else if row >= state.offset + height {
                state.offset = row + 1 - height;
            }
        }
        state.offset = state.offset.min(self.len.saturating_sub(height));
        let end = (state.offset + height).min(self.len);
        let mut rows: Vec<GridRow> = (state.offset..end).map(|i| (self.row)(i)).collect();
        for (c, col) in self.columns.iter().enumerate() {
            if col.align != Align::Figure {
                continue;
            }
            let mut texts: Vec<String> = rows
                .iter()
                .map(|r| {
                    cell_at(r, c)
                        .filter(|x| x.span <= 1)
                        .map(|x| x.text.clone())
                        .unwrap_or_default()
                })
                .collect();
            align_points(&mut texts);
            for (r, text) in rows.iter_mut().zip(texts) {
                let mut at = 0;
                for cell in r.cells.iter_mut() {
                    if at == c && cell.span.max(1) == 1 {
                        cell.text = text;
                        break;
                    }
                    at += cell.span.max(1);
                }
            }
        }
        let x0 = area.x + 1;
        let widths = widths(self.columns, &rows, area.width - 1);
        let xs: Vec<u16> = widths
            .iter()
            .scan(x0, |x, w| {
                let here = *x;
                *x += w + 1;
                Some(here)
            })
            .collect();
        let right = area.x + area.width;
        let ellipsis = self.look.ellipsis;
        let put = |buf: &mut Buffer, x: u16, y: u16, w: usize, text: &str, align, style| {
            if w == 0 {
                return;
            }
            let s = match align {
                Align::Left => fit(text, w, ellipsis),
                Align::Label => fit_label(text, w, ellipsis),
                Align::Figure => fit_right(text, w, ellipsis),
            };
            buf.set_stringn(x, y, s, w, style);
        };
        if self.header {
            for (c, col) in self.columns.iter().enumerate() {
                let align = if col.align == Align::Figure {
                    Align::Figure
                } else {
                    Align::Left
                };
                let w = widths[c] as usize;
                put(buf, xs[c], area.y, w, &col.title, align, self.look.header);
            }
        }
        let top = area.y + header_h;
        for (k, row) in rows.iter().enumerate() {
            let i = state.offset + k;
            let y = top + k as u16;
            let selected = state.row == Some(i);
            let base = if selected {
                row.style.patch(self.look.selected_row)
            } else {
                row.style
            };
            buf.set_stringn(area.x, y, row.mark.0, 1, row.mark.1);
            buf.set_style(Rect::new(x0, y, area.width - 1, 1), base);
            let sel_col = state.col.map(|c| c.min(row.cells.len().saturating_sub(1)));
            let mut c = 0;
            for (n, cell) in row.cells.iter().enumerate() {
                let span = cell.span.max(1).min(self.columns.len().saturating_sub(c));
                if span == 0 {
                    break;
                }
                let x = xs[c];
                let w: u16 = widths[c..c + span].iter().sum::<u16>() + (span as u16 - 1);
                let style = if selected && sel_col == Some(n) {
                    state.selected_area = Some(Rect::new(x, y, w.min(right.saturating_sub(x)), 1));
                    self.look.selected_cell
                } else if self
                    .look
                    .highlight
                    .is_some_and(|h| cell.text.to_lowercase().contains(&h.to_lowercase()))
                {
                    base.patch(self.look.highlight_style)
                } else if selected {
                    // Only modifiers on the selection: a cell's colour may not read on it.
                    base.patch(Style {
                        fg: None,
                        bg: None,
                        ..cell.style
                    })
                } else {
                    base.patch(cell.style)
                };
                let align = if span > 1 {
                    Align::Left
                } else {
                    self.columns[c].align
                };
                put(buf, x, y, w as usize, &cell.text, align, style);
                c += span;
            }
        }
        if end < self.len {
            let y = top + rows.len() as u16;
            let text = self
                .look
                .more_text
                .replace("{n}", &(self.len - end).to_string());
            let w = width(&text).min(area.width as usize - 1);
            buf.set_stringn(
                right - w as u16,
                y,
                fit(&text, w, ellipsis),
                w,
                self.look.more,
            );
        }
    }
}
