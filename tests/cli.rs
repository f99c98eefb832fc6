//! The command line as a user meets it: exit codes, formats, errors.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;

fn flinkscale() -> Command {
    let mut cmd = Command::cargo_bin("flinkscale").unwrap();
    cmd.env_remove("NO_COLOR").env("COLUMNS", "80");
    cmd
}

const CLEAN: &str = "fixtures/rules/toc-order/good.md";

#[test]
fn clean_list_exits_zero_with_summary() {
    flinkscale()
        .args(["lint", CLEAN])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("No problems found in 1 file."));
}

#[test]
fn errors_exit_one_and_summarise() {
    flinkscale()
        .args(["lint", "fixtures/seed.md"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "12 errors, 1 warning, 11 fixable with `flinkscale fmt --write`",
        ));
}

#[test]
fn no_path_lints_readme_in_current_dir() {
    let dir = tempfile::tempdir().unwrap();
    fs::copy("fixtures/seed.md", dir.path().join("README.md")).unwrap();
    flinkscale()
        .current_dir(dir.path())
        .args(["lint", "--format", "short"])
        .assert()
        .code(1)
        .stdout(predicate::str::starts_with("README.md:5:"));
}

#[test]
fn short_format_is_one_line_per_diagnostic() {
    let out = flinkscale()
        .args([
            "lint",
            "--format",
            "short",
            "fixtures/rules/anchor-case/bad.md",
        ])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    assert_eq!(
        String::from_utf8(out).unwrap(),
        "fixtures/rules/anchor-case/bad.md:7:4: error[anchor-case] anchor `#Acme` differs from the slug `#acme` in letter case\n"
    );
}

#[test]
fn json_format_matches_the_contract() {
    let out = flinkscale()
        .args([
            "lint",
            "--format",
            "json",
            "fixtures/rules/anchor-broken/bad.md",
            CLEAN,
        ])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["version"], 1);
    assert_eq!(v["files"].as_array().unwrap().len(), 2);
    let d = &v["files"][0]["diagnostics"][1];
    assert_eq!(d["rule"], "anchor-broken");
    assert_eq!(d["severity"], "error");
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(8), Some(4))
    );
    // `[Globex](#globexx)` is 18 characters; end_column is exclusive.
    assert_eq!(
        (d["end_line"].as_u64(), d["end_column"].as_u64()),
        (Some(8), Some(22))
    );
    assert_eq!(d["help"], "did you mean `#globex`?");
    assert_eq!(d["fixable"], true);
    assert_eq!(v["files"][1]["diagnostics"].as_array().unwrap().len(), 0);
    assert_eq!(
        v["summary"],
        serde_json::json!({"files": 2, "errors": 2, "warnings": 0, "fixable": 2})
    );
}

#[test]
fn human_report_shows_source_line_and_label_without_color() {
    flinkscale()
        .env("NO_COLOR", "1")
        .args(["lint", "fixtures/rules/anchor-broken/bad.md"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("anchor-broken"))
        .stdout(predicate::str::contains(
            "[fixtures/rules/anchor-broken/bad.md:8:4]",
        ))
        .stdout(predicate::str::contains(" 8 │ 1. [Globex](#globexx)"))
        .stdout(predicate::str::contains("no such anchor"))
        .stdout(predicate::str::contains("help: did you mean `#globex`?"))
        .stdout(predicate::str::contains("\u{1b}[").not());
}

#[test]
fn color_always_colours() {
    flinkscale()
        .args([
            "--color",
            "always",
            "lint",
            "fixtures/rules/anchor-broken/bad.md",
        ])
        .assert()
        .stdout(predicate::str::contains("\u{1b}["));
}

#[test]
fn human_report_fits_80_columns() {
    let out = flinkscale()
        .args(["lint", "fixtures/seed.md"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    for line in text.lines() {
        assert!(line.chars().count() <= 80, "too wide: {line}");
    }
}

#[test]
fn warnings_alone_exit_zero_unless_denied() {
    let list = "fixtures/rules/tag-mismatch/bad.md";
    flinkscale().args(["lint", list]).assert().code(0);
    flinkscale()
        .args(["lint", "--deny-warnings", list])
        .assert()
        .code(1);
}

#[test]
fn stdin_is_read_with_a_dash() {
    flinkscale()
        .args(["lint", "--format", "short", "-"])
        .write_stdin(fs::read_to_string("fixtures/rules/anchor-case/bad.md").unwrap())
        .assert()
        .code(1)
        .stdout(predicate::str::starts_with(
            "<stdin>:7:4: error[anchor-case]",
        ));
}

#[test]
fn missing_file_is_exit_two_naming_the_path() {
    flinkscale()
        .args(["lint", "no/such/list.md"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no/such/list.md: no such file"));
}

#[test]
fn directory_is_exit_two() {
    flinkscale()
        .args(["lint", "fixtures"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("fixtures: is a directory"));
}

#[test]
fn non_utf8_is_exit_two_with_byte_offset() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("latin1.md");
    fs::write(&path, b"# List\n\ncaf\xe9\n").unwrap();
    flinkscale()
        .arg("lint")
        .arg(&path)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "latin1.md: not valid UTF-8 (byte offset 11, line 3",
        ));
}

#[test]
fn empty_file_is_exit_two() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("empty.md");
    fs::write(&path, "").unwrap();
    flinkscale()
        .arg("lint")
        .arg(&path)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("empty.md: file is empty"));
}

#[cfg(unix)]
#[test]
fn unreadable_file_is_exit_two() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
    let path = dir.path().join("secret.md");
    fs::copy(CLEAN, &path).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o000)).unwrap();
    let mut cmd = flinkscale();
    if fs::read(&path).is_ok() {
        // Root reads anything: run as nobody, as CI runs as root.
        let setpriv = Path::new("/usr/bin/setpriv");
        if !setpriv.exists() {
            eprintln!("skipped: running as root without setpriv to drop privileges");
            return;
        }
        cmd = Command::new(setpriv);
        cmd.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(assert_cmd::cargo::cargo_bin("flinkscale"));
    }
    cmd.arg("lint")
        .arg(&path)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("secret.md: permission denied"));
}

