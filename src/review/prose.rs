//! The 编制说明 prose of a published document (`ws.source.pages`): its figures against each
//! other and against the tables, its arithmetic, and the slips a reviewer marks by hand
//! (wrong years, template leftovers, doubled punctuation).
//!
//! The text is read as one stream (lines joined, so a figure wrapped onto the next line is
//! whole again); the lines that are table rows are left out. Every finding points at the line
//! it was printed on (`/source/pages/{p}/lines/{l}`) and names the page.

use std::collections::{HashMap, HashSet};

use rust_decimal::Decimal;

use super::change::{StatedChange, change_agrees, percent_change};
use super::rules::{fmt_decimal, rounding_error, tolerance};
use super::tables::{checked_sum, row_place, squeeze, strip_numbering, to_wan};
use super::{Finding, Section, Severity};
use crate::model::{ColumnMeaning, Place, TableKind, Workspace};

/// The prose as one string, with where each line starts.
struct Text {
    text: String,
    /// (byte offset in `text`, page index, line index, printed page number).
    starts: Vec<(usize, usize, usize, u32)>,
}

impl Text {
    fn new(ws: &Workspace) -> Text {
        let table_lines: HashSet<(u32, u32)> = ws
            .tables
            .iter()
            .flat_map(|t| t.rows.iter().map(|r| (r.page, r.line)))
            .collect();
        let mut text = String::new();
        let mut starts = Vec::new();
        for (pi, page) in ws.source.pages.iter().enumerate() {
            for (li, line) in page.lines.iter().enumerate() {
                let number = u32::try_from(li + 1).unwrap_or(u32::MAX);
                if table_lines.contains(&(page.number, number)) {
                    continue;
                }
                starts.push((text.len(), pi, li, page.number));
                text.push_str(line.trim_end());
                // Kept as a break that figures and names read through (see `skip_layout`).
                text.push('\n');
            }
        }
        Text { text, starts }
    }

    /// The line holding byte `at`: (page index, line index, page number).
    fn line_of(&self, at: usize) -> (usize, usize, u32) {
        let i = self.starts.partition_point(|s| s.0 <= at).saturating_sub(1);
        self.starts
            .get(i)
            .map_or((0, 0, 0), |&(_, pi, li, page)| (pi, li, page))
    }

    fn pointer(&self, at: usize) -> Place {
        let (pi, li, _) = self.line_of(at);
        Place::root()
            .key("source")
            .key("pages")
            .idx(pi)
            .key("lines")
            .idx(li)
    }

    fn page(&self, at: usize) -> u32 {
        self.line_of(at).2
    }

    /// The text without line breaks, `before` bytes back from `at` (on a char boundary).
    fn before(&self, at: usize, before: usize) -> &str {
        let mut start = at.saturating_sub(before);
        while !self.text.is_char_boundary(start) {
            start += 1;
        }
        &self.text[start..at]
    }
}

/// The unit written after a figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Unit {
    Wan,
    Yuan,
    Percent,
    None,
}

#[derive(Debug, Clone)]
pub(super) struct Figure {
    pub(super) start: usize,
    /// Where the unit ends.
    pub(super) end: usize,
    pub(super) value: Decimal,
    pub(super) unit: Unit,
}

/// Line breaks and spaces inside a figure or between it and its unit are layout.
fn skip_layout(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && matches!(b[i], b' ' | b'\n' | b'\t') {
        i += 1;
    }
    i
}

/// Every number in the text with the unit after it (`1,682.76 万元`, `3.08%`).
pub(super) fn figures(text: &str) -> Vec<Figure> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() || (i > 0 && (b[i - 1].is_ascii_digit() || b[i - 1] == b'.')) {
            i += 1;
            continue;
        }
        let start = i;
        let mut digits = String::new();
        while i < b.len() {
            if b[i].is_ascii_digit() {
                digits.push(b[i] as char);
                i += 1;
            } else if b[i] == b','
                && b.get(i + 1..i + 4)
                    .is_some_and(|g| g.iter().all(u8::is_ascii_digit))
                && !b.get(i + 4).is_some_and(u8::is_ascii_digit)
            {
                i += 1;
            } else {
                break;
            }
        }
        if b.get(i) == Some(&b'.') && b.get(i + 1).is_some_and(u8::is_ascii_digit) {
            digits.push('.');
            i += 1;
            while i < b.len() && b[i].is_ascii_digit() {
                digits.push(b[i] as char);
                i += 1;
            }
        }
        let Ok(value) = digits.parse::<Decimal>() else {
            continue;
        };
        let u = skip_layout(b, i);
        let rest = &text[u..];
        let (unit, len) = if rest.starts_with("万元") {
            (Unit::Wan, "万元".len())
        } else if rest.starts_with('万') && !rest.starts_with("万人") {
            (Unit::Wan, '万'.len_utf8())
        } else if rest.starts_with('元') {
            (Unit::Yuan, '元'.len_utf8())
        } else if rest.starts_with('%') {
            (Unit::Percent, 1)
        } else if rest.starts_with('％') {
            (Unit::Percent, '％'.len_utf8())
        } else {
            (Unit::None, 0)
        };
        let end = if unit == Unit::None { i } else { u + len };
        out.push(Figure {
            start,
            end,
            value,
            unit,
        });
        i = end.max(i);
    }
    out
}

/// Half a unit of the last written place (`7.90` → 0.005, `4` → 0.5).
fn half_ulp(value: Decimal) -> Decimal {
    Decimal::try_new(5, value.scale() + 1).unwrap_or(Decimal::ZERO)
}

fn prose_label(text: &Text, at: usize) -> String {
    format!("正文 第{}页", text.page(at))
}

/// A short quote around `at` for messages (one clause, line breaks removed).
fn quote(text: &Text, start: usize, end: usize) -> String {
    let mut s = start.min(text.text.len());
    let mut e = end.min(text.text.len());
    while !text.text.is_char_boundary(s) {
        s -= 1;
    }
    while !text.text.is_char_boundary(e) {
        e += 1;
    }
    let q: String = text.text[s..e].chars().filter(|&c| c != '\n').collect();
    let q: String = q.chars().take(60).collect();
    q.trim().to_string()
}

