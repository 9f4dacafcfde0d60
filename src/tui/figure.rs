//! The figures (amounts) a JSON pointer names: the places the figure screens edit.

use crate::model::{Amount, LineItem, Place, Workspace};

/// The figure a JSON pointer names, if it is one the workbench edits: revenue, expenditure,
/// running costs and 三公 (totals, prior years, items and their parts), procurement rows,
/// asset rows.
pub fn figure_mut<'a>(ws: &'a mut Workspace, place: &Place) -> Option<&'a mut Option<Amount>> {
    let segments = place.parts();
    let index = |s: &str| s.parse::<usize>().ok();
    match segments.as_slice() {
        ["overview", "revenue", "total"] => Some(&mut ws.overview.revenue.total),
        ["overview", "revenue", "prior_year"] => Some(&mut ws.overview.revenue.prior_year),
        ["overview", "revenue", "sources", i, rest @ ..] => {
            figure_item_mut(ws.overview.revenue.sources.get_mut(index(i)?)?, rest)
        }
        ["overview", "expenditure", field] => {
            let e = &mut ws.overview.expenditure;
            match *field {
                "personnel" => Some(&mut e.personnel),
                "public_admin" => Some(&mut e.public_admin),
                "basic" => Some(&mut e.basic),
                "projects" => Some(&mut e.projects),
                "total" => Some(&mut e.total),
                "prior_year" => Some(&mut e.prior_year),
                _ => None,
            }
        }
        ["running_costs", "total"] => Some(&mut ws.running_costs.total),
        ["running_costs", "prior_year"] => Some(&mut ws.running_costs.prior_year),
        ["running_costs", "items", i, rest @ ..] => {
            figure_item_mut(ws.running_costs.items.get_mut(index(i)?)?, rest)
        }
        ["three_public", "total"] => Some(&mut ws.three_public.total),
        ["three_public", "prior_year"] => Some(&mut ws.three_public.prior_year),
        ["three_public", "items", i, rest @ ..] => {
            figure_item_mut(ws.three_public.items.get_mut(index(i)?)?, rest)
        }
        ["procurement", "rows", i, rest @ ..] => {
            let row = ws.procurement.rows.get_mut(index(i)?)?;
            match rest {
                ["quantity"] => Some(&mut row.quantity),
                ["unit_price"] => Some(&mut row.unit_price),
                ["amounts", "total"] => Some(&mut row.amounts.total),
                _ => None,
            }
        }
        ["procurement", "stated_total", "total"] => {
            ws.procurement.stated_total.as_mut().map(|t| &mut t.total)
        }
        ["assets", "total", "quantity"] => Some(&mut ws.assets.total.quantity),
        ["assets", "total", "value"] => Some(&mut ws.assets.total.value),
        ["assets", "categories", i, rest @ ..] => {
            let mut row = ws.assets.categories.get_mut(index(i)?)?;
            let mut rest = rest;
            if let ["of_which", j, more @ ..] = rest {
                row = row.of_which.get_mut(index(j)?)?;
                rest = more;
            }
            match rest {
                ["quantity"] => Some(&mut row.quantity),
                ["value"] => Some(&mut row.value),
                _ => None,
            }
        }
        ["performance", "itemised_goals", "items", i, rest @ ..] => {
            let goal = ws.performance.itemised_goals.items.get_mut(index(i)?)?;
            match rest {
                ["stated_total"] => Some(&mut goal.stated_total),
                ["computations", c, field] => {
                    let comp = goal.computations.get_mut(index(c)?)?;
                    match *field {
                        "quantity" => Some(&mut comp.quantity),
                        "unit_price" => Some(&mut comp.unit_price),
                        "amount" => Some(&mut comp.amount),
                        _ => None,
                    }
                }
                _ => None,
            }
        }
        _ => None,
    }
}

fn figure_item_mut<'a>(item: &'a mut LineItem, rest: &[&str]) -> Option<&'a mut Option<Amount>> {
    match rest {
        ["amount"] => Some(&mut item.amount),
        ["prior_year"] => Some(&mut item.prior_year),
        ["children", j, more @ ..] => {
            let child = item.children.get_mut(j.parse::<usize>().ok()?)?;
            figure_item_mut(child, more)
        }
        _ => None,
    }
}

/// The figure a JSON pointer names (see [`figure_mut`]).
pub fn figure<'a>(ws: &'a Workspace, place: &Place) -> Option<&'a Option<Amount>> {
    let segments = place.parts();
    let index = |s: &str| s.parse::<usize>().ok();
    match segments.as_slice() {
        ["overview", "revenue", "total"] => Some(&ws.overview.revenue.total),
        ["overview", "revenue", "prior_year"] => Some(&ws.overview.revenue.prior_year),
        ["overview", "revenue", "sources", i, rest @ ..] => {
            figure_item(ws.overview.revenue.sources.get(index(i)?)?, rest)
        }
        ["overview", "expenditure", field] => {
            let e = &ws.overview.expenditure;
            match *field {
                "personnel" => Some(&e.personnel),
                "public_admin" => Some(&e.public_admin),
                "basic" => Some(&e.basic),
                "projects" => Some(&e.projects),
                "total" => Some(&e.total),
                "prior_year" => Some(&e.prior_year),
                _ => None,
            }
        }
        ["running_costs", "total"] => Some(&ws.running_costs.total),
        ["running_costs", "prior_year"] => Some(&ws.running_costs.prior_year),
        ["running_costs", "items", i, rest @ ..] => {
            figure_item(ws.running_costs.items.get(index(i)?)?, rest)
        }
        ["three_public", "total"] => Some(&ws.three_public.total),
        ["three_public", "prior_year"] => Some(&ws.three_public.prior_year),
        ["three_public", "items", i, rest @ ..] => {
            figure_item(ws.three_public.items.get(index(i)?)?, rest)
        }
        ["procurement", "rows", i, rest @ ..] => {
            let row = ws.procurement.rows.get(index(i)?)?;
            match rest {
                ["quantity"] => Some(&row.quantity),
                ["unit_price"] => Some(&row.unit_price),
                ["amounts", "total"] => Some(&row.amounts.total),
                _ => None,
            }
        }
        ["procurement", "stated_total", "total"] => {
            ws.procurement.stated_total.as_ref().map(|t| &t.total)
        }
        ["assets", "total", "quantity"] => Some(&ws.assets.total.quantity),
        ["assets", "total", "value"] => Some(&ws.assets.total.value),
        ["assets", "categories", i, rest @ ..] => {
            let mut row = ws.assets.categories.get(index(i)?)?;
            let mut rest = rest;
            if let ["of_which", j, more @ ..] = rest {
                row = row.of_which.get(index(j)?)?;
                rest = more;
            }
            match rest {
                ["quantity"] => Some(&row.quantity),
                ["value"] => Some(&row.value),
                _ => None,
            }
        }
        _ => None,
    }
}

fn figure_item<'a>(item: &'a LineItem, rest: &[&str]) -> Option<&'a Option<Amount>> {
    match rest {
        ["amount"] => Some(&item.amount),
        ["prior_year"] => Some(&item.prior_year),
        ["children", j, more @ ..] => {
            let child = item.children.get(j.parse::<usize>().ok()?)?;
            figure_item(child, more)
        }
        _ => None,
    }
}
