//! The editable values of the workspace ([`Target`]) and how typed text is read into them.
//! The changes themselves and their undo history are in `history`; the figures a pointer
//! names are in `figure`. Pure model code: no terminal here, so it is tested directly.

use crate::model::{Amount, GradedIndicator, Place, Workspace};

pub use super::figure::{figure, figure_mut};
pub use super::history::*;

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
    Figure(Place),
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

    /// Where this value is in a saved workspace.
    pub fn pointer(&self) -> Place {
        match self {
            Target::Figure(place) => place.clone(),
            Target::Project { project, field } => {
                let base = Place::projects().idx(*project);
                match field {
                    ProjectField::Code => base.key("code"),
                    ProjectField::Name => base.key("name"),
                    ProjectField::BudgetTotal => base.key("budget").key("total"),
                    ProjectField::BudgetFiscal => base.key("budget").key("fiscal"),
                    ProjectField::BudgetOther => base.key("budget").key("other"),
                    ProjectField::Purpose => base.key("purpose"),
                    ProjectField::Plan(i) => base.key("spending_plan").key(
                        ["march", "june", "october", "december"]
                            .get(*i)
                            .unwrap_or(&"december"),
                    ),
                    ProjectField::Goal(i) => base.key("goals").idx(*i),
                }
            }
            Target::ProjectIndicator {
                project,
                row,
                field,
            } => Place::projects()
                .idx(*project)
                .key("indicators")
                .idx(*row)
                .key(field.key()),
            Target::Duty { duty, field } => Place::duties().idx(*duty).key(node_key(*field)),
            Target::Activity {
                duty,
                activity,
                field,
            } => Place::duties()
                .idx(*duty)
                .key("activities")
                .idx(*activity)
                .key(node_key(*field)),
            Target::Graded {
                duty,
                activity,
                row,
                field,
            } => graded_list_place(*duty, *activity)
                .idx(*row)
                .key(field.key()),
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
    pub(super) fn set(&self, ws: &mut Workspace, value: Option<String>) -> bool {
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

pub(super) fn graded_list_mut(
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

/// The indicator list of an activity, or of the duty itself when `activity` is `None`.
pub fn graded_list_place(duty: usize, activity: Option<usize>) -> Place {
    let node = Place::duties().idx(duty);
    match activity {
        Some(a) => node.key("activities").idx(a).key("indicators"),
        None => node.key("indicators"),
    }
}
