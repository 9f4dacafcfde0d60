//! Arithmetic: totals equal the sum of their parts at every level; quantity × unit price =
//! amount; 其中 rows are contained in, never added to, their parent.

use rust_decimal::Decimal;

use super::rules::{
    Read, TotalAt, check_sum, check_sum_stated, differs, fmt_decimal, fmt_difference, label,
    numbered, part_values, read, rounding_error, sum_expression, sum_mismatch, too_large, value,
    yuan_factor,
};
use super::{Finding, Section, Severity};
use crate::model::Place;
use crate::model::amount::checked_sum;
use crate::model::{
    Amount, AssetRow, Computation, ItemisedGoal, LineItem, ProcurementAmounts, Workspace,
};

/// 二、预算总体情况: revenue total = sources, expenditure total = 人员 + 公用 + 项目,
/// 基本支出 = 人员 + 公用, revenue = expenditure.
pub fn overview(ws: &Workspace, out: &mut Vec<Finding>) {
    let base = Place::root().key("overview");
    let published = is_published(ws);
    let rev = &ws.overview.revenue;
    let rev_ptr = base.key("revenue");
    let sources: Vec<&Option<Amount>> = rev.sources.iter().map(|s| &s.amount).collect();
    let total_ptr = rev_ptr.key("total");
    let lbl = label(&[Section::Overview.label_zh(), "收入", "合计"]);
    check_sum_stated(
        out,
        &TotalAt {
            section: Section::Overview,
            pointer: &total_ptr,
            label: &lbl,
            what_zh: "收入合计",
            what_en: "Total revenue",
        },
        &rev.total,
        &sources,
        published,
    );
    line_item_children(
        out,
        Section::Overview,
        &rev_ptr.key("sources"),
        &[Section::Overview.label_zh(), "收入"],
        &rev.sources,
    );

    let e = &ws.overview.expenditure;
    let exp_ptr = base.key("expenditure");
    let basic_ptr = exp_ptr.key("basic");
    let lbl = label(&[Section::Overview.label_zh(), "支出", "基本支出"]);
    if !matches!(read(&e.personnel), Read::Blank) || !matches!(read(&e.public_admin), Read::Blank) {
        check_sum_stated(
            out,
            &TotalAt {
                section: Section::Overview,
                pointer: &basic_ptr,
                label: &lbl,
                what_zh: "基本支出（人员经费 + 日常公用经费）",
                what_en: "Basic expenditure (personnel + public administration)",
            },
            &e.basic,
            &[&e.personnel, &e.public_admin],
            published,
        );
    }
    let total_ptr = exp_ptr.key("total");
    let lbl = label(&[Section::Overview.label_zh(), "支出", "合计"]);
    let at = TotalAt {
        section: Section::Overview,
        pointer: &total_ptr,
        label: &lbl,
        what_zh: "支出合计（人员经费 + 日常公用经费 + 项目支出）",
        what_en: "Total expenditure (personnel + public administration + projects)",
    };
    // Prose states its figures: one it does not state is unknown, not zero (a budget PDF may
    // give the total and 人员经费 and leave the rest to its tables).
    let stated = |parts: &[&Option<Amount>]| parts.iter().all(|p| !matches!(read(p), Read::Blank));
    if matches!(read(&e.personnel), Read::Blank) && matches!(read(&e.public_admin), Read::Blank) {
        if stated(&[&e.basic, &e.projects]) {
            check_sum_stated(out, &at, &e.total, &[&e.basic, &e.projects], published);
        }
    } else if stated(&[&e.personnel, &e.public_admin, &e.projects]) {
        check_sum_stated(
            out,
            &at,
            &e.total,
            &[&e.personnel, &e.public_admin, &e.projects],
            published,
        );
    }

    if let (Some(r), Some(x)) = (value(&rev.total), value(&e.total))
        && differs(r, x, &[r, x], Decimal::ZERO)
    {
        out.push(
            Finding::new(
                "sum.unbalanced",
                Severity::Error,
                Section::Overview,
                &total_ptr,
                label(&[Section::Overview.label_zh(), "收入合计 / 支出合计"]),
                format!(
                    "收入合计 {r} 与支出合计 {x} 不相等，相差 {}",
                    fmt_difference(r, x)
                ),
                format!(
                    "Total revenue {r} does not equal total expenditure {x} (difference {})",
                    fmt_difference(r, x)
                ),
            )
            .with_figures(x, r),
        );
    }
}

/// A workspace imported from a published document (its tables or its pages are kept):
/// its prose figures may be rounded to whole 万元.
fn is_published(ws: &Workspace) -> bool {
    !ws.tables.is_empty() || !ws.source.pages.is_empty()
}

