//! `entry-order`: the entries of a section are not newest first (or in
//! the list's own order), or, in a list grouped by year subheadings, the
//! groups are not.
//!
//! Repair: the printer writes each list's entries in [`sorted`] order, and
//! each section's year groups whole in [`groups_sorted`] order.

use std::ops::Range;

use crate::config::{EntryOrder, YearPlace};
use crate::diagnostic::Violation;
use crate::model::{year_heading, BlockKind, Entry};
use crate::registry::RuleId;
use crate::rules::context::Context;
use crate::rules::rule::{Repairs, Rule, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: RuleId::EntryOrder,
        repairs: Repairs::Sometimes(
            "for the entries of a section and year groups; table rows, flat lists and nested items are reported and kept where they are",
        ),
        summary: "The entries of a section are not newest first (`entries.order`), or a table row stands in the wrong letter group.",
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
    let mut found = leads_out_of_order(cx);
    let order = cx.doc.profile.order.value;
    if order == EntryOrder::None {
        return found;
    }
    let mut lists: Vec<Vec<&Entry>> = Vec::new();
    for e in cx.doc.entries.iter().filter(|e| year(cx, e) != 0) {
        match lists.last_mut() {
            Some(list) if list[0].list == e.list => list.push(e),
            _ => lists.push(vec![e]),
        }
    }
    found.extend(groups_out_of_order(cx));
    found.extend(lists.iter().filter_map(|list| {
        let pair = list.windows(2).find(|w| {
            let (a, b) = (year(cx, w[0]), year(cx, w[1]));
            match order {
                EntryOrder::NewestFirst => b > a,
                _ => b < a,
            }
        })?;
        let (above, this) = (year(cx, pair[0]), year(cx, pair[1]));
        let rule = if order == EntryOrder::NewestFirst {
            "newest first"
        } else {
            "oldest first"
        };
        Some(
            Violation::new(
                cx.first_line(pair[1]),
                format!("entry from {this} is below one from {above}: entries are {rule}"),
            )
            .label("out of place")
            .help(format!(
                "move it up; fmt sorts each list by year, {rule}, keeping the order within a year"
            ))
            .fixable(true),
        )
    }));
    found
}

/// Entries of other shapes (FORMAT.md 7.1) out of their order: in each
/// group (a table, the items under one bullet, a flat list), the first
/// dated one below a neighbour it should precede; and each table row whose
/// company does not start with the letter of the group it stands in.
/// Reported, never moved: a row or a nested item carries its own lines.
fn leads_out_of_order(cx: &Context) -> Vec<Violation> {
    let doc = cx.doc;
    let order = doc.profile.leads.order.value;
    let mut found = Vec::new();
    let mut above: Option<(u32, u16)> = None;
    let mut reported: Option<u32> = None;
    for lead in &doc.leads {
        let letters = &doc.profile.leads.letters;
        if let Some((group, first)) = lead.letter.filter(|(g, f)| g != f && letters.holds) {
            let company = lead.company.map_or("", |c| &doc.text()[c.range()]);
            found.push(
                Violation::new(
                    cx.lead_line(lead),
                    format!("`{company}` stands under the letter {group}"),
                )
                .label("in the wrong letter group")
                .help(format!(
                    "its name starts with `{first}`: move the row to the group it belongs in \
                     ({} of {} rows stand under their first letter)",
                    letters.count, letters.of
                )),
            );
        }
        let Some(year) = lead.year else { continue };
        if order != EntryOrder::None && reported != Some(lead.group) {
            if let Some((_, y)) = above.filter(|(g, y)| *g == lead.group && before(order, *y, year))
            {
                let words = order_words(order);
                found.push(
                    Violation::new(
                        cx.lead_line(lead),
                        format!("entry from {year} is below one from {y}: entries are {words}"),
                    )
                    .label("out of place")
                    .help(format!(
                        "move it up: {} of {} neighbouring dated entries here are {words}",
                        doc.profile
                            .leads
                            .order
                            .newer_first
                            .max(doc.profile.leads.order.older_first),
                        doc.profile.leads.order.newer_first + doc.profile.leads.order.older_first
                    )),
                );
                reported = Some(lead.group);
            }
        }
        above = Some((lead.group, year));
    }
    found
}

