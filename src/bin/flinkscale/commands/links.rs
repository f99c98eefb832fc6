//! `flinkscale links`: check that every entry's link (with `--all`, every
//! http(s) link) still works, report `link-dead`, `link-redirect` and
//! `link-unchecked` in any output format, and with `--fix-redirects`
//! rewrite permanent redirects. The network half is the `links` feature's
//! (`links::check`); without it this command says how to get it.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use super::common::{
    config_key, display_name, error, exit_status, print, read, render, use_color, Configs,
    ExitStatus,
};
use super::paths;
use crate::cli::{Color, LinksArgs};
use flinkscale::config::Config;
use flinkscale::diagnostic::FailingSince;
use flinkscale::links::cache::{next_failure, Cache};
use flinkscale::links::redirects::{self, markdown_url, Rewrite};
use flinkscale::links::{targets, Checked, Outcome, Target};
use flinkscale::model::Document;
use flinkscale::registry::RuleId;
use flinkscale::report::FileReport;
use flinkscale::rules::{self, Context};
use flinkscale::{clock, fsio};

/// What a build without the network says.
pub const NO_NETWORK: &str =
    "this flinkscale was built without the network, which `links` and `add --fetch` need: \
build it with the `links` feature, `cargo install --git https://github.com/flinkscale/flinkscale \
flinkscale --features links` (or `cargo install --path . --features links` in a checkout)";

/// One list, read and parsed, with its links.
struct List {
    path: PathBuf,
    doc: Document,
    config: Config,
    targets: Vec<Target>,
    stamp: Option<fsio::Stamp>,
    /// With `--changed-since`, the lines changed since then (`None`: all).
    changed: Option<Vec<std::ops::Range<usize>>>,
}

impl List {
    /// Its links, those on changed lines only with `--changed-since`.
    fn select(&mut self, all: bool) {
        self.targets = targets(&self.doc, all);
        if let Some(changed) = &self.changed {
            self.targets.retain(|t| {
                changed
                    .iter()
                    .any(|c| c.start < t.lines.end && t.lines.start < c.end)
            });
        }
    }
}

