//! Rendering of review findings (`check`) and of the grade report (`grade`) as text or JSON.
//!
//! Every string that comes from a file passes through [`crate::text::visible`] in text
//! output, so no control or bidi character reaches a terminal; JSON output escapes the same
//! characters as `\uXXXX`, so it is safe to print and still decodes to the exact text.
//! Colour (ANSI) is used only when the caller asks for it.

use std::fmt::Write;

use crate::review::{Finding, Section, Severity, count_by_severity, page_text};
use crate::text::{pad, to_safe_json, visible};

pub use crate::review::grades::{
    GradedRow, Outcome, ProblemRow, RowKind, StandardRow, grade_report,
};

pub use crate::i18n::Lang;

const RESET: &str = "\x1b[0m";
const BOLD: &str = "\x1b[1m";
const DIM: &str = "\x1b[2m";

fn severity_colour(s: Severity) -> &'static str {
    match s {
        Severity::Error => "\x1b[1;31m",
        Severity::Warning => "\x1b[33m",
        Severity::Info => "\x1b[36m",
    }
}

fn paint(text: &str, code: &str, color: bool) -> String {
    if color {
        format!("{code}{text}{RESET}")
    } else {
        text.to_string()
    }
}

/// `共 3 条：错误 1，警告 1，提示 1` / `3 findings: 1 error, 1 warning, 1 info`.
pub fn count_line(findings: &[Finding], lang: Lang) -> String {
    let [e, w, i] = count_by_severity(findings);
    let n = findings.len();
    match lang {
        Lang::Zh => format!("共 {n} 条：错误 {e}，警告 {w}，提示 {i}"),
        Lang::En => format!(
            "{n} finding{}: {e} error{}, {w} warning{}, {i} info",
            if n == 1 { "" } else { "s" },
            if e == 1 { "" } else { "s" },
            if w == 1 { "" } else { "s" },
        ),
    }
}

/// True when any finding is an error (the CLI then exits 1).
pub fn has_errors(findings: &[Finding]) -> bool {
    findings.iter().any(|f| f.severity == Severity::Error)
}

/// Findings as text: one heading per section (in document order, with its count), each
/// finding as `severity  rule  label 第N页`, its message, both sides when it compares two
/// places (`表3 第12页 … 1234.56 vs 表5 第14页 … 1243.56`) and its pointer; a final count line.
pub fn findings_text(findings: &[Finding], lang: Lang, color: bool) -> String {
    findings_text_with(findings, lang, color, &|_| None)
}

/// [`findings_text`] with a line under each finding that `remark` says something about (the
/// reviewer's disposition and note).
pub fn findings_text_with(
    findings: &[Finding],
    lang: Lang,
    color: bool,
    remark: &dyn Fn(&Finding) -> Option<String>,
) -> String {
    let mut out = String::new();
    let mut sections: Vec<Section> = findings.iter().map(|f| f.section).collect();
    sections.sort();
    sections.dedup();
    for section in sections {
        let group: Vec<&Finding> = findings.iter().filter(|f| f.section == section).collect();
        let heading = format!("== {} ({}) ==", section.label(lang), group.len());
        let _ = writeln!(out, "{}", paint(&heading, BOLD, color));
        for f in group {
            let sev = f.severity.label(lang);
            let sev = paint(&pad(sev, 8), severity_colour(f.severity), color);
            let mut place = visible(&f.label).into_owned();
            if let Some(page) = f.page
                && !f.label.contains(&page_text(page, Lang::Zh))
            {
                place = format!("{place} {}", page_text(page, lang));
            }
            let _ = writeln!(out, "{sev} {}  {place}", visible(f.rule));
            let _ = writeln!(out, "        {}", visible(f.message(lang)));
            if let Some(sides) = f.sides(lang) {
                let _ = writeln!(out, "        {}", visible(&sides));
            }
            let _ = writeln!(
                out,
                "        {}",
                paint(&visible(f.pointer.as_str()), DIM, color)
            );
            if let Some(remark) = remark(f) {
                let _ = writeln!(out, "        {}", visible(&remark));
            }
        }
        out.push('\n');
    }
    if findings.is_empty() {
        let none = if lang == Lang::Zh {
            "未发现问题"
        } else {
            "No findings"
        };
        let _ = writeln!(out, "{none}");
    }
    let _ = writeln!(out, "{}", paint(&count_line(findings, lang), BOLD, color));
    out
}