/// The words for the list's order, as messages say it.
fn order_words(order: EntryOrder) -> &'static str {
    if order == EntryOrder::NewestFirst {
        "newest first"
    } else {
        "oldest first"
    }
}

/// `b` should come before `a` in the list's order.
fn before(order: EntryOrder, a: u16, b: u16) -> bool {
    match order {
        EntryOrder::NewestFirst => b > a,
        _ => b < a,
    }
}

/// A year subheading's group: the heading and what follows it up to the
/// next heading or HTML block (`</details>` closes the company, not the
/// year), as positions in `seq`, with its year.
struct YearGroup {
    year: u16,
    span: Range<usize>,
}

/// The runs of year groups that follow each other in `seq` (block indices
/// in printing order): what may be sorted among themselves.
fn year_runs(cx: &Context, seq: &[usize]) -> Vec<Vec<YearGroup>> {
    let doc = cx.doc;
    let mut runs: Vec<Vec<YearGroup>> = Vec::new();
    let mut open = false;
    let mut n = 0;
    while n < seq.len() {
        let block = &doc.blocks[seq[n]];
        let year = match block.kind {
            BlockKind::Heading(h) if doc.headings[h].level > 2 => {
                year_heading(&doc.headings[h].text)
            }
            _ => None,
        };
        let Some(year) = year else {
            open = false;
            n += 1;
            continue;
        };
        let start = n;
        n += 1;
        while n < seq.len() {
            let b = &doc.blocks[seq[n]];
            let ends = match b.kind {
                BlockKind::Heading(_) => true,
                BlockKind::List(_) => false,
                BlockKind::Other => doc.text()[b.range.clone()].trim_start().starts_with('<'),
            };
            if ends {
                break;
            }
            n += 1;
        }
        let group = YearGroup {
            year,
            span: start..n,
        };
        match runs.last_mut() {
            Some(run) if open => run.push(group),
            _ => runs.push(vec![group]),
        }
        open = true;
    }
    runs
}

/// Year groups below one they should precede, in a list whose years are
/// its subheadings.
fn groups_out_of_order(cx: &Context) -> Vec<Violation> {
    let doc = cx.doc;
    let order = doc.profile.order.value;
    if doc.profile.year_place != YearPlace::UnderHeading || order == EntryOrder::None {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (_, section) in doc.company_sections() {
        let seq: Vec<usize> = section.blocks.clone().collect();
        for run in year_runs(cx, &seq) {
            for w in run.windows(2) {
                if before(order, w[0].year, w[1].year) {
                    let heading = &doc.blocks[seq[w[1].span.start]];
                    let words = order_words(order);
                    out.push(
                        Violation::new(
                            heading.range.clone(),
                            format!(
                                "the {} group is below the {} group: year groups run {words}",
                                w[1].year, w[0].year
                            ),
                        )
                        .label("out of place")
                        .help(format!(
                            "move the heading and its entries up; fmt moves year groups whole, {words}"
                        ))
                        .fixable(true),
                    );
                }
            }
        }
    }
    out
}

/// `seq` (a section's blocks in printing order) with each run of year
/// groups sorted by year in the list's order (stable), each group whole;
/// a run where a heading is suppressed, or the rule is off, stays as it is.
/// The repair of the year groups' order.
pub fn groups_sorted(cx: &Context, seq: Vec<usize>) -> Vec<usize> {
    let doc = cx.doc;
    let order = doc.profile.order.value;
    if doc.profile.year_place != YearPlace::UnderHeading
        || order == EntryOrder::None
        || cx.config.severity(RuleId::EntryOrder).is_none()
    {
        return seq;
    }
    let mut out = seq.clone();
    for mut run in year_runs(cx, &seq) {
        let movable = run.iter().all(|g| {
            let line = doc.blocks[seq[g.span.start]].lines.start;
            cx.repairs(RuleId::EntryOrder, line)
        });
        if !movable || run.len() < 2 {
            continue;
        }
        let at = run[0].span.start;
        run.sort_by_key(|g| {
            let y = i32::from(g.year);
            if order == EntryOrder::NewestFirst {
                -y
            } else {
                y
            }
        });
        let moved: Vec<usize> = run
            .iter()
            .flat_map(|g| seq[g.span.clone()].to_vec())
            .collect();
        out.splice(at..at + moved.len(), moved);
    }
    out
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
