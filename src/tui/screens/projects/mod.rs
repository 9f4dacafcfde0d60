//! 项目绩效: the list of project tables (sortable by amount) with the spending plan, and the
//! selected table: its fields, goals and indicator rows.

use crate::model::Place;
use std::cell::Cell;

mod view;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::{Cursor, Outcome, Screen, step_col};
use crate::tui::ctx::Ctx;
use crate::tui::edit::{
    Edit, IndicatorField, ProjectField, Target, blank_project, blank_project_indicator,
};
use crate::tui::grid::GridState;
use crate::tui::i18n::Msg;
use crate::tui::keymap::Action;
use crate::tui::rows::{self, ProjectRow};

#[derive(Default)]
pub struct Projects {
    /// The selected project (its index in the workspace).
    pub project: usize,
    /// True when the cursor is in the selected table, false when it is in the list.
    pub in_table: bool,
    pub table: Cursor,
    /// The list's order when sorted (`:sort`): workspace indexes; empty is document order.
    pub order: Vec<usize>,
    /// The column of that order (`:sort COLUMN`).
    pub sorted_by: Option<String>,
    list_grid: Cell<GridState>,
    table_grid: Cell<GridState>,
}

impl Projects {
    fn count(ctx: &Ctx) -> usize {
        ctx.ws.performance.projects.len()
    }

    /// The workspace index of list row `i`.
    fn at(&self, i: usize) -> usize {
        self.order.get(i).copied().unwrap_or(i)
    }

    /// The list row of the selected project.
    fn list_row(&self) -> usize {
        self.order
            .iter()
            .position(|&p| p == self.project)
            .unwrap_or(self.project)
    }

    pub fn project_row(&self, ctx: &Ctx) -> Option<ProjectRow> {
        let p = ctx.ws.performance.projects.get(self.project)?;
        Some(rows::project_row(p, self.table.row))
    }

    fn columns(row: ProjectRow) -> usize {
        match row {
            ProjectRow::Field(_) => 1,
            _ => rows::INDICATOR_COLUMNS.len(),
        }
    }

    fn col(&self, ctx: &Ctx) -> usize {
        self.project_row(ctx)
            .map_or(0, |r| self.table.col.min(Self::columns(r) - 1))
    }

    fn select(&mut self, project: usize) {
        if project != self.project {
            self.project = project;
            self.table = Cursor::default();
        }
    }

    fn add_row(&mut self, ctx: &Ctx) -> Outcome {
        let pi = self.project;
        let Some(p) = ctx.ws.performance.projects.get(pi) else {
            return Outcome::Error(Msg::NoProjects);
        };
        let at = match self.project_row(ctx) {
            Some(ProjectRow::Indicator(i)) if self.in_table => i + 1,
            _ => p.indicators.len(),
        };
        let like = p.indicators.get(at.saturating_sub(1));
        self.in_table = true;
        self.table.col = 2;
        Outcome::Edit(
            Edit::InsertProjectIndicator {
                project: pi,
                row: at,
                value: Box::new(blank_project_indicator(like)),
            },
            Msg::Added,
        )
    }

    fn add_item(&mut self, ctx: &Ctx) -> Outcome {
        let n = Self::count(ctx);
        let at = if n == 0 { 0 } else { self.project + 1 };
        self.in_table = false;
        self.order.clear();
        Outcome::Edit(
            Edit::InsertProject {
                index: at,
                value: Box::new(blank_project(n + 1)),
            },
            Msg::Added,
        )
    }

    fn delete(&self, ctx: &Ctx) -> Outcome {
        if Self::count(ctx) == 0 {
            return Outcome::Error(Msg::NotEditable);
        }
        if !self.in_table {
            return Outcome::ConfirmDelete(Edit::RemoveProject {
                index: self.project,
            });
        }
        match self.project_row(ctx) {
            Some(ProjectRow::Indicator(i)) => {
                Outcome::ConfirmDelete(Edit::RemoveProjectIndicator {
                    project: self.project,
                    row: i,
                })
            }
            _ => Outcome::Error(Msg::NotEditable),
        }
    }
}

