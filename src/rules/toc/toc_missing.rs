//! `toc-missing`: the list has company sections but no table of contents.
//!
//! Repair: the printer writes a new TOC before the first section
//! (`format::toc`).

use crate::diagnostic::Violation;
use crate::registry::RuleId;
use crate::rules::context::Context;
use crate::rules::rule::{Repairs, Rule, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: RuleId::TocMissing,
        repairs: Repairs::Always,
        summary: "The list has company sections but no table of contents: no `toc.heading` H2 and no H2 shaped like one.",
        why: "Readers jump to a company from the TOC; without one a long list is a scroll.",
        bad: "# Flink at scale\n\n## Adobe\n\n- [Title](https://example.com) - `2021` - :books:",
        good: "# Flink at scale\n\n## Table of Contents\n\n1. [Adobe](#adobe)\n\n## Adobe\n\n- [Title](https://example.com) - `2021` - :books:",
    },
    check,
};

fn check(cx: &Context) -> Vec<Violation> {
    // Companies in `<details>` blocks have no anchors to list: only a list
    // whose companies are headings needs a TOC; and only a list of the
    // at-scale shape keeps one by default (FORMAT.md section 7.2: no TOC
    // is added to a list that keeps none).
    if cx.doc.toc.is_some() || cx.doc.profile.details || !cx.doc.profile.at_scale {
        return Vec::new();
    }
    let Some((_, first)) = cx.doc.company_sections().next() else {
        return Vec::new();
    };
    let heading = cx.doc.heading(first);
    vec![Violation::new(
        heading.range.clone(),
        format!("the list has no `## {}` heading", cx.config.toc.heading),
    )
    .label("first section")
    .help(format!(
        "add `## {}` with one item per section before the first section; a table of \
         contents under another name is found by its shape (one list of in-page links), \
         or named in `toc.heading` in flinkscale.toml",
        cx.config.toc.heading
    ))]
}
