//! `flinkscale add` as a contributor uses it: the entry lands at its place,
//! nothing else in the file changes, and the list stays lint-clean.

use std::fs;
use std::path::Path;

use crate::common::flinkscale;

use crate::common;
use predicates::prelude::*;

fn add(path: &Path, args: &[&str]) -> assert_cmd::assert::Assert {
    flinkscale().arg("add").args(args).arg(path).assert()
}

/// The lines of `after` that are not in `before`, checking that every line
/// of `before` is still there, in order and unchanged.
fn inserted_lines(before: &str, after: &str) -> Vec<String> {
    let diff = similar::TextDiff::from_lines(before, after);
    let mut inserted = Vec::new();
    for change in diff.iter_all_changes() {
        match change.tag() {
            similar::ChangeTag::Delete => panic!("line removed or changed: {:?}", change.value()),
            similar::ChangeTag::Insert => {
                inserted.push(change.value().trim_end_matches('\n').to_owned())
            }
            similar::ChangeTag::Equal => {}
        }
    }
    inserted
}

/// After every add: lint is clean and fmt has nothing to change.
fn assert_clean(path: &Path) {
    flinkscale().arg("lint").arg(path).assert().code(0);
    flinkscale()
        .args(["fmt", "--check"])
        .arg(path)
        .assert()
        .code(0);
}

fn line_of(text: &str, needle: &str) -> usize {
    text.lines()
        .position(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("{needle} not in:\n{text}"))
        + 1
}

#[test]
fn adds_to_an_existing_company_between_years() {
    let (_dir, path) = common::add_workspace();
    let before = fs::read_to_string(&path).unwrap();
    add(
        &path,
        &[
            "--company",
            "Kilo Labs",
            "--title",
            "Pulsar IO connectors",
            "--url",
            "https://kilo.example/io",
            "--year",
            "2023",
            "--tag",
            "books",
        ],
    )
    .code(0)
    .stderr(predicate::str::contains("under `Kilo Labs`"));
    let after = fs::read_to_string(&path).unwrap();
    assert_eq!(
        inserted_lines(&before, &after),
        ["- [Pulsar IO connectors](https://kilo.example/io) - `2023` - :books:"]
    );
    // Between the 2025 and the 2022 entry.
    let new = line_of(&after, "kilo.example/io");
    assert_eq!(line_of(&after, "kilo.example/two-years") + 1, new);
    assert_eq!(line_of(&after, "kilo-talk"), new + 1);
    assert_clean(&path);
}

#[test]
fn a_year_newer_than_all_goes_first_and_older_than_all_goes_last() {
    let (_dir, path) = common::add_workspace();
    add(
        &path,
        &[
            "--company",
            "Bravo Air",
            "--title",
            "Newest",
            "--url",
            "https://bravo.example/newest",
            "--year",
            "2026",
            "--tag",
            "books",
        ],
    )
    .code(0);
    add(
        &path,
        &[
            "--company",
            "Bravo Air",
            "--title",
            "Oldest",
            "--url",
            "https://bravo.example/oldest",
            "--year",
            "2012",
            "--tag",
            "books",
        ],
    )
    .code(0);
    let after = fs::read_to_string(&path).unwrap();
    let heading = line_of(&after, "## Bravo Air");
    assert_eq!(line_of(&after, "bravo.example/newest"), heading + 2);
    assert_eq!(
        line_of(&after, "bravo.example/oldest"),
        line_of(&after, "bravo.example/geo") + 1
    );
    assert_eq!(
        line_of(&after, "## eBay"),
        line_of(&after, "bravo.example/oldest") + 2
    );
    assert_clean(&path);
}

/// Adds a new company and returns the file's lines around it.
fn new_company(company: &str, slug: &str) -> (String, String) {
    let (_dir, path) = common::add_workspace();
    let before = fs::read_to_string(&path).unwrap();
    let url = format!("https://{slug}.example/first");
    add(
        &path,
        &[
            "--company",
            company,
            "--title",
            "First post",
            "--url",
            &url,
            "--year",
            "2024",
            "--tag",
            ":books:",
        ],
    )
    .code(0)
    .stderr(predicate::str::contains("(new section and TOC item)"));
    let after = fs::read_to_string(&path).unwrap();
    let mut inserted = inserted_lines(&before, &after);
    inserted.retain(|l| !l.is_empty());
    inserted.sort();
    let mut want = vec![
        format!("## {company}"),
        format!("- [First post]({url}) - `2024` - :books:"),
        format!("1. [{company}](#{slug})"),
    ];
    want.sort();
    assert_eq!(inserted, want);
    assert_clean(&path);
    (before, after)
}

