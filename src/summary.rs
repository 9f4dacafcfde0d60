//! The budget at a glance: key totals and counts of a workspace.

use rust_decimal::Decimal;
use serde::Serialize;

use crate::model::amount::checked_sum;
use crate::model::{Amount, Workspace};

/// A named figure for the summary; `None` when the document leaves it blank.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figure {
    pub label_zh: &'static str,
    pub label_en: &'static str,
    pub value: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NamedFigure {
    pub name: String,
    pub value: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Counts {
    pub projects: usize,
    pub project_indicators: usize,
    pub duties: usize,
    pub activities: usize,
    pub graded_indicators: usize,
    pub procurement_rows: usize,
    pub asset_rows: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    pub department: String,
    pub year: Option<u32>,
    pub unit: String,
    pub totals: Vec<Figure>,
    /// Each 三公 item (and its parts) with its amount.
    pub three_public_items: Vec<NamedFigure>,
    pub counts: Counts,
}

fn text_of(amount: &Option<Amount>) -> Option<String> {
    amount.as_ref().map(|a| a.text().to_string())
}

fn sum_of<'a>(amounts: impl Iterator<Item = &'a Option<Amount>>) -> Option<String> {
    let values: Vec<Decimal> = amounts.flatten().filter_map(Amount::value).collect();
    if values.is_empty() {
        return None;
    }
    // A sum beyond the decimal range is shown as such rather than computed.
    Some(checked_sum(values).map_or_else(|| "—".to_string(), |sum| sum.to_string()))
}

/// Key totals and counts. Stated figures are shown as written; the project total is summed.
pub fn summarize(workspace: &Workspace) -> Summary {
    let overview = &workspace.overview;
    let performance = &workspace.performance;
    let procurement_total = workspace
        .procurement
        .stated_total
        .as_ref()
        .and_then(|t| text_of(&t.total))
        .or_else(|| sum_of(workspace.procurement.rows.iter().map(|r| &r.amounts.total)));
    let figure = |label_zh, label_en, value| Figure {
        label_zh,
        label_en,
        value,
    };
    let totals = vec![
        figure("收入预算", "Revenue", text_of(&overview.revenue.total)),
        figure(
            "支出预算",
            "Expenditure",
            text_of(&overview.expenditure.total),
        ),
        figure(
            "人员经费",
            "Personnel",
            text_of(&overview.expenditure.personnel),
        ),
        figure(
            "日常公用经费",
            "Public administration",
            text_of(&overview.expenditure.public_admin),
        ),
        figure(
            "项目支出",
            "Projects",
            text_of(&overview.expenditure.projects),
        ),
        figure(
            "机关运行经费",
            "Running costs",
            text_of(&workspace.running_costs.total),
        ),
        figure(
            "“三公”经费",
            "Three public expenses",
            text_of(&workspace.three_public.total),
        ),
        figure(
            "项目绩效目标表合计",
            "Project tables total",
            sum_of(performance.projects.iter().map(|p| &p.budget.total)),
        ),
        figure("政府采购", "Procurement", procurement_total),
        figure(
            "固定资产价值",
            "Fixed assets value",
            text_of(&workspace.assets.total.value),
        ),
    ];
    let mut three_public_items = Vec::new();
    for item in &workspace.three_public.items {
        three_public_items.push(NamedFigure {
            name: item.name.clone(),
            value: text_of(&item.amount),
        });
        for child in &item.children {
            three_public_items.push(NamedFigure {
                name: format!("  {}", child.name),
                value: text_of(&child.amount),
            });
        }
    }
    let matrix = &performance.matrix;
    let counts = Counts {
        projects: performance.projects.len(),
        project_indicators: performance
            .projects
            .iter()
            .map(|p| p.indicators.len())
            .sum(),
        duties: matrix.duties.len(),
        activities: matrix.duties.iter().map(|d| d.activities.len()).sum(),
        graded_indicators: workspace.graded_indicators().count(),
        procurement_rows: workspace.procurement.rows.len(),
        asset_rows: workspace
            .assets
            .categories
            .iter()
            .map(|c| 1 + c.of_which.len())
            .sum(),
    };
    Summary {
        department: workspace.meta.department.clone(),
        year: workspace.meta.year,
        unit: workspace.meta.unit.clone(),
        totals,
        three_public_items,
        counts,
    }
}

/// The summary as aligned plain text; file strings are made visible-safe.
pub fn to_text(summary: &Summary, lang: crate::i18n::Lang) -> String {
    use crate::text::{pad, visible};
    use std::fmt::Write;
    let mut out = String::new();
    let year = summary.year.map(|y| y.to_string()).unwrap_or_default();
    let _ = writeln!(
        out,
        "{} {}  ({}: {})",
        visible(&summary.department),
        year,
        lang.pick("单位", "unit"),
        visible(&summary.unit)
    );
    let blank = lang.pick("（空）", "(blank)");
    let _ = writeln!(out, "\n{}", lang.pick("主要数字", "Key totals"));
    for f in &summary.totals {
        let value = f.value.as_deref().map(visible);
        let _ = writeln!(
            out,
            "  {} {}",
            pad(lang.pick(f.label_zh, f.label_en), 22),
            value.as_deref().unwrap_or(blank)
        );
    }
    let _ = writeln!(
        out,
        "\n{}",
        lang.pick("“三公”经费", "Three public expenses")
    );
    for item in &summary.three_public_items {
        let value = item.value.as_deref().map(visible);
        let _ = writeln!(
            out,
            "  {} {}",
            pad(&visible(&item.name), 22),
            value.as_deref().unwrap_or(blank)
        );
    }
    let c = &summary.counts;
    let _ = writeln!(out, "\n{}", lang.pick("数量", "Counts"));
    let rows: [(&str, &str, usize); 7] = [
        ("项目绩效目标表", "project tables", c.projects),
        ("项目绩效指标", "project indicators", c.project_indicators),
        ("部门职责", "duties", c.duties),
        ("工作活动", "activities", c.activities),
        ("评价指标", "graded indicators", c.graded_indicators),
        ("政府采购行", "procurement rows", c.procurement_rows),
        ("资产行", "asset rows", c.asset_rows),
    ];
    for (zh, en, n) in rows {
        let _ = writeln!(out, "  {} {}", pad(lang.pick(zh, en), 22), n);
    }
    out
}
