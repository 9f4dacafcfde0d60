//! The published disclosure tables (`ws.tables`, from a PDF import): each table's own
//! arithmetic, the tables against each other, and whether the standard set is complete.
//!
//! Column headers in real templates span several lines and vary by place, so the rules lean
//! on what is certain: subject codes (类 3 digits, 款 5, 项 7; 经济分类 类 3, 款 5) and the
//! column a figure sits in. A parent's figure must equal the sum of its children's in the same
//! column, whatever the column means.

use std::collections::HashMap;

use rust_decimal::Decimal;

use super::rules::{
    Read, fmt_decimal, fmt_difference, part_values, read, sum_expression, tolerance, yuan_factor,
};
use super::{Finding, Section, Severity};
use crate::model::Place;
use crate::model::{Amount, ColumnMeaning, DisclosureTable, TableKind, TableRow, Workspace};

/// How a reviewer names a table: its printed number (表5, 预算表6), else its kind.
pub fn table_name(table: &DisclosureTable) -> String {
    let number = table.number.trim();
    if number.is_empty() {
        table.kind.name_zh().to_string()
    } else {
        number.to_string()
    }
}

/// `表6 第11页`: the table and the page a row was printed on.
pub fn row_place(table: &DisclosureTable, row: &TableRow) -> String {
    format!("{} 第{}页", table_name(table), row.page)
}

/// The factor that turns this table's amounts into 万元, exactly (元 → 0.0001).
pub fn to_wan(table: &DisclosureTable) -> Option<Decimal> {
    let unit = if table.unit.trim().is_empty() {
        "万元"
    } else {
        table.unit.as_str()
    };
    yuan_factor(unit)?.checked_div(Decimal::from(10_000))
}

/// A row's subject code and name: from the code column(s) (a code split over 类/款/项
/// columns is joined; a 款 or 项 printed without its parent takes the parent above), or from
/// a name written `[2010401]行政运行` or `301 工资福利支出`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Coded {
    pub code: String,
    pub name: String,
}

fn all_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// `[2010401]行政运行` / `2010401 行政运行` / `301工资福利支出` → (code, name).
fn code_in_name(text: &str) -> Option<(String, String)> {
    let t = text.trim();
    let (code, rest) = if let Some(inner) = t.strip_prefix('[').or_else(|| t.strip_prefix('【')) {
        let end = inner.find([']', '】'])?;
        let close = inner[end..].chars().next()?.len_utf8();
        (inner[..end].trim(), &inner[end + close..])
    } else {
        let end = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
        (&t[..end], &t[end..])
    };
    (all_digits(code) && matches!(code.len(), 3 | 5 | 7))
        .then(|| (code.to_string(), rest.trim().to_string()))
}

/// Tables whose rows carry 功能/经济分类 codes (performance tables carry numbers that look
/// like codes: weights, indicator numbers).
fn is_coded_kind(kind: TableKind) -> bool {
    matches!(
        kind,
        TableKind::IncomeSummary
            | TableKind::ExpenditureSummary
            | TableKind::GeneralPublicFunctional
            | TableKind::BasicEconomic
            | TableKind::GovernmentFund
            | TableKind::StateCapital
    )
}

/// The codes of a table's rows, in order (`None` for rows without one; all `None` for a
/// table that is not coded).
pub fn row_codes(table: &DisclosureTable) -> Vec<Option<Coded>> {
    if !is_coded_kind(table.kind) {
        return vec![None; table.rows.len()];
    }
    let code_cols: Vec<usize> = columns(table, ColumnMeaning::Code);
    let name_cols: Vec<usize> = columns(table, ColumnMeaning::Name);
    let mut parents: [String; 2] = [String::new(), String::new()];
    let mut out = Vec::with_capacity(table.rows.len());
    for row in &table.rows {
        let name_text = name_cols
            .iter()
            .map(|&c| row.text(c).trim())
            .find(|t| !t.is_empty())
            .unwrap_or("");
        let joined: String = code_cols.iter().map(|&c| row.text(c).trim()).collect();
        let mut coded = None;
        if all_digits(&joined) {
            let code = match joined.len() {
                3 | 5 | 7 => Some(joined.clone()),
                // 款 or 项 digits alone under their parent.
                2 if !parents[0].is_empty() => Some(format!("{}{joined}", parents[0])),
                4 if !parents[0].is_empty() => Some(format!("{}{joined}", parents[0])),
                _ => None,
            };
            let name = code_in_name(name_text).map_or(name_text.to_string(), |(_, n)| n);
            // A misread cell (a figure where the name belongs) is no name.
            let name = if name.chars().any(crate::model::value::is_cjk) {
                name
            } else {
                String::new()
            };
            coded = code.map(|code| Coded { code, name });
        } else if joined.is_empty() {
            coded = code_in_name(name_text).map(|(code, name)| Coded { code, name });
        }
        if let Some(c) = &coded {
            match c.code.len() {
                3 => parents = [c.code.clone(), String::new()],
                5 => parents[1] = c.code.clone(),
                _ => {}
            }
        }
        out.push(coded);
    }
    out
}

