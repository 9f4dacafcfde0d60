//! Completeness: each project table has output, effect/benefit and satisfaction indicators;
//! each indicator has a value and a basis; satisfaction targets are quantified; the spending
//! plan never decreases and ends at 100%; each graded indicator has its standards.

use rust_decimal::Decimal;

use super::rules::{Read, differs, label, numbered, read};
use super::{Finding, Section, Severity};
use crate::model::Place;
use crate::model::value::parse_value;
use crate::model::{ProjectIndicator, ProjectTable, SpendingPlan, Workspace};

/// The 一级指标 kinds a project table must cover.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level1 {
    Output,
    Effect,
    Satisfaction,
    Cost,
}

fn classify_level1(text: &str) -> Option<Level1> {
    if text.contains("满意") {
        Some(Level1::Satisfaction)
    } else if text.contains("效果") || text.contains("效益") {
        Some(Level1::Effect)
    } else if text.contains("产出") {
        Some(Level1::Output)
    } else if text.contains("成本") {
        Some(Level1::Cost)
    } else {
        None
    }
}

/// A 二级指标 tells its 一级 when the 一级 cell is blank and nothing precedes it.
fn classify_level2(text: &str) -> Option<Level1> {
    if text.contains("满意") {
        Some(Level1::Satisfaction)
    } else if text.contains("效益") || text.contains("可持续") || text.contains("效果") {
        Some(Level1::Effect)
    } else if text.contains("数量") || text.contains("质量") || text.contains("时效") {
        Some(Level1::Output)
    } else if text.contains("成本") {
        Some(Level1::Cost)
    } else {
        None
    }
}

/// The 一级 kind of each indicator row: a blank 一级 cell is the same as the row above
/// (merged cells).
pub fn level1_kinds(indicators: &[ProjectIndicator]) -> Vec<Option<Level1>> {
    let mut current: Option<Level1> = None;
    indicators
        .iter()
        .map(|ind| {
            if ind.level1.trim().is_empty() {
                if current.is_none() {
                    current = classify_level2(&ind.level2);
                }
            } else {
                current = classify_level1(&ind.level1).or_else(|| classify_level2(&ind.level2));
            }
            current
        })
        .collect()
}

fn is_empty_row(ind: &ProjectIndicator) -> bool {
    [
        &ind.level1,
        &ind.level2,
        &ind.name,
        &ind.description,
        &ind.value,
        &ind.basis,
    ]
    .iter()
    .all(|s| s.trim().is_empty())
}

pub fn projects(ws: &Workspace, out: &mut Vec<Finding>) {
    let base = Place::projects();
    for (i, p) in ws.performance.projects.iter().enumerate() {
        project(out, &base.idx(i), p);
    }
}

fn project(out: &mut Vec<Finding>, ptr: &Place, p: &ProjectTable) {
    let sec = Section::Projects.label_zh();
    let table = numbered(&p.number, &p.name);
    let kinds = level1_kinds(&p.indicators);
    let mut missing_zh = Vec::new();
    let mut missing_en = Vec::new();
    for (kind, zh, en) in [
        (Level1::Output, "产出指标", "output"),
        (Level1::Effect, "效果（效益）指标", "effect/benefit"),
        (Level1::Satisfaction, "满意度指标", "satisfaction"),
    ] {
        if !kinds.contains(&Some(kind)) {
            missing_zh.push(zh);
            missing_en.push(en);
        }
    }
    // Without a 一级/二级 column the indicators' kinds are not printed, so none is missing.
    let has_indicators = p.asks_for("level1") || p.asks_for("level2");
    if !missing_zh.is_empty() && has_indicators {
        out.push(Finding::new(
            "complete.missing_level1",
            Severity::Warning,
            Section::Projects,
            ptr.key("indicators"),
            label(&[sec, &table, "绩效指标"]),
            format!("绩效目标表缺少{}", missing_zh.join("、")),
            format!(
                "The target table has no {} indicator",
                missing_en.join(", no ")
            ),
        ));
    }
    for (j, ind) in p.indicators.iter().enumerate() {
        if is_empty_row(ind) {
            continue;
        }
        // Most rows are complete: build pointers and labels only for those that are not.
        let unquantified = || {
            kinds[j] == Some(Level1::Satisfaction)
                && !ind.value.trim().is_empty()
                && !parse_value(&ind.value).is_quantitative()
        };
        let value_missing = ind.value.trim().is_empty() && p.asks_for("value");
        let basis_missing = ind.basis.trim().is_empty() && p.asks_for("basis");
        if !value_missing && !basis_missing && !unquantified() {
            continue;
        }
        let ip = ptr.key("indicators").idx(j);
        let name = if ind.name.trim().is_empty() {
            format!("第 {} 行", j + 1)
        } else {
            ind.name.trim().to_string()
        };
        let lbl = label(&[sec, &table, &name]);
        if value_missing {
            out.push(Finding::new(
                "complete.missing_value",
                Severity::Warning,
                Section::Projects,
                ip.key("value"),
                lbl.clone(),
                format!("指标“{name}”没有指标值"),
                format!("Indicator \"{name}\" has no target value"),
            ));
        } else if unquantified() {
            out.push(Finding::new(
                "complete.unquantified_satisfaction",
                Severity::Warning,
                Section::Projects,
                ip.key("value"),
                lbl.clone(),
                format!(
                    "满意度指标“{name}”的指标值“{}”未量化（应为如 ≥90% 的比例）",
                    ind.value.trim()
                ),
                format!(
                    "Satisfaction indicator \"{name}\" has an unquantified target \"{}\" (expected a share such as ≥90%)",
                    ind.value.trim()
                ),
            ));
        }
        if basis_missing {
            out.push(Finding::new(
                "complete.missing_basis",
                Severity::Warning,
                Section::Projects,
                ip.key("basis"),
                lbl,
                format!("指标“{name}”没有指标值确定依据"),
                format!("Indicator \"{name}\" gives no basis for its target value"),
            ));
        }
    }
    if p.asks_for("spending_plan") {
        plan(
            out,
            &ptr.key("spending_plan"),
            &[sec, &table],
            &p.spending_plan,
        );
    }
}

