//! Triage: the reviewer's decisions on findings, matched by rule id and place (see
//! [`crate::model::triage`]), and how they are carried into a re-imported draft.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::i18n::Lang;
use crate::model::{Decision, Disposition, Workspace};
use crate::review::Finding;

/// Where a finding stands with the reviewer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum State {
    /// Not decided yet.
    Open,
    Decided(Decision),
    /// Decided, but the finding's figures changed since: to be looked at again.
    Reopened(Decision),
}

impl State {
    /// Still needs the reviewer: undecided or reopened.
    pub fn is_open(self) -> bool {
        matches!(self, State::Open | State::Reopened(_))
    }

    /// Settled and left out of the opinion's list of problems (accepted or rejected).
    pub fn is_settled(self) -> bool {
        matches!(
            self,
            State::Decided(Decision::Accepted | Decision::Rejected)
        )
    }

    pub fn label(self, lang: Lang) -> String {
        let decision = |d: Decision| lang.pick(d.label_zh(), d.label_en());
        match self {
            State::Open => lang.pick("未处置", "open").to_string(),
            State::Decided(d) => decision(d).to_string(),
            State::Reopened(d) => match lang {
                Lang::Zh => format!("重新打开（原{}）", decision(d)),
                Lang::En => format!("reopened (was {})", decision(d)),
            },
        }
    }
}

/// The key a disposition and a finding share: rule id and place.
fn key_of(f: &Finding) -> (String, String) {
    (f.rule.to_string(), f.pointer.to_string())
}

/// True when `d` is about `f` (same rule, same place).
// The place is compared as text: whatever type a finding's place has, its text is the key.
#[allow(clippy::cmp_owned)]
pub fn matches(d: &Disposition, f: &Finding) -> bool {
    d.rule == f.rule && d.place == f.pointer.to_string()
}

/// The disposition of `f` in `ws`, if any.
pub fn find<'a>(ws: &'a Workspace, f: &Finding) -> Option<&'a Disposition> {
    ws.dispositions.iter().find(|d| matches(d, f))
}

/// Where `f` stands given its disposition `d`.
pub fn state_of(d: Option<&Disposition>, f: &Finding) -> State {
    match d {
        None => State::Open,
        Some(d) => match d.decision.known() {
            // A decision a newer build wrote: undecided as far as this build can say.
            None => State::Open,
            Some(decision) if d.stated == f.stated && d.expected == f.expected => {
                State::Decided(decision)
            }
            Some(decision) => State::Reopened(decision),
        },
    }
}

/// Where `f` stands in `ws`.
pub fn state(ws: &Workspace, f: &Finding) -> State {
    state_of(find(ws, f), f)
}

/// The dispositions of many findings at once (one pass over the dispositions).
pub struct Index<'a> {
    by_key: HashMap<(String, String), &'a Disposition>,
}

impl<'a> Index<'a> {
    pub fn new(ws: &'a Workspace) -> Index<'a> {
        let by_key = ws
            .dispositions
            .iter()
            .map(|d| ((d.rule.clone(), d.place.clone()), d))
            .collect();
        Index { by_key }
    }

    pub fn get(&self, f: &Finding) -> Option<&'a Disposition> {
        if self.by_key.is_empty() {
            return None;
        }
        self.by_key.get(&key_of(f)).copied()
    }

    pub fn state(&self, f: &Finding) -> State {
        state_of(self.get(f), f)
    }
}

/// The disposition that records `decision` with `note` on `f` (its figures as they are now).
pub fn disposition_for(f: &Finding, decision: Decision, note: &str) -> Disposition {
    Disposition {
        rule: f.rule.to_string(),
        place: f.pointer.to_string(),
        decision: decision.into(),
        note: note.trim().to_string(),
        stated: f.stated.clone(),
        expected: f.expected.clone(),
        extra: Default::default(),
    }
}

/// Records `value` for the finding keyed `(rule, place)` (replacing any earlier decision, or
/// removing it when `value` is `None`); returns what was there before.
pub fn put(
    ws: &mut Workspace,
    rule: &str,
    place: &str,
    value: Option<Disposition>,
) -> Option<Disposition> {
    let at = ws
        .dispositions
        .iter()
        .position(|d| d.rule == rule && d.place == place);
    match (at, value) {
        (Some(i), Some(v)) => Some(std::mem::replace(&mut ws.dispositions[i], v)),
        (Some(i), None) => Some(ws.dispositions.remove(i)),
        (None, Some(v)) => {
            ws.dispositions.push(v);
            None
        }
        (None, None) => None,
    }
}

