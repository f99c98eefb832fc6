//! The safety net: parse what a writer produced and prove that it changed
//! only what it was allowed to ([`Change`]). It compares, input against
//! output:
//!
//! - every entry's identity ([`crate::model::EntryKey`]), as 64-bit
//!   fingerprints (a multiset, so moving entries is fine);
//! - every link, image and autolink destination out of the page, as
//!   64-bit fingerprints: the entries' own links through their keys, every
//!   other link as a multiset of its own;
//! - the section names;
//! - the preamble, byte for byte, and every block the model does not own
//!   (prose, HTML, code, tables, skipped sections), each with its section.
//!
//! What the input says the output must hold is taken through the writer's
//! [`Patcher`] (so a rule's local repair is expected) and the [`Change`]
//! (so `add`'s entry and `--fix-redirects`' URLs are expected), before the
//! input is dropped: a large file's two models never live at once.

use std::collections::HashMap;
use std::fmt;
use std::hash::{BuildHasher, Hasher, RandomState};
use std::ops::Range;

use rayon::prelude::*;

use super::patch::Patcher;
use crate::config::Config;
use crate::model::{key_url, repaired, repaired_cow, BlockKind, Document, EntryKey, KeyParts};
use crate::source::Source;

/// What a writer may change.
#[derive(Debug, Clone, Copy)]
pub enum Change<'a> {
    /// `fmt` and `lint --fix`: the layout (order, TOC, separators, the
    /// rules' local repairs); every entry, link, section and kept block
    /// stays.
    Layout,
    /// `add`: one new entry, with this key; with `new_section`, a new
    /// section (its name is the key's) and its TOC item.
    Entry {
        key: &'a EntryKey,
        new_section: bool,
    },
    /// `links --fix-redirects`: these URLs, each at its place, and nothing
    /// else.
    Urls(&'a [Rewrite]),
}

/// One URL to rewrite: the text at `range` (exactly the old URL) becomes
/// `to`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rewrite {
    pub range: Range<usize>,
    pub to: String,
}

/// A writer would change more than it may: a bug. Nothing may be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    /// Which writer: the sentence says what it was doing.
    pub writer: Writer,
    pub detail: String,
}

/// The writers the net guards, for [`Refused`]'s message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Writer {
    Format,
    Add,
    Redirects,
}

impl From<Change<'_>> for Writer {
    fn from(change: Change<'_>) -> Writer {
        match change {
            Change::Layout => Writer::Format,
            Change::Entry { .. } => Writer::Add,
            Change::Urls(_) => Writer::Redirects,
        }
    }
}

impl fmt::Display for Refused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (doing, outcome) = match self.writer {
            Writer::Format => ("the formatted text would differ from the input", "written"),
            Writer::Add => ("adding the entry would change more than the entry", "added"),
            Writer::Redirects => (
                "rewriting the URLs would change more than the URLs",
                "written",
            ),
        };
        write!(
            f,
            "internal error: {doing} ({}); nothing was {outcome}. \
             Please report this with the file attached",
            self.detail
        )
    }
}

impl std::error::Error for Refused {}

/// A 64-bit fingerprint of `parts` and `tail`: one SipHash with a random
/// key, so no input can aim for a collision, and an accidental one among a
/// list's entries (compared as a multiset) is below one in a billion even
/// at a million entries. (Two hashes, 128 bits, were 7 % of a large
/// `fmt`'s instructions and 0.8 MB more a 100,000 entries, against no
/// risk that matters.)
fn fingerprint(seed: &RandomState, parts: &[&str], tail: u32) -> u64 {
    let mut h = seed.build_hasher();
    for part in parts {
        h.write(part.as_bytes());
        h.write_u8(0xff);
    }
    h.write_u32(tail);
    h.finish()
}

/// A link destination's fingerprint: one keyed SipHash, as an entry's
/// (the links are compared as their own multiset), with its own key.
fn link_fingerprint(seeds: &[RandomState; 2], dest: &str) -> u64 {
    let mut h = seeds[1].build_hasher();
    h.write(dest.as_bytes());
    h.write_u8(0xff);
    h.finish()
}

