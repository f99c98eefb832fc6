//! Plain sections, read without pulldown-cmark.
//!
//! Most of a large list is sections like
//!
//! ```text
//! ## Acme
//!
//! - [Event Tracing at Acme](https://acme.com/blog/tracing) - `2024` - :books:
//! - [Flink at Acme](https://youtu.be/x) - `2023` - :studio_microphone:
//! ```
//!
//! a `## ` heading and one tight list of one-line items, each a link then
//! text and code spans, with none of the characters that start Markdown
//! markup. What pulldown-cmark gives for such a section is known before it
//! parses it: a heading with its text, a list, and per item its link, the
//! link's text, and the text and code after it, with ranges that follow from
//! the bytes. [`read`] recognises such a section byte by byte and hands the
//! collector those very events, at a fraction of a parse's cost (the parse is
//! most of `lint`'s time).
//!
//! A section is read here only when it starts at a cut (a `## ` line after a
//! blank line: [`super::cuts::is_cut`]), so that it reads the same wherever
//! it stands, and the collector reads it this way only after text that left
//! no code or HTML block open. Anything else about the section (a second
//! paragraph, an emphasis, an escape, an entity, an HTML tag, a trailing
//! space, a tab, a CR, a blank line between items, an indented line) and it
//! is parsed by pulldown-cmark as before. The tests compare these events
//! with pulldown-cmark's, section by section and model by model, on
//! generated sections made of the characters that matter, on every fixture
//! and list beside the repository, and under the `lint` fuzz target.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, HeadingLevel, LinkType, Tag, TagEnd};

/// A plain section: its heading's text and its list's lines.
pub(super) struct Section {
    /// The heading line, from `##` to its line feed included.
    heading_line: Range<usize>,
    heading_text: Range<usize>,
    /// The list: from its first item to the section's end (blank lines
    /// after the last item belong to it, as in pulldown-cmark's ranges).
    list: Range<usize>,
    items: Vec<Item>,
}

/// One item of a plain section's list.
struct Item {
    /// From its marker to the next item, or to the section's end.
    range: Range<usize>,
    /// `[text](dest)`.
    link: Range<usize>,
    text: Range<usize>,
    dest: Range<usize>,
    /// What follows the link up to the line feed: text and code spans.
    rest: Range<usize>,
}

/// Whether `b` may start markup inline (pulldown-cmark's special bytes
/// with the crate's options: emphasis, strikethrough, escapes, links, HTML
/// and autolinks) or is not text (C0 controls and DEL: tab, CR, NUL and the
/// line feed among them). Not `!` (an image needs the `[` after it) nor
/// `|` (a table needs a delimiter row, and a plain section's lines are
/// headings and items); `&`, `_` and `` ` `` are looked at apart. Written
/// with `|`, no branch, so that a pass over many bytes goes wide.
fn markup_or_control(b: u8) -> bool {
    (b < 0x20)
        | (b == 0x7F)
        | (b == b'*')
        | (b == b'~')
        | (b == b'\\')
        | (b == b'[')
        | (b == b']')
        | (b == b'<')
}

/// Whether any of `bytes` is one `is_markup` takes: a pass with no branch
/// per byte, as most text has none.
fn any(bytes: &[u8], is_markup: impl Fn(u8) -> bool) -> bool {
    bytes.iter().fold(false, |found, &b| found | is_markup(b))
}

/// Whether no `&` in `bytes` may start an entity or a numeric character
/// reference (`&amp;`, `&#39;`: letters, digits or `#` then `;`). An `&`
/// with no `;` after its word (`AT&T`, `Q&A`) is text.
fn no_entity(bytes: &[u8]) -> bool {
    memchr::memchr_iter(b'&', bytes).all(|at| {
        let word = bytes[at + 1..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'#')
            .count();
        bytes.get(at + 1 + word) != Some(&b';')
    })
}

/// Whether every `_` in `bytes` is inside a word (`:studio_microphone:`,
/// `snake_case`: a letter or digit each side): such a `_` can neither open
/// nor close emphasis.
fn no_emphasis_underscore(bytes: &[u8]) -> bool {
    let alnum = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_alphanumeric);
    memchr::memchr_iter(b'_', bytes).all(|at| at > 0 && alnum(at - 1) && alnum(at + 1))
}

