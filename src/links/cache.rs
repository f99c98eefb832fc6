//! What earlier runs of `flinkscale links` found, so that CI re-runs do
//! not ask every host again: `.flinkscale-links-cache.json` in the list's
//! directory.
//!
//! ```json
//! {"version": 1, "links": {
//!   "https://a.example/post": {"checked": 1764500000, "status": "ok"},
//!   "https://b.example/old": {"checked": 1764500000, "status": "moved",
//!                             "code": 301, "to": "https://b.example/new"}}}
//! ```
//!
//! Only answers that a host gave for certain are trusted: a success, or a
//! success behind permanent redirects. A dead or unchecked link is asked
//! again on every run, so a failure is never taken for a success, and a
//! fixed link is seen at once. An answer older than `--max-cache-age` is
//! dropped. A cache that cannot be read is ignored (with a warning), never
//! an error: it only saves time.
//!
//! A link that fails in a way that may pass (refused, no such host, a
//! server error, a timeout) keeps its history instead, whatever its age:
//! `{"status": "failing", "first_failure": ..., "failing_runs": N,
//! "checked": ...}`, which `links` reads to tell a host down for an hour
//! from a page that is gone. A success, or a definitive 404/410, ends it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::outcome::Outcome;
use crate::diagnostic::FailingSince;

/// The cache's file name, in the list's directory.
pub const FILE_NAME: &str = ".flinkscale-links-cache.json";

/// Version 2 added the failing history; a version 1 file is read as it is.
/// 3: dead links are kept too (`"status": "dead"`), which a version 2
/// reader would fail on; it reads a newer file as unknown and starts anew.
const VERSION: u32 = 3;

#[derive(Debug, Default, Serialize, Deserialize)]
struct File {
    version: u32,
    links: BTreeMap<String, Record>,
    /// Dead URLs' archived copies that were checked to answer.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    archives: BTreeMap<String, Archived>,
}

/// A checked snapshot of a dead URL.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Archived {
    checked: u64,
    snapshot: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Record {
    /// Seconds since the Unix epoch.
    checked: u64,
    #[serde(flatten)]
    status: Status,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "lowercase")]
enum Status {
    Ok,
    Moved {
        code: u16,
        to: String,
    },
    Failing {
        first_failure: u64,
        failing_runs: u32,
    },
    /// A 404 or 410: kept to show what the last run found (the editor's
    /// hover), never trusted: a dead link is asked again on every run.
    Dead {
        reason: String,
    },
}

/// The cache of one directory.
#[derive(Debug)]
pub struct Cache {
    path: PathBuf,
    links: BTreeMap<String, Record>,
    archives: BTreeMap<String, Archived>,
    changed: bool,
}

impl Cache {
    /// Everything the last runs left beside the list in `dir`, however old
    /// (what the editor's hover and the site's page show, each with its
    /// date or as a hint, never as a verdict to act on).
    pub fn load_any_age(dir: &Path) -> Cache {
        let far = Duration::from_secs(u64::MAX / 2);
        Cache::load(dir, far, crate::clock::unix_seconds()).0
    }

    /// The cache beside the list in `dir`, keeping only what is younger
    /// than `max_age` at `now` (seconds since the epoch). A missing file is
    /// an empty cache; an unreadable one too, with the warning returned.
    pub fn load(dir: &Path, max_age: Duration, now: u64) -> (Cache, Option<String>) {
        let path = dir.join(FILE_NAME);
        let mut cache = Cache {
            path,
            links: BTreeMap::new(),
            archives: BTreeMap::new(),
            changed: false,
        };
        let text = match std::fs::read_to_string(&cache.path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return (cache, None),
            Err(e) => {
                let warning = format!(
                    "{}: not read ({e}); every link is checked",
                    cache.path.display()
                );
                return (cache, Some(warning));
            }
        };
        let file: File = match serde_json::from_str(&text) {
            Ok(file) => file,
            Err(e) => {
                cache.changed = true;
                let warning = format!(
                    "{}: not a flinkscale links cache ({e}); every link is checked and the file rewritten",
                    cache.path.display()
                );
                return (cache, Some(warning));
            }
        };
        if !(1..=VERSION).contains(&file.version) {
            cache.changed = true;
            return (cache, None);
        }
        let before = file.links.len() + file.archives.len();
        let fresh = |checked: u64| checked <= now && now - checked < max_age.as_secs();
        cache.archives = file
            .archives
            .into_iter()
            .filter(|(_, a)| fresh(a.checked))
            .collect();
        cache.links = file
            .links
            .into_iter()
            .filter(|(_, r)| {
                matches!(r.status, Status::Failing { .. })
                    || (r.checked <= now && now - r.checked < max_age.as_secs())
            })
            .collect();
        cache.changed = cache.links.len() + cache.archives.len() != before;
        (cache, None)
    }

