//! `entry-format`: a list item in a company section is not written
//! `- [Title](URL) - `YYYY` - :tag:`.
//!
//! The model reads each entry's parts and how they were written
//! ([`crate::model::entry::Layout`]); this file judges whether that is the
//! canonical form ([`shape`]) and, for the printer, writes an entry in it
//! ([`print`]): the repair, for every entry whose parts are all there.

use crate::diagnostic::Violation;
use crate::model::{Document, Entry};
use crate::registry::RuleId;
use crate::rules::context::Context;
use crate::rules::rule::{Repairs, Rule, RuleMeta};
use crate::write::entry::entry_line;
use crate::write::patch::Patcher;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: RuleId::EntryFormat,
        repairs: Repairs::Sometimes("when the parts are all there and only the bullet, separators, spacing or an emoji tag are off"),
        summary: "A list item in a company section does not match `- [Title](URL) - `YYYY` - :tag:`.",
        why: "One shape for every entry keeps the list readable, diffable and usable as data.",
        bad: "* [Title](https://example.com) – `2021` – 📚",
        good: "- [Title](https://example.com) - `2021` - :books:",
    },
    check,
};

const EXPECTED: &str = "expected `- [Title](https://url) - `YYYY` - :tag:`";

/// How far an entry is from the canonical form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    Canonical,
    /// Not canonical, but the printer can rewrite it.
    Fixable(Reason),
    /// The printer must keep it as written.
    Unfixable(Reason),
}

/// What is off; [`Reason::text`] says it in words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    NoLink,
    Complex,
    MultiLine,
    NotInline,
    EmptyTitle,
    SpacesInUrl,
    MoreParts,
    Junk,
    Bullet,
    Indented,
    BulletSpace,
    YearBare,
    YearSpaced,
    Emoji,
    TagFirst,
    Dash,
    Separators,
}

impl Reason {
    /// The reason as the end of a sentence starting "entry ".
    pub fn text(self, doc: &Document, e: &Entry) -> String {
        let text = doc.text();
        let item = doc.item(e);
        match self {
            Reason::NoLink => "does not start with a link `[Title](URL)`".into(),
            Reason::Complex => {
                "holds more than one block (a nested list or several paragraphs)".into()
            }
            Reason::MultiLine => "is written over several lines".into(),
            Reason::NotInline => {
                "uses a reference link or autolink instead of `[Title](URL)`".into()
            }
            Reason::EmptyTitle => "has an empty title".into(),
            Reason::SpacesInUrl => "has a link title or spaces inside its URL".into(),
            Reason::MoreParts => "has more than one year or more than one tag".into(),
            Reason::Junk => format!(
                "has unexpected text `{}` after the link",
                e.junk().first().map_or("", |j| &text[j.range()])
            ),
            Reason::Bullet => format!(
                "uses `{}` as its bullet instead of `-`",
                &text[item.marker.range()]
            ),
            Reason::Indented => "is indented".into(),
            Reason::BulletSpace => "does not have exactly one space after the bullet".into(),
            Reason::YearBare => "has its year without backticks".into(),
            Reason::YearSpaced => "has spaces inside the year's backticks".into(),
            Reason::Emoji => {
                let tag = e.tag.as_ref();
                format!(
                    "writes the tag as the emoji `{}` instead of the shortcode `:{}:`",
                    tag.map_or("", |t| t.written(text)),
                    tag.and_then(|t| doc.tag_name(t)).unwrap_or("")
                )
            }
            Reason::TagFirst => "puts the tag before the year".into(),
            Reason::Dash => format!(
                "uses `{}` as a separator instead of `-`",
                e.layout.other_dash().unwrap_or('-')
            ),
            Reason::Separators => "does not separate link, year and tag with ` - `".into(),
        }
    }
}

/// Why the printer must keep the entry as written, if it must.
fn unfixable(doc: &Document, e: &Entry) -> Option<Reason> {
    let text = doc.text();
    let item = doc.item(e);
    let Some(link) = item.link() else {
        return Some(Reason::NoLink);
    };
    if item.complex {
        return Some(Reason::Complex);
    }
    if item.lines.len() > 1 {
        return Some(Reason::MultiLine);
    }
    if e.url.is_none() {
        return Some(Reason::NotInline);
    }
    if text[link.text_range.range()].trim().is_empty() {
        return Some(Reason::EmptyTitle);
    }
    if e.layout.spaces_in_url() {
        return Some(Reason::SpacesInUrl);
    }
    if e.layout.more_parts() {
        return Some(Reason::MoreParts);
    }
    if !e.junk().is_empty() {
        return Some(Reason::Junk);
    }
    None
}

