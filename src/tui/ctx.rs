//! What every screen reads: the workspace, its findings, the language, theme and keymap.
//! Screens own their rows and cursors; this is the rest of the workbench they look at.

use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::Block;

use super::i18n::{Lang, Msg, t};
use super::keymap::Keymap;
use super::paint::fit;
use super::theme::Theme;
use crate::model::{Place, Workspace};
use crate::review::{self, Finding, Severity};
use crate::text::width;

pub struct Ctx {
    pub ws: Workspace,
    pub findings: Vec<Finding>,
    pub lang: Lang,
    pub read_only: bool,
    pub theme: Theme,
    pub keymap: Keymap,
    /// The last search (`/`): `n` repeats it and grids highlight it.
    pub search: Option<String>,
    /// Where the last search of the findings ended: rows drawn one after another search
    /// from there.
    finding_hint: std::cell::Cell<usize>,
}

impl Ctx {
    pub fn new(ws: Workspace, lang: Lang, read_only: bool, theme: Theme, keymap: Keymap) -> Ctx {
        Ctx {
            ws,
            findings: Vec::new(),
            lang,
            read_only,
            theme,
            keymap,
            search: None,
            finding_hint: std::cell::Cell::new(0),
        }
    }

    pub fn tr(&self, msg: Msg) -> &'static str {
        t(self.lang, msg)
    }

    /// The findings at `place` or below it (binary search in the sorted findings).
    pub fn findings_under<'a>(&'a self, place: &'a Place) -> impl Iterator<Item = &'a Finding> {
        review::incremental::findings_under(&self.findings, place, &self.finding_hint)
    }

    /// The worst severity at or below `place`.
    pub fn worst_under(&self, place: &Place) -> Option<Severity> {
        self.findings_under(place).map(|f| f.severity).min()
    }

    pub fn severity_style(&self, severity: Severity) -> Style {
        match severity {
            Severity::Error => self.theme.error,
            Severity::Warning => self.theme.warning,
            Severity::Info => self.theme.info,
        }
    }

    pub fn severity_label(&self, severity: Severity) -> &'static str {
        severity.label(self.lang)
    }

    /// The finding mark of a row: `!` error, `*` warning, `i` info (the legend of every grid).
    pub fn mark(&self, place: &Place) -> (&'static str, Style) {
        if place.is_root() {
            return (" ", Style::new());
        }
        match self.worst_under(place) {
            Some(s) => (severity_mark(s), self.severity_style(s)),
            None => (" ", Style::new()),
        }
    }

    /// The mark of row `r` of the list at `list` when a later row repeats its name:
    /// the duplicate finding is on the repeat, but both rows are the problem.
    pub fn repeat_mark<'n>(
        &self,
        list: &Place,
        r: usize,
        name_at: &dyn Fn(usize) -> Option<&'n str>,
    ) -> Option<(&'static str, Style)> {
        let name = name_at(r)?.trim();
        // The index of a row of the list is the token right after the list's own.
        let depth = list.tokens().count();
        let repeat = self.findings_under(list).find(|f| {
            f.rule == "id.duplicate_indicator"
                && f.pointer
                    .index_at(depth)
                    .is_some_and(|j| j > r && name_at(j).is_some_and(|n| n.trim() == name))
        })?;
        Some((
            severity_mark(repeat.severity),
            self.severity_style(repeat.severity),
        ))
    }

    /// A finding as the detail line shows it: severity, the reviewer's decision and note
    /// when there is one (`[已接受：口径不同]`, before the message so a cut line keeps it),
    /// then its message.
    pub fn finding_text(&self, f: &Finding) -> String {
        let message = f.message(self.lang);
        match self.decision_text(f) {
            Some(decision) => format!("{} [{decision}] {message}", self.severity_label(f.severity)),
            None => format!("{} {message}", self.severity_label(f.severity)),
        }
    }

    /// The reviewer's decision on `f` and its note (`已接受：口径不同`), if decided.
    pub fn decision_text(&self, f: &Finding) -> Option<String> {
        let d = crate::season::triage::find(&self.ws, f)?;
        let state = crate::season::triage::state_of(Some(d), f).label(self.lang);
        Some(if d.note.is_empty() {
            state
        } else {
            format!("{state}{}{}", self.lang.pick("：", ": "), d.note)
        })
    }

    /// A finding as the detail lines show it: severity and message, then, when it compares
    /// two places, both sides with their pages.
    pub fn finding_lines(&self, f: &Finding) -> Vec<(String, Style)> {
        let style = self.severity_style(f.severity);
        let mut lines = vec![(self.finding_text(f), style)];
        if let Some(sides) = self.sides(f) {
            lines.push((crate::text::visible(&sides).into_owned(), Style::new()));
        }
        lines
    }

    /// A place as the UI names it: the rule's label in Chinese; in English a name built from
    /// the place (the labels are Chinese), else its section and pointer.
    pub fn place_name(&self, place: &Place, label: &str) -> String {
        match self.lang {
            Lang::Zh => label.to_string(),
            Lang::En => {
                let name = super::rows::describe_pointer(&self.ws, place, Lang::En);
                if place == name.as_str() {
                    let section = review::incremental::section_of(place);
                    format!("{} · {place}", section.label(Lang::En))
                } else {
                    name
                }
            }
        }
    }

    /// Both sides of a two-place finding, named in the UI language, with pages and figures.
    pub fn sides(&self, f: &Finding) -> Option<String> {
        let other = f.counterpart.as_ref()?;
        f.sides_named(
            self.lang,
            &self.place_name(&f.pointer, &f.label),
            &self.place_name(&other.place, &other.label),
        )
    }

    /// The detail line of the first finding at or under `place`, if any.
    pub fn finding_line(&self, place: &Place) -> Option<(String, Style)> {
        self.findings_under(place)
            .next()
            .map(|f| (self.finding_text(f), self.severity_style(f.severity)))
    }

    /// A bordered block with `title`.
    pub fn block<'a>(&self, title: String) -> Block<'a> {
        Block::bordered()
            .border_set(self.theme.border_set())
            .border_style(self.theme.border)
            .title(Line::styled(
                fit(&title, width(&title), self.theme.ellipsis()),
                self.theme.title,
            ))
    }

    /// The unit of the document's amounts (单位：万元), for headers and the summary.
    pub fn unit(&self) -> &str {
        let unit = self.ws.meta.unit.trim();
        if unit.is_empty() { "万元" } else { unit }
    }
}

/// Where `Enter` on a finding goes from `here` (a row or cell): its other side when the
/// finding is at `here`, its own place when `here` is its other side or elsewhere; `None`
/// when the finding is here and has no other side.
pub fn other_side<'a>(f: &'a Finding, here: &Place) -> Option<&'a Place> {
    let at_here = |p: &Place| p.is_within(here) || here.is_within(p);
    if !at_here(&f.pointer) {
        return Some(&f.pointer);
    }
    f.counterpart
        .as_ref()
        .map(|c| &c.place)
        .filter(|p| !at_here(p))
}

/// The mark of a severity in a grid's first column.
pub fn severity_mark(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "!",
        Severity::Warning => "*",
        Severity::Info => "i",
    }
}
