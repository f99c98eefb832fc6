//! `flinkscale rules` and `flinkscale rule ID`: the rules' own documentation.

use super::common::{error, print, terminal_width, ExitStatus};
use flinkscale::registry::{closest_id, RuleId};
use flinkscale::rules::{self, Repairs};

/// `flinkscale rules`: every rule with its default severity, its summary
/// wrapped to the terminal (80 columns when it is not one); with `--format
/// json`, an array of `{id, severity, fix, summary}` (`fix`: `always`,
/// `sometimes`, `links` or `never`).
pub fn list(format: crate::cli::RulesFormat) -> ExitStatus {
    if format == crate::cli::RulesFormat::Json {
        let rows: Vec<serde_json::Value> = rules::RULES
            .iter()
            .map(|r| {
                let m = &r.meta;
                let fix = match m.repairs {
                    Repairs::Always => "always",
                    Repairs::Sometimes(_) => "sometimes",
                    Repairs::Links(_) => "links",
                    Repairs::Never => "never",
                };
                serde_json::json!({
                    "id": m.id.as_str(),
                    "severity": m.id.default_severity().as_str(),
                    "fix": fix,
                    "summary": m.summary,
                })
            })
            .collect();
        let mut text = serde_json::to_string_pretty(&rows).unwrap_or_else(|_| "[]".into());
        text.push('\n');
        print(&text);
        return ExitStatus::Success;
    }
    let width = RuleId::ALL
        .iter()
        .map(|r| r.as_str().len())
        .max()
        .unwrap_or(0);
    let indent = " ".repeat(width + 2 + 5 + 2 + 4 + 2);
    let columns = terminal_width().max(indent.len() + 20);
    let mut out = String::new();
    for r in rules::RULES {
        let m = &r.meta;
        let fix = match m.repairs {
            Repairs::Always => "fix",
            Repairs::Sometimes(_) | Repairs::Links(_) => "fix*",
            Repairs::Never => "",
        };
        let severity = match m.id.default_severity() {
            flinkscale::registry::Severity::Error => "error",
            flinkscale::registry::Severity::Warning => "warn",
        };
        let head = format!("{:width$}  {severity:5}  {fix:4}  ", m.id.as_str());
        let options = textwrap::Options::new(columns)
            .initial_indent(&head)
            .subsequent_indent(&indent);
        out.push_str(&textwrap::fill(m.summary, options));
        out.push('\n');
    }
    out.push('\n');
    out.push_str(&textwrap::fill(
        "fix: `flinkscale fmt --write` repairs it; fix*: in some cases, or by `flinkscale links --fix-redirects` or `--fix-dead` (see `flinkscale rule ID`).",
        columns,
    ));
    out.push('\n');
    print(&out);
    ExitStatus::Success
}

/// `flinkscale rule` with no id: where the ids are.
pub fn no_id() -> ExitStatus {
    error("name a rule: `flinkscale rule ID`, e.g. `flinkscale rule entry-order`; `flinkscale rules` lists them");
    ExitStatus::Error
}

/// `flinkscale rule ID`: what one rule checks, why, and whether fmt fixes it.
pub fn explain(id: &str) -> ExitStatus {
    match rules::find(id) {
        Some(rule) => {
            print(&rule.meta.describe(terminal_width()));
            ExitStatus::Success
        }
        None => {
            let hint = closest_id(id)
                .map(|c| format!(" (did you mean `{c}`?)"))
                .unwrap_or_default();
            error(format!(
                "unknown rule `{id}`{hint}; `flinkscale rules` lists them"
            ));
            ExitStatus::Error
        }
    }
}
