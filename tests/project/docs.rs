//! The documentation is checked against the code, so it cannot drift: the
//! configuration reference (`docs/configuration.md`: every key the code
//! knows is documented, every documented key and value is accepted, the
//! documented defaults are the real ones) and the rules reference
//! (`docs/rules.md`, generated from the rules).

use std::collections::BTreeSet;
use std::path::Path;

use flinkscale::config::Config;
use flinkscale::rules::RULES;

/// The first TOML block of `docs/configuration.md`: every key, with its
/// default.
fn documented() -> String {
    let reference = std::fs::read_to_string("docs/configuration.md").unwrap();
    let block = reference.split("```toml\n").nth(1).expect("a toml block");
    block.split("\n```").next().unwrap().to_owned()
}

/// Dotted paths of every key in a TOML value (`toc.heading`, ...).
fn paths(value: &toml::Value, prefix: &str, out: &mut BTreeSet<String>) {
    if let toml::Value::Table(table) = value {
        for (key, v) in table {
            let path = if prefix.is_empty() {
                key.clone()
            } else {
                format!("{prefix}.{key}")
            };
            out.insert(path.clone());
            paths(v, &path, out);
        }
    }
}

#[test]
fn every_key_is_documented_and_every_documented_key_exists() {
    let text = documented();
    let mut in_docs = BTreeSet::new();
    paths(
        &toml::from_str::<toml::Value>(&text).unwrap(),
        "",
        &mut in_docs,
    );
    let mut in_code = BTreeSet::new();
    paths(
        &toml::Value::try_from(Config::default()).unwrap(),
        "",
        &mut in_code,
    );
    // `[rules]` is empty by default; the docs show one rule as an example.
    in_docs.retain(|p| !p.starts_with("rules."));
    in_code.insert("rules".into());
    assert_eq!(in_docs, in_code);
}

#[test]
fn the_documented_defaults_are_the_defaults() {
    let config = Config::parse(&documented(), Path::new("docs/configuration.md")).unwrap();
    let defaults = Config::default();
    assert_eq!(config.toc, defaults.toc);
    assert_eq!(config.sections, defaults.sections);
    assert_eq!(config.entries, defaults.entries);
    assert_eq!(config.tags, defaults.tags);
    for rule in RULES {
        assert_eq!(
            config.severity(rule.meta.id),
            defaults.severity(rule.meta.id),
            "{}",
            rule.meta.id
        );
    }
}

#[test]
fn every_documented_alternative_value_is_accepted() {
    let text = documented();
    let mut table = String::new();
    let mut checked = 0;
    for line in text.lines() {
        if line.starts_with('[') {
            table = line.split_whitespace().next().unwrap().to_owned();
        }
        let Some((assignment, comment)) = line.split_once('#') else {
            continue;
        };
        let Some((key, _)) = assignment.split_once('=') else {
            continue;
        };
        if !comment.contains(" | ") {
            continue;
        }
        for alternative in comment.split('|') {
            let value = alternative
                .split_whitespace()
                .next()
                .unwrap()
                .trim_end_matches(',');
            let snippet = format!("{table}\n{} = \"{value}\"\n", key.trim());
            let parsed = Config::parse(&snippet, Path::new("t.toml"));
            assert!(
                parsed.is_ok(),
                "documented `{}` is rejected: {parsed:?}",
                snippet.trim()
            );
            checked += 1;
        }
    }
    assert!(checked >= 12, "only {checked} documented values found");
    assert!(Config::parse("[toc]\nstyle = \"roman\"\n", Path::new("t.toml")).is_err());
}

/// `docs/rules.md` is what the rules say of themselves; with
/// `UPDATE_DOCS=1` this test writes it.
#[test]
fn the_rules_reference_is_generated_from_the_rules() {
    let path = Path::new("docs/rules.md");
    let generated = flinkscale::rules::reference::markdown();
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(path, &generated).unwrap();
    }
    let written = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        written == generated,
        "docs/rules.md is stale: run `UPDATE_DOCS=1 cargo test --test project` and commit it"
    );
    for rule in RULES {
        assert!(written.contains(&format!("\n## {}\n", rule.meta.id)));
    }
}

/// A code span that holds a backtick (``` ``- `x` -`` ```) is valid
/// CommonMark that renderers and readers get wrong; the README shows such
/// text in a code block instead.
#[test]
fn no_code_span_of_the_readme_holds_a_backtick() {
    let readme = std::fs::read_to_string("README.md").unwrap();
    let nested: Vec<String> = pulldown_cmark::Parser::new(&readme)
        .filter_map(|event| match event {
            pulldown_cmark::Event::Code(code) if code.contains('`') => Some(code.into_string()),
            _ => None,
        })
        .collect();
    assert!(nested.is_empty(), "{nested:?}");
}

/// Every saved fuzz crasher is described in `tests/fuzz-crashers/README.md`
/// (by the start of its name), and CONTRIBUTING.md counts the targets
/// `fuzz/` has.
#[test]
fn every_fuzz_target_and_crasher_is_described() {
    let described = std::fs::read_to_string("tests/fuzz-crashers/README.md").unwrap();
    let mut crashers = 0;
    for target in std::fs::read_dir("tests/fuzz-crashers").unwrap().flatten() {
        if !target.path().is_dir() || target.file_name() == "open" {
            continue;
        }
        for crasher in std::fs::read_dir(target.path()).unwrap().flatten() {
            let name = crasher.file_name().to_string_lossy().into_owned();
            let id: String = name.trim_start_matches("crash-").chars().take(8).collect();
            let folder = target.file_name().to_string_lossy().into_owned();
            assert!(
                described.contains(&format!("`{folder}/crash-{id}")),
                "tests/fuzz-crashers/README.md does not describe {folder}/{name}"
            );
            crashers += 1;
        }
    }
    assert!(crashers >= 10, "{crashers} crashers");
    let targets = std::fs::read_dir("fuzz/fuzz_targets").unwrap().count();
    let words = ["zero", "one", "two", "three", "four", "five", "six"];
    let contributing = std::fs::read_to_string("CONTRIBUTING.md").unwrap();
    assert!(
        contributing.contains(&format!("cargo-fuzz crate with {} targets", words[targets])),
        "CONTRIBUTING.md does not count {targets} fuzz targets"
    );
}
