//! The canonical printer: model in, text out.
//!
//! The printer lays the file out (preamble, TOC, sections, one blank line
//! between blocks, one final newline: the repair of `blank-lines` and
//! `final-newline`) and calls each rule's own repair where one is
//! structural: `toc::regenerate` writes the TOC, `section_order` orders the
//! sections, `entry_order` orders each list, `entry_format` writes each
//! entry, `heading_whitespace` each heading it owns. Local repairs come in through the [`Patcher`].

use crate::fix::Patcher;
use crate::model::{touches_list_above, BlockKind, Entry};
use crate::rules::entry::{entry_format, entry_order};
use crate::rules::layout::heading_whitespace;
use crate::rules::toc::regenerate;
use crate::rules::Context;

/// The output being written: blocks separated by one blank line.
struct Blocks {
    text: String,
    started: bool,
}

impl Blocks {
    /// Starts a new block and returns the text to write it into.
    fn next(&mut self) -> &mut String {
        if self.started {
            self.text.push_str("\n\n");
        }
        self.started = true;
        &mut self.text
    }

    fn push(&mut self, block: String) {
        self.next().push_str(&block);
    }
}

impl Extend<String> for Blocks {
    fn extend<I: IntoIterator<Item = String>>(&mut self, blocks: I) {
        for block in blocks {
            self.push(block);
        }
    }
}

/// Prints the list: sections in `order` (section_order::print_order),
/// TOC items linking to `slugs` (regenerate::output_slugs).
pub(super) fn print(cx: &Context, p: &Patcher, order: &[usize], slugs: &[String]) -> String {
    let doc = cx.doc;
    let mut blocks = Blocks {
        text: String::with_capacity(doc.text().len() + doc.text().len() / 64 + 64),
        started: false,
    };

    if !doc.preamble.is_empty() {
        let end = doc.blocks[doc.preamble.end - 1].range.end;
        blocks.push(p.slice(0..end));
    }

    let toc_blocks = match &doc.toc {
        Some(toc) => {
            let mut out = vec![heading_whitespace::print(doc, p, toc.heading)];
            let mut list_done = false;
            for b in toc.blocks.clone().skip(1) {
                match doc.blocks[b].kind {
                    BlockKind::List(_) if !list_done => {
                        list_done = true;
                        out.extend(regenerate::toc_list(cx, p, order, slugs));
                    }
                    BlockKind::List(_) => {}
                    _ => out.push(p.slice(doc.blocks[b].range.clone())),
                }
            }
            if !list_done {
                out.extend(regenerate::toc_list(cx, p, order, slugs));
            }
            out
        }
        None if doc.company_sections().next().is_some() => {
            let mut out = vec![format!("## {}", cx.config.toc.heading)];
            out.extend(regenerate::toc_list(cx, p, order, slugs));
            out
        }
        None => Vec::new(),
    };
    blocks.extend(toc_blocks);

    for &s in order {
        let section = &doc.sections[s];
        if section.skipped {
            blocks.extend(
                section
                    .blocks
                    .clone()
                    .map(|b| p.slice(doc.blocks[b].range.clone())),
            );
            continue;
        }
        blocks.push(heading_whitespace::print(doc, p, section.heading));
        for b in section.blocks.clone().skip(1) {
            match &doc.blocks[b].kind {
                BlockKind::List(_) if touches_list_above(&doc.blocks, b) => {}
                BlockKind::List(_) => {
                    let entries: Vec<&Entry> = doc.entries[section.entries.clone()]
                        .iter()
                        .filter(|e| e.list as usize == b)
                        .collect();
                    let out = blocks.next();
                    for (n, e) in entry_order::sorted(cx.config, entries)
                        .into_iter()
                        .enumerate()
                    {
                        if n > 0 {
                            out.push('\n');
                        }
                        entry_format::print(out, doc, p, e);
                    }
                }
                _ => blocks.push(p.slice(doc.blocks[b].range.clone())),
            }
        }
    }

    let mut text = blocks.text;
    text.push('\n');
    text
}
