//! Re-checking after one cell edit without re-reading the whole workspace.
//!
//! Most rules look at one project table or one duty of the matrix at a time. After an edit
//! inside one of those, only that unit's findings can change — except for the few rules that
//! compare units with each other or with other sections, marked `Scope::CrossUnit` in [`super::registry`]; edits
//! that could affect those (numbers, names, codes, budgets, added or removed rows) take the
//! full check. `tests/review_incremental.rs` checks that both ways always agree.

use super::registry::is_cross_unit;
use super::{Finding, Section, check};
use crate::model::place::within;
use crate::model::{Duty, Place, ProjectTable, Workspace};

/// The unit an edit at `pointer` stays inside, when it is a cell that only local rules read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    Duty(usize),
    Project(usize),
}

impl Unit {
    fn place(self) -> Place {
        match self {
            Unit::Duty(d) => Place::duties().idx(d),
            Unit::Project(p) => Place::projects().idx(p),
        }
    }

    /// The same kind of unit at index 0: where it is in a workspace holding it alone.
    fn first(self) -> Unit {
        match self {
            Unit::Duty(_) => Unit::Duty(0),
            Unit::Project(_) => Unit::Project(0),
        }
    }
}

fn unit_of(place: &Place) -> Option<Unit> {
    let parts = place.parts();
    let index = |s: &str| s.parse::<usize>().ok();
    match parts.as_slice() {
        // An indicator's own field: name, value, standard, actual, …
        ["performance", "matrix", "duties", d, "indicators", k, _]
        | [
            "performance",
            "matrix",
            "duties",
            d,
            "activities",
            _,
            "indicators",
            k,
            _,
        ] => {
            index(k)?;
            index(d).map(Unit::Duty)
        }
        // A project indicator's name or explanation may now repeat another project's
        // (`id.copied_text`, across projects): those edits take the full check.
        [
            "performance",
            "projects",
            _,
            "indicators",
            _,
            "name" | "description",
        ] => None,
        ["performance", "projects", p, "indicators", k, _] => {
            index(k)?;
            index(p).map(Unit::Project)
        }
        ["performance", "projects", p, "spending_plan", _] => index(p).map(Unit::Project),
        _ => None,
    }
}

/// A workspace holding only `duty` or `project`, at index 0.
fn alone(ws: &Workspace, unit: Unit) -> Option<Workspace> {
    let mut single = Workspace::new(&ws.meta.department);
    match unit {
        Unit::Duty(d) => {
            let duty: &Duty = ws.performance.matrix.duties.get(d)?;
            single.performance.matrix.duties.push(duty.clone());
        }
        Unit::Project(p) => {
            let project: &ProjectTable = ws.performance.projects.get(p)?;
            single.performance.projects.push(project.clone());
        }
    }
    Some(single)
}

/// Brings `findings` (those of `ws` before an edit at `pointer`, in document order) up to
/// date with `ws` by re-checking only the edited unit. Returns false, leaving them as they
/// were, when the edit needs the full check. The work depends on the unit, not on the
/// workspace: the unit's findings are one run of the sorted list, found by binary search.
pub fn recheck_after_edit(ws: &Workspace, findings: &mut Vec<Finding>, edited: &Place) -> bool {
    let Some(unit) = unit_of(edited) else {
        return false;
    };
    let Some(single) = alone(ws, unit) else {
        return false;
    };
    let unit_place = unit.place();
    let single_place = unit.first().place();
    let local = |f: &Finding| !is_cross_unit(f.rule);
    let mut fresh: Vec<Finding> = Vec::new();
    for mut finding in check(&single) {
        if !local(&finding) {
            continue;
        }
        if let Some(moved) = finding.pointer.rebase(&single_place, &unit_place) {
            finding.pointer = moved;
            if let Some(c) = &mut finding.counterpart
                && let Some(moved) = c.place.rebase(&single_place, &unit_place)
            {
                c.place = moved;
            }
            // Local findings name nothing outside their unit but their own place: the page
            // comes from the whole workspace's provenance, which the lone unit lacks.
            super::locate(ws, std::slice::from_mut(&mut finding));
            fresh.push(finding);
        }
    }
    let section = match unit {
        Unit::Duty(_) => Section::Matrix,
        Unit::Project(_) => Section::Projects,
    };
    let (start, end) = run_under(findings, section, unit_place.as_str(), 0);
    let mut run: Vec<Finding> = findings[start..end]
        .iter()
        .filter(|f| !(f.pointer.is_within(&unit_place) && local(f)))
        .cloned()
        .chain(fresh)
        .collect();
    sort_in_document_order(&mut run);
    // One splice; when the unit has as many findings as before, nothing else moves.
    findings.splice(start..end, run);
    true
}

