//! The rules of FORMAT.md section 3: one [`Rule`] value each, holding its
//! documentation and its check, and the registry that runs them.
//!
//! A rule reads the [`Context`] (the model and what was computed from it
//! once) and returns diagnostics. Adding a rule means adding its value to a
//! family file, listing it in [`RULES`], and giving it fixtures.

mod anchor;
pub(crate) mod entry;
mod mojibake;
mod section;
pub(crate) mod tag_mismatch;
mod toc;
mod whitespace;

use std::fmt::Write as _;

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::toc::{analyse, SlugIndex, TocAnalysis};
use crate::model::Document;

/// Whether and when `fmt` repairs what a rule reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fix {
    Always,
    /// Only in the cases the text says.
    Sometimes(&'static str),
    Never,
}

/// A rule's identity and documentation.
#[derive(Debug)]
pub struct RuleMeta {
    /// Stable kebab-case id, used in output and in `[rules]`.
    pub id: &'static str,
    pub severity: Severity,
    pub fix: Fix,
    /// What it checks, in one line.
    pub summary: &'static str,
    /// Why it matters.
    pub why: &'static str,
    /// A list fragment that triggers it.
    pub bad: &'static str,
    /// The same fragment, fixed.
    pub good: &'static str,
}

pub type Check = fn(&Context) -> Vec<Diagnostic>;

pub struct Rule {
    pub meta: RuleMeta,
    pub check: Check,
}

/// Every rule, in the order of FORMAT.md.
pub static RULES: &[&Rule] = &[
    &toc::TOC_MISSING,
    &toc::TOC_ENTRY_MISSING,
    &toc::TOC_ENTRY_EXTRA,
    &toc::TOC_ORDER,
    &toc::TOC_TEXT,
    &anchor::ANCHOR_BROKEN,
    &anchor::ANCHOR_CASE,
    &section::SECTION_ORDER,
    &section::SECTION_DUPLICATE,
    &section::SECTION_EMPTY,
    &entry::ENTRY_FORMAT,
    &entry::ENTRY_YEAR_MISSING,
    &entry::ENTRY_YEAR_INVALID,
    &entry::ENTRY_TAG_MISSING,
    &entry::ENTRY_TAG_UNKNOWN,
    &entry::ENTRY_ORDER,
    &entry::ENTRY_DUPLICATE,
    &entry::ENTRY_URL_INVALID,
    &entry::ENTRY_TITLE_WHITESPACE,
    &tag_mismatch::TAG_MISMATCH,
    &mojibake::MOJIBAKE,
    &whitespace::HEADING_WHITESPACE,
    &whitespace::BLANK_LINES,
    &whitespace::TRAILING_WHITESPACE,
    &whitespace::FINAL_NEWLINE,
];

/// The rule with this id.
pub fn find(id: &str) -> Option<&'static RuleMeta> {
    RULES.iter().map(|r| &r.meta).find(|m| m.id == id)
}

/// The rule id closest to a misspelt one, if any is close.
pub fn closest_id(id: &str) -> Option<&'static str> {
    RULES
        .iter()
        .map(|r| (strsim::levenshtein(id, r.meta.id), r.meta.id))
        .filter(|(d, _)| *d <= 3)
        .min()
        .map(|(_, id)| id)
}

/// Everything a rule may read: the model and what was derived from it once.
pub struct Context<'a> {
    pub doc: &'a Document,
    pub config: &'a Config,
    /// Entries dated after this year are `entry-year-invalid`.
    pub current_year: u16,
    pub slugs: SlugIndex,
    pub toc: TocAnalysis,
}

impl<'a> Context<'a> {
    pub fn new(doc: &'a Document, config: &'a Config, current_year: u16) -> Self {
        let slugs = SlugIndex::new(doc);
        let toc = analyse(doc, &slugs);
        Context {
            doc,
            config,
            current_year,
            slugs,
            toc,
        }
    }

    pub fn text(&self) -> &'a str {
        &self.doc.source.text
    }

    /// 1-based line of an offset, for help texts.
    pub fn line_of(&self, offset: usize) -> usize {
        self.doc.source.line_index(offset) + 1
    }
}

/// Runs the rules enabled in the config at their configured severity;
/// diagnostics come sorted by position.
pub fn check(cx: &Context) -> Vec<Diagnostic> {
    run(cx, |meta| cx.config.severity(meta))
}

/// Runs every rule that can repair something (all but [`Fix::Never`]),
/// whatever `[rules]` says: what `fmt` needs, for its edits and to know
/// whether another pass would change anything. The others never carry an
/// edit or say fixable (`tests/rules.rs` checks their fixtures).
pub fn check_repairable(cx: &Context) -> Vec<Diagnostic> {
    run(cx, |meta| (meta.fix != Fix::Never).then_some(meta.severity))
}

/// Rules are independent readers of the model: they run on all cores.
fn run(cx: &Context, severity: impl Fn(&RuleMeta) -> Option<Severity> + Sync) -> Vec<Diagnostic> {
    use rayon::prelude::*;
    let one = |rule: &&Rule| -> Vec<Diagnostic> {
        let Some(level) = severity(&rule.meta) else {
            return Vec::new();
        };
        let mut found = (rule.check)(cx);
        for d in &mut found {
            d.severity = level;
        }
        found
    };
    let mut out: Vec<Diagnostic> = if crate::model::is_large(cx.text()) {
        RULES.par_iter().flat_map_iter(one).collect()
    } else {
        RULES.iter().flat_map(one).collect()
    };
    out.sort_by(|a, b| {
        (a.range.start, a.range.end, a.rule).cmp(&(b.range.start, b.range.end, b.rule))
    });
    out
}

/// The text `flinkscale rule ID` prints.
pub fn describe(meta: &RuleMeta) -> String {
    let mut s = String::new();
    let fix = match meta.fix {
        Fix::Always => "yes: `flinkscale fmt --write` repairs it".to_owned(),
        Fix::Sometimes(when) => format!("sometimes: {when}"),
        Fix::Never => "no: a person has to decide".to_owned(),
    };
    let _ = writeln!(s, "{} ({} by default)\n", meta.id, meta.severity.as_str());
    let _ = writeln!(s, "What it checks\n  {}\n", meta.summary);
    let _ = writeln!(s, "Why\n  {}\n", meta.why);
    let _ = writeln!(s, "Bad\n{}\n", indent(meta.bad));
    let _ = writeln!(s, "Good\n{}\n", indent(meta.good));
    let _ = writeln!(s, "Fixable\n  {fix}");
    s
}

fn indent(text: &str) -> String {
    text.lines()
        .map(|l| format!("    {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Quotes a piece of Markdown in backticks for a message, shortening it.
pub(crate) fn quote(text: &str) -> String {
    let text = text.trim();
    let short: String = if text.chars().count() > 60 {
        text.chars().take(57).chain("...".chars()).collect()
    } else {
        text.to_owned()
    };
    format!("`{short}`")
}
