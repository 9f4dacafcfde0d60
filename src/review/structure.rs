//! Structure: numbering continuous (duties 一、二、三…, activities 1、2… within a duty, project
//! tables, itemised goals, glossary); duties with neither activities nor indicators.

use super::rules::{label, numbered};
use super::{Finding, Section, Severity};
use crate::model::Place;
use crate::model::Workspace;

/// Reads a number as written: `3`, `３`, `十二`, `二十一`, with surrounding `（）、．.` and
/// spaces ignored. `None` when it is no number.
pub fn read_number(text: &str) -> Option<u32> {
    let t = text.trim_matches(|c: char| {
        c.is_whitespace() || matches!(c, '、' | '.' | '．' | '（' | '）' | '(' | ')' | '，' | ',')
    });
    if t.is_empty() {
        return None;
    }
    if t.chars()
        .all(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
    {
        let ascii: String = t
            .chars()
            .map(|c| {
                if c.is_ascii_digit() {
                    c
                } else {
                    char::from(b'0' + (c as u32 - '０' as u32) as u8)
                }
            })
            .collect();
        return ascii.parse().ok();
    }
    chinese_number(t)
}

fn digit(c: char) -> Option<u32> {
    Some(match c {
        '零' | '〇' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

/// Chinese numerals below 10000: 一, 十, 十二, 二十, 二十一, 一百零五.
fn chinese_number(t: &str) -> Option<u32> {
    let mut total = 0u32;
    let mut pending: Option<u32> = None;
    for c in t.chars() {
        if c == '零' || c == '〇' {
            // A placeholder (一百零五): nothing pending.
            if pending.is_some() {
                return None;
            }
            continue;
        }
        if let Some(d) = digit(c) {
            if pending.is_some() {
                return None;
            }
            pending = Some(d);
            continue;
        }
        let unit = match c {
            '十' => 10,
            '百' => 100,
            '千' => 1000,
            _ => return None,
        };
        total += pending.take().unwrap_or(1) * unit;
    }
    total += pending.unwrap_or(0);
    (total > 0).then_some(total)
}

/// Chinese numeral for `n` (1–99), for messages.
pub fn chinese(n: u32) -> String {
    const D: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => D[n as usize].to_string(),
        10..=19 => format!("十{}", if n == 10 { "" } else { D[(n % 10) as usize] }),
        20..=99 => format!(
            "{}十{}",
            D[(n / 10) as usize],
            if n.is_multiple_of(10) {
                ""
            } else {
                D[(n % 10) as usize]
            }
        ),
        _ => n.to_string(),
    }
}

/// `structure.numbering` (warning) where a number does not follow the previous one (the
/// first should be 1); blank or unreadable numbers are skipped. After a break the count
/// continues from the number as written, so one gap gives one finding. `list` points at the
/// array; `label_of(i)` names its entry `i`.
#[allow(clippy::too_many_arguments)]
fn sequence<'a>(
    out: &mut Vec<Finding>,
    section: Section,
    what_zh: &str,
    what_en: &str,
    chinese_style: bool,
    list: &Place,
    numbers: impl Iterator<Item = &'a str>,
    label_of: impl Fn(usize) -> String,
) {
    let mut expected = 1u32;
    for (i, number) in numbers.enumerate() {
        let Some(n) = read_number(number) else {
            continue;
        };
        if n != expected {
            let want = if chinese_style {
                chinese(expected)
            } else {
                expected.to_string()
            };
            // Place and label are made only for a finding: most numbers are in order.
            let pointer = list.idx(i).key("number");
            let label = label_of(i);
            out.push(Finding::new(
                "structure.numbering",
                Severity::Warning,
                section,
                pointer,
                label,
                format!(
                    "{what_zh}编号不连续：此处为“{}”，按顺序应为“{want}”",
                    number.trim()
                ),
                format!(
                    "{what_en} numbering is not continuous: \"{}\" where \"{want}\" was expected",
                    number.trim()
                ),
            ));
        }
        expected = n + 1;
    }
}

pub fn profile(ws: &Workspace, out: &mut Vec<Finding>) {
    let duties = &ws.profile.duties;
    let sec = Section::Profile.label_zh();
    sequence(
        out,
        Section::Profile,
        "主要职责",
        "Duty",
        true,
        &Place::root().key("profile").key("duties"),
        duties.iter().map(|d| d.number.as_str()),
        |i| {
            label(&[
                sec,
                "主要职责",
                &numbered(&duties[i].number, &duties[i].text),
            ])
        },
    );
}

pub fn itemised(ws: &Workspace, out: &mut Vec<Finding>) {
    let items = &ws.performance.itemised_goals.items;
    let sec = Section::ItemisedGoals.label_zh();
    sequence(
        out,
        Section::ItemisedGoals,
        "分项绩效目标",
        "Itemised goal",
        true,
        &Place::root()
            .key("performance")
            .key("itemised_goals")
            .key("items"),
        items.iter().map(|g| g.number.as_str()),
        |i| label(&[sec, &items[i].title]),
    );
}

pub fn projects(ws: &Workspace, out: &mut Vec<Finding>) {
    let projects = &ws.performance.projects;
    let sec = Section::Projects.label_zh();
    sequence(
        out,
        Section::Projects,
        "项目绩效目标表",
        "Project table",
        false,
        &Place::projects(),
        projects.iter().map(|p| p.number.as_str()),
        |i| {
            let p = &projects[i];
            let title = if p.title.trim().is_empty() {
                &p.name
            } else {
                &p.title
            };
            label(&[sec, &numbered(&p.number, title)])
        },
    );
}

pub fn matrix(ws: &Workspace, out: &mut Vec<Finding>) {
    let base = Place::duties();
    let sec = Section::Matrix.label_zh();
    let duties = &ws.performance.matrix.duties;
    sequence(
        out,
        Section::Matrix,
        "职责",
        "Duty",
        true,
        &base,
        duties.iter().map(|d| d.number.as_str()),
        |i| label(&[sec, &numbered(&duties[i].number, &duties[i].name)]),
    );
    for (i, duty) in duties.iter().enumerate() {
        let dp = base.idx(i);
        let dn = numbered(&duty.number, &duty.name);
        let acts = &duty.activities;
        sequence(
            out,
            Section::Matrix,
            &format!("职责“{dn}”下的工作活动"),
            "Activity",
            false,
            &dp.key("activities"),
            acts.iter().map(|a| a.number.as_str()),
            |a| label(&[sec, &dn, &numbered(&acts[a].number, &acts[a].name)]),
        );
        if duty.activities.is_empty() && duty.indicators.is_empty() {
            out.push(Finding::new(
                "structure.empty_duty",
                Severity::Info,
                Section::Matrix,
                dp,
                label(&[sec, &dn]),
                format!("职责“{dn}”下没有工作活动，也没有绩效指标"),
                format!("Duty \"{dn}\" has no work activities and no indicators"),
            ));
        }
    }
}

pub fn glossary(ws: &Workspace, out: &mut Vec<Finding>) {
    let entries = &ws.glossary.entries;
    sequence(
        out,
        Section::Document,
        "名词解释",
        "Glossary",
        false,
        &Place::root().key("glossary").key("entries"),
        entries.iter().map(|e| e.number.as_str()),
        |i| label(&["名词解释", &numbered(&entries[i].number, &entries[i].term)]),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_numbers() {
        assert_eq!(read_number("十二"), Some(12));
        assert_eq!(read_number("二十一、"), Some(21));
        assert_eq!(read_number("（三）"), Some(3));
        assert_eq!(read_number("3"), Some(3));
        assert_eq!(read_number("１０．"), Some(10));
        assert_eq!(read_number("十"), Some(10));
        assert_eq!(read_number("一百零五"), Some(105));
        assert_eq!(read_number("甲"), None);
        assert_eq!(read_number(""), None);
        assert_eq!(chinese(12), "十二");
        assert_eq!(chinese(20), "二十");
        assert_eq!(chinese(15), "十五");
    }
}
