//! `toc-entry-extra`: a TOC item that names no section, or repeats one;
//! or something in the TOC's list that is no TOC item at all (an entry
//! that links out of the page, text), which is content in the wrong place.
//!
//! Repair: the printer regenerates the TOC without a stale or repeated
//! item (`format::toc`), only when the item is one in-page link
//! and nothing else. Content in the wrong place is reported and kept as
//! written, where it is: only a person knows where it belongs.

use crate::diagnostic::Violation;
use crate::model::toc::ItemMatch;
use crate::model::{BlockKind, TocItem};
use crate::registry::RuleId;
use crate::rules::context::Context;
use crate::rules::rule::{quote, Repairs, Rule, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: RuleId::TocEntryExtra,
        repairs: Repairs::Sometimes("when the item is one in-page link and nothing else; an entry or text in the table of contents is reported and kept"),
        summary: "A TOC item whose text and fragment both name no section, or that repeats an earlier item; or an entry or text that sits in the table of contents.",
        why: "A TOC item that leads nowhere is a dead link for every reader.",
        bad: "1. [Adobe](#adobe)\n1. [Oracle](#oracle)\n\n## Adobe",
        good: "1. [Adobe](#adobe)\n\n## Adobe",
    },
    check,
};

/// An entry or text in the TOC's list: content in the wrong place. Said
/// by `heading-swallowed` instead when the heading that should have
/// started its section is swallowed by HTML above it.
fn misplaced(cx: &Context, item: &TocItem) -> Option<Violation> {
    let doc = cx.doc;
    let range = item.item.range;
    let toc = doc.toc.as_ref()?;
    // The last heading of the TOC's region above the item, real or swallowed.
    let heading = (toc.blocks.start + 1..item.block)
        .rev()
        .find_map(|b| match doc.blocks[b].kind {
            BlockKind::Heading(h) => Some(Some(h)),
            _ => doc.swallowed.iter().any(|s| s.block == b).then_some(None),
        });
    if heading == Some(None) {
        return None;
    }
    let v = if !item.leads_out {
        Violation::new(
            range.range(),
            format!("TOC item {} is not a link to a section", quote(&cx.text()[range.range()])),
        )
        .label("not a TOC item")
        .help("make it `[Section](#anchor)`, or move its text out of the table of contents; `fmt` keeps it as written")
    } else if let Some(Some(h)) = heading {
        let h = &doc.headings[h];
        Violation::new(
            range.range(),
            format!(
                "this entry sits in the table of contents: `{}` above it (line {}) is not an H2, so it starts no company section",
                doc.text()[h.range.clone()].trim(),
                cx.line_of(h.range.start)
            ),
        )
        .label("entry in the table of contents")
        .help(format!("make the heading `## {}`; `fmt` keeps the entry where it is until then", h.text))
    } else {
        Violation::new(
            range.range(),
            "this entry sits in the table of contents; move it under its company",
        )
        .label("entry in the table of contents")
        .help("cut the line and paste it into its company's section (or add it with `flinkscale add`); `fmt` keeps it here until then")
    };
    Some(v.fixable(false))
}

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
                ItemMatch::Misplaced => return misplaced(cx, item),
                _ => return None,
            };
            Some(v.fixable(true))
        })
        .collect()
}
