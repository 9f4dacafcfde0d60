//! 职责活动: the duty-activity matrix with each graded indicator's ladder (优 良 中 差), its
//! actual value and the grade it earns.

use crate::model::Place;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::widgets::Widget;

use super::{Outcome, RowList, Screen, row_list_methods, step_col};
use super::{Table, draw_detail};
use crate::model::GradedIndicator;
use crate::tui::ctx::Ctx;
use crate::tui::edit::{Edit, GradedField, Target, blank_activity, graded_list};
use crate::tui::grading;
use crate::tui::grid::{Align, Column, GridCell, GridRow};
use crate::tui::i18n::Msg;
use crate::tui::keymap::Action;
use crate::tui::paint::split_bottom;
use crate::tui::rows::{self, MatrixRow};

#[derive(Default)]
pub struct Activities {
    pub list: RowList<MatrixRow>,
}

/// The column titles: 指标, 优, 良, 中, 差, 实际值, 等级.
const TITLES: [Msg; 7] = [
    Msg::Indicator,
    Msg::Excellent,
    Msg::Good,
    Msg::Fair,
    Msg::Poor,
    Msg::Actual,
    Msg::Grade,
];

impl Activities {
    fn current(&self) -> Option<MatrixRow> {
        self.list.rows.get(self.list.cursor.row).copied()
    }

    fn col(&self) -> usize {
        self.current()
            .map_or(0, |r| self.list.cursor.col.min(rows::matrix_columns(r) - 1))
    }

    fn add_row(&self) -> Outcome {
        let Some(row) = self.current() else {
            return Outcome::Error(Msg::NoPlace);
        };
        let (duty, activity, at) = match row {
            MatrixRow::Duty(d) => (d, None, 0),
            MatrixRow::Activity(d, a) => (d, Some(a), 0),
            MatrixRow::Indicator {
                duty,
                activity,
                row,
            } => (duty, activity, row + 1),
        };
        Outcome::Edit(
            Edit::InsertGraded {
                duty,
                activity,
                row: at,
                value: Box::new(GradedIndicator::default()),
            },
            Msg::Added,
        )
    }

    fn add_item(&self, ctx: &Ctx) -> Outcome {
        let Some(row) = self.current() else {
            return Outcome::Error(Msg::NoPlace);
        };
        let (duty, at) = match row {
            MatrixRow::Duty(d)
            | MatrixRow::Indicator {
                duty: d,
                activity: None,
                ..
            } => (d, 0),
            MatrixRow::Activity(d, a)
            | MatrixRow::Indicator {
                duty: d,
                activity: Some(a),
                ..
            } => (d, a + 1),
        };
        let number = ctx.ws.performance.matrix.duties[duty].activities.len() + 1;
        Outcome::Edit(
            Edit::InsertActivity {
                duty,
                index: at,
                value: Box::new(blank_activity(number)),
            },
            Msg::Added,
        )
    }

    fn delete(&self) -> Outcome {
        match self.current() {
            Some(MatrixRow::Indicator {
                duty,
                activity,
                row,
            }) => Outcome::ConfirmDelete(Edit::RemoveGraded {
                duty,
                activity,
                row,
            }),
            Some(MatrixRow::Activity(duty, index)) => {
                Outcome::ConfirmDelete(Edit::RemoveActivity { duty, index })
            }
            _ => Outcome::Error(Msg::NotEditable),
        }
    }

    /// The mark of a row: its worst finding; the first of two duplicate indicators is
    /// marked like the second (the finding is on the repeat).
    fn mark(&self, ctx: &Ctx, row: MatrixRow) -> (&'static str, Style) {
        let mark = ctx.mark(&row.pointer());
        if mark.0 != " " {
            return mark;
        }
        let MatrixRow::Indicator {
            duty,
            activity,
            row: r,
        } = row
        else {
            return mark;
        };
        let Some(list) = graded_list(&ctx.ws, duty, activity) else {
            return mark;
        };
        let list_place = crate::tui::edit::graded_list_place(duty, activity);
        ctx.repeat_mark(&list_place, r, &|j| list.get(j).map(|g| g.name.as_str()))
            .unwrap_or(mark)
    }

