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

    /// The configured tags for a help text: `` `:books:` (blog post or article), ... ``
    pub fn known_tags(&self) -> String {
        self.config.describe_tags(true)
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
