//! The list's profile: its own conventions, read from its entries with no
//! configuration (FORMAT.md section 7: the majority sets the convention,
//! and only the exceptions are defects). A rule fires on an exception to
//! the profile, never on the convention itself: a list that keeps no years
//! gets no `entry-year-missing`.
//!
//! So far the profile holds whether entries carry a year and a tag, the
//! order of dated entries within a list, the order of company sections,
//! and whether a blank line follows headings; a TOC under a bold label is
//! found by the parser (`parse::sections::bold_toc_label`).
//!
//! The threshold: a convention holds when at least two thirds of the
//! entries that could follow it do ([`MAJORITY`]); with fewer, the aspect
//! is not checked. A list of fewer than [`MIN_SAMPLE`] entries (a list being
//! started) follows the at-scale shape, so its first entries are told what
//! they lack. An explicit key in `flinkscale.toml` always wins.

use crate::config::{Config, EntryOrder, Presence, SectionOrder, YearPlace};
use crate::model::entry::Entry;

/// Two thirds, as (numerator, denominator).
pub const MAJORITY: (usize, usize) = (2, 3);

/// Below this many entries, the at-scale shape's conventions hold.
pub const MIN_SAMPLE: usize = 5;

/// One aspect: whether its convention holds, and the counts it rests on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Convention {
    /// Entries are expected to follow it; those that do not are reported.
    pub holds: bool,
    /// Entries that follow it, of `of` that could.
    pub count: usize,
    pub of: usize,
    /// Set by `flinkscale.toml`, not read from the list.
    pub configured: bool,
}

impl Convention {
    fn read(count: usize, of: usize, setting: Presence) -> Convention {
        let holds = match setting {
            Presence::Required => true,
            Presence::None => false,
            Presence::Auto => of < MIN_SAMPLE || count * MAJORITY.1 >= of * MAJORITY.0,
        };
        Convention {
            holds,
            count,
            of,
            configured: setting != Presence::Auto,
        }
    }
}

/// The order of dated entries within a list: what `entry-order` checks
/// and `fmt` sorts by, and the neighbouring pairs it rests on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Order {
    /// Never `Auto`: newest first, oldest first, or none.
    pub value: EntryOrder,
    /// Neighbouring dated entries of one list, the newer one first.
    pub newer_first: usize,
    /// ... and the older one first (same years count for neither).
    pub older_first: usize,
    pub configured: bool,
}

impl Order {
    fn read(newer_first: usize, older_first: usize, setting: EntryOrder) -> Order {
        let pairs = newer_first + older_first;
        let clear = |n: usize| n * MAJORITY.1 >= pairs * MAJORITY.0;
        let value = match setting {
            EntryOrder::Auto if pairs < MIN_SAMPLE => EntryOrder::NewestFirst,
            EntryOrder::Auto if clear(newer_first) => EntryOrder::NewestFirst,
            EntryOrder::Auto if clear(older_first) => EntryOrder::OldestFirst,
            EntryOrder::Auto => EntryOrder::None,
            chosen => chosen,
        };
        Order {
            value,
            newer_first,
            older_first,
            configured: setting != EntryOrder::Auto,
        }
    }
}

/// The order of company sections: what `section-order` checks and `fmt`
/// sorts by, and the neighbouring pairs it rests on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sections {
    /// Never `Auto`: alphabetical or none.
    pub value: SectionOrder,
    /// Neighbouring company sections in alphabetical order (or equal).
    pub in_order: usize,
    /// ... and out of it.
    pub out_of_order: usize,
    pub configured: bool,
}

impl Sections {
    /// `groups`: the companies' sort keys, in file order, by the group
    /// they are ordered within (the list, or each H2 that holds
    /// `<details>` companies).
    fn read(groups: &[Vec<String>], setting: SectionOrder) -> Sections {
        let pairs = |keys: &Vec<String>| keys.len().saturating_sub(1);
        let in_order: usize = groups
            .iter()
            .map(|keys| keys.windows(2).filter(|w| w[0] <= w[1]).count())
            .sum();
        let out_of_order = groups.iter().map(pairs).sum::<usize>() - in_order;
        let pairs = in_order + out_of_order;
        let value = match setting {
            SectionOrder::Auto
                if pairs < MIN_SAMPLE || in_order * MAJORITY.1 >= pairs * MAJORITY.0 =>
            {
                SectionOrder::Alphabetical
            }
            SectionOrder::Auto => SectionOrder::None,
            chosen => chosen,
        };
        Sections {
            value,
            in_order,
            out_of_order,
            configured: setting != SectionOrder::Auto,
        }
    }
}

