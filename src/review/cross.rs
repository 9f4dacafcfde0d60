//! Cross-section agreement: figures that appear in two sections agree.

use rust_decimal::Decimal;

use super::rules::{
    Read, differs, fmt_decimal, fmt_difference, label, numbered, read, value, yuan_factor,
};
use super::{Finding, Section, Severity};
use crate::model::Place;
use crate::model::{LineItem, Workspace};

/// The 三公 items that are also running-cost items.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shared {
    Reception,
    VehicleOperation,
}

impl Shared {
    pub const ALL: [Shared; 2] = [Shared::Reception, Shared::VehicleOperation];

    pub fn name_zh(self) -> &'static str {
        match self {
            Shared::Reception => "公务接待费",
            Shared::VehicleOperation => "公务用车运行维护费",
        }
    }

    pub fn name_en(self) -> &'static str {
        match self {
            Shared::Reception => "Official reception",
            Shared::VehicleOperation => "Vehicle operation",
        }
    }
}

/// One item that 三公 and 机关运行经费 both list: each side's item and place, when found.
/// The `cross.mismatch` rule compares these, and the 三公 screen's cross-check panel shows
/// them with that rule's verdict: one reading of which items correspond.
#[derive(Debug, Clone)]
pub struct SharedPair<'a> {
    pub kind: Shared,
    pub three_public: Option<(&'a LineItem, Place)>,
    pub running: Option<(&'a LineItem, Place)>,
}

impl SharedPair<'_> {
    /// Where the `cross.mismatch` finding on this pair is (the 三公 item's amount).
    pub fn place(&self) -> Option<Place> {
        self.three_public.as_ref().map(|(_, p)| p.key("amount"))
    }
}

/// 公务接待费 and 公务用车运行维护费 in 三公 and in 机关运行经费.
pub fn shared_pairs(ws: &Workspace) -> Vec<SharedPair<'_>> {
    let tp_ptr = Place::at(&["three_public", "items"]);
    let rc_ptr = Place::at(&["running_costs", "items"]);
    Shared::ALL
        .into_iter()
        .map(|kind| SharedPair {
            kind,
            three_public: find(&ws.three_public.items, &tp_ptr, kind),
            running: find(&ws.running_costs.items, &rc_ptr, kind),
        })
        .collect()
}

fn classify(name: &str) -> Option<Shared> {
    if name.contains("接待") {
        Some(Shared::Reception)
    } else if name.contains("公务用车") && name.contains("运行") && !name.contains("购置") {
        Some(Shared::VehicleOperation)
    } else {
        None
    }
}

/// The first item (depth first) of kind `kind`, with its pointer and path of names.
fn find<'a>(items: &'a [LineItem], ptr: &Place, kind: Shared) -> Option<(&'a LineItem, Place)> {
    for (i, it) in items.iter().enumerate() {
        let p = ptr.idx(i);
        if classify(&it.name) == Some(kind) {
            return Some((it, p));
        }
        if let Some(found) = find(&it.children, &p.key("children"), kind) {
            return Some(found);
        }
    }
    None
}

pub fn all(ws: &Workspace, out: &mut Vec<Finding>) {
    three_public_vs_running_costs(ws, out);
    running_costs_vs_public_admin(ws, out);
    projects_vs_project_expenditure(ws, out);
}

/// 三公's 公务接待费 and 公务用车运行维护费 against the same items in 机关运行经费.
/// Running costs are basic expenditure only, while 三公 may also be paid from projects: a
/// 三公 figure below the running-cost one is an error, above it a warning.
fn three_public_vs_running_costs(ws: &Workspace, out: &mut Vec<Finding>) {
    for pair in shared_pairs(ws) {
        let (Some((tp, tpp)), Some((rc, rcp))) = (pair.three_public, pair.running) else {
            continue;
        };
        let (Some(t), Some(r)) = (value(&tp.amount), value(&rc.amount)) else {
            continue;
        };
        if !differs(t, r, &[t, r], Decimal::ZERO) {
            continue;
        }
        let (severity, why_zh, why_en) = if t < r {
            (
                Severity::Error,
                "机关运行经费中的该项应包含在“三公”经费内",
                "the running-cost item should be contained in the three-public figure",
            )
        } else {
            (
                Severity::Warning,
                "如“三公”经费含项目支出安排，请核实并说明",
                "if the three-public figure includes project funds, confirm and explain",
            )
        };
        let diff = fmt_difference(t, r);
        out.push(
            Finding::new(
                "cross.mismatch",
                severity,
                Section::ThreePublic,
                tpp.key("amount"),
                label(&[Section::ThreePublic.label_zh(), &tp.name]),
                format!(
                    "“三公”经费中{} {t} 与机关运行经费中{} {r} 不一致，相差 {diff}（{why_zh}）",
                    tp.name.trim(),
                    rc.name.trim()
                ),
                format!(
                    "Three-public item {} ({t}) differs from running-cost item {} ({r}), difference {diff} ({why_en})",
                    tp.name.trim(),
                    rc.name.trim()
                ),
            )
            .with_figures(t, r)
            .with_counterpart(
                rcp.key("amount"),
                label(&[Section::RunningCosts.label_zh(), &rc.name]),
            ),
        );
    }
}

