//! One piece's pulldown-cmark events become blocks, headings, list items
//! and fragment links, with byte offsets into the whole file.

use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Parser, Tag, TagEnd};
use rayon::prelude::*;

use super::cuts::{cuts_from, is_cut, leaves_metadata_open};
use super::plain;
use crate::model::document::{
    Block, BlockKind, FragmentLink, Heading, ItemLink, ItemStart, List, ListItem, OutLink,
};
use crate::model::normalise::collapse_whitespace;
use crate::model::text::Text;
use crate::source::Source;

/// How every part of flinkscale reads Markdown: CommonMark with GitHub's
/// tables and strikethrough, as GitHub renders a README, and YAML front
/// matter (`---` ... `---` opening the file), which GitHub shows as a
/// table and site generators read as metadata: never a setext heading
/// (`title: X` over `---`) that would be taken for a company.
pub const PARSER_OPTIONS: pulldown_cmark::Options = pulldown_cmark::Options::ENABLE_TABLES
    .union(pulldown_cmark::Options::ENABLE_STRIKETHROUGH)
    .union(pulldown_cmark::Options::ENABLE_YAML_STYLE_METADATA_BLOCKS);

/// How a piece is read ([`Collector::run`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Reading {
    /// Plain sections directly, the rest by pulldown-cmark: the crate's way.
    Plain,
    /// All of it by pulldown-cmark: what tests compare the other with.
    Pulldown,
}

/// Percent-decodes a fragment (`soci%C3%A9t%C3%A9` -> `société`).
pub(crate) fn decode_fragment(fragment: &str) -> String {
    percent_encoding::percent_decode_str(fragment)
        .decode_utf8_lossy()
        .into_owned()
}

/// What one piece of the file holds, and whether its cut was safe.
pub(super) struct Piece {
    pub collected: Collected,
    /// The piece ends in a code or HTML block, which might have gone on past
    /// the cut, or may open a YAML block that a line past it closes
    /// ([`super::cuts::leaves_metadata_open`]).
    pub open_end: bool,
}

#[derive(Default)]
pub(super) struct Collected {
    pub blocks: Vec<Block>,
    pub headings: Vec<Heading>,
    pub fragment_links: Vec<FragmentLink>,
    pub links_out: Vec<OutLink>,
    /// HTML that may hold a suppression comment (`model::suppress`).
    pub directives: Vec<Range<usize>>,
    /// The text defines link references (`[id]: url`), which CommonMark
    /// shares across the whole file.
    pub references: bool,
}

struct OpenHeading {
    level: u8,
    text: String,
    rendered: String,
    /// Inside an image: its alt text is not part of `rendered`.
    images: usize,
    content: Option<Range<usize>>,
}

struct OpenItem {
    start: usize,
    content_start: Option<usize>,
    link: Option<ItemLink>,
    paragraphs: usize,
    complex: bool,
}

struct OpenLink {
    range: Range<usize>,
    dest: Text,
    inline: bool,
    text: Text,
    inner_end: usize,
}

pub(super) struct Collector<'s> {
    text: &'s str,
    /// The part of `text` this collector parses.
    piece: Range<usize>,
    /// The last top-level block so far is code or HTML.
    open_end: bool,
    blocks: Vec<Block>,
    headings: Vec<Heading>,
    links: Vec<FragmentLink>,
    links_out: Vec<OutLink>,
    directives: Vec<Range<usize>>,
    depth: usize,
    block_start: usize,
    heading: Option<OpenHeading>,
    list: Option<List>,
    /// The items of the open list.
    items: Vec<ListItem>,
    item: Option<OpenItem>,
    open_links: Vec<OpenLink>,
    /// The rendered text of the open item, kept only when it has no link.
    item_text: String,
    /// Each open list item and table row, innermost last: whether its
    /// leading link is looked for (a nested item's, a row's), and whether
    /// it is still awaited ([`OutLink::leads`]).
    leading: Vec<Leading>,
}

#[derive(Clone, Copy)]
struct Leading {
    /// A table row: its first link leads it, whatever text comes before.
    row: bool,
    /// Still to be found (and looked for at all).
    awaited: bool,
}

fn line_start(text: &str, offset: usize) -> usize {
    text[..offset].rfind('\n').map_or(0, |i| i + 1)
}

fn line_end(text: &str, offset: usize) -> usize {
    text[offset..].find('\n').map_or(text.len(), |i| offset + i)
}

/// End of the last non-blank character before `end`, no earlier than `start`.
fn trim_end(text: &str, start: usize, end: usize) -> usize {
    start + text[start..end].trim_end().len()
}

