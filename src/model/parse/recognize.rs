//! The census of a file's items and rows ([`Census`]): what decides
//! whether it is a list at all (FORMAT.md section 7.3).

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use super::events::PARSER_OPTIONS;
use crate::model::census::Census;
use crate::model::document::{Block, BlockKind, Heading, ListItem};

/// Counts the file's entries and other items. `skip`: block indices not
/// to count (the TOC's, a `Contributing` section's).
pub(crate) fn census(
    text: &str,
    blocks: &[Block],
    headings: &[Heading],
    skip: impl Fn(usize) -> bool,
) -> Census {
    let mut census = Census::default();
    for h in headings.iter().filter(|h| h.level == 2) {
        census.h2 += 1;
        census.releases += usize::from(is_release(&h.text));
    }
    for (b, block) in blocks.iter().enumerate() {
        if skip(b) {
            continue;
        }
        match &block.kind {
            BlockKind::List(list) => {
                for item in &list.items {
                    top_level_item(text, item, &mut census);
                }
            }
            BlockKind::Other if looks_like_table(&text[block.range.clone()]) => {
                walk(&text[block.range.clone()], &mut census);
            }
            _ => {}
        }
    }
    census
}

fn top_level_item(text: &str, item: &ListItem, census: &mut Census) {
    match item.link() {
        Some(link) => match lead_kind(link.dest(text), link.text(text)) {
            Kind::Entry => census.entries += 1,
            Kind::Other => census.others += 1,
            Kind::Navigation => {}
        },
        // A flat list's item that starts with its date, then its link.
        None if super::leads::dated_start(text, item).is_some() => census.entries += 1,
        // An item of text that holds a list: a company or topic bullet,
        // whose items are counted on their own.
        None if item.complex => walk(&text[item.range.range()], census),
        None => census.others += 1,
    }
}

enum Kind {
    Entry,
    Other,
    /// An in-page link: a TOC item, neither entry nor prose.
    Navigation,
}

fn lead_kind(dest: &str, text: &str) -> Kind {
    let dest = dest.trim();
    let text = text.trim_start_matches(['*', '_', ' ']);
    if dest.starts_with('#') {
        Kind::Navigation
    } else if is_web(dest) && !text.starts_with('@') && !is_reference(text) {
        Kind::Entry
    } else {
        Kind::Other
    }
}

fn is_web(dest: &str) -> bool {
    let starts = |prefix: &str| {
        dest.get(..prefix.len())
            .is_some_and(|p| p.eq_ignore_ascii_case(prefix))
    };
    starts("http://") || starts("https://")
}

/// `#123`, `GH-123`, `123`: an issue or pull request, not a write-up.
fn is_reference(text: &str) -> bool {
    let t = text.trim_start_matches('#');
    let t = t.strip_prefix("GH-").unwrap_or(t);
    !t.is_empty() && t.bytes().all(|c| c.is_ascii_digit())
}

/// `1.2.0`, `v2`, `[1.0.0] - 2017-06-20`, `Unreleased`, `2024-03-01`.
fn is_release(heading: &str) -> bool {
    let h = heading.trim().trim_start_matches('[').to_ascii_lowercase();
    if h.starts_with("unreleased") {
        return true;
    }
    let h = h
        .strip_prefix("version ")
        .or_else(|| h.strip_prefix("release "))
        .unwrap_or(&h);
    let h = h.strip_prefix('v').unwrap_or(h);
    let digits = h.bytes().take_while(u8::is_ascii_digit).count();
    let rest = &h[digits..];
    digits > 0 && (rest.starts_with('.') || (digits == 4 && rest.starts_with('-')))
}

fn looks_like_table(block: &str) -> bool {
    let mut lines = block.lines();
    let first = lines.next().unwrap_or("");
    let second = lines.next().unwrap_or("").trim();
    first.contains('|')
        && second.contains('-')
        && second
            .bytes()
            .all(|c| matches!(c, b'|' | b'-' | b':' | b' ' | b'\t'))
}

/// What one open item or row has shown so far.
#[derive(Default)]
struct Open {
    /// Its content so far has been nothing but emphasis (`**`): the next
    /// inline decides its lead.
    undecided: bool,
    entry: bool,
    navigation: bool,
    holds_items: bool,
    /// A table row: a link in any cell makes it an entry.
    row: bool,
    /// A row's cells' text, to tell a letter row from prose.
    text: usize,
}

