//! What every emitter is fed: the diagnostics of each file, and the counts
//! over all of them.

use crate::diagnostic::{Diagnostic, Severity};
use crate::source::{Position, Source};

/// The diagnostics of one linted file, with the text they point into; or
/// why the file could not be checked, which every format shows.
pub struct FileReport {
    pub source: Source,
    pub diagnostics: Vec<Diagnostic>,
    /// The file could not be read or parsed: what went wrong.
    pub error: Option<String>,
}

impl FileReport {
    pub fn new(source: Source, diagnostics: Vec<Diagnostic>) -> FileReport {
        FileReport {
            source,
            diagnostics,
            error: None,
        }
    }

    /// A path that could not be checked, named as given.
    pub fn failed(name: impl Into<String>, error: impl Into<String>) -> FileReport {
        FileReport {
            source: Source::exact(name, String::new()),
            diagnostics: Vec::new(),
            error: Some(error.into()),
        }
    }
}

/// Counts over all files, as the summary line and JSON `summary` show them.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    pub files: usize,
    /// Files that could not be checked.
    pub failed: usize,
    pub errors: usize,
    pub warnings: usize,
    pub fixable: usize,
    /// Problems whose repair is a guess (`lint --fix --unsafe-fixes`
    /// makes it): not counted as fixable.
    pub unsafe_fixable: usize,
}

impl Summary {
    pub fn of(reports: &[FileReport]) -> Summary {
        let mut s = Summary {
            files: reports.len(),
            failed: reports.iter().filter(|r| r.error.is_some()).count(),
            ..Summary::default()
        };
        for d in reports.iter().flat_map(|r| &r.diagnostics) {
            match d.severity {
                Severity::Error => s.errors += 1,
                Severity::Warning => s.warnings += 1,
            }
            s.fixable += usize::from(d.fixable);
            s.unsafe_fixable +=
                usize::from(d.applicability == crate::diagnostic::Applicability::Unsafe);
        }
        s
    }

    /// `2 errors, 1 warning, 3 fixable with `flinkscale fmt --write``, and
    /// how many more have a repair that is a guess
    pub fn line(&self) -> String {
        let failed = match self.failed {
            0 => String::new(),
            1 => "1 file could not be checked".to_owned(),
            n => format!("{n} files could not be checked"),
        };
        if self.errors + self.warnings == 0 {
            let checked = self.files - self.failed;
            return match (self.failed, checked) {
                (0, _) => format!("No problems found in {}.", plural(self.files, "file")),
                (_, 0) => format!("{failed}."),
                _ => format!(
                    "{failed}; no problems in the other {}.",
                    plural(checked, "file")
                ),
            };
        }
        let mut parts = vec![
            plural(self.errors, "error"),
            plural(self.warnings, "warning"),
        ];
        if self.fixable > 0 {
            parts.push(format!(
                "{} fixable with `flinkscale fmt --write`",
                self.fixable
            ));
        }
        // Repairs that are a guess are not made unasked, but are said to
        // be there (ruff's "hidden fixes").
        if self.unsafe_fixable > 0 {
            parts.push(format!(
                "{} with a guessed repair (`flinkscale lint --fix --unsafe-fixes`)",
                self.unsafe_fixable
            ));
        }
        let line = parts.join(", ");
        if failed.is_empty() {
            line
        } else {
            format!("{line}; {failed}")
        }
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// Start and end (exclusive) positions of a diagnostic.
pub fn span(source: &Source, d: &Diagnostic) -> (Position, Position) {
    (
        source.position(d.range.start),
        source.position(d.range.end.max(d.range.start)),
    )
}
