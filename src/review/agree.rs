//! The published tables against each other, and the 编制说明's stated totals against the
//! tables: what a 财政 reviewer re-adds across the document (收支总表 ↔ 收入总表 ↔ 支出总表 ↔
//! 财政拨款收支总表, 支出总表 ↔ 功能分类表 code by code, 基本支出 ↔ 经济分类表, the project
//! tables ↔ 项目支出, and the prose's 收入/支出/财政拨款/基本/项目/三公/机关运行经费).
//!
//! Every figure is compared in 万元, converted exactly from its table's unit; the tolerance is
//! the sum of the rounding errors of the two figures as printed, each in its own unit
//! (`rules::rounding_error`), so a 万元 table with cents against a 元 table may differ by
//! 0.005. Every finding names both sides and is made by [`two_sided`].

use std::collections::HashMap;

use rust_decimal::Decimal;

use super::rules::{fmt_decimal, fmt_difference, rounding_error, value, yuan_factor};
use super::tables::{
    Coded, cell, columns, figure_after_label, is_total_row, row_codes, squeeze, strip_numbering,
    table_name, to_wan,
};
use super::{Finding, Section, Severity};
use crate::model::Place;
use crate::model::{Amount, ColumnMeaning, TableKind, Workspace};

/// One side of a comparison: where it points and how a reviewer names it
/// (`支出总表 第10页 合计 基本支出`).
pub struct Side {
    pub pointer: Place,
    pub label: String,
}

/// A figure in 万元 with the most its printing can be off (in 万元), and where it is.
struct Figure {
    wan: Decimal,
    error: Decimal,
    side: Side,
}

/// The one place a two-sided finding is made: `ours` (where the finding points) states
/// `figures.0`, `theirs` states `figures.1`, both in `figures.2` (万元, or 个 for a count);
/// both sides are named in the message, `why` (zh, en) follows it.
pub(super) fn two_sided(
    rule: &'static str,
    severity: Severity,
    section: Section,
    ours: &Side,
    theirs: &Side,
    figures: (Decimal, Decimal, &str),
    why: (&str, &str),
) -> Finding {
    let (stated, expected, unit) = figures;
    let (s, e) = (fmt_decimal(stated), fmt_decimal(expected));
    let diff = fmt_difference(stated, expected);
    Finding::new(
        rule,
        severity,
        section,
        ours.pointer.clone(),
        ours.label.clone(),
        format!(
            "{} {s}{unit} vs {} {e}{unit}，相差 {diff}{}",
            ours.label, theirs.label, why.0
        ),
        format!(
            "{} {s} {unit} vs {} {e} {unit} (difference {diff}){}",
            ours.label, theirs.label, why.1
        ),
    )
    // Converted figures carry the conversion's zeros (3959.0540): shown as written.
    .with_figures(stated.normalize(), expected)
    .with_counterpart(theirs.pointer.clone(), theirs.label.clone())
}

/// Whether two figures differ by more than their printing explains.
fn differ(a: &Figure, b: &Figure) -> bool {
    match a.wan.checked_sub(b.wan) {
        Some(d) => d.abs() > a.error + b.error,
        None => true,
    }
}

/// Table `t`'s cell (`r`, `c`) as a figure in 万元, named `what`.
fn table_figure(ws: &Workspace, t: usize, r: usize, c: usize, what: &str) -> Option<Figure> {
    let table = ws.tables.get(t)?;
    let row = table.rows.get(r)?;
    let v = value(cell(row, c))?;
    let k = to_wan(table)?;
    Some(Figure {
        wan: v.checked_mul(k)?,
        error: rounding_error(v).checked_mul(k)?,
        side: Side {
            pointer: Place::table_cell(t, r, c),
            label: format!("{} 第{}页 {what}", table_name(table), row.page),
        },
    })
}

/// The first table of `kind`.
fn first_of(ws: &Workspace, kind: TableKind) -> Option<usize> {
    ws.tables.iter().position(|t| t.kind == kind)
}