    /// What the cache knows of `url` for certain: a success or a move,
    /// which spares asking again.
    pub fn get(&self, url: &str) -> Option<Outcome> {
        Some(match &self.links.get(url)?.status {
            Status::Ok => Outcome::Ok,
            Status::Moved { code, to } => Outcome::Moved {
                code: *code,
                to: to.clone(),
            },
            Status::Failing { .. } | Status::Dead { .. } => return None,
        })
    }

    /// Since when `url` has been failing, as earlier runs saw it.
    pub fn failing(&self, url: &str) -> Option<FailingSince> {
        match self.links.get(url)?.status {
            Status::Failing {
                first_failure,
                failing_runs,
            } => Some(FailingSince {
                first_failure,
                failing_runs,
            }),
            _ => None,
        }
    }

    /// What the last run that checked `url` found, and when (seconds since
    /// the epoch), in words: what the editor shows over a URL (`lsp`),
    /// which never asks the network itself.
    pub fn last(&self, url: &str) -> Option<(u64, String)> {
        let record = self.links.get(url)?;
        let said = match &record.status {
            Status::Ok => "answered".to_owned(),
            Status::Moved { code, to } => format!("moved for good ({code}) to {to}"),
            Status::Failing {
                first_failure,
                failing_runs,
            } => format!(
                "failing since {} ({failing_runs} run{})",
                crate::clock::date_time(*first_failure),
                if *failing_runs == 1 { "" } else { "s" }
            ),
            Status::Dead { reason } => format!("dead: {reason}"),
        };
        Some((record.checked, said))
    }

