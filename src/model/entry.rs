//! One entry: `- [Title](URL) - `YYYY` - :tag:`, read tolerantly.
//!
//! The title and URL come from pulldown-cmark's link (so titles may hold
//! brackets); what follows the link is split into separators, the year, the
//! tag and anything else. Every list item of a company section becomes an
//! [`Entry`], understood or not; its [`Shape`] says whether `fmt` can print
//! it in the canonical form.

use std::ops::Range;

use super::{ListItem, Span};
use crate::config::{is_shortcode_char, Config};
use crate::source::Source;

#[derive(Debug, Clone)]
pub struct Entry {
    /// Index into `Document::sections` (`u32`, as every index the model
    /// keeps per entry: see [`crate::model::Span`]).
    pub section: u32,
    /// The list the entry is in: the index of its first block. Lists that
    /// touch (a `*` list right below a `-` list) count as one list.
    pub list: u32,
    /// Where its list item is: `blocks[block]`'s item `index`; read it
    /// with [`crate::model::Document::item`].
    pub block: u32,
    pub index: u32,
    pub url: Option<Url>,
    pub year: Option<Year>,
    pub tag: Option<Tag>,
    pub shape: Shape,
    /// Text after the link that is neither a separator, a year nor a tag
    /// (see [`Entry::junk`]; nearly always none, so it costs one pointer).
    #[allow(clippy::box_collection)] // One word, not three: nearly always `None`.
    junk: Option<Box<Vec<Span>>>,
}

/// An entry's URL: the destination of its item's link, written inline
/// (read it with [`crate::model::Document::url`]).
#[derive(Debug, Clone)]
pub struct Url {
    /// Everything between `(` and `)`, as written (may have spaces).
    pub range: Span,
}

#[derive(Debug, Clone)]
pub struct Year {
    pub range: Span,
    pub value: u16,
}

#[derive(Debug, Clone)]
pub struct Tag {
    /// As written (`:books:` or `📚`): see [`Tag::written`].
    pub range: Span,
    /// The configured tag this is, if any: read its name with
    /// [`crate::model::Document::tag_name`].
    pub name: Option<TagId>,
    /// Written as a literal emoji rather than a shortcode.
    pub emoji: bool,
}

/// How far the entry is from the canonical form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shape {
    Canonical,
    /// Not canonical, but `fmt` can rewrite it; says what is off.
    Fixable(Reason),
    /// `fmt` must keep it as written; says why.
    Unfixable(Reason),
}

/// Why an entry is not canonical: a sentence for the diagnostic. One
/// pointer wide, as most entries have none.
#[derive(Debug, Clone, PartialEq, Eq)]
#[allow(clippy::box_collection)] // One word, not two: the shape stays 16 bytes.
pub struct Reason(Box<String>);

impl From<&str> for Reason {
    fn from(text: &str) -> Reason {
        Reason(Box::new(text.to_owned()))
    }
}

impl From<String> for Reason {
    fn from(text: String) -> Reason {
        Reason(Box::new(text))
    }
}

impl std::fmt::Display for Reason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::ops::Deref for Reason {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

/// A configured tag, as an index into [`TagNames`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TagId(u32);

impl Tag {
    /// The tag as written: `:books:` or `📚`.
    pub fn written<'a>(&self, source: &'a str) -> &'a str {
        source.get(self.range.range()).unwrap_or_default()
    }
}

impl Entry {
    /// Text after the link that is neither a separator, a year nor a tag.
    pub fn junk(&self) -> &[Span] {
        self.junk.as_deref().map_or(&[], Vec::as_slice)
    }

    /// `fmt` can print this entry in the canonical form.
    pub fn normalisable(&self) -> bool {
        self.url.is_some()
            && self.year.is_some()
            && self.tag.as_ref().is_some_and(|t| t.name.is_some())
            && !matches!(self.shape, Shape::Unfixable(_))
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Separator(char),
    Year {
        value: u16,
        code: bool,
        exact: bool,
    },
    /// `:name:`; the name is the token's text without the colons.
    Shortcode,
    /// A word of symbols: the token's text.
    Emoji,
    Other,
}

/// The configured tag names; an entry's tag refers to one by [`TagId`].
#[derive(Debug, Clone, Default)]
pub struct TagNames(Vec<Box<str>>);

impl TagNames {
    pub(super) fn new(config: &Config) -> Self {
        TagNames(config.tags.keys().map(|k| k.as_str().into()).collect())
    }

