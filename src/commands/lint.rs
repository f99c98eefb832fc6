//! `flinkscale lint`: report every problem in the lists, in one of five
//! formats.

use std::path::{Path, PathBuf};

use super::common::{
    error, paths_or_default, print, terminal_width, use_color, warn_unknown_skips, Configs,
    ExitStatus,
};
use crate::cli::{Color, Format, LintArgs};
use crate::config::Config;
use crate::report::{self, FileReport, Human};
use crate::{clock, fsio, rules};

pub fn run(config: Option<&Path>, color: Color, args: &LintArgs) -> ExitStatus {
    use rayon::prelude::*;

    let mut configs = Configs::new(config);
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
        let (doc, diagnostics) = rules::lint(source, config, year);
        warn_unknown_skips(&doc, config);
        Ok(FileReport::new(doc.source, diagnostics))
    };
    // One file (the usual case) needs no thread pool to start.
    let outcomes: Vec<Result<FileReport, String>> = if jobs.len() == 1 {
        jobs.iter().map(one).collect()
    } else {
        jobs.par_iter().map(one).collect()
    };
    let mut reports = Vec::with_capacity(outcomes.len());
    let mut failed = false;
    for ((path, _), outcome) in jobs.iter().zip(outcomes) {
        match outcome {
            Ok(report) => reports.push(report),
            Err(e) => {
                error(&e);
                failed = true;
                let name = if path.as_os_str() == fsio::STDIN {
                    "<stdin>".to_owned()
                } else {
                    path.display().to_string()
                };
                let reason = e
                    .strip_prefix(&format!("{name}: "))
                    .map_or(e.clone(), str::to_owned);
                reports.push(FileReport::failed(name, reason));
            }
        }
    }
    let output = match args.format {
        Format::Human => Human {
            color: use_color(color),
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
        ExitStatus::Error
    } else if summary.errors > 0 || (args.deny_warnings && summary.warnings > 0) {
        ExitStatus::Failure
    } else {
        ExitStatus::Success
    }
}
