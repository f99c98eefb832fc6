//! `--format github`: GitHub Actions workflow commands, which the runner
//! turns into annotations on the pull request's diff.
//!
//! `::error file=F,line=L,col=C,endLine=L,endColumn=C,title=RULE::message`,
//! escaped as the Actions toolkit does (`toolkit/packages/core/src/command.ts`).

use std::fmt::Write as _;

use super::files::{span, FileReport};
use crate::diagnostic::Severity;

pub(super) fn render(reports: &[FileReport]) -> String {
    let mut out = String::new();
    for r in reports {
        if let Some(error) = &r.error {
            let _ = writeln!(
                out,
                "::error file={},title=flinkscale::could not check the file: {}",
                property(&r.source.name),
                data(error)
            );
        }
        for d in &r.diagnostics {
            let (start, end) = span(&r.source, d);
            let command = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            };
            let mut message = d.message.clone();
            if let Some(help) = &d.help {
                message.push_str("\nhelp: ");
                message.push_str(help);
            }
            let _ = writeln!(
                out,
                "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
                property(&r.source.name),
                start.line,
                start.column,
                end.line,
                end.column,
                property(d.rule.as_str()),
                data(&message),
            );
        }
    }
    out
}

/// Escapes a command's message.
fn data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value, where `:` and `,` are separators.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_as_the_actions_toolkit_does() {
        assert_eq!(data("100% done\r\nnext"), "100%25 done%0D%0Anext");
        assert_eq!(data("a:b,c"), "a:b,c");
        assert_eq!(property("dir,x/a:b%.md"), "dir%2Cx/a%3Ab%25.md");
    }
}