/// What the list's entries do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Profile {
    /// Entries carry a year (at `year_place`).
    pub year: Convention,
    /// Where: never `Auto`.
    pub year_place: YearPlace,
    /// Entries with a year after the link, and at the end of the title.
    pub years_after_link: usize,
    pub years_in_title: usize,
    /// Entries carry a tag (`:books:` or its emoji).
    pub tag: Convention,
    /// Dated entries of a list are newest first, oldest first, or neither.
    pub order: Order,
    /// Company sections are alphabetical, or in an order of the list's own.
    pub sections: Sections,
    /// A blank line follows each heading (`holds`; `count` headings of
    /// `of` have one after them).
    pub blank_after_heading: Convention,
    /// ... or the list writes what follows a heading right under it. With
    /// neither, both are the list's.
    pub tight_after_heading: bool,
    /// The companies are `<details>` blocks (`Document::details`), not H2s.
    pub details: bool,
    /// In-page links that match a slug exactly, and only ignoring case.
    pub anchors_exact: usize,
    pub anchors_folded: usize,
    /// Two thirds of the list's in-page links (five at least) write their
    /// anchors in the heading's case (`#Alibaba`): its convention, which
    /// `anchor-case` leaves alone and fmt keeps.
    pub anchors_in_heading_case: bool,
}

impl Profile {
    /// Sets the anchor counts, and the convention they make.
    pub fn read_anchors(&mut self, exact: usize, folded: usize) {
        self.anchors_exact = exact;
        self.anchors_folded = folded;
        let of = exact + folded;
        self.anchors_in_heading_case = of >= MIN_SAMPLE && folded * MAJORITY.1 >= of * MAJORITY.0;
    }
}

impl Default for Profile {
    /// The at-scale shape's: years and tags required.
    fn default() -> Profile {
        let required = Convention::read(0, 0, Presence::Required);
        Profile {
            year: required,
            year_place: YearPlace::AfterLink,
            years_after_link: 0,
            years_in_title: 0,
            tag: required,
            order: Order::read(0, 0, EntryOrder::NewestFirst),
            sections: Sections::read(&[], SectionOrder::Alphabetical),
            blank_after_heading: required,
            tight_after_heading: false,
            details: false,
            anchors_exact: 0,
            anchors_folded: 0,
            anchors_in_heading_case: false,
        }
    }
}

/// Headings of the TOC and the sections with a block right under them, by
/// whether a blank line stands between (`blank`) or not (`tight`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct HeadingGaps {
    pub blank: usize,
    pub tight: usize,
}

