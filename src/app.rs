//! Runs the commands: reads files, finds configs, calls the library, prints,
//! and turns the outcome into an exit code (0 clean, 1 problems, 2 errors).

use std::collections::HashMap;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Parser;

use crate::cli::{Cli, Color, Command, Format, LintArgs};
use crate::config::Config;
use crate::diagnostic::Severity;
use crate::report::{self, FileReport, Human};
use crate::{clock, fsio, rules};

/// The file linted when no path is given.
pub const DEFAULT_PATH: &str = "README.md";

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match &cli.command {
        Command::Lint(args) => lint(&cli, args),
        Command::Fmt(args) => crate::format::command::run(&cli, args),
        Command::Rules => list_rules(),
        Command::Rule { id } => explain_rule(id),
        Command::Add(args) => crate::data::add(&cli, args),
        Command::Export(args) => crate::data::export(&cli, args),
        Command::Stats(args) => crate::data::stats(&cli, args),
        Command::Init(args) => crate::data::init(args),
        Command::Completions { shell } => {
            let mut command = <Cli as clap::CommandFactory>::command();
            clap_complete::generate(*shell, &mut command, "flinkscale", &mut std::io::stdout());
            0
        }
    };
    ExitCode::from(code)
}

/// Prints a one-line error for the user (exit code 2 follows).
pub fn error(message: impl std::fmt::Display) {
    eprintln!("flinkscale: error: {message}");
}

/// The paths given, or `README.md`.
pub fn paths_or_default(paths: &[PathBuf]) -> Vec<PathBuf> {
    if paths.is_empty() {
        vec![PathBuf::from(DEFAULT_PATH)]
    } else {
        paths.to_vec()
    }
}

/// Finds and caches the config for each file's directory.
pub struct Configs {
    explicit: Option<Result<Config, String>>,
    by_dir: HashMap<PathBuf, Result<Config, String>>,
}

impl Configs {
    pub fn new(cli: &Cli) -> Configs {
        Configs {
            explicit: cli
                .config
                .as_deref()
                .map(|p| Config::load(p).map_err(|e| e.to_string())),
            by_dir: HashMap::new(),
        }
    }

    /// The config that applies to `path` (a file, or `-` for stdin).
    pub fn for_path(&mut self, path: &Path) -> Result<&Config, String> {
        if let Some(explicit) = &self.explicit {
            return explicit.as_ref().map_err(Clone::clone);
        }
        let dir = if path.as_os_str() == fsio::STDIN {
            PathBuf::from(".")
        } else {
            path.parent()
                .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
        };
        self.by_dir
            .entry(dir.clone())
            .or_insert_with(|| match Config::discover(&dir) {
                Some(found) => Config::load(&found).map_err(|e| e.to_string()),
                None => Ok(Config::default()),
            })
            .as_ref()
            .map_err(Clone::clone)
    }
}

/// Whether to colour output written to stdout.
pub fn use_color(choice: Color) -> bool {
    match choice {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::stdout().is_terminal()
        }
    }
}

fn terminal_width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .filter(|&w| w >= 40)
        .unwrap_or(80)
}

fn lint(cli: &Cli, args: &LintArgs) -> u8 {
    use rayon::prelude::*;

    let mut configs = Configs::new(cli);
    let year = clock::current_year();
    // Configs first (cached per directory), then every file on its own
    // core; `collect` keeps the argument order for the output.
    let jobs: Vec<(PathBuf, Result<Config, String>)> = paths_or_default(&args.paths)
        .into_iter()
        .map(|path| {
            let config = configs.for_path(&path).cloned();
            (path, config)
        })
        .collect();
    let one = |(path, config): &(PathBuf, Result<Config, String>)| {
        let source = fsio::read_source(path).map_err(|e| e.to_string())?;
        let config = config.as_ref().map_err(Clone::clone)?;
        let (doc, diagnostics) = crate::lint(source, config, year);
        Ok(FileReport {
            source: doc.source,
            diagnostics,
        })
    };
    // One file (the usual case) needs no thread pool to start.
    let outcomes: Vec<Result<FileReport, String>> = if jobs.len() == 1 {
        jobs.iter().map(one).collect()
    } else {
        jobs.par_iter().map(one).collect()
    };
    let mut reports = Vec::with_capacity(outcomes.len());
    let mut failed = false;
    for outcome in outcomes {
        match outcome {
            Ok(report) => reports.push(report),
            Err(e) => {
                error(e);
                failed = true;
            }
        }
    }
    let output = match args.format {
        Format::Human => Human {
            color: use_color(cli.color),
            width: terminal_width(),
        }
        .render(&reports),
        Format::Short => report::short(&reports),
        Format::Json => report::json(&reports),
        Format::Github => report::github(&reports),
        Format::Sarif => report::sarif(&reports),
    };
    print(&output);
    let summary = report::Summary::of(&reports);
    if failed {
        2
    } else if summary.errors > 0 || (args.deny_warnings && summary.warnings > 0) {
        1
    } else {
        0
    }
}

/// Writes to stdout, ignoring a closed pipe (`flinkscale lint | head`).
pub fn print(text: &str) {
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes());
    let _ = out.flush();
}

fn list_rules() -> u8 {
    let width = rules::RULES
        .iter()
        .map(|r| r.meta.id.len())
        .max()
        .unwrap_or(0);
    let mut out = String::new();
    for r in rules::RULES {
        let m = &r.meta;
        let fix = match m.fix {
            rules::Fix::Always => "fix",
            rules::Fix::Sometimes(_) => "fix*",
            rules::Fix::Never => "",
        };
        let severity = match m.severity {
            Severity::Error => "error",
            Severity::Warning => "warn",
        };
        out.push_str(&format!(
            "{:width$}  {severity:5}  {fix:4}  {}\n",
            m.id, m.summary
        ));
    }
    out.push_str("\nfix: `flinkscale fmt --write` repairs it; fix*: in some cases (see `flinkscale rule ID`).\n");
    print(&out);
    0
}

fn explain_rule(id: &str) -> u8 {
    match rules::find(id) {
        Some(meta) => {
            print(&rules::describe(meta));
            0
        }
        None => {
            let hint = rules::closest_id(id)
                .map(|c| format!(" (did you mean `{c}`?)"))
                .unwrap_or_default();
            error(format!(
                "unknown rule `{id}`{hint}; `flinkscale rules` lists them"
            ));
            2
        }
    }
}
