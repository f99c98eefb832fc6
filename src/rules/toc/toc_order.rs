//! `toc-order`: the TOC items are not in the order of the sections.
//!
//! Compares the TOC with the order the sections will have after `fmt`, so
//! that sections out of order are one defect (`section-order`), not two.
//! Repair: the printer regenerates the TOC in section order
//! ([`super::regenerate`]).

use crate::diagnostic::Violation;
use crate::registry::RuleId;
use crate::rules::context::Context;
use crate::rules::rule::{Fix, Rule, RuleMeta};
use crate::rules::section::section_order::canonical_order;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: RuleId::TocOrder,
        fix: Fix::Always,
        summary: "The TOC items are not in the order of the sections (as sorted, when `sections.order` is alphabetical).",
        why: "A TOC that follows the page lets readers scan it like the page itself.",
        bad: "1. [Airbnb](#airbnb)\n1. [Adobe](#adobe)\n\n## Adobe\n...\n## Airbnb",
        good: "1. [Adobe](#adobe)\n1. [Airbnb](#airbnb)\n\n## Adobe\n...\n## Airbnb",
    },
    check,
};

fn check(cx: &Context) -> Vec<Violation> {
    let Some(toc) = &cx.doc.toc else {
        return Vec::new();
    };
    let mut rank = vec![0; cx.doc.sections.len()];
    for (r, s) in canonical_order(cx.doc, cx.config).into_iter().enumerate() {
        rank[s] = r;
    }
    let placed: Vec<(usize, usize)> = cx
        .toc
        .items
        .iter()
        .enumerate()
        .filter_map(|(i, m)| Some((i, m.section()?)))
        .collect();
    let Some(pair) = placed.windows(2).find(|w| rank[w[1].1] < rank[w[0].1]) else {
        return Vec::new();
    };
    let (item, section) = pair[1];
    let above = cx.doc.heading(&cx.doc.sections[pair[0].1]);
    let this = cx.doc.heading(&cx.doc.sections[section]);
    vec![Violation::new(
        toc.items[item].item.range.range(),
        format!(
            "TOC item `{}` is out of order: it belongs before `{}`",
            toc.items[item].text, above.text
        ),
    )
    .label("out of order")
    .help(format!(
        "list TOC items in the order of the sections; `## {}` is on line {}",
        this.text,
        cx.line_of(this.range.start)
    ))]
}