/// How far `e` is from the canonical form. An entry with its year or tag
/// missing is judged on what is there (the missing parts are their own
/// rules').
pub fn shape(doc: &Document, e: &Entry) -> Shape {
    if let Some(reason) = unfixable(doc, e) {
        return Shape::Unfixable(reason);
    }
    let (Some(year), Some(tag), Some(link)) = (&e.year, &e.tag, doc.item(e).link()) else {
        return Shape::Canonical;
    };
    let text = doc.text();
    let item = doc.item(e);
    let marker = &text[item.marker.range()];
    let tail = &text[link.range.end()..item.range.end()];
    let canonical_tail = || {
        let rest = tail.strip_prefix(" - `")?;
        let digits = rest.get(..4)?;
        let rest = rest[4..].strip_prefix("` - :")?;
        let rest = rest.strip_prefix(doc.tag_name(tag)?)?;
        // Four digits naming the year (a year below 1000 is never written so).
        let named = year.value >= 1000 && digits.parse::<u16>().ok()? == year.value;
        (named && rest == ":").then_some(())
    };
    let line_start = text[..item.range.start()].rfind('\n').map_or(0, |i| i + 1);
    let reason = if marker != "-" {
        Reason::Bullet
    } else if item.marker.start() != line_start {
        Reason::Indented
    } else if &text[item.marker.end()..link.range.start()] != " " {
        Reason::BulletSpace
    } else if e.layout.year_bare() {
        Reason::YearBare
    } else if e.layout.year_spaced() {
        Reason::YearSpaced
    } else if tag.emoji {
        Reason::Emoji
    } else if tag.range.start() < year.range.start() {
        Reason::TagFirst
    } else if e.layout.other_dash().is_some() {
        Reason::Dash
    } else if canonical_tail().is_none() {
        Reason::Separators
    } else {
        return Shape::Canonical;
    };
    Shape::Fixable(reason)
}

/// The printer can write this entry in the canonical form: all its parts
/// are there, its tag is configured, and nothing forces it to stay as
/// written.
pub fn normalisable(doc: &Document, e: &Entry) -> bool {
    e.url.is_some()
        && e.year.is_some()
        && e.tag.as_ref().is_some_and(|t| t.name.is_some())
        && unfixable(doc, e).is_none()
}

/// Writes one entry for the printer: canonical when it can be and the
/// rule may repair it, else as written with its local repairs. Trailing
/// spaces the canonical form drops are kept where `trailing-whitespace` may
/// not repair them.
pub fn print(out: &mut String, cx: &Context, p: &Patcher, e: &Entry) {
    let doc = cx.doc;
    let item = doc.item(e);
    let first = item.lines.start();
    match (
        normalisable(doc, e) && cx.repairs(RuleId::EntryFormat, first),
        doc.title(e),
        &e.url,
        &e.year,
        e.tag.as_ref().and_then(|t| doc.tag_name(t)),
    ) {
        (true, Some(title), Some(url), Some(year), Some(tag)) => entry_line(
            out,
            "-",
            &p.slice_cow(title),
            &p.slice_cow(url.range.range()),
            year.value,
            tag,
        ),
        _ => p.slice_into(out, item.range.range()),
    }
    let last = item.lines.end().saturating_sub(1).max(first);
    if !cx.repairs(RuleId::TrailingWhitespace, last) {
        let line_end = doc.source.line_range(last).end;
        if let Some(tail) = doc.text().get(item.range.end()..line_end) {
            out.push_str(tail);
        }
    }
}

fn check(cx: &Context) -> Vec<Violation> {
    if !cx.doc.profile.at_scale {
        return other_bullets(cx);
    }
    at_scale_form(cx)
}

/// In a list of another shape: the items that link out of the page
/// (entries, or bullets that cite a write-up) whose bullet is not the one
/// most of the list's items use; a bullet list of prose (features, steps)
/// is the text's own. The list's other
/// habits are its own; its entries are judged by the other entry rules.
fn other_bullets(cx: &Context) -> Vec<Violation> {
    let doc = cx.doc;
    let bullet = &doc.profile.bullet;
    let Some(expected) = bullet.value else {
        return Vec::new();
    };
    doc.entries
        .iter()
        .filter(|e| !doc.is_container(e) && links_out(doc, doc.item(e)))
        .filter_map(|e| {
            let item = doc.item(e);
            let marker = &doc.text()[item.marker.range()];
            let other = matches!(marker, "-" | "*" | "+") && !marker.starts_with(expected);
            other.then(|| {
                Violation::new(
                    cx.first_line(e),
                    format!("item uses `{marker}` as its bullet where this list uses `{expected}`"),
                )
                .label("another bullet")
                .help(format!(
                    "write `{expected}` as {} of {} items of this list do",
                    bullet.count, bullet.of
                ))
            })
        })
        .collect()
}

/// The item starts with a link out of the page or holds one.
fn links_out(doc: &Document, item: &crate::model::ListItem) -> bool {
    item.link().is_some()
        || doc
            .links_out_within(item.range.range())
            .iter()
            .any(|l| !l.image)
}

