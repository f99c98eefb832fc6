//! `flinkscale links` and `add --fetch` against an HTTP server on
//! 127.0.0.1 (wiremock, port 0) started by each test: no test touches the
//! internet. Every command is bounded in time, every server in requests.
#![cfg(feature = "links")]

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::common;
use crate::common::flinkscale;
use serde_json::Value;
use tokio::runtime::Runtime;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// A server and the runtime it runs on (the commands run beside it).
struct Server {
    runtime: Runtime,
    mock: MockServer,
}

impl Server {
    fn start() -> Server {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        let mock = runtime.block_on(MockServer::start());
        Server { runtime, mock }
    }

    fn url(&self, p: &str) -> String {
        format!("{}{p}", self.mock.uri())
    }

    /// Answers GET `p` with `response`.
    fn route(&self, p: &str, response: ResponseTemplate) {
        self.runtime.block_on(
            Mock::given(method("GET"))
                .and(path(p))
                .respond_with(response)
                .mount(&self.mock),
        );
    }

    /// Answers the first GET of `p` with `first`, and the later ones as
    /// [`Server::route`] says.
    fn route_once(&self, p: &str, first: ResponseTemplate) {
        self.runtime.block_on(
            Mock::given(method("GET"))
                .and(path(p))
                .respond_with(first)
                .up_to_n_times(1)
                .with_priority(1)
                .mount(&self.mock),
        );
    }

    /// Answers GET `p` with a redirect to `to`.
    fn redirect(&self, p: &str, code: u16, to: &str) {
        self.route(p, ResponseTemplate::new(code).insert_header("Location", to));
    }

    /// Every request received so far, as (path, user agent).
    fn requests(&self) -> Vec<(String, String)> {
        self.runtime
            .block_on(self.mock.received_requests())
            .unwrap_or_default()
            .iter()
            .map(|r| {
                let agent = r
                    .headers
                    .get("user-agent")
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or("")
                    .to_owned();
                (r.url.path().to_owned(), agent)
            })
            .collect()
    }

    fn count(&self, p: &str) -> usize {
        self.requests().iter().filter(|(q, _)| q == p).count()
    }
}

/// Every test's server bounds its requests: a runaway retry or redirect
/// loop fails the test that caused it.
impl Drop for Server {
    fn drop(&mut self) {
        if !std::thread::panicking() {
            let n = self.requests().len();
            assert!(n <= 60, "{n} requests: more than any test needs");
        }
    }
}

/// A port on 127.0.0.1 that nothing listens on: connections are refused.
fn closed_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

/// A list in a fresh directory, with one entry per `(title, url)`.
fn list(entries: &[(&str, &str)], prose: &str) -> (tempfile::TempDir, PathBuf, String) {
    let dir = tempfile::tempdir().unwrap();
    let mut text =
        String::from("# Links at scale\n\n## Contents\n\n- [Acme](#acme)\n\n## Acme\n\n");
    for (i, (title, url)) in entries.iter().enumerate() {
        text.push_str(&format!("- [{title}]({url}) - `{}` - :books:\n", 2025 - i));
    }
    text.push_str(prose);
    let path = dir.path().join("README.md");
    fs::write(&path, &text).unwrap();
    (dir, path, text)
}

