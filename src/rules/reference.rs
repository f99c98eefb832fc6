//! `docs/rules.md`, generated from the rules themselves (ruff's
//! `generate-docs` pattern): every rule's id, default severity, whether
//! `fmt` repairs it, what it checks, why, and a bad and a good example.
//! `tests/project/docs.rs` fails when the checked-in file is not what this
//! writes (`UPDATE_DOCS=1 cargo test --test project` rewrites it).

use std::fmt::Write as _;

use super::rule::Repairs;
use super::RULES;
use crate::registry::Severity;

/// The whole of `docs/rules.md`.
pub fn markdown() -> String {
    let mut out = String::from(
        "# Rules\n\n\
         <!-- Generated from src/rules/ by `UPDATE_DOCS=1 cargo test --test project`; do not edit. -->\n\n\
         Every rule flinkscale has, in the order `flinkscale rules` lists them. \
         `flinkscale rule ID` prints one of these pages; `[rules]` in \
         `flinkscale.toml` sets a rule's severity or turns it `off` \
         ([configuration.md](configuration.md)).\n\n\
         | id | default | fixed by `fmt` |\n|---|---|---|\n",
    );
    for rule in RULES {
        let m = &rule.meta;
        let fix = match m.repairs {
            Repairs::Always => "yes",
            Repairs::Sometimes(_) => "sometimes",
            Repairs::Links(_) => "no (`flinkscale links`)",
            Repairs::Never => "no",
        };
        let _ = writeln!(
            out,
            "| [`{id}`](#{id}) | {} | {fix} |",
            severity(m.id.default_severity()),
            id = m.id
        );
    }
    for rule in RULES {
        let m = &rule.meta;
        let fix = match m.repairs {
            Repairs::Always => "yes: `flinkscale fmt --write` repairs it.".to_owned(),
            Repairs::Sometimes(when) => format!("sometimes: {when}."),
            Repairs::Links(option) => format!("by `flinkscale links {option}`, not by `fmt`."),
            Repairs::Never => "no: a person has to decide.".to_owned(),
        };
        let _ = write!(
            out,
            "\n## {id}\n\n{} by default. Fixable: {fix}\n\n{}\n\n{}\n\n\
             Bad:\n\n```markdown\n{}\n```\n\nGood:\n\n```markdown\n{}\n```\n",
            capitalised(severity(m.id.default_severity())),
            m.summary,
            m.why,
            m.bad,
            m.good,
            id = m.id,
        );
    }
    out
}

fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warn",
    }
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
