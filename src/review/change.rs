//! Stated % changes against last year's figures, when those are known.

use rust_decimal::{Decimal, RoundingStrategy};

use super::rules::{fmt_decimal, fmt_difference, label, rounding_error, value};
use super::{Finding, Section, Severity};
use crate::model::Place;
use crate::model::{Amount, LineItem, Workspace};

/// A stated change: signed percent and the half unit of its last written place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StatedChange {
    pub percent: Decimal,
    pub half_ulp: Decimal,
}

const UP: [&str; 6] = ["增加", "增长", "上升", "提高", "上涨", "增"];
const DOWN: [&str; 6] = ["减少", "下降", "降低", "下调", "缩减", "减"];

/// Reads `增加27.82%` (+27.82), `下降5%` (−5), `与上年持平` (0); `None` when the text states
/// no change this rule can read.
pub fn parse_change(text: &str) -> Option<StatedChange> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    // The first number followed by a percent sign.
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_digit() {
            let start = i;
            while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.') {
                i += 1;
            }
            if i < chars.len() && (chars[i] == '%' || chars[i] == '％') {
                let number: String = chars[start..i].iter().collect();
                let value: Decimal = number.parse().ok()?;
                let before: String = chars[..start].iter().collect();
                let negative = before.ends_with('-')
                    || before.ends_with('－')
                    || last_word(&before, &DOWN) > last_word(&before, &UP);
                let positive = last_word(&before, &UP).is_some();
                if !negative && !positive && !before.trim().is_empty() && !before.ends_with('+') {
                    // A percentage that is not a change (e.g. a share).
                    return None;
                }
                let percent = if negative { -value } else { value };
                return Some(StatedChange {
                    percent,
                    half_ulp: Decimal::try_new(5, value.scale() + 1).unwrap_or(Decimal::ZERO),
                });
            }
        } else {
            i += 1;
        }
    }
    if text.contains("持平") || text.contains("无变化") || text.contains("不变") {
        return Some(StatedChange {
            percent: Decimal::ZERO,
            half_ulp: Decimal::new(5, 3),
        });
    }
    None
}

/// Byte position of the last occurrence of any of `words` in `text`.
fn last_word(text: &str, words: &[&str]) -> Option<usize> {
    words.iter().filter_map(|w| text.rfind(w)).max()
}

/// `(current − prior) / prior × 100`, exact; `None` when prior is zero.
pub fn percent_change(current: Decimal, prior: Decimal) -> Option<Decimal> {
    if prior.is_zero() {
        return None;
    }
    current
        .checked_sub(prior)?
        .checked_div(prior)?
        .checked_mul(Decimal::ONE_HUNDRED)
}

/// Whether `stated` can be the rounded change from `prior` to `current`, given that both
/// figures may themselves be rounded (see `rounding_error`) and the percentage is rounded to
/// the places it is written with.
pub fn change_agrees(current: Decimal, prior: Decimal, stated: StatedChange) -> Option<bool> {
    let ec = rounding_error(current);
    let ep = rounding_error(prior);
    // Every step is checked: figures near the decimal limit cannot be compared (`None`).
    let prior_low = prior.checked_sub(ep)?;
    let current_low = current.checked_sub(ec)?;
    if prior_low <= Decimal::ZERO || current_low < Decimal::ZERO {
        let exact = percent_change(current, prior)?;
        return Some(exact.checked_sub(stated.percent)?.abs() <= stated.half_ulp);
    }
    let low = percent_change(current_low, prior.checked_add(ep)?)?;
    let high = percent_change(current.checked_add(ec)?, prior_low)?;
    Some(
        stated.percent.checked_add(stated.half_ulp)? >= low
            && stated.percent.checked_sub(stated.half_ulp)? <= high,
    )
}

struct Stated<'a> {
    current: &'a Option<Amount>,
    prior: &'a Option<Amount>,
    change: &'a str,
    pointer: Place,
    section: Section,
    label: String,
}

