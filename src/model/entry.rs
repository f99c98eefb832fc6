//! One entry: `- [Title](URL) - `YYYY` - :tag:`, as the model reads it.
//!
//! Every list item of a company section becomes an [`Entry`], understood or
//! not (read by `model::parse::entries`). The entry keeps where its parts are and
//! a few facts about how they were written ([`Layout`]); whether that is the
//! canonical form is `entry-format`'s judgement (`rules/entry/entry_format.rs`).

use super::span::Span;
use crate::config::Config;

#[derive(Debug, Clone)]
pub struct Entry {
    /// Index into `Document::sections` (`u32`, as every index the model
    /// keeps per entry: see [`crate::model::Span`]).
    pub section: u32,
    /// The list the entry is in: the index of its first block. Lists that
    /// touch (a `*` list right below a `-` list) count as one list.
    pub list: u32,
    /// Where its list item is: `blocks[block]`'s item `index`; read it
    /// with [`crate::model::Document::item`].
    pub block: u32,
    pub index: u32,
    pub url: Option<Url>,
    pub year: Option<Year>,
    pub tag: Option<Tag>,
    /// A year that ends the link's text (`[Title, 2019]`, `[Title - 2019]`,
    /// `[Title (2019)]`): the year where some lists keep it
    /// (`Profile::year_place`).
    pub title_year: Option<u16>,
    /// The year of the subheading the entry stands under (`#### 2024`),
    /// which lists grouped by year leave out of their entries.
    pub heading_year: Option<u16>,
    /// How the parts after the link were written.
    pub layout: Layout,
    /// Text after the link that is neither a separator, a year nor a tag
    /// (see [`Entry::junk`]; nearly always none, so it costs one pointer).
    #[allow(clippy::box_collection)] // One word, not three: nearly always `None`.
    pub(super) junk: Option<Box<Vec<Span>>>,
}

impl Entry {
    /// The entry's year where the list keeps it (`Profile::year_place`).
    pub fn year_at(&self, place: crate::config::YearPlace) -> Option<u16> {
        match place {
            crate::config::YearPlace::InTitle => self.title_year,
            crate::config::YearPlace::UnderHeading => self.heading_year,
            _ => self.year.as_ref().map(|y| y.value),
        }
    }
}

/// An entry's URL: the destination of its item's link, written inline
/// (read it with [`crate::model::Document::url`]).
#[derive(Debug, Clone)]
pub struct Url {
    /// Everything between `(` and `)`, as written (may have spaces).
    pub range: Span,
}

#[derive(Debug, Clone)]
pub struct Year {
    pub range: Span,
    pub value: u16,
}

#[derive(Debug, Clone)]
pub struct Tag {
    /// As written (`:books:` or `📚`): see [`Tag::written`].
    pub range: Span,
    /// The configured tag this is, if any: read its name with
    /// [`crate::model::Document::tag_name`].
    pub name: Option<TagId>,
    /// Written as a literal emoji rather than a shortcode.
    pub emoji: bool,
}

/// Facts about how the parts after an entry's link were written that its
/// ranges do not tell: one byte.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Layout(u8);

impl Layout {
    const MORE_PARTS: u8 = 1;
    const YEAR_BARE: u8 = 2;
    const YEAR_SPACED: u8 = 4;
    const EN_DASH: u8 = 8;
    const EM_DASH: u8 = 16;
    const SPACES_IN_URL: u8 = 32;

    pub(super) fn new(
        more_parts: bool,
        year: Option<(bool, bool)>,
        first_dash: Option<char>,
        spaces_in_url: bool,
    ) -> Layout {
        let mut bits = 0;
        if spaces_in_url {
            bits |= Self::SPACES_IN_URL;
        }
        if more_parts {
            bits |= Self::MORE_PARTS;
        }
        match year {
            Some((false, true)) => bits |= Self::YEAR_BARE,
            Some((true, false)) => bits |= Self::YEAR_SPACED,
            _ => {}
        }
        match first_dash {
            Some('–') => bits |= Self::EN_DASH,
            Some('—') => bits |= Self::EM_DASH,
            _ => {}
        }
        Layout(bits)
    }

    /// The link's destination holds whitespace inside it (a link title, or
    /// spaces in the URL), not only around it.
    pub fn spaces_in_url(self) -> bool {
        self.0 & Self::SPACES_IN_URL != 0
    }

    /// More than one year or more than one tag after the link.
    pub fn more_parts(self) -> bool {
        self.0 & Self::MORE_PARTS != 0
    }

    /// The year is written without backticks (`- 2021 -`).
    pub fn year_bare(self) -> bool {
        self.0 & Self::YEAR_BARE != 0
    }

    /// The year's backticks hold spaces too (`` ` 2021 ` ``).
    pub fn year_spaced(self) -> bool {
        self.0 & Self::YEAR_SPACED != 0
    }

