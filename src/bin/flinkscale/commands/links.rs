//! `flinkscale links`: check that every entry's link (with `--all`, every
//! http(s) link) still works, report `link-dead`, `link-redirect` and
//! `link-unchecked` in any output format, and with `--fix-redirects`
//! rewrite permanent redirects. This reads the lists and the flags and
//! prints; the checking, the cache, the ageing and the fixes are the
//! library's (`links_engine`), the network half the `links` feature's
//! (`links::check`); without it this command says how to get it.

use std::path::Path;

use super::common::{error, exit_status, print, render, use_color, Configs, ExitStatus, Inputs};
use super::paths;
use crate::cli::{Color, LinksArgs};
use flinkscale::links_engine::{self as engine, List, Network, Note, Options};
use flinkscale::model::Document;
use flinkscale::report::FileReport;
use flinkscale::{clock, fsio};

/// What a build without the network says.
pub use flinkscale::links_engine::NO_NETWORK;

pub fn run(config: Option<&Path>, color: Color, args: &LinksArgs) -> ExitStatus {
    if !cfg!(feature = "links") {
        error(NO_NETWORK);
        return ExitStatus::Error;
    }
    let mut inputs = Inputs::new(Configs::new(config), args.input.stdin_filename.as_deref());
    let found = match paths::files(&args.paths, &args.input, &mut inputs.configs) {
        Ok(p) => p,
        Err(status) => return status,
    };
    let paths = paths::only_files(&found);
    if (args.fix_redirects || args.fix_dead) && paths.iter().any(|p| p.as_os_str() == fsio::STDIN) {
        error("--fix-redirects and --fix-dead rewrite files; they cannot rewrite standard input");
        return ExitStatus::Error;
    }
    let mut reports = Vec::new();
    let mut lists = Vec::new();
    let mut failed = false;
    // A PATH that names no file is a report that could not be checked.
    for u in found.iter().filter_map(|f| f.as_ref().err()) {
        error(u.said());
        reports.push(FileReport::failed(
            u.path.display().to_string(),
            u.message.clone(),
        ));
        failed = true;
    }
    for path in paths {
        match inputs.load(&path) {
            Ok(loaded) => {
                let doc = Document::parse(loaded.source, &loaded.config);
                lists.push(List::new(path, doc, loaded.config, loaded.stamp, args.all));
            }
            Err(unread) => {
                error(unread.said);
                failed = true;
                reports.push(FileReport::failed(unread.name, unread.reason));
            }
        }
    }
    if let Some(rev) = &args.changed_since {
        if let Err(e) = only_changed(&mut lists, rev, args) {
            error(e);
            return ExitStatus::Error;
        }
    }
    let options = Options {
        all: args.all,
        fix_redirects: args.fix_redirects,
        fix_dead: args.fix_dead,
        cache_max_age: (!args.no_cache).then_some(args.max_cache_age),
        dead_after_runs: args.dead_after_runs,
        dead_after: args.dead_after,
        archive_api: args.archive_api.clone(),
        archives: !args.no_archive,
        now: clock::unix_seconds(),
        year: clock::current_year(),
    };
    let mut note = |n: Note| match n {
        Note::Did(said) if !args.quiet => eprintln!("{said}"),
        Note::Did(_) => {}
        Note::Warning(said) => eprintln!("warning: {said}"),
        Note::Error(said) => error(said),
    };
    match engine::run(lists, &options, network(args).as_ref(), &mut note) {
        Ok(run) => {
            failed |= run.failed;
            reports.extend(run.reports);
        }
        Err(e) => {
            error(e);
            return ExitStatus::Error;
        }
    }
    print(&render(&reports, args.format, use_color(color), args.quiet));
    exit_status(&reports, failed, args.deny_warnings)
}

/// `--changed-since REV`: each list's links on lines changed since then
/// only, said on stderr.
fn only_changed(lists: &mut [List], rev: &str, args: &LinksArgs) -> Result<(), String> {
    if lists.iter().any(|l| l.path.as_os_str() == fsio::STDIN) {
        return Err(
            "--changed-since reads the lists' git history; it cannot read standard input".into(),
        );
    }
    let mut skipped = 0;
    let mut kept = 0;
    for list in lists {
        match super::changed::changed_lines(&list.path, rev)? {
            None => kept += list.targets.len(),
            Some(changed) => {
                let before = list.targets.len();
                list.changed = Some(changed);
                list.select(args.all);
                kept += list.targets.len();
                skipped += before - list.targets.len();
            }
        }
    }
    if !args.quiet {
        eprintln!(
            "checking {kept} link{} added or changed since {rev}; skipped {skipped} unchanged",
            if kept == 1 { "" } else { "s" }
        );
    }
    Ok(())
}

/// lychee, with the command's network flags.
#[cfg(feature = "links")]
fn network(args: &LinksArgs) -> Box<dyn Network> {
    use std::time::Duration;
    Box::new(Lychee(flinkscale::links::check::Options {
        timeout: Duration::from_secs(args.timeout.max(1)),
        max_retries: args.max_retries,
        retry_wait: Duration::from_secs(args.retry_wait),
        concurrency: args.concurrency,
        host_concurrency: args.host_concurrency,
        github_token: std::env::var("GITHUB_TOKEN").ok().filter(|t| !t.is_empty()),
        max_retry_wait: Duration::from_secs(args.max_retry_wait),
    }))
}

#[cfg(not(feature = "links"))]
fn network(_: &LinksArgs) -> Box<dyn Network> {
    Box::new(engine::Offline)
}

/// The network as lychee answers for links, and the Wayback Machine's API
/// for archived copies (asked with the same timeout, as many at once as
/// one host is asked).
#[cfg(feature = "links")]
struct Lychee(flinkscale::links::check::Options);

#[cfg(feature = "links")]
impl Network for Lychee {
    fn check(
        &self,
        urls: &[String],
    ) -> Result<std::collections::HashMap<String, flinkscale::links::Outcome>, String> {
        flinkscale::links::check::check_all(urls, &self.0)
    }

    fn archives(
        &self,
        wanted: &[(String, Option<u16>)],
        api: &str,
    ) -> Result<Vec<(String, Option<String>)>, String> {
        let (timeout, at_once) = (self.0.timeout, self.0.host_concurrency);
        flinkscale::links::archive::snapshots(wanted, api, timeout, at_once)
    }
}
