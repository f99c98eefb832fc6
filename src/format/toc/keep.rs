//! What of the TOC as written the printer keeps: the TOC is written anew,
//! but a rule that is off is off for `fmt` too (FORMAT.md section 5), and an
//! item lint finds nothing wrong with is not rewritten. So each item is kept
//! as written unless `toc-text` may repair its text or its fragment must
//! follow its heading; an anchor an off rule would repair is kept; a TOC in
//! sorted order keeps it while no section moves; only a section
//! `toc-entry-missing` reports gets a new item. `tests/engine/off.rs` holds
//! the printer to it on every fixture.

use crate::model::slug::slug;
use crate::model::FragmentLink;
use crate::registry::RuleId;
use crate::rules::anchor::target::{target, Target};
use crate::rules::context::Context;
use crate::rules::section::section_order::canonical_order;
use crate::write::patch::Patcher;

/// Which sections get a TOC item: those that have one, and those that
/// `toc-entry-missing` reports and may repair (not a second section of
/// the same name, which is `section-duplicate`'s). Indexed by section.
pub(super) fn wanted_items(cx: &Context) -> Vec<bool> {
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
pub(super) fn item_order(cx: &Context, order: &[usize]) -> Vec<usize> {
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
    let sorted = canonical_order(cx.doc);
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
pub(super) fn kept_item(
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
    let text_differs =
        item.item.link().is_none() || !crate::model::toc::same_text(&item.text, &heading.text);
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
pub(super) fn line_end(cx: &Context, item: &crate::model::ListItem) -> usize {
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
/// report it, and that rule is off (or suppressed on its line); or one in
/// the heading's case in a list that writes them so. `off` is
/// off for `fmt` too (FORMAT.md section 5).
pub(super) fn kept_fragment<'a>(
    cx: &'a Context,
    link: Option<&'a FragmentLink>,
) -> Option<&'a str> {
    let link = link?;
    let rule = match target(cx, link) {
        Target::Fine => return None,
        Target::HeadingCase => None,
        Target::Case(_) => Some(RuleId::AnchorCase),
        Target::Broken => Some(RuleId::AnchorBroken),
    };
    let line = cx.doc.source.line_index(link.range.start);
    if rule.is_some_and(|rule| cx.repairs(rule, line)) {
        return None;
    }
    Some(match &link.fragment_range {
        Some(range) => &cx.doc.text()[range.clone()],
        None => &link.fragment,
    })
}
