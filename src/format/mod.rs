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

pub use verify::Unsafe;
pub(crate) use verify::{entry_key, entry_keys};

/// What `fmt` produced: the text and its model.
pub struct Formatted {
    /// The model of the output, as the safety check parsed it; its source
    /// holds the output exactly ([`crate::source::Source::exact`]).
    pub doc: Document,
}

impl Formatted {
    /// The canonical text (LF line endings, no BOM: see
    /// [`crate::source::Source::restore`]).
    pub fn text(&self) -> &str {
        self.doc.text()
    }
}

/// Passes at most: the second is rare, a third has never been needed.
const MAX_PASSES: usize = 4;

/// Formats `doc`, verified against the input.
///
/// Some repairs make others possible, so, as ruff applies fixes until none
/// is left, the output is formatted again while a pass
/// - repaired an entry it kept as written (a title folded onto one line
///   can make it an entry it can print canonically), or
/// - repaired mangled text: repaired characters can change how the text
///   around them reads (two repairs side by side, `‚Äî` -> `—` and `¬Æ` ->
///   `®`, can spell a new mangled pair, `—®`),
///
/// so that `fmt` is idempotent (`tests/fuzz-crashers/fmt_roundtrip/`).
pub fn format(doc: &Document, config: &Config, current_year: u16) -> Result<Formatted, Unsafe> {
    let (mut out, mut again) = format_once(doc, config, current_year)?;
    for _ in 1..MAX_PASSES {
        if !again {
            break;
        }
        let (next, next_again) = format_once(&out.doc, config, current_year)?;
        again = next_again && next.text() != out.text();
        out = next;
    }
    Ok(out)
}

/// One pass; also says whether the output may format differently again.
fn format_once(
    doc: &Document,
    config: &Config,
    current_year: u16,
) -> Result<(Formatted, bool), Unsafe> {
    let cx = Context::new(doc, config, current_year);
    let patcher = Patcher::new(doc.text(), rules::check_all(&cx));
    let printed = printer::print(&cx, &patcher);
    let out = verify::verify(doc, &patcher, printed.text, config)?;
    // Repaired characters can change how the text around them reads.
    let again = printed.repaired_as_written || !doc.mojibake.is_empty();
    Ok((out, again))
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

    /// Some edit lies inside `range`.
    pub(crate) fn touches(&self, range: std::ops::Range<usize>) -> bool {
        let first = self.edits.partition_point(|e| e.range.start < range.start);
        self.edits
            .get(first)
            .is_some_and(|e| e.range.end <= range.end && e.range.start < range.end)
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