    fn id(&self, name: &str) -> Option<TagId> {
        let i = self.0.iter().position(|n| &**n == name)?;
        Some(TagId(u32::try_from(i).ok()?))
    }

    /// The name of a tag.
    pub fn name(&self, id: TagId) -> &str {
        self.0.get(id.0 as usize).map_or("", |n| n)
    }
}

/// Where an entry sits: its section, its list and its item.
#[derive(Debug, Clone, Copy)]
pub(super) struct Place {
    pub section: u32,
    pub list: u32,
    pub block: u32,
    pub index: u32,
}

pub(super) fn parse(
    source: &Source,
    item: &ListItem,
    place: Place,
    config: &Config,
    names: &TagNames,
) -> Entry {
    let text = source.text.as_str();
    let mut entry = Entry {
        section: place.section,
        list: place.list,
        block: place.block,
        index: place.index,
        url: None,
        year: None,
        tag: None,
        shape: Shape::Unfixable("does not start with a link `[Title](URL)`".into()),
        junk: None,
    };
    let Some(link) = item.link() else {
        return entry;
    };
    let close = link.text_range.end();
    let inline_parts = link.inline
        && text[close..].starts_with("](")
        && link.range.end() > close + 2
        && text[..link.range.end()].ends_with(')');
    let url = inline_parts.then(|| Url {
        range: (close + 2..link.range.end() - 1).into(),
    });

    let tail = link.range.end()..item.range.end();
    let tokens = tokenize(&text[tail.clone()], tail.start);
    let mut years = Vec::new();
    let mut tags = Vec::new();
    let mut junk = Vec::new();
    for (token, range) in &tokens {
        match token {
            Token::Year { value, .. } => years.push((*value, range.clone())),
            Token::Shortcode => tags.push(Tag {
                range: range.clone().into(),
                name: names.id(&text[range.start + 1..range.end - 1]),
                emoji: false,
            }),
            Token::Emoji => tags.push(Tag {
                range: range.clone().into(),
                name: config
                    .tag_for_emoji(&text[range.clone()])
                    .and_then(|n| names.id(n)),
                emoji: true,
            }),
            Token::Other => junk.push(range.clone()),
            Token::Separator(_) => {}
        }
    }
    let year = years.first().map(|(value, range)| Year {
        range: range.clone().into(),
        value: *value,
    });
    let parts = Parts {
        url: url.as_ref(),
        year: year.as_ref(),
        tag: tags.first(),
        junk: &junk,
        tokens: &tokens,
        inline_parts,
        year_count: years.len(),
        tag_count: tags.len(),
    };
    let shape = shape(text, item, link, &parts, names);
    entry.url = url;
    entry.year = year;
    entry.tag = tags.into_iter().next();
    if !junk.is_empty() {
        entry.junk = Some(Box::new(junk.into_iter().map(Span::from).collect()));
    }
    entry.shape = shape;
    entry
}

/// What [`parse`] read after the link, for [`shape`].
struct Parts<'a> {
    url: Option<&'a Url>,
    year: Option<&'a Year>,
    tag: Option<&'a Tag>,
    junk: &'a [Range<usize>],
    tokens: &'a [(Token, Range<usize>)],
    inline_parts: bool,
    year_count: usize,
    tag_count: usize,
}

