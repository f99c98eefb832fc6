//! The one patcher: every change flinkscale makes to a list's text is a
//! set of [`Edit`]s applied here (`fmt`'s local repairs, `add`'s new lines,
//! `links --fix-redirects`' URLs). A diagnostic's edits apply all together
//! or not at all (as ruff's `apply_fixes`).

use std::ops::Range;

use crate::diagnostic::{Applicability, Diagnostic, Edit};

/// The source text with the diagnostics' edits applied to any slice of it.
///
/// Diagnostics are taken in the order given (the runner sorts them by
/// position). A diagnostic whose edits would overlap an edit already taken
/// is left out whole, so a fix is never half applied; an edit identical to
/// one already taken (two rules making the same repair) is taken once.
/// What is left out is still reported on the output, and `fmt` passes again.
pub struct Patcher<'a> {
    text: &'a str,
    /// Sorted by range; no two overlap.
    edits: Vec<Edit>,
}

impl<'a> Patcher<'a> {
    pub fn new(text: &'a str, diagnostics: Vec<Diagnostic>) -> Self {
        Patcher::at(text, diagnostics, Applicability::Safe)
    }

    /// [`Patcher::new`] with the repairs of `level` and safer: unsafe ones
    /// too for `lint --fix --unsafe-fixes`.
    pub fn at(text: &'a str, diagnostics: Vec<Diagnostic>, level: Applicability) -> Self {
        let mut patcher = Patcher {
            text,
            edits: Vec::new(),
        };
        for d in diagnostics.into_iter().filter(|d| d.applicability >= level) {
            patcher.take(d.edits);
        }
        patcher
    }

    /// A patcher of `edits`, one change taken whole (all or none, as one
    /// diagnostic's): `add`'s lines, `--fix-redirects`' URLs.
    pub fn of_edits(text: &'a str, edits: Vec<Edit>) -> Self {
        let mut patcher = Patcher {
            text,
            edits: Vec::new(),
        };
        patcher.take(edits);
        patcher
    }

    /// The patcher with more edits, each one fix of its own (taken as
    /// [`Patcher::new`] takes a diagnostic's).
    pub fn with(mut self, edits: Vec<Edit>) -> Self {
        for e in edits {
            self.take(vec![e]);
        }
        self
    }

    /// Takes one fix's edits, all of them or none.
    fn take(&mut self, edits: Vec<Edit>) {
        let taken = &mut self.edits;
        let fresh: Vec<Edit> = edits.into_iter().filter(|e| !contains(taken, e)).collect();
        if fresh.is_empty()
            || fresh.iter().any(|e| overlaps_any(taken, &e.range))
            || overlap_within(&fresh)
        {
            return;
        }
        for e in fresh {
            let at = taken
                .partition_point(|k| (k.range.start, k.range.end) <= (e.range.start, e.range.end));
            taken.insert(at, e);
        }
    }

    /// The edits that will be applied, in order.
    pub fn edits(&self) -> &[Edit] {
        &self.edits
    }

    /// The whole text with every edit applied (an insertion at its very
    /// end included).
    pub fn text(&self) -> String {
        let mut out = String::with_capacity(self.text.len() + 64);
        let mut at = 0;
        for e in &self.edits {
            out.push_str(&self.text[at..e.range.start]);
            out.push_str(&e.replacement);
            at = e.range.end;
        }
        out.push_str(&self.text[at..]);
        out
    }

