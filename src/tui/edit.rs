//! Edits you can take back: every change to the workspace is an [`Edit`]; applying one
//! returns its inverse, and [`History`] keeps a bounded list of inverses for undo and redo.
//! Pure model code: no terminal here, so it is tested directly.

use std::collections::VecDeque;

use crate::model::{
    Activity, Amount, GradedIndicator, LineItem, ProjectIndicator, ProjectTable, SpendingPlan,
    Workspace,
};

/// A project table header field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProjectField {
    Code,
    Name,
    BudgetTotal,
    BudgetFiscal,
    BudgetOther,
    Purpose,
    /// Spending plan point 0..4 (3月, 6月, 10月, 12月).
    Plan(usize),
    Goal(usize),
}

/// A column of a project indicator row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IndicatorField {
    Level1,
    Level2,
    Name,
    Description,
    Value,
    Basis,
    Actual,
}

impl IndicatorField {
    pub const ALL: [IndicatorField; 7] = [
        IndicatorField::Level1,
        IndicatorField::Level2,
        IndicatorField::Name,
        IndicatorField::Description,
        IndicatorField::Value,
        IndicatorField::Basis,
        IndicatorField::Actual,
    ];

    fn key(self) -> &'static str {
        match self {
            IndicatorField::Level1 => "level1",
            IndicatorField::Level2 => "level2",
            IndicatorField::Name => "name",
            IndicatorField::Description => "description",
            IndicatorField::Value => "value",
            IndicatorField::Basis => "basis",
            IndicatorField::Actual => "actual",
        }
    }

    pub fn from_key(key: &str) -> Option<IndicatorField> {
        IndicatorField::ALL.into_iter().find(|f| f.key() == key)
    }
}

/// A field of a duty or an activity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NodeField {
    Name,
    Budget,
    Content,
    Goal,
}

/// A column of a graded indicator row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GradedField {
    Name,
    /// 0 优, 1 良, 2 中, 3 差.
    Standard(usize),
    Actual,
}

impl GradedField {
    const STANDARD_KEYS: [&'static str; 4] = ["excellent", "good", "fair", "poor"];

    fn key(self) -> &'static str {
        match self {
            GradedField::Name => "name",
            GradedField::Standard(i) => Self::STANDARD_KEYS.get(i).copied().unwrap_or("poor"),
            GradedField::Actual => "actual",
        }
    }

    pub fn from_key(key: &str) -> Option<GradedField> {
        match key {
            "name" => Some(GradedField::Name),
            "actual" => Some(GradedField::Actual),
            _ => Self::STANDARD_KEYS
                .iter()
                .position(|k| *k == key)
                .map(GradedField::Standard),
        }
    }
}

/// One editable value in the workspace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Project {
        project: usize,
        field: ProjectField,
    },
    ProjectIndicator {
        project: usize,
        row: usize,
        field: IndicatorField,
    },
    Duty {
        duty: usize,
        field: NodeField,
    },
    Activity {
        duty: usize,
        activity: usize,
        field: NodeField,
    },
    /// A figure of the budget sections (revenue, expenditure, running costs, 三公, procurement,
    /// assets) named by its JSON pointer, e.g. `/running_costs/items/3/amount`.
    Figure(String),
    /// An indicator of an activity, or of the duty itself when `activity` is `None`.
    Graded {
        duty: usize,
        activity: Option<usize>,
        row: usize,
        field: GradedField,
    },
}

/// What kind of text a target holds, which decides how typed input is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Free text; blank is an empty string.
    Text,
    /// Optional text (an actual value); blank means none.
    OptionalText,
    /// A figure; blank means none, anything else must be a number.
    Amount,
}

/// Why typed input was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    NotANumber,
    NoSuchPlace,
}

