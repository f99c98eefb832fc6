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
use crate::model::lead::Lead;

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

/// `count` of `of` is a clear majority ([`MAJORITY`]).
pub fn majority(count: usize, of: usize) -> bool {
    count * MAJORITY.1 >= of * MAJORITY.0
}

impl Convention {
    /// `at_scale`: the list shows the at-scale shape ([`shows_at_scale`]),
    /// whose convention holds while there are too few samples to read one.
    fn read(count: usize, of: usize, setting: Presence, at_scale: bool) -> Convention {
        let holds = match setting {
            Presence::Required => true,
            Presence::None => false,
            Presence::Auto if of < MIN_SAMPLE => at_scale,
            Presence::Auto => majority(count, of),
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
    fn read(newer_first: usize, older_first: usize, setting: EntryOrder, at_scale: bool) -> Order {
        let pairs = newer_first + older_first;
        let clear = |n: usize| majority(n, pairs);
        let value = match setting {
            EntryOrder::Auto if pairs < MIN_SAMPLE && at_scale => EntryOrder::NewestFirst,
            EntryOrder::Auto if pairs < MIN_SAMPLE => EntryOrder::None,
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
    /// Never `Auto`: alphabetical, by the counts in the headings, or none.
    pub value: SectionOrder,
    /// Neighbouring company sections in alphabetical order (or equal).
    pub in_order: usize,
    /// ... and out of it.
    pub out_of_order: usize,
    /// Neighbouring company headings in the order of their counts (largest
    /// first, then alphabetical), when most headings end with one.
    pub by_count: usize,
    pub configured: bool,
}

impl Sections {
    /// `groups`: the companies' sort keys, in file order, by the group
    /// they are ordered within (the list, or each H2 that holds
    /// `<details>` companies).
    fn read(
        groups: &[Vec<String>],
        counts: &[Option<u32>],
        setting: SectionOrder,
        at_scale: bool,
    ) -> Sections {
        let pairs = |keys: &Vec<String>| keys.len().saturating_sub(1);
        let in_order: usize = groups
            .iter()
            .map(|keys| keys.windows(2).filter(|w| w[0] <= w[1]).count())
            .sum();
        let out_of_order = groups.iter().map(pairs).sum::<usize>() - in_order;
        let pairs = in_order + out_of_order;
        // Most headings end with a count: how many neighbours follow the
        // count order (largest first, ties alphabetical).
        let counted = counts.iter().filter(|c| c.is_some()).count();
        let by_count = match groups.first() {
            Some(keys) if groups.len() == 1 && majority(counted, counts.len().max(1)) => keys
                .iter()
                .zip(counts)
                .collect::<Vec<_>>()
                .windows(2)
                .filter(|w| {
                    let (a, b) = (w[0].1.unwrap_or(0), w[1].1.unwrap_or(0));
                    a > b || (a == b && w[0].0 <= w[1].0)
                })
                .count(),
            _ => 0,
        };
        let value = match setting {
            SectionOrder::Auto
                if pairs >= MIN_SAMPLE && by_count > in_order && by_count * 5 >= pairs * 4 =>
            {
                SectionOrder::ByCount
            }
            SectionOrder::Auto if pairs < MIN_SAMPLE && at_scale => SectionOrder::Alphabetical,
            SectionOrder::Auto if pairs >= MIN_SAMPLE && at_scale && majority(in_order, pairs) => {
                SectionOrder::Alphabetical
            }
            // A list of another shape shows an alphabetical order when four
            // of five neighbours follow it: topics in a teaching order put
            // two of three pairs in order by chance often enough.
            SectionOrder::Auto if pairs >= MIN_SAMPLE && in_order * 5 >= pairs * 4 => {
                SectionOrder::Alphabetical
            }
            SectionOrder::Auto => SectionOrder::None,
            chosen => chosen,
        };
        Sections {
            value,
            in_order,
            out_of_order,
            by_count,
            configured: setting != SectionOrder::Auto,
        }
    }
}

/// What stands between a heading and the block right under it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GapRule {
    /// One blank line (the at-scale shape's, and a small list's).
    Blank,
    /// None: the list writes what follows a heading right under it.
    Tight,
    /// Neither has two thirds: either is the list's, kept as written.
    Either,
}

/// The gap under headings, and the headings it rests on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Gap {
    pub rule: GapRule,
    /// Headings from the TOC on with a block right under them, by whether
    /// a blank line stands between (`blank`) or not (`tight`).
    pub blank: usize,
    pub tight: usize,
    pub configured: bool,
}

impl Gap {
    fn read(blank: usize, tight: usize, setting: Presence, at_scale: bool) -> Gap {
        let of = blank + tight;
        let rule = match setting {
            Presence::Required => GapRule::Blank,
            Presence::None => GapRule::Tight,
            Presence::Auto if of < MIN_SAMPLE && at_scale => GapRule::Blank,
            Presence::Auto if of < MIN_SAMPLE => GapRule::Either,
            Presence::Auto if majority(blank, of) => GapRule::Blank,
            Presence::Auto if majority(tight, of) => GapRule::Tight,
            Presence::Auto => GapRule::Either,
        };
        Gap {
            rule,
            blank,
            tight,
            configured: setting != Presence::Auto,
        }
    }
}

/// What the parser counts for the profile besides the entries.
#[derive(Debug, Clone, Default)]
pub struct Samples {
    /// The companies' sort keys, in file order, by the group they are
    /// ordered within: the list, or each H2 holding `<details>` companies.
    pub section_keys: Vec<Vec<String>>,
    /// The count each company heading ends with (`## Acme (12)`), in file
    /// order, when the companies are H2s.
    pub section_counts: Vec<Option<u32>>,
    /// Headings from the TOC on with a block right under them: with a
    /// blank line between, and without.
    pub blank_under_heading: usize,
    pub tight_under_heading: usize,
    /// The companies are `<details>` blocks (`Document::details`).
    pub details: bool,
    /// Neighbouring year subheadings of one company: the lower one newer,
    /// and the lower one older (how a list grouped by year is ordered).
    pub year_groups_newer_first: usize,
    pub year_groups_older_first: usize,
    /// Company sections (or inner companies), and those holding entries.
    pub companies: usize,
    pub companies_filled: usize,
}

/// What the list's entries do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Profile {
    /// Entries carry a year (at `year_place`).
    pub year: Convention,
    /// Where: never `Auto`.
    pub year_place: YearPlace,
    /// Entries with a year after the link, at the end of the title, and
    /// under a year subheading.
    pub years_after_link: usize,
    pub years_in_title: usize,
    pub years_under_heading: usize,
    /// Entries carry a tag (`:books:` or its emoji).
    pub tag: Convention,
    /// Dated entries of a list are newest first, oldest first, or neither.
    pub order: Order,
    /// Company sections are alphabetical, or in an order of the list's own.
    pub sections: Sections,
    /// What stands under a heading: a blank line, none, or either.
    pub under_heading: Gap,
    /// The companies are `<details>` blocks (`Document::details`), not H2s.
    pub details: bool,
    /// The list shows the at-scale shape (FORMAT.md section 7.2): the
    /// at-scale conventions are its defaults where it has too few samples
    /// to read its own, and it keeps a TOC.
    pub at_scale: bool,
    /// Company sections hold entries: with a majority that do, an empty
    /// one is `section-empty`; a page of companies using X, where many
    /// have no write-ups, has no such convention.
    pub filled: Convention,
    /// The conventions of the entries of other shapes (table rows, flat
    /// and nested items), read from them alone.
    pub leads: LeadConventions,
    /// The bullet the list's items use, in a list of another shape than
    /// the at-scale one (whose bullet is `-`).
    pub bullet: Bullet,
}

/// The bullet (`-`, `*`, `+`) most items of company sections are written
/// with: `entry-format` reports the others where it holds (FORMAT.md 7:
/// the list's own marker is canonical).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bullet {
    /// `None` when no bullet has a clear majority of five or more items.
    pub value: Option<char>,
    /// Items written with it, of `of` bulleted items.
    pub count: usize,
    pub of: usize,
}