fn is_block_tag(tag: &Tag) -> bool {
    matches!(
        tag,
        Tag::Paragraph
            | Tag::Heading { .. }
            | Tag::BlockQuote(_)
            | Tag::CodeBlock(_)
            | Tag::HtmlBlock
            | Tag::List(_)
            | Tag::Item
            | Tag::FootnoteDefinition(_)
            | Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition
            | Tag::Table(_)
            | Tag::TableHead
            | Tag::TableRow
            | Tag::TableCell
            | Tag::MetadataBlock(_)
    )
}

impl<'s> Collector<'s> {
    pub(super) fn new(text: &'s str, piece: Range<usize>) -> Self {
        Collector {
            text,
            piece,
            open_end: false,
            blocks: Vec::new(),
            headings: Vec::new(),
            links: Vec::new(),
            links_out: Vec::new(),
            directives: Vec::new(),
            depth: 0,
            block_start: 0,
            heading: None,
            list: None,
            items: Vec::new(),
            item: None,
            open_links: Vec::new(),
            item_text: String::new(),
            leading: Vec::new(),
        }
    }

    /// The piece's events collected: its plain sections read directly
    /// ([`plain`]), the rest parsed by pulldown-cmark; or all of it parsed,
    /// as `reading` says.
    pub(super) fn run(mut self, reading: Reading) -> Piece {
        let (text, piece) = (self.text, self.piece.clone());
        match reading {
            Reading::Plain => self
                .run_reading_plain_sections()
                .unwrap_or_else(|| Collector::new(text, piece).run(Reading::Pulldown)),
            Reading::Pulldown => {
                let references = self.parse(piece.clone());
                self.finish(references, piece)
            }
        }
    }

    /// Each plain section that starts at a cut read directly, the text
    /// between them parsed. `None`, and the piece is parsed whole, when a
    /// plain section follows text that ends in a code or HTML block or may
    /// open a YAML block closed further on (it may lie inside either), or
    /// when the text defines link references (they apply to every part,
    /// parsed apart or not).
    fn run_reading_plain_sections(mut self) -> Option<Piece> {
        let Range { start, end } = self.piece.clone();
        let text = self.text;
        let bytes = text.as_bytes();
        // Where the text not read yet starts.
        let mut parsed_to = start;
        let starts = std::iter::once(start).chain(cuts_from(text, start).take_while(|&c| c < end));
        let mut starts = starts.peekable();
        while let Some(unit_start) = starts.next() {
            let unit = unit_start..starts.peek().copied().unwrap_or(end);
            if !is_cut(bytes, unit.start) {
                continue;
            }
            let Some(section) = plain::read(text, unit.clone()) else {
                continue;
            };
            if parsed_to < unit.start
                && (self.parse(parsed_to..unit.start)
                    || self.open_end
                    || leaves_metadata_open(&text[parsed_to..unit.start]))
            {
                return None;
            }
            section.events(text, |event, range| self.event(event, range));
            parsed_to = unit.end;
        }
        // A piece with no plain section is parsed in one go, as a whole:
        // its references, if any, reached all of it.
        let references = parsed_to < end && self.parse(parsed_to..end);
        if references && parsed_to > start {
            return None;
        }
        Some(self.finish(references, parsed_to..end))
    }

    /// Parses `range` with pulldown-cmark, collecting its events; whether it
    /// defines link references.
    fn parse(&mut self, range: Range<usize>) -> bool {
        let base = range.start;
        let parser = Parser::new_ext(&self.text[range], PARSER_OPTIONS);
        let references = parser.reference_definitions().iter().next().is_some();
        for (event, range) in parser.into_offset_iter() {
            self.event(event, range.start + base..range.end + base);
        }
        references
    }

    /// The piece's collected parts; `unchecked` is the text after the last
    /// plain section (all of it when none was read): the text before has
    /// been looked at for a YAML block left open already.
    fn finish(self, references: bool, unchecked: Range<usize>) -> Piece {
        let open_end = self.open_end || leaves_metadata_open(&self.text[unchecked]);
        Piece {
            collected: Collected {
                blocks: self.blocks,
                headings: self.headings,
                fragment_links: self.links,
                links_out: self.links_out,
                directives: self.directives,
                references,
            },
            open_end,
        }
    }

