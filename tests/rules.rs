//! Every rule has a fixture that triggers it and one that must not.
//!
//! `fixtures/rules/<rule-id>/bad.md` must produce exactly the diagnostics in
//! `bad.expected` (one `line:column rule-id` per line, sorted as reported);
//! `good.md` must produce none at all.

use std::fs;
use std::path::Path;

use flinkscale::config::Config;
use flinkscale::rules::RULES;
use flinkscale::source::Source;

/// A year after every fixture's dates, so "future" is deterministic.
const YEAR: u16 = 2026;

fn lint(path: &Path) -> Vec<String> {
    let text = fs::read_to_string(path).unwrap();
    let (doc, diagnostics) = flinkscale::lint(
        Source::new(path.display().to_string(), &text),
        &Config::default(),
        YEAR,
    );
    diagnostics
        .iter()
        .map(|d| {
            let p = doc.source.position(d.range.start);
            format!("{}:{} {}", p.line, p.column, d.rule)
        })
        .collect()
}

#[test]
fn every_rule_has_fixtures() {
    for rule in RULES {
        let dir = Path::new("fixtures/rules").join(rule.meta.id.as_str());
        for f in ["bad.md", "bad.expected", "good.md"] {
            assert!(dir.join(f).is_file(), "missing {}", dir.join(f).display());
        }
    }
}

#[test]
fn bad_fixtures_report_exactly_what_is_expected() {
    let mut failures = Vec::new();
    for rule in RULES {
        let dir = Path::new("fixtures/rules").join(rule.meta.id.as_str());
        let expected: Vec<String> = fs::read_to_string(dir.join("bad.expected"))
            .unwrap()
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(str::to_owned)
            .collect();
        assert!(
            expected
                .iter()
                .any(|l| l.ends_with(&format!(" {}", rule.meta.id))),
            "{}: bad.expected never names the rule",
            rule.meta.id
        );
        let actual = lint(&dir.join("bad.md"));
        if actual != expected {
            failures.push(format!(
                "{}:\n  expected {expected:?}\n  actual   {actual:?}",
                rule.meta.id
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn good_fixtures_are_clean() {
    let mut failures = Vec::new();
    for rule in RULES {
        let path = Path::new("fixtures/rules")
            .join(rule.meta.id.as_str())
            .join("good.md");
        let actual = lint(&path);
        if !actual.is_empty() {
            failures.push(format!("{}: {actual:?}", path.display()));
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
        .filter(|r| r.meta.fix == flinkscale::rules::Fix::Never)
        .map(|r| r.meta.id.as_str())
        .collect();
    assert!(never.len() >= 5, "{never:?}");
    let mut seen = 0;
    for path in files {
        let text = fs::read_to_string(&path).unwrap();
        let (_, diagnostics) =
            flinkscale::lint(Source::new("t.md", &text), &Config::default(), YEAR);
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
