//! The prose of each section: figures, changes and reasons read from sentences, numbered
//! entries (duties, 三公 items, itemised goals, glossary), paragraphs kept as published.

use crate::model::{Amount, Computation, GlossaryEntry, ItemisedGoal, LineItem, NumberedText};

use super::lex::{self, Numbering, Para};
use super::{Ctx, set_if_empty};

fn texts(paras: &[Para]) -> impl Iterator<Item = (usize, String)> + '_ {
    paras
        .iter()
        .map(|p| (p.line, p.text.trim().to_string()))
        .filter(|(_, t)| !t.is_empty())
}

fn amount(text: &str) -> Amount {
    Amount::parse(text)
}

/// Text before the document's first heading: the title, and anything else as notes.
pub fn preamble(paras: &[Para], ctx: &mut Ctx) {
    for (line, text) in texts(paras) {
        if ctx.ws.meta.title.is_empty() {
            ctx.ws.meta.title = text;
        } else {
            ctx.note(line, &text, "text before the first section heading");
        }
    }
}

/// Department and year from the title, else from the sections.
pub fn finish_meta(ctx: &mut Ctx) {
    let title = ctx.ws.meta.title.clone();
    let mut department = department_from_title(&title);
    if department.is_empty() {
        for p in &ctx.ws.overview.paragraphs {
            if let Some(at) = p.find(['（', '(']) {
                let before = p.get(..at).unwrap_or("");
                if (p.get(at..).unwrap_or("")).starts_with("（部门）")
                    || p.get(at..).unwrap_or("").starts_with("(部门)")
                {
                    department = before.trim().to_string();
                    break;
                }
            }
        }
    }
    if department.is_empty() {
        let d = ctx.ws.procurement.department.trim();
        department = d
            .trim_start_matches(|c: char| c.is_ascii_digit())
            .to_string();
    }
    if department.is_empty() {
        ctx.warn(
            1,
            "the department was not found in the title or the sections",
        );
    }
    ctx.ws.meta.department = department;

    let mut year = lex::find_year(&title);
    if year.is_none() {
        year = ctx
            .ws
            .overview
            .paragraphs
            .iter()
            .chain(&ctx.ws.running_costs.paragraphs)
            .chain(&ctx.ws.three_public.paragraphs)
            .find_map(|p| lex::find_year(p));
    }
    if year.is_none() {
        ctx.warn(
            1,
            "the budget year was not found in the title or the figures",
        );
    }
    ctx.ws.meta.year = year;
}

fn department_from_title(title: &str) -> String {
    let title = title.trim();
    let end = ["部门预算", "单位预算", "预算情况", "预算"]
        .iter()
        .find_map(|k| title.find(k))
        .unwrap_or(0);
    let mut head = title.get(..end).unwrap_or("").trim().to_string();
    // Drop a year: 发改局2021年 → 发改局.
    if let Some(y) = lex::find_year(&head) {
        let ys = format!("{y}年");
        head = head.replace(&ys, "").replace("年度", "");
    }
    head.trim_end_matches(['（', '）', '(', ')'])
        .trim()
        .to_string()
}

/// 一、部门职责、机构设置.
pub fn profile(heading: &str, paras: &[Para], ctx: &mut Ctx) {
    let p = &mut ctx.ws.profile;
    set_if_empty(&mut p.heading, heading);
    // Templates give the profile several parts; only the part about 职责/职能 lists duties.
    // Under 机构设置, 预算(单位)构成 or 工作任务 the numbered items are offices, units and tasks.
    let compact = lex::compact(heading);
    let other_part = !compact.contains("职责")
        && !compact.contains("职能")
        && ["机构设置", "预算构成", "单位构成", "工作任务"]
            .iter()
            .any(|k| compact.contains(k));
    for (_, text) in texts(paras) {
        let numbered = lex::split_number(&text).filter(|_| !other_part);
        if let Some((kind, number, rest)) = numbered
            && kind != Numbering::ParenArabic
        {
            p.duties.push(NumberedText {
                number,
                text: rest.trim().to_string(),
                ..NumberedText::default()
            });
            continue;
        }
        if p.duties_heading.is_empty()
            && p.duties.is_empty()
            && text.contains("职责")
            && text.ends_with(['：', ':'])
            && text.chars().count() <= 30
        {
            p.duties_heading = text;
            continue;
        }
        if p.level.is_empty() {
            p.level = level(&text);
        }
        if p.nature.is_empty() {
            p.nature = quoted_after(&text, &["单位性质", "性质"]);
        }
        if p.funding_form.is_empty() {
            p.funding_form = quoted_after(&text, &["经费形式", "经费保障形式", "经费来源"]);
        }
        if p.offices.is_empty() {
            p.offices = offices(&text);
        }
        p.paragraphs.push(text);
    }
}

