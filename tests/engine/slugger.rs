//! GitHub's anchors, checked against the test cases of the `github-slugger`
//! package (`tests/github-slugger/fixtures.json`, copied from
//! `../shared/corpus` with its ISC licence beside it): GitHub's own anchors
//! for 78 heading texts rendered in order as one document.
//!
//! Two ways: the slugger alone, and end to end: a README whose headings
//! render to the cases' texts, each linked from the TOC and from prose,
//! must give no anchor or TOC diagnostic, and `fmt` must keep every link.
//! No case is left out: the two JavaScript-only cases (`__proto__`,
//! `hasOwnProperty`) pass, and the Unicode-version-dependent "Unassigned"
//! case passes because the deleted characters are the package's own table.

use std::fmt::Write as _;

use flinkscale::config::Config;
use flinkscale::model::slug::Slugger;
use flinkscale::model::Document;
use flinkscale::source::Source;

#[derive(serde::Deserialize)]
struct Case {
    name: String,
    input: String,
    expected: String,
}

fn cases() -> Vec<Case> {
    let text = std::fs::read_to_string("tests/github-slugger/fixtures.json").unwrap();
    let cases: Vec<Case> = serde_json::from_str(&text).unwrap();
    assert_eq!(cases.len(), 78);
    cases
}

#[test]
fn the_slugger_gives_githubs_anchors() {
    let mut slugger = Slugger::default();
    let wrong: Vec<String> = cases()
        .iter()
        .filter_map(|c| {
            let got = slugger.unique(&c.input);
            (got != c.expected).then(|| format!("{}: got {got:?}, want {:?}", c.name, c.expected))
        })
        .collect();
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// Markdown for a heading whose rendered text is exactly `text`: ASCII
/// punctuation backslash-escaped; leading and trailing whitespace (which a
/// heading's source loses), whitespace other than a space, and a space
/// after a space (which `heading-whitespace` would fold) written as
/// character references.
fn heading_source(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let lead = chars.iter().take_while(|c| c.is_whitespace()).count();
    let trail = chars[lead..]
        .iter()
        .rev()
        .take_while(|c| c.is_whitespace())
        .count();
    let mut out = String::new();
    for (i, c) in chars.iter().enumerate() {
        let doubled = *c == ' ' && i > 0 && chars[i - 1] == ' ';
        if i < lead || i >= chars.len() - trail || (c.is_whitespace() && *c != ' ') || doubled {
            let _ = write!(out, "&#x{:X};", u32::from(*c));
        } else if c.is_ascii_punctuation() {
            out.push('\\');
            out.push(*c);
        } else {
            out.push(*c);
        }
    }
    out
}

/// A list with one section per case, in order, each with one entry, a TOC
/// item and a prose link to it.
fn list(cases: &[Case]) -> String {
    let mut text = String::from("# Slugs\n\nSee ");
    for (n, c) in cases.iter().enumerate() {
        let _ = write!(text, "[{n}](#{}) ", c.expected);
    }
    text.push_str("\n\n## Table of Contents\n\n");
    for (n, c) in cases.iter().enumerate() {
        let _ = writeln!(text, "1. [Case {n}](#{})", c.expected);
    }
    for (n, c) in cases.iter().enumerate() {
        let _ = write!(
            text,
            "\n## {}\n\n- [Post {n}](https://example.com/{n}) - `2020` - :books:\n",
            heading_source(&c.input)
        );
    }
    text
}

#[test]
fn headings_rendering_to_the_cases_get_githubs_anchors_end_to_end() {
    let cases = cases();
    let text = list(&cases);
    // Sections stay in file order: GitHub numbered the repeats in it.
    let config = Config::parse("[sections]\norder = \"none\"\n", "t".as_ref()).unwrap();
    let doc = Document::parse(Source::new("slugs.md", &text), &config);
    let section_slugs: Vec<&str> = doc
        .sections
        .iter()
        .map(|s| doc.headings[s.heading].slug.as_str())
        .collect();
    let expected: Vec<&str> = cases.iter().map(|c| c.expected.as_str()).collect();
    assert_eq!(section_slugs, expected);

    let (_, diagnostics) = flinkscale::lint(Source::new("slugs.md", &text), &config, 2026);
    let about_anchors: Vec<String> = diagnostics
        .iter()
        .filter(|d| d.rule.as_str().starts_with("anchor") || d.rule.as_str().starts_with("toc"))
        .map(|d| format!("{} {}", d.rule, d.message))
        .collect();
    // The TOC items' texts are not the headings' (`Case 0`): toc-text says so
    // and nothing else may fire.
    assert!(
        about_anchors.iter().all(|d| d.starts_with("toc-text")),
        "{about_anchors:#?}"
    );

    let formatted = flinkscale::format::format(doc, &config, 2026).unwrap();
    let out = formatted.text();
    for c in &cases {
        let link = format!("(#{})", c.expected);
        assert_eq!(
            out.matches(&link).count(),
            text.matches(&link).count(),
            "{}: fmt changed the links to #{}",
            c.name,
            c.expected
        );
    }
}