/// In a two-sided summary table (收支总表, 财政拨款收支总表): the first figure after the
/// cell whose text (spaces removed) starts with one of `labels` — the first such cell of its
/// row, or the last when `right` (the expenditure side, where both sides say `合计`).
fn labelled(ws: &Workspace, t: usize, labels: &[&str], right: bool, what: &str) -> Option<Figure> {
    let table = ws.tables.get(t)?;
    for (r, row) in table.rows.iter().enumerate() {
        let is_label = |a: &Amount| {
            let text = squeeze(a.text());
            a.value().is_none() && labels.iter().any(|l| text.starts_with(l))
        };
        let hits: Vec<usize> = (0..row.cells.len())
            .filter(|&c| row.cells[c].as_ref().is_some_and(is_label))
            .collect();
        let Some(&at) = (if right { hits.last() } else { hits.first() }) else {
            continue;
        };
        return table_figure(ws, t, r, figure_after_label(row, at)?, what);
    }
    None
}

/// The first column of `meaning` before any 上年结转 column: templates that split the year's
/// money from carry-over repeat 基本/项目 under 结转, whose header spans the columns after it.
fn column_of(table: &crate::model::DisclosureTable, meaning: ColumnMeaning) -> Option<usize> {
    let carry = table
        .columns
        .iter()
        .position(|c| c.label.contains("结转") || c.meaning == ColumnMeaning::Carryover)
        .unwrap_or(table.columns.len());
    columns(table, meaning).into_iter().find(|&c| c < carry)
}

/// The one 合计 row of a coded table and its first column of `meaning`.
fn total_of(ws: &Workspace, t: usize, meaning: ColumnMeaning, what: &str) -> Option<Figure> {
    let table = ws.tables.get(t)?;
    let totals: Vec<usize> = (0..table.rows.len())
        .filter(|&r| is_total_row(table, &table.rows[r]))
        .collect();
    let [r] = totals.as_slice() else { return None };
    let c = column_of(table, meaning)?;
    table_figure(ws, t, *r, c, what)
}

/// Pushes a finding when `ours` and `theirs` differ.
fn compare(
    out: &mut Vec<Finding>,
    rule: &'static str,
    severity: Severity,
    ours: Option<Figure>,
    theirs: Option<Figure>,
    why: (&str, &str),
) {
    if let (Some(a), Some(b)) = (ours, theirs)
        && differ(&a, &b)
    {
        out.push(two_sided(
            rule,
            severity,
            Section::Document,
            &a.side,
            &b.side,
            (a.wan, b.wan, "万元"),
            why,
        ));
    }
}

const INCOME_TOTAL: &[&str] = &["收入总计", "收入合计"];
const SPENDING_TOTAL: &[&str] = &["支出总计", "支出合计"];

