//! Checking URLs with lychee-lib, the lychee project's link checker: its
//! client does the HTTP (redirects, a per-host limit, GitHub's API with
//! `GITHUB_TOKEN`); this file sets it up, bounds the concurrency, retries
//! (so that no wait is longer than the user allows) and says what each
//! answer means.
//!
//! Retries are ours, not lychee's: lychee waits as long as a host's
//! `Retry-After` asks (up to a minute a request), so one host answering
//! `429` with `Retry-After: 3600` held a run for minutes. Here a `429` is
//! asked once more, by a plain GET that reads its `Retry-After`: longer
//! than `--max-retry-wait` and the link is unchecked at once, and so is
//! every other link of that host in the run, with no request; shorter and
//! it is retried. Timeouts and server errors are retried after
//! `--retry-wait`, doubled each time. Whatever happens, one URL takes at
//! most `timeout x (retries + 1) + max_retry_wait` ([`Options::bound`]).

use std::collections::HashMap;
use std::io::IsTerminal;
use std::sync::Mutex;
use std::time::{Duration, SystemTime};

use futures::StreamExt;
use lychee_lib::ratelimit::RateLimitConfig;
use lychee_lib::{ClientBuilder, ErrorKind, Response, Status};

use super::outcome::{doubt_dns_without_network, of_network_error, Outcome};

/// How `flinkscale links` asks.
#[derive(Debug, Clone)]
pub struct Options {
    /// Per request.
    pub timeout: Duration,
    pub max_retries: u64,
    /// Before the first retry; doubled for each next one.
    pub retry_wait: Duration,
    /// Requests in flight at once, over all hosts.
    pub concurrency: usize,
    /// Requests in flight at once to one host.
    pub host_concurrency: usize,
    /// GitHub's API token (`GITHUB_TOKEN`), as lychee uses it.
    pub github_token: Option<String>,
    /// The longest `Retry-After` waited for.
    pub max_retry_wait: Duration,
}

impl Options {
    /// The longest one URL may hold the run.
    pub fn bound(&self) -> Duration {
        let tries = u32::try_from(self.max_retries.saturating_add(1)).unwrap_or(u32::MAX);
        self.timeout.saturating_mul(tries) + self.max_retry_wait
    }
}

/// Hosts that asked not to be asked again before a time past
/// `--max-retry-wait`: host name to that time.
type Deferred = Mutex<HashMap<String, SystemTime>>;

/// The user agent: flinkscale, its version and where it lives, so a site
/// owner can see who asks.
pub const USER_AGENT: &str = concat!(
    "flinkscale/",
    env!("CARGO_PKG_VERSION"),
    " (link check; +https://github.com/flinkscale/flinkscale)"
);

/// Checks every URL once; what each answered. A client that cannot be
/// built (no TLS backend, a broken resolver configuration) is an error.
pub fn check_all(urls: &[String], options: &Options) -> Result<HashMap<String, Outcome>, String> {
    runtime()?.block_on(check_async(urls, options))
}

/// The runtime many requests at once run on (`links`' checks and archive
/// look-ups).
pub(super) fn runtime() -> Result<tokio::runtime::Runtime, String> {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| format!("could not start the network runtime: {e}"))
}