/// An item with children equals the sum of its children, at every level.
fn line_item_children(
    out: &mut Vec<Finding>,
    section: Section,
    items_ptr: &Place,
    label_prefix: &[&str],
    items: &[LineItem],
) {
    for (i, item) in items.iter().enumerate() {
        if item.children.is_empty() {
            continue;
        }
        let ptr = items_ptr.idx(i);
        let amount_ptr = ptr.key("amount");
        let mut parts: Vec<&str> = label_prefix.to_vec();
        parts.push(&item.name);
        let lbl = label(&parts);
        let what_zh = format!("{}（各分项之和）", item.name.trim());
        let what_en = format!("{} (sum of its parts)", item.name.trim());
        let children: Vec<&Option<Amount>> = item.children.iter().map(|c| &c.amount).collect();
        check_sum(
            out,
            &TotalAt {
                section,
                pointer: &amount_ptr,
                label: &lbl,
                what_zh: &what_zh,
                what_en: &what_en,
            },
            &item.amount,
            &children,
        );
        line_item_children(out, section, &ptr.key("children"), &parts, &item.children);
    }
}

/// 三、机关运行经费: total = items.
pub fn running_costs(ws: &Workspace, out: &mut Vec<Finding>) {
    let rc = &ws.running_costs;
    let base = Place::root().key("running_costs");
    let total_ptr = base.key("total");
    let lbl = label(&[Section::RunningCosts.label_zh(), "合计"]);
    let items: Vec<&Option<Amount>> = rc.items.iter().map(|s| &s.amount).collect();
    check_sum_stated(
        out,
        &TotalAt {
            section: Section::RunningCosts,
            pointer: &total_ptr,
            label: &lbl,
            what_zh: "机关运行经费合计",
            what_en: "Running costs total",
        },
        &rc.total,
        &items,
        is_published(ws),
    );
    line_item_children(
        out,
        Section::RunningCosts,
        &base.key("items"),
        &[Section::RunningCosts.label_zh()],
        &rc.items,
    );
}

/// 四、“三公”经费: total = items; an item with children = sum of children.
pub fn three_public(ws: &Workspace, out: &mut Vec<Finding>) {
    let tp = &ws.three_public;
    let base = Place::root().key("three_public");
    let total_ptr = base.key("total");
    let lbl = label(&[Section::ThreePublic.label_zh(), "合计"]);
    let items: Vec<&Option<Amount>> = tp.items.iter().map(|s| &s.amount).collect();
    check_sum_stated(
        out,
        &TotalAt {
            section: Section::ThreePublic,
            pointer: &total_ptr,
            label: &lbl,
            what_zh: "“三公”经费合计",
            what_en: "Three-public total",
        },
        &tp.total,
        &items,
        is_published(ws),
    );
    line_item_children(
        out,
        Section::ThreePublic,
        &base.key("items"),
        &[Section::ThreePublic.label_zh()],
        &tp.items,
    );
}

/// `quantity × unit price` expressed in `amount_unit`, with its rounding error; `None`
/// unless both are numbers.
struct Product {
    value: Decimal,
    error: Decimal,
    expression: String,
}

fn product(
    quantity: &Option<Amount>,
    quantity_unit: &str,
    unit_price: &Option<Amount>,
    price_unit: &str,
    amount_unit: &str,
) -> Option<Product> {
    let q = value(quantity)?;
    let p = value(unit_price)?;
    // Convert the price into the amount's unit when both are money units.
    let scale = match (yuan_factor(price_unit), yuan_factor(amount_unit)) {
        (Some(fp), Some(fa)) if !fa.is_zero() => fp / fa,
        _ => Decimal::ONE,
    };
    let value = q.checked_mul(p)?.checked_mul(scale)?;
    // Quantities are exact (what is bought); the price may be rounded.
    let error = q.abs().checked_mul(rounding_error(p))?.checked_mul(scale)?;
    let expression = format!("{q}{} × {p}{}", quantity_unit.trim(), price_unit.trim());
    Some(Product {
        value,
        error,
        expression,
    })
}

#[allow(clippy::too_many_arguments)]
fn product_mismatch(
    section: Section,
    pointer: &Place,
    lbl: &str,
    product: &Product,
    unit: &str,
    stated: Decimal,
    what_zh: &str,
    what_en: &str,
) -> Finding {
    let expected = fmt_decimal(product.value);
    let diff = fmt_difference(stated, product.value);
    Finding::new(
        "sum.product_mismatch",
        Severity::Error,
        section,
        pointer,
        lbl,
        format!(
            "{what_zh}填报为 {stated}{unit}，而 {} = {expected}{unit}，相差 {diff}{unit}",
            product.expression
        ),
        format!(
            "{what_en} is stated as {stated}{unit} but {} = {expected}{unit} (difference {diff}{unit})",
            product.expression
        ),
    )
    .with_figures(stated, product.value)
}

/// 分项绩效目标: each computation quantity × unit price = amount (units converted, 元 vs
/// 万元); the computations add up to the stated 合计.
/// The unit of an itemised goal's total: its own, else the document's.
pub fn goal_unit<'a>(ws: &'a Workspace, goal: &'a ItemisedGoal) -> &'a str {
    if goal.stated_total_unit.trim().is_empty() {
        ws.meta.unit.as_str()
    } else {
        goal.stated_total_unit.as_str()
    }
}