pub(super) fn columns(table: &DisclosureTable, meaning: ColumnMeaning) -> Vec<usize> {
    (0..table.columns.len())
        .filter(|&c| table.columns[c].meaning == meaning)
        .collect()
}

/// Columns that hold amounts (neither code nor name).
fn amount_columns(table: &DisclosureTable) -> Vec<usize> {
    (0..table.columns.len())
        .filter(|&c| {
            !matches!(
                table.columns[c].meaning,
                ColumnMeaning::Code | ColumnMeaning::Name
            )
        })
        .collect()
}

pub(super) fn cell(row: &TableRow, column: usize) -> &Option<Amount> {
    const BLANK: Option<Amount> = None;
    row.cells.get(column).unwrap_or(&BLANK)
}

/// A row that states the table's grand total (合计/总计 without a code).
pub(super) fn is_total_row(table: &DisclosureTable, row: &TableRow) -> bool {
    row.cells.iter().flatten().any(|a| {
        let t: String = a.text().chars().filter(|c| !c.is_whitespace()).collect();
        matches!(
            t.trim_end_matches(['：', ':']),
            "合计" | "总计" | "支出合计" | "本年支出合计"
        )
    }) && table.kind != TableKind::BudgetSummary
}

/// Coded tables: 类 = Σ款, 款 = Σ项 in every amount column; 合计 = Σ类.
fn code_sums(ws: &Workspace, out: &mut Vec<Finding>) {
    for (t, table) in ws.tables.iter().enumerate() {
        let codes = row_codes(table);
        if codes.iter().flatten().count() < 2 {
            continue;
        }
        let amounts = amount_columns(table);
        for (r, coded) in codes.iter().enumerate() {
            let Some(parent) = coded else { continue };
            if parent.code.len() == 7 {
                continue;
            }
            let child_len = parent.code.len() + 2;
            let mut children = Vec::new();
            for (k, c) in codes.iter().enumerate().skip(r + 1) {
                match c {
                    Some(c)
                        if c.code.starts_with(&parent.code) && c.code.len() > parent.code.len() =>
                    {
                        if c.code.len() == child_len {
                            children.push(k);
                        }
                    }
                    Some(_) => break,
                    None => {
                        if is_total_row(table, &table.rows[k]) {
                            break;
                        }
                    }
                }
            }
            if children.is_empty() {
                continue;
            }
            let what = Side {
                table,
                row: r,
                label: format!("{} {}", parent.code, parent.name),
            };
            compare_with_parts(out, t, &what, &amounts, &children, "table.code_sum");
        }
        // 合计 = Σ类, when the table has one 合计 row and its 类 rows.
        let classes: Vec<usize> = (0..codes.len())
            .filter(|&r| codes[r].as_ref().is_some_and(|c| c.code.len() == 3))
            .collect();
        let totals: Vec<usize> = (0..table.rows.len())
            .filter(|&r| codes[r].is_none() && is_total_row(table, &table.rows[r]))
            .collect();
        if let ([total], false) = (totals.as_slice(), classes.is_empty()) {
            let what = Side {
                table,
                row: *total,
                label: "合计".to_string(),
            };
            compare_with_parts(out, t, &what, &amounts, &classes, "table.code_sum");
        }
    }
}

/// One row of one table, as a finding names it.
struct Side<'a> {
    table: &'a DisclosureTable,
    row: usize,
    label: String,
}

fn column_label(table: &DisclosureTable, column: usize) -> String {
    let label = table.columns.get(column).map_or("", |c| c.label.trim());
    let last = label.rsplit('/').next().unwrap_or("").trim();
    if last.is_empty() {
        format!("第{}列", column + 1)
    } else {
        last.to_string()
    }
}