/// 机关运行经费 should not exceed 日常公用经费 (warning).
fn running_costs_vs_public_admin(ws: &Workspace, out: &mut Vec<Finding>) {
    let (Some(rc), Some(pa)) = (
        value(&ws.running_costs.total),
        value(&ws.overview.expenditure.public_admin),
    ) else {
        return;
    };
    if rc <= pa || !differs(rc, pa, &[rc, pa], Decimal::ZERO) {
        return;
    }
    let diff = fmt_difference(rc, pa);
    out.push(
        Finding::new(
            "cross.running_costs_exceed",
            Severity::Warning,
            Section::RunningCosts,
            Place::root().key("running_costs").key("total"),
            label(&[Section::RunningCosts.label_zh(), "合计"]),
            format!("机关运行经费 {rc} 超过预算总体情况中的日常公用经费 {pa}，多 {diff}"),
            format!(
                "Running costs {rc} exceed the public-administration expenditure {pa} of the overview by {diff}"
            ),
        )
        .with_figures(rc, pa)
        .with_counterpart(
            Place::at(&["overview", "expenditure", "public_admin"]),
            label(&[Section::Overview.label_zh(), "日常公用经费"]),
        ),
    );
}

/// The project tables' budgets against 项目支出 (warning when they differ: tables may
/// cover projects funded outside this year's budget, or be missing).
fn projects_vs_project_expenditure(ws: &Workspace, out: &mut Vec<Finding>) {
    let Some(stated) = value(&ws.overview.expenditure.projects) else {
        return;
    };
    let target_factor = yuan_factor(&ws.meta.unit);
    let mut sum = Decimal::ZERO;
    let mut figures = vec![stated];
    let mut names = Vec::new();
    for p in &ws.performance.projects {
        match read(&p.budget.total) {
            Read::Value(v) => {
                let unit = if p.unit.trim().is_empty() {
                    ws.meta.unit.as_str()
                } else {
                    p.unit.as_str()
                };
                let converted = match (yuan_factor(unit), target_factor) {
                    (Some(f), Some(t)) if !t.is_zero() => v.checked_mul(f).map(|x| x / t),
                    _ => Some(v),
                };
                // Too large to convert or add: nothing sensible to compare.
                let Some((v, total)) = converted.and_then(|v| Some((v, sum.checked_add(v)?)))
                else {
                    return;
                };
                sum = total;
                figures.push(v);
                names.push(format!(
                    "{} {}",
                    numbered(&p.number, &p.name),
                    fmt_decimal(v)
                ));
            }
            Read::Blank => {}
            Read::Text => return,
        }
    }
    if names.is_empty() || !differs(stated, sum, &figures, Decimal::ZERO) {
        return;
    }
    let diff = fmt_difference(stated, sum);
    let n = names.len();
    out.push(
        Finding::new(
            "cross.mismatch",
            Severity::Warning,
            Section::Overview,
            Place::root().key("overview").key("expenditure").key("projects"),
            label(&[Section::Overview.label_zh(), "项目支出"]),
            format!(
                "预算总体情况中的项目支出 {stated} 与 {n} 张项目绩效目标表预算数合计 {} 不一致，相差 {diff}（{}）",
                fmt_decimal(sum),
                names.join("、")
            ),
            format!(
                "The overview states project expenditure {stated} but the {n} project target tables budget {} in total (difference {diff}; {})",
                fmt_decimal(sum),
                names.join(", ")
            ),
        )
        .with_figures(stated, sum)
        .with_counterpart(
            Place::projects(),
            label(&[Section::Projects.label_zh(), "预算数合计"]),
        ),
    );
}
