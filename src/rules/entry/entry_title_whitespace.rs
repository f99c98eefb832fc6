//! `entry-title-whitespace`: a title starts or ends with whitespace or has
//! runs of it. Repair: edits that trim and fold it.

use crate::diagnostic::whitespace_edits;
use crate::diagnostic::Violation;
use crate::model::collapse_whitespace;
use crate::registry::RuleId;
use crate::rules::context::Context;
use crate::rules::rule::{Repairs, Rule, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: RuleId::EntryTitleWhitespace,
        repairs: Repairs::Always,
        summary: "An entry's title starts or ends with whitespace or has runs of spaces.",
        why: "Stray spaces render as odd gaps and make the same title compare different.",
        bad: "- [Event Tracing in Flink ](https://example.com) - `2024` - :books:",
        good: "- [Event Tracing in Flink](https://example.com) - `2024` - :books:",
    },
    check,
};

fn check(cx: &Context) -> Vec<Violation> {
    cx.doc
        .entries
        .iter()
        .filter_map(|e| {
            let range = cx.doc.title(e)?;
            let edits = whitespace_edits(&cx.text()[range.clone()], range.start);
            if edits.is_empty() {
                return None;
            }
            let title = &cx.text()[range.clone()];
            let what = if title.trim() != title {
                "starts or ends with whitespace"
            } else {
                "has a run of spaces"
            };
            Some(
                Violation::new(range, format!("title {what}"))
                    .label("whitespace")
                    .help(format!("write `[{}]`", collapse_whitespace(title)))
                    .edits(edits),
            )
        })
        .collect()
}