    /// [`Patcher::slice`], borrowed when no edit lies inside the range (as
    /// for nearly every entry's title).
    pub fn slice_cow(&self, range: Range<usize>) -> std::borrow::Cow<'a, str> {
        let first = self.edits.partition_point(|e| e.range.start < range.start);
        match self.edits.get(first) {
            Some(e) if e.range.start < range.end && e.range.end <= range.end => {
                std::borrow::Cow::Owned(self.slice(range))
            }
            _ => std::borrow::Cow::Borrowed(&self.text[range]),
        }
    }

    /// `text[range]` with every edit that lies inside the range applied (an
    /// insertion at its start is inside, one at its end is not).
    pub fn slice(&self, range: Range<usize>) -> String {
        let mut out = String::with_capacity(range.len());
        self.slice_into(&mut out, range);
        out
    }

    /// Appends [`Patcher::slice`] of `range` to `out`.
    pub fn slice_into(&self, out: &mut String, range: Range<usize>) {
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

/// `taken` (sorted) holds exactly this edit.
fn contains(taken: &[Edit], edit: &Edit) -> bool {
    let at = taken
        .partition_point(|k| (k.range.start, k.range.end) < (edit.range.start, edit.range.end));
    taken[at..]
        .iter()
        .take_while(|k| k.range == edit.range)
        .any(|k| k == edit)
}

/// Two ranges share a byte (insertions at one point do not overlap).
fn overlap(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// `range` overlaps an edit of `taken` (sorted, non-overlapping).
fn overlaps_any(taken: &[Edit], range: &Range<usize>) -> bool {
    let at = taken.partition_point(|k| k.range.end <= range.start);
    taken[at..]
        .iter()
        .take_while(|k| k.range.start < range.end)
        .any(|k| overlap(&k.range, range))
}

/// Two edits of one diagnostic overlap each other.
fn overlap_within(edits: &[Edit]) -> bool {
    edits
        .iter()
        .enumerate()
        .any(|(i, a)| edits[i + 1..].iter().any(|b| overlap(&a.range, &b.range)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Violation;
    use crate::registry::{RuleId, Severity};

    fn fix(edits: Vec<Edit>) -> Diagnostic {
        Violation::new(0..0, "x").edits(edits).into_diagnostic(
            RuleId::Mojibake,
            Severity::Error,
            true,
        )
    }

    #[test]
    fn a_fix_applies_whole_or_not_at_all() {
        let text = "abcdefgh";
        let first = fix(vec![Edit::new(2..4, "X")]);
        // Its second edit overlaps the first fix: neither of its edits applies.
        let second = fix(vec![Edit::new(0..1, "Y"), Edit::new(3..5, "Z")]);
        let third = fix(vec![Edit::new(6..7, "W")]);
        let p = Patcher::new(text, vec![first, second, third]);
        assert_eq!(p.slice(0..text.len()), "abXefWh");
    }

    #[test]
    fn the_same_edit_from_two_rules_is_applied_once() {
        let text = "a  b";
        let p = Patcher::new(
            text,
            vec![
                fix(vec![Edit::new(1..3, " ")]),
                fix(vec![Edit::new(1..3, " ")]),
            ],
        );
        assert_eq!(p.slice(0..text.len()), "a b");
        assert_eq!(p.edits().len(), 1);
    }

    #[test]
    fn insertions_belong_to_the_slice_they_start_and_all_to_the_text() {
        let text = "ab";
        let p = Patcher::of_edits(
            text,
            vec![
                Edit::new(0..0, "<"),
                Edit::new(1..1, "|"),
                Edit::new(2..2, ">"),
            ],
        );
        assert_eq!(p.slice(0..1), "<a");
        assert_eq!(p.slice(1..2), "|b");
        assert_eq!(p.text(), "<a|b>");
        assert_eq!(p.slice_cow(0..1), "<a");
        assert!(matches!(
            Patcher::of_edits(text, vec![Edit::new(2..2, ">")]).slice_cow(0..2),
            std::borrow::Cow::Borrowed("ab")
        ));
    }

    #[test]
    fn slices_apply_only_the_edits_inside_them() {
        let text = "one two three";
        let p = Patcher::new(
            text,
            vec![fix(vec![Edit::new(4..7, "2"), Edit::new(8..13, "3")])],
        );
        assert_eq!(p.slice(0..7), "one 2");
        assert_eq!(p.slice(5..13), "wo 3");
    }
}