/// 副县级 in `…为副县级单位` or `级别为副县级`.
fn level(text: &str) -> String {
    for key in ["级别为", "规格为", "级别是", "规格是"] {
        if let Some(pos) = text.find(key) {
            let rest = text.get(pos + key.len()..).unwrap_or("");
            let end = rest.find(lex::is_clause_break).unwrap_or(rest.len());
            let found = rest.get(..end).unwrap_or("").trim();
            if !found.is_empty() {
                return found.to_string();
            }
        }
    }
    for key in ["级单位", "级机构", "级行政单位", "级事业单位"] {
        if let Some(pos) = text.find(key) {
            let before = text.get(..pos + "级".len()).unwrap_or("");
            if let Some(start) = before.rfind(['为', '是']) {
                let found = before.get(start + '为'.len_utf8()..).unwrap_or("").trim();
                if !found.is_empty() && found.chars().count() <= 8 {
                    return found.to_string();
                }
            }
        }
    }
    String::new()
}

/// The value after `key` (skipping 是/为/：), inside quotes if quoted: `性质是“行政”` → 行政.
fn quoted_after(text: &str, keys: &[&str]) -> String {
    for key in keys {
        let Some(pos) = text.find(key) else { continue };
        let rest = text.get(pos + key.len()..).unwrap_or("");
        let rest = rest.trim_start_matches(|c: char| c.is_whitespace() || "是为：:".contains(c));
        if let Some(inner) = rest.strip_prefix(['“', '"', '「', '‘', '\'']) {
            let end = inner
                .find(['”', '"', '」', '’', '\''])
                .unwrap_or(inner.len());
            return inner.get(..end).unwrap_or("").trim().to_string();
        }
        let end = rest.find(lex::is_clause_break).unwrap_or(rest.len());
        let found = rest.get(..end).unwrap_or("").trim();
        if !found.is_empty() {
            return found.to_string();
        }
    }
    String::new()
}

/// Internal offices after 下设/内设: `下设综合处、发改处。` → [综合处, 发改处].
fn offices(text: &str) -> Vec<String> {
    for key in ["内设机构", "下设", "内设"] {
        let Some(pos) = text.find(key) else { continue };
        let rest = text.get(pos + key.len()..).unwrap_or("");
        let rest = rest.trim_start_matches(|c: char| c.is_whitespace() || "：:有为".contains(c));
        let end = rest.find(['。', '；', ';']).unwrap_or(rest.len());
        let list = rest.get(..end).unwrap_or("");
        let items: Vec<String> = list
            .split(['、', '，', ','])
            .map(|s| s.trim().trim_end_matches('等').trim().to_string())
            .filter(|s| !s.is_empty())
            .collect();
        if !items.is_empty() {
            return items;
        }
    }
    Vec::new()
}

fn first_with(paras: &[String], pred: impl Fn(&str) -> bool) -> Option<&String> {
    paras.iter().find(|p| pred(p))
}

