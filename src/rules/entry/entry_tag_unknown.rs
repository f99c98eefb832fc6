//! `entry-tag-unknown`: an entry's tag is not a configured one. Not
//! repaired; the help names the closest configured tag.

use crate::diagnostic::Violation;
use crate::registry::RuleId;
use crate::rules::context::Context;
use crate::rules::rule::{Fix, Rule, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: RuleId::EntryTagUnknown,
        fix: Fix::Never,
        summary: "An entry's tag is not one of the configured `[tags]`.",
        why: "Unknown tags mean nothing to readers and cannot be counted or filtered.",
        bad: "- [Title](https://example.com) - `2021` - :tv:",
        good: "- [Title](https://example.com) - `2021` - :studio_microphone:",
    },
    check,
};

fn check(cx: &Context) -> Vec<Violation> {
    cx.doc
        .entries
        .iter()
        .filter_map(|e| {
            let tag = e.tag.as_ref().filter(|t| t.name.is_none())?;
            let name = tag.written(cx.text()).trim_matches(':');
            let closest = cx
                .config
                .tags
                .keys()
                .map(|k| (strsim::levenshtein(name, k), k))
                .filter(|(d, k)| *d <= k.len() / 3 + 1)
                .min()
                .map(|(_, k)| format!("did you mean `:{k}:`? "))
                .unwrap_or_default();
            Some(
                Violation::new(
                    tag.range.range(),
                    format!("unknown tag `{}`", tag.written(cx.text())),
                )
                .label("unknown tag")
                .help(format!("{closest}known tags: {}", cx.known_tags())),
            )
        })
        .collect()
}