/// Runs `links` with short timeouts and no retries; (exit code, stdout).
fn links(path: &Path, extra: &[&str]) -> (i32, String, String) {
    let out = flinkscale()
        .arg("links")
        .args(["--timeout", "2", "--max-retries", "0", "--retry-wait", "0"])
        .args(extra)
        .arg(path)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// The JSON report's diagnostics as (line, column, rule, message).
fn diagnostics(json: &str) -> Vec<(u64, u64, String, String)> {
    let v: Value = serde_json::from_str(json).unwrap();
    v["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
                d["rule"].as_str().unwrap().to_owned(),
                d["message"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[test]
fn every_answer_is_its_rule_on_the_entrys_line_and_column() {
    let s = Server::start();
    s.route("/ok", ResponseTemplate::new(200));
    s.route("/final", ResponseTemplate::new(200));
    s.route("/gone", ResponseTemplate::new(404));
    s.route("/removed", ResponseTemplate::new(410));
    s.redirect("/moved", 301, &s.url("/final"));
    s.redirect("/chain", 308, &s.url("/chain2"));
    s.redirect("/chain2", 301, &s.url("/final"));
    s.redirect("/temporary", 302, &s.url("/final"));
    s.redirect("/loop", 301, &s.url("/loop"));
    s.route(
        "/busy",
        ResponseTemplate::new(429).insert_header("Retry-After", "1"),
    );
    s.route(
        "/slow",
        ResponseTemplate::new(200).set_delay(Duration::from_secs(5)),
    );
    let refused = format!("http://127.0.0.1:{}/post", closed_port());
    let entries = [
        ("Fine", s.url("/ok")),
        ("Gone", s.url("/gone")),
        ("Removed", s.url("/removed")),
        ("Moved", s.url("/moved")),
        ("Chain", s.url("/chain")),
        ("Temporary", s.url("/temporary")),
        ("Loop", s.url("/loop")),
        ("Busy", s.url("/busy")),
        ("Slow", s.url("/slow")),
        ("Refused", refused.clone()),
    ];
    let entries: Vec<(&str, &str)> = entries.iter().map(|(t, u)| (*t, u.as_str())).collect();
    let (_dir, path, _) = list(&entries, "");
    let started = std::time::Instant::now();
    let (code, out, err) = links(&path, &["--format", "json", "--no-cache"]);
    assert!(started.elapsed() < Duration::from_secs(30), "bounded");
    assert_eq!(code, 1, "dead links are errors: {err}");
    let found = diagnostics(&out);
    let at = |line: u64| -> Vec<&(u64, u64, String, String)> {
        found.iter().filter(|d| d.0 == line).collect()
    };
    // Entries start on line 9; each URL at the column after `- [Title](`.
    let column = |title: &str| title.len() as u64 + 6;
    let expect = |line: u64, title: &str, rule: &str, message: &str| {
        let d = at(line);
        assert_eq!(d.len(), 1, "line {line}: {found:?}");
        assert_eq!(
            (d[0].1, d[0].2.as_str()),
            (column(title), rule),
            "line {line}"
        );
        assert!(d[0].3.contains(message), "line {line}: {}", d[0].3);
    };
    assert!(at(9).is_empty(), "200 is fine");
    expect(10, "Gone", "link-dead", "is dead: 404 Not Found");
    expect(11, "Removed", "link-dead", "is dead: 410 Gone");
    expect(12, "Moved", "link-redirect", "moved permanently (301)");
    expect(13, "Chain", "link-redirect", "moved permanently (308)");
    assert!(at(14).is_empty(), "a temporary redirect is no move");
    expect(15, "Loop", "link-unchecked", "redirects did not end");
    expect(16, "Busy", "link-unchecked", "429 Too Many Requests");
    // Failures that may pass are warnings on their first run.
    expect(17, "Slow", "link-unchecked", "is failing: timed out, since");
    expect(
        18,
        "Refused",
        "link-unchecked",
        "is failing: connection refused",
    );
    assert_eq!(found.len(), 8, "{found:?}");
    // The help names where a redirect ends, through the whole chain.
    let v: Value = serde_json::from_str(&out).unwrap();
    let helps: Vec<&str> = v["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == "link-redirect")
        .map(|d| d["help"].as_str().unwrap())
        .collect();
    for help in helps {
        assert!(
            help.starts_with(&format!("link to `{}`", s.url("/final"))),
            "{help}"
        );
    }
    // Every request names flinkscale; the redirect loop was cut short.
    let requests = s.requests();
    assert!(
        requests
            .iter()
            .all(|(_, agent)| agent.starts_with("flinkscale/")),
        "{requests:?}"
    );
    assert!(s.count("/loop") <= 12, "{}", s.count("/loop"));
    assert!(requests.len() < 40, "{}", requests.len());
}

#[test]
fn every_output_format_reports_the_link_rules() {
    let s = Server::start();
    s.route("/gone", ResponseTemplate::new(404));
    s.redirect("/moved", 308, &s.url("/gone-too"));
    s.route("/gone-too", ResponseTemplate::new(200));
    let (gone, moved) = (s.url("/gone"), s.url("/moved"));
    let (_dir, path, _) = list(&[("Gone", &gone), ("Moved", &moved)], "");
    let run = |format: &str| {
        let (code, out, _) = links(&path, &["--format", format, "--no-cache"]);
        assert_eq!(code, 1, "{format}");
        out
    };
    let short = run("short");
    assert!(
        short.contains("README.md:9:10: error[link-dead]"),
        "{short}"
    );
    assert!(
        short.contains("README.md:10:11: warning[link-redirect]"),
        "{short}"
    );
    let github = run("github");
    assert!(github.contains("::error file="), "{github}");
    assert!(
        github.contains("line=9,") && github.contains("col=10,"),
        "{github}"
    );
    assert!(github.contains("title=link-dead"), "{github}");
    assert!(
        github.contains("::warning file=") && github.contains("title=link-redirect"),
        "{github}"
    );
    let human = run("human");
    assert!(human.contains("link-dead: `"), "{human}");
    assert!(human.contains("README.md:9:10"), "{human}");
    assert!(human.contains("1 error, 1 warning"), "{human}");
    let sarif: Value = serde_json::from_str(&run("sarif")).unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let rules: Vec<&str> = results
        .iter()
        .map(|r| r["ruleId"].as_str().unwrap())
        .collect();
    assert_eq!(rules, ["link-dead", "link-redirect"]);
    let region = &results[0]["locations"][0]["physicalLocation"]["region"];
    assert_eq!(
        (region["startLine"].as_u64(), region["startColumn"].as_u64()),
        (Some(9), Some(10))
    );
    // --deny-warnings: a redirect alone fails too; without it, warnings pass.
    let (_d2, only_moved, _) = list(&[("Moved", &moved)], "");
    assert_eq!(links(&only_moved, &["--no-cache"]).0, 0);
    assert_eq!(links(&only_moved, &["--no-cache", "--deny-warnings"]).0, 1);
}

#[test]
fn retries_back_off_and_then_succeed() {
    let s = Server::start();
    s.route_once("/flaky", ResponseTemplate::new(429));
    s.route("/flaky", ResponseTemplate::new(200));
    let flaky = s.url("/flaky");
    let (_dir, path, _) = list(&[("Flaky", &flaky)], "");
    let out = flinkscale()
        .args([
            "links",
            "--no-cache",
            "--max-retries",
            "2",
            "--retry-wait",
            "0",
        ])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert_eq!(
        s.count("/flaky"),
        3,
        "one 429, the GET that reads its Retry-After, one retry"
    );
}

/// A host that asks to be retried in an hour is not waited for: each of
/// its links is `link-unchecked` at once, saying when to retry, and once
/// one has read the header nothing more is asked of that host (the links
/// already waiting on it give up too).
#[test]
fn a_long_retry_after_is_not_waited_for() {
    let s = Server::start();
    let paths: Vec<String> = (0..12).map(|i| format!("/busy{i}")).collect();
    for p in &paths {
        s.route(
            p,
            ResponseTemplate::new(429).insert_header("Retry-After", "3600"),
        );
    }
    let urls: Vec<String> = paths.iter().map(|p| s.url(p)).collect();
    let entries: Vec<(&str, &str)> = urls.iter().map(|u| ("Busy", u.as_str())).collect();
    let (_dir, path, _) = list(&entries, "");
    let started = std::time::Instant::now();
    let out = flinkscale()
        .args(["links", "--no-cache", "--format", "json"])
        .args(["--timeout", "5", "--max-retries", "2", "--retry-wait", "1"])
        .arg(&path)
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    let took = started.elapsed();
    // The bound is 5 s x 3 + 10 s = 25 s a link; the run takes no wait.
    assert!(took < Duration::from_secs(15), "took {took:?}");
    let json = String::from_utf8(out.stdout).unwrap();
    let found = diagnostics(&json);
    assert_eq!(found.len(), 12, "{found:?}");
    for (_, _, rule, message) in &found {
        assert_eq!(rule, "link-unchecked");
        assert!(message.contains("asked to be retried after"), "{message}");
        assert!(message.contains("in 1 h"), "{message}");
    }
    let v: Value = serde_json::from_str(&json).unwrap();
    let help = v["files"][0]["diagnostics"][0]["help"].as_str().unwrap();
    assert!(
        help.starts_with("run `flinkscale links` again after 20"),
        "{help}"
    );
    assert!(help.contains(" UTC, when the host asked"), "{help}");
    // At most the four let through to the host at once (the default
    // --host-concurrency) before the first Retry-After is read, each with
    // the GET that reads it; none after.
    let n = s.requests().len();
    assert!((2..=8).contains(&n), "{n} requests");
}

/// The JSON report's `failing` fields of its first diagnostic.
fn failing_of(json: &str) -> (String, u64) {
    let v: Value = serde_json::from_str(json).unwrap();
    let f = &v["files"][0]["diagnostics"][0]["failing"];
    (
        f["first_failure"].as_str().unwrap_or("").to_owned(),
        f["failing_runs"].as_u64().unwrap_or(0),
    )
}

/// A host down on one run and up on the next is never `link-dead`: a
/// warning that says since when it fails, then nothing, and the history
/// is gone.
#[test]
fn a_host_down_for_one_run_is_never_dead() {
    let s = Server::start();
    s.route_once("/down", ResponseTemplate::new(503));
    s.route("/down", ResponseTemplate::new(200));
    let down = s.url("/down");
    let (dir, path, _) = list(&[("Down", &down)], "");
    let (code, out, _) = links(&path, &["--format", "json"]);
    assert_eq!(code, 0, "a warning: {out}");
    let found = diagnostics(&out);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].2, "link-unchecked");
    assert!(
        found[0]
            .3
            .contains("is failing: 503 Service Unavailable, since")
            && found[0].3.contains("(1 run)"),
        "{}",
        found[0].3
    );
    let (first, runs) = failing_of(&out);
    assert!(first.ends_with('Z') && first.len() == 20, "{first}");
    assert_eq!(runs, 1);
    let cache = fs::read_to_string(dir.path().join(".flinkscale-links-cache.json")).unwrap();
    assert!(cache.contains("\"failing\""), "{cache}");

    let (code, out, _) = links(&path, &["--format", "json"]);
    assert_eq!((code, diagnostics(&out).len()), (0, 0), "{out}");
    let cache = fs::read_to_string(dir.path().join(".flinkscale-links-cache.json")).unwrap();
    assert!(
        !cache.contains("failing"),
        "a success ends the history: {cache}"
    );
    assert_eq!(s.count("/down"), 2);
}

/// A host that keeps refusing is dead once its failure has lasted: the
/// cache says it first failed two days ago, and this run fails again.
/// One that refused only today is a warning.
#[test]
fn a_failure_that_lasts_is_dead_and_a_404_at_once() {
    let refused = format!("http://127.0.0.1:{}/post", closed_port());
    let (dir, path, _) = list(&[("Refused", &refused)], "");
    let two_days_ago = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
        - 2 * 86_400;
    let cache = serde_json::json!({"version": 2, "links": {refused.clone(): {
        "checked": two_days_ago, "status": "failing",
        "first_failure": two_days_ago, "failing_runs": 1}}});
    fs::write(
        dir.path().join(".flinkscale-links-cache.json"),
        cache.to_string(),
    )
    .unwrap();
    let (code, out, _) = links(&path, &["--format", "json"]);
    assert_eq!(code, 1, "{out}");
    let found = diagnostics(&out);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].2, "link-dead");
    assert!(
        found[0].3.contains("connection refused, failing since") && found[0].3.contains("(2 runs)"),
        "{}",
        found[0].3
    );
    assert_eq!(failing_of(&out).1, 2);
    let (_, sarif, _) = links(&path, &["--format", "sarif"]);
    let v: Value = serde_json::from_str(&sarif).unwrap();
    let properties = &v["runs"][0]["results"][0]["properties"];
    assert_eq!(properties["failingRuns"], 3, "{properties}");
    assert!(properties["firstFailure"].as_str().unwrap().ends_with('Z'));

    // With no history the same failure is a warning.
    let (_d2, fresh, _) = list(&[("Refused", &refused)], "");
    let (code, out, _) = links(&fresh, &["--format", "json"]);
    assert_eq!(code, 0, "{out}");
    assert_eq!(diagnostics(&out)[0].2, "link-unchecked");
    // Unless the user says one run is enough.
    let (code, _, _) = links(
        &fresh,
        &["--no-cache", "--dead-after-runs", "1", "--dead-after", "0s"],
    );
    assert_eq!(code, 1);
}

/// Dead entries get an archived copy only once the archive names one and
/// the copy answers 200; `--fix-dead` links those and nothing else, byte
/// for byte, and the look-ups are cached.
#[test]
fn dead_entries_heal_to_checked_archived_copies() {
    let s = Server::start();
    for p in ["/gone/a", "/gone/b", "/gone/c", "/gone/d"] {
        s.route(p, ResponseTemplate::new(404));
    }
    s.route("/ok", ResponseTemplate::new(200));
    s.route("/web/20210701/a", ResponseTemplate::new(200));
    s.route("/web/20190701/c", ResponseTemplate::new(404));
    s.route("/web/20180701/d", ResponseTemplate::new(200));
    let snapshot = |to: Option<String>| {
        let closest = match to {
            Some(url) => serde_json::json!({"closest": {"status": "200", "available": true,
                "url": url, "timestamp": "20210701000000"}}),
            None => serde_json::json!({}),
        };
        ResponseTemplate::new(200)
            .set_body_json(serde_json::json!({"url": "x", "archived_snapshots": closest}))
    };
    let api = |gone: &str, year: &str, to: Option<String>| {
        s.runtime.block_on(
            Mock::given(method("GET"))
                .and(path("/wayback/available"))
                .and(wiremock::matchers::query_param("url", s.url(gone)))
                .and(wiremock::matchers::query_param(
                    "timestamp",
                    format!("{year}0701"),
                ))
                .respond_with(snapshot(to))
                .mount(&s.mock),
        );
    };
    // a: a snapshot that answers; b: none; c: one that answers 404; d: one
    // that answers, but its entry's rule is suppressed.
    api("/gone/a", "2021", Some(s.url("/web/20210701/a")));
    api("/gone/b", "2020", None);
    api("/gone/c", "2019", Some(s.url("/web/20190701/c")));
    api("/gone/d", "2018", Some(s.url("/web/20180701/d")));
    let dir = tempfile::tempdir().unwrap();
    let text = format!(
        "# L\n\n## Contents\n\n- [Acme](#acme)\n\n## Acme\n\n\
         - [Fine](  {ok}  ) - `2022` - :books:\n\
         - [A](  {a}  ) - `2021` - :books:\n\
         - [B]({b}) - `2020` - :books:\n\
         - [C]({c}) - `2019` - :books:\n\
         <!-- flinkscale-disable-next-line link-dead -->\n\
         - [D]({d}) - `2018` - :books:\n",
        ok = s.url("/ok"),
        a = s.url("/gone/a"),
        b = s.url("/gone/b"),
        c = s.url("/gone/c"),
        d = s.url("/gone/d"),
    );
    let path = dir.path().join("README.md");
    fs::write(&path, &text).unwrap();
    let api_url = s.url("/wayback/available");
    let (code, out, _) = links(&path, &["--format", "json", "--archive-api", &api_url]);
    assert_eq!(code, 1);
    let v: Value = serde_json::from_str(&out).unwrap();
    let helps: Vec<(u64, String)> = v["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["line"].as_u64().unwrap(),
                d["help"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(helps.len(), 3, "{helps:?}");
    assert!(helps[0].1.contains(&s.url("/web/20210701/a")), "{helps:?}");
    assert!(helps[1].1.contains("the archive has no copy"), "{helps:?}");
    assert!(
        helps[2].1.contains("the archive has no copy"),
        "a copy that is 404 is none: {helps:?}"
    );
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        text,
        "reporting writes nothing"
    );

    let asked = s.count("/wayback/available");
    let (code, _, err) = links(
        &path,
        &["--format", "json", "--archive-api", &api_url, "--fix-dead"],
    );
    assert_eq!(code, 1, "b and c are still dead");
    assert!(
        err.contains("fixed 1 dead link to its archived copy"),
        "{err}"
    );
    let expected = text.replace(&s.url("/gone/a"), &s.url("/web/20210701/a"));
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        expected,
        "only a's URL changed"
    );
    assert_eq!(
        s.count("/wayback/available") - asked,
        2,
        "a's copy came from the cache; b and c asked again (no copy is not kept)"
    );
}

/// A deep link redirected to its site's home page is `link-home` in every
/// format, and `--fix-redirects` leaves it (and rewrites the real move).
#[test]
fn a_deep_link_that_lands_on_the_home_page_is_gone() {
    let s = Server::start();
    s.route("/", ResponseTemplate::new(200));
    s.route("/en/", ResponseTemplate::new(200));
    s.route("/blog/new", ResponseTemplate::new(200));
    s.redirect("/blog/2019/post", 301, &s.url("/"));
    s.redirect("/talks/keynote", 302, &s.url("/en/"));
    s.redirect("/blog/old", 301, &s.url("/blog/new"));
    let (post, keynote, old) = (
        s.url("/blog/2019/post"),
        s.url("/talks/keynote"),
        s.url("/blog/old"),
    );
    let (_dir, path, text) = list(&[("Post", &post), ("Keynote", &keynote), ("Old", &old)], "");
    let (code, out, _) = links(&path, &["--format", "json", "--no-cache"]);
    assert_eq!(code, 0, "a warning: {out}");
    let found = diagnostics(&out);
    let rules: Vec<(u64, &str)> = found.iter().map(|d| (d.0, d.2.as_str())).collect();
    assert_eq!(
        rules,
        [(9, "link-home"), (10, "link-home"), (11, "link-redirect")],
        "{found:?}"
    );
    assert!(
        found[0].3.contains("now lands on the site's home page"),
        "{}",
        found[0].3
    );
    for format in ["human", "short", "github", "sarif"] {
        let (_, out, _) = links(&path, &["--format", format, "--no-cache"]);
        assert!(out.contains("link-home"), "{format}: {out}");
    }
    let (_, _, err) = links(&path, &["--no-cache", "--fix-redirects"]);
    assert!(err.contains("fixed 1 redirect"), "{err}");
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        text.replace(&old, &s.url("/blog/new")),
        "only the real move was rewritten"
    );
}

