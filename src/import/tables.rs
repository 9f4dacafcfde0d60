//! Tables: project target tables, the duty-activity matrix, procurement and assets.
//!
//! A table is a run of rows, opened by a title paragraph (`…绩效目标表`, `部门职责-工作活动…`)
//! or by its first row. Its kind comes from the title or its header cells, so a table is
//! placed where it belongs even when its section heading is missing.

use crate::model::{
    Activity, Amount, AssetFigures, AssetRow, Duty, DutyMatrix, GradedIndicator,
    ProcurementAmounts, ProcurementRow, ProcurementSubtotal, ProjectIndicator, ProjectTable,
};

use super::Ctx;
use super::lex::{self, Item, Numbering, Para, Row, compact, is_blank};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableKind {
    Project,
    Matrix,
    Procurement,
    Assets,
    Unknown,
}

/// The kind of table a title paragraph announces.
pub fn title_kind(text: &str) -> Option<TableKind> {
    let t = compact(text);
    if t.chars().count() > 60 || t.ends_with(['。', '；', ';', '，']) {
        return None;
    }
    if t.contains("绩效目标表") {
        Some(TableKind::Project)
    } else if t.contains("职责") && t.contains("活动") {
        Some(TableKind::Matrix)
    } else if t.contains("资产") && t.ends_with('表') {
        Some(TableKind::Assets)
    } else if t.contains("采购") && t.ends_with('表') {
        Some(TableKind::Procurement)
    } else {
        None
    }
}

/// A table as found: its title (if any) and its rows with the paragraphs among them.
pub struct Run {
    pub title: Option<Para>,
    pub items: Vec<Item>,
}

fn is_code_row(row: &Row) -> bool {
    row.has(|c| c == "项目编码")
}

fn is_unit_row(row: &Row) -> bool {
    row.has(|c| c.starts_with("单位") && c.contains(['：', ':']))
}

/// Splits a section's items into prose paragraphs and table runs.
pub fn split_runs(items: Vec<Item>) -> (Vec<Para>, Vec<Run>) {
    let mut prose = Vec::new();
    let mut runs: Vec<Run> = Vec::new();
    let mut current: Option<Run> = None;
    for item in items {
        match item {
            Item::Para(p) => {
                if title_kind(&p.text).is_some() {
                    runs.extend(current.take());
                    current = Some(Run {
                        title: Some(p),
                        items: Vec::new(),
                    });
                } else if let Some(run) = current.as_mut() {
                    run.items.push(Item::Para(p));
                } else {
                    prose.push(p);
                }
            }
            Item::Row(row) => {
                let starts_new = match current.as_ref() {
                    None => true,
                    Some(run) => {
                        let has_rows = run.items.iter().any(|i| matches!(i, Item::Row(_)));
                        // A unit line (单位：万元) or a second 项目编码 opens the next table.
                        (has_rows && is_unit_row(&row))
                            || (is_code_row(&row)
                                && run
                                    .items
                                    .iter()
                                    .any(|i| matches!(i, Item::Row(r) if is_code_row(r))))
                    }
                };
                if starts_new {
                    runs.extend(current.take());
                    current = Some(Run {
                        title: None,
                        items: Vec::new(),
                    });
                }
                if let Some(run) = current.as_mut() {
                    run.items.push(Item::Row(row));
                }
            }
        }
    }
    runs.extend(current.take());
    // A title without rows is prose after all.
    let mut tables = Vec::new();
    for run in runs {
        if run.items.iter().any(|i| matches!(i, Item::Row(_))) {
            tables.push(run);
        } else {
            prose.extend(run.title);
            prose.extend(run.items.into_iter().filter_map(|i| match i {
                Item::Para(p) => Some(p),
                Item::Row(_) => None,
            }));
        }
    }
    (prose, tables)
}

