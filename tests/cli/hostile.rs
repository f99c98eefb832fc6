//! Hostile input, through every command that reads a file: `lint`, `fmt`,
//! `fmt --check` and `fmt --write`. Each case must exit 0, 1 or 2 without a
//! panic or a hang, and leave the file byte for byte as it was unless
//! `--write` succeeded (and then hold exactly what `fmt` prints).

use std::fs;
use std::path::Path;
use std::time::Duration;

use assert_cmd::Command;

/// Generous: a hang, not a slow run, is what this catches (debug build).
const HANG: Duration = Duration::from_secs(60);

fn flinkscale() -> Command {
    let mut cmd = crate::common::flinkscale();
    cmd.timeout(HANG);
    cmd
}

struct Run {
    code: i32,
    stdout: Vec<u8>,
    stderr: String,
}

fn run(args: &[&str], path: &Path) -> Run {
    let out = flinkscale().args(args).arg(path).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let code = out
        .status
        .code()
        .unwrap_or_else(|| panic!("{args:?} was killed (hang?): {stderr}"));
    assert!(!stderr.contains("panicked"), "{args:?} panicked: {stderr}");
    assert!(matches!(code, 0..=2), "{args:?} exited {code}: {stderr}");
    Run {
        code,
        stdout: out.stdout,
        stderr,
    }
}

/// Runs every command on a file holding `bytes`; returns the exit codes of
/// lint and fmt.
fn every_command(name: &str, bytes: &[u8]) -> (i32, i32) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    fs::write(&path, bytes).unwrap();
    let lint = run(&["lint", "--format", "short"], &path);
    assert_eq!(fs::read(&path).unwrap(), bytes, "lint changed {name}");
    let fmt = run(&["fmt"], &path);
    assert_eq!(fs::read(&path).unwrap(), bytes, "fmt changed {name}");
    let check = run(&["fmt", "--check"], &path);
    assert_eq!(
        fs::read(&path).unwrap(),
        bytes,
        "fmt --check changed {name}"
    );
    let write = run(&["fmt", "--write"], &path);
    let after = fs::read(&path).unwrap();
    if write.code == 0 && fmt.code == 0 {
        assert_eq!(after, fmt.stdout, "--write did not write what fmt prints");
        assert_eq!(
            check.code,
            i32::from(after != bytes),
            "--check disagrees with --write"
        );
    } else {
        assert_eq!(
            after, bytes,
            "a failed --write changed {name}: {}",
            write.stderr
        );
        assert_eq!(write.code, fmt.code);
    }
    for (what, r) in [
        ("lint", &lint),
        ("fmt", &fmt),
        ("--check", &check),
        ("--write", &write),
    ] {
        if r.code == 2 {
            assert!(
                r.stderr.contains(name),
                "{what} error does not name {name}: {}",
                r.stderr
            );
        }
    }
    (lint.code, fmt.code)
}

const LIST: &str = "# L\n\n## Table of Contents\n\n1. [A](#a)\n\n## A\n\n\
- [One](https://a.example/1) - `2021` - :books:\n- [Two](https://a.example/2) - `2020` - :books:\n";

#[test]
fn a_missing_path_names_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("missing.md");
    for args in [
        &["lint"][..],
        &["fmt"],
        &["fmt", "--check"],
        &["fmt", "--write"],
    ] {
        let r = run(args, &path);
        assert_eq!(r.code, 2);
        assert!(r.stderr.contains("missing.md"), "{}", r.stderr);
    }
    assert!(!path.exists(), "--write created the missing file");
}

#[test]
fn a_directory_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("folder.md");
    fs::create_dir(&path).unwrap();
    for args in [
        &["lint"][..],
        &["fmt"],
        &["fmt", "--check"],
        &["fmt", "--write"],
    ] {
        let r = run(args, &path);
        assert_eq!(r.code, 2);
        assert!(
            r.stderr.contains("folder.md") && r.stderr.contains("directory"),
            "{}",
            r.stderr
        );
    }
}

#[test]
fn invalid_utf8_names_the_path_and_byte_offset() {
    let mut bytes = LIST.as_bytes().to_vec();
    bytes.splice(30..30, [0xff, 0xfe]);
    assert_eq!(every_command("latin.md", &bytes), (2, 2));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("latin.md");
    fs::write(&path, &bytes).unwrap();
    let r = run(&["lint"], &path);
    assert!(r.stderr.contains("byte offset 30"), "{}", r.stderr);
}

#[test]
fn an_empty_file_is_an_error() {
    assert_eq!(every_command("empty.md", b""), (2, 2));
}