fn entry_fingerprint(seeds: &[RandomState; 2], section: &str, parts: &KeyParts) -> u64 {
    fingerprint(
        &seeds[0],
        &[section, &parts.title, &parts.url, &parts.tag],
        parts.year.map_or(u32::MAX, u32::from),
    )
}

/// The fingerprint of every entry's key, in entry order, each key as
/// `parts` makes it from the entry's own ([`Document::key_parts`]).
fn fingerprints<'d>(
    doc: &'d Document,
    seeds: &[RandomState; 2],
    parts: impl Fn(usize, &'d crate::model::Entry) -> KeyParts<'d> + Sync,
) -> Vec<u64> {
    let sections: Vec<String> = (0..doc.sections.len())
        .map(|s| doc.section_name(s))
        .collect();
    doc.entries
        .par_iter()
        .enumerate()
        .map(|(i, e)| {
            let section = sections.get(e.section as usize).map_or("", String::as_str);
            entry_fingerprint(seeds, section, &parts(i, e))
        })
        .collect()
}

/// Every link and image destination out of the page (mojibake repaired,
/// as `fmt` repairs it), with its index in `links_out`, in file order:
/// links in prose, in the TOC, in skipped sections, badges, images in
/// entries' titles. An entry's own link is not among them: its URL is in
/// the entry's key, so the two multisets together hold every link.
/// `dest` gives each link's destination (the writer's rewrite, or its own).
///
/// Left out: the links inside a TOC item's in-page link (an image in
/// `[![logo](...) Acme](#acme)`). That link is the copy of its heading
/// that `fmt` writes anew (or drops when stale); the heading holds the
/// original, which is counted, and so is whatever follows the link.
fn link_fingerprints<'d>(
    doc: &'d Document,
    seeds: &[RandomState; 2],
    dest: impl Fn(usize) -> &'d str + Sync,
) -> Vec<(u32, u64)> {
    let copies: Vec<Range<usize>> = doc
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
        .map(|(i, _)| (i as u32, link_fingerprint(seeds, &repaired_cow(dest(i)))))
        .collect()
}

fn sections(doc: &Document) -> Vec<String> {
    let mut names: Vec<String> = (0..doc.sections.len())
        .map(|s| doc.section_name(s))
        .collect();
    names.sort();
    names
}