    /// The first separator that is not `-`, if any (`–` or `—`).
    pub fn other_dash(self) -> Option<char> {
        if self.0 & Self::EN_DASH != 0 {
            Some('–')
        } else if self.0 & Self::EM_DASH != 0 {
            Some('—')
        } else {
            None
        }
    }
}

/// A configured tag, as an index into [`TagNames`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TagId(u32);

impl Tag {
    /// The tag as written: `:books:` or `📚`.
    pub fn written<'a>(&self, source: &'a str) -> &'a str {
        source.get(self.range.range()).unwrap_or_default()
    }
}

impl Entry {
    /// Text after the link that is neither a separator, a year nor a tag.
    pub fn junk(&self) -> &[Span] {
        self.junk.as_deref().map_or(&[], Vec::as_slice)
    }
}

/// The configured tag names; an entry's tag refers to one by [`TagId`].
#[derive(Debug, Clone, Default)]
pub struct TagNames(Vec<Box<str>>);

impl TagNames {
    pub fn new(config: &Config) -> Self {
        TagNames(config.tags.keys().map(|k| k.as_str().into()).collect())
    }

    pub fn id(&self, name: &str) -> Option<TagId> {
        let i = self.0.iter().position(|n| &**n == name)?;
        Some(TagId(u32::try_from(i).ok()?))
    }

    /// Every configured name.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|n| &**n)
    }

    /// The name of a tag.
    pub fn name(&self, id: TagId) -> &str {
        self.0.get(id.0 as usize).map_or("", |n| n)
    }

    /// The configured tag `written` (`:boks:`) is a typo of: the one
    /// closest name, when no other is as close and it is close enough (an
    /// edit for every three letters, and one more).
    pub fn typo_of(&self, written: &str) -> Option<&str> {
        let name = written.trim_matches(':');
        let mut close: Vec<(usize, &str)> = self
            .iter()
            .map(|k| (strsim::levenshtein(name, k), k))
            .filter(|(d, k)| *d <= k.len() / 3 + 1)
            .collect();
        close.sort_unstable();
        match close.as_slice() {
            [(d, k), rest @ ..] if rest.first().is_none_or(|(d2, _)| d2 > d) => Some(k),
            _ => None,
        }
    }
}

/// The year that ends a link's text, as some lists write it: `, 2019`,
/// ` - 2019`, ` – 2019`, ` (2019)`, or `(2019)` alone after a space. Four
/// digits from 1000 to 2999, after a separator, so a name such as
/// `Windows 2000` is not a date (no separator) while `Launch, 2000` is.
pub fn title_year(title: &str) -> Option<u16> {
    let t = title.trim_end();
    let (t, paren) = match t.strip_suffix(')') {
        Some(rest) => (rest, true),
        None => (t, false),
    };
    let digits = t.get(t.len().checked_sub(4)?..)?;
    if !digits.bytes().all(|b| b.is_ascii_digit()) || !matches!(digits.as_bytes()[0], b'1' | b'2') {
        return None;
    }
    let before = &t[..t.len() - 4];
    let separated = if paren {
        before.strip_suffix('(').is_some_and(|b| b.ends_with(' '))
    } else {
        [", ", " - ", " – ", " — ", ": "]
            .iter()
            .any(|s| before.ends_with(s))
            || before.ends_with(',')
    };
    // Text before the year: a title that is only a year is no title.
    let titled = before
        .trim_end_matches([' ', ',', '-', '–', '—', ':', '('])
        .chars()
        .any(char::is_alphanumeric);
    (separated && titled).then(|| digits.parse().ok()).flatten()
}

/// The year a heading is, when it is nothing else (`2024`): the year of
/// the entries under it, in a list grouped by year.
pub fn year_heading(text: &str) -> Option<u16> {
    let t = text.trim();
    let year = (t.len() == 4 && t.bytes().all(|b| b.is_ascii_digit()))
        .then(|| t.parse::<u16>().ok())
        .flatten()?;
    (1000..3000).contains(&year).then_some(year)
}

#[cfg(test)]
mod title_year_tests {
    use super::title_year;

    #[test]
    fn a_year_that_ends_the_title_after_a_separator() {
        for (title, year) in [
            ("How we scaled, 2019", Some(2019)),
            ("How we scaled,2019", Some(2019)),
            ("How we scaled - 2021", Some(2021)),
            ("How we scaled (2018)", Some(2018)),
            ("How we scaled (2018) ", Some(2018)),
            ("Windows 2000", None),
            ("Top 1000", None),
            (", 2019", None),
            ("Scaling, 3019", None),
            ("Scaling(2019)", None),
            ("Scaling, 12019", None),
        ] {
            assert_eq!(title_year(title), year, "{title:?}");
        }
    }

    #[test]
    fn a_heading_that_is_only_a_year() {
        use super::year_heading;
        assert_eq!(year_heading("2024"), Some(2024));
        assert_eq!(year_heading(" 1999 "), Some(1999));
        for text in ["Videos", "2024 talks", "Top 1000", "0999", "12345"] {
            assert_eq!(year_heading(text), None, "{text:?}");
        }
    }
}
