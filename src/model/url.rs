//! What the crate needs to know about a URL, without a URL parser: whether
//! it is absolute http(s), its host, and the form two URLs are compared in.

use std::borrow::Cow;

/// Where the authority (host and port) after `scheme://` ends.
fn authority_end(rest: &str) -> usize {
    rest.bytes()
        .position(|b| matches!(b, b'/' | b'?' | b'#'))
        .unwrap_or(rest.len())
}

/// Where the first `://` of `url` starts. Every entry's URL is asked, so
/// it looks for the `:` alone and checks the two bytes after it, with no
/// substring searcher set up per call.
fn scheme_end(url: &str) -> Option<usize> {
    // Nearly every URL: no search at all (neither scheme holds a `:`).
    if url.starts_with("https://") {
        return Some(5);
    }
    if url.starts_with("http://") {
        return Some(4);
    }
    let bytes = url.as_bytes();
    memchr::memchr_iter(b':', bytes).find(|&i| bytes[i + 1..].starts_with(b"//"))
}

/// An authority's host and its port, when the part after its last `:`
/// is digits (`e.com:8080`; `[::1]` keeps its colons).
fn host_and_port(authority: &str) -> (&str, Option<&str>) {
    let host_port = without_user(authority);
    match host_port.bytes().rposition(|b| b == b':') {
        Some(colon)
            if host_port.as_bytes()[colon + 1..]
                .iter()
                .all(u8::is_ascii_digit) =>
        {
            (&host_port[..colon], Some(&host_port[colon + 1..]))
        }
        _ => (host_port, None),
    }
}

/// The authority without its user info (`user@`): what follows its last
/// `@`. Scanned byte by byte: an authority is a few dozen bytes, too short
/// for a searcher to pay for setting itself up.
fn without_user(authority: &str) -> &str {
    match authority.bytes().rposition(|b| b == b'@') {
        Some(at) => &authority[at + 1..],
        None => authority,
    }
}

/// The form URLs are compared in: scheme and host lowercased, no trailing `/`.
/// Borrows when the URL is already in that form, as nearly every URL is.
pub fn normalise(url: &str) -> Cow<'_, str> {
    let url = url.trim();
    let head = match scheme_end(url) {
        Some(i) => &url[..i + 3 + authority_end(&url[i + 3..])],
        None => "",
    };
    if !head.bytes().any(|b| b.is_ascii_uppercase()) && !url.ends_with('/') {
        return Cow::Borrowed(url);
    }
    let mut out = String::with_capacity(url.len());
    match scheme_end(url) {
        Some(i) => {
            let rest = &url[i + 3..];
            let host_end = authority_end(rest);
            out.push_str(&url[..i]);
            out.push_str("://");
            out.push_str(&rest[..host_end]);
            // ASCII case only: byte lengths (and char boundaries) stay put.
            out.make_ascii_lowercase();
            out.push_str(&rest[host_end..]);
        }
        None => out.push_str(url),
    }
    let kept = out.trim_end_matches('/').len();
    out.truncate(kept);
    Cow::Owned(out)
}

