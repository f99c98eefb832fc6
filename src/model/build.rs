//! Builds a [`Document`] from one pass over pulldown-cmark's offset events.

use std::collections::HashMap;
use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};
use rayon::prelude::*;

use super::*;
use crate::config::TocStyle;

pub(super) fn build(source: Source, config: &Config) -> Document {
    build_in_chunks(source, config, CHUNK)
}

/// Files up to this size are parsed in one piece; larger ones in pieces of
/// about this size, on all cores (see [`collect`]).
const CHUNK: usize = 128 * 1024;

/// Work on a text this large is worth spreading over the cores; below it,
/// waking other threads costs more than it saves.
pub(crate) fn is_large(text: &str) -> bool {
    text.len() > CHUNK
}

/// [`build`] with the chunk size as a parameter, so tests can prove that the
/// model does not depend on it.
pub(crate) fn build_in_chunks(source: Source, config: &Config, chunk: usize) -> Document {
    let (mut collected, mojibake) = if is_large(&source.text) {
        rayon::join(
            || collect(&source.text, chunk),
            || mojibake::find(&source.text),
        )
    } else {
        (collect(&source.text, chunk), mojibake::find(&source.text))
    };
    fill_gaps(&source, &mut collected.blocks);
    let Collected {
        blocks,
        mut headings,
        mut fragment_links,
    } = collected;

    // Unique slugs in document order.
    let mut slugger = slug::Slugger::default();
    for h in &mut headings {
        h.slug = slugger.unique(&h.text);
    }

    let h2: Vec<usize> = blocks
        .iter()
        .enumerate()
        .filter_map(|(i, b)| match b.kind {
            BlockKind::Heading(h) if headings[h].level == 2 => Some(i),
            _ => None,
        })
        .collect();
    let heading_of = |block: usize| match blocks[block].kind {
        BlockKind::Heading(h) => h,
        _ => unreachable!("h2 holds heading blocks only"),
    };
    let wanted_toc = collapse_whitespace(&config.toc.heading);
    let toc_block = h2.iter().copied().find(|&b| {
        headings[heading_of(b)]
            .text
            .eq_ignore_ascii_case(&wanted_toc)
    });
    let first_section = match toc_block {
        Some(t) => h2.iter().copied().find(|&b| b > t),
        None => h2.first().copied(),
    };
    let preamble_end = toc_block.or(first_section).unwrap_or(blocks.len());

    let toc = toc_block.map(|t| {
        let end = first_section.unwrap_or(blocks.len());
        build_toc(&source.text, &blocks, heading_of(t), t..end)
    });
    if let Some(toc) = &toc {
        let by_start: HashMap<usize, usize> = toc
            .items
            .iter()
            .enumerate()
            .filter_map(|(i, item)| Some((item.item.link()?.range.start(), i)))
            .collect();
        for link in &mut fragment_links {
            link.toc_item = by_start.get(&link.range.start).copied();
        }
    }

    let starts: Vec<usize> = match first_section {
        Some(first) => h2.iter().copied().filter(|&b| b >= first).collect(),
        None => Vec::new(),
    };
    let mut sections = Vec::with_capacity(starts.len());
    // At most one entry per list item: room for all, so the vector is not
    // grown (and copied) while it fills.
    let items: usize = blocks
        .iter()
        .map(|b| match &b.kind {
            BlockKind::List(list) => list.items.len(),
            _ => 0,
        })
        .sum();
    let mut places = Vec::with_capacity(items);
    for (n, &start) in starts.iter().enumerate() {
        let end = starts.get(n + 1).copied().unwrap_or(blocks.len());
        let heading = heading_of(start);
        let skipped = config.is_skipped(&headings[heading].text);
        let first_entry = places.len();
        if !skipped {
            let mut group = start;
            for (b, block) in blocks.iter().enumerate().take(end).skip(start + 1) {
                if let BlockKind::List(list) = &block.kind {
                    if !touches_list_above(&blocks, b) {
                        group = b;
                    }
                    // A file has far fewer than 2^32 blocks or items.
                    let block = u32::try_from(b).unwrap_or(u32::MAX);
                    places.extend((0..list.items.len()).map(|index| entry::Place {
                        // Far fewer than 2^32 sections or blocks, as above.
                        section: u32::try_from(n).unwrap_or(u32::MAX),
                        list: u32::try_from(group).unwrap_or(u32::MAX),
                        block,
                        index: u32::try_from(index).unwrap_or(u32::MAX),
                    }));
                }
            }
        }
        sections.push(Section {
            heading,
            blocks: start..end,
            skipped,
            entries: first_entry..places.len(),
        });
    }
    // Entries are read on all cores, straight into their final vector.
    let names = entry::TagNames::new(config);
    let entries: Vec<Entry> = places
        .par_iter()
        .with_min_len(2048)
        .map(|&place| {
            let item = item_at(&blocks, place.block, place.index);
            entry::parse(&source, item, place, config, &names)
        })
        .collect();

    Document {
        source,
        blocks,
        headings,
        fragment_links,
        mojibake,
        preamble: 0..preamble_end,
        toc,
        sections,
        entries,
        tag_names: names,
    }
}

