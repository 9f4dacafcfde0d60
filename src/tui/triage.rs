//! The reviewer's decisions on findings from any screen: `m` on a finding (the findings list,
//! or the finding a detail line shows) asks accept / reject / to fix / clear, then a note.
//! A decision is an edit like any other: undone with `u`, saved with the workspace.

use crossterm::event::KeyEvent;

use super::app::{App, Overlay, PromptKind};
use super::edit::Edit;
use super::editor::LineEditor;
use super::i18n::Msg;
use super::keymap::{Action, Key, Popup};
use crate::model::Decision;
use crate::review::Finding;
use crate::season::triage;

impl App {
    /// `m`: asks for a decision on the finding under the cursor.
    pub(super) fn begin_triage(&mut self) {
        if self.read_only {
            self.error_msg(Msg::ReadOnlyRefused);
            return;
        }
        match self.screen().finding(&self.ctx) {
            Some(f) => self.overlay = Overlay::Triage(Box::new(f)),
            None => self.error_msg(Msg::NoFindingHere),
        }
    }

    pub(super) fn triage_key(&mut self, event: KeyEvent, f: Box<Finding>) -> Option<Overlay> {
        let decision = match self
            .keymap
            .popup_action(Popup::Triage, Key::from_event(&event))
        {
            Some(Action::Accept) => Decision::Accepted,
            Some(Action::Reject) => Decision::Rejected,
            Some(Action::ToFix) => Decision::ToFix,
            Some(Action::ClearDecision) => {
                if triage::find(&self.ws, &f).is_some() {
                    self.decide(&f, None, Msg::DecisionCleared);
                } else {
                    self.info_msg(Msg::Unchanged);
                }
                return None;
            }
            Some(Action::No) => {
                self.info_msg(Msg::Cancelled);
                return None;
            }
            _ => return Some(Overlay::Triage(f)),
        };
        // The note starts from the one recorded before, if any.
        let note = triage::find(&self.ws, &f)
            .map(|d| d.note.clone())
            .unwrap_or_default();
        self.pending_decision = Some((*f, decision));
        Some(Overlay::Prompt {
            kind: PromptKind::Note,
            editor: LineEditor::new(&note),
        })
    }

    /// The note was typed (it may be empty): the decision is recorded.
    pub(super) fn finish_triage(&mut self, note: &str) {
        if let Some((f, decision)) = self.pending_decision.take() {
            let value = triage::disposition_for(&f, decision, note);
            self.decide(&f, Some(value), Msg::Decided);
        }
    }

    fn decide(&mut self, f: &Finding, value: Option<crate::model::Disposition>, done: Msg) {
        let edit = Edit::Decide {
            rule: f.rule.to_string(),
            place: f.pointer.to_string(),
            value: value.map(Box::new),
        };
        self.perform(edit, done);
    }

    /// The hint line while a decision is asked for: the question, the finding, the keys.
    pub(super) fn triage_hint(&self, f: &Finding) -> String {
        let keys = self.keymap.popup_hint(Popup::Triage, self.lang);
        let mut text = format!("{} {keys}", self.tr(Msg::TriageQuestion));
        if let Some(now) = self.ctx.decision_text(f) {
            text.push_str(&format!("  [{now}]"));
        }
        text
    }

    /// Keys of a text popup: move, close.
    pub(super) fn text_key(
        &mut self,
        event: KeyEvent,
        title: String,
        lines: Vec<String>,
        scroll: usize,
    ) -> Option<Overlay> {
        let page = 10;
        let scroll = match self.keymap.action(self.tab, Key::from_event(&event)) {
            Some(Action::Close | Action::Quit | Action::Help) => return None,
            Some(Action::Down) => scroll + 1,
            Some(Action::Up) => scroll.saturating_sub(1),
            Some(Action::PageDown | Action::HalfPageDown) => scroll + page,
            Some(Action::PageUp | Action::HalfPageUp) => scroll.saturating_sub(page),
            Some(Action::Top) => 0,
            Some(Action::Bottom) => lines.len(),
            _ => scroll,
        };
        let scroll = scroll.min(lines.len().saturating_sub(1));
        Some(Overlay::Text {
            title,
            lines,
            scroll,
        })
    }
}