fn shape(
    text: &str,
    item: &ListItem,
    link: &super::ItemLink,
    parts: &Parts,
    names: &TagNames,
) -> Shape {
    let Parts {
        url,
        year,
        tag,
        junk,
        tokens,
        inline_parts,
        year_count,
        tag_count,
    } = *parts;
    if item.complex {
        return Shape::Unfixable(
            "holds more than one block (a nested list or several paragraphs)".into(),
        );
    }
    if item.lines.len() > 1 {
        return Shape::Unfixable("is written over several lines".into());
    }
    if !inline_parts {
        return Shape::Unfixable(
            "uses a reference link or autolink instead of `[Title](URL)`".into(),
        );
    }
    if text[link.text_range.range()].trim().is_empty() {
        return Shape::Unfixable("has an empty title".into());
    }
    if let Some(url) = url {
        let raw = text[url.range.range()].trim();
        let raw = raw
            .strip_prefix('<')
            .and_then(|r| r.strip_suffix('>'))
            .unwrap_or(raw);
        if raw.chars().any(char::is_whitespace) {
            return Shape::Unfixable("has a link title or spaces inside its URL".into());
        }
    }
    if year_count > 1 || tag_count > 1 {
        return Shape::Unfixable("has more than one year or more than one tag".into());
    }
    if let Some(junk) = junk.first() {
        return Shape::Unfixable(
            format!(
                "has unexpected text `{}` after the link",
                &text[junk.clone()]
            )
            .into(),
        );
    }
    let (Some(year), Some(tag)) = (year, tag) else {
        // Missing parts are their own rules; the shape is what is there.
        return Shape::Canonical;
    };
    let marker = &text[item.marker.range()];
    let tail = &text[link.range.end()..item.range.end()];
    let canonical_tail = || {
        let rest = tail.strip_prefix(" - `")?;
        let rest = rest.strip_prefix(year.value.to_string().as_str())?;
        let rest = rest.strip_prefix("` - :")?;
        let rest = rest.strip_prefix(names.name(tag.name?))?;
        (rest == ":").then_some(())
    };
    let line_start = text[..item.range.start()].rfind('\n').map_or(0, |i| i + 1);
    let year_token = tokens.iter().find_map(|(t, _)| match t {
        Token::Year { code, exact, .. } => Some((*code, *exact)),
        _ => None,
    });
    let tag_first = tag.range.start() < year.range.start();
    let reason = if marker != "-" {
        format!("uses `{marker}` as its bullet instead of `-`")
    } else if item.range.start() != line_start {
        "is indented".into()
    } else if &text[item.marker.end()..link.range.start()] != " " {
        "does not have exactly one space after the bullet".into()
    } else if year_token == Some((false, true)) {
        "has its year without backticks".into()
    } else if year_token == Some((true, false)) {
        "has spaces inside the year's backticks".into()
    } else if tag.emoji {
        format!(
            "writes the tag as the emoji `{}` instead of the shortcode `:{}:`",
            tag.written(text),
            tag.name.map_or("", |id| names.name(id))
        )
    } else if tag_first {
        "puts the tag before the year".into()
    } else if let Some(dash) = tokens.iter().find_map(|(t, _)| match t {
        Token::Separator(c) if *c != '-' => Some(*c),
        _ => None,
    }) {
        format!("uses `{dash}` as a separator instead of `-`")
    } else if canonical_tail().is_none() {
        "does not separate link, year and tag with ` - `".into()
    } else {
        return Shape::Canonical;
    };
    Shape::Fixable(reason.into())
}

/// Splits what follows an entry's link into tokens with absolute ranges.
fn tokenize(tail: &str, base: usize) -> Vec<(Token, Range<usize>)> {
    let mut out = Vec::new();
    let mut rest = tail;
    let mut at = base;
    loop {
        let trimmed = rest.trim_start();
        at += rest.len() - trimmed.len();
        rest = trimmed;
        let Some(c) = rest.chars().next() else { break };
        let (token, len) = if matches!(c, '-' | '–' | '—') {
            (Token::Separator(c), c.len_utf8())
        } else if c == '`' {
            match rest[1..].find('`') {
                Some(end) => {
                    let content = &rest[1..1 + end];
                    let token = match year_value(content.trim()) {
                        Some(value) => Token::Year {
                            value,
                            code: true,
                            exact: content.len() == 4,
                        },
                        None => Token::Other,
                    };
                    (token, end + 2)
                }
                None => (Token::Other, word_len(rest)),
            }
        } else if let Some(len) = shortcode_len(rest) {
            (Token::Shortcode, len)
        } else {
            let len = word_len(rest);
            let word = &rest[..len];
            let token = if let Some(value) = year_value(word) {
                Token::Year {
                    value,
                    code: false,
                    exact: true,
                }
            } else if word.chars().all(|c| !c.is_ascii() && !c.is_alphanumeric()) {
                Token::Emoji
            } else {
                Token::Other
            };
            (token, len)
        };
        out.push((token, at..at + len));
        rest = &rest[len..];
        at += len;
    }
    out
}