impl Screen for Projects {
    fn rebuild(&mut self, ctx: &Ctx) {
        let n = Self::count(ctx);
        if self.order.len() != n {
            self.order.clear();
            self.sorted_by = None;
        }
        self.project = self.project.min(n.saturating_sub(1));
        if let Some(p) = ctx.ws.performance.projects.get(self.project) {
            self.table.row = self
                .table
                .row
                .min(rows::project_row_count(p).saturating_sub(1));
        }
    }

    fn refilter(&mut self, ctx: &Ctx) {
        self.rebuild(ctx);
    }

    fn len(&self, ctx: &Ctx) -> usize {
        if self.in_table {
            ctx.ws
                .performance
                .projects
                .get(self.project)
                .map_or(0, rows::project_row_count)
        } else {
            Self::count(ctx)
        }
    }

    fn row(&self) -> usize {
        if self.in_table {
            self.table.row
        } else {
            self.list_row()
        }
    }

    fn set_row(&mut self, ctx: &Ctx, row: usize) {
        let row = row.min(self.len(ctx).saturating_sub(1));
        if self.in_table {
            self.table.row = row;
        } else {
            let project = self.at(row);
            self.select(project);
        }
    }

    fn move_cols(&mut self, ctx: &Ctx, delta: isize) {
        if !self.in_table {
            if delta > 0 && Self::count(ctx) > 0 {
                self.in_table = true;
            }
            return;
        }
        let Some(row) = self.project_row(ctx) else {
            return;
        };
        let col = self.col(ctx);
        if delta < 0 && col == 0 {
            self.in_table = false;
            return;
        }
        self.table.col = step_col(col, Self::columns(row), delta);
    }

    fn page(&self) -> usize {
        let grid = if self.in_table {
            &self.table_grid
        } else {
            &self.list_grid
        };
        grid.get().page.max(1)
    }

    fn position(&self, ctx: &Ctx) -> String {
        let n = Self::count(ctx);
        let at = (self.list_row() + 1).min(n);
        if self.in_table {
            format!("{at}/{n} {} {}", ctx.theme.sep(), self.table.row + 1)
        } else {
            format!("{at}/{n}")
        }
    }

    fn target(&self, ctx: &Ctx) -> Option<Target> {
        if !self.in_table {
            return None;
        }
        rows::project_target(self.project, self.project_row(ctx)?, self.col(ctx))
    }

    fn current_text(&self, ctx: &Ctx) -> Option<String> {
        if !self.in_table {
            let p = ctx.ws.performance.projects.get(self.project)?;
            return Some(p.name.clone());
        }
        let row = self.project_row(ctx)?;
        Some(rows::project_cell(
            &ctx.ws,
            self.project,
            row,
            self.col(ctx),
            ctx.lang,
        ))
        .filter(|t| !t.is_empty())
    }

    fn search_texts(&self, ctx: &Ctx) -> (Vec<String>, usize) {
        let mut texts = Vec::new();
        let mut current = 0;
        for (pi, p) in ctx.ws.performance.projects.iter().enumerate() {
            if pi == self.project {
                current = texts.len() + if self.in_table { self.table.row } else { 0 };
            }
            for r in 0..rows::project_row_count(p) {
                let row = rows::project_row(p, r);
                let text = match row {
                    ProjectRow::Field(ProjectField::Code | ProjectField::Name) => format!(
                        "{} {}",
                        rows::project_field_label(ProjectField::Name, ctx.lang),
                        rows::project_cell(&ctx.ws, pi, row, 0, ctx.lang)
                    ),
                    ProjectRow::Field(_) => rows::project_cell(&ctx.ws, pi, row, 0, ctx.lang),
                    ProjectRow::IndicatorHeader => String::new(),
                    ProjectRow::Indicator(_) => (0..rows::INDICATOR_COLUMNS.len())
                        .map(|c| rows::project_cell(&ctx.ws, pi, row, c, ctx.lang))
                        .collect::<Vec<_>>()
                        .join(" "),
                };
                texts.push(text);
            }
        }
        (texts, current)
    }

    fn show_search_row(&mut self, ctx: &Ctx, index: usize) {
        let mut base = 0;
        for (pi, p) in ctx.ws.performance.projects.iter().enumerate() {
            let n = rows::project_row_count(p);
            if index < base + n {
                self.select(pi);
                self.table.row = index - base;
                self.in_table = true;
                return;
            }
            base += n;
        }
    }

