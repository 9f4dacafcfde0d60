//! 检查: every finding, filtered by severity; Enter goes to its place.

use crate::model::Place;
use std::cell::Cell;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Style;
use ratatui::widgets::Widget;

use super::Table;
use super::{Outcome, Screen};
use crate::model::Decision;
use crate::review::{Finding, Severity};
use crate::season::triage::{Index, State};
use crate::tui::ctx::{Ctx, severity_mark};
use crate::tui::grid::{Align, Column, GridCell, GridRow, GridState};
use crate::tui::i18n::{Lang, Msg};
use crate::tui::keymap::Action;
use crate::tui::paint::{Painter, split_bottom, wrap};

/// Which findings by the reviewer's decision (`t` cycles).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecisionFilter {
    /// Undecided or reopened.
    Open,
    Decided(Decision),
}

impl DecisionFilter {
    fn next(filter: Option<DecisionFilter>) -> Option<DecisionFilter> {
        use DecisionFilter::*;
        match filter {
            None => Some(Open),
            Some(Open) => Some(Decided(Decision::ToFix)),
            Some(Decided(Decision::ToFix)) => Some(Decided(Decision::Accepted)),
            Some(Decided(Decision::Accepted)) => Some(Decided(Decision::Rejected)),
            Some(Decided(Decision::Rejected)) => None,
        }
    }

    fn admits(self, state: State) -> bool {
        match self {
            DecisionFilter::Open => state.is_open(),
            DecisionFilter::Decided(d) => state == State::Decided(d),
        }
    }

    fn label(self, ctx: &Ctx) -> String {
        match self {
            DecisionFilter::Open => ctx.tr(Msg::OpenFindings).to_string(),
            DecisionFilter::Decided(d) => State::Decided(d).label(ctx.lang),
        }
    }
}

#[derive(Default)]
pub struct Findings {
    pub severity_filter: Option<Severity>,
    pub decision_filter: Option<DecisionFilter>,
    /// Indexes into the findings that pass the filter.
    pub filtered: Vec<usize>,
    /// The column the list is sorted by (`:sort COLUMN`); `None`: document order.
    pub sorted_by: Option<String>,
    pub row: usize,
    grid: Cell<GridState>,
}

/// Where a finding is, in the UI language (the English label is built from the place).
pub fn location(ctx: &Ctx, f: &Finding) -> String {
    ctx.place_name(&f.pointer, &f.label)
}

/// The rules of the review as help rows (id, title in `lang`): the registry's own list, so
/// help names exactly the rules `check` runs (`tests/review_registry.rs`).
pub fn rule_help(lang: Lang) -> Vec<(String, String)> {
    let heading = (
        String::new(),
        crate::tui::i18n::t(lang, Msg::HelpRules).to_string(),
    );
    std::iter::once(heading)
        .chain(crate::review::registry::RULES.iter().map(|r| {
            (
                r.id.to_string(),
                lang.pick(r.title_zh, r.title_en).to_string(),
            )
        }))
        .collect()
}

impl Findings {
    fn set_filter(&mut self, ctx: &Ctx, filter: Option<Severity>) {
        self.severity_filter = filter;
        self.row = 0;
        self.refilter(ctx);
    }
}

impl Screen for Findings {
    fn rebuild(&mut self, ctx: &Ctx) {
        self.refilter(ctx);
    }

    fn refilter(&mut self, ctx: &Ctx) {
        let index = Index::new(&ctx.ws);
        self.filtered = ctx
            .findings
            .iter()
            .enumerate()
            .filter(|(_, f)| self.severity_filter.is_none_or(|s| f.severity == s))
            .filter(|(_, f)| {
                self.decision_filter
                    .is_none_or(|d| d.admits(index.state(f)))
            })
            .map(|(i, _)| i)
            .collect();
        if let Some(column) = self.sorted_by.take() {
            self.sort(ctx, &column);
        }
        self.row = self.row.min(self.filtered.len().saturating_sub(1));
    }

