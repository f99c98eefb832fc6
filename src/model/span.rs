//! A byte range of the source in 8 bytes.
//!
//! The model holds several ranges for each of a list's entries; as `u32`
//! offsets they take half the room of `Range<usize>`, which is what lets
//! `fmt` keep a 100,000-entry list within its memory budget (README,
//! "Performance"). `fsio::decode` refuses files of 4 GiB or more, so every
//! offset fits; one that did not would saturate rather than wrap.

use std::ops::Range;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    start: u32,
    end: u32,
}

/// `offset` as a `u32`, saturating (files over 4 GiB are refused on read).
fn narrow(offset: usize) -> u32 {
    u32::try_from(offset).unwrap_or(u32::MAX)
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        Span {
            start: narrow(start),
            end: narrow(end),
        }
    }

    pub fn start(self) -> usize {
        self.start as usize
    }

    pub fn end(self) -> usize {
        self.end as usize
    }

    /// The span as a range, for slicing.
    pub fn range(self) -> Range<usize> {
        self.start()..self.end()
    }

    pub fn len(self) -> usize {
        self.end().saturating_sub(self.start())
    }

    pub fn is_empty(self) -> bool {
        self.len() == 0
    }
}

impl From<Range<usize>> for Span {
    fn from(range: Range<usize>) -> Span {
        Span::new(range.start, range.end)
    }
}

impl From<Span> for Range<usize> {
    fn from(span: Span) -> Range<usize> {
        span.range()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_saturates() {
        assert_eq!(Span::from(3..9).range(), 3..9);
        assert_eq!(Span::from(3..9).len(), 6);
        assert!(Span::from(4..4).is_empty());
        assert_eq!(Span::new(1, usize::MAX).end(), u32::MAX as usize);
    }
}