fn finding(
    text: &Text,
    rule: &'static str,
    severity: Severity,
    at: usize,
    zh: String,
    en: String,
) -> Finding {
    let page = text.page(at);
    Finding::new(
        rule,
        severity,
        Section::Document,
        text.pointer(at),
        prose_label(text, at),
        format!("正文第{page}页：{zh}"),
        format!("Prose, page {page}: {en}"),
    )
}

/// Four digits and 年 starting at byte `at` (spaces allowed before 年).
fn year_at(text: &str, at: usize) -> Option<(u32, usize)> {
    let b = text.as_bytes();
    let digits = b.get(at..at + 4)?;
    if !digits.iter().all(u8::is_ascii_digit) || b.get(at + 4).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    let after = skip_layout(b, at + 4);
    text[after..].starts_with('年').then(|| {
        let year = std::str::from_utf8(digits).ok()?.parse().ok()?;
        Some((year, after + '年'.len_utf8()))
    })?
}

/// Where the clause holding `at` starts (after the last 。；! ? or paragraph break).
fn sentence_start(text: &str, at: usize) -> usize {
    text[..at]
        .rfind(['。', '；', ';', '！', '？'])
        .map_or(0, |p| {
            p + text[p..].chars().next().map_or(1, char::len_utf8)
        })
}

fn sentence_end(text: &str, at: usize) -> usize {
    text[at..]
        .find(['。', '；', ';', '！', '？'])
        .map_or(text.len(), |p| at + p)
}

/// "比2026年" in a 2026 budget: the comparison must be with the year before. And "2025年
/// 预算X万元，比2025年…": a sentence that compares a year with itself names the wrong year.
fn years(ws: &Workspace, text: &Text, out: &mut Vec<Finding>) {
    let Some(year) = ws.meta.year else { return };
    let s = &text.text;
    for (at, _) in s.match_indices('比') {
        let y_at = skip_layout(s.as_bytes(), at + '比'.len_utf8());
        let Some((compared, _)) = year_at(s, y_at) else {
            continue;
        };
        if compared + 1 != year {
            out.push(finding(
                text,
                "prose.year",
                Severity::Error,
                at,
                format!(
                    "“{}”：{year}年预算应与{}年比较，而非{compared}年",
                    quote(
                        text,
                        sentence_start(s, at).max(at.saturating_sub(30)),
                        at + 12
                    ),
                    year - 1
                ),
                format!(
                    "“{}”: a {year} budget compares with {}, not {compared}",
                    quote(
                        text,
                        sentence_start(s, at).max(at.saturating_sub(30)),
                        at + 12
                    ),
                    year - 1
                ),
            ));
            continue;
        }
        // The year the sentence is about: its first "YYYY年".
        let start = sentence_start(s, at);
        // Only before the sentence's first comparison: a later 比 compares again.
        if s[start..at].contains(['比', '较']) {
            continue;
        }
        let subject = s[start..at]
            .char_indices()
            .find_map(|(i, _)| year_at(s, start + i).map(|(y, _)| (y, start + i)));
        if let Some((subject, subject_at)) = subject
            && subject == compared
        {
            out.push(finding(
                text,
                "prose.year",
                Severity::Error,
                subject_at,
                format!(
                    "“{}”：句中以{subject}年为本年，又与{compared}年比较；{year}年预算的本年应为{year}年",
                    quote(text, subject_at, at + 12)
                ),
                format!(
                    "“{}”: the sentence states {subject} as its own year and compares it with {compared}; in a {year} budget its year is {year}",
                    quote(text, subject_at, at + 12)
                ),
            ));
        }
    }
}

/// The year in the file name (`…_2026年部门预算.pdf`) against the document's own year.
fn file_year(ws: &Workspace, out: &mut Vec<Finding>) {
    let (Some(year), Some(file)) = (ws.meta.year, ws.meta.source.as_deref()) else {
        return;
    };
    let named = file
        .char_indices()
        .find_map(|(i, _)| year_at(file, i).map(|(y, _)| y));
    if let Some(named) = named
        && named != year
        && (2000..2100).contains(&named)
    {
        out.push(Finding::new(
            "document.year_mismatch",
            Severity::Warning,
            Section::Document,
            Place::root().key("meta").key("year"),
            "文档 · 年度",
            format!("文件名“{file}”标为{named}年，而文档本身是{year}年预算：所发布的可能不是该年的文件"),
            format!("The file “{file}” is labelled {named}, but the document is the {year} budget: the wrong year's file may have been published"),
        ));
    }
}

/// Text a template leaves for the writer to fill in.
const LEFTOVERS: [&str; 9] = [
    "增加（减少）",
    "增加(减少)",
    "增长（下降）",
    "增长(下降)",
    "主要原因是。",
    "主要原因是：。",
    "××",
    "待填写",
    "待补充",
];

fn leftovers(ws: &Workspace, text: &Text, out: &mut Vec<Finding>) {
    let s = &text.text;
    let mut hits: Vec<(usize, &str)> = LEFTOVERS.iter().flat_map(|w| s.match_indices(w)).collect();
    // "XX" alone (not inside a Latin word or code).
    for (at, w) in s.match_indices("XX") {
        let before = s[..at].chars().next_back();
        let after = s[at + 2..].chars().next();
        let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
        if !latin(before) && !latin(after) {
            hits.push((at, w));
        }
    }
    // 决算 wording in a budget (the final-accounts template's heading left in).
    let budget = ws.meta.title.contains("预算") && !ws.meta.title.contains("决算");
    if budget {
        for w in ["决算单位构成", "单位决算构成"] {
            for (at, _) in s.match_indices(w) {
                if !hits.iter().any(|&(h, _)| h <= at && at < h + 20) {
                    hits.push((at, w));
                }
            }
        }
    }
    hits.sort();
    for (at, w) in hits {
        let q = quote(
            text,
            sentence_start(s, at).max(at.saturating_sub(24)),
            at + w.len() + 12,
        );
        out.push(finding(
            text,
            "prose.template_leftover",
            Severity::Warning,
            at,
            format!("“{q}”含模板残留“{w}”"),
            format!("“{q}” keeps template text “{w}”"),
        ));
    }
}

