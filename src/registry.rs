//! Every rule's identity: its stable id, its default severity, and how to
//! find one by id. A leaf: it depends on nothing, so `flinkscale.toml` can be
//! checked against it without linking any rule's check (ruff keeps its codes
//! apart from rule bodies the same way).
//!
//! A rule's documentation, check and repair live in its own file under
//! `src/rules/`; `tests/engine/rules.rs` checks that every id here has exactly one.

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub enum Severity {
    #[serde(rename = "warning")]
    Warning,
    #[serde(rename = "error")]
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

macro_rules! rule_ids {
    ($($variant:ident => $id:literal $(($severity:ident))?,)*) => {
        /// A rule, by identity. Declared in the order of docs/rules.md,
        /// which is the order `flinkscale rules` and SARIF list them in.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum RuleId {
            $($variant,)*
        }

        impl RuleId {
            /// Every rule, in declaration order.
            pub const ALL: &'static [RuleId] = &[$(RuleId::$variant,)*];

            /// The stable kebab-case id shown in every output and used in
            /// `[rules]` and suppression comments.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(RuleId::$variant => $id,)*
                }
            }

            /// The severity a rule has when `[rules]` does not set one.
            pub const fn default_severity(self) -> Severity {
                match self {
                    $(RuleId::$variant => rule_ids!(@severity $($severity)?),)*
                }
            }
        }
    };
    (@severity) => { Severity::Error };
    (@severity warn) => { Severity::Warning };
}

rule_ids! {
    TocMissing => "toc-missing",
    TocEntryMissing => "toc-entry-missing",
    TocEntryExtra => "toc-entry-extra",
    TocOrder => "toc-order",
    TocText => "toc-text",
    TocStyle => "toc-style",
    AnchorBroken => "anchor-broken",
    AnchorCase => "anchor-case",
    SectionOrder => "section-order",
    SectionDuplicate => "section-duplicate",
    SectionEmpty => "section-empty",
    SectionCount => "section-count",
    SectionNearDuplicate => "section-near-duplicate" (warn),
    EntryFormat => "entry-format",
    EntryYearMissing => "entry-year-missing",
    EntryYearInvalid => "entry-year-invalid",
    EntryTagMissing => "entry-tag-missing",
    EntryTagUnknown => "entry-tag-unknown",
    EntryOrder => "entry-order",
    EntryDuplicate => "entry-duplicate",
    EntryUrlInvalid => "entry-url-invalid",
    EntryTitleWhitespace => "entry-title-whitespace",
    EntryTitleQuote => "entry-title-quote",
    TagMismatch => "tag-mismatch" (warn),
    Mojibake => "mojibake",
    HeadingWhitespace => "heading-whitespace",
    HeadingSwallowed => "heading-swallowed",
    HeadingLevel => "heading-level",
    BlankLines => "blank-lines",
    TrailingWhitespace => "trailing-whitespace",
    FinalNewline => "final-newline",
    SuppressionUnknown => "suppression-unknown" (warn),
    LinkDead => "link-dead",
    LinkRedirect => "link-redirect" (warn),
    LinkUnchecked => "link-unchecked" (warn),
    LinkHome => "link-home" (warn),
}

impl RuleId {
    /// The rule with this id.
    pub fn from_id(id: &str) -> Option<RuleId> {
        RuleId::ALL.iter().copied().find(|r| r.as_str() == id)
    }

    /// Its place in [`RuleId::ALL`] (SARIF's `ruleIndex`).
    pub fn index(self) -> usize {
        self as usize
    }
}

impl std::fmt::Display for RuleId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The rule id closest to a misspelt one, if any is close.
pub fn closest_id(id: &str) -> Option<&'static str> {
    RuleId::ALL
        .iter()
        .map(|r| (strsim::levenshtein(id, r.as_str()), r.as_str()))
        .filter(|(d, _)| *d <= 3)
        .min()
        .map(|(_, id)| id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_and_are_unique() {
        for (i, rule) in RuleId::ALL.iter().enumerate() {
            assert_eq!(RuleId::from_id(rule.as_str()), Some(*rule));
            assert_eq!(rule.index(), i);
        }
        let mut ids: Vec<&str> = RuleId::ALL.iter().map(|r| r.as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), RuleId::ALL.len());
        assert_eq!(RuleId::from_id("nope"), None);
    }

    #[test]
    fn only_these_warn_by_default() {
        let warn: Vec<RuleId> = RuleId::ALL
            .iter()
            .copied()
            .filter(|r| r.default_severity() == Severity::Warning)
            .collect();
        assert_eq!(
            warn,
            [
                RuleId::SectionNearDuplicate,
                RuleId::TagMismatch,
                RuleId::SuppressionUnknown,
                RuleId::LinkRedirect,
                RuleId::LinkUnchecked,
                RuleId::LinkHome
            ]
        );
    }

    #[test]
    fn misspelt_ids_find_the_closest() {
        assert_eq!(closest_id("toc-ordr"), Some("toc-order"));
        assert_eq!(closest_id("something-else-entirely"), None);
    }
}
