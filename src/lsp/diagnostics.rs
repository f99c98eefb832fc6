//! Lint's diagnostics as the editor shows them: the same rules, severities,
//! messages and help, each range in the editor's positions.

use super::protocol::{self, CodeDescription, Range, SEVERITY_ERROR, SEVERITY_WARNING};

use super::position::Lines;
use crate::diagnostic::Diagnostic;
use crate::model::Document;
use crate::registry::Severity;

/// Where a rule's documentation is read.
pub fn rule_page(id: &str) -> String {
    format!(
        "{}/blob/main/docs/rules.md#{id}",
        env!("CARGO_PKG_REPOSITORY")
    )
}

/// The editor's range of a model range.
pub fn range(lines: &Lines, doc: &Document, range: &std::ops::Range<usize>) -> Range {
    Range::new(
        lines.of_model(&doc.source, range.start),
        lines.of_model(&doc.source, range.end),
    )
}

/// What the editor shows for one of lint's diagnostics. The message is
/// lint's, with its help on the line below (editors show only the
/// message); `data` says whether `fmt` repairs it.
pub fn convert(lines: &Lines, doc: &Document, d: &Diagnostic) -> protocol::Diagnostic {
    let message = match &d.help {
        Some(help) => format!("{}\n{help}", d.message),
        None => d.message.clone(),
    };
    protocol::Diagnostic {
        range: range(lines, doc, &d.range),
        severity: match d.severity {
            Severity::Error => SEVERITY_ERROR,
            Severity::Warning => SEVERITY_WARNING,
        },
        code: d.rule.as_str().to_owned(),
        code_description: CodeDescription {
            href: rule_page(d.rule.as_str()),
        },
        source: "flinkscale",
        message,
        data: serde_json::json!({"fixable": d.fixable}),
    }
}

/// Every diagnostic of a document, or none for a file that is no list
/// (a changelog, a docs page): the editor lints every Markdown file, and
/// only lists are ours to judge.
pub fn of(lines: &Lines, doc: &Document, diagnostics: &[Diagnostic]) -> Vec<protocol::Diagnostic> {
    if doc.nothing_to_judge() {
        return Vec::new();
    }
    diagnostics.iter().map(|d| convert(lines, doc, d)).collect()
}
