//! 分项绩效目标: each itemised goal with its computations (quantity × unit price = amount),
//! the total it states and what the computations add up to, side by side.

use crate::model::Place;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Style;
use ratatui::widgets::Widget;

use super::{RowList, Screen, row_list_methods, step_col};
use super::{Table, draw_detail};
use crate::model::{Amount, ItemisedGoal};
use crate::review::{computation_in_total, fmt_decimal, goal_unit};
use crate::tui::ctx::Ctx;
use crate::tui::edit::Target;
use crate::tui::grid::{Align, Column, GridCell, GridRow};
use crate::tui::i18n::Msg;
use crate::tui::paint::split_bottom;
use crate::tui::rows::amount_text;

/// A row of the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GoalRow {
    Goal(usize),
    Computation(usize, usize),
    Total(usize),
}

impl GoalRow {
    fn pointer(self) -> Place {
        let item = |g| Place::at(&["performance", "itemised_goals", "items"]).idx(g);
        match self {
            GoalRow::Goal(g) => item(g),
            GoalRow::Computation(g, c) => item(g).key("computations").idx(c),
            GoalRow::Total(g) => item(g).key("stated_total"),
        }
    }

    /// The figures a row edits, by column (数量, 单价, 金额).
    fn figures(self) -> [Option<Place>; 3] {
        let p = self.pointer();
        match self {
            GoalRow::Goal(_) => [None, None, None],
            GoalRow::Computation(..) => [
                Some(p.key("quantity")),
                Some(p.key("unit_price")),
                Some(p.key("amount")),
            ],
            GoalRow::Total(_) => [None, None, Some(p)],
        }
    }
}

#[derive(Default)]
pub struct Goals {
    pub list: RowList<GoalRow>,
}

fn with_unit(amount: &Option<Amount>, unit: &str) -> String {
    let text = amount_text(amount);
    if text.is_empty() {
        text
    } else {
        format!("{text}{}", unit.trim())
    }
}

/// What the computations of `goal` add up to in its total's unit, when all can be read.
fn computed_sum(ctx: &Ctx, goal: &ItemisedGoal) -> Option<rust_decimal::Decimal> {
    if goal.computations.is_empty() {
        return None;
    }
    goal.computations
        .iter()
        .map(|c| computation_in_total(&ctx.ws, goal, c).counted())
        .sum()
}

impl Goals {
    fn goal(ctx: &Ctx, g: usize) -> Option<&ItemisedGoal> {
        ctx.ws.performance.itemised_goals.items.get(g)
    }

    fn current(&self) -> Option<GoalRow> {
        self.list.rows.get(self.list.cursor.row).copied()
    }

    fn grid_row(&self, ctx: &Ctx, i: usize) -> GridRow {
        let row = self.list.rows[i];
        let empty = GridRow::default;
        let cells = match row {
            GoalRow::Goal(g) => {
                let Some(goal) = Self::goal(ctx, g) else {
                    return empty();
                };
                let number = goal.number.trim();
                let title = if number.is_empty() {
                    goal.title.clone()
                } else {
                    format!("（{number}）{}", goal.title)
                };
                vec![GridCell::new(title, ctx.theme.heading).spanning(5)]
            }
            GoalRow::Computation(g, c) => {
                let Some(goal) = Self::goal(ctx, g) else {
                    return empty();
                };
                let Some(comp) = goal.computations.get(c) else {
                    return empty();
                };
                let figure = computation_in_total(&ctx.ws, goal, comp);
                let computed = figure.product.map(|p| p.0).or(figure.stated);
                vec![
                    GridCell::new(format!("  {}", comp.label), Style::new()),
                    GridCell::new(with_unit(&comp.quantity, &comp.quantity_unit), Style::new()),
                    GridCell::new(
                        with_unit(&comp.unit_price, &comp.unit_price_unit),
                        Style::new(),
                    ),
                    GridCell::new(amount_text(&comp.amount), Style::new()),
                    GridCell::new(computed.map(fmt_decimal).unwrap_or_default(), Style::new()),
                ]
            }
            GoalRow::Total(g) => {
                let Some(goal) = Self::goal(ctx, g) else {
                    return empty();
                };
                let sum = computed_sum(ctx, goal);
                vec![
                    GridCell::new(format!("  {}", ctx.tr(Msg::Total)), ctx.theme.header)
                        .spanning(3),
                    GridCell::new(amount_text(&goal.stated_total), ctx.theme.header),
                    GridCell::new(sum.map(fmt_decimal).unwrap_or_default(), ctx.theme.header),
                ]
            }
        };
        GridRow {
            mark: ctx.mark(&row.pointer()),
            cells,
            style: Style::new(),
        }
    }