/// 二、预算总体情况: revenue and expenditure figures, change and reason.
pub fn overview(heading: &str, paras: &[Para], ctx: &mut Ctx) {
    let o = &mut ctx.ws.overview;
    set_if_empty(&mut o.heading, heading);
    let new: Vec<String> = texts(paras).map(|(_, t)| t).collect();
    o.paragraphs.extend(new.iter().cloned());

    let revenue_para = first_with(&new, |p| {
        p.contains("收入")
            && ["收入预算", "收入合计", "总收入", "收入"]
                .iter()
                .any(|k| lex::number_after(p, k).is_some())
    });
    let expenditure_para = first_with(&new, |p| {
        p.contains("支出")
            && (p.contains("人员经费")
                || p.contains("总支出")
                || p.contains("支出合计")
                || lex::number_after(p, "支出预算").is_some())
    });
    if let Some(p) = revenue_para {
        if o.revenue.total.is_none() {
            o.revenue.total = ["收入预算", "收入合计", "总收入", "收入"]
                .iter()
                .find_map(|k| lex::number_after(p, k))
                .map(amount);
        }
        if o.revenue.sources.is_empty() {
            o.revenue.sources = listed_items(p, "其中");
        }
        if expenditure_para != Some(p) {
            if o.revenue.change.is_empty() {
                o.revenue.change = lex::find_change(p);
            }
            if o.revenue.reason.is_empty() {
                o.revenue.reason = lex::find_reason(p);
            }
        }
    }
    if let Some(p) = expenditure_para {
        let department_total = o.revenue.total.as_ref().and_then(Amount::value);
        let e = &mut o.expenditure;
        let get = |keys: &[&str]| {
            keys.iter()
                .find_map(|k| lex::number_after(p, k))
                .map(amount)
        };
        // A paragraph about 财政拨款 alone (`一般公共预算财政拨款支出 37,891.58万元，其中：
        // 基本支出…项目支出…`) splits a narrower total than the department's when other
        // money (事业收入, 政府性基金, 上年结转) is in the department's: its parts are not
        // the department's.
        let narrower = lex::number_after(p, "财政拨款支出")
            .and_then(|f| amount(f).value())
            .zip(department_total)
            .is_some_and(|(fiscal, all)| fiscal != all);
        if !narrower {
            e.personnel = e.personnel.take().or_else(|| get(&["人员经费"]));
            e.public_admin = e
                .public_admin
                .take()
                .or_else(|| get(&["日常公用经费", "公用经费"]));
            e.basic = e.basic.take().or_else(|| get(&["基本支出"]));
            e.projects = e.projects.take().or_else(|| get(&["项目支出"]));
        }
        e.total = e
            .total
            .take()
            .or_else(|| get(&["总支出", "支出总计", "支出合计", "合计", "支出预算"]));
        if e.change.is_empty() {
            e.change = lex::find_change(p);
        }
        if e.reason.is_empty() {
            e.reason = lex::find_reason(p);
        }
    }
}

/// Items listed after `key` up to the closing bracket or the sentence end:
/// `其中办公费5.4万元、邮电费4.6万元` → 办公费 5.4, 邮电费 4.6.
fn listed_items(text: &str, key: &str) -> Vec<LineItem> {
    let Some(pos) = text.find(key) else {
        return Vec::new();
    };
    let rest = text.get(pos + key.len()..).unwrap_or("");
    let rest = rest.trim_start_matches(|c: char| c.is_whitespace() || "：:".contains(c));
    let end = rest.find(['）', ')', '。']).unwrap_or(rest.len());
    let list = rest.get(..end).unwrap_or("");
    // `其中主要为办公费…、维修费…等`: a list introduced by 主要/包括 or closed by 等 names
    // some parts, not all; it is not the itemisation of the total.
    let partial = ["主要", "包括", "含"].iter().any(|w| list.starts_with(w))
        || list.trim_end().ends_with('等')
        || list.contains("万元等");
    if partial {
        return Vec::new();
    }
    let mut items = Vec::new();
    for piece in lex::list_pieces(list) {
        // `比2025年预算增加53万元` compares, it is not a listed part.
        let piece = piece.trim();
        if ["比", "较", "与", "同比"]
            .iter()
            .any(|w| piece.starts_with(w))
        {
            continue;
        }
        // The reason for a change (`主要是一般公共预算拨款增加3,013.74万元`) ends the list.
        if ["主要是", "主要原因", "主要用于"]
            .iter()
            .any(|w| piece.contains(w))
        {
            break;
        }
        if let Some((before, number, after)) = lex::first_number(piece) {
            let name = before.trim();
            if name.is_empty() || after.trim_start().starts_with('年') {
                continue;
            }
            // `事业收入资金减少7,294.14万元` is a change, not a part.
            if ["增加", "减少", "增长", "下降"]
                .iter()
                .any(|w| name.ends_with(w))
            {
                continue;
            }
            items.push(LineItem {
                name: name.to_string(),
                amount: Some(amount(number)),
                ..LineItem::default()
            });
        }
    }
    items
}

