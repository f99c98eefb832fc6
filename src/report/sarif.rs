//! `--format sarif`: SARIF 2.1.0 for GitHub code scanning, built on the
//! typed structures of the `serde-sarif` crate.
//!
//! Every rule is described in `tool.driver.rules` (from the same
//! [`RuleMeta`] that `flinkscale rule ID` prints); each diagnostic is a
//! result pointing at its file, relative to the repository root, and its
//! region. Columns count Unicode code points, as ours do
//! (`columnKind: unicodeCodePoints`).

use std::path::{Path, PathBuf};

use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS};
use serde_json::json;
use serde_sarif::sarif::{
    ArtifactLocation, Invocation, Location, Message, MultiformatMessageString, Notification,
    PhysicalLocation, PropertyBag, Region, ReportingConfiguration, ReportingDescriptor,
    Result as SarifResult, ResultLevel, Run, Sarif, Tool, ToolComponent,
};

use super::files::{span, FileReport};
use crate::diagnostic::Severity;
use crate::rules::{self, RuleMeta};

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

pub(super) fn render(reports: &[FileReport]) -> String {
    let root = repo_root();
    let results: Vec<SarifResult> = reports
        .iter()
        .flat_map(|r| {
            let uri = uri(&r.source.name, root.as_deref());
            r.diagnostics.iter().map(move |d| {
                let (start, end) = span(&r.source, d);
                let mut text = d.message.clone();
                if let Some(help) = &d.help {
                    text.push_str("\nhelp: ");
                    text.push_str(help);
                }
                let region = Region::builder()
                    .start_line(start.line as i64)
                    .start_column(start.column as i64)
                    .end_line(end.line as i64)
                    .end_column(end.column as i64)
                    .build();
                let location = Location::builder()
                    .physical_location(
                        PhysicalLocation::builder()
                            .artifact_location(ArtifactLocation::builder().uri(uri.clone()).build())
                            .region(region)
                            .build(),
                    )
                    .build();
                let builder = SarifResult::builder()
                    .rule_id(d.rule.as_str())
                    .level(level(d.severity))
                    .message(Message::builder().text(text).build())
                    .locations(vec![location]);
                let mut result = builder.rule_index(d.rule.index() as i64).build();
                if let Some(f) = d.failing {
                    // How long the link has failed, as the links cache saw it.
                    let bag = std::collections::BTreeMap::from([
                        (
                            "firstFailure".to_owned(),
                            json!(crate::clock::rfc3339(f.first_failure)),
                        ),
                        ("failingRuns".to_owned(), json!(f.failing_runs)),
                    ]);
                    result.properties =
                        Some(PropertyBag::builder().additional_properties(bag).build());
                }
                result
            })
        })
        .collect();
    let driver = ToolComponent::builder()
        .name("flinkscale")
        .version(env!("CARGO_PKG_VERSION"))
        .semantic_version(env!("CARGO_PKG_VERSION"))
        .information_uri(env!("CARGO_PKG_REPOSITORY"))
        .rules(
            rules::RULES
                .iter()
                .map(|r| descriptor(&r.meta))
                .collect::<Vec<_>>(),
        )
        .build();
    let notifications: Vec<Notification> = reports
        .iter()
        .filter_map(|r| {
            let error = r.error.as_ref()?;
            let location = Location::builder()
                .physical_location(
                    PhysicalLocation::builder()
                        .artifact_location(
                            ArtifactLocation::builder()
                                .uri(uri(&r.source.name, root.as_deref()))
                                .build(),
                        )
                        .build(),
                )
                .build();
            Some(
                Notification::builder()
                    .level(json!("error"))
                    .message(Message::builder().text(error.clone()).build())
                    .locations(vec![location])
                    .build(),
            )
        })
        .collect();
    let invocation = if notifications.is_empty() {
        Invocation::builder().execution_successful(true).build()
    } else {
        Invocation::builder()
            .execution_successful(false)
            .tool_execution_notifications(notifications)
            .build()
    };
    let run = Run::builder()
        .tool(Tool::builder().driver(driver).build())
        .invocations(vec![invocation])
        .results(results)
        .column_kind(json!("unicodeCodePoints"))
        .build();
    let log = Sarif::builder()
        .schema(SCHEMA)
        .version(json!("2.1.0"))
        .runs(vec![run])
        .build();
    let mut text = serde_json::to_string_pretty(&log).unwrap_or_else(|_| "{}".into());
    text.push('\n');
    text
}

fn level(severity: Severity) -> ResultLevel {
    match severity {
        Severity::Error => ResultLevel::Error,
        Severity::Warning => ResultLevel::Warning,
    }
}

fn descriptor(meta: &RuleMeta) -> ReportingDescriptor {
    let help = meta.describe(80);
    let markdown = format!(
        "{}\n\n{}\n\nBad:\n\n```markdown\n{}\n```\n\nGood:\n\n```markdown\n{}\n```\n",
        meta.summary, meta.why, meta.bad, meta.good
    );
    ReportingDescriptor::builder()
        .id(meta.id.as_str())
        .name(meta.id.as_str())
        .short_description(
            MultiformatMessageString::builder()
                .text(meta.summary)
                .build(),
        )
        .full_description(
            MultiformatMessageString::builder()
                .text(format!("{} {}", meta.summary, meta.why))
                .build(),
        )
        .help(
            MultiformatMessageString::builder()
                .text(help)
                .markdown(markdown)
                .build(),
        )
        .default_configuration(
            ReportingConfiguration::builder()
                .level(json!(match meta.id.default_severity() {
                    Severity::Error => "error",
                    Severity::Warning => "warning",
                }))
                .build(),
        )
        .build()
}

/// The root of the git work tree holding the current directory, if any.
fn repo_root() -> Option<PathBuf> {
    let cwd = std::env::current_dir().ok()?;
    cwd.ancestors()
        .find(|d| d.join(".git").exists())
        .map(Path::to_path_buf)
}

/// Characters escaped in a URI path (RFC 3986 keeps `/` and unreserved).
const PATH: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'[')
    .add(b'\\')
    .add(b']')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// The file as a URI relative to the repository root (or the current
/// directory outside a repository); `file://` when it lies elsewhere.
fn uri(name: &str, root: Option<&Path>) -> String {
    let path = Path::new(name);
    let absolute = std::env::current_dir()
        .map(|cwd| cwd.join(path))
        .unwrap_or_else(|_| path.to_path_buf());
    let absolute = absolute.canonicalize().unwrap_or(absolute);
    let base = root
        .map(Path::to_path_buf)
        .or_else(|| std::env::current_dir().ok())
        .map(|b| b.canonicalize().unwrap_or(b));
    let encode = |p: &Path| {
        let joined = p
            .components()
            .filter_map(|c| match c {
                std::path::Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
                _ => None,
            })
            .collect::<Vec<_>>()
            .join("/");
        utf8_percent_encode(&joined, PATH).to_string()
    };
    match base.as_deref().and_then(|b| absolute.strip_prefix(b).ok()) {
        Some(relative) => encode(relative),
        None => format!("file:///{}", encode(&absolute)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_relative_to_the_root_and_encoded() {
        let cwd = std::env::current_dir().unwrap();
        assert_eq!(uri("fixtures/seed.md", Some(&cwd)), "fixtures/seed.md");
        assert_eq!(uri("a b/c#d.md", Some(&cwd)), "a%20b/c%23d.md");
        let outside = uri("/x/y.md", Some(&cwd));
        assert!(outside.starts_with("file:///"), "{outside}");
        assert!(outside.ends_with("x/y.md"), "{outside}");
    }
}
