//! What a rule is: its identity ([`crate::registry::RuleId`]), its
//! documentation, whether `fmt` repairs it, and its check.

use std::fmt::Write as _;

use super::context::Context;
use crate::diagnostic::Violation;
use crate::registry::RuleId;

/// Whether and when `fmt` repairs what a rule reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Repairs {
    Always,
    /// Only in the cases the text says; each violation says whether it is one.
    Sometimes(&'static str),
    /// Not by `fmt`: by this option of `flinkscale links`, which knows
    /// what the network said.
    Links(&'static str),
    Never,
}

/// A rule's identity and documentation: what `flinkscale rule ID` prints.
#[derive(Debug)]
pub struct RuleMeta {
    pub id: RuleId,
    pub repairs: Repairs,
    /// What it checks, in one line.
    pub summary: &'static str,
    /// Why it matters.
    pub why: &'static str,
    /// A list fragment that triggers it.
    pub bad: &'static str,
    /// The same fragment, fixed.
    pub good: &'static str,
}

pub type Check = fn(&Context) -> Vec<Violation>;

pub struct Rule {
    pub meta: RuleMeta,
    pub check: Check,
}

impl RuleMeta {
    /// Whether a violation of this rule is reported fixable: always, never,
    /// or as the violation says.
    pub fn fixable(&self, violation: &Violation) -> bool {
        match self.repairs {
            Repairs::Always => !violation.unsafe_repair,
            Repairs::Never | Repairs::Links(_) => false,
            Repairs::Sometimes(_) => violation.fixable,
        }
    }

    /// The text `flinkscale rule ID` prints, its prose wrapped to `width`
    /// columns (the examples are Markdown and kept as written).
    pub fn describe(&self, width: usize) -> String {
        let mut s = String::new();
        let fix = match self.repairs {
            Repairs::Always => "yes: `flinkscale fmt --write` repairs it".to_owned(),
            Repairs::Sometimes(when) => format!("sometimes: {when}"),
            Repairs::Links(option) => format!("yes, by `flinkscale links {option}` (not by fmt)"),
            Repairs::Never => "no: a person has to decide".to_owned(),
        };
        let wrap = |text: &str| {
            textwrap::fill(
                text,
                textwrap::Options::new(width.max(40))
                    .initial_indent("  ")
                    .subsequent_indent("  "),
            )
        };
        let _ = writeln!(
            s,
            "{} ({} by default)\n",
            self.id,
            self.id.default_severity().as_str()
        );
        let _ = writeln!(s, "What it checks\n{}\n", wrap(self.summary));
        let _ = writeln!(s, "Why\n{}\n", wrap(self.why));
        let _ = writeln!(s, "Bad\n{}\n", indent(self.bad));
        let _ = writeln!(s, "Good\n{}\n", indent(self.good));
        let _ = writeln!(s, "Fixable\n{}", wrap(&fix));
        s
    }
}

fn indent(text: &str) -> String {
    text.lines()
        .map(|l| format!("    {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

pub use crate::diagnostic::quote;
