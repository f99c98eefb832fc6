//! `entry-duplicate`: the same URL twice in the file. Not repaired: which
//! of the two to keep is a person's call.

use std::borrow::Cow;
use std::collections::HashMap;

use crate::diagnostic::Violation;
use crate::model::url::identity;
use crate::registry::RuleId;
use crate::rules::context::Context;
use crate::rules::rule::{quote, Repairs, Rule, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: RuleId::EntryDuplicate,
        repairs: Repairs::Never,
        summary: "Two entries link to the same page: compared without the scheme, `www.`, a default port or a trailing `/`, and a YouTube or Vimeo video whichever address form it has.",
        why: "A link listed twice is noise, and often a sign the second contribution went to the wrong company. `http://` and `https://`, `www.example.com` and `example.com`, `:443`, a trailing `/`, and `youtu.be/ID`, `youtube.com/watch?v=ID`, `/embed/ID`, `/shorts/ID` (or `vimeo.com/ID` and `player.vimeo.com/video/ID`) are one page; the path, query and fragment otherwise count as written.",
        bad: "- [Talk](https://youtu.be/x) - `2020` - :studio_microphone:\n- [Talk again](https://youtu.be/x/) - `2020` - :studio_microphone:",
        good: "- [Talk](https://youtu.be/x) - `2020` - :studio_microphone:",
    },
    check,
};

/// One entry of the list: one the model holds, or the leading link of a
/// nested item or a table row ([`crate::model::OutLink::leads`]).
#[derive(Clone, Copy)]
enum Listed {
    Entry(usize),
    Led(usize),
}

fn check(cx: &Context) -> Vec<Violation> {
    let doc = cx.doc;
    let entries = &doc.entries;
    let led: Vec<usize> = (0..doc.links_out.len())
        .filter(|&j| doc.links_out[j].leads)
        .collect();
    // Entries alone, with no list built, when nothing else leads an item
    // (the at-scale shape: 100,000 entries would cost 1.6 MB here); else
    // both, in file order.
    let merged: Vec<Listed> = if led.is_empty() {
        Vec::new()
    } else {
        let mut all: Vec<(usize, Listed)> = (0..entries.len())
            .filter_map(|i| Some((entries[i].url.as_ref()?.range.start(), Listed::Entry(i))))
            .chain(
                led.iter()
                    .map(|&j| (doc.links_out[j].range.start(), Listed::Led(j))),
            )
            .collect();
        all.sort_by_key(|(at, _)| *at);
        all.into_iter().map(|(_, l)| l).collect()
    };
    let n = if led.is_empty() {
        entries.len()
    } else {
        merged.len()
    };
    let listed = |k: usize| {
        if led.is_empty() {
            Listed::Entry(k)
        } else {
            merged[k]
        }
    };
    let dest = |l: Listed| match l {
        Listed::Entry(i) => doc.url(&entries[i]),
        Listed::Led(j) => Some(doc.links_out[j].dest(doc.text())),
    };
    let key_of = |k: usize| Some(identity(dest(listed(k))?));
    let hasher = std::hash::RandomState::new();
    let mut found = cited_again(cx);
    found.extend(
        repeats(n, key_of, &hasher, crate::model::is_large(cx.text()))
            .into_iter()
            .filter_map(|(k, first)| {
                let range = match listed(k) {
                    Listed::Entry(i) => entries[i].url.as_ref()?.range.range(),
                    Listed::Led(j) => doc.links_out[j].range.range(),
                };
                let line = match listed(first) {
                    Listed::Entry(i) => doc.item(&entries[i]).lines.start() + 1,
                    Listed::Led(j) => doc.source.line_index(doc.links_out[j].range.start()) + 1,
                };
                Some(
                    Violation::new(
                        range,
                        format!("URL {} is already listed", quote(dest(listed(k))?)),
                    )
                    .label("duplicate")
                    .help(format!("the same link is on line {line}; keep one of them")),
                )
            })
            .collect::<Vec<_>>(),
    );
    found.sort_by_key(|v| v.range.start);
    found
}

/// A prose bullet that cites, in quotation marks, the title of an entry
/// listed already (`* Buskilla, Y. "Counting Unique Users in Real-Time"
/// *SlideShare*, 2019. https://...` below the same talk's link): the same
/// write-up twice, under another URL. Titles of four words or more, read
/// as letters and digits only.
fn cited_again(cx: &Context) -> Vec<Violation> {
    let doc = cx.doc;
    let text = doc.text();
    let key = |t: &str| crate::model::sort_key(t);
    // The quoted titles of prose bullets first: most lists have none, and
    // then no entry's title needs a key.
    let cited: Vec<(&crate::model::Entry, Vec<&str>)> = doc
        .entries
        .iter()
        .filter(|e| doc.item(e).link().is_none())
        .filter_map(|e| {
            let quoted: Vec<&str> = quoted_titles(&text[doc.item(e).range.range()])
                .into_iter()
                .filter(|q| q.split_whitespace().count() >= 4)
                .collect();
            (!quoted.is_empty()).then_some((e, quoted))
        })
        .collect();
    if cited.is_empty() {
        return Vec::new();
    }
    let mut titles: HashMap<String, usize> = HashMap::new();
    for e in &doc.entries {
        if let Some(range) = doc.title(e) {
            let title = &text[range.clone()];
            if title.split_whitespace().count() >= 4 {
                titles
                    .entry(key(title))
                    .or_insert(doc.item(e).lines.start() + 1);
            }
        }
    }
    cited
        .into_iter()
        .filter_map(|(e, quoted)| {
            let (quoted, line) = quoted
                .into_iter()
                .find_map(|q| Some((q, *titles.get(&key(q))?)))?;
            Some(
                Violation::new(
                    cx.first_line(e),
                    format!("`{quoted}` is cited again: the same write-up as on line {line}"),
                )
                .label("cited twice")
                .help(format!(
                    "keep one of the two (line {line} links it), or put both links in one entry"
                )),
            )
        })
        .collect()
}

