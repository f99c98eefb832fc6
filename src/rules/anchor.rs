//! `anchor-*`: every `(#fragment)` link in the file lands on a heading.

use super::{Context, Fix, Rule, RuleMeta};
use crate::diagnostic::{Diagnostic, Edit, Severity};
use crate::model::toc::ItemMatch;
use crate::model::FragmentLink;

pub static ANCHOR_BROKEN: Rule = Rule {
    meta: RuleMeta {
        id: "anchor-broken",
        severity: Severity::Error,
        fix: Fix::Sometimes(
            "in the TOC always (the item is regenerated); elsewhere when exactly one heading's slug is close",
        ),
        summary: "A `(#fragment)` link matches no heading's GitHub slug.",
        why: "A broken anchor sends the reader to the top of the page instead of the section.",
        bad: "1. [Marshall Wace](#mashall-wace)\n\n## Marshall Wace",
        good: "1. [Marshall Wace](#marshall-wace)\n\n## Marshall Wace",
    },
    check: anchor_broken,
};

pub static ANCHOR_CASE: Rule = Rule {
    meta: RuleMeta {
        id: "anchor-case",
        severity: Severity::Error,
        fix: Fix::Always,
        summary: "A `(#fragment)` link matches a heading's slug only when letter case is ignored.",
        why: "GitHub's anchors are lowercase and fragments are case-sensitive: `#Deloitte` does not scroll.",
        bad: "1. [Deloitte](#Deloitte)",
        good: "1. [Deloitte](#deloitte)",
    },
    check: anchor_case,
};

/// How the link's fragment relates to the headings.
enum Target {
    Fine,
    Case(usize),
    Broken,
}

fn target(cx: &Context, link: &FragmentLink) -> Target {
    if link.fragment.is_empty() || cx.slugs.exact(&link.fragment).is_some() {
        return Target::Fine;
    }
    if let Some(item) = link.toc_item {
        match cx.toc.items.get(item) {
            Some(ItemMatch::Extra | ItemMatch::Duplicate(_)) => return Target::Fine,
            Some(ItemMatch::TextOnly(_)) => return Target::Broken,
            _ => {}
        }
    }
    match cx.slugs.folded(&link.fragment) {
        Some(h) => Target::Case(h),
        None => Target::Broken,
    }
}

fn replace_fragment(link: &FragmentLink, slug: &str) -> Vec<Edit> {
    link.fragment_range
        .clone()
        .map(|r| vec![Edit::new(r, slug)])
        .unwrap_or_default()
}

fn anchor_case(cx: &Context) -> Vec<Diagnostic> {
    cx.doc
        .fragment_links
        .iter()
        .filter_map(|link| {
            let Target::Case(h) = target(cx, link) else {
                return None;
            };
            let slug = &cx.doc.headings[h].slug;
            Some(
                Diagnostic::new(
                    "anchor-case",
                    link.range.clone(),
                    format!(
                        "anchor `#{}` differs from the slug `#{slug}` in letter case",
                        link.fragment
                    ),
                )
                .label("wrong case")
                .help(format!("write `#{slug}`: GitHub anchors are lowercase"))
                .edits(replace_fragment(link, slug)),
            )
        })
        .collect()
}

fn anchor_broken(cx: &Context) -> Vec<Diagnostic> {
    let slugs: Vec<&str> = cx.doc.headings.iter().map(|h| h.slug.as_str()).collect();
    cx.doc
        .fragment_links
        .iter()
        .filter_map(|link| {
            let Target::Broken = target(cx, link) else {
                return None;
            };
            let in_toc = link
                .toc_item
                .and_then(|i| cx.toc.items.get(i))
                .and_then(|m| m.section());
            let (suggestion, fixable) = match in_toc {
                Some(s) => (Some(cx.doc.heading(&cx.doc.sections[s]).slug.clone()), true),
                None => {
                    let close = close_slugs(&link.fragment, &slugs);
                    let best = close
                        .iter()
                        .min_by_key(|(d, _)| *d)
                        .map(|(_, s)| s.to_string());
                    (best, close.len() == 1)
                }
            };
            let d = Diagnostic::new(
                "anchor-broken",
                link.range.clone(),
                format!("anchor `#{}` matches no heading", link.fragment),
            )
            .label("no such anchor");
            Some(match suggestion {
                Some(slug) => {
                    let d = d.help(format!("did you mean `#{slug}`?"));
                    if fixable {
                        let edits = replace_fragment(link, &slug);
                        d.edits(edits)
                    } else {
                        d
                    }
                }
                None => d.help("link to an existing heading's slug, or remove the link"),
            })
        })
        .collect()
}

/// Slugs within a small edit distance of `fragment`, with their distances.
/// Length is checked first, so a miss costs one comparison per heading.
fn close_slugs<'s>(fragment: &str, slugs: &[&'s str]) -> Vec<(usize, &'s str)> {
    let wanted = fragment.to_lowercase();
    let len = wanted.chars().count();
    let limit = (len / 4).clamp(1, 3);
    let mut close: Vec<(usize, &str)> = slugs
        .iter()
        .filter(|s| s.chars().count().abs_diff(len) <= limit)
        .map(|s| (strsim::damerau_levenshtein(&wanted, s), *s))
        .filter(|(d, _)| *d <= limit)
        .collect();
    close.sort();
    close.dedup_by(|a, b| a.1 == b.1);
    close
}

#[cfg(test)]
mod tests {
    use super::close_slugs;

    #[test]
    fn close_slugs_finds_typos_only() {
        let slugs = ["marshall-wace", "mercedes-benz", "adobe", "uber"];
        assert_eq!(
            close_slugs("mashall-wace", &slugs),
            vec![(1, "marshall-wace")]
        );
        assert_eq!(close_slugs("ubr", &slugs), vec![(1, "uber")]);
        assert!(close_slugs("netflix", &slugs).is_empty());
    }
}
