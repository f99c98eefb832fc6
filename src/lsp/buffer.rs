//! The text of an open document, as the editor edits it: a gap buffer.
//! Typing goes into a gap kept where the last change was, so a change
//! costs what it changes and how far it is from the last one, not the
//! length of the document (a `String` moves everything after each
//! keystroke: 12 MB a character on a big list). The gap is closed again,
//! once, when a request needs the whole text as one `&str`.

use std::borrow::Cow;
use std::ops::Range;

use super::position::{self, Encoding};
use super::protocol::Position;

/// The least room a gap is opened with.
const GAP: usize = 64 * 1024;

pub struct Buffer {
    state: State,
    /// Where each line starts ([`position::line_starts`]), mended at each
    /// change.
    starts: Vec<usize>,
}

enum State {
    /// One `String`: what requests read.
    Closed(String),
    /// `bytes[..gap.start]` then `bytes[gap.end..]`; the gap is always at
    /// a character boundary, so each part is UTF-8.
    Open { bytes: Vec<u8>, gap: Range<usize> },
}

impl Buffer {
    pub fn new(text: String) -> Buffer {
        Buffer {
            starts: position::line_starts(&text),
            state: State::Closed(text),
        }
    }

    /// Its length in bytes.
    pub fn len(&self) -> usize {
        match &self.state {
            State::Closed(text) => text.len(),
            State::Open { bytes, gap } => bytes.len() - gap.len(),
        }
    }

    pub fn starts(&self) -> &[usize] {
        &self.starts
    }

    /// The whole text: borrowed once [`Buffer::settle`]d, else a copy.
    pub fn text(&self) -> Cow<'_, str> {
        match &self.state {
            State::Closed(text) => Cow::Borrowed(text),
            State::Open { .. } => Cow::Owned(self.state.copy(0..self.len())),
        }
    }

    /// Closes the gap, so that [`Buffer::text`] borrows: the bytes after
    /// it move once.
    pub fn settle(&mut self) {
        let State::Open { bytes, gap } = &mut self.state else {
            return;
        };
        let mut bytes = std::mem::take(bytes);
        let tail = gap.end..bytes.len();
        let len = bytes.len() - gap.len();
        bytes.copy_within(tail, gap.start);
        bytes.truncate(len);
        // Every change put UTF-8 at character boundaries; the check costs
        // a pass over the bytes and is never expected to fail.
        let text = String::from_utf8(bytes)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
        self.state = State::Closed(text);
    }

    /// The text is replaced by `new`.
    pub fn set(&mut self, new: String) {
        self.starts = position::line_starts(&new);
        self.state = State::Closed(new);
    }

    /// The byte offset of an editor's position, as [`position::Lines`]
    /// reads it, with only that line read.
    pub fn offset(&self, at: Position, encoding: Encoding) -> usize {
        let line = at.line as usize;
        if line >= self.starts.len() {
            return self.len();
        }
        let start = self.starts[line];
        let end = self.starts.get(line + 1).map_or(self.len(), |&next| next);
        let text = self.state.copy(start..end);
        let lines = position::Lines::new(&text, encoding);
        start + lines.offset(Position::new(0, at.character))
    }

    /// Bytes `range` replaced by `new`: the gap moves there, then takes
    /// the old bytes in and `new` out. `range` is at character boundaries
    /// ([`Buffer::offset`] gives them).
    pub fn replace(&mut self, range: Range<usize>, new: &str) {
        let len = self.len();
        let (start, end) = (range.start.min(len), range.end.min(len).max(range.start));
        self.open_at(start, new.len());
        match &mut self.state {
            State::Open { bytes, gap } => {
                gap.end += end - start;
                bytes[gap.start..gap.start + new.len()].copy_from_slice(new.as_bytes());
                gap.start += new.len();
            }
            // `open_at` opened it; were it closed, the edit is still made.
            State::Closed(text) => text.replace_range(start..end, new),
        }
        let new_len = self.len();
        let state = &self.state;
        let scan = |from: usize, to: usize| {
            // One byte past `to`, for a `\r` whose `\n` follows.
            let region = state.copy(from..(to + 1).min(new_len));
            position::starts_in(&region, 0, to - from)
                .into_iter()
                .map(|s| s + from)
                .collect()
        };
        position::mend_starts(&mut self.starts, new_len, scan, start, end, new.len());
    }

    /// The gap at `at`, with room for `room` bytes at least.
    fn open_at(&mut self, at: usize, room: usize) {
        if let State::Closed(text) = &mut self.state {
            let bytes = std::mem::take(text).into_bytes();
            let len = bytes.len();
            self.state = State::Open {
                bytes,
                gap: len..len,
            };
        }
        let State::Open { bytes, gap } = &mut self.state else {
            return;
        };
        if gap.len() < room {
            // More room at the end of the bytes, where the gap is moved
            // to first: the tail follows it.
            let more = room.max(GAP).max(bytes.len() / 16);
            let tail = gap.end..bytes.len();
            let old_len = bytes.len();
            bytes.resize(old_len + more, 0);
            bytes.copy_within(tail, gap.end + more);
            gap.end += more;
        }
        if at < gap.start {
            let moved = gap.start - at;
            bytes.copy_within(at..gap.start, gap.end - moved);
            *gap = at..gap.end - moved;
        } else if at > gap.start {
            let moved = at - gap.start;
            bytes.copy_within(gap.end..gap.end + moved, gap.start);
            *gap = at..gap.end + moved;
        }
    }
}

