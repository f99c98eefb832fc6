//! Hover: a rule's page over its id or over what it reports, and over a
//! link the last result `flinkscale links` found for it (read from the
//! links cache; the server never opens a socket).

use std::path::Path;

use super::protocol::{Hover, Markup, Position};

use super::diagnostics::rule_page;
use super::position::{Encoding, Lines};
use super::workspace::Doc;
use crate::links::cache::Cache;
use crate::registry::RuleId;
use crate::rules;

/// What hover shows at `at`, read from the text and from what was last
/// published, with no lint: it answers at once on a list of any size, even
/// while the diagnostics of the latest change are being worked out (those
/// last published may then be a change behind).
pub fn hover(doc: &Doc, enc: Encoding, at: Position) -> Option<Hover> {
    let text = doc.text();
    let lines = Lines::with_starts(&text, doc.buffer.starts(), enc);
    let offset = lines.offset(at);
    let text = &text[..];
    let mut parts: Vec<String> = Vec::new();
    // A rule id under the cursor (a suppression comment, a config).
    if let Some(rule) = RuleId::from_id(word_at(text, offset)) {
        parts.push(page(rule));
    }
    for d in doc
        .shown
        .iter()
        .filter(|d| d.range.start <= at && at <= d.range.end)
    {
        let Some(rule) = RuleId::from_id(&d.code) else {
            continue;
        };
        let page = page(rule);
        if !parts.contains(&page) {
            let message = d.message.lines().next().unwrap_or_default();
            parts.push(format!("**{}**: {message}\n\n{page}", d.code));
        }
    }
    // A link under the cursor: what the last `flinkscale links` found.
    if let (Some(url), Some(dir)) = (
        link_at(text, offset),
        doc.path.as_deref().and_then(Path::parent),
    ) {
        let cache = Cache::load_any_age(dir);
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

/// The destination of the link (`[text](url)`, `<url>`) that `offset` is
/// in, read from its line.
fn link_at(text: &str, offset: usize) -> Option<&str> {
    let offset = offset.min(text.len());
    let start = text[..offset].rfind('\n').map_or(0, |n| n + 1);
    let end = text[offset..].find('\n').map_or(text.len(), |n| offset + n);
    let line = &text[start..end];
    let at = offset - start;
    // `[text](url)`: from its `[` to its `)`.
    let mut from = 0;
    while let Some(mid) = line[from..].find("](").map(|n| from + n) {
        let dest_start = mid + 2;
        let dest_end = line[dest_start..]
            .find([')', ' '])
            .map_or(line.len(), |n| dest_start + n);
        let open = line[..mid].rfind('[').unwrap_or(mid);
        if (open..=dest_end).contains(&at) {
            return Some(&line[dest_start..dest_end]);
        }
        from = dest_start;
    }
    // `<https://...>`.
    let open = line[..at.min(line.len())].rfind('<')?;
    let close = open + line[open..].find('>')?;
    (at <= close && line[open + 1..close].contains("://")).then(|| &line[open + 1..close])
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
    fn the_link_under_the_cursor() {
        let text = "- [Title](https://a.example/x) - `2020` and <https://b.example/y>\n";
        let at = |needle: &str| text.find(needle).unwrap();
        assert_eq!(
            super::link_at(text, at("Title")),
            Some("https://a.example/x")
        );
        assert_eq!(
            super::link_at(text, at("a.example")),
            Some("https://a.example/x")
        );
        assert_eq!(
            super::link_at(text, at("b.example")),
            Some("https://b.example/y")
        );
        assert_eq!(super::link_at(text, at("2020")), None);
    }

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
