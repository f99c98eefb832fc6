//! `toc-*`: the table of contents names every section, once, in order.

use super::{quote, Context, Fix, Rule, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::toc::ItemMatch;

pub static TOC_MISSING: Rule = Rule {
    meta: RuleMeta {
        id: "toc-missing",
        severity: Severity::Error,
        fix: Fix::Always,
        summary: "The list has company sections but no Table of Contents heading (`toc.heading`).",
        why: "Readers jump to a company from the TOC; without one a long list is a scroll.",
        bad: "# Flink at scale\n\n## Adobe\n\n- [Title](https://example.com) - `2021` - :books:",
        good: "# Flink at scale\n\n## Table of Contents\n\n1. [Adobe](#adobe)\n\n## Adobe\n\n- [Title](https://example.com) - `2021` - :books:",
    },
    check: toc_missing,
};

fn toc_missing(cx: &Context) -> Vec<Diagnostic> {
    if cx.doc.toc.is_some() {
        return Vec::new();
    }
    let Some((_, first)) = cx.doc.company_sections().next() else {
        return Vec::new();
    };
    let heading = cx.doc.heading(first);
    vec![Diagnostic::new(
        "toc-missing",
        heading.range.clone(),
        format!("the list has no `## {}` heading", cx.config.toc.heading),
    )
    .label("first section")
    .help(format!(
        "add `## {}` with one item per section before the first section",
        cx.config.toc.heading
    ))
    .fixable(true)]
}

pub static TOC_ENTRY_MISSING: Rule = Rule {
    meta: RuleMeta {
        id: "toc-entry-missing",
        severity: Severity::Error,
        fix: Fix::Always,
        summary: "A company section has no item in the Table of Contents.",
        why: "A section missing from the TOC is invisible to readers who navigate by it.",
        bad: "1. [Adobe](#adobe)\n\n## Adobe\n...\n## Airbnb\n...",
        good: "1. [Adobe](#adobe)\n1. [Airbnb](#airbnb)\n\n## Adobe\n...\n## Airbnb\n...",
    },
    check: toc_entry_missing,
};

fn toc_entry_missing(cx: &Context) -> Vec<Diagnostic> {
    if cx.doc.toc.is_none() {
        return Vec::new();
    }
    // A second section with the same name is `section-duplicate`'s.
    let mut seen = std::collections::HashSet::new();
    cx.doc
        .company_sections()
        .filter(|(_, s)| seen.insert(crate::model::slug::slug(&cx.doc.heading(s).text)))
        .filter(|(i, _)| cx.toc.section_item[*i].is_none())
        .map(|(_, s)| {
            let h = cx.doc.heading(s);
            Diagnostic::new(
                "toc-entry-missing",
                h.range.clone(),
                format!("section `{}` has no item in the table of contents", h.text),
            )
            .label("not in the TOC")
            .help(format!(
                "add `1. [{}](#{})` to the table of contents",
                h.text, h.slug
            ))
            .fixable(true)
        })
        .collect()
}

pub static TOC_ENTRY_EXTRA: Rule = Rule {
    meta: RuleMeta {
        id: "toc-entry-extra",
        severity: Severity::Error,
        fix: Fix::Always,
        summary: "A TOC item whose text and fragment both name no section, or that repeats an earlier item.",
        why: "A TOC item that leads nowhere is a dead link for every reader.",
        bad: "1. [Adobe](#adobe)\n1. [Oracle](#oracle)\n\n## Adobe",
        good: "1. [Adobe](#adobe)\n\n## Adobe",
    },
    check: toc_entry_extra,
};

fn toc_entry_extra(cx: &Context) -> Vec<Diagnostic> {
    let Some(toc) = &cx.doc.toc else {
        return Vec::new();
    };
    toc.items
        .iter()
        .zip(&cx.toc.items)
        .filter_map(|(item, matched)| {
            let range = item.item.range;
            let written = quote(&cx.text()[range.range()]);
            let d = match matched {
                ItemMatch::Extra => Diagnostic::new(
                    "toc-entry-extra",
                    range.range(),
                    format!("TOC item {written} names no section"),
                )
                .label("no such section")
                .help("remove the item, or add the section it should point to"),
                ItemMatch::Duplicate(s) => {
                    let first = cx.toc.section_item[*s].map(|i| &toc.items[i]);
                    let line = first.map_or(0, |f| cx.line_of(f.item.range.start()));
                    Diagnostic::new(
                        "toc-entry-extra",
                        range.range(),
                        format!(
                            "TOC item {written} repeats the item for `{}` on line {line}",
                            cx.doc.heading(&cx.doc.sections[*s]).text
                        ),
                    )
                    .label("duplicate")
                    .help("remove this item")
                }
                _ => return None,
            };
            Some(d.fixable(true))
        })
        .collect()
}

pub static TOC_ORDER: Rule = Rule {
    meta: RuleMeta {
        id: "toc-order",
        severity: Severity::Error,
        fix: Fix::Always,
        summary: "The TOC items are not in the order of the sections (as sorted, when `sections.order` is alphabetical).",
        why: "A TOC that follows the page lets readers scan it like the page itself.",
        bad: "1. [Airbnb](#airbnb)\n1. [Adobe](#adobe)\n\n## Adobe\n...\n## Airbnb",
        good: "1. [Adobe](#adobe)\n1. [Airbnb](#airbnb)\n\n## Adobe\n...\n## Airbnb",
    },
    check: toc_order,
};

/// Compares the TOC with the order the sections will have after `fmt`, so
/// that sections out of order are one defect (`section-order`), not two.
fn toc_order(cx: &Context) -> Vec<Diagnostic> {
    let Some(toc) = &cx.doc.toc else {
        return Vec::new();
    };
    let mut rank = vec![0; cx.doc.sections.len()];
    for (r, s) in cx
        .doc
        .canonical_section_order(cx.config)
        .into_iter()
        .enumerate()
    {
        rank[s] = r;
    }
    let placed: Vec<(usize, usize)> = cx
        .toc
        .items
        .iter()
        .enumerate()
        .filter_map(|(i, m)| Some((i, m.section()?)))
        .collect();
    let Some(pair) = placed.windows(2).find(|w| rank[w[1].1] < rank[w[0].1]) else {
        return Vec::new();
    };
    let (item, section) = pair[1];
    let above = cx.doc.heading(&cx.doc.sections[pair[0].1]);
    let this = cx.doc.heading(&cx.doc.sections[section]);
    vec![Diagnostic::new(
        "toc-order",
        toc.items[item].item.range.range(),
        format!(
            "TOC item `{}` is out of order: it belongs before `{}`",
            toc.items[item].text, above.text
        ),
    )
    .label("out of order")
    .help(format!(
        "list TOC items in the order of the sections; `## {}` is on line {}",
        this.text,
        cx.line_of(this.range.start)
    ))
    .fixable(true)]
}

pub static TOC_TEXT: Rule = Rule {
    meta: RuleMeta {
        id: "toc-text",
        severity: Severity::Error,
        fix: Fix::Always,
        summary: "A TOC item's text differs from the heading of the section it links to.",
        why: "The TOC should say exactly what the reader will find when they click.",
        bad: "1. [Ebay](#ebay)\n\n## eBay",
        good: "1. [eBay](#ebay)\n\n## eBay",
    },
    check: toc_text,
};

fn toc_text(cx: &Context) -> Vec<Diagnostic> {
    let Some(toc) = &cx.doc.toc else {
        return Vec::new();
    };
    toc.items
        .iter()
        .zip(&cx.toc.items)
        .filter_map(|(item, matched)| {
            let section = match matched {
                ItemMatch::Exact(s) | ItemMatch::Case(s) => *s,
                ItemMatch::TextOnly(s) if item.item.link().is_none() => *s,
                _ => return None,
            };
            let heading = cx.doc.heading(&cx.doc.sections[section]);
            let message = if item.item.link().is_none() {
                format!("TOC item `{}` is not a link to its section", item.text)
            } else if item.text != heading.text {
                format!(
                    "TOC item text `{}` differs from its heading `{}`",
                    item.text, heading.text
                )
            } else {
                return None;
            };
            Some(
                Diagnostic::new("toc-text", item.item.range.range(), message)
                    .label("differs from the heading")
                    .help(format!("write `[{}](#{})`", heading.text, heading.slug))
                    .fixable(true),
            )
        })
        .collect()
}
