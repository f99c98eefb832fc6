//! `links --fix-redirects`: every permanently moved URL rewritten to where
//! it moved, and nothing else, through a safety net as strict as `fmt`'s.
//!
//! The net re-parses the rewritten list and refuses (nothing is written)
//! unless (1) the text outside the rewritten URLs is byte for byte the
//! same, (2) every entry has the same section, title, year and tag, and a
//! URL that is the old one or exactly the one written for it, and (3) every
//! other link still points where it did, or exactly where it was moved.

use std::collections::HashMap;
use std::ops::Range;

use super::targets::{targets, Target};
use crate::config::Config;
use crate::model::{Document, Entry};
use crate::source::Source;

/// The rewrite would change more than its URLs: a bug. Nothing may be
/// written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unsafe {
    pub detail: String,
}

impl std::fmt::Display for Unsafe {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "internal error: rewriting the redirects would change more than the URLs ({}); \
             nothing was written. Please report this with the file attached",
            self.detail
        )
    }
}

/// One URL to rewrite: the text at `range` (exactly the old URL) becomes
/// `to`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rewrite {
    pub range: Range<usize>,
    pub to: String,
}

/// How a URL is written as a Markdown link destination: the characters
/// that would end or break one are percent-encoded (a URL means the same
/// with them encoded).
pub fn markdown_url(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        match c {
            ' ' => out.push_str("%20"),
            '(' => out.push_str("%28"),
            ')' => out.push_str("%29"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            '\\' => out.push_str("%5C"),
            '`' => out.push_str("%60"),
            c if c.is_control() => {
                let mut buf = [0; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    out.push_str(&format!("%{b:02X}"));
                }
            }
            c => out.push(c),
        }
    }
    out
}

/// The list's text with `rewrites` applied (they must not overlap), after
/// the safety net has passed.
pub fn apply(doc: &Document, config: &Config, rewrites: &[Rewrite]) -> Result<String, Unsafe> {
    let old = doc.text();
    let mut sorted: Vec<&Rewrite> = rewrites.iter().collect();
    sorted.sort_by_key(|r| r.range.start);
    let mut new = String::with_capacity(old.len() + 64 * sorted.len());
    let mut at = 0;
    // Where each rewritten URL is in the new text.
    let mut placed: Vec<(Range<usize>, &str)> = Vec::new();
    for r in &sorted {
        if r.range.start < at || r.range.end > old.len() {
            return Err(unsafe_("two redirects overlap"));
        }
        new.push_str(&old[at..r.range.start]);
        let start = new.len();
        new.push_str(&r.to);
        placed.push((start..new.len(), &r.to));
        at = r.range.end;
    }
    new.push_str(&old[at..]);
    check(doc, config, &new, &sorted, &placed)?;
    Ok(new)
}

fn unsafe_(detail: impl Into<String>) -> Unsafe {
    Unsafe {
        detail: detail.into(),
    }
}

fn check(
    doc: &Document,
    config: &Config,
    new: &str,
    rewrites: &[&Rewrite],
    placed: &[(Range<usize>, &str)],
) -> Result<(), Unsafe> {
    // (1) Outside the URLs, byte for byte.
    let old = doc.text();
    let (mut o, mut n) = (0, 0);
    for (r, (p, _)) in rewrites.iter().zip(placed) {
        if old[o..r.range.start] != new[n..p.start] {
            return Err(unsafe_(format!(
                "the text before byte {} changed",
                r.range.start
            )));
        }
        o = r.range.end;
        n = p.end;
    }
    if old[o..] != new[n..] {
        return Err(unsafe_("the text after the last URL changed"));
    }
    // What each old URL may become: itself, or what was written for it.
    let moved: HashMap<&str, Vec<&str>> =
        rewrites
            .iter()
            .fold(HashMap::new(), |mut map: HashMap<&str, Vec<&str>>, r| {
                map.entry(&old[r.range.clone()]).or_default().push(&r.to);
                map
            });
    let same_or_moved = |before: &str, after: &str| {
        before == after || moved.get(before).is_some_and(|to| to.contains(&after))
    };
    // Parsed exactly as written: the text is already without the file's
    // BOM and CRLF, and a second BOM must stay where it is.
    let after = Document::parse(
        Source::exact(doc.source.name.clone(), new.to_owned()),
        config,
    );
    // (2) Every entry, but for its URL.
    if after.entries.len() != doc.entries.len() {
        return Err(unsafe_(format!(
            "{} entries before, {} after",
            doc.entries.len(),
            after.entries.len()
        )));
    }
    for (a, b) in doc.entries.iter().zip(&after.entries) {
        // A title may hold a link or an image whose URL was rewritten.
        if entry_key(doc, a, rewrites) != entry_key(&after, b, &[]) {
            return Err(unsafe_(format!(
                "the entry at byte {} changed",
                doc.item(a).range.start()
            )));
        }
        let (ua, ub) = (doc.url(a).unwrap_or(""), after.url(b).unwrap_or(""));
        if !same_or_moved(ua, ub) {
            return Err(unsafe_(format!("`{ua}` became `{ub}`")));
        }
    }
    // (3) Every other link, and each rewritten URL reads as written.
    let (la, lb) = (targets(doc, true), targets(&after, true));
    if la.len() != lb.len() {
        return Err(unsafe_("a link was lost or made"));
    }
    for (a, b) in la.iter().zip(&lb) {
        if !same_or_moved(&a.url, &b.url) {
            return Err(unsafe_(format!("`{}` became `{}`", a.url, b.url)));
        }
    }
    for (range, to) in placed {
        let reads = lb
            .iter()
            .any(|t: &Target| t.range == *range && t.url == *to);
        if !reads {
            return Err(unsafe_(format!("`{to}` does not read back as a link")));
        }
    }
    Ok(())
}

