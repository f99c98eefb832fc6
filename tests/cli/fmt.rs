//! `flinkscale fmt`: fixture pairs, modes, and what it must never do.

use std::fs;
use std::path::{Path, PathBuf};

use crate::common;
use assert_cmd::Command;
use predicates::prelude::*;

fn flinkscale() -> Command {
    let mut cmd = crate::common::flinkscale();
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

/// `fixtures/fmt` (with its flinkscale.toml), `fixtures/zero-config`
/// (lists read with no configuration at all), `fixtures/off` (rules turned
/// off, which fmt must not repair either) and `fixtures/suppress` (inline
/// suppression comments).
fn pairs() -> Vec<(PathBuf, PathBuf)> {
    let mut pairs: Vec<(PathBuf, PathBuf)> = [
        "fixtures/fmt",
        "fixtures/zero-config",
        "fixtures/off",
        "fixtures/suppress",
    ]
    .iter()
    .flat_map(|d| fs::read_dir(d).unwrap())
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
        use flinkscale::rules::Repairs;
        if matches!(rule.meta.repairs, Repairs::Always | Repairs::Sometimes(_)) {
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

/// The failure modes of `--write` (issue: hostile input): the original file
/// is intact in every one.
mod write_failures {
    use super::*;
    use flinkscale::fsio::{read_source, write_atomic_unchanged, Stamp};

    #[test]
    fn a_file_replaced_while_being_formatted_is_not_overwritten() {
        let (dir, path) = temp_copy("fixtures/fmt/toc-order.in.md", "README.md");
        let stamp = Stamp::of(&path);
        let source = read_source(&path).unwrap();
        // Someone saves a new version (by rename, as editors do) meanwhile.
        let theirs = dir.path().join("theirs.md");
        fs::write(&theirs, "# Their newer list\n").unwrap();
        fs::rename(&theirs, &path).unwrap();
        let err = write_atomic_unchanged(&path, source.text.as_bytes(), stamp.as_ref())
            .unwrap_err()
            .to_string();
        assert!(err.contains("changed on disk"), "{err}");
        assert_eq!(fs::read_to_string(&path).unwrap(), "# Their newer list\n");
        // Edited in place (same inode, other size) is caught too.
        let stamp = Stamp::of(&path);
        fs::write(&path, "# Edited again, longer\n").unwrap();
        assert!(write_atomic_unchanged(&path, b"x", stamp.as_ref()).is_err());
        assert_eq!(
            fs::read_to_string(&path).unwrap(),
            "# Edited again, longer\n"
        );
        // Unchanged since the stamp: written.
        let stamp = Stamp::of(&path);
        write_atomic_unchanged(&path, b"# Ours\n", stamp.as_ref()).unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "# Ours\n");
        // No temporary file is left behind by the refusals.
        let left: Vec<_> = fs::read_dir(dir.path()).unwrap().flatten().collect();
        assert_eq!(left.len(), 1, "{left:?}");
    }

    /// As root, permissions do not stop writes: the command is run as
    /// `nobody` through `setpriv` then, and skipped (saying so) without it.
    #[cfg(unix)]
    #[test]
    fn a_read_only_directory_leaves_the_file_intact() {
        use std::os::unix::fs::PermissionsExt;
        let (dir, path) = temp_copy("fixtures/fmt/toc-order.in.md", "README.md");
        let before = fs::read(&path).unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
        fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o555)).unwrap();
        let root = std::process::Command::new("id")
            .arg("-u")
            .output()
            .is_ok_and(|o| o.stdout.starts_with(b"0\n"));
        let bin = assert_cmd::cargo::cargo_bin("flinkscale");
        let mut cmd = if root {
            let setpriv = Path::new("/usr/bin/setpriv");
            if !setpriv.exists() {
                eprintln!("skipped: running as root without setpriv to drop privileges");
                return;
            }
            let mut c = std::process::Command::new(setpriv);
            c.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
                .arg(&bin);
            c
        } else {
            std::process::Command::new(&bin)
        };
        let out = cmd.arg("fmt").arg("--write").arg(&path).output().unwrap();
        fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        if root && stderr.contains("setpriv") {
            eprintln!("skipped: setpriv cannot drop privileges here: {stderr}");
            return;
        }
        assert_eq!(out.status.code(), Some(2), "{stderr}");
        assert!(
            stderr.contains("README.md: cannot write: the directory"),
            "{stderr}"
        );
        assert!(stderr.contains("is not writable"), "{stderr}");
        assert_eq!(fs::read(&path).unwrap(), before);
    }
}

/// Every list we have, formatted: nothing fixable is left after the last
/// pass (`Formatted::not_converged`), and `fmt` would not change its own
/// output. Fixtures always; the corpus when `../shared/corpus` is there.
#[test]
fn fmt_converges_on_every_fixture_and_corpus_file() {
    let files = common::lists();
    assert!(files.len() > 90, "only {} files", files.len());
    let mut failures = Vec::new();
    for path in &files {
        let text = fs::read_to_string(path).unwrap();
        let config = flinkscale::config::Config::discover(path.parent().unwrap())
            .map(|c| flinkscale::config::Config::load(&c).unwrap())
            .unwrap_or_default();
        let source = flinkscale::source::Source::new(path.display().to_string(), &text);
        let doc = flinkscale::model::Document::parse(source, &config);
        let Ok(once) = flinkscale::format::format(doc, &config, 2026) else {
            failures.push(format!("{}: refused", path.display()));
            continue;
        };
        if !once.not_converged.is_empty() {
            failures.push(format!("{}: {:?}", path.display(), once.not_converged));
        }
        let again = flinkscale::format::format(once.doc, &config, 2026).unwrap();
        if again.changed {
            failures.push(format!("{}: not idempotent", path.display()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
