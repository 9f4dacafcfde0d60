//! Bar charts whose every bar carries its label and its value as written, so a chart still
//! says the numbers at 80 columns. Lengths are exact decimals scaled to whole cells.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::Widget;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use super::ctx::Ctx;
use super::i18n::Msg;
use super::paint::Painter;
use super::rows;
use crate::model::Amount;
use crate::text::{visible, width};

/// One bar: its label, its length (a value against the chart's maximum) and what it says.
struct BarLine {
    label: String,
    value: Option<Decimal>,
    text: String,
}

/// Horizontal bars in a block titled `title`: `label  value  ███`, one line each (a blank
/// line between bars when there is room). `max` is the value of a full bar.
fn draw(ctx: &Ctx, buf: &mut Buffer, area: Rect, title: String, bars: &[BarLine], max: Decimal) {
    let b = ctx.block(title);
    let inner = b.inner(area);
    b.render(area, buf);
    if inner.height == 0 || inner.width < 4 || bars.is_empty() {
        return;
    }
    let label_w = bars
        .iter()
        .map(|b| width(&visible(&b.label)))
        .max()
        .unwrap_or(0)
        .min(inner.width as usize / 3);
    let text_w = bars
        .iter()
        .map(|b| width(&visible(&b.text)))
        .max()
        .unwrap_or(0);
    let bar_w = (inner.width as usize).saturating_sub(label_w + text_w + 2);
    let gap = u16::from(inner.height as usize >= bars.len() * 2);
    let full = ctx.theme.bar_set().full;
    let mut p = Painter {
        buf,
        ellipsis: ctx.theme.ellipsis(),
    };
    for (i, bar) in bars.iter().enumerate() {
        let y = inner.y + (i as u16) * (1 + gap);
        if y >= inner.y + inner.height {
            break;
        }
        p.put(inner.x, y, label_w, &bar.label, Style::new());
        let tx = inner.x + label_w as u16 + 1;
        p.put_right(tx, y, text_w, &bar.text, Style::new());
        let cells = match (bar.value, max.is_zero()) {
            (Some(v), false) if v.is_sign_positive() => v
                .checked_div(max)
                .and_then(|part| part.checked_mul(Decimal::from(bar_w)))
                .and_then(|cells| cells.round().to_usize())
                .unwrap_or(0)
                .min(bar_w),
            _ => 0,
        };
        let x = tx + text_w as u16 + 1;
        p.put(x, y, cells, &full.repeat(cells), ctx.theme.bar);
    }
}

/// Amounts as bars against the largest, each with its value and its share of their sum.
pub fn amounts(
    ctx: &Ctx,
    buf: &mut Buffer,
    area: Rect,
    title: String,
    items: &[(String, Option<Amount>)],
) {
    let values: Vec<Option<Decimal>> = items.iter().map(|(_, a)| rows::value(a)).collect();
    // Too large to add: no shares rather than a panic.
    let sum =
        crate::model::amount::checked_sum(values.iter().flatten().copied()).unwrap_or_default();
    let max = values.iter().flatten().copied().max().unwrap_or_default();
    let bars: Vec<BarLine> = items
        .iter()
        .zip(&values)
        .map(|((label, amount), value)| {
            let share = match value {
                Some(v) if !sum.is_zero() => v
                    .checked_div(sum)
                    .and_then(|share| share.checked_mul(Decimal::ONE_HUNDRED))
                    .map(|pct| format!(" {}%", pct.round_dp(1).normalize()))
                    .unwrap_or_default(),
                _ => String::new(),
            };
            BarLine {
                label: label.clone(),
                value: *value,
                text: format!("{}{share}", rows::amount_text(amount)),
            }
        })
        .collect();
    draw(ctx, buf, area, title, &bars, max);
}

/// The four spending-plan points (cumulative percentages) as bars against 100%.
pub fn plan(ctx: &Ctx, buf: &mut Buffer, area: Rect, points: &[&Option<Amount>]) {
    let bars: Vec<BarLine> = points
        .iter()
        .enumerate()
        .map(|(i, point)| BarLine {
            label: rows::plan_label(i, ctx.lang).to_string(),
            value: rows::value(point),
            text: match point {
                Some(a) => format!("{}%", a.text()),
                None => "-".to_string(),
            },
        })
        .collect();
    let title = ctx.tr(Msg::SpendingPlan).to_string();
    draw(ctx, buf, area, title, &bars, Decimal::from(100));
}
