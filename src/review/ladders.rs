//! Grade ladders (优/良/中/差) of the duty-activity matrix: each problem the ladder analysis
//! finds becomes a finding with the problem's own code as rule id.

use std::collections::HashMap;

use super::rules::{label, numbered};
use super::{Finding, Section, Severity};
use crate::model::Place;
use crate::model::ladder::{Grade, LadderProblem, analyse};
use crate::model::{GradedIndicator, Workspace};

/// The field of each grade's standard.
pub const GRADE_KEYS: [&str; 4] = ["excellent", "good", "fair", "poor"];

/// Where a graded indicator sits: duty, activity (none for a duty's own) and row.
/// Place and label are built only when a finding needs them: most indicators have none.
#[derive(Debug, Clone, Copy)]
pub struct GradedAt<'a> {
    ws: &'a Workspace,
    pub duty: usize,
    pub activity: Option<usize>,
    pub row: usize,
}

impl GradedAt<'_> {
    /// `/performance/matrix/duties/D[/activities/A]/indicators/K`.
    pub fn pointer(&self) -> Place {
        let duty = Place::duties().idx(self.duty);
        match self.activity {
            Some(a) => duty.key("activities").idx(a),
            None => duty,
        }
        .key("indicators")
        .idx(self.row)
    }

    /// `职责活动绩效目标 · 一、duty · 1、activity · indicator`.
    pub fn label(&self) -> String {
        let duty = &self.ws.performance.matrix.duties[self.duty];
        let dn = numbered(&duty.number, &duty.name);
        let sec = Section::Matrix.label_zh();
        match self.activity {
            Some(a) => {
                let act = &duty.activities[a];
                let ind = &act.indicators[self.row];
                label(&[sec, &dn, &numbered(&act.number, &act.name), &ind.name])
            }
            None => label(&[sec, &dn, &duty.indicators[self.row].name]),
        }
    }
}

/// Every graded indicator (a duty's own, then its activities'), in document order.
pub fn each_graded<'a>(ws: &'a Workspace, mut f: impl FnMut(&'a GradedIndicator, GradedAt<'a>)) {
    for (d, duty) in ws.performance.matrix.duties.iter().enumerate() {
        for (k, ind) in duty.indicators.iter().enumerate() {
            let at = GradedAt {
                ws,
                duty: d,
                activity: None,
                row: k,
            };
            f(ind, at);
        }
        for (a, act) in duty.activities.iter().enumerate() {
            for (k, ind) in act.indicators.iter().enumerate() {
                let at = GradedAt {
                    ws,
                    duty: d,
                    activity: Some(a),
                    row: k,
                };
                f(ind, at);
            }
        }
    }
}

/// Severity of a ladder problem. A blank grade is info; mixing qualitative and
/// quantitative standards is info (the ladder can still grade); every other problem
/// (out of order, overlap, gap, unreachable, mixed direction, mixed units) makes grading
/// wrong or ambiguous and is a warning: a reviewer decides whether the writer meant it.
pub fn severity(problem: &LadderProblem) -> Severity {
    match problem {
        LadderProblem::BlankGrade { .. } | LadderProblem::MixedKinds { .. } => Severity::Info,
        _ => Severity::Warning,
    }
}

/// The field a problem is about: the grade's standard when one grade is to blame, else the
/// indicator itself.
pub fn problem_pointer(indicator: &Place, problem: &LadderProblem) -> Place {
    let grade: Option<Grade> = match problem {
        LadderProblem::OutOfOrder { better, .. } => Some(*better),
        LadderProblem::Overlap { worse, .. } => Some(*worse),
        LadderProblem::Unreachable { grade, .. } => Some(*grade),
        LadderProblem::BlankGrade { grade } => Some(*grade),
        _ => None,
    };
    match grade {
        Some(g) => indicator.key(GRADE_KEYS[g.index()]),
        None => indicator.clone(),
    }
}

/// `ladder.*` findings for every graded indicator that has at least one standard (an
/// indicator with none is `complete.missing_standards`).
pub fn matrix(ws: &Workspace, out: &mut Vec<Finding>) {
    // Departments reuse a few ladder templates (≥98%/≥95%/≥92%/<92% …): analyse each once.
    let mut problems_of: HashMap<[&str; 4], Vec<LadderProblem>> = HashMap::new();
    each_graded(ws, |ind, at| {
        let standards = ind.standards();
        if standards.iter().all(|s| s.trim().is_empty()) {
            return;
        }
        let problems = problems_of
            .entry(standards)
            .or_insert_with(|| analyse(standards).problems);
        if problems.is_empty() {
            return;
        }
        let (ptr, lbl) = (at.pointer(), at.label());
        let name = ind.name.trim();
        for problem in problems.iter() {
            out.push(Finding::new(
                problem.code(),
                severity(problem),
                Section::Matrix,
                problem_pointer(&ptr, problem),
                lbl.clone(),
                format!("指标“{name}”的评价标准：{}", problem.message_zh()),
                format!("Standards of \"{name}\": {}", problem.message_en()),
            ));
        }
    });
}
