//! The portfolio: opening a directory shows one row per workspace (the table of
//! `check DIR`), sortable by any column (`Left`/`Right` choose it, `s` sorts, again
//! reverses) and filtered by text (`/`). `Enter` opens a department with all its screens;
//! `p` comes back. A document left with unsaved edits is kept in memory (its undo history
//! too) and marked `+`; quitting asks while any is unsaved. A document's row is computed
//! again from its workspace whenever the reviewer comes back from it.

use std::cell::Cell;
use std::cmp::Ordering;
use std::path::{Path, PathBuf};

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Style;
use ratatui::widgets::Widget;

use super::app::{App, Overlay, PromptKind};
use super::ctx::severity_mark;
use super::edit::History;
use super::editor::LineEditor;
use super::grid::{Align, Column, GridCell, GridRow, GridState};
use super::i18n::{Lang, Msg};
use super::keymap::{Action, Key, Popup};
use super::paint::{Painter, split_bottom};
use super::screens::{Screens, TabId, Table};
use crate::model::Place;
use crate::model::Workspace;
use crate::model::amount::read_decimal;
use crate::review::Severity;
use crate::season::portfolio::{self, Row};
use crate::store::{Fingerprint, recovery};
use crate::text::visible;

/// A document's workbench state while another one is open.
pub struct Parked {
    ws: Workspace,
    path: Option<PathBuf>,
    name: String,
    history: History,
    tab: TabId,
    fingerprint: Option<Fingerprint>,
    back: Vec<(TabId, usize, Option<Place>)>,
    journaled: Option<u64>,
    saved_here: Vec<PathBuf>,
}

/// One workspace of the directory.
pub struct Doc {
    pub path: PathBuf,
    pub row: Row,
    /// The row's cells as `check` prints them (sorting and filtering read these).
    cells: [String; 11],
    /// Its state when it was left with unsaved edits.
    parked: Option<Parked>,
}

impl Doc {
    /// Left with unsaved edits.
    pub fn modified(&self) -> bool {
        self.parked
            .as_ref()
            .is_some_and(|p| p.history.is_modified())
    }
}

/// The directory's documents and how the portfolio shows them.
pub struct Season {
    pub dir: PathBuf,
    pub docs: Vec<Doc>,
    /// The document open now (its state is the app's).
    pub current: Option<usize>,
    /// The portfolio is on screen (no document open).
    pub showing: bool,
    /// Documents shown, in order: indexes into `docs` after the filter and the sort.
    pub order: Vec<usize>,
    pub row: usize,
    /// The selected column (what `s` sorts by); 0 is the department.
    pub col: usize,
    /// The column sorted by and whether descending; `None`: worst first, as `check`.
    pub sort: Option<(usize, bool)>,
    pub filter: String,
    lang: Lang,
    grid: Cell<GridState>,
}

/// The keys of every screen the portfolio takes (its help lists these and its own).
pub const SHARED_ACTIONS: &[Action] = &[
    Action::Help,
    Action::Up,
    Action::Down,
    Action::Left,
    Action::Right,
    Action::PageUp,
    Action::PageDown,
    Action::Top,
    Action::Bottom,
    Action::HalfPageDown,
    Action::HalfPageUp,
    Action::Command,
    Action::Close,
    Action::Quit,
];

/// The row's cells as the portfolio shows them: those of `check`, the top finding by its
/// message alone (the detail line gives its rule).
fn cells_of(row: &Row, lang: Lang) -> [String; 11] {
    let mut cells = portfolio::cells(row, lang);
    if let Some(top) = &row.top_finding {
        cells[10] = lang.pick(&top.message_zh, &top.message_en).to_string();
    }
    cells
}

/// The columns of the table: index into [`portfolio::cells`], width, alignment.
const COLUMNS: [(usize, Constraint, Align); 10] = [
    (1, Constraint::Fill(2), Align::Label),
    (2, Constraint::Length(4), Align::Left),
    (3, Constraint::Length(8), Align::Figure),
    (4, Constraint::Length(8), Align::Figure),
    (5, Constraint::Length(6), Align::Figure),
    (6, Constraint::Length(4), Align::Figure),
    (7, Constraint::Length(4), Align::Figure),
    (8, Constraint::Length(4), Align::Figure),
    (9, Constraint::Length(6), Align::Figure),
    (10, Constraint::Fill(3), Align::Left),
];

/// `a` against `b` as numbers when both are, else as text.
fn compare(a: &str, b: &str) -> Ordering {
    match (read_decimal(a), read_decimal(b)) {
        (Some(x), Some(y)) => x.cmp(&y),
        _ => a.cmp(b),
    }
}