/// 三、机关运行经费: total, change, reason and the itemised list.
pub fn running_costs(heading: &str, paras: &[Para], ctx: &mut Ctx) {
    let r = &mut ctx.ws.running_costs;
    set_if_empty(&mut r.heading, heading);
    let new: Vec<String> = texts(paras).map(|(_, t)| t).collect();
    r.paragraphs.extend(new.iter().cloned());
    for p in &new {
        if r.total.is_none() {
            r.total = ["机关运行经费", "机关运行费"]
                .iter()
                .find_map(|k| lex::number_after(p, k))
                .map(amount);
        }
        if r.change.is_empty() {
            r.change = lex::find_change(p);
        }
        if r.reason.is_empty() {
            r.reason = lex::find_reason(p);
        }
        if r.items.is_empty() && p.contains("其中") {
            r.items = listed_items(p, "其中");
        }
    }
    // Under its own heading (`1.机关运行经费。` / `（一）机关运行经费。…`) the section's first
    // clause states the total in other words (`…财政拨款运行经费 1,815 万元，比…`).
    if r.total.is_none()
        && let Some(first) = new.first()
    {
        let clause = first.split(['，', '。', '；']).next().unwrap_or("");
        r.total = first_money(clause).map(|(number, _)| amount(number));
    }
}

/// The first figure in `text` followed by a money unit (元, 万元): (number, unit).
fn first_money(text: &str) -> Option<(&str, &str)> {
    let mut rest = text;
    while let Some((_, number, after)) = lex::first_number(rest) {
        // `102.11 万元`: a space may stand between a figure and its unit.
        let (unit, tail) = lex::leading_unit(after.trim_start_matches([' ', '\u{3000}']));
        if unit.ends_with('元') {
            return Some((number, unit));
        }
        rest = tail;
    }
    None
}

/// 四、“三公”经费: total, change and the numbered items with their parts.
pub fn three_public(heading: &str, paras: &[Para], ctx: &mut Ctx) {
    let t = &mut ctx.ws.three_public;
    set_if_empty(&mut t.heading, heading);
    for (_, text) in texts(paras) {
        let numbered = lex::split_number(&text);
        match numbered {
            Some((kind, _, rest)) => {
                let item = three_public_item(rest);
                // Nested by meaning, not by numbering style: only 购置 and 运行 are parts, of
                // 公务用车购置及运行费; every other numbered item is an item of its own.
                let is_part = matches!(kind, Numbering::Arabic | Numbering::ParenArabic)
                    && !item.name.contains("购置及运行")
                    && (item.name.contains("购置") || item.name.contains("运行"));
                match t.items.last_mut() {
                    Some(parent) if is_part && parent.name.contains("购置及运行") => {
                        parent.children.push(item)
                    }
                    _ => t.items.push(item),
                }
            }
            None => {
                if t.total.is_none()
                    && text.contains("三公")
                    && let Some((number, _)) = first_money(&text)
                {
                    t.total = Some(amount(number));
                    t.change = lex::find_change(&text);
                }
            }
        }
        t.paragraphs.push(text);
    }
}

fn three_public_item(text: &str) -> LineItem {
    let mut end = text.len();
    for (i, c) in text.char_indices() {
        if lex::is_clause_break(c) || c.is_ascii_digit() {
            end = i;
            break;
        }
    }
    for key in ["共计", "安排", "预算"] {
        if let Some(pos) = text.find(key)
            && pos > 0
            && pos < end
        {
            end = pos;
        }
    }
    let name = text.get(..end).unwrap_or("").trim().to_string();
    let rest = text.get(end..).unwrap_or("");
    LineItem {
        name,
        amount: first_money(rest).map(|(n, _)| amount(n)),
        change: lex::find_change(rest),
        ..LineItem::default()
    }
}

#[derive(PartialEq)]
enum PerfPart {
    None,
    Overall,
    Itemised,
    Safeguards,
}

/// A sub-heading inside 五、绩效信息.
fn perf_part(text: &str) -> Option<PerfPart> {
    if text.chars().count() > 30 || text.ends_with(['。', '；', ';', '，', ',']) {
        return None;
    }
    let body = match lex::split_number(text) {
        Some((_, _, rest)) => rest,
        None => text,
    };
    let body = lex::compact(body);
    if body.contains("总体") && body.contains("目标") {
        Some(PerfPart::Overall)
    } else if body.contains("分项") && body.contains("目标") {
        Some(PerfPart::Itemised)
    } else if body.contains("保障措施") || body == "保障" {
        Some(PerfPart::Safeguards)
    } else {
        None
    }
}

