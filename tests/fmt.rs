//! `flinkscale fmt`: fixture pairs, modes, and what it must never do.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;

fn flinkscale() -> Command {
    let mut cmd = Command::cargo_bin("flinkscale").unwrap();
    cmd.env_remove("NO_COLOR");
    cmd
}

fn fmt_stdout(path: &Path) -> String {
    let out = flinkscale().arg("fmt").arg(path).output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}: {}",
        path.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn pairs() -> Vec<(PathBuf, PathBuf)> {
    let mut pairs: Vec<(PathBuf, PathBuf)> = fs::read_dir("fixtures/fmt")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".in.md"))
        .map(|p| {
            let out = PathBuf::from(p.to_string_lossy().replace(".in.md", ".out.md"));
            (p, out)
        })
        .collect();
    pairs.sort();
    pairs
}

#[test]
fn every_fixable_rule_has_a_fixture_pair() {
    let names: Vec<String> = pairs()
        .iter()
        .map(|(i, _)| i.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    for rule in flinkscale::rules::RULES {
        if rule.meta.fix != flinkscale::rules::Fix::Never {
            assert!(
                names.contains(&format!("{}.in.md", rule.meta.id)),
                "no fmt fixture for {}",
                rule.meta.id
            );
        }
    }
    assert!(names.contains(&"combined.in.md".to_owned()));
}

#[test]
fn fixture_pairs_format_as_expected_and_idempotently() {
    for (input, expected) in pairs() {
        let want = fs::read_to_string(&expected).unwrap();
        assert_eq!(fmt_stdout(&input), want, "{}", input.display());
        assert_eq!(
            fmt_stdout(&expected),
            want,
            "not idempotent: {}",
            expected.display()
        );
        // lint on the output reports nothing fmt could have fixed.
        let out = flinkscale()
            .args(["lint", "--format", "json"])
            .arg(&expected)
            .output()
            .unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(v["summary"]["fixable"], 0, "{}", expected.display());
    }
}

fn temp_copy(from: &str, name: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    fs::copy(from, &path).unwrap();
    (dir, path)
}

#[test]
fn check_lists_files_that_would_change_and_exits_one() {
    flinkscale()
        .args([
            "fmt",
            "--check",
            "fixtures/fmt/toc-order.in.md",
            "fixtures/fmt/toc-order.out.md",
        ])
        .assert()
        .code(1)
        .stdout("would reformat fixtures/fmt/toc-order.in.md\n")
        .stderr(predicate::str::contains(
            "1 file would be reformatted, 1 file already formatted",
        ));
    flinkscale()
        .args(["fmt", "--check", "fixtures/fmt/toc-order.out.md"])
        .assert()
        .code(0);
}

#[test]
fn diff_shows_a_unified_diff_and_exits_one() {
    flinkscale()
        .args(["fmt", "--diff", "fixtures/fmt/anchor-case.in.md"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "--- a/fixtures/fmt/anchor-case.in.md",
        ))
        .stdout(predicate::str::contains(
            "-1. [Acme](#Acme)\n+1. [Acme](#acme)\n",
        ));
    flinkscale()
        .args(["fmt", "--diff", "fixtures/fmt/anchor-case.out.md"])
        .assert()
        .code(0)
        .stdout("");
}

#[test]
fn write_rewrites_in_place_keeping_permissions() {
    let (_dir, path) = temp_copy("fixtures/fmt/combined.in.md", "README.md");
    fs::write(
        path.with_file_name("flinkscale.toml"),
        "[sections]\nskip = [\"Contributing\"]\n",
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
    }
    flinkscale()
        .arg("fmt")
        .arg("--write")
        .arg(&path)
        .assert()
        .code(0)
        .stdout("")
        .stderr(predicate::str::contains("1 file reformatted"))
        .stderr(predicate::str::contains(
            "1 problem needs a person (entry-year-missing)",
        ));
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        fs::read_to_string("fixtures/fmt/combined.out.md").unwrap()
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o640
        );
    }
    let leftovers: Vec<_> = fs::read_dir(path.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        leftovers.len(),
        2,
        "temporary files left behind: {leftovers:?}"
    );
}

#[test]
fn write_leaves_a_formatted_file_untouched() {
    let (_dir, path) = temp_copy("fixtures/fmt/toc-order.out.md", "README.md");
    let before = fs::metadata(&path).unwrap().modified().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    flinkscale()
        .arg("fmt")
        .arg("--write")
        .arg(&path)
        .assert()
        .code(0);
    assert_eq!(fs::metadata(&path).unwrap().modified().unwrap(), before);
}

#[cfg(unix)]
#[test]
fn write_to_a_read_only_file_fails_cleanly() {
    use std::os::unix::fs::PermissionsExt;
    let (_dir, path) = temp_copy("fixtures/fmt/toc-order.in.md", "README.md");
    fs::set_permissions(&path, fs::Permissions::from_mode(0o444)).unwrap();
    let before = fs::read(&path).unwrap();
    flinkscale()
        .arg("fmt")
        .arg("--write")
        .arg(&path)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "README.md: cannot write: the file is read-only",
        ));
    assert_eq!(fs::read(&path).unwrap(), before);
}

#[test]
fn crlf_and_bom_are_kept() {
    let lf = fs::read_to_string("fixtures/fmt/toc-order.in.md").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("README.md");
    fs::write(&path, format!("\u{feff}{}", lf.replace('\n', "\r\n"))).unwrap();
    flinkscale()
        .arg("fmt")
        .arg("--write")
        .arg(&path)
        .assert()
        .code(0);
    let want = fs::read_to_string("fixtures/fmt/toc-order.out.md").unwrap();
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        format!("\u{feff}{}", want.replace('\n', "\r\n"))
    );
}

#[test]
fn stdin_goes_to_stdout() {
    flinkscale()
        .args(["fmt", "-"])
        .write_stdin(fs::read_to_string("fixtures/fmt/toc-order.in.md").unwrap())
        .assert()
        .code(0)
        .stdout(fs::read_to_string("fixtures/fmt/toc-order.out.md").unwrap());
}

#[test]
fn unreadable_input_is_exit_two() {
    flinkscale()
        .args(["fmt", "--write", "missing.md"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("missing.md: no such file"));
}