impl Season {
    /// Reads and checks every workspace of `dir` (on every core), worst first. Previous
    /// versions kept by `import --update` (`*.prev.json`) are not documents of the season.
    pub fn open(dir: &Path, lang: Lang) -> Result<Season, String> {
        let files = crate::season::collect_inputs(&[dir.to_path_buf()], &["json"])?;
        let rows = portfolio::check_all(&files, lang);
        let docs: Vec<Doc> = rows
            .into_iter()
            .map(|row| Doc {
                path: PathBuf::from(&row.file),
                cells: cells_of(&row, lang),
                row,
                parked: None,
            })
            .collect();
        let mut season = Season {
            dir: dir.to_path_buf(),
            order: Vec::new(),
            docs,
            current: None,
            showing: true,
            row: 0,
            col: 0,
            sort: None,
            filter: String::new(),
            lang,
            grid: Cell::default(),
        };
        season.reorder();
        Ok(season)
    }

    /// Applies the filter and the sort again, keeping the cursor on its document.
    pub fn reorder(&mut self) {
        let at = self.order.get(self.row).copied();
        let needle = self.filter.to_lowercase();
        self.order = (0..self.docs.len())
            .filter(|&i| {
                needle.is_empty() || {
                    let c = &self.docs[i].cells;
                    [&c[0], &c[1], &c[10]]
                        .iter()
                        .any(|t| t.to_lowercase().contains(&needle))
                }
            })
            .collect();
        let docs = &self.docs;
        match self.sort {
            // Worst first, as `check` lists them (the rows may have changed since).
            None => self
                .order
                .sort_by(|&a, &b| portfolio::worst_first(&docs[a].row, &docs[b].row)),
            Some((col, descending)) => {
                let cell = COLUMNS[col].0;
                self.order.sort_by(|&a, &b| {
                    let o = compare(&docs[a].cells[cell], &docs[b].cells[cell]);
                    if descending { o.reverse() } else { o }
                });
            }
        }
        self.row = at
            .and_then(|d| self.order.iter().position(|&i| i == d))
            .unwrap_or(0);
    }

    /// `s`: sorts by the selected column; figures and counts largest first, names from A;
    /// the same column again reverses.
    pub fn sort_by_selected(&mut self) {
        let numeric = COLUMNS[self.col].2 == Align::Figure;
        self.sort = match self.sort {
            Some((c, descending)) if c == self.col => Some((c, !descending)),
            _ => Some((self.col, numeric)),
        };
        self.reorder();
    }

    /// `3/300` for the status line.
    pub fn position(&self) -> String {
        format!(
            "{}/{}",
            (self.row + 1).min(self.order.len()),
            self.order.len()
        )
    }

    /// The directory, and how many documents are unsaved.
    pub fn status(&self, lang: Lang) -> String {
        let mut text = visible(&self.dir.display().to_string()).into_owned();
        let unsaved = self.docs.iter().filter(|d| d.modified()).count();
        if unsaved > 0 {
            text.push_str(&format!(
                " [+{unsaved} {}]",
                super::i18n::t(lang, Msg::UnsavedDocuments)
            ));
        }
        text
    }

    fn move_rows(&mut self, delta: isize) {
        let last = self.order.len().saturating_sub(1) as isize;
        self.row = (self.row as isize)
            .saturating_add(delta)
            .clamp(0, last.max(0)) as usize;
    }
}

impl App {
    /// The portfolio when it is on screen.
    pub fn portfolio_shown(&self) -> Option<&Season> {
        self.season.as_ref().filter(|s| s.showing)
    }

    /// Opens the directory `dir` as a season and shows its portfolio.
    pub fn open_season(&mut self, dir: &Path) {
        match Season::open(dir, self.lang) {
            Ok(season) => {
                let empty = season.docs.is_empty();
                self.park_current();
                self.season = Some(season);
                self.tab = TabId::Summary;
                if empty {
                    self.error_msg(Msg::NoDocuments);
                }
            }
            Err(e) => self.error(visible(&e).into_owned()),
        }
    }

    /// Documents other than the open one with unsaved edits.
    pub fn others_modified(&self) -> bool {
        self.season.as_ref().is_some_and(|s| {
            s.docs
                .iter()
                .enumerate()
                .any(|(i, d)| Some(i) != s.current && d.modified())
        })
    }

    /// Quitting without saving: the unsaved documents' journals go too.
    pub(super) fn drop_parked_journals(&mut self) {
        if let Some(season) = &self.season {
            for doc in season.docs.iter().filter(|d| d.modified()) {
                recovery::remove(Some(&doc.path));
            }
        }
    }