fn run_kind(run: &Run) -> TableKind {
    if let Some(kind) = run.title.as_ref().and_then(|t| title_kind(&t.text)) {
        return kind;
    }
    let rows = || {
        run.items.iter().filter_map(|i| match i {
            Item::Row(r) => Some(r),
            Item::Para(_) => None,
        })
    };
    if rows().any(is_code_row) {
        TableKind::Project
    } else if rows().any(|r| r.has(|c| c == "优") && r.has(|c| c == "差")) {
        TableKind::Matrix
    } else if rows().any(|r| r.has(|c| c.contains("采购物品名称") || c.contains("政府采购目录")))
    {
        TableKind::Procurement
    } else if rows().any(|r| {
        r.has(|c| c.contains("固定资产"))
            || (r.has(|c| c == "数量") && r.has(|c| c.starts_with("价值")))
    }) {
        TableKind::Assets
    } else {
        TableKind::Unknown
    }
}

/// Places a table in the workspace; returns the paragraphs that follow it (prose).
pub fn parse_run(run: Run, ctx: &mut Ctx) -> Vec<Para> {
    match run_kind(&run) {
        TableKind::Project => project(run, ctx),
        TableKind::Matrix => matrix(run, ctx),
        TableKind::Procurement => procurement(run, ctx),
        TableKind::Assets => assets(run, ctx),
        TableKind::Unknown => {
            if let Some(t) = &run.title {
                ctx.note(t.line, &t.text, "a table title of unknown kind");
            }
            for item in &run.items {
                ctx.note_item(item, "a table row of unknown kind");
            }
            Vec::new()
        }
    }
}

/// Joins rows that stray blank lines split, so each has `width` cells; paragraphs inside a
/// short row continue its last cell. Returns the rows and the paragraphs after the last row.
fn assemble(items: &[Item], width: usize, ctx: &mut Ctx) -> (Vec<Row>, Vec<Para>) {
    let mut rows: Vec<Row> = Vec::new();
    let mut pending: Vec<Para> = Vec::new();
    for item in items {
        let short = rows.last().is_some_and(|r| r.cells.len() < width) && pending.is_empty();
        match item {
            Item::Row(r) => {
                for p in pending.drain(..) {
                    ctx.note(p.line, &p.text, "text between table rows");
                }
                match rows.last_mut() {
                    Some(last) if short && last.cells.len() + r.cells.len() <= width => {
                        last.cells.extend(r.cells.iter().cloned());
                    }
                    _ => rows.push(r.clone()),
                }
            }
            Item::Para(p) => match rows.last_mut().and_then(|r| r.cells.last_mut()) {
                Some(cell) if short => {
                    cell.text.push('\n');
                    cell.text.push_str(&p.text);
                }
                _ => pending.push(p.clone()),
            },
        }
    }
    for row in &rows {
        for cell in row.cells.iter().skip(width) {
            if !is_blank(&cell.text) {
                ctx.note(cell.line, &cell.text, "a cell beyond the table's columns");
            }
        }
    }
    (rows, pending)
}

fn amount(cell: &str) -> Option<Amount> {
    if is_blank(cell) {
        None
    } else {
        Some(Amount::parse(cell.trim()))
    }
}

fn numbered_title(title: &str) -> (String, String) {
    match lex::split_number(title) {
        Some((Numbering::Arabic | Numbering::Chinese, number, rest)) => {
            (number, rest.trim().to_string())
        }
        _ => (String::new(), title.trim().to_string()),
    }
}

#[derive(PartialEq)]
enum Last {
    None,
    Budget,
    Purpose,
    Plan(Vec<(usize, usize)>),
    Goals,
    Other,
}

