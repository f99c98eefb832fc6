//! What makes two entries the same entry, however they are written: the
//! one definition every writer's safety net and `add`'s duplicate check
//! compare by.

use std::borrow::Cow;

use super::document::Document;
use super::entry::Entry;
use super::normalise::repaired;

/// What an entry *is*, independent of how it is written:
/// (section, title, URL, year, tag), each as `fmt` writes it (mojibake
/// repaired, whitespace collapsed).
pub type EntryKey = (String, String, String, Option<u16>, String);

/// An entry's key but its section, borrowed from the text when nothing
/// needs repairing (nearly always): see [`Document::key_parts`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyParts<'d> {
    pub title: Cow<'d, str>,
    pub url: Cow<'d, str>,
    pub tag: Cow<'d, str>,
    pub year: Option<u16>,
}

impl Document {
    /// The key of one entry (see [`EntryKey`]).
    pub fn entry_key(&self, e: &Entry) -> EntryKey {
        let KeyParts {
            title,
            url,
            tag,
            year,
        } = self.key_parts(e);
        (
            self.section_name(e.section as usize),
            title.into_owned(),
            url.into_owned(),
            year,
            tag.into_owned(),
        )
    }

    /// Every entry's key, sorted: the multiset a writer must preserve.
    pub fn entry_keys(&self) -> Vec<EntryKey> {
        let mut keys: Vec<EntryKey> = self.entries.iter().map(|e| self.entry_key(e)).collect();
        keys.sort();
        keys
    }

    /// A section's name as an entry's key holds it: its heading as `fmt`
    /// writes it.
    pub fn section_name(&self, s: usize) -> String {
        self.sections
            .get(s)
            .map_or_else(String::new, |s| repaired(&self.heading(s).text))
    }

    /// An entry's title, URL, tag and year as its key holds them. A tag
    /// that is a typo of a configured one (`:boks:`) is that tag
    /// (`entry-tag-unknown` repairs it); an in-page URL (`#acme`) is `#`
    /// whatever fragment it names (the anchor rules repair the fragment);
    /// an item that is no link is its whole text.
    pub fn key_parts<'d>(&'d self, e: &'d Entry) -> KeyParts<'d> {
        let text = self.text();
        let (Some(title), Some(url)) = (self.title(e), self.url(e)) else {
            return KeyParts {
                title: repaired_cow(&text[self.item(e).range.range()]),
                url: Cow::Borrowed(""),
                tag: Cow::Borrowed(""),
                year: None,
            };
        };
        let tag = match &e.tag {
            Some(tag) => match self.tag_name(tag) {
                Some(name) => Cow::Borrowed(name),
                None => match self
                    .tag_names
                    .typo_of(tag.written(text))
                    .filter(|_| !tag.emoji)
                {
                    Some(name) => Cow::Borrowed(name),
                    None => repaired_cow(tag.written(text)),
                },
            },
            None => Cow::Borrowed(""),
        };
        KeyParts {
            title: repaired_cow(&text[title]),
            url: key_url(url),
            tag,
            year: e.year.as_ref().map(|y| y.value),
        }
    }
}

/// A URL as an entry's key holds it (see [`Document::key_parts`]).
pub fn key_url(url: &str) -> Cow<'_, str> {
    if url.starts_with('#') {
        Cow::Borrowed("#")
    } else {
        repaired_cow(url)
    }
}

/// [`repaired`], borrowing when there is nothing to repair (ASCII with
/// single spaces), as for nearly every title and URL.
pub fn repaired_cow(text: &str) -> Cow<'_, str> {
    // A title with typographic quotes or dashes holds no mojibake either,
    // mostly: asked, not repaired into a copy.
    if crate::spaces::is_folded(text) && (text.is_ascii() || super::mojibake::find(text).is_empty())
    {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(repaired(text))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Borrowing is only ever a shortcut: the text is what repairing
        /// it gives, mangled, spaced or typographic.
        #[test]
        fn repaired_cow_is_repaired(text in "(a| |  |\\t|’|—|é|Ã©|â€™|¬Æ|\\u{a0}){0,12}") {
            let (fast, slow) = (repaired_cow(&text), repaired(&text));
            proptest::prop_assert_eq!(fast.as_ref(), slow.as_str());
        }
    }
}