    fn len(&self, _ctx: &Ctx) -> usize {
        self.filtered.len()
    }

    fn row(&self) -> usize {
        self.row
    }

    fn set_row(&mut self, _ctx: &Ctx, row: usize) {
        self.row = row.min(self.filtered.len().saturating_sub(1));
    }

    fn page(&self) -> usize {
        self.grid.get().page.max(1)
    }

    fn search_texts(&self, ctx: &Ctx) -> (Vec<String>, usize) {
        let texts = self
            .filtered
            .iter()
            .map(|&i| {
                let f = &ctx.findings[i];
                format!("{} {} {}", f.label, f.message_zh, f.message_en)
            })
            .collect();
        (texts, self.row)
    }

    fn pointer(&self, ctx: &Ctx) -> Option<Place> {
        let f = &ctx.findings[*self.filtered.get(self.row)?];
        Some(f.pointer.clone())
    }

    fn help_extra(&self, lang: Lang) -> Vec<(String, String)> {
        rule_help(lang)
    }

    fn finding(&self, ctx: &Ctx) -> Option<Finding> {
        self.filtered
            .get(self.row)
            .map(|&i| ctx.findings[i].clone())
    }

    fn current_text(&self, ctx: &Ctx) -> Option<String> {
        let f = &ctx.findings[*self.filtered.get(self.row)?];
        Some(f.message(ctx.lang).to_string())
    }

    /// Sorts by severity (errors first; the default), location, message or decision; the
    /// same sort again: document order.
    fn sort(&mut self, ctx: &Ctx, column: &str) -> bool {
        let column = if column.is_empty() {
            "severity"
        } else {
            column
        };
        if self.sorted_by.as_deref() == Some(column) {
            self.sorted_by = None;
            self.refilter(ctx);
            return true;
        }
        let findings = &ctx.findings;
        match column {
            "severity" => self.filtered.sort_by_key(|&i| findings[i].severity),
            "location" => self
                .filtered
                .sort_by(|&a, &b| findings[a].label.cmp(&findings[b].label)),
            "decision" => {
                // What still needs the reviewer first: reopened, open, to fix, then settled.
                let index = Index::new(&ctx.ws);
                let rank = |f: &Finding| match index.state(f) {
                    State::Reopened(_) => 0,
                    State::Open => 1,
                    State::Decided(Decision::ToFix) => 2,
                    State::Decided(Decision::Accepted) => 3,
                    State::Decided(Decision::Rejected) => 4,
                };
                self.filtered.sort_by_key(|&i| rank(&findings[i]));
            }
            "message" => self.filtered.sort_by(|&a, &b| {
                findings[a]
                    .message(ctx.lang)
                    .cmp(findings[b].message(ctx.lang))
            }),
            _ => return false,
        }
        self.sorted_by = Some(column.to_string());
        true
    }

    fn act(&mut self, ctx: &Ctx, action: Action) -> Outcome {
        match action {
            Action::Filter => {
                let next = match self.severity_filter {
                    None => Some(Severity::Error),
                    Some(Severity::Error) => Some(Severity::Warning),
                    Some(Severity::Warning) => Some(Severity::Info),
                    Some(Severity::Info) => None,
                };
                self.set_filter(ctx, next);
                Outcome::Done
            }
            Action::FilterTriage => {
                self.decision_filter = DecisionFilter::next(self.decision_filter);
                self.row = 0;
                self.refilter(ctx);
                Outcome::Done
            }
            Action::FilterOnly(severity) => {
                self.set_filter(ctx, severity);
                Outcome::Done
            }
            Action::Jump => match self.filtered.get(self.row) {
                Some(&i) => Outcome::Goto(ctx.findings[i].pointer.clone()),
                None => Outcome::Info(Msg::FindingsNone),
            },
            _ => Outcome::Ignored,
        }
    }

