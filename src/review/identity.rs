//! Identity: project codes present and unique; no indicator twice in one table or activity;
//! no text copied from another project; no item with two amounts in one project.

use std::borrow::Cow;
use std::collections::HashMap;

use rust_decimal::Decimal;

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

/// `id.copied_text` (warning): a project's goal, or an indicator's 名称 and 指标解释 together,
/// word for word the same as another project's in the same table — a text carried over from
/// the row above (珠海's 春节慰问金 for 珠海边检总站 thanking 拱北海关's staff; 长春's 驻京经费
/// with the 临聘人员 satisfaction row). Short texts (under 15 characters) are often shared
/// rightly and are not compared.
pub fn copied_text(ws: &Workspace, out: &mut Vec<Finding>) {
    const LONG_ENOUGH: usize = 15;
    let base = Place::projects();
    let sec = Section::Projects.label_zh();
    let projects = &ws.performance.projects;
    let mut goals: HashMap<(&str, String), usize> = HashMap::new();
    let mut rows: HashMap<(&str, String), usize> = HashMap::new();
    let push = |out: &mut Vec<Finding>, i: usize, j: usize, what: Place, zh: &str, en: &str| {
        let (p, q) = (&projects[i], &projects[j]);
        let (ours, theirs) = (numbered(&p.number, &p.name), numbered(&q.number, &q.name));
        out.push(
            Finding::new(
                "id.copied_text",
                Severity::Warning,
                Section::Projects,
                what,
                label(&[sec, &ours, zh]),
                format!("{zh}与“{theirs}”的完全相同，疑似照抄未改"),
                format!("The {en} is word for word that of \"{theirs}\": probably copied"),
            )
            .with_counterpart(base.idx(j), label(&[sec, &theirs])),
        );
    };
    for (i, p) in projects.iter().enumerate() {
        let goal = normalize(&p.goals.join(""));
        if goal.chars().count() >= LONG_ENOUGH {
            match goals.get(&(p.title.as_str(), goal.clone())) {
                Some(&j)
                    if super::tables::squeeze(&projects[j].name)
                        != super::tables::squeeze(&p.name)
                        && names_the_other(&goal, &p.name, &projects[j].name) =>
                {
                    push(out, i, j, base.idx(i).key("goals"), "绩效目标", "goal");
                }
                Some(_) => {}
                None => {
                    goals.insert((p.title.as_str(), goal), i);
                }
            }
        }
        for (k, ind) in p.indicators.iter().enumerate() {
            // Most rows have a short explanation or none: no strings built for them.
            let explained = ind
                .description
                .chars()
                .filter(|c| !c.is_whitespace())
                .count();
            if explained < LONG_ENOUGH {
                continue;
            }
            let text = normalize(&format!("{}{}", ind.name, ind.description));
            match rows.get(&(p.title.as_str(), text.clone())) {
                Some(&j)
                    if j != i
                        && super::tables::squeeze(&projects[j].name)
                            != super::tables::squeeze(&p.name)
                        && (names_the_other(&text, &p.name, &projects[j].name)
                            || names_the_other(&text, &projects[j].name, &p.name)) =>
                {
                    let at = base.idx(i).key("indicators").idx(k);
                    push(
                        out,
                        i,
                        j,
                        at,
                        "指标及其解释",
                        "indicator and its explanation",
                    );
                }
                Some(_) => {}
                None => {
                    rows.insert((p.title.as_str(), text), i);
                }
            }
        }
    }
}

