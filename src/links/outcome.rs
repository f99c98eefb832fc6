//! What checking one link found, in the words of the three link rules.
//! Knows nothing of the network: `links::check` (the `links` feature)
//! turns lychee's answers into these, and the cache stores them.

/// The verdict on one URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// It answered with success, directly or through temporary redirects.
    Ok,
    /// It answered with success after one or more permanent redirects
    /// (301, 308): `to` is where the permanent ones end.
    Moved { code: u16, to: String },
    /// A deep link whose redirects end at its site's home page
    /// (`link-home`): the page is gone though the site answers.
    Home { to: String },
    /// It is gone: 404 or 410 at once, or a failure that has lasted
    /// (`link-dead`).
    Dead { reason: String },
    /// It failed in a way that may pass: a refused connection, a host not
    /// found, a server error, a timeout. Dead only once it has lasted (the
    /// links cache keeps each URL's failing runs); until then a warning
    /// (`link-unchecked`) that says since when.
    Failing { reason: String },
    /// It could not be checked: 429, a TLS failure, redirects that never
    /// end (`link-unchecked`). Never "dead".
    Unchecked { reason: String },
    /// Not checked because its host asked not to be asked again before
    /// `retry_at` (seconds since the epoch), later than the run waits
    /// (`link-unchecked`, whose help says when to run again).
    Deferred { reason: String, retry_at: u64 },
}

impl Outcome {
    /// What a status code at the end of the redirects means. `hops` is how
    /// many redirects were followed to get it.
    pub fn of_status(code: u16, hops: usize) -> Outcome {
        let reason = match reason_phrase(code) {
            Some(phrase) => format!("{code} {phrase}"),
            None => code.to_string(),
        };
        let after = if hops > 0 {
            format!(" after {hops} redirect{}", if hops == 1 { "" } else { "s" })
        } else {
            String::new()
        };
        match code {
            200..=299 => Outcome::Ok,
            404 | 410 => Outcome::Dead {
                reason: format!("{reason}{after}"),
            },
            429 => Outcome::Unchecked {
                reason: format!("{reason}: the host limits requests; try again later"),
            },
            500..=599 => Outcome::Failing {
                reason: format!("{reason}{after}"),
            },
            300..=399 => Outcome::Unchecked {
                reason: format!("redirects did not end{after} (a loop?)"),
            },
            _ => Outcome::Unchecked {
                reason: format!("{reason}{after}"),
            },
        }
    }

    /// A success reached through these redirects (`(code, url)` per hop,
    /// in order) from `from`: [`Outcome::Home`] when a deep link ends at
    /// its site's home page, else [`Outcome::Moved`] to the end of the
    /// permanent ones that come first, else [`Outcome::Ok`]. A temporary
    /// redirect says nothing about where the page lives now, so a chain
    /// that starts with one is left as it is.
    pub fn of_success(from: &str, hops: &[(u16, String)]) -> Outcome {
        if let Some((_, end)) = hops.last() {
            if lands_home(from, end) {
                return Outcome::Home { to: end.clone() };
            }
        }
        let permanent = hops
            .iter()
            .take_while(|(code, _)| matches!(code, 301 | 308))
            .last();
        match permanent {
            Some((_, to)) => Outcome::Moved {
                code: hops[0].0,
                to: to.clone(),
            },
            None => Outcome::Ok,
        }
    }
}

/// `from` is a deep link (a path beyond `/`) and `to` is the home page of
/// the same site (the host, `www.` aside): its root, or a path that is
/// only a home page (`/index.html`, `/home`, a language such as `/en/` or
/// `/en-us`), whatever its query.
pub fn lands_home(from: &str, to: &str) -> bool {
    let (Some((from_host, from_path)), Some((to_host, to_path))) = (split(from), split(to)) else {
        return false;
    };
    let site = |h: &str| h.trim_start_matches("www.").to_ascii_lowercase();
    let deep = !is_home_path(from_path);
    deep && site(from_host) == site(to_host) && is_home_path(to_path)
}

/// The host and the path (without query or fragment) of an http(s) URL.
fn split(url: &str) -> Option<(&str, &str)> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = &rest[..end];
    let host = authority.rsplit('@').next()?;
    let host = match host.rfind(':') {
        Some(colon) if !host.ends_with(']') => &host[..colon],
        _ => host,
    };
    let path = &rest[end..];
    let path = &path[..path.find(['?', '#']).unwrap_or(path.len())];
    Some((host, path))
}

