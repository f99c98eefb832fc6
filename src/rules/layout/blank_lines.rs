//! `blank-lines`: from the TOC on, blocks are not separated by exactly one
//! empty line, or a list has blank lines inside. Repair: the printer writes
//! every block it owns, then one empty line (`format::printer`), and prints
//! touching lists as one.

use crate::diagnostic::Violation;
use crate::model::profile::GapRule;
use crate::model::{touches_list_above, BlockKind, ListItem};
use crate::registry::RuleId;
use crate::rules::context::Context;
use crate::rules::rule::{Repairs, Rule, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: RuleId::BlankLines,
        repairs: Repairs::Always,
        summary: "From the TOC on, blocks are not separated by exactly one empty line (or a list has blank lines inside).",
        why: "Without a blank line some renderers glue a heading to its list; extra ones make diffs noisy.",
        bad: "## Yelp\n- [Title](https://example.com) - `2020` - :books:",
        good: "## Yelp\n\n- [Title](https://example.com) - `2020` - :books:",
    },
    check,
};

fn check(cx: &Context) -> Vec<Violation> {
    let doc = cx.doc;
    let source = &doc.source;
    let start = doc.owned_start();
    let mut out = Vec::new();
    let at_line = |line: usize| source.line_range(line);
    for b in start..doc.blocks.len() {
        let block = &doc.blocks[b];
        let lenient = keeps_own_spacing(cx, b);
        let under = under_heading(cx, b);
        let (gap_start, expected) = match b.checked_sub(1) {
            Some(prev) => (
                doc.blocks[prev].lines.end,
                usize::from(under != GapRule::Tight),
            ),
            None => (0, 0),
        };
        let gap = gap_start..block.lines.start.max(gap_start);
        let joins_list = owns_list(cx, b) && joins_list_above(cx, b);
        let what = |b: usize| match doc.blocks[b].kind {
            BlockKind::Heading(_) => "heading",
            BlockKind::List(_) => "list",
            BlockKind::Other => "block",
        };
        if beside_comment(cx, b) {
            // Left as written (see `beside_comment`).
        } else if joins_list {
            // The printer joins it to the list above: any gap is inside a list.
            if !gap.is_empty() && !lenient {
                out.push(
                    Violation::new(at_line(gap.start), "blank line between list items")
                        .label("remove")
                        .help("write one item per line, with no blank lines between them"),
                );
            }
        } else if gap.len() < expected
            && !joins_list_above(cx, b)
            && under == GapRule::Blank
            && !lenient
        {
            out.push(
                Violation::new(
                    at_line(block.lines.start),
                    format!(
                        "no blank line between this {} and the {} above it",
                        what(b),
                        what(b - 1)
                    ),
                )
                .label("needs a blank line above")
                .help(SEPARATE),
            );
        } else if gap.len() > expected {
            let surplus = gap.start + expected;
            let (message, help) = if b == 0 {
                (
                    "blank lines at the start of the file".to_owned(),
                    SEPARATE.to_owned(),
                )
            } else if expected == 0 {
                let g = doc.profile.under_heading;
                (
                    "blank line between this heading and what follows it".to_owned(),
                    format!(
                        "this list writes what follows a heading right under it ({} of {} headings); \
                         remove the blank line, or set `sections.blank-line-after-heading` in flinkscale.toml",
                        g.tight,
                        g.blank + g.tight
                    ),
                )
            } else {
                (
                    format!("{} blank lines in a row", gap.len()),
                    SEPARATE.to_owned(),
                )
            };
            out.push(
                Violation::new(at_line(surplus), message)
                    .label("remove")
                    .help(help),
            );
        } else if let Some(line) = gap.clone().find(|&l| !source.line(l).is_empty()) {
            out.push(
                Violation::new(at_line(line), "blank line holds spaces")
                    .label("whitespace only")
                    .help("make the line empty"),
            );
        }
        if owns_list(cx, b) && !lenient {
            if let BlockKind::List(list) = &block.kind {
                let inner = list.items.windows(2).find_map(|w| {
                    (w[0].lines.end()..w[1].lines.start())
                        .find(|&l| source.line(l).trim().is_empty())
                });
                if let Some(line) = inner {
                    out.push(
                        Violation::new(at_line(line), "blank line between list items")
                            .label("remove")
                            .help("write one item per line, with no blank lines between them"),
                    );
                }
            }
        }
    }
    out
}

const SEPARATE: &str = "separate blocks with exactly one empty line";

