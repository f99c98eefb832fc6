//! How a `(#fragment)` link relates to the headings, shared by
//! `anchor-broken` and `anchor-case` so that a link is only ever one of them.

use std::ops::Range;

use crate::diagnostic::Edit;
use crate::model::slug::slug;
use crate::model::toc::ItemMatch;
use crate::model::FragmentLink;
use crate::registry::RuleId;
use crate::rules::context::Context;

/// How the link's fragment relates to the headings.
pub enum Target {
    Fine,
    /// Matches heading `.0`'s slug but for letter case.
    Case(usize),
    /// ... in a list that writes its anchors in the heading's case
    /// (`SlugIndex::anchors_in_heading_case`): right as written, and kept.
    HeadingCase,
    Broken,
}

pub fn target(cx: &Context, link: &FragmentLink) -> Target {
    if link.fragment.is_empty() || cx.slugs.exact(&link.fragment).is_some() {
        return Target::Fine;
    }
    // A heading that HTML swallowed: `heading-swallowed` says so, once.
    if cx.slugs.swallowed(&link.fragment) {
        return Target::Fine;
    }
    // Right once `fmt` repairs the mojibake in the link or its heading:
    // `mojibake` says so, and its repair mends the link.
    let mangled = || cx.slugs.folded(&link.fragment).is_none();
    if let Some(h) = cx.slugs.once_repaired(&link.fragment).filter(|_| mangled()) {
        let line = |offset| cx.doc.source.line_index(offset);
        if cx.repairs(RuleId::Mojibake, line(link.range.start))
            && cx.repairs(RuleId::Mojibake, line(cx.doc.headings[h].range.start))
        {
            return Target::Fine;
        }
    }
    if let Some(item) = link.toc_item {
        match cx.toc.items.get(item) {
            Some(ItemMatch::Extra | ItemMatch::Duplicate(_) | ItemMatch::Misplaced) => {
                return Target::Fine
            }
            Some(ItemMatch::TextOnly(_)) => return Target::Broken,
            Some(ItemMatch::Case(s)) if follows_old_spelling(cx, item, *s, &link.fragment) => {
                return Target::Fine
            }
            _ => {}
        }
    }
    match cx.slugs.folded(&link.fragment) {
        Some(_) if cx.slugs.anchors_in_heading_case() => Target::HeadingCase,
        Some(h) => Target::Case(h),
        None => Target::Broken,
    }
}

/// A TOC item whose text and anchor both follow an older spelling of its
/// heading (`[PayPal](#PayPal)` for `## Paypal`): one defect, reported by
/// `toc-text`, not also by `anchor-case`.
fn follows_old_spelling(cx: &Context, item: usize, section: usize, fragment: &str) -> bool {
    let Some(toc) = &cx.doc.toc else {
        return false;
    };
    let text = &toc.items[item].text;
    *text != cx.doc.heading(&cx.doc.sections[section]).text && slug(text) == fragment.to_lowercase()
}

/// The edit that points the link at `slug`.
pub fn replace_fragment(link: &FragmentLink, slug: &str) -> Vec<Edit> {
    link.fragment_range
        .clone()
        .map(|r: Range<usize>| vec![Edit::new(r, slug)])
        .unwrap_or_default()
}
