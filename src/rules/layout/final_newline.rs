//! `final-newline`: the file does not end in exactly one `\n`. Repair: the
//! printer ends its output with [`ending`].

use crate::diagnostic::Violation;
use crate::registry::RuleId;
use crate::rules::context::Context;
use crate::rules::rule::{Repairs, Rule, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: RuleId::FinalNewline,
        repairs: Repairs::Always,
        summary: "The file does not end in exactly one newline.",
        why: "POSIX tools and diffs expect one final newline; extra blank lines at the end are noise.",
        bad: "...last entry - `2021` - :books:␤␤",
        good: "...last entry - `2021` - :books:␤",
    },
    check,
};

fn check(cx: &Context) -> Vec<Violation> {
    let source = &cx.doc.source;
    let text = cx.text();
    let content_end = text.trim_end_matches(['\n', ' ', '\t']).len();
    let tail = &text[content_end..];
    // Spaces ending the last line are prose's business, not this rule's.
    let ok = tail.trim_start_matches([' ', '\t']) == "\n";
    if ok || text.is_empty() {
        return Vec::new();
    }
    // Where the report points is a line the reader sees, the one its
    // header names: the last line when it has no newline, else the first
    // blank line too many (the empty "line" after the final newline is no
    // line a viewer shows).
    let (range, message, label) = match tail.find('\n') {
        None => {
            let last = source.line_range(source.line_count().saturating_sub(1));
            (
                last,
                "the file does not end with a newline",
                "no newline after this line",
            )
        }
        Some(first) => {
            let extra = content_end + first + 1;
            (
                extra..extra,
                "the file ends with blank lines",
                "blank lines from here to the end",
            )
        }
    };
    vec![Violation::new(range, message)
        .label(label)
        .help("end the file with exactly one newline")]
}

/// How the printer ends the file: one newline, or, where the rule may not
/// repair it, the ending the file had after its last block.
pub fn ending<'t>(cx: &Context<'t>) -> &'t str {
    let source = &cx.doc.source;
    let last = source.line_count().saturating_sub(1);
    if cx.repairs(RuleId::FinalNewline, last) {
        return "\n";
    }
    let end = cx.doc.blocks.last().map_or(0, |b| b.range.end);
    cx.text().get(end..).unwrap_or("\n")
}