/// `git` in `dir`, which must succeed.
fn git(dir: &Path, args: &[&str]) {
    let out = std::process::Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A pull request's check asks only what it added: a commit, then three
/// entries more, and exactly those three URLs are requested.
#[test]
fn changed_since_checks_only_what_changed() {
    let s = Server::start();
    let urls: Vec<String> = (0..5).map(|i| s.url(&format!("/ok/{i}"))).collect();
    for i in 0..5 {
        s.route(&format!("/ok/{i}"), ResponseTemplate::new(200));
    }
    let entries: Vec<(&str, &str)> = urls[..2].iter().map(|u| ("Old", u.as_str())).collect();
    let (dir, path, text) = list(&entries, "");
    git(dir.path(), &["init", "-q"]);
    git(dir.path(), &["add", "README.md"]);
    git(dir.path(), &["commit", "-q", "-m", "first"]);
    let added: String = urls[2..]
        .iter()
        .map(|u| format!("- [New]({u}) - `2020` - :books:\n"))
        .collect();
    fs::write(&path, format!("{text}{added}")).unwrap();
    let (code, out, err) = links(&path, &["--no-cache", "--changed-since", "HEAD"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        err.contains("checking 3 links added or changed since HEAD; skipped 2"),
        "{err}"
    );
    let asked: Vec<String> = s.requests().into_iter().map(|(p, _)| p).collect();
    assert_eq!(asked.len(), 3, "{asked:?}");
    assert!(asked
        .iter()
        .all(|p| ["/ok/2", "/ok/3", "/ok/4"].contains(&p.as_str())));
    // A list new since the revision is checked whole; a bad revision is
    // exit 2 with what to do.
    let other = dir.path().join("OTHER.md");
    fs::write(&other, &text).unwrap();
    let (_, _, err) = links(&other, &["--no-cache", "--changed-since", "HEAD"]);
    assert!(err.contains("checking 2 links"), "{err}");
    let (code, _, err) = links(&path, &["--changed-since", "no-such-ref"]);
    assert_eq!(code, 2);
    assert!(err.contains("not a git revision"), "{err}");
}

#[test]
fn a_second_run_asks_nothing_and_failures_are_never_cached() {
    let s = Server::start();
    s.route("/ok", ResponseTemplate::new(200));
    s.route("/new", ResponseTemplate::new(200));
    s.redirect("/old", 301, &s.url("/new"));
    s.route("/gone", ResponseTemplate::new(404));
    let (ok, old, gone) = (s.url("/ok"), s.url("/old"), s.url("/gone"));
    let (dir, path, _) = list(&[("Ok", &ok), ("Old", &old)], "");
    let (code, first, _) = links(&path, &["--format", "short"]);
    assert_eq!(code, 0);
    let asked = s.requests().len();
    assert!(asked >= 3, "{asked}");
    assert!(dir.path().join(".flinkscale-links-cache.json").exists());
    let (code, second, _) = links(&path, &["--format", "short"]);
    assert_eq!(code, 0);
    assert_eq!(s.requests().len(), asked, "the second run made no request");
    assert_eq!(first, second, "the cached redirect is still reported");
    // Too old: asked again.
    links(&path, &["--max-cache-age", "0s"]);
    assert!(s.requests().len() > asked);

    let (_d2, dead, _) = list(&[("Gone", &gone)], "");
    assert_eq!(links(&dead, &[]).0, 1);
    assert_eq!(links(&dead, &[]).0, 1);
    assert_eq!(s.count("/gone"), 2, "a dead link is checked again each run");
}

#[test]
fn fix_redirects_changes_the_urls_and_nothing_else() {
    let s = Server::start();
    s.route("/new", ResponseTemplate::new(200));
    s.route("/gone", ResponseTemplate::new(404));
    s.redirect("/old", 301, &s.url("/new"));
    s.redirect("/docs-old", 308, &s.url("/new"));
    let (old, docs, gone) = (s.url("/old"), s.url("/docs-old"), s.url("/gone"));
    let prose = format!("\nSee [the docs]({docs}) and <{old}>.\r\n");
    let (_dir, path, _) = list(&[("Old", &old), ("Gone", &gone), ("Again", &old)], &prose);
    // CRLF line endings and a BOM must survive too.
    let original = format!(
        "\u{feff}{}",
        fs::read_to_string(&path)
            .unwrap()
            .replace('\n', "\r\n")
            .replace("\r\r\n", "\r\n")
    );
    fs::write(&path, &original).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
    }
    let (code, out, err) = links(
        &path,
        &[
            "--fix-redirects",
            "--all",
            "--format",
            "short",
            "--no-cache",
        ],
    );
    assert_eq!(code, 1, "the dead link is still reported: {out}");
    assert!(err.contains("fixed 4 redirects in"), "{err}");
    // What is left: the dead link alone (the new URLs answered at the end
    // of their redirects, so they are not "unchecked" either).
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(out.contains("link-dead"), "{out}");
    let after = fs::read_to_string(&path).unwrap();
    let expected = original
        .replace(&old, &s.url("/new"))
        .replace(&docs, &s.url("/new"));
    assert_eq!(after, expected, "byte for byte but the URLs");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o640
        );
    }
    // Nothing left to fix; lint agrees the list is as it was.
    let (_, again, _) = links(
        &path,
        &[
            "--fix-redirects",
            "--all",
            "--format",
            "short",
            "--no-cache",
        ],
    );
    assert!(!again.contains("link-redirect"), "{again}");
    assert_eq!(fs::read_to_string(&path).unwrap(), expected);
}

