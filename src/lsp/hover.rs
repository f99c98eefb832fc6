//! Hover: a rule's page over its id or over what it reports, and over a
//! link the last result `flinkscale links` found for it (read from the
//! links cache; the server never opens a socket).

use std::path::Path;
use std::time::Duration;

use super::protocol::{Hover, Markup, Position};

use super::diagnostics::rule_page;
use super::position::{Encoding, Lines};
use super::workspace::Doc;
use crate::config::Config;
use crate::links::cache::Cache;
use crate::registry::RuleId;
use crate::rules;

pub fn hover(doc: &Doc, config: &Config, year: u16, enc: Encoding, at: Position) -> Option<Hover> {
    let (model, found) = doc.lint(config, year);
    let lines = Lines::new(&doc.text, enc);
    let offset = lines.to_model(&model.source, at);
    let text = &model.source.text;
    let mut parts: Vec<String> = Vec::new();
    // A rule id under the cursor (a suppression comment, a config).
    if let Some(rule) = RuleId::from_id(word_at(text, offset)) {
        parts.push(page(rule));
    }
    if !model.nothing_to_judge() {
        for d in found
            .iter()
            .filter(|d| d.range.start <= offset && offset <= d.range.end)
        {
            let page = page(d.rule);
            if !parts.contains(&page) {
                parts.push(format!("**{}**: {}\n\n{page}", d.rule.as_str(), d.message));
            }
        }
    }
    // An entry's link, or any other link out of the page.
    let inside = |start: usize, end: usize| start <= offset && offset < end;
    let url = model
        .entries
        .iter()
        .find_map(|e| {
            let link = model.item(e).link()?;
            inside(link.range.start(), link.range.end()).then(|| model.url(e))?
        })
        .or_else(|| {
            model
                .links_out
                .iter()
                .find(|l| inside(l.range.start(), l.range.end()))
                .map(|l| l.dest(text))
        });
    if let (Some(url), Some(dir)) = (url, doc.path.as_deref().and_then(Path::parent)) {
        let (cache, _) = Cache::load(
            dir,
            Duration::from_secs(u64::MAX / 2),
            crate::clock::unix_seconds(),
        );
        if let Some((checked, said)) = cache.last(url) {
            parts.push(format!(
                "`flinkscale links` on {}: {said}",
                crate::clock::date_time(checked)
            ));
        }
    }
    if parts.is_empty() {
        return None;
    }
    Some(Hover {
        contents: Markup {
            kind: "markdown",
            value: parts.join("\n\n---\n\n"),
        },
    })
}

/// What `flinkscale rule ID` prints, with a link to the rule's page.
fn page(rule: RuleId) -> String {
    let described = rules::find(rule.as_str()).map_or_else(String::new, |r| r.meta.describe(80));
    format!(
        "```text\n{}\n```\n\n[{}]({})",
        described.trim_end(),
        rule.as_str(),
        rule_page(rule.as_str())
    )
}

/// The run of letters, digits and `-` around `offset`.
fn word_at(text: &str, offset: usize) -> &str {
    let is_word = |c: char| c.is_ascii_alphanumeric() || c == '-';
    let offset = offset.min(text.len());
    let start = text[..offset]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| is_word(c))
        .last()
        .map_or(offset, |(i, _)| i);
    let end = text[offset..]
        .char_indices()
        .find(|&(_, c)| !is_word(c))
        .map_or(text.len(), |(i, _)| offset + i);
    &text[start..end]
}

#[cfg(test)]
mod tests {
    use super::word_at;

    #[test]
    fn the_word_under_the_cursor() {
        let text = "<!-- flinkscale-disable-next-line entry-order -->";
        let at = text.find("order").unwrap();
        assert_eq!(word_at(text, at), "entry-order");
        assert_eq!(word_at(text, text.len()), "");
        assert_eq!(word_at("é entry-order", 3), "entry-order");
        assert_eq!(word_at("é entry-order", 2), "");
    }
}