/// 收支总表 ↔ 收入总表 ↔ 支出总表 totals; 收支总表's 财政拨款 ↔ 财政拨款收支总表;
/// 财政拨款收支总表's 一般公共预算 ↔ 功能分类表; 功能分类表's 基本支出 ↔ 经济分类表.
fn totals(ws: &Workspace, out: &mut Vec<Finding>) {
    let summary = first_of(ws, TableKind::BudgetSummary);
    let income = first_of(ws, TableKind::IncomeSummary);
    let spending = first_of(ws, TableKind::ExpenditureSummary);
    let fiscal = first_of(ws, TableKind::FiscalSummary);
    let functional = first_of(ws, TableKind::GeneralPublicFunctional);
    let economic = first_of(ws, TableKind::BasicEconomic);
    let same = (
        "：两表口径相同，应相等",
        ": the two tables cover the same money",
    );
    let income_total = income.and_then(|t| total_of(ws, t, ColumnMeaning::Total, "收入合计"));
    let spending_total = spending.and_then(|t| total_of(ws, t, ColumnMeaning::Total, "支出合计"));
    if let Some(s) = summary {
        compare(
            out,
            "table.cross_total",
            Severity::Error,
            income.and_then(|t| total_of(ws, t, ColumnMeaning::Total, "收入合计")),
            labelled(ws, s, INCOME_TOTAL, false, "收入总计"),
            same,
        );
        compare(
            out,
            "table.cross_total",
            Severity::Error,
            spending.and_then(|t| total_of(ws, t, ColumnMeaning::Total, "支出合计")),
            labelled(ws, s, SPENDING_TOTAL, true, "支出总计"),
            same,
        );
        if let Some(f) = fiscal {
            // A warning: 湖州's 收支总表 counts 财政拨款 that its 财政拨款收支总表 (本级) does not.
            compare(
                out,
                "table.cross_total",
                Severity::Warning,
                labelled(ws, f, INCOME_TOTAL, false, "财政拨款收入总计"),
                labelled(
                    ws,
                    s,
                    &["一、财政拨款", "财政拨款收入", "财政拨款"],
                    false,
                    "财政拨款收入",
                ),
                (
                    "：两表所列财政拨款口径可能不同（如上级补助、结转），请核对",
                    ": the two tables may count 财政拨款 differently (transfers, carry-over); a reviewer decides",
                ),
            );
        }
    } else {
        compare(
            out,
            "table.cross_total",
            Severity::Error,
            spending_total,
            income_total,
            same,
        );
    }
    if let (Some(f), Some(g)) = (fiscal, functional) {
        // The 支出总计 row's 一般公共预算 column.
        let gp = ws.tables[f]
            .column(ColumnMeaning::GeneralPublic)
            .and_then(|c| {
                let table = &ws.tables[f];
                let r = table.rows.iter().position(|row| {
                    row.cells.iter().flatten().any(|a| {
                        let t = squeeze(a.text());
                        SPENDING_TOTAL.iter().any(|l| t.starts_with(l))
                    })
                })?;
                table_figure(ws, f, r, c, "支出总计 一般公共预算")
            });
        compare(
            out,
            "table.cross_total",
            Severity::Error,
            total_of(ws, g, ColumnMeaning::Total, "合计"),
            gp,
            same,
        );
    }
    if let (Some(g), Some(e)) = (functional, economic) {
        compare(
            out,
            "table.cross_total",
            Severity::Error,
            total_of(ws, e, ColumnMeaning::Total, "合计"),
            total_of(ws, g, ColumnMeaning::Basic, "合计 基本支出"),
            (
                "：经济分类表是一般公共预算基本支出的分类，应等于功能分类表的基本支出",
                ": the economic table classifies the general-budget basic expenditure in the functional table",
            ),
        );
    }
}

/// Each 功能分类 code's row, by code, in table `t`.
fn coded_rows(ws: &Workspace, t: usize) -> HashMap<String, (usize, Coded)> {
    row_codes(&ws.tables[t])
        .into_iter()
        .enumerate()
        .filter_map(|(r, c)| c.map(|c| (c.code.clone(), (r, c))))
        .collect()
}