impl Target {
    pub fn kind(&self) -> Kind {
        match self {
            Target::Project { field, .. } => match field {
                ProjectField::BudgetTotal
                | ProjectField::BudgetFiscal
                | ProjectField::BudgetOther
                | ProjectField::Plan(_) => Kind::Amount,
                _ => Kind::Text,
            },
            Target::ProjectIndicator { field, .. } => match field {
                IndicatorField::Actual => Kind::OptionalText,
                _ => Kind::Text,
            },
            Target::Duty { field, .. } | Target::Activity { field, .. } => match field {
                NodeField::Budget => Kind::Amount,
                _ => Kind::Text,
            },
            Target::Graded { field, .. } => match field {
                GradedField::Actual => Kind::OptionalText,
                _ => Kind::Text,
            },
            Target::Figure(_) => Kind::Amount,
        }
    }

    /// The JSON pointer of this value in a saved workspace.
    pub fn pointer(&self) -> String {
        match self {
            Target::Figure(pointer) => pointer.clone(),
            Target::Project { project, field } => {
                let base = format!("/performance/projects/{project}");
                match field {
                    ProjectField::Code => format!("{base}/code"),
                    ProjectField::Name => format!("{base}/name"),
                    ProjectField::BudgetTotal => format!("{base}/budget/total"),
                    ProjectField::BudgetFiscal => format!("{base}/budget/fiscal"),
                    ProjectField::BudgetOther => format!("{base}/budget/other"),
                    ProjectField::Purpose => format!("{base}/purpose"),
                    ProjectField::Plan(i) => format!(
                        "{base}/spending_plan/{}",
                        ["march", "june", "october", "december"]
                            .get(*i)
                            .unwrap_or(&"december")
                    ),
                    ProjectField::Goal(i) => format!("{base}/goals/{i}"),
                }
            }
            Target::ProjectIndicator {
                project,
                row,
                field,
            } => format!(
                "/performance/projects/{project}/indicators/{row}/{}",
                field.key()
            ),
            Target::Duty { duty, field } => {
                format!("/performance/matrix/duties/{duty}/{}", node_key(*field))
            }
            Target::Activity {
                duty,
                activity,
                field,
            } => format!(
                "/performance/matrix/duties/{duty}/activities/{activity}/{}",
                node_key(*field)
            ),
            Target::Graded {
                duty,
                activity,
                row,
                field,
            } => match activity {
                Some(a) => format!(
                    "/performance/matrix/duties/{duty}/activities/{a}/indicators/{row}/{}",
                    field.key()
                ),
                None => format!(
                    "/performance/matrix/duties/{duty}/indicators/{row}/{}",
                    field.key()
                ),
            },
        }
    }

    /// Reads typed `input` for this target: `Ok(None)` is a blank, refusals keep the old value.
    pub fn read_input(&self, input: &str) -> Result<Option<String>, Refusal> {
        match self.kind() {
            Kind::Text => Ok(Some(input.to_string())),
            Kind::OptionalText => Ok((!input.trim().is_empty()).then(|| input.to_string())),
            Kind::Amount => {
                if input.trim().is_empty() {
                    Ok(None)
                } else if Amount::parse_number(input).is_some() {
                    Ok(Some(input.trim().to_string()))
                } else {
                    Err(Refusal::NotANumber)
                }
            }
        }
    }

