//! What the crate needs to know about a URL, without a URL parser: whether
//! it is absolute http(s), its host, and the form two URLs are compared in.

use std::borrow::Cow;

/// Where the authority (host and port) after `scheme://` ends.
fn authority_end(rest: &str) -> usize {
    rest.bytes()
        .position(|b| matches!(b, b'/' | b'?' | b'#'))
        .unwrap_or(rest.len())
}

/// The form URLs are compared in: scheme and host lowercased, no trailing `/`.
/// Borrows when the URL is already in that form, as nearly every URL is.
pub fn normalise(url: &str) -> Cow<'_, str> {
    let url = url.trim();
    let head = match url.find("://") {
        Some(i) => &url[..i + 3 + authority_end(&url[i + 3..])],
        None => "",
    };
    if !head.bytes().any(|b| b.is_ascii_uppercase()) && !url.ends_with('/') {
        return Cow::Borrowed(url);
    }
    let mut out = String::with_capacity(url.len());
    match url.find("://") {
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
    authority_end(rest) > 0 && !url.chars().any(char::is_whitespace)
}

/// The host of an absolute URL, without user info or port.
pub fn host(url: &str) -> Option<&str> {
    let rest = url.trim().split_once("://")?.1;
    let authority = &rest[..rest.find(['/', '?', '#']).unwrap_or(rest.len())];
    let host = authority.rsplit('@').next()?;
    let host = host.split(':').next()?;
    (!host.is_empty()).then_some(host)
}

#[cfg(test)]
mod tests {
    use super::*;

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
