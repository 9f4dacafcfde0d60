//! The grade report: every graded indicator of the duty-activity matrix with its ladder as
//! written, the reading of each standard, the ladder's problems, the actual value and the
//! resulting grade (or why none can be given); and every project indicator with a recorded
//! actual value, graded against its single target value (met / not met).

use serde::Serialize;

use super::ladders::{each_graded, severity};
use super::rules::{label, numbered};
use super::{Section, Severity};
use crate::model::Place;
use crate::model::Workspace;
use crate::model::ladder::{Grade, NoGrade, analyse};

/// Which table a graded row comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RowKind {
    /// A graded indicator of the duty-activity matrix (four standards).
    Matrix,
    /// A project indicator with a recorded actual value (one target value).
    Project,
}

/// One standard of a ladder: the grade, the text as written and how it was read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StandardRow {
    /// `excellent`, `good`, `fair`, `poor` (for a project row: `target`).
    pub grade: &'static str,
    /// 优, 良, 中, 差 (for a project row: 指标值).
    pub grade_zh: &'static str,
    /// The standard exactly as written.
    pub text: String,
    pub reading_zh: String,
    pub reading_en: String,
}

/// A ladder problem of the row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProblemRow {
    /// The problem's code, e.g. `ladder.gap` (the same rule id `check` uses).
    pub code: &'static str,
    pub severity: Severity,
    pub message_zh: String,
    pub message_en: String,
}

/// What grading gave.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Outcome {
    /// No actual value recorded yet.
    NoActual,
    /// The grade the actual value earns (matrix rows).
    Graded {
        /// `excellent` … `poor`.
        grade: &'static str,
        /// 优 … 差.
        grade_zh: &'static str,
    },
    /// The actual value meets the target (project rows).
    Met,
    /// The actual value does not meet the target (project rows).
    NotMet {
        reason_zh: String,
        reason_en: String,
    },
    /// No grade can be given.
    NoGrade {
        /// e.g. `grade.in_gap`, `grade.not_a_number`.
        code: &'static str,
        reason_zh: String,
        reason_en: String,
    },
}

impl Outcome {
    pub fn text(&self, zh: bool) -> String {
        match (self, zh) {
            (Outcome::NoActual, true) => "未填实际值".into(),
            (Outcome::NoActual, false) => "no actual value".into(),
            (Outcome::Graded { grade_zh, .. }, true) => format!("等级：{grade_zh}"),
            (Outcome::Graded { grade, .. }, false) => format!("grade: {grade}"),
            (Outcome::Met, true) => "达到目标".into(),
            (Outcome::Met, false) => "target met".into(),
            (Outcome::NotMet { reason_zh, .. }, true) => format!("未达到目标（{reason_zh}）"),
            (Outcome::NotMet { reason_en, .. }, false) => format!("target not met ({reason_en})"),
            (Outcome::NoGrade { reason_zh, .. }, true) => format!("无法评定：{reason_zh}"),
            (Outcome::NoGrade { reason_en, .. }, false) => format!("no grade: {reason_en}"),
        }
    }
}

/// One row of the grade report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GradedRow {
    pub kind: RowKind,
    /// Where the indicator is in the workspace (a JSON pointer in JSON).
    pub pointer: Place,
    /// Where it sits: `一、duty · 1、activity`, or the project table `3、name`.
    pub path: String,
    /// The indicator's name.
    pub name: String,
    /// Inferred direction (`越高越好` …), when known.
    pub direction_zh: Option<&'static str>,
    pub direction_en: Option<&'static str>,
    /// The ladder as written, with readings (one entry, the target, for a project row).
    pub standards: Vec<StandardRow>,
    /// Ladder problems (matrix rows).
    pub problems: Vec<ProblemRow>,
    /// The actual value (实际值) as recorded.
    pub actual: Option<String>,
    pub outcome: Outcome,
}

const GRADE_IDS: [&str; 4] = ["excellent", "good", "fair", "poor"];

fn grade_ids(g: Grade) -> (&'static str, &'static str) {
    (GRADE_IDS[g.index()], g.label_zh())
}

