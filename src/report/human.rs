//! `--format human`: miette's graphical reports with the source line and a
//! labelled span, then a summary line.
//!
//! So that a long list's report stays short, the same problem (rule and
//! message) on many lines of a file is one report: the first occurrence is
//! drawn, and its help names the other lines. Each report starts with
//! `rule-id: message` on one line.
//!
//! Entry lines are often 200 characters long. So that a report reads well in
//! an 80-column terminal, each report shows a window of its line around the
//! span (marked with `…` where cut), while the header keeps the real
//! `path:line:column`. A span on an empty line (the end of the file) is
//! drawn with the line above it for context.

use std::fmt;

use miette::{
    Diagnostic as MietteDiagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan,
    MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents,
};

use super::files::{FileReport, Summary};
use crate::diagnostic::{Diagnostic, Severity};

/// Renders human reports.
pub struct Human {
    pub color: bool,
    /// Terminal width the report is laid out for.
    pub width: usize,
    /// No summary line (`-q`).
    pub quiet: bool,
}

impl Human {
    pub fn render(&self, reports: &[FileReport]) -> String {
        let theme = if self.color {
            GraphicalTheme::unicode()
        } else {
            GraphicalTheme::unicode_nocolor()
        };
        let handler = GraphicalReportHandler::new_themed(theme)
            .with_width(self.width)
            .with_links(false)
            .with_context_lines(0);
        let with_context = handler.clone().with_context_lines(1);
        let mut out = String::new();
        for r in reports {
            for (d, others) in group(&r.diagnostics) {
                let first = r.source.position(d.range.start).line;
                let mut lines: Vec<usize> = others
                    .iter()
                    .map(|o| r.source.position(o.range.start).line)
                    .filter(|&l| l != first)
                    .collect();
                lines.dedup();
                let report = Report::new(r, d, lines, self.width.saturating_sub(10).max(30));
                let handler = if report.needs_context() {
                    &with_context
                } else {
                    &handler
                };
                if handler.render_report(&mut out, &report).is_err() {
                    out.push_str(&format!(
                        "{}: {}[{}] {}\n",
                        r.source.name,
                        d.severity.as_str(),
                        d.rule,
                        d.message
                    ));
                }
                out.push('\n');
            }
        }
        if !self.quiet {
            out.push_str(&Summary::of(reports).line());
            out.push('\n');
        }
        out
    }
}

/// The diagnostics of one file grouped by rule and message, in the order
/// of their first occurrence: each first one with the others like it.
fn group(diagnostics: &[Diagnostic]) -> Vec<(&Diagnostic, Vec<&Diagnostic>)> {
    let mut groups: Vec<(&Diagnostic, Vec<&Diagnostic>)> = Vec::new();
    let mut index: std::collections::HashMap<(crate::registry::RuleId, &str), usize> =
        std::collections::HashMap::new();
    for d in diagnostics {
        match index.get(&(d.rule, d.message.as_str())) {
            Some(&g) => groups[g].1.push(d),
            None => {
                index.insert((d.rule, &d.message), groups.len());
                groups.push((d, Vec::new()));
            }
        }
    }
    groups
}

/// `65, 68 and 106`
fn and_list(lines: &[usize]) -> String {
    let text: Vec<String> = lines.iter().map(ToString::to_string).collect();
    match text.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        None => String::new(),
    }
}

/// One line of the file, cropped to a window, standing in for the file;
/// after the line above it when the line itself is empty.
#[derive(Debug)]
struct Snippet {
    name: String,
    /// The context line and `\n` (or nothing), then the line.
    text: String,
    /// Where the line itself starts in `text`.
    target: usize,
    /// 0-based line number of the line in the real file.
    line: usize,
    /// 0-based character column of the span in the real line.
    column: usize,
}

impl SourceCode for Snippet {
    fn read_span<'a>(
        &'a self,
        _span: &SourceSpan,
        before: usize,
        _after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        // The line alone (what the header names), or with its context.
        let (from, line, column, lines) = if before > 0 && self.target > 0 {
            (0, self.line - 1, 0, 2)
        } else {
            (self.target, self.line, self.column, 1)
        };
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            &self.text.as_bytes()[from..],
            SourceSpan::from(from..self.text.len()),
            line,
            column,
            lines,
        )))
    }
}

