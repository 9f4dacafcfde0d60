//! The rows each screen shows, derived from the workspace. Drawing, search and jumping to
//! a finding's place all use these, so they agree on what row N is.

use rust_decimal::Decimal;

use super::i18n::{Lang, Msg, t};
use crate::model::{Amount, LineItem, Workspace};

pub use super::matrix_rows::*;
pub use super::project_rows::*;

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
            cols: vec![
                amount_text(amount),
                prior_text(amount, prior, change),
                change.to_string(),
            ],
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

/// The prior year's figure: as stated, else as the change text gives it (`与上年持平`: the
/// same; `比上年增加2万元`: the amount less 2). Percentages do not give an exact figure.
pub fn prior_text(amount: &Option<Amount>, prior: &Option<Amount>, change: &str) -> String {
    if prior.is_some() {
        return amount_text(prior);
    }
    let Some(now) = value(amount) else {
        return String::new();
    };
    if change.contains("持平") {
        return amount_text(amount);
    }
    for (word, sign) in [("增加", Decimal::NEGATIVE_ONE), ("减少", Decimal::ONE)] {
        let Some(at) = change.find(word) else {
            continue;
        };
        let rest = &change[at + word.len()..];
        let digits: String = rest
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '.')
            .collect();
        let unit = &rest[digits.len()..];
        if let (Ok(by), true) = (digits.parse::<Decimal>(), unit.starts_with("万元")) {
            return (now + sign * by).normalize().to_string();
        }
    }
    String::new()
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

/// The Summary screen's rows.
pub fn summary_rows(ws: &Workspace, lang: Lang, unit: &str) -> Vec<SumRow> {
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
    head.cols = figure_heads(lang, unit);
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
    let mut head = SumRow::heading(tr(Msg::Expenditure), "/overview/expenditure");
    head.cols = figure_heads(lang, unit);
    rows.push(head);
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
    let mut head = SumRow::heading(tr(Msg::RunningCosts), "/running_costs");
    head.cols = figure_heads(lang, unit);
    rows.push(head);
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
    let mut head = SumRow::heading(tr(Msg::Procurement), "/procurement");
    head.cols = vec![
        figure_heads(lang, unit).swap_remove(0),
        tr(Msg::Quantity).into(),
    ];
    rows.push(head);
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
    let mut head = SumRow::heading(tr(Msg::Assets), "/assets");
    head.cols = vec![
        figure_heads(lang, unit).swap_remove(0),
        tr(Msg::Quantity).into(),
    ];
    rows.push(head);
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

/// Column titles of amounts with their unit: 金额(万元), 上年(万元), 变动.
pub fn figure_heads(lang: Lang, unit: &str) -> Vec<String> {
    vec![
        format!("{}({unit})", t(lang, Msg::Amount)),
        format!("{}({unit})", t(lang, Msg::PriorShort)),
        t(lang, Msg::Change).to_string(),
    ]
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
                prior_text(&item.amount, &item.prior_year, &item.change),
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
            prior_text(&tp.total, &tp.prior_year, &tp.change),
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