/// In every amount column, the row's figure against the sum of `parts`' figures; one
/// finding per row, on the first column that differs (the others are counted in it).
fn compare_with_parts(
    out: &mut Vec<Finding>,
    t: usize,
    at: &Side<'_>,
    amounts: &[usize],
    parts: &[usize],
    rule: &'static str,
) {
    let row = &at.table.rows[at.row];
    let mut first: Option<(usize, Decimal, Vec<Decimal>, Decimal)> = None;
    let mut more = 0;
    for &c in amounts {
        let cells: Vec<&Option<Amount>> =
            parts.iter().map(|&k| cell(&at.table.rows[k], c)).collect();
        let Some((stated, values, sum)) = mismatch(cell(row, c), &cells) else {
            continue;
        };
        if first.is_none() {
            first = Some((c, stated, values, sum));
        } else {
            more += 1;
        }
    }
    let Some((c, stated, values, sum)) = first else {
        return;
    };
    let place = row_place(at.table, row);
    let column = column_label(at.table, c);
    let expr = sum_expression(&values);
    let (sum_s, diff) = (fmt_decimal(sum), fmt_difference(stated, sum));
    let (more_zh, more_en) = if more > 0 {
        (
            format!("（另有 {more} 列同样不符）"),
            format!(" ({more} more columns differ)"),
        )
    } else {
        (String::new(), String::new())
    };
    // Parts above the total: a printed row was left out of it, which no misreading of the
    // page can cause. Parts below it may mean a row the reader did not get (a row wrapped or
    // split across pages): a reviewer looks.
    let severity = if sum > stated {
        Severity::Error
    } else {
        Severity::Warning
    };
    out.push(
        Finding::new(
            rule,
            severity,
            Section::Document,
            Place::table_cell(t, at.row, c),
            format!("{place} · {} · {column}", at.label),
            format!(
                "{place} {}（{column}）填报为 {stated}，其下各行之和 {expr} = {sum_s}，相差 {diff}{more_zh}",
                at.label
            ),
            format!(
                "{place} {} ({column}) is stated as {stated} but the rows under it add up to {expr} = {sum_s} (difference {diff}){more_en}",
                at.label
            ),
        )
        .with_figures(stated, sum),
    );
}

/// The stated figure, its parts (blank as zero) and their sum, when they differ by more than
/// rounding; `None` when they agree or there is nothing to compare.
fn mismatch(
    stated: &Option<Amount>,
    parts: &[&Option<Amount>],
) -> Option<(Decimal, Vec<Decimal>, Decimal)> {
    let Read::Value(stated) = read(stated) else {
        return None;
    };
    let values = part_values(parts)?;
    let sum = checked_sum(&values)?;
    let mut figures = values.clone();
    figures.push(stated);
    // A difference too large for a decimal is a mismatch too.
    stated
        .checked_sub(sum)
        .is_none_or(|d| d.abs() > tolerance(&figures))
        .then_some((stated, values, sum))
}

/// A name without its item number (`一、`, `1.`, `（2）`).
pub fn strip_numbering(name: &str) -> &str {
    crate::import::lex::split_number(name).map_or(name, |(_, _, rest)| rest)
}

/// In a row of a two-sided table, the column of the first figure after the label in column
/// `at`; `None` when words stand between them (the figure is another label's).
pub(super) fn figure_after_label(row: &TableRow, at: usize) -> Option<usize> {
    let c = (at + 1..row.cells.len()).find(|&c| super::rules::value(&row.cells[c]).is_some())?;
    let words_between = (at + 1..c).any(|k| {
        row.cells[k]
            .as_ref()
            .is_some_and(|a| !a.text().trim().is_empty())
    });
    (!words_between).then_some(c)
}

/// Σ values without overflow; `None` if the sum does not fit.
pub fn checked_sum(values: &[Decimal]) -> Option<Decimal> {
    values
        .iter()
        .try_fold(Decimal::ZERO, |acc, v| acc.checked_add(*v))
}