    /// The current value; `None` when the place does not exist.
    pub fn get(&self, ws: &Workspace) -> Option<Option<String>> {
        let amount = |a: &Option<Amount>| a.as_ref().map(|a| a.text().to_string());
        let text = |s: &String| Some(s.clone());
        match self {
            Target::Figure(pointer) => figure(ws, pointer).map(amount),
            Target::Project { project, field } => {
                let p = ws.performance.projects.get(*project)?;
                Some(match field {
                    ProjectField::Code => text(&p.code),
                    ProjectField::Name => text(&p.name),
                    ProjectField::BudgetTotal => amount(&p.budget.total),
                    ProjectField::BudgetFiscal => amount(&p.budget.fiscal),
                    ProjectField::BudgetOther => amount(&p.budget.other),
                    ProjectField::Purpose => text(&p.purpose),
                    ProjectField::Plan(i) => amount(p.spending_plan.points().get(*i)?),
                    ProjectField::Goal(i) => text(p.goals.get(*i)?),
                })
            }
            Target::ProjectIndicator {
                project,
                row,
                field,
            } => {
                let r = ws
                    .performance
                    .projects
                    .get(*project)?
                    .indicators
                    .get(*row)?;
                Some(match field {
                    IndicatorField::Level1 => text(&r.level1),
                    IndicatorField::Level2 => text(&r.level2),
                    IndicatorField::Name => text(&r.name),
                    IndicatorField::Description => text(&r.description),
                    IndicatorField::Value => text(&r.value),
                    IndicatorField::Basis => text(&r.basis),
                    IndicatorField::Actual => r.actual.clone(),
                })
            }
            Target::Duty { duty, field } => {
                let d = ws.performance.matrix.duties.get(*duty)?;
                Some(node_get(&d.name, &d.budget, &d.content, &d.goal, *field))
            }
            Target::Activity {
                duty,
                activity,
                field,
            } => {
                let a = ws
                    .performance
                    .matrix
                    .duties
                    .get(*duty)?
                    .activities
                    .get(*activity)?;
                Some(node_get(&a.name, &a.budget, &a.content, &a.goal, *field))
            }
            Target::Graded {
                duty,
                activity,
                row,
                field,
            } => {
                let g = graded_list(ws, *duty, *activity)?.get(*row)?;
                Some(match field {
                    GradedField::Name => text(&g.name),
                    GradedField::Standard(i) => text(&g.standards().get(*i)?.to_string()),
                    GradedField::Actual => g.actual.clone(),
                })
            }
        }
    }

    /// Sets the value; false when the place does not exist.
    fn set(&self, ws: &mut Workspace, value: Option<String>) -> bool {
        let as_amount = |v: &Option<String>| v.as_deref().map(Amount::parse);
        let as_text = |v: Option<String>| v.unwrap_or_default();
        match self {
            Target::Figure(pointer) => match figure_mut(ws, pointer) {
                Some(slot) => {
                    *slot = as_amount(&value);
                    true
                }
                None => false,
            },
            Target::Project { project, field } => {
                let Some(p) = ws.performance.projects.get_mut(*project) else {
                    return false;
                };
                match field {
                    ProjectField::Code => p.code = as_text(value),
                    ProjectField::Name => p.name = as_text(value),
                    ProjectField::BudgetTotal => p.budget.total = as_amount(&value),
                    ProjectField::BudgetFiscal => p.budget.fiscal = as_amount(&value),
                    ProjectField::BudgetOther => p.budget.other = as_amount(&value),
                    ProjectField::Purpose => p.purpose = as_text(value),
                    ProjectField::Plan(i) => match p.spending_plan.point_mut(*i) {
                        Some(slot) => *slot = as_amount(&value),
                        None => return false,
                    },
                    ProjectField::Goal(i) => match p.goals.get_mut(*i) {
                        Some(slot) => *slot = as_text(value),
                        None => return false,
                    },
                }
                true
            }
            Target::ProjectIndicator {
                project,
                row,
                field,
            } => {
                let Some(r) = ws
                    .performance
                    .projects
                    .get_mut(*project)
                    .and_then(|p| p.indicators.get_mut(*row))
                else {
                    return false;
                };
                match field {
                    IndicatorField::Level1 => r.level1 = as_text(value),
                    IndicatorField::Level2 => r.level2 = as_text(value),
                    IndicatorField::Name => r.name = as_text(value),
                    IndicatorField::Description => r.description = as_text(value),
                    IndicatorField::Value => r.value = as_text(value),
                    IndicatorField::Basis => r.basis = as_text(value),
                    IndicatorField::Actual => r.actual = value,
                }
                true
            }
            Target::Duty { duty, field } => {
                let Some(d) = ws.performance.matrix.duties.get_mut(*duty) else {
                    return false;
                };
                node_set(
                    &mut d.name,
                    &mut d.budget,
                    &mut d.content,
                    &mut d.goal,
                    *field,
                    value,
                );
                true
            }
            Target::Activity {
                duty,
                activity,
                field,
            } => {
                let Some(a) = ws
                    .performance
                    .matrix
                    .duties
                    .get_mut(*duty)
                    .and_then(|d| d.activities.get_mut(*activity))
                else {
                    return false;
                };
                node_set(
                    &mut a.name,
                    &mut a.budget,
                    &mut a.content,
                    &mut a.goal,
                    *field,
                    value,
                );
                true
            }
            Target::Graded {
                duty,
                activity,
                row,
                field,
            } => {
                let Some(g) = graded_list_mut(ws, *duty, *activity).and_then(|l| l.get_mut(*row))
                else {
                    return false;
                };
                match field {
                    GradedField::Name => g.name = as_text(value),
                    GradedField::Standard(i) => match g.standard_mut(*i) {
                        Some(slot) => *slot = as_text(value),
                        None => return false,
                    },
                    GradedField::Actual => g.actual = value,
                }
                true
            }
        }
    }
}

