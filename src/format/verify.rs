//! The safety net: re-parse what the printer wrote and prove that every
//! entry, every section and every block the model does not own came through.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;
use std::hash::{BuildHasher, Hasher, RandomState};

use rayon::prelude::*;

use crate::config::Config;
use crate::fix::Patcher;
use crate::model::repaired;
use crate::model::{is_collapsed, BlockKind, Document};
use crate::rules::entry::entry_tag_unknown::typo_of;
use crate::source::Source;

/// The printer lost or changed something: a bug. Nothing may be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unsafe {
    pub detail: String,
}

impl fmt::Display for Unsafe {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "internal error: the formatted text would differ from the input ({}); nothing was written. \
             Please report this with the file attached",
            self.detail
        )
    }
}

impl std::error::Error for Unsafe {}

/// What an entry *is*, independent of how it is written:
/// (section, title, URL, year, tag).
pub(crate) type EntryKey = (String, String, String, Option<u16>, String);

/// The key of one entry (see [`EntryKey`]).
pub(crate) fn entry_key(doc: &Document, e: &crate::model::Entry) -> EntryKey {
    let section = repaired(&doc.headings[doc.sections[e.section as usize].heading].text);
    let ([title, url, tag], year) = key_parts(doc, e);
    (
        section,
        title.into_owned(),
        url.into_owned(),
        year,
        tag.into_owned(),
    )
}

/// An entry's key but its section: title, URL and tag (repaired, borrowed
/// when nothing needs repairing) and year. The one definition behind
/// [`entry_key`] and [`fingerprints`].
fn key_parts<'d>(
    doc: &'d Document,
    e: &'d crate::model::Entry,
) -> ([Cow<'d, str>; 3], Option<u16>) {
    let text = doc.text();
    match (doc.title(e), doc.url(e)) {
        (Some(title), Some(url)) => {
            let tag = match &e.tag {
                Some(tag) => match doc.tag_name(tag) {
                    Some(name) => Cow::Borrowed(name),
                    // `entry-tag-unknown` repairs a typo: the same entry.
                    None => match typo_of(&doc.tag_names, tag.written(text)).filter(|_| !tag.emoji)
                    {
                        Some(name) => Cow::Borrowed(name),
                        None => repaired_cow(tag.written(text)),
                    },
                },
                None => Cow::Borrowed(""),
            };
            // An in-page URL (`#acme`, an entry-url-invalid of its own) is
            // the anchor rules' to repair: which fragment it names is not
            // what makes the entry.
            let url = if url.starts_with('#') {
                Cow::Borrowed("#")
            } else {
                repaired_cow(url)
            };
            (
                [repaired_cow(&text[title]), url, tag],
                e.year.as_ref().map(|y| y.value),
            )
        }
        _ => (
            [
                repaired_cow(&text[doc.item(e).range.range()]),
                Cow::Borrowed(""),
                Cow::Borrowed(""),
            ],
            None,
        ),
    }
}

/// [`repaired`], borrowing when there is nothing to repair (ASCII with
/// single spaces), as for nearly every title and URL.
fn repaired_cow(text: &str) -> Cow<'_, str> {
    if text.is_ascii() && is_collapsed(text) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(repaired(text))
    }
}

/// A 128-bit fingerprint of `parts` and `tail`. Two independently seeded
/// hashes make a false match between different keys a 2^-128 event that no
/// input can aim for.
fn fingerprint(seeds: &[RandomState; 2], parts: &[&str], tail: u32) -> u128 {
    let mut hashers = [seeds[0].build_hasher(), seeds[1].build_hasher()];
    for part in parts {
        for h in &mut hashers {
            h.write(part.as_bytes());
            h.write_u8(0xff);
        }
    }
    let [a, b] = hashers.map(|mut h| {
        h.write_u32(tail);
        h.finish()
    });
    (u128::from(a) << 64) | u128::from(b)
}

/// The fingerprint of every entry's [`EntryKey`], in entry order. Sorted,
/// they make the same multiset test as comparing [`entry_keys`], without a
/// copy of every title and URL.
fn fingerprints(doc: &Document, seeds: &[RandomState; 2]) -> Vec<u128> {
    let sections: Vec<String> = doc
        .sections
        .iter()
        .map(|s| repaired(&doc.headings[s.heading].text))
        .collect();
    doc.entries
        .par_iter()
        .map(|e| {
            let section = sections.get(e.section as usize).map_or("", String::as_str);
            let ([title, url, tag], year) = key_parts(doc, e);
            fingerprint(
                seeds,
                &[section, &title, &url, &tag],
                year.map_or(u32::MAX, u32::from),
            )
        })
        .collect()
}

