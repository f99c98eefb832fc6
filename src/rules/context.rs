//! Everything a rule may read: the model, the config, and what was derived
//! from them once for every rule.

use std::ops::Range;

use crate::config::Config;
use crate::links::Checked;
use crate::model::toc::{analyse, ItemMatch, SlugIndex, TocAnalysis};
use crate::model::{Document, Entry, TocItem};
use crate::registry::RuleId;

pub struct Context<'a> {
    pub doc: &'a Document,
    pub config: &'a Config,
    /// Entries dated after this year are `entry-year-invalid`.
    pub current_year: u16,
    pub slugs: SlugIndex,
    pub toc: TocAnalysis,
    /// What `flinkscale links` found of each link; empty for every other
    /// command, so the link rules report nothing there.
    pub links: &'a [Checked],
    toc_lists: TocLists,
}

/// Where the TOC's lists are, found once (the printer and `blank-lines`
/// ask about every block).
#[derive(Default)]
struct TocLists {
    first: Option<usize>,
    /// Sorted blocks: see [`Context::kept_toc_list`].
    kept: Vec<usize>,
}

impl TocLists {
    fn new(doc: &Document, analysis: &TocAnalysis) -> TocLists {
        let Some(toc) = &doc.toc else {
            return TocLists::default();
        };
        // The first list that holds a TOC item proper (not only content
        // kept as written): where the rewritten list goes. A list that
        // holds only content stays a block of its own, so that it is read
        // the same way again once the rewritten list is written.
        let first = toc
            .items
            .iter()
            .zip(&analysis.items)
            .find(|(_, m)| **m != ItemMatch::Misplaced)
            .map(|(item, _)| item.block);
        let mut kept: Vec<usize> = toc
            .items
            .iter()
            .zip(&analysis.items)
            .filter(|(item, m)| **m == ItemMatch::Misplaced && Some(item.block) != first)
            .map(|(item, _)| item.block)
            .collect();
        kept.dedup();
        TocLists { first, kept }
    }
}

impl<'a> Context<'a> {
    pub fn new(doc: &'a Document, config: &'a Config, current_year: u16) -> Self {
        let slugs = SlugIndex::new(doc);
        let toc = analyse(doc, &slugs);
        Context {
            doc,
            config,
            current_year,
            slugs,
            toc_lists: TocLists::new(doc, &toc),
            toc,
            links: &[],
        }
    }

    /// The context of `flinkscale links`: with what checking found.
    pub fn with_links(self, links: &'a [Checked]) -> Self {
        Context { links, ..self }
    }

    pub fn text(&self) -> &'a str {
        &self.doc.source.text
    }

    /// 1-based line of an offset, for help texts.
    pub fn line_of(&self, offset: usize) -> usize {
        self.doc.source.line_index(offset) + 1
    }

    /// `fmt` may repair what `rule` is about on 0-based `line`: the rule is
    /// not `off`, and no suppression comment covers the line for it.
    pub fn repairs(&self, rule: RuleId, line: usize) -> bool {
        self.config.severity(rule).is_some() && !self.doc.suppressions.covers(line, rule)
    }

    /// An entry's first line: where entry-wide diagnostics point.
    pub fn first_line(&self, e: &Entry) -> Range<usize> {
        let item = self.doc.item(e);
        let end = self.doc.source.line_range(item.lines.start()).end;
        item.range.start()..end.min(item.range.end()).max(item.range.start())
    }

    /// An H2 that holds inner companies but is named like a kind
    /// subheading (`## Blog Posts` among `<details>` companies whose kinds
    /// are H3s): a heading whose level breaks the list's own pattern.
    /// Sorting around it would move half the file, so nothing moves, and
    /// `heading-level` reports it.
    pub fn stray_container(&self) -> Option<&'a crate::model::Heading> {
        let doc: &'a Document = self.doc;
        if !doc.profile.details {
            return None;
        }
        doc.sections
            .iter()
            .enumerate()
            .find(|(n, s)| {
                crate::model::is_kind_heading(&doc.heading(s).text)
                    && doc.details.iter().any(|d| d.section == *n)
            })
            .map(|(_, s)| doc.heading(s))
    }

    /// Where a diagnostic on an entry of another shape points: its line,
    /// from its first character (the row's `|`, the item's marker).
    pub fn lead_line(&self, lead: &crate::model::lead::Lead) -> Range<usize> {
        let line = lead.line.range();
        let text = &self.doc.text()[line.clone()];
        line.start + (text.len() - text.trim_start().len())..line.end
    }

    /// The configured tags for a help text: `` `:books:` (blog post or article), ... ``
    pub fn known_tags(&self) -> String {
        self.config.describe_tags(true)
    }

    /// The first list of the TOC's region that holds a TOC item (not only
    /// content kept as written): the one `fmt` rewrites.
    pub fn first_toc_list(&self) -> Option<usize> {
        self.toc_lists.first
    }

    /// Block `b` is a list of the TOC's region other than the one `fmt`
    /// rewrites that holds misplaced items ([`ItemMatch::Misplaced`]):
    /// `fmt` keeps them there as written, a block of their own.
    pub fn kept_toc_list(&self, b: usize) -> bool {
        self.toc_lists.kept.binary_search(&b).is_ok()
    }

    /// Every TOC item with how it names the sections (empty without a TOC).
    pub fn toc_items(&self) -> impl Iterator<Item = (&'a TocItem, ItemMatch)> + '_ {
        self.doc
            .toc
            .iter()
            .flat_map(|toc| toc.items.iter())
            .zip(self.toc.items.iter().copied())
    }
}
