//! What the 报表 screen reads from a table once, when it is selected: each row's 类/款/项
//! level, which columns hold figures, which stay put, and how wide each is.

use crate::model::{ColumnMeaning, DisclosureTable, TableRow};
use crate::text::width;
use crate::tui::paint::is_figure;

/// The 类/款/项 level of a row (0, 1, 2) from its code: the code column, else digits leading
/// the name (`[2010401]行政运行`, `301 工资福利支出`).
fn level(table: &DisclosureTable, row: &TableRow) -> Option<u8> {
    let text = match table.column(ColumnMeaning::Code) {
        Some(c) if !row.text(c).trim().is_empty() => row.text(c),
        _ => row.text(table.column(ColumnMeaning::Name).unwrap_or(0)),
    };
    let digits = text
        .trim()
        .trim_start_matches(['[', '【'])
        .chars()
        .take_while(char::is_ascii_digit)
        .count();
    match digits {
        3 => Some(0),
        5 => Some(1),
        7 => Some(2),
        _ => None,
    }
}

/// What the screen derived from the selected table (rebuilt when it changes).
#[derive(Default)]
pub struct Shape {
    /// Each row's level.
    pub levels: Vec<Option<u8>>,
    /// Columns that hold figures (right-aligned, never cut).
    pub figure: Vec<bool>,
    /// Leading columns that stay when the rest scroll (codes and names).
    pub frozen: usize,
    /// Each column's widest text (at least 4), so a draw does not scan every row.
    pub widest: Vec<usize>,
}

impl Shape {
    pub fn of(table: &DisclosureTable) -> Shape {
        let mut shape = Shape::default();
        shape.levels = table.rows.iter().map(|r| level(table, r)).collect();
        shape.figure = (0..table.columns.len())
            .map(|c| {
                let mut texts = table.rows.iter().map(|r| r.text(c).trim());
                let mut any = false;
                let all = texts.all(|t| {
                    any |= !t.is_empty();
                    t.is_empty() || is_figure(t)
                });
                all && any
            })
            .collect();
        shape.frozen = table
            .columns
            .iter()
            .enumerate()
            .take_while(|(c, col)| {
                matches!(col.meaning, ColumnMeaning::Code | ColumnMeaning::Name)
                    || (*c == 0 && !shape.figure[0])
            })
            .count()
            .min(2);
        shape.widest = (0..table.columns.len())
            .map(|c| {
                table
                    .rows
                    .iter()
                    .map(|r| width(r.text(c).trim()))
                    .max()
                    .unwrap_or(0)
                    .max(4)
            })
            .collect();
        // Codes are digits, but they label rows: they stay put and are never summed.
        for figure in shape.figure.iter_mut().take(shape.frozen) {
            *figure = false;
        }
        shape
    }
}