/// The fingerprint of every link and image destination out of the page
/// (mojibake repaired, as `fmt` repairs it), in file order: entries'
/// links, links in prose, in the TOC, in skipped sections, badges.
///
/// Left out: the links inside a TOC item's in-page link (an image in
/// `[![logo](...) Acme](#acme)`). That link is the copy of its heading
/// that `fmt` writes anew (or drops when stale); the heading holds the
/// original, which is counted, and so is whatever follows the link.
fn link_fingerprints(doc: &Document, seeds: &[RandomState; 2]) -> Vec<(usize, u128)> {
    let text = doc.text();
    let copies: Vec<std::ops::Range<usize>> = doc
        .toc
        .iter()
        .flat_map(|t| &t.items)
        .filter(|i| !i.leads_out)
        .filter_map(|i| Some(i.item.link()?.range.range()))
        .collect();
    let in_copy = |at: usize| {
        let i = copies.partition_point(|r| r.end <= at);
        copies.get(i).is_some_and(|r| r.start <= at)
    };
    doc.links_out
        .par_iter()
        .enumerate()
        .with_min_len(1024)
        .filter(|(_, link)| copies.is_empty() || !in_copy(link.range.start()))
        .map(|(i, link)| (i, fingerprint(seeds, &[&repaired_cow(link.dest(text))], 0)))
        .collect()
}

/// Every entry's key, sorted: the multiset `fmt` and `add` must preserve.
pub(crate) fn entry_keys(doc: &Document) -> Vec<EntryKey> {
    let mut keys: Vec<EntryKey> = doc.entries.iter().map(|e| entry_key(doc, e)).collect();
    keys.sort();
    keys
}

fn sections(doc: &Document) -> Vec<String> {
    let mut names: Vec<String> = doc
        .sections
        .iter()
        .map(|s| repaired(&doc.headings[s.heading].text))
        .collect();
    names.sort();
    names
}

/// Blocks the model does not own, keyed by where they live, as `get` reads them.
fn kept_blocks(
    doc: &Document,
    get: impl Fn(std::ops::Range<usize>) -> String,
) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let owner = |b: usize| match doc.section_of_block(b) {
        Some(s) => repaired(&doc.headings[doc.sections[s].heading].text),
        None => "(table of contents)".to_owned(),
    };
    for (b, block) in doc.blocks.iter().enumerate().skip(doc.preamble.end) {
        let section = doc.section_of_block(b).map(|s| &doc.sections[s]);
        let owned = match block.kind {
            BlockKind::Heading(h) => {
                section.is_some_and(|s| s.heading == h && !s.skipped)
                    || doc.toc.as_ref().is_some_and(|t| t.heading == h)
            }
            BlockKind::List(_) => section.is_none_or(|s| !s.skipped),
            BlockKind::Other => false,
        };
        if !owned {
            out.push((owner(b), get(block.range.clone())));
        }
    }
    out.sort();
    out
}

fn preamble(doc: &Document, get: impl Fn(std::ops::Range<usize>) -> String) -> String {
    match doc.preamble.end.checked_sub(1) {
        Some(last) => get(0..doc.blocks[last].range.end),
        None => String::new(),
    }
}

/// What the output must hold, taken from the input and the rules' repairs
/// so that the input can be dropped before the output is parsed.
pub(super) struct Expected {
    seeds: [RandomState; 2],
    /// Every input entry's fingerprint, sorted, and the 1-based line its
    /// item starts on (to say which entry was lost).
    fingerprints: Vec<u128>,
    lines: Vec<u32>,
    /// Every link out of the page: fingerprint, sorted, with the input
    /// line and the destination (to say which one was lost).
    links: Vec<u128>,
    link_places: Vec<(u32, usize)>,
    /// The input's destinations, by link index.
    link_dests: Vec<Box<str>>,
    sections: Vec<String>,
    preamble: String,
    kept_blocks: Vec<(String, String)>,
}

