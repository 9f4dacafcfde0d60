//! The rows each screen shows, derived from the workspace. Drawing, search and jumping to
//! a finding's place all use these, so they agree on what row N is.

use rust_decimal::Decimal;

use super::edit::{GradedField, IndicatorField, NodeField, ProjectField, Target};
use super::grading;
use super::i18n::{Lang, Msg, t};
use crate::model::{Amount, LineItem, ProjectTable, Workspace};

/// A row of the Summary or 三公 screens: a label and up to four value columns.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SumRow {
    pub label: String,
    pub cols: Vec<String>,
    pub pointer: String,
    pub heading: bool,
    pub indent: usize,
    /// The figure each value column edits (JSON pointers), when it is one.
    pub edit: Vec<Option<String>>,
}

impl SumRow {
    fn heading(label: &str, pointer: &str) -> SumRow {
        SumRow {
            label: label.to_string(),
            pointer: pointer.to_string(),
            heading: true,
            ..SumRow::default()
        }
    }

    fn text(label: &str, value: &str, pointer: &str) -> SumRow {
        SumRow {
            label: label.to_string(),
            cols: vec![value.to_string()],
            pointer: pointer.to_string(),
            indent: 1,
            ..SumRow::default()
        }
    }

    fn figures(
        label: &str,
        amount: &Option<Amount>,
        prior: &Option<Amount>,
        change: &str,
        pointer: &str,
    ) -> SumRow {
        SumRow {
            label: label.to_string(),
            cols: vec![amount_text(amount), amount_text(prior), change.to_string()],
            pointer: pointer.to_string(),
            indent: 1,
            heading: false,
            edit: Vec::new(),
        }
    }

    /// All its text, for search.
    pub fn search_text(&self) -> String {
        let mut s = self.label.clone();
        for c in &self.cols {
            s.push(' ');
            s.push_str(c);
        }
        s
    }
}

pub fn amount_text(amount: &Option<Amount>) -> String {
    amount
        .as_ref()
        .map(|a| a.text().to_string())
        .unwrap_or_default()
}

pub fn value(amount: &Option<Amount>) -> Option<Decimal> {
    amount.as_ref().and_then(Amount::value)
}

/// Change from `prior` to `now` in percent, two decimals, e.g. `+9.57%`.
pub fn change_percent(now: &Option<Amount>, prior: &Option<Amount>) -> String {
    match (value(now), value(prior)) {
        (Some(n), Some(p)) if !p.is_zero() => {
            let Some(pct) = crate::review::percent_change(n, p) else {
                return String::new();
            };
            let pct = pct.round_dp(2);
            if pct.is_sign_negative() {
                format!("{pct}%")
            } else {
                format!("+{pct}%")
            }
        }
        _ => String::new(),
    }
}

/// An amount as hundredths for a bar chart (exact; negatives and blanks are 0).
pub fn hundredths(amount: Option<Decimal>) -> u64 {
    use rust_decimal::prelude::ToPrimitive;
    amount
        .and_then(|d| d.checked_mul(Decimal::ONE_HUNDRED))
        .map(|d| d.round())
        .and_then(|d| d.to_u64())
        .unwrap_or(0)
}

