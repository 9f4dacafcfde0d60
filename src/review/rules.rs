//! Shared machinery of the rules: the rounding tolerance (the one place it is defined),
//! reading amounts, comparing totals, labels. `run_all` runs every rule family.

use rust_decimal::Decimal;

use super::{Finding, Section, Severity};
use crate::model::Place;
use crate::model::amount::checked_sum;
use crate::model::{Amount, Workspace};

/// The most a published figure can be off through rounding: half a unit in the last place
/// it is written to, but never more than half a cent of its unit (0.005): a figure written
/// with fewer decimals (`220`, `5.4`) is taken as exact to the cent, because writers drop
/// trailing zeros, while one written with more (`52.606911`) is as precise as it says.
pub fn rounding_error(figure: Decimal) -> Decimal {
    let half_cent = Decimal::new(5, 3);
    match Decimal::try_new(5, figure.scale() + 1) {
        Ok(half_ulp) => half_ulp.min(half_cent),
        Err(_) => Decimal::ZERO,
    }
}

/// The tolerance when comparing figures computed from `figures` (a stated total and the
/// parts it should equal): the sum of their rounding errors. `1377.92` against
/// `580.17 + 29.41 + 768.34` may differ by up to 4 × 0.005 = 0.02; a difference above that
/// cannot come from rounding.
pub fn tolerance(figures: &[Decimal]) -> Decimal {
    // Each error is at most 0.005: saturating only matters for absurd numbers of figures.
    figures
        .iter()
        .map(|f| rounding_error(*f))
        .fold(Decimal::ZERO, Decimal::saturating_add)
}

/// A decimal for messages: trailing zeros dropped (`216.42390` → `216.4239`).
pub fn fmt_decimal(value: Decimal) -> String {
    value.normalize().to_string()
}

/// `a − b` for messages; written out unevaluated when it is too large to compute exactly.
pub fn fmt_difference(a: Decimal, b: Decimal) -> String {
    match a.checked_sub(b) {
        Some(d) => fmt_decimal(d),
        None => format!("{a} − {b}"),
    }
}

/// What an amount cell holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Read {
    /// Blank cell (no amount, or only spaces).
    Blank,
    Value(Decimal),
    /// Text that is not a number, e.g. `- -`; reported once by `amount.not_number`.
    Text,
}

pub fn read(amount: &Option<Amount>) -> Read {
    match amount {
        None => Read::Blank,
        Some(a) => match a.value() {
            Some(v) => Read::Value(v),
            None if a.text().trim().is_empty() => Read::Blank,
            None => Read::Text,
        },
    }
}

pub fn value(amount: &Option<Amount>) -> Option<Decimal> {
    match read(amount) {
        Read::Value(v) => Some(v),
        _ => None,
    }
}

/// The parts' values with blanks as zero; `None` when a part is not a number or every part
/// is blank (nothing to check).
pub fn part_values(parts: &[&Option<Amount>]) -> Option<Vec<Decimal>> {
    let mut values = Vec::with_capacity(parts.len());
    let mut any = false;
    for part in parts {
        match read(part) {
            Read::Blank => {}
            Read::Value(v) => {
                any = true;
                values.push(v);
            }
            Read::Text => return None,
        }
    }
    any.then_some(values)
}

/// True when `stated` and `expected` differ by more than rounding of `figures` can explain
/// (plus `extra`, the error of figures that are themselves computed).
pub fn differs(stated: Decimal, expected: Decimal, figures: &[Decimal], extra: Decimal) -> bool {
    match stated.checked_sub(expected) {
        Some(d) => d.abs() > tolerance(figures).saturating_add(extra),
        // Too far apart to subtract: beyond any rounding.
        None => true,
    }
}

/// `a + b + c` for messages.
pub fn sum_expression(parts: &[Decimal]) -> String {
    if parts.is_empty() {
        return "0".to_string();
    }
    parts
        .iter()
        .map(|p| p.to_string())
        .collect::<Vec<_>>()
        .join(" + ")
}

/// Joins label parts with ` · `, skipping empty ones.
pub fn label(parts: &[&str]) -> String {
    parts
        .iter()
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" · ")
}

/// `number、name` as a row or table label (`3、企业突出贡献奖`).
pub fn numbered(number: &str, name: &str) -> String {
    let number = number.trim();
    let name = name.trim();
    if number.is_empty() {
        name.to_string()
    } else {
        format!("{number}、{name}")
    }
}

/// Where a total sits and what it is called, for `check_sum`.
pub struct TotalAt<'a> {
    pub section: Section,
    pub pointer: &'a Place,
    pub label: &'a str,
    pub what_zh: &'a str,
    pub what_en: &'a str,
}

/// Compares a stated total against the sum of its parts (blank parts count as zero); pushes
/// `sum.mismatch` (error) when they differ beyond the tolerance. Returns the parts' sum when
/// the check could be made.
pub fn check_sum(
    out: &mut Vec<Finding>,
    at: &TotalAt<'_>,
    stated: &Option<Amount>,
    parts: &[&Option<Amount>],
) -> Option<Decimal> {
    check_sum_stated(out, at, stated, parts, false)
}

