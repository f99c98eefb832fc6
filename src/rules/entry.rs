//! `entry-*`: each entry is `- [Title](URL) - `YYYY` - :tag:`, dated,
//! tagged, sorted and unique.

use std::collections::HashMap;

use super::{quote, Context, Fix, Rule, RuleMeta};
use crate::config::EntryOrder;
use crate::diagnostic::{Diagnostic, Edit, Severity};
use crate::model::{Entry, Shape};

const EXPECTED: &str = "expected `- [Title](https://url) - `YYYY` - :tag:`";

/// The entry's first line: where entry-wide diagnostics point.
fn first_line(cx: &Context, e: &Entry) -> std::ops::Range<usize> {
    let item = cx.doc.item(e);
    let end = cx.doc.source.line_range(item.lines.start()).end;
    item.range.start()..end.min(item.range.end()).max(item.range.start())
}

fn known_tags(cx: &Context) -> String {
    cx.config
        .tags
        .iter()
        .map(|(name, t)| match &t.meaning {
            Some(m) => format!("`:{name}:` ({m})"),
            None => format!("`:{name}:`"),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

pub static ENTRY_FORMAT: Rule = Rule {
    meta: RuleMeta {
        id: "entry-format",
        severity: Severity::Error,
        fix: Fix::Sometimes("when the parts are all there and only the bullet, separators, spacing or an emoji tag are off"),
        summary: "A list item in a company section does not match `- [Title](URL) - `YYYY` - :tag:`.",
        why: "One shape for every entry keeps the list readable, diffable and usable as data.",
        bad: "* [Title](https://example.com) – `2021` – 📚",
        good: "- [Title](https://example.com) - `2021` - :books:",
    },
    check: entry_format,
};

fn entry_format(cx: &Context) -> Vec<Diagnostic> {
    cx.doc
        .entries
        .iter()
        .filter_map(|e| {
            // Missing or unknown parts are reported by their own rules.
            let parts_known = e.year.is_some() && e.tag.as_ref().is_some_and(|t| t.name.is_some());
            let (reason, fixable) = match &e.shape {
                Shape::Unfixable(r) if e.url.is_none() || cx.doc.item(e).link().is_none() => {
                    (r, false)
                }
                _ if !parts_known => return None,
                Shape::Canonical => return None,
                Shape::Fixable(r) => (r, true),
                Shape::Unfixable(r) => (r, false),
            };
            Some(
                Diagnostic::new("entry-format", first_line(cx, e), format!("entry {reason}"))
                    .label("not the entry form")
                    .help(EXPECTED)
                    .fixable(fixable),
            )
        })
        .collect()
}

pub static ENTRY_YEAR_MISSING: Rule = Rule {
    meta: RuleMeta {
        id: "entry-year-missing",
        severity: Severity::Error,
        fix: Fix::Never,
        summary: "An entry has no year in backticks.",
        why: "Entries are sorted newest first and readers judge relevance by date.",
        bad: "- [Title](https://example.com) - :books:",
        good: "- [Title](https://example.com) - `2021` - :books:",
    },
    check: entry_year_missing,
};

fn entry_year_missing(cx: &Context) -> Vec<Diagnostic> {
    cx.doc
        .entries
        .iter()
        .filter(|e| cx.doc.item(e).link().is_some() && e.year.is_none())
        .map(|e| {
            let found = e
                .junk()
                .iter()
                .map(|r| &cx.text()[r.range()])
                .find(|t| t.starts_with('`'))
                .map(|t| format!(" (found {t}, which is not four digits)"))
                .unwrap_or_default();
            Diagnostic::new("entry-year-missing", first_line(cx, e), "entry has no year")
                .label("no `YYYY`")
                .help(format!(
                    "add the year it was published, like `2021` in backticks{found}"
                ))
        })
        .collect()
}

pub static ENTRY_YEAR_INVALID: Rule = Rule {
    meta: RuleMeta {
        id: "entry-year-invalid",
        severity: Severity::Error,
        fix: Fix::Never,
        summary: "An entry's year is before `entries.min-year` (1990) or after the current year.",
        why: "A year outside that range is a typo, and it would sort the entry to the wrong place.",
        bad: "- [Title](https://example.com) - `2201` - :books:",
        good: "- [Title](https://example.com) - `2021` - :books:",
    },
    check: entry_year_invalid,
};

fn entry_year_invalid(cx: &Context) -> Vec<Diagnostic> {
    let min = cx.config.entries.min_year;
    cx.doc
        .entries
        .iter()
        .filter_map(|e| {
            let year = e.year.as_ref()?;
            let message = if year.value < min {
                format!("year {} is before {min} (`entries.min-year`)", year.value)
            } else if year.value > cx.current_year {
                format!(
                    "year {} is in the future (it is {})",
                    year.value, cx.current_year
                )
            } else {
                return None;
            };
            Some(
                Diagnostic::new("entry-year-invalid", year.range.range(), message)
                    .label("invalid year")
                    .help("check the publication date and correct the year"),
            )
        })
        .collect()
}

pub static ENTRY_TAG_MISSING: Rule = Rule {
    meta: RuleMeta {
        id: "entry-tag-missing",
        severity: Severity::Error,
        fix: Fix::Never,
        summary:
            "An entry has no tag (`:books:`, `:studio_microphone:` or another configured tag).",
        why: "The tag tells readers whether to expect an article or a talk.",
        bad: "- [Title](https://example.com) - `2021`",
        good: "- [Title](https://example.com) - `2021` - :books:",
    },
    check: entry_tag_missing,
};

fn entry_tag_missing(cx: &Context) -> Vec<Diagnostic> {
    cx.doc
        .entries
        .iter()
        .filter(|e| cx.doc.item(e).link().is_some() && e.tag.is_none())
        .map(|e| {
            Diagnostic::new("entry-tag-missing", first_line(cx, e), "entry has no tag")
                .label("no tag")
                .help(format!("end the entry with one of {}", known_tags(cx)))
        })
        .collect()
}

pub static ENTRY_TAG_UNKNOWN: Rule = Rule {
    meta: RuleMeta {
        id: "entry-tag-unknown",
        severity: Severity::Error,
        fix: Fix::Never,
        summary: "An entry's tag is not one of the configured `[tags]`.",
        why: "Unknown tags mean nothing to readers and cannot be counted or filtered.",
        bad: "- [Title](https://example.com) - `2021` - :tv:",
        good: "- [Title](https://example.com) - `2021` - :studio_microphone:",
    },
    check: entry_tag_unknown,
};

fn entry_tag_unknown(cx: &Context) -> Vec<Diagnostic> {
    cx.doc
        .entries
        .iter()
        .filter_map(|e| {
            let tag = e.tag.as_ref().filter(|t| t.name.is_none())?;
            let name = tag.written(cx.text()).trim_matches(':');
            let closest = cx
                .config
                .tags
                .keys()
                .map(|k| (strsim::levenshtein(name, k), k))
                .filter(|(d, k)| *d <= k.len() / 3 + 1)
                .min()
                .map(|(_, k)| format!("did you mean `:{k}:`? "))
                .unwrap_or_default();
            Some(
                Diagnostic::new(
                    "entry-tag-unknown",
                    tag.range.range(),
                    format!("unknown tag `{}`", tag.written(cx.text())),
                )
                .label("unknown tag")
                .help(format!("{closest}known tags: {}", known_tags(cx))),
            )
        })
        .collect()
}

pub static ENTRY_ORDER: Rule = Rule {
    meta: RuleMeta {
        id: "entry-order",
        severity: Severity::Error,
        fix: Fix::Always,
        summary: "The entries of a section are not newest first (`entries.order`).",
        why: "Newest first puts what is current at the top of each company.",
        bad: "- [Old](https://example.com/a) - `2019` - :books:\n- [New](https://example.com/b) - `2023` - :books:",
        good: "- [New](https://example.com/b) - `2023` - :books:\n- [Old](https://example.com/a) - `2019` - :books:",
    },
    check: entry_order,
};

fn entry_order(cx: &Context) -> Vec<Diagnostic> {
    let order = cx.config.entries.order;
    if order == EntryOrder::None {
        return Vec::new();
    }
    let mut lists: Vec<Vec<&Entry>> = Vec::new();
    for e in cx.doc.entries.iter().filter(|e| e.year.is_some()) {
        match lists.last_mut() {
            Some(list) if list[0].list == e.list => list.push(e),
            _ => lists.push(vec![e]),
        }
    }
    lists
        .iter()
        .filter_map(|list| {
            let pair = list.windows(2).find(|w| {
                let (a, b) = (year(w[0]), year(w[1]));
                match order {
                    EntryOrder::NewestFirst => b > a,
                    _ => b < a,
                }
            })?;
            let (above, this) = (year(pair[0]), year(pair[1]));
            let rule = if order == EntryOrder::NewestFirst { "newest first" } else { "oldest first" };
            Some(
                Diagnostic::new(
                    "entry-order",
                    first_line(cx, pair[1]),
                    format!("entry from {this} is below one from {above}: entries are {rule}"),
                )
                .label("out of place")
                .help(format!(
                    "move it up; `flinkscale fmt --write` sorts each section by year, {rule}, keeping the order within a year"
                ))
                .fixable(true),
            )
        })
        .collect()
}

fn year(e: &Entry) -> u16 {
    e.year.as_ref().map_or(0, |y| y.value)
}

pub static ENTRY_DUPLICATE: Rule = Rule {
    meta: RuleMeta {
        id: "entry-duplicate",
        severity: Severity::Error,
        fix: Fix::Never,
        summary: "The same URL appears twice in the file (scheme and host compared in lowercase, trailing `/` ignored).",
        why: "A link listed twice is noise, and often a sign the second contribution went to the wrong company.",
        bad: "- [Talk](https://youtu.be/x) - `2020` - :studio_microphone:\n- [Talk again](https://youtu.be/x/) - `2020` - :studio_microphone:",
        good: "- [Talk](https://youtu.be/x) - `2020` - :studio_microphone:",
    },
    check: entry_duplicate,
};

/// The form URLs are compared in: scheme and host lowercased, no trailing `/`.
/// Borrows when the URL is already in that form, as nearly every URL is.
pub(crate) fn normalise_url(url: &str) -> std::borrow::Cow<'_, str> {
    let url = url.trim();
    let head = match url.find("://") {
        Some(i) => &url[..i + 3 + authority_end(&url[i + 3..])],
        None => "",
    };
    if !head.bytes().any(|b| b.is_ascii_uppercase()) && !url.ends_with('/') {
        return std::borrow::Cow::Borrowed(url);
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
    std::borrow::Cow::Owned(out)
}

/// Where the authority (host and port) after `scheme://` ends.
fn authority_end(rest: &str) -> usize {
    rest.bytes()
        .position(|b| matches!(b, b'/' | b'?' | b'#'))
        .unwrap_or(rest.len())
}

fn entry_duplicate(cx: &Context) -> Vec<Diagnostic> {
    let entries = &cx.doc.entries;
    let key_of = |i: usize| Some(normalise_url(cx.doc.url(&entries[i])?));
    let hasher = std::hash::RandomState::new();
    repeats(entries.len(), key_of, &hasher)
        .into_iter()
        .filter_map(|(i, first)| {
            let url = entries[i].url.as_ref()?;
            let dest = cx.doc.url(&entries[i])?;
            let line = cx.doc.item(&entries[first]).lines.start() + 1;
            Some(
                Diagnostic::new(
                    "entry-duplicate",
                    url.range.range(),
                    format!("URL {} is already listed", quote(dest)),
                )
                .label("duplicate")
                .help(format!("the same link is on line {line}; keep one of them")),
            )
        })
        .collect()
}

/// Every index `i < n` whose key equals an earlier one's, with the first
/// index holding that key.
///
/// It keeps 16 bytes a key (the key's hash -> the first index with it)
/// rather than a copy of every URL. A hash hit is confirmed by comparing
/// the keys; a different key with the same hash, all but impossible, is
/// looked up by its text in a second map.
fn repeats<'k>(
    n: usize,
    key_of: impl Fn(usize) -> Option<std::borrow::Cow<'k, str>>,
    hasher: &impl std::hash::BuildHasher,
) -> Vec<(usize, usize)> {
    use std::collections::hash_map::Entry::{Occupied, Vacant};
    let mut first: HashMap<u64, usize> = HashMap::with_capacity(n);
    let mut collided: HashMap<std::borrow::Cow<'k, str>, usize> = HashMap::new();
    let mut out = Vec::new();
    for i in 0..n {
        let Some(key) = key_of(i) else { continue };
        let earlier = match first.entry(hasher.hash_one(&key)) {
            Vacant(slot) => {
                slot.insert(i);
                None
            }
            Occupied(slot) if key_of(*slot.get()).as_ref() == Some(&key) => Some(*slot.get()),
            Occupied(_) => match collided.entry(key) {
                Occupied(slot) => Some(*slot.get()),
                Vacant(slot) => {
                    slot.insert(i);
                    None
                }
            },
        };
        if let Some(j) = earlier {
            out.push((i, j));
        }
    }
    out
}

pub static ENTRY_URL_INVALID: Rule = Rule {
    meta: RuleMeta {
        id: "entry-url-invalid",
        severity: Severity::Error,
        fix: Fix::Sometimes("when the only problem is whitespace around the URL"),
        summary: "An entry's URL is not an absolute http(s) URL, or has whitespace (`]( https://...)`).",
        why: "Relative or malformed links break on mirrors and in exported data; stray spaces are easy to miss in review.",
        bad: "- [Title]( https://example.com) - `2021` - :books:",
        good: "- [Title](https://example.com) - `2021` - :books:",
    },
    check: entry_url_invalid,
};

/// An absolute `http://` or `https://` URL with a host.
pub(crate) fn is_absolute_http(url: &str) -> bool {
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

fn entry_url_invalid(cx: &Context) -> Vec<Diagnostic> {
    cx.doc
        .entries
        .iter()
        .filter_map(|e| {
            let url = e.url.as_ref()?;
            let raw = &cx.text()[url.range.range()];
            let lead = raw.len() - raw.trim_start().len();
            let trail = raw.len() - raw.trim_end().len();
            let dest = cx.doc.url(e)?;
            if !is_absolute_http(dest) {
                return Some(
                    Diagnostic::new(
                        "entry-url-invalid",
                        url.range.range(),
                        format!("URL {} is not an absolute http(s) URL", quote(raw)),
                    )
                    .label("invalid URL")
                    .help("link to the full address, starting with `https://`"),
                );
            }
            if lead + trail == 0 {
                return None;
            }
            let mut edits = Vec::new();
            if lead > 0 {
                edits.push(Edit::delete(url.range.start()..url.range.start() + lead));
            }
            if trail > 0 {
                edits.push(Edit::delete(url.range.end() - trail..url.range.end()));
            }
            Some(
                Diagnostic::new(
                    "entry-url-invalid",
                    url.range.range(),
                    "URL has whitespace around it",
                )
                .label("whitespace")
                .help(format!("write `({dest})`"))
                .edits(edits),
            )
        })
        .collect()
}

pub static ENTRY_TITLE_WHITESPACE: Rule = Rule {
    meta: RuleMeta {
        id: "entry-title-whitespace",
        severity: Severity::Error,
        fix: Fix::Always,
        summary: "An entry's title starts or ends with whitespace or has runs of spaces.",
        why: "Stray spaces render as odd gaps and make the same title compare different.",
        bad: "- [Event Tracing in Flink ](https://example.com) - `2024` - :books:",
        good: "- [Event Tracing in Flink](https://example.com) - `2024` - :books:",
    },
    check: entry_title_whitespace,
};

/// Edits that trim `text` (at `base`) and fold its whitespace runs to one space.
pub(crate) fn whitespace_edits(text: &str, base: usize) -> Vec<Edit> {
    let mut edits = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if !c.is_whitespace() {
            continue;
        }
        let mut end = start + c.len_utf8();
        while let Some(&(i, c)) = chars.peek() {
            if !c.is_whitespace() {
                break;
            }
            end = i + c.len_utf8();
            chars.next();
        }
        let run = &text[start..end];
        let replacement = if start == 0 || end == text.len() {
            ""
        } else {
            " "
        };
        if run != replacement {
            edits.push(Edit::new(base + start..base + end, replacement));
        }
    }
    edits
}

fn entry_title_whitespace(cx: &Context) -> Vec<Diagnostic> {
    cx.doc
        .entries
        .iter()
        .filter_map(|e| {
            let range = cx.doc.title(e)?;
            let edits = whitespace_edits(&cx.text()[range.clone()], range.start);
            if edits.is_empty() {
                return None;
            }
            let title = &cx.text()[range.clone()];
            let what = if title.trim() != title {
                "starts or ends with whitespace"
            } else {
                "has a run of spaces"
            };
            Some(
                Diagnostic::new("entry-title-whitespace", range, format!("title {what}"))
                    .label("whitespace")
                    .help(format!(
                        "write `[{}]`",
                        crate::model::collapse_whitespace(title)
                    ))
                    .edits(edits),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::borrow::Cow;

    #[test]
    fn urls_compare_by_lowercase_host_and_no_trailing_slash() {
        assert_eq!(
            normalise_url("HTTPS://Example.COM/Path/"),
            "https://example.com/Path"
        );
        assert_eq!(
            normalise_url("https://e.com"),
            normalise_url("https://E.com/")
        );
        assert_ne!(
            normalise_url("https://e.com/A"),
            normalise_url("https://e.com/a")
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
    fn whitespace_edits_trim_and_fold() {
        let edits = whitespace_edits(" a  b\tc ", 10);
        assert_eq!(
            edits,
            vec![
                Edit::new(10..11, ""),
                Edit::new(12..14, " "),
                Edit::new(15..16, " "),
                Edit::new(17..18, ""),
            ]
        );
        assert!(whitespace_edits("a b", 0).is_empty());
    }
    /// A hasher under which every key collides.
    #[derive(Default)]
    struct Collide;

    impl std::hash::Hasher for Collide {
        fn finish(&self) -> u64 {
            0
        }
        fn write(&mut self, _: &[u8]) {}
    }

    #[test]
    fn repeats_are_found_even_when_every_hash_collides() {
        let keys = ["a", "b", "a", "c", "b", "b"];
        let key_of = |i: usize| Some(Cow::Borrowed(keys[i]));
        let want = vec![(2, 0), (4, 1), (5, 1)];
        let random = std::hash::RandomState::new();
        assert_eq!(repeats(keys.len(), key_of, &random), want);
        let colliding = std::hash::BuildHasherDefault::<Collide>::default();
        assert_eq!(repeats(keys.len(), key_of, &colliding), want);
    }

    #[test]
    fn urls_already_normal_are_borrowed() {
        assert!(matches!(normalise_url("https://e.com/a"), Cow::Borrowed(_)));
        assert!(matches!(normalise_url("https://E.com/a"), Cow::Owned(_)));
        assert_eq!(normalise_url("no-scheme/"), "no-scheme");
    }
}