/// Whether `bytes` are text that holds no markup.
fn is_plain(bytes: &[u8]) -> bool {
    memchr::memchr(b'`', bytes).is_none() && is_plain_but_code(bytes)
}

/// [`is_plain`], but for backticks (looked at by [`is_plain_rest`]).
fn is_plain_but_code(bytes: &[u8]) -> bool {
    !any(bytes, markup_or_control) && no_entity(bytes) && no_emphasis_underscore(bytes)
}

/// A link destination written bare: no space or control, no parenthesis
/// (balanced ones nest), no escape or entity (they would be decoded), no
/// `<`, `>`, bracket or backtick (autolinks, HTML and code bind tighter
/// than a link).
fn is_bare_destination(bytes: &[u8]) -> bool {
    let refused = |b: u8| {
        (b <= 0x20)
            | (b == 0x7F)
            | (b == b'(')
            | (b == b')')
            | (b == b'\\')
            | (b == b'<')
            | (b == b'>')
            | (b == b'[')
            | (b == b']')
            | (b == b'`')
    };
    !bytes.is_empty() && !any(bytes, refused) && no_entity(bytes)
}

/// The section `text[unit]` when it is plain, else `None`. `unit` starts at
/// a cut and ends at the next cut or at the end of the text.
pub(super) fn read(text: &str, unit: Range<usize>) -> Option<Section> {
    let bytes = &text.as_bytes()[..unit.end];
    let start = unit.start;
    // The heading: `## `, text that neither starts nor ends with a space
    // nor ends with `#` (a closing sequence), a line feed.
    if bytes.get(start..start + 3)? != b"## " {
        return None;
    }
    let heading_end = start + memchr::memchr(b'\n', &bytes[start..])?;
    let heading_text = start + 3..heading_end;
    let heading = &bytes[heading_text.clone()];
    if heading.is_empty()
        || heading[0] == b' '
        || matches!(heading[heading.len() - 1], b' ' | b'#')
        || !is_plain(heading)
    {
        return None;
    }
    let mut at = heading_end + 1;
    // Blank lines (empty ones) before the list.
    while bytes.get(at) == Some(&b'\n') {
        at += 1;
    }
    let list_start = at;
    let marker = *bytes.get(at)?;
    if !matches!(marker, b'-' | b'*' | b'+') {
        return None;
    }
    let mut items = Vec::new();
    while bytes.get(at) == Some(&marker) {
        let item = read_item(bytes, at)?;
        at = item.range.end;
        items.push(item);
    }
    // Then only empty lines to the section's end: they end the list.
    if !bytes[at..].iter().all(|&b| b == b'\n') {
        return None;
    }
    if let Some(last) = items.last_mut() {
        last.range.end = unit.end;
    }
    Some(Section {
        heading_line: start..heading_end + 1,
        heading_text,
        list: list_start..unit.end,
        items,
    })
}

/// The item whose line starts at `line` (its marker): `- [text](dest)`
/// then plain text and code spans, ended by a line feed.
fn read_item(bytes: &[u8], line: usize) -> Option<Item> {
    if bytes.get(line + 1..line + 3)? != b" [" {
        return None;
    }
    let end = line + memchr::memchr(b'\n', &bytes[line..])?;
    let text_start = line + 3;
    let close = text_start + memchr::memchr(b']', &bytes[text_start..end])?;
    let text = &bytes[text_start..close];
    if text.is_empty()
        || text[0] == b' '
        || text[text.len() - 1] == b' '
        || !is_plain(text)
        || bytes.get(close + 1) != Some(&b'(')
    {
        return None;
    }
    let dest_start = close + 2;
    let dest_end = dest_start + memchr::memchr(b')', &bytes[dest_start..end])?;
    if !is_bare_destination(&bytes[dest_start..dest_end]) {
        return None;
    }
    let rest = dest_end + 1..end;
    if !is_plain_rest(&bytes[rest.clone()]) {
        return None;
    }
    Some(Item {
        range: line..end + 1,
        link: line + 2..dest_end + 1,
        text: text_start..close,
        dest: dest_start..dest_end,
        rest,
    })
}

