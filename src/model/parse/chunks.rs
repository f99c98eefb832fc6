//! A large file is parsed in pieces on all cores (see [`collect`]).

use std::ops::Range;

use rayon::prelude::*;

use super::cuts::cuts_from;
use super::events::{Collected, Collector, Piece, Reading};
use crate::model::document::BlockKind;

/// Files up to this size are parsed in one piece; larger ones in pieces of
/// about this size, on all cores (see [`collect`]).
pub(super) const CHUNK: usize = 128 * 1024;

/// Work on a text this large is worth spreading over the cores; below it,
/// waking other threads costs more than it saves.
pub fn is_large(text: &str) -> bool {
    text.len() > CHUNK
}

/// `a` and `b`, side by side on two cores when `text` is large, else one
/// after the other (waking the other threads costs a small file more than
/// it saves).
pub fn side_by_side<RA: Send, RB: Send>(
    text: &str,
    a: impl FnOnce() -> RA + Send,
    b: impl FnOnce() -> RB + Send,
) -> (RA, RB) {
    if is_large(text) {
        rayon::join(a, b)
    } else {
        (a(), b())
    }
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
///
/// The pieces `moved` over from another model (`parse::reuse`, with
/// every cut of the text, `cuts`) are not parsed: they stand where they
/// are, as pieces ending where no code or HTML is open (unless they say
/// otherwise), and are dropped like any other piece when a piece before
/// them runs into them.
pub(super) fn collect(
    text: &str,
    chunk: usize,
    cuts: Vec<usize>,
    moved: Vec<(Range<usize>, Piece)>,
    reading: Reading,
) -> Collected {
    let cuts = if moved.is_empty() {
        cut_points(text, chunk)
    } else {
        // Cut where each moved piece starts and ends, and elsewhere about
        // `chunk` bytes apart.
        let mut ends = moved.iter().flat_map(|(r, _)| [r.start, r.end]).peekable();
        let mut kept = Vec::new();
        let mut last = 0;
        for cut in cuts {
            while ends.next_if(|&e| e < cut).is_some() {}
            if ends.peek() == Some(&cut) || cut - last >= chunk {
                kept.push(cut);
                last = cut;
            }
        }
        kept
    };
    if cuts.is_empty() && moved.is_empty() {
        return Collector::new(text, 0..text.len()).run(reading).collected;
    }
    let bounds: Vec<usize> = std::iter::once(0)
        .chain(cuts)
        .chain(std::iter::once(text.len()))
        .collect();
    // The moved pieces in their places; the others parsed, on all cores.
    let mut moved = moved.into_iter().peekable();
    let mut pieces: Vec<Option<Piece>> = bounds
        .windows(2)
        .map(|w| moved.next_if(|(r, _)| r.start == w[0]).map(|(_, p)| p))
        .collect();
    pieces
        .par_iter_mut()
        .zip(bounds.par_windows(2))
        .filter(|(piece, _)| piece.is_none())
        .for_each(|(piece, w)| *piece = Some(Collector::new(text, w[0]..w[1]).run(reading)));
    if pieces.iter().flatten().any(|p| p.collected.references) {
        return Collector::new(text, 0..text.len()).run(reading).collected;
    }
    let mut out = Collected::default();
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
            let joined = Collector::new(text, bounds[n]..stop).run(reading);
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
    out.links_out.append(&mut piece.links_out);
    out.directives.append(&mut piece.directives);
    out.references |= piece.references;
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
    cuts_from(text, from.min(text.len())).next()
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
