//! `links_engine` in process, with a network of our own making: what is
//! asked (each URL once, none the cache answers), how failures age into
//! dead links across runs, and the fix loop (the file rewritten, the list
//! checked again from what was written).

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::Path;
use std::time::Duration;

use flinkscale::config::Config;
use flinkscale::links::Outcome;
use flinkscale::links_engine::{self as engine, List, Network, Note, Options};
use flinkscale::model::Document;

/// Answers from a table; remembers every URL it was asked about.
#[derive(Default)]
struct Fake {
    answers: HashMap<&'static str, Outcome>,
    archived: HashMap<&'static str, &'static str>,
    asked: RefCell<Vec<String>>,
}

impl Network for Fake {
    fn check(&self, urls: &[String]) -> Result<HashMap<String, Outcome>, String> {
        self.asked.borrow_mut().extend(urls.iter().cloned());
        Ok(urls
            .iter()
            .map(|u| {
                let outcome = self.answers.get(u.as_str()).cloned().unwrap_or(Outcome::Ok);
                (u.clone(), outcome)
            })
            .collect())
    }

    fn archives(
        &self,
        wanted: &[(String, Option<u16>)],
        _: &str,
    ) -> Result<Vec<(String, Option<String>)>, String> {
        Ok(wanted
            .iter()
            .map(|(u, _)| {
                (
                    u.clone(),
                    self.archived.get(u.as_str()).map(|s| s.to_string()),
                )
            })
            .collect())
    }
}

const LIST: &str = "# Acme at scale\n\n## Table of Contents\n\n- [Acme](#acme)\n\n## Acme\n\n\
- [Moved](https://acme.example.com/old) - `2024` - :books:\n\
- [Flaky](https://flaky.example.com/post) - `2023` - :books:\n\
- [Gone](https://gone.example.com/post) - `2022` - :books:\n";

fn options(now: u64) -> Options {
    Options {
        all: false,
        fix_redirects: false,
        fix_dead: false,
        cache_max_age: Some(Duration::from_secs(86_400)),
        dead_after_runs: 2,
        dead_after: Duration::ZERO,
        archive_api: None,
        archives: true,
        now,
        year: 2026,
    }
}

fn list(path: &Path) -> List {
    let config = Config::default();
    let source = flinkscale::fsio::read_source(path).unwrap();
    let doc = Document::parse(source, &config);
    List::new(path.to_owned(), doc, config, None, false)
}

fn fake() -> Fake {
    Fake {
        answers: HashMap::from([
            (
                "https://acme.example.com/old",
                Outcome::Moved {
                    code: 301,
                    to: "https://acme.example.com/new".into(),
                },
            ),
            (
                "https://flaky.example.com/post",
                Outcome::Failing {
                    reason: "503 Service Unavailable".into(),
                },
            ),
            (
                "https://gone.example.com/post",
                Outcome::Dead {
                    reason: "404 Not Found".into(),
                },
            ),
        ]),
        archived: HashMap::from([(
            "https://gone.example.com/post",
            "https://web.archive.org/web/2022/https://gone.example.com/post",
        )]),
        asked: RefCell::default(),
    }
}

/// The rules each run reports, in order.
fn rules(run: &engine::Run) -> Vec<String> {
    run.reports[0]
        .diagnostics
        .iter()
        .map(|d| d.rule.as_str().to_owned())
        .collect()
}

#[test]
fn a_failure_is_dead_once_it_has_lasted_and_the_cache_answers_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("README.md");
    std::fs::write(&path, LIST).unwrap();
    let network = fake();
    let mut notes = Vec::new();
    let first = engine::run(vec![list(&path)], &options(1_000), &network, &mut |n| {
        notes.push(n)
    })
    .unwrap();
    assert_eq!(network.asked.borrow().len(), 3, "each URL asked once");
    assert_eq!(
        rules(&first),
        ["link-redirect", "link-unchecked", "link-dead"],
        "the first failure of a flaky host is a warning"
    );
    assert!(notes.is_empty(), "{notes:?}");
    // The next run: the cache answers the redirect; a dead verdict is
    // never trusted (asked again each run, in case the page is back), and
    // the failing one, asked again, fails again and has now lasted.
    network.asked.borrow_mut().clear();
    let second = engine::run(vec![list(&path)], &options(2_000), &network, &mut |_| {}).unwrap();
    assert_eq!(
        *network.asked.borrow(),
        [
            "https://flaky.example.com/post",
            "https://gone.example.com/post"
        ],
        "only what the cache cannot answer"
    );
    assert_eq!(rules(&second), ["link-redirect", "link-dead", "link-dead"]);
    // Without a cache nothing is remembered: the failure is new again.
    let mut fresh = options(3_000);
    fresh.cache_max_age = None;
    let third = engine::run(vec![list(&path)], &fresh, &network, &mut |_| {}).unwrap();
    assert_eq!(
        rules(&third),
        ["link-redirect", "link-unchecked", "link-dead"]
    );
}

#[test]
fn fixes_rewrite_the_file_and_the_list_is_checked_again_from_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("README.md");
    std::fs::write(&path, LIST).unwrap();
    let network = fake();
    let mut options = options(1_000);
    options.fix_redirects = true;
    options.fix_dead = true;
    let mut notes = Vec::new();
    let run = engine::run(vec![list(&path)], &options, &network, &mut |n| {
        notes.push(n)
    })
    .unwrap();
    assert!(!run.failed);
    assert_eq!(
        notes,
        [
            Note::Did(format!("fixed 1 redirect in {}", path.display())),
            Note::Did(format!(
                "fixed 1 dead link to its archived copy in {}",
                path.display()
            )),
        ]
    );
    let written = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        written,
        LIST.replace("acme.example.com/old", "acme.example.com/new")
            .replace(
                "https://gone.example.com/post",
                "https://web.archive.org/web/2022/https://gone.example.com/post"
            )
    );
    // What is left is the flaky host, which no fix touches.
    assert_eq!(rules(&run), ["link-unchecked"]);
    // The new URLs were never asked about: they answered through the fix.
    assert_eq!(network.asked.borrow().len(), 3);
}

#[test]
fn a_network_that_cannot_be_asked_is_an_error_before_any_report() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("README.md");
    std::fs::write(&path, LIST).unwrap();
    let Err(said) = engine::run(
        vec![list(&path)],
        &options(1_000),
        &engine::Offline,
        &mut |_| {},
    ) else {
        panic!("an offline build checks nothing");
    };
    assert_eq!(said, engine::NO_NETWORK);
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        LIST,
        "nothing written"
    );
}
