//! Helpers the test binaries share (each declares it as `common`; not
//! every binary uses every helper).
#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The binary, with no colour, no GitHub token and a bound on its time
/// (a hang fails the test, not CI).
pub fn flinkscale() -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("flinkscale").unwrap();
    cmd.env("NO_COLOR", "1")
        .env_remove("GITHUB_TOKEN")
        // No test asks the real Wayback Machine: port 9 refuses at once.
        .env(
            "FLINKSCALE_ARCHIVE_API",
            "http://127.0.0.1:9/wayback/available",
        )
        .timeout(Duration::from_secs(60));
    cmd
}

/// The `.md` files under `dir`, walked in a fixed order (READMEs of
/// folders left out).
pub fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            walk(&path, out);
        } else if path.extension().is_some_and(|e| e == "md") && !path.ends_with("README.md") {
            out.push(path);
        }
    }
}

/// `../shared/NAME`, unless it is absent or `FLINKSCALE_CORPUS=none` hides
/// it (as `.ci/run` does, to prove a fresh clone passes); says so once
/// when it is left out.
pub fn shared(name: &str) -> Option<PathBuf> {
    let dir = Path::new("../shared").join(name);
    let hidden = std::env::var("FLINKSCALE_CORPUS").is_ok_and(|v| v == "none");
    if hidden || !dir.is_dir() {
        println!(
            "{} left out: {}",
            dir.display(),
            if hidden {
                "FLINKSCALE_CORPUS=none"
            } else {
                "not found"
            }
        );
        return None;
    }
    Some(dir)
}

/// Every list of the at-scale shape we have: the `.md` files under
/// `fixtures/` and, when it is there, `../shared/corpus/`.
pub fn lists() -> Vec<PathBuf> {
    let mut files = Vec::new();
    walk(Path::new("fixtures"), &mut files);
    if let Some(dir) = shared("corpus") {
        walk(&dir, &mut files);
    }
    files
}

/// [`lists`] and, when it is there, every list of `../shared/genre/`.
pub fn lists_and_genre() -> Vec<PathBuf> {
    let mut files = lists();
    if let Some(dir) = shared("genre") {
        walk(&dir, &mut files);
    }
    files
}

/// A copy of `fixtures/add/clean.md` (and its config) as `README.md` in a
/// fresh directory.
pub fn add_workspace() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("README.md");
    fs::copy("fixtures/add/clean.md", &path).unwrap();
    fs::copy(
        "fixtures/add/flinkscale.toml",
        dir.path().join("flinkscale.toml"),
    )
    .unwrap();
    (dir, path)
}
