//! `trailing-whitespace`: a TOC item or entry line ends in spaces. Repair:
//! an edit that deletes them.

use crate::diagnostic::{Edit, Violation};
use crate::registry::RuleId;
use crate::rules::context::Context;
use crate::rules::rule::{Repairs, Rule, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: RuleId::TrailingWhitespace,
        repairs: Repairs::Always,
        summary: "A TOC item or entry line ends in spaces or tabs (prose is left alone: two spaces there are a line break).",
        why: "Trailing spaces are invisible in review and make diffs noisy.",
        bad: "- [Title](https://example.com) - `2021` - :books:␠␠",
        good: "- [Title](https://example.com) - `2021` - :books:",
    },
    check,
};

fn check(cx: &Context) -> Vec<Violation> {
    let source = &cx.doc.source;
    let toc_items = cx
        .doc
        .toc
        .iter()
        .flat_map(|t| t.items.iter().map(|i| &i.item));
    let entries = cx.doc.entries.iter().map(|e| cx.doc.item(e));
    toc_items
        .chain(entries)
        .flat_map(|item| item.lines.range().map(move |line| (item, line)))
        .filter_map(|(item, line)| {
            let range = source.line_range(line);
            let text = source.line(line);
            let trimmed = text.trim_end().len();
            let hard_break = text.ends_with("  ")
                && line + 1 < item.lines.end()
                && !source.line(line + 1).trim().is_empty();
            (trimmed < text.len() && trimmed > 0 && !hard_break).then(|| {
                let ws = range.start + trimmed..range.end;
                Violation::new(ws.clone(), "line ends in whitespace")
                    .label("trailing whitespace")
                    .help("remove the spaces at the end of the line")
                    .edits(vec![Edit::delete(ws)])
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::config::Config;
    use crate::source::Source;

    fn trailing(text: &str) -> Vec<usize> {
        let (doc, found) = crate::rules::lint(Source::new("t", text), &Config::default(), 2026);
        found
            .iter()
            .filter(|d| d.rule == crate::registry::RuleId::TrailingWhitespace)
            .map(|d| doc.source.line_index(d.range.start) + 1)
            .collect()
    }

    /// Two spaces before a line that goes on with the entry are a hard
    /// line break: the list's Markdown, kept. At the end of the entry they
    /// render as nothing, and are reported.
    #[test]
    fn a_hard_line_break_is_not_trailing_whitespace() {
        let text = "## Table of Contents\n\n1. [A](#a)\n\n## A\n\n\
                    - [One](https://a.example/1) - `2021` - :books:  \n  a note on its own line\n\
                    - [Two](https://a.example/2) - `2020` - :books:  \n";
        assert_eq!(trailing(text), [9]);
    }
}
