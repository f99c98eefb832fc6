//! `flinkscale lint`: report every problem in the lists, in one of five
//! formats (or as a count per rule with `--statistics`). `--fix` repairs
//! first, as `fmt --write`, then reports what is left (ruff's `check
//! --fix`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::common::{
    error, exit_status, note_no_entries, print, render, rule_ids, use_color, warn_unknown_skips,
    Configs, ExitStatus, Inputs,
};
use super::{fmt, paths};
use crate::cli::{Color, Format, LintArgs};
use flinkscale::config::Config;
use flinkscale::format::Applicability;
use flinkscale::report::FileReport;
use flinkscale::{clock, fsio, rules};

pub fn run(config: Option<&Path>, color: Color, args: &LintArgs) -> ExitStatus {
    use rayon::prelude::*;

    let select = rule_ids("--select", &args.select);
    let ignore = rule_ids("--ignore", &args.ignore);
    let (select, ignore) = match (select, ignore) {
        (Ok(s), Ok(i)) => (s, i),
        (Err(e), _) | (_, Err(e)) => {
            error(e);
            return ExitStatus::Error;
        }
    };
    let configs = Configs::new(config).narrowed(select, ignore);
    let mut inputs = Inputs::new(configs, args.input.stdin_filename.as_deref());
    let found = match paths::files(&args.paths, &args.input, &mut inputs.configs) {
        Ok(p) => p,
        Err(status) => return status,
    };
    let paths = paths::only_files(&found);
    let year = clock::current_year();
    // With --fix: the problems found before the repair, to say how many
    // were fixed and how many remain (ruff's "3 fixed, 2 remaining").
    let mut before_fix = None;
    if args.fix {
        if paths.iter().any(|p| p.as_os_str() == fsio::STDIN) {
            error("--fix rewrites files; to repair standard input, use `flinkscale fmt -`");
            return ExitStatus::Error;
        }
        before_fix = Some(problems(&paths, &mut inputs, year));
        let level = if args.unsafe_fixes {
            Applicability::Unsafe
        } else {
            Applicability::Safe
        };
        let said = (use_color(color), year, args.quiet);
        fmt::write_all(&paths, &mut inputs, level, said);
    }
    // Configs first (cached per directory), then every file on its own
    // core; `collect` keeps the argument order for the output. A PATH that
    // names no file is a job that fails.
    type Job = Result<(PathBuf, Result<Config, String>), paths::Unmatched>;
    let jobs: Vec<Job> = found
        .into_iter()
        .map(|item| {
            item.map(|path| {
                let config = inputs.config(&path).cloned();
                (path, config)
            })
        })
        .collect();
    // A file that cannot be checked is a report of its own, with what is
    // said about it on standard error (printed in argument order below).
    let one = |job: &Job| -> Option<(FileReport, Option<String>)> {
        let (path, config) = match job {
            Ok(job) => job,
            Err(unmatched) => {
                let name = unmatched.path.display().to_string();
                let report = FileReport::failed(name, unmatched.message.clone());
                return Some((report, Some(unmatched.said())));
            }
        };
        let failed = |said: String, reason: String| {
            let report = FileReport::failed(inputs.name(path), reason);
            Some((report, Some(said)))
        };
        let source = match inputs.read(path) {
            Ok(source) => source,
            Err(e) => return failed(e.to_string(), e.message),
        };
        let config = match config {
            Ok(config) => config,
            Err(e) => return failed(e.clone(), e.clone()),
        };
        let (doc, diagnostics) = rules::lint(source, config, year);
        // A file found by walking a directory or a glob that is no list
        // is skipped, as ruff skips what it does not lint; one named on
        // the command line is told why it was not judged.
        if doc.is_not_a_list() && !args.paths.contains(path) {
            return None;
        }
        warn_unknown_skips(&doc, config);
        if !args.quiet {
            note_no_entries(&doc);
        }
        Some((FileReport::new(doc.source, diagnostics), None))
    };
    // One file (the usual case) needs no thread pool to start.
    let outcomes: Vec<(FileReport, Option<String>)> = if jobs.len() == 1 {
        jobs.iter().filter_map(one).collect()
    } else {
        jobs.par_iter().filter_map(one).collect()
    };
    let mut reports = Vec::with_capacity(outcomes.len());
    let mut failed = false;
    for (report, said) in outcomes {
        if let Some(said) = said {
            error(said);
            failed = true;
        }
        reports.push(report);
    }
    let to_file = args.output_file.is_some();
    let output = if args.statistics {
        statistics(&reports, args.format)
    } else {
        render(
            &reports,
            args.format,
            use_color(color) && !to_file,
            args.quiet,
        )
    };
    match &args.output_file {
        Some(file) => {
            if let Err(e) = std::fs::write(file, &output) {
                error(format!(
                    "{}: cannot write the report: {}",
                    file.display(),
                    fsio::describe_io_error(&e)
                ));
                return ExitStatus::Error;
            }
        }
        None => print(&output),
    }
    if let (Some(before), false) = (before_fix, args.quiet) {
        let remaining: usize = reports.iter().map(|r| r.diagnostics.len()).sum();
        eprintln!(
            "flinkscale: {} fixed, {remaining} remaining",
            before.saturating_sub(remaining)
        );
    }
    match exit_status(&reports, failed, args.deny_warnings) {
        ExitStatus::Failure if args.exit_zero => ExitStatus::Success,
        status => status,
    }
}

