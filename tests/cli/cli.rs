//! The command line where a case needs Rust: files made on the fly
//! (bytes, permissions, line endings), colour, and properties of whole
//! outputs. Every other CLI case is data in `tests/cmd/` (see `tests/cli/cmd.rs`).

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;

fn flinkscale() -> Command {
    let mut cmd = crate::common::flinkscale();
    cmd.env_remove("NO_COLOR").env("COLUMNS", "80");
    cmd
}

const CLEAN: &str = "fixtures/rules/toc-order/good.md";

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
        serde_json::json!({"files": 2, "failed": 0, "errors": 2, "warnings": 0, "fixable": 2})
    );
}

#[test]
fn color_always_colours() {
    flinkscale()
        .args([
            "lint",
            "--color",
            "always",
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

/// The size is read from the file's metadata before the file is: a sparse
/// 4 GiB file is refused with a message, not read into memory (the run is
/// limited to 1 GiB of address space, where reading it would abort).
#[cfg(unix)]
#[test]
fn a_4_gib_file_is_refused_before_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.md");
    fs::File::create(&path).unwrap().set_len(4 << 30).unwrap();
    let bin = assert_cmd::cargo::cargo_bin("flinkscale");
    Command::new("sh")
        .arg("-c")
        .arg("ulimit -v 1048576 && exec \"$0\" lint \"$1\"")
        .arg(&bin)
        .arg(&path)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("huge.md: is 4.0 GiB"));
}

/// `--help` of every command, `rules` and every `rule ID` fit 80 columns
/// (when stdout is no terminal, as here, and COLUMNS is 80).
#[test]
fn help_and_rule_pages_fit_80_columns() {
    let mut pages: Vec<Vec<String>> = [
        "",
        "lint",
        "fmt",
        "links",
        "rules",
        "rule",
        "add",
        "export",
        "stats",
        "init",
        "completions",
    ]
    .iter()
    .map(|c| {
        let mut args: Vec<String> = c.split_whitespace().map(str::to_owned).collect();
        args.push("--help".into());
        args
    })
    .collect();
    pages.push(vec!["rules".into()]);
    for rule in flinkscale::rules::RULES {
        pages.push(vec!["rule".into(), rule.meta.id.as_str().into()]);
    }
    for args in pages {
        let out = flinkscale().args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        let text = String::from_utf8(out.stdout).unwrap();
        for line in text.lines() {
            // Bytes, not characters: `awk 'length > 80'` (mawk) counts bytes.
            assert!(line.len() <= 80, "{args:?}: {line}");
        }
    }
}

/// `--config` and `--color` are offered only where they act.
#[test]
fn global_flags_appear_only_where_they_act() {
    for (command, config, color) in [
        ("lint", true, true),
        ("fmt", true, true),
        ("links", true, true),
        ("add", true, true),
        ("export", true, false),
        ("stats", true, false),
        ("init", false, false),
        ("rules", false, false),
        ("rule", false, false),
        ("completions", false, false),
    ] {
        let out = flinkscale().args([command, "--help"]).output().unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        assert_eq!(text.contains("--config"), config, "{command}: {text}");
        assert_eq!(text.contains("--color"), color, "{command}: {text}");
    }
}

/// `flinkscale rule <TAB>` offers the rule ids.
#[test]
fn completions_offer_rule_ids() {
    let out = flinkscale().args(["completions", "bash"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    for rule in flinkscale::rules::RULES {
        assert!(text.contains(rule.meta.id.as_str()), "{}", rule.meta.id);
    }
}

/// A build without the `links` feature (the pre-commit hooks', `cargo
/// install`'s) says how to get `links` and `add --fetch`, and opens no
/// socket. `.ci/run` runs the same check on its default release build.
#[cfg(not(feature = "links"))]
#[test]
fn without_the_network_links_says_how_to_get_it() {
    for args in [
        vec!["links", "fixtures/add/clean.md"],
        vec![
            "add",
            "--fetch",
            "--company",
            "A",
            "--url",
            "https://a.example/",
            "fixtures/add/clean.md",
        ],
    ] {
        let out = assert_cmd::Command::cargo_bin("flinkscale")
            .unwrap()
            .args(&args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.contains("--features links"), "{err}");
    }
}

/// A `.gitignore` is honoured in a directory that is no git repository (a
/// list downloaded as an archive), as ripgrep's `--no-require-git` does.
#[test]
fn gitignore_counts_outside_a_git_repository() {
    let dir = tempfile::tempdir().unwrap();
    assert!(
        !std::process::Command::new("git")
            .args(["rev-parse", "--git-dir"])
            .current_dir(dir.path())
            .output()
            .is_ok_and(|o| o.status.success()),
        "the temporary directory is inside a git repository"
    );
    let list = std::fs::read_to_string("fixtures/add/clean.md").unwrap();
    std::fs::write(dir.path().join("README.md"), &list).unwrap();
    std::fs::create_dir(dir.path().join("vendor")).unwrap();
    std::fs::write(
        dir.path().join("vendor/README.md"),
        "# broken\n\n## A\n\n- [x](https://a.example/x) - `2020` - :books:\n",
    )
    .unwrap();
    std::fs::write(dir.path().join(".gitignore"), "vendor/\n").unwrap();
    std::fs::write(
        dir.path().join("flinkscale.toml"),
        "files = [\"**/README.md\"]\n",
    )
    .unwrap();
    let out = flinkscale()
        .current_dir(dir.path())
        .args(["lint", "--format", "short", "."])
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(!said.contains("vendor"), "{said}");
    std::fs::remove_file(dir.path().join(".gitignore")).unwrap();
    let out = flinkscale()
        .current_dir(dir.path())
        .args(["lint", "--format", "short", "."])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("vendor/README.md"));
}

/// The completions complete rule ids in the shells the docs say they do,
/// and only there.
#[test]
fn completions_complete_rule_ids_where_the_docs_say() {
    let docs = fs::read_to_string("docs/commands.md").unwrap();
    assert!(docs.contains("Those of bash and zsh also complete\nrule ids"));
    for (shell, completes) in [
        ("bash", true),
        ("zsh", true),
        ("fish", false),
        ("powershell", false),
        ("elvish", false),
    ] {
        let out = flinkscale().args(["completions", shell]).output().unwrap();
        let script = String::from_utf8(out.stdout).unwrap();
        assert!(script.contains("select"), "{shell}: no flags");
        for rule in flinkscale::registry::RuleId::ALL {
            assert_eq!(
                script.contains(rule.as_str()),
                completes,
                "{shell} and {}",
                rule.as_str()
            );
        }
    }
}

/// `--help` of every subcommand shows an example (ripgrep's and ruff's
/// habit), the top level names the docs, `lsp` names docs/editors.md, and
/// the default path is said one way: `./README.md` (issue 34, item 8).
#[test]
fn every_help_has_examples_and_says_the_default_path_one_way() {
    let help = |args: &[&str]| {
        let out = flinkscale().args(args).arg("--help").output().unwrap();
        assert!(out.status.success(), "{args:?}");
        String::from_utf8(out.stdout).unwrap()
    };
    let top = help(&[]);
    assert!(
        top.contains("docs/") && top.contains("commands.md"),
        "{top}"
    );
    for command in [
        "lint",
        "fmt",
        "rules",
        "rule",
        "links",
        "add",
        "export",
        "stats",
        "init",
        "completions",
    ] {
        let text = help(&[command]);
        assert!(text.contains("Example"), "{command}: no example\n{text}");
        assert!(!text.contains("[default: README.md]"), "{command}\n{text}");
    }
    for command in ["lint", "fmt", "links", "add", "export", "stats", "init"] {
        assert!(help(&[command]).contains("./README.md"), "{command}");
    }
    assert!(help(&["lsp"]).contains("docs/editors.md"));
    for command in ["export", "stats", "rules"] {
        let text = help(&[command]);
        let format = text.split("--format").nth(1).unwrap_or_default();
        assert!(format.contains("Output format"), "{command}\n{text}");
    }
}

/// A broken anchor close to two headings: the closest is only a guess,
/// an unsafe repair.
const GUESS: &str = "# Acme at scale\n\nSee [the Acme write-ups](#acmee) below.\n\n\
## Table of Contents\n\n- [Acme](#acme)\n- [Acmes](#acmes)\n\n## Acme\n\n\
- [A](https://a.example/a) - `2024` - :books:\n\n## Acmes\n\n\
- [B](https://b.example/b) - `2023` - :books:\n";

#[test]
fn an_unsafe_repair_is_made_only_with_unsafe_fixes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("README.md");
    std::fs::write(&path, GUESS).unwrap();
    // Reported, with its guess as help, and not fixable.
    let out = flinkscale()
        .args(["lint", "--format", "json"])
        .arg(&path)
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let d = &v["files"][0]["diagnostics"][0];
    assert_eq!(d["rule"], "anchor-broken");
    assert_eq!(d["help"], "did you mean `#acme`?");
    assert_eq!(d["fixable"], false);
    // The summary says a guess is there to be made, and how (ruff's
    // "hidden fixes"); it is not counted as fixable.
    let human = flinkscale()
        .args(["lint"])
        .arg(&path)
        .env("NO_COLOR", "1")
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let human = String::from_utf8(human).unwrap();
    assert!(
        human.trim_end().ends_with(
            "1 error, 0 warnings, 1 with a guessed repair (`flinkscale lint --fix --unsafe-fixes`)"
        ),
        "{human}"
    );
    // Neither fmt nor lint --fix makes it.
    flinkscale()
        .args(["fmt", "--check"])
        .arg(&path)
        .assert()
        .code(0);
    flinkscale()
        .args(["lint", "--fix"])
        .arg(&path)
        .assert()
        .code(1);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), GUESS);
    // --unsafe-fixes is a level of --fix, nothing alone.
    flinkscale()
        .args(["lint", "--unsafe-fixes"])
        .arg(&path)
        .assert()
        .code(2);
    flinkscale()
        .args(["lint", "--fix", "--unsafe-fixes"])
        .arg(&path)
        .assert()
        .code(0);
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        GUESS.replace("(#acmee)", "(#acme)")
    );
}