/// One 项目绩效目标表.
fn project(run: Run, ctx: &mut Ctx) -> Vec<Para> {
    let mut t = ProjectTable::default();
    if let Some(title) = &run.title {
        (t.number, t.title) = numbered_title(&title.text);
    }
    let mut last = Last::None;
    let mut pending: Vec<Para> = Vec::new();
    let mut trailing = Vec::new();
    let mut index = 0;
    while let Some(item) = run.items.get(index) {
        index += 1;
        let row = match item {
            Item::Para(p) => {
                match last {
                    Last::Goals => t.goals.push(p.text.clone()),
                    Last::Purpose => {
                        t.purpose.push('\n');
                        t.purpose.push_str(&p.text);
                    }
                    _ => pending.push(p.clone()),
                }
                continue;
            }
            Item::Row(r) => r,
        };
        for p in pending.drain(..) {
            ctx.note(p.line, &p.text, "text inside a project table");
        }
        if row.has(|c| c == "一级指标") {
            let rest = run.items.get(index..).unwrap_or_default();
            trailing = indicators(row, rest, &mut t, ctx);
            index = run.items.len();
            continue;
        }
        if let Last::Plan(cols) = &last {
            for &(col, point) in cols {
                if let Some(slot) = t.spending_plan.point_mut(point) {
                    *slot = amount(row.get(col));
                }
            }
            last = Last::Other;
            continue;
        }
        let mut used = false;
        for (i, cell) in row.cells.iter().enumerate() {
            let label = compact(&cell.text);
            let next = row.get(i + 1);
            if label.starts_with("单位") && label.contains(['：', ':']) {
                t.unit = lex::after_colon(&cell.text).to_string();
                used = true;
            } else if label == "项目编码" || label == "项目代码" {
                t.code = next.trim().to_string();
                used = true;
            } else if label.ends_with("名称") && label.chars().count() <= 8 {
                t.name_label = label;
                t.name = next.trim().to_string();
                used = true;
            } else if label == "预算数" || label == "预算金额" || label == "年度预算数"
            {
                t.budget.total = amount(next);
                used = true;
                last = Last::Budget;
            } else if label.contains("财政资金") {
                t.budget.fiscal = amount(next);
                used = true;
                last = Last::Budget;
            } else if label.contains("其他资金") {
                t.budget.other = amount(next);
                used = true;
                last = Last::Budget;
            } else if label.starts_with("资金支出计划") || label.starts_with("支出计划") {
                let cols = row
                    .cells
                    .iter()
                    .enumerate()
                    .filter_map(|(col, c)| month_point(&c.text).map(|p| (col, p)))
                    .collect::<Vec<_>>();
                for (col, c) in row.cells.iter().enumerate() {
                    let l = compact(&c.text);
                    if col != i && !l.is_empty() && month_point(&l).is_none() {
                        ctx.note(
                            c.line,
                            &c.text,
                            "a spending-plan point other than 3/6/10/12月底",
                        );
                    }
                }
                last = Last::Plan(cols);
                used = true;
                break;
            } else if label == "绩效目标" || label == "年度绩效目标" || label == "项目绩效目标"
            {
                for c in row.cells.iter().skip(i + 1) {
                    t.goals
                        .extend(c.text.lines().filter(|l| !is_blank(l)).map(str::to_string));
                }
                last = Last::Goals;
                used = true;
                break;
            }
        }
        if used {
            if last == Last::Goals || matches!(last, Last::Plan(_)) {
                continue;
            }
            if last != Last::Budget {
                last = Last::Other;
            }
            continue;
        }
        // The row after the budget is the purpose (资金用途), its label cell merged.
        if last == Last::Budget && t.purpose.is_empty() {
            let text: Vec<&str> = row
                .cells
                .iter()
                .map(|c| c.text.as_str())
                .filter(|c| !is_blank(c) && !compact(c).contains("资金用途"))
                .collect();
            t.purpose = text.join("\n");
            last = Last::Purpose;
            continue;
        }
        if !row.is_blank() {
            ctx.note(
                row.line,
                &row.summary(),
                "a project-table row that was not understood",
            );
        }
        last = Last::Other;
    }
    trailing.extend(pending);
    if t.code.is_empty() {
        let line = run.title.as_ref().map_or(0, |p| p.line);
        ctx.warn(
            line,
            format!("project table 「{}」 has no 项目编码", t.title),
        );
    }
    ctx.ws.performance.projects.push(t);
    trailing
}