    /// `p`: back to the portfolio, the open document's row computed again.
    pub(super) fn show_portfolio(&mut self) {
        if self.season.is_none() {
            self.error_msg(Msg::NoPortfolio);
            return;
        }
        self.park_current();
        if let Some(season) = &mut self.season {
            season.showing = true;
            season.reorder();
        }
    }

    /// Puts the open document aside: its row from its workspace as it is now; its state kept
    /// when it has unsaved edits (their journal is written first).
    fn park_current(&mut self) {
        let Some(mut season) = self.season.take() else {
            return;
        };
        if let Some(i) = season.current.take() {
            self.write_journal();
            let doc = &mut season.docs[i];
            doc.row = portfolio::row_of(&doc.row.file, &self.ctx.ws, &self.ctx.findings);
            doc.cells = cells_of(&doc.row, season.lang);
            let parked = Parked {
                ws: std::mem::replace(&mut self.ctx.ws, Workspace::new("")),
                path: self.path.take(),
                name: std::mem::take(&mut self.name),
                history: std::mem::take(&mut self.history),
                tab: self.tab,
                fingerprint: self.fingerprint.take(),
                back: std::mem::take(&mut self.back),
                journaled: self.journaled.take(),
                saved_here: std::mem::take(&mut self.saved_here),
            };
            doc.parked = parked.history.is_modified().then_some(parked);
            self.ctx.findings = Vec::new();
            self.ctx.search = None;
            self.screens = Screens::default();
        }
        self.season = Some(season);
    }

    /// `Enter`: opens the document of the selected row (as it was left, when it has unsaved
    /// edits; else from its file, offering a recovery journal and the previous version).
    fn open_document(&mut self) {
        let Some(mut season) = self.season.take() else {
            return;
        };
        let Some(&i) = season.order.get(season.row) else {
            self.season = Some(season);
            return;
        };
        let doc = &mut season.docs[i];
        if let Some(why) = &doc.row.unreadable {
            let why = why.clone();
            self.season = Some(season);
            self.error(visible(&why).into_owned());
            return;
        }
        let p = match doc.parked.take() {
            Some(parked) => parked,
            None => match crate::store::load_with_fingerprint(&doc.path) {
                Ok((ws, fingerprint)) => {
                    let name = doc
                        .path
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default();
                    Parked {
                        ws,
                        path: Some(doc.path.clone()),
                        name,
                        history: History::default(),
                        tab: TabId::Summary,
                        fingerprint: Some(fingerprint),
                        back: Vec::new(),
                        journaled: None,
                        saved_here: Vec::new(),
                    }
                }
                Err(e) => {
                    let message = crate::i18n::open_error(&doc.path, &e, self.lang);
                    self.season = Some(season);
                    self.error(message);
                    return;
                }
            },
        };
        let fresh = !p.history.is_modified();
        self.ctx.ws = p.ws;
        self.path = p.path;
        self.name = p.name;
        self.history = p.history;
        self.tab = p.tab;
        self.fingerprint = p.fingerprint;
        self.back = p.back;
        self.journaled = p.journaled;
        self.saved_here = p.saved_here;
        season.current = Some(i);
        season.showing = false;
        self.season = Some(season);
        self.screens = Screens::default();
        self.refresh();
        self.message = None;
        if fresh {
            self.offer_recovery();
            if self.overlay == Overlay::None {
                self.offer_previous(None);
            }
        }
    }

    /// The prompt's filter text: rows whose department, file or top finding contain it.
    pub(super) fn filter_portfolio(&mut self, text: &str) {
        if let Some(season) = &mut self.season {
            season.filter = text.to_string();
            season.row = 0;
            season.reorder();
        }
    }

    /// A key on the portfolio (nothing open over it).
    pub(super) fn portfolio_key(&mut self, key: Key) {
        let Some(action) = self.keymap.view_action(Popup::Portfolio, key) else {
            return;
        };
        let Some(season) = self.season.as_mut() else {
            return;
        };
        let page = season.grid.get().page.max(1) as isize;
        match action {
            Action::Up => season.move_rows(-1),
            Action::Down => season.move_rows(1),
            Action::PageUp => season.move_rows(-page),
            Action::PageDown => season.move_rows(page),
            Action::HalfPageUp => season.move_rows(-(page / 2).max(1)),
            Action::HalfPageDown => season.move_rows((page / 2).max(1)),
            Action::Top => season.move_rows(isize::MIN / 2),
            Action::Bottom => season.move_rows(isize::MAX / 2),
            Action::Left => season.col = season.col.saturating_sub(1),
            Action::Right => season.col = (season.col + 1).min(COLUMNS.len() - 1),
            Action::SortColumn => season.sort_by_selected(),
            Action::FilterRows => {
                let start = season.filter.clone();
                self.overlay = Overlay::Prompt {
                    kind: PromptKind::Filter,
                    editor: LineEditor::new(&start),
                };
            }
            Action::Close if !season.filter.is_empty() => self.filter_portfolio(""),
            Action::Close => self.message = None,
            Action::OpenDocument => self.open_document(),
            Action::Help => self.overlay = Overlay::Help { scroll: 0 },
            Action::Command => {
                self.overlay = Overlay::Prompt {
                    kind: PromptKind::Command,
                    editor: LineEditor::new(""),
                }
            }
            Action::Quit => self.act(Action::Quit),
            _ => {}
        }
    }
}