fn headings(text: &str) -> Vec<&str> {
    text.lines().filter_map(|l| l.strip_prefix("## ")).collect()
}

fn toc(text: &str) -> Vec<&str> {
    text.lines()
        .filter_map(|l| l.strip_prefix("1. [")?.split(']').next())
        .collect()
}

#[test]
fn a_new_company_at_the_beginning_of_the_alphabet() {
    let (_, after) = new_company("Alpha Rail", "alpha-rail");
    assert_eq!(headings(&after)[1..3], ["Alpha Rail", "Bravo Air"]);
    assert_eq!(toc(&after)[..2], ["Alpha Rail", "Bravo Air"]);
}

#[test]
fn a_new_company_in_the_middle_of_the_alphabet() {
    let (_, after) = new_company("Golf Systems", "golf-systems");
    assert_eq!(
        headings(&after),
        [
            "Table of Contents",
            "Bravo Air",
            "eBay",
            "Golf Systems",
            "Kilo Labs",
            "Mike & Co.",
            "Contributing"
        ]
    );
    assert_eq!(
        toc(&after),
        [
            "Bravo Air",
            "eBay",
            "Golf Systems",
            "Kilo Labs",
            "Mike & Co."
        ]
    );
}

#[test]
fn a_new_company_at_the_end_goes_before_the_contributing_section() {
    let (_, after) = new_company("Zulu", "zulu");
    assert_eq!(
        headings(&after)[4..],
        ["Mike & Co.", "Zulu", "Contributing"]
    );
    assert_eq!(toc(&after).last(), Some(&"Zulu"));
}

#[test]
fn a_company_is_matched_ignoring_case_and_punctuation() {
    let (_dir, path) = common::add_workspace();
    add(
        &path,
        &[
            "--company",
            "EBAY",
            "--title",
            "Geo failover",
            "--url",
            "https://tech.ebay.example/geo",
            "--year",
            "2024",
            "--tag",
            "article",
        ],
    )
    .code(0)
    .stderr(predicate::str::contains("under `eBay`"));
    add(
        &path,
        &[
            "--company",
            "mike and co",
            "--title",
            "x",
            "--url",
            "https://m.example/x",
            "--year",
            "2024",
            "--tag",
            "books",
        ],
    )
    .code(0);
    add(
        &path,
        &[
            "--company",
            "Mike & Co",
            "--title",
            "y",
            "--url",
            "https://m.example/y",
            "--year",
            "2024",
            "--tag",
            "books",
        ],
    )
    .code(0)
    .stderr(predicate::str::contains("under `Mike & Co.`"));
    let after = fs::read_to_string(&path).unwrap();
    assert_eq!(
        line_of(&after, "tech.ebay.example/geo") + 1,
        line_of(&after, "tech.ebay.example/tiered")
    );
    // "mike and co" is another name: it got its own section.
    assert!(after.contains("## mike and co\n"));
    assert_clean(&path);
}

#[test]
fn a_numbered_toc_is_renumbered_and_crlf_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("README.md");
    let text = "# L\n\n## Table of Contents\n\n1. [Alpha](#alpha)\n2. [Echo](#echo)\n\n## Alpha\n\n\
- [a](https://a.example/) - `2020` - :books:\n\n## Echo\n\n- [e](https://e.example/) - `2020` - :books:\n";
    fs::write(&path, text.replace('\n', "\r\n")).unwrap();
    add(
        &path,
        &[
            "--company",
            "Charlie",
            "--title",
            "c",
            "--url",
            "https://c.example/",
            "--year",
            "2020",
            "--tag",
            "books",
        ],
    )
    .code(0);
    let after = fs::read_to_string(&path).unwrap();
    assert!(
        after.contains("1. [Alpha](#alpha)\r\n2. [Charlie](#charlie)\r\n3. [Echo](#echo)\r\n"),
        "{after}"
    );
    assert!(
        !after.replace("\r\n", "").contains('\n'),
        "a bare LF was written"
    );
    assert_clean(&path);
}
