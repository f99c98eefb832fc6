//! What `flinkscale links` does with lists once they are read: ask the
//! network about every link no cache answers (each URL once), age the
//! failures (a link is dead once its failure has lasted), look up archived
//! copies of dead entries, keep all of it in each directory's cache, and,
//! with `--fix-redirects` and `--fix-dead`, rewrite the links and check
//! the lists again from what was written. The command parses flags and
//! prints; the network is a [`Network`] (lychee's in a build with the
//! `links` feature, a fake in tests), so that all of this is tested in
//! process. It stands above the rules and the reports it runs, so it is
//! not in `links/`, which the rules read.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::config::Config;
use crate::diagnostic::{Diagnostic, FailingSince};
use crate::fsio;
use crate::links::cache::{next_failure, Cache};
use crate::links::redirects::{self, markdown_url, Rewrite};
use crate::links::{targets, Checked, Outcome, Target};
use crate::model::Document;
use crate::registry::RuleId;
use crate::report::FileReport;
use crate::rules::{self, Context};

/// What a build without the network says.
pub const NO_NETWORK: &str =
    "this flinkscale was built without the network, which `links` and `add --fetch` need: \
build it with the `links` feature, `cargo install --git https://github.com/flinkscale/flinkscale \
flinkscale --features links` (or `cargo install --path . --features links` in a checkout)";

/// Who answers for URLs.
pub trait Network {
    /// What each URL answers.
    fn check(&self, urls: &[String]) -> Result<HashMap<String, Outcome>, String>;
    /// The checked archived copy of each URL (with the entry's year, to
    /// ask for a copy of its time), if it has one.
    fn archives(
        &self,
        wanted: &[(String, Option<u16>)],
        api: &str,
    ) -> Result<Vec<(String, Option<String>)>, String>;
}

/// A build without the network: every question is [`NO_NETWORK`].
pub struct Offline;

impl Network for Offline {
    fn check(&self, _: &[String]) -> Result<HashMap<String, Outcome>, String> {
        Err(NO_NETWORK.to_owned())
    }

    fn archives(
        &self,
        _: &[(String, Option<u16>)],
        _: &str,
    ) -> Result<Vec<(String, Option<String>)>, String> {
        Err(NO_NETWORK.to_owned())
    }
}

/// The run's choices (the command's flags).
pub struct Options {
    /// Every http(s) link, not only entries' (`--all`).
    pub all: bool,
    pub fix_redirects: bool,
    pub fix_dead: bool,
    /// How old a cached answer may be; `None`: no cache (`--no-cache`).
    pub cache_max_age: Option<Duration>,
    /// A failure that may pass is dead after this many runs...
    pub dead_after_runs: u32,
    /// ...the first at least this long ago.
    pub dead_after: Duration,
    /// `--archive-api`, else each list's `links.archive-api`.
    pub archive_api: Option<String>,
    /// Archived copies looked up (not `--no-archive`).
    pub archives: bool,
    /// The clock: seconds since the epoch, and the year.
    pub now: u64,
    pub year: u16,
}

/// What the run says besides its reports, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Note {
    /// Something it did (`fixed 2 redirects in README.md`).
    Did(String),
    Warning(String),
    /// A list could not be rewritten (the run fails).
    Error(String),
}

/// One list, read and parsed, with its links.
pub struct List {
    pub path: PathBuf,
    pub doc: Document,
    pub config: Config,
    pub targets: Vec<Target>,
    /// The file as it was read, not to overwrite a change made since.
    pub stamp: Option<fsio::Stamp>,
    /// With `--changed-since`, the lines changed since then (`None`: all).
    pub changed: Option<Vec<Range<usize>>>,
}

impl List {
    /// `stamp` is the file's as it was before it was read.
    pub fn new(
        path: PathBuf,
        doc: Document,
        config: Config,
        stamp: Option<fsio::Stamp>,
        all: bool,
    ) -> List {
        let targets = targets(&doc, all);
        List {
            path,
            doc,
            config,
            targets,
            stamp,
            changed: None,
        }
    }

    /// Its links, those on changed lines only with `--changed-since`.
    pub fn select(&mut self, all: bool) {
        self.targets = targets(&self.doc, all);
        if let Some(changed) = &self.changed {
            self.targets.retain(|t| {
                changed
                    .iter()
                    .any(|c| c.start < t.lines.end && t.lines.start < c.end)
            });
        }
    }

    /// The directory whose cache it uses: its own (the current one for
    /// standard input, `-`).
    fn cache_dir(&self) -> PathBuf {
        fsio::dir_of(&self.path).to_owned()
    }
}

/// What a run found.
pub struct Run {
    /// One for each list, in order.
    pub reports: Vec<FileReport>,
    /// A list could not be rewritten.
    pub failed: bool,
}

