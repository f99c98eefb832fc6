//! `heading-swallowed`: a line written as a heading (`## Acme`) right
//! under a lone HTML line (`<details>`, `<summary>`, `</details>`) with no
//! blank line between them. CommonMark reads both as one HTML block that
//! runs to the next blank line, so the heading is shown as plain text, its
//! anchor does not exist, and its entries fall into the section above (or
//! into the table of contents).
//!
//! Not repaired by `fmt`: the blank line that makes it a heading again
//! moves entries from one section to another, which a person should see.

use crate::diagnostic::Violation;
use crate::registry::RuleId;
use crate::rules::context::Context;
use crate::rules::rule::{quote, Repairs, Rule, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: RuleId::HeadingSwallowed,
        repairs: Repairs::Never,
        summary: "A heading line right under an HTML line (`<details>`, `</details>`, ...) with no blank line between: Markdown reads it as HTML, not as a heading.",
        why: "The heading shows as plain text, its anchor breaks, and its entries silently join the section above.",
        bad: "</details>\n## Acme\n\n- [Title](https://example.com) - `2021` - :books:",
        good: "</details>\n\n## Acme\n\n- [Title](https://example.com) - `2021` - :books:",
    },
    check,
};

fn check(cx: &Context) -> Vec<Violation> {
    cx.doc
        .swallowed
        .iter()
        .map(|s| {
            let opener = &cx.text()[s.opener.clone()];
            Violation::new(
                s.line.clone(),
                format!(
                    "{} is not read as a heading: the HTML block that starts on line {} ({}) runs on over it",
                    quote(&cx.text()[s.line.clone()]),
                    cx.line_of(s.opener.start),
                    quote(opener)
                ),
            )
            .label("read as HTML")
            .help("put a blank line right above the heading: the HTML block ends there and the heading starts its section")
        })
        .collect()
}
