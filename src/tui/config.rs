//! The config file: `{"keys": {"undo": "u", "redo": ["ctrl-r", "U"]}, "theme": {"accent": "green"}}`.
//! A bad file never stops the workbench: its problems are reported and defaults used.

use std::path::{Path, PathBuf};

use super::keymap::Keymap;
use super::theme::Theme;

/// Where the config file lives: the platform config directory
/// (Linux `~/.config/budget-workbench/config.json`).
pub fn config_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "budget-workbench")
        .map(|dirs| dirs.config_dir().join("config.json"))
}

/// Keymap and theme with the config's overrides, plus what could not be used.
pub struct Loaded {
    pub keymap: Keymap,
    pub theme: Theme,
    /// `"osc52": true`: `y` also copies through the terminal (OSC 52). Off by default: some
    /// terminals print the sequence, and it hands data to whoever controls the terminal.
    pub osc52: bool,
    pub problems: Vec<String>,
}

/// Reads the config at `path` (a missing file is not a problem).
pub fn load(path: Option<&Path>, color: bool, ascii: bool) -> Loaded {
    let mut loaded = Loaded {
        keymap: Keymap::default(),
        theme: Theme::new(color, ascii),
        osc52: false,
        problems: Vec::new(),
    };
    let Some(path) = path else {
        return loaded;
    };
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return loaded,
        Err(e) => {
            loaded.problems.push(format!("{}: {e}", path.display()));
            return loaded;
        }
    };
    apply_text(&mut loaded, &text, &path.display().to_string());
    loaded
}

/// Applies config `text` (named `file` in messages) to `loaded`.
pub fn apply_text(loaded: &mut Loaded, text: &str, file: &str) {
    let value: serde_json::Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            loaded.problems.push(format!("{file}: {e}"));
            return;
        }
    };
    let Some(root) = value.as_object() else {
        loaded
            .problems
            .push(format!("{file}: expected a JSON object"));
        return;
    };
    for (key, value) in root {
        match (key.as_str(), value.as_object()) {
            ("keys", Some(map)) => {
                let errors = loaded.keymap.apply_overrides(map);
                loaded
                    .problems
                    .extend(errors.into_iter().map(|e| format!("{file}: {e}")));
            }
            ("theme", Some(map)) => {
                let errors = loaded.theme.apply_overrides(map);
                loaded
                    .problems
                    .extend(errors.into_iter().map(|e| format!("{file}: {e}")));
            }
            ("osc52", _) => match value.as_bool() {
                Some(on) => loaded.osc52 = on,
                None => loaded
                    .problems
                    .push(format!("{file}: osc52: expected true or false")),
            },
            ("keys" | "theme", None) => loaded
                .problems
                .push(format!("{file}: {key}: expected an object")),
            _ => loaded
                .problems
                .push(format!("{file}: unknown setting {key}")),
        }
    }
}
