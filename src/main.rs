//! The `budget-workbench` command line.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::LazyLock;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};

use budget_workbench::i18n::{self, Lang};
use budget_workbench::model::{FORMAT_MAJOR, FORMAT_VERSION, Workspace};
use budget_workbench::{report, review, season, store, summary, tui};

/// Review and correct department budget explanations (部门预算情况说明) in the terminal.
///
/// With no FILE, every command uses the sample embedded in the binary.
#[derive(Parser)]
#[command(
    name = "budget-workbench",
    version,
    args_conflicts_with_subcommands = true
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// Workspace file to open in the workbench, or a directory of them (the portfolio).
    file: Option<PathBuf>,
    /// A previous version of FILE: the workbench offers what changed since (default: the
    /// FILE.prev.json that `import --update` keeps).
    #[arg(long, value_name = "OLD.json")]
    previous: Option<PathBuf>,
    /// Open for inspection only: edits and saving are refused.
    #[arg(long)]
    read_only: bool,
    /// Let the mouse wheel scroll (off by default: it breaks the terminal's text selection).
    #[arg(long)]
    mouse: bool,
    /// Draw borders with plain ASCII, for terminals that draw box characters double-width.
    #[arg(long)]
    ascii: bool,
    /// Interface language.
    #[arg(long, value_enum, default_value = "zh", global = true)]
    lang: LangArg,
}

