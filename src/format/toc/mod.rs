//! The TOC printer: how the `toc-*` rules (and `anchor-*` inside the TOC)
//! are repaired. The printer writes the TOC anew from the sections, in the
//! order it prints them, keeping the file's item style ([`Markers`]), and
//! links elsewhere follow a heading whose slug the output changes. Whether
//! it rewrites the TOC at all ([`rewrites`]) and its markers are the
//! rules' knowledge (`rules::toc`), which `toc-style` reads too.

mod keep;

use crate::diagnostic::Edit;
use crate::model::normalise::repaired;
use crate::model::rendered_heading;
use crate::model::slug::Slugger;
use crate::model::toc::ItemMatch;
use crate::model::{BlockKind, FragmentLink};
use crate::registry::RuleId;
use crate::rules::context::Context;
use crate::rules::layout::heading_whitespace;
pub use crate::rules::toc::{rewrites, Markers, TOC_RULES};
use crate::write::patch::Patcher;

/// The TOC's list: one item per company section in `order` (the order the
/// printer writes the sections in, or the TOC's own sorted order:
/// [`keep::item_order`]), linking to `slugs`, each kept as written where
/// nothing asks it to change ([`keep`]), then the items that point at
/// headings other than company sections, kept as written.
pub fn toc_list(cx: &Context, p: &Patcher, order: &[usize], slugs: &[String]) -> Option<String> {
    let doc = cx.doc;
    let markers = Markers::of(cx);
    // Each item's text after its marker; the markers are the list's own,
    // given in order at the end (a kept item gets one too, so that the
    // numbering the next run reads is the one written).
    let mut bodies: Vec<String> = Vec::new();
    let as_written = |i: &crate::model::TocItem| {
        let body = p.slice(i.item.marker.end()..keep::line_end(cx, &i.item));
        let line_start = doc
            .source
            .line_range(doc.source.line_index(i.item.marker.start()))
            .start;
        let column = columns(&doc.text()[line_start..i.item.marker.end()], 0);
        code_spacing(&body, column).unwrap_or_else(|| body.trim_start().to_owned())
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
    let wanted = keep::wanted_items(cx);
    // Each TOC item's in-page link, looked up once.
    let mut link_of: Vec<Option<&FragmentLink>> =
        vec![None; doc.toc.as_ref().map_or(0, |t| t.items.len())];
    for link in &doc.fragment_links {
        if let Some(slot) = link.toc_item.and_then(|i| link_of.get_mut(i)) {
            slot.get_or_insert(link);
        }
    }
    let link = |s: usize| cx.toc.section_item[s].and_then(|i| link_of.get(i).copied().flatten());
    for s in keep::item_order(cx, order) {
        if !wanted[s] {
            continue;
        }
        let h = &doc.headings[doc.sections[s].heading];
        let slug = slugs.get(doc.sections[s].heading).unwrap_or(&h.slug);
        // A new item follows the list's anchors: in the heading's case
        // where two thirds of its in-page links are (`#Alibaba`), the
        // heading as it will read once mojibake is repaired (as `slug`).
        let in_case = cx.slugs.anchors_in_heading_case().then(|| {
            crate::model::slug::in_case_of(slug, &crate::model::mojibake::repair(&h.rendered))
        });
        let fragment =
            keep::kept_fragment(cx, link(s)).unwrap_or(in_case.as_deref().unwrap_or(slug));
        let body = match keep::kept_item(cx, p, s, fragment, link(s)) {
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
        .map(|(n, body)| {
            // A body that keeps its spacing (an indented code block)
            // follows its marker as it is.
            let gap = if body.starts_with(' ') { "" } else { " " };
            let line = format!("{}{gap}{body}", markers.marker(n));
            // An item kept with nothing after its marker (`1.`) gets no
            // trailing space, which the next run would take off.
            if body.is_empty() {
                line.trim_end().to_owned()
            } else {
                line
            }
        })
        .collect();
    (!lines.is_empty()).then(|| lines.join("\n"))
}

/// The columns `text` spans from `column`, tabs to the next multiple of four
/// (CommonMark's tab stops).
fn columns(text: &str, column: usize) -> usize {
    text.chars().fold(column, |at, c| match c {
        '\t' => at + 4 - at % 4,
        _ => at + 1,
    })
}

/// A kept item's text after its marker when it starts five columns or
/// more after the marker (at `column`): an indented code block, whose
/// spacing is kept (as spaces), for with one space it would read as text
/// (`0.      [Acme](#acme)` is code, `1. [Acme](#acme)` a link; fuzz crasher
/// af49352b).
fn code_spacing(body: &str, column: usize) -> Option<String> {
    let rest = body.trim_start_matches([' ', '\t']);
    let width = columns(&body[..body.len() - rest.len()], column) - column;
    (width >= 5 && !rest.is_empty()).then(|| format!("{}{rest}", " ".repeat(width)))
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
    for h in doc.toc.iter().filter_map(|t| t.heading).chain(
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
    // An odd run of backslashes at the end (`## A \`) would escape the
    // `]` that closes the link: the printer doubles the last one, which
    // reads as the one backslash the heading shows.
    let trailing = text.len() - text.trim_end_matches('\\').len();
    if trailing.is_multiple_of(2) && (!text.contains(['[', ']']) || is_one_link(text)) {
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
    if escaped {
        out.push('\\');
    }
    if is_one_link(&out) {
        return std::borrow::Cow::Owned(out);
    }
    // Code spans that pair up differently inside the link than in the
    // heading (a backtick run beside a bracket): escape every bracket and
    // backtick, so that the item is one link whatever it reads as (its
    // text then shows the backticks; fuzz crasher 78aa5b26).
    let mut out = String::with_capacity(text.len() + 16);
    let mut escaped = false;
    for c in text.chars() {
        if matches!(c, '[' | ']' | '`') && !escaped {
            out.push('\\');
        }
        escaped = c == '\\' && !escaped;
        out.push(c);
    }
    if escaped {
        out.push('\\');
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
    use super::{code_spacing, link_text};

    #[test]
    fn a_kept_item_that_is_code_keeps_its_spacing() {
        assert_eq!(
            code_spacing("      [A](#a)", 2).as_deref(),
            Some("      [A](#a)")
        );
        // A tab after `1.` (column 2) reaches column 4: two columns.
        assert_eq!(code_spacing("\t[A](#a)", 2), None);
        assert_eq!(
            code_spacing("\t\t[A](#a)", 2).as_deref(),
            Some("      [A](#a)")
        );
        assert_eq!(code_spacing("   [A](#a)", 2), None);
        assert_eq!(code_spacing("        ", 2), None);
    }

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
        // A backslash ending the text would escape the link's `]`.
        assert_eq!(link_text("A \\"), "A \\\\");
        assert_eq!(link_text("A \\\\"), "A \\\\");
        assert_eq!(link_text("A [x \\"), "A \\[x \\\\");
    }
}
