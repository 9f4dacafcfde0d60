//! The rules. Each reads the workspace and pushes findings.

use rust_decimal::Decimal;

use super::{Finding, Section, Severity};
use crate::model::{Amount, Workspace};

/// Totals within this of the sum of their parts are taken as equal: figures are published
/// rounded to the unit's cents (0.01 万元), so each part may be off by half a cent.
pub fn tolerance(parts: usize) -> Decimal {
    Decimal::new(5, 3) * Decimal::from(parts.max(1))
}

pub fn run_all(workspace: &Workspace, out: &mut Vec<Finding>) {
    overview_sums(workspace, out);
}

fn value(amount: &Option<Amount>) -> Option<Decimal> {
    amount.as_ref().and_then(Amount::value)
}

/// Compares a stated total against the sum of its parts.
#[allow(clippy::too_many_arguments)]
pub fn check_sum(
    out: &mut Vec<Finding>,
    section: Section,
    pointer: &str,
    label: &str,
    stated: &Option<Amount>,
    parts: &[Option<Decimal>],
    what_zh: &str,
    what_en: &str,
) {
    let Some(stated_value) = value(stated) else {
        return;
    };
    let known: Vec<Decimal> = parts.iter().flatten().copied().collect();
    if known.is_empty() {
        return;
    }
    let sum: Decimal = known.iter().sum();
    let difference = stated_value - sum;
    if difference.abs() > tolerance(known.len()) {
        out.push(Finding {
            rule: "sum.mismatch",
            severity: Severity::Error,
            section,
            pointer: pointer.to_string(),
            label: label.to_string(),
            message_zh: format!(
                "{what_zh}合计为 {stated_value}，各项之和为 {sum}，相差 {difference}"
            ),
            message_en: format!(
                "{what_en} total is stated as {stated_value} but its parts add up to {sum} (difference {difference})"
            ),
            stated: Some(stated_value.to_string()),
            expected: Some(sum.to_string()),
            difference: Some(difference.to_string()),
        });
    }
}

fn overview_sums(workspace: &Workspace, out: &mut Vec<Finding>) {
    let e = &workspace.overview.expenditure;
    check_sum(
        out,
        Section::Overview,
        "/overview/expenditure/total",
        "预算总体情况 · 支出",
        &e.total,
        &[
            value(&e.personnel),
            value(&e.public_admin),
            value(&e.projects),
        ],
        "支出",
        "Expenditure",
    );
}
