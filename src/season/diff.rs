//! What changed between two drafts of a department's workspace, named as a reviewer names
//! places. The differences themselves come from [`crate::store::diff`] (the conflict popup's
//! differ); this module sorts them into figures, indicators, table rows and findings.

use std::collections::HashSet;
use std::fmt::Write;

use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::Value;

use crate::i18n::Lang;
use crate::model::amount::read_decimal;
use crate::model::{Place, Workspace};
use crate::review::{self, Finding};
use crate::store::diff::{ChangeKind, changes};
use crate::text::visible;

/// What a place holds, for grouping the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Group {
    /// Stated amounts and texts of the explanation.
    Figure,
    /// Performance indicators, their targets and grade thresholds.
    Indicator,
    /// Rows of the disclosure tables.
    TableRow,
}

/// One changed place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Item {
    pub group: Group,
    pub kind: ChangeKind,
    /// The place as a reviewer names it (section · item · field).
    pub place: String,
    pub pointer: Place,
    pub old: String,
    pub new: String,
    /// new − old, exact, when both are numbers.
    pub difference: Option<String>,
}

/// A finding of one draft that the other does not have.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FindingChange {
    pub rule: &'static str,
    pub label: String,
    pub message_zh: String,
    pub message_en: String,
}

/// Everything that changed from the old draft to the new one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    pub items: Vec<Item>,
    /// Places in the source text and provenance that changed (counted, not listed: they
    /// follow from a re-import and say nothing a reviewer checks).
    pub source_changes: usize,
    pub resolved: Vec<FindingChange>,
    pub new_findings: Vec<FindingChange>,
}

/// The differences from `old` to `new`.
pub fn diff(old: &Workspace, new: &Workspace, lang: Lang) -> Report {
    let mut items = Vec::new();
    let mut source_changes = 0;
    let (old_json, new_json) = (to_value(old), to_value(new));
    for change in changes(old, new, usize::MAX) {
        let tokens: Vec<String> = change.pointer.tokens().map(|t| t.into_owned()).collect();
        let group = match tokens.first().map(String::as_str) {
            Some("source" | "provenance") => {
                source_changes += 1;
                continue;
            }
            Some("tables") => Group::TableRow,
            Some("performance") => Group::Indicator,
            _ => Group::Figure,
        };
        // A removed place is named from the draft that still has it.
        let (ws, json) = match change.kind {
            ChangeKind::Removed => (old, &old_json),
            _ => (new, &new_json),
        };
        let place = name_place(ws, json, &change.pointer, &tokens, lang);
        let difference = match (read_decimal(&change.before), read_decimal(&change.after)) {
            (Some(a), Some(b)) if change.kind == ChangeKind::Changed => {
                b.checked_sub(a).map(|d: Decimal| d.normalize().to_string())
            }
            _ => None,
        };
        items.push(Item {
            group,
            kind: change.kind,
            place,
            pointer: change.pointer,
            old: change.before,
            new: change.after,
            difference,
        });
    }
    items.sort_by_key(|i| i.group);
    let (before, after) = (review::check(old), review::check(new));
    Report {
        items,
        source_changes,
        resolved: only_in(&before, &after),
        new_findings: only_in(&after, &before),
    }
}

fn to_value(ws: &Workspace) -> Value {
    serde_json::to_value(ws).unwrap_or(Value::Null)
}

/// Findings of `a` not in `b`, matched by rule, place and figures.
fn only_in(a: &[Finding], b: &[Finding]) -> Vec<FindingChange> {
    let key = |f: &Finding| {
        (
            f.rule,
            f.pointer.clone(),
            f.stated.clone(),
            f.expected.clone(),
        )
    };
    let other: HashSet<_> = b.iter().map(key).collect();
    a.iter()
        .filter(|f| !other.contains(&key(f)))
        .map(|f| FindingChange {
            rule: f.rule,
            label: f.label.clone(),
            message_zh: f.message_zh.clone(),
            message_en: f.message_en.clone(),
        })
        .collect()
}

/// Field names as the document's headings call them.
const FIELDS: &[(&str, &str, &str)] = &[
    ("meta", "基本信息", "About"),
    ("department", "部门", "department"),
    ("year", "年度", "year"),
    ("title", "标题", "title"),
    ("unit", "单位", "unit"),
    ("profile", "部门职责", "Profile"),
    ("overview", "预算总体情况", "Budget overview"),
    ("revenue", "收入预算", "revenue"),
    ("expenditure", "支出预算", "expenditure"),
    ("total", "合计", "total"),
    ("amount", "金额", "amount"),
    ("prior_year", "上年数", "prior year"),
    ("change", "增减", "change"),
    ("personnel", "人员经费", "personnel"),
    ("public_admin", "日常公用经费", "public administration"),
    ("projects", "项目支出", "projects"),
    ("running_costs", "机关运行经费", "Running costs"),
    ("three_public", "“三公”经费", "Three public expenses"),
    ("procurement", "政府采购", "Procurement"),
    ("assets", "国有资产", "State assets"),
    ("paragraphs", "段落", "paragraph"),
    ("rows", "行", "row"),
    ("cells", "列", "column"),
    ("value", "价值", "value"),
    ("heading", "标题", "heading"),
    ("glossary", "名词解释", "Glossary"),
    ("entries", "词条", "entry"),
    ("term", "名词", "term"),
    ("definition", "解释", "definition"),
    ("other_notes", "其他说明", "Other notes"),
    ("footnotes", "脚注", "footnote"),
    ("notes", "未归类文字", "unplaced text"),
    ("items", "项目", "item"),
    ("name", "名称", "name"),
];

