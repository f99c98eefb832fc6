//! Which files the PATH arguments name: files as given, `-` for standard
//! input, a directory walked (honouring `.gitignore`, as ruff and ripgrep
//! do) for the files its `flinkscale.toml` names in `files` (default
//! `README.md`), a glob expanded; `--exclude` globs leave walked and
//! globbed files out.

use std::path::{Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};

use super::common::{error, Configs, ExitStatus, DEFAULT_PATH};
use flinkscale::fsio;

fn globs(patterns: &[String]) -> Result<GlobSet, String> {
    let mut set = GlobSetBuilder::new();
    for p in patterns {
        set.add(Glob::new(p).map_err(|e| format!("`{p}` is not a glob: {e}"))?);
    }
    set.build().map_err(|e| e.to_string())
}

fn has_glob_chars(path: &Path) -> bool {
    path.to_string_lossy().contains(['*', '?', '['])
}

/// A PATH argument that names no file (a directory with no list in it, a
/// glob that matches nothing), with what to say: reported as a file that
/// could not be checked, while the others are checked (exit 2).
#[derive(Debug, Clone)]
pub struct Unmatched {
    pub path: PathBuf,
    pub message: String,
}

impl Unmatched {
    /// `path: message`, as said on standard error.
    pub fn said(&self) -> String {
        format!("{}: {}", self.path.display(), self.message)
    }
}

/// What the PATH arguments name, in argument order: files, and arguments
/// that name none.
pub type Found = Vec<Result<PathBuf, Unmatched>>;

/// The files among `found`.
pub fn only_files(found: &Found) -> Vec<PathBuf> {
    found
        .iter()
        .filter_map(|f| f.as_ref().ok().cloned())
        .collect()
}

/// The files a command's PATH arguments and `InputArgs` name: `-` when
/// there is none but `--stdin-filename`, else [`expand`]. An error is a
/// usage error (a bad glob), already said.
pub fn files(
    paths: &[PathBuf],
    input: &crate::cli::InputArgs,
    configs: &mut Configs,
) -> Result<Found, ExitStatus> {
    let given = if paths.is_empty() && input.stdin_filename.is_some() {
        vec![PathBuf::from(fsio::STDIN)]
    } else {
        paths.to_vec()
    };
    expand(&given, &input.exclude, configs).map_err(|e| {
        error(e);
        ExitStatus::Error
    })
}

/// What `paths` name, in order, each file once. An error is a usage error
/// (a bad glob); a directory or glob that names no file is an
/// [`Unmatched`] among the files.
pub fn expand(
    paths: &[PathBuf],
    exclude: &[String],
    configs: &mut Configs,
) -> Result<Found, String> {
    if paths.is_empty() {
        return Ok(vec![Ok(PathBuf::from(DEFAULT_PATH))]);
    }
    let excluded = globs(exclude)?;
    let mut out: Found = Vec::new();
    for path in paths {
        let unmatched = |message: String| {
            Err(Unmatched {
                path: path.clone(),
                message,
            })
        };
        let found = if path.as_os_str() == fsio::STDIN || path.is_file() {
            vec![path.clone()]
        } else if path.is_dir() {
            let (wanted, unwanted) = match configs.for_path(&path.join(DEFAULT_PATH)) {
                Ok(config) => (config.files.clone(), config.exclude.clone()),
                Err(_) => (vec![DEFAULT_PATH.to_owned()], Vec::new()),
            };
            let unwanted = globs(&unwanted)?;
            let found: Vec<PathBuf> = walk(path, &globs(&wanted)?, &excluded)
                .into_iter()
                .filter(|f| !unwanted.is_match(relative(path, f).unwrap_or(f)))
                .collect();
            if found.is_empty() {
                out.push(unmatched(format!(
                    "no file to check in this directory (looked for {}; set `files` in flinkscale.toml)",
                    wanted.join(", ")
                )));
                continue;
            }
            found
        } else if has_glob_chars(path) {
            let pattern = globs(&[path.to_string_lossy().trim_start_matches("./").to_owned()])?;
            let root = literal_root(path);
            let found: Vec<PathBuf> = walk_all(&root, &excluded)
                .into_iter()
                .filter(|f| pattern.is_match(f))
                .collect();
            if found.is_empty() {
                out.push(unmatched("the glob matches no file".to_owned()));
                continue;
            }
            found
        } else {
            // Not there: reading it says so, with the other paths checked.
            vec![path.clone()]
        };
        for f in found {
            if !out.iter().any(|o| o.as_ref().is_ok_and(|o| *o == f)) {
                out.push(Ok(f));
            }
        }
    }
    Ok(out)
}

/// The directory a glob's literal start names (`docs/*.md` -> `docs`).
fn literal_root(glob: &Path) -> PathBuf {
    let mut root = PathBuf::new();
    for part in glob.components() {
        if has_glob_chars(Path::new(part.as_os_str())) {
            break;
        }
        root.push(part);
    }
    if root.as_os_str().is_empty() || root == glob {
        PathBuf::from(".")
    } else {
        root
    }
}

/// Files under `dir` (gitignore honoured, hidden files skipped), sorted.
/// A `.gitignore` counts outside a git repository too (ripgrep's
/// `--no-require-git`): a list downloaded as an archive is walked as its
/// clone would be.
fn walk_all(dir: &Path, excluded: &GlobSet) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = ignore::WalkBuilder::new(dir)
        .require_git(false)
        .build()
        .flatten()
        .filter(|e| e.file_type().is_some_and(|t| t.is_file()))
        .map(|e| {
            let p = e.into_path();
            // `lint .` names `README.md`, not `./README.md`.
            p.strip_prefix("./").map(Path::to_path_buf).unwrap_or(p)
        })
        .filter(|p| !excluded.is_match(p))
        .collect();
    files.sort();
    files
}

/// `file` (found under `dir`) relative to `dir`.
fn relative<'f>(dir: &Path, file: &'f Path) -> Option<&'f Path> {
    if dir == Path::new(".") {
        Some(file)
    } else {
        file.strip_prefix(dir).ok()
    }
}

/// Files under `dir` whose path relative to it matches `wanted`.
fn walk(dir: &Path, wanted: &GlobSet, excluded: &GlobSet) -> Vec<PathBuf> {
    walk_all(dir, excluded)
        .into_iter()
        .filter(|f| relative(dir, f).is_some_and(|rel| wanted.is_match(rel)))
        .collect()
}