    fn detail(&self, ctx: &Ctx) -> Vec<(String, Style)> {
        let mut lines = Vec::new();
        let Some(row) = self.current() else {
            return lines;
        };
        let g = match row {
            GoalRow::Goal(g) | GoalRow::Computation(g, _) | GoalRow::Total(g) => g,
        };
        let Some(goal) = Self::goal(ctx, g) else {
            return lines;
        };
        let unit = goal_unit(&ctx.ws, goal).trim().to_string();
        if let Some(line) = ctx.finding_line(&row.pointer()) {
            lines.push(line);
        }
        match row {
            GoalRow::Goal(_) => {
                lines.push((goal.text.clone(), Style::new()));
                lines.push((
                    format!("{}: {}", ctx.tr(Msg::Goals), goal.goals),
                    Style::new(),
                ));
                lines.push((
                    format!("{}: {}", ctx.tr(Msg::IndicatorsLine), goal.indicators),
                    Style::new(),
                ));
            }
            GoalRow::Computation(_, c) => {
                if let Some(comp) = goal.computations.get(c)
                    && let Some((v, e)) = computation_in_total(&ctx.ws, goal, comp).product
                {
                    lines.push((format!("{e} = {}{unit}", fmt_decimal(v)), ctx.theme.heading));
                }
            }
            GoalRow::Total(_) => {
                let sum = computed_sum(ctx, goal);
                let stated = amount_text(&goal.stated_total);
                lines.push((
                    format!(
                        "{} {stated}{unit} {} {} {}{unit}",
                        ctx.tr(Msg::StatedTotal),
                        ctx.theme.sep(),
                        ctx.tr(Msg::ComputedTotal),
                        sum.map(fmt_decimal).unwrap_or_else(|| "?".into()),
                    ),
                    ctx.theme.heading,
                ));
            }
        }
        lines
    }
}

impl Screen for Goals {
    fn rebuild(&mut self, ctx: &Ctx) {
        self.list.rows.clear();
        for (g, goal) in ctx.ws.performance.itemised_goals.items.iter().enumerate() {
            self.list.rows.push(GoalRow::Goal(g));
            self.list
                .rows
                .extend((0..goal.computations.len()).map(|c| GoalRow::Computation(g, c)));
            if goal.stated_total.is_some() || !goal.computations.is_empty() {
                self.list.rows.push(GoalRow::Total(g));
            }
        }
        self.list.clamp();
    }

    row_list_methods!(list);

    fn move_cols(&mut self, _ctx: &Ctx, delta: isize) {
        self.list.cursor.col = step_col(self.list.cursor.col, 3, delta);
    }

    fn target(&self, _ctx: &Ctx) -> Option<Target> {
        let row = self.current()?;
        let figures = row.figures();
        match row {
            GoalRow::Total(_) => figures[2].clone(),
            _ => figures.get(self.list.cursor.col.min(2))?.clone(),
        }
        .map(Target::Figure)
    }

    fn search_texts(&self, ctx: &Ctx) -> (Vec<String>, usize) {
        let texts = (0..self.list.rows.len())
            .map(|i| {
                self.grid_row(ctx, i)
                    .cells
                    .iter()
                    .map(|c| c.text.trim())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        (texts, self.list.cursor.row)
    }

    fn goto(&mut self, _ctx: &Ctx, place: &Place) -> bool {
        let segments = place.parts();
        let num = |s: &str| s.parse::<usize>().ok();
        let ["performance", "itemised_goals", rest @ ..] = segments.as_slice() else {
            return false;
        };
        let (wanted, col) = match rest {
            ["items", g, "computations", c, field, ..] => (
                num(g).zip(num(c)).map(|(g, c)| GoalRow::Computation(g, c)),
                ["quantity", "unit_price", "amount"]
                    .iter()
                    .position(|f| f == field),
            ),
            ["items", g, "computations", c] => (
                num(g).zip(num(c)).map(|(g, c)| GoalRow::Computation(g, c)),
                None,
            ),
            ["items", g, "stated_total", ..] => (num(g).map(GoalRow::Total), Some(2)),
            ["items", g, ..] => (num(g).map(GoalRow::Goal), None),
            _ => (self.list.rows.first().copied(), None),
        };
        let Some(index) = wanted.and_then(|w| self.list.rows.iter().position(|r| *r == w)) else {
            return false;
        };
        self.list.cursor.row = index;
        if let Some(c) = col {
            self.list.cursor.col = c;
        }
        true
    }

    fn draw(&self, ctx: &Ctx, buf: &mut Buffer, body: Rect) -> Option<Rect> {
        let goals = &ctx.ws.performance.itemised_goals;
        let title = if goals.heading.trim().is_empty() {
            ctx.tr(Msg::TabGoals).to_string()
        } else {
            goals.heading.clone()
        };
        let b = ctx.block(format!(
            "{title} {} {}",
            ctx.theme.sep(),
            super::figures::unit_note(ctx)
        ));
        let inner = b.inner(body);
        b.render(body, buf);
        let detail_lines = if body.height >= 30 { 5u16 } else { 3 };
        let (table, detail) = split_bottom(inner, detail_lines);
        let unit = ctx.unit();
        let columns = [
            Column::new(ctx.tr(Msg::Name), Constraint::Fill(1), Align::Label),
            Column::new(ctx.tr(Msg::Quantity), Constraint::Length(10), Align::Left),
            Column::new(ctx.tr(Msg::UnitPrice), Constraint::Length(10), Align::Left),
            Column::new(
                format!("{}({unit})", ctx.tr(Msg::Amount)),
                Constraint::Length(6),
                Align::Figure,
            ),
            Column::new(
                format!("{}({unit})", ctx.tr(Msg::Computed)),
                Constraint::Length(6),
                Align::Figure,
            ),
        ];
        let col = match self.current() {
            Some(GoalRow::Computation(..)) => Some(1 + self.list.cursor.col.min(2)),
            Some(GoalRow::Total(_)) => Some(1),
            _ => None,
        };
        let cell = Table {
            columns: &columns,
            len: self.list.rows.len(),
            row: &|i| self.grid_row(ctx, i),
            header: true,
            strong: false,
            empty: Msg::NoGoals,
        }
        .draw(
            ctx,
            buf,
            table,
            &self.list.grid,
            (Some(self.list.cursor.row), col),
        );
        draw_detail(ctx, buf, detail, &self.detail(ctx));
        cell
    }
}