/// The Summary screen's rows.
pub fn summary_rows(ws: &Workspace, lang: Lang) -> Vec<SumRow> {
    let tr = |m| t(lang, m);
    let mut rows = Vec::new();
    let p = &ws.profile;
    rows.push(SumRow::heading(tr(Msg::Profile), "/profile"));
    rows.push(SumRow::text(
        tr(Msg::Department),
        &ws.meta.department,
        "/meta/department",
    ));
    rows.push(SumRow::text(
        tr(Msg::Year),
        &ws.meta.year.map(|y| y.to_string()).unwrap_or_default(),
        "/meta/year",
    ));
    rows.push(SumRow::text(tr(Msg::Level), &p.level, "/profile/level"));
    rows.push(SumRow::text(tr(Msg::Nature), &p.nature, "/profile/nature"));
    rows.push(SumRow::text(
        tr(Msg::FundingForm),
        &p.funding_form,
        "/profile/funding_form",
    ));
    rows.push(SumRow::text(
        tr(Msg::Offices),
        &p.offices.join("、"),
        "/profile/offices",
    ));

    let r = &ws.overview.revenue;
    let mut head = SumRow::heading(tr(Msg::Revenue), "/overview/revenue");
    head.cols = vec![
        tr(Msg::Amount).into(),
        tr(Msg::PriorYear).into(),
        tr(Msg::Change).into(),
    ];
    rows.push(head);
    for (i, s) in r.sources.iter().enumerate() {
        rows.push(SumRow::figures(
            &s.name,
            &s.amount,
            &s.prior_year,
            &s.change,
            &format!("/overview/revenue/sources/{i}"),
        ));
    }
    rows.push(SumRow::figures(
        tr(Msg::Total),
        &r.total,
        &r.prior_year,
        &r.change,
        "/overview/revenue/total",
    ));

    let e = &ws.overview.expenditure;
    rows.push(SumRow::heading(
        tr(Msg::Expenditure),
        "/overview/expenditure",
    ));
    let none = None;
    for (label, amount, key) in [
        (Msg::Personnel, &e.personnel, "personnel"),
        (Msg::PublicAdmin, &e.public_admin, "public_admin"),
        (Msg::Basic, &e.basic, "basic"),
        (Msg::ProjectSpending, &e.projects, "projects"),
    ] {
        rows.push(SumRow::figures(
            tr(label),
            amount,
            &none,
            "",
            &format!("/overview/expenditure/{key}"),
        ));
    }
    rows.push(SumRow::figures(
        tr(Msg::Total),
        &e.total,
        &e.prior_year,
        &e.change,
        "/overview/expenditure/total",
    ));
    if !e.reason.is_empty() {
        rows.push(SumRow::text(
            tr(Msg::Reason),
            &e.reason,
            "/overview/expenditure/reason",
        ));
    }

    let rc = &ws.running_costs;
    rows.push(SumRow::heading(tr(Msg::RunningCosts), "/running_costs"));
    for (i, item) in rc.items.iter().enumerate() {
        rows.push(SumRow::figures(
            &item.name,
            &item.amount,
            &item.prior_year,
            &item.change,
            &format!("/running_costs/items/{i}"),
        ));
    }
    rows.push(SumRow::figures(
        tr(Msg::Total),
        &rc.total,
        &rc.prior_year,
        &rc.change,
        "/running_costs/total",
    ));

    let pr = &ws.procurement;
    rows.push(SumRow::heading(tr(Msg::Procurement), "/procurement"));
    for (i, row) in pr.rows.iter().enumerate() {
        let mut r = SumRow::figures(
            &format!("{} {}", row.item, row.catalogue_code),
            &row.amounts.total,
            &None,
            "",
            &format!("/procurement/rows/{i}"),
        );
        r.cols[1] = format!("{}{}", amount_text(&row.quantity), row.unit);
        rows.push(r);
    }
    if let Some(total) = &pr.stated_total {
        rows.push(SumRow::figures(
            tr(Msg::Total),
            &total.total,
            &None,
            "",
            "/procurement/stated_total",
        ));
    }

    let a = &ws.assets;
    rows.push(SumRow::heading(tr(Msg::Assets), "/assets"));
    for (i, cat) in a.categories.iter().enumerate() {
        let pointer = format!("/assets/categories/{i}");
        let mut r = SumRow::figures(&cat.name, &cat.value, &None, "", &pointer);
        r.cols[1] = amount_text(&cat.quantity);
        rows.push(r);
        for (j, sub) in cat.of_which.iter().enumerate() {
            let mut r = SumRow::figures(
                &sub.name,
                &sub.value,
                &None,
                "",
                &format!("{pointer}/of_which/{j}"),
            );
            r.cols[1] = amount_text(&sub.quantity);
            r.indent = 2;
            rows.push(r);
        }
    }
    let mut total = SumRow::figures(tr(Msg::Total), &a.total.value, &None, "", "/assets/total");
    total.cols[1] = amount_text(&a.total.quantity);
    rows.push(total);
    add_figure_columns(ws, &mut rows);
    rows
}