impl Expected {
    pub(super) fn of(input: &Document, patcher: &Patcher) -> Expected {
        let seeds = [RandomState::new(), RandomState::new()];
        let mut pairs: Vec<(u128, u32)> = fingerprints(input, &seeds)
            .into_iter()
            .zip(&input.entries)
            .map(|(f, e)| (f, line_of(input, input.item(e).range.start())))
            .collect();
        pairs.par_sort_unstable();
        let (fingerprints, lines) = pairs.into_iter().unzip();
        let mut links: Vec<(u128, (u32, usize))> = link_fingerprints(input, &seeds)
            .into_iter()
            .map(|(i, f)| (f, (line_of(input, input.links_out[i].range.start()), i)))
            .collect();
        links.par_sort_unstable();
        let (links, link_places) = links.into_iter().unzip();
        Expected {
            seeds,
            fingerprints,
            lines,
            links,
            link_places,
            link_dests: input
                .links_out
                .iter()
                .map(|l| l.dest(input.text()).into())
                .collect(),
            sections: sections(input),
            preamble: preamble(input, |r| patcher.slice(r)),
            kept_blocks: kept_blocks(input, |r| patcher.slice(r)),
        }
    }
}

/// The 1-based line of `offset`, for messages.
fn line_of(doc: &Document, offset: usize) -> u32 {
    u32::try_from(doc.source.line_index(offset) + 1).unwrap_or(u32::MAX)
}

/// Parses `output` (named `name`) and checks it against `expected`;
/// returns the output's model, so callers need not parse it again.
pub(super) fn verify(
    expected: &Expected,
    name: &str,
    output: String,
    config: &Config,
) -> Result<Document, Unsafe> {
    let out = Document::parse(Source::exact(name, output), config);
    let raw = |range: std::ops::Range<usize>| out.text()[range].to_owned();
    let fail = |detail: String| Err(Unsafe { detail });

    let mut got = fingerprints(&out, &expected.seeds);
    got.par_sort_unstable();
    if expected.fingerprints != got {
        return fail(entries_changed(expected, &out));
    }
    drop(got);
    let mut got: Vec<u128> = link_fingerprints(&out, &expected.seeds)
        .into_iter()
        .map(|(_, f)| f)
        .collect();
    got.par_sort_unstable();
    if expected.links != got {
        return fail(links_changed(expected, &out, got));
    }
    if expected.sections != sections(&out) {
        return fail("the set of sections changed".into());
    }
    if expected.preamble != preamble(&out, raw) {
        return fail("the preamble changed".into());
    }
    let (want, got) = (&expected.kept_blocks, kept_blocks(&out, raw));
    if *want != got {
        let lost = want
            .iter()
            .find(|b| !got.contains(b))
            .or_else(|| got.iter().find(|b| !want.contains(b)));
        return fail(match lost {
            Some((owner, text)) => format!(
                "a block in `{owner}` changed: {}",
                crate::rules::quote(text)
            ),
            None => "blocks were duplicated or dropped".into(),
        });
    }
    Ok(out)
}

/// Says which link out of the page the output lost (by input line and
/// destination), or which it gained.
fn links_changed(expected: &Expected, out: &Document, got: Vec<u128>) -> String {
    let mut counts: HashMap<u128, i64> = HashMap::new();
    for f in &expected.links {
        *counts.entry(*f).or_default() += 1;
    }
    for f in &got {
        *counts.entry(*f).or_default() -= 1;
    }
    for (f, (line, i)) in expected.links.iter().zip(&expected.link_places) {
        if counts.get(f).is_some_and(|n| *n > 0) {
            let dest = expected.link_dests.get(*i).map_or("", |d| d);
            return format!("lost the link to `{dest}` on line {line} of the input");
        }
    }
    let text = out.text();
    for (i, f) in link_fingerprints(out, &expected.seeds) {
        if counts.get(&f).is_some_and(|n| *n < 0) {
            return format!("added a link to `{}`", out.links_out[i].dest(text));
        }
    }
    "the links out of the page changed".into()
}