/// The figure a JSON pointer names, if it is one the workbench edits: revenue, expenditure,
/// running costs and 三公 (totals, prior years, items and their parts), procurement rows,
/// asset rows.
pub fn figure_mut<'a>(ws: &'a mut Workspace, pointer: &str) -> Option<&'a mut Option<Amount>> {
    let segments: Vec<&str> = pointer.trim_start_matches('/').split('/').collect();
    let index = |s: &str| s.parse::<usize>().ok();
    match segments.as_slice() {
        ["overview", "revenue", "total"] => Some(&mut ws.overview.revenue.total),
        ["overview", "revenue", "prior_year"] => Some(&mut ws.overview.revenue.prior_year),
        ["overview", "revenue", "sources", i, rest @ ..] => {
            figure_item_mut(ws.overview.revenue.sources.get_mut(index(i)?)?, rest)
        }
        ["overview", "expenditure", field] => {
            let e = &mut ws.overview.expenditure;
            match *field {
                "personnel" => Some(&mut e.personnel),
                "public_admin" => Some(&mut e.public_admin),
                "basic" => Some(&mut e.basic),
                "projects" => Some(&mut e.projects),
                "total" => Some(&mut e.total),
                "prior_year" => Some(&mut e.prior_year),
                _ => None,
            }
        }
        ["running_costs", "total"] => Some(&mut ws.running_costs.total),
        ["running_costs", "prior_year"] => Some(&mut ws.running_costs.prior_year),
        ["running_costs", "items", i, rest @ ..] => {
            figure_item_mut(ws.running_costs.items.get_mut(index(i)?)?, rest)
        }
        ["three_public", "total"] => Some(&mut ws.three_public.total),
        ["three_public", "prior_year"] => Some(&mut ws.three_public.prior_year),
        ["three_public", "items", i, rest @ ..] => {
            figure_item_mut(ws.three_public.items.get_mut(index(i)?)?, rest)
        }
        ["procurement", "rows", i, rest @ ..] => {
            let row = ws.procurement.rows.get_mut(index(i)?)?;
            match rest {
                ["quantity"] => Some(&mut row.quantity),
                ["unit_price"] => Some(&mut row.unit_price),
                ["amounts", "total"] => Some(&mut row.amounts.total),
                _ => None,
            }
        }
        ["procurement", "stated_total", "total"] => {
            ws.procurement.stated_total.as_mut().map(|t| &mut t.total)
        }
        ["assets", "total", "quantity"] => Some(&mut ws.assets.total.quantity),
        ["assets", "total", "value"] => Some(&mut ws.assets.total.value),
        ["assets", "categories", i, rest @ ..] => {
            let mut row = ws.assets.categories.get_mut(index(i)?)?;
            let mut rest = rest;
            if let ["of_which", j, more @ ..] = rest {
                row = row.of_which.get_mut(index(j)?)?;
                rest = more;
            }
            match rest {
                ["quantity"] => Some(&mut row.quantity),
                ["value"] => Some(&mut row.value),
                _ => None,
            }
        }
        _ => None,
    }
}

