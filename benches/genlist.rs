//! Generates a realistic list of N entries: a TOC, one section per 50
//! entries, titles of ordinary length, newest first, mixed tags, unique
//! URLs, and one deliberate defect per 1,000 entries (a wrong-case anchor,
//! trailing spaces, an entry out of order) so the rules have work to do.
//! Shared by the criterion benches and `examples/genlist.rs`.

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
