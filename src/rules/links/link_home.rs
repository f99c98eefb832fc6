//! `link-home` (warn): a deep link whose redirects end at its site's home
//! page: the page it named is gone, and the site sends everyone to its
//! front door. Reported by `flinkscale links`; never rewritten by
//! `--fix-redirects` (the home page is not where the page went).

use crate::diagnostic::Violation;
use crate::links::Outcome;
use crate::registry::RuleId;
use crate::rules::context::Context;
use crate::rules::rule::{quote, Repairs, Rule, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: RuleId::LinkHome,
        repairs: Repairs::Never,
        summary: "A deep link (a path beyond `/`) is redirected to its site's home page (`/`, `/index.html`, `/en/`, ...): the page is gone. Checked by `flinkscale links`.",
        why: "Sites that remove a page often redirect it to the front page instead of answering 404; the link looks alive and sends readers nowhere.",
        bad: "<!-- 301 Moved Permanently to https://example.com/ -->\n- [Post](https://example.com/blog/2019/post) - `2019` - :books:",
        good: "<!-- the post's new address, or an archived copy -->\n- [Post](https://example.com/engineering/post) - `2019` - :books:",
    },
    check,
};

fn check(cx: &Context) -> Vec<Violation> {
    cx.links
        .iter()
        .filter_map(|c| {
            let Outcome::Home { to } = &c.outcome else {
                return None;
            };
            let what = if c.target.entry { "entry" } else { "link" };
            Some(
                Violation::new(
                    c.target.range.clone(),
                    format!(
                        "{} now lands on the site's home page ({to}): the page is gone",
                        quote(&c.target.url)
                    ),
                )
                .label(format!("redirected to {to}"))
                .help(format!(
                    "find where the page moved, link an archived copy, or remove the {what}; --fix-redirects leaves it"
                )),
            )
        })
        .collect()
}