fn figure_item_mut<'a>(item: &'a mut LineItem, rest: &[&str]) -> Option<&'a mut Option<Amount>> {
    match rest {
        ["amount"] => Some(&mut item.amount),
        ["prior_year"] => Some(&mut item.prior_year),
        ["children", j, more @ ..] => {
            let child = item.children.get_mut(j.parse::<usize>().ok()?)?;
            figure_item_mut(child, more)
        }
        _ => None,
    }
}

/// The figure a JSON pointer names (see [`figure_mut`]).
pub fn figure<'a>(ws: &'a Workspace, pointer: &str) -> Option<&'a Option<Amount>> {
    let segments: Vec<&str> = pointer.trim_start_matches('/').split('/').collect();
    let index = |s: &str| s.parse::<usize>().ok();
    match segments.as_slice() {
        ["overview", "revenue", "total"] => Some(&ws.overview.revenue.total),
        ["overview", "revenue", "prior_year"] => Some(&ws.overview.revenue.prior_year),
        ["overview", "revenue", "sources", i, rest @ ..] => {
            figure_item(ws.overview.revenue.sources.get(index(i)?)?, rest)
        }
        ["overview", "expenditure", field] => {
            let e = &ws.overview.expenditure;
            match *field {
                "personnel" => Some(&e.personnel),
                "public_admin" => Some(&e.public_admin),
                "basic" => Some(&e.basic),
                "projects" => Some(&e.projects),
                "total" => Some(&e.total),
                "prior_year" => Some(&e.prior_year),
                _ => None,
            }
        }
        ["running_costs", "total"] => Some(&ws.running_costs.total),
        ["running_costs", "prior_year"] => Some(&ws.running_costs.prior_year),
        ["running_costs", "items", i, rest @ ..] => {
            figure_item(ws.running_costs.items.get(index(i)?)?, rest)
        }
        ["three_public", "total"] => Some(&ws.three_public.total),
        ["three_public", "prior_year"] => Some(&ws.three_public.prior_year),
        ["three_public", "items", i, rest @ ..] => {
            figure_item(ws.three_public.items.get(index(i)?)?, rest)
        }
        ["procurement", "rows", i, rest @ ..] => {
            let row = ws.procurement.rows.get(index(i)?)?;
            match rest {
                ["quantity"] => Some(&row.quantity),
                ["unit_price"] => Some(&row.unit_price),
                ["amounts", "total"] => Some(&row.amounts.total),
                _ => None,
            }
        }
        ["procurement", "stated_total", "total"] => {
            ws.procurement.stated_total.as_ref().map(|t| &t.total)
        }
        ["assets", "total", "quantity"] => Some(&ws.assets.total.quantity),
        ["assets", "total", "value"] => Some(&ws.assets.total.value),
        ["assets", "categories", i, rest @ ..] => {
            let mut row = ws.assets.categories.get(index(i)?)?;
            let mut rest = rest;
            if let ["of_which", j, more @ ..] = rest {
                row = row.of_which.get(index(j)?)?;
                rest = more;
            }
            match rest {
                ["quantity"] => Some(&row.quantity),
                ["value"] => Some(&row.value),
                _ => None,
            }
        }
        _ => None,
    }
}

fn figure_item<'a>(item: &'a LineItem, rest: &[&str]) -> Option<&'a Option<Amount>> {
    match rest {
        ["amount"] => Some(&item.amount),
        ["prior_year"] => Some(&item.prior_year),
        ["children", j, more @ ..] => {
            let child = item.children.get(j.parse::<usize>().ok()?)?;
            figure_item(child, more)
        }
        _ => None,
    }
}

fn node_key(field: NodeField) -> &'static str {
    match field {
        NodeField::Name => "name",
        NodeField::Budget => "budget",
        NodeField::Content => "content",
        NodeField::Goal => "goal",
    }
}

fn node_get(
    name: &str,
    budget: &Option<Amount>,
    content: &str,
    goal: &str,
    field: NodeField,
) -> Option<String> {
    match field {
        NodeField::Name => Some(name.to_string()),
        NodeField::Budget => budget.as_ref().map(|a| a.text().to_string()),
        NodeField::Content => Some(content.to_string()),
        NodeField::Goal => Some(goal.to_string()),
    }
}

