//! The list model: what a README *is*, built once from pulldown-cmark events.
//!
//! ```text
//! preamble     every block before the TOC heading (or before the first H2)
//! toc          the TOC heading, its list items and any other blocks
//! sections     one per H2 after the TOC: heading, entries, other blocks
//! ```
//!
//! Every rule and the printer read this model; nothing parses the file again.
//! Blocks the model does not own (prose, HTML, code, tables, skipped
//! sections) are kept as raw byte ranges, line-aligned, so they can be copied
//! byte for byte.

mod build;
pub mod entry;
pub mod mojibake;
pub mod slug;
pub mod span;
pub mod text;
pub mod toc;

use std::ops::Range;

pub(crate) use build::{is_large, touches_list_above};
pub use entry::{Entry, Reason, Shape, Tag, TagId, TagNames, Year};
pub use span::Span;
pub use text::Text;

use crate::config::Config;
use crate::source::Source;

#[derive(Debug, Clone)]
pub struct Document {
    pub source: Source,
    /// Every top-level block in file order, including text pulldown-cmark
    /// emits no event for (link reference definitions), as `Other`.
    pub blocks: Vec<Block>,
    /// Every heading of any level, in file order, with its unique slug.
    pub headings: Vec<Heading>,
    /// Every link whose destination starts with `#`.
    pub fragment_links: Vec<FragmentLink>,
    /// Mangled text anywhere in the file.
    pub mojibake: Vec<mojibake::Repair>,
    /// Block indices of the preamble.
    pub preamble: Range<usize>,
    pub toc: Option<Toc>,
    pub sections: Vec<Section>,
    /// Every entry of every company section, in file order.
    pub entries: Vec<Entry>,
    /// The configured tags, as entries' tags refer to them.
    pub tag_names: TagNames,
}

#[derive(Debug, Clone)]
pub struct Block {
    pub kind: BlockKind,
    /// From the start of the block's first line to the end of its last line
    /// (without the final `\n`).
    pub range: Range<usize>,
    /// 0-based line indices, end exclusive.
    pub lines: Range<usize>,
}

#[derive(Debug, Clone)]
pub enum BlockKind {
    Heading(usize),
    List(List),
    Other,
}

#[derive(Debug, Clone)]
pub struct List {
    pub ordered: bool,
    /// The items as written; an [`Entry`] refers to its item here
    /// ([`Document::item`]) rather than holding a copy.
    pub items: Vec<ListItem>,
}

/// A top-level list item as written.
#[derive(Debug, Clone)]
pub struct ListItem {
    /// From the marker to the end of the item's last non-blank line.
    pub range: Span,
    /// The bullet (`-`, `*`, `+`) or number (`1.`, `2)`).
    pub marker: Span,
    /// 0-based line indices, end exclusive.
    pub lines: Span,
    /// What the item starts with: see [`ListItem::link`], [`ListItem::text`].
    lead: Lead,
    /// Holds more than one paragraph, a nested list, code, a quote, ...
    pub complex: bool,
}

/// A list item starts with a link or it does not: one or the other is kept,
/// in the room of one.
#[derive(Debug, Clone)]
enum Lead {
    Link(ItemLink),
    /// The rendered text of the whole item.
    Text(Box<str>),
}

impl ListItem {
    /// The link the item starts with, if it starts with one.
    pub fn link(&self) -> Option<&ItemLink> {
        match &self.lead {
            Lead::Link(link) => Some(link),
            Lead::Text(_) => None,
        }
    }

    /// The rendered text of the whole item, when it does not start with a
    /// link (empty otherwise: the link's text is what callers want then).
    pub fn text(&self) -> &str {
        match &self.lead {
            Lead::Link(_) => "",
            Lead::Text(text) => text,
        }
    }
}

#[derive(Debug, Clone)]
pub struct ItemLink {
    /// `[text](dest)` as written.
    pub range: Span,
    /// The destination as CommonMark reads it (see [`ItemLink::dest`]).
    pub dest: Text,
    /// An inline link (`[t](u)`), not a reference or autolink.
    pub inline: bool,
    /// Rendered link text (see [`ItemLink::text`]).
    pub text: Text,
    /// The raw source between `[` and the matching `]`.
    pub text_range: Span,
}

impl ItemLink {
    /// The destination, given the source text.
    pub fn dest<'a>(&'a self, source: &'a str) -> &'a str {
        self.dest.get(source)
    }

    /// The rendered link text, given the source text.
    pub fn text<'a>(&'a self, source: &'a str) -> &'a str {
        self.text.get(source)
    }
}

#[derive(Debug, Clone)]
pub struct Heading {
    pub level: u8,
    /// Rendered text, whitespace-collapsed and trimmed.
    pub text: String,
    /// The raw inline content (after `## `, without trailing spaces).
    pub content: Range<usize>,
    /// The whole heading line(s).
    pub range: Range<usize>,
    /// GitHub's unique anchor for it.
    pub slug: String,
    /// Written as `## Text` (not setext `Text\n---`).
    pub atx: bool,
}

#[derive(Debug, Clone)]
pub struct FragmentLink {
    /// The whole link as written.
    pub range: Range<usize>,
    /// The fragment, without `#`, percent-decoded.
    pub fragment: String,
    /// Where the fragment (without `#`) is written, when it could be found.
    pub fragment_range: Option<Range<usize>>,
    /// Index of the TOC item this link is, if it is one.
    pub toc_item: Option<usize>,
}

#[derive(Debug, Clone)]
pub struct Toc {
    /// Index into `headings`.
    pub heading: usize,
    /// Block indices of the whole TOC region, heading included.
    pub blocks: Range<usize>,
    pub items: Vec<TocItem>,
    /// The numbering the file uses, when it has items.
    pub style: Option<crate::config::TocStyle>,
}