/// The figures a row's value columns show, by the row's pointer; only places that exist.
fn add_figure_columns(ws: &Workspace, rows: &mut [SumRow]) {
    for row in rows.iter_mut().filter(|r| !r.cols.is_empty()) {
        let p = row.pointer.as_str();
        let wanted: Vec<String> = match p {
            "/overview/revenue/total" => vec![p.into(), "/overview/revenue/prior_year".into()],
            "/overview/expenditure/total" => {
                vec![p.into(), "/overview/expenditure/prior_year".into()]
            }
            "/running_costs/total" => vec![p.into(), "/running_costs/prior_year".into()],
            "/three_public/total" => vec![p.into(), "/three_public/prior_year".into()],
            "/procurement/stated_total" => vec![format!("{p}/total")],
            "/assets/total" => vec![format!("{p}/value"), format!("{p}/quantity")],
            _ if p.starts_with("/overview/expenditure/") => vec![p.into()],
            _ if p.starts_with("/procurement/rows/") => {
                vec![format!("{p}/amounts/total"), format!("{p}/quantity")]
            }
            _ if p.starts_with("/assets/categories/") => {
                vec![format!("{p}/value"), format!("{p}/quantity")]
            }
            _ if p.starts_with("/overview/revenue/sources/")
                || p.starts_with("/running_costs/items/")
                || p.starts_with("/three_public/items/") =>
            {
                vec![format!("{p}/amount"), format!("{p}/prior_year")]
            }
            _ => Vec::new(),
        };
        row.edit = wanted
            .into_iter()
            .map(|w| super::edit::figure(ws, &w).map(|_| w))
            .collect();
    }
}

/// The 三公 screen's rows: items (with their parts) and the total.
pub fn three_public_rows(ws: &Workspace, lang: Lang) -> Vec<SumRow> {
    let tp = &ws.three_public;
    let mut rows = Vec::new();
    fn push(rows: &mut Vec<SumRow>, item: &LineItem, pointer: String, indent: usize) {
        rows.push(SumRow {
            label: item.name.clone(),
            cols: vec![
                amount_text(&item.amount),
                amount_text(&item.prior_year),
                change_percent(&item.amount, &item.prior_year),
                item.change.clone(),
            ],
            pointer: pointer.clone(),
            heading: false,
            indent,
            edit: Vec::new(),
        });
        for (j, child) in item.children.iter().enumerate() {
            push(rows, child, format!("{pointer}/children/{j}"), indent + 1);
        }
    }
    for (i, item) in tp.items.iter().enumerate() {
        push(&mut rows, item, format!("/three_public/items/{i}"), 0);
    }
    rows.push(SumRow {
        label: t(lang, Msg::Total).to_string(),
        cols: vec![
            amount_text(&tp.total),
            amount_text(&tp.prior_year),
            change_percent(&tp.total, &tp.prior_year),
            tp.change.clone(),
        ],
        pointer: "/three_public/total".into(),
        heading: true,
        indent: 0,
        edit: Vec::new(),
    });
    add_figure_columns(ws, &mut rows);
    rows
}

/// One line of the 三公 / 机关运行经费 cross-check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CrossRow {
    pub name: String,
    pub three_public: String,
    pub running: String,
    /// `Some(true)` agree, `Some(false)` differ, `None` one side missing.
    pub agrees: Option<bool>,
}

/// 三公's 公务接待费 and 公务用车运行维护费 against the same items in 机关运行经费.
pub fn cross_check(ws: &Workspace) -> Vec<CrossRow> {
    fn find<'a>(items: &'a [LineItem], needle: &str) -> Option<&'a LineItem> {
        for item in items {
            if item.name.contains(needle) {
                return Some(item);
            }
            if let Some(found) = find(&item.children, needle) {
                return Some(found);
            }
        }
        None
    }
    [("公务接待费", "接待"), ("公务用车运行维护费", "运行维护")]
        .into_iter()
        .map(|(name, needle)| {
            let a = find(&ws.three_public.items, needle).and_then(|i| i.amount.clone());
            let b = find(&ws.running_costs.items, needle).and_then(|i| i.amount.clone());
            let agrees = match (value(&a), value(&b)) {
                (Some(x), Some(y)) => Some(x == y),
                _ => None,
            };
            CrossRow {
                name: name.to_string(),
                three_public: amount_text(&a),
                running: amount_text(&b),
                agrees,
            }
        })
        .collect()
}

/// A row of a project table on the Projects screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProjectRow {
    Field(ProjectField),
    /// The column header above the indicator rows.
    IndicatorHeader,
    Indicator(usize),
}