impl Bullet {
    pub fn read(markers: impl Iterator<Item = char>) -> Bullet {
        let mut counts = [0usize; 3];
        for m in markers {
            if let Some(i) = ['-', '*', '+'].iter().position(|&b| b == m) {
                counts[i] += 1;
            }
        }
        let of: usize = counts.iter().sum();
        let (i, &count) = counts
            .iter()
            .enumerate()
            .max_by_key(|&(_, c)| *c)
            .unwrap_or((0, &0));
        let clear = of >= MIN_SAMPLE && majority(count, of);
        Bullet {
            value: clear.then_some(['-', '*', '+'][i]),
            count,
            of,
        }
    }
}

/// What the entries of other shapes ([`Lead`]s) do: read from them alone,
/// never from the at-scale defaults (a table of blogs keeps no years
/// unless its rows show one). An explicit `flinkscale.toml` key wins.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LeadConventions {
    /// They carry a year (a year or date cell, or one in their text):
    /// holds where any scope keeps years.
    pub year: Convention,
    /// The scopes (each table; the flat and nested items together) that
    /// keep years, of all scopes.
    pub year_scopes: (usize, usize),
    /// Dated neighbours of one group are newest first, oldest first, or
    /// neither.
    pub order: Order,
    /// Table rows stand in the letter group (`| ✨ A | |`) their company
    /// starts with.
    pub letters: Convention,
}

