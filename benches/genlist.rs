//! Generates a realistic list of N entries: a TOC, one section per 50
//! entries, titles of ordinary length, newest first, mixed tags, unique
//! URLs, and one deliberate defect per 1,000 entries (a wrong-case anchor,
//! trailing spaces, an entry out of order) so the rules have work to do.
//! Shared by the criterion benches and `examples/genlist.rs`.
//!
//! Two more kinds ([`Kind`]) are what real lists look like to `fmt`: titles
//! with typographic quotes, ®, em dashes and ampersands, canonical and
//! sorted (nothing for `fmt` to change), and the same list with one entry
//! in 250 and one section in 22 out of place.

use std::fmt::Write as _;

pub const ENTRIES_PER_SECTION: usize = 50;

const WORDS: &[&str] = &[
    "stream",
    "processing",
    "at",
    "scale",
    "with",
    "Flink",
    "how",
    "we",
    "built",
    "real-time",
    "pipelines",
    "for",
    "fraud",
    "detection",
    "and",
    "analytics",
    "state",
    "checkpoints",
    "in",
    "production",
];

/// Which list [`generate`] writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// ASCII titles and a few defects ([`list`]).
    Plain,
    /// Typographic titles, canonical: `fmt` changes nothing.
    Clean,
    /// [`Kind::Clean`] with entries and whole sections out of place.
    Unsorted,
}

const TYPOGRAPHIC: &[&str] = &[
    "“exactly-once”",
    "Kafka®",
    "—",
    "R&D",
    "don’t",
    "‘state’",
    "AT&T",
    "Flink®",
];

pub fn generate(entries: usize, kind: Kind) -> String {
    match kind {
        Kind::Plain => list(entries),
        Kind::Clean | Kind::Unsorted => typographic(entries, kind == Kind::Unsorted),
    }
}

/// A canonical list with typographic titles; with `unsorted`, every 250th
/// entry swapped with the fifth after it and every 22nd section with the one
/// after it (their TOC items follow them, so the TOC is in file order).
fn typographic(entries: usize, unsorted: bool) -> String {
    let sections = entries.div_ceil(ENTRIES_PER_SECTION).max(1);
    let mut order: Vec<usize> = (0..sections).collect();
    if unsorted {
        for s in (21..sections.saturating_sub(1)).step_by(22) {
            order.swap(s, s + 1);
        }
    }
    let name = |s: usize| format!("Company {s:05}");
    let mut out = String::with_capacity(entries * 150 + sections * 60);
    out.push_str("# Flink-at-scale\n\nA curated list of posts and talks by companies running Apache Flink®.\n\n");
    out.push_str("## Table of Contents\n\n");
    for &s in &order {
        let _ = writeln!(out, "1. [{}](#company-{s:05})", name(s));
    }
    let mut n = 0;
    for &s in &order {
        let _ = write!(out, "\n## {}\n\n", name(s));
        let first = s * ENTRIES_PER_SECTION;
        let count = ENTRIES_PER_SECTION.min(entries.saturating_sub(first));
        let mut lines: Vec<String> = (0..count)
            .map(|i| {
                let e = first + i;
                let year = 2025 - (i * 12 / ENTRIES_PER_SECTION) as u32;
                let title: Vec<&str> = (0..9)
                    .map(|w| {
                        if w % 4 == 1 {
                            TYPOGRAPHIC[(e + w) % TYPOGRAPHIC.len()]
                        } else {
                            WORDS[(e * 7 + w * 3 + i) % WORDS.len()]
                        }
                    })
                    .collect();
                let (tag, host) = if e.is_multiple_of(3) {
                    ("studio_microphone", "www.youtube.com/watch?v=")
                } else {
                    ("books", "engineering.example.com/posts/")
                };
                format!(
                    "- [{} part {e}](https://{host}{s}-{i}-{e}) - `{year}` - :{tag}:",
                    title.join(" ")
                )
            })
            .collect();
        if unsorted {
            // Five places apart, a year or so apart: out of order.
            for i in (0..lines.len().saturating_sub(5)).filter(|i| (first + i) % 250 == 10) {
                lines.swap(i, i + 5);
            }
        }
        for line in lines {
            out.push_str(&line);
            out.push('\n');
        }
        n += count;
    }
    debug_assert_eq!(n, entries);
    out
}

pub fn list(entries: usize) -> String {
    let sections = entries.div_ceil(ENTRIES_PER_SECTION).max(1);
    let mut out = String::with_capacity(entries * 140 + sections * 60);
    out.push_str("# Flink-at-scale\n\nA curated list of posts and talks by companies running Apache Flink.\n\n");
    out.push_str("## Table of Contents\n\n");
    for s in 0..sections {
        let anchor = if s % 97 == 13 {
            format!("Company-{s:05}")
        } else {
            format!("company-{s:05}")
        };
        let _ = writeln!(out, "1. [Company {s:05}](#{anchor})");
    }
    let mut n = 0;
    for s in 0..sections {
        let _ = write!(out, "\n## Company {s:05}\n\n");
        let count = ENTRIES_PER_SECTION.min(entries - n);
        for i in 0..count {
            let year = 2025 - (i * 12 / ENTRIES_PER_SECTION.max(1)) as u32;
            let year = if n % 1000 == 500 { year - 5 } else { year };
            let title: Vec<&str> = (0..9)
                .map(|w| WORDS[(n * 7 + w * 3 + i) % WORDS.len()])
                .collect();
            let tag = if n % 3 == 0 {
                "studio_microphone"
            } else {
                "books"
            };
            let host = if n % 3 == 0 {
                "www.youtube.com/watch?v="
            } else {
                "engineering.example.com/posts/"
            };
            let trailing = if n % 1000 == 999 { "  " } else { "" };
            let _ = writeln!(
                out,
                "- [{} part {n}](https://{host}{s}-{i}-{n}) - `{year}` - :{tag}:{trailing}",
                title.join(" ")
            );
            n += 1;
        }
    }
    out
}