/// The spending plan is cumulative: each point within 0–100, never below an earlier one, the
/// last planned point 100%. Blank points have no plan and are skipped.
pub fn plan(out: &mut Vec<Finding>, ptr: &Place, prefix: &[&str], plan: &SpendingPlan) {
    const KEYS: [&str; 4] = ["march", "june", "october", "december"];
    const EN: [&str; 4] = [
        "end of March",
        "end of June",
        "end of October",
        "end of December",
    ];
    let hundred = Decimal::ONE_HUNDRED;
    let mut last: Option<(usize, Decimal)> = None;
    let mut any_text = false;
    for (k, point) in plan.points().into_iter().enumerate() {
        let v = match read(point) {
            Read::Value(v) => v,
            Read::Blank => continue,
            Read::Text => {
                any_text = true;
                continue;
            }
        };
        let lbl = || {
            let mut l = prefix.to_vec();
            l.push("资金支出计划");
            l.push(SpendingPlan::LABELS_ZH[k]);
            label(&l)
        };
        if v < Decimal::ZERO || (v > hundred && differs(v, hundred, &[v], Decimal::ZERO)) {
            out.push(
                Finding::new(
                    "plan.out_of_range",
                    Severity::Error,
                    Section::Projects,
                    ptr.key(KEYS[k]),
                    lbl(),
                    format!(
                        "{}累计支出进度 {v}% 不在 0–100% 之间",
                        SpendingPlan::LABELS_ZH[k]
                    ),
                    format!(
                        "Cumulative spending at the {} is {v}%, outside 0–100%",
                        EN[k]
                    ),
                )
                .with_figures(
                    v,
                    if v < Decimal::ZERO {
                        Decimal::ZERO
                    } else {
                        hundred
                    },
                ),
            );
        }
        if let Some((pk, pv)) = last
            && v < pv
            && differs(v, pv, &[v, pv], Decimal::ZERO)
        {
            out.push(
                Finding::new(
                    "plan.decreasing",
                    Severity::Error,
                    Section::Projects,
                    ptr.key(KEYS[k]),
                    lbl(),
                    format!(
                        "资金支出计划是累计进度，{} 的 {v}% 低于 {} 的 {pv}%",
                        SpendingPlan::LABELS_ZH[k],
                        SpendingPlan::LABELS_ZH[pk]
                    ),
                    format!(
                        "The spending plan is cumulative, but the {} ({v}%) is below the {} ({pv}%)",
                        EN[k], EN[pk]
                    ),
                )
                .with_figures(v, pv),
            );
        }
        last = Some((k, v));
    }
    match last {
        None if !any_text => {
            let mut l = prefix.to_vec();
            l.push("资金支出计划");
            out.push(Finding::new(
                "plan.missing",
                Severity::Warning,
                Section::Projects,
                ptr,
                label(&l),
                "资金支出计划为空".to_string(),
                "The spending plan is blank".to_string(),
            ));
        }
        Some((k, v)) if differs(v, hundred, &[v], Decimal::ZERO) && v < hundred => {
            let mut l = prefix.to_vec();
            l.push("资金支出计划");
            l.push(SpendingPlan::LABELS_ZH[k]);
            out.push(
                Finding::new(
                    "plan.not_complete",
                    Severity::Warning,
                    Section::Projects,
                    ptr.key(KEYS[k]),
                    label(&l),
                    format!(
                        "资金支出计划最后一个时点（{}）为 {v}%，未达到 100%",
                        SpendingPlan::LABELS_ZH[k]
                    ),
                    format!("The spending plan ends at {v}% ({}), not 100%", EN[k]),
                )
                .with_figures(v, hundred),
            );
        }
        _ => {}
    }
}

/// `complete.missing_standards` (warning): a graded indicator with all four standards blank.
/// (Some blank grades are `ladder.blank_grade`, info, from the ladder rules.)
pub fn matrix(ws: &Workspace, out: &mut Vec<Finding>) {
    super::ladders::each_graded(ws, |ind, at| {
        if ind.name.trim().is_empty() && ind.standards().iter().all(|s| s.trim().is_empty()) {
            return;
        }
        if ind.standards().iter().all(|s| s.trim().is_empty()) {
            out.push(Finding::new(
                "complete.missing_standards",
                Severity::Warning,
                Section::Matrix,
                at.pointer(),
                at.label(),
                format!(
                    "指标“{}”没有评价标准（优、良、中、差均为空）",
                    ind.name.trim()
                ),
                format!(
                    "Indicator \"{}\" has no evaluation standards (all four grades blank)",
                    ind.name.trim()
                ),
            ));
        }
    });
}
