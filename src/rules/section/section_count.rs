//! `section-count`: a heading's count (`## Blog Links (130)`, `## Acme
//! (12)`) is not the number of entries under it. Not repaired: the count
//! is part of the heading's anchor, which links elsewhere may use.

use crate::diagnostic::Violation;
use crate::model::{heading_count, profile::majority, Section};
use crate::registry::RuleId;
use crate::rules::context::Context;
use crate::rules::rule::{Repairs, Rule, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: RuleId::SectionCount,
        repairs: Repairs::Never,
        summary: "A heading's count `(N)` is not the number of entries under it.",
        why: "A stale count tells readers the list is smaller or larger than it is, and in a list sorted by count it puts the company in the wrong place.",
        bad: "## Acme (3)\n\n- [A](https://acme.example/a)\n- [B](https://acme.example/b)",
        good: "## Acme (2)\n\n- [A](https://acme.example/a)\n- [B](https://acme.example/b)",
    },
    check,
};

/// The entries under a section's heading, of every shape.
fn held(cx: &Context, section: &Section) -> usize {
    section.entries.len() + cx.doc.leads_in(section).len()
}

fn check(cx: &Context) -> Vec<Violation> {
    let doc = cx.doc;
    let counted: Vec<(&Section, u32, usize)> = doc
        .sections
        .iter()
        // A section of table rows is no company section, but its count
        // counts them.
        .filter_map(|s| {
            let count = heading_count(&doc.heading(s).text)?;
            Some((s, count, held(cx, s)))
        })
        .filter(|&(_, _, held)| held > 0)
        .collect();
    // Where several headings carry a count and most do not match, the
    // counts count something else (members, stars): not checked.
    let matching = counted
        .iter()
        .filter(|(_, count, held)| *count as usize == *held)
        .count();
    if counted.len() > 1 && !majority(matching, counted.len()) {
        return Vec::new();
    }
    counted
        .into_iter()
        .filter(|(_, count, held)| *count as usize != *held)
        .map(|(s, count, held)| {
            let h = doc.heading(s);
            let (entries, stand) = if held == 1 {
                ("1 entry".to_owned(), "stands")
            } else {
                (format!("{held} entries"), "stand")
            };
            Violation::new(
                h.range.clone(),
                format!("the heading says {count}, but {entries} {stand} under it"),
            )
            .label(entries)
            .help(format!(
                "write `({held})` in the heading (and in the TOC item that links to it)"
            ))
        })
        .collect()
}
