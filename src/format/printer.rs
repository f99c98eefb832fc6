//! The canonical printer: model in, text out.
//!
//! The printer lays the file out (preamble, TOC, sections) and calls each
//! rule's own repair where one is structural: `format::toc` writes the
//! TOC, `section_order` orders the sections, `entry_order` orders each
//! list, `entry_format` writes each entry, `heading_whitespace` each
//! heading it owns, `blank_lines` separates the blocks and
//! `final_newline` ends the file. Each of them leaves alone what its rule
//! may not repair (the rule is off, or a suppression covers the line).
//! Local repairs come in through the [`Patcher`].

use super::toc;
use crate::model::{touches_list_above, BlockKind, Entry};
use crate::rules::entry::{entry_format, entry_order};
use crate::rules::layout::{blank_lines, final_newline, heading_whitespace};
use crate::rules::section::section_order;
use crate::rules::Context;
use crate::write::Patcher;

/// The output being written, block by block.
struct Out<'c, 't> {
    cx: &'c Context<'t>,
    text: String,
    started: bool,
}

impl Out<'_, '_> {
    /// Starts a block that stood at input block `from` (`None`: a block the
    /// input did not have) and returns the text to write it into.
    fn next(&mut self, from: Option<usize>) -> &mut String {
        if self.started {
            let gap = blank_lines::gap_before(self.cx, from);
            self.text.push_str(gap);
        }
        self.started = true;
        &mut self.text
    }

    fn push(&mut self, from: Option<usize>, block: &str) {
        self.next(from).push_str(block);
    }
}

/// Prints the list: sections in `order` (section_order::print_order),
/// TOC items linking to `slugs` (toc::output_slugs).
pub(super) fn print(cx: &Context, p: &Patcher, order: &[usize], slugs: &[String]) -> String {
    let doc = cx.doc;
    let mut out = Out {
        cx,
        text: String::with_capacity(doc.text().len() + doc.text().len() / 64 + 64),
        started: false,
    };
    let block = |b: usize| p.slice(doc.blocks[b].range.clone());

    if !doc.preamble.is_empty() {
        let end = doc.blocks[doc.preamble.end - 1].range.end;
        out.push(Some(0), &p.slice(0..end));
    }

    let rewrite_toc = toc::rewrites(cx);
    match &doc.toc {
        Some(toc) => {
            let label = match toc.heading {
                Some(h) => heading_whitespace::print(cx, p, h),
                None => block(toc.blocks.start),
            };
            out.push(Some(toc.blocks.start), &label);
            let mut list_done = false;
            for b in toc.blocks.clone().skip(1) {
                match doc.blocks[b].kind {
                    BlockKind::List(_) if rewrite_toc && cx.first_toc_list() == Some(b) => {
                        list_done = true;
                        if let Some(list) = toc::toc_list(cx, p, order, slugs) {
                            out.push(Some(b), &list);
                        }
                    }
                    BlockKind::List(_) if rewrite_toc => {
                        if let Some(kept) = toc::kept_list(cx, p, b) {
                            out.push(Some(b), &kept);
                        }
                    }
                    _ => out.push(Some(b), &block(b)),
                }
            }
            if rewrite_toc && !list_done {
                if let Some(list) = toc::toc_list(cx, p, order, slugs) {
                    out.push(None, &list);
                }
            }
        }
        None if rewrite_toc => {
            out.push(None, &format!("## {}", cx.config.toc.heading));
            if let Some(list) = toc::toc_list(cx, p, order, slugs) {
                out.push(None, &list);
            }
        }
        None => {}
    }

    for &s in order {
        let section = &doc.sections[s];
        if section.skipped {
            for b in section.blocks.clone() {
                out.push(Some(b), &block(b));
            }
            continue;
        }
        out.push(
            Some(section.blocks.start),
            &heading_whitespace::print(cx, p, section.heading),
        );
        for b in entry_order::groups_sorted(cx, section_order::body_order(cx, s)) {
            match &doc.blocks[b].kind {
                BlockKind::List(_) if touches_list_above(&doc.blocks, b) => {}
                BlockKind::List(_) => {
                    let entries: Vec<&Entry> = doc.entries[section.entries.clone()]
                        .iter()
                        .filter(|e| e.list as usize == b)
                        .collect();
                    // Where the items stood, for the lines between them.
                    let places: Vec<&Entry> = entries.clone();
                    let text = out.next(Some(b));
                    for (n, e) in entry_order::sorted(cx, entries).into_iter().enumerate() {
                        if n > 0 {
                            text.push_str(blank_lines::between_items(
                                cx,
                                doc.item(places[n - 1]),
                                doc.item(places[n]),
                            ));
                        }
                        entry_format::print(text, cx, p, e);
                    }
                }
                _ => out.push(Some(b), &block(b)),
            }
        }
    }

    let mut text = out.text;
    text.push_str(final_newline::ending(cx));
    text
}
