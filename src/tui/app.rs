//! The workbench state and what each action does to it. No terminal here: tests drive an
//! `App` with key events and draw it into a test backend. What a screen shows and how its
//! keys move it lives in `screens`; this file holds what all screens share: the overlays,
//! editing and history, search, saving and the recovery journal.

use std::ops::{Deref, DerefMut};
use std::path::PathBuf;

use crossterm::event::{KeyEvent, KeyEventKind};

use super::ctx::Ctx;
use super::document::{self, BeforeSave, Offer, Saved};
use super::edit::{Edit, History, Target};
use super::editor::LineEditor;
use super::i18n::{Lang, Msg};
use super::keymap::{Action, Key, Keymap};
use super::screens::{Outcome, Screen, Screens, TabId};
use super::theme::Theme;
use crate::model::{Place, Workspace};
use crate::review;
use crate::store::diff::Change;
use crate::store::recovery::Recovered;

/// What a prompt line asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptKind {
    Search,
    SavePath,
    /// The `:` command line.
    Command,
    /// The note of a decision on a finding (`App::pending_decision`).
    Note,
    /// The portfolio's row filter.
    Filter,
}

/// What a y/n question is about.
#[derive(Debug, Clone, PartialEq)]
pub enum Confirm {
    Quit,
    Delete(Edit),
    /// Save as a path where another file already exists?
    Replace(PathBuf),
    /// A previous version of this workspace exists: show what changed since?
    ShowDiff(PathBuf),
}

/// A decision with more than yes and no, shown as a popup with its differences.
#[derive(Debug, Clone, PartialEq)]
pub enum Choice {
    /// A recovery journal holds unsaved edits from last time: restore or discard them.
    Restore {
        recovered: Box<Recovered>,
        changes: Vec<Change>,
        show_changes: bool,
    },
    /// The file changed on disk after it was opened: overwrite, save elsewhere, or reload.
    Conflict {
        path: PathBuf,
        disk: Option<Box<Workspace>>,
        changes: Vec<Change>,
    },
}

/// What is open over the screen; keys go to it first.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum Overlay {
    #[default]
    None,
    Help {
        scroll: usize,
    },
    Editor {
        target: Target,
        editor: LineEditor,
    },
    Prompt {
        kind: PromptKind,
        editor: LineEditor,
    },
    Confirm(Confirm),
    Choice(Choice),
    /// Which decision on this finding (accept, reject, to fix, clear)?
    Triage(Box<crate::review::Finding>),
    /// A text to read (the changes since the previous version), scrolled.
    Text {
        title: String,
        lines: Vec<String>,
        scroll: usize,
    },
}

/// The last message on the status bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub error: bool,
}

/// The whole workbench state.
pub struct App {
    /// What every screen reads (workspace, findings, language, theme, keymap).
    pub ctx: Ctx,
    pub screens: Screens,
    pub path: Option<PathBuf>,
    /// The name shown when there is no path (the embedded sample).
    pub name: String,
    pub history: History,
    pub tab: TabId,
    pub overlay: Overlay,
    pub message: Option<Message>,
    pub quit: bool,
    /// What the file looked like when opened or last saved (to notice other writers).
    pub fingerprint: Option<crate::store::Fingerprint>,
    /// Where jumps came from (the back key returns there): the screen, its row, and the
    /// place under the cursor when the screen names one (a table cell keeps its table and
    /// column that way).
    pub back: Vec<(TabId, usize, Option<Place>)>,
    /// The last value copied with `y`; sent to the terminal (OSC 52) when enabled.
    pub clipboard: Option<String>,
    /// Copy through the terminal with OSC 52 (config `"osc52": true`; off by default).
    pub osc52: bool,
    /// A copy waiting to be written to the terminal.
    pub osc52_pending: Option<String>,
    /// The revision the journal on disk holds, so a save does not write it again.
    pub(super) journaled: Option<u64>,
    /// Files saved in this session: a `FILE.bak` found before the first save is not ours.
    pub(super) saved_here: Vec<PathBuf>,
    /// The finding and decision whose note is being asked for.
    pub(super) pending_decision: Option<(crate::review::Finding, crate::model::Decision)>,
    /// The directory's documents when the workbench was opened on a directory.
    pub season: Option<super::portfolio::Season>,
}

