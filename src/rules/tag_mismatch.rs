//! `tag-mismatch`: a video host's link carries the video tag.

use super::{Context, Fix, Rule, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};

pub static TAG_MISMATCH: Rule = Rule {
    meta: RuleMeta {
        id: "tag-mismatch",
        severity: Severity::Warning,
        fix: Fix::Never,
        summary: "A link to a host listed in a tag's `hosts` (youtube.com, youtu.be, vimeo.com) carries another tag.",
        why: "A YouTube link tagged as an article tells readers to expect text and hands them a video.",
        bad: "- [Keynote](https://www.youtube.com/watch?v=x) - `2022` - :books:",
        good: "- [Keynote](https://www.youtube.com/watch?v=x) - `2022` - :studio_microphone:",
    },
    check: tag_mismatch,
};

/// The host of an absolute URL, without user info or port.
pub(crate) fn host(url: &str) -> Option<&str> {
    let rest = url.trim().split_once("://")?.1;
    let authority = &rest[..rest.find(['/', '?', '#']).unwrap_or(rest.len())];
    let host = authority.rsplit('@').next()?;
    let host = host.split(':').next()?;
    (!host.is_empty()).then_some(host)
}

fn tag_mismatch(cx: &Context) -> Vec<Diagnostic> {
    cx.doc
        .entries
        .iter()
        .filter_map(|e| {
            let tag = e.tag.as_ref()?;
            let name = cx.doc.tag_name(tag)?;
            let host = host(cx.doc.url(e)?)?;
            let expected = cx.config.tag_for_host(host)?;
            if expected == name {
                return None;
            }
            let meaning = cx.config.tags[expected].meaning.as_deref().unwrap_or(expected);
            Some(
                Diagnostic::new(
                    "tag-mismatch",
                    tag.range.range(),
                    format!("`{host}` link is tagged `:{name}:`, but links there are `:{expected}:` ({meaning})"),
                )
                .label("expected a different tag")
                .help(format!("use `:{expected}:` if this is a {meaning}")),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::host;

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
