//! The rows of a project table (fields, goals, indicator grid), for drawing, search and jumps.

use super::edit::{IndicatorField, ProjectField, Target};
use super::grading;
use super::i18n::{Lang, Msg, t};
use crate::model::{ProjectTable, Workspace};

/// A row of a project table on the Projects screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProjectRow {
    Field(ProjectField),
    /// The column header above the indicator rows.
    IndicatorHeader,
    Indicator(usize),
}

/// The header fields of a project table, in display order (goals follow).
pub const PROJECT_FIELDS: [ProjectField; 10] = [
    ProjectField::Code,
    ProjectField::Name,
    ProjectField::BudgetTotal,
    ProjectField::BudgetFiscal,
    ProjectField::BudgetOther,
    ProjectField::Purpose,
    ProjectField::Plan(0),
    ProjectField::Plan(1),
    ProjectField::Plan(2),
    ProjectField::Plan(3),
];

/// The columns of an indicator row: `None` is the parsed reading (not editable).
pub const INDICATOR_COLUMNS: [Option<IndicatorField>; 8] = [
    Some(IndicatorField::Level1),
    Some(IndicatorField::Level2),
    Some(IndicatorField::Name),
    Some(IndicatorField::Description),
    Some(IndicatorField::Value),
    None,
    Some(IndicatorField::Basis),
    Some(IndicatorField::Actual),
];

pub fn project_row_count(p: &ProjectTable) -> usize {
    PROJECT_FIELDS.len() + p.goals.len() + 1 + p.indicators.len()
}

pub fn project_row(p: &ProjectTable, row: usize) -> ProjectRow {
    let fields = PROJECT_FIELDS.len();
    if row < fields {
        ProjectRow::Field(PROJECT_FIELDS[row])
    } else if row < fields + p.goals.len() {
        ProjectRow::Field(ProjectField::Goal(row - fields))
    } else if row == fields + p.goals.len() {
        ProjectRow::IndicatorHeader
    } else {
        ProjectRow::Indicator(row - fields - p.goals.len() - 1)
    }
}

/// The row number of indicator `i` of `p`.
pub fn project_indicator_row(p: &ProjectTable, i: usize) -> usize {
    PROJECT_FIELDS.len() + p.goals.len() + 1 + i
}

pub fn project_field_label(field: ProjectField, lang: Lang) -> String {
    let tr = |m| t(lang, m).to_string();
    match field {
        ProjectField::Code => tr(Msg::Code),
        ProjectField::Name => tr(Msg::Name),
        ProjectField::BudgetTotal => tr(Msg::Budget),
        ProjectField::BudgetFiscal => tr(Msg::Fiscal),
        ProjectField::BudgetOther => tr(Msg::Other),
        ProjectField::Purpose => tr(Msg::Purpose),
        ProjectField::Plan(i) => format!("{} {}", tr(Msg::SpendingPlan), plan_label(i, lang)),
        ProjectField::Goal(i) => format!("{} {}", tr(Msg::Goal), i + 1),
    }
}

pub fn plan_label(i: usize, lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => ["3月", "6月", "10月", "12月"].get(i).copied().unwrap_or(""),
        Lang::En => ["Mar", "Jun", "Oct", "Dec"].get(i).copied().unwrap_or(""),
    }
}

pub fn indicator_column_label(col: usize, lang: Lang) -> &'static str {
    t(
        lang,
        [
            Msg::Level1,
            Msg::Level2,
            Msg::Level3,
            Msg::Description,
            Msg::Value,
            Msg::Reading,
            Msg::BasisCol,
            Msg::Actual,
        ][col.min(7)],
    )
}

/// The text of cell (`row`, `col`) of project `p` (number `pi`).
pub fn project_cell(ws: &Workspace, pi: usize, row: ProjectRow, col: usize, lang: Lang) -> String {
    let Some(p) = ws.performance.projects.get(pi) else {
        return String::new();
    };
    match row {
        ProjectRow::Field(field) => Target::Project { project: pi, field }
            .get(ws)
            .flatten()
            .unwrap_or_default(),
        ProjectRow::IndicatorHeader => indicator_column_label(col, lang).to_string(),
        ProjectRow::Indicator(i) => {
            let Some(r) = p.indicators.get(i) else {
                return String::new();
            };
            match INDICATOR_COLUMNS.get(col).copied().flatten() {
                Some(field) => Target::ProjectIndicator {
                    project: pi,
                    row: i,
                    field,
                }
                .get(ws)
                .flatten()
                .unwrap_or_default(),
                None => grading::reading(&r.value, lang),
            }
        }
    }
}

/// The editable value under (`row`, `col`) of project `pi`.
pub fn project_target(pi: usize, row: ProjectRow, col: usize) -> Option<Target> {
    match row {
        ProjectRow::Field(field) => Some(Target::Project { project: pi, field }),
        ProjectRow::IndicatorHeader => None,
        ProjectRow::Indicator(i) => {
            INDICATOR_COLUMNS
                .get(col)
                .copied()
                .flatten()
                .map(|field| Target::ProjectIndicator {
                    project: pi,
                    row: i,
                    field,
                })
        }
    }
}
