//! `mojibake`: text that is UTF-8 read as Mac Roman or Windows-1252.
//! Found by the model (`model::mojibake`) anywhere in the file; repaired by
//! an edit that writes the original characters back.

use crate::diagnostic::{Edit, Violation};
use crate::registry::RuleId;
use crate::rules::context::Context;
use crate::rules::rule::{Repairs, Rule, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: RuleId::Mojibake,
        repairs: Repairs::Always,
        summary: "UTF-8 text misread as Mac Roman or Windows-1252, such as `Flink¬Æ`.",
        why: "The file went through a wrong text encoding once; readers see garbage where `®`, `’` or `é` should be.",
        bad: "- [Apache Flink¬Æ on Kubernetes](https://example.com) - `2024` - :books:",
        good: "- [Apache Flink® on Kubernetes](https://example.com) - `2024` - :books:",
    },
    check,
};

fn check(cx: &Context) -> Vec<Violation> {
    let text = cx.text();
    cx.doc
        .mojibake
        .iter()
        .map(|r| {
            // Show the whole word, so the reader recognises it.
            let start = text[..r.range.start]
                .rfind(char::is_whitespace)
                .map_or(0, |i| {
                    i + text[i..].chars().next().map_or(1, char::len_utf8)
                });
            let end = text[r.range.end..]
                .find(char::is_whitespace)
                .map_or(text.len(), |i| r.range.end + i);
            let before = &text[start..end];
            let after = format!(
                "{}{}{}",
                &text[start..r.range.start],
                r.replacement,
                &text[r.range.end..end]
            );
            Violation::new(
                r.range.clone(),
                format!(
                    "`{}` is mangled text (UTF-8 read as {})",
                    r.original, r.encoding
                ),
            )
            .label(format!("should be `{}`", r.replacement))
            .help(format!("`{before}` -> `{after}`"))
            .edits(vec![Edit::new(r.range.clone(), r.replacement.clone())])
        })
        .collect()
}