/// The header fields of a project table, in display order (goals follow).
pub const PROJECT_FIELDS: [ProjectField; 10] = [
    ProjectField::Code,
    ProjectField::Name,
    ProjectField::BudgetTotal,
    ProjectField::BudgetFiscal,
    ProjectField::BudgetOther,
    ProjectField::Purpose,
    ProjectField::Plan(0),
    ProjectField::Plan(1),
    ProjectField::Plan(2),
    ProjectField::Plan(3),
];

/// The columns of an indicator row: `None` is the parsed reading (not editable).
pub const INDICATOR_COLUMNS: [Option<IndicatorField>; 8] = [
    Some(IndicatorField::Level1),
    Some(IndicatorField::Level2),
    Some(IndicatorField::Name),
    Some(IndicatorField::Description),
    Some(IndicatorField::Value),
    None,
    Some(IndicatorField::Basis),
    Some(IndicatorField::Actual),
];

pub fn project_row_count(p: &ProjectTable) -> usize {
    PROJECT_FIELDS.len() + p.goals.len() + 1 + p.indicators.len()
}

pub fn project_row(p: &ProjectTable, row: usize) -> ProjectRow {
    let fields = PROJECT_FIELDS.len();
    if row < fields {
        ProjectRow::Field(PROJECT_FIELDS[row])
    } else if row < fields + p.goals.len() {
        ProjectRow::Field(ProjectField::Goal(row - fields))
    } else if row == fields + p.goals.len() {
        ProjectRow::IndicatorHeader
    } else {
        ProjectRow::Indicator(row - fields - p.goals.len() - 1)
    }
}

/// The row number of indicator `i` of `p`.
pub fn project_indicator_row(p: &ProjectTable, i: usize) -> usize {
    PROJECT_FIELDS.len() + p.goals.len() + 1 + i
}

pub fn project_field_label(field: ProjectField, lang: Lang) -> String {
    let tr = |m| t(lang, m).to_string();
    match field {
        ProjectField::Code => tr(Msg::Code),
        ProjectField::Name => tr(Msg::Name),
        ProjectField::BudgetTotal => tr(Msg::Budget),
        ProjectField::BudgetFiscal => tr(Msg::Fiscal),
        ProjectField::BudgetOther => tr(Msg::Other),
        ProjectField::Purpose => tr(Msg::Purpose),
        ProjectField::Plan(i) => format!("{} {}", tr(Msg::SpendingPlan), plan_label(i, lang)),
        ProjectField::Goal(i) => format!("{} {}", tr(Msg::Goal), i + 1),
    }
}

pub fn plan_label(i: usize, lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => ["3月", "6月", "10月", "12月"].get(i).copied().unwrap_or(""),
        Lang::En => ["Mar", "Jun", "Oct", "Dec"].get(i).copied().unwrap_or(""),
    }
}

pub fn indicator_column_label(col: usize, lang: Lang) -> &'static str {
    t(
        lang,
        [
            Msg::Level1,
            Msg::Level2,
            Msg::Level3,
            Msg::Description,
            Msg::Value,
            Msg::Reading,
            Msg::BasisCol,
            Msg::Actual,
        ][col.min(7)],
    )
}

/// The text of cell (`row`, `col`) of project `p` (number `pi`).
pub fn project_cell(ws: &Workspace, pi: usize, row: ProjectRow, col: usize, lang: Lang) -> String {
    let Some(p) = ws.performance.projects.get(pi) else {
        return String::new();
    };
    match row {
        ProjectRow::Field(field) => Target::Project { project: pi, field }
            .get(ws)
            .flatten()
            .unwrap_or_default(),
        ProjectRow::IndicatorHeader => indicator_column_label(col, lang).to_string(),
        ProjectRow::Indicator(i) => {
            let Some(r) = p.indicators.get(i) else {
                return String::new();
            };
            match INDICATOR_COLUMNS.get(col).copied().flatten() {
                Some(field) => Target::ProjectIndicator {
                    project: pi,
                    row: i,
                    field,
                }
                .get(ws)
                .flatten()
                .unwrap_or_default(),
                None => grading::reading(&r.value, lang),
            }
        }
    }
}

