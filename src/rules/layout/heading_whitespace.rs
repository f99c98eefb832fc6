//! `heading-whitespace`: trailing or doubled spaces in the TOC heading or a
//! company heading. Repair: edits that fold and trim them, and the printer
//! writes such a heading as `## Text` ([`print`]).

use crate::diagnostic::space_edits;
use crate::diagnostic::{Edit, Violation};
use crate::model::Heading;
use crate::registry::RuleId;
use crate::rules::context::Context;
use crate::rules::rule::{Repairs, Rule, RuleMeta};
use crate::write::patch::Patcher;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: RuleId::HeadingWhitespace,
        repairs: Repairs::Always,
        summary: "The TOC heading or a section heading has trailing or doubled spaces.",
        why: "Invisible spaces make headings differ from their TOC items and trip up tools that compare them.",
        bad: "## Deloitte␠",
        good: "## Deloitte",
    },
    check,
};

/// The headings the model owns: the TOC heading and company section headings.
fn owned_headings<'a>(cx: &'a Context) -> impl Iterator<Item = &'a Heading> {
    let toc = cx.doc.toc.iter().filter_map(|t| t.heading);
    let sections = cx.doc.company_sections().map(|(_, s)| s.heading);
    toc.chain(sections).map(|h| &cx.doc.headings[h])
}

fn check(cx: &Context) -> Vec<Violation> {
    let text = cx.text();
    owned_headings(cx)
        .filter_map(|h| {
            let line = &text[h.range.clone()];
            let mut edits = Vec::new();
            // `## ` and what follows the text are an ATX heading's own; a
            // setext heading (`Text` over `---`) has only its text, which
            // fmt writes as `## Text`.
            if h.atx {
                let hashes = line.len() - line.trim_start_matches('#').len();
                let gap = h.range.start + hashes..h.content.start.max(h.range.start + hashes);
                if text[gap.clone()].len() > 1 && text[gap.clone()].trim().is_empty() {
                    edits.push(Edit::new(gap, " "));
                }
            }
            edits.extend(
                // Spaces, tabs and line breaks only: a no-break or other space is a
                // character the author chose, and GitHub's slug drops it.
                space_edits(&text[h.content.clone()], h.content.start, |c| {
                    matches!(c, ' ' | '\t' | '\n')
                })
                .into_iter()
                .filter(|e| !e.replacement.is_empty()),
            );
            let tail = h.content.end..h.range.end;
            if h.atx && !text[tail.clone()].is_empty() && text[tail.clone()].trim().is_empty() {
                edits.push(Edit::delete(tail));
            }
            let first = edits.first()?.range.clone();
            let trailing = edits.last().is_some_and(|e| e.range.end == h.range.end);
            let what = if trailing {
                "trailing whitespace"
            } else if edits.iter().any(|e| text[e.range.clone()].contains('\n')) {
                "a line break in it"
            } else {
                "doubled spaces"
            };
            Some(
                Violation::new(
                    first.start..edits.last()?.range.end.max(first.end),
                    format!("heading `{}` has {what}", h.text),
                )
                .label(what)
                .help(format!("write `## {}`", h.text))
                .edits(edits),
            )
        })
        .collect()
}

/// `## Heading` for a heading the model owns (the TOC heading, a company
/// section's), with its local repairs: how the printer writes it. Where the
/// rule may not repair it, the heading is written as it stands.
pub fn print(cx: &Context, p: &Patcher, heading: usize) -> String {
    let h = &cx.doc.headings[heading];
    if !cx.repairs(
        RuleId::HeadingWhitespace,
        cx.doc.source.line_index(h.range.start),
    ) {
        return p.slice(h.range.clone());
    }
    format!(
        "{} {}",
        "#".repeat(usize::from(h.level)),
        p.slice(h.content.clone())
    )
}
