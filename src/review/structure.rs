//! Structure: numbering continuous (duties 一、二、三…, activities 1、2… within a duty, project
//! tables, itemised goals, glossary); duties with neither activities nor indicators.

use super::pointer::Pointer;
use super::rules::{label, numbered};
use super::{Finding, Section, Severity};
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

/// One numbered list: its numbers as written, each with its pointer and label.
struct Numbered<'a> {
    number: &'a str,
    /// Pointer and label, made only for a finding: most numbers are in order.
    place: Box<dyn Fn() -> (Pointer, String) + 'a>,
}

/// `structure.numbering` (warning) where a number does not follow the previous one (the
/// first should be 1); blank or unreadable numbers are skipped. After a break the count
/// continues from the number as written, so one gap gives one finding.
fn sequence(
    out: &mut Vec<Finding>,
    section: Section,
    what_zh: &str,
    what_en: &str,
    chinese_style: bool,
    items: &[Numbered<'_>],
) {
    let mut expected = 1u32;
    for item in items {
        let Some(n) = read_number(item.number) else {
            continue;
        };
        if n != expected {
            let want = if chinese_style {
                chinese(expected)
            } else {
                expected.to_string()
            };
            let (pointer, label) = (item.place)();
            out.push(Finding::new(
                "structure.numbering",
                Severity::Warning,
                section,
                pointer,
                label,
                format!(
                    "{what_zh}编号不连续：此处为“{}”，按顺序应为“{want}”",
                    item.number.trim()
                ),
                format!(
                    "{what_en} numbering is not continuous: \"{}\" where \"{want}\" was expected",
                    item.number.trim()
                ),
            ));
        }
        expected = n + 1;
    }
}

pub fn profile(ws: &Workspace, out: &mut Vec<Finding>) {
    let base = &Pointer::root().key("profile").key("duties");
    let sec = Section::Profile.label_zh();
    let items: Vec<Numbered<'_>> = ws
        .profile
        .duties
        .iter()
        .enumerate()
        .map(|(i, d)| Numbered {
            number: &d.number,
            place: Box::new(move || {
                (
                    base.idx(i).key("number"),
                    label(&[sec, "主要职责", &numbered(&d.number, &d.text)]),
                )
            }),
        })
        .collect();
    sequence(out, Section::Profile, "主要职责", "Duty", true, &items);
}

pub fn itemised(ws: &Workspace, out: &mut Vec<Finding>) {
    let base = &Pointer::root()
        .key("performance")
        .key("itemised_goals")
        .key("items");
    let sec = Section::ItemisedGoals.label_zh();
    let items: Vec<Numbered<'_>> = ws
        .performance
        .itemised_goals
        .items
        .iter()
        .enumerate()
        .map(|(i, g)| Numbered {
            number: &g.number,
            place: Box::new(move || (base.idx(i).key("number"), label(&[sec, &g.title]))),
        })
        .collect();
    sequence(
        out,
        Section::ItemisedGoals,
        "分项绩效目标",
        "Itemised goal",
        true,
        &items,
    );
}

pub fn projects(ws: &Workspace, out: &mut Vec<Finding>) {
    let base = &Pointer::root().key("performance").key("projects");
    let sec = Section::Projects.label_zh();
    let items: Vec<Numbered<'_>> = ws
        .performance
        .projects
        .iter()
        .enumerate()
        .map(|(i, p)| Numbered {
            number: &p.number,
            place: Box::new(move || {
                (
                    base.idx(i).key("number"),
                    label(&[
                        sec,
                        &numbered(
                            &p.number,
                            if p.title.trim().is_empty() {
                                &p.name
                            } else {
                                &p.title
                            },
                        ),
                    ]),
                )
            }),
        })
        .collect();
    sequence(
        out,
        Section::Projects,
        "项目绩效目标表",
        "Project table",
        false,
        &items,
    );
}

pub fn matrix(ws: &Workspace, out: &mut Vec<Finding>) {
    let base = &Pointer::root()
        .key("performance")
        .key("matrix")
        .key("duties");
    let sec = Section::Matrix.label_zh();
    let duties = &ws.performance.matrix.duties;
    let items: Vec<Numbered<'_>> = duties
        .iter()
        .enumerate()
        .map(|(i, d)| Numbered {
            number: &d.number,
            place: Box::new(move || {
                (
                    base.idx(i).key("number"),
                    label(&[sec, &numbered(&d.number, &d.name)]),
                )
            }),
        })
        .collect();
    sequence(out, Section::Matrix, "职责", "Duty", true, &items);
    for (i, duty) in duties.iter().enumerate() {
        let dp = &base.idx(i);
        let dn = &numbered(&duty.number, &duty.name);
        let acts: Vec<Numbered<'_>> = duty
            .activities
            .iter()
            .enumerate()
            .map(|(a, act)| Numbered {
                number: &act.number,
                place: Box::new(move || {
                    (
                        dp.key("activities").idx(a).key("number"),
                        label(&[sec, dn, &numbered(&act.number, &act.name)]),
                    )
                }),
            })
            .collect();
        let what_zh = format!("职责“{dn}”下的工作活动");
        sequence(out, Section::Matrix, &what_zh, "Activity", false, &acts);
        if duty.activities.is_empty() && duty.indicators.is_empty() {
            out.push(Finding::new(
                "structure.empty_duty",
                Severity::Info,
                Section::Matrix,
                dp,
                label(&[sec, dn]),
                format!("职责“{dn}”下没有工作活动，也没有绩效指标"),
                format!("Duty \"{dn}\" has no work activities and no indicators"),
            ));
        }
    }
}

pub fn glossary(ws: &Workspace, out: &mut Vec<Finding>) {
    let base = &Pointer::root().key("glossary").key("entries");
    let items: Vec<Numbered<'_>> = ws
        .glossary
        .entries
        .iter()
        .enumerate()
        .map(|(i, e)| Numbered {
            number: &e.number,
            place: Box::new(move || {
                (
                    base.idx(i).key("number"),
                    label(&["名词解释", &numbered(&e.number, &e.term)]),
                )
            }),
        })
        .collect();
    sequence(
        out,
        Section::Document,
        "名词解释",
        "Glossary",
        false,
        &items,
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