/// One table names the same code twice for different subjects (a mistyped code).
fn duplicate_codes(ws: &Workspace, out: &mut Vec<Finding>) {
    for (t, table) in ws.tables.iter().enumerate() {
        let codes = row_codes(table);
        let mut seen: HashMap<&str, (usize, &str)> = HashMap::new();
        for (r, coded) in codes.iter().enumerate() {
            let Some(c) = coded else { continue };
            let name = c.name.as_str();
            match seen.get(c.code.as_str()) {
                Some(&(first, first_name)) if squeeze(first_name) != squeeze(name) => {
                    let row = &table.rows[r];
                    let place = row_place(table, row);
                    let first_place = row_place(table, &table.rows[first]);
                    out.push(Finding::new(
                        "table.duplicate_code",
                        Severity::Error,
                        Section::Document,
                        Place::table_cell(t, r, code_column(table, row)),
                        format!("{place} · {} {name}", c.code),
                        format!(
                            "{place} 科目编码 {} 用于“{name}”，而 {first_place} 同一编码已用于“{first_name}”：编码重复，其中一行编码有误",
                            c.code
                        ),
                        format!(
                            "{place}: code {} is given to “{name}”, but {first_place} already uses it for “{first_name}”: one of the two codes is wrong",
                            c.code
                        ),
                    )
                    .with_counterpart(
                        Place::table_cell(t, first, code_column(table, &table.rows[first])),
                        format!("{first_place} · {} {first_name}", c.code),
                    ));
                }
                Some(_) => {}
                None => {
                    seen.insert(c.code.as_str(), (r, name));
                }
            }
        }
    }
}

/// The column a row's code is printed in (first code column, else the first name column).
fn code_column(table: &DisclosureTable, row: &TableRow) -> usize {
    columns(table, ColumnMeaning::Code)
        .into_iter()
        .chain(columns(table, ColumnMeaning::Name))
        .find(|&c| !row.text(c).trim().is_empty())
        .unwrap_or(0)
}

/// Text without spaces and with ASCII brackets made full-width, for comparing names.
pub fn squeeze(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '(' => '（',
            ')' => '）',
            c => c,
        })
        .collect()
}

/// The same 功能分类 code carries the same name in every table.
fn code_names_across(ws: &Workspace, out: &mut Vec<Finding>) {
    let mut first: HashMap<String, (usize, usize, String)> = HashMap::new();
    for (t, table) in ws.tables.iter().enumerate() {
        let economic = table.kind == TableKind::BasicEconomic;
        for (r, coded) in row_codes(table).into_iter().enumerate() {
            let Some(c) = coded else { continue };
            if c.name.is_empty() {
                continue;
            }
            // Functional and economic codes share lengths: keep them apart.
            let key = format!("{}{}", if economic { "e" } else { "f" }, c.code);
            match first.get(&key) {
                None => {
                    first.insert(key, (t, r, c.name));
                }
                Some((ft, fr, fname)) if *ft != t && squeeze(fname) != squeeze(&c.name) => {
                    let (ftable, row) = (&ws.tables[*ft], &table.rows[r]);
                    let place = row_place(table, row);
                    let first_place = row_place(ftable, &ftable.rows[*fr]);
                    out.push(
                        Finding::new(
                            "table.code_name",
                            Severity::Warning,
                            Section::Document,
                            Place::table_cell(t, r, code_column(table, row)),
                            format!("{place} · {} {}", c.code, c.name),
                            format!(
                                "科目 {} 在 {place} 名为“{}”，在 {first_place} 名为“{fname}”",
                                c.code, c.name
                            ),
                            format!(
                                "Code {} is named “{}” in {place} but “{fname}” in {first_place}",
                                c.code, c.name
                            ),
                        )
                        .with_counterpart(
                            Place::table_cell(*ft, *fr, code_column(ftable, &ftable.rows[*fr])),
                            format!("{first_place} · {} {fname}", c.code),
                        ),
                    );
                }
                Some(_) => {}
            }
        }
    }
}

