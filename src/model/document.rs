//! The list model's types: a [`Document`] and what it holds.
//!
//! Built by `model::parse` (through [`Document::parse`]); read by every
//! rule and the printer.

use super::profile::Profile;
use std::ops::Range;

use super::entry::{Entry, Tag, TagNames};
use super::mojibake;
use super::span::Span;
use super::suppress::Suppressions;
use super::text::Text;
use crate::config::TocStyle;
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
    /// Every link, image and autolink whose destination does not start
    /// with `#`, in file order, but for each entry's own link (the one its
    /// item starts with: the entry holds its URL): what the safety net
    /// counts besides the entries, and what `links --all` checks besides
    /// their URLs.
    pub links_out: Vec<OutLink>,
    /// Heading lines that an HTML block above them swallowed.
    pub swallowed: Vec<Swallowed>,
    /// The file defines link references (`[id]: url`), which CommonMark
    /// applies file-wide: no part of it can be read without the rest.
    pub references: bool,
    /// The last block is code or HTML never closed: it runs to the end of
    /// the file and takes in what follows, so nothing may be moved after it.
    pub open_end: bool,
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
    /// Where rules are suppressed by comments in the file.
    pub suppressions: Suppressions,
    /// The list's own conventions, read from its entries (or configured).
    pub profile: Profile,
    /// For each entry: it stands in a kind group that keeps no years
    /// (`#### Tools`), so `entry-year-missing` does not ask it for one.
    pub year_exempt: Vec<bool>,
    /// The entries of other shapes (table rows, flat and nested items),
    /// in file order (FORMAT.md section 7.1).
    pub leads: Vec<super::lead::Lead>,
    /// What its items and rows are: whether the file is a list at all.
    pub census: super::census::Census,
    /// Companies kept inside H2s (`<details><summary>Company</summary>`
    /// blocks, or H3s under a category H2), in file order; when the list
    /// keeps its companies so (`Profile::details`), these are its
    /// companies and an H2 that holds them is a container, not a company.
    pub details: Vec<Details>,
}

/// One company inside an H2: a `<details>` block, or an H3 under a
/// category H2; from the block that opens it up to the next one, or the
/// end of its section.
#[derive(Debug, Clone)]
pub struct Details {
    /// Index into `sections`.
    pub section: usize,
    /// Block indices.
    pub blocks: Range<usize>,
    /// The summary's text, tags stripped, whitespace collapsed.
    pub name: String,
    /// Where the name is written.
    pub name_range: Range<usize>,
    /// Index into `headings` when the company is an H3 under a category
    /// H2 rather than a `<details>` block.
    pub heading: Option<usize>,
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
    pub(in crate::model) opening: ItemStart,
    /// Holds more than one paragraph, a nested list, code, a quote, ...
    pub complex: bool,
}

/// A list item starts with a link or it does not: one or the other is kept,
/// in the room of one.
#[derive(Debug, Clone)]
pub(in crate::model) enum ItemStart {
    Link(ItemLink),
    /// The rendered text of the whole item.
    Text(Box<str>),
}

impl ListItem {
    /// The link the item starts with, if it starts with one.
    pub fn link(&self) -> Option<&ItemLink> {
        match &self.opening {
            ItemStart::Link(link) => Some(link),
            ItemStart::Text(_) => None,
        }
    }

