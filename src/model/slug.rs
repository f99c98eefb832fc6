//! GitHub's heading anchors (FORMAT.md section 2).
//!
//! GitHub lowercases the rendered heading text, drops every character that
//! is not a letter, mark, number, connector punctuation (`_`), space or `-`,
//! and turns each space into `-`. A repeated slug gets `-1`, `-2`, ... in
//! document order, exactly like the `github-slugger` package.

use std::collections::HashMap;
use std::sync::OnceLock;

use regex::Regex;

#[allow(
    clippy::expect_used,
    reason = "a constant pattern, not input; compiled by every test that slugs"
)]
fn dropped() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"[^\p{L}\p{M}\p{N}\p{Pc} \-]").expect("static regex"))
}

/// The slug of one heading's rendered text, without de-duplication.
pub fn slug(text: &str) -> String {
    let lower = text.trim().to_lowercase();
    dropped().replace_all(&lower, "").replace(' ', "-")
}

/// Hands out unique slugs in document order, as GitHub does.
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
    }

    #[test]
    fn emoji_vanish_and_text_is_trimmed() {
        assert_eq!(slug("Rocket 🚀 Team"), "rocket--team");
        assert_eq!(slug("Deloitte "), "deloitte");
        assert_eq!(slug("  Yelp"), "yelp");
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