    fn act(&mut self, ctx: &Ctx, action: Action) -> Outcome {
        match action {
            Action::AddRow => self.add_row(ctx),
            Action::AddItem => self.add_item(ctx),
            Action::Delete => self.delete(ctx),
            Action::Focus => {
                self.in_table = !self.in_table;
                Outcome::Done
            }
            Action::Close if self.in_table => {
                self.in_table = false;
                Outcome::Done
            }
            _ => Outcome::Ignored,
        }
    }

    /// Sorts the list by amount (largest first; the default), name, code or findings (most
    /// first); the same sort again: document order.
    fn sort(&mut self, ctx: &Ctx, column: &str) -> bool {
        let column = if column.is_empty() { "amount" } else { column };
        if self.sorted_by.as_deref() == Some(column) {
            self.order.clear();
            self.sorted_by = None;
            return true;
        }
        let projects = &ctx.ws.performance.projects;
        let mut order: Vec<usize> = (0..projects.len()).collect();
        match column {
            "amount" => {
                order.sort_by_key(|&i| std::cmp::Reverse(rows::value(&projects[i].budget.total)))
            }
            "name" => order.sort_by(|&a, &b| projects[a].name.cmp(&projects[b].name)),
            "code" => order.sort_by(|&a, &b| projects[a].code.cmp(&projects[b].code)),
            "findings" => order.sort_by_key(|&i| {
                let pointer = Place::projects().idx(i);
                std::cmp::Reverse(ctx.findings_under(&pointer).count())
            }),
            _ => return false,
        }
        self.order = order;
        self.sorted_by = Some(column.to_string());
        true
    }

    fn goto(&mut self, ctx: &Ctx, place: &Place) -> bool {
        let segments = place.parts();
        let num = |s: &str| s.parse::<usize>().ok();
        let ["performance", "projects", p, rest @ ..] = segments.as_slice() else {
            return false;
        };
        let Some(pi) = num(p).filter(|&pi| pi < Self::count(ctx)) else {
            return false;
        };
        let table = &ctx.ws.performance.projects[pi];
        self.select(pi);
        let field_row = |f: ProjectField| rows::PROJECT_FIELDS.iter().position(|x| *x == f);
        let (row, col) = match rest {
            [] => {
                self.in_table = false;
                return true;
            }
            ["indicators", r, more @ ..] => {
                let Some(r) = num(r).filter(|&r| r < table.indicators.len()) else {
                    return false;
                };
                let col = more
                    .first()
                    .and_then(|f| IndicatorField::from_key(f))
                    .and_then(|f| rows::INDICATOR_COLUMNS.iter().position(|c| *c == Some(f)))
                    .unwrap_or(self.table.col);
                (rows::project_indicator_row(table, r), col)
            }
            ["indicators"] => (rows::project_indicator_row(table, 0) - 1, 0),
            ["goals", g, ..] => match num(g).filter(|&g| g < table.goals.len()) {
                Some(g) => (rows::PROJECT_FIELDS.len() + g, 0),
                None => (rows::PROJECT_FIELDS.len(), 0),
            },
            ["code", ..] => (field_row(ProjectField::Code).unwrap_or(0), 0),
            ["name", ..] | ["name_label", ..] | ["title", ..] => {
                (field_row(ProjectField::Name).unwrap_or(0), 0)
            }
            ["budget", "fiscal", ..] => (field_row(ProjectField::BudgetFiscal).unwrap_or(0), 0),
            ["budget", "other", ..] => (field_row(ProjectField::BudgetOther).unwrap_or(0), 0),
            ["budget", ..] => (field_row(ProjectField::BudgetTotal).unwrap_or(0), 0),
            ["purpose", ..] => (field_row(ProjectField::Purpose).unwrap_or(0), 0),
            ["spending_plan", m, ..] => {
                let i = ["march", "june", "october", "december"]
                    .iter()
                    .position(|x| x == m)
                    .unwrap_or(0);
                (field_row(ProjectField::Plan(i)).unwrap_or(0), 0)
            }
            ["spending_plan"] => (field_row(ProjectField::Plan(0)).unwrap_or(0), 0),
            _ => (0, 0),
        };
        self.in_table = true;
        self.table.row = row;
        self.table.col = col;
        true
    }

    fn draw(&self, ctx: &Ctx, buf: &mut Buffer, body: Rect) -> Option<Rect> {
        self.draw_screen(ctx, buf, body)
    }
}