    fn grid_row(&self, ctx: &Ctx, i: usize) -> GridRow {
        let row = self.list.rows[i];
        let th = &ctx.theme;
        let cells = match row {
            MatrixRow::Indicator { .. } => (0..rows::MATRIX_COLUMNS)
                .map(|c| {
                    let text = rows::matrix_cell(&ctx.ws, row, c, ctx.lang);
                    match c {
                        0 => GridCell::new(format!("    {text}"), Style::new()),
                        6 => GridCell::new(text, th.good),
                        _ => GridCell::new(text, Style::new()),
                    }
                })
                .collect(),
            MatrixRow::Duty(_) | MatrixRow::Activity(..) => {
                let indent = if matches!(row, MatrixRow::Activity(..)) {
                    "  "
                } else {
                    ""
                };
                let style = if matches!(row, MatrixRow::Duty(_)) {
                    th.heading
                } else {
                    Style::new().add_modifier(Modifier::BOLD)
                };
                let name = rows::matrix_cell(&ctx.ws, row, 0, ctx.lang);
                let budget = rows::matrix_cell(&ctx.ws, row, 1, ctx.lang);
                vec![
                    GridCell::new(format!("{indent}{name}"), style).spanning(5),
                    GridCell::new(format!("{} {budget}", ctx.tr(Msg::Budget)), Style::new())
                        .spanning(2),
                ]
            }
        };
        GridRow {
            mark: self.mark(ctx, row),
            cells,
            style: Style::new(),
        }
    }

    /// The selected row explained: the cell in full, the standard as read, the ladder's
    /// problems, the grade, the finding.
    fn detail(&self, ctx: &Ctx) -> Vec<(String, Style)> {
        let mut lines = Vec::new();
        let Some(row) = self.current() else {
            return lines;
        };
        let th = &ctx.theme;
        match row {
            MatrixRow::Indicator {
                duty,
                activity,
                row: r,
            } => {
                let col = self.col();
                let name = rows::matrix_cell(&ctx.ws, row, 0, ctx.lang);
                let label = |c: usize| ctx.tr(TITLES[c]);
                let cell = if col == 0 {
                    format!("{}: {name}", label(0))
                } else {
                    let text = rows::matrix_cell(&ctx.ws, row, col, ctx.lang);
                    let mut s = format!("{name} {} {}: {text}", th.sep(), label(col));
                    if (1..=4).contains(&col) && !text.trim().is_empty() {
                        s.push_str(&format!(
                            " {} {} {}",
                            th.arrow(),
                            ctx.tr(Msg::Threshold),
                            grading::reading(&text, ctx.lang)
                        ));
                    }
                    s
                };
                lines.push((cell, th.heading));
                if let Some(g) = graded_list(&ctx.ws, duty, activity).and_then(|l| l.get(r)) {
                    let problems = grading::ladder_problems(g.standards(), ctx.lang);
                    if problems.is_empty() {
                        lines.push((
                            format!("{}: {}", ctx.tr(Msg::Problems), ctx.tr(Msg::NoProblems)),
                            th.dim,
                        ));
                    } else {
                        lines.push((
                            format!(
                                "{}: {}",
                                ctx.tr(Msg::Problems),
                                problems.join(ctx.lang.pick("；", "; "))
                            ),
                            th.warning,
                        ));
                    }
                    if let Some(actual) = g.actual.as_deref().filter(|a| !a.trim().is_empty()) {
                        let grade = match grading::grade(g.standards(), actual, ctx.lang) {
                            Ok(i) => ctx
                                .tr([Msg::Excellent, Msg::Good, Msg::Fair, Msg::Poor][i.min(3)])
                                .to_string(),
                            Err(reason) => format!("? {reason}"),
                        };
                        lines.push((
                            format!(
                                "{} {actual} {} {} {grade}",
                                ctx.tr(Msg::Actual),
                                th.arrow(),
                                ctx.tr(Msg::Grade),
                            ),
                            th.good,
                        ));
                    }
                }
            }
            MatrixRow::Duty(d) => {
                if let Some(duty) = ctx.ws.performance.matrix.duties.get(d) {
                    lines.push((
                        format!("{}: {}", ctx.tr(Msg::Content), duty.content),
                        Style::new(),
                    ));
                    lines.push((
                        format!("{}: {}", ctx.tr(Msg::Goal), duty.goal),
                        Style::new(),
                    ));
                }
            }
            MatrixRow::Activity(d, a) => {
                if let Some(act) = ctx
                    .ws
                    .performance
                    .matrix
                    .duties
                    .get(d)
                    .and_then(|d| d.activities.get(a))
                {
                    lines.push((
                        format!("{}: {}", ctx.tr(Msg::Content), act.content),
                        Style::new(),
                    ));
                    lines.push((format!("{}: {}", ctx.tr(Msg::Goal), act.goal), Style::new()));
                }
            }
        }
        if let Some(line) = ctx.finding_line(&row.pointer()) {
            // The finding goes first after the cell: it is what the reviewer came for.
            lines.insert(1.min(lines.len()), line);
        }
        lines
    }
}

impl Screen for Activities {
    fn rebuild(&mut self, ctx: &Ctx) {
        self.list.rows = rows::matrix_rows(&ctx.ws);
        self.list.clamp();
    }

