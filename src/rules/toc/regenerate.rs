//! How the `toc-*` rules (and `anchor-*` inside the TOC) are repaired: the
//! printer writes the TOC anew from the sections, in the order it prints
//! them, keeping the file's item style. Called by `format::printer`.

use std::collections::HashMap;

use crate::config::TocStyle;
use crate::fix::Patcher;
use crate::model::normalise::repaired;
use crate::model::slug::Slugger;
use crate::model::toc::ItemMatch;
use crate::model::BlockKind;
use crate::rules::context::Context;

/// The TOC's list: one item per company section in `order` (the order the
/// printer writes the sections in), linking to `slugs`, then the items that
/// point at headings other than company sections, kept as written.
pub fn toc_list(
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

/// The slug each section's heading will have in the output (GitHub numbers
/// repeated slugs in document order, and sections may move).
pub fn output_slugs(cx: &Context, order: &[usize]) -> HashMap<usize, String> {
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
    let written = |h: usize| repaired(&doc.headings[h].text);
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
