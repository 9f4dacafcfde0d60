//! The rows of the duty-activity matrix, and places named as a reviewer names them.

use super::edit::{GradedField, NodeField, Target, graded_list_place};
use super::grading;
use super::i18n::{Lang, Msg, t};
use super::rows::amount_text;
use crate::model::{Place, Workspace};

/// A row of the duty-activity matrix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MatrixRow {
    Duty(usize),
    Activity(usize, usize),
    Indicator {
        duty: usize,
        activity: Option<usize>,
        row: usize,
    },
}

impl MatrixRow {
    pub fn pointer(self) -> Place {
        match self {
            MatrixRow::Duty(d) => Place::duties().idx(d),
            MatrixRow::Activity(d, a) => Place::duties().idx(d).key("activities").idx(a),
            MatrixRow::Indicator {
                duty,
                activity,
                row,
            } => graded_list_place(duty, activity).idx(row),
        }
    }
}

/// Columns of the matrix screen: name, 优, 良, 中, 差, 实际值, 等级.
pub const MATRIX_COLUMNS: usize = 7;

/// The matrix flattened into rows, in document order.
pub fn matrix_rows(ws: &Workspace) -> Vec<MatrixRow> {
    let mut rows = Vec::new();
    for (d, duty) in ws.performance.matrix.duties.iter().enumerate() {
        rows.push(MatrixRow::Duty(d));
        for i in 0..duty.indicators.len() {
            rows.push(MatrixRow::Indicator {
                duty: d,
                activity: None,
                row: i,
            });
        }
        for (a, activity) in duty.activities.iter().enumerate() {
            rows.push(MatrixRow::Activity(d, a));
            for i in 0..activity.indicators.len() {
                rows.push(MatrixRow::Indicator {
                    duty: d,
                    activity: Some(a),
                    row: i,
                });
            }
        }
    }
    rows
}

/// How many columns a matrix row has (duty/activity rows: name and budget).
pub fn matrix_columns(row: MatrixRow) -> usize {
    match row {
        MatrixRow::Indicator { .. } => MATRIX_COLUMNS,
        _ => 2,
    }
}

/// The editable value under (`row`, `col`) of the matrix.
pub fn matrix_target(row: MatrixRow, col: usize) -> Option<Target> {
    match row {
        MatrixRow::Duty(duty) => Some(Target::Duty {
            duty,
            field: if col == 0 {
                NodeField::Name
            } else {
                NodeField::Budget
            },
        }),
        MatrixRow::Activity(duty, activity) => Some(Target::Activity {
            duty,
            activity,
            field: if col == 0 {
                NodeField::Name
            } else {
                NodeField::Budget
            },
        }),
        MatrixRow::Indicator {
            duty,
            activity,
            row,
        } => {
            let field = match col {
                0 => GradedField::Name,
                1..=4 => GradedField::Standard(col - 1),
                5 => GradedField::Actual,
                _ => return None,
            };
            Some(Target::Graded {
                duty,
                activity,
                row,
                field,
            })
        }
    }
}

/// The column showing `field` of a graded indicator.
pub fn graded_column(field: GradedField) -> usize {
    match field {
        GradedField::Name => 0,
        GradedField::Standard(i) => 1 + i.min(3),
        GradedField::Actual => 5,
    }
}

/// The text of a matrix cell.
pub fn matrix_cell(ws: &Workspace, row: MatrixRow, col: usize, lang: Lang) -> String {
    let duties = &ws.performance.matrix.duties;
    match row {
        MatrixRow::Duty(d) => duties
            .get(d)
            .map(|duty| match col {
                0 => format!("{}、{}", duty.number, duty.name),
                _ => amount_text(&duty.budget),
            })
            .unwrap_or_default(),
        MatrixRow::Activity(d, a) => duties
            .get(d)
            .and_then(|duty| duty.activities.get(a))
            .map(|act| match col {
                0 => format!("{}、{}", act.number, act.name),
                _ => amount_text(&act.budget),
            })
            .unwrap_or_default(),
        MatrixRow::Indicator {
            duty,
            activity,
            row,
        } => {
            let Some(g) =
                super::edit::graded_list(ws, duty, activity).and_then(|list| list.get(row))
            else {
                return String::new();
            };
            match col {
                0 => g.name.clone(),
                1..=4 => g.standards()[col - 1].to_string(),
                5 => g.actual.clone().unwrap_or_default(),
                _ => grade_label(g.standards(), g.actual.as_deref(), lang),
            }
        }
    }
}