#[test]
fn binary_garbage_is_an_error() {
    // A deterministic pseudo-random byte soup (xorshift), with NULs.
    let mut x: u32 = 0x9e37_79b9;
    let bytes: Vec<u8> = (0..64 * 1024)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            (x >> 24) as u8
        })
        .collect();
    assert_eq!(every_command("garbage.md", &bytes), (2, 2));
    let mut nul = LIST.as_bytes().to_vec();
    nul.insert(10, 0);
    assert_eq!(every_command("nul.md", &nul), (2, 2));
}

#[test]
fn a_bom_is_accepted_and_kept() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(LIST.replace("`2021`", "`2021`  ").as_bytes());
    every_command("bom.md", &bytes);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bom.md");
    fs::write(&path, &bytes).unwrap();
    assert_eq!(run(&["fmt", "--write"], &path).code, 0);
    let after = fs::read(&path).unwrap();
    assert!(after.starts_with(b"\xEF\xBB\xBF# L\n"), "BOM lost");
    assert_ne!(after, bytes, "the trailing spaces were not removed");
}

#[test]
fn a_second_bom_is_kept_and_a_lone_carriage_return_ends_a_line() {
    // The first BOM is the file's; a second one is text. `\r\r\n` is a
    // lone `\r` (a line ending to CommonMark) and then a CRLF ending: an
    // empty line, which makes two blank lines above the TOC.
    let body = LIST.replace('\n', "\r\n").replacen("\r\n", "\r\r\n", 1);
    let bytes = format!("\u{feff}\u{feff}{body}");
    assert_eq!(every_command("odd.md", bytes.as_bytes()), (1, 0));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("odd.md");
    fs::write(&path, &bytes).unwrap();
    assert_eq!(run(&["fmt", "--check"], &path).code, 1);
    assert_eq!(run(&["fmt", "--write"], &path).code, 0);
    let after = fs::read(&path).unwrap();
    assert!(
        after.starts_with("\u{feff}\u{feff}# L\r\n\r\n".as_bytes()),
        "{after:?}"
    );
    assert!(
        !after.windows(2).any(|w| w[0] == b'\r' && w[1] != b'\n'),
        "a lone \\r is left"
    );
    assert_eq!(run(&["fmt", "--check"], &path).code, 0);
}

#[test]
fn crlf_and_mixed_line_endings() {
    let crlf = LIST.replace('\n', "\r\n");
    assert_eq!(every_command("crlf.md", crlf.as_bytes()), (0, 0));
    let mixed: String = LIST
        .split_inclusive('\n')
        .enumerate()
        .map(|(i, l)| {
            if i % 2 == 0 {
                l.replace('\n', "\r\n")
            } else {
                l.to_owned()
            }
        })
        .collect();
    // fmt gives every line the first line's ending.
    every_command("mixed.md", mixed.as_bytes());
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mixed.md");
    fs::write(&path, &mixed).unwrap();
    assert_eq!(run(&["fmt", "--check"], &path).code, 1);
    assert_eq!(run(&["fmt", "--write"], &path).code, 0);
    assert_eq!(fs::read_to_string(&path).unwrap(), crlf);
}

#[test]
fn deep_nesting_of_quotes_and_lists() {
    let quotes = format!("{LIST}\n{} deep\n", ">".repeat(20_000));
    every_command("quotes.md", quotes.as_bytes());
    let mut lists = String::from(LIST);
    lists.push('\n');
    for depth in 0..3_000 {
        lists.push_str(&"  ".repeat(depth));
        lists.push_str("- x\n");
    }
    every_command("lists.md", lists.as_bytes());
}

#[test]
fn a_5_mb_single_line() {
    let line = "word ".repeat(1_000_000);
    let text = format!("{LIST}\n{line}\n");
    every_command("long-line.md", text.as_bytes());
    let entry = format!(
        "{LIST}- [{}](https://a.example/3) - `2019` - :books:\n",
        "t".repeat(5_000_000)
    );
    every_command("long-entry.md", entry.as_bytes());
}

#[test]
fn fifty_thousand_unclosed_brackets() {
    let text = format!("{LIST}\n{}\n", "[".repeat(50_000));
    every_command("brackets.md", text.as_bytes());
    let text = format!("{LIST}- {}\n", "[a](".repeat(50_000));
    every_command("links.md", text.as_bytes());
}

#[test]
fn a_1500_section_list() {
    let mut toc = String::new();
    let mut body = String::new();
    for i in (0..1_500).rev() {
        // Out of order and with broken anchors on purpose: work for fmt.
        toc.push_str(&format!("1. [Company {i:04}](#company-{i:04}x)\n"));
        body.push_str(&format!(
            "## Company {i:04}\n\n- [Old](https://c{i}.example/old) - `2019` - :books:\n- [New](https://c{i}.example/new) - `2024` - :books:\n\n"
        ));
    }
    let text = format!("# Big\n\n## Table of Contents\n\n{toc}\n{body}");
    let (lint, fmt) = every_command("big.md", text.as_bytes());
    assert_eq!((lint, fmt), (1, 0));
}
