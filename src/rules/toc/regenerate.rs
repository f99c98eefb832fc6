//! How the `toc-*` rules (and `anchor-*` inside the TOC) are repaired: the
//! printer writes the TOC anew from the sections, in the order it prints
//! them, keeping the file's item style, and links elsewhere follow a
//! heading whose slug the output changes. Called by `format`.

use crate::config::TocStyle;
use crate::diagnostic::Edit;
use crate::model::normalise::repaired;
use crate::model::rendered_heading;
use crate::model::slug::{slug, Slugger};
use crate::model::toc::ItemMatch;
use crate::model::{BlockKind, FragmentLink};
use crate::registry::RuleId;
use crate::rules::anchor::target::{target, Target};
use crate::rules::context::Context;
use crate::rules::layout::heading_whitespace;
use crate::rules::section::section_order::canonical_order;
use crate::write::patch::Patcher;

/// The TOC's list: one item per company section in `order` (the order the
/// printer writes the sections in), linking to `slugs`, then the items that
/// point at headings other than company sections, kept as written.
/// The rules the TOC's rewriting repairs: with one of them off, or
/// suppressed on a line of the TOC, the TOC is kept as written.
const TOC_RULES: [RuleId; 4] = [
    RuleId::TocEntryMissing,
    RuleId::TocEntryExtra,
    RuleId::TocOrder,
    RuleId::TocText,
];

/// The printer writes the TOC anew (or, when the list has none, a new
/// one), rather than keeping it as written.
pub fn rewrites(cx: &Context) -> bool {
    let doc = cx.doc;
    match &doc.toc {
        Some(toc) => {
            let first = doc.blocks[toc.blocks.start].lines.start;
            let end = doc
                .blocks
                .get(toc.blocks.end.saturating_sub(1))
                .map_or(first, |b| b.lines.end);
            TOC_RULES
                .iter()
                .all(|&rule| (first..end.max(first + 1)).all(|line| cx.repairs(rule, line)))
        }
        None => doc.company_sections().next().is_some_and(|(_, s)| {
            cx.repairs(
                RuleId::TocMissing,
                doc.source.line_index(doc.heading(s).range.start),
            )
        }),
    }
}

pub fn toc_list(cx: &Context, p: &Patcher, order: &[usize], slugs: &[String]) -> Option<String> {
    let doc = cx.doc;
    let style = match (cx.config.toc.style, doc.toc.as_ref().and_then(|t| t.style)) {
        (TocStyle::Auto, Some(found)) => found,
        (TocStyle::Auto, None) => TocStyle::One,
        (chosen, _) => chosen,
    };
    // Each item's text after its marker; the markers are the list's own,
    // given in order at the end (a kept item gets one too, so that the
    // numbering the next run reads is the one written).
    let mut bodies: Vec<String> = Vec::new();
    let as_written = |i: &crate::model::TocItem| {
        let body = i.item.marker.end()..line_end(cx, &i.item);
        p.slice(body).trim_start().to_owned()
    };
    let misplaced = misplaced_in_first_list(cx);
    let kept = |bodies: &mut Vec<String>, anchor: Option<usize>| {
        if let Some(toc) = &doc.toc {
            for &(_, i) in misplaced.iter().filter(|(a, _)| *a == anchor) {
                bodies.push(as_written(&toc.items[i]));
            }
        }
    };
    kept(&mut bodies, None);
    let wanted = wanted_items(cx);
    // Each TOC item's in-page link, looked up once.
    let mut link_of: Vec<Option<&FragmentLink>> =
        vec![None; doc.toc.as_ref().map_or(0, |t| t.items.len())];
    for link in &doc.fragment_links {
        if let Some(slot) = link.toc_item.and_then(|i| link_of.get_mut(i)) {
            slot.get_or_insert(link);
        }
    }
    let link = |s: usize| cx.toc.section_item[s].and_then(|i| link_of.get(i).copied().flatten());
    for s in item_order(cx, order) {
        if !wanted[s] {
            continue;
        }
        let h = &doc.headings[doc.sections[s].heading];
        let slug = slugs.get(doc.sections[s].heading).unwrap_or(&h.slug);
        let fragment = kept_fragment(cx, link(s)).unwrap_or(slug);
        let body = match kept_item(cx, p, s, fragment, link(s)) {
            Some(body) => body,
            None => format!(
                "[{}](#{fragment}){}",
                link_text(&p.slice(h.content.clone())),
                tail(cx, p, s)
            ),
        };
        bodies.push(body);
        kept(&mut bodies, Some(s));
    }
    if let Some(toc) = &doc.toc {
        for (item, matched) in toc.items.iter().zip(&cx.toc.items) {
            if *matched == ItemMatch::NonSection {
                bodies.push(as_written(item));
            }
        }
    }
    let lines: Vec<String> = bodies
        .iter()
        .enumerate()
        .map(|(n, body)| match style {
            TocStyle::Numbered => format!("{}. {body}", n + 1),
            TocStyle::Bullet => format!("- {body}"),
            _ => format!("1. {body}"),
        })
        .collect();
    (!lines.is_empty()).then(|| lines.join("\n"))
}

