//! The workbench state and what each action does to it. No terminal here: tests drive an
//! `App` with key events and draw it into a test backend.

use std::path::PathBuf;

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::edit::{
    Edit, GradedField, History, IndicatorField, ProjectField, Refusal, Target, blank_activity,
    blank_project, blank_project_indicator,
};
use super::editor::LineEditor;
use super::i18n::{Lang, Msg, t};
use super::keymap::{Action, Key, Keymap, TabId};
use super::rows::{self, MatrixRow, ProjectRow, SumRow};
use super::theme::Theme;
use crate::model::{GradedIndicator, Workspace};
use crate::review::{self, Finding, Severity};
use crate::store::diff::{self, Change};
use crate::store::recovery::{self, Recovered};

/// A cursor over rows (and columns) with the first visible row.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cursor {
    pub row: usize,
    pub col: usize,
    pub offset: usize,
}

impl Cursor {
    /// Keeps the row within `len` rows.
    pub fn clamp(&mut self, len: usize) {
        self.row = self.row.min(len.saturating_sub(1));
    }

    /// Moves the first visible row so the cursor is on screen in `height` rows.
    pub fn scroll_into_view(&mut self, height: usize) {
        let height = height.max(1);
        if self.row < self.offset {
            self.offset = self.row;
        } else if self.row >= self.offset + height {
            self.offset = self.row + 1 - height;
        }
    }
}

/// State of the Projects screen.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ProjectsState {
    pub project: usize,
    pub list_offset: usize,
    /// True when the cursor is in the selected table, false when it is in the list.
    pub in_table: bool,
    pub table: Cursor,
}

/// What a prompt line asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptKind {
    Search,
    SavePath,
}

/// What a y/n question is about.
#[derive(Debug, Clone, PartialEq)]
pub enum Confirm {
    Quit,
    Delete(Edit),
    /// Save as a path where another file already exists?
    Replace(PathBuf),
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

/// How many differences a popup lists.
const CHANGES_SHOWN: usize = 12;

/// What is open over the screen; keys go to it first.
#[derive(Debug, Clone, PartialEq)]
pub enum Overlay {
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
}

/// The last message on the status bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub error: bool,
}