impl LeadConventions {
    /// Reads the conventions and marks each lead whose scope keeps years
    /// (`Lead::year_asked`): each table is a scope of its own (it has a
    /// year column or not), the flat and nested items together are one.
    /// `year` sums the scopes that keep years (or, with none, all).
    pub fn read(leads: &mut [Lead], config: &Config) -> LeadConventions {
        let scope = |l: &Lead| l.table.unwrap_or(u32::MAX);
        let mut scopes: Vec<(u32, usize, usize)> = Vec::new();
        for lead in leads.iter() {
            let s = scope(lead);
            let at = match scopes.iter().position(|(k, _, _)| *k == s) {
                Some(at) => at,
                None => {
                    scopes.push((s, 0, 0));
                    scopes.len() - 1
                }
            };
            scopes[at].1 += usize::from(lead.year.is_some());
            scopes[at].2 += 1;
        }
        let keeps = |&(_, count, of): &(u32, usize, usize)| {
            Convention::read(count, of, config.entries.year, false).holds
        };
        let kept: Vec<u32> = scopes.iter().filter(|s| keeps(s)).map(|s| s.0).collect();
        for lead in leads.iter_mut() {
            lead.year_asked = kept.contains(&scope(lead));
        }
        let summed = scopes
            .iter()
            .filter(|s| kept.is_empty() || kept.contains(&s.0));
        let (years, of) = summed.fold((0, 0), |(y, o), s| (y + s.1, o + s.2));
        let mut year = Convention::read(years, of, config.entries.year, false);
        year.holds = !kept.is_empty();
        let (mut newer_first, mut older_first) = (0, 0);
        let mut above: Option<(u32, u16)> = None;
        for lead in leads.iter() {
            let Some(year) = lead.year else { continue };
            match above {
                Some((group, y)) if group == lead.group && y > year => newer_first += 1,
                Some((group, y)) if group == lead.group && y < year => older_first += 1,
                _ => {}
            }
            above = Some((lead.group, year));
        }
        let lettered = leads.iter().filter_map(|l| l.letter);
        let (in_group, of) =
            lettered.fold((0, 0), |(n, of), (g, f)| (n + usize::from(g == f), of + 1));
        LeadConventions {
            year,
            year_scopes: (kept.len(), scopes.len()),
            order: Order::read(newer_first, older_first, config.entries.order, false),
            letters: Convention::read(in_group, of, Presence::Auto, false),
        }
    }
}

