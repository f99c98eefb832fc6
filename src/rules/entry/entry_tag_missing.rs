//! `entry-tag-missing`: an entry has no tag. Not repaired: whether it is
//! an article or a talk is a person's call.

use crate::diagnostic::Violation;
use crate::registry::RuleId;
use crate::rules::context::Context;
use crate::rules::rule::{Repairs, Rule, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: RuleId::EntryTagMissing,
        repairs: Repairs::Never,
        summary:
            "An entry has no tag (`:books:`, `:studio_microphone:` or another configured tag).",
        why: "The tag tells readers whether to expect an article or a talk.",
        bad: "- [Title](https://example.com) - `2021`",
        good: "- [Title](https://example.com) - `2021` - :books:",
    },
    check,
};

fn check(cx: &Context) -> Vec<Violation> {
    // A list that keeps no tags has no tag convention to break.
    if !cx.doc.profile.tag.holds {
        return Vec::new();
    }
    cx.doc
        .entries
        .iter()
        .filter(|e| cx.doc.item(e).link().is_some() && e.tag.is_none())
        .map(|e| {
            Violation::new(cx.first_line(e), "entry has no tag")
                .label("no tag")
                .help(format!("end the entry with one of {}", cx.known_tags()))
        })
        .collect()
}