struct ComputationUnits<'a> {
    amount_unit: &'a str,
    /// Factor from the amount's unit to the total's.
    to_total: Decimal,
    product: Option<Product>,
}

fn computation_units<'a>(comp: &'a Computation, total_unit: &'a str) -> ComputationUnits<'a> {
    let amount_unit = if comp.amount_unit.trim().is_empty() {
        total_unit
    } else {
        comp.amount_unit.as_str()
    };
    let price_unit = if comp.unit_price_unit.trim().is_empty() {
        amount_unit
    } else {
        comp.unit_price_unit.as_str()
    };
    let to_total = match (yuan_factor(amount_unit), yuan_factor(total_unit)) {
        (Some(fa), Some(ft)) if !ft.is_zero() => fa / ft,
        _ => Decimal::ONE,
    };
    let product = product(
        &comp.quantity,
        &comp.quantity_unit,
        &comp.unit_price,
        price_unit,
        amount_unit,
    );
    ComputationUnits {
        amount_unit,
        to_total,
        product,
    }
}

/// A computation of an itemised goal in the goal total's unit.
#[derive(Debug, Clone, PartialEq)]
pub struct ComputedFigure {
    /// The amount as stated.
    pub stated: Option<Decimal>,
    /// Quantity × unit price, and how (`3118.5吨 × 694元/吨`).
    pub product: Option<(Decimal, String)>,
}

impl ComputedFigure {
    /// What the computation adds to the total: the stated amount, else the product.
    pub fn counted(&self) -> Option<Decimal> {
        self.stated.or(self.product.as_ref().map(|p| p.0))
    }
}

/// What a computation of an itemised goal states and comes to, in the goal total's unit.
pub fn computation_in_total(
    ws: &Workspace,
    goal: &ItemisedGoal,
    comp: &Computation,
) -> ComputedFigure {
    let units = computation_units(comp, goal_unit(ws, goal));
    ComputedFigure {
        stated: value(&comp.amount).map(|a| a * units.to_total),
        product: units
            .product
            .map(|p| (p.value * units.to_total, p.expression)),
    }
}

pub fn itemised_goals(ws: &Workspace, out: &mut Vec<Finding>) {
    let base = Place::root()
        .key("performance")
        .key("itemised_goals")
        .key("items");
    for (g, goal) in ws.performance.itemised_goals.items.iter().enumerate() {
        let goal_ptr = base.idx(g);
        let goal_name = format!("（{}）{}", goal.number.trim(), goal.title.trim());
        let goal_name = if goal.number.trim().is_empty() {
            goal.title.trim().to_string()
        } else {
            goal_name
        };
        let total_unit = goal_unit(ws, goal);
        // Each computation's figure in the total's unit, and whether it was computed.
        // `None`: too large to convert into the total's unit.
        let mut parts: Vec<Option<Decimal>> = Vec::new();
        let mut extra_error = Decimal::ZERO;
        let mut computed: Vec<String> = Vec::new();
        let mut complete = !goal.computations.is_empty();
        for (c, comp) in goal.computations.iter().enumerate() {
            let c_ptr = goal_ptr.key("computations").idx(c);
            let ComputationUnits {
                amount_unit,
                to_total,
                product: prod,
            } = computation_units(comp, total_unit);
            let row_label = label(&[
                Section::ItemisedGoals.label_zh(),
                &goal_name,
                if comp.label.trim().is_empty() {
                    "计算"
                } else {
                    &comp.label
                },
            ]);
            match (read(&comp.amount), prod) {
                (Read::Value(a), Some(p)) => {
                    let amount_ptr = c_ptr.key("amount");
                    if differs(a, p.value, &[a], p.error) {
                        out.push(product_mismatch(
                            Section::ItemisedGoals,
                            &amount_ptr,
                            &row_label,
                            &p,
                            amount_unit.trim(),
                            a,
                            "金额",
                            "The amount",
                        ));
                    }
                    parts.push(a.checked_mul(to_total));
                }
                (Read::Value(a), None) => parts.push(a.checked_mul(to_total)),
                (Read::Blank, Some(p)) => {
                    let in_total = p.value.checked_mul(to_total);
                    computed.push(format!(
                        "{} = {}{}",
                        p.expression,
                        in_total.map_or_else(|| p.value.to_string(), fmt_decimal),
                        total_unit.trim()
                    ));
                    extra_error = p
                        .error
                        .checked_mul(to_total)
                        .map_or(Decimal::MAX, |e| extra_error.saturating_add(e));
                    parts.push(in_total);
                }
                _ => complete = false,
            }
        }
        if !complete {
            continue;
        }
        let Read::Value(stated) = read(&goal.stated_total) else {
            continue;
        };
        let total_ptr = goal_ptr.key("stated_total");
        let lbl = label(&[Section::ItemisedGoals.label_zh(), &goal_name, "合计"]);
        let at = TotalAt {
            section: Section::ItemisedGoals,
            pointer: &total_ptr,
            label: &lbl,
            what_zh: "合计",
            what_en: "The stated total",
        };
        let Some(parts) = parts.into_iter().collect::<Option<Vec<Decimal>>>() else {
            out.push(too_large(&at, &[]));
            continue;
        };
        let Some(sum) = checked_sum(parts.iter().copied()) else {
            out.push(too_large(&at, &parts));
            continue;
        };
        let mut figures = parts.clone();
        figures.push(stated);
        if !differs(stated, sum, &figures, extra_error) {
            continue;
        }
        let unit = total_unit.trim();
        if computed.is_empty() {
            out.push(sum_mismatch(&at, stated, &parts, sum));
        } else {
            let expected = fmt_decimal(sum);
            let diff = fmt_difference(stated, sum);
            let how = computed.join("；");
            let how_en = computed.join("; ");
            out.push(
                Finding::new(
                    "sum.product_mismatch",
                    Severity::Error,
                    Section::ItemisedGoals,
                    &total_ptr,
                    at.label,
                    format!(
                        "合计填报为 {stated}{unit}，而 {how}，各项合计 {expected}{unit}，相差 {diff}{unit}"
                    ),
                    format!(
                        "The total is stated as {stated}{unit} but {how_en}; the computations add up to {expected}{unit} (difference {diff}{unit})"
                    ),
                )
                .with_figures(stated, sum),
            );
        }
    }
}

