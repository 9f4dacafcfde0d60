//! Identity: project codes present and unique; no indicator twice in one table or activity.

use std::borrow::Cow;
use std::collections::HashMap;

use super::rules::{label, numbered};
use super::{Finding, Section, Severity};
use crate::model::Place;
use crate::model::Workspace;

/// A name or code for comparison: no whitespace, no trailing full stop, case folded.
pub fn normalize(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .trim_end_matches(['。', '.', '；', ';'])
        .to_uppercase()
}

/// [`normalize`], borrowing the name when it is already in normal form (the usual case).
/// `tests` below checks the two agree.
fn normalized(name: &str) -> Cow<'_, str> {
    let unchanged_by_uppercase = |c: char| {
        let mut upper = c.to_uppercase();
        upper.next() == Some(c) && upper.next().is_none()
    };
    let plain = name
        .chars()
        .all(|c| !c.is_whitespace() && unchanged_by_uppercase(c))
        && !name.ends_with(['。', '.', '；', ';']);
    if plain {
        Cow::Borrowed(name)
    } else {
        Cow::Owned(normalize(name))
    }
}

pub fn projects(ws: &Workspace, out: &mut Vec<Finding>) {
    let base = Place::projects();
    let sec = Section::Projects.label_zh();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (i, p) in ws.performance.projects.iter().enumerate() {
        let table = numbered(&p.number, &p.name);
        let code_ptr = base.idx(i).key("code");
        let code = normalize(&p.code);
        if code.is_empty() {
            // A template without a code column has no code to miss.
            if p.asks_for("code") {
                out.push(Finding::new(
                    "id.missing_code",
                    Severity::Warning,
                    Section::Projects,
                    code_ptr,
                    label(&[sec, &table, "项目编码"]),
                    "项目编码为空".to_string(),
                    "The project code is blank".to_string(),
                ));
            }
        } else if let Some(&first) = seen.get(&code) {
            let other = &ws.performance.projects[first];
            let other_name = numbered(&other.number, &other.name);
            out.push(Finding::new(
                "id.duplicate_code",
                Severity::Error,
                Section::Projects,
                code_ptr,
                label(&[sec, &table, "项目编码"]),
                format!(
                    "项目编码 {} 与“{other_name}”重复；每个项目应有唯一编码",
                    p.code.trim()
                ),
                format!(
                    "Project code {} is also used by \"{other_name}\"; each project needs its own code",
                    p.code.trim()
                ),
            )
            .with_counterpart(
                base.idx(first).key("code"),
                label(&[sec, &other_name, "项目编码"]),
            ));
        } else {
            seen.insert(code, i);
        }
        duplicates(
            out,
            Section::Projects,
            || {
                (
                    base.idx(i).key("indicators"),
                    vec![sec.to_string(), table.clone()],
                )
            },
            p.indicators.iter().map(|x| x.name.as_str()),
        );
    }
}

pub fn matrix(ws: &Workspace, out: &mut Vec<Finding>) {
    let base = Place::duties();
    let sec = Section::Matrix.label_zh();
    for (d, duty) in ws.performance.matrix.duties.iter().enumerate() {
        let dn = || numbered(&duty.number, &duty.name);
        duplicates(
            out,
            Section::Matrix,
            || (base.idx(d).key("indicators"), vec![sec.to_string(), dn()]),
            duty.indicators.iter().map(|x| x.name.as_str()),
        );
        for (a, act) in duty.activities.iter().enumerate() {
            duplicates(
                out,
                Section::Matrix,
                || {
                    (
                        base.idx(d).key("activities").idx(a).key("indicators"),
                        vec![sec.to_string(), dn(), numbered(&act.number, &act.name)],
                    )
                },
                act.indicators.iter().map(|x| x.name.as_str()),
            );
        }
    }
}

/// `id.duplicate_indicator` (warning) on each repeat of an indicator name within one list.
/// `place` gives the list's pointer and label prefix; it is called only when there is a repeat.
fn duplicates<'a>(
    out: &mut Vec<Finding>,
    section: Section,
    place: impl Fn() -> (Place, Vec<String>),
    names: impl Iterator<Item = &'a str>,
) {
    let mut seen: HashMap<Cow<'a, str>, usize> = HashMap::new();
    for (i, name) in names.enumerate() {
        let key = normalized(name);
        if key.is_empty() {
            continue;
        }
        if let Some(&first) = seen.get(&key) {
            let (list_ptr, prefix) = place();
            let mut l: Vec<&str> = prefix.iter().map(String::as_str).collect();
            l.push(name);
            let first_row = format!("第 {} 行", first + 1);
            let mut first_label = l.clone();
            first_label.push(&first_row);
            out.push(
                Finding::new(
                    "id.duplicate_indicator",
                    Severity::Warning,
                    section,
                    list_ptr.idx(i).key("name"),
                    label(&l),
                    format!(
                        "指标“{}”重复出现（第 {} 行与第 {} 行）",
                        name.trim(),
                        first + 1,
                        i + 1
                    ),
                    format!(
                        "Indicator \"{}\" appears twice (rows {} and {})",
                        name.trim(),
                        first + 1,
                        i + 1
                    ),
                )
                .with_counterpart(list_ptr.idx(first).key("name"), label(&first_label)),
            );
        } else {
            seen.insert(key, i);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalized_agrees_with_normalize() {
        for name in [
            "统计失误率",
            " 统计 失误率。",
            "abc",
            "ABC",
            "ǅx",
            "Straße",
            "率;",
            "满意度(%)",
        ] {
            assert_eq!(normalized(name), normalize(name), "{name}");
        }
    }
}