/// The editable value under (`row`, `col`) of project `pi`.
pub fn project_target(pi: usize, row: ProjectRow, col: usize) -> Option<Target> {
    match row {
        ProjectRow::Field(field) => Some(Target::Project { project: pi, field }),
        ProjectRow::IndicatorHeader => None,
        ProjectRow::Indicator(i) => {
            INDICATOR_COLUMNS
                .get(col)
                .copied()
                .flatten()
                .map(|field| Target::ProjectIndicator {
                    project: pi,
                    row: i,
                    field,
                })
        }
    }
}

/// A row of the duty-activity matrix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MatrixRow {
    Duty(usize),
    Activity(usize, usize),
    Indicator {
        duty: usize,
        activity: Option<usize>,
        row: usize,
    },
}

impl MatrixRow {
    pub fn pointer(self) -> String {
        match self {
            MatrixRow::Duty(d) => format!("/performance/matrix/duties/{d}"),
            MatrixRow::Activity(d, a) => {
                format!("/performance/matrix/duties/{d}/activities/{a}")
            }
            MatrixRow::Indicator {
                duty,
                activity: Some(a),
                row,
            } => format!("/performance/matrix/duties/{duty}/activities/{a}/indicators/{row}"),
            MatrixRow::Indicator {
                duty,
                activity: None,
                row,
            } => format!("/performance/matrix/duties/{duty}/indicators/{row}"),
        }
    }
}

/// Columns of the matrix screen: name, 优, 良, 中, 差, 实际值, 等级.
pub const MATRIX_COLUMNS: usize = 7;

/// The matrix flattened into rows, in document order.
pub fn matrix_rows(ws: &Workspace) -> Vec<MatrixRow> {
    let mut rows = Vec::new();
    for (d, duty) in ws.performance.matrix.duties.iter().enumerate() {
        rows.push(MatrixRow::Duty(d));
        for i in 0..duty.indicators.len() {
            rows.push(MatrixRow::Indicator {
                duty: d,
                activity: None,
                row: i,
            });
        }
        for (a, activity) in duty.activities.iter().enumerate() {
            rows.push(MatrixRow::Activity(d, a));
            for i in 0..activity.indicators.len() {
                rows.push(MatrixRow::Indicator {
                    duty: d,
                    activity: Some(a),
                    row: i,
                });
            }
        }
    }
    rows
}

/// How many columns a matrix row has (duty/activity rows: name and budget).
pub fn matrix_columns(row: MatrixRow) -> usize {
    match row {
        MatrixRow::Indicator { .. } => MATRIX_COLUMNS,
        _ => 2,
    }
}

/// The editable value under (`row`, `col`) of the matrix.
pub fn matrix_target(row: MatrixRow, col: usize) -> Option<Target> {
    match row {
        MatrixRow::Duty(duty) => Some(Target::Duty {
            duty,
            field: if col == 0 {
                NodeField::Name
            } else {
                NodeField::Budget
            },
        }),
        MatrixRow::Activity(duty, activity) => Some(Target::Activity {
            duty,
            activity,
            field: if col == 0 {
                NodeField::Name
            } else {
                NodeField::Budget
            },
        }),
        MatrixRow::Indicator {
            duty,
            activity,
            row,
        } => {
            let field = match col {
                0 => GradedField::Name,
                1..=4 => GradedField::Standard(col - 1),
                5 => GradedField::Actual,
                _ => return None,
            };
            Some(Target::Graded {
                duty,
                activity,
                row,
                field,
            })
        }
    }
}

/// The column showing `field` of a graded indicator.
pub fn graded_column(field: GradedField) -> usize {
    match field {
        GradedField::Name => 0,
        GradedField::Standard(i) => 1 + i.min(3),
        GradedField::Actual => 5,
    }
}

/// The text of a matrix cell.
pub fn matrix_cell(ws: &Workspace, row: MatrixRow, col: usize, lang: Lang) -> String {
    let duties = &ws.performance.matrix.duties;
    match row {
        MatrixRow::Duty(d) => duties
            .get(d)
            .map(|duty| match col {
                0 => format!("{}、{}", duty.number, duty.name),
                _ => amount_text(&duty.budget),
            })
            .unwrap_or_default(),
        MatrixRow::Activity(d, a) => duties
            .get(d)
            .and_then(|duty| duty.activities.get(a))
            .map(|act| match col {
                0 => format!("{}、{}", act.number, act.name),
                _ => amount_text(&act.budget),
            })
            .unwrap_or_default(),
        MatrixRow::Indicator {
            duty,
            activity,
            row,
        } => {
            let Some(g) =
                super::edit::graded_list(ws, duty, activity).and_then(|list| list.get(row))
            else {
                return String::new();
            };
            match col {
                0 => g.name.clone(),
                1..=4 => g.standards()[col - 1].to_string(),
                5 => g.actual.clone().unwrap_or_default(),
                _ => grade_label(g.standards(), g.actual.as_deref(), lang),
            }
        }
    }
}

