//! The mistakes contributors make, replayed: every list we have (the
//! fixtures, and `../shared/corpus` and `../shared/genre` when they are
//! there) is edited line by line (a line moved, duplicated, joined to the
//! next or split; a stray `<details>`, `</details>`, `<summary>`, fence,
//! heading or list marker inserted) with a fixed seed, and each edited
//! list goes through `fmt`. What `fmt` accepts must keep every link and
//! image destination out of the page (counted here with a parse of our
//! own, not with the safety net's) and be idempotent; nothing may panic.
//! A refusal (the safety net saying no) loses nothing and is allowed, but
//! counted and printed.

use std::collections::HashMap;
use std::panic::{catch_unwind, AssertUnwindSafe};

use crate::common;
use flinkscale::fuzzing::{fmt_verdict, links_out, Verdict};
/// About this many cases in all, spread over the lists there are (at
/// least 8 and at most 32 a list): a few thousand, on a fresh clone too.
const CASES: usize = 3000;

/// A small, fixed pseudo-random sequence (xorshift64*): the same cases on
/// every run and every machine.
struct Rng(u64);

impl Rng {
    fn new(seed: &str) -> Rng {
        let mut h: u64 = 0x9e37_79b9_7f4a_7c15;
        for b in seed.bytes() {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        Rng(h | 1)
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

/// What a contributor's slip inserts as a line of its own.
const STRAY: &[&str] = &[
    "<details>",
    "</details>",
    "<summary>Acme</summary>",
    "```",
    "## Stray heading",
    "# Stray title",
    "### Acme",
    "- ",
    "1. ",
    "* [Stray](https://stray.example/x) - `2020` - :books:",
    "",
];

/// One line-level edit of `text`, and what it was.
fn mutate(text: &str, rng: &mut Rng) -> (String, String) {
    let mut lines: Vec<String> = text.split('\n').map(str::to_owned).collect();
    let n = lines.len().max(1);
    let i = rng.below(n).min(lines.len().saturating_sub(1));
    let what = match rng.below(7) {
        0 => {
            let line = lines.remove(i);
            let j = rng.below(lines.len() + 1);
            lines.insert(j, line);
            format!("line {} moved to {}", i + 1, j + 1)
        }
        1 => {
            let line = lines[i].clone();
            let j = rng.below(lines.len() + 1);
            lines.insert(j, line);
            format!("line {} copied to {}", i + 1, j + 1)
        }
        2 if i + 1 < lines.len() => {
            let next = lines.remove(i + 1);
            let sep = if rng.below(2) == 0 { " " } else { "" };
            lines[i] = format!("{}{sep}{next}", lines[i]);
            format!("line {} joined to the next", i + 1)
        }
        3 => {
            let line = &lines[i];
            let cuts: Vec<usize> = line.char_indices().map(|(c, _)| c).collect();
            let at = cuts.get(rng.below(cuts.len())).copied().unwrap_or(0);
            let (a, b) = line.split_at(at);
            let (a, b) = (a.to_owned(), b.to_owned());
            lines[i] = a;
            lines.insert(i + 1, b);
            format!("line {} split at byte {at}", i + 1)
        }
        4 => {
            let marker = ["- ", "* ", "1. ", "  ", "> "][rng.below(5)];
            lines[i] = format!("{marker}{}", lines[i]);
            format!("`{marker}` put before line {}", i + 1)
        }
        _ => {
            let stray = STRAY[rng.below(STRAY.len())];
            lines.insert(i, stray.to_owned());
            format!("`{stray}` inserted at line {}", i + 1)
        }
    };
    (lines.join("\n"), what)
}

#[derive(Default)]
struct Tally {
    cases: usize,
    refused: usize,
    /// Why the safety net refused, with how often.
    reasons: HashMap<String, usize>,
    failures: Vec<String>,
}

fn check(name: &str, text: &str, tally: &mut Tally) {
    tally.cases += 1;
    match catch_unwind(AssertUnwindSafe(|| fmt_verdict(text))) {
        Err(_) => tally.failures.push(format!("{name}: fmt panicked")),
        Ok(Verdict::Kept) => {}
        Ok(Verdict::Broken(why)) => tally.failures.push(format!("{name}: {why}")),
        Ok(Verdict::Refused(why)) => {
            tally.refused += 1;
            // The kind of refusal: its first clause, without numbers or names.
            let first = why.split(';').next().unwrap_or_default();
            let kind: String = first
                .split('`')
                .step_by(2)
                .collect::<Vec<_>>()
                .join("`...`")
                .chars()
                .filter(|c| !c.is_ascii_digit())
                .collect();
            // MUTATIONS_SHOW_REFUSED=DIR: each refused input is written there.
            if let Some(dir) = std::env::var_os("MUTATIONS_SHOW_REFUSED") {
                static SHOWN: std::sync::atomic::AtomicUsize =
                    std::sync::atomic::AtomicUsize::new(0);
                let n = SHOWN.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let file = std::path::Path::new(&dir).join(format!("{n}.md"));
                let _ = std::fs::write(&file, text);
                println!("refused: {}: {name}: {why}", file.display());
            }
            *tally.reasons.entry(kind).or_default() += 1;
        }
    }
}

#[test]
fn contributors_slips_never_lose_a_link() {
    let lists = common::lists_and_genre();
    // MUTATIONS_PER_LIST=N looks further (the same seed, more cases).
    let per_list = std::env::var("MUTATIONS_PER_LIST")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or((CASES / lists.len().max(1)).clamp(8, 32));
    // Each list on its own core; the tallies are added up in list order.
    use rayon::prelude::*;
    let tallies: Vec<Tally> = lists
        .par_iter()
        .map(|path| {
            let mut tally = Tally::default();
            let Ok(text) = std::fs::read_to_string(path) else {
                return tally;
            };
            let shown = path.display().to_string();
            let mut rng = Rng::new(&shown);
            for _ in 0..per_list {
                let (edited, what) = mutate(&text, &mut rng);
                check(&format!("{shown} ({what})"), &edited, &mut tally);
            }
            tally
        })
        .collect();
    let mut tally = Tally::default();
    for t in tallies {
        tally.cases += t.cases;
        tally.refused += t.refused;
        tally.failures.extend(t.failures);
        for (why, n) in t.reasons {
            *tally.reasons.entry(why).or_default() += n;
        }
    }
    println!(
        "{} edited lists from {} files: {} refused by the safety net, {} failures",
        tally.cases,
        lists.len(),
        tally.refused,
        tally.failures.len()
    );
    let mut reasons: Vec<(&String, &usize)> = tally.reasons.iter().collect();
    reasons.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    for (why, n) in reasons {
        println!("  refused {n} times: {why}");
    }
    assert!(tally.cases >= 1000, "only {} cases", tally.cases);
    assert!(
        tally.failures.is_empty(),
        "{} of {} cases failed:\n{}",
        tally.failures.len(),
        tally.cases,
        tally.failures.join("\n")
    );
}

#[test]
fn the_independent_count_sees_every_kind_of_link() {
    let text = "[a](https://a.example) ![i](https://i.example/p.png) <https://auto.example> \
        [r][ref] [in](#page) [![copy](https://copy.example/c.png) X](#x)\n\n\
        [ref]: https://ref.example\n";
    let found = links_out(text);
    let mut urls: Vec<&str> = found.keys().map(String::as_str).collect();
    urls.sort_unstable();
    assert_eq!(
        urls,
        [
            "https://a.example",
            "https://auto.example",
            "https://i.example/p.png",
            "https://ref.example"
        ]
    );
}