/// 。。 ，， and the like.
fn punctuation(text: &Text, out: &mut Vec<Finding>) {
    let s = &text.text;
    for p in ["。。", "，，", "、、", "；；", "：：", "，。", "。，"] {
        for (at, _) in s.match_indices(p) {
            let q = quote(text, at.saturating_sub(24), at + p.len() + 12);
            out.push(finding(
                text,
                "prose.punctuation",
                Severity::Warning,
                at,
                format!("“{q}”标点重复（“{p}”）"),
                format!("“{q}”: doubled punctuation “{p}”"),
            ));
        }
    }
}

/// 部门 wording in a 单位 budget: one finding naming the first place and the count.
fn unit_wording(ws: &Workspace, text: &Text, out: &mut Vec<Finding>) {
    let kind = ws.meta.extra.get("budget_kind").and_then(|v| v.as_str());
    if kind != Some("单位") {
        return;
    }
    let s = &text.text;
    // "部门预算支出经济分类" is the classification's own name, not wording.
    let hits: Vec<usize> = s
        .match_indices("部门预算")
        .map(|(at, w)| at + w.len())
        .filter(|&end| {
            let rest = s[end..].trim_start();
            !rest.starts_with("经济分类") && !rest.starts_with("支出经济分类")
        })
        .map(|end| end - "部门预算".len())
        .collect();
    let Some(&first) = hits.iter().min() else {
        return;
    };
    let q = quote(text, first.saturating_sub(12), first + 24);
    let n = hits.len();
    out.push(finding(
        text,
        "prose.unit_wording",
        Severity::Warning,
        first,
        format!("这是单位预算，正文却有 {n} 处称“部门”（首处：“{q}”）"),
        format!("This is a unit (单位) budget, yet the prose says 部门 {n} times (first: “{q}”)"),
    ));
}

/// Figures in a sentence with their shares: "A万元，占…Y%". The base is the figure (stated
/// before them, or their sum) that most of them agree with; a share that does not is wrong.
fn shares(text: &Text, figs: &[Figure], out: &mut Vec<Finding>) {
    let s = &text.text;
    // (index of the amount, index of its %).
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for (i, f) in figs.iter().enumerate() {
        if f.unit != Unit::Wan {
            continue;
        }
        let Some(next) = figs.get(i + 1) else {
            continue;
        };
        if next.unit != Unit::Percent || next.start < f.end {
            continue;
        }
        let between = &s[f.end..next.start];
        if between.contains('占') && between.chars().count() <= 16 && !between.contains('。') {
            pairs.push((i, i + 1));
        }
    }
    // Runs of shares close to each other.
    let mut runs: Vec<Vec<(usize, usize)>> = Vec::new();
    for p in pairs {
        match runs.last_mut() {
            Some(run) if figs[p.0].start - figs[run[run.len() - 1].1].end < 120 => run.push(p),
            _ => runs.push(vec![p]),
        }
    }
    for run in runs.into_iter().filter(|r| r.len() >= 2) {
        let first = figs[run[0].0].start;
        let mut bases: Vec<Decimal> = figs
            .iter()
            .filter(|f| f.unit == Unit::Wan && f.end <= first && first - f.end < 300)
            .map(|f| f.value)
            .collect();
        let parts: Vec<Decimal> = run.iter().map(|p| figs[p.0].value).collect();
        if let Some(sum) = checked_sum(&parts) {
            bases.push(sum);
        }
        let agrees = |base: Decimal, p: &(usize, usize)| -> Option<bool> {
            let (a, y) = (figs[p.0].value, figs[p.1].value);
            if base <= Decimal::ZERO {
                return None;
            }
            let computed = a.checked_div(base)?.checked_mul(Decimal::ONE_HUNDRED)?;
            // Rounding of the amount and the base moves the share by at most this much.
            let half_cent = Decimal::new(5, 3);
            let slack = half_cent
                .checked_div(base)?
                .checked_add(
                    a.checked_mul(half_cent)?
                        .checked_div(base.checked_mul(base)?)?,
                )?
                .checked_mul(Decimal::ONE_HUNDRED)?;
            Some(computed.checked_sub(y)?.abs() <= half_ulp(y).checked_add(slack)?)
        };
        let best = bases
            .iter()
            .map(|&b| (run.iter().filter(|p| agrees(b, p) == Some(true)).count(), b))
            .max_by_key(|&(n, _)| n);
        let Some((matched, base)) = best else {
            continue;
        };
        if matched < 2 || matched * 2 < run.len() || matched == run.len() {
            continue;
        }
        for p in &run {
            if agrees(base, p) != Some(false) {
                continue;
            }
            let (a, y) = (figs[p.0].value, figs[p.1].value);
            let Some(computed) = a
                .checked_div(base)
                .and_then(|v| v.checked_mul(Decimal::ONE_HUNDRED))
            else {
                continue;
            };
            let shown = computed.round_dp(y.scale().max(2));
            let q = quote(text, figs[p.0].start.saturating_sub(18), figs[p.1].end);
            out.push(
                finding(
                    text,
                    "prose.share",
                    Severity::Error,
                    figs[p.1].start,
                    format!(
                        "“{q}”：{a} / {base} = {shown}%，而非 {y}%（同段其他占比均以 {base} 为基数）"
                    ),
                    format!(
                        "“{q}”: {a} / {base} = {shown}%, not {y}% (the other shares here are of {base})"
                    ),
                )
                .with_figures(y, shown),
            );
        }
    }
}

const UP: [&str; 4] = ["增加", "增长", "上升", "提高"];
const DOWN: [&str; 4] = ["减少", "下降", "降低", "减低"];

fn direction(word_text: &str) -> Option<i8> {
    let up = UP.iter().filter_map(|w| word_text.rfind(w)).max();
    let down = DOWN.iter().filter_map(|w| word_text.rfind(w)).max();
    match (up, down) {
        (Some(u), Some(d)) => Some(if u > d { 1 } else { -1 }),
        (Some(_), None) => Some(1),
        (None, Some(_)) => Some(-1),
        (None, None) => None,
    }
}

