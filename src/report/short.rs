//! `--format short`: `path:line:col: severity[rule-id] message`, one per line.

use std::fmt::Write as _;

use super::files::{span, FileReport};

pub(super) fn render(reports: &[FileReport]) -> String {
    let mut out = String::new();
    for r in reports {
        if let Some(error) = &r.error {
            let _ = writeln!(out, "{}: error: {error}", r.source.name);
        }
        for d in &r.diagnostics {
            let (start, _) = span(&r.source, d);
            let _ = writeln!(
                out,
                "{}:{}:{}: {}[{}] {}",
                r.source.name,
                start.line,
                start.column,
                d.severity.as_str(),
                d.rule,
                d.message
            );
        }
    }
    out
}
