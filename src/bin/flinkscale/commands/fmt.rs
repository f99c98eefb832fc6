//! `flinkscale fmt`: print, `--check`, `--diff` or `--write` the canonical
//! form of each list.

use std::path::{Path, PathBuf};

use super::common::{diff, error, print, use_color, Configs, ExitStatus, Inputs};
use super::paths;
use crate::cli::{Color, FmtArgs};
use flinkscale::config::Config;
use flinkscale::format::Applicability;
use flinkscale::model::Document;
use flinkscale::{clock, format, fsio, rules};

/// What happened to one file.
enum Outcome {
    Unchanged,
    Changed,
    Failed,
}

/// What `fmt` does with each file.
#[derive(Clone, Copy)]
pub struct Mode {
    pub write: bool,
    pub check: bool,
    pub diff: bool,
}

pub fn run(config: Option<&Path>, color: Color, args: &FmtArgs) -> ExitStatus {
    let mut inputs = Inputs::new(Configs::new(config), args.input.stdin_filename.as_deref());
    let found = match paths::files(&args.paths, &args.input, &mut inputs.configs) {
        Ok(p) => p,
        Err(status) => return status,
    };
    // A PATH that names no file is said, and the others are formatted.
    let unmatched: Vec<&paths::Unmatched> = found.iter().filter_map(|f| f.as_ref().err()).collect();
    for u in &unmatched {
        error(u.said());
    }
    let paths = paths::only_files(&found);
    let mode = Mode {
        write: args.write,
        check: args.check,
        diff: args.diff,
    };
    if paths.len() > 1 && !(mode.write || mode.check || mode.diff) {
        error(format!(
            "fmt prints one file to standard output, and {} were given; use --write, --check or --diff for several",
            paths.len()
        ));
        return ExitStatus::Error;
    }
    let run = Run {
        inputs: &mut inputs,
        color: use_color(color),
        year: clock::current_year(),
        level: Applicability::Safe,
        explicit_config: config,
        leftovers: true,
    };
    let mut counts = run.all(&paths, mode);
    counts.failed += unmatched.len();
    if (mode.write || mode.check) && !args.quiet {
        counts.say(mode);
    }
    if counts.failed > 0 {
        ExitStatus::Error
    } else if counts.changed > 0 && (mode.check || mode.diff) {
        ExitStatus::Failure
    } else {
        ExitStatus::Success
    }
}

/// `lint --fix`: every path through `fmt --write` first.
/// `lint --fix`: every list rewritten with the repairs of `level` and
/// safer, said on stderr unless `quiet`.
pub fn write_all(
    paths: &[PathBuf],
    inputs: &mut Inputs,
    level: Applicability,
    (color, year, quiet): (bool, u16, bool),
) {
    let mode = Mode {
        write: true,
        check: false,
        diff: false,
    };
    let run = Run {
        inputs,
        color,
        year,
        level,
        explicit_config: None,
        leftovers: false,
    };
    let counts = run.all(paths, mode);
    if !quiet && counts.changed > 0 {
        counts.say(mode);
    }
}

/// How many files changed, were already formatted, or failed.
#[derive(Default)]
struct Counts {
    changed: usize,
    unchanged: usize,
    failed: usize,
}

impl Counts {
    fn say(&self, mode: Mode) {
        let verb = if mode.write {
            "reformatted"
        } else {
            "would be reformatted"
        };
        eprintln!(
            "{} {verb}, {} already formatted{}",
            files(self.changed),
            files(self.unchanged),
            if self.failed > 0 {
                format!(", {} failed", files(self.failed))
            } else {
                String::new()
            }
        );
    }
}

/// One `fmt` over some paths.
struct Run<'c, 'p> {
    inputs: &'c mut Inputs,
    color: bool,
    year: u16,
    /// The repairs made: safe ones (fmt), unsafe ones too (`lint --fix
    /// --unsafe-fixes`).
    level: Applicability,
    /// `--config`, named again in the hint to run `lint`.
    explicit_config: Option<&'p Path>,
    /// Say what is left for a person after writing (not under `lint
    /// --fix`, which reports it anyway).
    leftovers: bool,
}

impl Run<'_, '_> {
    fn all(mut self, paths: &[PathBuf], mode: Mode) -> Counts {
        let mut counts = Counts::default();
        for path in paths {
            match self.one(path, mode) {
                Outcome::Changed => counts.changed += 1,
                Outcome::Unchanged => counts.unchanged += 1,
                Outcome::Failed => counts.failed += 1,
            }
        }
        counts
    }

    fn one(&mut self, path: &Path, args: Mode) -> Outcome {
        let (color, year) = (self.color, self.year);
        // Taken before reading: a file changed after this is not overwritten.
        let (source, config, stamp) = match self.inputs.load(path) {
            Ok(loaded) => (loaded.source, loaded.config, loaded.stamp),
            Err(unread) => {
                error(unread.said);
                return Outcome::Failed;
            }
        };
        let name = source.name.clone();
        // fmt drops the input as soon as it can; a diff needs a copy.
        let before = args.diff.then(|| source.text.clone());
        let doc = Document::parse(source, &config);
        let result = match format::format_at(doc, &config, year, self.level) {
            Ok(f) => f,
            Err(e) => {
                error(format!("{name}: {e}"));
                return Outcome::Failed;
            }
        };
        if !result.not_converged.is_empty() {
            let ids: Vec<&str> = result.not_converged.iter().map(|r| r.as_str()).collect();
            eprintln!(
                "flinkscale: warning: {name}: fmt did not converge: {} still find something to repair; please report this with the file attached",
                ids.join(", ")
            );
        }
        let (formatted, output) = (result.text(), &result.doc);
        let is_changed = result.changed;
        let stdin = path.as_os_str() == fsio::STDIN;
        if args.diff && is_changed {
            print(&diff(
                &name,
                before.as_deref().unwrap_or_default(),
                formatted,
                color,
            ));
        }
        if args.check {
            if is_changed {
                println!("would reformat {name}");
            }
        } else if args.write && !stdin {
            if is_changed {
                if let Err(e) = fsio::commit(path, &result.encoding, formatted, stamp.as_ref()) {
                    error(e);
                    return Outcome::Failed;
                }
                if self.leftovers {
                    report_leftovers(&name, output, &config, year, self.explicit_config);
                }
            }
        } else if !args.diff {
            print(&result.encoding.restore(formatted));
        }
        if is_changed {
            Outcome::Changed
        } else {
            Outcome::Unchanged
        }
    }
}

fn files(n: usize) -> String {
    if n == 1 {
        "1 file".into()
    } else {
        format!("{n} files")
    }
}

/// Says what `fmt` could not repair, so the user knows to run `lint`.
fn report_leftovers(
    name: &str,
    output: &Document,
    config: &Config,
    year: u16,
    explicit_config: Option<&Path>,
) {
    let diagnostics = rules::check(&rules::Context::new(output, config, year));
    let left = diagnostics.iter().filter(|d| !d.fixable).count();
    if left > 0 {
        let ids: std::collections::BTreeSet<&str> = diagnostics
            .iter()
            .filter(|d| !d.fixable)
            .map(|d| d.rule.as_str())
            .collect();
        let with_config = explicit_config
            .map(|c| format!(" --config {}", c.display()))
            .unwrap_or_default();
        eprintln!(
            "{name}: {left} problem{} need{} a person ({}); run `flinkscale lint{with_config} {name}`",
            if left == 1 { "" } else { "s" },
            if left == 1 { "s" } else { "" },
            ids.into_iter().collect::<Vec<_>>().join(", ")
        );
    }
}