/// The same 功能分类 code's amounts in 收入总表, 支出总表 and 功能分类表. 收入总表 and 支出总表
/// cover all the department's money: equal. 功能分类表 covers 一般公共预算 alone: equal to
/// 支出总表 when all the money is 一般公共预算 (their 合计 agree), never above it otherwise.
fn code_amounts(ws: &Workspace, out: &mut Vec<Finding>) {
    let (Some(s), income, functional) = (
        first_of(ws, TableKind::ExpenditureSummary),
        first_of(ws, TableKind::IncomeSummary),
        first_of(ws, TableKind::GeneralPublicFunctional),
    ) else {
        return;
    };
    let spending = coded_rows(ws, s);
    let mut order: Vec<(&String, &(usize, Coded))> = spending.iter().collect();
    order.sort_by_key(|(_, (r, _))| *r);
    let figure = |t: usize, r: usize, meaning: ColumnMeaning, c: &Coded, what: &str| {
        let col = column_of(&ws.tables[t], meaning)?;
        table_figure(ws, t, r, col, &format!("{} {} {what}", c.code, c.name))
    };
    if let Some(i) = income {
        let incoming = coded_rows(ws, i);
        for (code, (r, c)) in &order {
            let Some((ri, ci)) = incoming.get(*code) else {
                continue;
            };
            compare(
                out,
                "table.code_amount",
                Severity::Error,
                figure(i, *ri, ColumnMeaning::Total, ci, "合计"),
                figure(s, *r, ColumnMeaning::Total, c, "合计"),
                (
                    "：同一科目的收入与支出应相等",
                    ": a subject's income and expenditure are the same money",
                ),
            );
        }
    }
    let Some(g) = functional else { return };
    let all_general = match (
        total_of(ws, g, ColumnMeaning::Total, "合计"),
        total_of(ws, s, ColumnMeaning::Total, "合计"),
    ) {
        (Some(a), Some(b)) => !differ(&a, &b),
        _ => return,
    };
    let general = coded_rows(ws, g);
    for (code, (r, c)) in &order {
        let Some((rg, cg)) = general.get(*code) else {
            continue;
        };
        for (meaning, what) in [
            (ColumnMeaning::Total, "合计"),
            (ColumnMeaning::Basic, "基本支出"),
            (ColumnMeaning::Project, "项目支出"),
        ] {
            let (Some(a), Some(b)) = (
                figure(g, *rg, meaning, cg, what),
                figure(s, *r, meaning, c, what),
            ) else {
                continue;
            };
            let exceeds = a
                .wan
                .checked_sub(b.wan)
                .map_or(a.wan > b.wan, |d| d > a.error + b.error);
            if all_general && differ(&a, &b) {
                compare(
                    out,
                    "table.code_amount",
                    Severity::Error,
                    Some(a),
                    Some(b),
                    (
                        "：全部支出均为一般公共预算（两表合计相等），同一科目应相等",
                        ": all the money is general budget (the two tables' totals agree), so each subject must agree",
                    ),
                );
            } else if exceeds {
                compare(
                    out,
                    "table.code_amount",
                    Severity::Error,
                    Some(a),
                    Some(b),
                    (
                        "：一般公共预算是全部支出的一部分，不能大于支出总表",
                        ": the general budget is part of all expenditure and cannot exceed it",
                    ),
                );
            }
        }
    }
}

/// A project table's 预算数 in 万元 (its table's unit, 万元 when none is printed) and the most
/// its printing can be off, in 万元.
fn project_budget_wan(p: &crate::model::ProjectTable) -> Option<(Decimal, Decimal)> {
    let unit = if p.unit.trim().is_empty() {
        "万元"
    } else {
        p.unit.as_str()
    };
    let k = yuan_factor(unit)?.checked_div(Decimal::from(10_000))?;
    let v = value(&p.budget.total)?;
    Some((v.checked_mul(k)?, rounding_error(v).checked_mul(k)?))
}

/// 收支总表's expenditure lines by 功能类 (`一、一般公共服务支出 16.25`) against the 类 rows of
/// 支出总表 (合计): the same money, line by line. A line is matched by its name, numbering
/// (`一、`, `（一）`) and spaces aside; its figure is the first after the name with no other
/// words between.
fn summary_classes(ws: &Workspace, out: &mut Vec<Finding>) {
    let (Some(b), Some(s)) = (
        first_of(ws, TableKind::BudgetSummary),
        first_of(ws, TableKind::ExpenditureSummary),
    ) else {
        return;
    };
    let classes: HashMap<String, (usize, Coded)> = coded_rows(ws, s)
        .into_values()
        .filter(|(_, c)| c.code.len() == 3)
        .map(|(r, c)| (squeeze(&c.name), (r, c)))
        .collect();
    let Some(total) = column_of(&ws.tables[s], ColumnMeaning::Total) else {
        return;
    };
    let summary = &ws.tables[b];
    for (r, row) in summary.rows.iter().enumerate() {
        for (c, cell) in row.cells.iter().enumerate() {
            let Some(label) = cell.as_ref().filter(|a| a.value().is_none()) else {
                continue;
            };
            let text = squeeze(label.text());
            let name = strip_numbering(&text);
            let Some((rs, class)) = classes.get(name) else {
                continue;
            };
            let Some(at) = figure_after_label(row, c) else {
                continue;
            };
            compare(
                out,
                "table.class_amount",
                Severity::Error,
                table_figure(ws, b, r, at, name),
                table_figure(
                    ws,
                    s,
                    *rs,
                    total,
                    &format!("{} {} 合计", class.code, class.name),
                ),
                (
                    "：收支总表按功能类列示的支出应与支出总表该类合计相等",
                    ": the summary's expenditure by class is the expenditure table's class total",
                ),
            );
        }
    }
}