/// Says which entries the output lost (by input line) and which it gained
/// (by title and section), from the two fingerprint multisets. Only on the
/// way to a refusal, so the output's fingerprints are simply taken again,
/// in entry order.
fn entries_changed(expected: &Expected, out: &Document) -> String {
    let got = fingerprints(out, &expected.seeds);
    let mut counts: HashMap<u128, i64> = HashMap::new();
    for f in &expected.fingerprints {
        *counts.entry(*f).or_default() += 1;
    }
    for f in &got {
        *counts.entry(*f).or_default() -= 1;
    }
    let mut lost = Vec::new();
    for (f, line) in expected.fingerprints.iter().zip(&expected.lines) {
        if let Some(n) = counts.get_mut(f).filter(|n| **n > 0) {
            *n -= 1;
            lost.push(*line);
        }
    }
    lost.sort_unstable();
    let mut diff: Vec<String> = lost
        .iter()
        .map(|line| format!("lost the entry on line {line} of the input"))
        .collect();
    for (f, e) in got.iter().zip(&out.entries) {
        if let Some(n) = counts.get_mut(f).filter(|n| **n < 0) {
            *n += 1;
            let (section, title, ..) = entry_key(out, e);
            diff.push(format!("added entry `{title}` in `{section}`"));
        }
    }
    if diff.is_empty() {
        diff.push("entries changed".into());
    }
    // A handful says what went wrong; a thousand would bury it.
    const SHOWN: usize = 5;
    if diff.len() > SHOWN {
        let more = diff.len() - SHOWN;
        diff.truncate(SHOWN);
        diff.push(format!("and {more} more"));
    }
    diff.join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{self, Context};

    const LIST: &str = "# T\n\nIntro.\n\n## Table of Contents\n\n1. [A](#a)\n\n## A\n\n\
        - [One](https://e.com/1) - `2021` - :books:\n- [Two](https://e.com/2) - `2020` - :books:\n\n> kept\n";

    fn check(output: &str) -> Result<(), Unsafe> {
        let config = Config::default();
        let doc = Document::parse(Source::new("t", LIST), &config);
        let cx = Context::new(&doc, &config, 2026);
        let patcher = Patcher::new(doc.text(), rules::check_repairable(&cx));
        verify(
            &Expected::of(&doc, &patcher),
            "t",
            output.to_owned(),
            &config,
        )
        .map(|_| ())
    }

    #[test]
    fn the_input_itself_passes() {
        assert_eq!(check(LIST), Ok(()));
    }

    #[test]
    fn a_lost_entry_is_named() {
        let e =
            check(&LIST.replace("- [Two](https://e.com/2) - `2020` - :books:\n", "")).unwrap_err();
        assert_eq!(e.detail, "lost the entry on line 12 of the input");
    }

    #[test]
    fn an_added_entry_is_named() {
        let e = check(&LIST.replace(
            "- [Two]",
            "- [Three](https://e.com/3) - `2019` - :books:\n- [Two]",
        ))
        .unwrap_err();
        assert_eq!(e.detail, "added entry `Three` in `A`");
    }

    #[test]
    fn a_changed_entry_is_lost_and_added() {
        let e = check(&LIST.replace("[Two]", "[Deux]")).unwrap_err();
        assert_eq!(
            e.detail,
            "lost the entry on line 12 of the input; added entry `Deux` in `A`"
        );
    }

    #[test]
    fn a_long_list_of_losses_is_cut_short() {
        let many: String = (0..9)
            .map(|i| format!("- [E{i}](https://e.com/x{i}) - `2020` - :books:\n"))
            .collect();
        let text = format!("## Table of Contents\n\n1. [A](#a)\n\n## A\n\n{many}");
        let config = Config::default();
        let doc = Document::parse(Source::new("t", &text), &config);
        let patcher = Patcher::new(doc.text(), Vec::new());
        let e = verify(&Expected::of(&doc, &patcher), "t", "## A\n".into(), &config).unwrap_err();
        assert_eq!(
            e.detail.matches("lost the entry").count(),
            5,
            "{}",
            e.detail
        );
        assert!(e.detail.ends_with("; and 4 more"), "{}", e.detail);
    }

    #[test]
    fn a_changed_year_or_url_is_caught() {
        assert!(check(&LIST.replace("`2020`", "`2019`")).is_err());
        assert!(check(&LIST.replace("e.com/2", "e.com/3")).is_err());
    }

    #[test]
    fn a_lost_or_added_link_out_of_the_page_is_named() {
        let with = LIST.replace("> kept", "> kept [see](https://see.example/a)");
        let config = Config::default();
        let doc = Document::parse(Source::new("t", &with), &config);
        let cx = Context::new(&doc, &config, 2026);
        let patcher = Patcher::new(doc.text(), rules::check_repairable(&cx));
        let expected = Expected::of(&doc, &patcher);
        let e = verify(&expected, "t", LIST.to_owned(), &config).unwrap_err();
        assert_eq!(
            e.detail,
            "lost the link to `https://see.example/a` on line 14 of the input"
        );
        let e =
            check(&LIST.replace("Intro.", "Intro ![x](https://img.example/x.png).")).unwrap_err();
        assert_eq!(e.detail, "added a link to `https://img.example/x.png`");
    }

    #[test]
    fn changed_prose_or_preamble_is_caught() {
        let e = check(&LIST.replace("> kept", "> changed")).unwrap_err();
        assert!(e.detail.contains("a block in `A` changed"), "{}", e.detail);
        assert!(check(&LIST.replace("Intro.", "Intro!")).is_err());
    }
}