/// Blocks the model does not own, keyed by where they live, as `get` reads them.
fn kept_blocks(doc: &Document, get: impl Fn(Range<usize>) -> String) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let owner = |b: usize| match doc.section_of_block(b) {
        Some(s) => doc.section_name(s),
        None => "(table of contents)".to_owned(),
    };
    for (b, block) in doc.blocks.iter().enumerate().skip(doc.preamble.end) {
        let section = doc.section_of_block(b).map(|s| &doc.sections[s]);
        let owned = match block.kind {
            BlockKind::Heading(h) => {
                section.is_some_and(|s| s.heading == h && !s.skipped)
                    || doc.toc.as_ref().is_some_and(|t| t.heading == Some(h))
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

fn preamble(doc: &Document, get: impl Fn(Range<usize>) -> String) -> String {
    match doc.preamble.end.checked_sub(1) {
        Some(last) => get(0..doc.blocks[last].range.end),
        None => String::new(),
    }
}

/// Where each rewrite of `rewrites` lands: the entry whose URL it is (by
/// the start of the URL as written, trimmed), and the innermost link out
/// of the page whose destination it is (by index into `links_out`).
fn rewritten(
    doc: &Document,
    rewrites: &[Rewrite],
) -> (HashMap<usize, String>, HashMap<usize, String>) {
    let text = doc.text();
    let at: HashMap<usize, &Rewrite> = rewrites.iter().map(|r| (r.range.start, r)).collect();
    let mut entries = HashMap::new();
    for (i, e) in doc.entries.iter().enumerate() {
        let Some(url) = &e.url else { continue };
        let raw = url.range.range();
        let written = &text[raw.clone()];
        let start = raw.start + (written.len() - written.trim_start().len());
        let end = start + written.trim().len();
        if let Some(r) = at.get(&start).filter(|r| r.range.end == end) {
            entries.insert(i, r.to.clone());
        }
    }
    let mut links = HashMap::new();
    for r in rewrites {
        let old = text.get(r.range.clone()).unwrap_or_default();
        let innermost = doc
            .links_out
            .iter()
            .enumerate()
            .filter(|(_, l)| {
                l.range.start() <= r.range.start
                    && r.range.end <= l.range.end()
                    && l.dest(text) == old
            })
            .min_by_key(|(_, l)| l.range.len());
        if let Some((i, _)) = innermost {
            links.insert(i, r.to.clone());
        }
    }
    (entries, links)
}

/// What the output must hold, taken from the input, the writer's patcher
/// and its [`Change`], so that the input can be dropped before the output
/// is parsed.
pub struct Expected {
    writer: Writer,
    seeds: [RandomState; 2],
    /// Every expected entry's fingerprint, sorted, and the 1-based line its
    /// item starts on in the input (0: the entry the change adds), to say
    /// which entry was lost.
    fingerprints: Vec<u64>,
    lines: Vec<u32>,
    /// Every expected link out of the page that is not an entry's own
    /// (those are in the entries' keys): fingerprint, sorted, with its
    /// input line, to say which one was lost. Only the line: at 100,000
    /// links the destinations would be megabytes kept for a message.
    links: Vec<u64>,
    link_lines: Vec<u32>,
    sections: Vec<String>,
    preamble: String,
    kept_blocks: Vec<(String, String)>,
}

impl Expected {
    pub fn of(input: &Document, patcher: &Patcher, change: Change) -> Expected {
        let seeds = [RandomState::new(), RandomState::new()];
        let text = input.text();
        let (moved_entries, moved_links) = match change {
            Change::Urls(rewrites) => rewritten(input, rewrites),
            _ => Default::default(),
        };
        let parts = |i: usize, e| {
            let mut parts = input.key_parts(e);
            // The writer's own repairs inside the text the key holds (a
            // title's anchor or rewritten image; the whole item when it is
            // no link) are expected there.
            let keyed = match (input.title(e), input.url(e)) {
                (Some(title), Some(_)) => title,
                _ => input.item(e).range.range(),
            };
            if let std::borrow::Cow::Owned(patched) = patcher.slice_cow(keyed) {
                parts.title = std::borrow::Cow::Owned(repaired(&patched));
            }
            if let Some(to) = moved_entries.get(&i) {
                parts.url = std::borrow::Cow::Owned(key_url(to).into_owned());
            }
            parts
        };
        let mut pairs: Vec<(u64, u32)> = fingerprints(input, &seeds, parts)
            .into_iter()
            .zip(&input.entries)
            .map(|(f, e)| (f, line_of(input, input.item(e).range.start())))
            .collect();
        let dest = |i: usize| match moved_links.get(&i) {
            Some(to) => to.as_str(),
            None => input.links_out[i].dest(text),
        };
        let mut links: Vec<(u64, u32)> = link_fingerprints(input, &seeds, dest)
            .into_iter()
            .map(|(i, f)| (f, line_of(input, input.links_out[i as usize].range.start())))
            .collect();
        let mut sections = sections(input);
        if let Change::Entry { key, new_section } = change {
            let (section, title, url, year, tag) = key;
            let parts = KeyParts {
                title: title.into(),
                url: url.into(),
                tag: tag.into(),
                year: *year,
            };
            pairs.push((entry_fingerprint(&seeds, section, &parts), 0));
            if new_section {
                sections.push(section.clone());
                sections.sort();
            }
        }
        pairs.par_sort_unstable();
        let (fingerprints, lines) = pairs.into_iter().unzip();
        links.par_sort_unstable();
        let (links, link_lines) = links.into_iter().unzip();
        Expected {
            writer: change.into(),
            seeds,
            fingerprints,
            lines,
            links,
            link_lines,
            sections,
            preamble: preamble(input, |r| patcher.slice(r)),
            kept_blocks: kept_blocks(input, |r| patcher.slice(r)),
        }
    }

    fn refuse<T>(&self, detail: String) -> Result<T, Refused> {
        Err(Refused {
            writer: self.writer,
            detail,
        })
    }

    /// Parses `output` (named `name`) exactly as written and checks it
    /// against what is expected; returns the output's model, so callers
    /// need not parse it again.
    pub fn check(&self, name: &str, output: String, config: &Config) -> Result<Document, Refused> {
        let out = Document::parse(Source::exact(name, output), config);
        self.check_parsed(&out)?;
        Ok(out)
    }

    /// [`Expected::check`] of an output already parsed (exactly as written:
    /// [`Source::exact`]).
    pub fn check_parsed(&self, out: &Document) -> Result<(), Refused> {
        let text = out.text();
        let raw = |range: Range<usize>| text[range].to_owned();

        let mut got = fingerprints(out, &self.seeds, |_, e| out.key_parts(e));
        got.par_sort_unstable();
        if self.fingerprints != got {
            return self.refuse(self.entries_changed(out));
        }
        drop(got);
        let mut got: Vec<u64> =
            link_fingerprints(out, &self.seeds, |i| out.links_out[i].dest(text))
                .into_iter()
                .map(|(_, f)| f)
                .collect();
        got.par_sort_unstable();
        if self.links != got {
            return self.refuse(self.links_changed(out, got));
        }
        if self.sections != sections(out) {
            return self.refuse("the set of sections changed".into());
        }
        if self.preamble != preamble(out, raw) {
            return self.refuse("the preamble changed".into());
        }
        let (want, got) = (&self.kept_blocks, kept_blocks(out, raw));
        if *want != got {
            let lost = want
                .iter()
                .find(|b| !got.contains(b))
                .or_else(|| got.iter().find(|b| !want.contains(b)));
            return self.refuse(match lost {
                Some((owner, text)) => format!(
                    "a block in `{owner}` changed: {}",
                    crate::diagnostic::quote(text)
                ),
                None => "blocks were duplicated or dropped".into(),
            });
        }
        Ok(())
    }

    /// Says which link out of the page the output lost (by input line and
    /// destination), or which it gained.
    fn links_changed(&self, out: &Document, got: Vec<u64>) -> String {
        let counts = difference(&self.links, &got);
        for (f, line) in self.links.iter().zip(&self.link_lines) {
            if counts.get(f).is_some_and(|n| *n > 0) {
                return format!("lost a link out of the page on line {line} of the input");
            }
        }
        let text = out.text();
        for (i, f) in link_fingerprints(out, &self.seeds, |i| out.links_out[i].dest(text)) {
            if counts.get(&f).is_some_and(|n| *n < 0) {
                return format!("added a link to `{}`", out.links_out[i as usize].dest(text));
            }
        }
        "the links out of the page changed".into()
    }

    /// Says which entries the output lost (by input line) and which it
    /// gained (by title and section), from the two fingerprint multisets.
    /// Only on the way to a refusal, so the output's fingerprints are
    /// simply taken again, in entry order.
    fn entries_changed(&self, out: &Document) -> String {
        let got = fingerprints(out, &self.seeds, |_, e| out.key_parts(e));
        let mut counts = difference(&self.fingerprints, &got);
        let mut lost = Vec::new();
        for (f, line) in self.fingerprints.iter().zip(&self.lines) {
            if let Some(n) = counts.get_mut(f).filter(|n| **n > 0) {
                *n -= 1;
                lost.push(*line);
            }
        }
        lost.sort_unstable();
        let mut diff: Vec<String> = lost
            .iter()
            .map(|line| match line {
                0 => "the new entry is not there as it should be".to_owned(),
                _ => format!("lost the entry on line {line} of the input"),
            })
            .collect();
        for (f, e) in got.iter().zip(&out.entries) {
            if let Some(n) = counts.get_mut(f).filter(|n| **n < 0) {
                *n += 1;
                let (section, title, ..) = out.entry_key(e);
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
}

/// How many more times each fingerprint is in `want` than in `got`.
fn difference<F: Copy + Eq + std::hash::Hash>(want: &[F], got: &[F]) -> HashMap<F, i64> {
    let mut counts: HashMap<F, i64> = HashMap::new();
    for f in want {
        *counts.entry(*f).or_default() += 1;
    }
    for f in got {
        *counts.entry(*f).or_default() -= 1;
    }
    counts
}

/// The 1-based line of `offset`, for messages.
fn line_of(doc: &Document, offset: usize) -> u32 {
    u32::try_from(doc.source.line_index(offset) + 1).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{self, Context};

    const LIST: &str = "# T\n\nIntro.\n\n## Table of Contents\n\n1. [A](#a)\n\n## A\n\n\
        - [One](https://e.com/1) - `2021` - :books:\n- [Two](https://e.com/2) - `2020` - :books:\n\n> kept\n";

    fn check(output: &str) -> Result<(), Refused> {
        let config = Config::default();
        let doc = Document::parse(Source::new("t", LIST), &config);
        let cx = Context::new(&doc, &config, 2026);
        let patcher = Patcher::new(doc.text(), rules::check_repairable(&cx));
        Expected::of(&doc, &patcher, Change::Layout)
            .check("t", output.to_owned(), &config)
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
        let e = Expected::of(&doc, &patcher, Change::Layout)
            .check("t", "## A\n".into(), &config)
            .unwrap_err();
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
        let expected = Expected::of(&doc, &patcher, Change::Layout);
        let e = expected.check("t", LIST.to_owned(), &config).unwrap_err();
        assert_eq!(
            e.detail,
            "lost a link out of the page on line 14 of the input"
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

    #[test]
    fn an_added_entry_must_be_the_one_announced() {
        let config = Config::default();
        let doc = Document::parse(Source::new("t", LIST), &config);
        let line = "- [Three](https://e.com/3) - `2019` - :books:\n";
        let output = LIST.replace("\n\n> kept", &format!("\n{line}\n> kept"));
        let key: EntryKey = (
            "A".into(),
            "Three".into(),
            "https://e.com/3".into(),
            Some(2019),
            "books".into(),
        );
        let patcher = Patcher::of_edits(doc.text(), Vec::new());
        let change = Change::Entry {
            key: &key,
            new_section: false,
        };
        let expected = Expected::of(&doc, &patcher, change);
        assert!(expected.check("t", output.clone(), &config).is_ok());
        // Another entry than the one announced, or none: refused.
        let other = output.replace("[Three]", "[Four]");
        let e = expected.check("t", other, &config).unwrap_err();
        assert!(
            e.detail.contains("the new entry is not there"),
            "{}",
            e.detail
        );
        assert!(e.to_string().contains("nothing was added"), "{e}");
        let e = expected.check("t", LIST.to_owned(), &config).unwrap_err();
        assert!(
            e.detail.contains("the new entry is not there"),
            "{}",
            e.detail
        );
    }

    #[test]
    fn rewritten_urls_must_be_exactly_those() {
        let config = Config::default();
        let text = LIST.replace("> kept", "> see <https://e.com/2>");
        let doc = Document::parse(Source::new("t", &text), &config);
        let at = text.find("https://e.com/2").unwrap();
        let moves = [Rewrite {
            range: at..at + 15,
            to: "https://e.com/two".into(),
        }];
        let edits = vec![crate::diagnostic::Edit::new(
            at..at + 15,
            "https://e.com/two",
        )];
        let patcher = Patcher::of_edits(doc.text(), edits);
        let expected = Expected::of(&doc, &patcher, Change::Urls(&moves));
        let once = text.replacen("https://e.com/2", "https://e.com/two", 1);
        assert!(expected.check("t", once.clone(), &config).is_ok());
        // The other occurrence was not to move.
        let both = text.replace("https://e.com/2", "https://e.com/two");
        let e = expected.check("t", both, &config).unwrap_err();
        assert!(
            e.to_string()
                .contains("rewriting the URLs would change more than the URLs"),
            "{e}"
        );
        // Nor may the year change with it.
        let e = expected
            .check("t", once.replace("`2020`", "`2019`"), &config)
            .unwrap_err();
        assert!(
            e.detail.contains("lost the entry on line 12"),
            "{}",
            e.detail
        );
    }
}