/// Checks `lists` (and fixes them, as `options` say); `Err` when the
/// network could not be asked at all.
pub fn run(
    lists: Vec<List>,
    options: &Options,
    network: &dyn Network,
    note: &mut dyn FnMut(Note),
) -> Result<Run, String> {
    let now = options.now;
    let mut caches = Caches::load(&lists, options.cache_max_age, now, note);
    // What this run learnt: the network's answers, and the URLs that
    // --fix-redirects wrote (the ends of successful redirects).
    let mut answers = ask(&lists, &caches, network)?;
    // Each failing URL's history with this run's failure, once a directory.
    let mut failing: HashMap<(PathBuf, String), FailingSince> = HashMap::new();
    let lasting = Lasting {
        runs: options.dead_after_runs.max(1),
        age: options.dead_after.as_secs(),
        now,
    };
    let mut archives = Archives {
        network,
        now,
        api: options.archive_api.clone(),
        off: !options.archives,
        found: HashMap::new(),
    };
    let mut run = Run {
        reports: Vec::new(),
        failed: false,
    };
    for mut list in lists {
        let dir = list.cache_dir();
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
        // Failures aged, archived copies attached, the rules run.
        let mut judge = |found: &mut Vec<Checked>,
                         list: &List,
                         caches: &mut Caches,
                         note: &mut dyn FnMut(Note)| {
            lasting.judge(found, &failing, &dir);
            archives.attach(found, list, &dir, caches, note);
            let context = Context::new(&list.doc, &list.config, options.year);
            rules::check_links(&context.with_links(found))
        };
        let mut diagnostics = judge(&mut found, &list, &mut caches, note);
        // --fix-redirects, then --fix-dead: each rewrites what the last
        // report names, and the list is checked again from what it wrote.
        // What each fix says it did: (one, many).
        let fixes: [(bool, RuleId, [&str; 2]); 2] = [
            (
                options.fix_redirects,
                RuleId::LinkRedirect,
                ["redirect", "redirects"],
            ),
            (
                options.fix_dead,
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
            match fix_urls(&mut list, &found, &diagnostics, rule, options.all) {
                Ok((rewritten, new_urls)) if rewritten > 0 => {
                    // The new URLs answered with success (the ends of the
                    // redirects, the checked snapshots): fine now.
                    for to in new_urls {
                        caches.put(&dir, &to, &Outcome::Ok, now);
                        answers.insert(to, Outcome::Ok);
                    }
                    found = checked(&list, &answers, &caches, &dir);
                    diagnostics = judge(&mut found, &list, &mut caches, note);
                    let what = what[usize::from(rewritten != 1)];
                    note(Note::Did(format!(
                        "fixed {rewritten} {what} in {}",
                        list.doc.source.name
                    )));
                }
                Ok(_) => {}
                Err(e) => {
                    note(Note::Error(e));
                    run.failed = true;
                }
            }
        }
        run.reports
            .push(FileReport::new(list.doc.source, diagnostics));
    }
    caches.save(note);
    Ok(run)
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
fn ask(
    lists: &[List],
    caches: &Caches,
    network: &dyn Network,
) -> Result<HashMap<String, Outcome>, String> {
    let mut seen = HashSet::new();
    let urls: Vec<String> = lists
        .iter()
        .flat_map(|l| {
            let dir = l.cache_dir();
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
    network.check(&urls)
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
    diagnostics: &[Diagnostic],
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
    let encoding = list.doc.source.encoding;
    let bytes = fsio::commit(&list.path, &encoding, &text, list.stamp.as_ref())
        .map_err(|e| e.to_string())?
        .into_owned();
    let mut source = crate::source::Source::new(name, &bytes);
    source.name = list.doc.source.name.clone();
    list.doc = Document::parse(source, &list.config);
    list.select(all);
    list.stamp = fsio::Stamp::of(&list.path);
    new_urls.sort();
    new_urls.dedup();
    Ok((rewrites.len(), new_urls))
}

/// Archived copies of the dead entries: looked up once a run each, kept in
/// the cache once checked.
struct Archives<'n> {
    network: &'n dyn Network,
    now: u64,
    /// `--archive-api`, else the list's `links.archive-api`.
    api: Option<String>,
    /// `--no-archive`.
    off: bool,
    /// What this run found, by URL.
    found: HashMap<String, Option<String>>,
}

impl Archives<'_> {
    /// Gives each dead entry of `found` its checked archived copy, if it
    /// has one.
    fn attach(
        &mut self,
        found: &mut [Checked],
        list: &List,
        dir: &Path,
        caches: &mut Caches,
        note: &mut dyn FnMut(Note),
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
            match self.network.archives(&wanted, api) {
                Ok(snapshots) => {
                    for (url, snapshot) in snapshots {
                        if let Some(s) = &snapshot {
                            caches.put_archived(dir, &url, s, self.now);
                        }
                        self.found.insert(url, snapshot);
                    }
                }
                Err(e) => note(Note::Warning(format!(
                    "archived copies were not looked up: {e}"
                ))),
            }
        }
        for c in found.iter_mut().filter(|c| dead(c)) {
            c.archived = self.found.get(&c.target.url).cloned().flatten();
        }
    }
}

/// The caches of the lists' directories (none with `--no-cache`).
struct Caches(Option<HashMap<PathBuf, Cache>>);

impl Caches {
    fn load(
        lists: &[List],
        max_age: Option<Duration>,
        now: u64,
        note: &mut dyn FnMut(Note),
    ) -> Caches {
        let Some(max_age) = max_age else {
            return Caches(None);
        };
        let mut map = HashMap::new();
        for list in lists {
            let dir = list.cache_dir();
            map.entry(dir.clone()).or_insert_with(|| {
                let (cache, warning) = Cache::load(&dir, max_age, now);
                if let Some(w) = warning {
                    note(Note::Warning(w));
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

    fn save(&self, note: &mut dyn FnMut(Note)) {
        for cache in self.0.iter().flat_map(|m| m.values()) {
            if let Err(e) = cache.save() {
                note(Note::Warning(format!(
                    "{}: the link cache was not saved ({e})",
                    cache.path().display()
                )));
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
        let readme = include_str!("../README.md");
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
