//! Whitespace found byte by byte.
//!
//! Every entry's title and URL is asked whether it holds whitespace, and
//! nearly none does. Decoding each character to ask `char::is_whitespace`
//! cost more than the parse of the entry; these answer from the bytes: ASCII
//! in passes with no branch per byte (the compiler makes them wide), and
//! outside ASCII only where memchr finds a byte such whitespace starts with.
//! Unicode's whitespace (`White_Space`, a stable set) outside ASCII is
//! U+0085 and U+00A0 (`C2 85`, `C2 A0`), U+1680 (`E1 9A 80`),
//! U+2000-U+200A (`E2 80 80`-`E2 80 8A`), U+2028, U+2029, U+202F (`E2 80
//! A8`, `A9`, `AF`), U+205F (`E2 81 9F`) and U+3000 (`E3 80 80`).

/// ASCII whitespace other than the space: tab, line feed, vertical tab,
/// form feed, carriage return.
fn other_ascii_space(b: u8) -> bool {
    b.wrapping_sub(0x09) < 5
}

/// Whether the bytes at `i` start whitespace outside ASCII.
fn unicode_space_at(bytes: &[u8], i: usize) -> bool {
    let next = |k: usize| bytes.get(i + k).copied().unwrap_or(0);
    match (bytes[i], next(1), next(2)) {
        (0xC2, 0x85 | 0xA0, _) => true,
        (0xE1, 0x9A, 0x80) | (0xE3, 0x80, 0x80) | (0xE2, 0x81, 0x9F) => true,
        (0xE2, 0x80, c) => matches!(c, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF),
        _ => false,
    }
}

/// Whether `bytes` hold whitespace outside ASCII: its possible first
/// bytes found with memchr, each looked at.
fn has_unicode_space(bytes: &[u8]) -> bool {
    if bytes.is_ascii() {
        return false;
    }
    let at = |i: usize| unicode_space_at(bytes, i);
    memchr::memchr3_iter(0xC2, 0xE1, 0xE2, bytes).any(at)
        || memchr::memchr_iter(0xE3, bytes).any(at)
}

/// Whether `text` holds a whitespace character: `text.contains(char::is_whitespace)`.
pub fn has_whitespace(text: &str) -> bool {
    let bytes = text.as_bytes();
    let ascii = bytes.iter().fold(0u8, |found, &b| {
        found | u8::from((b == b' ') | other_ascii_space(b))
    });
    ascii != 0 || has_unicode_space(bytes)
}

/// Whether `text` is trimmed and its only whitespace is single spaces
/// between other characters: what [`crate::diagnostic::whitespace_edits`]
/// and [`crate::model::collapse_whitespace`] leave as it is.
pub fn is_folded(text: &str) -> bool {
    let bytes = text.as_bytes();
    let ends = bytes.first() == Some(&b' ') || bytes.last() == Some(&b' ');
    let other = bytes
        .iter()
        .fold(0u8, |found, &b| found | u8::from(other_ascii_space(b)))
        != 0;
    let doubled = bytes
        .iter()
        .zip(bytes.get(1..).unwrap_or_default())
        .fold(0u8, |found, (&a, &b)| {
            found | u8::from((a == b' ') & (b == b' '))
        })
        != 0;
    !(ends || other || doubled || has_unicode_space(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::space_edits;

    proptest::proptest! {
        /// The byte answers are the character answers, for every kind of
        /// space and for the non-space characters that share their first
        /// bytes (`’`, `—`, U+200B ZERO WIDTH SPACE, U+2027, U+3001, ...).
        #[test]
        fn bytes_answer_as_characters_do(
            text in "(a| |  |\\t|\\n|\\r|\\u{0B}|\\u{0C}|\\u{85}|\\u{a0}|\\u{1680}|\\u{2002}|\\u{2028}|\\u{202f}|\\u{205f}|\\u{3000}|\\u{2000}|\\u{200a}|\\u{200b}|\\u{2027}|\\u{2029}|\\u{202e}|\\u{205e}|\\u{1681}|\\u{3001}|\\u{a1}|’|—|é|ァ|\\u{1000}|😀){0,12}"
        ) {
            proptest::prop_assert_eq!(has_whitespace(&text), text.contains(char::is_whitespace));
            proptest::prop_assert_eq!(
                is_folded(&text),
                space_edits(&text, 0, char::is_whitespace).is_empty()
            );
        }
    }

    #[test]
    fn folded_text_has_single_inner_spaces() {
        assert!(is_folded(""));
        assert!(is_folded("a b’c — d"));
        assert!(!is_folded(" a"));
        assert!(!is_folded("a "));
        assert!(!is_folded("a  b"));
        assert!(!is_folded("a\u{a0}b"));
        assert!(!is_folded("a\tb"));
    }
}