pub fn run(config: Option<&Path>, color: Color, args: &LinksArgs) -> ExitStatus {
    if !cfg!(feature = "links") {
        error(NO_NETWORK);
        return ExitStatus::Error;
    }
    let mut configs = Configs::new(config);
    let stdin_name = args.input.stdin_filename.as_deref();
    let found = match paths::files(&args.paths, &args.input, &mut configs) {
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
        let name = display_name(&path, stdin_name);
        let stamp = fsio::Stamp::of(&path);
        let loaded = read(&path, stdin_name)
            .map_err(|e| (e.to_string(), e.message))
            .and_then(|source| {
                let config = configs
                    .for_path(config_key(&path, stdin_name))
                    .map_err(|e| (e.clone(), e))?
                    .clone();
                Ok((source, config))
            });
        match loaded {
            Ok((source, config)) => {
                let doc = Document::parse(source, &config);
                let targets = targets(&doc, args.all);
                lists.push(List {
                    path,
                    doc,
                    config,
                    targets,
                    stamp,
                    changed: None,
                });
            }
            Err((said, reason)) => {
                error(said);
                failed = true;
                reports.push(FileReport::failed(name, reason));
            }
        }
    }

    if let Some(rev) = &args.changed_since {
        if paths_read_stdin(&lists) {
            error("--changed-since reads the lists' git history; it cannot read standard input");
            return ExitStatus::Error;
        }
        let mut skipped = 0;
        let mut kept = 0;
        for list in &mut lists {
            match super::changed::changed_lines(&list.path, rev) {
                Ok(None) => kept += list.targets.len(),
                Ok(Some(changed)) => {
                    let before = list.targets.len();
                    list.changed = Some(changed);
                    list.select(args.all);
                    kept += list.targets.len();
                    skipped += before - list.targets.len();
                }
                Err(e) => {
                    error(e);
                    return ExitStatus::Error;
                }
            }
        }
        if !args.quiet {
            eprintln!(
                "checking {kept} link{} added or changed since {rev}; skipped {skipped} unchanged",
                if kept == 1 { "" } else { "s" }
            );
        }
    }
    let now = clock::unix_seconds();
    let mut caches = Caches::load(&lists, args, now);
    let fresh = match check_network(&lists, &caches, args) {
        Ok(fresh) => fresh,
        Err(e) => {
            error(e);
            return ExitStatus::Error;
        }
    };
    let year = clock::current_year();
    // What this run learnt: the network's answers, and the URLs that
    // --fix-redirects wrote (the ends of successful redirects).
    let mut answers = fresh;
    // Each failing URL's history with this run's failure, once a directory.
    let mut failing: HashMap<(PathBuf, String), FailingSince> = HashMap::new();
    let lasting = Lasting {
        runs: args.dead_after_runs.max(1),
        age: args.dead_after.as_secs(),
        now,
    };
    let mut archives = Archives {
        api: args.archive_api.clone(),
        off: args.no_archive,
        timeout: std::time::Duration::from_secs(args.timeout.max(1)),
        concurrency: args.host_concurrency,
        found: HashMap::new(),
    };
    for mut list in lists {
        let dir = cache_dir(&list.path);
        let mut found = checked(&list, &answers, &caches, &dir);
        for c in &found {
            if !answers.contains_key(&c.target.url) {
                continue;
            }
            match c.outcome {
                Outcome::Failing { .. } => {
                    failing
                        .entry((dir.clone(), c.target.url.clone()))
                        .or_insert_with(|| caches.fail(&dir, &c.target.url, now));
                }
                _ => caches.put(&dir, &c.target.url, &c.outcome, now),
            }
        }
        lasting.judge(&mut found, &failing, &dir);
        archives.attach(&mut found, &list, &dir, &mut caches, now);
        let mut diagnostics =
            rules::check_links(&Context::new(&list.doc, &list.config, year).with_links(&found));
        // --fix-redirects, then --fix-dead: each rewrites what the last
        // report names, and the list is checked again from what it wrote.
        // What each fix says it did: (one, many).
        let fixes: [(bool, RuleId, [&str; 2]); 2] = [
            (
                args.fix_redirects,
                RuleId::LinkRedirect,
                ["redirect", "redirects"],
            ),
            (
                args.fix_dead,
                RuleId::LinkDead,
                [
                    "dead link to its archived copy",
                    "dead links to their archived copies",
                ],
            ),
        ];
        for (wanted, rule, what) in fixes {
            if !wanted {
                continue;
            }
            match fix_urls(&mut list, &found, &diagnostics, rule, args.all) {
                Ok((rewritten, new_urls)) if rewritten > 0 => {
                    // The new URLs answered with success (the ends of the
                    // redirects, the checked snapshots): fine now.
                    for to in new_urls {
                        caches.put(&dir, &to, &Outcome::Ok, now);
                        answers.insert(to, Outcome::Ok);
                    }
                    found = checked(&list, &answers, &caches, &dir);
                    lasting.judge(&mut found, &failing, &dir);
                    archives.attach(&mut found, &list, &dir, &mut caches, now);
                    diagnostics = rules::check_links(
                        &Context::new(&list.doc, &list.config, year).with_links(&found),
                    );
                    if !args.quiet {
                        let what = what[usize::from(rewritten != 1)];
                        eprintln!("fixed {rewritten} {what} in {}", list.doc.source.name);
                    }
                }
                Ok(_) => {}
                Err(e) => {
                    error(&e);
                    failed = true;
                }
            }
        }
        reports.push(FileReport::new(list.doc.source, diagnostics));
    }
    caches.save();

    print(&render(&reports, args.format, use_color(color), args.quiet));
    exit_status(&reports, failed, args.deny_warnings)
}

