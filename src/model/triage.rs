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

    /// Its name in files (`accepted`, `rejected`, `to_fix`).
    pub fn name(self) -> &'static str {
        match self {
            Decision::Accepted => "accepted",
            Decision::Rejected => "rejected",
            Decision::ToFix => "to_fix",
        }
    }

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
    pub decision: Recorded,
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

/// A decision as a file records it: one this build knows, or the name a newer build wrote
/// (kept and written back as it was; such a finding counts as undecided here).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Recorded {
    Known(Decision),
    Unknown(String),
}

impl Recorded {
    /// The decision, when this build knows it.
    pub fn known(&self) -> Option<Decision> {
        match self {
            Recorded::Known(d) => Some(*d),
            Recorded::Unknown(_) => None,
        }
    }
}

impl From<Decision> for Recorded {
    fn from(d: Decision) -> Recorded {
        Recorded::Known(d)
    }
}

impl Serialize for Recorded {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Recorded::Known(d) => serializer.serialize_str(d.name()),
            Recorded::Unknown(name) => serializer.serialize_str(name),
        }
    }
}

impl<'de> Deserialize<'de> for Recorded {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Recorded, D::Error> {
        let name = String::deserialize(deserializer)?;
        Ok(Decision::ALL
            .into_iter()
            .find(|d| d.name() == name)
            .map_or(Recorded::Unknown(name), Recorded::Known))
    }
}

impl JsonSchema for Recorded {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Decision".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "accepted, rejected or to_fix (a newer build's name is kept as written)",
            "type": "string"
        })
    }
}