/// The standard names of the 部门预算支出经济分类 款 that basic-expenditure tables print.
const ECONOMIC_NAMES: [(&str, &str); 51] = [
    ("30101", "基本工资"),
    ("30102", "津贴补贴"),
    ("30103", "奖金"),
    ("30106", "伙食补助费"),
    ("30107", "绩效工资"),
    ("30108", "机关事业单位基本养老保险缴费"),
    ("30109", "职业年金缴费"),
    ("30110", "职工基本医疗保险缴费"),
    ("30111", "公务员医疗补助缴费"),
    ("30112", "其他社会保障缴费"),
    ("30113", "住房公积金"),
    ("30114", "医疗费"),
    ("30199", "其他工资福利支出"),
    ("30201", "办公费"),
    ("30202", "印刷费"),
    ("30203", "咨询费"),
    ("30204", "手续费"),
    ("30205", "水费"),
    ("30206", "电费"),
    ("30207", "邮电费"),
    ("30208", "取暖费"),
    ("30209", "物业管理费"),
    ("30211", "差旅费"),
    ("30212", "因公出国（境）费用"),
    ("30213", "维修（护）费"),
    ("30214", "租赁费"),
    ("30215", "会议费"),
    ("30216", "培训费"),
    ("30217", "公务接待费"),
    ("30218", "专用材料费"),
    ("30224", "被装购置费"),
    ("30225", "专用燃料费"),
    ("30226", "劳务费"),
    ("30227", "委托业务费"),
    ("30228", "工会经费"),
    ("30229", "福利费"),
    ("30231", "公务用车运行维护费"),
    ("30239", "其他交通费用"),
    ("30240", "税金及附加费用"),
    ("30299", "其他商品和服务支出"),
    ("30301", "离休费"),
    ("30302", "退休费"),
    ("30303", "退职（役）费"),
    ("30304", "抚恤金"),
    ("30305", "生活补助"),
    ("30306", "救济费"),
    ("30307", "医疗费补助"),
    ("30308", "助学金"),
    ("30309", "奖励金"),
    ("30310", "个人农业生产补贴"),
    ("30399", "其他对个人和家庭的补助"),
];

/// 经济分类 款 against their standard names: a name one character off the standard is a
/// slip (`维护（护）费` for 30213 维修（护）费); a standard name under another code is a
/// wrong code (物业管理费 coded 30208, which is 取暖费: it is 30209). Other differences are
/// left alone: templates shorten or extend names legitimately.
fn economic_names(ws: &Workspace, out: &mut Vec<Finding>) {
    for (t, table) in ws.tables.iter().enumerate() {
        if table.kind != TableKind::BasicEconomic {
            continue;
        }
        for (r, coded) in row_codes(table).into_iter().enumerate() {
            let Some(c) = coded else { continue };
            let name = squeeze(&c.name);
            let Some(&(_, standard)) = ECONOMIC_NAMES.iter().find(|(code, _)| *code == c.code)
            else {
                continue;
            };
            if name == standard || name.is_empty() {
                continue;
            }
            let other = ECONOMIC_NAMES
                .iter()
                .find(|(code, n)| *n == name && *code != c.code);
            let one_off = {
                let (a, b): (Vec<char>, Vec<char>) =
                    (name.chars().collect(), standard.chars().collect());
                a.len() == b.len() && a.iter().zip(&b).filter(|(x, y)| x != y).count() == 1
            };
            let row = &table.rows[r];
            let place = row_place(table, row);
            let (zh, en) = match (other, one_off) {
                (Some((right, _)), _) => (
                    format!(
                        "{place} “{name}”编码为 {}，但 {} 是“{standard}”；“{name}”的编码应为 {right}",
                        c.code, c.code
                    ),
                    format!(
                        "{place}: “{name}” is coded {}, but {} is “{standard}”; “{name}” is {right}",
                        c.code, c.code
                    ),
                ),
                (None, true) => (
                    format!(
                        "{place} 科目 {} 名为“{name}”，标准名称为“{standard}”",
                        c.code
                    ),
                    format!(
                        "{place}: code {} is named “{name}”; its standard name is “{standard}”",
                        c.code
                    ),
                ),
                (None, false) => continue,
            };
            out.push(Finding::new(
                "table.code_name",
                Severity::Warning,
                Section::Document,
                Place::table_cell(t, r, code_column(table, row)),
                format!("{place} · {} {name}", c.code),
                zh,
                en,
            ));
        }
    }
}