    fn draw(&self, ctx: &Ctx, buf: &mut Buffer, body: Rect) -> Option<Rect> {
        let counts = crate::review::count_by_severity(&ctx.findings);
        let filter = match self.severity_filter {
            None => ctx.tr(Msg::All).to_string(),
            Some(s) => ctx.severity_label(s).to_string(),
        };
        let mut filter = filter;
        if let Some(d) = self.decision_filter {
            filter = format!("{filter}+{}", d.label(ctx));
        }
        let title = format!(
            "{} {} {}: {} {} {} {} {} {} {}",
            ctx.tr(Msg::TabFindings),
            ctx.theme.sep(),
            ctx.tr(Msg::Filter),
            filter,
            ctx.severity_label(Severity::Error),
            counts[0],
            ctx.severity_label(Severity::Warning),
            counts[1],
            ctx.severity_label(Severity::Info),
            counts[2],
        );
        let b = ctx.block(title);
        let inner = b.inner(body);
        b.render(body, buf);
        let detail_lines = if body.height >= 30 { 4u16 } else { 3 };
        let (table, detail) = split_bottom(inner, detail_lines);
        let mut columns = vec![
            Column::new(ctx.tr(Msg::Severity), Constraint::Length(6), Align::Left),
            Column::new(ctx.tr(Msg::Location), Constraint::Fill(3), Align::Label),
            Column::new(ctx.tr(Msg::Message), Constraint::Fill(6), Align::Left),
        ];
        // The decision column appears once the reviewer has decided something.
        let decided = !ctx.ws.dispositions.is_empty();
        if decided {
            columns.push(Column::new(
                ctx.tr(Msg::DecisionColumn),
                Constraint::Length(8),
                Align::Left,
            ));
        }
        let index = Index::new(&ctx.ws);
        let row = |i: usize| {
            let f = &ctx.findings[self.filtered[i]];
            let style = ctx.severity_style(f.severity);
            let state = index.state(f);
            let decision = match state {
                State::Open => String::new(),
                State::Decided(d) => State::Decided(d).label(ctx.lang),
                State::Reopened(_) => ctx.lang.pick("重开", "reopened").to_string(),
            };
            let mut row = GridRow {
                mark: (severity_mark(f.severity), style),
                cells: vec![
                    GridCell::new(ctx.severity_label(f.severity), style),
                    GridCell::new(location(ctx, f), Style::new()),
                    GridCell::new(f.message(ctx.lang), Style::new()),
                ],
                style: Style::new(),
            };
            if decided {
                let look = if state.is_open() {
                    ctx.theme.warning
                } else {
                    ctx.theme.dim
                };
                row.cells.push(GridCell::new(decision, look));
            }
            row
        };
        Table {
            columns: &columns,
            len: self.filtered.len(),
            row: &row,
            header: true,
            strong: false,
            empty: Msg::FindingsNone,
        }
        .draw(ctx, buf, table, &self.grid, (Some(self.row), None));
        let mut p = Painter {
            buf,
            ellipsis: ctx.theme.ellipsis(),
        };
        if let Some(f) = self.filtered.get(self.row).map(|&i| &ctx.findings[i]) {
            // Both sides with their pages when the finding compares two places.
            let place = ctx.sides(f).unwrap_or_else(|| {
                let mut place = location(ctx, f);
                if let Some(page) = f.page {
                    place = format!("{place} {}", crate::review::page_text(page, ctx.lang));
                }
                place = format!("{place} {}", f.pointer);
                if let (Some(stated), Some(expected)) = (&f.stated, &f.expected) {
                    place.push_str(&format!("  {stated} / {expected}"));
                }
                place
            });
            let message = ctx.finding_text(f);
            let w = detail.width as usize;
            let first = wrap(&message, w).len().min(detail_lines as usize - 1);
            let style = ctx.severity_style(f.severity);
            p.wrapped(detail.x, detail.y, w, first, &[(message, style)]);
            p.wrapped(
                detail.x,
                detail.y + first as u16,
                w,
                detail_lines as usize - first,
                &[(place, ctx.theme.dim)],
            );
        }
        None
    }
}
