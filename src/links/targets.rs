//! The links `flinkscale links` checks in a list: every entry's URL and,
//! with `--all`, every other http(s) link and image in the file, read from
//! the model (the file is parsed once).

use std::ops::Range;

use crate::model::url::is_absolute_http;
use crate::model::Document;

/// One link to check, where it is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// The URL as written (without the whitespace around it), or the whole
    /// link when the URL cannot be found in it as it is (a reference link,
    /// an escaped character): where diagnostics point.
    pub range: Range<usize>,
    /// The destination, as the Markdown means it.
    pub url: String,
    /// An entry's link (as opposed to one of `--all`'s).
    pub entry: bool,
    /// The entry's year, where the list writes it: what an archived copy
    /// is looked for closest to.
    pub year: Option<u16>,
    /// The lines (0-based, end exclusive) of the entry, or of the link:
    /// what `--changed-since` compares with the lines a diff touched.
    pub lines: Range<usize>,
    /// `range` holds exactly `url`, so a redirect can be rewritten there.
    /// Never for a link in a heading (its text is the heading's anchor,
    /// which a rewrite would move), nor for a URL holding a character that
    /// Markdown reads elsewhere (`` ` [ ] < > \ ``): taking it out can
    /// change how the text around it parses.
    pub exact: bool,
}

/// Every entry's absolute http(s) URL (entry-url-invalid speaks for the
/// others) and, with `all`, every other absolute http(s) link or image,
/// in the order they are written.
pub fn targets(doc: &Document, all: bool) -> Vec<Target> {
    let text = doc.text();
    let mut out: Vec<Target> = doc
        .entries
        .iter()
        .filter_map(|e| {
            let url = doc.url(e)?;
            if !is_absolute_http(url) {
                return None;
            }
            let raw = e.url.as_ref()?.range.range();
            let written = &text[raw.clone()];
            let lead = written.len() - written.trim_start().len();
            let range = raw.start + lead..raw.start + lead + written.trim().len();
            Some(Target {
                exact: &text[range.clone()] == url && plain(url),
                range,
                url: url.to_owned(),
                entry: true,
                year: e.year_at(doc.profile.year_place),
                lines: doc.item(e).lines.range(),
            })
        })
        .collect();
    if all {
        let mut entries: Vec<usize> = out.iter().map(|t| t.range.start).collect();
        entries.sort_unstable();
        let mut others = other_links(doc, &entries);
        // Headings are in document order: the one that could hold a link
        // is the last that starts at or before it.
        for t in &mut others {
            let after = doc
                .headings
                .partition_point(|h| h.range.start <= t.range.start);
            let in_heading = after > 0 && t.range.end <= doc.headings[after - 1].range.end;
            t.exact &= !in_heading;
        }
        out.extend(others);
        out.sort_by_key(|t| (t.range.start, t.range.end));
    }
    out
}

/// A URL with none of the characters that mean something to Markdown
/// outside a link destination (backtick runs pair across it, brackets and
/// angle brackets open and close links, a backslash escapes).
fn plain(url: &str) -> bool {
    !url.contains(['`', '[', ']', '<', '>', '\\'])
}

/// Every http(s) link and image that is not an entry's link (one that
/// holds none of `entries`, the sorted starts of the entries' URLs), from
/// the model's one parse ([`Document::links_out`]).
fn other_links(doc: &Document, entries: &[usize]) -> Vec<Target> {
    let text = doc.text();
    let holds_entry = |range: &Range<usize>| {
        let i = entries.partition_point(|&e| e < range.start);
        entries.get(i).is_some_and(|&e| e < range.end)
    };
    let mut out = Vec::new();
    for link in &doc.links_out {
        let dest = link.dest(text);
        let range = link.range.range();
        if !is_absolute_http(dest) || holds_entry(&range) {
            continue;
        }
        let written = &text[range.clone()];
        // The destination follows the link text: look for it after the
        // last `](` that precedes it, or anywhere in an autolink. It is
        // written as it reads only if it is all of the destination: right
        // after `(` or `<`, and followed by `)`, `>` or the title's space
        // (an escaped `\\` reads as one backslash, so a shorter run of
        // them is no match).
        let from = written.rfind("](").map_or(0, |i| i + 2);
        let whole = |at: usize| {
            let before = written[..from + at].chars().next_back();
            let after = written[from + at + dest.len()..].chars().next();
            matches!(before, Some('(' | '<'))
                && matches!(after, Some(')' | '>' | ' ' | '\t' | '\n'))
        };
        let (range, exact) = match written[from..].find(dest).filter(|&at| whole(at)) {
            Some(at) => {
                let start = range.start + from + at;
                (start..start + dest.len(), plain(dest))
            }
            None => (range, false),
        };
        let line = doc.source.line_index(range.start);
        out.push(Target {
            range,
            lines: line..line + 1,
            url: dest.to_owned(),
            entry: false,
            year: None,
            exact,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::source::Source;

    fn doc(text: &str) -> Document {
        Document::parse(Source::new("t.md", text), &Config::default())
    }

    const LIST: &str = "# List <https://h.example/>\n\n[![badge](https://img.example/b.svg)](https://ci.example/run)\n\n## Contents\n\n- [Acme](#acme)\n\n## Acme\n\n- [Post](https://a.example/post) - `2021` - :books:\n- [Talk]( https://a.example/talk ) - `2020` - :books:\n- [Local](docs/x.md) - `2019` - :books:\n\nSee [the docs](https://docs.example/) and [ref][r] and [e](https://esc.example/a\\\\\\\\) and [t](https://t.example/a`b).\n\n[r]: https://ref.example/\n";

    #[test]
    fn entries_only_by_default_with_the_url_as_written() {
        let d = doc(LIST);
        let t = targets(&d, false);
        let urls: Vec<&str> = t.iter().map(|t| t.url.as_str()).collect();
        assert_eq!(urls, ["https://a.example/post", "https://a.example/talk"]);
        for target in &t {
            assert_eq!(&LIST[target.range.clone()], target.url, "trimmed");
            assert!(target.entry && target.exact);
        }
    }

    #[test]
    fn all_adds_every_other_link_and_image() {
        let d = doc(LIST);
        let t = targets(&d, true);
        let urls: Vec<&str> = t.iter().map(|t| t.url.as_str()).collect();
        assert_eq!(
            urls,
            [
                "https://h.example/",
                "https://img.example/b.svg",
                "https://ci.example/run",
                "https://a.example/post",
                "https://a.example/talk",
                "https://docs.example/",
                "https://ref.example/",
                "https://esc.example/a\\\\",
                "https://t.example/a`b",
            ]
        );
        let reference = t.iter().find(|t| t.url == "https://ref.example/").unwrap();
        assert!(
            !reference.exact,
            "a reference link is not rewritten in place"
        );
        assert_eq!(&LIST[reference.range.clone()], "[ref][r]");
        let escaped = t
            .iter()
            .find(|t| t.url == "https://esc.example/a\\\\")
            .unwrap();
        assert!(
            !escaped.exact,
            "`\\\\` in the source reads as one backslash"
        );
        let ticks = t.iter().find(|t| t.url == "https://t.example/a`b").unwrap();
        assert!(!ticks.exact, "a backtick in a URL is left as written");
        let heading = t.iter().find(|t| t.url == "https://h.example/").unwrap();
        assert!(
            !heading.exact,
            "a heading's text is its anchor: never rewritten"
        );
        let docs = t.iter().find(|t| t.url == "https://docs.example/").unwrap();
        assert!(docs.exact && !docs.entry);
        assert_eq!(&LIST[docs.range.clone()], "https://docs.example/");
    }
}