/// Screens read the workspace and findings through the app as `app.ws`, `app.findings`.
impl Deref for App {
    type Target = Ctx;
    fn deref(&self) -> &Ctx {
        &self.ctx
    }
}

impl DerefMut for App {
    fn deref_mut(&mut self) -> &mut Ctx {
        &mut self.ctx
    }
}

impl App {
    pub fn new(
        ws: Workspace,
        path: Option<PathBuf>,
        lang: Lang,
        read_only: bool,
        theme: Theme,
        keymap: Keymap,
    ) -> App {
        let name = path
            .as_deref()
            .map(document::file_name)
            .unwrap_or_else(|| crate::store::SAMPLE_NAME.to_string());
        let mut app = App {
            ctx: Ctx::new(ws, lang, read_only, theme, keymap),
            screens: Screens::default(),
            path,
            name,
            history: History::default(),
            tab: TabId::Summary,
            overlay: Overlay::None,
            message: None,
            quit: false,
            fingerprint: None,
            back: Vec::new(),
            clipboard: None,
            osc52: false,
            osc52_pending: None,
            journaled: None,
            saved_here: Vec::new(),
            pending_decision: None,
            season: None,
        };
        app.fingerprint = app.path.as_deref().and_then(document::fingerprint_of);
        app.refresh();
        app
    }