async fn check_async(
    urls: &[String],
    options: &Options,
) -> Result<HashMap<String, Outcome>, String> {
    let client = ClientBuilder::builder()
        .user_agent(USER_AGENT)
        .timeout(Some(options.timeout))
        .max_retries(0u64)
        .github_token(
            options
                .github_token
                .clone()
                .map(secrecy::SecretString::from),
        )
        .rate_limit_config(RateLimitConfig {
            concurrency: options.host_concurrency.max(1),
            request_interval: Duration::from_millis(0),
        })
        .build()
        .client()
        .map_err(|e| format!("could not set up the link checker: {e}"))?;
    let probe = reqwest::Client::builder()
        .user_agent(USER_AGENT)
        .timeout(options.timeout)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .map_err(|e| format!("could not set up HTTP: {e}"))?;
    let progress = Progress::new(urls.len());
    let deferred = Deferred::default();
    let (client, probe, deferred, progress_ref) = (&client, &probe, &deferred, &progress);
    let bound = options.bound();
    let mut outcomes: Vec<(String, Outcome, bool)> = futures::stream::iter(urls)
        .map(|url| async move {
            let checked =
                tokio::time::timeout(bound, check_one(client, probe, deferred, url, options)).await;
            let (outcome, named) = checked.unwrap_or_else(|_| {
                (
                    Outcome::Unchecked {
                        reason: format!(
                            "no answer within {} s (the most one link may take)",
                            bound.as_secs()
                        ),
                    },
                    false,
                )
            });
            progress_ref.tick(url);
            (url.clone(), outcome, named)
        })
        .buffer_unordered(options.concurrency.max(1))
        .collect()
        .await;
    progress.done();
    let named = outcomes.iter().any(|(_, _, named)| *named);
    if doubt_dns_without_network(outcomes.iter_mut().map(|(_, o, _)| o), named) {
        eprintln!(
            "warning: no host could be reached by its name, so \"host not found\" is not taken as dead: is there a network?"
        );
    }
    Ok(outcomes.into_iter().map(|(url, o, _)| (url, o)).collect())
}

/// One URL, retried as the module says; its outcome and whether a host
/// was reached by name.
async fn check_one(
    client: &lychee_lib::Client,
    probe: &reqwest::Client,
    deferred: &Deferred,
    url: &str,
    options: &Options,
) -> (Outcome, bool) {
    let host = reqwest::Url::parse(url)
        .ok()
        .and_then(|u| u.host_str().map(str::to_owned));
    let mut wait = options.retry_wait;
    let mut attempt = 0;
    loop {
        if let Some(until) = host.as_ref().and_then(|h| deferred_until(deferred, h)) {
            return (asked_to_wait(until, options), false);
        }
        // lychee holds a request to a host that asked to wait (its own
        // backoff, up to a minute): once another link of the host has read
        // a `Retry-After` too long to wait for, this one gives up too.
        let checked = {
            let check = std::pin::pin!(client.check(url));
            let asked = std::pin::pin!(until_deferred(deferred, host.as_deref()));
            match futures::future::select(check, asked).await {
                futures::future::Either::Left((checked, _)) => checked,
                futures::future::Either::Right((until, _)) => {
                    return (asked_to_wait(until, options), false)
                }
            }
        };
        let response = match checked {
            Ok(response) => response,
            Err(e) => {
                let reason = format!("not a URL lychee can check: {e}");
                return (Outcome::Unchecked { reason }, false);
            }
        };
        let named = reached_by_name(&response);
        let code = status_code(&response);
        let again = attempt < options.max_retries;
        if code == Some(429) && again {
            match retry_after(probe, url).await {
                Some(asked) if asked > options.max_retry_wait => {
                    let until = SystemTime::now() + asked;
                    if let (Some(host), Ok(mut map)) = (&host, deferred.lock()) {
                        map.insert(host.clone(), until);
                    }
                    return (asked_to_wait(until, options), named);
                }
                // lychee waits what the host asked before its next request
                // to it.
                Some(_) => {}
                None => tokio::time::sleep(wait).await,
            }
        } else if retryable(&response) && again {
            tokio::time::sleep(wait).await;
        } else {
            return (outcome(&response), named);
        }
        attempt += 1;
        wait = wait.saturating_mul(2);
    }
}

