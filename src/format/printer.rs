//! The canonical printer: model in, text out.

use std::collections::HashMap;
use std::fmt::Write as _;

use super::Patcher;
use crate::config::{EntryOrder, TocStyle};
use crate::model::slug::Slugger;
use crate::model::toc::ItemMatch;
use crate::model::{touches_list_above, BlockKind, Document, Entry};
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

pub(super) fn print(cx: &Context, p: &Patcher) -> String {
    let doc = cx.doc;
    let mut blocks = Blocks {
        text: String::with_capacity(doc.text().len() + doc.text().len() / 64 + 64),
        started: false,
    };

    if !doc.preamble.is_empty() {
        let end = doc.blocks[doc.preamble.end - 1].range.end;
        blocks.push(p.slice(0..end));
    }

    // Company sections fill the slots company sections had; skipped ones stay.
    let mut canonical = doc.canonical_section_order(cx.config).into_iter();
    let order: Vec<usize> = (0..doc.sections.len())
        .map(|i| {
            if doc.sections[i].skipped {
                i
            } else {
                canonical.next().unwrap_or(i)
            }
        })
        .collect();
    let slugs = output_slugs(cx, &order);

    let toc_blocks = match &doc.toc {
        Some(toc) => {
            let mut out = vec![heading_line(cx, p, toc.heading)];
            let mut list_done = false;
            for b in toc.blocks.clone().skip(1) {
                match doc.blocks[b].kind {
                    BlockKind::List(_) if !list_done => {
                        list_done = true;
                        out.extend(toc_list(cx, p, &order, &slugs));
                    }
                    BlockKind::List(_) => {}
                    _ => out.push(p.slice(doc.blocks[b].range.clone())),
                }
            }
            if !list_done {
                out.extend(toc_list(cx, p, &order, &slugs));
            }
            out
        }
        None if doc.company_sections().next().is_some() => {
            let mut out = vec![format!("## {}", cx.config.toc.heading)];
            out.extend(toc_list(cx, p, &order, &slugs));
            out
        }
        None => Vec::new(),
    };
    blocks.extend(toc_blocks);

    for &s in &order {
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
        blocks.push(heading_line(cx, p, section.heading));
        for b in section.blocks.clone().skip(1) {
            match &doc.blocks[b].kind {
                BlockKind::List(_) if touches_list_above(&doc.blocks, b) => {}
                BlockKind::List(_) => {
                    let entries: Vec<&Entry> = doc.entries[section.entries.clone()]
                        .iter()
                        .filter(|e| e.list as usize == b)
                        .collect();
                    let out = blocks.next();
                    for (n, e) in sorted(cx, entries).into_iter().enumerate() {
                        if n > 0 {
                            out.push('\n');
                        }
                        entry_line(out, doc, p, e);
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

/// `## Heading` for a heading the model owns, with its local repairs.
fn heading_line(cx: &Context, p: &Patcher, heading: usize) -> String {
    let h = &cx.doc.headings[heading];
    format!(
        "{} {}",
        "#".repeat(usize::from(h.level)),
        p.slice(h.content.clone())
    )
}

/// The slug each section's heading will have in the output (GitHub numbers
/// repeated slugs in document order, and sections may move).
fn output_slugs(cx: &Context, order: &[usize]) -> HashMap<usize, String> {
    let doc = cx.doc;
    let mut slugger = Slugger::default();
    let heading_blocks = |range: std::ops::Range<usize>| {
        range.filter_map(|b| match doc.blocks[b].kind {
            BlockKind::Heading(h) => Some(h),
            _ => None,
        })
    };
    // Every heading as the output will read: mojibake is repaired in the
    // preamble and the TOC's blocks too, not only in sections, and a
    // repaired heading can take a slug another heading had.
    let written = |h: usize| super::repaired(&doc.headings[h].text);
    for h in heading_blocks(doc.preamble.clone()) {
        slugger.unique(&written(h));
    }
    if let Some(toc) = &doc.toc {
        for h in heading_blocks(toc.blocks.clone()) {
            slugger.unique(&written(h));
        }
    } else {
        slugger.unique(&cx.config.toc.heading);
    }
    let mut slugs = HashMap::new();
    for &s in order {
        for h in heading_blocks(doc.sections[s].blocks.clone()) {
            let slug = slugger.unique(&written(h));
            if h == doc.sections[s].heading {
                slugs.insert(s, slug);
            }
        }
    }
    slugs
}

fn toc_list(
    cx: &Context,
    p: &Patcher,
    order: &[usize],
    slugs: &HashMap<usize, String>,
) -> Option<String> {
    let doc = cx.doc;
    let style = match (cx.config.toc.style, doc.toc.as_ref().and_then(|t| t.style)) {
        (TocStyle::Auto, Some(found)) => found,
        (TocStyle::Auto, None) => TocStyle::One,
        (chosen, _) => chosen,
    };
    let mut lines = Vec::new();
    let mut n = 0;
    let mut marker = || {
        n += 1;
        match style {
            TocStyle::Numbered => format!("{n}."),
            TocStyle::Bullet => "-".to_owned(),
            _ => "1.".to_owned(),
        }
    };
    for &s in order.iter().filter(|&&s| !doc.sections[s].skipped) {
        let h = &doc.headings[doc.sections[s].heading];
        let slug = slugs.get(&s).cloned().unwrap_or_else(|| h.slug.clone());
        lines.push(format!(
            "{} [{}](#{slug})",
            marker(),
            link_text(&p.slice(h.content.clone()))
        ));
    }
    // Items that point at headings other than company sections are kept.
    if let Some(toc) = &doc.toc {
        for (item, matched) in toc.items.iter().zip(&cx.toc.items) {
            if *matched == ItemMatch::NonSection {
                let text = p.slice(item.item.range.range());
                let body = text[item.item.marker.len()..].trim_start();
                lines.push(format!("{} {body}", marker()));
            }
        }
    }
    (!lines.is_empty()).then(|| lines.join("\n"))
}

/// Entries in the configured order: a stable sort by year; entries with no
/// year keep their places.
fn sorted<'e>(cx: &Context, entries: Vec<&'e Entry>) -> Vec<&'e Entry> {
    let order = cx.config.entries.order;
    if order == EntryOrder::None {
        return entries;
    }
    let mut dated: Vec<&Entry> = entries
        .iter()
        .copied()
        .filter(|e| e.year.is_some())
        .collect();
    dated.sort_by_key(|e| {
        let y = e.year.as_ref().map_or(0, |y| i32::from(y.value));
        if order == EntryOrder::NewestFirst {
            -y
        } else {
            y
        }
    });
    let mut dated = dated.into_iter();
    entries
        .into_iter()
        .map(|e| {
            if e.year.is_some() {
                dated.next().unwrap_or(e)
            } else {
                e
            }
        })
        .collect()
}

/// Writes one entry: canonical when it can be, else as written.
fn entry_line(out: &mut String, doc: &Document, p: &Patcher, e: &Entry) {
    if let (true, Some(title), Some(url), Some(year), Some(tag)) = (
        e.normalisable(),
        doc.title(e),
        &e.url,
        &e.year,
        e.tag.as_ref().and_then(|t| doc.tag_name(t)),
    ) {
        out.push_str("- [");
        p.slice_into(out, title);
        out.push_str("](");
        p.slice_into(out, url.range.range());
        let _ = write!(out, ") - `{}` - :{tag}:", year.value);
        return;
    }
    p.slice_into(out, doc.item(e).range.range());
}

/// Heading text made safe as link text: brackets that would end the link
/// early or leave it open (`## A ](#b)`) are escaped; balanced ones, the
/// usual case, are kept as written. Code spans are left alone.
fn link_text(text: &str) -> std::borrow::Cow<'_, str> {
    let mut depth = 0i32;
    let mut balanced = true;
    for c in text.chars() {
        match c {
            '[' => depth += 1,
            ']' => depth -= 1,
            _ => {}
        }
        balanced &= depth >= 0;
    }
    if balanced && depth == 0 && !text.contains("](") {
        return std::borrow::Cow::Borrowed(text);
    }
    // Code spans as CommonMark finds them (a lone backtick opens none); the
    // leading `x` keeps the text from reading as a list, quote or fence.
    let code: Vec<std::ops::Range<usize>> = pulldown_cmark::Parser::new(&format!("x{text}"))
        .into_offset_iter()
        .filter_map(|(event, range)| {
            matches!(event, pulldown_cmark::Event::Code(_))
                .then(|| range.start.saturating_sub(1)..range.end.saturating_sub(1))
        })
        .collect();
    let mut out = String::with_capacity(text.len() + 8);
    let mut escaped = false;
    for (i, c) in text.char_indices() {
        let in_code = code.iter().any(|r| r.contains(&i));
        if matches!(c, '[' | ']') && !escaped && !in_code {
            out.push('\\');
        }
        escaped = c == '\\' && !escaped && !in_code;
        out.push(c);
    }
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::link_text;

    #[test]
    fn only_unsafe_brackets_are_escaped() {
        assert_eq!(link_text("Acme [EU]"), "Acme [EU]");
        assert_eq!(link_text("A ](#b)"), "A \\](#b)");
        assert_eq!(link_text("A [x"), "A \\[x");
        assert_eq!(link_text("A \\] b ]"), "A \\] b \\]");
        assert_eq!(link_text("`]` ]"), "`]` \\]");
        // A lone backtick opens no code span: the bracket after it is text.
        assert_eq!(link_text("a `b ](#c)"), "a `b \\](#c)");
        assert_eq!(link_text("``a ` ]`` ]"), "``a ` ]`` \\]");
    }
}