fn node_set(
    name: &mut String,
    budget: &mut Option<Amount>,
    content: &mut String,
    goal: &mut String,
    field: NodeField,
    value: Option<String>,
) {
    match field {
        NodeField::Name => *name = value.unwrap_or_default(),
        NodeField::Budget => *budget = value.as_deref().map(Amount::parse),
        NodeField::Content => *content = value.unwrap_or_default(),
        NodeField::Goal => *goal = value.unwrap_or_default(),
    }
}

/// The graded indicators of an activity, or of the duty itself.
pub fn graded_list(
    ws: &Workspace,
    duty: usize,
    activity: Option<usize>,
) -> Option<&Vec<GradedIndicator>> {
    let d = ws.performance.matrix.duties.get(duty)?;
    match activity {
        Some(a) => d.activities.get(a).map(|a| &a.indicators),
        None => Some(&d.indicators),
    }
}

fn graded_list_mut(
    ws: &mut Workspace,
    duty: usize,
    activity: Option<usize>,
) -> Option<&mut Vec<GradedIndicator>> {
    let d = ws.performance.matrix.duties.get_mut(duty)?;
    match activity {
        Some(a) => d.activities.get_mut(a).map(|a| &mut a.indicators),
        None => Some(&mut d.indicators),
    }
}

/// One change to the workspace. Applying it returns its inverse.
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    Set {
        target: Target,
        value: Option<String>,
    },
    InsertProjectIndicator {
        project: usize,
        row: usize,
        value: Box<ProjectIndicator>,
    },
    RemoveProjectIndicator {
        project: usize,
        row: usize,
    },
    InsertGraded {
        duty: usize,
        activity: Option<usize>,
        row: usize,
        value: Box<GradedIndicator>,
    },
    RemoveGraded {
        duty: usize,
        activity: Option<usize>,
        row: usize,
    },
    InsertProject {
        index: usize,
        value: Box<ProjectTable>,
    },
    RemoveProject {
        index: usize,
    },
    InsertActivity {
        duty: usize,
        index: usize,
        value: Box<Activity>,
    },
    RemoveActivity {
        duty: usize,
        index: usize,
    },
    /// Several changes taken back as one (applied in order, undone in reverse).
    Batch(Vec<Edit>),
}

/// The edit named a place that does not exist; nothing was changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoSuchPlace;