impl Default for LeadConventions {
    fn default() -> LeadConventions {
        LeadConventions {
            year: Convention::read(0, 0, Presence::Auto, false),
            year_scopes: (0, 0),
            order: Order::read(0, 0, EntryOrder::Auto, false),
            letters: Convention::read(0, 0, Presence::Auto, false),
        }
    }
}

/// The list shows the at-scale shape: an entry written
/// ``[Title](URL) - `YYYY` - :tag:`` (a year after its link and a tag).
/// A `flinkscale.toml` does not make a list at-scale by being there (the
/// one `init` writes must change nothing): its explicit keys win, aspect
/// by aspect (docs/decisions.md).
pub fn shows_at_scale(entries: &[Entry]) -> bool {
    entries.iter().any(|e| e.year.is_some() && e.tag.is_some())
}

impl Default for Profile {
    /// The at-scale shape's: years and tags required.
    fn default() -> Profile {
        let required = Convention::read(0, 0, Presence::Required, true);
        Profile {
            year: required,
            year_place: YearPlace::AfterLink,
            years_after_link: 0,
            years_in_title: 0,
            years_under_heading: 0,
            tag: required,
            order: Order::read(0, 0, EntryOrder::NewestFirst, true),
            sections: Sections::read(&[], &[], SectionOrder::Alphabetical, true),
            under_heading: Gap::read(0, 0, Presence::Required, true),
            details: false,
            at_scale: true,
            filled: required,
            leads: LeadConventions::default(),
            bullet: Bullet::read(std::iter::empty()),
        }
    }
}