#[derive(Debug, Clone)]
pub struct TocItem {
    pub block: usize,
    pub item: ListItem,
    /// Rendered text of the item's link (or of the item, without a link).
    pub text: String,
    /// Percent-decoded fragment, without `#`.
    pub fragment: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Section {
    /// Index into `headings`.
    pub heading: usize,
    /// Block indices, heading included.
    pub blocks: Range<usize>,
    /// Named in `sections.skip`: not a company section.
    pub skipped: bool,
    /// Indices into `Document::entries`.
    pub entries: Range<usize>,
}

impl Document {
    /// Builds the model of one list.
    pub fn parse(source: Source, config: &Config) -> Document {
        build::build(source, config)
    }

    /// [`Document::parse`] cutting the file into pieces of about `chunk`
    /// bytes (the parse of a large file on all cores), for tests that the
    /// model does not depend on the cuts.
    #[doc(hidden)]
    pub fn parse_in_pieces(source: Source, config: &Config, chunk: usize) -> Document {
        build::build_in_chunks(source, config, chunk)
    }

    pub fn text(&self) -> &str {
        &self.source.text
    }

    pub fn heading(&self, section: &Section) -> &Heading {
        &self.headings[section.heading]
    }

    /// Company sections (not skipped), with their indices.
    pub fn company_sections(&self) -> impl Iterator<Item = (usize, &Section)> {
        self.sections.iter().enumerate().filter(|(_, s)| !s.skipped)
    }

    /// The section a block index belongs to.
    pub fn section_of_block(&self, block: usize) -> Option<usize> {
        let s = self.sections.partition_point(|s| s.blocks.end <= block);
        self.sections
            .get(s)
            .filter(|s| s.blocks.contains(&block))
            .map(|_| s)
    }

    /// The raw title of an entry: what is between `[` and `]`.
    pub fn title(&self, entry: &Entry) -> Option<Range<usize>> {
        self.item(entry).link().map(|l| l.text_range.range())
    }

    /// An entry's URL as CommonMark reads it (its link's destination), when
    /// it has one written inline ([`Entry::url`]).
    pub fn url(&self, entry: &Entry) -> Option<&str> {
        entry.url.as_ref()?;
        Some(self.item(entry).link()?.dest(self.text()))
    }

    /// The configured name of a tag, if it is one.
    pub fn tag_name(&self, tag: &Tag) -> Option<&str> {
        Some(self.tag_names.name(tag.name?))
    }

    /// The list item an entry was read from.
    pub fn item(&self, entry: &Entry) -> &ListItem {
        item_at(&self.blocks, entry.block, entry.index)
    }

    /// Company section indices in the order `fmt` prints them: sorted by
    /// [`sort_key`] (stable) when `sections.order` is alphabetical.
    pub fn canonical_section_order(&self, config: &Config) -> Vec<usize> {
        let mut order: Vec<usize> = self.company_sections().map(|(i, _)| i).collect();
        if config.sections.order == crate::config::SectionOrder::Alphabetical {
            order.sort_by_cached_key(|&i| sort_key(&self.headings[self.sections[i].heading].text));
        }
        order
    }

    /// The first block that the model owns (TOC heading or first section).
    pub fn owned_start(&self) -> usize {
        self.preamble.end
    }
}

/// Item `index` of the list at block `block`.
fn item_at(blocks: &[Block], block: u32, index: u32) -> &ListItem {
    match blocks.get(block as usize).map(|b| &b.kind) {
        Some(BlockKind::List(list)) => list.items.get(index as usize).unwrap_or(&NO_ITEM),
        _ => &NO_ITEM,
    }
}

/// What [`item_at`] answers for a place that holds no item, which the
/// builder never makes.
static NO_ITEM: std::sync::LazyLock<ListItem> = std::sync::LazyLock::new(|| ListItem {
    range: (0..0).into(),
    marker: (0..0).into(),
    lines: (0..0).into(),
    lead: Lead::Text(Box::default()),
    complex: false,
});

/// Lowercase letters and digits only: the key sections sort by.
pub fn sort_key(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Collapses every run of whitespace into one space and trims the ends.
pub fn collapse_whitespace(text: &str) -> String {
    // Most text (every canonical title) is already collapsed: check, copy.
    if is_collapsed(text) {
        return text.to_owned();
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `collapse_whitespace` would return `text` unchanged.
pub fn is_collapsed(text: &str) -> bool {
    let mut previous_space = true;
    text.is_empty()
        || text.chars().all(|c| {
            let ok = if c == ' ' {
                !previous_space
            } else {
                !c.is_whitespace()
            };
            previous_space = c == ' ';
            ok
        }) && !previous_space
}

#[cfg(test)]
mod tests {
    use super::collapse_whitespace;

    #[test]
    fn collapsing_matches_split_and_join() {
        for text in [
            "", " ", "a", "a b", " a", "a ", "a  b", "a\tb", "a\nb", "é ü", "a\u{a0}b", "  a  b  ",
        ] {
            let slow = text.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(collapse_whitespace(text), slow, "{text:?}");
        }
    }
}

#[cfg(test)]
mod size_tests {
    /// The model holds one `Entry` and one `ListItem` for each entry of a
    /// list; at 100,000 entries every 10 bytes here are 1 MB of `fmt`'s
    /// peak memory (README, "Performance"). Grow them only on purpose.
    #[test]
    fn per_entry_structures_stay_small() {
        assert!(std::mem::size_of::<super::Entry>() <= 88);
        assert!(std::mem::size_of::<super::ListItem>() <= 88);
        assert_eq!(std::mem::size_of::<super::Span>(), 8);
    }
}
