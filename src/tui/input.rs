//! Keys while something is open over the screen (help, the cell editor, a prompt, a yes/no
//! question), and the actions every screen shares: edit, copy, jump and go back.

use crossterm::event::{KeyCode, KeyEvent};

use super::app::{App, Choice, Confirm, Overlay, PromptKind};
use super::document;
use super::edit::{Edit, Refusal, Target};
use super::editor::LineEditor;
use super::i18n::Msg;
use super::keymap::{Action, Key, Popup};
use super::screens::{Outcome, TabId};
use crate::model::Place;
use crate::store::recovery;

impl App {
    /// The popup action a key asks for (popup keys come from the keymap).
    fn popup_action(&self, popup: Popup, event: &KeyEvent) -> Option<Action> {
        self.keymap.popup_action(popup, Key::from_event(event))
    }

    pub(super) fn help_key(&mut self, event: KeyEvent, scroll: usize) -> Option<Overlay> {
        match self.keymap.action(self.tab, Key::from_event(&event)) {
            Some(Action::Close | Action::Help | Action::Quit) => None,
            Some(Action::Down) => Some(Overlay::Help { scroll: scroll + 1 }),
            Some(Action::Up) => Some(Overlay::Help {
                scroll: scroll.saturating_sub(1),
            }),
            _ => Some(Overlay::Help { scroll }),
        }
    }

    pub(super) fn editor_key(
        &mut self,
        event: KeyEvent,
        target: Target,
        mut editor: LineEditor,
    ) -> Option<Overlay> {
        match super::editor::line_key(&event, &mut editor) {
            None => Some(Overlay::Editor { target, editor }),
            Some(false) => {
                self.info_msg(Msg::Cancelled);
                None
            }
            Some(true) => match target.read_input(editor.text()) {
                Err(Refusal::NotANumber) => {
                    self.error(format!(
                        "{}: {}",
                        self.tr(Msg::NotANumber),
                        crate::text::visible(editor.text())
                    ));
                    Some(Overlay::Editor { target, editor })
                }
                Err(Refusal::NoSuchPlace) => {
                    self.error_msg(Msg::NoPlace);
                    None
                }
                Ok(value) => {
                    if target.get(&self.ws) == Some(value.clone()) {
                        self.info_msg(Msg::Unchanged);
                    } else {
                        self.perform(Edit::Set { target, value }, Msg::EditedCell);
                    }
                    None
                }
            },
        }
    }

    pub(super) fn prompt_key(
        &mut self,
        event: KeyEvent,
        kind: PromptKind,
        mut editor: LineEditor,
    ) -> Option<Overlay> {
        if kind == PromptKind::SavePath && event.code == KeyCode::Tab {
            super::command::complete_path(&mut editor);
            return Some(Overlay::Prompt { kind, editor });
        }
        match super::editor::line_key(&event, &mut editor) {
            None => return Some(Overlay::Prompt { kind, editor }),
            Some(false) => {
                self.pending_decision = None;
                self.info_msg(Msg::Cancelled)
            }
            Some(true) => {
                let text = editor.text().trim().to_string();
                match kind {
                    // An empty note or filter is an answer (no note; every row).
                    PromptKind::Note => self.finish_triage(&text),
                    PromptKind::Filter => self.filter_portfolio(&text),
                    // An empty search repeats the last one.
                    PromptKind::Search if text.is_empty() => self.search_step(true),
                    _ if text.is_empty() => self.info_msg(Msg::Cancelled),
                    PromptKind::Search => {
                        self.ctx.search = Some(text);
                        self.search_step(true);
                    }
                    PromptKind::SavePath => {
                        return self.save_to(super::command::expand_home(&text));
                    }
                    PromptKind::Command => self.command(&text),
                }
            }
        }
        None
    }

    pub(super) fn confirm_key(&mut self, event: KeyEvent, what: Confirm) -> Option<Overlay> {
        match self.popup_action(Popup::Confirm, &event) {
            Some(Action::Yes) => match what {
                Confirm::Quit => {
                    // The user chose to drop the edits: no journal should offer them again.
                    recovery::remove(self.path.as_deref());
                    self.drop_parked_journals();
                    self.quit = true
                }
                Confirm::ShowDiff(previous) => self.show_diff(&previous),
                Confirm::Delete(edit) => self.perform(edit, Msg::Deleted),
                Confirm::Replace(path) => return self.write(path, false),
            },
            Some(Action::No) => self.info_msg(Msg::Cancelled),
            _ => return Some(Overlay::Confirm(what)),
        }
        None
    }

