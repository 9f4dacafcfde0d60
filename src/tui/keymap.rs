//! Keys → semantic actions. One table both dispatches keys and generates the help overlay
//! and the hint line, so help can never disagree with what the keys do.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::i18n::{Lang, Msg, t};

/// The screens (tabs) of the workbench.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TabId {
    Summary,
    ThreePublic,
    Projects,
    Activities,
    Findings,
}

impl TabId {
    pub const ALL: [TabId; 5] = [
        TabId::Summary,
        TabId::ThreePublic,
        TabId::Projects,
        TabId::Activities,
        TabId::Findings,
    ];

    pub fn index(self) -> usize {
        TabId::ALL.iter().position(|t| *t == self).unwrap_or(0)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        t(
            lang,
            match self {
                TabId::Summary => Msg::TabSummary,
                TabId::ThreePublic => Msg::TabThreePublic,
                TabId::Projects => Msg::TabProjects,
                TabId::Activities => Msg::TabActivities,
                TabId::Findings => Msg::TabFindings,
            },
        )
    }
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
}

/// A key with its modifiers (Shift is part of the character for printable keys).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
    pub alt: bool,
}

impl Key {
    pub const fn plain(code: KeyCode) -> Key {
        Key {
            code,
            ctrl: false,
            alt: false,
        }
    }

    pub const fn ch(c: char) -> Key {
        Key::plain(KeyCode::Char(c))
    }

    pub const fn ctrl(c: char) -> Key {
        Key {
            code: KeyCode::Char(c),
            ctrl: true,
            alt: false,
        }
    }

    pub fn from_event(event: &KeyEvent) -> Key {
        let mut code = event.code;
        if let KeyCode::Char(c) = code
            && event.modifiers.contains(KeyModifiers::CONTROL)
        {
            code = KeyCode::Char(c.to_ascii_lowercase());
        }
        Key {
            code,
            ctrl: event.modifiers.contains(KeyModifiers::CONTROL),
            alt: event.modifiers.contains(KeyModifiers::ALT),
        }
    }

    /// Reads `ctrl-r`, `C-r`, `^r`, `alt-x`, `enter`, `esc`, `tab`, `backtab`, `up`, `pgdn`,
    /// `home`, `f1`, `space`, or a single character.
    pub fn parse(text: &str) -> Option<Key> {
        let text = text.trim();
        if text.chars().count() == 1 {
            return text.chars().next().map(Key::ch);
        }
        let lower = text.to_ascii_lowercase();
        for prefix in ["ctrl-", "ctrl+", "c-", "^"] {
            if let Some(rest) = lower.strip_prefix(prefix) {
                let mut key = Key::parse(rest)?;
                key.ctrl = true;
                return Some(key);
            }
        }
        for prefix in ["alt-", "alt+", "m-"] {
            if let Some(rest) = lower.strip_prefix(prefix) {
                let mut key = Key::parse(rest)?;
                key.alt = true;
                return Some(key);
            }
        }
        let code = match lower.as_str() {
            "enter" | "return" => KeyCode::Enter,
            "esc" | "escape" => KeyCode::Esc,
            "tab" => KeyCode::Tab,
            "backtab" | "shift-tab" | "s-tab" => KeyCode::BackTab,
            "up" => KeyCode::Up,
            "down" => KeyCode::Down,
            "left" => KeyCode::Left,
            "right" => KeyCode::Right,
            "pgup" | "pageup" => KeyCode::PageUp,
            "pgdn" | "pagedown" => KeyCode::PageDown,
            "home" => KeyCode::Home,
            "end" => KeyCode::End,
            "space" => KeyCode::Char(' '),
            "delete" | "del" => KeyCode::Delete,
            "backspace" => KeyCode::Backspace,
            "insert" | "ins" => KeyCode::Insert,
            f if f.starts_with('f') => KeyCode::F(f[1..].parse().ok().filter(|n| *n >= 1)?),
            _ => return None,
        };
        Some(Key::plain(code))
    }

