//! The season's commands inside the workbench: `:export` (the CLI's exports of the open
//! document, as it is on screen), and the changes since a previous version (offered when
//! one exists, `:diff [FILE]` any time).

use std::path::{Path, PathBuf};

use super::app::{App, Confirm, Overlay};
use super::command::expand_home;
use super::i18n::Msg;
use crate::season::export::{self, Document};
use crate::season::triage::previous_path;
use crate::text::visible;

/// What `:export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Csv,
    Xlsx,
    Md,
    Tables,
}

impl Format {
    fn named(name: &str) -> Option<Format> {
        match name.to_ascii_lowercase().as_str() {
            "csv" => Some(Format::Csv),
            "xlsx" => Some(Format::Xlsx),
            "md" => Some(Format::Md),
            "tables" => Some(Format::Tables),
            _ => None,
        }
    }

    /// The file written beside the workspace when only the format is given.
    fn default_name(self, stem: &str) -> String {
        match self {
            Format::Csv => format!("{stem}.findings.csv"),
            Format::Xlsx => format!("{stem}.findings.xlsx"),
            Format::Md => format!("{stem}.opinion.md"),
            Format::Tables => String::new(),
        }
    }
}

impl App {
    /// The open document as the exports take it: the workspace and findings on screen
    /// (unsaved edits and decisions included).
    fn document(&self) -> Document {
        Document {
            file: self
                .path
                .as_ref()
                .map(|p| p.display().to_string())
                .unwrap_or_default(),
            workspace: self.ws.clone(),
            findings: self.findings.clone(),
        }
    }

    /// Where the exports go by default: the workspace's directory (the working directory for
    /// the sample), and the file stem they are named after.
    fn export_place(&self) -> (PathBuf, String) {
        match &self.path {
            Some(path) => (
                path.parent().map(Path::to_path_buf).unwrap_or_default(),
                path.file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_else(|| "workspace".into()),
            ),
            None => (
                PathBuf::new(),
                crate::store::SAMPLE_NAME.replace(".json", ""),
            ),
        }
    }

    /// `:export csv|xlsx|md|tables [PATH]` or `:export FILE.csv|.xlsx|.md`; `force` (`:export!`)
    /// replaces existing files.
    pub(super) fn export_command(&mut self, arg: &str, force: bool) {
        let (first, rest) = match arg.split_once(' ') {
            Some((a, b)) => (a, b.trim()),
            None => (arg, ""),
        };
        let (dir, stem) = self.export_place();
        let (format, target) = match Format::named(first) {
            Some(format) if rest.is_empty() => (format, dir.join(format.default_name(&stem))),
            Some(format) => (format, expand_home(rest)),
            None => {
                let path = expand_home(arg);
                let ext = path
                    .extension()
                    .map(|e| e.to_string_lossy().into_owned())
                    .unwrap_or_default();
                match Format::named(&ext).filter(|f| *f != Format::Tables) {
                    Some(format) => (format, path),
                    None => return self.error_msg(Msg::ExportUsage),
                }
            }
        };
        let doc = self.document();
        let files: Vec<(PathBuf, Vec<u8>)> = match format {
            Format::Csv => vec![(target, export::findings_csv(&[doc], self.lang).into_bytes())],
            Format::Md => vec![(target, export::opinion_md(&doc).into_bytes())],
            Format::Xlsx => match export::findings_xlsx(&[doc], self.lang) {
                Ok(bytes) => vec![(target, bytes)],
                Err(e) => return self.export_failed(&e),
            },
            Format::Tables => {
                // The tables go into a directory: the one named, or the workspace's.
                let dir = if rest.is_empty() { dir } else { target };
                export::tables_csv(&doc, &stem)
                    .into_iter()
                    .map(|(name, text)| (dir.join(name), text.into_bytes()))
                    .collect()
            }
        };
        if files.is_empty() {
            return self.export_failed(self.tr(Msg::EmptyTable));
        }
        if !force && let Some((path, _)) = files.iter().find(|(p, _)| p.exists()) {
            let shown = visible(&path.display().to_string()).into_owned();
            return self.error(format!("{}: {shown}", self.tr(Msg::ExportExists)));
        }
        for (path, bytes) in &files {
            if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty())
                && let Err(e) = std::fs::create_dir_all(parent)
            {
                return self.export_failed(&e.to_string());
            }
            if let Err(e) = crate::store::write_atomically(path, bytes) {
                return self.export_failed(&e.to_string());
            }
        }
        let first = visible(&files[0].0.display().to_string()).into_owned();
        let more = match files.len() {
            1 => String::new(),
            n => format!(" (+{})", n - 1),
        };
        self.info(format!("{} {first}{more}", self.tr(Msg::Exported)));
    }

    fn export_failed(&mut self, why: &str) {
        self.error(format!("{}: {}", self.tr(Msg::ExportFailed), visible(why)));
    }

    /// After a workspace opens: when a previous version exists (`given`, from `--previous`,
    /// or the `X.prev.json` that `import --update` keeps), asks whether to show the changes.
    pub fn offer_previous(&mut self, given: Option<PathBuf>) {
        let previous = given.or_else(|| {
            self.path
                .as_deref()
                .map(previous_path)
                .filter(|p| p.is_file())
        });
        if let Some(previous) = previous
            && self.overlay == Overlay::None
        {
            self.overlay = Overlay::Confirm(Confirm::ShowDiff(previous));
        }
    }

    /// `:diff [FILE]`: the changes from FILE (default: the previous version) to the open
    /// workspace.
    pub(super) fn diff_command(&mut self, arg: &str) {
        let previous = if arg.is_empty() {
            self.path.as_deref().map(previous_path)
        } else {
            Some(expand_home(arg))
        };
        match previous.filter(|p| p.is_file()) {
            Some(p) => self.show_diff(&p),
            None => self.error_msg(Msg::NoPrevious),
        }
    }

    /// Opens the text popup listing what `diff PREVIOUS OPEN` lists.
    pub(super) fn show_diff(&mut self, previous: &Path) {
        match crate::store::load(previous) {
            Ok(old) => {
                let report = crate::season::diff::diff(&old, &self.ws, self.lang);
                let text = crate::season::diff::report_text(&report, self.lang);
                let title = format!(
                    "{} {} {}",
                    self.tr(Msg::DiffTitle),
                    self.theme.sep(),
                    visible(&previous.display().to_string())
                );
                self.overlay = Overlay::Text {
                    title,
                    lines: text.lines().map(str::to_string).collect(),
                    scroll: 0,
                };
            }
            Err(e) => self.error(crate::i18n::open_error(previous, &e, self.lang)),
        }
    }
}