#[test]
fn site_writes_one_page_and_stats_the_chart() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    flinkscale()
        .args(["site", "fixtures/seed.md", "--out"])
        .arg(&out)
        .assert()
        .code(0)
        .stderr(predicates::str::contains("index.html"));
    let html = std::fs::read_to_string(out.join("index.html")).unwrap();
    let entries = flinkscale()
        .args(["export", "fixtures/seed.md"])
        .output()
        .unwrap()
        .stdout;
    let records: Vec<serde_json::Value> = serde_json::from_slice(&entries).unwrap();
    assert_eq!(html.matches("<li data-y=").count(), records.len());
    assert!(
        html.contains("<h2 id=\"acme-corp\">"),
        "the README's anchors"
    );
    assert!(
        !html.contains("src=\"http"),
        "nothing loaded from elsewhere"
    );
    // The chart for the README.
    let svg = dir.path().join("years.svg");
    flinkscale()
        .args(["stats", "fixtures/seed.md", "--svg"])
        .arg(&svg)
        .assert()
        .code(0);
    let chart = std::fs::read_to_string(&svg).unwrap();
    assert!(chart.starts_with("<svg") && chart.contains("<title>2023: 2 entries</title>"));
    // A file that is no list gets no page, and says why.
    let changelog = dir.path().join("CHANGELOG.md");
    std::fs::write(
        &changelog,
        "# Changelog\n\n## 1.1\n\n- Fixed.\n\n## 1.0\n\n- First.\n",
    )
    .unwrap();
    flinkscale()
        .arg("site")
        .arg(&changelog)
        .arg("--out")
        .arg(dir.path().join("no"))
        .assert()
        .code(2)
        .stderr(predicates::str::contains("not a list"));
    assert!(!dir.path().join("no").exists());
}

/// Every shape the profile reads gives a page with every entry export
/// reads (H3 companies, `<details>`, tables, flat and nested lists).
#[test]
fn every_shape_gives_a_page_with_every_entry() {
    let dir = tempfile::tempdir().unwrap();
    let mut shapes = 0;
    for entry in std::fs::read_dir("fixtures/genre").unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "md") {
            continue;
        }
        let records = flinkscale().arg("export").arg(&path).output().unwrap();
        if records.status.code() != Some(0) {
            continue; // no list: no page either (tested above)
        }
        let records: Vec<serde_json::Value> = serde_json::from_slice(&records.stdout).unwrap();
        let out = dir.path().join(path.file_stem().unwrap());
        flinkscale()
            .arg("site")
            .arg(&path)
            .arg("--out")
            .arg(&out)
            .assert()
            .code(0);
        let html = std::fs::read_to_string(out.join("index.html")).unwrap();
        assert_eq!(
            html.matches("<li data-y=").count(),
            records.len(),
            "{}",
            path.display()
        );
        shapes += 1;
    }
    assert!(shapes >= 5, "only {shapes} shapes");
}