/// A list was read from standard input.
fn paths_read_stdin(lists: &[List]) -> bool {
    lists.iter().any(|l| l.path.as_os_str() == fsio::STDIN)
}

/// Each link of a list with what was found of it: this run's answer, else
/// the cache's.
fn checked(
    list: &List,
    answers: &HashMap<String, Outcome>,
    caches: &Caches,
    dir: &Path,
) -> Vec<Checked> {
    list.targets
        .iter()
        .map(|t| Checked {
            target: t.clone(),
            outcome: answers
                .get(&t.url)
                .cloned()
                .or_else(|| caches.get(dir, &t.url))
                .unwrap_or(Outcome::Unchecked {
                    reason: "no answer".into(),
                }),
            failing: None,
            archived: None,
        })
        .collect()
}

/// When a failure that may pass counts as dead: it has failed on `runs`
/// runs (this one included), the first at least `age` seconds before
/// `now` (`--dead-after-runs`, `--dead-after`).
struct Lasting {
    runs: u32,
    age: u64,
    now: u64,
}

impl Lasting {
    /// Gives each failing link its history and its verdict: dead when the
    /// failure has lasted, else still failing (a warning).
    fn judge(
        &self,
        found: &mut [Checked],
        failing: &HashMap<(PathBuf, String), FailingSince>,
        dir: &Path,
    ) {
        for c in found {
            let Outcome::Failing { reason } = &c.outcome else {
                continue;
            };
            let since = failing
                .get(&(dir.to_owned(), c.target.url.clone()))
                .copied()
                .unwrap_or_else(|| next_failure(None, self.now));
            c.failing = Some(since);
            if since.failing_runs >= self.runs
                && self.now.saturating_sub(since.first_failure) >= self.age
            {
                c.outcome = Outcome::Dead {
                    reason: reason.clone(),
                };
            }
        }
    }
}

/// Asks the network about every URL no cache answers, each once.
fn check_network(
    lists: &[List],
    caches: &Caches,
    args: &LinksArgs,
) -> Result<HashMap<String, Outcome>, String> {
    let mut seen = HashSet::new();
    let urls: Vec<String> = lists
        .iter()
        .flat_map(|l| {
            let dir = cache_dir(&l.path);
            l.targets
                .iter()
                .filter(move |t| caches.get(&dir, &t.url).is_none())
                .map(|t| t.url.clone())
                .collect::<Vec<_>>()
        })
        .filter(|u| seen.insert(u.clone()))
        .collect();
    if urls.is_empty() {
        return Ok(HashMap::new());
    }
    network(&urls, args)
}

#[cfg(feature = "links")]
fn network(urls: &[String], args: &LinksArgs) -> Result<HashMap<String, Outcome>, String> {
    use std::time::Duration;
    let options = flinkscale::links::check::Options {
        timeout: Duration::from_secs(args.timeout.max(1)),
        max_retries: args.max_retries,
        retry_wait: Duration::from_secs(args.retry_wait),
        concurrency: args.concurrency,
        host_concurrency: args.host_concurrency,
        github_token: std::env::var("GITHUB_TOKEN").ok().filter(|t| !t.is_empty()),
        max_retry_wait: Duration::from_secs(args.max_retry_wait),
    };
    flinkscale::links::check::check_all(urls, &options)
}

#[cfg(not(feature = "links"))]
fn network(_: &[String], _: &LinksArgs) -> Result<HashMap<String, Outcome>, String> {
    Err(NO_NETWORK.to_owned())
}