/// The two-letter language codes of ISO 639-1, sorted: a path of one of
/// them (`/en/`, `/pt-br/`) is a site's home page in that language; `/ok`,
/// `/go`, `/ai` are not languages.
const ISO_639_1: [&str; 184] = [
    "aa", "ab", "ae", "af", "ak", "am", "an", "ar", "as", "av", "ay", "az", "ba", "be", "bg", "bh",
    "bi", "bm", "bn", "bo", "br", "bs", "ca", "ce", "ch", "co", "cr", "cs", "cu", "cv", "cy", "da",
    "de", "dv", "dz", "ee", "el", "en", "eo", "es", "et", "eu", "fa", "ff", "fi", "fj", "fo", "fr",
    "fy", "ga", "gd", "gl", "gn", "gu", "gv", "ha", "he", "hi", "ho", "hr", "ht", "hu", "hy", "hz",
    "ia", "id", "ie", "ig", "ii", "ik", "io", "is", "it", "iu", "ja", "jv", "ka", "kg", "ki", "kj",
    "kk", "kl", "km", "kn", "ko", "kr", "ks", "ku", "kv", "kw", "ky", "la", "lb", "lg", "li", "ln",
    "lo", "lt", "lu", "lv", "mg", "mh", "mi", "mk", "ml", "mn", "mr", "ms", "mt", "my", "na", "nb",
    "nd", "ne", "ng", "nl", "nn", "no", "nr", "nv", "ny", "oc", "oj", "om", "or", "os", "pa", "pi",
    "pl", "ps", "pt", "qu", "rm", "rn", "ro", "ru", "rw", "sa", "sc", "sd", "se", "sg", "si", "sk",
    "sl", "sm", "sn", "so", "sq", "sr", "ss", "st", "su", "sv", "sw", "ta", "te", "tg", "th", "ti",
    "tk", "tl", "tn", "to", "tr", "ts", "tt", "tw", "ty", "ug", "uk", "ur", "uz", "ve", "vi", "vo",
    "wa", "wo", "xh", "yi", "yo", "za", "zh", "zu",
];

/// The path is a site's home page.
fn is_home_path(path: &str) -> bool {
    let p = path.trim_matches('/').to_ascii_lowercase();
    debug_assert!(ISO_639_1.windows(2).all(|w| w[0] < w[1]));
    // `en`, `pt-br`, `zh_CN`: an ISO 639-1 language, with a region.
    let language = |s: &str| {
        let parts: Vec<&str> = s.split(['-', '_']).collect();
        matches!(parts.as_slice(), [l] | [l, _] if ISO_639_1.binary_search(l).is_ok())
            && parts
                .get(1)
                .is_none_or(|r| r.len() == 2 && r.chars().all(|c| c.is_ascii_alphabetic()))
    };
    p.is_empty()
        || matches!(
            p.as_str(),
            "index.html" | "index.htm" | "index.php" | "home" | "default.aspx"
        )
        || language(&p)
        || p.split_once('/')
            .is_some_and(|(l, rest)| language(l) && matches!(rest, "" | "index.html" | "home"))
}

/// Reason phrases for the codes a link check meets.
fn reason_phrase(code: u16) -> Option<&'static str> {
    Some(match code {
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        406 => "Not Acceptable",
        408 => "Request Timeout",
        410 => "Gone",
        429 => "Too Many Requests",
        451 => "Unavailable For Legal Reasons",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => return None,
    })
}

/// Why a link is dead when its host's name does not resolve.
pub const NO_SUCH_HOST: &str = "host not found (DNS)";

/// A resolver that says "no such host" of every name, the real ones
/// too, is a machine without a network (some sandboxes answer so), not a
/// list of dead links. So "no such host" is believed only when at least
/// one host was reached by its name in the same run; otherwise each such
/// link is unchecked, and the caller says why.
/// Returns whether it had to doubt them.
pub fn doubt_dns_without_network<'a>(
    outcomes: impl IntoIterator<Item = &'a mut Outcome>,
    reached_a_named_host: bool,
) -> bool {
    if reached_a_named_host {
        return false;
    }
    let mut doubted = false;
    for outcome in outcomes {
        if matches!(outcome, Outcome::Failing { reason } if reason == NO_SUCH_HOST) {
            *outcome = Outcome::Unchecked {
                reason: "host not found, but no host could be reached by name in this run: is there a network?".into(),
            };
            doubted = true;
        }
    }
    doubted
}

/// What a network error says, from its message and its sources' (the
/// text of the error chain, lower-cased): a failure that is dead once it
/// lasts, or not checked. A resolver that cannot answer now (no network,
/// a timeout) is not a host that does not exist.
pub fn of_network_error(chain: &str, refused: bool) -> Outcome {
    let failing = |reason: &str| Outcome::Failing {
        reason: reason.to_owned(),
    };
    if refused || chain.contains("connection refused") {
        return failing("connection refused");
    }
    let nxdomain = [
        "name or service not known",
        "no address associated with hostname",
        "nodename nor servname provided",
        "no such host is known",
    ];
    if nxdomain.iter().any(|m| chain.contains(m)) {
        return failing(NO_SUCH_HOST);
    }
    let reason = if chain.contains("certificate")
        || chain.contains("tls")
        || chain.contains("ssl")
        || chain.contains("handshake")
    {
        "TLS failure".to_owned()
    } else if chain.contains("timed out") || chain.contains("timeout") {
        return failing("timed out");
    } else if chain.contains("dns") || chain.contains("lookup") || chain.contains("resolution") {
        "DNS lookup failed for now (no network?)".to_owned()
    } else {
        format!("network error: {}", first_line(chain))
    };
    Outcome::Unchecked { reason }
}

fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or("").trim()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hop(code: u16, url: &str) -> (u16, String) {
        (code, url.to_owned())
    }

    #[test]
    fn only_gone_is_dead() {
        assert!(matches!(Outcome::of_status(404, 0), Outcome::Dead { .. }));
        assert!(
            matches!(Outcome::of_status(410, 2), Outcome::Dead { reason } if reason == "410 Gone after 2 redirects")
        );
        for code in [403, 429, 999, 301] {
            assert!(
                matches!(Outcome::of_status(code, 0), Outcome::Unchecked { .. }),
                "{code}"
            );
        }
        for code in [500, 502, 503] {
            assert!(
                matches!(Outcome::of_status(code, 0), Outcome::Failing { .. }),
                "{code}: dead only once it lasts"
            );
        }
        assert_eq!(Outcome::of_status(204, 0), Outcome::Ok);
    }

    #[test]
    fn permanent_redirects_first_make_a_move() {
        let chain = [hop(301, "https://b/"), hop(308, "https://c/")];
        assert_eq!(
            Outcome::of_success("https://a/p", &chain),
            Outcome::Moved {
                code: 301,
                to: "https://c/".into()
            }
        );
        // Permanent, then temporary: the page lives where the permanent end.
        let chain = [hop(308, "https://b/"), hop(302, "https://login/")];
        assert_eq!(
            Outcome::of_success("https://a/p", &chain),
            Outcome::Moved {
                code: 308,
                to: "https://b/".into()
            }
        );
        assert_eq!(
            Outcome::of_success("https://a/p", &[hop(302, "https://b/")]),
            Outcome::Ok
        );
        assert_eq!(Outcome::of_success("https://a/p", &[]), Outcome::Ok);
    }

    #[test]
    fn a_deep_link_that_lands_on_its_home_page_is_gone() {
        for (from, to) in [
            (
                "https://blog.example.com/2019/post",
                "https://blog.example.com/",
            ),
            (
                "https://example.com/p?id=3",
                "https://www.example.com/?ref=old",
            ),
            ("http://example.com/a/b", "https://example.com"),
            ("https://example.com/post", "https://example.com/en-us/"),
            (
                "https://example.com/post",
                "https://example.com/fr/index.html",
            ),
            ("https://example.com:8080/post", "https://example.com/home"),
            ("https://example.com/post", "https://example.com/pt-br/"),
            ("https://example.com/post", "https://example.com/zh_CN"),
        ] {
            assert!(lands_home(from, to), "{from} -> {to}");
            assert_eq!(
                Outcome::of_success(from, &[hop(301, to)]),
                Outcome::Home { to: to.into() }
            );
        }
        for (from, to) in [
            ("https://example.com/", "https://example.com/en/"),
            ("https://example.com/post", "https://other.example/"),
            ("https://example.com/post", "https://example.com/blog/post"),
            ("https://example.com/post", "https://example.com/english/"),
            // Two letters that name no language: a page, not a home page.
            ("https://example.com/post", "https://example.com/ok"),
            ("https://example.com/post", "https://example.com/go/"),
            ("https://example.com/post", "https://example.com/ai"),
        ] {
            assert!(!lands_home(from, to), "{from} -> {to}");
        }
    }

    #[test]
    fn no_such_host_is_believed_only_when_some_host_answered() {
        let mut outcomes = [
            Outcome::Failing {
                reason: NO_SUCH_HOST.into(),
            },
            Outcome::Dead {
                reason: "404 Not Found".into(),
            },
        ];
        assert!(!doubt_dns_without_network(outcomes.iter_mut(), true));
        assert!(matches!(&outcomes[0], Outcome::Failing { .. }));
        assert!(doubt_dns_without_network(outcomes.iter_mut(), false));
        assert!(
            matches!(&outcomes[0], Outcome::Unchecked { reason } if reason.contains("is there a network?"))
        );
        assert!(
            matches!(&outcomes[1], Outcome::Dead { .. }),
            "a 404 is an answer"
        );
    }

    #[test]
    fn network_errors_are_failures_or_unchecked() {
        assert!(matches!(
            of_network_error("error sending request", true),
            Outcome::Failing { .. }
        ));
        assert!(matches!(
            of_network_error("dns error: failed to lookup address information: name or service not known", false),
            Outcome::Failing { reason } if reason == NO_SUCH_HOST
        ));
        assert!(matches!(
            of_network_error("dns error: failed to lookup address information: temporary failure in name resolution", false),
            Outcome::Unchecked { reason } if reason.starts_with("DNS lookup failed")
        ));
        assert!(matches!(
            of_network_error("invalid peer certificate: expired", false),
            Outcome::Unchecked { reason } if reason == "TLS failure"
        ));
        assert!(matches!(
            of_network_error("operation timed out", false),
            Outcome::Failing { reason } if reason == "timed out"
        ));
    }
}
