//! What every emitter is fed: the diagnostics of each file, and the counts
//! over all of them.

use crate::diagnostic::{Diagnostic, Severity};
use crate::source::{Position, Source};

/// The diagnostics of one linted file, with the text they point into.
pub struct FileReport {
    pub source: Source,
    pub diagnostics: Vec<Diagnostic>,
}

/// Counts over all files, as the summary line and JSON `summary` show them.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub fixable: usize,
}

impl Summary {
    pub fn of(reports: &[FileReport]) -> Summary {
        let mut s = Summary {
            files: reports.len(),
            ..Summary::default()
        };
        for d in reports.iter().flat_map(|r| &r.diagnostics) {
            match d.severity {
                Severity::Error => s.errors += 1,
                Severity::Warning => s.warnings += 1,
            }
            s.fixable += usize::from(d.fixable);
        }
        s
    }

    /// `2 errors, 1 warning, 3 fixable with `flinkscale fmt --write``
    pub fn line(&self) -> String {
        if self.errors + self.warnings == 0 {
            return format!("No problems found in {}.", plural(self.files, "file"));
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
        parts.join(", ")
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