    row_list_methods!(list);

    fn move_cols(&mut self, _ctx: &Ctx, delta: isize) {
        if let Some(row) = self.current() {
            self.list.cursor.col = step_col(self.list.cursor.col, rows::matrix_columns(row), delta);
        }
    }

    fn target(&self, _ctx: &Ctx) -> Option<Target> {
        rows::matrix_target(self.current()?, self.col())
    }

    fn current_text(&self, ctx: &Ctx) -> Option<String> {
        Some(rows::matrix_cell(
            &ctx.ws,
            self.current()?,
            self.col(),
            ctx.lang,
        ))
        .filter(|t| !t.is_empty())
    }

    fn search_texts(&self, ctx: &Ctx) -> (Vec<String>, usize) {
        let texts = self
            .list
            .rows
            .iter()
            .map(|&row| {
                (0..rows::matrix_columns(row))
                    .map(|c| rows::matrix_cell(&ctx.ws, row, c, ctx.lang))
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        (texts, self.list.cursor.row)
    }

    fn act(&mut self, ctx: &Ctx, action: Action) -> Outcome {
        match action {
            Action::AddRow => self.add_row(),
            Action::AddItem => self.add_item(ctx),
            Action::Delete => self.delete(),
            _ => Outcome::Ignored,
        }
    }

    fn goto(&mut self, _ctx: &Ctx, place: &Place) -> bool {
        let segments = place.parts();
        let num = |s: &str| s.parse::<usize>().ok();
        let ["performance", "matrix", "duties", d, rest @ ..] = segments.as_slice() else {
            return false;
        };
        let Some(d) = num(d) else { return false };
        let (wanted, col) = match rest {
            ["activities", a, "indicators", i, more @ ..] => (
                num(a).zip(num(i)).map(|(a, i)| MatrixRow::Indicator {
                    duty: d,
                    activity: Some(a),
                    row: i,
                }),
                more.first().and_then(|f| GradedField::from_key(f)),
            ),
            ["activities", a, more @ ..] => (
                num(a).map(|a| MatrixRow::Activity(d, a)),
                (more.first() == Some(&"budget")).then_some(GradedField::Standard(0)),
            ),
            ["indicators", i, more @ ..] => (
                num(i).map(|i| MatrixRow::Indicator {
                    duty: d,
                    activity: None,
                    row: i,
                }),
                more.first().and_then(|f| GradedField::from_key(f)),
            ),
            more => (
                Some(MatrixRow::Duty(d)),
                (more.first() == Some(&"budget")).then_some(GradedField::Standard(0)),
            ),
        };
        // An edit lands on the current row: look there before scanning every row.
        let Some(index) = wanted.and_then(|w| {
            if self.current() == Some(w) {
                Some(self.list.cursor.row)
            } else {
                self.list.rows.iter().position(|r| *r == w)
            }
        }) else {
            return false;
        };
        self.list.cursor.row = index;
        if let Some(field) = col {
            self.list.cursor.col = rows::graded_column(field);
        }
        true
    }

    fn draw(&self, ctx: &Ctx, buf: &mut Buffer, body: Rect) -> Option<Rect> {
        let title = if ctx.ws.performance.matrix.title.is_empty() {
            ctx.tr(Msg::TabActivities).to_string()
        } else {
            ctx.ws.performance.matrix.title.clone()
        };
        let b = ctx.block(title);
        let inner = b.inner(body);
        b.render(body, buf);
        let detail_lines = if body.height >= 30 { 5u16 } else { 3 };
        let (table, detail) = split_bottom(inner, detail_lines);
        // Names tell rows apart: they get the spare width; a standard's full text is on the
        // detail line of the selected row.
        // Standards get 6 to 12 columns; names take the rest.
        let standard = (inner.width.saturating_sub(40) / 7).clamp(6, 12);
        let columns: Vec<Column> = TITLES
            .iter()
            .enumerate()
            .map(|(c, m)| {
                let (width, align) = match c {
                    0 => (Constraint::Fill(1), Align::Label),
                    6 => (
                        Constraint::Length(crate::text::width(ctx.tr(*m)).max(4) as u16),
                        Align::Left,
                    ),
                    _ => (Constraint::Length(standard), Align::Left),
                };
                Column::new(ctx.tr(*m), width, align)
            })
            .collect();
        let cell = Table {
            columns: &columns,
            len: self.list.rows.len(),
            row: &|i| self.grid_row(ctx, i),
            header: true,
            strong: false,
            empty: Msg::NoRows,
        }
        .draw(
            ctx,
            buf,
            table,
            &self.list.grid,
            (Some(self.list.cursor.row), Some(self.col())),
        );
        draw_detail(ctx, buf, detail, &self.detail(ctx));
        cell
    }
}
