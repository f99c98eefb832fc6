//! `link-unchecked` (warn): a link could not be checked (429, a TLS
//! failure, redirects that never end), or fails in a way that may pass
//! and has not lasted yet (refused, no such host, a server error, a
//! timeout: dead once it lasts). Reported by `flinkscale links` only.

use crate::diagnostic::Violation;
use crate::links::Outcome;
use crate::registry::RuleId;
use crate::rules::context::Context;
use crate::rules::rule::{quote, Repairs, Rule, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: RuleId::LinkUnchecked,
        repairs: Repairs::Never,
        summary: "A link could not be checked (429, a TLS failure, endless redirects), or fails in a way that may pass (refused, no such host, a server error, a timeout) and has not lasted long enough to be dead. Checked by `flinkscale links`.",
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
            let url = quote(&c.target.url);
            match &c.outcome {
                Outcome::Unchecked { reason } => Some(
                    Violation::new(
                        c.target.range.clone(),
                        format!("{url} could not be checked: {reason}"),
                    )
                    .label("not checked")
                    .help("open it in a browser; if it keeps failing, look for a new address"),
                ),
                Outcome::Deferred { reason, retry_at } => Some(
                    Violation::new(
                        c.target.range.clone(),
                        format!("{url} could not be checked: {reason}"),
                    )
                    .label("not checked")
                    .help(format!(
                        "run `flinkscale links` again after {}, when the host asked to be asked again, or raise --max-retry-wait to wait for it",
                        crate::clock::date_time(*retry_at)
                    )),
                ),
                Outcome::Failing { reason } => {
                    let since = c.failing.map(super::link_dead::since).unwrap_or_default();
                    Some(
                        Violation::new(
                            c.target.range.clone(),
                            format!("{url} is failing: {reason}, since {since}"),
                        )
                        .failing(c.failing)
                        .label(reason.clone())
                        .help(
                            "a host may be down for a while: it is reported dead when it still \
                             fails on a later run a day after the first (--dead-after-runs, \
                             --dead-after); keep the links cache between runs",
                        ),
                    )
                }
                _ => None,
            }
        })
        .collect()
}