/// In a list of the at-scale shape: each entry against the canonical form.
fn at_scale_form(cx: &Context) -> Vec<Violation> {
    use rayon::prelude::*;
    // Judged on all cores: the one rule that reads every entry's text.
    cx.doc
        .entries
        .par_iter()
        .with_min_len(4096)
        .filter_map(|e| {
            if !judged(cx.doc, e) {
                return None;
            }
            // Missing or unknown parts are reported by their own rules.
            let parts_known = e.year.is_some() && e.tag.as_ref().is_some_and(|t| t.name.is_some());
            let (reason, fixable) = match shape(cx.doc, e) {
                Shape::Unfixable(r) if e.url.is_none() || cx.doc.item(e).link().is_none() => {
                    (r, false)
                }
                _ if !parts_known => return None,
                Shape::Canonical => return None,
                Shape::Fixable(r) => (r, true),
                Shape::Unfixable(r) => (r, false),
            };
            Some(
                Violation::new(
                    cx.first_line(e),
                    format!("entry {}", reason.text(cx.doc, e)),
                )
                .label("not the entry form")
                .help(EXPECTED)
                .fixable(fixable),
            )
        })
        .collect()
}

/// An item is judged as an entry unless it is a bullet that holds
/// entries (a company or topic bullet: `* Caching` over nested entries),
/// or, in a list of another shape than the at-scale one, prose with no
/// link at all (FORMAT.md section 7.2: a prose bullet is no malformed
/// entry).
fn judged(doc: &Document, e: &Entry) -> bool {
    let item = doc.item(e);
    if item.link().is_some() {
        return true;
    }
    !doc.is_container(e) && (doc.profile.at_scale || links_out(doc, item))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::source::Source;

    /// The document of a one-section list holding `line`, and its shape.
    fn judged(line: &str) -> (Document, Shape) {
        let text = format!("## Table of Contents\n\n1. [A](#a)\n\n## A\n\n{line}\n");
        let doc = Document::parse(Source::new("t", &text), &Config::default());
        assert_eq!(doc.entries.len(), 1, "{line}");
        let shape = shape(&doc, &doc.entries[0]);
        (doc, shape)
    }

    fn reason(line: &str) -> (Shape, String) {
        let (doc, shape) = judged(line);
        let text = match shape {
            Shape::Canonical => String::new(),
            Shape::Fixable(r) | Shape::Unfixable(r) => r.text(&doc, &doc.entries[0]),
        };
        (shape, text)
    }

    #[test]
    fn canonical_entries_are_canonical() {
        for line in [
            "- [Scaling Flink](https://example.com/a) - `2021` - :books:",
            "- [[Uber Seattle] Intro to Kappa+](https://youtu.be/x) - `2019` - :studio_microphone:",
            "- [T]( https://e.com) - `2020` - :books:",
        ] {
            assert_eq!(judged(line).1, Shape::Canonical, "{line}");
        }
    }

    #[test]
    fn star_bullets_dashes_and_emoji_are_fixable() {
        let cases = [
            ("* [T](https://e.com) - `2020` - :books:", "bullet"),
            ("- [T](https://e.com) – `2020` – :books:", "`–`"),
            ("- [T](https://e.com) — `2020` — :books:", "`—`"),
            ("- [T](https://e.com) - `2020` - 🎙️", "emoji"),
            ("- [T](https://e.com) `2020` :books:", "` - `"),
            ("- [T](https://e.com) - 2020 - :books:", "backticks"),
            ("- [T](https://e.com) - ` 2020` - :books:", "spaces inside"),
            ("- [T](https://e.com) - :books: - `2020`", "before the year"),
            ("-  [T](https://e.com) - `2020` - :books:", "one space"),
            ("  - [T](https://e.com) - `2020` - :books:", "indented"),
        ];
        for (line, why) in cases {
            let (shape, text) = reason(line);
            assert!(matches!(shape, Shape::Fixable(_)), "{line}: {shape:?}");
            assert!(text.contains(why), "{line}: {text}");
            let (doc, _) = judged(line);
            assert!(normalisable(&doc, &doc.entries[0]), "{line}");
        }
    }

    #[test]
    fn what_cannot_be_rewritten_is_unfixable() {
        let cases = [
            (
                "- [T](https://e.com) - `2020` - :books: (slides)",
                "`(slides)`",
            ),
            ("- just some text", "does not start with a link"),
            (
                "- [T][r] - `2020` - :books:\n\n[r]: https://e.com",
                "reference link",
            ),
            (
                "- [T](https://e.com) - `2020` - `2021` - :books:",
                "more than one year",
            ),
            ("- [](https://e.com) - `2020` - :books:", "empty title"),
            (
                "- [T](https://e.com \"t\") - `2020` - :books:",
                "link title",
            ),
        ];
        for (line, why) in cases {
            let (shape, text) = reason(line);
            assert!(matches!(shape, Shape::Unfixable(_)), "{line}: {shape:?}");
            assert!(text.contains(why), "{line}: {text}");
            let (doc, _) = judged(line);
            assert!(!normalisable(&doc, &doc.entries[0]), "{line}");
        }
    }

    #[test]
    fn missing_parts_are_not_this_rules_business() {
        let (doc, shape) = judged("- [Keeping Redditors safe](https://youtu.be/x) 🎙️");
        assert_eq!(shape, Shape::Canonical);
        assert!(!normalisable(&doc, &doc.entries[0]));
        let (doc, _) = judged("- [T](https://e.com) - `2020` - :tv:");
        assert!(!normalisable(&doc, &doc.entries[0]));
    }
}
