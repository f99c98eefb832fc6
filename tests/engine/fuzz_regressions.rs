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

/// Replays every file under `dir` through `check`; how many there were.
/// A folder that is missing or holds nothing fails: a replay of nothing
/// would pass whatever the code did.
fn replay(dir: &str, check: fn(&[u8])) -> usize {
    let mut inputs = Vec::new();
    files(Path::new(dir), &mut inputs);
    assert!(!inputs.is_empty(), "{dir}: no inputs to replay");
    for path in &inputs {
        let data = fs::read(path).unwrap();
        let outcome = std::panic::catch_unwind(|| check(&data));
        assert!(outcome.is_ok(), "{} fails again", path.display());
    }
    inputs.len()
}

/// A fuzz target's name and the property it checks.
type Target = (&'static str, fn(&[u8]));

/// Each folder of `tests/fuzz-crashers` is named after its fuzz target
/// (`fuzz/fuzz_targets/`) and replayed through that target's property;
/// a folder no target has fails, so a crasher saved in the wrong place is
/// not silently skipped.
#[test]
fn saved_crashers_pass() {
    let targets: [Target; 4] = [
        ("lint", flinkscale::fuzzing::lint),
        ("fmt_roundtrip", flinkscale::fuzzing::fmt_roundtrip),
        ("redirects", flinkscale::fuzzing::redirects),
        ("lsp", flinkscale::fuzzing::lsp),
    ];
    let mut replayed = 0;
    let mut saved = 0;
    for entry in fs::read_dir("tests/fuzz-crashers").unwrap().flatten() {
        let path = entry.path();
        if !path.is_dir() {
            continue;
        }
        let name = entry.file_name().to_string_lossy().into_owned();
        if name == "open" {
            // Not fixed yet: not replayed (the folder's README).
            continue;
        }
        let Some((_, check)) = targets.iter().find(|(t, _)| *t == name) else {
            panic!("tests/fuzz-crashers/{name}: no fuzz target of that name");
        };
        assert!(
            Path::new("fuzz/fuzz_targets")
                .join(format!("{name}.rs"))
                .exists(),
            "{name}: not a fuzz target"
        );
        let mut inputs = Vec::new();
        files(&path, &mut inputs);
        saved += inputs.len();
        replayed += replay(&path.to_string_lossy(), *check);
    }
    assert_eq!(replayed, saved);
    // The folder's README tells each one's story: every crasher there is
    // saved, every saved one is there.
    let readme = fs::read_to_string("tests/fuzz-crashers/README.md").unwrap();
    let told: std::collections::BTreeSet<String> =
        regex::Regex::new(r"([a-z_]+)/crash-([0-9a-f]{8})")
            .unwrap()
            .captures_iter(&readme)
            .map(|c| format!("{}/{}", &c[1], &c[2]))
            .collect();
    let mut kept = std::collections::BTreeSet::new();
    for (target, _) in targets {
        let Ok(entries) = fs::read_dir(format!("tests/fuzz-crashers/{target}")) else {
            continue;
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let short = name.trim_start_matches("crash-");
            kept.insert(format!("{target}/{}", &short[..short.len().min(8)]));
        }
    }
    assert_eq!(
        told, kept,
        "tests/fuzz-crashers/README.md and the saved crashers"
    );
}

#[test]
fn every_fixture_passes_the_fuzz_properties() {
    let n = replay("fixtures", flinkscale::fuzzing::lint);
    assert!(n > 50, "only {n} fixtures found");
    replay("fixtures", flinkscale::fuzzing::fmt_roundtrip);
    replay("fixtures", flinkscale::fuzzing::lsp);
}
