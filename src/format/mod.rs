//! `fmt`: print a list in the canonical form (docs/format.md section 4) and prove
//! that nothing was lost before anyone writes it.
//!
//! Local repairs come from the rules themselves: each diagnostic may carry
//! [`Edit`]s (mojibake, title and URL whitespace, anchors, trailing spaces).
//! Structural repairs are the printer's: the TOC is regenerated, sections and
//! entries are ordered, entries are printed canonically, blocks are separated
//! by exactly one blank line. The safety net ([`crate::write::proof`]) then
//! re-parses the output.

mod printer;
pub mod toc;

use crate::config::Config;
pub use crate::diagnostic::Applicability;
use crate::model::{Document, Reuse};
use crate::registry::RuleId;
use crate::rules::section::section_order;
use crate::rules::{self, Context};
use crate::source::Encoding;
use crate::write::{Change, Expected, Patcher};

pub use crate::write::Refused;

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
    /// Rules that still found something to repair after the last pass (a
    /// bug: `fmt` should converge). Empty when it converged.
    pub not_converged: Vec<RuleId>,
}

impl Formatted {
    /// The canonical text (LF line endings, no BOM: see
    /// [`Encoding::restore`]).
    pub fn text(&self) -> &str {
        self.doc.text()
    }
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
/// Should anything fixable be left after the last pass, the rules that found
/// it are named in [`Formatted::not_converged`] (ruff reports a file that
/// fails to converge the same way).
///
/// `doc` is taken by value: each pass drops its input, text and model, once
/// the output is printed, so that a large file's input and output models
/// never live at once (docs/decisions.md, "Speed, memory and safety at
/// scale"). A caller that wants to show a diff keeps a copy of the text.
pub fn format(doc: Document, config: &Config, current_year: u16) -> Result<Formatted, Refused> {
    format_in_passes(doc, config, current_year, MAX_PASSES, Applicability::Safe)
}

/// [`format`] that also makes the repairs of `level`: with
/// [`Applicability::Unsafe`], the repairs a rule is not sure of (`lint
/// --fix --unsafe-fixes`). The safety net proves them as any other.
pub fn format_at(
    doc: Document,
    config: &Config,
    current_year: u16,
    level: Applicability,
) -> Result<Formatted, Refused> {
    format_in_passes(doc, config, current_year, MAX_PASSES, level)
}

/// The repair of one diagnostic of `doc` (found by linting it with
/// `config`): what an editor's quick fix applies (`flinkscale lsp`).
///
/// A local repair is the diagnostic's own edits, all of them or none, as
/// `fmt` would take them; a structural one (moving entries or sections,
/// the TOC, blank lines) is `fmt` with every rule off but those repaired
/// with it ([`repaired_together`]), which repairs what they report
/// throughout the list and nothing else. Either way the safety net proves
/// the output before it is returned.
pub fn repair(
    doc: Document,
    config: &Config,
    current_year: u16,
    diagnostic: &crate::diagnostic::Diagnostic,
) -> Result<Formatted, Refused> {
    if diagnostic.edits.is_empty() {
        let only = config.narrowed(&repaired_together(diagnostic.rule), &[]);
        return format(doc, &only, current_year);
    }
    let encoding = doc.source.encoding;
    let patcher = Patcher::of_edits(doc.text(), diagnostic.edits.clone());
    let expected = Expected::of(&doc, &patcher, Change::Layout);
    let output = patcher.text();
    let changed = output != doc.text();
    let name = doc.source.name.clone();
    drop(doc);
    Ok(Formatted {
        doc: expected.check(&name, output, config)?,
        encoding,
        changed: changed || encoding.mixed_endings,
        not_converged: Vec::new(),
    })
}

/// The rules whose structural repair is one with `rule`'s: the TOC is
/// written anew only with all of its rules on, so a TOC rule's repair is
/// theirs together.
pub fn repaired_together(rule: RuleId) -> Vec<RuleId> {
    if toc::TOC_RULES.contains(&rule) {
        toc::TOC_RULES.to_vec()
    } else {
        vec![rule]
    }
}

/// [`format`] with at most `max_passes` passes (tests show what is
/// reported when the passes run out).
fn format_in_passes(
    doc: Document,
    config: &Config,
    current_year: u16,
    max_passes: usize,
    level: Applicability,
) -> Result<Formatted, Refused> {
    let encoding = doc.source.encoding;
    // A file that is no list is not ours to rewrite (FORMAT.md section
    // 7.3): not even its anchors, nor its line endings.
    if doc.is_not_a_list() {
        return Ok(Formatted {
            doc,
            encoding,
            changed: false,
            not_converged: Vec::new(),
        });
    }
    let diagnostics = rules::check_repairable(&Context::new(&doc, config, current_year));
    let first_left = left(&diagnostics, level);
    let (mut changed, mut out, mut diagnostics) = match pass(
        doc,
        diagnostics,
        !first_left.is_empty(),
        config,
        current_year,
        level,
    )? {
        Pass::Same(doc) => {
            // The output is the input, byte for byte: nothing to prove,
            // and the rules would find on it what they found on the
            // input (rules and printer are functions of the text): no
            // second rule pass.
            return Ok(Formatted {
                doc,
                encoding,
                changed: encoding.mixed_endings,
                not_converged: first_left,
            });
        }
        Pass::Changed(out, diagnostics) => (true, out, diagnostics),
    };
    let mut passes = 1;
    let not_converged = loop {
        let left = left(&diagnostics, level);
        if left.is_empty() || passes == max_passes {
            break left;
        }
        // A later pass changes text that an earlier pass printed, so the
        // output differs from the input if any pass changed its own input.
        passes += 1;
        match pass(out, diagnostics, true, config, current_year, level)? {
            Pass::Same(same) => {
                out = same;
                break left;
            }
            Pass::Changed(next, found) => {
                (out, diagnostics) = (next, found);
                changed = true;
            }
        }
    };
    Ok(Formatted {
        doc: out,
        encoding,
        changed: changed || encoding.mixed_endings,
        not_converged,
    })
}

/// The rules that still find something `level` repairs, sorted, once
/// each.
fn left(diagnostics: &[crate::diagnostic::Diagnostic], level: Applicability) -> Vec<RuleId> {
    let mut left: Vec<RuleId> = diagnostics
        .iter()
        .filter(|d| d.applicability >= level && (d.fixable || !d.edits.is_empty()))
        .map(|d| d.rule)
        .collect();
    left.sort_unstable();
    left.dedup();
    left
}

/// What one pass made.
enum Pass {
    /// The output is the input byte for byte: this is its model (as the
    /// net would have read the output: [`crate::source::Encoding::EXACT`]).
    Same(Document),
    /// The output's model, proven by the net, and what the repairable
    /// rules find on it (the next pass's diagnostics, or what is left).
    Changed(Document, Vec<crate::diagnostic::Diagnostic>),
}

/// One pass: the rules' repairs and the printer, checked by the net. `doc`
/// is dropped before the output is parsed. An output that is the input
/// byte for byte needs no proof: `doc` is the output's model.
///
/// Both cores work throughout: when the rules found something to repair
/// (`expect_change`: the output will differ), the input's fingerprints are
/// taken while the printer prints; the output's check runs beside the
/// rules on it.
fn pass(
    doc: Document,
    diagnostics: Vec<crate::diagnostic::Diagnostic>,
    expect_change: bool,
    config: &Config,
    current_year: u16,
    level: Applicability,
) -> Result<Pass, Refused> {
    let proof = {
        let cx = Context::new(&doc, config, current_year);
        let patcher = Patcher::at(doc.text(), diagnostics, level);
        let order = section_order::print_order(&cx);
        let slugs = toc::output_slugs(&cx, &patcher, &order);
        let patcher = patcher.with(toc::retarget(&cx, &slugs));
        let print = || printer::print(&cx, &patcher, &order, &slugs);
        let expect = || Expected::of(&doc, &patcher, Change::Layout);
        if expect_change {
            let (printed, expected) = crate::model::side_by_side(doc.text(), print, expect);
            (printed != doc.text()).then_some((printed, expected))
        } else {
            let printed = print();
            (printed != doc.text()).then(|| (printed, expect()))
        }
    };
    let Some((printed, expected)) = proof else {
        let mut doc = doc;
        doc.source.encoding = crate::source::Encoding::EXACT;
        return Ok(Pass::Same(doc));
    };
    // The input's model is taken apart, and what the output holds of it
    // byte for byte is moved into the output's model instead of being
    // parsed again (`Reuse`); the rest is dropped first.
    let name = doc.source.name.clone();
    let reuse = Reuse::take(doc, &printed);
    let out = Document::parse_reusing(crate::source::Source::exact(name, printed), config, reuse);
    let (proven, found) = crate::model::side_by_side(
        out.text(),
        || expected.check_parsed(&out),
        || rules::check_repairable(&Context::new(&out, config, current_year)),
    );
    proven?;
    Ok(Pass::Changed(out, found))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Source;

    /// An entry over two lines needs two passes: the first folds its title,
    /// the second can then print it canonically.
    const TWO_PASSES: &str = "## Table of Contents\n\n1. [A](#a)\n\n## A\n\n\
        - [Kafka\n  at scale](https://e.com/a) - `2019 `- :books:\n";

    fn formatted(max_passes: usize) -> Formatted {
        let config = Config::default();
        let doc = Document::parse(Source::new("t", TWO_PASSES), &config);
        format_in_passes(doc, &config, 2026, max_passes, Applicability::Safe).unwrap()
    }

    /// A list whose entries run oldest first is sorted oldest first: its
    /// one exception moves, nothing else (`model::profile`).
    #[test]
    fn a_list_kept_oldest_first_is_sorted_oldest_first() {
        let entry = |y: u16| format!("- [P{y}](https://e.com/{y}) - `{y}` - :books:\n");
        let years = [2015, 2016, 2021, 2017, 2018, 2019, 2020];
        let list = |years: &[u16]| {
            let mut text = String::from("## Table of Contents\n\n1. [A](#a)\n\n## A\n\n");
            years.iter().for_each(|&y| text.push_str(&entry(y)));
            text
        };
        let config = Config::default();
        let doc = Document::parse(Source::new("t", &list(&years)), &config);
        let out = format(doc, &config, 2026).unwrap();
        assert_eq!(
            out.text(),
            list(&[2015, 2016, 2017, 2018, 2019, 2020, 2021])
        );
    }

    /// One diagnostic's repair changes what it is about and nothing else:
    /// a local one its own edits, a structural one what its rule reports.
    #[test]
    fn one_repair_mends_its_own_defect_only() {
        let text = "## Table of Contents\n\n1. [A](#a)\n\n## A\n\n\
            - [Old](https://e.com/1) - `2019` - :books:\n\
            - [New](https://e.com/2) - `2023` - :books:\n\
            - [Spaced ](https://e.com/3) - `2018` - :books:\n";
        let config = Config::default();
        let (doc, diagnostics) = rules::lint(Source::new("t", text), &config, 2026);
        drop(doc);
        let rule = |id: RuleId| diagnostics.iter().find(|d| d.rule == id).unwrap();
        let parse = || Document::parse(Source::new("t", text), &config);
        let spaced = repair(parse(), &config, 2026, rule(RuleId::EntryTitleWhitespace)).unwrap();
        assert_eq!(spaced.text(), text.replace("[Spaced ]", "[Spaced]"));
        let ordered = repair(parse(), &config, 2026, rule(RuleId::EntryOrder)).unwrap();
        assert_eq!(
            ordered.text(),
            "## Table of Contents\n\n1. [A](#a)\n\n## A\n\n\
            - [New](https://e.com/2) - `2023` - :books:\n\
            - [Old](https://e.com/1) - `2019` - :books:\n\
            - [Spaced ](https://e.com/3) - `2018` - :books:\n"
        );
    }

    #[test]
    fn rules_left_fixable_after_the_last_pass_are_named() {
        let cut_short = formatted(1);
        assert_eq!(cut_short.not_converged, [RuleId::EntryFormat]);
        let full = formatted(MAX_PASSES);
        assert!(full.not_converged.is_empty(), "{:?}", full.not_converged);
        assert!(full
            .text()
            .contains("- [Kafka at scale](https://e.com/a) - `2019` - :books:\n"));
    }
}
