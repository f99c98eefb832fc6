//! Offsets and the editor's positions: a line and a character counted in
//! the encoding agreed at `initialize` (UTF-16 code units unless the client
//! offers UTF-8). Lines end at `\n`, `\r\n` or a lone `\r`, as the protocol
//! says.
//!
//! The editor's text is kept as it sent it; the model reads it through
//! [`Source`], which takes a BOM off and folds line endings. A line of one
//! is the same line of the other, so an offset of the model is turned into
//! a position by its line and its bytes into that line ([`Lines::of_model`]).

use std::ops::Range;

use super::protocol::{self, Position, TextEdit};

use crate::source::Source;

/// How a position's character counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
}

impl Encoding {
    fn units(self, c: char) -> u32 {
        match self {
            Encoding::Utf8 => c.len_utf8() as u32,
            Encoding::Utf16 => c.len_utf16() as u32,
        }
    }
}

/// Where each line of the editor's text starts.
pub struct Lines<'t> {
    text: &'t str,
    starts: std::borrow::Cow<'t, [usize]>,
    encoding: Encoding,
}

/// The offsets in `text[from..to]` where a line starts after a line ending
/// (`\n`, `\r\n` or a lone `\r`), in order.
pub(super) fn starts_in(text: &str, from: usize, to: usize) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut starts = Vec::new();
    let mut i = from;
    while i < to {
        match bytes[i] {
            b'\n' => starts.push(i + 1),
            b'\r' if bytes.get(i + 1) == Some(&b'\n') => {
                starts.push(i + 2);
                i += 1;
            }
            b'\r' => starts.push(i + 1),
            _ => {}
        }
        i += 1;
    }
    starts
}

/// Where each line of `text` starts: what [`Lines`] reads positions with,
/// kept by the server for each open document and mended by [`edit_starts`]
/// at each change, so that a change costs what it changes.
pub fn line_starts(text: &str) -> Vec<usize> {
    let mut starts = vec![0];
    starts.extend(starts_in(text, 0, text.len()));
    starts
}

/// Mends `starts` (of the text before the change) after the bytes
/// `start..old_end` were replaced with `new_len` bytes, `text` being the
/// text after: only the lines around the change are read again (from the
/// line above it, for a `\r` that a `\n` now joins, to two lines below it).
pub fn edit_starts(
    starts: &mut Vec<usize>,
    text: &str,
    start: usize,
    old_end: usize,
    new_len: usize,
) {
    let scan = |from: usize, to: usize| starts_in(text, from, to);
    mend_starts(starts, text.len(), scan, start, old_end, new_len);
}

/// [`edit_starts`] for a text not held as one `&str`: `len` is the new
/// text's length and `scan(from, to)` gives the line starts in its bytes
/// `from..to` (as [`starts_in`]).
pub fn mend_starts(
    starts: &mut Vec<usize>,
    len: usize,
    scan: impl Fn(usize, usize) -> Vec<usize>,
    start: usize,
    old_end: usize,
    new_len: usize,
) {
    let line_of = |at: usize| starts.partition_point(|&s| s <= at).saturating_sub(1);
    let low = line_of(start).saturating_sub(1);
    let high = (line_of(old_end) + 2).min(starts.len());
    let shift = |s: usize| s + new_len - (old_end - start);
    let (from, to) = (starts[low], starts.get(high).map_or(len, |&s| shift(s)));
    let last = high == starts.len();
    let found: Vec<usize> = scan(from, to)
        .into_iter()
        .filter(|&s| last || s < to)
        .collect();
    for s in &mut starts[high..] {
        *s = shift(*s);
    }
    starts.splice(low + 1..high, found);
}

impl<'t> Lines<'t> {
    pub fn new(text: &'t str, encoding: Encoding) -> Lines<'t> {
        Lines {
            text,
            starts: std::borrow::Cow::Owned(line_starts(text)),
            encoding,
        }
    }

    /// [`Lines::new`] with the line starts known already ([`line_starts`]).
    pub fn with_starts(text: &'t str, starts: &'t [usize], encoding: Encoding) -> Lines<'t> {
        Lines {
            text,
            starts: std::borrow::Cow::Borrowed(starts),
            encoding,
        }
    }

