//! `fmt` proves its output by parsing it (`write::proof`), and most of its
//! output is its input: of a large list's sections, most are printed byte
//! for byte as they were, only somewhere else. Those need no second parse:
//! their blocks, headings and links are moved over from the input's model,
//! their offsets shifted to where they now stand ([`Reuse::take`]).
//!
//! A part of the text can be read apart from the rest when it starts at a
//! `## ` line after a blank line and ends at the next one (or the end of
//! the file): the parse of the whole file in pieces relies on the same
//! cuts (`chunks`). The input's part must also have been read apart there:
//! its `## ` line was a heading (no fence or HTML block swallowed it), it
//! holds no suppression comment (those are kept aside, not in the model),
//! and the file defines no link references (they apply file-wide).
//! Whatever is not moved over is parsed as usual, and the model is the one
//! a whole parse gives: `tests/engine/model.rs` compares the two on every
//! fixture, and the `fmt_roundtrip` fuzz target on every input it makes.

use std::collections::HashMap;
use std::ops::Range;

use super::cuts::{is_cut, leaves_metadata_open, safe_cuts};
use super::events::{Collected, Piece};
use crate::model::document::{
    Block, BlockKind, Document, FragmentLink, Heading, ItemLink, ItemStart, ListItem, OutLink,
};
use crate::model::span::Span;
use crate::model::text::Text;

/// The parts of a new text whose parse is moved over from an old model.
pub struct Reuse {
    /// Every offset of the new text a piece may start at
    /// (`cuts::safe_cuts`): the parse of the rest cuts there.
    pub(super) cuts: Vec<usize>,
    /// Where each moved part lies in the new text, and its parse, in text
    /// order.
    pub(super) pieces: Vec<(Range<usize>, Piece)>,
}

/// What a part is looked up by: its length and first bytes.
fn key<'t>(text: &'t str, range: &Range<usize>) -> (usize, &'t [u8]) {
    let head = range.start..range.end.min(range.start + 64);
    (range.len(), &text.as_bytes()[head])
}

/// One part of the old text that can be read apart from the rest.
struct Unit {
    range: Range<usize>,
    blocks: Range<usize>,
}

impl Reuse {
    /// Nothing to move over: the new text is parsed whole.
    pub fn nothing() -> Reuse {
        Reuse {
            cuts: Vec::new(),
            pieces: Vec::new(),
        }
    }

    /// How many parts of the new text were moved over.
    pub fn moved(&self) -> usize {
        self.pieces.len()
    }

    /// Takes `old` apart and keeps the parse of each of its parts that
    /// `new` holds byte for byte (between two cuts), shifted to where
    /// `new` holds it. `old` is consumed: what is kept is moved, not
    /// copied, and the rest is dropped before `new` is parsed.
    pub fn take(old: Document, new: &str) -> Reuse {
        let Document {
            source,
            mut blocks,
            mut headings,
            fragment_links,
            links_out,
            references,
            open_end,
            sections,
            ..
        } = old;
        // A flat list's links were marked as its entries' after the parse
        // (`OutLink::leads`): not what the events gave.
        let flat = !sections.iter().any(|s| !s.skipped);
        if references || flat {
            return Reuse::nothing();
        }
        let text = source.text.as_str();
        let units = units(text, &blocks);
        let cuts = safe_cuts(new);
        let bounds: Vec<usize> = std::iter::once(0)
            .chain(cuts.iter().copied())
            .chain(std::iter::once(new.len()))
            .collect();

        // The old parts by their length and first bytes; the same part may
        // be there twice (two sections alike), and each is moved once.
        let mut by_key: HashMap<(usize, &[u8]), Vec<usize>> = HashMap::new();
        for (n, unit) in units.iter().enumerate().rev() {
            by_key.entry(key(text, &unit.range)).or_default().push(n);
        }
        let directive = memchr::memmem::Finder::new("flinkscale-");
        let last = units.len() - 1;
        // (new range, old unit, open at its end)
        let mut moves: Vec<(Range<usize>, usize, bool)> = Vec::new();
        for w in bounds.windows(2) {
            let range = w[0]..w[1];
            let Some(candidates) = by_key.get_mut(&key(new, &range)) else {
                continue;
            };
            let found = candidates.iter().rposition(|&n| {
                let old = &units[n].range;
                (old.start == 0) == (range.start == 0) && text[old.clone()] == new[range.clone()]
            });
            let Some(at) = found else { continue };
            let n = candidates.remove(at);
            let unit = &units[n];
            if directive
                .find(text[unit.range.clone()].as_bytes())
                .is_some()
            {
                continue;
            }
            // The old file's last part may end in a block that runs to the
            // end of the file (an unclosed fence): followed by more, it is
            // read again with what follows (`chunks::collect`).
            // Any part may hold a `---` that a line further on, in its new
            // place, closes as a YAML block (`cuts::leaves_metadata_open`).
            let open = range.end < new.len()
                && ((n == last
                    && (open_end
                        || unit
                            .blocks
                            .clone()
                            .last()
                            .is_some_and(|b| matches!(blocks[b].kind, BlockKind::Other))))
                    || leaves_metadata_open(&text[unit.range.clone()]));
            moves.push((range, n, open));
        }
        if moves.is_empty() {
            return Reuse::nothing();
        }

        // Each moved unit's piece, and how its offsets move.
        let mut piece_of: Vec<Option<(usize, Shift)>> = vec![None; units.len()];
        let mut pieces: Vec<(Range<usize>, Piece)> = Vec::with_capacity(moves.len());
        for (p, (range, n, open)) in moves.into_iter().enumerate() {
            let unit = &units[n];
            let by = Shift::new(unit.range.start, range.start);
            piece_of[n] = Some((p, by));
            let mut collected = Collected::default();
            for b in unit.blocks.clone() {
                let mut block = std::mem::replace(&mut blocks[b], placeholder());
                if let BlockKind::Heading(h) = &mut block.kind {
                    let mut heading = std::mem::take(&mut headings[*h]);
                    by.heading(&mut heading);
                    collected.headings.push(heading);
                    *h = collected.headings.len() - 1;
                }
                by.block(&mut block);
                collected.blocks.push(block);
            }
            pieces.push((
                range,
                Piece {
                    collected,
                    open_end: open,
                },
            ));
        }
        // The links go to their unit's piece, in file order.
        let starts: Vec<usize> = units.iter().map(|u| u.range.start).collect();
        let piece_at = |offset: usize| piece_of[starts.partition_point(|&s| s <= offset) - 1];
        for mut link in fragment_links {
            if let Some((p, by)) = piece_at(link.range.start) {
                by.fragment_link(&mut link);
                pieces[p].1.collected.fragment_links.push(link);
            }
        }
        for mut link in links_out.into_iter().filter(|l| !l.from_item) {
            if let Some((p, by)) = piece_at(link.range.start()) {
                by.out_link(&mut link);
                pieces[p].1.collected.links_out.push(link);
            }
        }
        Reuse { cuts, pieces }
    }
}

