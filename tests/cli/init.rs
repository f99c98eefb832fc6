//! `flinkscale init`, `completions` and `--version`.

use std::fs;
use std::path::Path;

use crate::common::flinkscale;
use predicates::prelude::*;

fn lint_json(path: &Path, config: Option<&Path>) -> serde_json::Value {
    let mut cmd = flinkscale();
    cmd.args(["lint", "--format", "json"]);
    if let Some(c) = config {
        cmd.arg("--config").arg(c);
    }
    let out = cmd.arg(path).output().unwrap();
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn the_written_config_lints_the_list_exactly_as_the_defaults_do() {
    let dir = tempfile::tempdir().unwrap();
    let readme = dir.path().join("README.md");
    fs::copy("fixtures/seed.md", &readme).unwrap();
    let defaults = lint_json(&readme, None);
    flinkscale()
        .arg("init")
        .arg(&readme)
        .assert()
        .code(0)
        .stderr(predicate::str::contains(
            "tags: :books: 7, :studio_microphone: 2",
        ));
    let config = dir.path().join("flinkscale.toml");
    let text = fs::read_to_string(&config).unwrap();
    assert!(text.contains("style = \"one\""), "{text}");
    assert!(text.contains("# used by 7 entries\nbooks = "), "{text}");
    let with_config = lint_json(&readme, Some(&config));
    assert_eq!(with_config, defaults);
    assert_eq!(
        defaults["summary"]["errors"], 12,
        "the comparison must see problems"
    );
}

#[test]
fn a_trailing_contributing_section_is_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let readme = dir.path().join("README.md");
    fs::copy("fixtures/add/clean.md", &readme).unwrap();
    // Even without a config, the trailing `## Contributing` is not read as
    // a company: no section-empty, section-order or toc-entry-missing.
    let before = lint_json(&readme, None);
    assert_eq!(before["files"][0]["diagnostics"], serde_json::json!([]));
    flinkscale()
        .arg("init")
        .arg(&readme)
        .assert()
        .code(0)
        .stderr(predicate::str::contains("skip: Contributing"));
    let text = fs::read_to_string(dir.path().join("flinkscale.toml")).unwrap();
    assert!(text.contains("skip = [\"Contributing\"]"), "{text}");
    // Found by discovery, next to the README.
    flinkscale().arg("lint").arg(&readme).assert().code(0);
}

#[test]
fn an_existing_config_is_kept_unless_forced() {
    let dir = tempfile::tempdir().unwrap();
    let readme = dir.path().join("README.md");
    let config = dir.path().join("flinkscale.toml");
    fs::copy("fixtures/seed.md", &readme).unwrap();
    fs::write(&config, "# mine\n").unwrap();
    flinkscale()
        .arg("init")
        .arg(&readme)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("already exists; pass --force"));
    assert_eq!(fs::read_to_string(&config).unwrap(), "# mine\n");
    flinkscale()
        .args(["init", "--force"])
        .arg(&readme)
        .assert()
        .code(0);
    assert!(fs::read_to_string(&config)
        .unwrap()
        .starts_with("# flinkscale.toml, written by"));
}

#[test]
fn a_toc_under_another_heading_is_found() {
    let dir = tempfile::tempdir().unwrap();
    let readme = dir.path().join("README.md");
    fs::write(
        &readme,
        "# L\n\n## Contents\n\n- [A](#a)\n\n## A\n\n- [x](https://a.example/) - `2020` - :books:\n",
    )
    .unwrap();
    flinkscale().arg("init").arg(&readme).assert().code(0);
    let text = fs::read_to_string(dir.path().join("flinkscale.toml")).unwrap();
    assert!(text.contains("heading = \"Contents\"\n"), "{text}");
    assert!(text.contains("style = \"bullet\"\n"), "{text}");
    flinkscale().arg("lint").arg(&readme).assert().code(0);
}

#[test]
fn completions_are_printed_for_each_shell() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        flinkscale()
            .args(["completions", shell])
            .assert()
            .code(0)
            .stdout(predicate::str::contains("flinkscale"))
            .stdout(predicate::str::contains("deny-warnings"));
    }
}

#[test]
fn version_names_the_commit_when_built_from_git() {
    let out = flinkscale().arg("--version").output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with(concat!("flinkscale ", env!("CARGO_PKG_VERSION"))),
        "{text}"
    );
    let in_git = std::process::Command::new("git")
        .args(["rev-parse", "--short=9", "HEAD"])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned());
    if let Some(commit) = in_git {
        assert!(
            text.contains(&format!("({commit}")),
            "{text} lacks {commit}"
        );
    }
}

/// A trailer section full of links (the usual "other lists") is no
/// company: `lint` asks no TOC item, year or tag of it, and `init` writes
/// the decision down.
#[test]
fn a_trailer_full_of_links_is_no_company_and_init_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let readme = dir.path().join("README.md");
    let list = fs::read_to_string("fixtures/add/clean.md").unwrap();
    fs::write(
        &readme,
        format!(
            "{list}\n## See also\n\n- [Kafka at scale](https://github.com/x/kafka-at-scale)\n\
             - [Awesome streaming](https://github.com/x/awesome-streaming)\n"
        ),
    )
    .unwrap();
    let report = lint_json(&readme, None);
    let rules: Vec<&str> = report["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap())
        .collect();
    assert!(rules.is_empty(), "{rules:?}");
    flinkscale().arg("init").arg(&readme).assert().code(0);
    let config = fs::read_to_string(dir.path().join("flinkscale.toml")).unwrap();
    assert!(
        config.contains("skip = [\"Contributing\", \"See also\"]"),
        "{config}"
    );
}

/// On every list of another shape we have, `init` writes down whether its
/// entries carry a year and a tag, with the counts, and `lint` reports the
/// same with that file as without it.
#[test]
fn init_writes_the_lists_year_and_tag_conventions() {
    let mut files = Vec::new();
    crate::common::walk(Path::new("fixtures/genre"), &mut files);
    if let Some(genre) = crate::common::shared("genre") {
        crate::common::walk(&genre, &mut files);
    }
    assert!(files.len() >= 4);
    let mut without = 0;
    for list in files {
        let dir = tempfile::tempdir().unwrap();
        let readme = dir.path().join("README.md");
        fs::copy(&list, &readme).unwrap();
        let defaults = lint_json(&readme, None);
        flinkscale().arg("init").arg(&readme).assert().code(0);
        let config = dir.path().join("flinkscale.toml");
        let text = fs::read_to_string(&config).unwrap();
        assert!(
            text.contains("\nyear = \"") && text.contains(" carry a year"),
            "{text}"
        );
        without += usize::from(text.contains("\ntag = \"none\""));
        assert_eq!(
            lint_json(&readme, Some(&config)),
            defaults,
            "{}",
            list.display()
        );
    }
    assert!(without >= 2, "only {without} lists keep no tags");
}
