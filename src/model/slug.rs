//! GitHub's heading anchors (docs/format.md section 2), exactly as the
//! `github-slugger` package computes them.
//!
//! The heading's rendered text (as GitHub renders it: see
//! [`crate::model::Heading::rendered`]) is lowercased, every character that
//! the package's own pattern deletes is deleted ([`super::slug_table`],
//! generated from the package by `scripts/gen-slug-table.mjs`), and each
//! ASCII space becomes `-`; runs are not collapsed and nothing is trimmed.
//! A repeated slug gets `-1`, `-2`, ... in document order.

use std::collections::HashMap;

use super::slug_table::DELETED;

/// GitHub's slugger deletes this (lowercased) character.
fn deleted(c: char) -> bool {
    let c = u32::from(c);
    let i = DELETED.partition_point(|&(_, last)| last < c);
    DELETED.get(i).is_some_and(|&(first, _)| first <= c)
}

/// The slug of one heading's rendered text, without de-duplication.
pub fn slug(text: &str) -> String {
    text.to_lowercase()
        .chars()
        .filter(|&c| !deleted(c))
        .map(|c| if c == ' ' { '-' } else { c })
        .collect()
}

/// Hands out unique slugs in document order, as GitHub does.
/// `slug` (the slug of `text`, or of what `text` becomes once `fmt` has
/// tidied its whitespace) with the letters in `text`'s own case
/// (`Alibaba` for `## Alibaba`): the anchor a list writes when its
/// convention is the heading's case (`SlugIndex::anchors_in_heading_case`).
/// Each letter of `slug` is matched in turn with the next letter of `text`
/// that lowercases to it; where none does, the slug's own is kept, so the
/// result always lowercases to `slug`, and `text`'s whitespace and control
/// characters, which the slug drops, change nothing.
pub fn in_case_of(slug: &str, text: &str) -> String {
    let mut letters = text
        .chars()
        .filter(|&c| c != ' ' && !c.to_lowercase().all(deleted))
        .peekable();
    slug.chars()
        .map(|s| {
            let mut lower = letters.peek().map(|c| c.to_lowercase());
            let same = lower
                .as_mut()
                .is_some_and(|l| l.next() == Some(s) && l.next().is_none());
            match letters.peek() {
                Some(&c) if same => {
                    letters.next();
                    c
                }
                _ => s,
            }
        })
        .collect()
}

#[derive(Debug, Default)]
pub struct Slugger {
    occurrences: HashMap<String, usize>,
}

impl Slugger {
    pub fn unique(&mut self, text: &str) -> String {
        let base = slug(text);
        let mut result = base.clone();
        while self.occurrences.contains_key(&result) {
            let count = self.occurrences.entry(base.clone()).or_insert(0);
            *count += 1;
            result = format!("{base}-{count}");
        }
        self.occurrences.insert(result.clone(), 0);
        result
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn punctuation_is_dropped() {
        assert_eq!(slug("E.ON"), "eon");
        assert_eq!(slug("Booking.com"), "bookingcom");
        assert_eq!(slug("Mercedes-Benz"), "mercedes-benz");
        assert_eq!(slug("Daimler Truck"), "daimler-truck");
        assert_eq!(slug("C++ & Rust (2024)!"), "c--rust-2024");
    }

    #[test]
    fn letters_and_marks_beyond_ascii_are_kept() {
        assert_eq!(slug("Société Générale"), "société-générale");
        // A combining acute accent (a mark) survives.
        assert_eq!(slug("Cafe\u{301}"), "cafe\u{301}");
        assert_eq!(slug("snake_case"), "snake_case");
        // Circled letters are symbols GitHub keeps; other numbers it drops.
        assert_eq!(slug("Ⓐ circled"), "ⓐ-circled");
        assert_eq!(slug("x² y₂ ½"), "x-y-");
    }

    #[test]
    fn spaces_are_neither_collapsed_nor_trimmed() {
        assert_eq!(slug("Foo  Bar"), "foo--bar");
        assert_eq!(slug(" a "), "-a-");
        assert_eq!(slug("Rocket 🚀 Team"), "rocket--team");
        // Other whitespace is deleted, not turned into `-`.
        assert_eq!(slug("a\u{a0}b\tc\u{2028}d\u{3000}e"), "abcde");
    }

    #[test]
    fn a_slug_in_the_heading_s_case_lowercases_to_the_slug() {
        assert_eq!(in_case_of("alibaba", "Alibaba"), "Alibaba");
        assert_eq!(in_case_of("eon-group", "E.ON Group"), "EON-Group");
        assert_eq!(
            in_case_of("other-companies-1", "Other companies"),
            "Other-companies-1"
        );
        // Whitespace fmt tidies and control characters change nothing.
        assert_eq!(in_case_of("inxx-ite", "In\u{1}xx\tite"), "Inxx-ite");
        assert_eq!(in_case_of("café", "Café"), "Café");
        for (slug, text) in [("istanbul", "İstanbul"), ("a-b", "X Y")] {
            assert_eq!(in_case_of(slug, text).to_lowercase(), slug);
        }
    }

    #[test]
    fn duplicates_get_counters() {
        let mut s = Slugger::default();
        assert_eq!(s.unique("Uber"), "uber");
        assert_eq!(s.unique("Uber"), "uber-1");
        assert_eq!(s.unique("uber"), "uber-2");
        assert_eq!(s.unique("Uber 1"), "uber-1-1");
        assert_eq!(s.unique("Lyft"), "lyft");
    }
}
