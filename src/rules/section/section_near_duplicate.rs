//! `section-near-duplicate` (a warning): two companies of the list whose
//! names are one company written two ways: a legal suffix, case, spacing,
//! punctuation, or one letter off in a long name (`Kilo Lab` and `Kilo
//! Labs`, `eBay Inc.` and `eBay`; `model::normalise::near_miss`). Not
//! repaired: whether they are one company is a person's call. `flinkscale
//! add` takes such a near-miss as the existing company.

use std::collections::HashMap;

use crate::diagnostic::Violation;
use crate::model::normalise::NameKeys;
use crate::registry::RuleId;
use crate::rules::context::Context;
use crate::rules::rule::{Repairs, Rule, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: RuleId::SectionNearDuplicate,
        repairs: Repairs::Never,
        summary: "Two companies whose names differ only by a legal suffix, punctuation or one letter (`Kilo Lab` and `Kilo Labs`).",
        why: "One company in two places splits its entries, and readers find half of them.",
        bad: "## Kilo Lab\n\n- ...\n\n## Kilo Labs\n\n- ...",
        good: "## Kilo Labs\n\n- ...\n- ...",
    },
    check,
};

fn check(cx: &Context) -> Vec<Violation> {
    let doc = cx.doc;
    // The companies, as (name, where it is written), in file order.
    let companies: Vec<(&str, std::ops::Range<usize>)> = if doc.profile.details {
        doc.details
            .iter()
            .map(|d| (d.name.as_str(), d.name_range.clone()))
            .collect()
    } else {
        doc.company_sections()
            .map(|(_, s)| {
                let h = doc.heading(s);
                (h.text.as_str(), h.range.clone())
            })
            .collect()
    };
    let keys: Vec<NameKeys> = companies.iter().map(|(n, _)| NameKeys::of(n)).collect();
    // Candidates without comparing every pair: names sharing their key, or
    // a key with one letter deleted (two keys one letter apart share one).
    // Digits are never deleted: a digit is never the letter off.
    let mut by_key: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, k) in keys.iter().enumerate() {
        let key = &k.company;
        by_key.entry(key.clone()).or_default().push(i);
        if key.chars().count() >= 6 {
            for (skip, c) in key.char_indices() {
                if !c.is_ascii_digit() {
                    let shorter = format!("{}{}", &key[..skip], &key[skip + c.len_utf8()..]);
                    by_key.entry(shorter).or_default().push(i);
                }
            }
        }
    }
    let mut first_of: Vec<Option<usize>> = vec![None; companies.len()];
    for group in by_key.values().filter(|g| g.len() > 1) {
        for (n, &later) in group.iter().enumerate() {
            for &earlier in &group[..n] {
                let (a, b) = (earlier.min(later), earlier.max(later));
                if a != b && keys[a].near(&keys[b]) {
                    let slot = &mut first_of[b];
                    *slot = Some(slot.map_or(a, |f| f.min(a)));
                }
            }
        }
    }
    first_of
        .iter()
        .enumerate()
        .filter_map(|(b, a)| {
            let a = (*a)?;
            let (name, range) = &companies[b];
            let (other, at) = &companies[a];
            Some(
                Violation::new(
                    range.clone(),
                    format!("`{name}` and `{other}` look like one company"),
                )
                .label("near-duplicate")
                .help(format!(
                    "merge it with `{other}` (line {}) under one name; if they are two companies, \
                     put `<!-- flinkscale-disable-next-line section-near-duplicate -->` above this line",
                    cx.line_of(at.start)
                )),
            )
        })
        .collect()
}