/// "A万元，比上年增加X万元，增长Y%": Y must follow from A and A − X; the two direction words
/// must agree.
fn changes(text: &Text, figs: &[Figure], out: &mut Vec<Finding>) {
    let s = &text.text;
    for (i, x) in figs.iter().enumerate() {
        if x.unit != Unit::Wan {
            continue;
        }
        // "比…增加" right before X.
        let lead = text.before(x.start, 40);
        let Some(bi) = lead.rfind('比') else {
            continue;
        };
        let lead = &lead[bi..];
        if lead.contains(['，', '。', '；', ',']) {
            continue;
        }
        let Some(dx) = direction(lead) else { continue };
        // The current figure: the last 万元 figure before 比, in the same sentence.
        let bi_abs = x.start - (text.before(x.start, 40).len() - bi);
        let start = sentence_start(s, bi_abs);
        let Some(a) = figs[..i]
            .iter()
            .rev()
            .find(|f| f.unit == Unit::Wan && f.end <= bi_abs && f.start >= start)
        else {
            continue;
        };
        // "增长Y%" right after X.
        let Some(y) = figs.get(i + 1).filter(|y| y.unit == Unit::Percent) else {
            continue;
        };
        let between = &s[x.end..y.start];
        if between.chars().count() > 8 || between.contains(['。', '；']) {
            continue;
        }
        let dy = direction(between);
        let q = quote(text, a.start, y.end);
        if let Some(dy) = dy
            && dy != dx
        {
            out.push(finding(
                text,
                "prose.direction",
                Severity::Error,
                x.start,
                format!("“{q}”：金额与百分比的变动方向相反"),
                format!("“{q}”: the amount and the percentage change in opposite directions"),
            ));
            continue;
        }
        let signed = if dx > 0 { x.value } else { -x.value };
        let Some(prior) = a.value.checked_sub(signed) else {
            continue;
        };
        if prior <= Decimal::ZERO {
            continue;
        }
        let stated = StatedChange {
            percent: if dx > 0 { y.value } else { -y.value },
            half_ulp: half_ulp(y.value),
        };
        if change_agrees(a.value, prior, stated) != Some(false) {
            continue;
        }
        let Some(computed) = percent_change(a.value, prior) else {
            continue;
        };
        let shown = computed.abs().round_dp(y.value.scale().max(2));
        out.push(
            finding(
                text,
                "prose.change",
                Severity::Error,
                y.start,
                format!(
                    "“{q}”：上年应为 {a} ∓ {x} = {p}，变动 {x} / {p} = {shown}%，而非 {y}%",
                    a = a.value,
                    x = x.value,
                    p = fmt_decimal(prior),
                    y = y.value
                ),
                format!(
                    "“{q}”: last year was {a} ∓ {x} = {p}, so the change is {x} / {p} = {shown}%, not {y}%",
                    a = a.value,
                    x = x.value,
                    p = fmt_decimal(prior),
                    y = y.value
                ),
            )
            .with_figures(y.value, shown),
        );
    }
}

/// "1682.76元" where the same figure is stated in 万元 elsewhere; a 万元 figure a thousand
/// times the largest table figure (a 元 figure with the wrong unit).
fn units(ws: &Workspace, text: &Text, figs: &[Figure], out: &mut Vec<Finding>) {
    let s = &text.text;
    let wan: HashSet<Decimal> = figs
        .iter()
        .filter(|f| f.unit == Unit::Wan)
        .map(|f| f.value.normalize())
        .collect();
    for f in figs {
        let prefixed = s[..f.end].ends_with("万元") || s[..f.end].ends_with("亿元");
        if f.unit == Unit::Yuan
            && !prefixed
            && f.value.scale() > 0
            && !f.value.is_zero()
            && wan.contains(&f.value.normalize())
        {
            let q = quote(text, f.start.saturating_sub(18), f.end);
            out.push(finding(
                text,
                "prose.unit",
                Severity::Error,
                f.start,
                format!(
                    "“{q}”：{}元应为{}万元（同一数字在别处以万元列示）",
                    f.value, f.value
                ),
                format!(
                    "“{q}”: {} 元 should be {} 万元 (the same figure is given in 万元 elsewhere)",
                    f.value, f.value
                ),
            ));
        }
    }
    let largest = ws
        .tables
        .iter()
        .filter_map(|t| {
            let k = to_wan(t)?;
            t.rows
                .iter()
                .flat_map(|r| r.cells.iter().flatten())
                // Amounts are printed with cents or thousands separators (上海's 元 tables:
                // `66,716,064`); a bare integer may be a code read as a cell.
                .filter(|a| a.text().contains(['.', ',']))
                .filter_map(|a| a.value()?.checked_mul(k))
                .max()
        })
        .max();
    let Some(largest) = largest.filter(|l| *l > Decimal::ZERO) else {
        return;
    };
    let Some(limit) = largest.checked_mul(Decimal::from(1000)) else {
        return;
    };
    for f in figs
        .iter()
        .filter(|f| f.unit == Unit::Wan && f.value > limit)
    {
        let q = quote(text, f.start.saturating_sub(18), f.end);
        out.push(finding(
            text,
            "prose.unit",
            Severity::Warning,
            f.start,
            format!(
                "“{q}”：{}万元是公开表中最大数字 {} 万元的千倍以上，单位可能应为元",
                f.value,
                fmt_decimal(largest)
            ),
            format!(
                "“{q}”: {} 万元 is over a thousand times the largest table figure ({} 万元); the unit is probably 元",
                f.value,
                fmt_decimal(largest)
            ),
        ));
    }
}