    /// The rendered text of the whole item, when it does not start with a
    /// link (empty otherwise: the link's text is what callers want then).
    pub fn text(&self) -> &str {
        match &self.opening {
            ItemStart::Link(_) => "",
            ItemStart::Text(text) => text,
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

#[derive(Debug, Clone, Default)]
pub struct Heading {
    pub level: u8,
    /// Rendered text, whitespace-collapsed and trimmed: what the TOC item
    /// should say, and what sections sort by.
    pub text: String,
    /// The text as GitHub renders it, which its slug is made from: runs of
    /// spaces and a rendered leading or trailing space (`&#x20;`) kept, a
    /// line break as `\n`, an image's alt text left out (GitHub slugs the
    /// heading element's text, and an image has none).
    pub rendered: String,
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

/// A link, image or autolink out of the page, as CommonMark reads it.
#[derive(Debug, Clone)]
pub struct OutLink {
    /// The whole link or image as written.
    pub range: Span,
    /// The destination (see [`OutLink::dest`]).
    pub dest: Text,
    pub image: bool,
    /// The link a nested list item starts with, or the first link of a
    /// table row: an entry of the shapes the model does not hold as
    /// entries (FORMAT.md section 7.1), which `entry-duplicate` compares
    /// with the entries.
    pub leads: bool,
    /// The link a top-level list item starts with, which the item holds
    /// ([`ListItem::link`]) and the model put back here because the item
    /// is no entry; every other link is one pulldown-cmark's events gave.
    pub from_item: bool,
}

impl OutLink {
    /// The destination, given the source text.
    pub fn dest<'a>(&'a self, source: &'a str) -> &'a str {
        self.dest.get(source)
    }

    /// Where its text is written, between `[` and `](`, for an inline link
    /// (`None` for an autolink or an image).
    pub fn text_range(&self, source: &str) -> Option<Range<usize>> {
        let range = self.range.range();
        let written = source.get(range.clone())?;
        let close = written.strip_prefix('[')?.find("](")?;
        Some(range.start + 1..range.start + 1 + close)
    }
}

/// A line written as a heading (`## Acme`) that is not one: an HTML block
/// that starts above it with no blank line between (`<details>`,
/// `</details>`, `<summary>`) runs on over it, so Markdown reads the line
/// as HTML and whatever follows belongs to the section above.
#[derive(Debug, Clone)]
pub struct Swallowed {
    /// The HTML block that holds it.
    pub block: usize,
    /// The heading line as written, without its line break.
    pub line: Range<usize>,
    /// The first line of the HTML block (what swallowed it).
    pub opener: Range<usize>,
    pub level: u8,
    /// The heading's text (after the `#`s, whitespace collapsed).
    pub text: String,
    /// The slug GitHub would give it, were it a heading.
    pub slug: String,
}

#[derive(Debug, Clone)]
pub struct Toc {
    /// Index into `headings` of the H2 that opens it; `None` when a bold
    /// paragraph labels it (`**Table of Contents**`, `**Companies**`),
    /// which is then the region's first block, kept as written.
    pub heading: Option<usize>,
    /// Block indices of the whole TOC region, heading included.
    pub blocks: Range<usize>,
    pub items: Vec<TocItem>,
    /// The numbering the file uses, when it has items.
    pub style: Option<TocStyle>,
    /// A placeholder a site generator replaces with the TOC (kramdown's
    /// `{:toc}`, `[[_TOC_]]`, `[TOC]`): there are no items to check, and
    /// the region is kept as written.
    pub generated: bool,
}

#[derive(Debug, Clone)]
pub struct TocItem {
    pub block: usize,
    pub item: ListItem,
    /// Rendered text of the item's link (or of the item, without a link).
    pub text: String,
    /// Percent-decoded fragment, without `#`.
    pub fragment: Option<String>,
    /// The item is one in-page link and nothing else (`1. [Acme](#acme)`):
    /// a TOC item that may be rewritten, or dropped when stale. Anything
    /// else is content a person wrote and is never dropped.
    pub plain: bool,
    /// The item starts with a link out of the page: an entry in the wrong
    /// place, not a TOC item.
    pub leads_out: bool,
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
    /// Holds an entry-shaped item (a list item that starts with a link out
    /// of the page): what tells a company from trailing prose.
    pub shaped: bool,
}

impl Document {
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

    /// The name of the company an entry is listed under: its `<details>`
    /// block's or H3's when the list keeps its companies so, else its
    /// section's heading.
    pub fn company(&self, entry: &Entry) -> &str {
        let block = entry.block as usize;
        let d = self.details.partition_point(|d| d.blocks.end <= block);
        match self.details.get(d).filter(|d| d.blocks.contains(&block)) {
            Some(d) => &d.name,
            None => &self.headings[self.sections[entry.section as usize].heading].text,
        }
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

    /// No entry was found, of any shape: the file is prose, link
    /// paragraphs or bare autolinks, checked only for its anchors, TOC and
    /// whitespace.
    pub fn has_no_entries(&self) -> bool {
        self.entries.is_empty() && self.leads.is_empty() && self.company_sections().next().is_none()
    }

    /// The entries of other shapes (table rows, flat and nested items)
    /// that stand in `section`.
    pub fn leads_in(&self, section: &Section) -> &[super::lead::Lead] {
        let bytes = |b: usize| self.blocks.get(b).map(|b| b.range.clone());
        let (Some(first), Some(last)) = (
            bytes(section.blocks.start),
            bytes(section.blocks.end.saturating_sub(1)),
        ) else {
            return &[];
        };
        self.leads_within(first.start..last.end)
    }

    /// Where the title of an entry of another shape is written: its link's
    /// text.
    pub fn lead_title(&self, lead: &super::lead::Lead) -> Option<Range<usize>> {
        self.links_out
            .get(lead.link as usize)?
            .text_range(self.text())
    }

    /// The entries of other shapes whose line starts in `bytes`.
    pub fn leads_within(&self, bytes: Range<usize>) -> &[super::lead::Lead] {
        let from = self.leads.partition_point(|l| l.line.start() < bytes.start);
        let to = self.leads.partition_point(|l| l.line.start() < bytes.end);
        &self.leads[from..to.max(from)]
    }

    /// The links out of the page that start in `bytes`.
    pub fn links_out_within(&self, bytes: Range<usize>) -> &[OutLink] {
        let from = self
            .links_out
            .partition_point(|l| l.range.start() < bytes.start);
        let to = self
            .links_out
            .partition_point(|l| l.range.start() < bytes.end);
        &self.links_out[from..to.max(from)]
    }

    /// The entry is a bullet that holds nested entries (FORMAT.md 7.1):
    /// a topic bullet of text (`* Caches`), or a company bullet (`-
    /// **Acme**`, `- [Acme](https://acme.com)`) named as its nested
    /// entries' company. Not an entry itself: not exported or counted.
    pub fn is_container(&self, entry: &Entry) -> bool {
        let item = self.item(entry);
        let range = item.range.range();
        let mut inside = self
            .leads_within(range.clone())
            .iter()
            .filter(|l| l.shape == super::lead::Shape::Nested)
            .peekable();
        if inside.peek().is_none() {
            return false;
        }
        let first_line = range.start..self.source.line_range(item.lines.start()).end;
        item.link().is_none()
            || inside.any(|l| l.company.is_some_and(|c| first_line.contains(&c.start())))
    }

    /// The file is no list (a changelog, a docs page): no list rule
    /// judges it and `fmt` leaves it as it is (FORMAT.md section 7.3).
    pub fn is_not_a_list(&self) -> bool {
        self.census.not_a_list(self.profile.at_scale).is_some()
    }

    /// Why the file is no list, in one line; `None` for a list.
    pub fn not_a_list_reason(&self) -> Option<String> {
        self.census.reason(self.profile.at_scale)
    }

    /// Nothing here is a list's to judge: no entry at all, or no list. The
    /// editor publishes, offers and shows nothing of lint's for it.
    pub fn nothing_to_judge(&self) -> bool {
        self.has_no_entries() || self.is_not_a_list()
    }

    /// The first block that the model owns (TOC heading or first section).
    pub fn owned_start(&self) -> usize {
        self.preamble.end
    }
}

/// Item `index` of the list at block `block`.
pub(crate) fn item_at(blocks: &[Block], block: u32, index: u32) -> &ListItem {
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
    opening: ItemStart::Text(Box::default()),
    complex: false,
});

/// A list that follows a list with nothing but blank lines between them
/// (CommonMark starts a new list when the bullet changes): one list to a
/// reader, and one list once `fmt` gives every entry a `-`, so the model
/// groups them and the printer prints them as one.
pub fn touches_list_above(blocks: &[Block], b: usize) -> bool {
    b > 0
        && matches!(blocks[b].kind, BlockKind::List(_))
        && matches!(blocks[b - 1].kind, BlockKind::List(_))
}

#[cfg(test)]
mod size_tests {
    /// The model holds one `Entry` and one `ListItem` for each entry of a
    /// list; at 100,000 entries every 10 bytes here are 1 MB of `fmt`'s
    /// peak memory (README, "Performance"). Grow them only on purpose.
    #[test]
    fn per_entry_structures_stay_small() {
        assert!(std::mem::size_of::<crate::model::entry::Entry>() <= 88);
        assert!(std::mem::size_of::<super::ListItem>() <= 88);
        assert_eq!(std::mem::size_of::<crate::model::span::Span>(), 8);
    }
}