/// Which sections get a TOC item: those that have one, and those that
/// `toc-entry-missing` reports and may repair (not a second section of
/// the same name, which is `section-duplicate`'s). Indexed by section.
fn wanted_items(cx: &Context) -> Vec<bool> {
    let doc = cx.doc;
    let mut wanted = vec![false; doc.sections.len()];
    let mut seen = std::collections::HashSet::new();
    for (i, section) in doc.company_sections() {
        let h = doc.heading(section);
        let first = seen.insert(slug(&h.rendered));
        wanted[i] = cx.toc.section_item[i].is_some()
            || doc.toc.is_none()
            || (first
                && cx.repairs(
                    RuleId::TocEntryMissing,
                    doc.source.line_index(h.range.start),
                ));
    }
    wanted
}

/// The order the TOC lists the sections in: the printer's, unless no
/// section moves and the TOC follows the sorted order instead, which
/// `toc-order` accepts too; then that one, so that a TOC lint calls right
/// is not rewritten (new items take their sorted place in it).
fn item_order(cx: &Context, order: &[usize]) -> Vec<usize> {
    let unmoved = order.iter().enumerate().all(|(i, &s)| i == s);
    if !unmoved {
        return order.to_vec();
    }
    let placed: Vec<usize> = cx.toc.items.iter().filter_map(|m| m.section()).collect();
    let follows =
        |rank: &dyn Fn(usize) -> usize| placed.windows(2).all(|w| rank(w[0]) < rank(w[1]));
    if follows(&|s| s) {
        return order.to_vec();
    }
    let sorted = canonical_order(cx.doc, cx.config);
    let mut rank = vec![usize::MAX; cx.doc.sections.len()];
    for (r, &s) in sorted.iter().enumerate() {
        rank[s] = r;
    }
    if follows(&|s| rank[s]) {
        sorted
    } else {
        order.to_vec()
    }
}

/// Section `s`'s TOC item as written (its repairs applied, its fragment
/// made `fragment`), when nothing asks for its text to change: its text
/// is its heading's, or `toc-text` may not repair it. `None`: write it
/// anew from the heading.
fn kept_item(
    cx: &Context,
    p: &Patcher,
    s: usize,
    fragment: &str,
    link: Option<&FragmentLink>,
) -> Option<String> {
    let i = cx.toc.section_item[s]?;
    let item = &cx.doc.toc.as_ref()?.items[i];
    let heading = cx.doc.heading(&cx.doc.sections[s]);
    let line = cx.doc.source.line_index(item.item.range.start());
    let text_differs = item.item.link().is_none() || item.text != heading.text;
    if text_differs && cx.repairs(RuleId::TocText, line) {
        return None;
    }
    let body = item.item.marker.end()..line_end(cx, &item.item);
    let written = match link.and_then(|l| Some((l, l.fragment_range.clone()?))) {
        Some((l, range)) if l.fragment != fragment && body.contains(&range.start) => format!(
            "{}{fragment}{}",
            p.slice(body.start..range.start),
            p.slice(range.end..body.end)
        ),
        Some(_) => p.slice(body),
        // No link to point: an item that is text only, kept as written
        // only when `toc-text` may not repair it (above).
        None if item.item.link().is_none() => p.slice(body),
        None => return None,
    };
    Some(written.trim_start().to_owned())
}