/// `--fix-redirects` (`rule` is `link-redirect`) or `--fix-dead`
/// (`link-dead`) on one list: every reported diagnostic of `rule` whose URL
/// is written as it is read rewritten, to where it moved or to its checked
/// archived copy, through the safety net, atomically. The list is replaced
/// by what was written; returns how many URLs were rewritten and the
/// distinct new ones, as they are written.
fn fix_urls(
    list: &mut List,
    found: &[Checked],
    diagnostics: &[flinkscale::diagnostic::Diagnostic],
    rule: RuleId,
    all: bool,
) -> Result<(usize, Vec<String>), String> {
    let reported: HashSet<(usize, usize)> = diagnostics
        .iter()
        .filter(|d| d.rule == rule)
        .map(|d| (d.range.start, d.range.end))
        .collect();
    let mut new_urls = Vec::new();
    let rewrites: Vec<Rewrite> = found
        .iter()
        .filter(|c| {
            c.target.exact && reported.contains(&(c.target.range.start, c.target.range.end))
        })
        .filter_map(|c| {
            let to = match (&c.outcome, rule) {
                (Outcome::Moved { to, .. }, RuleId::LinkRedirect) => to,
                (Outcome::Dead { .. }, RuleId::LinkDead) => c.archived.as_ref()?,
                _ => return None,
            };
            // As the rewritten link will read.
            let to = markdown_url(to);
            new_urls.push(to.clone());
            Some(Rewrite {
                range: c.target.range.clone(),
                to,
            })
        })
        .collect();
    if rewrites.is_empty() {
        return Ok((0, Vec::new()));
    }
    let name = list.doc.source.name.clone();
    let text =
        redirects::apply(&list.doc, &list.config, &rewrites).map_err(|e| format!("{name}: {e}"))?;
    let bytes = list.doc.source.restore(&text).into_owned();
    fsio::write_atomic_unchanged(&list.path, bytes.as_bytes(), list.stamp.as_ref())
        .map_err(|e| e.to_string())?;
    let mut source = flinkscale::source::Source::new(name, &bytes);
    source.name = list.doc.source.name.clone();
    list.doc = Document::parse(source, &list.config);
    list.select(all);
    list.stamp = fsio::Stamp::of(&list.path);
    new_urls.sort();
    new_urls.dedup();
    Ok((rewrites.len(), new_urls))
}

/// Archived copies of the dead entries: looked up once a run each
/// (`links::archive`), kept in the cache once checked.
struct Archives {
    /// `--archive-api`, else the list's `links.archive-api`.
    api: Option<String>,
    /// `--no-archive`.
    off: bool,
    timeout: std::time::Duration,
    concurrency: usize,
    /// What this run found, by URL.
    found: HashMap<String, Option<String>>,
}

impl Archives {
    /// Gives each dead entry of `found` its checked archived copy, if it
    /// has one.
    fn attach(
        &mut self,
        found: &mut [Checked],
        list: &List,
        dir: &Path,
        caches: &mut Caches,
        now: u64,
    ) {
        if self.off {
            return;
        }
        let dead = |c: &Checked| c.target.entry && matches!(c.outcome, Outcome::Dead { .. });
        let mut wanted = Vec::new();
        for c in found.iter().filter(|c| dead(c)) {
            if self.found.contains_key(&c.target.url) {
                continue;
            }
            match caches.archived(dir, &c.target.url) {
                Some(snapshot) => {
                    self.found.insert(c.target.url.clone(), Some(snapshot));
                }
                None => wanted.push((c.target.url.clone(), c.target.year)),
            }
        }
        wanted.sort_by(|a, b| a.0.cmp(&b.0));
        wanted.dedup_by(|a, b| a.0 == b.0);
        if !wanted.is_empty() {
            let api = self
                .api
                .as_deref()
                .unwrap_or(&list.config.links.archive_api);
            match lookup_archives(&wanted, api, self.timeout, self.concurrency) {
                Ok(snapshots) => {
                    for (url, snapshot) in snapshots {
                        if let Some(s) = &snapshot {
                            caches.put_archived(dir, &url, s, now);
                        }
                        self.found.insert(url, snapshot);
                    }
                }
                Err(e) => eprintln!("warning: archived copies were not looked up: {e}"),
            }
        }
        for c in found.iter_mut().filter(|c| dead(c)) {
            c.archived = self.found.get(&c.target.url).cloned().flatten();
        }
    }
}

