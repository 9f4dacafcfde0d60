//! Keys → semantic actions. One table both dispatches keys and generates the help overlay
//! and the hint line of the screens and popups, so those cannot disagree with what the keys
//! do. The line editor's keys are fixed (see `editor::line_key`; its hint lists them).

use crossterm::event::KeyCode;

pub use super::key::Key;

use super::i18n::{Lang, Msg, t};

pub use super::screens::TabId;

/// The popups with keys of their own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Popup {
    /// A yes/no question (quit, delete, replace).
    Confirm,
    /// Unsaved edits from last time: restore, discard, show them.
    Restore,
    /// The file changed on disk: overwrite, save elsewhere, reload.
    Conflict,
    /// The reviewer's decision on a finding: accept, reject, to fix, clear.
    Triage,
    /// The portfolio of a directory's documents (not a tab: keys of its own, then the
    /// moving keys of every screen).
    Portfolio,
}

/// What a key asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Up,
    Down,
    Left,
    Right,
    PageUp,
    PageDown,
    Top,
    Bottom,
    NextTab,
    PrevTab,
    GoTab(TabId),
    Edit,
    Undo,
    Redo,
    Save,
    SaveAs,
    Search,
    SearchNext,
    SearchPrev,
    Help,
    Quit,
    Close,
    AddRow,
    AddItem,
    Delete,
    Filter,
    /// Show only findings of one severity (`None`: all).
    FilterOnly(Option<crate::review::Severity>),
    Jump,
    Focus,
    HalfPageUp,
    HalfPageDown,
    /// The `:` command line.
    Command,
    /// Copy the value under the cursor.
    Copy,
    /// Back to where the last jump started.
    Back,
    /// Fold or unfold the rows under a 类/款 row.
    Fold,
    /// Open the source text where the value under the cursor was printed.
    OpenSource,
    /// Record the reviewer's decision on the finding under the cursor.
    Triage,
    /// Show only findings with one decision (cycles).
    FilterTriage,
    /// Back to the portfolio of the directory.
    Portfolio,
    // triage popup
    Accept,
    Reject,
    ToFix,
    ClearDecision,
    // portfolio
    OpenDocument,
    SortColumn,
    FilterRows,
    // popups
    Yes,
    No,
    Restore,
    Discard,
    ShowChanges,
    Overwrite,
    SaveElsewhere,
    Reload,
}

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    All,
    Only(&'static [TabId]),
    /// Inside a popup, not on a screen.
    Popup(Popup),
}

impl Scope {
    pub fn includes(self, tab: TabId) -> bool {
        match self {
            Scope::All => true,
            Scope::Only(tabs) => tabs.contains(&tab),
            Scope::Popup(_) => false,
        }
    }

    /// True when one key could mean both bindings somewhere.
    fn overlaps(self, other: Scope) -> bool {
        match (self, other) {
            (Scope::Popup(a), Scope::Popup(b)) => a == b,
            (Scope::Popup(_), _) | (_, Scope::Popup(_)) => false,
            (Scope::All, _) | (_, Scope::All) => true,
            (Scope::Only(a), Scope::Only(b)) => a.iter().any(|t| b.contains(t)),
        }
    }
}

/// One row of the keymap table.
#[derive(Debug, Clone)]
pub struct Binding {
    pub action: Action,
    /// The name used in the config file (`"keys": {"undo": "u"}`).
    pub name: &'static str,
    pub keys: Vec<Key>,
    pub scope: Scope,
    pub help: Msg,
    /// Shown on the hint line.
    pub hint: bool,
}

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

/// The keymap: the table of bindings.
#[derive(Debug, Clone)]
pub struct Keymap {
    pub bindings: Vec<Binding>,
}

impl Default for Keymap {
    fn default() -> Self {
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
        bindings.extend(super::season_keys::bindings());
        Keymap { bindings }
    }
}

impl Keymap {
    /// The action `key` asks for on `tab`.
    pub fn action(&self, tab: TabId, key: Key) -> Option<Action> {
        self.bindings
            .iter()
            .find(|b| b.scope.includes(tab) && b.keys.contains(&key))
            .map(|b| b.action)
    }

    /// The bindings that apply on `tab`, in table order (help overlay).
    pub fn for_tab(&self, tab: TabId) -> impl Iterator<Item = &Binding> {
        self.bindings
            .iter()
            .filter(move |b| b.scope.includes(tab) && !b.keys.is_empty())
    }