/// Reads the profile off the entries that start with a link (`linked`: an
/// item that is text is `entry-format`'s, not a sample of the list's
/// habits) and what the parser counted of the rest (`samples`).
///
/// `yearless(place)`: for each entry, whether it stands in a kind group
/// that keeps no years (`parse::kinds`), read once the year's place is
/// known; such entries are left out of the year convention, and returned
/// with the profile.
pub fn read(
    entries: &[Entry],
    linked: impl Fn(&Entry) -> bool,
    samples: &Samples,
    config: &Config,
    yearless: impl FnOnce(YearPlace) -> Vec<bool>,
) -> (Profile, Vec<bool>) {
    let (mut after_link, mut in_title, mut under_heading) = (0, 0, 0);
    for e in entries.iter().filter(|e| linked(e)) {
        after_link += usize::from(e.year.is_some());
        in_title += usize::from(e.title_year.is_some());
        under_heading += usize::from(e.heading_year.is_some());
    }
    // The place most entries use; on a tie, the at-scale shape's first.
    let year_place = match config.entries.year_place {
        YearPlace::Auto if under_heading > after_link.max(in_title) => YearPlace::UnderHeading,
        YearPlace::Auto if in_title > after_link => YearPlace::InTitle,
        YearPlace::Auto => YearPlace::AfterLink,
        chosen => chosen,
    };
    let at_scale = shows_at_scale(entries);
    let exempt = yearless(year_place);
    let linked = entries.iter().enumerate().filter(|(_, e)| linked(e));
    let (mut of, mut years, mut tags) = (0, 0, 0);
    // Entries that could carry a year: not those of a kind that keeps none.
    let mut year_of = 0;
    // The last dated entry seen, by list, to compare each with the one
    // above it (entries are in file order, a list's together).
    let mut above: Option<(u32, u16)> = None;
    let (mut newer_first, mut older_first) = (0, 0);
    for (i, e) in linked {
        of += 1;
        let year = e.year_at(year_place);
        if !exempt.get(i).copied().unwrap_or(false) {
            year_of += 1;
            years += usize::from(year.is_some());
        }
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
    let profile = Profile {
        year: Convention::read(years, year_of, config.entries.year, at_scale),
        year_place,
        years_after_link: after_link,
        years_in_title: in_title,
        years_under_heading: under_heading,
        tag: Convention::read(tags, of, config.entries.tag, at_scale),
        order: match year_place {
            YearPlace::UnderHeading => Order::read(
                newer_first + samples.year_groups_newer_first,
                older_first + samples.year_groups_older_first,
                config.entries.order,
                at_scale,
            ),
            _ => Order::read(newer_first, older_first, config.entries.order, at_scale),
        },
        sections: Sections::read(
            &samples.section_keys,
            &samples.section_counts,
            config.sections.order,
            at_scale,
        ),
        under_heading: Gap::read(
            samples.blank_under_heading,
            samples.tight_under_heading,
            config.sections.blank_line_after_heading,
            at_scale,
        ),
        details: samples.details,
        at_scale,
        filled: Convention::read(
            samples.companies_filled,
            samples.companies,
            Presence::Auto,
            at_scale,
        ),
        leads: LeadConventions::default(),
        bullet: Bullet::read(std::iter::empty()),
    };
    (profile, exempt)
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

    /// Entries under year subheadings stand one to a list: the order is
    /// read from the neighbouring year headings of each company.
    #[test]
    fn year_groups_give_the_order_of_a_list_grouped_by_year() {
        let mut text = String::from("# L\n\n## By company\n\n");
        for company in ["Acme", "Bolt", "Cobalt", "Delta"] {
            text.push_str(&format!("### {company}\n\n"));
            for year in [2018, 2020, 2023] {
                text.push_str(&format!(
                    "#### {year}\n\n- [{company} {year}](https://{company}.example/{year})\n\n"
                ));
            }
        }
        let doc = Document::parse(Source::new("t", &text), &Config::default());
        assert!(doc.profile.details);
        assert_eq!(doc.profile.year_place, YearPlace::UnderHeading);
        assert_eq!(doc.profile.order.value, EntryOrder::OldestFirst);
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
        assert_eq!(p.under_heading.rule, GapRule::Tight);
        assert_eq!((p.under_heading.blank, p.under_heading.tight), (0, 6));
        let p = sections_profile(&names, "\n", "");
        assert_eq!(p.under_heading.rule, GapRule::Blank);
        // Too few headings to tell: the usual blank line.
        let p = sections_profile(&names[..3], "", "");
        assert_eq!(p.under_heading.rule, GapRule::Blank);
        let p = sections_profile(
            &names,
            "",
            "[sections]\nblank-line-after-heading = \"required\"\n",
        );
        assert_eq!(p.under_heading.rule, GapRule::Blank);
        assert!(p.under_heading.configured);
        // Half and half: either is the list's.
        let mut text = String::new();
        for (i, n) in names.iter().enumerate() {
            let gap = if i % 2 == 0 { "" } else { "\n" };
            text.push_str(&format!("## {n}\n{gap}{FULL}\n\n"));
        }
        let p = Document::parse(Source::new("t", &text), &Config::default()).profile;
        assert_eq!(p.under_heading.rule, GapRule::Either);
    }

    #[test]
    fn entries_under_year_headings_take_their_year() {
        let text = "## Acme\n\n#### 2024\n\n- [A](https://e.com/a)\n- [B](https://e.com/b)\n\n\
                    #### 2021\n\n- [C](https://e.com/c)\n\n### Videos\n\n- [D](https://e.com/d)\n\n\
                    ## Globex\n\n#### 2020\n\n- [E](https://e.com/e)\n- [F](https://e.com/f)\n";
        let doc = Document::parse(Source::new("t", text), &Config::default());
        let years: Vec<Option<u16>> = doc.entries.iter().map(|e| e.heading_year).collect();
        // `### Videos` is no year: D stands under no year heading.
        assert_eq!(
            years,
            [
                Some(2024),
                Some(2024),
                Some(2021),
                None,
                Some(2020),
                Some(2020)
            ]
        );
        let p = doc.profile;
        assert_eq!(p.year_place, YearPlace::UnderHeading);
        assert_eq!((p.year.count, p.year.of, p.years_under_heading), (5, 6, 5));
        assert!(p.year.holds);
    }
}