/// An entry but for its URL: (section heading, title with `rewrites`
/// applied inside it, year, tag).
fn entry_key<'a>(
    doc: &'a Document,
    e: &Entry,
    rewrites: &[&Rewrite],
) -> (&'a str, String, Option<u16>, &'a str) {
    let text = doc.text();
    let section = doc
        .sections
        .get(e.section as usize)
        .map_or("", |s| doc.heading(s).text.as_str());
    let title = doc
        .title(e)
        .map_or_else(String::new, |r| rewritten(text, r, rewrites));
    let tag = e.tag.as_ref().map_or("", |t| t.written(text));
    (section, title, e.year.as_ref().map(|y| y.value), tag)
}

/// `text[range]` with the rewrites that lie inside it applied (`rewrites`
/// sorted by position).
fn rewritten(text: &str, range: Range<usize>, rewrites: &[&Rewrite]) -> String {
    let mut out = String::new();
    let mut at = range.start;
    for r in rewrites
        .iter()
        .filter(|r| r.range.start >= range.start && r.range.end <= range.end)
    {
        out.push_str(&text[at..r.range.start]);
        out.push_str(&r.to);
        at = r.range.end;
    }
    out.push_str(&text[at..range.end]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIST: &str = "# List\n\n## Contents\n\n- [Acme](#acme)\n\n## Acme\n\n- [Post](https://a.example/old) - `2021` - :books:\n- [Same](https://a.example/old) - `2020` - :books:\n- [Kept](https://a.example/kept) - `2019` - :books:\n\nSee <https://a.example/old> too.\n";

    fn doc(text: &str) -> Document {
        Document::parse(Source::new("t.md", text), &Config::default())
    }

    fn rewrites(d: &Document, to: &str) -> Vec<Rewrite> {
        targets(d, true)
            .into_iter()
            .filter(|t| t.url == "https://a.example/old" && t.exact)
            .map(|t| Rewrite {
                range: t.range,
                to: markdown_url(to),
            })
            .collect()
    }

    #[test]
    fn only_the_urls_change() {
        let d = doc(LIST);
        let new = apply(
            &d,
            &Config::default(),
            &rewrites(&d, "https://a.example/new"),
        )
        .unwrap();
        assert_eq!(
            new,
            LIST.replace("https://a.example/old", "https://a.example/new")
        );
    }

    #[test]
    fn characters_that_would_break_the_link_are_encoded() {
        let d = doc(LIST);
        let to = "https://a.example/wiki/Foo_(bar) baz";
        let new = apply(&d, &Config::default(), &rewrites(&d, to)).unwrap();
        assert!(
            new.contains("(https://a.example/wiki/Foo_%28bar%29%20baz)"),
            "{new}"
        );
    }

    #[test]
    fn a_second_bom_stays_where_it_is() {
        // The file's BOM is gone from the text; a second one is text.
        let text = format!("\u{feff}\u{feff}{LIST}");
        let d = doc(&text);
        let new = apply(
            &d,
            &Config::default(),
            &rewrites(&d, "https://a.example/new"),
        )
        .unwrap();
        assert_eq!(
            new,
            d.text()
                .replace("https://a.example/old", "https://a.example/new")
        );
    }

    #[test]
    fn an_image_inside_a_title_is_rewritten_too() {
        let text = "# L\n\n## Acme\n\n- [![logo](https://a.example/old.png) Post](https://a.example/p) - `2021` - :books:\n";
        let d = doc(text);
        let logo = targets(&d, true)
            .into_iter()
            .find(|t| t.url.ends_with("old.png"))
            .unwrap();
        let r = Rewrite {
            range: logo.range,
            to: "https://a.example/new.png".into(),
        };
        let new = apply(&d, &Config::default(), &[r]).unwrap();
        assert_eq!(new, text.replace("old.png", "new.png"));
    }

    #[test]
    fn the_net_refuses_a_rewrite_that_changes_more_than_a_url() {
        let d = doc(LIST);
        // A "URL" that ends the link and adds text: the entry's parts move.
        let evil = Rewrite {
            range: rewrites(&d, "x")[0].range.clone(),
            to: "https://a.example/new) - `1999".into(),
        };
        let e = apply(&d, &Config::default(), &[evil]).unwrap_err();
        assert!(e.to_string().contains("nothing was written"), "{e}");
        // Overlapping rewrites are refused too.
        let r = rewrites(&d, "https://n/")[0].clone();
        assert!(apply(&d, &Config::default(), &[r.clone(), r]).is_err());
    }
}
