//! `tag-mismatch` (warn): a video host's link carries another tag, or,
//! in a list that keeps the kind in subheadings (`### Blog Posts`,
//! `### Videos`), stands under a heading of another kind. Not repaired: a
//! YouTube link may really be a written post.

use crate::config::HostTags;
use crate::diagnostic::Violation;
use crate::model::url::host;
use crate::model::{is_kind_heading, year_heading, BlockKind};
use crate::registry::RuleId;
use crate::rules::context::Context;
use crate::rules::rule::{Repairs, Rule, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: RuleId::TagMismatch,
        repairs: Repairs::Never,
        summary: "A link to a host listed in a tag's `hosts` (youtube.com, youtu.be, vimeo.com) carries another tag, or, with no tag of its own, stands under a kind subheading of another kind (`### Blog Posts`).",
        why: "A YouTube link tagged as an article tells readers to expect text and hands them a video.",
        bad: "- [Keynote](https://youtu.be/x) - `2022` - :books:",
        good: "- [Keynote](https://youtu.be/x) - `2022` - :studio_microphone:",
    },
    check,
};

fn check(cx: &Context) -> Vec<Violation> {
    let host_tags = cx.config.host_tags();
    let mut found = under_kind_headings(cx, &host_tags);
    // A list that keeps no tags has no tag rules (FORMAT.md section 7): a
    // mark a few entries carry (`:exclamation:`) is the list's own.
    if !cx.doc.profile.tag.holds {
        return found;
    }
    found.extend(tagged(cx, &host_tags));
    found
}

/// For each block, the kind subheading it stands under within its
/// company, as the heading block's index and the one configured tag its
/// name means (`### Videos`: `studio_microphone`). A year subheading keeps
/// the kind above it; any other heading, or a `<details>` company, ends it.
fn kinds<'c>(cx: &'c Context) -> Vec<Option<(usize, &'c str)>> {
    let doc = cx.doc;
    let mut kind = None;
    let mut out = Vec::with_capacity(doc.blocks.len());
    let mut next_details = doc.details.iter().map(|d| d.blocks.start).peekable();
    for (b, block) in doc.blocks.iter().enumerate() {
        if next_details.peek() == Some(&b) {
            next_details.next();
            kind = None;
        }
        if let BlockKind::Heading(h) = block.kind {
            let heading = &doc.headings[h];
            if heading.level > 2 && is_kind_heading(&heading.text) {
                let words = heading.text.split(|c: char| !c.is_alphanumeric());
                kind = match cx.config.tags_meaning(words).as_slice() {
                    [one] => Some((b, *one)),
                    _ => None,
                };
            } else if heading.level <= 2 || year_heading(&heading.text).is_none() {
                kind = None;
            }
        }
        out.push(kind);
    }
    out
}

/// Entries with no tag of their own, linking to a host of one kind, under
/// a kind subheading of another.
fn under_kind_headings(cx: &Context, host_tags: &HostTags) -> Vec<Violation> {
    let doc = cx.doc;
    if !doc.headings.iter().any(|h| h.level > 2) {
        return Vec::new();
    }
    let kinds = kinds(cx);
    doc.entries
        .iter()
        .filter(|e| e.tag.is_none())
        .filter_map(|e| {
            let (heading, kind) = kinds.get(e.block as usize).copied().flatten()?;
            let host = host(doc.url(e)?)?;
            let expected = host_tags.tag_for(host)?;
            if expected == kind {
                return None;
            }
            let meaning = |tag: &str| {
                cx.config.tags[tag]
                    .meaning
                    .as_deref()
                    .unwrap_or(tag)
                    .to_owned()
            };
            let written = &doc.text()[doc.blocks[heading].range.clone()];
            Some(
                Violation::new(
                    cx.first_line(e),
                    format!(
                        "`{host}` link is under `{written}` ({}), but `{host}` links are a {}",
                        meaning(kind),
                        meaning(expected)
                    ),
                )
                .label("under a heading of another kind")
                .help(format!(
                    "move it under the list's heading for a {}, if this is one",
                    meaning(expected)
                )),
            )
        })
        .collect()
}

/// Tagged entries whose host wants another tag.
fn tagged(cx: &Context, host_tags: &HostTags) -> Vec<Violation> {
    cx.doc
        .entries
        .iter()
        .filter_map(|e| {
            let tag = e.tag.as_ref()?;
            let name = cx.doc.tag_name(tag)?;
            let host = host(cx.doc.url(e)?)?;
            let expected = host_tags.tag_for(host)?;
            if expected == name {
                return None;
            }
            let meaning = cx.config.tags[expected].meaning.as_deref().unwrap_or(expected);
            Some(
                Violation::new(
                    tag.range.range(),
                    format!("`{host}` link is tagged `:{name}:`, but links there are `:{expected}:` ({meaning})"),
                )
                .label("expected a different tag")
                .help(format!("use `:{expected}:` if this is a {meaning}")),
            )
        })
        .collect()
}