/// "项目支出474.56万元，A 116万元，B 30万元，C 312万元，D 15.56万元。": a figure followed by a
/// plain list of figures in the same sentence; when they almost add up to it (within 5%)
/// but not within rounding, one of them is wrong.
fn listed_parts(text: &Text, figs: &[Figure], out: &mut Vec<Finding>) {
    let s = &text.text;
    let mut i = 0;
    while i < figs.len() {
        let t = &figs[i];
        if t.unit != Unit::Wan {
            i += 1;
            continue;
        }
        let end = sentence_end(s, t.end);
        let segment_end = s[t.end..end]
            .find(['比', '占', '%', '％', '增', '减', '较'])
            .map_or(end, |p| t.end + p);
        // Bare numbers (years, counts) are not parts.
        let parts: Vec<&Figure> = figs[i + 1..]
            .iter()
            .take_while(|f| f.end <= segment_end)
            .filter(|f| f.unit != Unit::None)
            .collect();
        let all_wan = parts.iter().all(|f| f.unit == Unit::Wan);
        if parts.len() < 2 || !all_wan {
            i += 1;
            continue;
        }
        let values: Vec<Decimal> = parts.iter().map(|f| f.value).collect();
        let Some(sum) = checked_sum(&values) else {
            i += 1;
            continue;
        };
        let mut figures = values.clone();
        figures.push(t.value);
        let diff = t.value - sum;
        let near = diff
            .abs()
            .checked_mul(Decimal::from(20))
            .is_some_and(|d| d <= t.value);
        if diff.abs() > tolerance(&figures) && near && !values.contains(&t.value) {
            let q = quote(text, t.start.saturating_sub(12), parts[parts.len() - 1].end);
            let expr = super::rules::sum_expression(&values);
            out.push(
                finding(
                    text,
                    "prose.parts_sum",
                    Severity::Error,
                    t.start,
                    format!(
                        "“{q}”：所列各项 {expr} = {}，与总数 {} 相差 {}",
                        fmt_decimal(sum),
                        t.value,
                        fmt_decimal(diff)
                    ),
                    format!(
                        "“{q}”: the listed parts {expr} = {} differ from the total {} by {}",
                        fmt_decimal(sum),
                        t.value,
                        fmt_decimal(diff)
                    ),
                )
                .with_figures(t.value, sum),
            );
        }
        i += 1 + parts.len();
    }
}

/// Words between a name and its figure ("…经费为", "…预算数") that are not part of the name.
const CONNECTORS: [&str; 11] = [
    "预算数为",
    "预算为",
    "预算数",
    "预算",
    "安排",
    "共计",
    "合计",
    "科目",
    "为",
    "是",
    "：",
];

/// Names printed in the tables, and the figures (in 万元) of their rows: table, row, column.
fn table_names(ws: &Workspace) -> HashMap<String, Vec<(usize, usize, usize, Decimal)>> {
    let mut names: HashMap<String, Vec<(usize, usize, usize, Decimal)>> = HashMap::new();
    for (t, table) in ws.tables.iter().enumerate() {
        let Some(k) = to_wan(table) else { continue };
        for (r, row) in table.rows.iter().enumerate() {
            let mut row_names = Vec::new();
            let mut values = Vec::new();
            for (c, a) in row.cells.iter().enumerate() {
                let Some(a) = a else { continue };
                let meaning = table.columns.get(c).map(|c| c.meaning);
                match a.value() {
                    Some(v) if meaning != Some(ColumnMeaning::Code) => {
                        if let Some(v) = v.checked_mul(k) {
                            values.push((c, v));
                        }
                    }
                    Some(_) => {}
                    None => {
                        let name = clean_name(a.text());
                        let generic = ["合计", "总计", "小计", "其中"]
                            .iter()
                            .any(|w| name.contains(w));
                        if name.chars().count() >= 4 && !generic {
                            row_names.push(name);
                        }
                    }
                }
            }
            for name in row_names {
                let entry = names.entry(name).or_default();
                for &(c, v) in &values {
                    entry.push((t, r, c, v));
                }
            }
        }
    }
    names.retain(|_, v| !v.is_empty());
    names
}

/// A name as compared: no spaces, no code in front, no （类）（款）（项） markers.
fn clean_name(text: &str) -> String {
    let mut s = squeeze(text);
    for m in ["（类）", "（款）", "（项）", "“", "”", "\""] {
        s = s.replace(m, "");
    }
    let s = s.trim_start_matches(|c: char| c.is_ascii_digit() || c == '[' || c == ']');
    s.trim_start_matches(['、', '.', '．']).to_string()
}

/// A figure in the prose after a name that a table prints, against that row's figures.
fn against_tables(ws: &Workspace, text: &Text, figs: &[Figure], out: &mut Vec<Finding>) {
    let names = table_names(ws);
    if names.is_empty() {
        return;
    }
    let longest = names.keys().map(|n| n.len()).max().unwrap_or(0);
    for f in figs.iter().filter(|f| f.unit == Unit::Wan) {
        let lead = text.before(f.start, 90);
        let clause = lead
            .rsplit(['，', '。', '；', '、', ',', ';', '：'])
            .next()
            .unwrap_or("");
        let mut clause = clean_name(clause);
        loop {
            let before = clause.len();
            for c in CONNECTORS {
                if let Some(stripped) = clause.strip_suffix(c) {
                    clause = stripped.to_string();
                }
            }
            if clause.len() == before {
                break;
            }
        }
        // The clause must be the name, give or take a year, the department or 其中 in
        // front: "…高中教育支出" is not "教育支出".
        let mut subject = clause.as_str();
        loop {
            let before = subject.len();
            subject = subject.trim_start_matches(|c: char| c.is_ascii_digit() || c == '年');
            for noise in ["其中", "本年", "全年", ws.meta.department.as_str()] {
                if !noise.is_empty() {
                    subject = subject.strip_prefix(noise).unwrap_or(subject);
                }
            }
            if subject.len() == before {
                break;
            }
        }
        if subject.len() > longest {
            continue;
        }
        let Some((name, rows)) = names.get_key_value(subject) else {
            continue;
        };
        let slack = |v: Decimal| {
            if f.value.scale() == 0 && v.fract() != Decimal::ZERO {
                // Prose in whole 万元 against a table in 元 or with cents: its precision.
                Decimal::new(5, 1)
            } else {
                tolerance(&[f.value, v])
            }
        };
        // A row of the basic-expenditure table holds only the item's basic money: the
        // prose's 公务接待费 (basic and project money, 广州商务 44.9) may exceed its 30217
        // row's total (3.40), never fall below it.
        let basic = |t: usize| ws.tables[t].kind == TableKind::BasicEconomic;
        let basic_total = rows
            .iter()
            .filter(|&&(t, ..)| basic(t))
            .map(|&(.., v)| v)
            .max();
        let matches = basic_total.is_some_and(|v| f.value >= v - slack(v))
            || rows
                .iter()
                .filter(|&&(t, ..)| !basic(t))
                .any(|&(.., v)| (v - f.value).abs() <= slack(v));
        if matches {
            continue;
        }
        let &(t, r, c, v) = &rows[0];
        let table = &ws.tables[t];
        let place = row_place(table, &table.rows[r]);
        let page = text.page(f.start);
        out.push(
            Finding::new(
                "prose.table_mismatch",
                Severity::Warning,
                Section::Document,
                text.pointer(f.start),
                prose_label(text, f.start),
                format!(
                    "正文第{page}页 {name} {}万元 vs {place} {name} {}万元",
                    f.value,
                    fmt_decimal(v)
                ),
                format!(
                    "Prose page {page}: {name} {} 万元 vs {place}: {}",
                    f.value,
                    fmt_decimal(v)
                ),
            )
            .with_figures(f.value, v)
            .with_counterpart(Place::table_cell(t, r, c), format!("{place} · {name}")),
        );
    }
}