/// A list of another shape than the at-scale one keeps its own spacing
/// (FORMAT.md section 7.2): a loose list (blank lines between items), two
/// lists that touch, and a block written right under another are its
/// Markdown, not defects. Only surplus blank lines (two or more in a row)
/// are reported there, and blank lines that hold spaces.
/// Block `b` keeps it; not in the TOC's region, which `fmt` writes anew,
/// so its spacing is `fmt`'s in any list.
fn keeps_own_spacing(cx: &Context, b: usize) -> bool {
    !cx.doc.profile.at_scale && !cx.doc.toc.as_ref().is_some_and(|t| t.blocks.contains(&b))
}

/// What may stand above block `b`: the list's gap under headings
/// (`Profile::under_heading`) right under one of the model's headings, one
/// blank line anywhere else.
fn under_heading(cx: &Context, b: usize) -> GapRule {
    let profile = &cx.doc.profile;
    let under = b.checked_sub(1).is_some_and(|prev| {
        prev >= cx.doc.owned_start() && matches!(cx.doc.blocks[prev].kind, BlockKind::Heading(_))
    });
    if under {
        profile.under_heading.rule
    } else {
        GapRule::Blank
    }
}

/// Block `b` is a list that the printer joins to the list right above it
/// (CommonMark made two of them because the bullet changed): not when
/// either is content the TOC's region keeps as written, a block of its own.
fn joins_list_above(cx: &Context, b: usize) -> bool {
    touches_list_above(&cx.doc.blocks, b) && !cx.kept_toc_list(b) && !cx.kept_toc_list(b - 1)
}

/// The list is the TOC's or a company section's (the printer rewrites it),
/// not one that the TOC's region keeps as written.
fn owns_list(cx: &Context, block: usize) -> bool {
    if cx.kept_toc_list(block) {
        return false;
    }
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

/// Block `b` or the one above it is a suppression comment: the lines
/// between them are left as written, so that a comment stays right above
/// the line it covers (and may stand inside a list).
fn beside_comment(cx: &Context, b: usize) -> bool {
    let doc = cx.doc;
    let comment = |b: usize| {
        matches!(doc.blocks[b].kind, BlockKind::Other)
            && doc.suppressions.comment_on(doc.blocks[b].lines.start)
    };
    comment(b) || b.checked_sub(1).is_some_and(comment)
}

/// How the printer separates input block `b` from the block written before
/// it: one blank line (a new line only, for a list that touches the list
/// above), or, where the rule may not repair it, the lines the input had
/// before `b`. `None` for a block the input did not have.
pub fn gap_before<'t>(cx: &Context<'t>, b: Option<usize>) -> &'t str {
    let Some(b) = b else {
        return "\n\n";
    };
    let doc = cx.doc;
    let block = &doc.blocks[b];
    let under = under_heading(cx, b);
    let either =
        under == GapRule::Either && doc.blocks[b].lines.start <= doc.blocks[b - 1].lines.end + 1;
    let before = b.checked_sub(1).map_or(0, |p| doc.blocks[p].range.end);
    let input_gap = cx
        .text()
        .get(before..block.range.start)
        .filter(|gap| gap.contains('\n'));
    if !cx.repairs(RuleId::BlankLines, block.lines.start) || beside_comment(cx, b) || either {
        if let Some(gap) = input_gap {
            return gap;
        }
    }
    // A list that keeps its own spacing keeps a missing blank line; what
    // the rule reports there (surplus blank lines, spaces) is repaired.
    if keeps_own_spacing(cx, b) {
        let expected = usize::from(under != GapRule::Tight);
        if let Some(gap) =
            input_gap.filter(|g| g.bytes().all(|c| c == b'\n') && g.len() <= expected + 1 && b > 0)
        {
            return gap;
        }
    }
    if joins_list_above(cx, b) || under == GapRule::Tight {
        "\n"
    } else {
        "\n\n"
    }
}

/// How the printer separates two entries of one list: a new line, or, where
/// the rule may not repair it, the lines the input had between the items
/// at those places (`above` and `below` are the input's neighbours).
pub fn between_items<'t>(cx: &Context<'t>, above: &ListItem, below: &ListItem) -> &'t str {
    let source = &cx.doc.source;
    let line = below.lines.start();
    let from = source.line_range(above.lines.end().saturating_sub(1)).end;
    let to = source.line_range(line).start;
    let gap = cx.text().get(from..to).filter(|g| g.contains('\n'));
    if cx.repairs(RuleId::BlankLines, line) {
        // An at-scale list's items are one line apart. A list that keeps
        // its own spacing (entries only: the TOC is printed elsewhere)
        // keeps the blank lines between two items that were neighbours;
        // items that were not (an entry moved) are one line apart.
        if cx.doc.profile.at_scale {
            return "\n";
        }
        return gap
            .filter(|g| g.bytes().all(|c| c == b'\n') && g.len() <= 2)
            .unwrap_or("\n");
    }
    gap.unwrap_or("\n")
}
