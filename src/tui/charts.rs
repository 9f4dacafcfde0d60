//! Bar charts with their values written on them (exact hundredths; labels as written).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Bar, BarChart, Widget};

use super::ctx::Ctx;
use super::paint::Painter;
use super::rows;
use crate::model::Amount;
use crate::text::{visible, width};

/// A horizontal bar chart of amounts in a block titled `title`.
pub fn bars(
    ctx: &Ctx,
    buf: &mut Buffer,
    area: Rect,
    title: String,
    items: &[(String, Option<Amount>)],
) {
    let b = ctx.block(title);
    let inner = b.inner(area);
    b.render(area, buf);
    if inner.height == 0 || items.is_empty() {
        return;
    }
    let label_w = items
        .iter()
        .map(|(l, _)| width(&visible(l)))
        .max()
        .unwrap_or(0)
        .min(inner.width as usize / 2);
    let bar_area = Rect::new(
        inner.x + label_w as u16 + 1,
        inner.y,
        inner.width.saturating_sub(label_w as u16 + 1),
        inner.height,
    );
    let bars: Vec<Bar> = items
        .iter()
        .map(|(_, a)| {
            Bar::default()
                .value(rows::hundredths(rows::value(a)))
                .text_value(visible(&rows::amount_text(a)).into_owned())
                .style(ctx.theme.bar)
                .value_style(ctx.theme.bar.add_modifier(Modifier::REVERSED))
        })
        .collect();
    let gap = u16::from(inner.height as usize >= items.len() * 2);
    BarChart::horizontal(bars)
        .bar_width(1)
        .bar_gap(gap)
        .bar_set(ctx.theme.bar_set())
        .render(bar_area, buf);
    let mut p = Painter {
        buf,
        ellipsis: ctx.theme.ellipsis(),
    };
    for (i, (label, _)) in items.iter().enumerate() {
        let y = inner.y + (i as u16) * (1 + gap);
        if y >= inner.y + inner.height {
            break;
        }
        p.put(inner.x, y, label_w, label, Style::new());
    }
}

/// A vertical chart of the four spending-plan points (percentages) with their values.
pub fn plan(ctx: &Ctx, buf: &mut Buffer, area: Rect, points: &[&Option<Amount>]) {
    let b = ctx.block(ctx.tr(super::i18n::Msg::SpendingPlan).to_string());
    let inner = b.inner(area);
    b.render(area, buf);
    let bars: Vec<Bar> = points
        .iter()
        .enumerate()
        .map(|(i, point)| {
            Bar::default()
                .value(rows::hundredths(rows::value(point)))
                .label(Line::from(rows::plan_label(i, ctx.lang)))
                .text_value(match point {
                    Some(a) => format!("{}%", visible(a.text())),
                    None => "-".to_string(),
                })
                .style(ctx.theme.bar)
                .value_style(ctx.theme.bar.add_modifier(Modifier::REVERSED))
        })
        .collect();
    let bar_w = ((inner.width.saturating_sub(3)) / 4).clamp(3, 8);
    BarChart::vertical(bars)
        .bar_width(bar_w)
        .bar_gap(1)
        .max(10_000)
        .bar_set(ctx.theme.bar_set())
        .render(inner, buf);
}
