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
    let first_of = first_near(&keys);
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

/// For each name, the first name before it that is a near-duplicate of
/// it, if any.
fn first_near(keys: &[NameKeys]) -> Vec<Option<usize>> {
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
    let mut first_of: Vec<Option<usize>> = vec![None; keys.len()];
    for group in by_key.values().filter(|g| g.len() > 1) {
        // The same name written again is one class, compared once: a list
        // with a thousand `## Others` makes no million comparisons.
        let mut classes: Vec<Vec<usize>> = Vec::new();
        let mut class_of: HashMap<(&str, &str), usize> = HashMap::new();
        for &i in group {
            let key = (keys[i].sorted.as_str(), keys[i].company.as_str());
            let c = *class_of.entry(key).or_insert_with(|| {
                classes.push(Vec::new());
                classes.len() - 1
            });
            classes[c].push(i);
        }
        for (n, later) in classes.iter().enumerate() {
            for earlier in &classes[..n] {
                if !keys[earlier[0]].near(&keys[later[0]]) {
                    continue;
                }
                // Each name of one class gets the first of the other that
                // comes before it (a group, and so a class, is in file order).
                for (of, from) in [(later, earlier), (earlier, later)] {
                    let first = from[0];
                    for &b in of.iter().filter(|&&b| b > first) {
                        let slot = &mut first_of[b];
                        *slot = Some(slot.map_or(first, |f| f.min(first)));
                    }
                }
            }
        }
    }
    first_of
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Names compared by class give what comparing every pair gives,
        /// with names written again and again.
        #[test]
        fn classes_find_what_every_pair_finds(
            names in proptest::collection::vec(
                proptest::sample::select(&["Kilo Lab", "Kilo Labs", "kilo labs", "Acme", "Acme Ltd.", "Globex", "Globexx", "Glob ex", "Others", "Studio 54", "Studio 55"][..]),
                0..40,
            )
        ) {
            let keys: Vec<NameKeys> = names.iter().map(|n| NameKeys::of(n)).collect();
            let every_pair: Vec<Option<usize>> = (0..keys.len())
                .map(|b| (0..b).find(|&a| keys[a].near(&keys[b])))
                .collect();
            proptest::prop_assert_eq!(first_near(&keys), every_pair);
        }
    }
}