/// The section a pointer's findings are filed under (see [`check`]; a test holds every rule
/// to it).
pub fn section_of(place: &Place) -> Section {
    let mut tokens = place.tokens();
    match (tokens.next().as_deref(), tokens.next().as_deref()) {
        (Some("profile"), _) => Section::Profile,
        (Some("overview"), _) => Section::Overview,
        (Some("running_costs"), _) => Section::RunningCosts,
        (Some("three_public"), _) => Section::ThreePublic,
        (Some("performance"), Some("itemised_goals")) => Section::ItemisedGoals,
        (Some("performance"), Some("projects")) => Section::Projects,
        (Some("performance"), Some("matrix")) => Section::Matrix,
        (Some("procurement"), _) => Section::Procurement,
        (Some("assets"), _) => Section::Assets,
        _ => Section::Document,
    }
}

/// The index range of the findings (sorted in document order) whose pointer is `row` or
/// lies below it, within `section`. The search starts at `hint` (where the previous search of
/// a nearby row ended, e.g. the row above on screen) and widens from there, so a screenful of
/// consecutive rows costs a few comparisons each, whatever the number of findings.
fn run_under(findings: &[Finding], section: Section, row: &str, hint: usize) -> (usize, usize) {
    let before = |f: &Finding| {
        f.section < section
            || (f.section == section
                && compare_rows(f.pointer.as_str(), row) == std::cmp::Ordering::Less)
    };
    let start = partition_from(findings, hint, before);
    let len = findings[start..]
        .iter()
        .take_while(|f| f.section == section && within(row_part(f.pointer.as_str()), row))
        .count();
    (start, start + len)
}

/// `slice.partition_point(before)`, galloping from `hint` (any value is correct; a good one
/// is fast).
fn partition_from(slice: &[Finding], hint: usize, before: impl Fn(&Finding) -> bool) -> usize {
    let hint = hint.min(slice.len());
    if hint > 0 && !before(&slice[hint - 1]) {
        return slice[..hint].partition_point(before);
    }
    let (mut low, mut step) = (hint, 1);
    while low + step <= slice.len() && before(&slice[low + step - 1]) {
        low += step;
        step *= 2;
    }
    let high = (low + step).min(slice.len());
    low + slice[low..high].partition_point(before)
}

/// The findings (sorted in document order) at `place` or below it. `hint` is where the last
/// search started; it is updated for the next one (see [`run_under`]).
pub fn findings_under<'a>(
    findings: &'a [Finding],
    place: &'a Place,
    hint: &std::cell::Cell<usize>,
) -> impl Iterator<Item = &'a Finding> + 'a {
    // The whole document and `/performance` span several sections: scan them.
    let (start, end) = if place.is_root() || place == "/performance" {
        (0, findings.len())
    } else {
        run_under(
            findings,
            section_of(place),
            row_part(place.as_str()),
            hint.get(),
        )
    };
    hint.set(start);
    findings[start..end]
        .iter()
        .filter(move |f| f.pointer.is_within(place))
}

/// Sorts findings by section, then by the row they are about (array indices compared as
/// numbers), then by rule; findings of one rule on one row keep the order the rule gave them.
/// A full check and an incremental one give the same order.
pub fn sort_in_document_order(findings: &mut [Finding]) {
    findings.sort_by(|a, b| {
        a.section
            .cmp(&b.section)
            .then_with(|| compare_rows(a.pointer.as_str(), b.pointer.as_str()))
            .then_with(|| a.rule.cmp(b.rule))
    });
}

/// The row part of a pointer: up to its last array index (the fields of one row — 优 良 中 差,
/// value, basis — count as one place); the whole pointer when it has no index.
fn row_part(pointer: &str) -> &str {
    let bytes = pointer.as_bytes();
    let mut end = None;
    let mut token_start = 0;
    for (at, &b) in bytes
        .iter()
        .enumerate()
        .chain(std::iter::once((bytes.len(), &b'/')))
    {
        if b == b'/' {
            let token = &bytes[token_start..at];
            if !token.is_empty() && token.iter().all(u8::is_ascii_digit) {
                end = Some(at);
            }
            token_start = at + 1;
        }
    }
    end.map_or(pointer, |end| &pointer[..end])
}

/// Compares two pointers' rows token by token, indices as numbers (they have no leading
/// zeros, so shorter is smaller); allocates and parses nothing: this runs in every search.
fn compare_rows(a: &str, b: &str) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    let is_index = |t: &str| !t.is_empty() && t.bytes().all(|c| c.is_ascii_digit());
    let mut left = row_part(a).split('/');
    let mut right = row_part(b).split('/');
    loop {
        match (left.next(), right.next()) {
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(x), Some(y)) => {
                let order = match (is_index(x), is_index(y)) {
                    (true, true) => x.len().cmp(&y.len()).then_with(|| x.cmp(y)),
                    (true, false) => Ordering::Less,
                    (false, true) => Ordering::Greater,
                    (false, false) => x.cmp(y),
                };
                if order.is_ne() {
                    return order;
                }
            }
        }
    }
}
