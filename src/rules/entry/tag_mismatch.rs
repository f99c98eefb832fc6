//! `tag-mismatch` (warn): a video host's link carries another tag. Not
//! repaired: a YouTube link may really be a written post.

use crate::diagnostic::Violation;
use crate::model::url::host;
use crate::registry::RuleId;
use crate::rules::context::Context;
use crate::rules::rule::{Fix, Rule, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: RuleId::TagMismatch,
        fix: Fix::Never,
        summary: "A link to a host listed in a tag's `hosts` (youtube.com, youtu.be, vimeo.com) carries another tag.",
        why: "A YouTube link tagged as an article tells readers to expect text and hands them a video.",
        bad: "- [Keynote](https://youtu.be/x) - `2022` - :books:",
        good: "- [Keynote](https://youtu.be/x) - `2022` - :studio_microphone:",
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
            let tag = e.tag.as_ref()?;
            let name = cx.doc.tag_name(tag)?;
            let host = host(cx.doc.url(e)?)?;
            let expected = cx.config.tag_for_host(host)?;
            if expected == name {
                return None;
            }
            let meaning = cx.config.tags[expected].meaning.as_deref().unwrap_or(expected);
            Some(
                Violation::new(
                    tag.range.range(),
                    format!("`{host}` link is tagged `:{name}:`, but links there are `:{expected}:` ({meaning})"),
                )
                .label("expected a different tag")
                .help(format!("use `:{expected}:` if this is a {meaning}")),
            )
        })
        .collect()
}