#[derive(Debug)]
struct Report<'a> {
    d: &'a Diagnostic,
    snippet: Snippet,
    label: SourceSpan,
    /// Lines where the same problem also is.
    also: Vec<usize>,
}

/// `line` cropped to `window` characters around the characters
/// `span_start..span_end` (marked `…` where cut), and where those
/// characters are in the cropped text (bytes).
fn crop(line: &str, span_start: usize, span_end: usize, window: usize) -> (String, usize, usize) {
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let (from, to) = if chars.len() <= window {
        (0, chars.len())
    } else {
        // Leave room to the right of the span for its label.
        let from = span_start.saturating_sub(window / 4);
        (from, (from + window).min(chars.len()))
    };
    let mut text = String::new();
    if from > 0 {
        text.push('…');
    }
    let prefix = text.len();
    text.extend(chars[from..to].iter().map(|(_, c)| c));
    let byte_of = |ci: usize| -> usize {
        let ci = ci.clamp(from, to);
        prefix
            + chars[from..ci]
                .iter()
                .map(|(_, c)| c.len_utf8())
                .sum::<usize>()
    };
    let label_start = byte_of(span_start);
    let label_end = byte_of(span_end.max(span_start + 1)).max(label_start);
    if to < chars.len() {
        text.push('…');
    }
    (text, label_start, label_end)
}

impl<'a> Report<'a> {
    fn new(file: &FileReport, d: &'a Diagnostic, also: Vec<usize>, window: usize) -> Report<'a> {
        let source = &file.source;
        let line_index = source.line_index(d.range.start.min(source.text.len()));
        let line_range = source.line_range(line_index);
        let line = &source.text[line_range.clone()];
        let start = d.range.start.clamp(line_range.start, line_range.end) - line_range.start;
        let end = d.range.end.clamp(line_range.start + start, line_range.end) - line_range.start;
        let char_at = |byte: usize| line[..byte.min(line.len())].chars().count();
        let (span_start, span_end) = (char_at(start), char_at(end));
        let (mut cropped, label_start, mut label_end) = crop(line, span_start, span_end, window);
        if cropped.is_empty() {
            // An empty line has nothing to draw a label under: a space
            // stands for it, so that the snippet shows the line the header
            // names (`final-newline` points at the first blank line).
            cropped.push(' ');
            label_end = label_start + 1;
        }
        let mut text = String::new();
        if line.trim().is_empty() && line_index > 0 {
            let above = source.line(line_index - 1);
            let width = above.chars().count();
            text.push_str(&crop(above, width, width, window).0);
            text.push('\n');
        }
        let target = text.len();
        text.push_str(&cropped);
        Report {
            d,
            snippet: Snippet {
                name: source.name.clone(),
                text,
                target,
                line: line_index,
                column: span_start,
            },
            label: SourceSpan::from(target + label_start..target + label_end),
            also,
        }
    }

    /// Drawn with the line above it: its own line is empty.
    fn needs_context(&self) -> bool {
        self.snippet.target > 0
    }
}

impl fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.d.rule, self.d.message)
    }
}

impl std::error::Error for Report<'_> {}

impl MietteDiagnostic for Report<'_> {
    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.d.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        let fix = self
            .d
            .fixable
            .then_some("fixable with `flinkscale fmt --write`");
        let also = match self.also.as_slice() {
            [] => None,
            [one] => Some(format!("the same on line {one}")),
            lines => Some(format!("the same on lines {}", and_list(lines))),
        };
        let text: Vec<String> = [self.d.help.clone(), also].into_iter().flatten().collect();
        match (text.join("; "), fix) {
            (h, Some(f)) if !h.is_empty() => Some(Box::new(format!("{h} ({f})"))),
            (h, None) if !h.is_empty() => Some(Box::new(h)),
            (_, Some(f)) => Some(Box::new(f)),
            (_, None) => None,
        }
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.snippet)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(std::iter::once(
            LabeledSpan::new_primary_with_span(self.d.label.clone(), self.label),
        )))
    }
}