/// A printed row (outside the imported tables) whose item is "无" yet carries money
/// (`无 40.00 40.00 …`): a template line left in.
fn placeholder_rows(ws: &Workspace, out: &mut Vec<Finding>) {
    let table_lines: HashSet<(u32, u32)> = ws
        .tables
        .iter()
        .flat_map(|t| t.rows.iter().map(|r| (r.page, r.line)))
        .collect();
    for (pi, page) in ws.source.pages.iter().enumerate() {
        for (li, line) in page.lines.iter().enumerate() {
            let number = u32::try_from(li + 1).unwrap_or(u32::MAX);
            if table_lines.contains(&(page.number, number)) {
                continue;
            }
            let pointer = Place::root()
                .key("source")
                .key("pages")
                .idx(pi)
                .key("lines")
                .idx(li);
            let figs = figures(line);
            let label = format!("正文 第{}页", page.number);
            // "无 40.00 …": the item is "无" but money is budgeted for it.
            let trimmed = line.trim_start();
            if let Some(rest) = trimmed.strip_prefix('无')
                && rest.starts_with([' ', '\u{3000}'])
                && rest.trim_start().starts_with(|c: char| c.is_ascii_digit())
                && let Some(f) = figs.first().filter(|f| f.value > Decimal::ZERO)
            {
                let q: String = trimmed.chars().take(40).collect();
                out.push(Finding::new(
                    "prose.template_leftover",
                    Severity::Warning,
                    Section::Document,
                    pointer,
                    label,
                    format!(
                        "正文第{}页：“{q}”：项目名称为“无”，却安排了 {} ",
                        page.number, f.value
                    ),
                    format!(
                        "Page {}: “{q}”: the item is named “无” (none) yet {} is budgeted for it",
                        page.number, f.value
                    ),
                ));
            }
        }
    }
}

/// `四` / `16` / `十二` → the number (up to 99).
fn count_at(text: &str) -> Option<u32> {
    if let Ok(n) = text.parse::<u32>() {
        return Some(n);
    }
    let digit = |c: char| "零一二三四五六七八九".chars().position(|d| d == c);
    let chars: Vec<char> = text.chars().collect();
    let n = match chars.as_slice() {
        ['十'] => 10,
        [d] => digit(*d)?,
        ['十', d] => 10 + digit(*d)?,
        [t, '十'] => digit(*t)? * 10,
        [t, '十', d] => digit(*t)? * 10 + digit(*d)?,
        _ => return None,
    };
    u32::try_from(n).ok()
}

/// “编报绩效目标的项目共4个，涉及项目预算资金2,912.55万元” / “公开四个二级项目支出绩效目标…
/// 公开金额474.56万元”: the number of projects and their money against the project tables.
fn coverage(ws: &Workspace, text: &Text, figs: &[Figure], out: &mut Vec<Finding>) {
    use super::agree::{Side, projects_sum, two_sided};
    let projects = ws.performance.projects.len();
    if projects == 0 {
        return;
    }
    let s = &text.text;
    let mut done = HashSet::new();
    for (at, _) in s.match_indices("绩效目标") {
        let (start, end) = (sentence_start(s, at), sentence_end(s, at));
        if !done.insert(start) || !s[start..end].contains("项目") {
            continue;
        }
        // "N个" with 项目 right before or after it.
        let sentence = &s[start..end];
        let mut count = None;
        for (i, _) in sentence.match_indices('个') {
            let before: String = sentence[..i]
                .chars()
                .rev()
                .take_while(|c| c.is_ascii_digit() || "零一二三四五六七八九十".contains(*c))
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            let n_at = i - before.len();
            let near_project = sentence[..n_at].ends_with("项目共")
                || sentence[i..]
                    .chars()
                    .skip(1)
                    .take(6)
                    .collect::<String>()
                    .contains("项目");
            if let (Some(n), true) = (count_at(&before), near_project) {
                count = Some((n, start + n_at, start + i));
                break;
            }
        }
        let Some((n, n_at, n_end)) = count else {
            continue;
        };
        let theirs = Side {
            pointer: Place::root().key("performance").key("projects"),
            label: format!("{projects} 张项目绩效目标表"),
        };
        let ours = |what: &str| Side {
            pointer: text.pointer(n_at),
            label: format!("正文第{}页 {what}", text.page(n_at)),
        };
        if n as usize != projects {
            out.push(two_sided(
                "prose.figure_mismatch",
                Severity::Warning,
                Section::Document,
                &ours("绩效目标项目个数"),
                &theirs,
                (Decimal::from(n), Decimal::from(projects), "个"),
                ("", ""),
            ));
        }
        let amount = figs
            .iter()
            .find(|f| f.start > n_end && f.end <= end && f.unit == Unit::Wan);
        if let (Some(f), Some((sum, error, _))) = (amount, projects_sum(ws)) {
            let slack = if f.value.fract().is_zero() {
                Decimal::new(5, 1)
            } else {
                half_ulp(f.value).min(Decimal::new(5, 3))
            };
            if f.value
                .checked_sub(sum)
                .is_none_or(|d| d.abs() > slack + error)
            {
                out.push(two_sided(
                    "prose.figure_mismatch",
                    Severity::Warning,
                    Section::Document,
                    &ours("绩效目标项目金额"),
                    &theirs,
                    (f.value, sum, "万元"),
                    ("", ""),
                ));
            }
        }
    }
}

/// One 项 row of a coded table, with its 类 and 款 names and its figures in 万元.
struct SubjectRow {
    class: String,
    section: String,
    item: String,
    code: String,
    /// `表03 第30页` and the row's first figure.
    place: String,
    pointer: Place,
    figures: Vec<(Decimal, Decimal)>,
}

