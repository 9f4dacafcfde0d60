//! Review rules: read a workspace, report findings. Rules never change the data.

use serde::Serialize;

use rust_decimal::Decimal;

use crate::model::Workspace;

mod agree;
mod arith;
mod change;
mod complete;
mod cross;
pub mod grades;
mod identity;
pub mod incremental;
mod ladders;
pub mod pointer;
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
    /// JSON pointer to the figure or row in the workspace, e.g. `/overview/expenditure/total`.
    pub pointer: String,
    /// Human location: section · table · row.
    pub label: String,
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
        pointer: impl Into<String>,
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

    /// The message in `lang`.
    pub fn message(&self, lang: crate::i18n::Lang) -> &str {
        lang.pick(&self.message_zh, &self.message_en)
    }
}

/// Runs every rule over `workspace`; findings in document order (grouped by section, in
/// the order of the document's sections; within a section, in the order the rules found them).
pub fn check(workspace: &Workspace) -> Vec<Finding> {
    let mut findings = Vec::new();
    rules::run_all(workspace, &mut findings);
    incremental::sort_in_document_order(&mut findings);
    findings
}

/// Findings counted by severity: (errors, warnings, infos).
pub fn count_by_severity(findings: &[Finding]) -> [usize; 3] {
    let mut counts = [0; 3];
    for f in findings {
        counts[f.severity as usize] += 1;
    }
    counts
}