/// The old text's parts: from its start, and from every `## ` heading at a
/// cut (a heading the parse found there), each to the next.
fn units(text: &str, blocks: &[Block]) -> Vec<Unit> {
    let bytes = text.as_bytes();
    let mut starts: Vec<(usize, usize)> = vec![(0, 0)];
    for (b, block) in blocks.iter().enumerate() {
        let at = block.range.start;
        if matches!(block.kind, BlockKind::Heading(_)) && is_cut(bytes, at) {
            starts.push((at, b));
        }
    }
    let mut units = Vec::with_capacity(starts.len());
    for (n, &(at, first)) in starts.iter().enumerate() {
        let (end, next) = starts
            .get(n + 1)
            .copied()
            .unwrap_or((text.len(), blocks.len()));
        units.push(Unit {
            range: at..end,
            blocks: first..next,
        });
    }
    units
}

fn placeholder() -> Block {
    Block {
        kind: BlockKind::Other,
        range: 0..0,
        lines: 0..0,
    }
}

/// Moves offsets from where a part stood in the old text to where it
/// stands in the new one. Each model type is taken apart field by field,
/// so that a field added to one does not go unshifted unnoticed.
#[derive(Clone, Copy)]
struct Shift {
    from: usize,
    to: usize,
}

impl Shift {
    fn new(from: usize, to: usize) -> Shift {
        Shift { from, to }
    }

    fn at(self, offset: usize) -> usize {
        offset - self.from + self.to
    }

    fn range(self, range: &mut Range<usize>) {
        *range = self.at(range.start)..self.at(range.end);
    }

    fn span(self, span: &mut Span) {
        *span = Span::new(self.at(span.start()), self.at(span.end()));
    }

    /// A text in the source moves with it; an empty one that was never
    /// set (`Text::default`) stays as a fresh parse leaves it.
    fn text(self, text: &mut Text) {
        match text {
            Text::Source(span) if *span != Span::default() => self.span(span),
            Text::Source(_) | Text::Owned(_) => {}
        }
    }

    fn block(self, block: &mut Block) {
        // `lines` are found again for every block (`events::fill_gaps`).
        let Block {
            kind,
            range,
            lines: _,
        } = block;
        self.range(range);
        let BlockKind::List(list) = kind else { return };
        for item in &mut list.items {
            let ListItem {
                range,
                marker,
                lines: _,
                opening,
                complex: _,
            } = item;
            self.span(range);
            self.span(marker);
            if let ItemStart::Link(ItemLink {
                range,
                dest,
                inline: _,
                text,
                text_range,
            }) = opening
            {
                self.span(range);
                self.text(dest);
                self.text(text);
                self.span(text_range);
            }
        }
    }

    fn heading(self, heading: &mut Heading) {
        // The slug is given to every heading once all are known.
        let Heading {
            level: _,
            text: _,
            rendered: _,
            content,
            range,
            slug,
            atx: _,
        } = heading;
        self.range(content);
        self.range(range);
        slug.clear();
    }

    fn fragment_link(self, link: &mut FragmentLink) {
        let FragmentLink {
            range,
            fragment: _,
            fragment_range,
            toc_item,
        } = link;
        self.range(range);
        if let Some(r) = fragment_range {
            self.range(r);
        }
        // Which TOC item it is, is found once the TOC is known.
        *toc_item = None;
    }

    fn out_link(self, link: &mut OutLink) {
        let OutLink {
            range,
            dest,
            image: _,
            leads: _,
            from_item: _,
        } = link;
        self.span(range);
        self.text(dest);
    }
}
