//! `section-duplicate`: two company sections with the same slug. Not
//! repaired: merging two sections is a person's decision.

use std::collections::HashMap;

use crate::diagnostic::Violation;
use crate::model::slug::slug;
use crate::registry::RuleId;
use crate::rules::context::Context;
use crate::rules::rule::{Repairs, Rule, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: RuleId::SectionDuplicate,
        repairs: Repairs::Never,
        summary: "Two company sections have the same slug.",
        why: "The second section's anchor becomes `#name-1`, and readers see the company twice.",
        bad: "## Uber\n- ...\n\n## Uber\n- ...",
        good: "## Uber\n- ...\n- ...",
    },
    check,
};

fn check(cx: &Context) -> Vec<Violation> {
    let mut first: HashMap<String, usize> = HashMap::new();
    let mut out = Vec::new();
    for (_, s) in cx.doc.company_sections() {
        let h = cx.doc.heading(s);
        match first.get(&slug(&h.rendered)) {
            Some(&line) => out.push(
                Violation::new(
                    h.range.clone(),
                    format!("section `{}` appears twice", h.text),
                )
                .label("second occurrence")
                .help(format!(
                    "merge its entries into the section on line {line} and remove this one"
                )),
            ),
            None => {
                first.insert(slug(&h.rendered), cx.line_of(h.range.start));
            }
        }
    }
    out
}