/// Rows whose columns must add up: 合计 = 基本 + 项目 (支出总表, 功能分类表),
/// 合计 = 人员 + 公用 (经济分类表), 合计 = 一般公共 + 政府性基金 + 国有资本 (财政拨款表).
/// Only where the header is unambiguous: one column of each meaning and no carry-over.
fn row_sums(ws: &Workspace, out: &mut Vec<Finding>) {
    for (t, table) in ws.tables.iter().enumerate() {
        let parts: &[ColumnMeaning] = match table.kind {
            TableKind::ExpenditureSummary | TableKind::GeneralPublicFunctional => {
                &[ColumnMeaning::Basic, ColumnMeaning::Project]
            }
            TableKind::BasicEconomic => &[ColumnMeaning::Personnel, ColumnMeaning::Public],
            _ => continue,
        };
        let total_cols = columns(table, ColumnMeaning::Total);
        let Some(&total) = total_cols.first() else {
            continue;
        };
        let mut part_cols = Vec::new();
        for &m in parts {
            match columns(table, m).as_slice() {
                [c] if *c > total => part_cols.push(*c),
                _ => break,
            }
        }
        let carry = !columns(table, ColumnMeaning::Carryover).is_empty()
            || table.columns.iter().any(|c| c.label.contains("结转"));
        if part_cols.len() != parts.len() || carry || total_cols.len() > 1 {
            continue;
        }
        for (r, row) in table.rows.iter().enumerate() {
            let cells: Vec<&Option<Amount>> = part_cols.iter().map(|&c| cell(row, c)).collect();
            let Some((stated, values, sum)) = mismatch(cell(row, total), &cells) else {
                continue;
            };
            let place = row_place(table, row);
            let name = row_name(table, row);
            let heads: Vec<String> = part_cols.iter().map(|&c| column_label(table, c)).collect();
            let expr = sum_expression(&values);
            let (sum_s, diff) = (fmt_decimal(sum), fmt_difference(stated, sum));
            out.push(
                Finding::new(
                    "table.row_sum",
                    Severity::Error,
                    Section::Document,
                    Place::table_cell(t, r, total),
                    format!("{place} · {name}"),
                    format!(
                        "{place} {name} 合计填报为 {stated}，{} = {expr} = {sum_s}，相差 {diff}",
                        heads.join(" + ")
                    ),
                    format!(
                        "{place} {name}: total stated as {stated}, but {} = {expr} = {sum_s} (difference {diff})",
                        heads.join(" + ")
                    ),
                )
                .with_figures(stated, sum),
            );
        }
    }
}

/// A row's name for messages: code and name, or its first text cell.
fn row_name(table: &DisclosureTable, row: &TableRow) -> String {
    let name_cols = columns(table, ColumnMeaning::Name);
    let code: String = columns(table, ColumnMeaning::Code)
        .iter()
        .map(|&c| row.text(c).trim())
        .collect();
    let name = name_cols
        .iter()
        .map(|&c| row.text(c).trim())
        .find(|t| !t.is_empty())
        .unwrap_or("");
    format!("{code} {name}").trim().to_string()
}

/// 收支总表: 收入总计 = 支出总计 (the first amount column on each side).
fn summary_balance(ws: &Workspace, out: &mut Vec<Finding>) {
    for (t, table) in ws.tables.iter().enumerate() {
        if table.kind != TableKind::BudgetSummary && table.kind != TableKind::FiscalSummary {
            continue;
        }
        for (r, row) in table.rows.iter().enumerate() {
            // The income label is in the row's first text cell, the expenditure label later.
            let mut income = None;
            let mut spending = None;
            let mut side = 0;
            for (c, a) in row.cells.iter().enumerate() {
                let Some(a) = a else { continue };
                let text = squeeze(a.text());
                if text.starts_with("收入总计") || text.starts_with("收入合计") {
                    side = 1;
                } else if text.starts_with("支出总计") || text.starts_with("支出合计") {
                    side = 2;
                } else if a.value().is_some() {
                    match side {
                        1 if income.is_none() => income = Some((c, a.value())),
                        2 if spending.is_none() => spending = Some((c, a.value())),
                        _ => {}
                    }
                }
            }
            let (Some((ci, Some(i))), Some((cs, Some(s)))) = (income, spending) else {
                continue;
            };
            if i.checked_sub(s)
                .is_some_and(|d| d.abs() <= tolerance(&[i, s]))
            {
                continue;
            }
            let place = row_place(table, row);
            let diff = fmt_difference(i, s);
            out.push(
                Finding::new(
                    "table.unbalanced",
                    Severity::Error,
                    Section::Document,
                    Place::table_cell(t, r, ci),
                    format!("{place} · 收入总计"),
                    format!("{place} 收入总计 {i} 与支出总计 {s} 不相等，相差 {diff}"),
                    format!("{place}: total income {i} differs from total expenditure {s} (difference {diff})"),
                )
                .with_figures(i, s)
                .with_counterpart(Place::table_cell(t, r, cs), format!("{place} · 支出总计")),
            );
        }
    }
}

