//! `entry-tag-unknown`: an entry's tag is not a configured one. Repaired
//! only when it is a typo of exactly one configured tag ([`typo_of`]:
//! `:boks:` -> `:books:`); otherwise the help names the tags.

use crate::diagnostic::{Edit, Violation};
use crate::model::TagNames;
use crate::registry::RuleId;
use crate::rules::context::Context;
use crate::rules::rule::{Fix, Rule, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: RuleId::EntryTagUnknown,
        fix: Fix::Sometimes(
            "when the tag is a typo of exactly one configured tag (`:boks:` -> `:books:`)",
        ),
        summary: "An entry's tag is not one of the configured `[tags]`.",
        why: "Unknown tags mean nothing to readers and cannot be counted or filtered.",
        bad: "- [Title](https://example.com) - `2021` - :tv:",
        good: "- [Title](https://example.com) - `2021` - :studio_microphone:",
    },
    check,
};

/// The configured tag `written` (`:boks:`) is a typo of: the one closest
/// name, when no other is as close and it is close enough (an edit for
/// every three letters, and one more).
pub fn typo_of<'n>(names: &'n TagNames, written: &str) -> Option<&'n str> {
    let name = written.trim_matches(':');
    let mut close: Vec<(usize, &str)> = names
        .iter()
        .map(|k| (strsim::levenshtein(name, k), k))
        .filter(|(d, k)| *d <= k.len() / 3 + 1)
        .collect();
    close.sort_unstable();
    match close.as_slice() {
        [(d, k), rest @ ..] if rest.first().is_none_or(|(d2, _)| d2 > d) => Some(k),
        _ => None,
    }
}

fn check(cx: &Context) -> Vec<Violation> {
    cx.doc
        .entries
        .iter()
        .filter_map(|e| {
            let tag = e.tag.as_ref().filter(|t| t.name.is_none())?;
            let written = tag.written(cx.text());
            let typo = if tag.emoji {
                None
            } else {
                typo_of(&cx.doc.tag_names, written)
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
