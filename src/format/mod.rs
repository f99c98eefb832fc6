//! `fmt`: print a list in the canonical form (FORMAT.md section 4) and prove
//! that nothing was lost before anyone writes it.
//!
//! Local repairs come from the rules themselves: each diagnostic may carry
//! [`Edit`]s (mojibake, title and URL whitespace, anchors, trailing spaces).
//! Structural repairs are the printer's: the TOC is regenerated, sections and
//! entries are ordered, entries are printed canonically, blocks are separated
//! by exactly one blank line. `verify` then re-parses the output.

pub mod command;
mod printer;
mod verify;

use crate::config::Config;
use crate::diagnostic::Edit;
use crate::model::Document;
use crate::rules::{self, Context};
use crate::source::Encoding;

pub use verify::Unsafe;
pub(crate) use verify::{entry_key, entry_keys};

/// What `fmt` produced.
pub struct Formatted {
    /// The model of the output, as the safety check parsed it; its source
    /// holds the output exactly ([`crate::source::Source::exact`]).
    pub doc: Document,
    /// How the input was written (BOM, line endings), to give back with
    /// [`Encoding::restore`].
    pub encoding: Encoding,
    /// The output differs from the input (mixed line endings count: they
    /// are made uniform on the way out).
    pub changed: bool,
}

impl Formatted {
    /// The canonical text (LF line endings, no BOM: see
    /// [`Encoding::restore`]).
    pub fn text(&self) -> &str {
        self.doc.text()
    }
}

/// Text as `fmt` writes it: mojibake repaired, whitespace collapsed (how a
/// heading is compared by the safety net and slugged by the printer).
fn repaired(text: &str) -> String {
    crate::model::collapse_whitespace(&crate::model::mojibake::repair(text))
}

/// Passes at most: a second one is rare, a third has not been seen.
const MAX_PASSES: usize = 4;

/// Formats `doc`, verified against the input.
///
/// Some repairs make others possible: an entry written over two lines is
/// kept as written, but its title is folded onto one line, and then it can
/// be normalised; repaired mojibake can spell new mojibake with the text
/// beside it; a setext heading becomes `## Text`. So, as ruff applies fixes
/// until none is left, the rules are run on each pass's output (they are the
/// first half of the next pass anyway) and another pass is made while they
/// find something fixable: `fmt` is idempotent and `lint(fmt(x))` reports
/// nothing fixable (`tests/fuzz-crashers/fmt_roundtrip/` has the cases).
///
/// `doc` is taken by value: each pass drops its input, text and model, once
/// the output is printed, so that a large file's input and output models
/// never live at once (docs/decisions.md, "Speed, memory and safety at
/// scale"). A caller that wants to show a diff keeps a copy of the text.
pub fn format(doc: Document, config: &Config, current_year: u16) -> Result<Formatted, Unsafe> {
    let encoding = doc.source.encoding;
    let diagnostics = rules::check_repairable(&Context::new(&doc, config, current_year));
    let (mut changed, mut out) = pass(doc, diagnostics, config, current_year)?;
    for _ in 1..MAX_PASSES {
        let diagnostics = rules::check_repairable(&Context::new(&out, config, current_year));
        if !diagnostics.iter().any(|d| d.fixable) {
            break;
        }
        // A later pass changes text that an earlier pass printed, so the
        // output differs from the input if any pass changed its own input.
        let (this_changed, next) = pass(out, diagnostics, config, current_year)?;
        out = next;
        if !this_changed {
            break;
        }
        changed = true;
    }
    Ok(Formatted {
        doc: out,
        encoding,
        changed: changed || encoding.mixed_endings,
    })
}

/// One pass: the rules' repairs and the printer, checked by [`verify`].
/// Returns whether the output differs from `doc`'s text, and the output's
/// model; `doc` is dropped before the output is parsed.
fn pass(
    doc: Document,
    diagnostics: Vec<crate::diagnostic::Diagnostic>,
    config: &Config,
    current_year: u16,
) -> Result<(bool, Document), Unsafe> {
    let (printed, expected) = {
        let cx = Context::new(&doc, config, current_year);
        let patcher = Patcher::new(doc.text(), diagnostics);
        let expected = verify::Expected::of(&doc, &patcher);
        (printer::print(&cx, &patcher), expected)
    };
    let changed = printed != doc.text();
    let name = doc.source.name.clone();
    drop(doc);
    let output = verify::verify(&expected, &name, printed, config)?;
    Ok((changed, output))
}

/// The source text with the rules' local edits applied to any slice of it.
pub(crate) struct Patcher<'a> {
    text: &'a str,
    edits: Vec<Edit>,
}

impl<'a> Patcher<'a> {
    fn new(text: &'a str, diagnostics: Vec<crate::diagnostic::Diagnostic>) -> Self {
        let mut edits: Vec<Edit> = diagnostics.into_iter().flat_map(|d| d.edits).collect();
        edits.sort_by_key(|e| (e.range.start, e.range.end));
        edits.dedup();
        // Overlapping edits cannot both apply; keep the first.
        let mut kept: Vec<Edit> = Vec::with_capacity(edits.len());
        for e in edits {
            if kept.last().is_none_or(|k| k.range.end <= e.range.start) {
                kept.push(e);
            }
        }
        Patcher { text, edits: kept }
    }

    /// `text[range]` with every edit that lies inside the range applied.
    pub(crate) fn slice(&self, range: std::ops::Range<usize>) -> String {
        let mut out = String::with_capacity(range.len());
        self.slice_into(&mut out, range);
        out
    }

    /// Appends [`Patcher::slice`] of `range` to `out`.
    pub(crate) fn slice_into(&self, out: &mut String, range: std::ops::Range<usize>) {
        let first = self.edits.partition_point(|e| e.range.start < range.start);
        let mut at = range.start;
        for e in self.edits[first..]
            .iter()
            .take_while(|e| e.range.start < range.end)
        {
            if e.range.end > range.end {
                break;
            }
            out.push_str(&self.text[at..e.range.start]);
            out.push_str(&e.replacement);
            at = e.range.end;
        }
        out.push_str(&self.text[at..range.end]);
    }
}