#[test]
fn a_final_url_that_would_end_the_link_is_encoded() {
    let s = Server::start();
    s.redirect("/paren", 301, &s.url("/wiki/Stream_(computing)"));
    s.route("/wiki/Stream_(computing)", ResponseTemplate::new(200));
    let paren = s.url("/paren");
    let (_dir, path, text) = list(&[("Streams", &paren)], "");
    let (code, out, err) = links(
        &path,
        &["--fix-redirects", "--no-cache", "--format", "short"],
    );
    assert_eq!((code, out.as_str()), (0, ""), "{err}");
    let after = fs::read_to_string(&path).unwrap();
    assert_eq!(
        after,
        text.replace(&paren, &s.url("/wiki/Stream_%28computing%29"))
    );
    flinkscale().arg("lint").arg(&path).assert().success();
}

#[test]
fn off_means_off_and_suppressions_hold() {
    let s = Server::start();
    s.route("/gone", ResponseTemplate::new(404));
    s.redirect("/old", 301, &s.url("/gone"));
    let gone = s.url("/gone");
    let (dir, path, text) = list(&[("Gone", &gone)], "");
    fs::write(
        dir.path().join("flinkscale.toml"),
        "[rules]\nlink-dead = \"off\"\n",
    )
    .unwrap();
    assert_eq!(links(&path, &["--no-cache"]).0, 0);
    fs::remove_file(dir.path().join("flinkscale.toml")).unwrap();
    let suppressed = text.replace(
        "- [Gone]",
        "<!-- flinkscale-disable-next-line link-dead -->\n- [Gone]",
    );
    fs::write(&path, suppressed).unwrap();
    let (code, out, _) = links(&path, &["--no-cache", "--format", "short"]);
    assert_eq!((code, out.as_str()), (0, ""));
}

