//! `entry-tag-unknown`: an entry's tag is not a configured one. Repaired
//! only when it is a typo of exactly one configured tag
//! ([`crate::model::TagNames::typo_of`]: `:boks:` -> `:books:`); otherwise
//! the help names the tags.

use crate::diagnostic::{Edit, Violation};
use crate::registry::RuleId;
use crate::rules::context::Context;
use crate::rules::rule::{Repairs, Rule, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: RuleId::EntryTagUnknown,
        repairs: Repairs::Sometimes(
            "when the tag is a typo of exactly one configured tag (`:boks:` -> `:books:`)",
        ),
        summary: "An entry's tag is not one of the configured `[tags]`.",
        why: "Unknown tags mean nothing to readers and cannot be counted or filtered.",
        bad: "- [Title](https://example.com) - `2021` - :tv:",
        good: "- [Title](https://example.com) - `2021` - :studio_microphone:",
    },
    check,
};

fn check(cx: &Context) -> Vec<Violation> {
    // A list that keeps no tags has no tag rules (FORMAT.md section 7): a
    // mark a few entries carry (`:exclamation:`) is the list's own.
    if !cx.doc.profile.tag.holds {
        return Vec::new();
    }
    cx.doc
        .entries
        .iter()
        .filter_map(|e| {
            let tag = e.tag.as_ref().filter(|t| t.name.is_none())?;
            let written = tag.written(cx.text());
            let typo = if tag.emoji {
                None
            } else {
                cx.doc.tag_names.typo_of(written)
            };
            let closest = typo
                .map(|k| format!("did you mean `:{k}:`? "))
                .unwrap_or_default();
            let v = Violation::new(tag.range.range(), format!("unknown tag `{written}`"))
                .label("unknown tag")
                .help(format!("{closest}known tags: {}", cx.known_tags()));
            Some(match typo {
                Some(k) => v.edits(vec![Edit::new(tag.range.range(), format!(":{k}:"))]),
                None => v,
            })
        })
        .collect()
}
