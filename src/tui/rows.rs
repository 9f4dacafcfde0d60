//! The rows each screen shows, derived from the workspace. Drawing, search and jumping to
//! a finding's place all use these, so they agree on what row N is.

use rust_decimal::Decimal;

use super::i18n::{Lang, Msg, t};
use crate::model::{Amount, LineItem, Place, Workspace};

pub use super::matrix_rows::*;
pub use super::project_rows::*;

/// A row of the Summary or 三公 screens: a label and up to four value columns.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SumRow {
    pub label: String,
    pub cols: Vec<String>,
    pub pointer: Place,
    pub heading: bool,
    pub indent: usize,
    /// The figure each value column edits, when it is one.
    pub edit: Vec<Option<Place>>,
}

impl SumRow {
    fn heading(label: &str, pointer: Place) -> SumRow {
        SumRow {
            label: label.to_string(),
            pointer,
            heading: true,
            ..SumRow::default()
        }
    }

    fn text(label: &str, value: &str, pointer: Place) -> SumRow {
        SumRow {
            label: label.to_string(),
            cols: vec![value.to_string()],
            pointer,
            indent: 1,
            ..SumRow::default()
        }
    }

    fn figures(
        label: &str,
        amount: &Option<Amount>,
        prior: &Option<Amount>,
        change: &str,
        pointer: Place,
    ) -> SumRow {
        SumRow {
            label: label.to_string(),
            cols: vec![
                amount_text(amount),
                prior_text(amount, prior, change),
                change.to_string(),
            ],
            pointer,
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
    rows.push(SumRow::heading(tr(Msg::Profile), Place::at(&["profile"])));
    rows.push(SumRow::text(
        tr(Msg::Department),
        &ws.meta.department,
        Place::at(&["meta", "department"]),
    ));
    rows.push(SumRow::text(
        tr(Msg::Year),
        &ws.meta.year.map(|y| y.to_string()).unwrap_or_default(),
        Place::at(&["meta", "year"]),
    ));
    rows.push(SumRow::text(
        tr(Msg::Level),
        &p.level,
        Place::at(&["profile", "level"]),
    ));
    rows.push(SumRow::text(
        tr(Msg::Nature),
        &p.nature,
        Place::at(&["profile", "nature"]),
    ));
    rows.push(SumRow::text(
        tr(Msg::FundingForm),
        &p.funding_form,
        Place::at(&["profile", "funding_form"]),
    ));
    rows.push(SumRow::text(
        tr(Msg::Offices),
        &p.offices.join("、"),
        Place::at(&["profile", "offices"]),
    ));

    let r = &ws.overview.revenue;
    let mut head = SumRow::heading(tr(Msg::Revenue), Place::at(&["overview", "revenue"]));
    head.cols = figure_heads(lang, unit);
    rows.push(head);
    for (i, s) in r.sources.iter().enumerate() {
        rows.push(SumRow::figures(
            &s.name,
            &s.amount,
            &s.prior_year,
            &s.change,
            Place::at(&["overview", "revenue", "sources"]).idx(i),
        ));
    }
    rows.push(SumRow::figures(
        tr(Msg::Total),
        &r.total,
        &r.prior_year,
        &r.change,
        Place::at(&["overview", "revenue", "total"]),
    ));

    let e = &ws.overview.expenditure;
    let mut head = SumRow::heading(
        tr(Msg::Expenditure),
        Place::at(&["overview", "expenditure"]),
    );
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
            Place::at(&["overview", "expenditure", key]),
        ));
    }
    rows.push(SumRow::figures(
        tr(Msg::Total),
        &e.total,
        &e.prior_year,
        &e.change,
        Place::at(&["overview", "expenditure", "total"]),
    ));
    if !e.reason.is_empty() {
        rows.push(SumRow::text(
            tr(Msg::Reason),
            &e.reason,
            Place::at(&["overview", "expenditure", "reason"]),
        ));
    }

    let rc = &ws.running_costs;
    let mut head = SumRow::heading(tr(Msg::RunningCosts), Place::at(&["running_costs"]));
    head.cols = figure_heads(lang, unit);
    rows.push(head);
    for (i, item) in rc.items.iter().enumerate() {
        rows.push(SumRow::figures(
            &item.name,
            &item.amount,
            &item.prior_year,
            &item.change,
            Place::at(&["running_costs", "items"]).idx(i),
        ));
    }
    rows.push(SumRow::figures(
        tr(Msg::Total),
        &rc.total,
        &rc.prior_year,
        &rc.change,
        Place::at(&["running_costs", "total"]),
    ));

    let pr = &ws.procurement;
    let mut head = SumRow::heading(tr(Msg::Procurement), Place::at(&["procurement"]));
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
            Place::at(&["procurement", "rows"]).idx(i),
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
            Place::at(&["procurement", "stated_total"]),
        ));
    }

    let a = &ws.assets;
    let mut head = SumRow::heading(tr(Msg::Assets), Place::at(&["assets"]));
    head.cols = vec![
        figure_heads(lang, unit).swap_remove(0),
        tr(Msg::Quantity).into(),
    ];
    rows.push(head);
    for (i, cat) in a.categories.iter().enumerate() {
        let pointer = Place::at(&["assets", "categories"]).idx(i);
        let mut r = SumRow::figures(&cat.name, &cat.value, &None, "", pointer.clone());
        r.cols[1] = amount_text(&cat.quantity);
        rows.push(r);
        for (j, sub) in cat.of_which.iter().enumerate() {
            let mut r = SumRow::figures(
                &sub.name,
                &sub.value,
                &None,
                "",
                pointer.key("of_which").idx(j),
            );
            r.cols[1] = amount_text(&sub.quantity);
            r.indent = 2;
            rows.push(r);
        }
    }
    let mut total = SumRow::figures(
        tr(Msg::Total),
        &a.total.value,
        &None,
        "",
        Place::at(&["assets", "total"]),
    );
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
        let p = &row.pointer;
        let prior = || p.parent().unwrap_or_default().key("prior_year");
        let wanted: Vec<Place> = match p.parts().as_slice() {
            ["overview", "revenue" | "expenditure", "total"]
            | ["running_costs", "total"]
            | ["three_public", "total"] => vec![p.clone(), prior()],
            ["procurement", "stated_total"] => vec![p.key("total")],
            ["assets", "total"] | ["assets", "categories", ..] => {
                vec![p.key("value"), p.key("quantity")]
            }
            ["overview", "expenditure", _] => vec![p.clone()],
            ["procurement", "rows", _] => vec![p.key("amounts").key("total"), p.key("quantity")],
            ["overview", "revenue", "sources", ..]
            | ["running_costs", "items", ..]
            | ["three_public", "items", ..] => vec![p.key("amount"), p.key("prior_year")],
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
    fn push(rows: &mut Vec<SumRow>, item: &LineItem, pointer: Place, indent: usize) {
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
            push(rows, child, pointer.key("children").idx(j), indent + 1);
        }
    }
    for (i, item) in tp.items.iter().enumerate() {
        push(
            &mut rows,
            item,
            Place::at(&["three_public", "items"]).idx(i),
            0,
        );
    }
    rows.push(SumRow {
        label: t(lang, Msg::Total).to_string(),
        cols: vec![
            amount_text(&tp.total),
            prior_text(&tp.total, &tp.prior_year, &tp.change),
            change_percent(&tp.total, &tp.prior_year),
            tp.change.clone(),
        ],
        pointer: Place::at(&["three_public", "total"]),
        heading: true,
        indent: 0,
        edit: Vec::new(),
    });
    add_figure_columns(ws, &mut rows);
    rows
}
