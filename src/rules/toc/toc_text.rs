//! `toc-text`: a TOC item's text differs from its section's heading.
//!
//! Repair: the printer regenerates the TOC from the headings
//! (`format::toc`).

use crate::diagnostic::Violation;
use crate::model::toc::ItemMatch;
use crate::registry::RuleId;
use crate::rules::context::Context;
use crate::rules::rule::{Repairs, Rule, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: RuleId::TocText,
        repairs: Repairs::Always,
        summary: "A TOC item's text differs from the heading of the section it links to.",
        why: "The TOC should say exactly what the reader will find when they click.",
        bad: "1. [Ebay](#ebay)\n\n## eBay",
        good: "1. [eBay](#ebay)\n\n## eBay",
    },
    check,
};

fn check(cx: &Context) -> Vec<Violation> {
    cx.toc_items()
        .filter_map(|(item, matched)| {
            let section = match matched {
                ItemMatch::Exact(s) | ItemMatch::Case(s) => s,
                ItemMatch::TextOnly(s) if item.item.link().is_none() => s,
                _ => return None,
            };
            let heading = cx.doc.heading(&cx.doc.sections[section]);
            let message = if item.item.link().is_none() {
                format!("TOC item `{}` is not a link to its section", item.text)
            } else if !crate::model::toc::same_text(&item.text, &heading.text) {
                format!(
                    "TOC item text `{}` differs from its heading `{}`",
                    item.text, heading.text
                )
            } else {
                return None;
            };
            Some(
                Violation::new(item.item.range.range(), message)
                    .label("differs from the heading")
                    .help(format!("write `[{}](#{})`", heading.text, heading.slug)),
            )
        })
        .collect()
}