#[derive(Subcommand)]
enum Command {
    /// Print the department, key totals and counts.
    Summary {
        file: Option<PathBuf>,
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// Run every review rule and list the findings. Exit 0: no errors; 1: errors; 2: unreadable.
    ///
    /// With several files or a directory: one row per document, worst first.
    Check {
        /// Workspace files, or directories of them (*.json).
        files: Vec<PathBuf>,
        #[arg(long, value_enum, default_value = "text")]
        format: CheckFormat,
    },
    /// List every graded indicator: its ladder, the reading, problems, actual value and grade.
    Grade {
        file: Option<PathBuf>,
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// Turn a published budget (PDF, or a text extract) into a workspace.
    ///
    /// With several files or a directory: import them all in parallel into the directory -o.
    /// Exit 0: all imported; 2: any refused.
    Import {
        /// The published PDFs or text extracts (Word saved as text), or directories of them.
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// Write the workspace here instead of standard output (a directory for many inputs).
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Overwrite an existing output file.
        #[arg(long)]
        force: bool,
        /// Re-import a revised draft into the existing workspace -o, keeping the reviewer's
        /// dispositions; the replaced version is kept as NAME.prev.json.
        #[arg(long, conflicts_with = "force")]
        update: bool,
        /// Print what was recognised (tables by kind, figures, text not placed) on stderr.
        #[arg(long)]
        report: bool,
    },
    /// Write the findings as CSV or XLSX, or a Markdown review opinion (审核意见) per department.
    Export {
        /// Workspace files, or directories of them (*.json).
        #[arg(required = true)]
        files: Vec<PathBuf>,
        #[arg(long, value_enum, default_value = "csv")]
        format: ExportFormat,
        /// Output file (a directory for Markdown of several departments, and for --tables).
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Write each workspace's disclosure tables as CSV files into the directory -o instead.
        #[arg(long)]
        tables: bool,
        /// Overwrite existing output files.
        #[arg(long)]
        force: bool,
    },
    /// Show what changed between two versions of a department's workspace.
    Diff {
        old: PathBuf,
        new: PathBuf,
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// Show where the configuration file (keymap and theme overrides) is read from.
    Config {
        /// Print the path of the configuration file.
        #[arg(long)]
        path: bool,
    },
    /// Print the workspace JSON Schema (for editors that validate workspace files).
    Schema,
    /// Print a shell completion script (install: see docs/cli.md).
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff); with --dir, write one page per command there.
    Man {
        /// Directory for budget-workbench.1 and a budget-workbench-COMMAND.1 per command.
        #[arg(long)]
        dir: Option<PathBuf>,
    },
    /// Write a deterministic synthetic workspace (for benchmarks and scale tests).
    Generate {
        /// Random seed: the same seed and size give the same file.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Size in departments' worth of content (1 ≈ one department's document).
        #[arg(long, default_value_t = 1, conflicts_with = "megabytes")]
        scale: usize,
        /// Grow the workspace until its JSON is at least this many megabytes.
        #[arg(long)]
        megabytes: Option<usize>,
        /// Output file.
        #[arg(short, long)]
        output: PathBuf,
        /// Overwrite an existing output file.
        #[arg(long)]
        force: bool,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Text,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum CheckFormat {
    Text,
    Json,
    Csv,
}

#[derive(Clone, Copy, ValueEnum)]
enum ExportFormat {
    Csv,
    Xlsx,
    Md,
}

#[derive(Clone, Copy, ValueEnum)]
enum LangArg {
    Zh,
    En,
}

impl From<LangArg> for Lang {
    fn from(value: LangArg) -> Lang {
        match value {
            LangArg::Zh => Lang::Zh,
            LangArg::En => Lang::En,
        }
    }
}

/// Exit code of `check` when there are error-severity findings.
const EXIT_FINDINGS: u8 = 1;
/// Exit code for a file that cannot be read or parsed.
const EXIT_UNREADABLE: u8 = 2;

/// Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org).
fn color_stdout() -> bool {
    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// `--version`: the version and the workspace format this build writes and reads.
static VERSION: LazyLock<String> = LazyLock::new(|| {
    format!(
        "{} (workspace format {FORMAT_VERSION}; reads {FORMAT_MAJOR}.x)",
        env!("CARGO_PKG_VERSION")
    )
});

/// The command line as parsed, completed and documented: one definition for all three.
fn cli_definition() -> clap::Command {
    Cli::command().version(VERSION.as_str())
}

fn main() -> ExitCode {
    let cli = Cli::from_arg_matches(&cli_definition().get_matches()).unwrap_or_else(|e| e.exit());
    let lang = Lang::from(cli.lang);
    let workbench = WorkbenchFlags {
        previous: cli.previous,
        read_only: cli.read_only,
        mouse: cli.mouse,
        ascii: cli.ascii,
    };
    match run(cli.command, cli.file, lang, workbench) {
        Ok(code) => code,
        Err(message) => {
            // Messages can quote the file (serde names the offending value): make it safe.
            eprintln!(
                "budget-workbench: {}",
                budget_workbench::text::visible(&message)
            );
            ExitCode::from(EXIT_UNREADABLE)
        }
    }
}

fn open(file: Option<&Path>, lang: Lang) -> Result<Workspace, String> {
    match file {
        Some(path) => store::load(path).map_err(|e| i18n::open_error(path, &e, lang)),
        None => Ok(store::sample()),
    }
}

/// Refuses to replace an existing file unless `--force` was given.
fn refuse_overwrite(path: &Path, force: bool) -> Result<(), String> {
    if path.exists() && !force {
        return Err(format!(
            "{} exists; use --force to overwrite it",
            path.display()
        ));
    }
    Ok(())
}

fn print(text: &str) -> Result<ExitCode, String> {
    let mut stdout = std::io::stdout().lock();
    // A closed pipe (e.g. `| head`) is not an error worth reporting.
    let _ = stdout.write_all(text.as_bytes());
    let _ = stdout.flush();
    Ok(ExitCode::SUCCESS)
}

fn to_json<T: serde::Serialize>(value: &T) -> String {
    budget_workbench::text::to_safe_json(value)
}

/// How the workbench opens.
struct WorkbenchFlags {
    previous: Option<PathBuf>,
    read_only: bool,
    mouse: bool,
    ascii: bool,
}

/// Opens the workbench on `file` (the embedded sample without one).
fn open_workbench(
    file: Option<PathBuf>,
    lang: Lang,
    flags: WorkbenchFlags,
) -> Result<ExitCode, String> {
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        return Err(
            "the workbench needs a terminal; for pipelines use `summary`, `check` or `grade`"
                .into(),
        );
    }
    let season = file.clone().filter(|f| f.is_dir());
    let (workspace, fingerprint) = match &file {
        Some(_) if season.is_some() => (
            Workspace::new(""),
            store::Fingerprint::of(store::SAMPLE_JSON.as_bytes()),
        ),
        Some(path) => {
            store::load_with_fingerprint(path).map_err(|e| i18n::open_error(path, &e, lang))?
        }
        None => (
            store::sample(),
            store::Fingerprint::of(store::SAMPLE_JSON.as_bytes()),
        ),
    };
    let mut options = tui::TuiOptions::new(workspace, file.filter(|_| season.is_none()));
    options.fingerprint = options.path.as_ref().map(|_| fingerprint);
    options.season = season;
    options.previous = flags.previous;
    options.lang = lang;
    options.read_only = flags.read_only;
    options.mouse = flags.mouse;
    options.ascii_borders = flags.ascii;
    let exit = tui::run(options).map_err(|e| format!("terminal: {e}"))?;
    Ok(ExitCode::from(exit.code()))
}

fn run(
    command: Option<Command>,
    file: Option<PathBuf>,
    lang: Lang,
    flags: WorkbenchFlags,
) -> Result<ExitCode, String> {
    match command {
        None => open_workbench(file, lang, flags),
        Some(Command::Config { path }) => {
            let location = tui::config_path()
                .ok_or("no configuration directory on this platform (no home directory?)")?;
            if path {
                print(&format!("{}\n", location.display()))
            } else {
                let state = if location.exists() {
                    lang.pick("存在", "exists")
                } else {
                    lang.pick("不存在，使用默认设置", "absent, defaults in use")
                };
                print(&format!("{} ({state})\n", location.display()))
            }
        }
        Some(Command::Summary { file, format }) => {
            let workspace = open(file.as_deref(), lang)?;
            let summary = summary::summarize(&workspace);
            match format {
                Format::Text => print(&summary::to_text(&summary, lang)),
                Format::Json => print(&to_json(&summary)),
            }
        }
        Some(Command::Check { files, format }) if is_batch(&files) => {
            check_many(&files, format, lang)
        }
        Some(Command::Check { files, format }) => {
            let workspace = open(files.first().map(PathBuf::as_path), lang)?;
            let findings = review::check(&workspace);
            match format {
                CheckFormat::Text => print(&report::findings_text_with(
                    &findings,
                    lang,
                    color_stdout(),
                    &|f| season::triage::remark(&workspace, f, lang),
                ))?,
                CheckFormat::Json => {
                    print(&to_json(&season::triage::triaged(&workspace, &findings)))?
                }
                CheckFormat::Csv => {
                    let file = files.first().map(|f| f.display().to_string());
                    let docs = [season::export::Document::new(
                        file.unwrap_or_default(),
                        workspace.clone(),
                    )];
                    print(&season::export::findings_csv(&docs, lang))?
                }
            };
            let code = if report::has_errors(&findings) {
                ExitCode::from(EXIT_FINDINGS)
            } else {
                ExitCode::SUCCESS
            };
            // The process ends here: freeing a province-sized workspace piece by piece only
            // delays the exit (≈ 20–30 ms at 50 MB).
            std::mem::forget(workspace);
            std::mem::forget(findings);
            Ok(code)
        }
        Some(Command::Grade { file, format }) => {
            let workspace = open(file.as_deref(), lang)?;
            let rows = report::grade_report(&workspace);
            match format {
                Format::Text => print(&report::grades_text(&rows, lang, color_stdout())),
                Format::Json => print(&report::grades_json(&rows)),
            }
        }
        Some(Command::Import {
            inputs,
            output,
            force,
            update,
            report: _,
        }) if is_batch(&inputs) => import_many(&inputs, output, (force, update), lang),
        Some(Command::Import {
            inputs,
            output,
            force,
            update,
            report,
        }) => {
            let input = inputs.into_iter().next().unwrap_or_default();
            match &output {
                Some(out) if update && !out.exists() => {
                    return Err(format!(
                        "{}: no such workspace; --update re-imports into an existing one",
                        season::shown(out)
                    ));
                }
                Some(_) if update => {}
                Some(out) => refuse_overwrite(out, force)?,
                None if update => return Err("--update needs -o WORKSPACE.json".into()),
                None => {}
            }
            let outcome =
                budget_workbench::import::import_file(&input).map_err(|e| e.to_string())?;
            for warning in &outcome.warnings {
                eprintln!(
                    "{}:{}: {}",
                    budget_workbench::text::visible(&input.display().to_string()),
                    warning.line,
                    budget_workbench::text::visible(&warning.message)
                );
            }
            if report {
                let summary = budget_workbench::import::report::coverage(
                    &outcome.workspace,
                    &outcome.warnings,
                    lang == Lang::Zh,
                );
                for line in summary.lines() {
                    eprintln!("{}", budget_workbench::text::visible(line));
                }
            }
            match output {
                Some(out) => {
                    let kept = if update {
                        let ws = season::triage::update_into(&out, outcome.workspace)?;
                        ws.dispositions.len()
                    } else {
                        let text = store::to_json(&outcome.workspace);
                        store::write_atomically(&out, text.as_bytes())
                            .map_err(|e| e.to_string())?;
                        0
                    };
                    if update {
                        let prev = season::shown(&season::triage::previous_path(&out));
                        eprintln!(
                            "{}",
                            match lang {
                                Lang::Zh => format!("保留处置 {kept} 条；上一版本：{prev}"),
                                Lang::En => format!("{kept} dispositions kept; previous: {prev}"),
                            }
                        );
                    }
                    eprintln!(
                        "{} → {} ({} warnings)",
                        budget_workbench::text::visible(&input.display().to_string()),
                        budget_workbench::text::visible(&out.display().to_string()),
                        outcome.warnings.len()
                    );
                    Ok(ExitCode::SUCCESS)
                }
                None => print(&store::to_json(&outcome.workspace)),
            }
        }
        Some(Command::Export {
            files,
            format,
            output,
            tables,
            force,
        }) => export(&files, format, output, tables, force, lang),
        Some(Command::Diff { old, new, format }) => {
            let (old_ws, new_ws) = (open(Some(&old), lang)?, open(Some(&new), lang)?);
            let report = season::diff::diff(&old_ws, &new_ws, lang);
            match format {
                Format::Text => print(&season::diff::report_text(&report, lang)),
                Format::Json => print(&to_json(&report)),
            }
        }
        Some(Command::Generate {
            seed,
            scale,
            megabytes,
            output,
            force,
        }) => {
            refuse_overwrite(&output, force)?;
            let text = match megabytes {
                Some(mb) => budget_workbench::synth::generate_at_least(seed, mb * 1_000_000),
                None => store::to_json(&budget_workbench::synth::generate(seed, scale)),
            };
            store::write_atomically(&output, text.as_bytes()).map_err(|e| e.to_string())?;
            eprintln!(
                "{}: {} bytes",
                budget_workbench::text::visible(&output.display().to_string()),
                text.len()
            );
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Schema) => print(&budget_workbench::schema::workspace_schema_json()),
        Some(Command::Completions { shell }) => {
            let mut script = Vec::new();
            clap_complete::generate(
                shell,
                &mut cli_definition(),
                "budget-workbench",
                &mut script,
            );
            // clap_complete 4.6 spells a hyphenated name's case labels unlike its dispatch loop
            // in bash, so nothing after a command completes (clap-rs/clap#6421): spell them alike.
            let script = String::from_utf8_lossy(&script)
                .replace("budget__subcmd__workbench", "budget__workbench");
            print(&script)
        }
        Some(Command::Man { dir: None }) => print(&man_page(clap_mangen::Man::new(man_command()))),
        Some(Command::Man { dir: Some(dir) }) => write_man_pages(&dir),
    }
}

/// Several inputs, or a directory: the batch form of `import` and `check`.
fn is_batch(paths: &[PathBuf]) -> bool {
    paths.len() > 1 || paths.iter().any(|p| p.is_dir())
}

fn import_many(
    inputs: &[PathBuf],
    output: Option<PathBuf>,
    (force, update): (bool, bool),
    lang: Lang,
) -> Result<ExitCode, String> {
    let dir = output.ok_or("importing several documents needs -o DIRECTORY for the workspaces")?;
    if dir.exists() && !dir.is_dir() {
        return Err(format!("{} is not a directory", season::shown(&dir)));
    }
    let files = season::collect_inputs(inputs, &["pdf", "txt"])?;
    if files.is_empty() {
        return Err("no .pdf or .txt file to import".into());
    }
    let results = season::portfolio::import_all(&files, &dir, force, update)?;
    print(&season::portfolio::import_summary(&results, lang))?;
    Ok(if results.iter().any(|r| r.refused.is_some()) {
        ExitCode::from(EXIT_UNREADABLE)
    } else {
        ExitCode::SUCCESS
    })
}

fn check_many(files: &[PathBuf], format: CheckFormat, lang: Lang) -> Result<ExitCode, String> {
    let files = season::collect_inputs(files, &["json"])?;
    let rows = season::portfolio::check_all(&files, lang);
    match format {
        CheckFormat::Text => print(&season::portfolio::rows_text(&rows, lang))?,
        CheckFormat::Json => print(&to_json(&rows))?,
        CheckFormat::Csv => print(&season::portfolio::rows_csv(&rows, lang))?,
    };
    Ok(if rows.iter().any(|r| r.unreadable.is_some()) {
        ExitCode::from(EXIT_UNREADABLE)
    } else if rows.iter().any(|r| r.errors > 0) {
        ExitCode::from(EXIT_FINDINGS)
    } else {
        ExitCode::SUCCESS
    })
}

/// Writes `bytes` to `path` (refusing to replace a file without `--force`).
fn write_output(path: &Path, bytes: &[u8], force: bool) -> Result<(), String> {
    refuse_overwrite(path, force)?;
    store::write_atomically(path, bytes).map_err(|e| e.to_string())?;
    eprintln!("{}", season::shown(path));
    Ok(())
}

fn export(
    files: &[PathBuf],
    format: ExportFormat,
    output: Option<PathBuf>,
    tables: bool,
    force: bool,
    lang: Lang,
) -> Result<ExitCode, String> {
    use season::export::{self as ex, Document};
    let paths = season::collect_inputs(files, &["json"])?;
    let mut docs = Vec::new();
    for path in &paths {
        let ws = open(Some(path), lang)?;
        docs.push(Document::new(path.display().to_string(), ws));
    }
    let stem = |doc: &Document| {
        Path::new(&doc.file)
            .file_stem()
            .map_or_else(|| doc.name(), |s| s.to_string_lossy().into_owned())
    };
    let dir = |what: &str| -> Result<PathBuf, String> {
        let dir = output.clone().ok_or(format!("{what} needs -o DIRECTORY"))?;
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", season::shown(&dir)))?;
        Ok(dir)
    };
    if tables {
        let dir = dir("--tables")?;
        for doc in &docs {
            for (name, text) in ex::tables_csv(doc, &stem(doc)) {
                write_output(&dir.join(name), text.as_bytes(), force)?;
            }
        }
        return Ok(ExitCode::SUCCESS);
    }
    match format {
        ExportFormat::Csv => {
            let text = ex::findings_csv(&docs, lang);
            match output {
                Some(out) => write_output(&out, text.as_bytes(), force)?,
                None => return print(&text),
            }
        }
        ExportFormat::Xlsx => {
            let out = output.ok_or("an XLSX workbook needs -o FILE.xlsx")?;
            write_output(&out, &ex::findings_xlsx(&docs, lang)?, force)?;
        }
        ExportFormat::Md if docs.len() == 1 => {
            let text = ex::opinion_md(&docs[0]);
            match output {
                Some(out) => write_output(&out, text.as_bytes(), force)?,
                None => return print(&text),
            }
        }
        ExportFormat::Md => {
            let dir = dir("a review opinion per department")?;
            for doc in &docs {
                let path = dir.join(format!("{}.md", stem(doc)));
                write_output(&path, ex::opinion_md(doc).as_bytes(), force)?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The command line as the manual pages show it: `help` is not a page of its own.
fn man_command() -> clap::Command {
    let mut cmd = cli_definition().disable_help_subcommand(true);
    // Building names the commands' pages budget-workbench-COMMAND.
    cmd.build();
    cmd
}

fn man_page(man: clap_mangen::Man) -> String {
    let mut roff = Vec::new();
    man.render(&mut roff).expect("writing to memory");
    String::from_utf8_lossy(&roff).into_owned()
}

/// Writes the main page and one page per command (as `git` and `cargo` do) into `dir`.
fn write_man_pages(dir: &Path) -> Result<ExitCode, String> {
    let shown =
        |path: &Path| budget_workbench::text::visible(&path.display().to_string()).into_owned();
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", shown(dir)))?;
    let top = man_command();
    let pages = top.get_subcommands().cloned().chain([top.clone()]);
    for cmd in pages {
        let man = clap_mangen::Man::new(cmd);
        let path = dir.join(man.get_filename());
        store::write_atomically(&path, man_page(man).as_bytes()).map_err(|e| e.to_string())?;
        eprintln!("{}", shown(&path));
    }
    Ok(ExitCode::SUCCESS)
}