/// What a URL points at, as two links to the same page compare: no
/// scheme (`http` and `https` are one), host lowercased without `www.`,
/// no default port (`:80`, `:443`), no trailing `/`; a YouTube or Vimeo
/// video is `youtube:ID` or `vimeo:ID` whichever address form it has
/// (`youtu.be/ID`, `youtube.com/watch?v=ID`, `/embed/ID`, `/shorts/ID`,
/// `player.vimeo.com/video/ID`). The path, query and fragment otherwise
/// keep their case. Borrows when nothing needs changing.
pub fn identity(url: &str) -> Cow<'_, str> {
    let url = url.trim();
    let Some(i) = scheme_end(url) else {
        return normalise(url);
    };
    let rest = &url[i + 3..];
    let end = authority_end(rest);
    let (authority, tail) = rest.split_at(end);
    let (host, port) = host_and_port(authority);
    // Nearly every host is lowercase already: no copy then.
    let lower: Cow<'_, str> = if host.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(host.to_ascii_lowercase())
    } else {
        Cow::Borrowed(host)
    };
    let bare = lower.strip_prefix("www.").unwrap_or(&lower);
    if let Some(video) = video_id(bare, tail) {
        return Cow::Owned(video);
    }
    let tail = tail.trim_end_matches('/');
    let default_port = matches!(port, Some("80" | "443"));
    let clean = authority.len() == host.len()
        && !host.bytes().any(|b| b.is_ascii_uppercase())
        && !host.starts_with("www.")
        && tail.len() == rest.len() - end;
    if clean {
        return Cow::Borrowed(&rest[..end + tail.len()]);
    }
    let mut out = String::with_capacity(rest.len());
    out.push_str(bare);
    if let Some(p) = port.filter(|_| !default_port) {
        out.push(':');
        out.push_str(p);
    }
    out.push_str(tail);
    Cow::Owned(out)
}

/// `youtube:ID` or `vimeo:ID` for a link to a video on those hosts.
fn video_id(host: &str, tail: &str) -> Option<String> {
    if !matches!(
        host,
        "youtu.be" | "youtube.com" | "m.youtube.com" | "vimeo.com" | "player.vimeo.com"
    ) {
        return None;
    }
    let (path, query) = tail.split_once('?').unwrap_or((tail, ""));
    let path = path.split('#').next().unwrap_or(path);
    // The first segments are all a video's address needs (no Vec: a third
    // of some lists' URLs are videos, and every URL is asked).
    let mut segments = path.split('/').filter(|s| !s.is_empty());
    let first = [segments.next(), segments.next()];
    let id = match (host, first) {
        ("youtu.be", [Some(id), _]) => Some(("youtube", id)),
        ("youtube.com" | "m.youtube.com", [Some("watch"), None]) => query
            .split(['&', '#'])
            .find_map(|p| p.strip_prefix("v="))
            .map(|id| ("youtube", id)),
        ("youtube.com" | "m.youtube.com", [Some("embed" | "shorts" | "live" | "v"), Some(id)]) => {
            Some(("youtube", id))
        }
        ("vimeo.com", [Some(id), _]) if id.bytes().all(|b| b.is_ascii_digit()) => {
            Some(("vimeo", id))
        }
        ("player.vimeo.com", [Some("video"), Some(id)]) => Some(("vimeo", id)),
        _ => None,
    }?;
    let (site, id) = id;
    (!id.is_empty()).then(|| [site, ":", id].concat())
}

/// An absolute `http://` or `https://` URL with a host.
pub fn is_absolute_http(url: &str) -> bool {
    let strip = |prefix: &str| {
        url.get(..prefix.len())
            .filter(|p| p.eq_ignore_ascii_case(prefix))
            .map(|_| &url[prefix.len()..])
    };
    let Some(rest) = strip("https://").or_else(|| strip("http://")) else {
        return false;
    };
    authority_end(rest) > 0 && !crate::spaces::has_whitespace(url)
}