impl State {
    /// Bytes `range` of the text, copied.
    fn copy(&self, range: Range<usize>) -> String {
        match self {
            State::Closed(text) => text[range].to_owned(),
            State::Open { bytes, gap } => {
                let mut out = Vec::with_capacity(range.len());
                let before = range.start.min(gap.start)..range.end.min(gap.start);
                out.extend_from_slice(&bytes[before]);
                let after = range.start.max(gap.start)..range.end.max(gap.start);
                out.extend_from_slice(&bytes[after.start + gap.len()..after.end + gap.len()]);
                String::from_utf8(out)
                    .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Any run of changes leaves the text, and its line starts, as a
        /// `String` edited in place would, whether or not the gap is
        /// closed between them; positions are read as [`position::Lines`]
        /// reads them.
        #[test]
        fn a_buffer_is_a_string_edited(
            text in "[aé\r\n]{0,60}",
            changes in proptest::collection::vec(
                (0u32..8, 0u32..12, 0u32..8, 0u32..12, "[bß\r\n]{0,70}", proptest::bool::ANY),
                0..12,
            ),
        ) {
            let mut buffer = Buffer::new(text.clone());
            let mut string = text;
            for (l1, c1, l2, c2, insert, settle) in changes {
                let lines = position::Lines::new(&string, Encoding::Utf16);
                let start = lines.offset(Position::new(l1, c1));
                let end = lines.offset(Position::new(l2, c2)).max(start);
                proptest::prop_assert_eq!(buffer.offset(Position::new(l1, c1), Encoding::Utf16), start);
                string.replace_range(start..end, &insert);
                buffer.replace(start..end, &insert);
                if settle {
                    buffer.settle();
                }
                proptest::prop_assert_eq!(buffer.text(), string.as_str());
                proptest::prop_assert_eq!(buffer.starts(), position::line_starts(&string));
            }
        }
    }

    #[test]
    fn typing_at_one_place_moves_nothing_after_it() {
        let mut buffer = Buffer::new("a\n".repeat(100_000));
        for i in 0..1000 {
            buffer.replace(2 + i..2 + i, "x");
        }
        let State::Open { bytes, gap } = &buffer.state else {
            panic!("typing opens the gap");
        };
        // One gap opened, where the typing is.
        assert_eq!(gap.start, 1002);
        assert_eq!(bytes.len() - gap.len(), 201_000);
        buffer.settle();
        assert!(matches!(buffer.text(), Cow::Borrowed(_)));
        assert_eq!(
            &buffer.text()[..1006],
            format!("a\n{}a\na\n", "x".repeat(1000))
        );
    }
}