/// Findings as a JSON array (see docs/cli.md for the fields). Every finding has all the
/// keys; `stated`, `expected` and `difference` are null when the rule has no figures, `page`
/// when the place was not printed, `counterpart` when the finding is about one place.
pub fn findings_json(findings: &[Finding]) -> String {
    to_safe_json(findings)
}

/// The grade report as text: per indicator its path and name, the ladder with readings,
/// problems, the actual value and the outcome.
pub fn grades_text(rows: &[GradedRow], lang: Lang, color: bool) -> String {
    let zh = lang == Lang::Zh;
    let mut out = String::new();
    let mut last_path: Option<&str> = None;
    for row in rows {
        if last_path != Some(row.path.as_str()) {
            let kind = match (row.kind, zh) {
                (RowKind::Matrix, true) => "职责活动",
                (RowKind::Matrix, false) => "Matrix",
                (RowKind::Project, true) => "项目绩效目标表",
                (RowKind::Project, false) => "Project table",
            };
            let heading = format!("== {kind} · {} ==", visible(&row.path));
            let _ = writeln!(out, "{}", paint(&heading, BOLD, color));
            last_path = Some(row.path.as_str());
        }
        let direction = if zh {
            row.direction_zh
        } else {
            row.direction_en
        };
        let dir = direction.map(|d| format!("  [{d}]")).unwrap_or_default();
        let _ = writeln!(out, "{}{dir}", visible(&row.name));
        for s in &row.standards {
            let grade = if zh {
                s.grade_zh
            } else if s.grade == "target" {
                "target"
            } else {
                s.grade
            };
            let reading = if zh { &s.reading_zh } else { &s.reading_en };
            let text = if s.text.trim().is_empty() {
                if zh {
                    "（空）".to_string()
                } else {
                    "(blank)".to_string()
                }
            } else {
                visible(&s.text).into_owned()
            };
            let _ = writeln!(out, "    {} {text}  → {}", pad(grade, 8), visible(reading));
        }
        for p in &row.problems {
            let sev = paint(p.severity.label(lang), severity_colour(p.severity), color);
            let msg = if zh { &p.message_zh } else { &p.message_en };
            let _ = writeln!(out, "    {sev} {}  {}", p.code, visible(msg));
        }
        let actual = match &row.actual {
            Some(a) => visible(a).into_owned(),
            None => "—".to_string(),
        };
        let outcome = row.outcome.text(zh);
        let colour = match row.outcome {
            Outcome::Graded { .. } | Outcome::Met => "\x1b[32m",
            Outcome::NotMet { .. } | Outcome::NoGrade { .. } => "\x1b[33m",
            Outcome::NoActual => DIM,
        };
        let label = if zh { "实际值" } else { "actual" };
        let _ = writeln!(
            out,
            "    {label}: {actual}  → {}",
            paint(&visible(&outcome), colour, color)
        );
    }
    let graded = rows
        .iter()
        .filter(|r| {
            matches!(
                r.outcome,
                Outcome::Graded { .. } | Outcome::Met | Outcome::NotMet { .. }
            )
        })
        .count();
    let with_problems = rows
        .iter()
        .filter(|r| r.problems.iter().any(|p| p.severity != Severity::Info))
        .count();
    let summary = if zh {
        format!(
            "共 {} 个指标：已评定 {graded}，评价标准有问题 {with_problems}",
            rows.len()
        )
    } else {
        format!(
            "{} indicators: {graded} graded, {with_problems} with ladder problems",
            rows.len()
        )
    };
    let _ = writeln!(out, "{}", paint(&summary, BOLD, color));
    out
}

/// The grade report as a JSON array of rows (see docs/rules.md).
pub fn grades_json(rows: &[GradedRow]) -> String {
    to_safe_json(rows)
}