/// Where a kept item ends: with the spaces that end its last line, which
/// the patcher removes when `trailing-whitespace` may repair them and
/// keeps when it is off.
fn line_end(cx: &Context, item: &crate::model::ListItem) -> usize {
    let source = &cx.doc.source;
    let end = item.range.end();
    let line = source.line_range(source.line_index(end.saturating_sub(1).max(item.range.start())));
    match cx.text().get(end..line.end) {
        Some(rest) if line.end > end && rest.chars().all(|c| c == ' ' || c == '\t') => line.end,
        _ => end,
    }
}

/// The fragment of a section's TOC item (its in-page `link`), as written, when it is one the
/// user told us not to repair: `anchor-case` or `anchor-broken` would
/// report it, and that rule is off (or suppressed on its line). `off` is
/// off for `fmt` too (FORMAT.md section 5).
fn kept_fragment<'a>(cx: &'a Context, link: Option<&'a FragmentLink>) -> Option<&'a str> {
    let link = link?;
    let rule = match target(cx, link) {
        Target::Fine => return None,
        Target::Case(_) => RuleId::AnchorCase,
        Target::Broken => RuleId::AnchorBroken,
    };
    let line = cx.doc.source.line_index(link.range.start);
    if cx.repairs(rule, line) {
        return None;
    }
    Some(match &link.fragment_range {
        Some(range) => &cx.doc.text()[range.clone()],
        None => &link.fragment,
    })
}

/// What the TOC item of section `s` holds after its link (a note, a
/// nested list), as written: a person's words, which the rewritten item
/// carries.
fn tail(cx: &Context, p: &Patcher, s: usize) -> String {
    let item = cx.toc.section_item[s].and_then(|i| Some(&cx.doc.toc.as_ref()?.items[i].item));
    match item.and_then(|item| Some((item, item.link()?))) {
        Some((item, link)) if link.range.end() < item.range.end() => {
            p.slice(link.range.end()..item.range.end())
        }
        _ => String::new(),
    }
}

/// The misplaced items of the TOC's first list (the one the printer
/// rewrites), each with the section of the nearest item above it that
/// stands for one (`None`: above them all), so that the rewritten list
/// keeps it where it is.
fn misplaced_in_first_list(cx: &Context) -> Vec<(Option<usize>, usize)> {
    let Some(first) = cx.first_toc_list() else {
        return Vec::new();
    };
    let mut anchor = None;
    let mut out = Vec::new();
    for (i, (item, matched)) in cx.toc_items().enumerate() {
        if item.block != first {
            continue;
        }
        match matched {
            ItemMatch::Misplaced => out.push((anchor, i)),
            m => anchor = m.section().or(anchor),
        }
    }
    out
}

/// A TOC list after the first that holds misplaced items: those items,
/// as written (the whole list as written when it is all theirs); `None`
/// when it holds none, and the printer leaves it out (its TOC items are
/// in the rewritten list).
pub fn kept_list(cx: &Context, p: &Patcher, block: usize) -> Option<String> {
    let items: Vec<(&crate::model::TocItem, ItemMatch)> = cx
        .toc_items()
        .filter(|(item, _)| item.block == block)
        .collect();
    let kept: Vec<String> = items
        .iter()
        .filter(|(_, m)| *m == ItemMatch::Misplaced)
        .map(|(item, _)| p.slice(item.item.range.range()))
        .collect();
    if kept.is_empty() {
        None
    } else if kept.len() == items.len() {
        Some(p.slice(cx.doc.blocks[block].range.clone()))
    } else {
        Some(kept.join("\n"))
    }
}

