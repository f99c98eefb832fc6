//! Reads one entry from its list item: the title and URL come from
//! pulldown-cmark's link (so titles may hold brackets); what follows the link
//! is split into separators, the year, the tag and anything else.

use std::ops::Range;

use crate::config::{is_shortcode_char, Config};
use crate::model::document::ListItem;
use crate::model::entry::{Entry, Layout, Tag, TagNames, Url, Year};
use crate::model::span::Span;
use crate::source::Source;

/// Where an entry sits: its section, its list and its item.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Place {
    pub section: u32,
    pub list: u32,
    pub block: u32,
    pub index: u32,
    /// The year of the nearest heading above the entry in its section,
    /// when that heading is a year (`#### 2024`).
    pub heading_year: Option<u16>,
}

pub(crate) fn parse(
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
        title_year: None,
        heading_year: place.heading_year,
        layout: Layout::default(),
        junk: None,
    };
    let Some(link) = item.link() else {
        return entry;
    };
    entry.title_year = crate::model::entry::title_year(link.text(text));
    let close = link.text_range.end();
    let inline_parts = link.inline
        && text[close..].starts_with("](")
        && link.range.end() > close + 2
        && text[..link.range.end()].ends_with(')');
    let url = inline_parts.then(|| Url {
        range: (close + 2..link.range.end() - 1).into(),
    });

    let tail = link.range.end()..item.range.end();
    // One pass over the tokens, with no vector for them or for the years
    // and tags (an allocation each per entry, on lists of 100,000): the
    // first year and tag, how many there are, how the first year is
    // written and the first separator that is not `-`.
    let (mut year, mut years) = (None, 0);
    let (mut tag, mut tags) = (None, 0);
    let mut year_written = None;
    let mut first_dash = None;
    let mut junk = Vec::new();
    for (token, range) in tokens(&text[tail.clone()], tail.start) {
        match token {
            Token::Year { value, code, exact } => {
                years += 1;
                if year.is_none() {
                    year = Some(Year {
                        range: range.into(),
                        value,
                    });
                    year_written = Some((code, exact));
                }
            }
            Token::Shortcode | Token::Emoji => {
                tags += 1;
                if tag.is_none() {
                    let emoji = token == Token::Emoji;
                    let name = if emoji {
                        config
                            .tag_for_emoji(&text[range.clone()])
                            .and_then(|n| names.id(n))
                    } else {
                        names.id(&text[range.start + 1..range.end - 1])
                    };
                    tag = Some(Tag {
                        range: range.clone().into(),
                        name,
                        emoji,
                    });
                }
            }
            Token::Other => junk.push(range),
            Token::Separator(c) => {
                if c != '-' && first_dash.is_none() {
                    first_dash = Some(c);
                }
            }
        }
    }
    let spaces_in_url = url.as_ref().is_some_and(|u| {
        let raw = text[u.range.range()].trim();
        let raw = raw
            .strip_prefix('<')
            .and_then(|r| r.strip_suffix('>'))
            .unwrap_or(raw);
        crate::spaces::has_whitespace(raw)
    });
    entry.layout = Layout::new(
        years > 1 || tags > 1,
        year_written,
        first_dash,
        spaces_in_url,
    );
    entry.url = url;
    entry.year = year;
    entry.tag = tag;
    if !junk.is_empty() {
        entry.junk = Some(Box::new(junk.into_iter().map(Span::from).collect()));
    }
    entry
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

/// Splits what follows an entry's link into tokens with absolute ranges.
fn tokens(tail: &str, base: usize) -> impl Iterator<Item = (Token, Range<usize>)> + '_ {
    let mut rest = tail;
    let mut at = base;
    std::iter::from_fn(move || {
        let trimmed = rest.trim_start();
        at += rest.len() - trimmed.len();
        rest = trimmed;
        let c = rest.chars().next()?;
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
        let range = at..at + len;
        rest = &rest[len..];
        at += len;
        Some((token, range))
    })
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
    use crate::config::Config;
    use crate::model::entry::TagNames;
    use crate::model::{Document, Entry};
    use crate::source::Source;

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

    fn one(line: &str) -> (Entry, String, String) {
        let mut all = entries(&format!("{line}\n"));
        assert_eq!(all.len(), 1, "{line}");
        all.remove(0)
    }

    #[test]
    fn canonical_entry_is_read() {
        let (e, title, url) = one("- [Scaling Flink](https://example.com/a) - `2021` - :books:");
        assert_eq!(title, "Scaling Flink");
        assert_eq!(url, "https://example.com/a");
        assert_eq!(e.year.as_ref().unwrap().value, 2021);
        assert_eq!(tag_name(&e).as_deref(), Some("books"));
        assert_eq!(e.layout, Default::default());
    }

    #[test]
    fn nested_brackets_in_titles_survive() {
        let (_, title, _) = one(
            "- [[Uber Seattle] Intro to Kappa+](https://youtu.be/x) - `2019` - :studio_microphone:",
        );
        assert_eq!(title, "[Uber Seattle] Intro to Kappa+");
    }

    #[test]
    fn how_the_parts_were_written_is_kept() {
        let (e, ..) = one("- [T](https://e.com) – 2020 — :books: - `2021`");
        assert!(e.layout.more_parts());
        assert!(e.layout.year_bare());
        assert_eq!(e.layout.other_dash(), Some('–'));
        let (e, ..) = one("- [T](https://e.com) - ` 2020 ` - :books:");
        assert!(e.layout.year_spaced());
        assert!(!e.layout.more_parts());
    }

    #[test]
    fn literal_emoji_is_the_same_tag() {
        let (e, ..) = one("- [T](https://e.com) - `2020` - 🎙");
        assert_eq!(tag_name(&e).as_deref(), Some("studio_microphone"));
        assert!(e.tag.unwrap().emoji);
    }

    #[test]
    fn missing_and_unknown_parts_are_kept() {
        let (e, ..) = one("- [Keeping Redditors safe](https://youtu.be/x) 🎙️");
        assert!(e.year.is_none());
        assert!(e.tag.is_some());
        let (e, ..) = one("- [T](https://e.com) - `2020` - :tv:");
        assert_eq!(tag_name(&e), None);
        let (e, ..) = one("- just some text");
        assert!(e.url.is_none());
        let (e, ..) = one("- [T](https://e.com) - `2020` - :books: (slides)");
        assert_eq!(e.junk().len(), 1);
    }

    #[test]
    fn url_with_leading_space_is_read() {
        let (e, _, dest) = one("- [T]( https://e.com) - `2020` - :books:");
        assert_eq!(dest, "https://e.com");
        assert!(e.url.unwrap().range.len() > dest.len());
    }

    #[test]
    fn every_item_becomes_an_entry() {
        let all = entries("- [A](https://a.com) - `2020` - :books:\n* [B](https://b.com) - `2019` - :books:\n- c\n");
        // `*` starts a new list in CommonMark; both lists are read.
        assert_eq!(all.len(), 3);
    }
}
