//! The keys of a season's popups, in the one keymap table (see `keymap`).

use crossterm::event::KeyCode;

use super::i18n::Msg;
use super::keymap::{Action, Binding, Key, Popup, Scope};

/// The keys of a season's popups: a decision on a finding, and the portfolio (`p`, `m` and
/// `t` are with the screens' keys above). All are on the hint line.
pub fn bindings() -> Vec<Binding> {
    use Action::*;
    use KeyCode as K;
    let p = Key::plain;
    let c = Key::ch;
    let table: [(Action, &'static str, Vec<Key>, Popup, Msg); 8] = [
        (
            Accept,
            "accept",
            vec![c('a')],
            Popup::Triage,
            Msg::ActAccept,
        ),
        (
            Reject,
            "reject",
            vec![c('r')],
            Popup::Triage,
            Msg::ActReject,
        ),
        (ToFix, "to_fix", vec![c('f')], Popup::Triage, Msg::ActToFix),
        (
            ClearDecision,
            "clear_decision",
            vec![c('c')],
            Popup::Triage,
            Msg::ActClearDecision,
        ),
        (
            No,
            "triage_cancel",
            vec![p(K::Esc), c('q')],
            Popup::Triage,
            Msg::ActCancel,
        ),
        (
            OpenDocument,
            "open_document",
            vec![p(K::Enter)],
            Popup::Portfolio,
            Msg::ActOpenDocument,
        ),
        (
            SortColumn,
            "sort_column",
            vec![c('s')],
            Popup::Portfolio,
            Msg::ActSortColumn,
        ),
        (
            FilterRows,
            "filter_rows",
            vec![c('/')],
            Popup::Portfolio,
            Msg::ActFilterRows,
        ),
    ];
    table
        .into_iter()
        .map(|(action, name, keys, popup, help)| Binding {
            action,
            name,
            keys,
            scope: Scope::Popup(popup),
            help,
            hint: true,
        })
        .collect()
}