#[test]
fn one_bad_path_does_not_hide_the_others() {
    flinkscale()
        .args([
            "lint",
            "--format",
            "short",
            "missing.md",
            "fixtures/rules/anchor-case/bad.md",
        ])
        .assert()
        .code(2)
        .stdout(predicate::str::contains("anchor-case"));
}

fn with_config(config: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("docs")).unwrap();
    fs::copy(
        "fixtures/rules/tag-mismatch/bad.md",
        dir.path().join("docs/README.md"),
    )
    .unwrap();
    fs::write(dir.path().join("flinkscale.toml"), config).unwrap();
    dir
}

#[test]
fn config_is_found_walking_up() {
    let dir = with_config("[rules]\ntag-mismatch = \"error\"\n");
    flinkscale()
        .current_dir(dir.path())
        .args(["lint", "--format", "short", "docs/README.md"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("error[tag-mismatch]"));
}

#[test]
fn explicit_config_wins() {
    let dir = with_config("[rules]\ntag-mismatch = \"error\"\n");
    fs::write(
        dir.path().join("quiet.toml"),
        "[rules]\ntag-mismatch = \"off\"\n",
    )
    .unwrap();
    flinkscale()
        .current_dir(dir.path())
        .args(["lint", "--config", "quiet.toml", "docs/README.md"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("No problems found"));
}

#[test]
fn bad_config_is_exit_two_with_file_line_and_key() {
    let dir = with_config("[toc]\nheading = \"Contents\"\nnumbering = \"one\"\n");
    flinkscale()
        .current_dir(dir.path())
        .args(["lint", "docs/README.md"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "flinkscale.toml:3: unknown key `numbering`",
        ));
}

#[test]
fn usage_error_is_exit_two() {
    flinkscale()
        .args(["lint", "--format", "xml"])
        .assert()
        .code(2);
}

#[test]
fn rules_lists_every_rule() {
    let out = flinkscale()
        .arg("rules")
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    for rule in flinkscale::rules::RULES {
        assert!(text.contains(rule.meta.id.as_str()), "{}", rule.meta.id);
    }
    assert!(text.contains("tag-mismatch") && text.contains("warn"));
}

#[test]
fn rule_explains_itself() {
    flinkscale()
        .args(["rule", "anchor-case"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("anchor-case (error by default)"))
        .stdout(predicate::str::contains(
            "Bad\n    1. [Deloitte](#Deloitte)",
        ))
        .stdout(predicate::str::contains(
            "Good\n    1. [Deloitte](#deloitte)",
        ))
        .stdout(predicate::str::contains("Fixable\n  yes"));
    flinkscale()
        .args(["rule", "toc-ordr"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("did you mean `toc-order`?"));
}

#[test]
fn bom_and_crlf_are_read_like_lf() {
    let lf = fs::read_to_string("fixtures/rules/anchor-case/bad.md").unwrap();
    let crlf = format!("\u{feff}{}", lf.replace('\n', "\r\n"));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("crlf.md");
    fs::write(&path, crlf).unwrap();
    flinkscale()
        .args(["lint", "--format", "short"])
        .arg(&path)
        .assert()
        .code(1)
        .stdout(predicate::str::contains(":7:4: error[anchor-case]"))
        .stdout(predicate::str::contains("trailing-whitespace").not());
    assert!(Path::new(CLEAN).exists());
}

#[test]
fn many_files_are_reported_in_argument_order() {
    // Linted in parallel; reported in the order given, not sorted.
    let files = [
        "fixtures/rules/toc-order/bad.md",
        "fixtures/rules/anchor-case/bad.md",
        "fixtures/rules/toc-missing/bad.md",
        "no/such/file.md",
        "fixtures/rules/entry-year-missing/bad.md",
        "fixtures/rules/anchor-broken/bad.md",
    ];
    let out = flinkscale()
        .args(["lint", "--format", "short"])
        .args(files)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no/such/file.md"))
        .get_output()
        .clone();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let mut order: Vec<&str> = stdout
        .lines()
        .map(|l| l.split(':').next().unwrap())
        .collect();
    order.dedup();
    let expected: Vec<&str> = files
        .iter()
        .copied()
        .filter(|f| !f.starts_with("no/"))
        .collect();
    assert_eq!(order, expected);
}
