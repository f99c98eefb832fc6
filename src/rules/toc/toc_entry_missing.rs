//! `toc-entry-missing`: a company section has no TOC item.
//!
//! Repair: the printer regenerates the TOC (`format::toc`).

use crate::diagnostic::Violation;
use crate::model::slug::slug;
use crate::registry::RuleId;
use crate::rules::context::Context;
use crate::rules::rule::{Repairs, Rule, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: RuleId::TocEntryMissing,
        repairs: Repairs::Always,
        summary: "A company section has no item in the Table of Contents.",
        why: "A section missing from the TOC is invisible to readers who navigate by it.",
        bad: "1. [Adobe](#adobe)\n\n## Adobe\n...\n## Airbnb\n...",
        good: "1. [Adobe](#adobe)\n1. [Airbnb](#airbnb)\n\n## Adobe\n...\n## Airbnb\n...",
    },
    check,
};

fn check(cx: &Context) -> Vec<Violation> {
    // No TOC, or one a site generator writes: nothing to check.
    if cx.doc.toc.as_ref().is_none_or(|t| t.generated) {
        return Vec::new();
    }
    // A second section with the same name is `section-duplicate`'s.
    let mut seen = std::collections::HashSet::new();
    cx.doc
        .company_sections()
        .filter(|(_, s)| seen.insert(slug(&cx.doc.heading(s).rendered)))
        .filter(|(i, _)| cx.toc.section_item[*i].is_none())
        .map(|(_, s)| {
            let h = cx.doc.heading(s);
            Violation::new(
                h.range.clone(),
                format!("section `{}` has no item in the table of contents", h.text),
            )
            .label("not in the TOC")
            .help(format!(
                "add `1. [{}](#{})` to the table of contents",
                h.text, h.slug
            ))
        })
        .collect()
}
