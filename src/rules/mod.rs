//! The rules (docs/rules.md, generated from them), one file each under
//! `src/rules/<family>/<rule_id>.rs`: the rule's documentation, its check,
//! how it is repaired (its edits, or the function of its file that the
//! printer calls) and its unit tests. This file lists them and runs them.
//!
//! A rule reads the [`Context`] (the model and what was computed from it
//! once) and returns [`Violation`](crate::diagnostic::Violation)s; the
//! runner stamps each with the rule's id, its configured severity and
//! whether it is fixable, from the rule's own [`RuleMeta`]. Adding a rule
//! means adding one line to [`crate::registry::for_each_rule`], its file
//! under its family, and its fixtures.

pub mod anchor;
pub mod context;
pub mod entry;
pub mod layout;
pub mod links;
pub mod reference;
pub mod rule;
pub mod section;
pub mod suppression;
pub mod text;
pub mod toc;

pub use self::context::Context;
pub use self::rule::{quote, Check, Repairs, Rule, RuleMeta};

use crate::diagnostic::{Diagnostic, Severity};
use crate::registry::RuleId;

macro_rules! rule_table {
    ($($variant:ident => $id:literal $(($severity:ident))? in $family:ident::$file:ident,)*) => {
        /// Every rule, in the order of [`RuleId::ALL`]: the table
        /// [`crate::registry::for_each_rule`] holds.
        pub static RULES: &[&Rule] = &[$(&$family::$file::RULE,)*];
    };
}

crate::registry::for_each_rule!(rule_table);

/// The rule with this id.
pub fn rule(id: RuleId) -> &'static Rule {
    RULES[id.index()]
}

/// The rule whose id is this text.
pub fn find(id: &str) -> Option<&'static Rule> {
    RuleId::from_id(id).map(rule)
}

/// Runs the rules enabled in the config at their configured severity;
/// diagnostics come sorted by position.
pub fn check(cx: &Context) -> Vec<Diagnostic> {
    run(cx, |id| cx.config.severity(id))
}

/// Runs every enabled rule that `fmt` repairs ([`Repairs::Always`] or
/// [`Repairs::Sometimes`]): what `fmt` needs, for its edits and to know whether
/// another pass would change anything. A rule that is `off` is off for
/// `fmt` too. The others never carry an edit or say fixable (the runner
/// makes sure).
pub fn check_repairable(cx: &Context) -> Vec<Diagnostic> {
    run(cx, |id| {
        cx.config.severity(id).filter(|_| {
            matches!(
                rule(id).meta.repairs,
                Repairs::Always | Repairs::Sometimes(_)
            )
        })
    })
}

/// The rules that read what `flinkscale links` found on the network
/// (`link-*`), at their configured severity.
pub const LINK_RULES: [RuleId; 4] = [
    RuleId::LinkDead,
    RuleId::LinkRedirect,
    RuleId::LinkUnchecked,
    RuleId::LinkHome,
];

/// The rules that judge in-page links: all that a file that is no list
/// is checked for.
pub const ANCHOR_RULES: [RuleId; 2] = [RuleId::AnchorBroken, RuleId::AnchorCase];

/// Runs the link rules only: what `flinkscale links` reports.
pub fn check_links(cx: &Context) -> Vec<Diagnostic> {
    run(cx, |id| {
        LINK_RULES
            .contains(&id)
            .then(|| cx.config.severity(id))
            .flatten()
    })
}

/// Rules are independent readers of the model: on a large file they run on
/// all cores.
fn run(cx: &Context, severity: impl Fn(RuleId) -> Option<Severity> + Sync) -> Vec<Diagnostic> {
    use rayon::prelude::*;
    // A file that is no list is judged for its in-page links alone
    // (FORMAT.md section 7.3): a broken anchor is a defect in any page.
    let not_a_list = cx.doc.is_not_a_list();
    let one = |rule: &&Rule| -> Vec<Diagnostic> {
        let meta = &rule.meta;
        if not_a_list && !ANCHOR_RULES.contains(&meta.id) {
            return Vec::new();
        }
        let Some(level) = severity(meta.id) else {
            return Vec::new();
        };
        (rule.check)(cx)
            .into_iter()
            .map(|v| {
                let fixable = meta.fixable(&v);
                v.into_diagnostic(meta.id, level, fixable)
            })
            .collect()
    };
    let mut out: Vec<Diagnostic> = if crate::model::is_large(cx.text()) {
        RULES.par_iter().flat_map_iter(one).collect()
    } else {
        RULES.iter().flat_map(one).collect()
    };
    // What a suppression comment covers is neither reported nor repaired.
    let suppressions = &cx.doc.suppressions;
    if !suppressions.is_empty() {
        out.retain(|d| !suppressions.covers(cx.doc.source.line_index(d.range.start), d.rule));
    }
    out.sort_by(|a, b| {
        (a.range.start, a.range.end, a.rule.as_str()).cmp(&(
            b.range.start,
            b.range.end,
            b.rule.as_str(),
        ))
    });
    out
}

/// Parses and lints one list with the rules enabled in `config`.
pub fn lint(
    source: crate::source::Source,
    config: &crate::config::Config,
    current_year: u16,
) -> (crate::model::Document, Vec<Diagnostic>) {
    let doc = crate::model::Document::parse(source, config);
    let diagnostics = check(&Context::new(&doc, config, current_year));
    (doc, diagnostics)
}