/// 3月底 → 0, 6月底 → 1, 10月底 → 2, 12月底 → 3.
fn month_point(text: &str) -> Option<usize> {
    let t = compact(text);
    let (number, rest) = lex::leading_number(&t)?;
    if !rest.starts_with('月') {
        return None;
    }
    match number {
        "3" => Some(0),
        "6" => Some(1),
        "10" => Some(2),
        "12" => Some(3),
        _ => None,
    }
}

/// The indicator rows of a project table, after its header row.
fn indicators(header: &Row, rest: &[Item], t: &mut ProjectTable, ctx: &mut Ctx) -> Vec<Para> {
    let col = |pred: &dyn Fn(&str) -> bool, default: usize| header.find(pred).unwrap_or(default);
    let c1 = col(&|c| c == "一级指标", 0);
    let c2 = col(&|c| c == "二级指标", 1);
    let c3 = col(&|c| c == "三级指标", 2);
    let cd = col(&|c| c.contains("描述"), 3);
    let cv = col(&|c| c == "指标值", 4);
    let cb = col(&|c| c.contains("依据"), 5);
    let width = header.cells.len().max(6);
    let (rows, trailing) = assemble(rest, width, ctx);
    let mut level1 = String::new();
    let mut level2 = String::new();
    for row in rows {
        if row.is_blank() {
            continue;
        }
        let l1 = row.get(c1);
        if !is_blank(l1) {
            level1 = l1.trim().to_string();
        }
        let l2 = row.get(c2);
        if !is_blank(l2) {
            level2 = l2.trim().to_string();
        }
        t.indicators.push(ProjectIndicator {
            level1: level1.clone(),
            level2: level2.clone(),
            name: row.get(c3).to_string(),
            description: row.get(cd).to_string(),
            value: row.get(cv).to_string(),
            basis: row.get(cb).to_string(),
            ..ProjectIndicator::default()
        });
    }
    trailing
}

/// A test on a header cell's compact text.
type Pred<'a> = &'a dyn Fn(&str) -> bool;

enum Holder {
    None,
    Duty,
    Activity,
}