/// Resolves, with the time asked, once `host` has asked not to be asked
/// again before a time past the run's patience; never for no host.
async fn until_deferred(deferred: &Deferred, host: Option<&str>) -> SystemTime {
    loop {
        if let Some(until) = host.and_then(|h| deferred_until(deferred, h)) {
            return until;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// When `host` asked not to be asked again, if that is still ahead.
fn deferred_until(deferred: &Deferred, host: &str) -> Option<SystemTime> {
    let map = deferred.lock().ok()?;
    map.get(host).copied().filter(|&t| t > SystemTime::now())
}

/// A link not checked because its host asked to be asked again later
/// than the run waits.
fn asked_to_wait(until: SystemTime, options: &Options) -> Outcome {
    // Rounded up: a host that asked for 1 s is not "in 0 s".
    let seconds = until
        .duration_since(SystemTime::now())
        .unwrap_or_default()
        .as_millis()
        .div_ceil(1000) as u64;
    Outcome::Deferred {
        reason: format!(
            "429 Too Many Requests: the host asked to be retried after {} ({}), longer than --max-retry-wait {} s",
            httpdate::fmt_http_date(until),
            in_words(seconds),
            options.max_retry_wait.as_secs()
        ),
        retry_at: until
            .duration_since(SystemTime::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs()),
    }
}

/// `3600` (or `3599`) as `in 1 h`, `600` as `in 10 min`: rounded to the
/// nearest unit.
fn in_words(seconds: u64) -> String {
    let minutes = (seconds + 30) / 60;
    match seconds {
        0..=119 => format!("in {seconds} s"),
        _ if minutes < 60 => format!("in {minutes} min"),
        _ => format!("in {} h", (minutes + 30) / 60),
    }
}

/// What a plain GET of `url` says of when to ask again: its
/// `Retry-After` (seconds or an HTTP date) when it answers `429`.
async fn retry_after(probe: &reqwest::Client, url: &str) -> Option<Duration> {
    let response = probe.get(url).send().await.ok()?;
    if response.status().as_u16() != 429 {
        return None;
    }
    let value = response.headers().get("retry-after")?.to_str().ok()?.trim();
    parse_retry_after(value, SystemTime::now())
}

/// A `Retry-After` value: delay-seconds or an HTTP date (RFC 9110).
pub fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let at = httpdate::parse_http_date(value).ok()?;
    Some(at.duration_since(now).unwrap_or_default())
}

/// The status code lychee got, when it got one.
fn status_code(response: &Response) -> Option<u16> {
    match response.status() {
        Status::Error(ErrorKind::RejectedStatusCode(code)) | Status::UnknownStatusCode(code) => {
            Some(code.as_u16())
        }
        _ => None,
    }
}

/// Worth asking again: a timeout, a server error, a network error that
/// may pass.
fn retryable(response: &Response) -> bool {
    match response.status() {
        Status::Timeout(_) => true,
        Status::Error(ErrorKind::NetworkRequest(e)) => e.is_timeout() || e.is_connect(),
        _ => status_code(response).is_some_and(|c| (500..=599).contains(&c)),
    }
}

/// An HTTP answer came from a host named by a domain (not an IP address):
/// the resolver works.
fn reached_by_name(response: &Response) -> bool {
    let answered = matches!(
        response.status(),
        Status::Ok(_)
            | Status::Error(ErrorKind::RejectedStatusCode(_))
            | Status::UnknownStatusCode(_)
    );
    answered && is_named(response.body().uri.as_str())
}

/// The URL's host is a name, not an IP address.
fn is_named(url: &str) -> bool {
    // `domain` is none for an IP address.
    reqwest::Url::parse(url).is_ok_and(|u| u.domain().is_some())
}

/// What lychee's answer means for the link rules.
fn outcome(response: &Response) -> Outcome {
    let hops = redirects(response);
    match response.status() {
        Status::Ok(_) => Outcome::of_success(response.body().uri.as_str(), &hops),
        Status::Error(ErrorKind::RejectedStatusCode(code)) | Status::UnknownStatusCode(code) => {
            Outcome::of_status(code.as_u16(), hops.len())
        }
        Status::Timeout(_) => Outcome::Failing {
            reason: "timed out".into(),
        },
        Status::Error(ErrorKind::NetworkRequest(e)) => {
            if e.is_timeout() {
                return Outcome::Failing {
                    reason: "timed out".into(),
                };
            }
            if e.is_redirect() {
                return Outcome::Unchecked {
                    reason: "redirects did not end (a loop?)".into(),
                };
            }
            let (chain, refused) = error_chain(e);
            of_network_error(&chain, refused)
        }
        // lychee leaves out reserved example domains (RFC 2606).
        Status::Excluded => Outcome::Unchecked {
            reason: "a reserved example domain (RFC 2606), which is never checked".into(),
        },
        other => Outcome::Unchecked {
            reason: other.to_string(),
        },
    }
}

/// An error and its sources, outermost first.
pub(super) fn sources<'e>(
    e: &'e (dyn std::error::Error + 'static),
) -> impl Iterator<Item = &'e (dyn std::error::Error + 'static)> {
    std::iter::successors(Some(e), |err| err.source())
}

