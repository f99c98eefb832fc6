//! What a rule reports: one defect, with where it is and what to do.
//!
//! A rule's check returns [`Violation`]s: what is wrong and how to repair
//! it. The runner (`rules::run`) turns each into a [`Diagnostic`], stamping
//! the rule's id, its configured severity and whether it is fixable from
//! the rule's own metadata, so none of them can be mistyped in a check.

use std::ops::Range;

use crate::registry::RuleId;
pub use crate::registry::Severity;

/// How far a repair can be trusted, per repair (ruff's `Applicability`):
/// a rule that is safe to repair in most places may offer a repair it is
/// not sure of elsewhere, without `fmt` making it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Applicability {
    /// No repair: the help says what to do.
    DisplayOnly,
    /// A repair that may not be what was meant (one of several close
    /// anchors): offered by the editor as a quick fix and made by `lint
    /// --fix --unsafe-fixes`, never by `fmt`, `lint --fix` or the editor's
    /// fix-all.
    Unsafe,
    /// Made by `fmt`, `lint --fix` and the editor's fix-all.
    Safe,
}

/// One defect found by one rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub rule: RuleId,
    pub severity: Severity,
    /// Byte range in [`crate::source::Source::text`]; may be empty.
    pub range: Range<usize>,
    /// What is wrong, in one sentence.
    pub message: String,
    /// What to do about it.
    pub help: Option<String>,
    /// The short text under the span in the human report.
    pub label: Option<String>,
    /// `fmt` repairs this defect (its repair is [`Applicability::Safe`]).
    pub fixable: bool,
    /// How far its repair can be trusted.
    pub applicability: Applicability,
    /// Local text edits that repair it, applied all together or not at all
    /// ([`crate::write::Patcher`]). Empty for a structural repair (moving
    /// sections, the TOC, blank lines), which is the printer's, and for a
    /// defect with no repair ([`Applicability::DisplayOnly`]).
    pub edits: Vec<Edit>,
    /// For a link that keeps failing: since when (the links cache's
    /// history), carried by the JSON and SARIF reports.
    pub failing: Option<FailingSince>,
}

/// How long a link has been failing, from the links cache: the first
/// failure of the current run of failures and how many runs have failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct FailingSince {
    /// Seconds since the Unix epoch.
    pub first_failure: u64,
    pub failing_runs: u32,
}

/// What a rule's check finds, before the runner makes it a [`Diagnostic`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    pub range: Range<usize>,
    pub message: String,
    pub help: Option<String>,
    pub label: Option<String>,
    /// This occurrence can be repaired (read only for rules that repair
    /// "sometimes"; the runner decides for the others).
    pub fixable: bool,
    /// Its edits are a repair it is not sure of ([`Violation::unsafe_edits`]).
    pub unsafe_repair: bool,
    pub edits: Vec<Edit>,
    pub failing: Option<FailingSince>,
}

/// Replace `range` of the source text with `replacement`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub range: Range<usize>,
    pub replacement: String,
}

impl Edit {
    pub fn new(range: Range<usize>, replacement: impl Into<String>) -> Self {
        Edit {
            range,
            replacement: replacement.into(),
        }
    }

    pub fn delete(range: Range<usize>) -> Self {
        Edit::new(range, "")
    }
}

impl Violation {
    pub fn new(range: Range<usize>, message: impl Into<String>) -> Self {
        Violation {
            range,
            message: message.into(),
            help: None,
            label: None,
            fixable: false,
            unsafe_repair: false,
            edits: Vec::new(),
            failing: None,
        }
    }

    /// Says since when the link fails.
    pub fn failing(mut self, since: Option<FailingSince>) -> Self {
        self.failing = since;
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    /// Marks this occurrence repairable (or not) by the printer.
    pub fn fixable(mut self, fixable: bool) -> Self {
        self.fixable = fixable;
        self
    }

    /// Marks this occurrence repairable by these edits.
    pub fn edits(mut self, edits: Vec<Edit>) -> Self {
        self.fixable = true;
        self.unsafe_repair = false;
        self.edits = edits;
        self
    }

    /// Offers these edits as a repair that may not be what was meant
    /// ([`Applicability::Unsafe`]): the occurrence is not fixable.
    pub fn unsafe_edits(mut self, edits: Vec<Edit>) -> Self {
        self.fixable = false;
        self.unsafe_repair = !edits.is_empty();
        self.edits = edits;
        self
    }

    /// The diagnostic the runner reports for it: `fixable` (the rule's
    /// metadata says so) is a safe repair; else its edits are kept only
    /// when they are an unsafe one.
    pub fn into_diagnostic(self, rule: RuleId, severity: Severity, fixable: bool) -> Diagnostic {
        let applicability = if fixable {
            Applicability::Safe
        } else if self.unsafe_repair {
            Applicability::Unsafe
        } else {
            Applicability::DisplayOnly
        };
        Diagnostic {
            rule,
            severity,
            range: self.range,
            message: self.message,
            help: self.help,
            label: self.label,
            fixable,
            applicability,
            edits: if applicability == Applicability::DisplayOnly {
                Vec::new()
            } else {
                self.edits
            },
            failing: self.failing,
        }
    }
}

/// Edits that trim `text` (at `base`) and fold its whitespace runs to one space.
pub fn whitespace_edits(text: &str, base: usize) -> Vec<Edit> {
    if crate::spaces::is_folded(text) {
        return Vec::new();
    }
    space_edits(text, base, char::is_whitespace)
}

/// [`whitespace_edits`] for runs of the characters `is_space` accepts.
pub fn space_edits(text: &str, base: usize, is_space: impl Fn(char) -> bool) -> Vec<Edit> {
    let mut edits = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if !is_space(c) {
            continue;
        }
        let mut end = start + c.len_utf8();
        while let Some(&(i, c)) = chars.peek() {
            if !is_space(c) {
                break;
            }
            end = i + c.len_utf8();
            chars.next();
        }
        let run = &text[start..end];
        let replacement = if start == 0 || end == text.len() {
            ""
        } else {
            " "
        };
        if run != replacement {
            edits.push(Edit::new(base + start..base + end, replacement));
        }
    }
    edits
}

/// Quotes a piece of Markdown in backticks for a message, shortening it.
pub fn quote(text: &str) -> String {
    let text = text.trim();
    let short: String = if text.chars().count() > 60 {
        text.chars().take(57).chain("...".chars()).collect()
    } else {
        text.to_owned()
    };
    format!("`{short}`")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whitespace_edits_trim_and_fold() {
        let edits = whitespace_edits(" a  b\tc ", 10);
        assert_eq!(
            edits,
            vec![
                Edit::new(10..11, ""),
                Edit::new(12..14, " "),
                Edit::new(15..16, " "),
                Edit::new(17..18, ""),
            ]
        );
        assert!(whitespace_edits("a b", 0).is_empty());
    }
}
