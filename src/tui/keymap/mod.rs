//! Keys → semantic actions. One table both dispatches keys and generates the help overlay
//! and the hint line of the screens and popups, so those cannot disagree with what the keys
//! do. The line editor's keys are fixed (see `editor::line_key`; its hint lists them).

mod defaults;

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

/// The keymap: the table of bindings.
#[derive(Debug, Clone)]
pub struct Keymap {
    pub bindings: Vec<Binding>,
}

impl Default for Keymap {
    fn default() -> Self {
        Keymap {
            bindings: defaults::bindings(),
        }
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
