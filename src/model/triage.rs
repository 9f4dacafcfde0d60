//! The reviewer's decisions on findings (triage): accepted, rejected as a false positive, or
//! to be fixed, each with a note. They live in the workspace (`dispositions`) and are matched
//! to findings by rule id and place (the finding's JSON pointer text), so they survive a
//! re-check and the re-import of a revised draft. The figures the finding had when it was
//! decided are kept with the decision: when they change, the decision no longer stands.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::workspace::Extra;

/// What the reviewer decided about a finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    /// The finding stands and the department's explanation is accepted.
    Accepted,
    /// A false positive: the rule is wrong here.
    Rejected,
    /// The department has to correct the document.
    ToFix,
}

impl Decision {
    pub const ALL: [Decision; 3] = [Decision::Accepted, Decision::Rejected, Decision::ToFix];

    pub fn label_zh(self) -> &'static str {
        match self {
            Decision::Accepted => "已接受",
            Decision::Rejected => "误报",
            Decision::ToFix => "待修改",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            Decision::Accepted => "accepted",
            Decision::Rejected => "rejected",
            Decision::ToFix => "to fix",
        }
    }
}

/// One decision: which finding (rule and place), what was decided, why, and the figures the
/// finding had then.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Disposition {
    /// The finding's rule id, e.g. `sum.mismatch`.
    pub rule: String,
    /// The finding's place: its JSON pointer, e.g. `/overview/expenditure/total`.
    pub place: String,
    pub decision: Decision,
    /// The reviewer's note (the 审核意见 quotes it).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// The finding's stated and expected figures when it was decided.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stated: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected: Option<String>,
    #[serde(flatten)]
    pub extra: Extra,
}
