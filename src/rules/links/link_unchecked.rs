//! `link-unchecked` (warn): a link could not be checked: 429, a timeout, a
//! TLS failure, a server error, redirects that never end. Never "dead":
//! the next run may get through. Reported by `flinkscale links` only.

use crate::diagnostic::Violation;
use crate::links::Outcome;
use crate::registry::RuleId;
use crate::rules::context::Context;
use crate::rules::rule::{quote, Fix, Rule, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: RuleId::LinkUnchecked,
        fix: Fix::Never,
        summary: "A link could not be checked: 429, a timeout, a TLS failure, a server error or endless redirects. Checked by `flinkscale links`.",
        why: "An answer that says nothing about the page is not a dead link; it is worth a look by hand if it keeps coming back.",
        bad: "<!-- the host answers 429 Too Many Requests -->\n- [Post](https://busy.example.com/post) - `2020` - :books:",
        good: "<!-- 200 OK on the next run -->\n- [Post](https://busy.example.com/post) - `2020` - :books:",
    },
    check,
};

fn check(cx: &Context) -> Vec<Violation> {
    cx.links
        .iter()
        .filter_map(|c| {
            let Outcome::Unchecked { reason } = &c.outcome else {
                return None;
            };
            Some(
                Violation::new(
                    c.target.range.clone(),
                    format!("{} could not be checked: {reason}", quote(&c.target.url)),
                )
                .label("not checked")
                .help("open it in a browser; if it keeps failing, look for a new address"),
            )
        })
        .collect()
}