/// `预算总体情况 · 支出预算 · 合计` for `/overview/expenditure/total`; an entry of a list is
/// named by its `name` (or a table by its title, a row by its first cell); performance
/// places by the workbench's own naming.
fn name_place(
    ws: &Workspace,
    json: &Value,
    pointer: &Place,
    tokens: &[String],
    lang: Lang,
) -> String {
    if tokens.first().is_some_and(|t| t == "performance") {
        return crate::tui::matrix_rows::describe_pointer(ws, pointer, lang);
    }
    let mut parts: Vec<String> = Vec::new();
    let mut at = Some(json);
    let mut parent_key = "";
    for token in tokens {
        let here = at;
        at = here.and_then(|v| match v {
            Value::Object(m) => m.get(token),
            Value::Array(a) => token.parse::<usize>().ok().and_then(|i| a.get(i)),
            _ => None,
        });
        match (here, token.parse::<usize>()) {
            (Some(Value::Array(_)), Ok(i)) => parts.push(entry_name(at, parent_key, i, lang)),
            _ => parts.push(FIELDS.iter().find(|(k, _, _)| k == token).map_or_else(
                || token.clone(),
                |(_, zh, en)| lang.pick(zh, en).to_string(),
            )),
        }
        parent_key = token;
    }
    // "tables · 表 1 …" reads better without the container's own name.
    if tokens.first().is_some_and(|t| t == "tables") {
        parts.remove(0);
    }
    parts.join(" · ")
}

fn entry_name(entry: Option<&Value>, list: &str, index: usize, lang: Lang) -> String {
    let text = |key: &str| {
        entry
            .and_then(|e| e.get(key))
            .and_then(Value::as_str)
            .filter(|s| !s.trim().is_empty())
            .map(|s| s.trim().to_string())
    };
    match list {
        "tables" => {
            let title = text("title").unwrap_or_default();
            let number = text("number").unwrap_or_default();
            format!("{number} {title}").trim().to_string()
        }
        "rows" => {
            let page = entry.and_then(|e| e.get("page")).and_then(Value::as_u64);
            let first = entry
                .and_then(|e| e.get("cells"))
                .and_then(Value::as_array)
                .and_then(|cells| {
                    cells.iter().find_map(|c| {
                        c.as_str()
                            .or_else(|| c.get("text").and_then(Value::as_str))
                            .filter(|s| !s.trim().is_empty())
                    })
                })
                .unwrap_or("");
            let page = page
                .map(|p| {
                    lang.pick("第 {} 页 ", "p. {} ")
                        .replace("{}", &p.to_string())
                })
                .unwrap_or_default();
            format!("{page}{}{}", lang.pick("行 ", "row "), first.trim())
        }
        _ => text("name").unwrap_or_else(|| {
            lang.pick("第 {} 项", "item {}")
                .replace("{}", &(index + 1).to_string())
        }),
    }
}

/// The report as text: changed places by group, then findings resolved and new.
pub fn report_text(report: &Report, lang: Lang) -> String {
    let mut out = String::new();
    let groups = [
        (Group::Figure, lang.pick("数字与文字", "Figures and text")),
        (
            Group::Indicator,
            lang.pick("绩效指标与评价标准", "Indicators and thresholds"),
        ),
        (Group::TableRow, lang.pick("表格行", "Table rows")),
    ];
    for (group, heading) in groups {
        let items: Vec<&Item> = report.items.iter().filter(|i| i.group == group).collect();
        if items.is_empty() {
            continue;
        }
        let _ = writeln!(out, "== {heading} ({}) ==", items.len());
        for item in items {
            let mark = match item.kind {
                ChangeKind::Added => "+",
                ChangeKind::Removed => "-",
                ChangeKind::Changed => "~",
            };
            let _ = write!(
                out,
                "{mark} {}: {} → {}",
                visible(&item.place),
                visible(&item.old),
                visible(&item.new)
            );
            if let Some(d) = &item.difference {
                let sign = if d.starts_with('-') { "" } else { "+" };
                let _ = write!(out, " ({sign}{d})");
            }
            out.push('\n');
        }
        out.push('\n');
    }
    if report.source_changes > 0 {
        let _ = writeln!(
            out,
            "{}\n",
            lang.pick(
                "原文与出处另有 {} 处变化",
                "{} changes in the source text and provenance"
            )
            .replace("{}", &report.source_changes.to_string())
        );
    }
    for (list, heading) in [
        (
            &report.resolved,
            lang.pick("已解决的审核发现", "Findings resolved"),
        ),
        (
            &report.new_findings,
            lang.pick("新出现的审核发现", "New findings"),
        ),
    ] {
        let _ = writeln!(out, "== {heading} ({}) ==", list.len());
        for f in list {
            let message = lang.pick(&f.message_zh, &f.message_en);
            let _ = writeln!(
                out,
                "{}  {}  {}",
                f.rule,
                visible(&f.label),
                visible(message)
            );
        }
        out.push('\n');
    }
    if report.items.is_empty() && report.source_changes == 0 {
        let _ = writeln!(
            out,
            "{}",
            lang.pick("两个版本相同", "The two versions are the same")
        );
    }
    out
}