/// The standard tables a published budget carries; a missing one is named. Only for
/// workspaces imported from a published document (they have tables).
fn completeness(ws: &Workspace, out: &mut Vec<Finding>) {
    if ws.tables.is_empty() {
        return;
    }
    for kind in TableKind::STANDARD {
        if ws.tables.iter().any(|t| t.kind == kind) {
            continue;
        }
        // Many templates merge the two fund tables into one note: missing them is info.
        let severity = match kind {
            TableKind::GovernmentFund | TableKind::StateCapital => Severity::Info,
            _ => Severity::Warning,
        };
        out.push(Finding::new(
            "complete.table_missing",
            severity,
            Section::Document,
            Place::root().key("tables"),
            format!("公开表 · {}", kind.name_zh()),
            format!("未找到标准公开表“{}”", kind.name_zh()),
            format!("The standard table “{}” was not found", kind.name_en()),
        ));
    }
    for (t, table) in ws.tables.iter().enumerate() {
        let has_figures = table.rows.iter().any(|r| {
            r.cells
                .iter()
                .flatten()
                .any(|a| a.value().is_some_and(|v| !v.is_zero()))
        });
        let noted = !table.note.trim().is_empty()
            || table
                .rows
                .iter()
                .any(|r| r.cells.iter().flatten().any(|a| a.text().contains('无')));
        if !has_figures && let Some(other) = note_names_other(table) {
            let page = table.pages.first().copied().unwrap_or(0);
            let name = table_name(table);
            out.push(Finding::new(
                "table.note_other_table",
                Severity::Warning,
                Section::Document,
                Place::root().key("tables").idx(t).key("note"),
                format!("{name} 第{page}页"),
                format!(
                    "{name}（第{page}页，{}）为空，其说明却讲的是{other}：“{}”",
                    table.kind.name_zh(),
                    table.note.trim()
                ),
                format!(
                    "{name} (page {page}, {}) is empty, but its note speaks of {other}: “{}”",
                    table.kind.name_en(),
                    table.note.trim()
                ),
            ));
        }
        if has_figures
            || noted
            || !TableKind::STANDARD.contains(&table.kind)
            || table.pages.iter().any(|&p| page_has_figures(ws, p))
        {
            continue;
        }
        let page = table.pages.first().copied().unwrap_or(0);
        let name = table_name(table);
        out.push(Finding::new(
            "table.empty_without_note",
            Severity::Warning,
            Section::Document,
            Place::root().key("tables").idx(t),
            format!("{name} 第{page}页"),
            format!("{name}（第{page}页）没有数据，也没有说明为何为空"),
            format!("{name} (page {page}) has no figures and no note saying why"),
        ));
    }
}

/// The words that name each of the tables an empty-table note is usually about.
const NOTE_WORDS: [(TableKind, &str); 3] = [
    (TableKind::GovernmentFund, "政府性基金"),
    (TableKind::StateCapital, "国有资本"),
    (TableKind::ThreePublic, "三公"),
];

/// An empty table's note that speaks of another table's money and not of its own (a note
/// copied from the table beside it: 政府性基金 table, “本单位无国有资本经营预算”).
fn note_names_other(table: &DisclosureTable) -> Option<&'static str> {
    let note = table.note.as_str();
    let (_, own) = NOTE_WORDS.iter().find(|(k, _)| *k == table.kind)?;
    if note.contains(own) {
        return None;
    }
    NOTE_WORDS
        .iter()
        .find(|(k, w)| *k != table.kind && note.contains(w))
        .map(|(_, w)| *w)
}

/// Whether the printed page shows an amount with cents (`98.53`): then a table on it that
/// came out empty was not read, rather than published empty.
fn page_has_figures(ws: &Workspace, page: u32) -> bool {
    let Some(p) = ws.source.pages.iter().find(|p| p.number == page) else {
        return false;
    };
    p.lines.iter().any(|line| {
        let b = line.as_bytes();
        b.windows(4).any(|w| {
            w[0].is_ascii_digit() && w[1] == b'.' && w[2].is_ascii_digit() && w[3].is_ascii_digit()
        })
    })
}

pub fn all(ws: &Workspace, out: &mut Vec<Finding>) {
    code_sums(ws, out);
    duplicate_codes(ws, out);
    code_names_across(ws, out);
    economic_names(ws, out);
    row_sums(ws, out);
    summary_balance(ws, out);
    completeness(ws, out);
}