    /// What the last run found of `url`, in a word (`ok`, `moved`,
    /// `failing`, `dead`), however old: the page's link filter.
    pub fn health(&self, url: &str) -> Option<&'static str> {
        Some(match &self.links.get(url)?.status {
            Status::Ok => "ok",
            Status::Moved { .. } => "moved",
            Status::Failing { .. } => "failing",
            Status::Dead { .. } => "dead",
        })
    }

    /// The checked archived copy of dead `url` an earlier run found.
    pub fn archived(&self, url: &str) -> Option<&str> {
        self.archives.get(url).map(|a| a.snapshot.as_str())
    }

    /// Keeps the checked archived copy of dead `url`.
    pub fn put_archived(&mut self, url: &str, snapshot: &str, now: u64) {
        self.archives.insert(
            url.to_owned(),
            Archived {
                checked: now,
                snapshot: snapshot.to_owned(),
            },
        );
        self.changed = true;
    }

    /// Records that `url` failed (again) at `now`; its history since.
    pub fn fail(&mut self, url: &str, now: u64) -> FailingSince {
        let since = next_failure(self.failing(url), now);
        self.links.insert(
            url.to_owned(),
            Record {
                checked: now,
                status: Status::Failing {
                    first_failure: since.first_failure,
                    failing_runs: since.failing_runs,
                },
            },
        );
        self.changed = true;
        since
    }

    /// Keeps what was found of `url` at `now`, if it is a certain answer.
    pub fn put(&mut self, url: &str, outcome: &Outcome, now: u64) {
        let status = match outcome {
            Outcome::Ok => Status::Ok,
            Outcome::Moved { code, to } => Status::Moved {
                code: *code,
                to: to.clone(),
            },
            // Failures are asked again next time (and a link that was fine
            // and is now failing is no longer taken as fine); a failure
            // that may pass keeps its history ([`Cache::fail`]), which an
            // answer that says nothing (429) leaves as it is.
            Outcome::Failing { .. } => {
                self.fail(url, now);
                return;
            }
            Outcome::Unchecked { .. } | Outcome::Deferred { .. } if self.failing(url).is_some() => {
                return
            }
            // A page that is gone: what was found is kept for the editor,
            // and asked again next time ([`Cache::get`] does not trust it).
            Outcome::Dead { reason } => Status::Dead {
                reason: reason.clone(),
            },
            Outcome::Home { .. } | Outcome::Unchecked { .. } | Outcome::Deferred { .. } => {
                self.changed |= self.links.remove(url).is_some();
                return;
            }
        };
        self.links.insert(
            url.to_owned(),
            Record {
                checked: now,
                status,
            },
        );
        self.changed = true;
    }

    /// Writes the cache if anything changed (atomically: a reader never
    /// sees half a file).
    pub fn save(&self) -> Result<(), String> {
        if !self.changed {
            return Ok(());
        }
        let file = File {
            version: VERSION,
            links: self.links.clone(),
            archives: self.archives.clone(),
        };
        let mut text = serde_json::to_string_pretty(&file).map_err(|e| e.to_string())?;
        text.push('\n');
        crate::fsio::write_atomic(&self.path, text.as_bytes()).map_err(|e| e.to_string())
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// The history after one more failing run at `now`.
pub fn next_failure(before: Option<FailingSince>, now: u64) -> FailingSince {
    match before {
        Some(b) => FailingSince {
            first_failure: b.first_failure.min(now),
            failing_runs: b.failing_runs.saturating_add(1),
        },
        None => FailingSince {
            first_failure: now,
            failing_runs: 1,
        },
    }
}

/// `--max-cache-age`: a number with a unit, `s`, `m`, `h`, `d` or `w`
/// (`1d`, `12h`, `0s` for no cache); a bare number is seconds.
pub fn parse_age(text: &str) -> Result<Duration, String> {
    let text = text.trim();
    let split = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let number: u64 = number.parse().map_err(|_| {
        format!("`{text}` is not an age: write a number and a unit, e.g. `1d` or `12h`")
    })?;
    let seconds = match unit.trim() {
        "" | "s" => 1,
        "m" => 60,
        "h" => 3600,
        "d" => 86_400,
        "w" => 7 * 86_400,
        other => return Err(format!("unknown unit `{other}`: use s, m, h, d or w")),
    };
    Ok(Duration::from_secs(number.saturating_mul(seconds)))
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: Duration = Duration::from_secs(86_400);

    /// A 404 is kept to be shown (the editor's hover), and asked again.
    #[test]
    fn a_dead_link_is_shown_but_never_trusted() {
        let dir = tempfile::tempdir().unwrap();
        let (mut cache, _) = Cache::load(dir.path(), DAY, 1_000);
        let url = "https://a.example/gone";
        cache.put(
            url,
            &Outcome::Dead {
                reason: "404 Not Found".into(),
            },
            1_000,
        );
        assert_eq!(cache.get(url), None);
        assert_eq!(cache.failing(url), None);
        cache.save().unwrap();
        let (again, _) = Cache::load(dir.path(), DAY, 1_100);
        assert_eq!(
            again.last(url).map(|l| l.1),
            Some("dead: 404 Not Found".to_owned())
        );
        assert_eq!(again.get(url), None);
    }

    #[test]
    fn a_failing_history_outlives_the_cache_age_and_ends_on_success_or_404() {
        let dir = tempfile::tempdir().unwrap();
        let (mut cache, _) = Cache::load(dir.path(), DAY, 1000);
        let refused = Outcome::Failing {
            reason: "connection refused".into(),
        };
        cache.put("https://down/", &refused, 1000);
        cache.put("https://gone/", &refused, 1000);
        cache.save().unwrap();
        // A week later, far past --max-cache-age: the history is kept, and
        // a failure counts one more run from the same first failure.
        let week = 1000 + 7 * 86_400;
        let (mut cache, _) = Cache::load(dir.path(), DAY, week);
        assert_eq!(cache.get("https://down/"), None, "never a reason to skip");
        assert_eq!(
            cache.fail("https://down/", week),
            FailingSince {
                first_failure: 1000,
                failing_runs: 2
            }
        );
        // A 429 says nothing: the history stays.
        let busy = Outcome::Unchecked {
            reason: "429".into(),
        };
        cache.put("https://down/", &busy, week);
        assert_eq!(cache.failing("https://down/").unwrap().failing_runs, 2);
        cache.put("https://down/", &Outcome::Ok, week);
        assert_eq!(cache.failing("https://down/"), None, "a success ends it");
        let gone = Outcome::Dead {
            reason: "404".into(),
        };
        cache.put("https://gone/", &gone, week);
        assert_eq!(cache.failing("https://gone/"), None);
    }

    #[test]
    fn the_last_result_says_what_was_found_and_when() {
        let dir = tempfile::tempdir().unwrap();
        let (mut cache, _) = Cache::load(dir.path(), DAY, 1000);
        let moved = Outcome::Moved {
            code: 301,
            to: "https://b/new".into(),
        };
        cache.put("https://a/", &Outcome::Ok, 1000);
        cache.put("https://b/", &moved, 1000);
        cache.fail("https://c/", 86_400);
        assert_eq!(cache.last("https://a/"), Some((1000, "answered".into())));
        assert_eq!(
            cache.last("https://b/"),
            Some((1000, "moved for good (301) to https://b/new".into()))
        );
        assert_eq!(
            cache.last("https://c/"),
            Some((86_400, "failing since 1970-01-02 00:00 UTC (1 run)".into()))
        );
        assert_eq!(cache.last("https://never/"), None);
    }

    #[test]
    fn a_version_1_cache_is_still_read() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join(FILE_NAME),
            r#"{"version": 1, "links": {"https://a/": {"checked": 10, "status": "ok"}}}"#,
        )
        .unwrap();
        let (cache, warning) = Cache::load(dir.path(), DAY, 20);
        assert!(warning.is_none());
        assert_eq!(cache.get("https://a/"), Some(Outcome::Ok));
    }

    #[test]
    fn only_certain_answers_are_kept_and_they_expire() {
        let dir = tempfile::tempdir().unwrap();
        let (mut cache, warning) = Cache::load(dir.path(), DAY, 1000);
        assert!(warning.is_none());
        let moved = Outcome::Moved {
            code: 301,
            to: "https://b/new".into(),
        };
        cache.put("https://a/", &Outcome::Ok, 1000);
        cache.put("https://b/", &moved, 1000);
        cache.put(
            "https://c/",
            &Outcome::Dead {
                reason: "404".into(),
            },
            1000,
        );
        cache.put(
            "https://d/",
            &Outcome::Unchecked {
                reason: "429".into(),
            },
            1000,
        );
        cache.save().unwrap();

        let (cache, _) = Cache::load(dir.path(), DAY, 1000 + 3600);
        assert_eq!(cache.get("https://a/"), Some(Outcome::Ok));
        assert_eq!(cache.get("https://b/"), Some(moved));
        assert_eq!(cache.get("https://c/"), None, "failures are never cached");
        assert_eq!(cache.get("https://d/"), None);

        let (cache, _) = Cache::load(dir.path(), DAY, 1000 + 86_400);
        assert_eq!(cache.get("https://a/"), None, "a day old is too old");
    }

    #[test]
    fn a_link_that_fails_now_leaves_the_cache() {
        let dir = tempfile::tempdir().unwrap();
        let (mut cache, _) = Cache::load(dir.path(), DAY, 10);
        cache.put("https://a/", &Outcome::Ok, 10);
        cache.put(
            "https://a/",
            &Outcome::Dead {
                reason: "410".into(),
            },
            20,
        );
        assert_eq!(cache.get("https://a/"), None);
    }

    #[test]
    fn a_broken_cache_is_a_warning_and_is_rewritten() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(FILE_NAME), "{not json").unwrap();
        let (mut cache, warning) = Cache::load(dir.path(), DAY, 10);
        assert!(warning.unwrap().contains("not a flinkscale links cache"));
        cache.put("https://a/", &Outcome::Ok, 10);
        cache.save().unwrap();
        let (cache, warning) = Cache::load(dir.path(), DAY, 10);
        assert!(warning.is_none());
        assert_eq!(cache.get("https://a/"), Some(Outcome::Ok));
    }

    #[test]
    fn ages() {
        assert_eq!(parse_age("1d"), Ok(DAY));
        assert_eq!(parse_age("12h"), Ok(Duration::from_secs(43_200)));
        assert_eq!(parse_age("90"), Ok(Duration::from_secs(90)));
        assert_eq!(parse_age("0s"), Ok(Duration::ZERO));
        assert!(parse_age("1y").unwrap_err().contains("unknown unit `y`"));
        assert!(parse_age("soon").is_err());
    }
}