/// Σ the project tables' 预算数 in 万元, the most their printing can be off, and how many
/// tables were counted; `None` when
/// a table has no budget or no money unit. A project listed again in another table with the
/// same budget (广州's 重点项目 list repeating 表12's rows) counts once.
pub(super) fn projects_sum(ws: &Workspace) -> Option<(Decimal, Decimal, usize)> {
    let mut sum = Decimal::ZERO;
    let mut error = Decimal::ZERO;
    let mut seen: Vec<(&str, Decimal, &str)> = Vec::new();
    for p in &ws.performance.projects {
        let (wan, off) = project_budget_wan(p)?;
        let again = seen
            .iter()
            .any(|(name, value, title)| *name == p.name && *value == wan && *title != p.title);
        if again {
            continue;
        }
        seen.push((&p.name, wan, &p.title));
        sum = sum.checked_add(wan)?;
        error = error.checked_add(off)?;
    }
    Some((sum, error, seen.len()))
}

/// The project tables' budgets (converted to 万元) against 项目支出 in 支出总表 and 功能分类表:
/// a warning when they match neither (tables may cover other money or only key projects).
fn projects(ws: &Workspace, out: &mut Vec<Finding>) {
    let projects = &ws.performance.projects;
    if projects.is_empty() || ws.tables.is_empty() {
        return;
    }
    let Some((sum, error, counted)) = projects_sum(ws) else {
        return;
    };
    let candidates: Vec<Figure> = [
        TableKind::ExpenditureSummary,
        TableKind::GeneralPublicFunctional,
    ]
    .into_iter()
    .filter_map(|kind| first_of(ws, kind))
    .filter_map(|t| total_of(ws, t, ColumnMeaning::Project, "合计 项目支出"))
    .collect();
    let ours = Figure {
        wan: sum,
        error,
        side: Side {
            pointer: Place::root().key("tables"),
            label: format!("{counted} 张项目绩效目标表预算数合计"),
        },
    };
    let Some(first) = candidates.first() else {
        return;
    };
    if candidates.iter().all(|c| differ(&ours, c)) {
        out.push(two_sided(
            "table.projects_total",
            Severity::Warning,
            Section::Document,
            &first.side,
            &ours.side,
            (first.wan, ours.wan, "万元"),
            (
                "：项目绩效目标表可能只列重点项目或包含其他资金，请核对",
                ": the project tables may list only key projects or cover other money; a reviewer decides",
            ),
        ));
    }
}

/// One project's budget where it is listed: a project table, or a row of a 项目支出表
/// that carries no target (珠海's 表12 lists 拱北口岸和青茂口岸设施设备维保费 with no goal).
struct Listing {
    /// Which table lists it (projects of one table share their title).
    table: String,
    /// Whether that table is a 项目支出表, the one a mismatch is measured against.
    in_expenditure_table: bool,
    name: String,
    budget: Figure,
}

