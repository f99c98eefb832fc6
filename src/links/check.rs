//! Checking URLs with lychee-lib, the lychee project's link checker: its
//! client does the HTTP (redirects, retries with backoff, a per-host limit
//! and `Retry-After`, GitHub's API with `GITHUB_TOKEN`); this file only
//! sets it up, bounds the concurrency and says what each answer means.

use std::collections::HashMap;
use std::io::IsTerminal;
use std::time::Duration;

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
}

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
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| format!("could not start the network runtime: {e}"))?;
    runtime.block_on(check_async(urls, options))
}

async fn check_async(
    urls: &[String],
    options: &Options,
) -> Result<HashMap<String, Outcome>, String> {
    let client = ClientBuilder::builder()
        .user_agent(USER_AGENT)
        .timeout(Some(options.timeout))
        .max_retries(options.max_retries)
        .retry_wait_time(options.retry_wait)
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
    let progress = Progress::new(urls.len());
    let client = &client;
    let progress_ref = &progress;
    let mut outcomes: Vec<(String, Outcome, bool)> = futures::stream::iter(urls)
        .map(|url| async move {
            let (outcome, named) = match client.check(url.as_str()).await {
                Ok(response) => (outcome(&response), reached_by_name(&response)),
                Err(e) => (
                    Outcome::Unchecked {
                        reason: format!("not a URL lychee can check: {e}"),
                    },
                    false,
                ),
            };
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
        Status::Ok(_) => Outcome::of_success(&hops),
        Status::Error(ErrorKind::RejectedStatusCode(code)) | Status::UnknownStatusCode(code) => {
            Outcome::of_status(code.as_u16(), hops.len())
        }
        Status::Timeout(_) => Outcome::Unchecked {
            reason: "timed out".into(),
        },
        Status::Error(ErrorKind::NetworkRequest(e)) => {
            if e.is_timeout() {
                return Outcome::Unchecked {
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
