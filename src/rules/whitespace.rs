//! Layout: heading spaces, blank lines, trailing spaces, the final newline.

use super::{Context, Fix, Rule, RuleMeta};
use crate::diagnostic::{Diagnostic, Edit, Severity};
use crate::model::{BlockKind, Heading};

pub static HEADING_WHITESPACE: Rule = Rule {
    meta: RuleMeta {
        id: "heading-whitespace",
        severity: Severity::Error,
        fix: Fix::Always,
        summary: "The TOC heading or a section heading has trailing or doubled spaces.",
        why: "Invisible spaces make headings differ from their TOC items and trip up tools that compare them.",
        bad: "## Deloitte␠",
        good: "## Deloitte",
    },
    check: heading_whitespace,
};

/// The headings the model owns: the TOC heading and company section headings.
fn owned_headings<'a>(cx: &'a Context) -> impl Iterator<Item = &'a Heading> {
    let toc = cx.doc.toc.iter().map(|t| t.heading);
    let sections = cx.doc.company_sections().map(|(_, s)| s.heading);
    toc.chain(sections).map(|h| &cx.doc.headings[h])
}

fn heading_whitespace(cx: &Context) -> Vec<Diagnostic> {
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
                super::entry::whitespace_edits(&text[h.content.clone()], h.content.start)
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
                Diagnostic::new(
                    "heading-whitespace",
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

pub static BLANK_LINES: Rule = Rule {
    meta: RuleMeta {
        id: "blank-lines",
        severity: Severity::Error,
        fix: Fix::Always,
        summary: "From the TOC on, blocks are not separated by exactly one empty line (or a list has blank lines inside).",
        why: "Without a blank line some renderers glue a heading to its list; extra ones make diffs noisy.",
        bad: "## Yelp\n- [Title](https://example.com) - `2020` - :books:",
        good: "## Yelp\n\n- [Title](https://example.com) - `2020` - :books:",
    },
    check: blank_lines,
};

fn blank_lines(cx: &Context) -> Vec<Diagnostic> {
    let doc = cx.doc;
    let source = &doc.source;
    let start = doc.owned_start();
    let mut out = Vec::new();
    let at_line = |line: usize| source.line_range(line);
    for b in start..doc.blocks.len() {
        let block = &doc.blocks[b];
        let (gap_start, expected) = match b.checked_sub(1) {
            Some(prev) => (doc.blocks[prev].lines.end, 1),
            None => (0, 0),
        };
        let gap = gap_start..block.lines.start.max(gap_start);
        let joins_list = owns_list(cx, b) && crate::model::touches_list_above(&doc.blocks, b);
        let what = |b: usize| match doc.blocks[b].kind {
            BlockKind::Heading(_) => "heading",
            BlockKind::List(_) => "list",
            BlockKind::Other => "block",
        };
        if joins_list {
            // The printer joins it to the list above: any gap is inside a list.
            if !gap.is_empty() {
                out.push(
                    Diagnostic::new(
                        "blank-lines",
                        at_line(gap.start),
                        "blank line between list items",
                    )
                    .label("remove")
                    .help("write one item per line, with no blank lines between them"),
                );
            }
        } else if gap.len() < expected && !crate::model::touches_list_above(&doc.blocks, b) {
            out.push(
                Diagnostic::new(
                    "blank-lines",
                    at_line(block.lines.start),
                    format!(
                        "no blank line between this {} and the {} above it",
                        what(b),
                        what(b - 1)
                    ),
                )
                .label("needs a blank line above")
                .help("separate blocks with exactly one empty line"),
            );
        } else if gap.len() > expected {
            let surplus = gap.start + expected;
            let message = if expected == 0 {
                "blank lines at the start of the file".to_owned()
            } else {
                format!("{} blank lines in a row", gap.len())
            };
            out.push(
                Diagnostic::new("blank-lines", at_line(surplus), message)
                    .label("remove")
                    .help("separate blocks with exactly one empty line"),
            );
        } else if let Some(line) = gap.clone().find(|&l| !source.line(l).is_empty()) {
            out.push(
                Diagnostic::new("blank-lines", at_line(line), "blank line holds spaces")
                    .label("whitespace only")
                    .help("make the line empty"),
            );
        }
        if owns_list(cx, b) {
            if let BlockKind::List(list) = &block.kind {
                let inner = list.items.windows(2).find_map(|w| {
                    (w[0].lines.end()..w[1].lines.start())
                        .find(|&l| source.line(l).trim().is_empty())
                });
                if let Some(line) = inner {
                    out.push(
                        Diagnostic::new(
                            "blank-lines",
                            at_line(line),
                            "blank line between list items",
                        )
                        .label("remove")
                        .help("write one item per line, with no blank lines between them"),
                    );
                }
            }
        }
    }
    out.into_iter().map(|d| d.fixable(true)).collect()
}

/// The list is the TOC's or a company section's (the printer rewrites it).
fn owns_list(cx: &Context, block: usize) -> bool {
    let in_toc = cx
        .doc
        .toc
        .as_ref()
        .is_some_and(|t| t.blocks.contains(&block));
    in_toc
        || cx
            .doc
            .section_of_block(block)
            .is_some_and(|s| !cx.doc.sections[s].skipped)
}

pub static TRAILING_WHITESPACE: Rule = Rule {
    meta: RuleMeta {
        id: "trailing-whitespace",
        severity: Severity::Error,
        fix: Fix::Always,
        summary: "A TOC item or entry line ends in spaces or tabs (prose is left alone: two spaces there are a line break).",
        why: "Trailing spaces are invisible in review and make diffs noisy.",
        bad: "- [Title](https://example.com) - `2021` - :books:␠␠",
        good: "- [Title](https://example.com) - `2021` - :books:",
    },
    check: trailing_whitespace,
};

fn trailing_whitespace(cx: &Context) -> Vec<Diagnostic> {
    let source = &cx.doc.source;
    let toc_items = cx
        .doc
        .toc
        .iter()
        .flat_map(|t| t.items.iter().map(|i| &i.item));
    let entries = cx.doc.entries.iter().map(|e| cx.doc.item(e));
    toc_items
        .chain(entries)
        .flat_map(|item| item.lines.range())
        .filter_map(|line| {
            let range = source.line_range(line);
            let text = source.line(line);
            let trimmed = text.trim_end().len();
            (trimmed < text.len() && trimmed > 0).then(|| {
                let ws = range.start + trimmed..range.end;
                Diagnostic::new("trailing-whitespace", ws.clone(), "line ends in whitespace")
                    .label("trailing whitespace")
                    .help("remove the spaces at the end of the line")
                    .edits(vec![Edit::delete(ws)])
            })
        })
        .collect()
}

pub static FINAL_NEWLINE: Rule = Rule {
    meta: RuleMeta {
        id: "final-newline",
        severity: Severity::Error,
        fix: Fix::Always,
        summary: "The file does not end in exactly one newline.",
        why: "POSIX tools and diffs expect one final newline; extra blank lines at the end are noise.",
        bad: "...last entry - `2021` - :books:␤␤",
        good: "...last entry - `2021` - :books:␤",
    },
    check: final_newline,
};

fn final_newline(cx: &Context) -> Vec<Diagnostic> {
    let source = &cx.doc.source;
    let text = cx.text();
    let content_end = text.trim_end_matches(['\n', ' ', '\t']).len();
    let tail = &text[content_end..];
    // Spaces ending the last line are prose's business, not this rule's.
    let ok = tail.trim_start_matches([' ', '\t']) == "\n";
    if ok || text.is_empty() {
        return Vec::new();
    }
    let last = source.line_range(source.line_count().saturating_sub(1));
    let message = if !tail.contains('\n') {
        "the file does not end with a newline"
    } else {
        "the file ends with blank lines"
    };
    vec![Diagnostic::new(
        "final-newline",
        last.start..last.end.max(last.start),
        message,
    )
    .label("end of file")
    .help("end the file with exactly one newline")
    .fixable(true)]
}
