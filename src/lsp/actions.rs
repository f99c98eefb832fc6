//! Quick fixes, "fix all" and formatting: the edits `lint --fix` and `fmt`
//! make, through the same write path and safety net
//! ([`crate::format::format`], [`crate::format::repair`]), handed to the
//! editor as text edits.

use std::collections::{BTreeMap, HashMap};

use super::protocol::{CodeAction, Range, TextEdit, WorkspaceEdit, QUICKFIX};

use super::diagnostics;
use super::position::{edits, Encoding, Lines};
use super::workspace::Doc;
use crate::config::Config;
use crate::diagnostic::{Applicability, Diagnostic};
use crate::registry::RuleId;

/// The kind of the "fix all" action editors run on save.
pub const FIX_ALL: &str = "source.fixAll.flinkscale";

/// What `fmt` makes of the document, as edits; or why its safety net
/// refused (nothing is to be changed then).
pub fn formatting(
    doc: &Doc,
    config: &Config,
    year: u16,
    enc: Encoding,
) -> Result<Vec<TextEdit>, String> {
    let formatted =
        crate::format::format(doc.parse(config), config, year).map_err(|e| e.to_string())?;
    let new = formatted.encoding.restore(formatted.text());
    Ok(edits(&doc.text(), &new, enc))
}

/// Everything the editor asks about at one place.
pub struct Request<'a> {
    pub uri: &'a str,
    pub range: Range,
    /// The kinds the editor wants, if it says (`context.only`).
    pub only: Option<&'a [String]>,
}

impl Request<'_> {
    fn wants(&self, kind: &str) -> bool {
        self.only.is_none_or(|only| {
            only.iter()
                .any(|o| kind == o || kind.starts_with(&format!("{o}.")))
        })
    }
}

/// The code actions for `request`: a quick fix for each fixable diagnostic
/// there, and "fix all" when anything is to fix.
pub fn code_actions(
    doc: &Doc,
    config: &Config,
    year: u16,
    enc: Encoding,
    request: &Request,
) -> Vec<CodeAction> {
    let (model, found) = doc.lint(config, year);
    if model.nothing_to_judge() {
        return Vec::new();
    }
    let text = doc.text();
    let lines = Lines::with_starts(&text, doc.buffer.starts(), enc);
    let mut out = Vec::new();
    if request.wants(QUICKFIX) {
        // How many diagnostics each structural repair mends (a TOC rule's
        // is the whole TOC's), for the titles.
        let group = |d: &Diagnostic| crate::format::repaired_together(d.rule)[0];
        let mut per_group: HashMap<RuleId, usize> = HashMap::new();
        for d in found.iter().filter(|d| d.fixable) {
            *per_group.entry(group(d)).or_default() += 1;
        }
        let mut structural_done: Vec<RuleId> = Vec::new();
        // Safe repairs, and those a rule is not sure of (offered, not
        // preferred, never in fix-all).
        let offered = |d: &&Diagnostic| d.fixable || d.applicability == Applicability::Unsafe;
        for d in found.iter().filter(offered) {
            let shown = diagnostics::convert(&lines, &model, d);
            if !overlaps(shown.range, request.range) {
                continue;
            }
            if d.edits.is_empty() {
                if structural_done.contains(&group(d)) {
                    continue;
                }
                structural_done.push(group(d));
            }
            let Some(edits) = repaired(doc, config, year, enc, d) else {
                continue;
            };
            // A structural repair resolves every diagnostic of its group.
            let resolved = if d.edits.is_empty() {
                found
                    .iter()
                    .filter(|o| o.fixable && o.edits.is_empty() && group(o) == group(d))
                    .map(|o| diagnostics::convert(&lines, &model, o))
                    .collect()
            } else {
                vec![shown]
            };
            let sure = d.applicability == Applicability::Safe;
            let title = title(d, per_group.get(&group(d)).copied().unwrap_or(1));
            out.push(CodeAction {
                title: if sure {
                    title
                } else {
                    format!("{title} (a guess: check it)")
                },
                kind: QUICKFIX.to_owned(),
                diagnostics: resolved,
                edit: workspace_edit(request.uri, edits),
                is_preferred: sure,
            });
        }
    }
    if request.wants(FIX_ALL) && found.iter().any(|d| d.fixable) {
        if let Ok(edits) = formatting(doc, config, year, enc) {
            if !edits.is_empty() {
                out.push(CodeAction {
                    title: "Fix all flinkscale problems".to_owned(),
                    kind: FIX_ALL.to_owned(),
                    diagnostics: Vec::new(),
                    edit: workspace_edit(request.uri, edits),
                    is_preferred: false,
                });
            }
        }
    }
    out
}

/// One diagnostic's repair as edits; `None` when it changes nothing or the
/// safety net refuses it.
fn repaired(
    doc: &Doc,
    config: &Config,
    year: u16,
    enc: Encoding,
    d: &Diagnostic,
) -> Option<Vec<TextEdit>> {
    let fixed = crate::format::repair(doc.parse(config), config, year, d).ok()?;
    let new = fixed.encoding.restore(fixed.text());
    let edits = edits(&doc.text(), &new, enc);
    (!edits.is_empty()).then_some(edits)
}

/// The quick fix's title: what it does. A structural repair mends every
/// place its rule reports (`of_rule`), and says so when there are several.
fn title(d: &Diagnostic, of_rule: usize) -> String {
    let several = |one: &str, many: String| if of_rule == 1 { one.to_owned() } else { many };
    let toc = crate::rules::toc::TOC_RULES.contains(&d.rule);
    match d.rule {
        _ if toc && of_rule > 1 => {
            format!("Write the table of contents anew ({of_rule} TOC problems)")
        }
        RuleId::EntryOrder => several(
            "Move this entry to its place",
            format!("Move the {of_rule} entries out of order to their places"),
        ),
        RuleId::SectionOrder => several(
            "Move this section to its place",
            format!("Move the {of_rule} sections out of order to their places"),
        ),
        RuleId::TocEntryMissing => several(
            "Add the missing TOC item",
            format!("Add the {of_rule} missing TOC items"),
        ),
        rule if d.edits.is_empty() => several(
            &format!("Fix {}", rule.as_str()),
            format!("Fix the {of_rule} {} problems", rule.as_str()),
        ),
        rule => match d.edits.as_slice() {
            [one]
                if !one.replacement.trim().is_empty()
                    && one.replacement.len() <= 60
                    && !one.replacement.contains('\n') =>
            {
                format!("Fix {}: write `{}`", rule.as_str(), one.replacement)
            }
            _ => format!("Fix {}", rule.as_str()),
        },
    }
}

fn workspace_edit(uri: &str, edits: Vec<TextEdit>) -> WorkspaceEdit {
    WorkspaceEdit {
        changes: BTreeMap::from([(uri.to_owned(), edits)]),
    }
}

fn overlaps(a: Range, b: Range) -> bool {
    a.start <= b.end && b.start <= a.end
}
