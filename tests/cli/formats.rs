//! `--format github` and `--format sarif` on the seed list: snapshots a
//! person has read, and SARIF validated against the SARIF 2.1.0 schema.

use std::path::PathBuf;

use assert_cmd::Command;

fn lint(format: &str) -> String {
    let out = Command::cargo_bin("flinkscale")
        .unwrap()
        .args(["lint", "--format", format, "fixtures/seed.md"])
        .assert()
        .code(1)
        .get_output()
        .clone();
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn github_annotations_for_the_seed_list() {
    let text = lint("github");
    // One workflow command per diagnostic, each on one line.
    assert_eq!(text.lines().count(), 13);
    assert!(text
        .lines()
        .all(|l| l.starts_with("::error file=") || l.starts_with("::warning file=")));
    insta::assert_snapshot!(text);
}

/// `src/schema.json` of the `serde-sarif` package from crates.io: the OASIS
/// SARIF 2.1.0 schema, which that crate generates its types from.
fn sarif_schema() -> serde_json::Value {
    // Offline and for this platform only: every package it names is the
    // build's own, already on disk.
    let rustc = std::process::Command::new("rustc")
        .arg("-vV")
        .output()
        .expect("rustc -vV");
    let host = String::from_utf8_lossy(&rustc.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("host: ").map(str::to_owned))
        .expect("rustc names its host");
    let out = std::process::Command::new(env!("CARGO"))
        .args([
            "metadata",
            "--format-version",
            "1",
            "--offline",
            "--filter-platform",
            &host,
        ])
        .output()
        .expect("cargo metadata runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let metadata: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let manifest = metadata["packages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "serde-sarif")
        .and_then(|p| p["manifest_path"].as_str())
        .expect("serde-sarif is a dependency");
    let schema = PathBuf::from(manifest)
        .with_file_name("src")
        .join("schema.json");
    let text = std::fs::read_to_string(&schema).unwrap();
    // The published schema has a typo in the pattern of `run.language` (a
    // stray `]`), which a strict regex engine rejects when compiling the
    // schema. flinkscale never writes `language`; the pattern is repaired
    // so the rest of the schema can be used as published.
    let typo = r#"^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$"#;
    assert!(text.contains(typo), "the schema changed; drop this repair");
    let text = text.replace(typo, r#"^[a-zA-Z]{2}(-[a-zA-Z]{2})?$"#);
    let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        schema["title"],
        "Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema"
    );
    schema
}

#[test]
fn sarif_validates_against_the_sarif_2_1_0_schema() {
    let schema = sarif_schema();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let log: serde_json::Value = serde_json::from_str(&lint("sarif")).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");

    // The validator is not a pushover: a result without a message fails.
    let mut broken = log.clone();
    broken["runs"][0]["results"][0]
        .as_object_mut()
        .unwrap()
        .remove("message");
    assert!(!validator.is_valid(&broken));
    let mut broken = log.clone();
    broken["runs"][0]["results"][0]["level"] = "fatal".into();
    assert!(!validator.is_valid(&broken));
}

#[test]
fn sarif_has_what_github_code_scanning_requires() {
    let log: serde_json::Value = serde_json::from_str(&lint("sarif")).unwrap();
    assert_eq!(log["version"], "2.1.0");
    let run = &log["runs"][0];
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "flinkscale");
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
    assert!(driver["informationUri"]
        .as_str()
        .unwrap()
        .starts_with("https://"));
    let rules = driver["rules"].as_array().unwrap();
    assert_eq!(rules.len(), flinkscale::rules::RULES.len());
    for rule in rules {
        for key in ["id", "shortDescription", "fullDescription", "help"] {
            assert!(!rule[key].is_null(), "rule {} has no {key}", rule["id"]);
        }
        let level = rule["defaultConfiguration"]["level"].as_str().unwrap();
        assert!(level == "error" || level == "warning");
    }
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), 13);
    for r in results {
        let id = r["ruleId"].as_str().unwrap();
        let index = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], id);
        let location = &r["locations"][0]["physicalLocation"];
        assert_eq!(location["artifactLocation"]["uri"], "fixtures/seed.md");
        for key in ["startLine", "startColumn", "endLine", "endColumn"] {
            assert!(
                location["region"][key].as_u64().unwrap() >= 1,
                "{key} of {r}"
            );
        }
        assert!(!r["message"]["text"].as_str().unwrap().is_empty());
    }
    let tag = results
        .iter()
        .find(|r| r["ruleId"] == "tag-mismatch")
        .unwrap();
    assert_eq!(tag["level"], "warning");
    assert_eq!(
        tag["locations"][0]["physicalLocation"]["region"]["startLine"],
        19
    );
}

#[test]
fn sarif_snapshot_of_the_results() {
    let log: serde_json::Value = serde_json::from_str(&lint("sarif")).unwrap();
    insta::assert_json_snapshot!(log["runs"][0]["results"]);
}