/// The grade an actual value earns, as shown in the 等级 column.
pub fn grade_label(standards: [&str; 4], actual: Option<&str>, lang: Lang) -> String {
    let Some(actual) = actual.filter(|a| !a.trim().is_empty()) else {
        return String::new();
    };
    match grading::grade(standards, actual, lang) {
        Ok(i) => t(
            lang,
            [Msg::Excellent, Msg::Good, Msg::Fair, Msg::Poor][i.min(3)],
        )
        .to_string(),
        Err(_) => "?".to_string(),
    }
}

/// A place in the workspace as a reviewer names it — `职责活动 · 一、… · 1、… · 指标 · 良` —
/// for a place; its pointer text where no better name is known.
pub fn describe_pointer(ws: &Workspace, place: &Place, lang: Lang) -> String {
    let tokens = place.parts();
    let index = |i: usize| tokens.get(i).and_then(|t| t.parse::<usize>().ok());
    let named = |number: &str, name: &str| {
        let (number, name) = (number.trim(), name.trim());
        if number.is_empty() {
            name.to_string()
        } else {
            format!("{number}、{name}")
        }
    };
    let field = |key: &str| -> String {
        let zh_en: &[(&str, &str, &str)] = &[
            ("excellent", "优", "excellent"),
            ("good", "良", "good"),
            ("fair", "中", "fair"),
            ("poor", "差", "poor"),
            ("actual", "实际值", "actual"),
            ("name", "名称", "name"),
            ("value", "指标值", "target"),
            ("basis", "依据", "basis"),
            ("description", "描述", "description"),
            ("budget", "预算数", "budget"),
            ("code", "编码", "code"),
        ];
        zh_en
            .iter()
            .find(|(k, _, _)| *k == key)
            .map(|(_, zh, en)| lang.pick(zh, en).to_string())
            .unwrap_or_else(|| key.to_string())
    };
    let mut parts: Vec<String> = Vec::new();
    match tokens.as_slice() {
        ["performance", "matrix", "duties", ..] => {
            parts.push(lang.pick("职责活动", "Activities").to_string());
            let Some(duty) = index(3).and_then(|d| ws.performance.matrix.duties.get(d)) else {
                return place.to_string();
            };
            parts.push(named(&duty.number, &duty.name));
            let mut rest = &tokens[4..];
            let mut list = &duty.indicators;
            if let ["activities", a, tail @ ..] = rest {
                let Some(act) = a.parse::<usize>().ok().and_then(|a| duty.activities.get(a)) else {
                    return place.to_string();
                };
                parts.push(named(&act.number, &act.name));
                list = &act.indicators;
                rest = tail;
            }
            if let ["indicators", k, tail @ ..] = rest {
                if let Some(ind) = k.parse::<usize>().ok().and_then(|k| list.get(k)) {
                    parts.push(ind.name.trim().to_string());
                }
                rest = tail;
            }
            parts.extend(rest.iter().map(|key| field(key)));
        }
        ["performance", "projects", ..] => {
            parts.push(lang.pick("项目绩效", "Projects").to_string());
            let Some(project) = index(2).and_then(|p| ws.performance.projects.get(p)) else {
                return place.to_string();
            };
            parts.push(named(&project.number, &project.name));
            let mut rest = &tokens[3..];
            if let ["indicators", k, tail @ ..] = rest {
                if let Some(row) = k
                    .parse::<usize>()
                    .ok()
                    .and_then(|k| project.indicators.get(k))
                {
                    parts.push(row.name.trim().to_string());
                }
                rest = tail;
            }
            parts.extend(rest.iter().map(|key| field(key)));
        }
        _ => return place.to_string(),
    }
    parts.join(" · ")
}