/// 部门职责-工作活动绩效目标.
fn matrix(run: Run, ctx: &mut Ctx) -> Vec<Para> {
    let mut fresh = DutyMatrix::default();
    if let Some(title) = &run.title {
        fresh.title = title.text.trim().to_string();
        fresh.footnote_refs = title.refs.clone();
    }
    let mut cols = [0usize, 1, 2, 3, 4, 5, 6, 7, 8];
    let mut width = 9;
    let mut data_from = None;
    let mut pending = Vec::new();
    for (index, item) in run.items.iter().enumerate() {
        let row = match item {
            Item::Para(p) => {
                pending.push(p.clone());
                continue;
            }
            Item::Row(r) => r,
        };
        if row.has(|c| c.starts_with("单位") && c.contains(['：', ':'])) {
            if let Some(i) = row.find(|c| c.starts_with("单位")) {
                fresh.unit = lex::after_colon(row.get(i)).to_string();
            }
            for c in &row.cells {
                let l = compact(&c.text);
                if !l.is_empty() && !l.starts_with("单位") {
                    ctx.note(c.line, &c.text, "text beside the matrix unit");
                }
            }
        } else if row.has(|c| c == "优") && row.has(|c| c == "差") {
            for (slot, grade) in ["优", "良", "中", "差"].iter().enumerate() {
                if let (Some(i), Some(target)) = (row.find(|c| c == *grade), cols.get_mut(5 + slot))
                {
                    *target = i;
                }
            }
            width = row.cells.len().max(width);
            data_from = Some(index + 1);
            break;
        } else if row.has(|c| c.contains("内容描述") || c.contains("职责活动") || c == "评价标准")
        {
            let headers: [(usize, Pred); 5] = [
                (0, &|c| c.contains("职责") || c.contains("活动")),
                (1, &|c| c.contains("预算")),
                (2, &|c| c.contains("内容")),
                (3, &|c| c == "绩效目标"),
                (4, &|c| c.contains("绩效指标")),
            ];
            for (slot, pred) in headers {
                if let (Some(i), Some(target)) = (row.find(pred), cols.get_mut(slot)) {
                    *target = i;
                }
            }
        } else {
            data_from = Some(index);
            break;
        }
        for p in pending.drain(..) {
            ctx.note(p.line, &p.text, "text inside the matrix header");
        }
    }
    for p in pending.drain(..) {
        ctx.note(p.line, &p.text, "text inside the matrix header");
    }
    width = width.max(cols.iter().copied().max().unwrap_or(8) + 1);
    let rest = data_from
        .and_then(|i| run.items.get(i..))
        .unwrap_or_default();
    let (rows, trailing) = assemble(rest, width, ctx);
    let [
        c_name,
        c_budget,
        c_content,
        c_goal,
        c_ind,
        c_a,
        c_b,
        c_c,
        c_d,
    ] = cols;
    let mut holder = Holder::None;
    for row in rows {
        if row.is_blank() {
            continue;
        }
        let first = row.get(c_name);
        let indicator = GradedIndicator {
            name: row.get(c_ind).to_string(),
            excellent: row.get(c_a).to_string(),
            good: row.get(c_b).to_string(),
            fair: row.get(c_c).to_string(),
            poor: row.get(c_d).to_string(),
            ..GradedIndicator::default()
        };
        let has_indicator =
            indicator.standards().iter().any(|s| !is_blank(s)) || !is_blank(&indicator.name);
        let budget = amount(row.get(c_budget));
        let content = row.get(c_content).to_string();
        let goal = row.get(c_goal).to_string();
        let numbered = lex::split_number(first);
        match numbered {
            Some((Numbering::Chinese | Numbering::ParenChinese, number, rest)) => {
                fresh.duties.push(Duty {
                    number,
                    name: rest.trim().to_string(),
                    budget,
                    content,
                    goal,
                    ..Duty::default()
                });
                holder = Holder::Duty;
            }
            _ if !is_blank(first) => {
                let (number, name) = match numbered {
                    Some((_, n, rest)) => (n, rest.trim().to_string()),
                    None => (String::new(), first.trim().to_string()),
                };
                if fresh.duties.is_empty() {
                    ctx.warn(
                        row.line,
                        "a work activity before any duty; placed under an unnamed duty",
                    );
                    fresh.duties.push(Duty::default());
                }
                if let Some(duty) = fresh.duties.last_mut() {
                    duty.activities.push(Activity {
                        number,
                        name,
                        budget,
                        content,
                        goal,
                        ..Activity::default()
                    });
                }
                holder = Holder::Activity;
            }
            _ => {
                // A continuation row: more indicators (and rarely more text) of the holder.
                let extra_text = [&content, &goal].iter().any(|s| !is_blank(s)) || budget.is_some();
                let target = match holder {
                    Holder::Activity => fresh
                        .duties
                        .last_mut()
                        .and_then(|d| d.activities.last_mut())
                        .map(|a| (&mut a.content, &mut a.goal, &mut a.budget)),
                    Holder::Duty => fresh
                        .duties
                        .last_mut()
                        .map(|d| (&mut d.content, &mut d.goal, &mut d.budget)),
                    Holder::None => None,
                };
                match target {
                    Some((c, g, b)) => {
                        if extra_text {
                            join_text(c, &content);
                            join_text(g, &goal);
                            if b.is_none() {
                                *b = budget;
                            }
                        }
                    }
                    None => {
                        ctx.note(row.line, &row.summary(), "a matrix row before any duty");
                        continue;
                    }
                }
            }
        }
        if has_indicator {
            let list = match holder {
                Holder::Activity => fresh
                    .duties
                    .last_mut()
                    .and_then(|d| d.activities.last_mut())
                    .map(|a| &mut a.indicators),
                Holder::Duty => fresh.duties.last_mut().map(|d| &mut d.indicators),
                Holder::None => None,
            };
            if let Some(list) = list {
                list.push(indicator);
            }
        }
    }
    let m = &ctx.ws.performance.matrix;
    if m.duties.is_empty() && m.title.is_empty() {
        ctx.ws.performance.matrix = fresh;
    } else {
        ctx.warn(
            run.title.as_ref().map_or(0, |p| p.line),
            "a second duty-activity matrix; its duties were added to the first",
        );
        ctx.ws.performance.matrix.duties.extend(fresh.duties);
    }
    trailing
}

