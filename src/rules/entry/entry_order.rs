//! `entry-order`: the entries of a section are not newest first.
//!
//! Repair: the printer writes each list's entries in [`sorted`] order.

use crate::config::EntryOrder;
use crate::diagnostic::Violation;
use crate::model::Entry;
use crate::registry::RuleId;
use crate::rules::context::Context;
use crate::rules::rule::{Fix, Rule, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: RuleId::EntryOrder,
        fix: Fix::Always,
        summary: "The entries of a section are not newest first (`entries.order`).",
        why: "Newest first puts what is current at the top of each company.",
        bad: "- [Old](https://example.com/a) - `2019` - :books:\n- [New](https://example.com/b) - `2023` - :books:",
        good: "- [New](https://example.com/b) - `2023` - :books:\n- [Old](https://example.com/a) - `2019` - :books:",
    },
    check,
};

fn year(cx: &Context, e: &Entry) -> u16 {
    e.year_at(cx.doc.profile.year_place).unwrap_or(0)
}

fn check(cx: &Context) -> Vec<Violation> {
    let order = cx.doc.profile.order.value;
    if order == EntryOrder::None {
        return Vec::new();
    }
    let mut lists: Vec<Vec<&Entry>> = Vec::new();
    for e in cx.doc.entries.iter().filter(|e| year(cx, e) != 0) {
        match lists.last_mut() {
            Some(list) if list[0].list == e.list => list.push(e),
            _ => lists.push(vec![e]),
        }
    }
    lists
        .iter()
        .filter_map(|list| {
            let pair = list.windows(2).find(|w| {
                let (a, b) = (year(cx, w[0]), year(cx, w[1]));
                match order {
                    EntryOrder::NewestFirst => b > a,
                    _ => b < a,
                }
            })?;
            let (above, this) = (year(cx, pair[0]), year(cx, pair[1]));
            let rule = if order == EntryOrder::NewestFirst { "newest first" } else { "oldest first" };
            Some(
                Violation::new(
                    cx.first_line(pair[1]),
                    format!("entry from {this} is below one from {above}: entries are {rule}"),
                )
                .label("out of place")
                .help(format!(
                    "move it up; fmt sorts each list by year, {rule}, keeping the order within a year"
                )),
            )
        })
        .collect()
}

/// One list's entries in the configured order: a stable sort by year.
/// Entries with no year keep their places, and so do entries a suppression
/// covers; with the rule off nothing moves. The repair of this rule.
pub fn sorted<'e>(cx: &Context, entries: Vec<&'e Entry>) -> Vec<&'e Entry> {
    let order = cx.doc.profile.order.value;
    if order == EntryOrder::None || cx.config.severity(RuleId::EntryOrder).is_none() {
        return entries;
    }
    let stays = |e: &Entry| {
        year(cx, e) == 0 || !cx.repairs(RuleId::EntryOrder, cx.doc.item(e).lines.start())
    };
    let mut dated: Vec<&Entry> = entries.iter().copied().filter(|e| !stays(e)).collect();
    dated.sort_by_key(|e| {
        let y = i32::from(year(cx, e));
        if order == EntryOrder::NewestFirst {
            -y
        } else {
            y
        }
    });
    let mut dated = dated.into_iter();
    entries
        .into_iter()
        .map(|e| {
            if stays(e) {
                e
            } else {
                dated.next().unwrap_or(e)
            }
        })
        .collect()
}