    /// How the key is shown in help and hints (plain ASCII).
    pub fn label(&self) -> String {
        let base = match self.code {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "S-Tab".into(),
            KeyCode::Up => "Up".into(),
            KeyCode::Down => "Down".into(),
            KeyCode::Left => "Left".into(),
            KeyCode::Right => "Right".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::Delete => "Del".into(),
            KeyCode::Backspace => "Backspace".into(),
            KeyCode::Insert => "Ins".into(),
            KeyCode::F(n) => format!("F{n}"),
            other => format!("{other:?}"),
        };
        match (self.ctrl, self.alt) {
            (true, _) => format!("Ctrl-{base}"),
            (_, true) => format!("Alt-{base}"),
            _ => base,
        }
    }
}

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    All,
    Only(&'static [TabId]),
}

impl Scope {
    pub fn includes(self, tab: TabId) -> bool {
        match self {
            Scope::All => true,
            Scope::Only(tabs) => tabs.contains(&tab),
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
];
const ROWS: &[TabId] = &[TabId::Projects, TabId::Activities];
const FINDINGS: &[TabId] = &[TabId::Findings];
const PROJECTS: &[TabId] = &[TabId::Projects];

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
        Keymap {
            bindings: vec![
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
                b(
                    GoTab(TabId::Summary),
                    "tab1",
                    vec![c('1')],
                    all,
                    Msg::TabSummary,
                    false,
                ),
                b(
                    GoTab(TabId::ThreePublic),
                    "tab2",
                    vec![c('2')],
                    all,
                    Msg::TabThreePublic,
                    false,
                ),
                b(
                    GoTab(TabId::Projects),
                    "tab3",
                    vec![c('3')],
                    all,
                    Msg::TabProjects,
                    false,
                ),
                b(
                    GoTab(TabId::Activities),
                    "tab4",
                    vec![c('4')],
                    all,
                    Msg::TabActivities,
                    false,
                ),
                b(
                    GoTab(TabId::Findings),
                    "tab5",
                    vec![c('5')],
                    all,
                    Msg::TabFindings,
                    false,
                ),
                b(
                    Jump,
                    "jump",
                    vec![p(K::Enter)],
                    Scope::Only(FINDINGS),
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
                    Scope::Only(PROJECTS),
                    Msg::ActFocus,
                    false,
                ),
                b(
                    AddRow,
                    "add_row",
                    vec![c('a')],
                    Scope::Only(ROWS),
                    Msg::ActAddRow,
                    false,
                ),
                b(
                    AddItem,
                    "add_item",
                    vec![c('A')],
                    Scope::Only(ROWS),
                    Msg::ActAddItem,
                    false,
                ),
                b(
                    Delete,
                    "delete",
                    vec![c('d'), p(K::Delete)],
                    Scope::Only(ROWS),
                    Msg::ActDelete,
                    false,
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
                b(Close, "close", vec![p(K::Esc)], all, Msg::ActClose, false),
                b(
                    Quit,
                    "quit",
                    vec![c('q'), Key::ctrl('c')],
                    all,
                    Msg::ActQuit,
                    true,
                ),
            ],
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

    /// `(key, description)` pairs for the hint line of `tab`.
    pub fn hints(&self, tab: TabId, lang: Lang) -> Vec<(String, &'static str)> {
        self.for_tab(tab)
            .filter(|b| b.hint)
            .map(|b| (b.keys[0].label(), t(lang, b.help)))
            .collect()
    }

    /// The first key label of `action` (for messages), if bound.
    pub fn key_of(&self, action: Action) -> Option<String> {
        self.bindings
            .iter()
            .find(|b| b.action == action && !b.keys.is_empty())
            .map(|b| b.keys[0].label())
    }

    /// Applies overrides from the config: `name → "key"` or `name → ["key", …]`.
    /// Returns a description of each entry that could not be used (its default stays).
    pub fn apply_overrides(
        &mut self,
        overrides: &serde_json::Map<String, serde_json::Value>,
    ) -> Vec<String> {
        let mut errors = Vec::new();
        for (name, value) in overrides {
            let Some(binding) = self.bindings.iter_mut().find(|b| b.name == name) else {
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
            match keys {
                Some(keys) if !keys.is_empty() => binding.keys = keys,
                _ => errors.push(format!("keys.{name}: cannot read {value}")),
            }
        }
        errors
    }
}
