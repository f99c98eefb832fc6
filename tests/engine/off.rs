//! A rule set to `off` is off for `fmt` too (FORMAT.md section 5): when
//! `lint` finds nothing, `fmt --check` finds nothing either, so the two
//! pre-commit hooks never disagree on a file. Checked over the registry, so
//! a new rule cannot break it: every fixture, with each offline rule off in
//! turn, and with every rule the fixture trips off at once.

use std::fs;
use std::path::{Path, PathBuf};

use flinkscale::config::Config;
use flinkscale::model::Document;
use flinkscale::registry::RuleId;
use flinkscale::rules::{LINK_RULES, RULES};
use flinkscale::source::Source;

const YEAR: u16 = 2026;

/// Every list under `fixtures/`, with the configuration `lint` would find
/// for it (the nearest `flinkscale.toml`, else the defaults).
fn fixtures() -> Vec<(PathBuf, Config)> {
    let mut files = Vec::new();
    crate::common::walk(Path::new("fixtures"), &mut files);
    files
        .into_iter()
        .map(|path| {
            let config = match Config::discover(path.parent().unwrap()) {
                Some(found) => Config::load(&found).unwrap(),
                None => Config::default(),
            };
            (path, config)
        })
        .collect()
}

fn offline() -> Vec<RuleId> {
    RULES
        .iter()
        .map(|r| r.meta.id)
        .filter(|id| !LINK_RULES.contains(id))
        .collect()
}

/// What `lint` reports on `text` with `config`.
fn reported(path: &Path, text: &str, config: &Config) -> Vec<RuleId> {
    let (_, diagnostics) =
        flinkscale::lint(Source::new(path.display().to_string(), text), config, YEAR);
    diagnostics.iter().map(|d| d.rule).collect()
}

/// `None` when `fmt` leaves `text` as it is; otherwise what it did.
fn fmt_change(path: &Path, text: &str, config: &Config) -> Option<String> {
    let doc = Document::parse(Source::new(path.display().to_string(), text), config);
    match flinkscale::format::format(doc, config, YEAR) {
        Ok(f) if !f.changed => None,
        Ok(f) => Some(
            similar::TextDiff::from_lines(text, f.text())
                .unified_diff()
                .context_radius(1)
                .to_string(),
        ),
        Err(e) => Some(format!("refused: {e}")),
    }
}

/// With the fixture's own configuration: a file `lint` calls clean is
/// one `fmt` leaves alone (the two pre-commit hooks agree).
#[test]
fn lint_clean_means_fmt_clean() {
    let mut failures = Vec::new();
    let mut clean = 0;
    for (path, config) in fixtures() {
        let text = fs::read_to_string(&path).unwrap();
        if !reported(&path, &text, &config).is_empty() {
            continue;
        }
        clean += 1;
        if let Some(change) = fmt_change(&path, &text, &config) {
            failures.push(format!(
                "{}: lint is clean, fmt changes it:\n{change}",
                path.display()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(clean >= 30, "only {clean} clean fixtures");
}

/// Each rule off in turn: a fixture `lint` then calls clean is one `fmt
/// --check` calls clean. At least the anchor rules' own fixtures become
/// clean this way (their bad fixtures trip only them), so the property is
/// exercised where it once failed.
#[test]
fn each_rule_off_in_turn_lint_clean_means_fmt_clean() {
    let mut failures = Vec::new();
    let mut became_clean: Vec<String> = Vec::new();
    for (path, base) in fixtures() {
        let text = fs::read_to_string(&path).unwrap();
        let before = reported(&path, &text, &base);
        for rule in offline() {
            if !before.contains(&rule) {
                continue;
            }
            let config = base.narrowed(&[], &[rule]);
            if !reported(&path, &text, &config).is_empty() {
                continue;
            }
            became_clean.push(format!("{}:{rule}", path.display()));
            if let Some(change) = fmt_change(&path, &text, &config) {
                failures.push(format!(
                    "{} with {rule} off: lint is clean, fmt changes it:\n{change}",
                    path.display()
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    for rule in ["anchor-case", "anchor-broken"] {
        let own = format!("fixtures/rules/{rule}/bad.md:{rule}");
        assert!(
            became_clean.contains(&own),
            "{own} not seen: {became_clean:?}"
        );
    }
}

/// Every rule a fixture trips, off at once: `lint` is then clean by
/// construction, and `fmt` must leave the file as it is.
#[test]
fn every_tripped_rule_off_fmt_leaves_the_file_alone() {
    let mut failures = Vec::new();
    let mut tripping = 0;
    for (path, base) in fixtures() {
        let text = fs::read_to_string(&path).unwrap();
        let mut tripped = reported(&path, &text, &base);
        if tripped.is_empty() {
            continue;
        }
        tripped.sort_unstable();
        tripped.dedup();
        tripping += 1;
        let config = base.narrowed(&[], &tripped);
        let left = reported(&path, &text, &config);
        assert!(left.is_empty(), "{}: still {left:?}", path.display());
        if let Some(change) = fmt_change(&path, &text, &config) {
            failures.push(format!(
                "{} with {tripped:?} off: fmt changes it:\n{change}",
                path.display()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(tripping >= 50, "only {tripping} fixtures trip a rule");
}