/// The 项 rows (7-digit 功能 codes) of 支出总表, 功能分类表 and 政府性基金表.
fn subject_rows(ws: &Workspace) -> Vec<SubjectRow> {
    let mut out = Vec::new();
    for (t, table) in ws.tables.iter().enumerate().filter(|(_, t)| {
        matches!(
            t.kind,
            TableKind::ExpenditureSummary
                | TableKind::GeneralPublicFunctional
                | TableKind::GovernmentFund
        )
    }) {
        let Some(k) = to_wan(table) else { continue };
        let code_columns = super::tables::columns(table, ColumnMeaning::Code);
        let codes = super::tables::row_codes(table);
        let name_of = |code: &str| {
            codes
                .iter()
                .flatten()
                .find(|c| c.code == code)
                .map(|c| clean_name(&c.name))
        };
        for (r, (row, coded)) in table.rows.iter().zip(&codes).enumerate() {
            let Some(coded) = coded.as_ref().filter(|c| c.code.len() == 7) else {
                continue;
            };
            let amounts: Vec<(usize, Decimal)> = row
                .cells
                .iter()
                .enumerate()
                .filter(|(c, _)| !code_columns.contains(c))
                .filter_map(|(c, a)| Some((c, super::rules::value(a)?)))
                .collect();
            let Some(&(first, _)) = amounts.first() else {
                continue;
            };
            let figures = amounts
                .iter()
                .filter_map(|(_, v)| Some((v.checked_mul(k)?, rounding_error(*v).checked_mul(k)?)))
                .collect();
            out.push(SubjectRow {
                class: name_of(&coded.code[..3]).unwrap_or_default(),
                section: name_of(&coded.code[..5]).unwrap_or_default(),
                item: clean_name(&coded.name),
                code: coded.code.clone(),
                place: row_place(table, row),
                pointer: Place::table_cell(t, r, first),
                figures,
            });
        }
    }
    out
}

/// `prose.subject_path`: a 功能科目 item named by its path in the 编制说明
/// (`教育管理事务（款）行政运行（项）支出 1,631.11 万元`, 湖州 and 无锡 templates) against the
/// coded tables. **Warning** when no 项 row of that name sits under a 款 (and 类) of those
/// names while one of that name sits elsewhere (the path names another subject); **error**
/// when the path is found but the first 万元 figure after it is none of its rows' figures.
fn subject_paths(ws: &Workspace, text: &Text, figs: &[Figure], out: &mut Vec<Finding>) {
    let rows = subject_rows(ws);
    if rows.is_empty() {
        return;
    }
    let s = &text.text;
    let markers = |level: &str| [format!("（{level}）"), format!("({level})")];
    let last_before = |at: usize, level: &str| {
        markers(level)
            .iter()
            .filter_map(|m| s[..at].rfind(m.as_str()).map(|p| (p, p + m.len())))
            .max()
    };
    for marker in markers("项") {
        for (at, _) in s.match_indices(marker.as_str()) {
            let start = sentence_start(s, at);
            let clause_start = s[start..at]
                .rfind(['：', ':', '，', ','])
                .map_or(start, |p| {
                    start + p + s[start + p..].chars().next().map_or(1, char::len_utf8)
                });
            let Some((section_at, section_end)) =
                last_before(at, "款").filter(|(p, _)| *p >= clause_start)
            else {
                continue;
            };
            let class = last_before(section_at, "类").filter(|(p, _)| *p >= clause_start);
            let item = clean_name(&s[section_end..at]);
            let section_from = class.map_or(clause_start, |(_, end)| end);
            // The words before a marker may run on from the sentence (`…调整至人力资源和社会
            // 保障管理事务（款）`): a 款 or 类 name the tables know, ending them, is the name.
            let known = |words: &str, names: &mut dyn Iterator<Item = &String>| {
                let words = clean_name(words);
                let words = strip_numbering(&words);
                names
                    .filter(|n| !n.is_empty() && words.ends_with(n.as_str()))
                    .max_by_key(|n| n.len())
                    .cloned()
                    .unwrap_or_else(|| words.to_string())
            };
            let section = known(
                &s[section_from..section_at],
                &mut rows.iter().map(|r| &r.section),
            );
            let class_name =
                class.map(|(p, _)| known(&s[clause_start..p], &mut rows.iter().map(|r| &r.class)));
            let same_item: Vec<&SubjectRow> = rows.iter().filter(|r| r.item == item).collect();
            if same_item.is_empty() {
                continue;
            }
            // `一般公共服务（类）` for 一般公共服务支出: the 类's name without its 支出.
            let same_class = |ours: &str, theirs: &str| {
                ours == theirs || theirs.strip_suffix("支出") == Some(ours)
            };
            let on_path: Vec<&&SubjectRow> = same_item
                .iter()
                .filter(|r| {
                    r.section == section
                        && class_name.as_ref().is_none_or(|c| same_class(c, &r.class))
                })
                .collect();
            let path = match &class_name {
                Some(c) => format!("{c}（类）{section}（款）{item}（项）"),
                None => format!("{section}（款）{item}（项）"),
            };
            let end = sentence_end(s, at);
            let next_item = s[at + marker.len()..end]
                .find(marker.as_str())
                .map_or(end, |p| at + marker.len() + p);
            let stated = figs
                .iter()
                .find(|f| f.start > at && f.end <= next_item && f.unit == Unit::Wan);
            if on_path.is_empty() {
                // A subject with nothing this year is not printed in the tables (`审计事务（款）
                // 事业运行（项）支出 0 万元，与上年相比减少…`).
                if stated.is_some_and(|f| f.value.is_zero()) {
                    continue;
                }
                let mut there: Vec<String> = same_item
                    .iter()
                    .map(|r| format!("{} {}（款）{}", r.code, r.section, r.item))
                    .collect();
                there.dedup();
                out.push(finding(
                    text,
                    "prose.subject_path",
                    Severity::Warning,
                    at,
                    format!(
                        "“{path}”在公开表中没有这一科目；表中{}为 {}",
                        item,
                        there.join("、")
                    ),
                    format!(
                        "\"{path}\" is no subject of the tables; they have {item} as {}",
                        there.join(", ")
                    ),
                ));
                continue;
            }
            let Some(f) = stated else {
                continue;
            };
            let slack = half_ulp(f.value).min(Decimal::new(5, 3));
            let agrees = on_path.iter().any(|r| {
                r.figures.iter().any(|(v, e)| {
                    f.value
                        .checked_sub(*v)
                        .is_some_and(|d| d.abs() <= slack + *e)
                })
            });
            if !agrees {
                let printed: Vec<String> = on_path
                    .iter()
                    .map(|r| {
                        let figures: Vec<String> =
                            r.figures.iter().map(|(v, _)| fmt_decimal(*v)).collect();
                        format!("{} {}", r.place, figures.join(" / "))
                    })
                    .collect();
                // The nearest figure names the row and the expected amount.
                let Some((row, nearest)) = on_path
                    .iter()
                    .flat_map(|r| r.figures.iter().map(move |(v, _)| (*r, *v)))
                    .min_by_key(|(_, v)| f.value.checked_sub(*v).map_or(Decimal::MAX, |d| d.abs()))
                else {
                    continue;
                };
                out.push(
                    finding(
                        text,
                        "prose.subject_path",
                        Severity::Error,
                        f.start,
                        format!(
                            "“{path}” {} 万元，而 {} {} 各表所列为 {}（万元），均不相符",
                            fmt_decimal(f.value),
                            row.code,
                            row.item,
                            printed.join("；")
                        ),
                        format!(
                            "\"{path}\" {} (10k yuan), but {} {} is {} in the tables (10k yuan)",
                            fmt_decimal(f.value),
                            row.code,
                            row.item,
                            printed.join("; ")
                        ),
                    )
                    .with_figures(f.value, nearest.normalize())
                    .with_counterpart(
                        row.pointer.clone(),
                        format!("{} {} {}", row.place, row.code, row.item),
                    ),
                );
            }
        }
    }
}

