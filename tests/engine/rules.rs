//! Every rule has a fixture that triggers it and one that must not.
//!
//! `fixtures/rules/<rule-id>/bad.md` is linted and formatted, and an insta
//! snapshot (`tests/engine/snapshots/engine__rules__bad@<rule-id>__bad.md.snap`) pins everything that
//! comes out: each diagnostic's span, severity, rule, message, label, help
//! and fix (its edits, or the printer's), then the diff `fmt` makes to the
//! file. `good.md` must produce no diagnostic at all.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use flinkscale::config::Config;
use flinkscale::rules::RULES;
use flinkscale::source::Source;

/// A year after every fixture's dates, so "future" is deterministic.
const YEAR: u16 = 2026;

pub(crate) fn lint(path: &Path) -> (Source, Vec<flinkscale::diagnostic::Diagnostic>) {
    let text = fs::read_to_string(path).unwrap();
    let (doc, diagnostics) = flinkscale::lint(
        Source::new(path.display().to_string(), &text),
        &Config::default(),
        YEAR,
    );
    (doc.source, diagnostics)
}

/// Everything lint and fmt say about one file, as text for a snapshot.
pub(crate) fn render(path: &Path) -> String {
    let (source, diagnostics) = lint(path);
    let at = |offset: usize| {
        let p = source.position(offset);
        format!("{}:{}", p.line, p.column)
    };
    let mut out = String::new();
    for d in &diagnostics {
        let _ = writeln!(
            out,
            "{}-{} {}[{}] {}",
            at(d.range.start),
            at(d.range.end),
            d.severity.as_str(),
            d.rule,
            d.message
        );
        if let Some(label) = &d.label {
            let _ = writeln!(out, "  label: {label}");
        }
        if let Some(help) = &d.help {
            let _ = writeln!(out, "  help: {help}");
        }
        let fix = match (d.fixable, d.edits.as_slice()) {
            (false, _) => "no".to_owned(),
            (true, []) => "by the printer".to_owned(),
            (true, edits) => edits
                .iter()
                .map(|e| {
                    format!(
                        "{}-{} {:?}",
                        at(e.range.start),
                        at(e.range.end),
                        e.replacement
                    )
                })
                .collect::<Vec<_>>()
                .join(", "),
        };
        let _ = writeln!(out, "  fix: {fix}");
    }
    let text = fs::read_to_string(path).unwrap();
    let config = Config::default();
    let doc = flinkscale::model::Document::parse(Source::new("bad.md", &text), &config);
    out.push_str("\nfmt:\n");
    match flinkscale::format::format(doc, &config, YEAR) {
        Ok(formatted) if formatted.changed => {
            let diff = similar::TextDiff::from_lines(text.as_str(), formatted.text())
                .unified_diff()
                .context_radius(2)
                .header("bad.md", "formatted")
                .to_string();
            out.push_str(&diff);
        }
        Ok(_) => out.push_str("(unchanged)\n"),
        Err(e) => {
            let _ = writeln!(out, "refused: {e}");
        }
    }
    out
}

/// The rules a file alone can show: all but the link rules, which report
/// what `flinkscale links` found on the network (`tests/cli/links.rs` runs them
/// against a local server, on every answer).
fn offline_rules() -> impl Iterator<Item = &'static flinkscale::rules::Rule> {
    RULES
        .iter()
        .copied()
        .filter(|r| !flinkscale::rules::LINK_RULES.contains(&r.meta.id))
}

#[test]
fn every_rule_has_fixtures() {
    for rule in offline_rules() {
        let dir = Path::new("fixtures/rules").join(rule.meta.id.as_str());
        for f in ["bad.md", "good.md"] {
            assert!(dir.join(f).is_file(), "missing {}", dir.join(f).display());
        }
    }
}

