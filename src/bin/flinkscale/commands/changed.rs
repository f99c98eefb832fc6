//! `links --changed-since REF`: the lines of a list that changed since a
//! git revision, from `git diff` (the file as it is now against REF), so
//! that a pull request checks only the links it added or changed.

use std::ops::Range;
use std::path::Path;
use std::process::Command;

/// The lines (0-based, end exclusive) of the file at `path` that were
/// added or changed since `rev`; `None` when the file is new since then
/// (all of it is). An error when git cannot answer: not a repository,
/// not a revision, no git.
pub fn changed_lines(path: &Path, rev: &str) -> Result<Option<Vec<Range<usize>>>, String> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let git = |args: &[&str]| {
        Command::new("git")
            .arg("-C")
            .arg(dir)
            .args(args)
            .output()
            .map_err(|e| format!("--changed-since needs git: {e}"))
    };
    let commit = format!("{rev}^{{commit}}");
    let verify = git(&["rev-parse", "--verify", "--quiet", &commit])?;
    if !verify.status.success() {
        return Err(format!(
            "--changed-since {rev}: not a git revision in {} (fetch it first, e.g. `git fetch origin main`, and pass `origin/main`)",
            dir.display()
        ));
    }
    let in_rev = git(&["cat-file", "-e", &format!("{rev}:./{name}")])?;
    if !in_rev.status.success() {
        return Ok(None);
    }
    let diff = git(&[
        "diff",
        "--no-color",
        "--no-ext-diff",
        "--unified=0",
        rev,
        "--",
        &name,
    ])?;
    if !diff.status.success() {
        return Err(format!(
            "--changed-since {rev}: git diff failed: {}",
            String::from_utf8_lossy(&diff.stderr).trim()
        ));
    }
    Ok(Some(hunks(&String::from_utf8_lossy(&diff.stdout))))
}

/// The new side of each hunk of a `--unified=0` diff (`@@ -a,b +c,d @@`),
/// as 0-based line ranges; a hunk that only deletes adds none.
pub fn hunks(diff: &str) -> Vec<Range<usize>> {
    diff.lines()
        .filter_map(|line| {
            let rest = line.strip_prefix("@@ -")?;
            let new = rest.split_whitespace().nth(1)?.strip_prefix('+')?;
            let (start, count) = match new.split_once(',') {
                Some((s, c)) => (s.parse::<usize>().ok()?, c.parse::<usize>().ok()?),
                None => (new.parse::<usize>().ok()?, 1),
            };
            (count > 0).then(|| start.saturating_sub(1)..start.saturating_sub(1) + count)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::hunks;

    #[test]
    fn the_new_side_of_each_hunk() {
        let diff = "diff --git a/README.md b/README.md\n--- a/README.md\n+++ b/README.md\n\
                    @@ -3 +3 @@ x\n-a\n+b\n@@ -10,0 +11,2 @@\n+c\n+d\n@@ -20,3 +21,0 @@\n-e\n";
        assert_eq!(hunks(diff), [2..3, 10..12]);
    }
}