/// Every project budget the document lists: the project tables, then the rows of 项目支出表
/// that are not already projects of that table.
fn listings(ws: &Workspace) -> Vec<Listing> {
    let mut out: Vec<Listing> = Vec::new();
    let expenditure_table = |title: &str| {
        ws.tables
            .iter()
            .any(|t| t.kind == TableKind::ProjectExpenditure && t.title.trim() == title)
    };
    for (i, p) in ws.performance.projects.iter().enumerate() {
        let Some((wan, error)) = project_budget_wan(p) else {
            continue;
        };
        out.push(Listing {
            table: p.title.trim().to_string(),
            in_expenditure_table: expenditure_table(p.title.trim()),
            name: squeeze(&p.name),
            budget: Figure {
                wan,
                error,
                side: Side {
                    pointer: Place::projects().idx(i).key("budget").key("total"),
                    label: format!("{} · {}", p.title.trim(), p.name.trim()),
                },
            },
        });
    }
    for (t, table) in ws.tables.iter().enumerate() {
        if table.kind != TableKind::ProjectExpenditure {
            continue;
        }
        let Some(&total) = columns(table, ColumnMeaning::Total).first() else {
            continue;
        };
        let title = table.title.trim().to_string();
        let projects_here: std::collections::HashSet<String> = out
            .iter()
            .filter(|l| l.table == title)
            .map(|l| l.name.clone())
            .collect();
        for (r, row) in table.rows.iter().enumerate() {
            let Some(name) = row.cells[..total.min(row.cells.len())]
                .iter()
                .flatten()
                .find(|a| a.value().is_none() && !a.text().trim().is_empty())
            else {
                continue;
            };
            let name = squeeze(name.text());
            let is_project = projects_here.contains(name.as_str());
            if is_project || is_total_row(table, row) {
                continue;
            }
            let Some(mut budget) = table_figure(ws, t, r, total, "") else {
                continue;
            };
            budget.side.label = format!("{}· {}", budget.side.label, name);
            out.push(Listing {
                table: title.clone(),
                in_expenditure_table: true,
                name,
                budget,
            });
        }
    }
    out
}

/// The same project listed in two tables (表12 and a 重点项目 list, 珠海) with two budgets,
/// reported at the copy that disagrees with the 项目支出表: names compared without spaces, budgets in 万元 within their printing's precision. Projects
/// of one table may share a name (each hospital's 住院医师规范化培训 in 广州卫健委), so a name
/// is compared only where it is printed once in each of two different tables.
fn projects_twice(ws: &Workspace, out: &mut Vec<Finding>) {
    let listed = listings(ws);
    let mut per_table: HashMap<(&str, &str), usize> = HashMap::new();
    for l in &listed {
        *per_table
            .entry((l.table.as_str(), l.name.as_str()))
            .or_default() += 1;
    }
    let mut first: HashMap<&str, &Listing> = HashMap::new();
    for l in &listed {
        if l.name.is_empty() || per_table.get(&(l.table.as_str(), l.name.as_str())) != Some(&1) {
            continue;
        }
        let Some(earlier) = first.get(l.name.as_str()) else {
            first.insert(&l.name, l);
            continue;
        };
        if earlier.table == l.table || !differ(&l.budget, &earlier.budget) {
            continue;
        }
        // The finding points at the copy, not at the 项目支出表 it should agree with.
        let (ours, theirs) = if l.in_expenditure_table && !earlier.in_expenditure_table {
            (*earlier, l)
        } else {
            (l, *earlier)
        };
        out.push(two_sided(
            "table.project_twice",
            Severity::Error,
            Section::Projects,
            &ours.budget.side,
            &theirs.budget.side,
            (ours.budget.wan, theirs.budget.wan, "万元"),
            ("：同一项目两处预算数应一致", ": one project has one budget"),
        ));
    }
}

/// A prose figure (an imported field with its provenance) as one side.
fn prose_figure(
    ws: &Workspace,
    pointer: Place,
    amount: &Option<Amount>,
    what: &str,
) -> Option<Figure> {
    let v = value(amount)?;
    let page = ws
        .provenance
        .get(pointer.as_str())
        .map(|p| format!("第{}页 ", p.page))
        .unwrap_or_default();
    // Whole 万元 in the prose is rounded to the 万元 (上海: 40,870万元 for 408,697,300元).
    let error = if v.fract().is_zero() {
        Decimal::new(5, 1)
    } else {
        rounding_error(v)
    };
    Some(Figure {
        wan: v,
        error,
        side: Side {
            pointer,
            label: format!("正文{page}{what}"),
        },
    })
}