/// How much more than [`tolerance`] figures stated in whole 万元 may be off: a published
/// budget that writes `收入预算40,870万元，其中…30,441万元…5,428万元` rounded each figure
/// from 元 to the nearest 万元 (±0.5), so the sum may miss by up to 0.5 per figure. Only
/// for a published document (`published`) and only when every figure is whole: a hand-made
/// workspace's `220` is exact (writers drop trailing zeros).
pub fn whole_unit_slack(published: bool, figures: &[Decimal]) -> Decimal {
    if !published || figures.iter().any(|f| !f.fract().is_zero()) {
        return Decimal::ZERO;
    }
    let n = Decimal::from(figures.len());
    (n * Decimal::new(5, 1) - tolerance(figures)).max(Decimal::ZERO)
}

/// [`check_sum`] for figures a published document states in its prose: whole 万元 may be
/// rounded (see [`whole_unit_slack`]).
pub fn check_sum_stated(
    out: &mut Vec<Finding>,
    at: &TotalAt<'_>,
    stated: &Option<Amount>,
    parts: &[&Option<Amount>],
    published: bool,
) -> Option<Decimal> {
    let Read::Value(stated_value) = read(stated) else {
        return None;
    };
    let values = part_values(parts)?;
    let Some(sum) = checked_sum(values.iter().copied()) else {
        out.push(too_large(at, &values));
        return None;
    };
    let mut figures = values.clone();
    figures.push(stated_value);
    if differs(
        stated_value,
        sum,
        &figures,
        whole_unit_slack(published, &figures),
    ) {
        out.push(sum_mismatch(at, stated_value, &values, sum));
    }
    Some(sum)
}

/// The `sum.too_large` finding: the parts cannot be added exactly, so the total is not checked.
pub fn too_large(at: &TotalAt<'_>, parts: &[Decimal]) -> Finding {
    let expr = sum_expression(parts);
    Finding::new(
        "sum.too_large",
        Severity::Warning,
        at.section,
        at.pointer,
        at.label,
        format!(
            "{}的各项 {expr} 太大，无法精确相加（超过约 7.9×10^28），未核对",
            at.what_zh
        ),
        format!(
            "{}: the parts {expr} are too large to add exactly (beyond about 7.9×10^28); not checked",
            at.what_en
        ),
    )
}

/// The `sum.mismatch` finding.
pub fn sum_mismatch(at: &TotalAt<'_>, stated: Decimal, parts: &[Decimal], sum: Decimal) -> Finding {
    let expr = sum_expression(parts);
    let diff = fmt_difference(stated, sum);
    let sum_s = fmt_decimal(sum);
    Finding::new(
        "sum.mismatch",
        Severity::Error,
        at.section,
        at.pointer,
        at.label,
        format!(
            "{}填报为 {stated}，各项之和 {expr} = {sum_s}，相差 {diff}",
            at.what_zh
        ),
        format!(
            "{} is stated as {stated} but its parts add up to {expr} = {sum_s} (difference {diff})",
            at.what_en
        ),
    )
    .with_figures(stated, sum)
}

/// Money units to yuan: 元 1, 千元 1000, 万元 10000, 亿元 100000000. For a price unit such as
/// `元/吨` the part before `/` counts. `None` when the unit is not money (or blank).
pub fn yuan_factor(unit: &str) -> Option<Decimal> {
    let money = unit.split(['/', '／']).next().unwrap_or("").trim();
    if money.ends_with("亿元") {
        Some(Decimal::from(100_000_000))
    } else if money.ends_with("万元") || money == "万" {
        Some(Decimal::from(10_000))
    } else if money.ends_with("千元") {
        Some(Decimal::from(1_000))
    } else if money.ends_with('元') {
        Some(Decimal::ONE)
    } else {
        None
    }
}

pub fn run_all(workspace: &Workspace, out: &mut Vec<Finding>) {
    super::structure::profile(workspace, out);
    super::arith::overview(workspace, out);
    super::change::all(workspace, out);
    super::arith::running_costs(workspace, out);
    super::arith::three_public(workspace, out);
    super::cross::all(workspace, out);
    super::structure::itemised(workspace, out);
    super::arith::itemised_goals(workspace, out);
    super::identity::projects(workspace, out);
    super::identity::copied_text(workspace, out);
    super::identity::amount_twice(workspace, out);
    super::arith::projects(workspace, out);
    super::complete::projects(workspace, out);
    super::structure::projects(workspace, out);
    super::structure::matrix(workspace, out);
    super::identity::matrix(workspace, out);
    super::complete::matrix(workspace, out);
    super::ladders::matrix(workspace, out);
    super::arith::procurement(workspace, out);
    super::arith::assets(workspace, out);
    super::structure::glossary(workspace, out);
    super::arith::not_numbers(workspace, out);
    super::tables::all(workspace, out);
    super::agree::all(workspace, out);
    super::prose::all(workspace, out);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn rounding_error_is_capped_at_half_a_cent() {
        assert_eq!(rounding_error(d("220")), d("0.005"));
        assert_eq!(rounding_error(d("5.4")), d("0.005"));
        assert_eq!(rounding_error(d("29.41")), d("0.005"));
        assert_eq!(rounding_error(d("52.606911")), d("0.0000005"));
    }

    #[test]
    fn money_units() {
        assert_eq!(yuan_factor("万元"), Some(d("10000")));
        assert_eq!(yuan_factor("元/吨"), Some(d("1")));
        assert_eq!(yuan_factor("吨"), None);
        assert_eq!(yuan_factor(""), None);
    }
}