/// A list that follows a list with nothing but blank lines between them
/// (CommonMark starts a new list when the bullet changes): one list to a
/// reader, and one list once `fmt` gives every entry a `-`, so the model
/// groups them and the printer prints them as one.
pub(crate) fn touches_list_above(blocks: &[Block], b: usize) -> bool {
    b > 0
        && matches!(blocks[b].kind, BlockKind::List(_))
        && matches!(blocks[b - 1].kind, BlockKind::List(_))
}

fn build_toc(text: &str, blocks: &[Block], heading: usize, region: Range<usize>) -> Toc {
    let mut items = Vec::new();
    let mut style = None;
    for b in region.clone() {
        if let BlockKind::List(list) = &blocks[b].kind {
            if style.is_none() {
                style = Some(detect_style(text, list));
            }
            for item in &list.items {
                let (text, fragment) = match item.link() {
                    Some(link) => (
                        collapse_whitespace(link.text(text)),
                        link.dest(text).strip_prefix('#').map(decode_fragment),
                    ),
                    None => (collapse_whitespace(item.text()), None),
                };
                items.push(TocItem {
                    block: b,
                    item: item.clone(),
                    text,
                    fragment,
                });
            }
        }
    }
    Toc {
        heading,
        blocks: region,
        items,
        style,
    }
}

fn detect_style(text: &str, list: &List) -> TocStyle {
    if !list.ordered {
        return TocStyle::Bullet;
    }
    let numbers: Vec<&str> = list
        .items
        .iter()
        .map(|i| text[i.marker.range()].trim_end_matches(['.', ')']))
        .collect();
    if numbers.windows(2).all(|w| w[0] == w[1]) {
        TocStyle::One
    } else {
        TocStyle::Numbered
    }
}

/// Percent-decodes a fragment (`soci%C3%A9t%C3%A9` -> `société`).
pub(crate) fn decode_fragment(fragment: &str) -> String {
    percent_encoding::percent_decode_str(fragment)
        .decode_utf8_lossy()
        .into_owned()
}

#[derive(Default)]
struct Collected {
    blocks: Vec<Block>,
    headings: Vec<Heading>,
    fragment_links: Vec<FragmentLink>,
}

/// What one piece of the file holds, and whether its cut was safe.
struct Piece {
    collected: Collected,
    /// The piece defines link references, which CommonMark shares across
    /// the whole file.
    defines_references: bool,
    /// The piece ends in a code or HTML block, which might have gone on past
    /// the cut.
    open_end: bool,
}

/// Collects the events of the whole text.
///
/// A large file is cut into pieces at `## ` headings that follow a blank
/// line, and the pieces are parsed on all cores. Such a line starts a new
/// top-level block whatever came before (a heading interrupts paragraphs,
/// lists and quotes, and the blank line has ended tables and HTML blocks),
/// unless a fenced code block or an HTML block that runs until an end marker
/// is still open. So a piece that ends in a code or HTML block is parsed
/// again joined to the pieces after it, and any piece that defines link
/// references (they apply file-wide) makes the whole file be parsed in one
/// piece: the model is always the one a single parse gives
/// (`chunked_parse_equals_whole_parse` tests it).
fn collect(text: &str, chunk: usize) -> Collected {
    let cuts = cut_points(text, chunk);
    if cuts.is_empty() {
        return Collector::new(text, 0..text.len()).run().collected;
    }
    let bounds: Vec<usize> = std::iter::once(0)
        .chain(cuts)
        .chain(std::iter::once(text.len()))
        .collect();
    let pieces: Vec<Piece> = bounds
        .par_windows(2)
        .map(|w| Collector::new(text, w[0]..w[1]).run())
        .collect();
    if pieces.iter().any(|p| p.defines_references) {
        return Collector::new(text, 0..text.len()).run().collected;
    }
    let mut out = Collected::default();
    let mut pieces: Vec<Option<Piece>> = pieces.into_iter().map(Some).collect();
    let mut n = 0;
    while n < pieces.len() {
        let Some(piece) = pieces[n].take() else { break };
        if !piece.open_end || n + 1 == pieces.len() {
            append(&mut out, piece.collected);
            n += 1;
            continue;
        }
        // The next cut may lie inside that block: parse this piece together
        // with the next ones until the joined piece ends outside code and
        // HTML; after a few tries (one huge block), parse the rest whole.
        let mut end = n + 2;
        loop {
            let last = end >= pieces.len() || end - n > MAX_JOINED;
            let stop = if last { text.len() } else { bounds[end] };
            let joined = Collector::new(text, bounds[n]..stop).run();
            if last || !joined.open_end {
                append(&mut out, joined.collected);
                n = if last { pieces.len() } else { end };
                break;
            }
            end += 1;
        }
    }
    out
}

