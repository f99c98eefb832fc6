//! `heading-level`: a heading whose level breaks the list's own pattern.
//! Where companies are `<details>` blocks (or H3s) inside an H2 and kinds
//! are subheadings of a company (`### Blog Posts`), an H2 named like a kind
//! that holds companies (`## Blog Posts`) is a subheading written one
//! level too high: the companies after it fall out of the H2 above.
//!
//! Not repaired: which level was meant is for a person to say; meanwhile
//! `fmt` moves nothing around it (`section-order` says why).

use crate::diagnostic::Violation;
use crate::registry::RuleId;
use crate::rules::context::Context;
use crate::rules::rule::{Repairs, Rule, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: RuleId::HeadingLevel,
        repairs: Repairs::Never,
        summary: "A heading named like a kind subheading (`## Blog Posts`) is an H2 among the companies kept inside an H2.",
        why: "The companies after it leave the H2 that holds them, and sorting them would move half the file.",
        bad: "## Organizations\n\n<details><summary>Acme</summary>\n\n## Blog Posts\n\n* [Title, 2021](https://example.com)\n\n</details>",
        good: "## Organizations\n\n<details><summary>Acme</summary>\n\n### Blog Posts\n\n* [Title, 2021](https://example.com)\n\n</details>",
    },
    check,
};

fn check(cx: &Context) -> Vec<Violation> {
    let doc = cx.doc;
    let Some(h) = cx.stray_container() else {
        return Vec::new();
    };
    let kinds = doc
        .headings
        .iter()
        .filter(|k| k.level > 2 && crate::model::is_kind_heading(&k.text))
        .count();
    let level = if kinds > 0 { "###" } else { "### (or lower)" };
    vec![Violation::new(
        h.range.clone(),
        format!(
            "`## {}` is an H2 among the companies, named like a kind subheading",
            h.text
        ),
    )
    .label("one level too high?")
    .help(format!(
        "write it `{level} {}`, as the list's {kinds} other kind subheadings are, so that the \
         companies below it stay under the H2 above",
        h.text
    ))]
}