#[test]
fn bad_fixtures_report_their_rule() {
    let mut failures = Vec::new();
    for rule in offline_rules() {
        let id = rule.meta.id.as_str();
        let path = Path::new("fixtures/rules").join(id).join("bad.md");
        let (_, diagnostics) = lint(&path);
        if !diagnostics.iter().any(|d| d.rule == rule.meta.id) {
            failures.push(format!("{}: does not report {id}", path.display()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// One snapshot per rule (`snapshots/engine__rules__bad@RULE__bad.md.snap`);
/// every rule whose snapshot differs is reported, not only the first.
#[test]
fn bad() {
    insta::glob!("../../fixtures/rules", "*/bad.md", |path| {
        let relative = path
            .strip_prefix(std::env::current_dir().unwrap())
            .unwrap_or(path);
        insta::assert_snapshot!(render(relative));
    });
}

#[test]
fn good_fixtures_are_clean() {
    let mut failures = Vec::new();
    for rule in offline_rules() {
        let path = Path::new("fixtures/rules")
            .join(rule.meta.id.as_str())
            .join("good.md");
        let (_, diagnostics) = lint(&path);
        if !diagnostics.is_empty() {
            let ids: Vec<&str> = diagnostics.iter().map(|d| d.rule.as_str()).collect();
            failures.push(format!("{}: {ids:?}", path.display()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// `fmt` runs only the rules that can repair something
/// (`rules::check_repairable`): the others must never carry an edit or call
/// a diagnostic fixable, on their own fixtures or on any other.
#[test]
fn rules_that_never_fix_carry_no_edits() {
    let mut files: Vec<std::path::PathBuf> = fs::read_dir("fixtures/rules")
        .unwrap()
        .flatten()
        .flat_map(|d| [d.path().join("bad.md"), d.path().join("good.md")])
        .collect();
    files.push("fixtures/seed.md".into());
    let never: Vec<&str> = RULES
        .iter()
        .filter(|r| r.meta.repairs == flinkscale::rules::Repairs::Never)
        .map(|r| r.meta.id.as_str())
        .collect();
    assert!(never.len() >= 5, "{never:?}");
    let mut seen = 0;
    for path in files {
        let (_, diagnostics) = lint(&path);
        for d in diagnostics
            .iter()
            .filter(|d| never.contains(&d.rule.as_str()))
        {
            seen += 1;
            assert!(
                d.edits.is_empty() && !d.fixable,
                "{}: {} carries a repair",
                path.display(),
                d.rule
            );
        }
    }
    assert!(
        seen >= never.len(),
        "only {seen} diagnostics of never-fix rules seen"
    );
}

/// The rules are listed in the registry's order, once each, so that SARIF's
/// `ruleIndex` and `flinkscale rules` agree with [`RuleId::ALL`].
#[test]
fn the_rules_follow_the_registry() {
    let ids: Vec<_> = RULES.iter().map(|r| r.meta.id).collect();
    assert_eq!(ids, flinkscale::registry::RuleId::ALL);
}

/// A link to a heading written as mojibake, spelled as the heading will
/// read once repaired, is `mojibake`'s defect, not also `anchor-broken`'s:
/// `fmt` repairs the heading, which mends the link, and the output is
/// clean of both.
#[test]
fn a_link_to_a_mangled_heading_is_mended_by_its_repair() {
    let text = "# Streams\n\nSee [Café](#café) first.\n\n## Table of Contents\n\n\
                1. [Acme](#acme)\n1. [Café](#café)\n\n## Acme\n\n\
                - [A](https://a.example/a) - `2024` - :books:\n\n## Caf\u{c3}\u{a9}\n\n\
                - [C](https://c.example/c) - `2023` - :books:\n";
    let config = Config::default();
    let (doc, diagnostics) = flinkscale::lint(Source::new("t.md", text), &config, YEAR);
    let rules: Vec<&str> = diagnostics.iter().map(|d| d.rule.as_str()).collect();
    assert_eq!(rules, ["mojibake"], "{diagnostics:#?}");
    let out = flinkscale::format::format(doc, &config, YEAR).unwrap();
    assert!(out.text().contains("## Café\n"), "{}", out.text());
    assert!(
        out.text().contains("See [Café](#café) first."),
        "{}",
        out.text()
    );
    assert!(out.text().contains("1. [Café](#café)\n"), "{}", out.text());
    let (_, after) = flinkscale::lint(Source::new("t.md", out.text()), &config, YEAR);
    assert!(after.is_empty(), "{after:#?}");
}

/// A prose bullet that quotes the title of an entry listed already is the
/// same write-up twice (`entry-duplicate`), whatever its URL; one quoting a
/// title the list does not have, or a short one, is not.
#[test]
fn a_prose_bullet_citing_a_listed_title_is_a_duplicate() {
    let text = "# Streams\n\n## Table of Contents\n\n1. [Acme](#acme)\n\n## Acme\n\n\
                - [Counting Unique Users in Real-Time](https://a.example/a) - `2024` - :books:\n\
                - Buskilla, Y. \"Counting unique users in real time.\" *SlideShare*, 2019. https://s.example/x\n\
                - Other, A. \"Counting Unique Users Twice Over\" 2019. https://s.example/y\n\
                - Short, B. \"Unique Users\" 2019. https://s.example/z\n";
    let (_, diagnostics) = flinkscale::lint(Source::new("t.md", text), &Config::default(), YEAR);
    let cited: Vec<(usize, &str)> = diagnostics
        .iter()
        .filter(|d| d.rule.as_str() == "entry-duplicate")
        .map(|d| {
            (
                Source::new("t.md", text).position(d.range.start).line,
                d.message.as_str(),
            )
        })
        .collect();
    assert_eq!(
        cited,
        [(
            10,
            "`Counting unique users in real time` is cited again: the same write-up as on line 9"
        )],
        "{diagnostics:#?}"
    );
}