    fn event(&mut self, event: Event<'_>, range: Range<usize>) {
        match event {
            Event::Start(tag) => self.start(tag, range),
            Event::End(tag) => self.end(tag, range),
            Event::Text(t) | Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
                if self.awaits_lead() && self.open_links.is_empty() && !t.trim().is_empty() {
                    self.content_seen();
                }
                self.inline(range.clone());
                self.push_text(&t);
                if self.depth == 0 {
                    self.leaf_block(range);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                self.inline(range);
                self.push_text(" ");
                // GitHub's heading element holds a line break there.
                if let Some(h) = &mut self.heading {
                    if h.images == 0 {
                        h.rendered.pop();
                        h.rendered.push('\n');
                    }
                }
            }
            Event::Html(html) | Event::InlineHtml(html) => {
                if self.awaits_lead() && self.open_links.is_empty() {
                    self.content_seen();
                }
                if html.contains("flinkscale-") {
                    self.directives.push(range.clone());
                }
                self.inline(range.clone());
                if self.depth == 0 {
                    self.leaf_block(range);
                }
            }
            Event::FootnoteReference(_) | Event::TaskListMarker(_) => {
                self.inline(range.clone());
                if self.depth == 0 {
                    self.leaf_block(range);
                }
            }
            Event::Rule => {
                if self.depth == 0 {
                    self.leaf_block(range);
                }
            }
        }
    }

    /// A nested item (not a row) is open and its leading link not found.
    fn awaits_lead(&self) -> bool {
        self.leading.last().is_some_and(|l| l.awaited && !l.row)
    }

    /// The innermost open item has content before any link: it does not
    /// start with one (a row goes on looking).
    fn content_seen(&mut self) {
        if let Some(l) = self.leading.last_mut() {
            if !l.row {
                l.awaited = false;
            }
        }
    }

    /// Notes an inline element: the item's first content, the links' extent.
    fn inline(&mut self, range: Range<usize>) {
        if let Some(item) = &mut self.item {
            item.content_start.get_or_insert(range.start);
        }
        for link in &mut self.open_links {
            link.inner_end = link.inner_end.max(range.end.min(link.range.end));
        }
        if let Some(h) = &mut self.heading {
            let c = h.content.get_or_insert(range.clone());
            c.start = c.start.min(range.start);
            c.end = c.end.max(range.end);
        }
    }

    fn push_text(&mut self, t: &str) {
        if let Some(h) = &mut self.heading {
            h.text.push_str(t);
            if h.images == 0 {
                h.rendered.push_str(t);
            }
        }
        if self.item.is_some() {
            self.item_text.push_str(t);
        }
        let source = self.text;
        for link in &mut self.open_links {
            link.text.push(source, t);
        }
    }