/// The grade an actual value earns, as shown in the 等级 column.
pub fn grade_label(standards: [&str; 4], actual: Option<&str>, lang: Lang) -> String {
    let Some(actual) = actual.filter(|a| !a.trim().is_empty()) else {
        return String::new();
    };
    match grading::grade(standards, actual, lang) {
        Ok(i) => t(
            lang,
            [Msg::Excellent, Msg::Good, Msg::Fair, Msg::Poor][i.min(3)],
        )
        .to_string(),
        Err(_) => "?".to_string(),
    }
}

/// A place in the workspace as a reviewer names it — `职责活动 · 一、… · 1、… · 指标 · 良` —
/// for a JSON pointer; the pointer itself where no better name is known.
pub fn describe_pointer(ws: &Workspace, pointer: &str, lang: Lang) -> String {
    let tokens: Vec<&str> = pointer.split('/').skip(1).collect();
    let index = |i: usize| tokens.get(i).and_then(|t| t.parse::<usize>().ok());
    let named = |number: &str, name: &str| {
        let (number, name) = (number.trim(), name.trim());
        if number.is_empty() {
            name.to_string()
        } else {
            format!("{number}、{name}")
        }
    };
    let field = |key: &str| -> String {
        let zh_en: &[(&str, &str, &str)] = &[
            ("excellent", "优", "excellent"),
            ("good", "良", "good"),
            ("fair", "中", "fair"),
            ("poor", "差", "poor"),
            ("actual", "实际值", "actual"),
            ("name", "名称", "name"),
            ("value", "指标值", "target"),
            ("basis", "依据", "basis"),
            ("description", "描述", "description"),
            ("budget", "预算数", "budget"),
            ("code", "编码", "code"),
        ];
        zh_en
            .iter()
            .find(|(k, _, _)| *k == key)
            .map(|(_, zh, en)| lang.pick(zh, en).to_string())
            .unwrap_or_else(|| key.to_string())
    };
    let mut parts: Vec<String> = Vec::new();
    match tokens.as_slice() {
        ["performance", "matrix", "duties", ..] => {
            parts.push(lang.pick("职责活动", "Activities").to_string());
            let Some(duty) = index(3).and_then(|d| ws.performance.matrix.duties.get(d)) else {
                return pointer.to_string();
            };
            parts.push(named(&duty.number, &duty.name));
            let mut rest = &tokens[4..];
            let mut list = &duty.indicators;
            if let ["activities", a, tail @ ..] = rest {
                let Some(act) = a.parse::<usize>().ok().and_then(|a| duty.activities.get(a)) else {
                    return pointer.to_string();
                };
                parts.push(named(&act.number, &act.name));
                list = &act.indicators;
                rest = tail;
            }
            if let ["indicators", k, tail @ ..] = rest {
                if let Some(ind) = k.parse::<usize>().ok().and_then(|k| list.get(k)) {
                    parts.push(ind.name.trim().to_string());
                }
                rest = tail;
            }
            parts.extend(rest.iter().map(|key| field(key)));
        }
        ["performance", "projects", ..] => {
            parts.push(lang.pick("项目绩效", "Projects").to_string());
            let Some(project) = index(2).and_then(|p| ws.performance.projects.get(p)) else {
                return pointer.to_string();
            };
            parts.push(named(&project.number, &project.name));
            let mut rest = &tokens[3..];
            if let ["indicators", k, tail @ ..] = rest {
                if let Some(row) = k
                    .parse::<usize>()
                    .ok()
                    .and_then(|k| project.indicators.get(k))
                {
                    parts.push(row.name.trim().to_string());
                }
                rest = tail;
            }
            parts.extend(rest.iter().map(|key| field(key)));
        }
        _ => return pointer.to_string(),
    }
    parts.join(" · ")
}
