//! `suppression-unknown` (warn): a `<!-- flinkscale-disable... -->` comment
//! names a rule that does not exist, so it suppresses nothing. Not
//! repaired: which rule was meant is the author's call; the help names the
//! closest id.

use crate::diagnostic::Violation;
use crate::registry::{closest_id, RuleId};
use crate::rules::context::Context;
use crate::rules::rule::{Repairs, Rule, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: RuleId::SuppressionUnknown,
        repairs: Repairs::Never,
        summary: "A `<!-- flinkscale-disable... -->` comment names a rule that does not exist.",
        why: "A misspelt rule id suppresses nothing, so the problem it was meant to silence is still reported, or a later one is not.",
        bad: "<!-- flinkscale-disable-next-line entry-ordr -->",
        good: "<!-- flinkscale-disable-next-line entry-order -->",
    },
    check,
};

fn check(cx: &Context) -> Vec<Violation> {
    cx.doc
        .suppressions
        .unknown
        .iter()
        .map(|(name, range)| {
            let hint = closest_id(name)
                .map(|c| format!("did you mean `{c}`? "))
                .unwrap_or_default();
            Violation::new(
                range.clone(),
                format!("suppression names `{name}`, which is no rule"),
            )
            .label("unknown rule")
            .help(format!("{hint}`flinkscale rules` lists the rule ids"))
        })
        .collect()
}
