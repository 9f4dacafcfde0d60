//! Review rules: read a workspace, report findings. Rules never change the data.

use serde::Serialize;

use rust_decimal::Decimal;

use crate::model::{Place, Workspace};

mod agree;
mod arith;
mod change;
mod complete;
pub mod cross;
pub mod grades;
mod identity;
pub mod incremental;
mod ladders;
mod prose;
pub mod registry;
mod rules;
mod structure;
pub mod tables;

pub use arith::{ComputedFigure, computation_in_total, goal_unit};
pub use change::percent_change;
pub use rules::{fmt_decimal, rounding_error, tolerance};

/// How serious a finding is; a reviewer decides what to do with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    /// The severity's name in `lang`.
    pub fn label(self, lang: crate::i18n::Lang) -> &'static str {
        lang.pick(self.label_zh(), self.label_en())
    }

    pub const ALL: [Severity; 3] = [Severity::Error, Severity::Warning, Severity::Info];

    pub fn label_zh(self) -> &'static str {
        match self {
            Severity::Error => "错误",
            Severity::Warning => "警告",
            Severity::Info => "提示",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// Which part of the document a finding is about (its group in reports, its tab in the UI).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Section {
    Profile,
    Overview,
    RunningCosts,
    ThreePublic,
    ItemisedGoals,
    Projects,
    Matrix,
    Procurement,
    Assets,
    Document,
}

impl Section {
    /// The section's name in `lang`.
    pub fn label(self, lang: crate::i18n::Lang) -> &'static str {
        lang.pick(self.label_zh(), self.label_en())
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            Section::Profile => "部门职责",
            Section::Overview => "预算总体情况",
            Section::RunningCosts => "机关运行经费",
            Section::ThreePublic => "“三公”经费",
            Section::ItemisedGoals => "分项绩效目标",
            Section::Projects => "项目绩效目标表",
            Section::Matrix => "职责活动绩效目标",
            Section::Procurement => "政府采购",
            Section::Assets => "国有资产",
            Section::Document => "全文",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            Section::Profile => "Profile",
            Section::Overview => "Budget overview",
            Section::RunningCosts => "Running costs",
            Section::ThreePublic => "Three public expenses",
            Section::ItemisedGoals => "Itemised goals",
            Section::Projects => "Project target tables",
            Section::Matrix => "Duty-activity matrix",
            Section::Procurement => "Procurement",
            Section::Assets => "State assets",
            Section::Document => "Document",
        }
    }
}

/// One thing a reviewer should look at.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Stable rule id, e.g. `sum.mismatch`.
    pub rule: &'static str,
    pub severity: Severity,
    pub section: Section,
    /// Where the figure or row is in the workspace, e.g. `/overview/expenditure/total`
    /// (a JSON pointer in JSON).
    pub pointer: Place,
    /// Human location: section · table · row.
    pub label: String,
    /// The printed page the place is on (PDF imports), from the workspace's provenance and
    /// tables; filled in by [`check`] for every rule, never by the rules themselves.
    pub page: Option<u32>,
    /// The other side, when the finding compares two places (prose against a table, two
    /// tables, two sections).
    pub counterpart: Option<Counterpart>,
    pub message_zh: String,
    pub message_en: String,
    /// The figure as stated, what the rule expected, and their difference (stated −
    /// expected), when numeric; `null` in JSON otherwise.
    pub stated: Option<String>,
    pub expected: Option<String>,
    pub difference: Option<String>,
}

impl Finding {
    /// A finding without figures.
    pub fn new(
        rule: &'static str,
        severity: Severity,
        section: Section,
        pointer: impl Into<Place>,
        label: impl Into<String>,
        message_zh: String,
        message_en: String,
    ) -> Finding {
        Finding {
            rule,
            severity,
            section,
            pointer: pointer.into(),
            label: label.into(),
            page: None,
            counterpart: None,
            message_zh,
            message_en,
            stated: None,
            expected: None,
            difference: None,
        }
    }

