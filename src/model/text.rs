//! Text the model keeps without copying it when it can.
//!
//! Most of what pulldown-cmark hands back (a link's destination, a title's
//! text) is a slice of the file as written. The model keeps such text as a
//! byte range into [`crate::source::Source::text`] and owns a copy only when
//! it differs from the source (escapes, entities, markup inside a title).
//! On a 100,000-entry list that is the difference between one allocation per
//! entry and a handful per file.

use super::span::Span;

/// 16 bytes: a [`Span`] of the source, or a copy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Text {
    /// `source.text[span]`.
    Source(Span),
    Owned(Box<str>),
}

impl Default for Text {
    fn default() -> Self {
        Text::Source(Span::default())
    }
}

impl Text {
    /// The text, given the source text it may point into.
    pub fn get<'a>(&'a self, source: &'a str) -> &'a str {
        match self {
            Text::Source(span) => source.get(span.range()).unwrap_or_default(),
            Text::Owned(text) => text,
        }
    }

    /// `piece` as a range of `source` when it is a slice of it, else a copy.
    pub fn of(source: &str, piece: &str) -> Text {
        match range_in(source, piece) {
            Some(span) => Text::Source(span),
            None => Text::Owned(piece.into()),
        }
    }

    /// Appends `piece`: a slice of `source` that continues the range extends
    /// it; anything else turns the text into an owned copy.
    pub fn push(&mut self, source: &str, piece: &str) {
        if piece.is_empty() {
            return;
        }
        if let Text::Source(span) = self {
            if span.is_empty() {
                *self = Text::of(source, piece);
                return;
            }
            if let Some(next) = range_in(source, piece) {
                if next.start() == span.end() {
                    *span = Span::new(span.start(), next.end());
                    return;
                }
            }
        }
        let before = self.get(source);
        let mut owned = String::with_capacity(before.len() + piece.len());
        owned.push_str(before);
        owned.push_str(piece);
        *self = Text::Owned(owned.into_boxed_str());
    }
}

/// Where `piece` lies in `source`, if it is a slice of it (within 4 GiB).
fn range_in(source: &str, piece: &str) -> Option<Span> {
    let start = (piece.as_ptr() as usize).checked_sub(source.as_ptr() as usize)?;
    let end = start.checked_add(piece.len())?;
    if end > source.len() || !source.is_char_boundary(start) || !source.is_char_boundary(end) {
        return None;
    }
    // A span holds offsets below 4 GiB; past that the text is copied.
    u32::try_from(end).ok().map(|_| Span::new(start, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slices_stay_ranges_and_others_are_copied() {
        let source = "abc def";
        assert_eq!(
            Text::of(source, &source[4..]),
            Text::Source(Span::from(4..7))
        );
        let copy = String::from("def");
        assert_eq!(Text::of(source, &copy), Text::Owned("def".into()));
        assert_eq!(Text::of(source, &copy).get(source), "def");
    }

    #[test]
    fn adjacent_slices_extend_and_gaps_copy() {
        let source = "[a] b c";
        let mut t = Text::default();
        t.push(source, &source[0..1]);
        t.push(source, &source[1..3]);
        assert_eq!(t, Text::Source(Span::from(0..3)));
        t.push(source, &source[4..5]);
        assert_eq!(t.get(source), "[a]b");
        assert!(matches!(t, Text::Owned(_)));
        t.push(source, " x");
        assert_eq!(t.get(source), "[a]b x");
    }
}