/// 项目绩效目标表: 预算数 = 财政资金 + 其他资金.
pub fn projects(ws: &Workspace, out: &mut Vec<Finding>) {
    let base = Place::projects();
    for (i, p) in ws.performance.projects.iter().enumerate() {
        // A table that printed no 财政 column (a goal list with 总计 only) has no parts to add.
        if p.budget.fiscal.is_none() {
            continue;
        }
        let ptr = base.idx(i).key("budget").key("total");
        let table = numbered(&p.number, &p.name);
        let lbl = label(&[Section::Projects.label_zh(), &table, "预算数"]);
        check_sum(
            out,
            &TotalAt {
                section: Section::Projects,
                pointer: &ptr,
                label: &lbl,
                what_zh: "预算数（财政资金 + 其他资金）",
                what_en: "The budget (fiscal + other funds)",
            },
            &p.budget.total,
            &[&p.budget.fiscal, &p.budget.other],
        );
    }
}

/// The amount columns of the procurement table: key, zh, en, cell.
fn procurement_fields(
    a: &ProcurementAmounts,
) -> [(&'static str, &'static str, &'static str, &Option<Amount>); 7] {
    [
        ("total", "总计", "Total", &a.total),
        (
            "department_total",
            "当年部门预算安排资金合计",
            "Department budget total",
            &a.department_total,
        ),
        (
            "general_public",
            "一般公共预算拨款",
            "General public budget",
            &a.general_public,
        ),
        ("fund", "基金预算拨款", "Government fund budget", &a.fund),
        (
            "special_account",
            "财政专户核拨",
            "Special fiscal account",
            &a.special_account,
        ),
        (
            "other_income",
            "其他来源收入",
            "Other income",
            &a.other_income,
        ),
        (
            "other_channels",
            "其他渠道资金",
            "Other channels",
            &a.other_channels,
        ),
    ]
}

/// Within one set of amounts: 总计 = 部门预算安排资金合计 + 其他渠道资金, and
/// 部门预算安排资金合计 = the four department channels.
fn procurement_amounts(
    out: &mut Vec<Finding>,
    ptr: &Place,
    row_label: &[&str],
    a: &ProcurementAmounts,
) {
    let total_ptr = ptr.key("total");
    let mut parts = row_label.to_vec();
    parts.push("总计");
    let lbl = label(&parts);
    check_sum(
        out,
        &TotalAt {
            section: Section::Procurement,
            pointer: &total_ptr,
            label: &lbl,
            what_zh: "总计（部门预算安排资金 + 其他渠道资金）",
            what_en: "The total (department budget + other channels)",
        },
        &a.total,
        &[&a.department_total, &a.other_channels],
    );
    let dept_ptr = ptr.key("department_total");
    let mut parts = row_label.to_vec();
    parts.push("当年部门预算安排资金合计");
    let lbl = label(&parts);
    let channels: Vec<&Option<Amount>> = a.department_channels().iter().map(|(_, c)| *c).collect();
    check_sum(
        out,
        &TotalAt {
            section: Section::Procurement,
            pointer: &dept_ptr,
            label: &lbl,
            what_zh: "当年部门预算安排资金合计（各拨款渠道之和）",
            what_en: "The department budget total (sum of its channels)",
        },
        &a.department_total,
        &channels,
    );
}

/// 六、政府采购预算: each row quantity × unit price = amount and its channels add up; the rows
/// add up to the subtotal (when there is one) and to the stated 合计.
pub fn procurement(ws: &Workspace, out: &mut Vec<Finding>) {
    let pr = &ws.procurement;
    let base = Place::root().key("procurement");
    let unit = if pr.unit.trim().is_empty() {
        ws.meta.unit.as_str()
    } else {
        pr.unit.as_str()
    };
    let sec = Section::Procurement.label_zh();
    for (i, row) in pr.rows.iter().enumerate() {
        let row_ptr = base.key("rows").idx(i);
        let row_name = if row.catalogue_code.trim().is_empty() {
            row.item.trim().to_string()
        } else {
            format!("{}（{}）", row.item.trim(), row.catalogue_code.trim())
        };
        let amounts_ptr = row_ptr.key("amounts");
        let (target_key, target) = if matches!(read(&row.amounts.total), Read::Blank) {
            ("department_total", &row.amounts.department_total)
        } else {
            ("total", &row.amounts.total)
        };
        if let (Some(p), Read::Value(a)) = (
            product(&row.quantity, &row.unit, &row.unit_price, unit, unit),
            read(target),
        ) && differs(a, p.value, &[a], p.error)
        {
            let lbl = label(&[sec, &row_name, "政府采购金额"]);
            out.push(product_mismatch(
                Section::Procurement,
                &amounts_ptr.key(target_key),
                &lbl,
                &p,
                unit.trim(),
                a,
                "政府采购金额",
                "The purchase amount",
            ));
        }
        procurement_amounts(out, &amounts_ptr, &[sec, &row_name], &row.amounts);
    }
    for (s, sub) in pr.subtotals.iter().enumerate() {
        procurement_amounts(
            out,
            &base.key("subtotals").idx(s).key("amounts"),
            &[sec, &sub.label],
            &sub.amounts,
        );
    }
    if let Some(total) = &pr.stated_total {
        procurement_amounts(out, &base.key("stated_total"), &[sec, "合计"], total);
    }
    // Rows into the subtotal (only when there is exactly one: rows do not say which
    // subtotal they belong to), rows into the 合计, and several subtotals into the 合计.
    let row_amounts: Vec<&ProcurementAmounts> = pr.rows.iter().map(|r| &r.amounts).collect();
    if pr.subtotals.len() == 1 && !row_amounts.is_empty() {
        let sub = &pr.subtotals[0];
        channel_sums(
            out,
            &base.key("subtotals").idx(0).key("amounts"),
            &[sec, &sub.label],
            &sub.amounts,
            &row_amounts,
            "各采购行",
            "the rows",
        );
    }
    if let Some(total) = &pr.stated_total {
        if !row_amounts.is_empty() {
            channel_sums(
                out,
                &base.key("stated_total"),
                &[sec, "合计"],
                total,
                &row_amounts,
                "各采购行",
                "the rows",
            );
        }
        if pr.subtotals.len() > 1 {
            let subs: Vec<&ProcurementAmounts> = pr.subtotals.iter().map(|s| &s.amounts).collect();
            channel_sums(
                out,
                &base.key("stated_total"),
                &[sec, "合计"],
                total,
                &subs,
                "各小计",
                "the subtotals",
            );
        }
    }
}

fn channel_sums(
    out: &mut Vec<Finding>,
    ptr: &Place,
    row_label: &[&str],
    stated: &ProcurementAmounts,
    parts: &[&ProcurementAmounts],
    of_zh: &str,
    of_en: &str,
) {
    for (k, (key, zh, en, cell)) in procurement_fields(stated).into_iter().enumerate() {
        let cells: Vec<&Option<Amount>> =
            parts.iter().map(|p| procurement_fields(p)[k].3).collect();
        let field_ptr = ptr.key(key);
        let mut lparts = row_label.to_vec();
        lparts.push(zh);
        let lbl = label(&lparts);
        let what_zh = format!("{zh}（{of_zh}之和）");
        let what_en = format!("{en} (sum of {of_en})");
        check_sum(
            out,
            &TotalAt {
                section: Section::Procurement,
                pointer: &field_ptr,
                label: &lbl,
                what_zh: &what_zh,
                what_en: &what_en,
            },
            cell,
            &cells,
        );
    }
}

/// 七、国有资产: categories add up to the 合计 (quantity and value); each 其中 row is at most
/// its parent; 其中 rows are not added into the total.
pub fn assets(ws: &Workspace, out: &mut Vec<Finding>) {
    let a = &ws.assets;
    let base = Place::root().key("assets");
    let sec = Section::Assets.label_zh();
    for (field, zh, en) in [("quantity", "数量", "quantity"), ("value", "价值", "value")] {
        let get = |r: &AssetRow| -> Option<Amount> {
            if field == "quantity" {
                r.quantity.clone()
            } else {
                r.value.clone()
            }
        };
        let stated = if field == "quantity" {
            &a.total.quantity
        } else {
            &a.total.value
        };
        // 其中 ≤ parent.
        for (i, cat) in a.categories.iter().enumerate() {
            of_which_within(
                out,
                &base.key("categories").idx(i),
                &[sec, &numbered(&cat.number, &cat.name)],
                cat,
                field,
                zh,
                en,
            );
        }
        let Read::Value(stated_v) = read(stated) else {
            continue;
        };
        let cats: Vec<Option<Amount>> = a.categories.iter().map(get).collect();
        let cat_refs: Vec<&Option<Amount>> = cats.iter().collect();
        let Some(values) = part_values(&cat_refs) else {
            continue;
        };
        let total_ptr = base.key("total").key(field);
        let lbl = label(&[sec, "合计", zh]);
        let what_zh = format!("合计{zh}（各类之和）");
        let what_en = format!("The total {en} (sum of the categories)");
        let at = TotalAt {
            section: Section::Assets,
            pointer: &total_ptr,
            label: &lbl,
            what_zh: &what_zh,
            what_en: &what_en,
        };
        let Some(sum) = checked_sum(values.iter().copied()) else {
            out.push(too_large(&at, &values));
            continue;
        };
        let mut figures = values.clone();
        figures.push(stated_v);
        if !differs(stated_v, sum, &figures, Decimal::ZERO) {
            continue;
        }
        // Is the difference exactly some 其中 rows added in?
        let mut children: Vec<(String, Decimal)> = Vec::new();
        for cat in &a.categories {
            for child in &cat.of_which {
                if let Some(v) = get(child).as_ref().and_then(Amount::value) {
                    children.push((child.name.trim().to_string(), v));
                }
            }
        }
        let with_all =
            checked_sum(children.iter().map(|(_, v)| *v)).and_then(|all| sum.checked_add(all));
        let mut all_figs = figures.clone();
        all_figs.extend(children.iter().map(|(_, v)| *v));
        let added: Option<Vec<(String, Decimal)>> = match with_all {
            Some(total)
                if !children.is_empty() && !differs(stated_v, total, &all_figs, Decimal::ZERO) =>
            {
                Some(children.clone())
            }
            _ => children
                .iter()
                .find(|(_, v)| {
                    let mut f = figures.clone();
                    f.push(*v);
                    sum.checked_add(*v)
                        .is_some_and(|total| !differs(stated_v, total, &f, Decimal::ZERO))
                })
                .map(|c| vec![c.clone()]),
        };
        match added {
            Some(rows) => {
                let names_zh: Vec<String> = rows.iter().map(|(n, v)| format!("{n} {v}")).collect();
                let mut terms = values.clone();
                terms.extend(rows.iter().map(|(_, v)| *v));
                let expr = sum_expression(&terms);
                out.push(
                    Finding::new(
                        "sum.of_which_added",
                        Severity::Error,
                        Section::Assets,
                        &total_ptr,
                        at.label,
                        format!(
                            "合计{zh}填报为 {stated_v}，等于 {expr}，即各类之和 {} 加上“其中”行 {}：“其中”行已含在上级类别内，不应再计入合计；应为 {}，相差 {}",
                            fmt_decimal(sum),
                            names_zh.join("、"),
                            fmt_decimal(sum),
                            fmt_difference(stated_v, sum)
                        ),
                        format!(
                            "The total {en} is stated as {stated_v} = {expr}: the categories ({}) plus the of-which row(s) {}, which are already contained in their category and must not be added; expected {} (difference {})",
                            fmt_decimal(sum),
                            names_zh.join(", "),
                            fmt_decimal(sum),
                            fmt_difference(stated_v, sum)
                        ),
                    )
                    .with_figures(stated_v, sum),
                );
            }
            None => out.push(sum_mismatch(&at, stated_v, &values, sum)),
        }
    }
}

/// Each 其中 row of `parent` is at most `parent` (blank parent counts as zero), recursively.
fn of_which_within(
    out: &mut Vec<Finding>,
    ptr: &Place,
    label_prefix: &[&str],
    parent: &AssetRow,
    field: &str,
    zh: &str,
    en: &str,
) {
    let cell = |r: &AssetRow| -> Read {
        if field == "quantity" {
            read(&r.quantity)
        } else {
            read(&r.value)
        }
    };
    let parent_v = match cell(parent) {
        Read::Value(v) => Some(v),
        Read::Blank => Some(Decimal::ZERO),
        Read::Text => None,
    };
    for (j, child) in parent.of_which.iter().enumerate() {
        let child_ptr = ptr.key("of_which").idx(j);
        let mut parts = label_prefix.to_vec();
        let child_name = format!("其中：{}", child.name.trim());
        parts.push(&child_name);
        if let (Some(p), Read::Value(c)) = (parent_v, cell(child))
            && differs(c, p, &[c, p], Decimal::ZERO)
            && c > p
        {
            out.push(
                Finding::new(
                    "sum.of_which_exceeds",
                    Severity::Error,
                    Section::Assets,
                    child_ptr.key(field),
                    label(&parts),
                    format!(
                        "“其中”行{}的{zh} {c} 大于其所属类别{}的 {p}",
                        child.name.trim(),
                        parent.name.trim()
                    ),
                    format!(
                        "Of-which row {} has {en} {c}, more than its parent {} ({p})",
                        child.name.trim(),
                        parent.name.trim()
                    ),
                )
                .with_figures(c, p),
            );
        }
        of_which_within(out, &child_ptr, &parts, child, field, zh, en);
    }
}

/// True when the cell is blank or holds a number: nothing for `amount.not_number` to say.
fn is_number_or_blank(cell: &Option<Amount>) -> bool {
    cell.as_ref()
        .is_none_or(|a| a.value().is_some() || a.text().trim().is_empty())
}

/// Every amount cell whose text is not a number, with its pointer, section and label.
pub(crate) fn each_non_number<'a>(
    ws: &'a Workspace,
    mut f: impl FnMut(&'a Amount, Place, Section, String),
) {
    let mut visit = |a: &'a Option<Amount>, p: Place, s: Section, l: &[&str]| {
        // Only text that is not a number is reported: skip building labels for the rest.
        if let Some(a) = a
            && a.value().is_none()
        {
            f(a, p, s, label(l));
        }
    };
    let o = Place::root().key("overview");
    let ov = Section::Overview.label_zh();
    let r = &ws.overview.revenue;
    visit(
        &r.total,
        o.key("revenue").key("total"),
        Section::Overview,
        &[ov, "收入合计"],
    );
    visit(
        &r.prior_year,
        o.key("revenue").key("prior_year"),
        Section::Overview,
        &[ov, "上年收入"],
    );
    let mut items: Vec<(&'a LineItem, Place, Section, Vec<String>)> = Vec::new();
    fn collect<'a>(
        items: &'a [LineItem],
        ptr: Place,
        s: Section,
        prefix: Vec<String>,
        out: &mut Vec<(&'a LineItem, Place, Section, Vec<String>)>,
    ) {
        for (i, it) in items.iter().enumerate() {
            let mut l = prefix.clone();
            l.push(it.name.clone());
            let p = ptr.idx(i);
            out.push((it, p.clone(), s, l.clone()));
            collect(&it.children, p.key("children"), s, l, out);
        }
    }
    collect(
        &r.sources,
        o.key("revenue").key("sources"),
        Section::Overview,
        vec![ov.into(), "收入".into()],
        &mut items,
    );
    let e = &ws.overview.expenditure;
    let ep = o.key("expenditure");
    for (key, zh, cell) in [
        ("personnel", "人员经费", &e.personnel),
        ("public_admin", "日常公用经费", &e.public_admin),
        ("basic", "基本支出", &e.basic),
        ("projects", "项目支出", &e.projects),
        ("total", "支出合计", &e.total),
        ("prior_year", "上年支出", &e.prior_year),
    ] {
        visit(cell, ep.key(key), Section::Overview, &[ov, zh]);
    }
    let rc = &ws.running_costs;
    let rp = Place::root().key("running_costs");
    let rl = Section::RunningCosts.label_zh();
    visit(
        &rc.total,
        rp.key("total"),
        Section::RunningCosts,
        &[rl, "合计"],
    );
    visit(
        &rc.prior_year,
        rp.key("prior_year"),
        Section::RunningCosts,
        &[rl, "上年"],
    );
    collect(
        &rc.items,
        rp.key("items"),
        Section::RunningCosts,
        vec![rl.into()],
        &mut items,
    );
    let tp = &ws.three_public;
    let tpp = Place::root().key("three_public");
    let tl = Section::ThreePublic.label_zh();
    visit(
        &tp.total,
        tpp.key("total"),
        Section::ThreePublic,
        &[tl, "合计"],
    );
    visit(
        &tp.prior_year,
        tpp.key("prior_year"),
        Section::ThreePublic,
        &[tl, "上年"],
    );
    collect(
        &tp.items,
        tpp.key("items"),
        Section::ThreePublic,
        vec![tl.into()],
        &mut items,
    );
    for (it, p, s, l) in &items {
        let l: Vec<&str> = l.iter().map(String::as_str).collect();
        visit(&it.amount, p.key("amount"), *s, &l);
        let mut lp = l.clone();
        lp.push("上年");
        visit(&it.prior_year, p.key("prior_year"), *s, &lp);
    }
    let perf = Place::root().key("performance");
    let gl = Section::ItemisedGoals.label_zh();
    for (g, goal) in ws.performance.itemised_goals.items.iter().enumerate() {
        let gp = perf.key("itemised_goals").key("items").idx(g);
        visit(
            &goal.stated_total,
            gp.key("stated_total"),
            Section::ItemisedGoals,
            &[gl, &goal.title, "合计"],
        );
        for (c, comp) in goal.computations.iter().enumerate() {
            let cp = gp.key("computations").idx(c);
            for (key, zh, cell) in [
                ("quantity", "数量", &comp.quantity),
                ("unit_price", "单价", &comp.unit_price),
                ("amount", "金额", &comp.amount),
            ] {
                visit(
                    cell,
                    cp.key(key),
                    Section::ItemisedGoals,
                    &[gl, &goal.title, &comp.label, zh],
                );
            }
        }
    }
    let pl = Section::Projects.label_zh();
    for (i, p) in ws.performance.projects.iter().enumerate() {
        let cells = [&p.budget.total, &p.budget.fiscal, &p.budget.other];
        if cells
            .into_iter()
            .chain(p.spending_plan.points())
            .all(is_number_or_blank)
        {
            continue;
        }
        let pp = Place::projects().idx(i);
        let t = numbered(&p.number, &p.name);
        for (key, zh, cell) in [
            ("total", "预算数", &p.budget.total),
            ("fiscal", "财政资金", &p.budget.fiscal),
            ("other", "其他资金", &p.budget.other),
        ] {
            visit(
                cell,
                pp.key("budget").key(key),
                Section::Projects,
                &[pl, &t, zh],
            );
        }
        let keys = ["march", "june", "october", "december"];
        for (k, point) in p.spending_plan.points().into_iter().enumerate() {
            visit(
                point,
                pp.key("spending_plan").key(keys[k]),
                Section::Projects,
                &[
                    pl,
                    &t,
                    "资金支出计划",
                    crate::model::SpendingPlan::LABELS_ZH[k],
                ],
            );
        }
    }
    let ml = Section::Matrix.label_zh();
    for (d, duty) in ws.performance.matrix.duties.iter().enumerate() {
        let budgets =
            std::iter::once(&duty.budget).chain(duty.activities.iter().map(|a| &a.budget));
        if budgets.clone().all(is_number_or_blank) {
            continue;
        }
        let dp = Place::duties().idx(d);
        let dn = numbered(&duty.number, &duty.name);
        visit(
            &duty.budget,
            dp.key("budget"),
            Section::Matrix,
            &[ml, &dn, "年度预算数"],
        );
        for (a, act) in duty.activities.iter().enumerate() {
            let an = numbered(&act.number, &act.name);
            visit(
                &act.budget,
                dp.key("activities").idx(a).key("budget"),
                Section::Matrix,
                &[ml, &dn, &an, "年度预算数"],
            );
        }
    }
    let pr = &ws.procurement;
    let prp = Place::root().key("procurement");
    let prl = Section::Procurement.label_zh();
    let mut amount_sets: Vec<(&'a ProcurementAmounts, Place, String)> = Vec::new();
    if let Some(t) = &pr.stated_total {
        amount_sets.push((t, prp.key("stated_total"), "合计".into()));
    }
    for (s, sub) in pr.subtotals.iter().enumerate() {
        amount_sets.push((
            &sub.amounts,
            prp.key("subtotals").idx(s).key("amounts"),
            sub.label.clone(),
        ));
    }
    for (i, row) in pr.rows.iter().enumerate() {
        let rp = prp.key("rows").idx(i);
        visit(
            &row.project_budget,
            rp.key("project_budget"),
            Section::Procurement,
            &[prl, &row.item, "预算资金"],
        );
        visit(
            &row.quantity,
            rp.key("quantity"),
            Section::Procurement,
            &[prl, &row.item, "数量"],
        );
        visit(
            &row.unit_price,
            rp.key("unit_price"),
            Section::Procurement,
            &[prl, &row.item, "单价"],
        );
        amount_sets.push((&row.amounts, rp.key("amounts"), row.item.clone()));
    }
    for (set, p, name) in &amount_sets {
        for (key, zh, _, cell) in procurement_fields(set) {
            visit(cell, p.key(key), Section::Procurement, &[prl, name, zh]);
        }
    }
    let ap = Place::root().key("assets");
    let al = Section::Assets.label_zh();
    visit(
        &ws.assets.total.quantity,
        ap.key("total").key("quantity"),
        Section::Assets,
        &[al, "合计", "数量"],
    );
    visit(
        &ws.assets.total.value,
        ap.key("total").key("value"),
        Section::Assets,
        &[al, "合计", "价值"],
    );
    let mut rows: Vec<(&'a AssetRow, Place, String)> = Vec::new();
    fn asset_rows<'a>(
        rows: &'a [AssetRow],
        ptr: Place,
        of_which: bool,
        out: &mut Vec<(&'a AssetRow, Place, String)>,
    ) {
        for (i, r) in rows.iter().enumerate() {
            let p = ptr.idx(i);
            let name = if of_which {
                format!("其中：{}", r.name.trim())
            } else {
                numbered(&r.number, &r.name)
            };
            out.push((r, p.clone(), name));
            asset_rows(&r.of_which, p.key("of_which"), true, out);
        }
    }
    asset_rows(
        &ws.assets.categories,
        ap.key("categories"),
        false,
        &mut rows,
    );
    for (r, p, name) in &rows {
        visit(
            &r.quantity,
            p.key("quantity"),
            Section::Assets,
            &[al, name, "数量"],
        );
        visit(
            &r.value,
            p.key("value"),
            Section::Assets,
            &[al, name, "价值"],
        );
    }
}

/// `amount.not_number` (info): an amount cell holds text that is not a number (e.g. `- -`);
/// no arithmetic can use it.
pub fn not_numbers(ws: &Workspace, out: &mut Vec<Finding>) {
    let mut found = Vec::new();
    each_non_number(ws, |a, p, s, l| {
        if a.value().is_none() && !a.text().trim().is_empty() {
            found.push(Finding::new(
                "amount.not_number",
                Severity::Info,
                s,
                p,
                l,
                format!("金额“{}”不是数字，无法参与核算", a.text()),
                format!(
                    "The amount \"{}\" is not a number; no check can use it",
                    a.text()
                ),
            ));
        }
    });
    out.extend(found);
}