fn year_value(s: &str) -> Option<u16> {
    (s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

fn word_len(s: &str) -> usize {
    s.find(char::is_whitespace).unwrap_or(s.len())
}

/// Length of a `:shortcode:` at the start of `s`.
fn shortcode_len(s: &str) -> Option<usize> {
    let body = s.strip_prefix(':')?;
    let end = body.find(|c: char| !is_shortcode_char(c))?;
    (end > 0 && body[end..].starts_with(':')).then_some(end + 2)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Document;

    /// Each entry with its title and URL as text.
    fn entries(list: &str) -> Vec<(Entry, String, String)> {
        let text = format!("## Table of Contents\n\n1. [A](#a)\n\n## A\n\n{list}");
        let doc = Document::parse(Source::new("t", &text), &Config::default());
        let t = doc.text();
        doc.entries
            .iter()
            .map(|e| {
                let title = doc.title(e).map(|r| t[r].to_owned()).unwrap_or_default();
                let url = doc.url(e).unwrap_or_default();
                (e.clone(), title, url.to_owned())
            })
            .collect()
    }

    /// The configured name of an entry's tag (default config).
    fn tag_name(e: &Entry) -> Option<String> {
        let names = TagNames::new(&Config::default());
        Some(names.name(e.tag.as_ref()?.name?).to_owned())
    }

    fn one(line: &str) -> (Entry, String) {
        let (e, title, _) = one_with_url(line);
        (e, title)
    }

    fn one_with_url(line: &str) -> (Entry, String, String) {
        let mut all = entries(&format!("{line}\n"));
        assert_eq!(all.len(), 1, "{line}");
        all.remove(0)
    }

    #[test]
    fn canonical_entry_is_read() {
        let (e, title, url) =
            one_with_url("- [Scaling Flink](https://example.com/a) - `2021` - :books:");
        assert_eq!(e.shape, Shape::Canonical);
        assert_eq!(title, "Scaling Flink");
        assert_eq!(url, "https://example.com/a");
        assert_eq!(e.year.as_ref().unwrap().value, 2021);
        assert_eq!(tag_name(&e).as_deref(), Some("books"));
    }

    #[test]
    fn nested_brackets_in_titles_survive() {
        let (e, title) = one(
            "- [[Uber Seattle] Intro to Kappa+](https://youtu.be/x) - `2019` - :studio_microphone:",
        );
        assert_eq!(title, "[Uber Seattle] Intro to Kappa+");
        assert_eq!(e.shape, Shape::Canonical);
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
            ("- [T](https://e.com) - :books: - `2020`", "before the year"),
        ];
        for (line, why) in cases {
            let (e, _) = one(line);
            match &e.shape {
                Shape::Fixable(reason) => assert!(reason.contains(why), "{line}: {reason}"),
                other => panic!("{line}: {other:?}"),
            }
            assert!(e.normalisable(), "{line}");
        }
    }

    #[test]
    fn literal_emoji_is_the_same_tag() {
        let (e, _) = one("- [T](https://e.com) - `2020` - 🎙");
        assert_eq!(tag_name(&e).as_deref(), Some("studio_microphone"));
    }

    #[test]
    fn missing_and_unknown_parts_are_kept() {
        let (e, _) = one("- [Keeping Redditors safe](https://youtu.be/x) 🎙️");
        assert!(e.year.is_none());
        assert!(e.tag.is_some());
        assert!(!e.normalisable());
        let (e, _) = one("- [T](https://e.com) - `2020` - :tv:");
        assert_eq!(tag_name(&e), None);
        let (e, _) = one("- just some text");
        assert!(e.url.is_none());
        assert!(matches!(e.shape, Shape::Unfixable(_)));
    }

    #[test]
    fn trailing_text_is_unfixable() {
        let (e, _) = one("- [T](https://e.com) - `2020` - :books: (slides)");
        assert!(matches!(&e.shape, Shape::Unfixable(r) if r.contains("(slides)")));
    }

    #[test]
    fn url_with_leading_space_is_read() {
        let (e, _, dest) = one_with_url("- [T]( https://e.com) - `2020` - :books:");
        assert_eq!(dest, "https://e.com");
        assert_eq!(e.shape, Shape::Canonical);
        assert!(e.url.unwrap().range.len() > dest.len());
    }

    #[test]
    fn every_item_becomes_an_entry() {
        let all = entries("- [A](https://a.com) - `2020` - :books:\n* [B](https://b.com) - `2019` - :books:\n- c\n");
        // `*` starts a new list in CommonMark; both lists are read.
        assert_eq!(all.len(), 3);
    }
}