/// 五、绩效信息: overall goal, itemised goals with their arithmetic, safeguards.
pub fn performance(heading: &str, paras: &[Para], ctx: &mut Ctx) {
    set_if_empty(&mut ctx.ws.performance.heading, heading);
    let mut part = PerfPart::None;
    for (line, text) in texts(paras) {
        if let Some(p) = perf_part(&text) {
            let perf = &mut ctx.ws.performance;
            match p {
                PerfPart::Overall => set_if_empty(&mut perf.overall_goal.heading, &text),
                PerfPart::Itemised => set_if_empty(&mut perf.itemised_goals.heading, &text),
                PerfPart::Safeguards => set_if_empty(&mut perf.safeguards.heading, &text),
                PerfPart::None => {}
            }
            part = p;
            continue;
        }
        let perf = &mut ctx.ws.performance;
        match part {
            PerfPart::Overall => perf.overall_goal.paragraphs.push(text),
            PerfPart::Safeguards => perf.safeguards.paragraphs.push(text),
            PerfPart::Itemised => {
                let items = &mut perf.itemised_goals.items;
                let numbered = lex::split_number(&text);
                let label = lex::compact(
                    text.get(..text.find(['：', ':']).unwrap_or(0))
                        .unwrap_or(""),
                );
                if let Some((_, number, rest)) = numbered {
                    items.push(itemised_goal(number, rest, &text));
                } else if label == "绩效目标" || label == "目标" {
                    if let Some(item) = items.last_mut() {
                        append_line(&mut item.goals, &text);
                    } else {
                        ctx.note(line, &text, "a goal line before any itemised goal");
                    }
                } else if label == "绩效指标" || label == "指标" {
                    if let Some(item) = items.last_mut() {
                        append_line(&mut item.indicators, &text);
                    } else {
                        ctx.note(line, &text, "an indicator line before any itemised goal");
                    }
                } else if let Some(item) = items.last_mut() {
                    append_line(&mut item.text, &text);
                } else {
                    ctx.note(line, &text, "text in 分项绩效目标 before any numbered goal");
                }
            }
            PerfPart::None => ctx.note(line, &text, "text in 绩效信息 outside its parts"),
        }
    }
}

fn append_line(field: &mut String, text: &str) {
    if !field.is_empty() {
        field.push('\n');
    }
    field.push_str(text);
}

fn itemised_goal(number: String, rest: &str, text: &str) -> ItemisedGoal {
    let (title, body) = match rest.find(['：', ':']) {
        Some(i) => {
            let colon = rest
                .get(i..)
                .and_then(|t| t.chars().next())
                .map_or(1, char::len_utf8);
            (
                rest.get(..i).unwrap_or(""),
                rest.get(i + colon..).unwrap_or(""),
            )
        }
        None => ("", rest),
    };
    let (computations, stated) = computations(body);
    let (stated_total, stated_total_unit) = match stated {
        Some((n, u)) => (Some(amount(&n)), u),
        None => (None, String::new()),
    };
    ItemisedGoal {
        number,
        title: title.trim().to_string(),
        text: text.to_string(),
        computations,
        stated_total,
        stated_total_unit,
        ..ItemisedGoal::default()
    }
}

/// The figure that ends a clause: (text before, number, unit).
fn trailing_figure(clause: &str) -> Option<(&str, &str, &str)> {
    let mut found = None;
    let mut offset = 0;
    while let Some((before, number, after)) = clause.get(offset..).and_then(lex::first_number) {
        let (unit, tail) = lex::leading_unit(after);
        let start = offset + before.len();
        if tail
            .chars()
            .all(|c| c.is_whitespace() || "）)】".contains(c))
        {
            found = Some((clause.get(..start).unwrap_or(""), number, unit));
        }
        offset = start + number.len();
        if offset >= clause.len() {
            break;
        }
    }
    found
}

fn complete(c: &Computation) -> bool {
    c.amount.is_some() || (c.quantity.is_some() && c.unit_price.is_some())
}