/// `id.amount_twice` (error): one project table states the same item with two amounts —
/// its goal says `缴纳电费 27万元`, a 成本指标's 指标解释 says `缴纳电费 20万元` (长春 预算表11,
/// 2026年信访接待中心运行费). The item is the run of CJK words right before an amount in 万元
/// or 元 (at least two characters, a leading 年/月 of a date dropped); amounts compare in 元.
/// Only statements in two different texts of the project are compared: one sentence may
/// rightly give one item two amounts (last year's and this year's).
pub fn amount_twice(ws: &Workspace, out: &mut Vec<Finding>) {
    use super::prose::{Unit, figures};
    let base = Place::projects();
    let sec = Section::Projects.label_zh();
    for (i, p) in ws.performance.projects.iter().enumerate() {
        let mut texts: Vec<(Place, &str)> = p
            .goals
            .iter()
            .enumerate()
            .map(|(g, goal)| (base.idx(i).key("goals").idx(g), goal.as_str()))
            .collect();
        for (k, ind) in p.indicators.iter().enumerate() {
            let at = base.idx(i).key("indicators").idx(k);
            texts.push((at.key("name"), ind.name.as_str()));
            texts.push((at.key("description"), ind.description.as_str()));
        }
        // item → (text index, amount in 元, as written)
        let mut seen: HashMap<String, (usize, Decimal, String)> = HashMap::new();
        let mut reported: Vec<String> = Vec::new();
        for (t, (place, text)) in texts.iter().enumerate() {
            for f in figures(text) {
                let yuan = match f.unit {
                    Unit::Wan => f.value.checked_mul(Decimal::from(10_000)),
                    Unit::Yuan => Some(f.value),
                    _ => None,
                };
                let (Some(yuan), Some(item)) = (yuan, item_before(text, f.start)) else {
                    continue;
                };
                let written = text[f.start..f.end].replace(' ', "");
                match seen.get(&item) {
                    None => {
                        seen.insert(item, (t, yuan, written));
                    }
                    Some((first, amount, first_written))
                        if *first != t && *amount != yuan && !reported.contains(&item) =>
                    {
                        let (first_place, _) = &texts[*first];
                        let name = numbered(&p.number, &p.name);
                        out.push(
                            Finding::new(
                                "id.amount_twice",
                                Severity::Error,
                                Section::Projects,
                                place.clone(),
                                label(&[sec, &name, &item]),
                                format!(
                                    "“{item}”此处为 {written}，同一项目另一处为 {first_written}，两者必有一误"
                                ),
                                format!(
                                    "\"{item}\" is {written} here and {first_written} elsewhere in the same project: one of them is wrong"
                                ),
                            )
                            .with_counterpart(first_place.clone(), label(&[sec, &name])),
                        );
                        reported.push(item);
                    }
                    Some(_) => {}
                }
            }
        }
    }
}

/// The item an amount at `at` is the amount of: the CJK words right before it (spaces
/// skipped), at least two characters; a date's 年/月/日 in front is not part of it.
fn item_before(text: &str, at: usize) -> Option<String> {
    let before = text[..at].trim_end();
    let words: Vec<char> = before
        .chars()
        .rev()
        .take_while(|c| crate::model::value::is_cjk(*c))
        .collect();
    let mut item: String = words.into_iter().rev().collect();
    let after_digit = before[..before.len() - item.len()]
        .chars()
        .next_back()
        .is_some_and(|c| c.is_ascii_digit());
    if after_digit && item.starts_with(['年', '月', '日']) {
        item.remove(0);
    }
    (item.chars().count() >= 2).then_some(item)
}

/// Whether `text`, shared word for word with project `theirs`, names `theirs` in words that
/// `ours` does not have (`拱北海关` in 珠海边检总站's copied goal): then it was copied and not
/// adapted. Three CJK characters in a row are compared, so years and numbering do not count.
fn names_the_other(text: &str, ours: &str, theirs: &str) -> bool {
    let grams = |s: &str| -> Vec<String> {
        let chars: Vec<char> = s.chars().collect();
        chars
            .windows(3)
            .filter(|w| w.iter().all(|c| crate::model::value::is_cjk(*c)))
            .map(|w| w.iter().collect())
            .collect()
    };
    let own = grams(ours);
    grams(theirs)
        .iter()
        .any(|g| !own.contains(g) && text.contains(g.as_str()))
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