    /// Keys in the recovery and conflict popups.
    pub(super) fn choice_key(&mut self, event: KeyEvent, choice: Choice) -> Option<Overlay> {
        let popup = match choice {
            Choice::Restore { .. } => Popup::Restore,
            Choice::Conflict { .. } => Popup::Conflict,
        };
        let action = self.popup_action(popup, &event);
        match choice {
            Choice::Restore {
                recovered,
                changes,
                show_changes,
            } => match action {
                Some(Action::Restore) => {
                    self.ctx.ws = recovered.workspace.clone();
                    self.history.reset_unsaved();
                    self.refresh();
                    // Edits made to a file that has changed since go through the conflict
                    // popup at save, like any other change on disk.
                    let changed = recovered.base.is_some() && recovered.base != self.fingerprint;
                    if changed {
                        self.fingerprint = recovered.base;
                    }
                    // The edits are this instance's now: its own journal first, then the old
                    // one goes.
                    self.write_journal();
                    if self.message.as_ref().is_none_or(|m| !m.error) {
                        recovery::remove_offered(&recovered);
                        self.info_msg(if changed {
                            Msg::RestoredChangedOnDisk
                        } else {
                            Msg::Restored
                        });
                    }
                }
                Some(Action::Discard) => {
                    recovery::remove_offered(&recovered);
                    self.info_msg(Msg::JournalDiscarded);
                }
                // Deciding later is not offered: the next edit would overwrite the journal.
                _ => {
                    let show_changes = show_changes ^ (action == Some(Action::ShowChanges));
                    return Some(Overlay::Choice(Choice::Restore {
                        recovered,
                        changes,
                        show_changes,
                    }));
                }
            },
            Choice::Conflict {
                path,
                disk,
                changes,
            } => match action {
                Some(Action::Overwrite) => return self.write(path, false),
                Some(Action::SaveElsewhere) => return self.save_as(),
                Some(Action::Reload) => match disk {
                    Some(theirs) => {
                        self.ctx.ws = *theirs;
                        self.history.reset_saved();
                        self.fingerprint = document::reloaded(&path);
                        self.refresh();
                        self.info_msg(Msg::Reloaded);
                    }
                    None => self.error_msg(Msg::ReloadFailed),
                },
                Some(Action::No) => self.info_msg(Msg::Cancelled),
                _ => {
                    return Some(Overlay::Choice(Choice::Conflict {
                        path,
                        disk,
                        changes,
                    }));
                }
            },
        }
        None
    }

    /// Goes to `place`, remembering where the jump started (the back key returns).
    pub fn jump(&mut self, place: &Place) {
        let from = self.here();
        if self.goto_pointer(place) {
            self.back.push(from);
        } else {
            self.error(format!("{}: {}", self.tr(Msg::NoPlace), place));
        }
    }

    /// Opens 原文 at the page and line where the value or finding under the cursor was
    /// printed; says so when that is not known.
    pub(super) fn open_source(&mut self) {
        let place = self
            .screen()
            .pointer(&self.ctx)
            .and_then(|p| self.ws.source_place(&p));
        let from = self.here();
        match place {
            Some(place) if self.screens.source.open(&self.ctx, place) => {
                self.back.push(from);
                self.tab = TabId::Source;
                let mut text = format!(
                    "{} {}",
                    self.tr(Msg::TabSource),
                    self.tr(Msg::PageN).replace("{n}", &place.page.to_string())
                );
                if place.line > 0 {
                    text.push(' ');
                    text.push_str(&self.tr(Msg::LineN).replace("{n}", &place.line.to_string()));
                }
                self.info(text);
            }
            _ => self.error_msg(Msg::NoSourcePlace),
        }
    }

    /// Where the cursor is, for the back key.
    fn here(&self) -> (TabId, usize, Option<Place>) {
        let screen = self.screen();
        (self.tab, screen.row(), screen.pointer(&self.ctx))
    }

    pub(super) fn go_back(&mut self) {
        match self.back.pop() {
            Some((tab, row, place)) => {
                self.tab = tab;
                let screen = self.screens.get_mut(tab);
                if !place.is_some_and(|p| screen.goto(&self.ctx, &p)) {
                    screen.set_row(&self.ctx, row);
                }
                self.info_msg(Msg::WentBack);
            }
            None => self.info_msg(Msg::NothingBack),
        }
    }

    pub(super) fn open_prompt(&mut self, kind: PromptKind, start: &str) {
        self.overlay = Overlay::Prompt {
            kind,
            editor: LineEditor::new(start),
        };
    }

    pub(super) fn begin_edit(&mut self) {
        if let Some(target) = self.current_target() {
            if self.read_only {
                self.error_msg(Msg::ReadOnlyRefused);
                return;
            }
            let Some(current) = target.get(&self.ws) else {
                self.error_msg(Msg::NoPlace);
                return;
            };
            self.overlay = Overlay::Editor {
                editor: LineEditor::new(&current.unwrap_or_default()),
                target,
            };
            return;
        }
        // Enter on a screen without a value here: the screen may use it (the project
        // list opens its table).
        let outcome = self.screens.get_mut(self.tab).act(&self.ctx, Action::Focus);
        match outcome {
            Outcome::Ignored if self.read_only => self.error_msg(Msg::ReadOnlyRefused),
            Outcome::Ignored => self.error_msg(Msg::NotEditable),
            other => self.outcome(other, Action::Focus),
        }
    }

    /// Copies the value under the cursor (`y`).
    pub(super) fn copy(&mut self) {
        match self.screen().current_text(&self.ctx) {
            Some(text) if !text.is_empty() => {
                self.info(format!(
                    "{}: {}",
                    self.tr(Msg::Copied),
                    crate::text::visible(&text)
                ));
                if self.osc52 {
                    self.osc52_pending = Some(text.clone());
                }
                self.clipboard = Some(text);
            }
            _ => self.error_msg(Msg::NothingToCopy),
        }
    }
}