#[cfg(feature = "links")]
fn lookup_archives(
    wanted: &[(String, Option<u16>)],
    api: &str,
    timeout: std::time::Duration,
    concurrency: usize,
) -> Result<Vec<(String, Option<String>)>, String> {
    flinkscale::links::archive::snapshots(wanted, api, timeout, concurrency)
}

#[cfg(not(feature = "links"))]
fn lookup_archives(
    _: &[(String, Option<u16>)],
    _: &str,
    _: std::time::Duration,
    _: usize,
) -> Result<Vec<(String, Option<String>)>, String> {
    Err(NO_NETWORK.to_owned())
}

/// The directory whose cache a list uses: its own (the current one for
/// standard input, `-`).
fn cache_dir(path: &Path) -> PathBuf {
    fsio::dir_of(path).to_owned()
}

/// The caches of the lists' directories (none with `--no-cache`).
struct Caches(Option<HashMap<PathBuf, Cache>>);

impl Caches {
    fn load(lists: &[List], args: &LinksArgs, now: u64) -> Caches {
        if args.no_cache {
            return Caches(None);
        }
        let mut map = HashMap::new();
        for list in lists {
            let dir = cache_dir(&list.path);
            map.entry(dir.clone()).or_insert_with(|| {
                let (cache, warning) = Cache::load(&dir, args.max_cache_age, now);
                if let Some(w) = warning {
                    eprintln!("warning: {w}");
                }
                cache
            });
        }
        Caches(Some(map))
    }

    fn get(&self, dir: &Path, url: &str) -> Option<Outcome> {
        self.0.as_ref()?.get(dir)?.get(url)
    }

    /// The cache of `dir`, unless `--no-cache`.
    fn of(&mut self, dir: &Path) -> Option<&mut Cache> {
        self.0.as_mut()?.get_mut(dir)
    }

    /// Records a failure of `url` (without a cache: the first).
    fn fail(&mut self, dir: &Path, url: &str, now: u64) -> FailingSince {
        match self.of(dir) {
            Some(cache) => cache.fail(url, now),
            None => next_failure(None, now),
        }
    }

    fn archived(&self, dir: &Path, url: &str) -> Option<String> {
        Some(self.0.as_ref()?.get(dir)?.archived(url)?.to_owned())
    }

    fn put_archived(&mut self, dir: &Path, url: &str, snapshot: &str, now: u64) {
        if let Some(cache) = self.of(dir) {
            cache.put_archived(url, snapshot, now);
        }
    }

    fn put(&mut self, dir: &Path, url: &str, outcome: &Outcome, now: u64) {
        if let Some(cache) = self.of(dir) {
            cache.put(url, outcome, now);
        }
    }

    fn save(&self) {
        for cache in self.0.iter().flat_map(|m| m.values()) {
            if let Err(e) = cache.save() {
                eprintln!(
                    "warning: {}: the link cache was not saved ({e})",
                    cache.path().display()
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    /// The build without the network names installs that work today, and
    /// the README offers the same ones (no registry install before a
    /// release).
    #[test]
    fn the_no_network_message_names_installs_the_readme_offers() {
        let readme = include_str!("../../../../README.md");
        let commands: Vec<&str> = super::NO_NETWORK
            .split('`')
            .skip(1)
            .step_by(2)
            .filter(|c| c.starts_with("cargo install"))
            .collect();
        assert_eq!(commands.len(), 2, "{}", super::NO_NETWORK);
        for command in commands {
            let line = readme
                .lines()
                .find(|l| l.starts_with(command))
                .unwrap_or_else(|| panic!("the README does not offer `{command}`"));
            assert!(line[command.len()..].trim_start().starts_with('#') || line == command);
        }
    }
}
