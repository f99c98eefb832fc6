//! What the H2s of a list are without any configuration (FORMAT.md
//! section 1): which one is the table of contents, and which are not
//! company sections.

use std::ops::Range;

use crate::model::document::{Block, BlockKind, ListItem};

/// H2 names that are never companies (compared ignoring ASCII case):
/// the usual trailers of a curated list.
pub const TRAILERS: &[&str] = &[
    "contributing",
    "contribute",
    "contributors",
    "license",
    "licence",
    "acknowledgements",
    "acknowledgments",
    "related",
    "related lists",
    "see also",
    "code of conduct",
];

/// `name` is one of the usual trailers.
pub fn is_trailer(name: &str) -> bool {
    TRAILERS.iter().any(|t| t.eq_ignore_ascii_case(name.trim()))
}

/// The item is a single in-page link (`1. [Text](#fragment)`, nothing else).
fn is_in_page_link(text: &str, item: &ListItem) -> bool {
    item.link().is_some_and(|link| {
        !item.complex && link.range.end() == item.range.end() && link.dest(text).starts_with('#')
    })
}

/// A heading's body (the blocks up to the next H2) is one list of items
/// that are each a single in-page link: the shape of a table of contents.
/// HTML comments (`<!-- toc -->`) may stand beside the list.
pub fn is_toc_shaped(text: &str, blocks: &[Block], body: Range<usize>) -> bool {
    let mut lists = 0;
    for b in body {
        match &blocks[b].kind {
            BlockKind::List(list) => {
                let touches = b > 0 && matches!(blocks[b - 1].kind, BlockKind::List(_));
                lists += usize::from(!touches);
                if list.items.is_empty() || !list.items.iter().all(|i| is_in_page_link(text, i)) {
                    return false;
                }
            }
            BlockKind::Other
                if text[blocks[b].range.clone()]
                    .trim_start()
                    .starts_with("<!--") => {}
            _ => return false,
        }
    }
    lists == 1
}

/// A section's body holds an entry-shaped item: a list item that starts
/// with a link out of the page. FORMAT.md says "to an http(s) URL"; a link
/// that is relative or malformed counts too, so that the last company's
/// entries are still checked when their URLs are what is wrong.
pub fn has_entry_shaped_item(text: &str, blocks: &[Block], body: Range<usize>) -> bool {
    blocks[body].iter().any(|block| match &block.kind {
        BlockKind::List(list) => list.items.iter().any(|item| {
            item.link().is_some_and(|link| {
                let dest = link.dest(text).trim();
                !dest.is_empty() && !dest.starts_with('#')
            })
        }),
        _ => false,
    })
}

#[cfg(test)]
mod tests {
    use crate::config::Config;
    use crate::model::Document;
    use crate::source::Source;

    fn sections(text: &str) -> (Option<String>, Vec<(String, bool)>) {
        let doc = Document::parse(Source::new("t", text), &Config::default());
        let toc = doc
            .toc
            .as_ref()
            .map(|t| doc.headings[t.heading].text.clone());
        let sections = doc
            .sections
            .iter()
            .map(|s| (doc.headings[s.heading].text.clone(), s.skipped))
            .collect();
        (toc, sections)
    }

    const ENTRY: &str = "- [Post](https://e.com/p) - `2020` - :books:";

    #[test]
    fn a_toc_is_found_by_its_shape_whatever_it_is_called() {
        for name in ["Contents", "Companies", "Index", "Table of contents"] {
            let text = format!(
                "# L\n\n## {name}\n\n1. [A](#a)\n1. [B](#B)\n\n## A\n\n{ENTRY}\n\n## B\n\n{ENTRY}\n"
            );
            let (toc, sections) = sections(&text);
            assert_eq!(toc.as_deref(), Some(name), "{text}");
            assert_eq!(sections.len(), 2);
        }
    }

    #[test]
    fn a_list_of_other_links_is_not_a_toc() {
        let text = format!("# L\n\n## Links\n\n- [A](#a) and more\n\n## A\n\n{ENTRY}\n");
        assert_eq!(sections(&text).0, None);
        let text = format!("# L\n\n## Links\n\n- [A](https://a.com)\n\n## A\n\n{ENTRY}\n");
        assert_eq!(sections(&text).0, None);
        let text = format!("# L\n\n## Links\n\nSee:\n\n- [A](#a)\n\n## A\n\n{ENTRY}\n");
        assert_eq!(sections(&text).0, None);
    }

    #[test]
    fn trailing_and_trailer_named_sections_are_not_companies() {
        let text = format!(
            "## Contents\n\n1. [A](#a)\n\n## A\n\n{ENTRY}\n\n## Related\n\nOther lists.\n\n\
             ## Empty\n\n## Z\n\n{ENTRY}\n\n## Contributing\n\nPRs welcome.\n\n## License\n\nCC0.\n"
        );
        let (_, sections) = sections(&text);
        let skipped: Vec<(&str, bool)> = sections.iter().map(|(n, s)| (n.as_str(), *s)).collect();
        assert_eq!(
            skipped,
            [
                ("A", false),
                ("Related", true),
                // Between two companies: a company with no entries yet.
                ("Empty", false),
                ("Z", false),
                ("Contributing", true),
                ("License", true),
            ]
        );
    }

    #[test]
    fn a_list_with_no_entries_at_all_skips_only_trailer_names() {
        let text = "## Contents\n\n1. [A](#a)\n\n## A\n\n## License\n\nCC0.\n";
        let (_, sections) = sections(text);
        assert_eq!(
            sections,
            [("A".to_owned(), false), ("License".to_owned(), true)]
        );
    }
}