/// The texts between `"` and `"`, or `“` and `”`, in `text`.
fn quoted_titles(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for (open, close) in [('"', '"'), ('“', '”')] {
        let mut rest = text;
        while let Some(a) = rest.find(open) {
            let after = &rest[a + open.len_utf8()..];
            let Some(b) = after.find(close) else { break };
            out.push(after[..b].trim_end_matches(['.', ',', '!', '?']));
            rest = &after[b + close.len_utf8()..];
        }
    }
    out
}

/// Every index `i < n` whose key equals an earlier one's, with the first
/// index holding that key, sorted by `i`.
///
/// Each key is hashed (on all cores with `on_all_cores`), the hashes
/// sorted, and only keys whose hashes meet are compared: no map of every
/// key, no copy of every URL. Keys whose hashes meet but differ (all but
/// impossible with a random key) are told apart by comparing the keys.
fn repeats<'k>(
    n: usize,
    key_of: impl Fn(usize) -> Option<Cow<'k, str>> + Sync,
    hasher: &(impl std::hash::BuildHasher + Sync),
    on_all_cores: bool,
) -> Vec<(usize, usize)> {
    use rayon::prelude::*;
    let hashed = |i: usize| Some((hasher.hash_one(key_of(i)?), i));
    let mut hashes: Vec<(u64, usize)>;
    if on_all_cores {
        hashes = (0..n).into_par_iter().filter_map(hashed).collect();
        hashes.par_sort_unstable();
    } else {
        hashes = (0..n).filter_map(hashed).collect();
        hashes.sort_unstable();
    }
    let mut out = Vec::new();
    for run in hashes
        .chunk_by(|a, b| a.0 == b.0)
        .filter(|run| run.len() > 1)
    {
        // In index order; split off the first key's copies until none is
        // left (one round, unless hashes collided).
        let mut rest: Vec<(usize, Cow<'k, str>)> = run
            .iter()
            .filter_map(|&(_, i)| Some((i, key_of(i)?)))
            .collect();
        while let Some((first, key)) = rest.first().map(|(i, k)| (*i, k.clone())) {
            rest.retain(|(i, k)| {
                let repeat = *i != first && *k == key;
                if repeat {
                    out.push((*i, first));
                }
                *i != first && !repeat
            });
        }
    }
    out.sort_unstable();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A hasher under which every key collides.
    #[derive(Default)]
    struct Collide;

    impl std::hash::Hasher for Collide {
        fn finish(&self) -> u64 {
            0
        }
        fn write(&mut self, _: &[u8]) {}
    }

    #[test]
    fn repeats_are_found_even_when_every_hash_collides() {
        let keys = ["a", "b", "a", "c", "b", "b"];
        let key_of = |i: usize| Some(Cow::Borrowed(keys[i]));
        let want = vec![(2, 0), (4, 1), (5, 1)];
        let random = std::hash::RandomState::new();
        let colliding = std::hash::BuildHasherDefault::<Collide>::default();
        for on_all_cores in [false, true] {
            assert_eq!(repeats(keys.len(), key_of, &random, on_all_cores), want);
            assert_eq!(repeats(keys.len(), key_of, &colliding, on_all_cores), want);
        }
    }

    #[test]
    fn repeats_on_all_cores_are_the_repeats_in_order() {
        // Many keys, every key three times, against a map-based reference.
        let distinct = 4096;
        let n = 3 * distinct;
        let keys: Vec<String> = (0..n).map(|i| format!("k{}", (i * 7) % distinct)).collect();
        let key_of = |i: usize| Some(Cow::Borrowed(keys[i].as_str()));
        let reference = |m: usize| -> Vec<(usize, usize)> {
            let mut first: HashMap<&str, usize> = HashMap::new();
            (0..m)
                .filter_map(|i| {
                    let j = *first.entry(keys[i].as_str()).or_insert(i);
                    (j != i).then_some((i, j))
                })
                .collect()
        };
        let want = reference(n);
        assert_eq!(want.len(), 2 * distinct);
        let random = std::hash::RandomState::new();
        // Every hash the same: still only equal keys.
        let m = distinct + 64;
        let colliding = std::hash::BuildHasherDefault::<Collide>::default();
        for on_all_cores in [false, true] {
            assert_eq!(repeats(n, key_of, &random, on_all_cores), want);
            assert_eq!(repeats(m, key_of, &colliding, on_all_cores), reference(m));
        }
    }
}