/// Text and code spans (`` `2024` ``: one backtick each side, text that
/// neither starts nor ends with a space inside), no trailing space (a
/// line break).
fn is_plain_rest(rest: &[u8]) -> bool {
    if rest.last() == Some(&b' ') || !is_plain_but_code(rest) {
        return false;
    }
    // Backticks in pairs, each pair a code span, none next to another (a
    // run of two is a longer span's fence).
    let mut ticks = memchr::memchr_iter(b'`', rest);
    while let Some(open) = ticks.next() {
        let Some(close) = ticks.next() else {
            return false;
        };
        let code = &rest[open + 1..close];
        if code.is_empty()
            || code[0] == b' '
            || code[code.len() - 1] == b' '
            || rest.get(close + 1) == Some(&b'`')
        {
            return false;
        }
    }
    true
}

impl Section {
    /// Hands `emit` the events pulldown-cmark gives for the section, with
    /// their ranges in the whole text.
    pub(super) fn events<'s>(&self, text: &'s str, mut emit: impl FnMut(Event<'s>, Range<usize>)) {
        let slice = |r: &Range<usize>| CowStr::Borrowed(&text[r.clone()]);
        emit(
            Event::Start(Tag::Heading {
                level: HeadingLevel::H2,
                id: None,
                classes: Vec::new(),
                attrs: Vec::new(),
            }),
            self.heading_line.clone(),
        );
        emit(
            Event::Text(slice(&self.heading_text)),
            self.heading_text.clone(),
        );
        emit(
            Event::End(TagEnd::Heading(HeadingLevel::H2)),
            self.heading_line.clone(),
        );
        emit(Event::Start(Tag::List(None)), self.list.clone());
        for item in &self.items {
            emit(Event::Start(Tag::Item), item.range.clone());
            emit(
                Event::Start(Tag::Link {
                    link_type: LinkType::Inline,
                    dest_url: slice(&item.dest),
                    title: CowStr::Borrowed(""),
                    id: CowStr::Borrowed(""),
                }),
                item.link.clone(),
            );
            emit(Event::Text(slice(&item.text)), item.text.clone());
            emit(Event::End(TagEnd::Link), item.link.clone());
            // Text and code spans, alternately, split at the backticks.
            let mut at = item.rest.start;
            let mut code = false;
            for part in text[item.rest.clone()].split('`') {
                if code {
                    let span = at - 1..at + part.len() + 1;
                    emit(Event::Code(CowStr::Borrowed(part)), span);
                } else if !part.is_empty() {
                    emit(Event::Text(CowStr::Borrowed(part)), at..at + part.len());
                }
                at += part.len() + 1;
                code = !code;
            }
            emit(Event::End(TagEnd::Item), item.range.clone());
        }
        emit(Event::End(TagEnd::List(false)), self.list.clone());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::parse::cuts::cuts_from;
    use crate::model::parse::PARSER_OPTIONS;
    use pulldown_cmark::Parser;

    /// pulldown-cmark's events for `text[unit]` alone, with ranges in `text`.
    fn parsed(text: &str, unit: Range<usize>) -> Vec<(Event<'_>, Range<usize>)> {
        let base = unit.start;
        Parser::new_ext(&text[unit], PARSER_OPTIONS)
            .into_offset_iter()
            .map(|(e, r)| (e, r.start + base..r.end + base))
            .collect()
    }

    /// The units of `text` that start at a cut, each to the next cut.
    fn units(text: &str) -> Vec<Range<usize>> {
        let cuts: Vec<usize> = cuts_from(text, 0).collect();
        let ends = cuts
            .iter()
            .skip(1)
            .copied()
            .chain(std::iter::once(text.len()));
        cuts.iter().copied().zip(ends).map(|(a, b)| a..b).collect()
    }

    /// Compares the events of every unit of `text` read as plain with
    /// pulldown-cmark's; how many were read.
    fn check(text: &str) -> usize {
        let mut read_plain = 0;
        for unit in units(text) {
            if let Some(section) = read(text, unit.clone()) {
                let mut events = Vec::new();
                section.events(text, |e, r| events.push((e, r)));
                let parsed = parsed(text, unit.clone());
                assert!(
                    events == parsed,
                    "{:?}\nread: {events:#?}\nparsed: {parsed:#?}",
                    &text[unit]
                );
                read_plain += 1;
            }
        }
        read_plain
    }

    #[test]
    fn plain_sections_are_read_as_pulldown_parses_them() {
        let read = check(concat!(
            "# T\n\n",
            "## Acme\n\n- [Event Tracing at Acme](https://acme.com/blog/a_b?x=1&y=2) - `2024` - :books:\n",
            "- [AT&T’s R&D: Q&A!](https://youtu.be/x) - `2023` - :studio_microphone:\n\n",
            "## B & Co | x\n* [t](u) `2020`x `y`\n\n\n",
            "## C#x\n\n+ [t](https://e.com/*a*~b~!c|d)\n+ [t (two)](u) - (2020) 5 > 3\n",
        ));
        assert_eq!(read, 3);
        // Not plain: markup, a space or tab in the wrong place, a blank line
        // between items, prose, an indented or unterminated line, an
        // entity, a longer code fence, an emphasis underscore.
        for unit in [
            "## A\n\n- [*t*](u)\n",
            "## A\n\n- [t](u) - `2024` \n",
            "## A\n\n- [t](u)\n\n- [v](w)\n",
            "## A\n\ntext\n\n- [t](u)\n",
            "## A\n\n  - [t](u)\n",
            "## A\n\n- [t](u)",
            "## A\n\n- [t &amp; u](u)\n",
            "## A\n\n- [t](u) ``2024``\n",
            "## A\n\n- [t](u) - _books_\n",
            "## A\n\n- [t](u&amp;v)\n",
            "## A\n\n- [t](<u>)\n",
            "## A\n\n- [ t](u)\n",
            "## A #\n\n- [t](u)\n",
            "## A\n\n- [t](u)\r\n",
            "## A\n\n- [t](u)\t\n",
            "## A\n\n- [t](u) `2024\n",
            "## A\n",
        ] {
            let text = format!("x\n\n{unit}");
            assert!(
                super::read(&text, 3..text.len()).is_none(),
                "{unit:?} was read as plain"
            );
        }
    }

    fn markdown_under(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                markdown_under(&path, out);
            } else if path.extension().is_some_and(|e| e == "md") {
                out.push(path);
            }
        }
    }

    /// The fixtures' sections read as plain give pulldown-cmark's events,
    /// and most of the at-scale sections are read so (not a test that
    /// passes by reading none: 267 of their 512 sections when written).
    #[test]
    fn the_fixtures_plain_sections_read_as_parsed() {
        let mut files = Vec::new();
        markdown_under(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures"),
            &mut files,
        );
        let read: usize = files
            .iter()
            .map(|f| check(&std::fs::read_to_string(f).unwrap_or_default()))
            .sum();
        assert!(read > 200, "only {read} sections read as plain");
    }

    use proptest::prelude::*;

    /// Up to four pieces, each nearly always one a plain section may hold
    /// (`plain`), now and then one that may make it not plain (`tricky`).
    fn fragment(
        plain: &'static [&'static str],
        tricky: &'static [&'static str],
    ) -> impl Strategy<Value = String> {
        prop::collection::vec(
            prop_oneof![20 => prop::sample::select(plain), 1 => prop::sample::select(tricky)],
            1..5,
        )
        .prop_map(|p| p.concat())
    }

    /// One of `usual` nearly always, now and then one of `other`.
    fn mostly(
        usual: &'static [&'static str],
        other: &'static [&'static str],
    ) -> impl Strategy<Value = &'static str> {
        prop_oneof![8 => prop::sample::select(usual), 1 => prop::sample::select(other)]
    }

    /// The characters that matter for a plain section's reading, and their
    /// neighbours.
    const TEXT: &[&str] = &[
        "a", "Z", "9", "a b", "&", "&x", "a_b", "!", "|", "’", "\u{a0}", ">", "#", "(", ")", "é",
        ":", "'", "\"", "-", "&#",
    ];
    const TEXT_TRICKY: &[&str] = &[
        "  ", "&amp;", "&#39;", "a&b;", ";", "_", "*", "~", "`", "\\", "<", "[", "]", "\t",
        "\u{0}", "\r",
    ];
    const DEST: &[&str] = &[
        "https://e.com/",
        "a",
        "_",
        "*",
        "~",
        "!",
        "|",
        "&",
        "é",
        "#x",
        "?v=1",
        "\"",
        "'",
        "%20",
        "&x",
        "b:",
    ];
    const DEST_TRICKY: &[&str] = &[
        ";", "\u{7f}", "&amp;", "&x;", "(", ")", " ", "<", ">", "\\", "`", "[", "]",
    ];
    const REST: &[&str] = &[
        " - `2024` - :books:",
        " - `2024`",
        " `a_b`",
        " `&x`",
        " - :studio_microphone:",
        " (x)",
        " é",
        " a_b",
        " & b",
        "!",
        "|",
        ";a",
    ];
    const REST_TRICKY: &[&str] = &[
        ";", "`", "``", "_", "&lt;", "*", "[", "<b>", "\\", "` x`", "`x `", "~", "\t", " - ",
        "`2024`",
    ];

    fn item(marker: &'static str) -> impl Strategy<Value = String> {
        (
            prop_oneof![
                20 => Just(marker),
                1 => prop::sample::select(&["- [", "* [", "-  [", " - [", "1. [", "- \\["][..]),
            ],
            fragment(TEXT, TEXT_TRICKY),
            fragment(DEST, DEST_TRICKY),
            prop::collection::vec(
                prop_oneof![12 => prop::sample::select(REST), 1 => prop::sample::select(REST_TRICKY)],
                0..4,
            ),
            mostly(&["\n"], &["\r\n", " \n", "\n\n", "  \n", "\nlazy\n"]),
        )
            .prop_map(|(m, t, d, r, end)| format!("{m}{t}]({d}){}{end}", r.concat()))
    }

    fn section() -> impl Strategy<Value = String> {
        (
            mostly(&["## "], &["##  ", "##\t", "### ", "##"]),
            fragment(TEXT, TEXT_TRICKY),
            mostly(
                &["\n", "\n\n", "\n\n\n"],
                &[" #\n\n", "\n \n", "\ntext\n\n"],
            ),
            prop::sample::select(&["- [", "* [", "+ ["][..])
                .prop_flat_map(|marker| prop::collection::vec(item(marker), 1..4)),
            mostly(
                &["\n", "\n\n", ""],
                &[
                    "text\n\n",
                    "  - nested\n",
                    "```\n",
                    "<!--\n",
                    "[a_b] and [c]\n\n[c]: /c\n\n",
                    "---\nmeta: x\n\n",
                    "---\n\n",
                    "> ---\n> a\n\n",
                ],
            ),
        )
            .prop_map(|(h, t, after, items, end)| format!("{h}{t}{after}{}{end}", items.concat()))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        /// Whatever section is read as plain gives pulldown-cmark's events,
        /// after any text (front matter, a fence or comment left open, a
        /// link reference), and the model is the one pulldown-cmark's
        /// events alone give.
        #[test]
        fn any_section_read_as_plain_gives_pulldowns_events(
            before in prop::sample::select(&["", "# T\n", "---\na: b\n---\n", "```\n", "<!--\n", "[a_b]: https://e.com\n", "> q\n", "- x\n", "| a |\n|---|\n"][..]),
            sections in prop::collection::vec(section(), 1..4),
        ) {
            let text = format!("{before}\n\n{}", sections.join("\n\n"));
            check(&text);
            let config = crate::config::Config::default();
            let source = || crate::source::Source::new("t", &text);
            let plain = crate::model::Document::parse(source(), &config);
            let pulldown = crate::model::Document::parse_by_pulldown(source(), &config);
            prop_assert!(format!("{plain:#?}") == format!("{pulldown:#?}"), "{text:?}");
        }
    }
}
