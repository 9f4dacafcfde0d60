//! 概览: the profile, revenue, expenditure, running costs, procurement and assets, with the
//! expenditure composition and the findings by severity beside them.

use crate::model::Place;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::Widget;

use super::Screen;
use super::figures::figure_methods;
use super::figures::{self, FigureRows};
use crate::review::Severity;
use crate::tui::charts;
use crate::tui::ctx::Ctx;
use crate::tui::grid::Align;
use crate::tui::i18n::Msg;
use crate::tui::paint::{Painter, split_bottom, split_right};
use crate::tui::rows;

#[derive(Default)]
pub struct Summary {
    pub figures: FigureRows,
}

impl Screen for Summary {
    fn rebuild(&mut self, ctx: &Ctx) {
        self.figures.rows = rows::summary_rows(&ctx.ws, ctx.lang, ctx.unit());
        self.figures.clamp();
    }

    figure_methods!(figures);

    fn goto(&mut self, _ctx: &Ctx, place: &Place) -> bool {
        self.figures.goto(place)
    }

    fn draw(&self, ctx: &Ctx, buf: &mut Buffer, body: Rect) -> Option<Rect> {
        let side = if body.width >= 110 { 40 } else { 30 };
        let (left, right) = split_right(body, side);
        let columns = figures::columns(
            "",
            &[
                (String::new(), Align::Figure),
                (String::new(), Align::Figure),
                (String::new(), Align::Left),
            ],
        );
        let cell = self
            .figures
            .draw_panel(ctx, buf, left, Msg::TabSummary, &columns, false);

        let chart_h = 8.min(right.height);
        let (chart, rest) = split_bottom(right, right.height - chart_h);
        let e = &ctx.ws.overview.expenditure;
        let bars = [
            (Msg::Personnel, &e.personnel),
            (Msg::PublicAdmin, &e.public_admin),
            (Msg::ProjectSpending, &e.projects),
        ];
        charts::amounts(
            ctx,
            buf,
            chart,
            format!("{} ({})", ctx.tr(Msg::Composition), ctx.unit()),
            &bars.map(|(m, a)| (ctx.tr(m).to_string(), a.clone())),
        );
        let b = ctx.block(ctx.tr(Msg::FindingsBySeverity).to_string());
        let inner = b.inner(rest);
        b.render(rest, buf);
        let counts = crate::review::count_by_severity(&ctx.findings);
        let mut p = Painter {
            buf,
            ellipsis: ctx.theme.ellipsis(),
        };
        for (i, severity) in Severity::ALL.iter().enumerate() {
            if i as u16 >= inner.height {
                break;
            }
            let y = inner.y + i as u16;
            let label = format!(
                "{} {}",
                crate::tui::ctx::severity_mark(*severity),
                ctx.severity_label(*severity)
            );
            p.put(inner.x + 1, y, 10, &label, ctx.severity_style(*severity));
            p.put_right(inner.x + 11, y, 6, &counts[i].to_string(), Style::new());
        }
        cell
    }
}