impl Edit {
    /// Applies the edit and returns its inverse. On error the workspace is unchanged.
    pub fn apply(self, ws: &mut Workspace) -> Result<Edit, NoSuchPlace> {
        match self {
            Edit::Set { target, value } => {
                let old = target.get(ws).ok_or(NoSuchPlace)?;
                if !target.set(ws, value) {
                    return Err(NoSuchPlace);
                }
                Ok(Edit::Set { target, value: old })
            }
            Edit::InsertProjectIndicator {
                project,
                row,
                value,
            } => {
                let list = &mut ws
                    .performance
                    .projects
                    .get_mut(project)
                    .ok_or(NoSuchPlace)?
                    .indicators;
                insert_at(list, row, *value)?;
                Ok(Edit::RemoveProjectIndicator { project, row })
            }
            Edit::RemoveProjectIndicator { project, row } => {
                let list = &mut ws
                    .performance
                    .projects
                    .get_mut(project)
                    .ok_or(NoSuchPlace)?
                    .indicators;
                let value = remove_at(list, row)?;
                Ok(Edit::InsertProjectIndicator {
                    project,
                    row,
                    value,
                })
            }
            Edit::InsertGraded {
                duty,
                activity,
                row,
                value,
            } => {
                let list = graded_list_mut(ws, duty, activity).ok_or(NoSuchPlace)?;
                insert_at(list, row, *value)?;
                Ok(Edit::RemoveGraded {
                    duty,
                    activity,
                    row,
                })
            }
            Edit::RemoveGraded {
                duty,
                activity,
                row,
            } => {
                let list = graded_list_mut(ws, duty, activity).ok_or(NoSuchPlace)?;
                let value = remove_at(list, row)?;
                Ok(Edit::InsertGraded {
                    duty,
                    activity,
                    row,
                    value,
                })
            }
            Edit::InsertProject { index, value } => {
                let list = &mut ws.performance.projects;
                insert_at(list, index, *value)?;
                Ok(Edit::RemoveProject { index })
            }
            Edit::RemoveProject { index } => {
                let list = &mut ws.performance.projects;
                let value = remove_at(list, index)?;
                Ok(Edit::InsertProject { index, value })
            }
            Edit::InsertActivity { duty, index, value } => {
                let list = &mut ws
                    .performance
                    .matrix
                    .duties
                    .get_mut(duty)
                    .ok_or(NoSuchPlace)?
                    .activities;
                insert_at(list, index, *value)?;
                Ok(Edit::RemoveActivity { duty, index })
            }
            Edit::RemoveActivity { duty, index } => {
                let list = &mut ws
                    .performance
                    .matrix
                    .duties
                    .get_mut(duty)
                    .ok_or(NoSuchPlace)?
                    .activities;
                let value = remove_at(list, index)?;
                Ok(Edit::InsertActivity { duty, index, value })
            }
            Edit::Batch(edits) => {
                let mut inverses = Vec::with_capacity(edits.len());
                for edit in edits {
                    match edit.apply(ws) {
                        Ok(inverse) => inverses.push(inverse),
                        Err(e) => {
                            // Roll back what was applied so the workspace is unchanged.
                            for inverse in inverses.into_iter().rev() {
                                let _ = inverse.apply(ws);
                            }
                            return Err(e);
                        }
                    }
                }
                inverses.reverse();
                Ok(Edit::Batch(inverses))
            }
        }
    }

    /// The JSON pointer of the place this edit touches (for moving the cursor there).
    pub fn pointer(&self) -> String {
        match self {
            Edit::Set { target, .. } => target.pointer(),
            Edit::InsertProjectIndicator { project, row, .. }
            | Edit::RemoveProjectIndicator { project, row } => {
                format!("/performance/projects/{project}/indicators/{row}")
            }
            Edit::InsertGraded {
                duty,
                activity,
                row,
                ..
            }
            | Edit::RemoveGraded {
                duty,
                activity,
                row,
            } => match activity {
                Some(a) => {
                    format!("/performance/matrix/duties/{duty}/activities/{a}/indicators/{row}")
                }
                None => format!("/performance/matrix/duties/{duty}/indicators/{row}"),
            },
            Edit::InsertProject { index, .. } | Edit::RemoveProject { index } => {
                format!("/performance/projects/{index}")
            }
            Edit::InsertActivity { duty, index, .. } | Edit::RemoveActivity { duty, index } => {
                format!("/performance/matrix/duties/{duty}/activities/{index}")
            }
            Edit::Batch(edits) => edits.first().map(Edit::pointer).unwrap_or_default(),
        }
    }
}

/// Inserts `value` at `index` (at most the length), or says there is no such place.
fn insert_at<T>(list: &mut Vec<T>, index: usize, value: T) -> Result<(), NoSuchPlace> {
    if index > list.len() {
        return Err(NoSuchPlace);
    }
    list.insert(index, value);
    Ok(())
}

/// Removes and returns the entry at `index`, or says there is no such place.
fn remove_at<T>(list: &mut Vec<T>, index: usize) -> Result<Box<T>, NoSuchPlace> {
    if index >= list.len() {
        return Err(NoSuchPlace);
    }
    Ok(Box::new(list.remove(index)))
}

/// A bounded history of inverse edits for undo and redo over a whole session.
#[derive(Debug, Clone)]
pub struct History {
    undo: VecDeque<Edit>,
    redo: Vec<Edit>,
    limit: usize,
    /// Changes since the last save (negative after undoing past it); `None` once unknowable.
    distance_from_saved: Option<i64>,
    /// Counts every change to the workspace (edit, undo, redo), for the recovery journal.
    revision: u64,
}