/// The arithmetic of an itemised goal: `企业5家，每家奖励20万元，小计100万元` is
/// 5家 × 20万元 = 100万元; `3118.5吨，…为694元/吨，合计220万元` is 3118.5吨 × 694元/吨 = 220万元;
/// `普查人员绩效费及保险50万元` is an amount on its own. Returns the 合计 with its unit.
fn computations(body: &str) -> (Vec<Computation>, Option<(String, String)>) {
    let mut done = Vec::new();
    let mut stated = None;
    let mut pending: Option<Computation> = None;
    for clause in body.split(['。', '；', ';', '，', ',']) {
        let clause = clause.trim();
        let Some((before, number, unit)) = trailing_figure(clause) else {
            continue;
        };
        let label = before
            .trim()
            .trim_start_matches("其中")
            .trim_start_matches(['：', ':'])
            .trim()
            .to_string();
        let head = lex::compact(before);
        if ["合计", "总计", "共计"].iter().any(|k| head.starts_with(k)) {
            stated = Some((number.to_string(), unit.to_string()));
            if let Some(mut c) = pending.take() {
                if c.amount.is_none() && c.quantity.is_some() && c.unit_price.is_some() {
                    c.amount = Some(amount(number));
                    c.amount_unit = unit.to_string();
                }
                if complete(&c) {
                    done.push(c);
                }
            }
        } else if head.starts_with("小计") {
            let mut c = pending.take().unwrap_or_default();
            c.amount = Some(amount(number));
            c.amount_unit = unit.to_string();
            done.push(c);
        } else if head.contains('每') || unit.contains('/') {
            let c = pending.get_or_insert_with(Computation::default);
            c.unit_price = Some(amount(number));
            c.unit_price_unit = unit.to_string();
        } else if unit.ends_with('元') {
            if let Some(c) = pending.take().filter(complete) {
                done.push(c);
            }
            done.push(Computation {
                label,
                amount: Some(amount(number)),
                amount_unit: unit.to_string(),
                ..Computation::default()
            });
        } else {
            if let Some(c) = pending.take().filter(complete) {
                done.push(c);
            }
            pending = Some(Computation {
                label,
                quantity: Some(amount(number)),
                quantity_unit: unit.to_string(),
                ..Computation::default()
            });
        }
    }
    if let Some(c) = pending.filter(complete) {
        done.push(c);
    }
    (done, stated)
}

/// 八、名词解释: `1．术语：解释`.
pub fn glossary(heading: &str, paras: &[Para], ctx: &mut Ctx) {
    set_if_empty(&mut ctx.ws.glossary.heading, heading);
    for (line, text) in texts(paras) {
        let entries = &mut ctx.ws.glossary.entries;
        let (number, rest) = match lex::split_number(&text) {
            Some((_, n, rest)) => (n, rest),
            None => (String::new(), text.as_str()),
        };
        match rest.find(['：', ':']) {
            Some(i) => {
                let colon = rest
                    .get(i..)
                    .and_then(|t| t.chars().next())
                    .map_or(1, char::len_utf8);
                entries.push(GlossaryEntry {
                    number,
                    term: rest.get(..i).unwrap_or("").trim().to_string(),
                    definition: rest.get(i + colon..).unwrap_or("").trim().to_string(),
                    ..GlossaryEntry::default()
                });
            }
            None if !number.is_empty() => entries.push(GlossaryEntry {
                number,
                term: rest.trim().to_string(),
                ..GlossaryEntry::default()
            }),
            None => match entries.last_mut() {
                Some(last) => append_line(&mut last.definition, &text),
                None => ctx.note(line, &text, "a glossary line that is not an entry"),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arithmetic_of_goals() {
        let (c, stated) = computations(
            "2021年计划奖励30家企业、10名人才。奖励为纳税做出突出贡献的企业5家，每家奖励20万元，小计100万元；奖励创新人才10名，每名奖励10万元，小计100万元。合计450万元。",
        );
        assert_eq!(c.len(), 2);
        assert_eq!(c[0].label, "奖励为纳税做出突出贡献的企业");
        assert_eq!(c[0].quantity.as_ref().map(|a| a.text()), Some("5"));
        assert_eq!(c[0].quantity_unit, "家");
        assert_eq!(c[0].unit_price_unit, "万元");
        assert_eq!(c[1].amount.as_ref().map(|a| a.text()), Some("100"));
        assert_eq!(stated, Some(("450".into(), "万元".into())));

        let (c, stated) =
            computations("1831户，需求洁净型煤3118.5吨，区级补贴为694元/吨，合计220万元。");
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].unit_price_unit, "元/吨");
        assert_eq!(c[0].amount.as_ref().map(|a| a.text()), Some("220"));
        assert_eq!(stated.map(|s| s.0), Some("220".into()));
    }

    #[test]
    fn profile_facts() {
        let t = "高新区发改局为副县级单位，单位性质是“行政”，经费形式是“财政拨款”，根据工作需要，下设综合处、发改处。";
        assert_eq!(level(t), "副县级");
        assert_eq!(quoted_after(t, &["单位性质"]), "行政");
        assert_eq!(quoted_after(t, &["经费形式"]), "财政拨款");
        assert_eq!(offices(t), vec!["综合处", "发改处"]);
        assert_eq!(department_from_title("发改局部门预算情况说明"), "发改局");
        assert_eq!(
            department_from_title("财政局2022年部门预算情况说明"),
            "财政局"
        );
    }
}