/// The prose's figure against every table figure that may state it; a finding when it
/// matches none (the first candidate is named).
fn prose_against(
    out: &mut Vec<Finding>,
    section: Section,
    ours: Option<Figure>,
    candidates: Vec<Figure>,
    severity: Severity,
) {
    let Some(ours) = ours.filter(|o| !o.wan.is_zero()) else {
        return;
    };
    // The nearest candidate is the one the figure was meant to be.
    let Some(first) = candidates
        .iter()
        .min_by_key(|c| c.wan.checked_sub(ours.wan).map(|d| d.abs()))
    else {
        return;
    };
    if candidates.iter().all(|c| differ(&ours, c)) {
        out.push(two_sided(
            "prose.figure_mismatch",
            severity,
            section,
            &ours.side,
            &first.side,
            (ours.wan, first.wan, "万元"),
            ("", ""),
        ));
    }
}

/// Every figure of the 三公 table, the one in the column whose header holds one of `words`
/// (and whose last header level holds none of `not`) first. Its columns are read by position
/// and templates shift them (a blank 小计, two years side by side, items as rows), so a prose
/// figure is taken as printed when it is any of the table's figures.
fn three_public_figures(
    ws: &Workspace,
    words: &[&str],
    not: &[&str],
    need_column: bool,
    what: &str,
) -> Vec<Figure> {
    let Some(t) = first_of(ws, TableKind::ThreePublic) else {
        return Vec::new();
    };
    let table = &ws.tables[t];
    // Header levels are joined with `/`: the words may sit on any level, a narrower column
    // (`…购置及运行费/购置费`) says so on its last.
    let named = |c: usize| {
        let l = squeeze(&table.columns[c].label);
        let last = l.rsplit('/').next().unwrap_or("");
        words.iter().any(|w| l.contains(w)) && !not.iter().any(|w| last.contains(w))
    };
    // 机关运行经费 shares the table in some templates only.
    if need_column && !(0..table.columns.len()).any(named) {
        return Vec::new();
    }
    let mut figures = Vec::new();
    for (r, row) in table.rows.iter().enumerate() {
        for c in 0..row.cells.len() {
            let Some(f) = table_figure(ws, t, r, c, what) else {
                continue;
            };
            if c < table.columns.len() && named(c) {
                figures.insert(0, f);
            } else {
                figures.push(f);
            }
        }
    }
    figures
}

/// The 政府采购 table's 合计 row, its 总计 column(s): (side, 万元, rounding error in 万元).
pub(super) fn procurement_totals(ws: &Workspace) -> Vec<(Side, Decimal, Decimal)> {
    let Some(t) = first_of(ws, TableKind::Procurement) else {
        return Vec::new();
    };
    let table = &ws.tables[t];
    let Some(r) = table.rows.iter().position(|row| {
        row.cells
            .iter()
            .flatten()
            .any(|a| squeeze(a.text()) == "合计")
    }) else {
        return Vec::new();
    };
    columns(table, ColumnMeaning::Total)
        .into_iter()
        .filter_map(|c| table_figure(ws, t, r, c, "政府采购合计"))
        .map(|f| (f.side, f.wan, f.error))
        .collect()
}

