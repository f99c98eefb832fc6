//! Which section each TOC item names, and how well: computed once, read by
//! the `toc-*` and `anchor-*` rules and by the printer.

use std::collections::HashMap;

use super::document::Document;

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

/// Heading slugs, for exact and case-insensitive look-ups.
#[derive(Debug, Default)]
pub struct SlugIndex {
    exact: HashMap<String, usize>,
    folded: HashMap<String, usize>,
}

impl SlugIndex {
    pub fn new(doc: &Document) -> SlugIndex {
        let mut index = SlugIndex::default();
        for (i, h) in doc.headings.iter().enumerate() {
            index.exact.entry(h.slug.clone()).or_insert(i);
            index.folded.entry(h.slug.to_lowercase()).or_insert(i);
        }
        index
    }

    /// The heading whose slug is exactly `fragment`.
    pub fn exact(&self, fragment: &str) -> Option<usize> {
        self.exact.get(fragment).copied()
    }

    /// The heading whose slug equals `fragment` ignoring case.
    pub fn folded(&self, fragment: &str) -> Option<usize> {
        self.folded.get(&fragment.to_lowercase()).copied()
    }
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
        let heading_match = item.fragment.as_deref().and_then(|f| {
            slugs
                .exact(f)
                .map(|h| (h, true))
                .or_else(|| slugs.folded(f).map(|h| (h, false)))
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
            Some((s, true)) => ItemMatch::Exact(s),
            Some((s, false)) => ItemMatch::Case(s),
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
        analysis.items.push(matched);
    }
    analysis
}
