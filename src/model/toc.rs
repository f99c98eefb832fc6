//! Which section each TOC item names, and how well: computed once, read by
//! the `toc-*` and `anchor-*` rules and by the printer.

use std::collections::{HashMap, HashSet};

use super::document::Document;
use super::normalise::repaired;

/// How one TOC item relates to the sections.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemMatch {
    /// The fragment is the section's slug.
    Exact(usize),
    /// The fragment is the section's slug but for letter case (`anchor-case`).
    Case(usize),
    /// Only the text names the section; the fragment is broken or missing.
    TextOnly(usize),
    /// Names a section that an earlier item already names.
    Duplicate(usize),
    /// Names a heading that is not a company section (a skipped section).
    NonSection,
    /// Names nothing (`toc-entry-extra`).
    Extra,
    /// Content in the wrong place, not a TOC item: it starts with a link
    /// out of the page (an entry), or it names no section and holds more
    /// than one in-page link (text, a second link). Reported by
    /// `toc-entry-extra`, never dropped: `fmt` keeps it as written.
    Misplaced,
}

impl ItemMatch {
    /// The section this item stands for in the TOC, if any.
    pub fn section(self) -> Option<usize> {
        match self {
            ItemMatch::Exact(s) | ItemMatch::Case(s) | ItemMatch::TextOnly(s) => Some(s),
            _ => None,
        }
    }
}

/// A TOC item's text says what its heading says: the same, or the same
/// once mangled text is repaired (mojibake is `mojibake`'s to report, and
/// a suppression may keep it on one side only: counting it here too would
/// make `toc-text` and `mojibake` undo each other's repairs; fuzz crasher
/// 8f8238a5).
pub fn same_text(item: &str, heading: &str) -> bool {
    item == heading || repaired(item) == repaired(heading)
}

/// Heading slugs, for exact and case-insensitive look-ups.
#[derive(Debug, Default)]
pub struct SlugIndex {
    exact: HashMap<String, usize>,
    folded: HashMap<String, usize>,
    /// Slugs of heading lines that HTML swallowed ([`Document::swallowed`])
    /// and that no real heading has.
    swallowed: HashSet<String>,
    /// Every heading's slug once mojibake is repaired, lower case; empty
    /// in a file without mojibake, where nothing is repaired.
    repaired: HashMap<String, usize>,
    /// In-page links that match a slug exactly, and only ignoring case.
    pub anchors_exact: usize,
    pub anchors_folded: usize,
}

impl SlugIndex {
    pub fn new(doc: &Document) -> SlugIndex {
        let mut index = SlugIndex::default();
        for (i, h) in doc.headings.iter().enumerate() {
            index.exact.entry(h.slug.clone()).or_insert(i);
            index.folded.entry(h.slug.to_lowercase()).or_insert(i);
            if !doc.mojibake.is_empty() {
                let fixed = super::slug::slug(&repaired(&h.text));
                index.repaired.entry(fixed).or_insert(i);
            }
        }
        index.swallowed = doc
            .swallowed
            .iter()
            .filter(|s| !index.exact.contains_key(&s.slug))
            .map(|s| s.slug.clone())
            .collect();
        for link in &doc.fragment_links {
            if index.exact(&link.fragment).is_some() {
                index.anchors_exact += 1;
            } else if index.folded(&link.fragment).is_some() {
                index.anchors_folded += 1;
            }
        }
        index
    }

    /// Two thirds of the list's in-page links (five at least) write their
    /// anchors in the heading's case (`#Alibaba` for `## Alibaba`): its
    /// convention (FORMAT.md section 7; GitHub's page script finds them),
    /// so such an anchor is no `anchor-case` and fmt keeps it.
    pub fn anchors_in_heading_case(&self) -> bool {
        let of = self.anchors_exact + self.anchors_folded;
        of >= super::profile::MIN_SAMPLE && super::profile::majority(self.anchors_folded, of)
    }