#[test]
fn reserved_example_domains_are_not_checked_and_say_so() {
    let (_dir, path, _) = list(&[("Example", "https://www.example.com/post")], "");
    let (code, out, _) = links(&path, &["--no-cache", "--format", "short"]);
    assert_eq!(code, 0, "a warning: {out}");
    assert!(out.contains("warning[link-unchecked]"), "{out}");
    assert!(out.contains("reserved example domain"), "{out}");
}

#[test]
fn lint_and_fmt_never_ask_the_network() {
    let s = Server::start();
    s.route("/gone", ResponseTemplate::new(404));
    let gone = s.url("/gone");
    let (_dir, path, _) = list(&[("Gone", &gone)], "");
    flinkscale().arg("lint").arg(&path).assert().success();
    flinkscale()
        .args(["fmt", "--check"])
        .arg(&path)
        .assert()
        .success();
    assert!(s.requests().is_empty());
}

// ---- add --fetch ----

fn html(head: &str) -> ResponseTemplate {
    ResponseTemplate::new(200)
        .insert_header("Content-Type", "text/html; charset=utf-8")
        .set_body_string(format!(
            "<!doctype html><html><head>{head}</head><body><p>Hi</p></body></html>"
        ))
}

/// `add --fetch --yes` of `url` under Acme; (exit code, stderr, the added line).
fn fetch_add(path: &Path, url: &str, extra: &[&str]) -> (i32, String, Option<String>) {
    let before = fs::read_to_string(path).unwrap();
    let out = flinkscale()
        .args(["add", "--fetch", "--company", "Zeta Labs", "--url", url])
        .args(extra)
        .arg(path)
        .output()
        .unwrap();
    let after = fs::read_to_string(path).unwrap();
    let added = after
        .lines()
        .find(|l| !before.lines().any(|b| b == *l) && l.starts_with("- ["))
        .map(str::to_owned);
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stderr).unwrap(),
        added,
    )
}