/// How many problems `paths` hold, as `lint` finds them (files that
/// cannot be read count none: they are reported after the repair).
fn problems(paths: &[PathBuf], inputs: &mut Inputs, year: u16) -> usize {
    paths
        .iter()
        .filter_map(|path| {
            let config = inputs.config(path).ok()?.clone();
            let source = inputs.read(path).ok()?;
            let (doc, diagnostics) = rules::lint(source, &config, year);
            (!doc.is_not_a_list()).then_some(diagnostics.len())
        })
        .sum()
}

/// `--statistics`: how many problems each rule found, most first (JSON: a
/// list of `{rule, count, fixable}`), as ruff's.
fn statistics(reports: &[FileReport], format: Format) -> String {
    let mut counts: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for d in reports.iter().flat_map(|r| &r.diagnostics) {
        let c = counts.entry(d.rule.as_str()).or_default();
        c.0 += 1;
        c.1 += usize::from(d.fixable);
    }
    let mut rows: Vec<(&str, usize, usize)> =
        counts.into_iter().map(|(r, (n, f))| (r, n, f)).collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    if format == Format::Json {
        let rows: Vec<serde_json::Value> = rows
            .iter()
            .map(|(rule, count, fixable)| {
                serde_json::json!({"rule": rule, "count": count, "fixable": fixable})
            })
            .collect();
        let mut text = serde_json::to_string_pretty(&rows).unwrap_or_else(|_| "[]".into());
        text.push('\n');
        return text;
    }
    let width = rows.iter().map(|r| r.0.len()).max().unwrap_or(0);
    let mut out = String::new();
    for (rule, count, fixable) in rows {
        let mark = if fixable == count {
            "[*] fixable".to_owned()
        } else if fixable > 0 {
            format!("[-] {fixable} fixable")
        } else {
            String::new()
        };
        out.push_str(format!("{count:>5}  {rule:width$}  {mark}").trim_end());
        out.push('\n');
    }
    let total: usize = reports.iter().map(|r| r.diagnostics.len()).sum();
    let fixable: usize = reports
        .iter()
        .flat_map(|r| &r.diagnostics)
        .filter(|d| d.fixable)
        .count();
    out.push_str(&match (total, fixable) {
        (0, _) => "No problems found.\n".to_owned(),
        (1, 1) => "1 problem, fixable with `flinkscale fmt --write`.\n".to_owned(),
        (1, _) => "1 problem.\n".to_owned(),
        (n, 0) => format!("{n} problems.\n"),
        (n, f) => format!("{n} problems, {f} fixable with `flinkscale fmt --write`.\n"),
    });
    out
}