/// What a reviewer owns in a workspace and a re-import keeps: the dispositions, the actual
/// values (实际值) recorded on indicators that the new draft still has (matched by the names of
/// project, duty, activity and indicator; a draft never states them), and fields other tools
/// added at the top level (unknown to this build). Everything the document says comes from
/// the new draft.
pub fn carry_over(old: &Workspace, new: &mut Workspace) {
    new.dispositions = old.dispositions.clone();
    for (k, v) in old.extra.iter() {
        new.extra.entry(k.clone()).or_insert_with(|| v.clone());
    }
    let same = |a: &str, b: &str| a.trim() == b.trim();
    for project in &mut new.performance.projects {
        let Some(before) = old
            .performance
            .projects
            .iter()
            .find(|p| same(&p.name, &project.name))
        else {
            continue;
        };
        for row in project.indicators.iter_mut().filter(|r| r.actual.is_none()) {
            row.actual = before
                .indicators
                .iter()
                .find(|r| same(&r.name, &row.name) && same(&r.level2, &row.level2))
                .and_then(|r| r.actual.clone());
        }
    }
    let keep_actuals = |new: &mut [crate::model::GradedIndicator],
                        old: &[crate::model::GradedIndicator]| {
        for row in new.iter_mut().filter(|r| r.actual.is_none()) {
            row.actual = old
                .iter()
                .find(|r| same(&r.name, &row.name))
                .and_then(|r| r.actual.clone());
        }
    };
    for duty in &mut new.performance.matrix.duties {
        let Some(before) = old
            .performance
            .matrix
            .duties
            .iter()
            .find(|d| same(&d.name, &duty.name))
        else {
            continue;
        };
        keep_actuals(&mut duty.indicators, &before.indicators);
        for activity in &mut duty.activities {
            if let Some(was) = before
                .activities
                .iter()
                .find(|a| same(&a.name, &activity.name))
            {
                keep_actuals(&mut activity.indicators, &was.indicators);
            }
        }
    }
}

/// The previous version kept beside `path` by `import --update`: `X.prev.json` for `X.json`.
pub fn previous_path(path: &Path) -> PathBuf {
    let stem = path.file_stem().unwrap_or(path.as_os_str());
    let mut name = stem.to_os_string();
    name.push(".prev.json");
    path.with_file_name(name)
}

/// `import --update`: the workspace `new` imported from a revised draft replaces the one at
/// `path`, keeping its reviewer-owned data ([`carry_over`]); the replaced version is kept as
/// [`previous_path`] (the workbench offers the diff against it). Returns the workspace written.
pub fn update_into(path: &Path, mut new: Workspace) -> Result<Workspace, String> {
    let old_bytes = std::fs::read(path).map_err(|e| {
        format!(
            "{}: {e}; --update re-imports into an existing workspace",
            super::shown(path)
        )
    })?;
    let old = crate::store::load(path).map_err(|e| e.to_string())?;
    carry_over(&old, &mut new);
    // The old file as it was, byte for byte: the diff shows what the draft changed.
    crate::store::write_atomically(&previous_path(path), &old_bytes).map_err(|e| e.to_string())?;
    let text = crate::store::to_json(&new);
    crate::store::write_atomically(path, text.as_bytes()).map_err(|e| e.to_string())?;
    Ok(new)
}

/// A finding with its disposition, as `check --format json` prints it: the finding's own
/// fields, then `disposition` (`accepted`, `rejected`, `to_fix`), `reopened` and `note` when
/// the reviewer decided something.
#[derive(serde::Serialize)]
pub struct Triaged<'a> {
    #[serde(flatten)]
    pub finding: &'a Finding,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub disposition: Option<Decision>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub reopened: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<&'a str>,
}

/// `findings` with their dispositions in `ws`.
pub fn triaged<'a>(ws: &'a Workspace, findings: &'a [Finding]) -> Vec<Triaged<'a>> {
    let index = Index::new(ws);
    findings
        .iter()
        .map(|f| {
            let d = index.get(f);
            Triaged {
                finding: f,
                disposition: d.and_then(|d| d.decision.known()),
                reopened: matches!(state_of(d, f), State::Reopened(_)),
                note: d.map(|d| d.note.as_str()).filter(|n| !n.is_empty()),
            }
        })
        .collect()
}

/// The line `check` prints under a decided finding: `处置：已接受 — note`.
pub fn remark(ws: &Workspace, f: &Finding, lang: Lang) -> Option<String> {
    let d = find(ws, f)?;
    let mut text = format!(
        "{}{}",
        lang.pick("处置：", "disposition: "),
        state_of(Some(d), f).label(lang)
    );
    if !d.note.is_empty() {
        text.push_str(" — ");
        text.push_str(&d.note);
    }
    Some(text)
}