/// The hint line of the portfolio: its keys, then quit.
pub fn hint(app: &App) -> String {
    let own = app.keymap.popup_hint(Popup::Portfolio, app.lang);
    format!(
        "{own}  ? {}  q {}",
        app.tr(Msg::ActHelp),
        app.tr(Msg::ActQuit)
    )
}

/// Draws the portfolio: the title line, the table, the selected document's file and top
/// finding.
pub fn draw(app: &App, season: &Season, buf: &mut Buffer, (tabs, body): (Rect, Rect)) {
    let ctx = &app.ctx;
    let label = format!(" {} ", ctx.tr(Msg::TabPortfolio));
    buf.set_stringn(
        tabs.x,
        tabs.y,
        &label,
        tabs.width as usize,
        ctx.theme.tab_active,
    );
    let mut p = Painter {
        buf,
        ellipsis: ctx.theme.ellipsis(),
    };
    let right = tabs
        .width
        .saturating_sub(crate::text::width(&label) as u16 + 1);
    p.put_right(
        tabs.x + tabs.width - right,
        tabs.y,
        right as usize,
        &visible(&season.dir.display().to_string()),
        ctx.theme.title,
    );
    let heads = portfolio::headings(app.lang);
    let mut title = format!(
        "{} {} {} {}",
        ctx.tr(Msg::TabPortfolio),
        ctx.theme.sep(),
        season.order.len(),
        app.lang.pick("份", "documents")
    );
    if !season.filter.is_empty() {
        title.push_str(&format!(
            " {} {}{}",
            ctx.theme.sep(),
            ctx.tr(Msg::FilterPrompt),
            visible(&season.filter)
        ));
    }
    if let Some((c, descending)) = season.sort {
        let arrow = if descending { "↓" } else { "↑" };
        title.push_str(&format!(
            " {} {}{arrow}",
            ctx.theme.sep(),
            heads[COLUMNS[c].0]
        ));
    }
    let b = ctx.block(title);
    let inner = b.inner(body);
    b.render(body, buf);
    let (table, detail) = split_bottom(inner, 2);
    let columns: Vec<Column> = COLUMNS
        .iter()
        .map(|&(c, width, align)| Column::new(heads[c], width, align))
        .collect();
    let row = |r: usize| {
        let doc = &season.docs[season.order[r]];
        let worst = if doc.row.unreadable.is_some() || doc.row.errors > 0 {
            Some(Severity::Error)
        } else if doc.row.warnings > 0 {
            Some(Severity::Warning)
        } else {
            (doc.row.info > 0).then_some(Severity::Info)
        };
        let mark = if doc.modified() {
            ("+", ctx.theme.warning)
        } else {
            worst.map_or((" ", Style::new()), |s| {
                (severity_mark(s), ctx.severity_style(s))
            })
        };
        GridRow {
            mark,
            cells: COLUMNS
                .iter()
                .map(|&(c, _, _)| GridCell::new(visible(&doc.cells[c]), Style::new()))
                .collect(),
            style: Style::new(),
        }
    };
    Table {
        columns: &columns,
        len: season.order.len(),
        row: &row,
        header: true,
        strong: false,
        empty: Msg::NoDocuments,
    }
    .draw(
        ctx,
        buf,
        table,
        &season.grid,
        (Some(season.row), Some(season.col)),
    );
    if let Some(doc) = season.order.get(season.row).map(|&i| &season.docs[i]) {
        let top = portfolio::cells(&doc.row, app.lang)[10].clone();
        let lines = [
            (visible(&top).into_owned(), ctx.theme.dim),
            (visible(&doc.row.file).into_owned(), ctx.theme.dim),
        ];
        let mut p = Painter {
            buf,
            ellipsis: ctx.theme.ellipsis(),
        };
        for (k, (text, style)) in lines.iter().enumerate() {
            p.put(
                detail.x,
                detail.y + k as u16,
                detail.width as usize,
                text,
                *style,
            );
        }
    }
}
