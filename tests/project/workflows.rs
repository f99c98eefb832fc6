//! The workflows do what the docs say (issue 21): CI is `.ci/run`, and the
//! tag `release.yml` moves is the one the action snippets follow, while the
//! pre-commit snippet pins the release the crate's version will make.

use std::process::Command;

/// What `scripts/moving-tag.sh TAG` prints (`None` on a failure).
fn moving(tag: &str) -> Option<String> {
    let out = Command::new("bash")
        .args(["scripts/moving-tag.sh", tag])
        .output()
        .unwrap();
    out.status
        .success()
        .then(|| String::from_utf8(out.stdout).unwrap().trim().to_owned())
}

fn version() -> String {
    let manifest: toml::Value =
        toml::from_str(&std::fs::read_to_string("Cargo.toml").unwrap()).unwrap();
    manifest["package"]["version"].as_str().unwrap().to_owned()
}

#[test]
fn the_moving_tag_is_the_compatible_range() {
    assert_eq!(moving("v1.4.2").as_deref(), Some("v1"));
    assert_eq!(moving("v12.0.0").as_deref(), Some("v12"));
    assert_eq!(moving("v0.1.0").as_deref(), Some("v0.1"));
    assert_eq!(moving("v0.12.3").as_deref(), Some("v0.12"));
    assert_eq!(moving("v1.0.0-rc.1").as_deref(), Some(""));
    for bad in ["v1", "1.2.3", "v1.2", "main", "v1.2.3.4"] {
        assert_eq!(moving(bad), None, "{bad}");
    }
}

#[test]
fn the_workflow_moves_the_tag_the_script_computes() {
    let workflow = std::fs::read_to_string(".github/workflows/release.yml").unwrap();
    assert!(
        workflow.contains("bash scripts/moving-tag.sh \"$GITHUB_REF_NAME\""),
        "release.yml must compute the tag with scripts/moving-tag.sh"
    );
}

/// Every `flinkscale/flinkscale@TAG` in the README and docs is the tag the
/// first release of this version moves, and every pre-commit `rev:` pins
/// that release.
#[test]
fn the_snippets_follow_the_tag_this_version_moves() {
    let release = format!("v{}", version());
    let tag = moving(&release).unwrap();
    let mut seen = (0, 0);
    for doc in [
        "README.md",
        "docs/links.md",
        "docs/commands.md",
        ".pre-commit-hooks.yaml",
    ] {
        let text = std::fs::read_to_string(doc).unwrap();
        for (i, _) in text.match_indices("flinkscale/flinkscale@") {
            let used: String = text[i + "flinkscale/flinkscale@".len()..]
                .chars()
                .take_while(|c| !c.is_whitespace())
                .collect();
            assert_eq!(used, tag, "{doc}: `uses: flinkscale/flinkscale@{used}`");
            seen.0 += 1;
        }
        for line in text
            .lines()
            .map(|l| l.trim_start_matches(['#', ' ']))
            .filter(|l| l.starts_with("rev: "))
        {
            let rev = line["rev: ".len()..].split_whitespace().next();
            assert_eq!(rev, Some(release.as_str()), "{doc}: {line}");
            seen.1 += 1;
        }
    }
    assert!(seen.0 >= 2 && seen.1 >= 2, "snippets not found: {seen:?}");
}

/// CI on GitHub is `.ci/run`, the script CONTRIBUTING.md describes and a
/// developer runs, not a second list of steps that can drift from it.
#[test]
fn ci_runs_the_ci_script() {
    let workflow = std::fs::read_to_string(".github/workflows/ci.yml").unwrap();
    assert!(
        workflow.contains("- run: bash .ci/run"),
        "ci.yml does not run .ci/run"
    );
    let contributing = std::fs::read_to_string("CONTRIBUTING.md").unwrap();
    assert!(contributing.contains("`.ci/run`"));
}