fn check(out: &mut Vec<Finding>, s: Stated<'_>) {
    let (Some(current), Some(prior)) = (value(s.current), value(s.prior)) else {
        return;
    };
    let Some(stated) = parse_change(s.change) else {
        return;
    };
    if change_agrees(current, prior, stated) != Some(false) {
        return;
    }
    let Some(exact) = percent_change(current, prior) else {
        return;
    };
    let places = stated.percent.scale().max(2);
    let expected = exact.round_dp_with_strategy(places, RoundingStrategy::MidpointAwayFromZero);
    let change = s.change.trim();
    let diff = fmt_difference(stated.percent, expected);
    out.push(
        Finding::new(
            "change.mismatch",
            Severity::Error,
            s.section,
            s.pointer,
            s.label,
            format!(
                "填报变动“{change}”（{}%），按本年 {current}、上年 {prior} 计算应为 {}%，相差 {diff} 个百分点",
                fmt_decimal(stated.percent),
                fmt_decimal(expected)
            ),
            format!(
                "The stated change \"{change}\" ({}%) disagrees with this year {current} against last year {prior}: {}% (difference {diff} points)",
                fmt_decimal(stated.percent),
                fmt_decimal(expected)
            ),
        )
        .with_figures(stated.percent, expected),
    );
}

fn items(
    out: &mut Vec<Finding>,
    items: &[LineItem],
    ptr: &Place,
    section: Section,
    prefix: &[&str],
) {
    for (i, it) in items.iter().enumerate() {
        let p = ptr.idx(i);
        let mut l = prefix.to_vec();
        l.push(&it.name);
        check(
            out,
            Stated {
                current: &it.amount,
                prior: &it.prior_year,
                change: &it.change,
                pointer: p.key("change"),
                section,
                label: label(&l),
            },
        );
        self::items(out, &it.children, &p.key("children"), section, &l);
    }
}

/// `change.mismatch` (error) wherever a figure, its prior-year figure and a stated change
/// are all known.
pub fn all(ws: &Workspace, out: &mut Vec<Finding>) {
    let o = Place::root().key("overview");
    let ov = Section::Overview.label_zh();
    let r = &ws.overview.revenue;
    check(
        out,
        Stated {
            current: &r.total,
            prior: &r.prior_year,
            change: &r.change,
            pointer: o.key("revenue").key("change"),
            section: Section::Overview,
            label: label(&[ov, "收入合计", "变动"]),
        },
    );
    items(
        out,
        &r.sources,
        &o.key("revenue").key("sources"),
        Section::Overview,
        &[ov, "收入"],
    );
    let e = &ws.overview.expenditure;
    check(
        out,
        Stated {
            current: &e.total,
            prior: &e.prior_year,
            change: &e.change,
            pointer: o.key("expenditure").key("change"),
            section: Section::Overview,
            label: label(&[ov, "支出合计", "变动"]),
        },
    );
    let rc = &ws.running_costs;
    let rp = Place::root().key("running_costs");
    let rl = Section::RunningCosts.label_zh();
    check(
        out,
        Stated {
            current: &rc.total,
            prior: &rc.prior_year,
            change: &rc.change,
            pointer: rp.key("change"),
            section: Section::RunningCosts,
            label: label(&[rl, "合计", "变动"]),
        },
    );
    items(
        out,
        &rc.items,
        &rp.key("items"),
        Section::RunningCosts,
        &[rl],
    );
    let tp = &ws.three_public;
    let tpp = Place::root().key("three_public");
    let tl = Section::ThreePublic.label_zh();
    check(
        out,
        Stated {
            current: &tp.total,
            prior: &tp.prior_year,
            change: &tp.change,
            pointer: tpp.key("change"),
            section: Section::ThreePublic,
            label: label(&[tl, "合计", "变动"]),
        },
    );
    items(
        out,
        &tp.items,
        &tpp.key("items"),
        Section::ThreePublic,
        &[tl],
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn parses_directions() {
        assert_eq!(parse_change("增加27.82%").unwrap().percent, d("27.82"));
        assert_eq!(parse_change("与2020年相比下降5%").unwrap().percent, d("-5"));
        assert_eq!(parse_change("与上年持平").unwrap().percent, d("0"));
        assert_eq!(parse_change("降低0.5％").unwrap().percent, d("-0.5"));
        assert!(parse_change("").is_none());
        assert!(parse_change("原因：人员增加").is_none());
    }

    #[test]
    fn agreement_allows_rounding() {
        // 1377.92 from 1077.99: +27.822...%
        let s = parse_change("增加27.82%").unwrap();
        assert_eq!(change_agrees(d("1377.92"), d("1077.99"), s), Some(true));
        let s = parse_change("增加27.90%").unwrap();
        assert_eq!(change_agrees(d("1377.92"), d("1077.99"), s), Some(false));
        let s = parse_change("与上年持平").unwrap();
        assert_eq!(change_agrees(d("6"), d("6"), s), Some(true));
        assert_eq!(change_agrees(d("6"), d("5"), s), Some(false));
    }
}
