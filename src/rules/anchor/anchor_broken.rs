//! `anchor-broken`: a `(#fragment)` link matches no heading's slug.
//!
//! Repair: in the TOC the printer regenerates the item
//! (`format::toc`); elsewhere its edit writes the one close slug,
//! when exactly one is close.

use super::target::{replace_fragment, target, Target};
use crate::diagnostic::Violation;
use crate::registry::RuleId;
use crate::rules::context::Context;
use crate::rules::rule::{Repairs, Rule, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: RuleId::AnchorBroken,
        repairs: Repairs::Sometimes(
            "in the TOC always (the item is regenerated); elsewhere when exactly one heading's slug is close",
        ),
        summary: "A `(#fragment)` link matches no heading's GitHub slug.",
        why: "A broken anchor sends the reader to the top of the page instead of the section.",
        bad: "1. [Marshall Wace](#mashall-wace)\n\n## Marshall Wace",
        good: "1. [Marshall Wace](#marshall-wace)\n\n## Marshall Wace",
    },
    check,
};

fn check(cx: &Context) -> Vec<Violation> {
    let mut slugs = Slugs::new(cx.doc.headings.iter().map(|h| h.slug.as_str()));
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
                    let close = slugs.close_to(&link.fragment);
                    let best = close
                        .iter()
                        .min_by_key(|(d, _)| *d)
                        .map(|(_, s)| s.to_string());
                    (best, close.len() == 1)
                }
            };
            let v = Violation::new(
                link.range.clone(),
                format!("anchor `#{}` matches no heading", link.fragment),
            )
            .label("no such anchor");
            Some(match suggestion {
                Some(slug) => {
                    let v = v.help(format!("did you mean `#{slug}`?"));
                    let edits = replace_fragment(link, &slug);
                    if fixable {
                        v.edits(edits)
                    } else {
                        // Several headings are close: the closest is only
                        // a guess, offered in the editor, never made by fmt.
                        v.unsafe_edits(edits)
                    }
                }
                None => v.help("link to an existing heading's slug, or remove the link"),
            })
        })
        .collect()
}

/// Every heading slug, indexed for "did you mean" look-ups that stay fast
/// with thousands of headings and thousands of broken links: only slugs of
/// about the right length are looked at (a sorted slice), and only those
/// whose letters could be within the distance (a histogram bound) pay for
/// an edit distance.
///
/// A file built to defeat both (thousands of broken links, each a typo away
/// from thousands of near-identical slugs) would still cost headings x
/// links, so the search has a budget per file: past it, a broken link is
/// reported with the generic help and no suggestion. Real lists stay far
/// below it.
struct Slugs<'s> {
    /// (length in characters, letter histogram, slug), sorted by length.
    by_len: Vec<(usize, Histogram, &'s str)>,
    /// Slugs that may still be looked at, then edit distances that may
    /// still be computed, for the whole file.
    budget: (usize, usize),
}

/// See [`Slugs`]: about 0.1 s of work each at worst.
const LOOK_BUDGET: usize = 20_000_000;
const DISTANCE_BUDGET: usize = 200_000;

/// Counts of characters folded into 32 buckets. Folding only lowers the
/// difference between two strings' counts, so it stays a lower bound of
/// their edit distance (a transposition changes no count; every other edit
/// changes one count by one).
#[derive(Clone, Copy)]
struct Histogram([u8; 32]);

impl Histogram {
    fn of(text: &str) -> Histogram {
        let mut counts = [0u8; 32];
        for c in text.chars() {
            let bucket = (c as usize) % 32;
            counts[bucket] = counts[bucket].saturating_add(1);
        }
        Histogram(counts)
    }

    /// A lower bound of the edit distance between the two strings.
    fn distance(&self, other: &Histogram) -> usize {
        let (mut more, mut fewer) = (0usize, 0usize);
        for (a, b) in self.0.iter().zip(&other.0) {
            if a > b {
                more += usize::from(a - b);
            } else {
                fewer += usize::from(b - a);
            }
        }
        more.max(fewer)
    }
}

impl<'s> Slugs<'s> {
    fn new(slugs: impl Iterator<Item = &'s str>) -> Self {
        let mut by_len: Vec<(usize, Histogram, &str)> = slugs
            .map(|s| (s.chars().count(), Histogram::of(s), s))
            .collect();
        by_len.sort_by_key(|(len, _, _)| *len);
        Slugs {
            by_len,
            budget: (LOOK_BUDGET, DISTANCE_BUDGET),
        }
    }

    /// Slugs within a small edit distance of `fragment`, with their
    /// distances, closest first; empty once the budget is spent.
    fn close_to(&mut self, fragment: &str) -> Vec<(usize, &'s str)> {
        let wanted = fragment.to_lowercase();
        let len = wanted.chars().count();
        let limit = (len / 4).clamp(1, 3);
        let histogram = Histogram::of(&wanted);
        let from = self.by_len.partition_point(|(l, _, _)| *l + limit < len);
        let window = self.by_len[from..]
            .iter()
            .take_while(|(l, _, _)| *l <= len + limit);
        let (looks, distances) = &mut self.budget;
        let mut close: Vec<(usize, &str)> = Vec::new();
        for (_, h, slug) in window {
            if *looks == 0 || *distances == 0 {
                return Vec::new();
            }
            *looks -= 1;
            if h.distance(&histogram) > limit {
                continue;
            }
            *distances -= 1;
            let d = strsim::osa_distance(&wanted, slug);
            if d <= limit {
                close.push((d, slug));
            }
        }
        close.sort();
        close.dedup_by(|a, b| a.1 == b.1);
        close
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn close_slugs_finds_typos_only() {
        let mut slugs = Slugs::new(["marshall-wace", "mercedes-benz", "adobe", "uber"].into_iter());
        assert_eq!(slugs.close_to("mashall-wace"), vec![(1, "marshall-wace")]);
        assert_eq!(slugs.close_to("ubr"), vec![(1, "uber")]);
        assert_eq!(slugs.close_to("Uebr"), vec![(1, "uber")], "a transposition");
        assert!(slugs.close_to("netflix").is_empty());
    }

    #[test]
    fn the_search_stops_when_its_budget_is_spent() {
        let names: Vec<String> = (0..100).map(|i| format!("company-{i:03}")).collect();
        let mut slugs = Slugs::new(names.iter().map(String::as_str));
        assert_eq!(slugs.close_to("compny-042")[0], (1, "company-042"));
        // Each look-up here examines the 100 slugs of about that length.
        slugs.budget = (150, DISTANCE_BUDGET);
        assert_eq!(slugs.close_to("compny-042")[0], (1, "company-042"));
        assert!(slugs.close_to("compny-042").is_empty(), "budget spent");
        slugs.budget = (LOOK_BUDGET, 0);
        assert!(slugs.close_to("compny-042").is_empty());
    }

    /// The histogram bound never exceeds the real distance, or it would
    /// hide a close slug.
    #[test]
    fn the_histogram_bound_is_a_lower_bound() {
        let words = [
            "",
            "a",
            "ab",
            "ba",
            "abc",
            "société",
            "societe",
            "e-on",
            "eon",
            "kafka-summit",
            "kafka-sumit",
            "marshall-wace",
            "mashall-wace",
            "ab-cd",
            "cd-ab",
            "日本",
            "日本語",
        ];
        for a in words {
            for b in words {
                let bound = Histogram::of(a).distance(&Histogram::of(b));
                assert!(
                    bound <= strsim::osa_distance(a, b),
                    "{a:?} {b:?}: bound {bound}"
                );
            }
        }
    }
}