/// The messages of an error and its sources, lower-cased, and whether one
/// of them is a refused connection.
fn error_chain(e: &(dyn std::error::Error + 'static)) -> (String, bool) {
    let text: Vec<String> = sources(e)
        .map(|err| err.to_string().to_lowercase())
        .collect();
    let refused = sources(e).any(|err| {
        err.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::ConnectionRefused)
    });
    (text.join(": "), refused)
}

/// The redirects lychee followed, `(code, url)` per hop. lychee keeps them
/// private but serialises them (`{"origin", "redirects": [{"url", "code"}]}`).
fn redirects(response: &Response) -> Vec<(u16, String)> {
    let Some(chain) = response.redirects() else {
        return Vec::new();
    };
    let Ok(value) = serde_json::to_value(chain) else {
        return Vec::new();
    };
    value["redirects"]
        .as_array()
        .map(|hops| {
            hops.iter()
                .filter_map(|h| {
                    let code = u16::try_from(h["code"].as_u64()?).ok()?;
                    Some((code, h["url"].as_str()?.to_owned()))
                })
                .collect()
        })
        .unwrap_or_default()
}

/// A progress bar on standard error when it is a terminal; nothing else.
struct Progress(Option<indicatif::ProgressBar>);

impl Progress {
    fn new(len: usize) -> Self {
        if !std::io::stderr().is_terminal() || len == 0 {
            return Progress(None);
        }
        let bar = indicatif::ProgressBar::new(len as u64).with_style(
            indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} links  {wide_msg}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        Progress(Some(bar))
    }

    fn tick(&self, url: &str) {
        if let Some(bar) = &self.0 {
            bar.set_message(url.to_owned());
            bar.inc(1);
        }
    }

    fn done(&self) {
        if let Some(bar) = &self.0 {
            bar.finish_and_clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_is_seconds_or_a_date() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        assert_eq!(
            parse_retry_after("3600", now),
            Some(Duration::from_secs(3600))
        );
        let later = httpdate::fmt_http_date(now + Duration::from_secs(120));
        assert_eq!(
            parse_retry_after(&later, now),
            Some(Duration::from_secs(120))
        );
        let past = httpdate::fmt_http_date(now - Duration::from_secs(5));
        assert_eq!(parse_retry_after(&past, now), Some(Duration::ZERO));
        assert_eq!(parse_retry_after("soon", now), None);
        assert_eq!(in_words(3600), "in 1 h");
        assert_eq!(in_words(90), "in 90 s");
        assert_eq!(in_words(600), "in 10 min");
        assert_eq!(in_words(3599), "in 1 h");
        assert_eq!(in_words(5400), "in 2 h");
    }

    /// One host at a time, two retries a second apart, 20 s a try.
    fn options(max_retry_wait: Duration) -> Options {
        Options {
            timeout: Duration::from_secs(20),
            max_retries: 2,
            retry_wait: Duration::from_secs(1),
            concurrency: 1,
            host_concurrency: 1,
            github_token: None,
            max_retry_wait,
        }
    }

    /// `Retry-After: 1`, read a moment later, is "in 1 s", not "in 0 s".
    #[test]
    fn a_wait_asked_for_is_rounded_up() {
        let options = options(Duration::ZERO);
        let until = SystemTime::now() + Duration::from_millis(900);
        let Outcome::Deferred { reason, .. } = asked_to_wait(until, &options) else {
            panic!("not deferred");
        };
        assert!(reason.contains("(in 1 s)"), "{reason}");
    }

    #[test]
    fn one_url_is_bounded_by_its_tries_and_the_longest_wait() {
        let options = options(Duration::from_secs(10));
        assert_eq!(options.bound(), Duration::from_secs(70));
    }
}