    /// `fragment` would name a heading line that HTML swallowed: the
    /// link is right, the heading is what is broken (`heading-swallowed`).
    pub fn swallowed(&self, fragment: &str) -> bool {
        self.swallowed.contains(fragment)
    }

    /// The heading whose slug is exactly `fragment`.
    pub fn exact(&self, fragment: &str) -> Option<usize> {
        self.exact.get(fragment).copied()
    }

    /// The heading whose slug equals `fragment` ignoring case.
    pub fn folded(&self, fragment: &str) -> Option<usize> {
        self.folded.get(&fragment.to_lowercase()).copied()
    }

    /// The heading that `fragment` names once mojibake is repaired on both
    /// sides (`#café` for `## CafÃ©`, `#CafÃ©` for `## Café`), ignoring
    /// case: what the next run of `fmt` reads.
    pub fn once_repaired(&self, fragment: &str) -> Option<usize> {
        if self.repaired.is_empty() {
            return None;
        }
        self.repaired
            .get(&repaired(fragment).to_lowercase())
            .copied()
    }
}

/// How a TOC item's fragment spells its heading's slug.
#[derive(Clone, Copy)]
enum Spelled {
    Exact,
    Case,
    Mojibake,
}

#[derive(Debug, Default)]
pub struct TocAnalysis {
    /// One per TOC item.
    pub items: Vec<ItemMatch>,
    /// For each section, the first TOC item that names it.
    pub section_item: Vec<Option<usize>>,
}