fn join_text(field: &mut String, more: &str) {
    if is_blank(more) {
        return;
    }
    if !field.is_empty() {
        field.push('\n');
    }
    field.push_str(more);
}

/// 政府采购预算表.
fn procurement(run: Run, ctx: &mut Ctx) -> Vec<Para> {
    if let Some(title) = &run.title {
        let text = title.text.trim().to_string();
        ctx.ws.procurement.paragraphs.push(text);
    }
    // Columns: project, budget, item, code, unit, quantity, price, then amounts.
    let mut money = [7usize, 8, 9, 10, 11, 12, 13];
    let mut data_from = None;
    let mut width = 14;
    for (index, item) in run.items.iter().enumerate() {
        let row = match item {
            Item::Para(para) => {
                let text = para.text.trim().to_string();
                ctx.ws.procurement.paragraphs.push(text);
                continue;
            }
            Item::Row(r) => r,
        };
        let is_header = row.has(|c| {
            c.contains("采购物品名称")
                || c.contains("政府采购项目来源")
                || c == "项目名称"
                || c == "总计"
                || c.contains("当年部门预算安排资金")
                || c.contains("一般公共预算拨款")
        });
        if row.has(|c| c.starts_with("单位") && c.contains(['：', ':'])) && !is_header {
            for c in &row.cells {
                let l = compact(&c.text);
                let p = &mut ctx.ws.procurement;
                if l.starts_with("单位") {
                    p.unit = lex::after_colon(&c.text).to_string();
                } else if !l.is_empty() && p.department.is_empty() {
                    p.department = c.text.trim().to_string();
                } else if !l.is_empty() {
                    ctx.note(c.line, &c.text, "text beside the procurement unit");
                }
            }
        } else if is_header {
            if let Some(general) = row.find(|c| c.contains("一般公共预算拨款")) {
                let dept = row
                    .find(|c| c == "合计")
                    .unwrap_or(general.saturating_sub(1));
                let fund = row.find(|c| c.contains("基金")).unwrap_or(general + 1);
                let special = row.find(|c| c.contains("财政专户")).unwrap_or(fund + 1);
                let other = row.find(|c| c.contains("其他来源")).unwrap_or(special + 1);
                money = [
                    dept.saturating_sub(1),
                    dept,
                    general,
                    fund,
                    special,
                    other,
                    other + 1,
                ];
                width = row.cells.len().max(other + 2);
            }
        } else {
            data_from = Some(index);
            break;
        }
    }
    let rest = data_from
        .and_then(|i| run.items.get(i..))
        .unwrap_or_default();
    let (rows, trailing) = assemble(rest, width, ctx);
    let amounts = |row: &Row| {
        let [total, dept, general, fund, special, other, channels] = money;
        ProcurementAmounts {
            total: amount(row.get(total)),
            department_total: amount(row.get(dept)),
            general_public: amount(row.get(general)),
            fund: amount(row.get(fund)),
            special_account: amount(row.get(special)),
            other_income: amount(row.get(other)),
            other_channels: amount(row.get(channels)),
            ..ProcurementAmounts::default()
        }
    };
    let p = &mut ctx.ws.procurement;
    for row in rows {
        if row.is_blank() {
            continue;
        }
        let first = compact(row.get(0));
        if (first == "合计" || first == "总计") && p.stated_total.is_none() {
            p.stated_total = Some(amounts(&row));
        } else if first.ends_with("小计") || first == "合计" || first == "总计" {
            p.subtotals.push(ProcurementSubtotal {
                label: row.get(0).trim().to_string(),
                amounts: amounts(&row),
                ..ProcurementSubtotal::default()
            });
        } else {
            p.rows.push(ProcurementRow {
                project: row.get(0).trim().to_string(),
                project_budget: amount(row.get(1)),
                item: row.get(2).trim().to_string(),
                catalogue_code: row.get(3).trim().to_string(),
                unit: row.get(4).trim().to_string(),
                quantity: amount(row.get(5)),
                unit_price: amount(row.get(6)),
                amounts: amounts(&row),
                ..ProcurementRow::default()
            });
        }
    }
    trailing
}

