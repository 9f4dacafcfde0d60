//! 三公经费: the items with their parts and the total, a chart, and the cross-check with
//! 机关运行经费.

use crate::model::Place;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::Widget;

use super::Screen;
use super::figures::figure_methods;
use super::figures::{self, FigureRows};
use crate::model::LineItem;
use crate::review::{self, Severity};
use crate::tui::charts;
use crate::tui::ctx::Ctx;
use crate::tui::grid::Align;
use crate::tui::i18n::Msg;
use crate::tui::paint::{Painter, split_bottom, split_right};
use crate::tui::rows;

#[derive(Default)]
pub struct ThreePublic {
    pub figures: FigureRows,
}

impl Screen for ThreePublic {
    fn rebuild(&mut self, ctx: &Ctx) {
        self.figures.rows = rows::three_public_rows(&ctx.ws, ctx.lang);
        self.figures.clamp();
    }

    figure_methods!(figures);

    fn goto(&mut self, _ctx: &Ctx, place: &Place) -> bool {
        place.is_within(&Place::at(&["three_public"])) && self.figures.goto(place)
    }

    fn draw(&self, ctx: &Ctx, buf: &mut Buffer, body: Rect) -> Option<Rect> {
        let side = if body.width >= 110 { 44 } else { 30 };
        let (left, right) = split_right(body, side);
        let heads = rows::figure_heads(ctx.lang, ctx.unit());
        let columns = figures::columns(
            ctx.tr(Msg::Name),
            &[
                (heads[0].clone(), Align::Figure),
                (heads[1].clone(), Align::Figure),
                (ctx.tr(Msg::Change).to_string(), Align::Figure),
                (ctx.tr(Msg::Message).to_string(), Align::Left),
            ],
        );
        let cell = self
            .figures
            .draw_panel(ctx, buf, left, Msg::ThreePublicItems, &columns, true);

        let tp = &ctx.ws.three_public;
        let chart_h = (tp.items.len() as u16 * 2 + 2).clamp(5, right.height / 2);
        let (chart, rest) = split_bottom(right, right.height - chart_h);
        let items: Vec<_> = tp
            .items
            .iter()
            .map(|i| (i.name.clone(), i.amount.clone()))
            .collect();
        charts::amounts(
            ctx,
            buf,
            chart,
            format!("{} ({})", ctx.tr(Msg::ThreePublicItems), ctx.unit()),
            &items,
        );
        let b = ctx.block(ctx.tr(Msg::CrossCheck).to_string());
        let inner = b.inner(rest);
        b.render(rest, buf);
        let mut p = Painter {
            buf,
            ellipsis: ctx.theme.ellipsis(),
        };
        let w = inner.width as usize;
        let mut y = inner.y;
        for row in cross_check(ctx) {
            if y + 3 > inner.y + inner.height {
                break;
            }
            p.put(inner.x, y, w, row.name, ctx.theme.heading);
            let half = w / 2;
            let or_dash = |s: &str| {
                if s.is_empty() {
                    "-".to_string()
                } else {
                    s.to_string()
                }
            };
            p.put(
                inner.x,
                y + 1,
                half,
                &format!(
                    " {} {}",
                    ctx.tr(Msg::InThreePublic),
                    or_dash(&row.three_public)
                ),
                Style::new(),
            );
            p.put(
                inner.x + half as u16,
                y + 1,
                w - half,
                &format!("{} {}", ctx.tr(Msg::InRunningCosts), or_dash(&row.running)),
                Style::new(),
            );
            let (verdict, style) = match row.verdict {
                Verdict::Agrees => (ctx.tr(Msg::Agrees), ctx.theme.good),
                Verdict::Differs(severity) => (ctx.tr(Msg::Differs), ctx.severity_style(severity)),
                Verdict::Missing => (ctx.tr(Msg::Missing), ctx.theme.warning),
            };
            p.put(inner.x, y + 2, w, &format!(" = {verdict}"), style);
            y += 3;
        }
        cell
    }
}

/// What the review says about one pair of the cross-check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Agrees,
    /// `cross.mismatch` reported it, with this severity.
    Differs(Severity),
    /// One side is missing or not a number: nothing compared.
    Missing,
}

/// One line of the 三公 / 机关运行经费 cross-check panel.
pub struct CrossRow {
    pub name: &'static str,
    pub three_public: String,
    pub running: String,
    pub verdict: Verdict,
}

/// The items the review's `cross.mismatch` rule compares ([`review::cross::shared_pairs`]),
/// with its verdict read from the findings: the panel never judges on its own.
pub fn cross_check(ctx: &Ctx) -> Vec<CrossRow> {
    review::cross::shared_pairs(&ctx.ws)
        .into_iter()
        .map(|pair| {
            let amount = |side: &Option<(&LineItem, Place)>| {
                side.as_ref().and_then(|(item, _)| item.amount.clone())
            };
            let (a, b) = (amount(&pair.three_public), amount(&pair.running));
            let finding = pair.place().and_then(|place| {
                ctx.findings_under(&place)
                    .find(|f| f.rule == "cross.mismatch")
                    .map(|f| f.severity)
            });
            let verdict = match finding {
                Some(severity) => Verdict::Differs(severity),
                None if rows::value(&a).is_some() && rows::value(&b).is_some() => Verdict::Agrees,
                None => Verdict::Missing,
            };
            CrossRow {
                name: ctx.lang.pick(pair.kind.name_zh(), pair.kind.name_en()),
                three_public: rows::amount_text(&a),
                running: rows::amount_text(&b),
                verdict,
            }
        })
        .collect()
}
