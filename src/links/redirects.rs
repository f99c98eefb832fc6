//! `links --fix-redirects`: every permanently moved URL rewritten to where
//! it moved, and nothing else: the rewrites are edits applied by the one
//! patcher, and the safety net ([`crate::write::proof`]) is told that these
//! URLs, each at its place, may change (`Change::Urls`): every entry must
//! keep its section, title, year and tag and have its old URL or the one
//! written for it, every other link must point where it did, and the
//! preamble and every kept block must read as before but for the URLs.

use crate::config::Config;
use crate::diagnostic::Edit;
use crate::model::Document;
use crate::write::{Change, Expected, Patcher, Refused, Writer};

pub use crate::write::Rewrite;

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
pub fn apply(doc: &Document, config: &Config, rewrites: &[Rewrite]) -> Result<String, Refused> {
    let refuse = |detail: &str| {
        Err(Refused {
            writer: Writer::Redirects,
            detail: detail.into(),
        })
    };
    if rewrites
        .iter()
        .any(|r| doc.text().get(r.range.clone()).is_none())
    {
        return refuse("a redirect is outside the text");
    }
    let edits: Vec<Edit> = rewrites
        .iter()
        .map(|r| Edit::new(r.range.clone(), r.to.clone()))
        .collect();
    let patcher = Patcher::of_edits(doc.text(), edits);
    // The patcher takes a change whole or not at all.
    if patcher.edits().len() != rewrites.len() {
        return refuse("two redirects overlap");
    }
    let out = Expected::of(doc, &patcher, Change::Urls(rewrites)).check(
        &doc.source.name,
        patcher.text(),
        config,
    )?;
    Ok(out.source.text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::links::targets;
    use crate::source::Source;

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
