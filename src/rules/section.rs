//! `section-*`: company sections are sorted, unique and not empty.

use std::collections::HashMap;

use super::{Context, Fix, Rule, RuleMeta};
use crate::config::SectionOrder;
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{slug, sort_key};

pub static SECTION_ORDER: Rule = Rule {
    meta: RuleMeta {
        id: "section-order",
        severity: Severity::Error,
        fix: Fix::Always,
        summary: "Company sections are not in alphabetical order (ignoring case and punctuation, so `eBay` < `E.ON`).",
        why: "Alphabetical sections let readers and contributors find a company without searching.",
        bad: "## Airbnb\n...\n## Adobe\n...",
        good: "## Adobe\n...\n## Airbnb\n...",
    },
    check: section_order,
};

fn section_order(cx: &Context) -> Vec<Diagnostic> {
    if cx.config.sections.order == SectionOrder::None {
        return Vec::new();
    }
    let keyed: Vec<(String, usize)> = cx
        .doc
        .company_sections()
        .map(|(i, s)| (sort_key(&cx.doc.heading(s).text), i))
        .collect();
    let Some(pair) = keyed.windows(2).find(|w| w[1].0 < w[0].0) else {
        return Vec::new();
    };
    let above = cx.doc.heading(&cx.doc.sections[pair[0].1]);
    let this = cx.doc.heading(&cx.doc.sections[pair[1].1]);
    vec![Diagnostic::new(
        "section-order",
        this.range.clone(),
        format!(
            "section `{}` is out of alphabetical order: it sorts before `{}` above it",
            this.text, above.text
        ),
    )
    .label("out of order")
    .help("sections sort by name, ignoring case and punctuation; `flinkscale fmt --write` moves whole sections")
    .fixable(true)]
}

pub static SECTION_DUPLICATE: Rule = Rule {
    meta: RuleMeta {
        id: "section-duplicate",
        severity: Severity::Error,
        fix: Fix::Never,
        summary: "Two company sections have the same slug.",
        why: "The second section's anchor becomes `#name-1`, and readers see the company twice.",
        bad: "## Uber\n- ...\n\n## Uber\n- ...",
        good: "## Uber\n- ...\n- ...",
    },
    check: section_duplicate,
};

fn section_duplicate(cx: &Context) -> Vec<Diagnostic> {
    let mut first: HashMap<String, usize> = HashMap::new();
    let mut out = Vec::new();
    for (_, s) in cx.doc.company_sections() {
        let h = cx.doc.heading(s);
        match first.get(&slug::slug(&h.text)) {
            Some(&line) => out.push(
                Diagnostic::new(
                    "section-duplicate",
                    h.range.clone(),
                    format!("section `{}` appears twice", h.text),
                )
                .label("second occurrence")
                .help(format!(
                    "merge its entries into the section on line {line} and remove this one"
                )),
            ),
            None => {
                first.insert(slug::slug(&h.text), cx.line_of(h.range.start));
            }
        }
    }
    out
}

pub static SECTION_EMPTY: Rule = Rule {
    meta: RuleMeta {
        id: "section-empty",
        severity: Severity::Error,
        fix: Fix::Never,
        summary: "A company section has no entries.",
        why: "An empty section promises content that is not there; it is usually a half-finished contribution.",
        bad: "## Adobe\n\n## Airbnb\n- ...",
        good: "## Adobe\n\n- [Title](https://example.com) - `2021` - :books:",
    },
    check: section_empty,
};

fn section_empty(cx: &Context) -> Vec<Diagnostic> {
    cx.doc
        .company_sections()
        .filter(|(_, s)| s.entries.is_empty())
        .map(|(_, s)| {
            let h = cx.doc.heading(s);
            Diagnostic::new("section-empty", h.range.clone(), format!("section `{}` has no entries", h.text))
                .label("empty")
                .help(format!(
                    "add an entry, remove the section, or list it in `sections.skip` if `{}` is not a company",
                    h.text
                ))
        })
        .collect()
}
