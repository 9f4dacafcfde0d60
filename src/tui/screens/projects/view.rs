//! Drawing the 项目绩效 screen: the list, the spending plan and the selected table.

use crate::model::Place;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Style;
use ratatui::widgets::Widget;

use super::Projects;
use crate::text::visible;
use crate::tui::charts;
use crate::tui::ctx::Ctx;
use crate::tui::edit::{ProjectField, Target};
use crate::tui::grading;
use crate::tui::grid::{Align, Column, GridCell, GridRow};
use crate::tui::i18n::Msg;
use crate::tui::paint::split_bottom;
use crate::tui::rows::{self, ProjectRow};
use crate::tui::screens::{Table, draw_detail};

impl Projects {
    fn draw_list(&self, ctx: &Ctx, buf: &mut Buffer, area: Rect) {
        let n = Self::count(ctx);
        let b = ctx.block(format!(
            "{} ({n}) {} {}",
            ctx.tr(Msg::ProjectList),
            ctx.theme.sep(),
            ctx.unit()
        ));
        let b = if self.in_table {
            b
        } else {
            b.border_style(ctx.theme.heading)
        };
        let inner = b.inner(area);
        b.render(area, buf);
        let mut columns = Vec::new();
        if inner.width >= 34 {
            columns.push(Column::new(
                ctx.tr(Msg::Code),
                Constraint::Length(9),
                Align::Label,
            ));
        }
        columns.push(Column::new(
            ctx.tr(Msg::Name),
            Constraint::Fill(1),
            Align::Label,
        ));
        // The amount column is titled by its unit: at 80 columns the names need the room.
        columns.push(Column::new(
            ctx.unit(),
            Constraint::Length(4),
            Align::Figure,
        ));
        columns.push(Column::new(
            ctx.tr(Msg::FindingCount),
            Constraint::Length(4),
            Align::Figure,
        ));
        let show_code = columns.len() == 4;
        let row = |i: usize| {
            let pi = self.at(i);
            let project = &ctx.ws.performance.projects[pi];
            let pointer = Place::projects().idx(pi);
            let mark = ctx.mark(&pointer);
            let count = ctx.findings_under(&pointer).count();
            let name = if project.name.is_empty() {
                &project.title
            } else {
                &project.name
            };
            let mut cells = Vec::new();
            if show_code {
                cells.push(GridCell::new(project.code.clone(), Style::new()));
            }
            cells.push(GridCell::new(name.clone(), Style::new()));
            cells.push(GridCell::new(
                rows::amount_text(&project.budget.total),
                Style::new(),
            ));
            cells.push(GridCell::new(
                if count > 0 {
                    count.to_string()
                } else {
                    String::new()
                },
                mark.1,
            ));
            GridRow {
                mark,
                cells,
                style: Style::new(),
            }
        };
        Table {
            columns: &columns,
            len: n,
            row: &row,
            header: true,
            // In the list the whole row is the selection; in the table it stays underlined.
            strong: !self.in_table,
            empty: Msg::NoProjects,
        }
        .draw(
            ctx,
            buf,
            inner,
            &self.list_grid,
            (Some(self.list_row()), None),
        );
    }

    fn table_row(&self, ctx: &Ctx, r: usize) -> GridRow {
        let pi = self.project;
        let project = &ctx.ws.performance.projects[pi];
        let row = rows::project_row(project, r);
        let th = &ctx.theme;
        match row {
            ProjectRow::Field(field) => {
                let pointer = Target::Project { project: pi, field }.pointer();
                let mut value = rows::project_cell(&ctx.ws, pi, row, 0, ctx.lang);
                if matches!(field, ProjectField::Plan(_)) && !value.is_empty() {
                    value.push('%');
                }
                let label = rows::project_field_label(field, ctx.lang);
                if matches!(
                    field,
                    ProjectField::BudgetTotal
                        | ProjectField::BudgetFiscal
                        | ProjectField::BudgetOther
                ) && !value.is_empty()
                {
                    value = format!("{value} {}", project_unit(ctx, pi));
                }
                GridRow {
                    mark: ctx.mark(&pointer),
                    cells: vec![
                        GridCell::new(label, th.header).spanning(2),
                        GridCell::new(value, Style::new()).spanning(6),
                    ],
                    style: Style::new(),
                }
            }
            ProjectRow::IndicatorHeader | ProjectRow::Indicator(_) => {
                let header = matches!(row, ProjectRow::IndicatorHeader);
                let pointer = match row {
                    ProjectRow::Indicator(i) => Place::projects().idx(pi).key("indicators").idx(i),
                    _ => Place::root(),
                };
                let cells = (0..rows::INDICATOR_COLUMNS.len())
                    .map(|c| {
                        let text = rows::project_cell(&ctx.ws, pi, row, c, ctx.lang);
                        let style = if header {
                            th.header
                        } else if c == 5 {
                            th.dim
                        } else {
                            Style::new()
                        };
                        GridCell::new(text, style)
                    })
                    .collect();
                let mut mark = ctx.mark(&pointer);
                if let ProjectRow::Indicator(i) = row
                    && mark.0 == " "
                {
                    let list = Place::projects().idx(pi).key("indicators");
                    let names = |j: usize| project.indicators.get(j).map(|x| x.name.as_str());
                    mark = ctx.repeat_mark(&list, i, &names).unwrap_or(mark);
                }
                GridRow {
                    mark,
                    cells,
                    style: Style::new(),
                }
            }
        }
    }

