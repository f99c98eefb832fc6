//! `entry-year-invalid`: a year before `entries.min-year` or after this
//! year. Not repaired: it is a typo only a person can correct.

use crate::diagnostic::Violation;
use crate::registry::RuleId;
use crate::rules::context::Context;
use crate::rules::rule::{Repairs, Rule, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: RuleId::EntryYearInvalid,
        repairs: Repairs::Never,
        summary: "An entry's year is before `entries.min-year` (1990) or after the current year.",
        why: "A year outside that range is a typo, and it would sort the entry to the wrong place.",
        bad: "- [Title](https://example.com) - `2201` - :books:",
        good: "- [Title](https://example.com) - `2021` - :books:",
    },
    check,
};

fn check(cx: &Context) -> Vec<Violation> {
    let min = cx.config.entries.min_year;
    cx.doc
        .entries
        .iter()
        .filter_map(|e| {
            let year = e.year.as_ref()?;
            let message = if year.value < min {
                format!("year {} is before {min} (`entries.min-year`)", year.value)
            } else if year.value > cx.current_year {
                format!(
                    "year {} is in the future (it is {})",
                    year.value, cx.current_year
                )
            } else {
                return None;
            };
            Some(
                Violation::new(year.range.range(), message)
                    .label("invalid year")
                    .help("check the publication date and correct the year"),
            )
        })
        .collect()
}