/// How many pieces [`collect`] joins after a cut that was not safe before
/// it parses the rest of the file in one piece.
const MAX_JOINED: usize = 4;

/// Appends one piece's blocks, headings and links, renumbering headings.
fn append(out: &mut Collected, mut piece: Collected) {
    let shift = out.headings.len();
    for block in &mut piece.blocks {
        if let BlockKind::Heading(h) = &mut block.kind {
            *h += shift;
        }
    }
    out.blocks.append(&mut piece.blocks);
    out.headings.append(&mut piece.headings);
    out.fragment_links.append(&mut piece.fragment_links);
}

/// Offsets where a piece may start: the start of a `## ` line that follows
/// a blank line, about `chunk` bytes apart. None for a small file.
fn cut_points(text: &str, chunk: usize) -> Vec<usize> {
    let mut cuts = Vec::new();
    let mut next = chunk;
    while next < text.len() {
        let Some(found) = find_cut(text, next) else {
            break;
        };
        cuts.push(found);
        next = found + chunk;
    }
    cuts
}

/// The first `## ` line at or after `from` that follows a blank line.
fn find_cut(text: &str, from: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut at = from;
    while !text.is_char_boundary(at) {
        at += 1;
    }
    while let Some(i) = text.get(at..)?.find("\n\n##") {
        let line = at + i + 2;
        let after = bytes.get(line + 2).copied();
        if matches!(after, Some(b' ' | b'\t' | b'\n') | None) {
            return Some(line);
        }
        at = line;
    }
    None
}

struct OpenHeading {
    level: u8,
    text: String,
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

struct Collector<'s> {
    text: &'s str,
    /// The part of `text` this collector parses.
    piece: Range<usize>,
    /// The last top-level block so far is code or HTML.
    open_end: bool,
    blocks: Vec<Block>,
    headings: Vec<Heading>,
    links: Vec<FragmentLink>,
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
    fn new(text: &'s str, piece: Range<usize>) -> Self {
        Collector {
            text,
            piece,
            open_end: false,
            blocks: Vec::new(),
            headings: Vec::new(),
            links: Vec::new(),
            depth: 0,
            block_start: 0,
            heading: None,
            list: None,
            items: Vec::new(),
            item: None,
            open_links: Vec::new(),
            item_text: String::new(),
        }
    }

    fn run(mut self) -> Piece {
        let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
        let base = self.piece.start;
        let parser = Parser::new_ext(&self.text[self.piece.clone()], options);
        let defines_references = parser.reference_definitions().iter().next().is_some();
        for (event, range) in parser.into_offset_iter() {
            self.event(event, range.start + base..range.end + base);
        }
        Piece {
            collected: Collected {
                blocks: self.blocks,
                headings: self.headings,
                fragment_links: self.links,
            },
            defines_references,
            open_end: self.open_end,
        }
    }