/// The host of an absolute URL, without user info or port.
pub fn host(url: &str) -> Option<&str> {
    let url = url.trim();
    let rest = &url[scheme_end(url)? + 3..];
    let host = without_user(&rest[..authority_end(rest)]);
    let host = match host.bytes().position(|b| b == b':') {
        Some(colon) => &host[..colon],
        None => host,
    };
    (!host.is_empty()).then_some(host)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`host`] as first written, with the standard library's searchers.
    fn host_by_searches(url: &str) -> Option<&str> {
        let url = url.trim();
        let bytes = url.as_bytes();
        let i = memchr::memchr_iter(b':', bytes).find(|&i| bytes[i + 1..].starts_with(b"//"))?;
        let rest = &url[i + 3..];
        let authority = &rest[..authority_end(rest)];
        let host = authority.rsplit('@').next()?;
        let host = host.split(':').next()?;
        (!host.is_empty()).then_some(host)
    }

    /// [`identity`]'s split of an authority as first written.
    fn host_port_by_searches(authority: &str) -> (&str, Option<&str>) {
        let host_port = authority.rsplit('@').next().unwrap_or(authority);
        match host_port.rsplit_once(':') {
            Some((h, p)) if p.bytes().all(|b| b.is_ascii_digit()) => (h, Some(p)),
            _ => (host_port, None),
        }
    }

    proptest::proptest! {
        /// The byte scans answer as the searches did, for URLs made of
        /// the characters that matter (`:`, `/`, `@`, `?`, `#`, case).
        #[test]
        fn scans_answer_as_searches(
            url in "(https?://|HTTP://|ftp:|//|:|/|@|\\?|#|a|B|8|www\\.| |é){0,14}"
        ) {
            proptest::prop_assert_eq!(host(&url), host_by_searches(&url));
            let authority = &url[..authority_end(&url)];
            proptest::prop_assert_eq!(host_and_port(authority), host_port_by_searches(authority));
        }
    }

    #[test]
    fn urls_compare_by_lowercase_host_and_no_trailing_slash() {
        assert_eq!(
            normalise("HTTPS://Example.COM/Path/"),
            "https://example.com/Path"
        );
        assert_eq!(normalise("https://e.com"), normalise("https://E.com/"));
        assert_ne!(normalise("https://e.com/A"), normalise("https://e.com/a"));
    }

    #[test]
    fn urls_already_normal_are_borrowed() {
        assert!(matches!(normalise("https://e.com/a"), Cow::Borrowed(_)));
        assert!(matches!(normalise("https://E.com/a"), Cow::Owned(_)));
        assert_eq!(normalise("no-scheme/"), "no-scheme");
    }

    #[test]
    fn one_page_has_one_identity() {
        let same = [
            "https://example.com/Post",
            "http://example.com/Post",
            "https://www.Example.com/Post/",
            "https://example.com:443/Post",
            "http://example.com:80/Post",
        ];
        for url in same {
            assert_eq!(identity(url), "example.com/Post", "{url}");
        }
        assert_ne!(
            identity("https://example.com/post"),
            identity("https://example.com/Post")
        );
        assert_eq!(identity("https://example.com:8080/x"), "example.com:8080/x");
        assert!(matches!(
            identity("https://example.com/a?b=1"),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn one_video_has_one_identity() {
        for url in [
            "https://youtu.be/abc123",
            "https://youtu.be/abc123?t=42",
            "https://www.youtube.com/watch?v=abc123",
            "https://m.youtube.com/watch?feature=share&v=abc123",
            "https://youtube.com/embed/abc123",
            "https://www.youtube.com/shorts/abc123",
        ] {
            assert_eq!(identity(url), "youtube:abc123", "{url}");
        }
        assert_eq!(identity("https://vimeo.com/123456"), "vimeo:123456");
        assert_eq!(
            identity("https://player.vimeo.com/video/123456"),
            "vimeo:123456"
        );
        assert_eq!(
            identity("https://vimeo.com/channels/staff"),
            "vimeo.com/channels/staff"
        );
    }

    #[test]
    fn absolute_http_urls() {
        assert!(is_absolute_http("https://e.com/x"));
        assert!(is_absolute_http("HTTP://e.com"));
        assert!(!is_absolute_http("/relative/path"));
        assert!(!is_absolute_http("ftp://e.com"));
        assert!(!is_absolute_http("https:///nohost"));
        assert!(!is_absolute_http("www.example.com"));
    }

    #[test]
    fn hosts_are_extracted() {
        assert_eq!(
            host("https://www.youtube.com/watch?v=x"),
            Some("www.youtube.com")
        );
        assert_eq!(host("https://user@vimeo.com:443/1"), Some("vimeo.com"));
        assert_eq!(host("https://youtu.be"), Some("youtu.be"));
        assert_eq!(host("no-scheme.com/x"), None);
    }
}
