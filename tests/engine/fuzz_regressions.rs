//! Replays every saved fuzz crasher, and every fixture, through the fuzz
//! targets' properties (`flinkscale::fuzzing`): no panic, fmt keeps every
//! entry and is idempotent.

use std::fs;
use std::path::{Path, PathBuf};

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files(&path, out);
        } else if path.file_name().is_some_and(|n| n != "README.md") {
            out.push(path);
        }
    }
}

fn replay(dir: &str, check: fn(&[u8])) -> usize {
    let mut inputs = Vec::new();
    files(Path::new(dir), &mut inputs);
    for path in &inputs {
        let data = fs::read(path).unwrap();
        let outcome = std::panic::catch_unwind(|| check(&data));
        assert!(outcome.is_ok(), "{} fails again", path.display());
    }
    inputs.len()
}

#[test]
fn saved_crashers_pass() {
    replay("tests/fuzz-crashers/lint", flinkscale::fuzzing::lint);
    replay(
        "tests/fuzz-crashers/fmt_roundtrip",
        flinkscale::fuzzing::fmt_roundtrip,
    );
    replay(
        "tests/fuzz-crashers/redirects",
        flinkscale::fuzzing::redirects,
    );
    replay("tests/fuzz-crashers/lsp", flinkscale::fuzzing::lsp);
}

#[test]
fn every_fixture_passes_the_fuzz_properties() {
    let n = replay("fixtures", flinkscale::fuzzing::lint);
    assert!(n > 50, "only {n} fixtures found");
    replay("fixtures", flinkscale::fuzzing::fmt_roundtrip);
    replay("fixtures", flinkscale::fuzzing::lsp);
}
