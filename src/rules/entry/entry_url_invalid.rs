//! `entry-url-invalid`: an entry's URL is not absolute http(s), or has
//! whitespace around it. Repair: edits that delete the whitespace; the rest
//! only a person can correct.

use crate::diagnostic::{Edit, Violation};
use crate::model::url::is_absolute_http;
use crate::registry::RuleId;
use crate::rules::context::Context;
use crate::rules::rule::{quote, Repairs, Rule, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: RuleId::EntryUrlInvalid,
        repairs: Repairs::Sometimes("when the only problem is whitespace around the URL"),
        summary: "An entry's URL is not an absolute http(s) URL, or has whitespace (`]( https://...)`).",
        why: "Relative or malformed links break on mirrors and in exported data; stray spaces are easy to miss in review.",
        bad: "- [Title]( https://example.com) - `2021` - :books:",
        good: "- [Title](https://example.com) - `2021` - :books:",
    },
    check,
};

fn check(cx: &Context) -> Vec<Violation> {
    cx.doc
        .entries
        .iter()
        .filter_map(|e| {
            let url = e.url.as_ref()?;
            let raw = &cx.text()[url.range.range()];
            let lead = raw.len() - raw.trim_start().len();
            let trail = raw.len() - raw.trim_end().len();
            let dest = cx.doc.url(e)?;
            if !is_absolute_http(dest) {
                return Some(
                    Violation::new(
                        url.range.range(),
                        format!("URL {} is not an absolute http(s) URL", quote(raw)),
                    )
                    .label("invalid URL")
                    .help("link to the full address, starting with `https://`"),
                );
            }
            if lead + trail == 0 {
                return None;
            }
            let mut edits = Vec::new();
            if lead > 0 {
                edits.push(Edit::delete(url.range.start()..url.range.start() + lead));
            }
            if trail > 0 {
                edits.push(Edit::delete(url.range.end() - trail..url.range.end()));
            }
            Some(
                Violation::new(url.range.range(), "URL has whitespace around it")
                    .label("whitespace")
                    .help(format!("write `({dest})`"))
                    .edits(edits),
            )
        })
        .collect()
}