/// 固定资产占用情况表.
fn assets(run: Run, ctx: &mut Ctx) -> Vec<Para> {
    if let Some(title) = &run.title {
        ctx.ws.assets.title = title.text.trim().to_string();
    }
    let mut width = 3;
    let mut data_from = None;
    for (index, item) in run.items.iter().enumerate() {
        let row = match item {
            Item::Para(p) => {
                ctx.ws.assets.paragraphs.push(p.text.trim().to_string());
                continue;
            }
            Item::Row(r) => r,
        };
        let filled: Vec<&str> = row
            .cells
            .iter()
            .map(|c| c.text.as_str())
            .filter(|c| !is_blank(c))
            .collect();
        if filled.len() == 1 && filled.iter().all(|c| compact(c).ends_with('表')) {
            ctx.ws.assets.title = filled.concat().trim().to_string();
        } else if row.has(|c| {
            c.starts_with("编制部门") || c.starts_with("截止时间") || c.starts_with("截至")
        }) {
            for c in &row.cells {
                let l = compact(&c.text);
                let a = &mut ctx.ws.assets;
                if l.starts_with("编制部门") || l.starts_with("编制单位") {
                    a.compiled_by = lex::after_colon(&c.text).to_string();
                } else if l.starts_with("截止") || l.starts_with("截至") {
                    a.as_of = lex::after_colon(&c.text).to_string();
                } else if !l.is_empty() {
                    ctx.note(c.line, &c.text, "text beside 编制部门/截止时间");
                }
            }
        } else if row.has(|c| c == "数量") {
            if let Some(cell) = row.cells.iter().find(|c| c.text.contains("单位")) {
                let after = cell.text.split_once("单位").map_or("", |(_, r)| r);
                let unit = after
                    .trim_start_matches(['：', ':'])
                    .split(['）', ')'])
                    .next()
                    .unwrap_or("")
                    .trim();
                ctx.ws.assets.value_unit = unit.to_string();
            }
            width = row.cells.len().max(3);
        } else {
            data_from = Some(index);
            break;
        }
    }
    let rest = data_from
        .and_then(|i| run.items.get(i..))
        .unwrap_or_default();
    let (rows, trailing) = assemble(rest, width, ctx);
    let a = &mut ctx.ws.assets;
    for row in rows {
        if row.is_blank() {
            continue;
        }
        let first = row.get(0);
        let quantity = amount(row.get(1));
        let value = amount(row.get(2));
        let name = compact(first);
        if name == "合计" || name == "总计" {
            a.total = AssetFigures {
                quantity,
                value,
                ..AssetFigures::default()
            };
            continue;
        }
        let numbered = lex::split_number(first)
            .filter(|(k, _, _)| matches!(k, Numbering::Chinese | Numbering::ParenChinese));
        if let Some((_, number, rest)) = numbered {
            a.categories.push(AssetRow {
                number,
                name: rest.trim().to_string(),
                quantity,
                value,
                ..AssetRow::default()
            });
            continue;
        }
        let trimmed = first.trim();
        let of_which = trimmed.starts_with("其中");
        let label = trimmed
            .trim_start_matches("其中")
            .trim_start_matches(['：', ':'])
            .trim()
            .to_string();
        let indented = first.starts_with(char::is_whitespace);
        let child = AssetRow {
            number: String::new(),
            name: label,
            quantity,
            value,
            ..AssetRow::default()
        };
        match a.categories.last_mut() {
            Some(parent) if of_which || indented => parent.of_which.push(child),
            _ => a.categories.push(AssetRow {
                name: trimmed.to_string(),
                ..child
            }),
        }
    }
    trailing
}
