//! Search (`/`, `n`, `N`) and the `:` command line (`:w`, `:q`, `:wq`, `:e FILE`, `:sort`),
//! with the path helpers of the save prompt (`~` expanded, Tab completes).

use std::path::{Path, PathBuf};

use super::app::{App, Overlay};
use super::editor::LineEditor;
use super::i18n::Msg;
use super::keymap::Action;
use crate::text::visible;

impl App {
    /// Goes to the next (or previous) row of the current screen that holds the last search,
    /// and says which of how many it is (`/洁净煤 2/3`).
    pub fn search_step(&mut self, forward: bool) {
        let Some(query) = self.ctx.search.clone() else {
            self.info(self.tr(Msg::NoSearch));
            return;
        };
        let needle = query.to_lowercase();
        let (texts, current) = self.screen().search_texts(&self.ctx);
        let matches: Vec<usize> = texts
            .iter()
            .enumerate()
            .filter(|(_, t)| t.to_lowercase().contains(&needle))
            .map(|(i, _)| i)
            .collect();
        let found = if forward {
            matches
                .iter()
                .position(|&i| i > current)
                .or((!matches.is_empty()).then_some(0))
        } else {
            matches
                .iter()
                .rposition(|&i| i < current)
                .or(matches.len().checked_sub(1))
        };
        let Some(k) = found else {
            self.error(format!("{}: {}", self.tr(Msg::NotFound), visible(&query)));
            return;
        };
        let i = matches[k];
        self.screens.get_mut(self.tab).show_search_row(&self.ctx, i);
        let wrapped = if forward { i <= current } else { i >= current };
        let mut text = format!("/{} {}/{}", visible(&query), k + 1, matches.len());
        if wrapped {
            text.push_str(&format!(" ({})", self.tr(Msg::Wrapped)));
        }
        self.info(text);
    }

    /// Runs a `:` command.
    pub fn command(&mut self, line: &str) {
        let (name, arg) = match line.split_once(' ') {
            Some((n, a)) => (n, a.trim()),
            None => (line, ""),
        };
        match name {
            "w" if arg.is_empty() => self.act(Action::Save),
            "w" => {
                let next = self.save_to(expand_home(arg));
                self.open_next(next);
            }
            "q" => self.act(Action::Quit),
            "q!" => {
                crate::store::recovery::remove(self.path.as_deref());
                self.quit = true;
            }
            "wq" | "x" => {
                self.act(Action::Save);
                // Quit only when the save went through (no question, no error).
                if !self.modified() && self.overlay == Overlay::None {
                    self.quit = true;
                }
            }
            "e" if !arg.is_empty() && self.modified() => self.error(self.tr(Msg::UnsavedOpen)),
            "e" | "e!" if !arg.is_empty() => self.open_file(&expand_home(arg)),
            "export" | "export!" => self.export_command(arg, name == "export!"),
            "diff" => self.diff_command(arg),
            "sort" => {
                if self.screens.get_mut(self.tab).sort(&self.ctx, arg) {
                    self.info(self.tr(Msg::Sorted));
                } else {
                    self.error(self.tr(Msg::NotSortable));
                }
            }
            _ => self.error(format!(
                "{}: {}",
                self.tr(Msg::UnknownCommand),
                visible(line)
            )),
        }
    }

    /// `:e FILE`: opens another workspace here (`:e` refuses while there are unsaved edits;
    /// `:e!` drops them).
    fn open_file(&mut self, path: &Path) {
        if path.is_dir() {
            return self.open_season(path);
        }
        match crate::store::load(path) {
            // A single file leaves the season: refused while one of its documents is unsaved.
            Ok(_) if self.others_modified() => self.error(self.tr(Msg::UnsavedOpen)),
            Ok(ws) => {
                self.season = None;
                self.ctx.ws = ws;
                self.history = Default::default();
                self.path = Some(path.to_path_buf());
                self.name = super::document::file_name(path);
                self.fingerprint = super::document::fingerprint_of(path);
                self.refresh();
                self.info(visible(&path.display().to_string()).into_owned());
            }
            Err(e) => self.error(crate::i18n::open_error(path, &e, self.lang)),
        }
    }
}

/// `~` and `~/…` mean the home directory.
pub fn expand_home(text: &str) -> PathBuf {
    let home = || std::env::var_os("HOME").map(PathBuf::from);
    if text == "~" {
        return home().unwrap_or_else(|| PathBuf::from(text));
    }
    if let Some(rest) = text.strip_prefix("~/")
        && let Some(home) = home()
    {
        return home.join(rest);
    }
    PathBuf::from(text)
}

/// Completes the path in `editor` as far as the names in its directory agree (Tab).
pub fn complete_path(editor: &mut LineEditor) {
    let text = editor.text().to_string();
    let (dir_text, stem) = match text.rfind('/') {
        Some(i) => (&text[..=i], &text[i + 1..]),
        None => ("", text.as_str()),
    };
    let dir = if dir_text.is_empty() {
        PathBuf::from(".")
    } else {
        expand_home(dir_text)
    };
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return;
    };
    let names: Vec<String> = entries
        .flatten()
        .filter_map(|e| {
            let mut name = e.file_name().into_string().ok()?;
            if !name.starts_with(stem) || (stem.is_empty() && name.starts_with('.')) {
                return None;
            }
            if e.file_type().is_ok_and(|t| t.is_dir()) {
                name.push('/');
            }
            Some(name)
        })
        .collect();
    let Some(first) = names.first() else {
        return;
    };
    let mut common = first.clone();
    for name in &names[1..] {
        let shared: usize = common
            .chars()
            .zip(name.chars())
            .take_while(|(a, b)| a == b)
            .map(|(a, _)| a.len_utf8())
            .sum();
        common.truncate(shared);
    }
    if common.len() > stem.len() {
        *editor = LineEditor::new(&format!("{dir_text}{common}"));
    }
}
