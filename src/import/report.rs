//! What an import recognised, for a reviewer to see at once what was missed
//! (`import --report`).

use std::fmt::Write as _;

use crate::model::{Amount, TableKind, Workspace};

use super::ImportWarning;

/// A per-section coverage summary of an imported workspace, in Chinese or English.
pub fn coverage(ws: &Workspace, warnings: &[ImportWarning], zh: bool) -> String {
    let mut out = String::new();
    let kind = ws
        .meta
        .extra
        .get("budget_kind")
        .and_then(|v| v.as_str())
        .unwrap_or("");
    let year = ws.meta.year.map_or("?".to_string(), |y| y.to_string());
    let department = if ws.meta.department.is_empty() {
        "?"
    } else {
        &ws.meta.department
    };
    let _ = writeln!(
        out,
        "{} {department} · {} {year} · {kind} · {} {}",
        if zh { "部门" } else { "department" },
        if zh { "年度" } else { "year" },
        ws.source.pages.len(),
        if zh { "页" } else { "pages" },
    );
    let found: Vec<TableKind> = TableKind::STANDARD
        .into_iter()
        .filter(|k| ws.tables.iter().any(|t| t.kind == *k))
        .collect();
    let _ = writeln!(
        out,
        "{} {}/{}",
        if zh {
            "标准表："
        } else {
            "standard tables:"
        },
        found.len(),
        TableKind::STANDARD.len()
    );
    for table in &ws.tables {
        let pages: Vec<String> = table.pages.iter().map(u32::to_string).collect();
        let name = if zh {
            table.kind.name_zh()
        } else {
            table.kind.name_en()
        };
        let unit = if table.unit.is_empty() {
            "—"
        } else {
            &table.unit
        };
        let _ = writeln!(
            out,
            "  {name}  p{}  {unit}  {} {}{}",
            pages.join(","),
            table.rows.len(),
            if zh { "行" } else { "rows" },
            if table.note.is_empty() {
                String::new()
            } else {
                format!("  ({})", table.note.lines().next().unwrap_or(""))
            },
        );
    }
    let missing: Vec<&str> = TableKind::STANDARD
        .into_iter()
        .filter(|k| !found.contains(k))
        .map(|k| if zh { k.name_zh() } else { k.name_en() })
        .collect();
    if !missing.is_empty() {
        let _ = writeln!(
            out,
            "  {} {}",
            if zh { "未找到：" } else { "not found:" },
            missing.join("、")
        );
    }
    let indicators: usize = ws
        .performance
        .projects
        .iter()
        .map(|p| p.indicators.len())
        .sum();
    let _ = writeln!(
        out,
        "{} {} · {} {indicators}",
        if zh {
            "项目绩效表："
        } else {
            "project tables:"
        },
        ws.performance.projects.len(),
        if zh { "指标" } else { "indicators" },
    );
    let figure =
        |a: &Option<Amount>| a.as_ref().map_or("—".to_string(), |a| a.text().to_string());
    let _ = writeln!(
        out,
        "{} {} {} · {} {} · {} {} · {} {}",
        if zh {
            "说明中的数字："
        } else {
            "figures in the prose:"
        },
        if zh { "收入" } else { "income" },
        figure(&ws.overview.revenue.total),
        if zh { "支出" } else { "expenditure" },
        figure(&ws.overview.expenditure.total),
        if zh { "三公" } else { "three public" },
        figure(&ws.three_public.total),
        if zh {
            "机关运行经费"
        } else {
            "running costs"
        },
        figure(&ws.running_costs.total),
    );
    let _ = writeln!(
        out,
        "{} {} ({} {})",
        if zh {
            "未归位的文字："
        } else {
            "text not placed:"
        },
        ws.notes.len(),
        warnings.len(),
        if zh { "条提示" } else { "warnings" },
    );
    out
}
