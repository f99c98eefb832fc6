//! What a rule reports: one defect, with where it is and what to do.

use std::ops::Range;

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    #[serde(rename = "warning")]
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// One defect found by one rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The rule's stable kebab-case id.
    pub rule: &'static str,
    pub severity: Severity,
    /// Byte range in [`crate::source::Source::text`]; may be empty.
    pub range: Range<usize>,
    /// What is wrong, in one sentence.
    pub message: String,
    /// What to do about it.
    pub help: Option<String>,
    /// The short text under the span in the human report.
    pub label: Option<String>,
    /// `fmt` repairs this defect.
    pub fixable: bool,
    /// Local text edits that repair it, when the repair is local; structural
    /// repairs (moving sections, the TOC, blank lines) are the printer's.
    pub edits: Vec<Edit>,
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

impl Diagnostic {
    pub fn new(rule: &'static str, range: Range<usize>, message: impl Into<String>) -> Self {
        Diagnostic {
            rule,
            severity: Severity::Error,
            range,
            message: message.into(),
            help: None,
            label: None,
            fixable: false,
            edits: Vec::new(),
        }
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    pub fn fixable(mut self, fixable: bool) -> Self {
        self.fixable = fixable;
        self
    }

    /// Marks the diagnostic fixable by these edits.
    pub fn edits(mut self, edits: Vec<Edit>) -> Self {
        self.fixable = true;
        self.edits = edits;
        self
    }
}
