//! `section-empty`: a company section with no entries. Not repaired.

use crate::diagnostic::Violation;
use crate::registry::RuleId;
use crate::rules::context::Context;
use crate::rules::rule::{Repairs, Rule, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: RuleId::SectionEmpty,
        repairs: Repairs::Never,
        summary: "A company section has no entries.",
        why: "An empty section promises content that is not there; it is usually a half-finished contribution.",
        bad: "## Adobe\n\n## Airbnb\n- ...",
        good: "## Adobe\n\n- [Title](https://example.com) - `2021` - :books:",
    },
    check,
};

fn check(cx: &Context) -> Vec<Violation> {
    // A page of companies using X lists many with no write-ups: an empty
    // section is an exception only where most hold entries.
    if !cx.doc.profile.filled.holds {
        return Vec::new();
    }
    cx.doc
        .company_sections()
        .filter(|(_, s)| s.entries.is_empty() && cx.doc.leads_in(s).is_empty())
        .map(|(_, s)| {
            let h = cx.doc.heading(s);
            Violation::new(h.range.clone(), format!("section `{}` has no entries", h.text))
                .label("empty")
                .help(format!(
                    "add an entry, remove the section, or list it in `sections.skip` if `{}` is not a company",
                    h.text
                ))
        })
        .collect()
}