    /// Adds the stated and expected figures and their difference (stated − expected).
    pub fn with_figures(mut self, stated: Decimal, expected: Decimal) -> Finding {
        self.stated = Some(stated.to_string());
        self.expected = Some(fmt_decimal(expected));
        self.difference = stated.checked_sub(expected).map(fmt_decimal);
        self
    }

    /// Names the other place this finding compares with (its page is filled in with the
    /// finding's own, see [`check`]).
    pub fn with_counterpart(
        mut self,
        place: impl Into<Place>,
        label: impl Into<String>,
    ) -> Finding {
        self.counterpart = Some(Counterpart {
            place: place.into(),
            label: label.into(),
            page: None,
        });
        self
    }

    /// Both sides of a finding that compares two places, each with its page and figure:
    /// `收支总表 · 支出总计 第3页 1234.56 vs 支出总表 · 合计 第5页 1243.56`. `None` for a
    /// finding about one place.
    pub fn sides(&self, lang: crate::i18n::Lang) -> Option<String> {
        let other = self.counterpart.as_ref()?;
        self.sides_named(lang, &self.label, &other.label)
    }

    /// [`Finding::sides`] with each side named by the caller (the TUI names places in the UI
    /// language).
    pub fn sides_named(&self, lang: crate::i18n::Lang, own: &str, others: &str) -> Option<String> {
        let other = self.counterpart.as_ref()?;
        let side = |label: &str, page: Option<u32>, figure: &Option<String>| {
            let mut text = label.to_string();
            // Table and prose labels already name their page (`表6 第11页 · …`).
            if let Some(page) = page
                && !label.contains(&page_text(page, crate::i18n::Lang::Zh))
            {
                text.push(' ');
                text.push_str(&page_text(page, lang));
            }
            if let Some(figure) = figure {
                text.push(' ');
                text.push_str(figure);
            }
            text
        };
        Some(format!(
            "{} vs {}",
            side(own, self.page, &self.stated),
            side(others, other.page, &self.expected)
        ))
    }

    /// The message in `lang`.
    pub fn message(&self, lang: crate::i18n::Lang) -> &str {
        lang.pick(&self.message_zh, &self.message_en)
    }
}

/// A printed page as a reviewer says it: `第12页`, `p. 12`.
pub fn page_text(page: u32, lang: crate::i18n::Lang) -> String {
    match lang {
        crate::i18n::Lang::Zh => format!("第{page}页"),
        crate::i18n::Lang::En => format!("p. {page}"),
    }
}

/// The other side of a finding that compares two places.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Counterpart {
    /// Where the other figure is (a JSON pointer in JSON, like the finding's own).
    #[serde(rename = "pointer")]
    pub place: Place,
    /// Human location of the other side: section · table · row.
    pub label: String,
    /// The printed page of the other side (PDF imports).
    pub page: Option<u32>,
}

/// Runs every rule over `workspace`; findings in document order (grouped by section, in
/// the order of the document's sections; within a section, in the order the rules found them).
pub fn check(workspace: &Workspace) -> Vec<Finding> {
    let mut findings = Vec::new();
    rules::run_all(workspace, &mut findings);
    locate(workspace, &mut findings);
    incremental::sort_in_document_order(&mut findings);
    findings
}

/// Fills in the printed page of each finding and of its counterpart: the one place pages
/// are resolved, so no rule has to.
pub fn locate(workspace: &Workspace, findings: &mut [Finding]) {
    for f in findings {
        f.page = workspace.page_of(&f.pointer);
        if let Some(c) = &mut f.counterpart {
            c.page = workspace.page_of(&c.place);
        }
    }
}

/// Findings counted by severity: (errors, warnings, infos).
pub fn count_by_severity(findings: &[Finding]) -> [usize; 3] {
    let mut counts = [0; 3];
    for f in findings {
        counts[f.severity as usize] += 1;
    }
    counts
}