fn no_grade(e: &NoGrade) -> Outcome {
    Outcome::NoGrade {
        code: e.code(),
        reason_zh: e.message_zh(),
        reason_en: e.message_en(),
    }
}

/// Every graded indicator, then every project indicator with an actual value, in document
/// order.
pub fn grade_report(ws: &Workspace) -> Vec<GradedRow> {
    let mut rows = Vec::new();
    let sec = Section::Matrix.label_zh();
    each_graded(ws, |ind, at| {
        let (ptr, lbl) = (at.pointer(), at.label());
        let analysis = analyse(ind.standards());
        let standards = Grade::ALL
            .iter()
            .map(|g| {
                let reading = &analysis.readings[g.index()];
                StandardRow {
                    grade: GRADE_IDS[g.index()],
                    grade_zh: g.label_zh(),
                    text: ind.standards()[g.index()].to_string(),
                    reading_zh: reading.describe_zh(),
                    reading_en: reading.describe_en(),
                }
            })
            .collect();
        let problems = analysis
            .problems
            .iter()
            .map(|p| ProblemRow {
                code: p.code(),
                severity: severity(p),
                message_zh: p.message_zh(),
                message_en: p.message_en(),
            })
            .collect();
        let actual = ind.actual.clone().filter(|a| !a.trim().is_empty());
        let outcome = match &actual {
            None => Outcome::NoActual,
            Some(a) => match analysis.grade(a) {
                Ok(g) => {
                    let (grade, grade_zh) = grade_ids(g);
                    Outcome::Graded { grade, grade_zh }
                }
                Err(e) => no_grade(&e),
            },
        };
        // The path is the label without the section and the indicator name.
        let prefix = format!("{sec} · ");
        let path = lbl.strip_prefix(&prefix).unwrap_or(&lbl);
        let path = path
            .strip_suffix(ind.name.trim())
            .map(|p| p.trim_end_matches(" · "))
            .unwrap_or(path)
            .to_string();
        rows.push(GradedRow {
            kind: RowKind::Matrix,
            pointer: ptr.clone(),
            path,
            name: ind.name.clone(),
            direction_zh: analysis.direction.map(|d| d.label_zh()),
            direction_en: analysis.direction.map(|d| d.label_en()),
            standards,
            problems,
            actual,
            outcome,
        });
    });

    let base = Place::projects();
    for (i, p) in ws.performance.projects.iter().enumerate() {
        let table = numbered(&p.number, &p.name);
        for (j, ind) in p.indicators.iter().enumerate() {
            let Some(actual) = ind.actual.clone().filter(|a| !a.trim().is_empty()) else {
                continue;
            };
            let analysis = analyse([&ind.value, "", "", ""]);
            let reading = &analysis.readings[0];
            let outcome = match analysis.grade(&actual) {
                Ok(_) => Outcome::Met,
                Err(NoGrade::InGap { value }) => Outcome::NotMet {
                    reason_zh: format!("实际值 {value} 不满足指标值 {}", ind.value.trim()),
                    reason_en: format!("actual {value} does not meet target {}", ind.value.trim()),
                },
                Err(NoGrade::NoLabelMatch { actual: a }) if !reading.is_quantitative() => {
                    Outcome::NotMet {
                        reason_zh: format!("实际值“{a}”与指标值“{}”不同", ind.value.trim()),
                        reason_en: format!(
                            "actual \"{a}\" differs from target \"{}\"",
                            ind.value.trim()
                        ),
                    }
                }
                Err(e) => no_grade(&e),
            };
            rows.push(GradedRow {
                kind: RowKind::Project,
                pointer: base.idx(i).key("indicators").idx(j),
                path: label(&[&table]),
                name: ind.name.clone(),
                direction_zh: analysis.direction.map(|d| d.label_zh()),
                direction_en: analysis.direction.map(|d| d.label_en()),
                standards: vec![StandardRow {
                    grade: "target",
                    grade_zh: "指标值",
                    text: ind.value.clone(),
                    reading_zh: reading.describe_zh(),
                    reading_en: reading.describe_en(),
                }],
                problems: Vec::new(),
                actual: Some(actual),
                outcome,
            });
        }
    }
    rows
}
