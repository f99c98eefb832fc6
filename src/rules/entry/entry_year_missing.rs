//! `entry-year-missing`: an entry has no year in backticks, in a list whose
//! entries carry one (`Document::profile`: a list that keeps no years gets
//! none of these). Not repaired: only a person knows the year.

use crate::config::YearPlace;
use crate::diagnostic::Violation;
use crate::registry::RuleId;
use crate::rules::context::Context;
use crate::rules::rule::{Repairs, Rule, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: RuleId::EntryYearMissing,
        repairs: Repairs::Never,
        summary: "An entry has no year in backticks.",
        why: "Entries are sorted newest first and readers judge relevance by date.",
        bad: "- [Title](https://example.com) - :books:",
        good: "- [Title](https://example.com) - `2021` - :books:",
    },
    check,
};

fn check(cx: &Context) -> Vec<Violation> {
    let mut found = leads_without_year(cx);
    if cx.doc.profile.year.holds {
        found.extend(entries_without_year(cx));
    }
    found
}

/// Table rows, flat and nested items with no year, where most carry one.
fn leads_without_year(cx: &Context) -> Vec<Violation> {
    let c = &cx.doc.profile.leads.year;
    if !c.holds {
        return Vec::new();
    }
    cx.doc
        .leads
        .iter()
        .filter(|l| l.year_asked && l.year.is_none())
        .map(|l| {
            Violation::new(cx.lead_line(l), "entry has no year")
                .label("no year")
                .help(format!(
                    "add the year it was published where the others have it, as {} of {} entries of this list do",
                    c.count, c.of
                ))
        })
        .collect()
}

fn entries_without_year(cx: &Context) -> Vec<Violation> {
    let exempt = &cx.doc.year_exempt;
    cx.doc
        .entries
        .iter()
        .enumerate()
        .filter(|(i, _)| !exempt.get(*i).copied().unwrap_or(false))
        .map(|(_, e)| e)
        .filter(|e| cx.doc.item(e).link().is_some())
        .filter(|e| e.year_at(cx.doc.profile.year_place).is_none())
        .map(|e| {
            let p = &cx.doc.profile;
            let (label, how) = match p.year_place {
                YearPlace::InTitle => (
                    "no year at the end of the title",
                    "end the title with the year it was published, like `[Title, 2021]`",
                ),
                YearPlace::UnderHeading => (
                    "not under a year heading",
                    "move it under the heading of the year it was published, like `#### 2021`",
                ),
                _ => ("", ""),
            };
            if !how.is_empty() {
                return Violation::new(cx.first_line(e), "entry has no year")
                    .label(label)
                    .help(format!(
                        "{how}, as {} of {} entries of this list do",
                        p.year.count, p.year.of
                    ));
            }
            let found = e
                .junk()
                .iter()
                .map(|r| &cx.text()[r.range()])
                .find(|t| t.starts_with('`'))
                .map(|t| format!(" (found {t}, which is not four digits)"))
                .unwrap_or_default();
            Violation::new(cx.first_line(e), "entry has no year")
                .label("no `YYYY`")
                .help(format!(
                    "add the year it was published, like `2021` in backticks{found}"
                ))
        })
        .collect()
}