    fn start(&mut self, tag: Tag<'_>, range: Range<usize>) {
        let block = is_block_tag(&tag);
        if self.depth == 0 {
            self.block_start = range.start;
            self.open_end = matches!(tag, Tag::CodeBlock(_) | Tag::HtmlBlock);
            match &tag {
                Tag::Heading { level, .. } => {
                    self.heading = Some(OpenHeading {
                        level: *level as u8,
                        text: String::new(),
                        rendered: String::new(),
                        images: 0,
                        content: None,
                    })
                }
                Tag::List(first) => {
                    self.list = Some(List {
                        ordered: first.is_some(),
                        items: Vec::new(),
                    })
                }
                _ => {}
            }
        } else if self.depth == 1 && matches!(tag, Tag::Item) && self.list.is_some() {
            self.item = Some(OpenItem {
                start: range.start,
                content_start: None,
                link: None,
                paragraphs: 0,
                complex: false,
            });
        } else if self.depth == 2 && block {
            if let Some(item) = &mut self.item {
                if matches!(tag, Tag::Paragraph) {
                    item.paragraphs += 1;
                    item.complex |= item.paragraphs > 1;
                } else {
                    item.complex = true;
                }
            }
        }
        if !block && self.depth > 0 {
            self.inline(range.clone());
        }
        if let (Tag::Image { .. }, Some(h)) = (&tag, &mut self.heading) {
            h.images += 1;
        }
        match &tag {
            // A nested item's leading link is looked for; a top-level
            // item's is the model's own (`ListItem::link`) and not pushed.
            Tag::Item if self.depth > 1 => self.leading.push(Leading {
                row: false,
                awaited: true,
            }),
            Tag::TableRow => self.leading.push(Leading {
                row: true,
                awaited: true,
            }),
            _ => {}
        }
        if let Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. } = &tag {
            let image = matches!(tag, Tag::Image { .. });
            let awaited = self.leading.last().is_some_and(|l| l.awaited);
            if !dest_url.starts_with('#') {
                self.links_out.push(OutLink {
                    range: range.clone().into(),
                    dest: Text::of(self.text, dest_url),
                    image,
                    leads: awaited && !image,
                    from_item: false,
                });
            }
        }
        match tag {
            // The first link of an item or a row is its lead, or not.
            Tag::Link { .. } => {
                if let Some(l) = self.leading.last_mut() {
                    l.awaited = false;
                }
            }
            Tag::Image { .. } | Tag::HtmlBlock | Tag::CodeBlock(_) => self.content_seen(),
            _ => {}
        }
        if let Tag::Link {
            link_type,
            dest_url,
            ..
        } = &tag
        {
            self.open_links.push(OpenLink {
                range: range.clone(),
                dest: Text::of(self.text, dest_url),
                inline: matches!(link_type, LinkType::Inline),
                text: Text::default(),
                inner_end: range.start + 1,
            });
        }
        self.depth += 1;
    }

    fn end(&mut self, tag: TagEnd, range: Range<usize>) {
        self.depth = self.depth.saturating_sub(1);
        // Only nested items and rows were pushed (a top-level item's end
        // leaves `depth` at 1).
        if (matches!(tag, TagEnd::Item) && self.depth > 1) || matches!(tag, TagEnd::TableRow) {
            self.leading.pop();
        }
        match tag {
            TagEnd::Link => self.end_link(),
            TagEnd::Item if self.depth == 1 => self.end_item(range.clone()),
            TagEnd::Image => {
                if let Some(h) = &mut self.heading {
                    h.images = h.images.saturating_sub(1);
                }
            }
            _ => {}
        }
        if self.depth == 0 {
            self.end_block(range);
        }
    }

    fn end_link(&mut self) {
        let Some(link) = self.open_links.pop() else {
            return;
        };
        let text = self.text;
        let close = text[link.inner_end..link.range.end]
            .find(']')
            .map_or(link.inner_end, |i| link.inner_end + i);
        let text_range = (link.range.start + 1).min(close)..close;
        if let Some(fragment) = link.dest.get(text).strip_prefix('#') {
            self.links.push(FragmentLink {
                range: link.range.clone(),
                fragment: decode_fragment(fragment),
                fragment_range: find_fragment(text, &link.range, close),
                toc_item: None,
            });
        }
        if let Some(item) = &mut self.item {
            if item.link.is_none() && item.content_start == Some(link.range.start) {
                // A list item's own link lives in the item; the model puts
                // it back into `links_out` only for items that are no entry
                // (`parse::mod`), so a list of 100,000 entries does not
                // hold its URLs twice.
                if let Some(i) = self
                    .links_out
                    .iter()
                    .rposition(|l| l.range.start() == link.range.start && !l.image)
                {
                    self.links_out.remove(i);
                }
                item.link = Some(ItemLink {
                    range: link.range.into(),
                    dest: link.dest,
                    inline: link.inline,
                    text: link.text,
                    text_range: text_range.into(),
                });
            }
        }
    }

    fn end_item(&mut self, range: Range<usize>) {
        let Some(open) = self.item.take() else { return };
        let text = self.text;
        let start = open.start.min(range.end);
        let end = trim_end(text, start, range.end.max(start));
        let marker_start = start + (text[start..end].len() - text[start..end].trim_start().len());
        let marker_len = text[marker_start..end]
            .find(|c: char| c.is_whitespace())
            .unwrap_or(end - marker_start);
        let marker_end = marker_start + marker_len;
        let marker_end = if text[marker_start..marker_end].starts_with(['-', '*', '+']) {
            marker_start + 1
        } else {
            marker_start
                + text[marker_start..marker_end]
                    .find(['.', ')'])
                    .map_or(marker_len, |i| i + 1)
        };
        let item = ListItem {
            range: (start..end).into(),
            marker: (marker_start..marker_end).into(),
            lines: (0..0).into(),
            opening: match open.link {
                Some(link) => {
                    self.item_text.clear();
                    ItemStart::Link(link)
                }
                None => ItemStart::Text(std::mem::take(&mut self.item_text).into_boxed_str()),
            },
            complex: open.complex,
        };
        if self.list.is_some() {
            self.items.push(item);
        }
    }

    fn leaf_block(&mut self, range: Range<usize>) {
        self.block_start = range.start;
        self.open_end = false;
        self.end_block(range);
    }

    fn end_block(&mut self, range: Range<usize>) {
        let text = self.text;
        let prev_end = self.blocks.last().map_or(0, |b| b.range.end);
        let start = line_start(text, self.block_start.max(prev_end).min(text.len()));
        let start = if start < prev_end { prev_end } else { start };
        let end = trim_end(text, start, range.end.clamp(start, text.len()));
        let end = line_end(text, end.max(start));
        let kind = if let Some(h) = self.heading.take() {
            let atx = text[start..end].trim_start().starts_with('#');
            // The text starts where the line's markup ends, not where the
            // first event does: an escape (`\\`) starts its event one byte in.
            let markup = text[start..end].len() - text[start..end].trim_start().len();
            let markup = if atx {
                let after = &text[start + markup..end];
                let hashes = after.len() - after.trim_start_matches('#').len();
                let rest = &after[hashes..];
                markup + hashes + (rest.len() - rest.trim_start_matches([' ', '\t']).len())
            } else {
                markup
            };
            let content = h
                .content
                .map(|c| {
                    let begin = c.start.min(start + markup);
                    begin..trim_end(text, begin, c.end)
                })
                .unwrap_or(end..end);
            self.headings.push(Heading {
                level: h.level,
                text: collapse_whitespace(&h.text),
                rendered: h.rendered,
                content,
                range: start..end,
                slug: String::new(),
                atx,
            });
            BlockKind::Heading(self.headings.len() - 1)
        } else if let Some(mut list) = self.list.take() {
            // Items are gathered in one reused vector and each list gets an
            // exact copy: growing and shrinking a vector per list would leave
            // a hole in the heap behind every list of a large file.
            list.items = self.items.drain(..).collect();
            BlockKind::List(list)
        } else {
            BlockKind::Other
        };
        self.blocks.push(Block {
            kind,
            range: start..end,
            lines: 0..0,
        });
    }
}