    fn event(&mut self, event: Event<'_>, range: Range<usize>) {
        match event {
            Event::Start(tag) => self.start(tag, range),
            Event::End(tag) => self.end(tag, range),
            Event::Text(t) | Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
                self.inline(range.clone());
                self.push_text(&t);
                if self.depth == 0 {
                    self.leaf_block(range);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                self.inline(range);
                self.push_text(" ");
            }
            Event::Html(_)
            | Event::InlineHtml(_)
            | Event::FootnoteReference(_)
            | Event::TaskListMarker(_) => {
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
        match tag {
            TagEnd::Link => self.end_link(),
            TagEnd::Item if self.depth == 1 => self.end_item(range.clone()),
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
            lead: match open.link {
                Some(link) => {
                    self.item_text.clear();
                    Lead::Link(link)
                }
                None => Lead::Text(std::mem::take(&mut self.item_text).into_boxed_str()),
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
fn fill_gaps(source: &Source, blocks: &mut Vec<Block>) {
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
    for mut block in blocks.drain(..) {
        if block.range.start > at {
            push_gap(&mut out, at, block.range.start);
        }
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
        at = (block.range.end + 1).min(text.len());
        out.push(block);
    }
    if at < text.len() {
        push_gap(&mut out, at, text.len());
    }
    *blocks = out;
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The model of `text` parsed whole, and cut at every possible place.
    fn both(text: &str) -> (String, String) {
        let config = Config::default();
        let whole = build_in_chunks(Source::new("t", text), &config, usize::MAX);
        let cut = build_in_chunks(Source::new("t", text), &config, 1);
        (format!("{whole:#?}"), format!("{cut:#?}"))
    }

    fn assert_same(text: &str) {
        let (whole, cut) = both(text);
        assert!(whole == cut, "chunked parse differs for:\n{text}");
    }

    #[test]
    fn heading_text_starts_after_the_markup_even_with_an_escape() {
        let config = Config::default();
        for (text, content) in [
            ("## \\\\Acme\n", "\\\\Acme"),
            ("##   \\*Acme*  \n", "\\*Acme*"),
            ("\\\\Acme\n---\n", "\\\\Acme"),
            ("## Acme\n", "Acme"),
        ] {
            let doc = Document::parse(Source::new("t", text), &config);
            let h = &doc.headings[0];
            assert_eq!(&doc.text()[h.content.clone()], content, "{text:?}");
        }
    }

    #[test]
    fn cuts_are_found_only_at_h2_lines_after_a_blank_line() {
        let text = "# T\n\n## A\n\ntext\n## B\n\n##C\n\n## D\n";
        let cuts = cut_points(text, 1);
        let at: Vec<&str> = cuts.iter().map(|&c| &text[c..c + 4]).collect();
        assert_eq!(at, ["## A", "## D"]);
        assert!(cut_points(text, usize::MAX).is_empty());
        // A cut never lands inside a character.
        assert!(cut_points("é\n\n## A\n", 1).iter().all(|&c| c == 4));
    }

    #[test]
    fn chunked_parse_equals_whole_parse() {
        let cases = [
            // Plain sections.
            "## Table of Contents\n\n1. [A](#a)\n\n## A\n\n- [x](https://e.com) - `2020` - :books:\n\n## B\n\n- y\n",
            // A fence that hides `## ` lines after blank lines.
            "## A\n\n```\n\n## not a heading\n\n```\n\n## B\n\n- x\n",
            "## A\n\n~~~~md\n\n## no\n\n~~~\n\n## still code\n\n~~~~\n\n## B\n",
            // A fence over more pieces than are ever joined, then more cuts.
            "## A\n\n```\n\n## 1\n\n## 2\n\n## 3\n\n## 4\n\n## 5\n\n## 6\n\n```\n\n## B\n\n- x\n\n## C\n",
            // A closed fence and a closed comment just before cuts.
            "## A\n\n```\ncode\n```\n\n## B\n\n<!-- c -->\n\n## C\n\n- x\n",
            // A fence never closed runs to the end of the file.
            "## A\n\n```\n\n## code\n\n## code too\n",
            // HTML blocks that run until their end marker.
            "## A\n\n<!--\n\n## comment\n\n-->\n\n## B\n",
            "## A\n\n<pre>\n\n## pre\n\n</pre>\n\n## B\n",
            // Link reference definitions apply file-wide.
            "## A\n\n- [x][r] - `2020` - :books:\n\n## B\n\n[r]: https://e.com\n",
            // Lists, quotes, tables and indented code before a cut.
            "## A\n\n- a\n\n  more\n\n## B\n\n> q\n\n## C\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n## D\n\n    code\n\n## E\n",
            // A heading that is not a cut (no blank line before it).
            "## A\nx\n## B\n\n## C\n",
        ];
        for text in cases {
            assert_same(text);
        }
    }

    #[test]
    fn every_fixture_parses_the_same_in_pieces() {
        fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
            for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    walk(&path, out);
                } else if path.extension().is_some_and(|e| e == "md") {
                    out.push(path);
                }
            }
        }
        let mut files = Vec::new();
        walk(std::path::Path::new("fixtures"), &mut files);
        walk(std::path::Path::new("../shared/corpus"), &mut files);
        assert!(files.len() > 50, "only {} files", files.len());
        for path in files {
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            let (whole, cut) = both(&text);
            assert!(
                whole == cut,
                "{} parses differently in pieces",
                path.display()
            );
        }
    }
}