/// The slug every heading will have in the output, by heading index
/// (GitHub numbers repeated slugs in document order, and sections may
/// move), made from each heading as the printer writes it: its repairs
/// (mojibake, spaces) can change its slug, and can make it take the slug
/// another heading had. `order` is the order sections are printed in.
pub fn output_slugs(cx: &Context, p: &Patcher, order: &[usize]) -> Vec<String> {
    let doc = cx.doc;
    let mut owned = vec![false; doc.headings.len()];
    for h in doc.toc.iter().map(|t| t.heading).chain(
        doc.sections
            .iter()
            .filter(|s| !s.skipped)
            .map(|s| s.heading),
    ) {
        owned[h] = true;
    }
    let written = |b: usize, h: usize| -> String {
        let block = &doc.blocks[b];
        let original = &doc.text()[block.range.clone()];
        let output = if owned[h] {
            heading_whitespace::print(cx, p, h)
        } else {
            p.slice(block.range.clone())
        };
        if output == original {
            return doc.headings[h].rendered.clone();
        }
        rendered_heading(&output).unwrap_or_else(|| repaired(&doc.headings[h].text))
    };
    let headings = |range: std::ops::Range<usize>| {
        range.filter_map(|b| match doc.blocks[b].kind {
            BlockKind::Heading(h) => Some((b, h)),
            _ => None,
        })
    };
    let mut slugs: Vec<String> = doc.headings.iter().map(|h| h.slug.clone()).collect();
    let mut slugger = Slugger::default();
    for (b, h) in headings(doc.preamble.clone()) {
        slugs[h] = slugger.unique(&written(b, h));
    }
    if let Some(toc) = &doc.toc {
        for (b, h) in headings(toc.blocks.clone()) {
            slugs[h] = slugger.unique(&written(b, h));
        }
    } else {
        slugger.unique(&cx.config.toc.heading);
    }
    for &s in order {
        for (b, h) in headings(doc.sections[s].blocks.clone()) {
            slugs[h] = slugger.unique(&written(b, h));
        }
    }
    slugs
}

/// Links that work today keep working: a `(#fragment)` link outside the
/// TOC that resolves to a heading whose slug `fmt` changes (its text was
/// repaired, or sections moved and the numbering of repeats changed) is
/// pointed at the heading's new slug. TOC items are written anew anyway.
pub fn retarget(cx: &Context, slugs: &[String]) -> Vec<Edit> {
    let doc = cx.doc;
    doc.fragment_links
        .iter()
        .filter(|link| link.toc_item.is_none())
        .filter(|link| {
            cx.repairs(
                RuleId::AnchorBroken,
                doc.source.line_index(link.range.start),
            )
        })
        .filter_map(|link| {
            let h = cx.slugs.exact(&link.fragment)?;
            let new = slugs.get(h)?;
            let range = link.fragment_range.clone()?;
            (*new != link.fragment).then(|| Edit::new(range, new.clone()))
        })
        .collect()
}

/// Heading text made safe as link text: written as it is when `[text](#x)`
/// reads as one link holding all of it (the usual case, images and
/// balanced brackets included); otherwise brackets that would end the link
/// early or leave it open (`## A ](#b)`) are escaped. Code spans are left
/// alone.
fn link_text(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains(['[', ']']) || is_one_link(text) {
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

/// `[text](#x)` is one inline link that spans all of it.
fn is_one_link(text: &str) -> bool {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};
    let line = format!("[{text}](#x)");
    let mut depth = 0;
    let mut links = 0;
    for (event, range) in Parser::new(&line).into_offset_iter() {
        match event {
            Event::Start(Tag::Link { dest_url, .. }) => {
                depth += 1;
                links += 1;
                if depth == 1 && (range != (0..line.len()) || &*dest_url != "#x") {
                    return false;
                }
            }
            Event::End(TagEnd::Link) => depth -= 1,
            Event::Start(Tag::Paragraph) | Event::End(TagEnd::Paragraph) => {}
            _ if depth == 0 => return false,
            _ => {}
        }
    }
    links == 1
}

#[cfg(test)]
mod tests {
    use super::link_text;

    #[test]
    fn only_unsafe_brackets_are_escaped() {
        assert_eq!(link_text("Acme [EU]"), "Acme [EU]");
        assert_eq!(
            link_text("![logo](https://e.com/l.png) Acme"),
            "![logo](https://e.com/l.png) Acme"
        );
        assert_eq!(link_text("A ](#b)"), "A \\](#b)");
        assert_eq!(link_text("A [x"), "A \\[x");
        assert_eq!(link_text("A \\] b ]"), "A \\] b \\]");
        assert_eq!(link_text("`]` ]"), "`]` \\]");
        // A lone backtick opens no code span: the bracket after it is text.
        assert_eq!(link_text("a `b ](#c)"), "a `b \\](#c)");
        assert_eq!(link_text("``a ` ]`` ]"), "``a ` ]`` \\]");
    }
}