/// Reads the profile off the entries that start with a link (`linked`: an
/// item that is text is `entry-format`'s, not a sample of the list's
/// habits) and the company sections' sort keys, in file order.
pub fn read(
    entries: &[Entry],
    linked: impl Fn(&Entry) -> bool,
    section_keys: &[Vec<String>],
    heading_gaps: HeadingGaps,
    config: &Config,
) -> Profile {
    let (mut after_link, mut in_title) = (0, 0);
    for e in entries.iter().filter(|e| linked(e)) {
        after_link += usize::from(e.year.is_some());
        in_title += usize::from(e.title_year.is_some());
    }
    let year_place = match config.entries.year_place {
        YearPlace::Auto if in_title > after_link => YearPlace::InTitle,
        YearPlace::Auto => YearPlace::AfterLink,
        chosen => chosen,
    };
    let linked = entries.iter().filter(|e| linked(e));
    let (mut of, mut years, mut tags) = (0, 0, 0);
    // The last dated entry seen, by list, to compare each with the one
    // above it (entries are in file order, a list's together).
    let mut above: Option<(u32, u16)> = None;
    let (mut newer_first, mut older_first) = (0, 0);
    for e in linked {
        of += 1;
        let year = e.year_at(year_place);
        years += usize::from(year.is_some());
        tags += usize::from(e.tag.is_some());
        let Some(year) = year else {
            continue;
        };
        match above {
            Some((list, y)) if list == e.list && y > year => newer_first += 1,
            Some((list, y)) if list == e.list && y < year => older_first += 1,
            _ => {}
        }
        above = Some((e.list, year));
    }
    Profile {
        year: Convention::read(years, of, config.entries.year),
        year_place,
        years_after_link: after_link,
        years_in_title: in_title,
        tag: Convention::read(tags, of, config.entries.tag),
        order: Order::read(newer_first, older_first, config.entries.order),
        sections: Sections::read(section_keys, config.sections.order),
        blank_after_heading: Convention::read(
            heading_gaps.blank,
            heading_gaps.blank + heading_gaps.tight,
            config.sections.blank_line_after_heading,
        ),
        details: false,
        anchors_exact: 0,
        anchors_folded: 0,
        anchors_in_heading_case: false,
        tight_after_heading: match config.sections.blank_line_after_heading {
            Presence::None => true,
            Presence::Required => false,
            Presence::Auto => {
                let of = heading_gaps.blank + heading_gaps.tight;
                of >= MIN_SAMPLE && heading_gaps.tight * MAJORITY.1 >= of * MAJORITY.0
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Document;
    use crate::source::Source;

    fn list(entries: &[&str]) -> String {
        let mut text = String::from("## Table of Contents\n\n1. [A](#a)\n\n## A\n\n");
        for e in entries {
            text.push_str(e);
            text.push('\n');
        }
        text
    }

    fn profile(entries: &[&str], config: &str) -> Profile {
        let config = Config::parse(config, std::path::Path::new("flinkscale.toml")).unwrap();
        Document::parse(Source::new("t", &list(entries)), &config).profile
    }

    const FULL: &str = "- [P](https://e.com/p) - `2020` - :books:";
    const BARE: &str = "- [P](https://e.com/q)";

    #[test]
    fn a_clear_majority_sets_the_convention() {
        // 4 of 6 carry a year and a tag: the two others are exceptions.
        let p = profile(&[FULL, FULL, FULL, FULL, BARE, BARE], "");
        assert!(p.year.holds && p.tag.holds);
        assert_eq!((p.year.count, p.year.of), (4, 6));
        // 3 of 6: no clear majority, not checked.
        let p = profile(&[FULL, FULL, FULL, BARE, BARE, BARE], "");
        assert!(!p.year.holds && !p.tag.holds);
        // None of them: the list keeps no years or tags.
        let p = profile(&[BARE; 8], "");
        assert!(!p.year.holds && !p.tag.holds);
        assert_eq!(p.year.count, 0);
    }

    #[test]
    fn a_list_being_started_follows_the_at_scale_shape() {
        let p = profile(&[BARE, BARE, FULL], "");
        assert!(p.year.holds && p.tag.holds);
    }

    fn dated(years: &[u16]) -> Vec<String> {
        years
            .iter()
            .enumerate()
            .map(|(i, y)| format!("- [P{i}](https://e.com/{i}) - `{y}` - :books:"))
            .collect()
    }

    fn order(years: &[u16], config: &str) -> Order {
        let entries = dated(years);
        let refs: Vec<&str> = entries.iter().map(String::as_str).collect();
        profile(&refs, config).order
    }

    #[test]
    fn the_order_is_the_one_two_thirds_of_neighbours_follow() {
        let o = order(&[2020, 2019, 2019, 2018, 2021, 2017, 2016], "");
        assert_eq!(o.value, EntryOrder::NewestFirst);
        assert_eq!((o.newer_first, o.older_first), (4, 1));
        assert_eq!(
            order(&[2010, 2011, 2012, 2013, 2014, 2009], "").value,
            EntryOrder::OldestFirst
        );
        assert_eq!(
            order(&[2010, 2012, 2011, 2013, 2012, 2014, 2013], "").value,
            EntryOrder::None
        );
        // Too few pairs to tell: the at-scale shape's.
        assert_eq!(
            order(&[2010, 2011, 2012], "").value,
            EntryOrder::NewestFirst
        );
        // An explicit key wins.
        let o = order(
            &[2010, 2011, 2012, 2013, 2014, 2015],
            "[entries]\norder = \"newest-first\"\n",
        );
        assert_eq!(o.value, EntryOrder::NewestFirst);
        assert!(o.configured);
    }

    #[test]
    fn an_explicit_key_wins() {
        let p = profile(&[BARE; 8], "[entries]\nyear = \"required\"\n");
        assert!(p.year.holds && p.year.configured);
        assert!(!p.tag.holds && !p.tag.configured);
        let p = profile(&[FULL; 8], "[entries]\ntag = \"none\"\n");
        assert!(p.year.holds && !p.tag.holds);
    }

    fn sections_profile(names: &[&str], gap: &str, config: &str) -> Profile {
        let config = Config::parse(config, std::path::Path::new("flinkscale.toml")).unwrap();
        let mut text = String::new();
        for n in names {
            text.push_str(&format!("## {n}\n{gap}{FULL}\n\n"));
        }
        Document::parse(Source::new("t", &text), &config).profile
    }

    #[test]
    fn sections_are_alphabetical_when_two_thirds_of_neighbours_are() {
        let abc = ["A", "B", "C", "D", "F", "E", "G"];
        let p = sections_profile(&abc, "\n", "");
        assert_eq!(p.sections.value, SectionOrder::Alphabetical);
        assert_eq!((p.sections.in_order, p.sections.out_of_order), (5, 1));
        // A curated order of topics: not checked.
        let topics = [
            "Data", "Search", "Audio", "Vision", "Graph", "Ethics", "Infra",
        ];
        let p = sections_profile(&topics, "\n", "");
        assert_eq!(p.sections.value, SectionOrder::None);
        // The key wins.
        let p = sections_profile(&topics, "\n", "[sections]\norder = \"alphabetical\"\n");
        assert_eq!(p.sections.value, SectionOrder::Alphabetical);
        assert!(p.sections.configured);
    }

    #[test]
    fn a_list_that_writes_entries_right_under_headings_keeps_doing_so() {
        let names = ["A", "B", "C", "D", "E", "F"];
        let p = sections_profile(&names, "", "");
        assert!(!p.blank_after_heading.holds && p.tight_after_heading);
        assert_eq!(
            (p.blank_after_heading.count, p.blank_after_heading.of),
            (0, 6)
        );
        let p = sections_profile(&names, "\n", "");
        assert!(p.blank_after_heading.holds && !p.tight_after_heading);
        // Too few headings to tell: the usual blank line.
        let p = sections_profile(&names[..3], "", "");
        assert!(p.blank_after_heading.holds);
        let p = sections_profile(
            &names,
            "",
            "[sections]\nblank-line-after-heading = \"required\"\n",
        );
        assert!(p.blank_after_heading.holds && !p.tight_after_heading);
    }

    #[test]
    fn anchors_written_in_the_headings_case_are_the_lists_when_two_thirds_are() {
        let names = ["Acme", "Bolt", "Cargo", "Delta", "Echo", "Fjord"];
        let doc = |anchor: &dyn Fn(&str) -> String| {
            let mut text = String::from("**Companies**\n\n");
            for n in names {
                text.push_str(&format!("1. [{n}](#{})\n", anchor(n)));
            }
            for n in names {
                text.push_str(&format!("\n## {n}\n\n{FULL}\n"));
            }
            Document::parse(Source::new("t", &text), &Config::default()).profile
        };
        let p = doc(&|n| n.to_owned());
        assert!(p.anchors_in_heading_case);
        assert_eq!((p.anchors_exact, p.anchors_folded), (0, 6));
        let p = doc(&|n| n.to_lowercase());
        assert!(!p.anchors_in_heading_case);
        // Half and half: the exceptions are anchor-case's.
        let p = doc(&|n| {
            if n < "D" {
                n.to_owned()
            } else {
                n.to_lowercase()
            }
        });
        assert!(!p.anchors_in_heading_case);
    }
}