/// The prose's 收入/支出/基本/项目 totals, 三公 and 机关运行经费 against the tables.
fn prose_totals(ws: &Workspace, out: &mut Vec<Finding>) {
    if ws.tables.is_empty() {
        return;
    }
    let o = &ws.overview;
    let base = Place::root().key("overview");
    let summary = first_of(ws, TableKind::BudgetSummary);
    let spending = first_of(ws, TableKind::ExpenditureSummary);
    let functional = first_of(ws, TableKind::GeneralPublicFunctional);
    let fiscal = first_of(ws, TableKind::FiscalSummary);
    // Templates print 收入总计 with 上年结转 and 本年收入合计 without: the prose may state either.
    let mut incomes = Vec::new();
    if let Some(s) = summary {
        incomes.extend(labelled(ws, s, &["收入总计", "合计"], false, "收入总计"));
        incomes.extend(labelled(
            ws,
            s,
            &["本年收入合计", "收入合计"],
            false,
            "本年收入合计",
        ));
    }
    if let Some(f) = fiscal {
        incomes.extend(labelled(ws, f, INCOME_TOTAL, false, "财政拨款收入总计"));
    }
    prose_against(
        out,
        Section::Overview,
        prose_figure(
            ws,
            base.key("revenue").key("total"),
            &o.revenue.total,
            "收入预算",
        ),
        incomes,
        Severity::Warning,
    );
    let mut spendings = Vec::new();
    if let Some(s) = summary {
        spendings.extend(labelled(ws, s, &["支出总计", "合计"], true, "支出总计"));
        spendings.extend(labelled(
            ws,
            s,
            &["本年支出合计", "支出合计"],
            true,
            "本年支出合计",
        ));
    }
    spendings.extend(spending.and_then(|t| total_of(ws, t, ColumnMeaning::Total, "合计")));
    if let Some(f) = fiscal {
        spendings.extend(labelled(ws, f, SPENDING_TOTAL, true, "财政拨款支出总计"));
    }
    let e = &o.expenditure;
    prose_against(
        out,
        Section::Overview,
        prose_figure(
            ws,
            base.key("expenditure").key("total"),
            &e.total,
            "支出预算",
        ),
        spendings,
        Severity::Warning,
    );
    for (key, amount, meaning, what) in [
        ("basic", &e.basic, ColumnMeaning::Basic, "基本支出"),
        ("projects", &e.projects, ColumnMeaning::Project, "项目支出"),
    ] {
        let candidates: Vec<Figure> = [spending, functional]
            .into_iter()
            .flatten()
            .filter_map(|t| total_of(ws, t, meaning, &format!("合计 {what}")))
            .collect();
        prose_against(
            out,
            Section::Overview,
            prose_figure(ws, base.key("expenditure").key(key), amount, what),
            candidates,
            Severity::Warning,
        );
    }
    // 三公: the prose and the table state the same figures; a difference is an error.
    let tp = &ws.three_public;
    let tp_base = Place::root().key("three_public");
    prose_against(
        out,
        Section::ThreePublic,
        prose_figure(ws, tp_base.key("total"), &tp.total, "“三公”经费"),
        three_public_figures(ws, &["合计"], &[], false, "“三公”经费合计"),
        Severity::Error,
    );
    for (i, item) in tp.items.iter().enumerate() {
        let name = squeeze(&item.name);
        let (words, not): (&[&str], &[&str]) = if name.contains("出国") {
            (&["出国"], &[])
        } else if name.contains("接待") {
            (&["接待"], &[])
        } else if name.contains("购置及运行") || name.contains("购置和运行") {
            (&["购置及运行", "购置和运行"], &["购置费"])
        } else {
            continue;
        };
        prose_against(
            out,
            Section::ThreePublic,
            prose_figure(
                ws,
                tp_base.key("items").idx(i).key("amount"),
                &item.amount,
                item.name.trim(),
            ),
            three_public_figures(ws, words, not, false, item.name.trim()),
            Severity::Error,
        );
    }
    let rc = &ws.running_costs;
    prose_against(
        out,
        Section::RunningCosts,
        prose_figure(
            ws,
            Place::root().key("running_costs").key("total"),
            &rc.total,
            "机关运行经费",
        ),
        three_public_figures(ws, &["机关运行"], &[], true, "机关运行经费"),
        Severity::Warning,
    );
}

pub fn all(ws: &Workspace, out: &mut Vec<Finding>) {
    if ws.tables.is_empty() {
        return;
    }
    totals(ws, out);
    code_amounts(ws, out);
    summary_classes(ws, out);
    projects(ws, out);
    projects_twice(ws, out);
    prose_totals(ws, out);
}