    pub fn info(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            error: false,
        });
    }

    pub fn error(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            error: true,
        });
    }

    pub(super) fn info_msg(&mut self, msg: Msg) {
        self.info(self.tr(msg));
    }

    pub(super) fn error_msg(&mut self, msg: Msg) {
        self.error(self.tr(msg));
    }

    /// True when there are unsaved changes.
    pub fn modified(&self) -> bool {
        self.history.is_modified()
    }

    /// The current screen.
    pub fn screen(&self) -> &dyn Screen {
        self.screens.get(self.tab)
    }

    /// Recomputes everything derived from the workspace (after every edit).
    pub fn refresh(&mut self) {
        self.ctx.findings = review::check(&self.ctx.ws);
        self.screens.rebuild(&self.ctx);
    }

    /// Recomputes what an edit at `place` can have changed: for a cell inside one project
    /// table or one duty, only that unit is re-checked (the same findings as a full check, in
    /// a fraction of the time on a province-sized workspace).
    pub fn refresh_after(&mut self, place: &Place) {
        if place.as_str() == "/dispositions" {
            // A decision changes no finding, only how the lists show and filter them.
            self.screens.refilter(&self.ctx);
            return;
        }
        let ctx = &mut self.ctx;
        if review::incremental::recheck_after_edit(&ctx.ws, &mut ctx.findings, place) {
            // A cell edit in a project table or the matrix: rows are as they were.
            self.screens.refilter(&self.ctx);
        } else {
            self.refresh();
        }
    }

    /// The editable value under the cursor.
    pub fn current_target(&self) -> Option<Target> {
        self.screen().target(&self.ctx)
    }

    /// Moves to `place`, switching screen. False when no screen shows it.
    pub fn goto_pointer(&mut self, place: &Place) -> bool {
        match self.screens.goto(&self.ctx, place) {
            Some(tab) => {
                self.tab = tab;
                true
            }
            None => false,
        }
    }

    // ----- input -----

    /// Handles one key event (only presses; repeats and releases are ignored). An open
    /// overlay takes the key; its handler returns the overlay to show next (`None`: keep
    /// whatever the key's action opened, if anything).
    pub fn handle_key(&mut self, event: KeyEvent) {
        if event.kind != KeyEventKind::Press {
            return;
        }
        let next = match std::mem::take(&mut self.overlay) {
            Overlay::None => {
                // An error is about the key that caused it: the next key clears it (and may
                // say something new).
                if self.message.as_ref().is_some_and(|m| m.error) {
                    self.message = None;
                }
                if self.portfolio_shown().is_some() {
                    self.portfolio_key(Key::from_event(&event));
                } else if let Some(action) = self.keymap.action(self.tab, Key::from_event(&event)) {
                    self.act(action);
                }
                None
            }
            Overlay::Help { scroll } => self.help_key(event, scroll),
            Overlay::Editor { target, editor } => self.editor_key(event, target, editor),
            Overlay::Prompt { kind, editor } => self.prompt_key(event, kind, editor),
            Overlay::Confirm(what) => self.confirm_key(event, what),
            Overlay::Choice(choice) => self.choice_key(event, choice),
            Overlay::Triage(finding) => self.triage_key(event, finding),
            Overlay::Text {
                title,
                lines,
                scroll,
            } => self.text_key(event, title, lines, scroll),
        };
        self.open_next(next);
    }

    /// Opens the overlay a handler asks for, if any (otherwise whatever is open stays).
    pub(super) fn open_next(&mut self, next: Option<Overlay>) {
        if let Some(next) = next {
            self.overlay = next;
        }
    }

    /// Pasted text goes into an open editor or prompt as typed text.
    pub fn handle_paste(&mut self, text: &str) {
        match &mut self.overlay {
            Overlay::Editor { editor, .. } | Overlay::Prompt { editor, .. } => {
                editor.insert_str(text)
            }
            _ => {}
        }
    }

    /// Applies `edit` as one history entry, recomputes findings, moves to its place.
    pub fn perform(&mut self, edit: Edit, done: Msg) {
        if self.read_only {
            self.error_msg(Msg::ReadOnlyRefused);
            return;
        }
        match self.history.perform(&mut self.ctx.ws, edit) {
            Ok(pointer) => {
                self.refresh_after(&pointer);
                self.goto_pointer(&pointer);
                self.info_msg(done);
            }
            Err(_) => self.error_msg(Msg::NoPlace),
        }
    }

    /// Does what `action` asks for.
    pub fn act(&mut self, action: Action) {
        let page = self.screen().page() as isize;
        let screen = self.screens.get_mut(self.tab);
        let ctx = &self.ctx;
        match action {
            Action::Up => screen.move_rows(ctx, -1),
            Action::Down => screen.move_rows(ctx, 1),
            Action::PageUp => screen.move_rows(ctx, -page),
            Action::PageDown => screen.move_rows(ctx, page),
            Action::HalfPageUp => screen.move_rows(ctx, -(page / 2).max(1)),
            Action::HalfPageDown => screen.move_rows(ctx, (page / 2).max(1)),
            Action::Top => screen.move_rows(ctx, isize::MIN / 2),
            Action::Bottom => screen.move_rows(ctx, isize::MAX / 2),
            Action::Left => screen.move_cols(ctx, -1),
            Action::Right => screen.move_cols(ctx, 1),
            Action::NextTab => self.tab = TabId::ALL[(self.tab.index() + 1) % TabId::ALL.len()],
            Action::PrevTab => {
                self.tab = TabId::ALL[(self.tab.index() + TabId::ALL.len() - 1) % TabId::ALL.len()]
            }
            Action::GoTab(tab) => self.tab = tab,
            Action::Edit => self.begin_edit(),
            Action::Undo => self.step_history(false),
            Action::Redo => self.step_history(true),
            Action::Save => {
                let next = self.save();
                self.open_next(next)
            }
            Action::Search => self.open_prompt(PromptKind::Search, ""),
            Action::Command => self.open_prompt(PromptKind::Command, ""),
            Action::SearchNext => self.search_step(true),
            Action::SearchPrev => self.search_step(false),
            Action::Help => self.overlay = Overlay::Help { scroll: 0 },
            Action::SaveAs => {
                let next = self.save_as();
                self.open_next(next)
            }
            Action::Copy => self.copy(),
            Action::Back => self.go_back(),
            Action::OpenSource => self.open_source(),
            Action::Triage => self.begin_triage(),
            Action::Portfolio => self.show_portfolio(),
            Action::Quit => {
                if self.modified() || self.others_modified() {
                    self.overlay = Overlay::Confirm(Confirm::Quit);
                } else {
                    self.quit = true;
                }
            }
            Action::AddRow | Action::AddItem | Action::Delete if self.ctx.read_only => {
                self.error_msg(Msg::ReadOnlyRefused)
            }
            _ => {
                let outcome = screen.act(ctx, action);
                self.outcome(outcome, action);
            }
        }
    }

    /// Carries out what a screen asked for.
    pub(super) fn outcome(&mut self, outcome: Outcome, action: Action) {
        match outcome {
            Outcome::Ignored if action == Action::Close => {
                // Esc with nothing open: the search highlight and the message go.
                self.ctx.search = None;
                self.message = None;
            }
            Outcome::Ignored | Outcome::Done => {}
            Outcome::Edit(edit, msg) => self.perform(edit, msg),
            Outcome::ConfirmDelete(edit) => self.overlay = Overlay::Confirm(Confirm::Delete(edit)),
            Outcome::Goto(place) => self.jump(&place),
            Outcome::Error(msg) => self.error_msg(msg),
            Outcome::Info(msg) => self.info_msg(msg),
        }
    }

    /// Undoes (or, `forward`, redoes) one edit and goes to the place it changed.
    fn step_history(&mut self, forward: bool) {
        if self.read_only {
            self.error_msg(Msg::ReadOnlyRefused);
            return;
        }
        let (stepped, done, nothing, failed) = if forward {
            (
                self.history.redo(&mut self.ctx.ws),
                Msg::Redone,
                Msg::NothingToRedo,
                Msg::RedoFailed,
            )
        } else {
            (
                self.history.undo(&mut self.ctx.ws),
                Msg::Undone,
                Msg::NothingToUndo,
                Msg::UndoFailed,
            )
        };
        match stepped {
            Ok(Some(pointer)) => {
                self.refresh_after(&pointer);
                self.goto_pointer(&pointer);
                self.info_msg(done);
            }
            Ok(None) => self.info_msg(nothing),
            Err(_) => self.error_msg(failed),
        }
    }

    /// Saves to the current file, or asks where when there is none.
    pub(super) fn save(&mut self) -> Option<Overlay> {
        if self.read_only {
            self.error_msg(Msg::ReadOnlyRefused);
            return None;
        }
        match self.path.clone() {
            Some(path) => self.save_to(path),
            None => Some(Overlay::Prompt {
                kind: PromptKind::SavePath,
                editor: LineEditor::new(""),
            }),
        }
    }

    /// Saves to `path` unless that needs a question first (replace another file? the file
    /// changed on disk?), which is returned.
    pub(super) fn save_to(&mut self, path: PathBuf) -> Option<Overlay> {
        let same_file = self.path.as_ref() == Some(&path);
        match document::before_save(
            self.path.as_deref(),
            self.fingerprint.as_ref(),
            &path,
            &self.ws,
        ) {
            BeforeSave::Replace => Some(Overlay::Confirm(Confirm::Replace(path))),
            BeforeSave::Conflict(c) => Some(conflict(path, c)),
            BeforeSave::Write => self.write(path, same_file),
        }
    }

    /// Asks where to save, starting from the current file name.
    pub(super) fn save_as(&mut self) -> Option<Overlay> {
        if self.read_only {
            self.error_msg(Msg::ReadOnlyRefused);
            return None;
        }
        let start = self
            .path
            .as_ref()
            .map(|p| p.display().to_string())
            .unwrap_or_default();
        Some(Overlay::Prompt {
            kind: PromptKind::SavePath,
            editor: LineEditor::new(&start),
        })
    }

    /// Changes to the workspace so far; the journal is written when this moves.
    pub fn revision(&self) -> u64 {
        self.history.revision()
    }

    /// Writes unsaved edits to the recovery journal, or removes it when nothing is unsaved.
    pub fn write_journal(&mut self) {
        // A journal being offered is deleted only by an explicit discard; until the user
        // answers there is nothing of this session's to keep.
        if self.read_only
            || matches!(self.overlay, Overlay::Choice(Choice::Restore { .. }))
            || self.portfolio_shown().is_some()
        {
            return;
        }
        let modified = self.modified();
        match document::journal(
            self.path.as_deref(),
            self.fingerprint.as_ref(),
            &self.ws,
            modified,
        ) {
            Ok(true) => self.journaled = Some(self.revision()),
            Ok(false) => self.journaled = None,
            Err(e) => self.error(format!("{}: {e}", self.tr(Msg::JournalFailed))),
        }
    }

    /// At start: offers the edits a journal kept from last time, if they differ from the file.
    pub fn offer_recovery(&mut self) {
        if self.read_only {
            return;
        }
        match document::recovery_offer(self.path.as_deref(), &self.ws) {
            Offer::Nothing => {}
            Offer::Damaged(e) => self.error(format!("{}: {e}", self.tr(Msg::RecoveryDamaged))),
            Offer::Restore { recovered, changes } => {
                self.overlay = Overlay::Choice(Choice::Restore {
                    recovered,
                    changes,
                    show_changes: false,
                });
            }
        }
    }

    /// Saves to `path`; with `check`, refused (conflict popup, returned) if the file changed
    /// on disk since it was opened or saved, up to the moment it is replaced.
    pub(super) fn write(&mut self, path: PathBuf, check: bool) -> Option<Overlay> {
        // Neither a signal's watchdog nor a failure mid-save may lose the edits: they are in
        // the journal before the save begins.
        let _hold = super::hold_exit();
        if self.journaled != Some(self.revision()) {
            self.write_journal();
        }
        let expected = if check { self.fingerprint } else { None };
        let first_here = !self.saved_here.contains(&path);
        match document::save(
            &self.ws,
            &path,
            expected.as_ref(),
            first_here,
            self.path.as_deref(),
        ) {
            Saved::Conflict(c) => return Some(conflict(path, c)),
            Saved::Done { fingerprint, kept } => {
                self.journaled = None;
                self.saved_here.push(path.clone());
                self.fingerprint = Some(fingerprint);
                self.history.mark_saved();
                self.name = document::file_name(&path);
                let mut message = format!(
                    "{} {}",
                    self.tr(Msg::Saved),
                    crate::text::visible(&path.display().to_string())
                );
                if let Some(kept) = kept {
                    message.push_str(&format!(
                        " {} {} {}",
                        self.theme.sep(),
                        self.tr(Msg::BackupKept),
                        crate::text::visible(&kept.display().to_string())
                    ));
                }
                self.info(message);
                self.path = Some(path);
            }
            Saved::Failed(e) => {
                self.write_journal();
                self.error(format!(
                    "{}: {e} {} {}",
                    self.tr(Msg::SaveFailed),
                    self.theme.sep(),
                    self.tr(Msg::EditsKept)
                ))
            }
        }
        None
    }
}

/// The conflict popup: the file at `path` is no longer what was loaded or saved.
fn conflict(path: PathBuf, c: document::Conflict) -> Overlay {
    Overlay::Choice(Choice::Conflict {
        path,
        disk: c.disk,
        changes: c.changes,
    })
}