/// A table row whose item is “无” yet carries money (`无 40.00 40.00 …` in a project list):
/// the same template line as [`placeholder_rows`], read as a table row.
fn placeholder_table_rows(ws: &Workspace, out: &mut Vec<Finding>) {
    for (t, table) in ws.tables.iter().enumerate() {
        for (r, row) in table.rows.iter().enumerate() {
            let Some(first) = row.cells.iter().flatten().next() else {
                continue;
            };
            if first.text().trim() != "无" {
                continue;
            }
            let Some((c, money)) = row
                .cells
                .iter()
                .enumerate()
                .find_map(|(c, a)| Some((c, a.as_ref()?.value()?)))
                .filter(|(_, v)| *v > Decimal::ZERO)
            else {
                continue;
            };
            let place = row_place(table, row);
            out.push(Finding::new(
                "prose.template_leftover",
                Severity::Warning,
                Section::Document,
                Place::table_cell(t, r, c),
                place.clone(),
                format!("{place}：项目名称为“无”，却安排了 {money}"),
                format!("{place}: the item is named “无” (none) yet {money} is budgeted for it"),
            ));
        }
    }
}

/// “政府采购预算1,305.41万元” / “政府采购预算总额 4,542.69 万元” against the 合计 of the
/// 政府采购 table (a warning: the prose may state one fund's purchases).
fn procurement(ws: &Workspace, text: &Text, figs: &[Figure], out: &mut Vec<Finding>) {
    use super::agree::{Side, procurement_totals, two_sided};
    let totals = procurement_totals(ws);
    if totals.is_empty() {
        return;
    }
    let s = &text.text;
    let mut keys: Vec<usize> = ["政府采购预算总额", "政府采购预算"]
        .iter()
        .flat_map(|k| s.match_indices(k).map(|(at, k)| at + k.len()))
        .collect();
    keys.sort_unstable();
    keys.dedup_by(|a, b| a.abs_diff(*b) <= "总额".len());
    for end in keys {
        // The figure right after the key (a colon, 为, spaces between).
        let Some(f) = figs
            .iter()
            .find(|f| f.start >= end && f.unit == Unit::Wan)
            .filter(|f| s[end..f.start].chars().count() <= 4 && !s[end..f.start].contains('，'))
        else {
            continue;
        };
        let slack = if f.value.fract().is_zero() {
            Decimal::new(5, 1)
        } else {
            half_ulp(f.value).min(Decimal::new(5, 3))
        };
        if totals.iter().any(|(_, v, e)| {
            f.value
                .checked_sub(*v)
                .is_some_and(|d| d.abs() <= slack + *e)
        }) {
            continue;
        }
        let (theirs, v, _) = &totals[0];
        out.push(two_sided(
            "prose.figure_mismatch",
            Severity::Warning,
            Section::Document,
            &Side {
                pointer: text.pointer(f.start),
                label: format!("正文第{}页 政府采购预算", text.page(f.start)),
            },
            theirs,
            (f.value, *v, "万元"),
            ("", ""),
        ));
    }
}

/// The explanation a published budget must carry: 名词解释 and 机关运行经费.
fn completeness(text: &Text, out: &mut Vec<Finding>) {
    let s = &text.text;
    for (word, rule, zh, en) in [
        (
            "名词解释",
            "complete.glossary_missing",
            "全文没有“名词解释”",
            "The document has no glossary (名词解释)",
        ),
        (
            "机关运行经费",
            "complete.running_costs_missing",
            "全文没有机关运行经费的说明",
            "The document does not explain 机关运行经费 (running costs)",
        ),
    ] {
        if !s.contains(word) {
            out.push(Finding::new(
                rule,
                Severity::Warning,
                Section::Document,
                Place::root().key("source"),
                "全文",
                zh.to_string(),
                en.to_string(),
            ));
        }
    }
}

pub fn all(ws: &Workspace, out: &mut Vec<Finding>) {
    file_year(ws, out);
    if ws.source.pages.is_empty() {
        return;
    }
    placeholder_rows(ws, out);
    placeholder_table_rows(ws, out);
    let text = Text::new(ws);
    let figs = figures(&text.text);
    years(ws, &text, out);
    leftovers(ws, &text, out);
    punctuation(&text, out);
    unit_wording(ws, &text, out);
    shares(&text, &figs, out);
    changes(&text, &figs, out);
    units(ws, &text, &figs, out);
    listed_parts(&text, &figs, out);
    against_tables(ws, &text, &figs, out);
    subject_paths(ws, &text, &figs, out);
    coverage(ws, &text, &figs, out);
    procurement(ws, &text, &figs, out);
    completeness(&text, out);
}
