//! What every command needs: the exit status, configs found per directory,
//! colour, terminal width, printing, errors and diffs.

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

use similar::TextDiff;

use crate::cli::Color;
use flinkscale::config::Config;
use flinkscale::fsio;
use flinkscale::model::Document;
use flinkscale::registry::{closest_id, RuleId};

/// How a command ended, as ruff's `ExitStatus`: 0 clean, 1 problems found
/// (or `fmt --check` would change a file), 2 usage, config or I/O error.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ExitStatus {
    Success,
    Failure,
    Error,
}

impl From<ExitStatus> for ExitCode {
    fn from(status: ExitStatus) -> ExitCode {
        ExitCode::from(match status {
            ExitStatus::Success => 0,
            ExitStatus::Failure => 1,
            ExitStatus::Error => 2,
        })
    }
}

/// The file linted when no path is given.
pub const DEFAULT_PATH: &str = "README.md";

/// Prints a one-line error for the user (exit status [`ExitStatus::Error`]
/// follows).
pub fn error(message: impl std::fmt::Display) {
    eprintln!("flinkscale: error: {message}");
}

/// Writes to stdout, ignoring a closed pipe (`flinkscale lint | head`).
pub fn print(text: &str) {
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes());
    let _ = out.flush();
}

pub use flinkscale::inputs::{Configs, Inputs};

/// The rules `--select` or `--ignore` name, or why one is no rule.
pub fn rule_ids(flag: &str, names: &[String]) -> Result<Vec<RuleId>, String> {
    names
        .iter()
        .map(|name| {
            RuleId::from_id(name.trim()).ok_or_else(|| {
                let hint = closest_id(name.trim())
                    .map(|c| format!(" (did you mean `{c}`?)"))
                    .unwrap_or_default();
                format!("{flag}: unknown rule `{name}`{hint}; `flinkscale rules` lists them")
            })
        })
        .collect()
}

/// Reads `path` and its config and parses it, or prints why not.
pub fn load(config: Option<&Path>, path: &Path) -> Option<(Document, Config)> {
    let source = fsio::read_source(path).map_err(error).ok()?;
    let config = Configs::new(config)
        .for_path(path)
        .map_err(error)
        .ok()?
        .clone();
    Some((Document::parse(source, &config), config))
}

/// [`load`] for the commands that read a list's entries (`export`,
/// `stats`): a file that is no list is an error that says why (exit 2),
/// not a changelog's bullets taken for entries.
pub fn load_list(config: Option<&Path>, path: &Path) -> Option<(Document, Config)> {
    let (doc, config) = load(config, path)?;
    if let Some(reason) = doc.not_a_list_reason() {
        error(format!(
            "{}: not a list: {reason}; there are no entries to read",
            doc.source.name
        ));
        return None;
    }
    Some((doc, config))
}

/// Whether to colour output written to stdout.
pub fn use_color(choice: Color) -> bool {
    match choice {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::stdout().is_terminal()
        }
    }
}

/// The width human output is laid out for: `COLUMNS` when set, else the
/// terminal's width when stdout is one, else 80.
pub fn terminal_width() -> usize {
    let width = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .or_else(|| {
            terminal_size::terminal_size_of(std::io::stdout())
                .map(|(terminal_size::Width(w), _)| usize::from(w))
        })
        .unwrap_or(80);
    width.max(40)
}

/// A unified diff of the file before and after, coloured on request. The
/// header is git's `a/path` and `b/path`, or the path itself when it is
/// absolute (not `a//tmp/...`).
pub fn diff(name: &str, before: &str, after: &str, color: bool) -> String {
    let (old, new) = if Path::new(name).is_absolute() {
        (name.to_owned(), name.to_owned())
    } else {
        (format!("a/{name}"), format!("b/{name}"))
    };
    let text = TextDiff::from_lines(before, after)
        .unified_diff()
        .context_radius(3)
        .header(&old, &new)
        .to_string();
    if !color {
        return text;
    }
    text.lines()
        .map(|l| {
            let code = if l.starts_with("+++") || l.starts_with("---") {
                "1"
            } else if l.starts_with('+') {
                "32"
            } else if l.starts_with('-') {
                "31"
            } else if l.starts_with("@@") {
                "36"
            } else {
                return format!("{l}\n");
            };
            format!("\u{1b}[{code}m{l}\u{1b}[0m\n")
        })
        .collect()
}

/// Warns about `sections.skip` names that are no H2 of the list: a typo
/// there silently skips nothing.
pub fn warn_unknown_skips(doc: &Document, config: &Config) {
    for name in &config.sections.skip {
        let found = doc
            .headings
            .iter()
            .any(|h| h.level == 2 && h.text.trim().eq_ignore_ascii_case(name.trim()));
        if !found {
            eprintln!(
                "flinkscale: warning: {}: `sections.skip` names `{name}`, but the list has no `## {name}`",
                doc.source.name
            );
        }
    }
}

/// Says, in one line on standard error, that `doc` holds no entries, so
/// that a file checked only for anchors, its TOC and whitespace is not
/// taken for a clean list.
pub fn note_no_entries(doc: &Document) {
    if let Some(reason) = doc.not_a_list_reason() {
        eprintln!(
            "flinkscale: note: {}: not a list: {reason}; only its in-page links were checked",
            doc.source.name
        );
    } else if doc.has_no_entries() {
        eprintln!(
            "flinkscale: note: {}: no entries found (list items starting with a link, under company headings), \
             so only anchors, the TOC and whitespace were checked; if it holds entries, name their \
             sections in `sections.companies` in flinkscale.toml",
            doc.source.name
        );
    }
}

/// How `lint` and `links` exit: 2 when a file could not be checked, 1 on
/// errors (or warnings with `--deny-warnings`), else 0.
pub fn exit_status(
    reports: &[flinkscale::report::FileReport],
    failed: bool,
    deny_warnings: bool,
) -> ExitStatus {
    let summary = flinkscale::report::Summary::of(reports);
    if failed {
        ExitStatus::Error
    } else if summary.errors > 0 || (deny_warnings && summary.warnings > 0) {
        ExitStatus::Failure
    } else {
        ExitStatus::Success
    }
}

/// The reports in the chosen format: what `lint` and `links` print.
pub fn render(
    reports: &[flinkscale::report::FileReport],
    format: crate::cli::Format,
    color: bool,
    quiet: bool,
) -> String {
    use crate::cli::Format;
    use flinkscale::report;
    match format {
        Format::Human => report::Human {
            color,
            width: terminal_width(),
            quiet,
        }
        .render(reports),
        Format::Short => report::short(reports),
        Format::Json => report::json(reports),
        Format::Github => report::github(reports),
        Format::Sarif => report::sarif(reports),
    }
}

#[cfg(test)]
mod tests {
    use super::diff;

    #[test]
    fn a_diff_names_relative_paths_as_git_does_and_absolute_ones_as_they_are() {
        let relative = diff("docs/README.md", "a\n", "b\n", false);
        assert!(
            relative.starts_with("--- a/docs/README.md\n+++ b/docs/README.md\n"),
            "{relative}"
        );
        let absolute = diff("/tmp/x/README.md", "a\n", "b\n", false);
        assert!(
            absolute.starts_with("--- /tmp/x/README.md\n+++ /tmp/x/README.md\n"),
            "{absolute}"
        );
    }
}
