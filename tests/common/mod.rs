//! Helpers several test files share (`mod common;` in each; not every
//! file uses every helper).
#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};

/// Every list we have: the `.md` files under `fixtures/` and, when it is
/// there, `../shared/corpus/` (READMEs of folders left out).
pub fn lists() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in fs::read_dir(dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "md") && !path.ends_with("README.md") {
                out.push(path);
            }
        }
    }
    let mut files = Vec::new();
    walk(Path::new("fixtures"), &mut files);
    walk(Path::new("../shared/corpus"), &mut files);
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