#[test]
fn fetch_reads_each_metadata_source() {
    let s = Server::start();
    let cases = [
        (
            "/og",
            r#"<title>Site | Ignored</title><meta property="og:title" content="Streams &amp; tables"><meta property="article:published_time" content="2021-03-04T05:06:07Z">"#,
            "- [Streams & tables]({url}) - `2021` - :books:",
            ["og:title", "article:published_time"],
        ),
        (
            "/title",
            r#"<title>  Exactly once,
               at scale </title><script type="application/ld+json">{"@context":"https://schema.org","datePublished":"2019-11-12"}</script>"#,
            "- [Exactly once, at scale]({url}) - `2019` - :books:",
            ["<title>", "JSON-LD datePublished"],
        ),
        (
            "/video",
            r#"<meta property="og:title" content="Keynote"><meta property="og:type" content="video.other"><script type="application/ld+json">{"@type":"VideoObject","uploadDate":"2018-06-01T10:00:00Z"}</script>"#,
            "- [Keynote]({url}) - `2018` - :studio_microphone:",
            ["og:title", "JSON-LD uploadDate"],
        ),
        (
            "/time",
            r#"<title>Checkpoints</title></head><body><time datetime="2017-02-03">Feb 3</time>"#,
            "- [Checkpoints]({url}) - `2017` - :books:",
            ["<title>", "<time datetime>"],
        ),
    ];
    for (p, head, expected, sources) in cases {
        s.route(p, html(head));
        let (_dir, path) = common::add_workspace();
        let url = s.url(p);
        let (code, err, added) = fetch_add(&path, &url, &["--yes"]);
        assert_eq!(code, 0, "{p}: {err}");
        assert_eq!(
            added.as_deref(),
            Some(expected.replace("{url}", &url).as_str()),
            "{p}: {err}"
        );
        for source in sources {
            assert!(
                err.contains(&format!("({source})")),
                "{p} names {source}: {err}"
            );
        }
        flinkscale().arg("lint").arg(&path).assert().success();
    }
}