/// Counts the items and body rows in `markdown` (a list item that holds
/// others, or a table).
fn walk(markdown: &str, census: &mut Census) {
    let mut open: Vec<Open> = Vec::new();
    // Items nested under an entry: its own notes, not counted.
    let mut under_entry = 0usize;
    let mut in_head = false;
    let mut link_text = String::new();
    let mut link_dest: Option<String> = None;
    for event in Parser::new_ext(markdown, PARSER_OPTIONS) {
        match event {
            Event::Start(Tag::Item) => {
                if let Some(parent) = open.last_mut() {
                    parent.holds_items = true;
                    parent.undecided = false;
                }
                if open.last().is_some_and(|o| o.entry) || under_entry > 0 {
                    under_entry += 1;
                }
                open.push(Open {
                    undecided: true,
                    ..Open::default()
                });
            }
            Event::End(TagEnd::Item) => {
                let item = open.pop().unwrap_or_default();
                if under_entry > 0 {
                    under_entry -= 1;
                    continue;
                }
                if item.entry {
                    census.entries += 1;
                } else if !item.navigation && !item.holds_items {
                    census.others += 1;
                }
            }
            Event::Start(Tag::TableHead) => in_head = true,
            Event::End(TagEnd::TableHead) => in_head = false,
            Event::Start(Tag::TableRow) if !in_head => open.push(Open {
                row: true,
                ..Open::default()
            }),
            Event::End(TagEnd::TableRow) if !in_head => {
                let row = open.pop().unwrap_or_default();
                if row.entry {
                    census.entries += 1;
                } else if row.text > 2 {
                    census.others += 1;
                }
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                link_dest = Some(dest_url.to_string());
                link_text.clear();
            }
            Event::End(TagEnd::Link) => {
                let dest = link_dest.take().unwrap_or_default();
                if let Some(o) = open.last_mut() {
                    if o.undecided || o.row {
                        match lead_kind(&dest, &link_text) {
                            Kind::Entry => o.entry = true,
                            Kind::Navigation if o.undecided => o.navigation = true,
                            _ => {}
                        }
                    }
                    o.undecided = false;
                }
            }
            Event::Start(Tag::Strong | Tag::Emphasis | Tag::Paragraph) => {}
            Event::Text(t) | Event::Code(t) => {
                if link_dest.is_some() {
                    link_text.push_str(&t);
                } else if let Some(o) = open.last_mut() {
                    o.text += t.trim().chars().count();
                    if !t.trim().is_empty() {
                        o.undecided = false;
                    }
                }
            }
            Event::Start(_) | Event::Html(_) | Event::InlineHtml(_) | Event::TaskListMarker(_)
                if link_dest.is_none() =>
            {
                if let Some(o) = open.last_mut() {
                    o.undecided = false;
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::model::census::NotList;
    use crate::model::Document;
    use crate::source::Source;

    fn census_of(text: &str) -> Census {
        Document::parse(Source::new("t", text), &Config::default()).census
    }

    #[test]
    fn a_list_of_write_ups_is_a_list() {
        let c = census_of(
            "# L\n\n## Table of Contents\n\n1. [A](#a)\n\n## A\n\n\
             - [One](https://a.com/1) - `2020` - :books:\n- [Two](https://a.com/2)\n- prose\n",
        );
        assert_eq!((c.entries, c.others), (2, 1));
        assert_eq!(c.not_a_list(false), None);
    }

    #[test]
    fn a_changelog_is_not_a_list() {
        let c = census_of(
            "# Changelog\n\n## 1.2.0\n\n- Fixed a bug ([#12](https://x.com/12))\n\
             - [#13](https://x.com/13) fixed\n- [@someone](https://github.com/someone)\n\n\
             ## 1.1.0\n\n- Added [a thing](https://x.com/t)\n",
        );
        assert_eq!((c.entries, c.others), (0, 4));
        assert_eq!(c.not_a_list(false), Some(NotList::Releases));
        let c = census_of("# Notes\n\n- Fixed\n- Added\n- [Docs](https://x.com)\n");
        assert_eq!(c.not_a_list(false), Some(NotList::FewEntries));
        assert_eq!(
            c.reason(false).unwrap(),
            "1 of 3 list items and table rows are entries (items that start with a link to a write-up)"
        );
    }

    #[test]
    fn nested_entries_count_and_their_notes_do_not() {
        let c = census_of(
            "## Topics\n\n- Caching\n  - [A at Acme](https://a.com/1)\n    - note one\n    - note two\n\
             \x20 - [B at Bolt](https://b.com/1)\n- **Airbnb**\n  - [C](https://c.com/1)\n",
        );
        assert_eq!((c.entries, c.others), (3, 0));
    }

    #[test]
    fn table_rows_with_links_are_entries_and_letter_rows_are_nothing() {
        let c = census_of(
            "## Blogs\n\n| Company | Blog |\n|---|---|\n| A | |\n| Acme | <https://acme.dev/blog> |\n\
             | Bolt | [blog](https://bolt.dev) |\n| | |\n| Some prose row | no link here |\n",
        );
        assert_eq!((c.entries, c.others), (2, 1));
    }

    #[test]
    fn releases_are_told_apart_from_companies() {
        for h in [
            "1.2.0",
            "v0.3",
            "[1.0.0] - 2017-06-20",
            "Unreleased",
            "2024-03-01",
        ] {
            assert!(is_release(h), "{h}");
        }
        for h in ["Airbnb", "3M", "1Password", "2U", "Table of Contents"] {
            assert!(!is_release(h), "{h}");
        }
    }
}