    /// The byte range of line `line`, without its line ending.
    fn line(&self, line: usize) -> Range<usize> {
        let start = self.starts[line.min(self.starts.len() - 1)];
        let end = self.starts.get(line + 1).map_or(self.text.len(), |&next| {
            let mut end = next;
            if self.text.as_bytes().get(end - 1) == Some(&b'\n') {
                end -= 1;
            }
            if end > start && self.text.as_bytes().get(end - 1) == Some(&b'\r') {
                end -= 1;
            }
            end
        });
        start..end.max(start)
    }

    /// The position of a byte offset of the editor's text.
    pub fn position(&self, offset: usize) -> Position {
        let offset = floor_boundary(self.text, offset.min(self.text.len()));
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let range = self.line(line);
        let end = offset.min(range.end);
        let character = self.text[range.start..end]
            .chars()
            .map(|c| self.encoding.units(c))
            .sum();
        Position::new(line as u32, character)
    }

    /// The byte offset of a position; past the end of its line is the end
    /// of the line, past the last line the end of the text.
    pub fn offset(&self, position: Position) -> usize {
        let line = position.line as usize;
        if line >= self.starts.len() {
            return self.text.len();
        }
        let range = self.line(line);
        let mut units = 0;
        for (i, c) in self.text[range.clone()].char_indices() {
            if units >= position.character {
                return range.start + i;
            }
            units += self.encoding.units(c);
        }
        range.end
    }

    /// The position of an offset of the model of this text (`source`):
    /// the same line, the same bytes into it, and the BOM the model does
    /// not hold in front of the first line.
    pub fn of_model(&self, source: &Source, offset: usize) -> Position {
        let offset = offset.min(source.text.len());
        let line = source.line_index(offset);
        let column = offset - source.line_range(line).start;
        let bom = if line == 0 && source.encoding.bom {
            '\u{feff}'.len_utf8()
        } else {
            0
        };
        let start = self.line(line).start;
        self.position(start + bom + column)
    }

    /// The model's offset of an editor's position (see [`Lines::of_model`]).
    pub fn to_model(&self, source: &Source, position: Position) -> usize {
        let offset = self.offset(position);
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let bom = if line == 0 && source.encoding.bom {
            '\u{feff}'.len_utf8()
        } else {
            0
        };
        let column = (offset - self.line(line).start).saturating_sub(bom);
        let range = source.line_range(line);
        floor_boundary(&source.text, (range.start + column).min(range.end))
    }
}

fn floor_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// More edits than this are sent as one edit of the whole document: an
/// editor applies ten thousand small edits slower than one large one
/// (Neovim timed out formatting a 12 MB list with a trailing space on
/// every tenth entry).
pub const MAX_EDITS: usize = 64;

/// Changed runs this close (in unchanged lines) are one edit.
const MERGE_GAP: usize = 1;