/// The whole workbench state.
pub struct App {
    pub ws: Workspace,
    pub path: Option<PathBuf>,
    /// The name shown when there is no path (the embedded sample).
    pub name: String,
    pub lang: Lang,
    pub read_only: bool,
    pub theme: Theme,
    pub keymap: Keymap,
    pub history: History,
    pub findings: Vec<Finding>,
    pub tab: TabId,
    pub summary: Cursor,
    pub three: Cursor,
    pub projects: ProjectsState,
    pub activities: Cursor,
    pub matrix: Vec<MatrixRow>,
    pub findings_view: Cursor,
    pub severity_filter: Option<Severity>,
    pub filtered: Vec<usize>,
    pub overlay: Overlay,
    pub message: Option<Message>,
    pub search: Option<String>,
    pub quit: bool,
    /// Rows visible in the current table at the last draw (page size).
    pub page: usize,
    /// What the file looked like when opened or last saved (to notice other writers).
    pub fingerprint: Option<crate::store::Fingerprint>,
    summary_cache: Vec<SumRow>,
    three_cache: Vec<SumRow>,
    /// Where the last search of the findings ended: rows drawn one after another search
    /// from there.
    finding_hint: std::cell::Cell<usize>,
    /// The revision the journal on disk holds, so a save does not write it again.
    journaled: Option<u64>,
    /// Files saved in this session: a `FILE.bak` found before the first save is not ours.
    saved_here: Vec<PathBuf>,
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
            .as_ref()
            .and_then(|p| p.file_name())
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| crate::store::SAMPLE_NAME.to_string());
        let mut app = App {
            ws,
            path,
            name,
            lang,
            read_only,
            theme,
            keymap,
            history: History::default(),
            findings: Vec::new(),
            tab: TabId::Summary,
            summary: Cursor::default(),
            three: Cursor::default(),
            projects: ProjectsState::default(),
            activities: Cursor::default(),
            matrix: Vec::new(),
            findings_view: Cursor::default(),
            severity_filter: None,
            filtered: Vec::new(),
            overlay: Overlay::None,
            message: None,
            search: None,
            quit: false,
            page: 10,
            fingerprint: None,
            summary_cache: Vec::new(),
            three_cache: Vec::new(),
            finding_hint: std::cell::Cell::new(0),
            journaled: None,
            saved_here: Vec::new(),
        };
        app.fingerprint = app
            .path
            .as_ref()
            .and_then(|p| std::fs::read(p).ok())
            .map(|bytes| crate::store::Fingerprint::of(&bytes));
        app.refresh();
        app
    }

    pub fn tr(&self, msg: Msg) -> &'static str {
        t(self.lang, msg)
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

    /// True when there are unsaved changes.
    pub fn modified(&self) -> bool {
        self.history.is_modified()
    }

    /// Recomputes everything derived from the workspace (after every edit).
    pub fn refresh(&mut self) {
        self.findings = review::check(&self.ws);
        self.rebuild_derived();
    }

    /// Recomputes what an edit at `pointer` can have changed: for a cell inside one project
    /// table or one duty, only that unit is re-checked (the same findings as a full check, in
    /// a fraction of the time on a province-sized workspace).
    pub fn refresh_after(&mut self, pointer: &str) {
        if review::incremental::recheck_after_edit(&self.ws, &mut self.findings, pointer) {
            // A cell edit in a project table or the matrix: the matrix rows and the figure
            // screens' rows are as they were.
            self.refilter();
            self.clamp();
        } else {
            self.refresh();
        }
    }

    /// Everything derived from the workspace and its findings.
    fn rebuild_derived(&mut self) {
        self.matrix = rows::matrix_rows(&self.ws);
        self.summary_cache = rows::summary_rows(&self.ws, self.lang);
        self.three_cache = rows::three_public_rows(&self.ws, self.lang);
        self.refilter();
        self.clamp();
    }

    fn refilter(&mut self) {
        self.filtered = self
            .findings
            .iter()
            .enumerate()
            .filter(|(_, f)| self.severity_filter.is_none_or(|s| f.severity == s))
            .map(|(i, _)| i)
            .collect();
        self.findings_view.clamp(self.filtered.len());
    }

    fn clamp(&mut self) {
        let n = self.ws.performance.projects.len();
        self.projects.project = self.projects.project.min(n.saturating_sub(1));
        if let Some(p) = self.ws.performance.projects.get(self.projects.project) {
            self.projects.table.clamp(rows::project_row_count(p));
        }
        self.activities.clamp(self.matrix.len());
    }

    /// The findings at `pointer` or below it (binary search in the sorted findings).
    pub fn findings_under<'a>(&'a self, pointer: &'a str) -> impl Iterator<Item = &'a Finding> {
        review::incremental::findings_under(&self.findings, pointer, &self.finding_hint)
    }

    /// The worst severity at or below `pointer`.
    pub fn worst_under(&self, pointer: &str) -> Option<Severity> {
        self.findings_under(pointer).map(|f| f.severity).min()
    }

    /// The rows and cursor of the Summary or 三公 screen (whichever is current).
    fn sum_rows_and_cursor(&self) -> (&[SumRow], Cursor) {
        if self.tab == TabId::ThreePublic {
            (self.three_rows(), self.three)
        } else {
            (self.summary_rows(), self.summary)
        }
    }

    /// Moves to the row (and column) of `pointer` on the Summary or 三公 screen.
    fn goto_figure_row(&mut self, tab: TabId, pointer: &str) -> bool {
        let rows = if tab == TabId::ThreePublic {
            self.three_rows()
        } else {
            self.summary_rows()
        };
        let Some(i) = best_row(rows, pointer) else {
            return false;
        };
        let col = rows[i]
            .edit
            .iter()
            .position(|e| e.as_deref() == Some(pointer));
        self.tab = tab;
        let cursor = if tab == TabId::ThreePublic {
            &mut self.three
        } else {
            &mut self.summary
        };
        cursor.row = i;
        if let Some(c) = col {
            cursor.col = c;
        }
        true
    }

    /// The rows of the Summary screen (built once per change, not per keystroke).
    pub fn summary_rows(&self) -> &[SumRow] {
        &self.summary_cache
    }

    /// The rows of the 三公 screen.
    pub fn three_rows(&self) -> &[SumRow] {
        &self.three_cache
    }

    /// The current project row, when the Projects table has one.
    pub fn project_row(&self) -> Option<ProjectRow> {
        let p = self.ws.performance.projects.get(self.projects.project)?;
        Some(rows::project_row(p, self.projects.table.row))
    }

    /// The column the cursor is on in a row with `columns` columns.
    pub fn effective_col(col: usize, columns: usize) -> usize {
        col.min(columns.saturating_sub(1))
    }

    pub fn project_columns(row: ProjectRow) -> usize {
        match row {
            ProjectRow::Field(_) => 1,
            _ => rows::INDICATOR_COLUMNS.len(),
        }
    }

    /// The editable value under the cursor.
    pub fn current_target(&self) -> Option<Target> {
        match self.tab {
            TabId::Summary | TabId::ThreePublic => {
                let (rows, cursor) = self.sum_rows_and_cursor();
                let row = rows.get(cursor.row)?;
                let col = Self::effective_col(cursor.col, row.edit.len());
                row.edit.get(col)?.clone().map(Target::Figure)
            }
            TabId::Projects if self.projects.in_table => {
                let row = self.project_row()?;
                let col = Self::effective_col(self.projects.table.col, Self::project_columns(row));
                rows::project_target(self.projects.project, row, col)
            }
            TabId::Activities => {
                let row = *self.matrix.get(self.activities.row)?;
                let col = Self::effective_col(self.activities.col, rows::matrix_columns(row));
                rows::matrix_target(row, col)
            }
            _ => None,
        }
    }

    // ----- input -----

    /// Handles one key event (only presses; repeats and releases are ignored).
    pub fn handle_key(&mut self, event: KeyEvent) {
        if event.kind != KeyEventKind::Press {
            return;
        }
        match std::mem::replace(&mut self.overlay, Overlay::None) {
            Overlay::None => {
                if let Some(action) = self.keymap.action(self.tab, Key::from_event(&event)) {
                    self.act(action);
                }
            }
            Overlay::Help { scroll } => self.help_key(event, scroll),
            Overlay::Editor { target, editor } => self.editor_key(event, target, editor),
            Overlay::Prompt { kind, editor } => self.prompt_key(event, kind, editor),
            Overlay::Confirm(what) => self.confirm_key(event, what),
            Overlay::Choice(choice) => self.choice_key(event, choice),
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

    fn help_key(&mut self, event: KeyEvent, scroll: usize) {
        let action = self.keymap.action(self.tab, Key::from_event(&event));
        match action {
            Some(Action::Close | Action::Help | Action::Quit) => {}
            Some(Action::Down) => self.overlay = Overlay::Help { scroll: scroll + 1 },
            Some(Action::Up) => {
                self.overlay = Overlay::Help {
                    scroll: scroll.saturating_sub(1),
                }
            }
            _ => self.overlay = Overlay::Help { scroll },
        }
    }

    /// Shared line editing; returns `Some(true)` on Enter, `Some(false)` on Esc.
    fn line_key(event: &KeyEvent, editor: &mut LineEditor) -> Option<bool> {
        let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
        match event.code {
            KeyCode::Enter => return Some(true),
            KeyCode::Esc => return Some(false),
            KeyCode::Left => editor.left(),
            KeyCode::Right => editor.right(),
            KeyCode::Home => editor.home(),
            KeyCode::End => editor.end(),
            KeyCode::Backspace => editor.backspace(),
            KeyCode::Delete => editor.delete(),
            KeyCode::Char('a') if ctrl => editor.home(),
            KeyCode::Char('e') if ctrl => editor.end(),
            KeyCode::Char('u') if ctrl => editor.kill_to_start(),
            KeyCode::Char('k') if ctrl => editor.kill_to_end(),
            KeyCode::Char('c') if ctrl => return Some(false),
            KeyCode::Char(c) if !ctrl => editor.insert(c),
            _ => {}
        }
        None
    }

    fn editor_key(&mut self, event: KeyEvent, target: Target, mut editor: LineEditor) {
        match Self::line_key(&event, &mut editor) {
            None => self.overlay = Overlay::Editor { target, editor },
            Some(false) => self.info(self.tr(Msg::Cancelled)),
            Some(true) => match target.read_input(editor.text()) {
                Err(Refusal::NotANumber) => {
                    self.error(format!(
                        "{}: {}",
                        self.tr(Msg::NotANumber),
                        crate::text::visible(editor.text())
                    ));
                    self.overlay = Overlay::Editor { target, editor };
                }
                Err(Refusal::NoSuchPlace) => self.error(self.tr(Msg::NoPlace)),
                Ok(value) => {
                    if target.get(&self.ws) == Some(value.clone()) {
                        self.info(self.tr(Msg::Unchanged));
                    } else {
                        self.perform(Edit::Set { target, value }, Msg::EditedCell);
                    }
                }
            },
        }
    }

    fn prompt_key(&mut self, event: KeyEvent, kind: PromptKind, mut editor: LineEditor) {
        match Self::line_key(&event, &mut editor) {
            None => self.overlay = Overlay::Prompt { kind, editor },
            Some(false) => self.info(self.tr(Msg::Cancelled)),
            Some(true) => {
                let text = editor.text().trim().to_string();
                if text.is_empty() {
                    self.info(self.tr(Msg::Cancelled));
                    return;
                }
                match kind {
                    PromptKind::Search => {
                        self.search = Some(text);
                        self.search_step(true);
                    }
                    PromptKind::SavePath => {
                        let path = PathBuf::from(text);
                        self.save_to(path);
                    }
                }
            }
        }
    }

    fn confirm_key(&mut self, event: KeyEvent, what: Confirm) {
        match event.code {
            KeyCode::Char('y' | 'Y') => match what {
                Confirm::Quit => {
                    // The user chose to drop the edits: no journal should offer them again.
                    recovery::remove(self.path.as_deref());
                    self.quit = true
                }
                Confirm::Delete(edit) => self.perform(edit, Msg::Deleted),
                Confirm::Replace(path) => self.write(path, false),
            },
            KeyCode::Char('n' | 'N') | KeyCode::Esc | KeyCode::Char('q') => {
                self.info(self.tr(Msg::Cancelled))
            }
            _ => self.overlay = Overlay::Confirm(what),
        }
    }

    /// Applies `edit` as one history entry, recomputes findings, moves to its place.
    pub fn perform(&mut self, edit: Edit, done: Msg) {
        if self.read_only {
            self.error(self.tr(Msg::ReadOnlyRefused));
            return;
        }
        match self.history.perform(&mut self.ws, edit) {
            Ok(pointer) => {
                self.refresh_after(&pointer);
                self.goto_pointer(&pointer);
                self.info(self.tr(done));
            }
            Err(_) => self.error(self.tr(Msg::NoPlace)),
        }
    }

    /// Does what `action` asks for.
    pub fn act(&mut self, action: Action) {
        match action {
            Action::Up => self.move_rows(-1),
            Action::Down => self.move_rows(1),
            Action::PageUp => self.move_rows(-(self.page.max(1) as isize)),
            Action::PageDown => self.move_rows(self.page.max(1) as isize),
            Action::Top => self.move_rows(isize::MIN / 2),
            Action::Bottom => self.move_rows(isize::MAX / 2),
            Action::Left => self.move_cols(-1),
            Action::Right => self.move_cols(1),
            Action::NextTab => self.tab = TabId::ALL[(self.tab.index() + 1) % TabId::ALL.len()],
            Action::PrevTab => {
                self.tab = TabId::ALL[(self.tab.index() + TabId::ALL.len() - 1) % TabId::ALL.len()]
            }
            Action::GoTab(tab) => self.tab = tab,
            Action::Edit => self.begin_edit(),
            Action::Undo => self.undo(),
            Action::Redo => self.redo(),
            Action::Save => self.save(),
            Action::Search => {
                self.overlay = Overlay::Prompt {
                    kind: PromptKind::Search,
                    editor: LineEditor::new(""),
                }
            }
            Action::SearchNext => self.search_step(true),
            Action::SearchPrev => self.search_step(false),
            Action::Help => self.overlay = Overlay::Help { scroll: 0 },
            Action::SaveAs => self.save_as(),
            Action::Quit => {
                if self.modified() {
                    self.overlay = Overlay::Confirm(Confirm::Quit);
                } else {
                    self.quit = true;
                }
            }
            Action::Close => {
                if self.tab == TabId::Projects && self.projects.in_table {
                    self.projects.in_table = false;
                }
            }
            Action::AddRow => self.add_row(),
            Action::AddItem => self.add_item(),
            Action::Delete => self.delete(),
            Action::Filter => {
                self.severity_filter = match self.severity_filter {
                    None => Some(Severity::Error),
                    Some(Severity::Error) => Some(Severity::Warning),
                    Some(Severity::Warning) => Some(Severity::Info),
                    Some(Severity::Info) => None,
                };
                self.findings_view = Cursor::default();
                self.refilter();
            }
            Action::FilterOnly(severity) => {
                self.severity_filter = severity;
                self.findings_view = Cursor::default();
                self.refilter();
            }
            Action::Jump => self.jump_to_finding(),
            Action::Focus => {
                if self.tab == TabId::Projects {
                    self.projects.in_table = !self.projects.in_table;
                }
            }
        }
    }

    fn move_rows(&mut self, delta: isize) {
        let step = |row: usize, len: usize| -> usize {
            let target = row as isize + delta;
            target.clamp(0, len.saturating_sub(1) as isize) as usize
        };
        match self.tab {
            TabId::Summary => {
                let len = self.summary_rows().len();
                self.summary.row = step(self.summary.row, len);
            }
            TabId::ThreePublic => {
                let len = self.three_rows().len();
                self.three.row = step(self.three.row, len);
            }
            TabId::Projects => {
                if self.projects.in_table {
                    let len = self
                        .ws
                        .performance
                        .projects
                        .get(self.projects.project)
                        .map_or(0, rows::project_row_count);
                    self.projects.table.row = step(self.projects.table.row, len);
                } else {
                    let len = self.ws.performance.projects.len();
                    let new = step(self.projects.project, len);
                    if new != self.projects.project {
                        self.projects.project = new;
                        self.projects.table = Cursor::default();
                    }
                }
            }
            TabId::Activities => {
                self.activities.row = step(self.activities.row, self.matrix.len());
            }
            TabId::Findings => {
                self.findings_view.row = step(self.findings_view.row, self.filtered.len());
            }
        }
    }

    fn move_cols(&mut self, delta: isize) {
        match self.tab {
            TabId::Summary | TabId::ThreePublic => {
                let (rows, cursor) = self.sum_rows_and_cursor();
                let columns = rows.get(cursor.row).map_or(1, |r| r.edit.len().max(1));
                let col = Self::effective_col(cursor.col, columns);
                let col = (col as isize + delta).clamp(0, columns as isize - 1) as usize;
                if self.tab == TabId::ThreePublic {
                    self.three.col = col;
                } else {
                    self.summary.col = col;
                }
            }
            TabId::Projects => {
                if !self.projects.in_table {
                    if delta > 0 && !self.ws.performance.projects.is_empty() {
                        self.projects.in_table = true;
                    }
                    return;
                }
                let Some(row) = self.project_row() else {
                    return;
                };
                let columns = Self::project_columns(row);
                let col = Self::effective_col(self.projects.table.col, columns);
                if delta < 0 && col == 0 {
                    self.projects.in_table = false;
                    return;
                }
                self.projects.table.col =
                    (col as isize + delta).clamp(0, columns as isize - 1) as usize;
            }
            TabId::Activities => {
                let Some(&row) = self.matrix.get(self.activities.row) else {
                    return;
                };
                let columns = rows::matrix_columns(row);
                let col = Self::effective_col(self.activities.col, columns);
                self.activities.col =
                    (col as isize + delta).clamp(0, columns as isize - 1) as usize;
            }
            _ => {}
        }
    }

    fn begin_edit(&mut self) {
        if self.tab == TabId::Projects && !self.projects.in_table {
            if !self.ws.performance.projects.is_empty() {
                self.projects.in_table = true;
            }
            return;
        }
        if self.read_only {
            self.error(self.tr(Msg::ReadOnlyRefused));
            return;
        }
        let Some(target) = self.current_target() else {
            self.error(self.tr(Msg::NotEditable));
            return;
        };
        let Some(current) = target.get(&self.ws) else {
            self.error(self.tr(Msg::NoPlace));
            return;
        };
        self.overlay = Overlay::Editor {
            editor: LineEditor::new(&current.unwrap_or_default()),
            target,
        };
    }

    fn undo(&mut self) {
        self.step_history(false);
    }

    fn redo(&mut self) {
        self.step_history(true);
    }

    /// Undoes (or, `forward`, redoes) one edit and goes to the place it changed.
    fn step_history(&mut self, forward: bool) {
        if self.read_only {
            self.error(self.tr(Msg::ReadOnlyRefused));
            return;
        }
        let (stepped, done, nothing) = if forward {
            (
                self.history.redo(&mut self.ws),
                Msg::Redone,
                Msg::NothingToRedo,
            )
        } else {
            (
                self.history.undo(&mut self.ws),
                Msg::Undone,
                Msg::NothingToUndo,
            )
        };
        match stepped {
            Some(pointer) => {
                self.refresh_after(&pointer);
                self.goto_pointer(&pointer);
                self.info(self.tr(done));
            }
            None => self.info(self.tr(nothing)),
        }
    }

    fn save(&mut self) {
        if self.read_only {
            self.error(self.tr(Msg::ReadOnlyRefused));
            return;
        }
        match self.path.clone() {
            Some(path) => self.save_to(path),
            None => {
                self.overlay = Overlay::Prompt {
                    kind: PromptKind::SavePath,
                    editor: LineEditor::new(""),
                }
            }
        }
    }

    fn save_to(&mut self, path: PathBuf) {
        let same_file = self.path.as_ref() == Some(&path);
        if !same_file {
            if path.exists() {
                self.overlay = Overlay::Confirm(Confirm::Replace(path));
                return;
            }
        } else if let Some(fingerprint) = self.fingerprint
            && let crate::store::DiskState::Changed(disk) =
                crate::store::disk_state(&path, &fingerprint)
        {
            self.conflict(path, disk);
            return;
        }
        self.write(path, same_file);
    }

    /// Opens the conflict popup: the file at `path` is no longer what was loaded or saved.
    fn conflict(&mut self, path: PathBuf, disk: Option<Box<Workspace>>) {
        let changes = disk
            .as_deref()
            .map(|theirs| diff::changes(theirs, &self.ws, CHANGES_SHOWN + 1))
            .unwrap_or_default();
        self.overlay = Overlay::Choice(Choice::Conflict {
            path,
            disk,
            changes,
        });
    }

    /// Asks where to save, starting from the current file name.
    fn save_as(&mut self) {
        if self.read_only {
            self.error(self.tr(Msg::ReadOnlyRefused));
            return;
        }
        let start = self
            .path
            .as_ref()
            .map(|p| p.display().to_string())
            .unwrap_or_default();
        self.overlay = Overlay::Prompt {
            kind: PromptKind::SavePath,
            editor: LineEditor::new(&start),
        };
    }

    fn choice_key(&mut self, event: KeyEvent, choice: Choice) {
        match choice {
            Choice::Restore {
                recovered,
                changes,
                show_changes,
            } => match event.code {
                KeyCode::Char('r' | 'R') => {
                    self.ws = recovered.workspace.clone();
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
                        self.info(self.tr(if changed {
                            Msg::RestoredChangedOnDisk
                        } else {
                            Msg::Restored
                        }));
                    }
                }
                KeyCode::Char('d' | 'D') => {
                    recovery::remove_offered(&recovered);
                    self.info(self.tr(Msg::JournalDiscarded));
                }
                KeyCode::Char('v' | 'V') => {
                    self.overlay = Overlay::Choice(Choice::Restore {
                        recovered,
                        changes,
                        show_changes: !show_changes,
                    })
                }
                // Deciding later is not offered: the next edit would overwrite the journal.
                _ => {
                    self.overlay = Overlay::Choice(Choice::Restore {
                        recovered,
                        changes,
                        show_changes,
                    })
                }
            },
            Choice::Conflict {
                path,
                disk,
                changes,
            } => match event.code {
                KeyCode::Char('o' | 'O') => self.write(path, false),
                KeyCode::Char('S') | KeyCode::Char('s') => self.save_as(),
                KeyCode::Char('r' | 'R') => match disk {
                    Some(theirs) => {
                        self.ws = *theirs;
                        self.history.reset_saved();
                        self.fingerprint = std::fs::read(&path)
                            .ok()
                            .map(|bytes| crate::store::Fingerprint::of(&bytes));
                        recovery::remove(Some(&path));
                        self.refresh();
                        self.info(self.tr(Msg::Reloaded));
                    }
                    None => self.error(self.tr(Msg::ReloadFailed)),
                },
                KeyCode::Esc | KeyCode::Char('q') => self.info(self.tr(Msg::Cancelled)),
                _ => {
                    self.overlay = Overlay::Choice(Choice::Conflict {
                        path,
                        disk,
                        changes,
                    })
                }
            },
        }
    }

    /// Changes to the workspace so far; the journal is written when this moves.
    pub fn revision(&self) -> u64 {
        self.history.revision()
    }

    /// Writes unsaved edits to the recovery journal, or removes it when nothing is unsaved.
    pub fn write_journal(&mut self) {
        // A journal being offered is deleted only by an explicit discard; until the user
        // answers there is nothing of this session's to keep.
        if self.read_only || matches!(self.overlay, Overlay::Choice(Choice::Restore { .. })) {
            return;
        }
        if !self.modified() {
            recovery::remove(self.path.as_deref());
            self.journaled = None;
            return;
        }
        match recovery::write(self.path.as_deref(), self.fingerprint.as_ref(), &self.ws) {
            Ok(_) => self.journaled = Some(self.revision()),
            Err(e) => self.error(format!(
                "{}: {}",
                self.tr(Msg::JournalFailed),
                crate::text::visible(&e)
            )),
        }
    }

    /// At start: offers the edits a journal kept from last time, if they differ from the file.
    pub fn offer_recovery(&mut self) {
        if self.read_only {
            return;
        }
        match recovery::read(self.path.as_deref()) {
            None => {}
            Some(Err(e)) => self.error(format!(
                "{}: {}",
                self.tr(Msg::RecoveryDamaged),
                crate::text::visible(&e.to_string())
            )),
            Some(Ok(recovered)) if recovered.workspace == self.ws => {
                recovery::remove_offered(&recovered);
            }
            Some(Ok(recovered)) => {
                let changes = diff::changes(&self.ws, &recovered.workspace, CHANGES_SHOWN + 1);
                self.overlay = Overlay::Choice(Choice::Restore {
                    recovered: Box::new(recovered),
                    changes,
                    show_changes: false,
                });
            }
        }
    }

    /// Saves to `path`; with `check`, refused (conflict popup) if the file changed on disk
    /// since it was opened or saved, up to the moment it is replaced.
    fn write(&mut self, path: PathBuf, check: bool) {
        // Neither a signal's watchdog nor a failure mid-save may lose the edits: they are in
        // the journal before the save begins.
        let _hold = super::hold_exit();
        if self.journaled != Some(self.revision()) {
            self.write_journal();
        }
        let expected = if check { self.fingerprint } else { None };
        // A backup already there at the first save of a session is someone's (perhaps the
        // user's own): kept as `FILE.bak.1` rather than replaced.
        let kept = if self.saved_here.contains(&path) {
            None
        } else {
            crate::store::keep_previous_backup(&path)
        };
        match crate::store::save_checked(&self.ws, &path, expected.as_ref()) {
            Err(e) if e.changed_on_disk => {
                let disk = crate::store::load(&path).ok().map(Box::new);
                self.conflict(path, disk);
            }
            Ok(fingerprint) => {
                recovery::remove(self.path.as_deref());
                recovery::remove(Some(&path));
                self.journaled = None;
                self.saved_here.push(path.clone());
                self.fingerprint = Some(fingerprint);
                self.history.mark_saved();
                self.name = path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
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
            Err(e) => {
                self.write_journal();
                self.error(format!(
                    "{}: {} {} {}",
                    self.tr(Msg::SaveFailed),
                    crate::text::visible(&e.to_string()),
                    self.theme.sep(),
                    self.tr(Msg::EditsKept)
                ))
            }
        }
    }

    // ----- add and delete -----

    fn add_row(&mut self) {
        if self.read_only {
            self.error(self.tr(Msg::ReadOnlyRefused));
            return;
        }
        match self.tab {
            TabId::Projects => {
                let pi = self.projects.project;
                let Some(p) = self.ws.performance.projects.get(pi) else {
                    self.error(self.tr(Msg::NoProjects));
                    return;
                };
                let at = match self.project_row() {
                    Some(ProjectRow::Indicator(i)) if self.projects.in_table => i + 1,
                    _ => p.indicators.len(),
                };
                let like = p.indicators.get(at.saturating_sub(1));
                let value = Box::new(blank_project_indicator(like));
                self.projects.in_table = true;
                self.perform(
                    Edit::InsertProjectIndicator {
                        project: pi,
                        row: at,
                        value,
                    },
                    Msg::Added,
                );
                self.projects.table.col = 2;
            }
            TabId::Activities => {
                let Some(&row) = self.matrix.get(self.activities.row) else {
                    self.error(self.tr(Msg::NoPlace));
                    return;
                };
                let (duty, activity, at) = match row {
                    MatrixRow::Duty(d) => (d, None, 0),
                    MatrixRow::Activity(d, a) => (d, Some(a), 0),
                    MatrixRow::Indicator {
                        duty,
                        activity,
                        row,
                    } => (duty, activity, row + 1),
                };
                self.perform(
                    Edit::InsertGraded {
                        duty,
                        activity,
                        row: at,
                        value: Box::new(GradedIndicator::default()),
                    },
                    Msg::Added,
                );
                self.activities.col = 0;
            }
            _ => {}
        }
    }

    fn add_item(&mut self) {
        if self.read_only {
            self.error(self.tr(Msg::ReadOnlyRefused));
            return;
        }
        match self.tab {
            TabId::Projects => {
                let n = self.ws.performance.projects.len();
                let at = if n == 0 { 0 } else { self.projects.project + 1 };
                self.perform(
                    Edit::InsertProject {
                        index: at,
                        value: Box::new(blank_project(n + 1)),
                    },
                    Msg::Added,
                );
                self.projects.in_table = false;
            }
            TabId::Activities => {
                let Some(&row) = self.matrix.get(self.activities.row) else {
                    self.error(self.tr(Msg::NoPlace));
                    return;
                };
                let (duty, at) = match row {
                    MatrixRow::Duty(d)
                    | MatrixRow::Indicator {
                        duty: d,
                        activity: None,
                        ..
                    } => (d, 0),
                    MatrixRow::Activity(d, a)
                    | MatrixRow::Indicator {
                        duty: d,
                        activity: Some(a),
                        ..
                    } => (d, a + 1),
                };
                let number = self.ws.performance.matrix.duties[duty].activities.len() + 1;
                self.perform(
                    Edit::InsertActivity {
                        duty,
                        index: at,
                        value: Box::new(blank_activity(number)),
                    },
                    Msg::Added,
                );
            }
            _ => {}
        }
    }

    fn delete(&mut self) {
        if self.read_only {
            self.error(self.tr(Msg::ReadOnlyRefused));
            return;
        }
        let edit = match self.tab {
            TabId::Projects => {
                if self.ws.performance.projects.is_empty() {
                    None
                } else if !self.projects.in_table {
                    Some(Edit::RemoveProject {
                        index: self.projects.project,
                    })
                } else {
                    match self.project_row() {
                        Some(ProjectRow::Indicator(i)) => Some(Edit::RemoveProjectIndicator {
                            project: self.projects.project,
                            row: i,
                        }),
                        _ => None,
                    }
                }
            }
            TabId::Activities => match self.matrix.get(self.activities.row) {
                Some(&MatrixRow::Indicator {
                    duty,
                    activity,
                    row,
                }) => Some(Edit::RemoveGraded {
                    duty,
                    activity,
                    row,
                }),
                Some(&MatrixRow::Activity(duty, index)) => {
                    Some(Edit::RemoveActivity { duty, index })
                }
                _ => None,
            },
            _ => None,
        };
        match edit {
            Some(edit) => self.overlay = Overlay::Confirm(Confirm::Delete(edit)),
            None => self.error(self.tr(Msg::NotEditable)),
        }
    }

    // ----- search -----

    /// Texts of the current tab's rows for search, with a way back to the row.
    fn search_rows(&self) -> (Vec<String>, usize) {
        match self.tab {
            TabId::Summary => (
                self.summary_rows()
                    .iter()
                    .map(SumRow::search_text)
                    .collect(),
                self.summary.row,
            ),
            TabId::ThreePublic => (
                self.three_rows().iter().map(SumRow::search_text).collect(),
                self.three.row,
            ),
            TabId::Projects => {
                let mut texts = Vec::new();
                let mut current = 0;
                for (pi, p) in self.ws.performance.projects.iter().enumerate() {
                    if pi == self.projects.project {
                        current = texts.len()
                            + if self.projects.in_table {
                                self.projects.table.row
                            } else {
                                0
                            };
                    }
                    for r in 0..rows::project_row_count(p) {
                        let row = rows::project_row(p, r);
                        let text = match row {
                            ProjectRow::Field(ProjectField::Code | ProjectField::Name) => {
                                format!(
                                    "{} {}",
                                    rows::project_field_label(ProjectField::Name, self.lang),
                                    rows::project_cell(&self.ws, pi, row, 0, self.lang)
                                )
                            }
                            ProjectRow::Field(_) => {
                                rows::project_cell(&self.ws, pi, row, 0, self.lang)
                            }
                            ProjectRow::IndicatorHeader => String::new(),
                            ProjectRow::Indicator(_) => (0..rows::INDICATOR_COLUMNS.len())
                                .map(|c| rows::project_cell(&self.ws, pi, row, c, self.lang))
                                .collect::<Vec<_>>()
                                .join(" "),
                        };
                        texts.push(text);
                    }
                }
                (texts, current)
            }
            TabId::Activities => (
                self.matrix
                    .iter()
                    .map(|&row| {
                        (0..rows::matrix_columns(row))
                            .map(|c| rows::matrix_cell(&self.ws, row, c, self.lang))
                            .collect::<Vec<_>>()
                            .join(" ")
                    })
                    .collect(),
                self.activities.row,
            ),
            TabId::Findings => (
                self.filtered
                    .iter()
                    .map(|&i| {
                        let f = &self.findings[i];
                        format!("{} {} {}", f.label, f.message_zh, f.message_en)
                    })
                    .collect(),
                self.findings_view.row,
            ),
        }
    }

    fn set_search_row(&mut self, index: usize) {
        match self.tab {
            TabId::Summary => self.summary.row = index,
            TabId::ThreePublic => self.three.row = index,
            TabId::Projects => {
                let mut base = 0;
                for (pi, p) in self.ws.performance.projects.iter().enumerate() {
                    let n = rows::project_row_count(p);
                    if index < base + n {
                        self.projects.project = pi;
                        self.projects.table.row = index - base;
                        self.projects.in_table = true;
                        return;
                    }
                    base += n;
                }
            }
            TabId::Activities => self.activities.row = index,
            TabId::Findings => self.findings_view.row = index,
        }
    }

    fn search_step(&mut self, forward: bool) {
        let Some(query) = self.search.clone() else {
            self.info(self.tr(Msg::NoSearch));
            return;
        };
        let needle = query.to_lowercase();
        let (texts, current) = self.search_rows();
        let n = texts.len();
        if n == 0 {
            self.error(format!("{}: {}", self.tr(Msg::NotFound), query));
            return;
        }
        for step in 1..=n {
            let i = if forward {
                (current + step) % n
            } else {
                (current + n * 2 - step) % n
            };
            if texts[i].to_lowercase().contains(&needle) {
                self.set_search_row(i);
                let wrapped = if forward { i <= current } else { i >= current };
                let text = format!("/{}", crate::text::visible(&query));
                if wrapped {
                    self.info(format!("{text} ({})", self.tr(Msg::Wrapped)));
                } else {
                    self.info(text);
                }
                return;
            }
        }
        self.error(format!(
            "{}: {}",
            self.tr(Msg::NotFound),
            crate::text::visible(&query)
        ));
    }

    // ----- jumping to a place -----

    fn jump_to_finding(&mut self) {
        let Some(&i) = self.filtered.get(self.findings_view.row) else {
            self.info(self.tr(Msg::FindingsNone));
            return;
        };
        let pointer = self.findings[i].pointer.clone();
        if !self.goto_pointer(&pointer) {
            self.error(format!("{}: {}", self.tr(Msg::NoPlace), pointer));
        }
    }

    /// Moves to the place a JSON pointer names, switching tab. False when it is not shown.
    pub fn goto_pointer(&mut self, pointer: &str) -> bool {
        let segments: Vec<&str> = pointer.trim_start_matches('/').split('/').collect();
        let num = |s: &str| s.parse::<usize>().ok();
        match segments.as_slice() {
            ["performance", "projects", p, rest @ ..] => {
                let Some(pi) = num(p).filter(|&pi| pi < self.ws.performance.projects.len()) else {
                    return false;
                };
                let table = &self.ws.performance.projects[pi];
                self.tab = TabId::Projects;
                if pi != self.projects.project {
                    self.projects.table = Cursor::default();
                }
                self.projects.project = pi;
                let field_row = |f: ProjectField| rows::PROJECT_FIELDS.iter().position(|x| *x == f);
                let (row, col) = match rest {
                    [] => {
                        self.projects.in_table = false;
                        return true;
                    }
                    ["indicators", r, more @ ..] => {
                        let Some(r) = num(r).filter(|&r| r < table.indicators.len()) else {
                            return false;
                        };
                        let col = more
                            .first()
                            .and_then(|f| IndicatorField::from_key(f))
                            .and_then(|f| {
                                rows::INDICATOR_COLUMNS.iter().position(|c| *c == Some(f))
                            })
                            .unwrap_or(self.projects.table.col);
                        (rows::project_indicator_row(table, r), col)
                    }
                    ["indicators"] => (rows::project_indicator_row(table, 0) - 1, 0),
                    ["goals", g, ..] => match num(g).filter(|&g| g < table.goals.len()) {
                        Some(g) => (rows::PROJECT_FIELDS.len() + g, 0),
                        None => (rows::PROJECT_FIELDS.len(), 0),
                    },
                    ["code", ..] => (field_row(ProjectField::Code).unwrap_or(0), 0),
                    ["name", ..] | ["name_label", ..] | ["title", ..] => {
                        (field_row(ProjectField::Name).unwrap_or(0), 0)
                    }
                    ["budget", "fiscal", ..] => {
                        (field_row(ProjectField::BudgetFiscal).unwrap_or(0), 0)
                    }
                    ["budget", "other", ..] => {
                        (field_row(ProjectField::BudgetOther).unwrap_or(0), 0)
                    }
                    ["budget", ..] => (field_row(ProjectField::BudgetTotal).unwrap_or(0), 0),
                    ["purpose", ..] => (field_row(ProjectField::Purpose).unwrap_or(0), 0),
                    ["spending_plan", m, ..] => {
                        let i = ["march", "june", "october", "december"]
                            .iter()
                            .position(|x| x == m)
                            .unwrap_or(0);
                        (field_row(ProjectField::Plan(i)).unwrap_or(0), 0)
                    }
                    ["spending_plan"] => (field_row(ProjectField::Plan(0)).unwrap_or(0), 0),
                    _ => (0, 0),
                };
                self.projects.in_table = true;
                self.projects.table.row = row;
                self.projects.table.col = col;
                true
            }
            ["performance", "matrix", "duties", d, rest @ ..] => {
                let Some(d) = num(d) else { return false };
                let (wanted, col) = match rest {
                    ["activities", a, "indicators", i, more @ ..] => (
                        num(a).zip(num(i)).map(|(a, i)| MatrixRow::Indicator {
                            duty: d,
                            activity: Some(a),
                            row: i,
                        }),
                        more.first().and_then(|f| GradedField::from_key(f)),
                    ),
                    ["activities", a, more @ ..] => (
                        num(a).map(|a| MatrixRow::Activity(d, a)),
                        (more.first() == Some(&"budget")).then_some(GradedField::Standard(0)),
                    ),
                    ["indicators", i, more @ ..] => (
                        num(i).map(|i| MatrixRow::Indicator {
                            duty: d,
                            activity: None,
                            row: i,
                        }),
                        more.first().and_then(|f| GradedField::from_key(f)),
                    ),
                    more => (
                        Some(MatrixRow::Duty(d)),
                        (more.first() == Some(&"budget")).then_some(GradedField::Standard(0)),
                    ),
                };
                // An edit lands on the current row: look there before scanning every row.
                let Some(index) = wanted.and_then(|w| {
                    if self.matrix.get(self.activities.row) == Some(&w) {
                        Some(self.activities.row)
                    } else {
                        self.matrix.iter().position(|r| *r == w)
                    }
                }) else {
                    return false;
                };
                self.tab = TabId::Activities;
                self.activities.row = index;
                if let Some(field) = col {
                    self.activities.col = rows::graded_column(field);
                }
                true
            }
            ["three_public", ..] => self.goto_figure_row(TabId::ThreePublic, pointer),
            _ => self.goto_figure_row(TabId::Summary, pointer),
        }
    }
}

/// The row whose pointer shares the most leading segments with `pointer`.
fn best_row(rows: &[SumRow], pointer: &str) -> Option<usize> {
    let wanted: Vec<&str> = pointer.trim_start_matches('/').split('/').collect();
    let mut best: Option<(usize, usize)> = None;
    for (i, row) in rows.iter().enumerate() {
        let have: Vec<&str> = row.pointer.trim_start_matches('/').split('/').collect();
        if have.len() > wanted.len() {
            continue;
        }
        let common = have.iter().zip(&wanted).take_while(|(a, b)| a == b).count();
        if common == have.len() && best.is_none_or(|(_, c)| common > c) {
            best = Some((i, common));
        }
    }
    best.map(|(i, _)| i)
}