    fn detail(&self, ctx: &Ctx) -> Vec<(String, Style)> {
        let pi = self.project;
        let Some(project) = ctx.ws.performance.projects.get(pi) else {
            return Vec::new();
        };
        let row = rows::project_row(project, self.table.row);
        let (first, pointer) = match row {
            ProjectRow::Indicator(i) => {
                let col = self.col(ctx);
                let text = rows::project_cell(&ctx.ws, pi, row, col, ctx.lang);
                (
                    format!("{}: {}", rows::indicator_column_label(col, ctx.lang), text),
                    Place::projects().idx(pi).key("indicators").idx(i),
                )
            }
            ProjectRow::Field(field) => (
                format!(
                    "{}: {}",
                    rows::project_field_label(field, ctx.lang),
                    rows::project_cell(&ctx.ws, pi, row, 0, ctx.lang)
                ),
                Target::Project { project: pi, field }.pointer(),
            ),
            ProjectRow::IndicatorHeader => return Vec::new(),
        };
        let mut lines = vec![(first, ctx.theme.heading)];
        match ctx.finding_line(&pointer) {
            Some(line) => lines.push(line),
            None => {
                if let ProjectRow::Indicator(i) = row {
                    let value = &project.indicators[i].value;
                    lines.push((
                        format!(
                            "{} {} {} {}",
                            ctx.tr(Msg::Value),
                            visible(value),
                            ctx.theme.arrow(),
                            grading::reading(value, ctx.lang)
                        ),
                        ctx.theme.warning,
                    ));
                }
            }
        }
        lines
    }

    pub(super) fn draw_screen(&self, ctx: &Ctx, buf: &mut Buffer, body: Rect) -> Option<Rect> {
        // The list gets a third of a wide terminal: names are what tell projects apart.
        let list_w = (body.width / 3).max(26);
        let list_area = Rect::new(body.x, body.y, list_w, body.height);
        let detail = Rect::new(body.x + list_w, body.y, body.width - list_w, body.height);
        let chart_h = 8.min(list_area.height / 2);
        let (list_area, chart_area) = split_bottom(list_area, chart_h);
        self.draw_list(ctx, buf, list_area);
        let pi = self.project;
        let Some(project) = ctx.ws.performance.projects.get(pi) else {
            charts::plan(ctx, buf, chart_area, &[]);
            ctx.block(ctx.tr(Msg::TabProjects).to_string())
                .render(detail, buf);
            return None;
        };
        charts::plan(ctx, buf, chart_area, &project.spending_plan.points());
        let title = format!(
            "{} {}",
            project.number,
            if project.title.is_empty() {
                &project.name
            } else {
                &project.title
            }
        );
        let b = ctx.block(title);
        let b = if self.in_table {
            b.border_style(ctx.theme.heading)
        } else {
            b
        };
        let inner = b.inner(detail);
        b.render(detail, buf);
        let detail_lines = if body.height >= 30 { 4u16 } else { 2 };
        let (table, detail) = split_bottom(inner, detail_lines);
        // 一级 and 二级 are fixed: together they hold the field labels (支出计划 10月).
        let widths = [
            Constraint::Length(6),
            Constraint::Length(8),
            Constraint::Fill(6),
            Constraint::Fill(5),
            Constraint::Fill(4),
            Constraint::Fill(4),
            Constraint::Fill(4),
            Constraint::Fill(2),
        ];
        let columns: Vec<Column> = widths
            .into_iter()
            .enumerate()
            .map(|(c, width)| {
                Column::new(
                    rows::indicator_column_label(c, ctx.lang),
                    width,
                    Align::Label,
                )
            })
            .collect();
        let cell = Table {
            columns: &columns,
            len: rows::project_row_count(project),
            row: &|r| self.table_row(ctx, r),
            header: false,
            strong: false,
            empty: Msg::NoRows,
        }
        .draw(
            ctx,
            buf,
            table,
            &self.table_grid,
            (
                self.in_table.then_some(self.table.row),
                // A field row's one editable cell is its value, right of the label.
                self.in_table.then(|| match self.project_row(ctx) {
                    Some(ProjectRow::Field(_)) => 1,
                    _ => self.col(ctx),
                }),
            ),
        );
        draw_detail(ctx, buf, detail, &self.detail(ctx));
        cell
    }
}

/// The unit of project `pi`'s amounts: its table's, else the document's.
fn project_unit(ctx: &Ctx, pi: usize) -> String {
    ctx.ws
        .performance
        .projects
        .get(pi)
        .map(|p| p.unit.trim())
        .filter(|u| !u.is_empty())
        .unwrap_or(ctx.unit())
        .to_string()
}
