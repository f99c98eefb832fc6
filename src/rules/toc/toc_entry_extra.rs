//! `toc-entry-extra`: a TOC item that names no section, or repeats one.
//!
//! Repair: the printer regenerates the TOC without it ([`super::regenerate`]).

use crate::diagnostic::Violation;
use crate::model::toc::ItemMatch;
use crate::registry::RuleId;
use crate::rules::context::Context;
use crate::rules::rule::{quote, Fix, Rule, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: RuleId::TocEntryExtra,
        fix: Fix::Always,
        summary: "A TOC item whose text and fragment both name no section, or that repeats an earlier item.",
        why: "A TOC item that leads nowhere is a dead link for every reader.",
        bad: "1. [Adobe](#adobe)\n1. [Oracle](#oracle)\n\n## Adobe",
        good: "1. [Adobe](#adobe)\n\n## Adobe",
    },
    check,
};

fn check(cx: &Context) -> Vec<Violation> {
    cx.toc_items()
        .filter_map(|(item, matched)| {
            let range = item.item.range;
            let written = quote(&cx.text()[range.range()]);
            let v = match matched {
                ItemMatch::Extra => Violation::new(
                    range.range(),
                    format!("TOC item {written} names no section"),
                )
                .label("no such section")
                .help("remove the item, or add the section it should point to"),
                ItemMatch::Duplicate(s) => {
                    let first = cx.toc.section_item[s]
                        .and_then(|i| cx.doc.toc.as_ref().map(|t| &t.items[i]));
                    let line = first.map_or(0, |f| cx.line_of(f.item.range.start()));
                    Violation::new(
                        range.range(),
                        format!(
                            "TOC item {written} repeats the item for `{}` on line {line}",
                            cx.doc.heading(&cx.doc.sections[s]).text
                        ),
                    )
                    .label("duplicate")
                    .help("remove this item")
                }
                _ => return None,
            };
            Some(v)
        })
        .collect()
}
