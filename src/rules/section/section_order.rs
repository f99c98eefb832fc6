//! `section-order`: company sections are not in alphabetical order.
//!
//! Repair: the printer writes the sections in [`print_order`]: the company
//! sections in [`canonical_order`], each whole, in the places company
//! sections had.

use crate::config::{Config, SectionOrder};
use crate::diagnostic::Violation;
use crate::model::{sort_key, Document};
use crate::registry::RuleId;
use crate::rules::context::Context;
use crate::rules::rule::{Fix, Rule, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: RuleId::SectionOrder,
        fix: Fix::Always,
        summary: "A company section sorts before the one above it (alphabetical, ignoring case and punctuation, so `eBay` < `E.ON`); each such heading is reported.",
        why: "Alphabetical sections let readers and contributors find a company without searching.",
        bad: "## Airbnb\n...\n## Adobe\n...",
        good: "## Adobe\n...\n## Airbnb\n...",
    },
    check,
};

/// Company section indices in the order `fmt` prints them: sorted by
/// [`sort_key`] (stable) when `sections.order` is alphabetical.
pub fn canonical_order(doc: &Document, config: &Config) -> Vec<usize> {
    let mut order: Vec<usize> = doc.company_sections().map(|(i, _)| i).collect();
    if config.sections.order == SectionOrder::Alphabetical {
        order.sort_by_cached_key(|&i| sort_key(&doc.headings[doc.sections[i].heading].text));
    }
    order
}

/// Every section in the order the printer writes them: the company
/// sections in [`canonical_order`], in the places company sections had;
/// skipped (non-company) sections keep theirs, and so does a company whose
/// heading a suppression covers, or every company when the rule is off.
pub fn print_order(cx: &Context) -> Vec<usize> {
    let doc = cx.doc;
    let movable = |i: usize| {
        let s = &doc.sections[i];
        !s.skipped
            && cx.repairs(
                RuleId::SectionOrder,
                doc.source.line_index(doc.heading(s).range.start),
            )
    };
    let mut canonical = canonical_order(doc, cx.config)
        .into_iter()
        .filter(|&i| movable(i));
    (0..doc.sections.len())
        .map(|i| {
            if movable(i) {
                canonical.next().unwrap_or(i)
            } else {
                i
            }
        })
        .collect()
}

fn check(cx: &Context) -> Vec<Violation> {
    if cx.config.sections.order == SectionOrder::None {
        return Vec::new();
    }
    let keyed: Vec<(String, usize)> = cx
        .doc
        .company_sections()
        .map(|(i, s)| (sort_key(&cx.doc.heading(s).text), i))
        .collect();
    // Every heading that sorts before the one above it: a user fixing by
    // hand sees all of them at once.
    keyed
        .windows(2)
        .filter(|w| w[1].0 < w[0].0)
        .map(|w| {
            let above = cx.doc.heading(&cx.doc.sections[w[0].1]);
            let this = cx.doc.heading(&cx.doc.sections[w[1].1]);
            Violation::new(
                this.range.clone(),
                format!(
                    "section `{}` is out of alphabetical order: it sorts before `{}` above it",
                    this.text, above.text
                ),
            )
            .label("out of order")
            .help("sections sort by name, ignoring case and punctuation; fmt moves whole sections")
        })
        .collect()
}
