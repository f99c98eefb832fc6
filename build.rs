//! Puts the git commit into `flinkscale --version`, so a bug report says
//! exactly which build it came from. Builds outside a git checkout (a
//! crates.io download) print the bare version.

use std::process::Command;

fn git(args: &[&str]) -> Option<String> {
    let out = Command::new("git").args(args).output().ok()?;
    let text = String::from_utf8(out.stdout).ok()?;
    (out.status.success() && !text.trim().is_empty()).then(|| text.trim().to_owned())
}

fn main() {
    let version = env!("CARGO_PKG_VERSION");
    let commit = std::env::var("FLINKSCALE_COMMIT")
        .ok()
        .filter(|c| !c.is_empty())
        .map(|c| c.chars().take(9).collect())
        .or_else(|| git(&["rev-parse", "--short=9", "HEAD"]));
    let full = match commit {
        Some(commit) => {
            // `--no-optional-locks`: a plain `git status` refreshes the
            // index of a fresh clone (it rewrites `.git/index`), which this
            // script watches, so the next cargo command would run it again
            // and rebuild the crate (88 s of CI's second test run).
            let dirty = git(&[
                "--no-optional-locks",
                "status",
                "--porcelain",
                "--untracked-files=no",
            ])
            .is_some();
            format!("{version} ({commit}{})", if dirty { "-dirty" } else { "" })
        }
        None => version.to_owned(),
    };
    println!("cargo:rustc-env=FLINKSCALE_VERSION={full}");
    println!("cargo:rerun-if-env-changed=FLINKSCALE_COMMIT");
    if let Some(dir) = git(&["rev-parse", "--git-dir"]) {
        println!("cargo:rerun-if-changed={dir}/HEAD");
        if let Some(head) = git(&["symbolic-ref", "-q", "HEAD"]) {
            println!("cargo:rerun-if-changed={dir}/{head}");
        }
        println!("cargo:rerun-if-changed={dir}/index");
    }
}
