//! `anchor-case`: a fragment matches a heading's slug only ignoring case.
//!
//! Repair: its edit writes the slug; in the TOC the printer regenerates the
//! item anyway (`format::toc`).

use super::target::{replace_fragment, target, Target};
use crate::diagnostic::Violation;
use crate::registry::RuleId;
use crate::rules::context::Context;
use crate::rules::rule::{Repairs, Rule, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: RuleId::AnchorCase,
        repairs: Repairs::Always,
        summary: "A `(#fragment)` link matches a heading's slug only when letter case is ignored.",
        why: "GitHub's anchors are lowercase and fragments are case-sensitive: `#Deloitte` does not scroll.",
        bad: "1. [Deloitte](#Deloitte)",
        good: "1. [Deloitte](#deloitte)",
    },
    check,
};

fn check(cx: &Context) -> Vec<Violation> {
    cx.doc
        .fragment_links
        .iter()
        .filter_map(|link| {
            let Target::Case(h) = target(cx, link) else {
                return None;
            };
            let slug = &cx.doc.headings[h].slug;
            Some(
                Violation::new(
                    link.range.clone(),
                    format!(
                        "anchor `#{}` differs from the slug `#{slug}` in letter case",
                        link.fragment
                    ),
                )
                .label("wrong case")
                .help(format!("write `#{slug}`: GitHub anchors are lowercase"))
                .edits(replace_fragment(link, slug)),
            )
        })
        .collect()
}