    /// `(keys, description)` rows for the help overlay of `tab`.
    pub fn help_rows(&self, tab: TabId, lang: Lang) -> Vec<(String, String)> {
        self.for_tab(tab)
            .map(|b| {
                let keys: Vec<String> = b.keys.iter().map(Key::label).collect();
                let help = match b.action {
                    Action::GoTab(_) => format!("{} {}", t(lang, Msg::ActTab), t(lang, b.help)),
                    _ => t(lang, b.help).to_string(),
                };
                (keys.join(" "), help)
            })
            .collect()
    }

    /// `(keys, description)` rows for the help overlay of a view of no tab (the portfolio):
    /// its own keys, then those of every screen.
    /// `shared`: the actions of every screen the view takes.
    pub fn view_help_rows(
        &self,
        popup: Popup,
        shared: &[Action],
        lang: Lang,
    ) -> Vec<(String, String)> {
        self.bindings
            .iter()
            .filter(|b| {
                (b.scope == Scope::Popup(popup)
                    || (b.scope == Scope::All && shared.contains(&b.action)))
                    && !b.keys.is_empty()
            })
            .map(|b| {
                let keys: Vec<String> = b.keys.iter().map(Key::label).collect();
                (keys.join(" "), t(lang, b.help).to_string())
            })
            .collect()
    }

    /// `(key, description)` pairs for the hint line of `tab`.
    pub fn hints(&self, tab: TabId, lang: Lang) -> Vec<(String, &'static str)> {
        self.for_tab(tab)
            .filter(|b| b.hint)
            .map(|b| (b.keys[0].label(), t(lang, b.help)))
            .collect()
    }

    /// The action `key` asks for in `popup`.
    pub fn popup_action(&self, popup: Popup, key: Key) -> Option<Action> {
        self.bindings
            .iter()
            .find(|b| b.scope == Scope::Popup(popup) && b.keys.contains(&key))
            .map(|b| b.action)
    }

    /// The action `key` asks for on a screen of no tab (the portfolio): its own keys first,
    /// then those of every screen.
    pub fn view_action(&self, popup: Popup, key: Key) -> Option<Action> {
        self.popup_action(popup, key).or_else(|| {
            self.bindings
                .iter()
                .find(|b| b.scope == Scope::All && b.keys.contains(&key))
                .map(|b| b.action)
        })
    }

    /// The keys of `popup` as a hint: `y 是  n 否`.
    pub fn popup_hint(&self, popup: Popup, lang: Lang) -> String {
        self.bindings
            .iter()
            .filter(|b| b.scope == Scope::Popup(popup) && !b.keys.is_empty())
            .map(|b| format!("{} {}", b.keys[0].label(), t(lang, b.help)))
            .collect::<Vec<_>>()
            .join("  ")
    }

    /// The first binding other than `except` that `key` already means where `scope` applies.
    fn taken(&self, key: Key, scope: Scope, except: usize) -> Option<&'static str> {
        self.bindings
            .iter()
            .enumerate()
            .find(|(i, b)| *i != except && b.scope.overlaps(scope) && b.keys.contains(&key))
            .map(|(_, b)| b.name)
    }

    /// Applies overrides from the config: `name → "key"` or `name → ["key", …]`.
    /// Returns a description of each entry that could not be used (its default stays).
    pub fn apply_overrides(
        &mut self,
        overrides: &serde_json::Map<String, serde_json::Value>,
    ) -> Vec<String> {
        let mut errors = Vec::new();
        for (name, value) in overrides {
            let Some(index) = self.bindings.iter().position(|b| b.name == name) else {
                errors.push(format!("keys.{name}: unknown action"));
                continue;
            };
            let texts: Vec<&str> = match value {
                serde_json::Value::String(s) => vec![s.as_str()],
                serde_json::Value::Array(items) => {
                    let strs: Vec<&str> = items.iter().filter_map(|v| v.as_str()).collect();
                    if strs.len() != items.len() {
                        errors.push(format!("keys.{name}: expected key names"));
                        continue;
                    }
                    strs
                }
                _ => {
                    errors.push(format!("keys.{name}: expected a key or a list of keys"));
                    continue;
                }
            };
            let keys: Option<Vec<Key>> = texts.iter().map(|s| Key::parse(s)).collect();
            let Some(keys) = keys.filter(|k| !k.is_empty()) else {
                errors.push(format!("keys.{name}: cannot read {value}"));
                continue;
            };
            let scope = self.bindings[index].scope;
            // A key bound twice would make one of the two actions unreachable.
            if let Some((key, other)) = keys
                .iter()
                .find_map(|k| self.taken(*k, scope, index).map(|o| (k, o)))
            {
                errors.push(format!(
                    "keys.{name}: {} is already bound to {other}",
                    key.label()
                ));
                continue;
            }
            self.bindings[index].keys = keys;
        }
        errors
    }
}