impl Default for History {
    fn default() -> Self {
        History::new(1000)
    }
}

impl History {
    /// A history that keeps at most `limit` entries (the oldest are dropped).
    pub fn new(limit: usize) -> History {
        History {
            undo: VecDeque::new(),
            redo: Vec::new(),
            limit: limit.max(1),
            distance_from_saved: Some(0),
            revision: 0,
        }
    }

    /// Applies `edit` as one history entry. Returns its pointer.
    pub fn perform(&mut self, ws: &mut Workspace, edit: Edit) -> Result<String, NoSuchPlace> {
        let pointer = edit.pointer();
        let inverse = edit.apply(ws)?;
        if self.undo.len() == self.limit {
            self.undo.pop_front();
        }
        self.undo.push_back(inverse);
        // A redo branch that is dropped may have held the saved state.
        if matches!(self.distance_from_saved, Some(d) if d < 0) {
            self.distance_from_saved = None;
        }
        self.redo.clear();
        self.distance_from_saved = self.distance_from_saved.map(|d| d + 1);
        self.revision += 1;
        Ok(pointer)
    }

    /// Takes back the last edit; `None` when there is nothing to undo.
    pub fn undo(&mut self, ws: &mut Workspace) -> Option<String> {
        let inverse = self.undo.pop_back()?;
        let pointer = inverse.pointer();
        match inverse.apply(ws) {
            Ok(forward) => {
                self.redo.push(forward);
                self.distance_from_saved = self.distance_from_saved.map(|d| d - 1);
                self.revision += 1;
                Some(pointer)
            }
            Err(_) => None,
        }
    }

    /// Re-applies the last undone edit; `None` when there is nothing to redo.
    pub fn redo(&mut self, ws: &mut Workspace) -> Option<String> {
        let forward = self.redo.pop()?;
        let pointer = forward.pointer();
        match forward.apply(ws) {
            Ok(inverse) => {
                self.undo.push_back(inverse);
                self.distance_from_saved = self.distance_from_saved.map(|d| d + 1);
                self.revision += 1;
                Some(pointer)
            }
            Err(_) => None,
        }
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    pub fn len(&self) -> usize {
        self.undo.len()
    }

    pub fn is_empty(&self) -> bool {
        self.undo.is_empty()
    }

    /// Call after a successful save.
    pub fn mark_saved(&mut self) {
        self.distance_from_saved = Some(0);
    }

    /// The workspace was replaced outside the history (restored from a journal, reloaded):
    /// nothing before it can be undone, and it counts as unsaved until the next save.
    pub fn reset_unsaved(&mut self) {
        self.undo.clear();
        self.redo.clear();
        self.distance_from_saved = None;
        self.revision += 1;
    }

    /// The workspace was replaced by what is on disk: no history, nothing unsaved.
    pub fn reset_saved(&mut self) {
        self.undo.clear();
        self.redo.clear();
        self.distance_from_saved = Some(0);
        self.revision += 1;
    }

    /// Increases with every change to the workspace.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// True when the workspace differs from what was last saved (or opened).
    pub fn is_modified(&self) -> bool {
        self.distance_from_saved != Some(0)
    }
}

/// A new blank project indicator row that keeps the 一级/二级 of `like`.
pub fn blank_project_indicator(like: Option<&ProjectIndicator>) -> ProjectIndicator {
    ProjectIndicator {
        level1: like.map(|l| l.level1.clone()).unwrap_or_default(),
        level2: like.map(|l| l.level2.clone()).unwrap_or_default(),
        ..ProjectIndicator::default()
    }
}

/// A new blank project table numbered `number`.
pub fn blank_project(number: usize) -> ProjectTable {
    ProjectTable {
        number: number.to_string(),
        unit: "万元".to_string(),
        spending_plan: SpendingPlan::default(),
        ..ProjectTable::default()
    }
}

/// A new blank activity numbered `number`.
pub fn blank_activity(number: usize) -> Activity {
    Activity {
        number: number.to_string(),
        ..Activity::default()
    }
}