pub fn analyse(doc: &Document, slugs: &SlugIndex) -> TocAnalysis {
    let mut analysis = TocAnalysis {
        items: Vec::new(),
        section_item: vec![None; doc.sections.len()],
    };
    let Some(toc) = &doc.toc else {
        return analysis;
    };
    let section_of_heading: HashMap<usize, usize> = doc
        .sections
        .iter()
        .enumerate()
        .map(|(i, s)| (s.heading, i))
        .collect();
    let by_text: HashMap<String, usize> = doc
        .sections
        .iter()
        .enumerate()
        .rev()
        .map(|(i, s)| (doc.headings[s.heading].text.to_lowercase(), i))
        .collect();
    for (n, item) in toc.items.iter().enumerate() {
        if item.leads_out {
            analysis.items.push(ItemMatch::Misplaced);
            continue;
        }
        // The heading it names was swallowed by HTML above it: that is
        // `heading-swallowed`'s to say, and the item stays as it is.
        if item.fragment.as_deref().is_some_and(|f| slugs.swallowed(f)) {
            analysis.items.push(ItemMatch::NonSection);
            continue;
        }
        // A fragment that names a heading only once mojibake is repaired
        // names it here too: `fmt` repairs the heading, and the next run
        // must read the item as this one does (fuzz crasher d9705c69).
        let heading_match = item.fragment.as_deref().and_then(|f| {
            slugs
                .exact(f)
                .map(|h| (h, Spelled::Exact))
                .or_else(|| slugs.folded(f).map(|h| (h, Spelled::Case)))
                .or_else(|| slugs.once_repaired(f).map(|h| (h, Spelled::Mojibake)))
        });
        let found = match heading_match {
            Some((h, exact)) => match section_of_heading.get(&h) {
                Some(&s) if !doc.sections[s].skipped => Some((s, exact)),
                _ => {
                    analysis.items.push(ItemMatch::NonSection);
                    continue;
                }
            },
            None => None,
        };
        let matched = match found {
            Some((s, Spelled::Exact)) => ItemMatch::Exact(s),
            Some((s, Spelled::Case)) => ItemMatch::Case(s),
            // Broken as written: `fmt` points it at the repaired slug.
            Some((s, Spelled::Mojibake)) => ItemMatch::TextOnly(s),
            None => match by_text.get(&item.text.to_lowercase()) {
                Some(&s) if doc.sections[s].skipped => ItemMatch::NonSection,
                Some(&s) => ItemMatch::TextOnly(s),
                None => ItemMatch::Extra,
            },
        };
        let matched = match matched.section() {
            Some(s) if analysis.section_item[s].is_some() => ItemMatch::Duplicate(s),
            Some(s) => {
                analysis.section_item[s] = Some(n);
                matched
            }
            None => matched,
        };
        // Only a plain in-page link may be dropped as stale or repeated.
        let matched = match matched {
            ItemMatch::Extra | ItemMatch::Duplicate(_) if !item.plain => ItemMatch::Misplaced,
            other => other,
        };
        analysis.items.push(matched);
    }
    analysis
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::source::Source;

    fn matches(toc: &str, rest: &str) -> Vec<ItemMatch> {
        let text = format!("## Table of Contents\n\n{toc}\n\n## Acme\n\n- [P](https://a.example/p) - `2020` - :books:\n{rest}");
        let doc = Document::parse(Source::new("t", &text), &Config::default());
        analyse(&doc, &SlugIndex::new(&doc)).items
    }

    #[test]
    fn what_is_not_one_in_page_link_is_misplaced_never_stale() {
        use ItemMatch::*;
        assert_eq!(
            matches(
                "1. [Acme](#acme)\n1. [Post](https://e.example/p) - `2024` - :books:\n1. [Gone](#gone)\n\
                 1. [Gone too](#gone-too) (renamed)\n1. Jobs: see the wiki\n1. [Acme](#acme) again",
                ""
            ),
            [Exact(0), Misplaced, Extra, Misplaced, Misplaced, Misplaced]
        );
        // An entry's link whose text names a section is still an entry.
        assert_eq!(matches("1. [Acme](https://acme.example)", ""), [Misplaced]);
        // A note after a section's link keeps it that section's item.
        assert_eq!(matches("1. [Acme](#acme) (since 2019)", ""), [Exact(0)]);
    }

    #[test]
    fn a_fragment_names_the_heading_it_will_name_once_mojibake_is_repaired() {
        use ItemMatch::*;
        // The heading is mangled (`CafÃ©`), the item's fragment is not.
        let rest = "\n## Caf\u{c3}\u{a9}\n\n- [C](https://c.example/c) - `2020` - :books:\n";
        assert_eq!(
            matches("1. [Acme](#acme)\n1. [Café](#café)", rest),
            [Exact(0), TextOnly(1)]
        );
        // The fragment is mangled, the heading is not.
        let rest = "\n## Café\n\n- [C](https://c.example/c) - `2020` - :books:\n";
        assert_eq!(
            matches("1. [Acme](#acme)\n1. [Our café](#Caf\u{c3}\u{a9})", rest),
            [Exact(0), TextOnly(1)]
        );
    }

    #[test]
    fn an_item_for_a_swallowed_heading_is_left_as_it_is() {
        let items = matches(
            "1. [Acme](#acme)\n1. [Beta](#beta)",
            "\n</details>\n## Beta\n\n- [B](https://b.example/b) - `2020` - :books:\n",
        );
        assert_eq!(items, [ItemMatch::Exact(0), ItemMatch::NonSection]);
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
                text.push_str(&format!(
                    "\n## {n}\n\n- [P](https://a.example/p) - `2020` - :books:\n"
                ));
            }
            SlugIndex::new(&Document::parse(
                Source::new("t", &text),
                &Config::default(),
            ))
        };
        let p = doc(&|n| n.to_owned());
        assert!(p.anchors_in_heading_case());
        assert_eq!((p.anchors_exact, p.anchors_folded), (0, 6));
        let p = doc(&|n| n.to_lowercase());
        assert!(!p.anchors_in_heading_case());
        // Half and half: the exceptions are anchor-case's.
        let p = doc(&|n| {
            if n < "D" {
                n.to_owned()
            } else {
                n.to_lowercase()
            }
        });
        assert!(!p.anchors_in_heading_case());
    }
}