/// A page that cannot be fetched says why, once, and no table of three
/// "(not found)" (issue 34, item 7).
#[test]
fn fetch_that_cannot_connect_says_so_once() {
    let (_dir, path) = common::add_workspace();
    let url = format!("http://127.0.0.1:{}/post", closed_port());
    let (code, err, added) = fetch_add(&path, &url, &[]);
    assert_eq!(code, 2, "{err}");
    assert_eq!(added, None);
    assert!(err.contains("note: "), "{err}");
    assert!(!err.contains("(not found)"), "{err}");
    assert!(!err.contains(&format!("found at {url}:")), "{err}");
}

#[test]
fn fetch_reads_a_discovered_oembed_document() {
    let s = Server::start();
    let oembed = s.url("/oembed.json");
    s.route(
        "/watch",
        html(&format!(
            r#"<link rel="alternate" type="application/json+oembed" href="{oembed}">"#
        )),
    );
    s.route(
        "/oembed.json",
        ResponseTemplate::new(200).set_body_string(
            r#"{"type":"video","title":"Flink Forward: state at scale","upload_date":"2020-10-21 09:00:00"}"#,
        ),
    );
    let (_dir, path) = common::add_workspace();
    let url = s.url("/watch");
    let (code, err, added) = fetch_add(&path, &url, &["--yes"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        added.unwrap(),
        format!("- [Flink Forward: state at scale]({url}) - `2020` - :studio_microphone:")
    );
    assert!(
        err.contains("(oEmbed title)") && err.contains("(oEmbed upload_date)"),
        "{err}"
    );
}

#[test]
fn the_users_flags_win_over_the_page() {
    let s = Server::start();
    s.route(
        "/og",
        html(r#"<meta property="og:title" content="From the page"><meta property="article:published_time" content="2021-01-01">"#),
    );
    let (_dir, path) = common::add_workspace();
    let url = s.url("/og");
    let (code, err, added) = fetch_add(
        &path,
        &url,
        &[
            "--yes", "--title", "Mine", "--year", "2016", "--tag", "talk",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        added.unwrap(),
        format!("- [Mine]({url}) - `2016` - :studio_microphone:")
    );
    assert!(
        err.contains("Mine  (--title)") && err.contains("2016  (--year)"),
        "{err}"
    );
    // The tag is shown as the file gets it, whichever way it was given.
    assert!(err.contains("tag    :studio_microphone:  (--tag)"), "{err}");
    let (_dir, path) = common::add_workspace();
    let (code, err, added) = fetch_add(&path, &url, &["--yes", "--tag", "📚"]);
    assert_eq!(code, 0, "{err}");
    assert!(added.unwrap().ends_with(" - :books:"));
    assert!(err.contains("tag    :books:  (--tag)"), "{err}");
}

#[test]
fn no_metadata_or_no_network_asks_for_what_is_missing() {
    let s = Server::start();
    s.route("/bare", html(""));
    let (_dir, path) = common::add_workspace();
    let before = fs::read_to_string(&path).unwrap();
    // Off a terminal, what is missing is a flag to pass.
    let (code, err, _) = fetch_add(&path, &s.url("/bare"), &["--yes"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("title  (not found)"), "{err}");
    assert!(
        err.contains("--title is needed: nothing was found at"),
        "{err}"
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), before);
    // An unreachable host: said so, and the flags given still make an entry.
    let refused = format!("http://127.0.0.1:{}/post", closed_port());
    let (code, err, added) = fetch_add(
        &path,
        &refused,
        &["--yes", "--title", "T", "--year", "2020", "--tag", "books"],
    );
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("note: could not fetch"), "{err}");
    assert_eq!(
        added.unwrap(),
        format!("- [T]({refused}) - `2020` - :books:")
    );
    // A URL that is none is refused before anything is fetched.
    let (code, err, _) = fetch_add(&path, "blog.example/post", &["--yes"]);
    assert_eq!(code, 2);
    assert!(err.contains("is not an absolute http(s) URL"), "{err}");
    // Without --yes, off a terminal, nothing is written.
    s.route("/og", html(r#"<meta property="og:title" content="A"><meta property="article:published_time" content="2021-01-01">"#));
    let before = fs::read_to_string(&path).unwrap();
    let (code, err, _) = fetch_add(&path, &s.url("/og"), &[]);
    assert_eq!(code, 2);
    assert!(err.contains("pass --yes"), "{err}");
    assert_eq!(fs::read_to_string(&path).unwrap(), before);
}
