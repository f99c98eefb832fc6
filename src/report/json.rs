//! `--format json`: the versioned schema of docs/format.md section 6
//! (docs/commands.md shows it).

use serde::Serialize;

use super::files::{span, FileReport, Summary};
use crate::diagnostic::Severity;

#[derive(Serialize)]
struct Output<'a> {
    version: u32,
    files: Vec<File<'a>>,
    summary: JsonSummary,
}

#[derive(Serialize)]
struct File<'a> {
    path: &'a str,
    /// Why the file could not be checked (absent when it was).
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<&'a str>,
    diagnostics: Vec<Item<'a>>,
}

#[derive(Serialize)]
struct Item<'a> {
    rule: &'a str,
    severity: Severity,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    message: &'a str,
    help: Option<&'a str>,
    fixable: bool,
    /// A link that keeps failing: since when, and on how many runs.
    #[serde(skip_serializing_if = "Option::is_none")]
    failing: Option<Failing>,
}

#[derive(Serialize)]
struct Failing {
    /// RFC 3339, UTC.
    first_failure: String,
    failing_runs: u32,
}

#[derive(Serialize)]
struct JsonSummary {
    files: usize,
    failed: usize,
    errors: usize,
    warnings: usize,
    fixable: usize,
}

pub(super) fn render(reports: &[FileReport]) -> String {
    let s = Summary::of(reports);
    let output = Output {
        version: 1,
        files: reports
            .iter()
            .map(|r| File {
                path: &r.source.name,
                error: r.error.as_deref(),
                diagnostics: r
                    .diagnostics
                    .iter()
                    .map(|d| {
                        let (start, end) = span(&r.source, d);
                        Item {
                            rule: d.rule.as_str(),
                            severity: d.severity,
                            line: start.line,
                            column: start.column,
                            end_line: end.line,
                            end_column: end.column,
                            message: &d.message,
                            help: d.help.as_deref(),
                            fixable: d.fixable,
                            failing: d.failing.map(|f| Failing {
                                first_failure: crate::clock::rfc3339(f.first_failure),
                                failing_runs: f.failing_runs,
                            }),
                        }
                    })
                    .collect(),
            })
            .collect(),
        summary: JsonSummary {
            files: s.files,
            failed: s.failed,
            errors: s.errors,
            warnings: s.warnings,
            fixable: s.fixable,
        },
    };
    let mut text =
        serde_json::to_string_pretty(&output).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    text.push('\n');
    text
}
