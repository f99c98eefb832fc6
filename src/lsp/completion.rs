//! Completion where a list asks for a known word: an in-page anchor after
//! `](#` (the headings' GitHub slugs, as the last lint found them), a tag
//! after `:` in an entry (the configured tags, with what each means) and
//! an entry's year code span after its link.

use super::protocol::{
    CompletionItem, Position, Range, TextEdit, KIND_ENUM_MEMBER, KIND_REFERENCE, KIND_VALUE,
};

use super::position::{Encoding, Lines};
use super::workspace::Doc;
use crate::config::Config;

/// Years offered for an entry's year span, newest first.
const YEARS_OFFERED: u16 = 6;

pub fn complete(
    doc: &Doc,
    config: &Config,
    year: u16,
    enc: Encoding,
    at: Position,
) -> Vec<CompletionItem> {
    let text = doc.text();
    let lines = Lines::with_starts(&text, doc.buffer.starts(), enc);
    let offset = lines.offset(at);
    let line_start = lines.offset(Position::new(at.line, 0));
    let before = &text[line_start..offset];
    let replace = |from: usize| Range::new(lines.position(line_start + from), at);
    let item = |label: String, detail: Option<String>, kind, range: Range| CompletionItem {
        text_edit: TextEdit::new(range, label.clone()),
        filter_text: label.clone(),
        label,
        detail,
        kind,
    };
    if let Some(hash) = before.rfind("](#") {
        let typed = &before[hash + 3..];
        if !typed.contains([')', ' ']) {
            // The headings of the last lint: no parse of a big list at
            // each keystroke (a document not linted yet is parsed now).
            let parsed;
            let headings = match &doc.headings {
                Some(headings) => headings,
                None => {
                    parsed = doc.parse(config).headings;
                    &parsed
                }
            };
            return headings
                .iter()
                .map(|h| {
                    item(
                        h.slug.clone(),
                        Some(format!("{} {}", "#".repeat(h.level.into()), h.text)),
                        KIND_REFERENCE,
                        replace(hash + 3),
                    )
                })
                .collect();
        }
    }
    // The rest is for entries: the line holds a link already.
    let Some(link_end) = before
        .find("](")
        .and_then(|i| before[i..].find(')').map(|j| i + j))
    else {
        return Vec::new();
    };
    let after_link = &before[link_end + 1..];
    let word_start = before
        .rfind(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '+' | '-')))
        .filter(|&i| before.as_bytes()[i] == b':')
        .filter(|&i| i == 0 || before[..i].ends_with(char::is_whitespace));
    if let Some(colon) = word_start.filter(|&i| i > link_end) {
        return config
            .tags
            .iter()
            .map(|(name, t)| {
                item(
                    format!(":{name}:"),
                    t.meaning.clone(),
                    KIND_ENUM_MEMBER,
                    replace(colon),
                )
            })
            .collect();
    }
    // `) - ` then, perhaps, a backtick and digits typed already.
    let typed = after_link.trim_start_matches([' ', '-']);
    let span = typed.strip_prefix('`').unwrap_or(typed);
    if after_link.contains('-') && span.bytes().all(|b| b.is_ascii_digit()) && span.len() < 4 {
        let from = offset - line_start - typed.len();
        return (0..YEARS_OFFERED)
            .map(|back| year.saturating_sub(back))
            .map(|y| {
                item(
                    format!("`{y}`"),
                    Some("the entry's year".to_owned()),
                    KIND_VALUE,
                    replace(from),
                )
            })
            .collect();
    }
    Vec::new()
}
