//! `toc-order`: the TOC items follow neither the file's section order nor
//! the order `fmt` gives the sections.
//!
//! A company moved together with its TOC item is one defect
//! (`section-order`); a TOC already in sorted order while the sections are
//! not is `section-order`'s too. Only a TOC in neither order is this rule's.
//! Repair: the printer regenerates the TOC in section order
//! (`format::toc`).

use crate::diagnostic::Violation;
use crate::registry::RuleId;
use crate::rules::context::Context;
use crate::rules::rule::{Repairs, Rule, RuleMeta};
use crate::rules::section::section_order::{canonical_order, out_of_order};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: RuleId::TocOrder,
        repairs: Repairs::Always,
        summary: "The TOC items follow neither the order of the sections in the file nor the order `fmt` gives them.",
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
    let placed: Vec<(usize, usize)> = cx
        .toc
        .items
        .iter()
        .enumerate()
        .filter_map(|(i, m)| Some((i, m.section()?)))
        .collect();
    // A section that `section-order` reports is its defect, not also the
    // TOC's: left out of the comparison with the file's order.
    let reported: Vec<usize> = out_of_order(cx.doc).into_iter().map(|(_, s)| s).collect();
    let in_file_order = placed
        .iter()
        .filter(|(_, s)| !reported.contains(s))
        .collect::<Vec<_>>()
        .windows(2)
        .all(|w| w[0].1 < w[1].1);
    let in_order = |rank: &[usize]| placed.windows(2).all(|w| rank[w[0].1] < rank[w[1].1]);
    // The file's own section order: a TOC that follows it is right about
    // the file, and sections out of order are `section-order`'s (one defect,
    // one diagnostic).
    let file_rank: Vec<usize> = (0..cx.doc.sections.len()).collect();
    let mut sorted_rank = vec![0; cx.doc.sections.len()];
    for (r, s) in canonical_order(cx.doc).into_iter().enumerate() {
        sorted_rank[s] = r;
    }
    if in_file_order || in_order(&file_rank) || in_order(&sorted_rank) {
        return Vec::new();
    }
    let Some(pair) = placed
        .windows(2)
        .find(|w| sorted_rank[w[1].1] < sorted_rank[w[0].1])
    else {
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
