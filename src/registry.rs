//! Every rule's identity: its stable id, its default severity, and how to
//! find one by id. A leaf: it depends on nothing, so `flinkscale.toml` can be
//! checked against it without linking any rule's check (ruff keeps its codes
//! apart from rule bodies the same way).
//!
//! A rule's documentation, check and repair live in its own file under
//! `src/rules/`, which [`for_each_rule`] names beside its id.

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

/// Every rule, once: its variant, its id, its default severity (error
/// unless `(warn)`) and its file under `src/rules/` (`family::file`), in
/// the order of docs/rules.md, which is the order `flinkscale rules` and
/// SARIF list them in. `for_each_rule!(m)` hands the whole table to the
/// macro `m`: here it makes [`RuleId`], in `rules` the table of checks
/// ([`crate::rules::RULES`]), so the two cannot drift apart (ruff's
/// `map_codes`). The registry still depends on nothing: the file paths
/// are only tokens until `rules` reads them.
macro_rules! for_each_rule {
    ($callback:ident) => {
        $callback! {
        TocMissing => "toc-missing" in toc::toc_missing,
        TocEntryMissing => "toc-entry-missing" in toc::toc_entry_missing,
        TocEntryExtra => "toc-entry-extra" in toc::toc_entry_extra,
        TocOrder => "toc-order" in toc::toc_order,
        TocText => "toc-text" in toc::toc_text,
        TocStyle => "toc-style" in toc::toc_style,
        AnchorBroken => "anchor-broken" in anchor::anchor_broken,
        AnchorCase => "anchor-case" in anchor::anchor_case,
        SectionOrder => "section-order" in section::section_order,
        SectionDuplicate => "section-duplicate" in section::section_duplicate,
        SectionEmpty => "section-empty" in section::section_empty,
        SectionCount => "section-count" in section::section_count,
        SectionNearDuplicate => "section-near-duplicate" (warn) in section::section_near_duplicate,
        EntryFormat => "entry-format" in entry::entry_format,
        EntryYearMissing => "entry-year-missing" in entry::entry_year_missing,
        EntryYearInvalid => "entry-year-invalid" in entry::entry_year_invalid,
        EntryTagMissing => "entry-tag-missing" in entry::entry_tag_missing,
        EntryTagUnknown => "entry-tag-unknown" in entry::entry_tag_unknown,
        EntryOrder => "entry-order" in entry::entry_order,
        EntryDuplicate => "entry-duplicate" in entry::entry_duplicate,
        EntryUrlInvalid => "entry-url-invalid" in entry::entry_url_invalid,
        EntryTitleWhitespace => "entry-title-whitespace" in entry::entry_title_whitespace,
        EntryTitleQuote => "entry-title-quote" in entry::entry_title_quote,
        TagMismatch => "tag-mismatch" (warn) in entry::tag_mismatch,
        Mojibake => "mojibake" in text::mojibake,
        HeadingWhitespace => "heading-whitespace" in layout::heading_whitespace,
        HeadingSwallowed => "heading-swallowed" in layout::heading_swallowed,
        HeadingLevel => "heading-level" in layout::heading_level,
        BlankLines => "blank-lines" in layout::blank_lines,
        TrailingWhitespace => "trailing-whitespace" in layout::trailing_whitespace,
        FinalNewline => "final-newline" in layout::final_newline,
        SuppressionUnknown => "suppression-unknown" (warn) in suppression::suppression_unknown,
        LinkDead => "link-dead" in links::link_dead,
        LinkRedirect => "link-redirect" (warn) in links::link_redirect,
        LinkUnchecked => "link-unchecked" (warn) in links::link_unchecked,
        LinkHome => "link-home" (warn) in links::link_home,
        }
    };
}
pub(crate) use for_each_rule;

macro_rules! rule_ids {
    ($($variant:ident => $id:literal $(($severity:ident))? in $family:ident::$file:ident,)*) => {
        /// A rule, by identity ([`for_each_rule`] lists them).
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

for_each_rule!(rule_ids);

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
