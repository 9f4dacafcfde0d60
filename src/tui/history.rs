//! Edits you can take back: every change to the workspace is an [`Edit`]; applying one
//! returns its inverse, and [`History`] keeps a bounded list of inverses for undo and redo.

use std::collections::VecDeque;

use super::edit::{Target, graded_list_mut, graded_list_place};
use crate::model::{
    Activity, GradedIndicator, Place, ProjectIndicator, ProjectTable, SpendingPlan, Workspace,
};

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
    /// The reviewer's decision on the finding `(rule, place)`: recorded, replaced, or
    /// cleared (`None`).
    Decide {
        rule: String,
        place: String,
        value: Option<Box<crate::model::Disposition>>,
    },
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
            Edit::Decide { rule, place, value } => {
                let old = crate::season::triage::put(ws, &rule, &place, value.map(|v| *v));
                Ok(Edit::Decide {
                    rule,
                    place,
                    value: old.map(Box::new),
                })
            }
        }
    }

    /// The place this edit touches (for moving the cursor there).
    pub fn pointer(&self) -> Place {
        match self {
            Edit::Set { target, .. } => target.pointer(),
            Edit::InsertProjectIndicator { project, row, .. }
            | Edit::RemoveProjectIndicator { project, row } => {
                Place::projects().idx(*project).key("indicators").idx(*row)
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
            } => graded_list_place(*duty, *activity).idx(*row),
            Edit::InsertProject { index, .. } | Edit::RemoveProject { index } => {
                Place::projects().idx(*index)
            }
            Edit::InsertActivity { duty, index, .. } | Edit::RemoveActivity { duty, index } => {
                Place::duties().idx(*duty).key("activities").idx(*index)
            }
            // A decision changes no place of the document: the cursor stays where it is.
            Edit::Decide { .. } => Place::at(&["dispositions"]),
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
    pub fn perform(&mut self, ws: &mut Workspace, edit: Edit) -> Result<Place, NoSuchPlace> {
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

    /// Takes back the last edit: its place, `Ok(None)` when there is nothing to undo, an
    /// error when the place is gone (the entry is dropped: it can never apply again).
    pub fn undo(&mut self, ws: &mut Workspace) -> Result<Option<Place>, NoSuchPlace> {
        let Some(inverse) = self.undo.pop_back() else {
            return Ok(None);
        };
        let pointer = inverse.pointer();
        let forward = inverse.apply(ws)?;
        self.redo.push(forward);
        self.distance_from_saved = self.distance_from_saved.map(|d| d - 1);
        self.revision += 1;
        Ok(Some(pointer))
    }

    /// Re-applies the last undone edit (see [`History::undo`]).
    pub fn redo(&mut self, ws: &mut Workspace) -> Result<Option<Place>, NoSuchPlace> {
        let Some(forward) = self.redo.pop() else {
            return Ok(None);
        };
        let pointer = forward.pointer();
        let inverse = forward.apply(ws)?;
        self.undo.push_back(inverse);
        self.distance_from_saved = self.distance_from_saved.map(|d| d + 1);
        self.revision += 1;
        Ok(Some(pointer))
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
