//! The default bindings: the table the keymap starts from before the config's overrides.

use crossterm::event::KeyCode;

use super::{Action, Binding, Key, Popup, Scope, TabId};
use crate::tui::i18n::Msg;

const EDITABLE: &[TabId] = &[
    TabId::Summary,
    TabId::ThreePublic,
    TabId::Projects,
    TabId::Activities,
    TabId::Goals,
];
const ROWS: &[TabId] = &[TabId::Projects, TabId::Activities];
const FINDINGS: &[TabId] = &[TabId::Findings];
const JUMPS: &[TabId] = &[TabId::Findings, TabId::Tables];
const FOCUS: &[TabId] = &[TabId::Projects, TabId::Tables];
const TABLES: &[TabId] = &[TabId::Tables];

/// Config names of the screens' number keys, in tab order.
const TAB_NAMES: [&str; 9] = [
    "tab1", "tab2", "tab3", "tab4", "tab5", "tab6", "tab7", "tab8", "tab9",
];

/// Every default binding, in help order.
pub(super) fn bindings() -> Vec<Binding> {
    use Action::*;
    use KeyCode as K;
    let p = Key::plain;
    let c = Key::ch;
    let b = |action, name, keys: Vec<Key>, scope, help, hint| Binding {
        action,
        name,
        keys,
        scope,
        help,
        hint,
    };
    let all = Scope::All;
    let screen_keys = TabId::ALL.iter().enumerate().map(|(i, &tab)| {
        let digit = char::from_digit(i as u32 + 1, 10).unwrap_or('0');
        b(
            GoTab(tab),
            TAB_NAMES.get(i).copied().unwrap_or("tab"),
            vec![c(digit)],
            all,
            tab.msg(),
            false,
        )
    });
    let mut bindings = vec![
        b(Help, "help", vec![c('?')], all, Msg::ActHelp, true),
        b(Up, "up", vec![p(K::Up), c('k')], all, Msg::ActUp, false),
        b(
            Down,
            "down",
            vec![p(K::Down), c('j')],
            all,
            Msg::ActDown,
            false,
        ),
        b(
            Left,
            "left",
            vec![p(K::Left), c('h')],
            all,
            Msg::ActLeft,
            false,
        ),
        b(
            Right,
            "right",
            vec![p(K::Right), c('l')],
            all,
            Msg::ActRight,
            false,
        ),
        b(
            PageUp,
            "page_up",
            vec![p(K::PageUp), Key::ctrl('b')],
            all,
            Msg::ActPageUp,
            false,
        ),
        b(
            PageDown,
            "page_down",
            vec![p(K::PageDown), Key::ctrl('f')],
            all,
            Msg::ActPageDown,
            false,
        ),
        b(
            Top,
            "top",
            vec![c('g'), p(K::Home)],
            all,
            Msg::ActTop,
            false,
        ),
        b(
            Bottom,
            "bottom",
            vec![c('G'), p(K::End)],
            all,
            Msg::ActBottom,
            false,
        ),
        b(
            NextTab,
            "next_tab",
            vec![p(K::Tab)],
            all,
            Msg::ActNextTab,
            false,
        ),
        b(
            PrevTab,
            "prev_tab",
            vec![p(K::BackTab)],
            all,
            Msg::ActPrevTab,
            false,
        ),
    ];
    bindings.extend(screen_keys);
    bindings.extend([
        b(
            Jump,
            "jump",
            vec![p(K::Enter)],
            Scope::Only(JUMPS),
            Msg::ActJump,
            true,
        ),
        b(
            Filter,
            "filter",
            vec![c('s')],
            Scope::Only(FINDINGS),
            Msg::ActFilter,
            true,
        ),
        b(
            FilterOnly(Some(crate::review::Severity::Error)),
            "filter_errors",
            vec![c('E')],
            Scope::Only(FINDINGS),
            Msg::ActFilterErrors,
            false,
        ),
        b(
            FilterOnly(Some(crate::review::Severity::Warning)),
            "filter_warnings",
            vec![c('W')],
            Scope::Only(FINDINGS),
            Msg::ActFilterWarnings,
            false,
        ),
        b(
            FilterOnly(Some(crate::review::Severity::Info)),
            "filter_info",
            vec![c('I')],
            Scope::Only(FINDINGS),
            Msg::ActFilterInfo,
            false,
        ),
        b(
            FilterOnly(None),
            "filter_all",
            vec![c('0')],
            Scope::Only(FINDINGS),
            Msg::ActFilterAll,
            false,
        ),
        b(
            FilterTriage,
            "filter_decision",
            vec![c('t')],
            Scope::Only(FINDINGS),
            Msg::ActFilterTriage,
            // In the help: the hint line would lose `q` at 80 columns.
            false,
        ),
        b(
            Edit,
            "edit",
            vec![p(K::Enter), c('e')],
            Scope::Only(EDITABLE),
            Msg::ActEdit,
            true,
        ),
        b(
            Focus,
            "focus",
            vec![c('w')],
            Scope::Only(FOCUS),
            Msg::ActFocus,
            true,
        ),
        b(
            Fold,
            "fold",
            vec![c('z'), p(K::Char(' '))],
            Scope::Only(TABLES),
            Msg::ActFold,
            true,
        ),
        b(
            AddRow,
            "add_row",
            vec![c('a')],
            Scope::Only(ROWS),
            Msg::ActAddRow,
            true,
        ),
        b(
            AddItem,
            "add_item",
            vec![c('A')],
            Scope::Only(ROWS),
            Msg::ActAddItem,
            true,
        ),
        b(
            Delete,
            "delete",
            vec![c('d'), p(K::Delete)],
            Scope::Only(ROWS),
            Msg::ActDelete,
            true,
        ),
        b(Undo, "undo", vec![c('u')], all, Msg::ActUndo, true),
        b(Redo, "redo", vec![Key::ctrl('r')], all, Msg::ActRedo, false),
        b(Save, "save", vec![Key::ctrl('s')], all, Msg::ActSave, true),
        b(SaveAs, "save_as", vec![c('S')], all, Msg::ActSaveAs, false),
        b(Search, "search", vec![c('/')], all, Msg::ActSearch, true),
        b(
            SearchNext,
            "search_next",
            vec![c('n')],
            all,
            Msg::ActSearchNext,
            false,
        ),
        b(
            SearchPrev,
            "search_prev",
            vec![c('N')],
            all,
            Msg::ActSearchPrev,
            false,
        ),
        b(
            HalfPageDown,
            "half_page_down",
            vec![Key::ctrl('d')],
            all,
            Msg::ActHalfDown,
            false,
        ),
        b(
            HalfPageUp,
            "half_page_up",
            vec![Key::ctrl('u')],
            all,
            Msg::ActHalfUp,
            false,
        ),
        b(
            Command,
            "command",
            vec![c(':')],
            all,
            Msg::ActCommand,
            false,
        ),
        b(Copy, "copy", vec![c('y')], all, Msg::ActCopy, false),
        b(
            OpenSource,
            "open_source",
            vec![c('o')],
            all,
            Msg::ActOpenSource,
            // In the help, not the hint: every screen's hint would lose `q` at 80 columns.
            false,
        ),
        b(Triage, "triage", vec![c('m')], all, Msg::ActTriage, false),
        b(
            Portfolio,
            "portfolio",
            vec![c('p')],
            all,
            Msg::ActPortfolio,
            false,
        ),
        b(
            Back,
            "back",
            vec![Key::ctrl('o'), p(K::Backspace)],
            all,
            Msg::ActBack,
            false,
        ),
        b(Close, "close", vec![p(K::Esc)], all, Msg::ActClose, false),
        b(
            Quit,
            "quit",
            vec![c('q'), Key::ctrl('c')],
            all,
            Msg::ActQuit,
            true,
        ),
        b(
            Yes,
            "yes",
            vec![c('y'), c('Y')],
            Scope::Popup(Popup::Confirm),
            Msg::ActYes,
            true,
        ),
        b(
            No,
            "no",
            vec![c('n'), c('N'), p(K::Esc), c('q')],
            Scope::Popup(Popup::Confirm),
            Msg::ActNo,
            true,
        ),
        b(
            Restore,
            "restore",
            vec![c('r'), c('R')],
            Scope::Popup(Popup::Restore),
            Msg::ActRestore,
            true,
        ),
        b(
            Discard,
            "discard",
            vec![c('d'), c('D')],
            Scope::Popup(Popup::Restore),
            Msg::ActDiscard,
            true,
        ),
        b(
            ShowChanges,
            "show_changes",
            vec![c('v'), c('V')],
            Scope::Popup(Popup::Restore),
            Msg::ActShowChanges,
            true,
        ),
        b(
            Overwrite,
            "overwrite",
            vec![c('o'), c('O')],
            Scope::Popup(Popup::Conflict),
            Msg::ActOverwrite,
            true,
        ),
        b(
            SaveElsewhere,
            "save_elsewhere",
            vec![c('S'), c('s')],
            Scope::Popup(Popup::Conflict),
            Msg::ActSaveElsewhere,
            true,
        ),
        b(
            Reload,
            "reload",
            vec![c('r'), c('R')],
            Scope::Popup(Popup::Conflict),
            Msg::ActReload,
            true,
        ),
        b(
            No,
            "cancel",
            vec![p(K::Esc), c('q')],
            Scope::Popup(Popup::Conflict),
            Msg::ActCancel,
            true,
        ),
    ]);
    bindings.extend(crate::tui::season_keys::bindings());
    bindings
}
