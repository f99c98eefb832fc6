//! `--format human`: miette's graphical reports, one per diagnostic, with the
//! source line and a labelled span, then a summary line.
//!
//! Entry lines are often 200 characters long. So that a report reads well in
//! an 80-column terminal, each report shows a window of its line around the
//! span (marked with `…` where cut), while the header keeps the real
//! `path:line:column`.

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
        let mut out = String::new();
        for r in reports {
            for d in &r.diagnostics {
                let report = Report::new(r, d, self.width.saturating_sub(10).max(30));
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
        out.push_str(&Summary::of(reports).line());
        out.push('\n');
        out
    }
}

/// One line of the file, cropped to a window, standing in for the file.
#[derive(Debug)]
struct Snippet {
    name: String,
    text: String,
    /// 0-based line number in the real file.
    line: usize,
    /// 0-based character column of the span in the real line.
    column: usize,
}

impl SourceCode for Snippet {
    fn read_span<'a>(
        &'a self,
        _span: &SourceSpan,
        _before: usize,
        _after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            self.text.as_bytes(),
            SourceSpan::from(0..self.text.len()),
            self.line,
            self.column,
            1,
        )))
    }
}

#[derive(Debug)]
struct Report<'a> {
    d: &'a Diagnostic,
    snippet: Snippet,
    label: SourceSpan,
}

impl<'a> Report<'a> {
    fn new(file: &FileReport, d: &'a Diagnostic, window: usize) -> Report<'a> {
        let source = &file.source;
        let line_index = source.line_index(d.range.start.min(source.text.len()));
        let line_range = source.line_range(line_index);
        let line = &source.text[line_range.clone()];
        let start = d.range.start.clamp(line_range.start, line_range.end) - line_range.start;
        let end = d.range.end.clamp(line_range.start + start, line_range.end) - line_range.start;
        let chars: Vec<(usize, char)> = line.char_indices().collect();
        let char_at = |byte: usize| {
            chars
                .iter()
                .position(|(i, _)| *i >= byte)
                .unwrap_or(chars.len())
        };
        let (span_start, span_end) = (char_at(start), char_at(end));
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
        Report {
            d,
            snippet: Snippet {
                name: source.name.clone(),
                text,
                line: line_index,
                column: span_start,
            },
            label: SourceSpan::from(label_start..label_end),
        }
    }
}

impl fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.d.message)
    }
}

impl std::error::Error for Report<'_> {}

impl MietteDiagnostic for Report<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(self.d.rule))
    }

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
        match (self.d.help.as_deref(), fix) {
            (Some(h), Some(f)) => Some(Box::new(format!("{h} ({f})"))),
            (Some(h), None) => Some(Box::new(h)),
            (None, Some(f)) => Some(Box::new(f)),
            (None, None) => None,
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
