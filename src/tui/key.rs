//! A key as the keymap names it: parsed from the config (`ctrl-r`, `alt-G`, `pgdn`) and shown
//! in help and hints.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

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
        // The prefix is matched without case; the rest keeps it (`alt-G` is Alt+Shift+g).
        let rest_after = |prefix: &str| {
            lower
                .starts_with(prefix)
                .then(|| &text[prefix.len()..])
                .filter(|rest| !rest.is_empty())
        };
        for prefix in ["ctrl-", "ctrl+", "c-", "^"] {
            if let Some(rest) = rest_after(prefix) {
                let mut key = Key::parse(rest)?;
                if let KeyCode::Char(c) = key.code {
                    // Terminals report Ctrl with the lower-case letter.
                    key.code = KeyCode::Char(c.to_ascii_lowercase());
                }
                key.ctrl = true;
                return Some(key);
            }
        }
        for prefix in ["alt-", "alt+", "m-"] {
            if let Some(rest) = rest_after(prefix) {
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