/// Where the fragment of `[text](#fragment)` is written (without the `#`).
fn find_fragment(text: &str, link: &Range<usize>, close: usize) -> Option<Range<usize>> {
    let after = &text[close..link.end];
    let rest = after.strip_prefix("](")?;
    let lead = rest.len() - rest.trim_start().len();
    let rest = rest.trim_start();
    let (lead, rest) = match rest.strip_prefix('<') {
        Some(r) => (lead + 1, r),
        None => (lead, rest),
    };
    let body = rest.strip_prefix('#')?;
    let len = body
        .find(|c: char| c.is_whitespace() || c == ')' || c == '>')
        .unwrap_or(body.len());
    let start = close + 2 + lead + 1;
    Some(start..start + len)
}

/// Gives every block its line numbers, and turns non-blank lines that no
/// event covered (link reference definitions) into `Other` blocks.
pub(super) fn fill_gaps(source: &Source, blocks: &mut Vec<Block>, on_all_cores: bool) {
    let text = &source.text;
    let mut out: Vec<Block> = Vec::with_capacity(blocks.len());
    let mut at = 0usize;
    let push_gap = |out: &mut Vec<Block>, from: usize, to: usize| {
        let mut line = source.line_index(from);
        let last = if to > from {
            source.line_index(to.saturating_sub(1)) + 1
        } else {
            line
        };
        while line < last {
            if source.line(line).trim().is_empty() {
                line += 1;
                continue;
            }
            let first = line;
            while line < last && !source.line(line).trim().is_empty() {
                line += 1;
            }
            let range = source.line_range(first).start..source.line_range(line - 1).end;
            out.push(Block {
                kind: BlockKind::Other,
                range,
                lines: first..line,
            });
        }
    };
    // The lines of every block and list item: independent searches of the
    // line index, on all cores for a large file (`on_all_cores`).
    let lines_of = |block: &mut Block| {
        let first = source.line_index(block.range.start);
        let last = source.line_index(block.range.end.max(block.range.start));
        block.lines = first..last + 1;
        if let BlockKind::List(list) = &mut block.kind {
            for item in &mut list.items {
                let a = source.line_index(item.range.start());
                let b = source.line_index(item.range.end().max(item.range.start()));
                item.lines = (a..b + 1).into();
            }
        }
    };
    if on_all_cores {
        blocks.par_iter_mut().for_each(lines_of);
    } else {
        blocks.iter_mut().for_each(lines_of);
    }
    for block in blocks.drain(..) {
        if block.range.start > at {
            push_gap(&mut out, at, block.range.start);
        }
        at = (block.range.end + 1).min(text.len());
        out.push(block);
    }
    if at < text.len() {
        push_gap(&mut out, at, text.len());
    }
    *blocks = out;
}