/// The edits that turn `old` into `new`, one per region of changed lines
/// (where both have as many lines, runs at most [`MERGE_GAP`] unchanged
/// lines apart are one region), so that the editor keeps the cursor and
/// folds where nothing changed; one edit of the whole document when there
/// would be more than [`MAX_EDITS`].
pub fn edits(old: &str, new: &str, encoding: Encoding) -> Vec<TextEdit> {
    if old == new {
        return Vec::new();
    }
    if let Some(edits) = same_lines(old, new, encoding) {
        return edits;
    }
    // Lines added or removed: one edit, from the first line that differs
    // to the last, the lines both share at the start and the end kept.
    let (a, b): (Vec<&str>, Vec<&str>) = (
        old.split_inclusive('\n').collect(),
        new.split_inclusive('\n').collect(),
    );
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..]
        .iter()
        .rev()
        .zip(b[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let bytes = |lines: &[&str]| lines.iter().map(|l| l.len()).sum::<usize>();
    let from = bytes(&a[..prefix]);
    let old_end = old.len() - bytes(&a[a.len() - suffix..]);
    let new_end = new.len() - bytes(&b[b.len() - suffix..]);
    let lines = Lines::new(old, encoding);
    vec![TextEdit::new(
        protocol::Range::new(lines.position(from), lines.position(old_end)),
        new[from..new_end].to_owned(),
    )]
}

/// [`edits`] when `old` and `new` have as many lines (what `fmt` does to
/// most lists: lines mended in place): the lines compared side by side,
/// with no diff to compute (on a 12 MB list the diff alone took seconds).
/// `None` when the line counts differ.
fn same_lines(old: &str, new: &str, encoding: Encoding) -> Option<Vec<TextEdit>> {
    let (a, b): (Vec<&str>, Vec<&str>) = (
        old.split_inclusive('\n').collect(),
        new.split_inclusive('\n').collect(),
    );
    if a.len() != b.len() {
        return None;
    }
    let lines = Lines::new(old, encoding);
    let mut regions: Vec<Range<usize>> = Vec::new();
    for (i, _) in a.iter().zip(&b).enumerate().filter(|(_, (x, y))| x != y) {
        match regions.last_mut() {
            Some(r) if i - r.end <= MERGE_GAP => r.end = i + 1,
            _ => regions.push(i..i + 1),
        }
        if regions.len() > MAX_EDITS {
            return Some(vec![TextEdit::new(
                protocol::Range::new(lines.position(0), lines.position(old.len())),
                new.to_owned(),
            )]);
        }
    }
    let offsets = |lines: &[&str]| -> Vec<usize> {
        let mut at = vec![0];
        for l in lines {
            at.push(at.last().copied().unwrap_or(0) + l.len());
        }
        at
    };
    let (old_at, new_at) = (offsets(&a), offsets(&b));
    Some(
        regions
            .into_iter()
            .map(|r| {
                TextEdit::new(
                    protocol::Range::new(
                        lines.position(old_at[r.start]),
                        lines.position(old_at[r.end]),
                    ),
                    new[new_at[r.start]..new_at[r.end]].to_owned(),
                )
            })
            .collect(),
    )
}

/// `text` with `edits` applied (each range read on `text` as it was, as
/// the protocol has it for one set of edits): what a client does, for the
/// tests and for incremental changes.
pub fn apply(text: &str, edits: &[TextEdit], encoding: Encoding) -> String {
    let lines = Lines::new(text, encoding);
    let mut ranged: Vec<(Range<usize>, &str)> = edits
        .iter()
        .map(|e| {
            let start = lines.offset(e.range.start);
            (
                start..lines.offset(e.range.end).max(start),
                e.new_text.as_str(),
            )
        })
        .collect();
    ranged.sort_by_key(|(r, _)| (r.start, r.end));
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (range, new) in ranged {
        let start = range.start.max(at);
        out.push_str(&text[at..start]);
        out.push_str(new);
        at = range.end.max(start);
    }
    out.push_str(&text[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn characters_count_in_the_agreed_encoding() {
        let text = "a😀b\r\nçd\re";
        let utf16 = Lines::new(text, Encoding::Utf16);
        let utf8 = Lines::new(text, Encoding::Utf8);
        let b = text.find('b').unwrap();
        assert_eq!(utf16.position(b), Position::new(0, 3));
        assert_eq!(utf8.position(b), Position::new(0, 5));
        let d = text.find('d').unwrap();
        assert_eq!(utf16.position(d), Position::new(1, 1));
        assert_eq!(utf8.position(d), Position::new(1, 2));
        assert_eq!(utf16.position(text.len()), Position::new(2, 1));
        for lines in [&utf16, &utf8] {
            for offset in text.char_indices().map(|(i, _)| i) {
                let p = lines.position(offset);
                let back = lines.offset(p);
                // A line ending's bytes are the end of its line.
                assert!(
                    back == offset || text[back..offset].chars().all(|c| c == '\r'),
                    "{offset}"
                );
            }
        }
        // Past the end of a line is its end; past the last line, the text's.
        assert_eq!(utf16.offset(Position::new(0, 99)), text.find('\r').unwrap());
        assert_eq!(utf16.offset(Position::new(9, 0)), text.len());
    }

    #[test]
    fn the_models_offsets_map_to_the_editors_lines_through_a_bom_and_crlf() {
        let text = "\u{feff}# é\r\n\r\n## Acme\r\n";
        let source = Source::new("t", text);
        let lines = Lines::new(text, Encoding::Utf16);
        let acme = source.text.find("Acme").unwrap();
        assert_eq!(lines.of_model(&source, acme), Position::new(2, 3));
        assert_eq!(lines.to_model(&source, Position::new(2, 3)), acme);
        let e = source.text.find('é').unwrap();
        assert_eq!(
            lines.of_model(&source, e),
            Position::new(0, 3),
            "the BOM counts"
        );
        assert_eq!(lines.to_model(&source, Position::new(0, 3)), e);
    }

    #[test]
    fn edits_turn_the_old_text_into_the_new() {
        let old = "a\nb\nc\nd\n";
        let new = "a\nB\nc\nd\ne\n";
        let edits = edits(old, new, Encoding::Utf16);
        assert_eq!(edits.len(), 1);
        assert_eq!(apply(old, &edits, Encoding::Utf16), new);
        assert_eq!(super::edits(old, old, Encoding::Utf16), []);
        // Runs one unchanged line apart are one edit.
        let edits = super::edits("a\nb\nc\n", "A\nb\nC\n", Encoding::Utf16);
        assert_eq!(edits.len(), 1);
        assert_eq!(apply("a\nb\nc\n", &edits, Encoding::Utf16), "A\nb\nC\n");
    }

    proptest::proptest! {
        /// The line starts mended after a change are those of the changed
        /// text read anew, whatever the line endings around the change.
        #[test]
        fn mended_line_starts_are_the_new_texts(
            text in "[a\r\n]{0,40}",
            at in 0usize..41,
            len in 0usize..10,
            insert in "[b\r\n]{0,6}",
        ) {
            let start = at.min(text.len());
            let end = (start + len).min(text.len());
            let mut starts = line_starts(&text);
            let mut new = text.clone();
            new.replace_range(start..end, &insert);
            edit_starts(&mut starts, &new, start, end, insert.len());
            proptest::prop_assert_eq!(starts, line_starts(&new));
        }

        /// The edits of any two texts turn the one into the other.
        #[test]
        fn edits_apply_to_the_new_text(old in "[ab\n]{0,60}", new in "[ab\n]{0,60}") {
            let edits = super::edits(&old, &new, Encoding::Utf16);
            proptest::prop_assert_eq!(apply(&old, &edits, Encoding::Utf16), new);
        }
    }

    /// A trailing space on every tenth line of a big list: one edit of the
    /// whole document, not thousands (issue 34, item 14).
    #[test]
    fn many_changes_are_one_edit_of_the_whole_document() {
        let old: String = (0..20_000)
            .map(|i| {
                if i % 10 == 0 {
                    format!("line {i} \n")
                } else {
                    format!("line {i}\n")
                }
            })
            .collect();
        let new: String = (0..20_000).map(|i| format!("line {i}\n")).collect();
        let edits = super::edits(&old, &new, Encoding::Utf16);
        assert_eq!(edits.len(), 1);
        assert_eq!(apply(&old, &edits, Encoding::Utf16), new);
        // A few changes stay a few edits.
        let few: String =
            old.replacen("line 10 ", "line 10", 1)
                .replacen("line 500 ", "line 500", 1);
        let edits = super::edits(&old, &few, Encoding::Utf16);
        assert_eq!(edits.len(), 2);
        assert!(edits.len() <= MAX_EDITS);
        assert_eq!(apply(&old, &edits, Encoding::Utf16), few);
    }
}
