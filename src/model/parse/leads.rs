//! Reads the entries of other shapes ([`Lead`]s): each link that leads a
//! table row, a flat list's item or a nested item (`OutLink::leads`, found
//! by `events.rs`), with what its line says of its company and year.

use std::ops::Range;
use std::sync::OnceLock;

use regex::Regex;

use crate::model::document::{Block, BlockKind, ListItem, OutLink};
use crate::model::lead::{Lead, Shape};
use crate::model::span::Span;

/// The entries of other shapes, in file order. `skip(block)`: blocks whose
/// links are no entries (the TOC, trailing sections such as Contributing).
/// `noted(block, item)`: a top-level item that is an entry in the at-scale
/// form, whose nested links are its notes (slides, a video), not entries.
pub(crate) fn read(
    text: &str,
    blocks: &[Block],
    links_out: &[OutLink],
    skip: impl Fn(usize) -> bool,
    noted: impl Fn(usize, usize) -> bool,
) -> Vec<Lead> {
    let mut leads = Vec::new();
    let mut tables: Vec<(usize, Table)> = Vec::new();
    for (i, link) in links_out.iter().enumerate().filter(|(_, l)| l.leads) {
        let start = link.range.start();
        let b = blocks.partition_point(|block| block.range.end <= start);
        if b >= blocks.len() || skip(b) || !blocks[b].range.contains(&start) {
            continue;
        }
        let line = line_at(text, start);
        let lead = |shape, group: usize, company, year, letter| Lead {
            link: i as u32,
            shape,
            line: line.clone().into(),
            group: group as u32,
            company,
            year,
            letter,
            table: (shape == Shape::Row).then_some(blocks[b].range.start as u32),
            year_asked: false,
        };
        match &blocks[b].kind {
            BlockKind::List(list) => {
                // Items are in file order: the last that starts at or before it.
                let index = list.items.partition_point(|it| it.range.start() <= start);
                let Some(index) = index
                    .checked_sub(1)
                    .filter(|&n| list.items[n].range.range().contains(&start))
                else {
                    continue;
                };
                let item = &list.items[index];
                let link_text = link.text_range(text);
                let year = year_of(text, line.clone(), link.range.range(), link_text.clone());
                let dated = dated_start(text, item).filter(|&(_, at)| at == start);
                if let Some((date, _)) = dated {
                    let year = Some(date);
                    leads.push(lead(Shape::Flat, blocks[b].range.start, None, year, None));
                } else if item.link().is_some_and(|l| l.range == link.range) {
                    leads.push(lead(Shape::Flat, blocks[b].range.start, None, year, None));
                } else if !noted(b, index) {
                    let parent = parent_line(text, blocks[b].range.start, line.start);
                    let company = parent.clone().and_then(|p| company_bullet(text, p));
                    let group = parent.map_or(blocks[b].range.start, |p| p.start);
                    leads.push(lead(Shape::Nested, group, company, year, None));
                }
            }
            BlockKind::Other if text[line.clone()].contains('|') => {
                let table = match tables.iter().position(|(at, _)| *at == b) {
                    Some(t) => &tables[t].1,
                    None => {
                        tables.push((b, Table::read(text, blocks[b].range.clone())));
                        &tables[tables.len() - 1].1
                    }
                };
                let cells = cells(text, line.clone());
                let in_link = cells
                    .iter()
                    .position(|c| c.end >= start && c.start <= start);
                let company = table
                    .company_column(in_link)
                    .and_then(|c| cells.get(c).cloned())
                    .filter(|c| !c.is_empty());
                let year = cells
                    .iter()
                    .enumerate()
                    .filter(|(n, _)| Some(*n) != in_link)
                    .find_map(|(_, c)| date_year(text[c.clone()].trim()))
                    .or_else(|| year_of(text, line.clone(), link.range.range(), None));
                let group = table.group_at(line.start);
                let letter = group.and_then(|(_, letter)| {
                    let first = first_letter(&text[company.clone()?])?;
                    Some((letter, first))
                });
                let group = group.map_or(blocks[b].range.start, |(at, _)| at);
                leads.push(lead(
                    Shape::Row,
                    group,
                    company.map(Into::into),
                    year,
                    letter,
                ));
            }
            _ => {}
        }
    }
    leads
}

/// An item that starts with its date and then its link (`- 03-16-2020 -
/// [Title](url) by [Company](url)`, `* 2019: [Title](url)`): the date's
/// year and the offset of the link's `[`. A flat list's entry of that form
/// (FORMAT.md 7.1).
pub(crate) fn dated_start(text: &str, item: &ListItem) -> Option<(u16, usize)> {
    let content = item.marker.end()..item.range.end();
    let found = dated().captures(text.get(content.clone())?)?;
    let year = ["year", "iso", "named"]
        .iter()
        .find_map(|g| found.name(g))?
        .as_str()
        .parse()
        .ok()?;
    Some((year, content.start + found.get(0)?.end() - 1))
}

#[allow(
    clippy::expect_used,
    reason = "a constant pattern, not input; compiled by every test that reads a flat list"
)]
fn dated() -> &'static Regex {
    static DATED: OnceLock<Regex> = OnceLock::new();
    DATED.get_or_init(|| {
        Regex::new(concat!(
            r"^[ \t]*(?:\*\*|_|`)?",
            r"(?:\d{1,2}[-/.]\d{1,2}[-/.](?P<year>(?:19|20)\d\d)",
            r"|(?P<iso>(?:19|20)\d\d)(?:[-/.]\d{1,2}){0,2}",
            r"|(?:\d{1,2} )?[A-Z][a-z]{2,8}\.? (?:\d{1,2}, )?(?P<named>(?:19|20)\d\d))",
            r"(?:\*\*|_|`)?[ \t]*(?:[-–—:|][ \t]*)?\[",
        ))
        .expect("static regex")
    })
}

/// The line holding `at`, without its line break.
fn line_at(text: &str, at: usize) -> Range<usize> {
    let start = text[..at].rfind('\n').map_or(0, |n| n + 1);
    let end = text[at..].find('\n').map_or(text.len(), |n| at + n);
    let end = if text[..end].ends_with('\r') {
        end - 1
    } else {
        end
    };
    start..end
}

/// Columns, counting a tab to the next multiple of four (CommonMark).
fn indent(line: &str) -> usize {
    let mut width = 0;
    for c in line.chars() {
        match c {
            ' ' => width += 1,
            '\t' => width += 4 - width % 4,
            _ => break,
        }
    }
    width
}

/// The line of the bullet an item at `line_start` is nested under: the
/// nearest line above it, in its list, that is indented less and starts
/// with a list marker.
fn parent_line(text: &str, block_start: usize, line_start: usize) -> Option<Range<usize>> {
    let own = indent(&text[line_start..]);
    let mut end = line_start.checked_sub(1)?;
    while end > block_start {
        let start = text[..end]
            .rfind('\n')
            .map_or(0, |n| n + 1)
            .max(block_start);
        let line = &text[start..end];
        let body = line.trim_start();
        if !body.is_empty() && indent(line) < own && marker_len(body).is_some() {
            return Some(line_at(text, start));
        }
        end = start.checked_sub(1)?;
    }
    let line = line_at(text, block_start);
    (indent(&text[line.clone()]) < own).then_some(line)
}

/// The length of the list marker and its space a line's text starts with.
fn marker_len(body: &str) -> Option<usize> {
    let digits = body.bytes().take_while(u8::is_ascii_digit).count();
    let marker = match body.as_bytes().get(digits)? {
        b'-' | b'*' | b'+' if digits == 0 => 1,
        b'.' | b')' if digits > 0 && digits < 10 => digits + 1,
        _ => return None,
    };
    match body.as_bytes().get(marker) {
        None => Some(marker),
        Some(b' ' | b'\t') => Some(marker + 1),
        Some(_) => None,
    }
}

/// Where a bullet names a company: `- **Airbnb**`, `- Airbnb`, `- Airbnb:`,
/// `- [Airbnb](https://airbnb.com)` (a link to a site's home page). A
/// bullet of prose, or a link to a page, is a topic and names none.
fn company_bullet(text: &str, line: Range<usize>) -> Option<Span> {
    let raw = &text[line.clone()];
    let body_at = line.start + (raw.len() - raw.trim_start().len());
    let body = raw.trim_start();
    let at = body_at + marker_len(body)?;
    let content = text[at..line.end].trim();
    let at = at + (text[at..line.end].len() - text[at..line.end].trim_start().len());
    let (name, offset) = if let Some(rest) = content.strip_prefix('[') {
        let close = rest.find("](")?;
        let dest = rest[close + 2..].strip_suffix(')')?;
        if !home_page(dest) {
            return None;
        }
        (&rest[..close], 1)
    } else {
        (content, 0)
    };
    let trimmed = name.trim_matches(['*', '_', ':', ' ']);
    let words = trimmed.split_whitespace().count();
    if trimmed.is_empty() || words > 4 || trimmed.contains(['[', ']', '(', ')']) {
        return None;
    }
    let start = at + offset + name.find(trimmed)?;
    Some((start..start + trimmed.len()).into())
}

/// `https://airbnb.com`, `https://www.airbnb.com/`: a site, not a page.
fn home_page(dest: &str) -> bool {
    let Some(rest) = dest
        .strip_prefix("https://")
        .or_else(|| dest.strip_prefix("http://"))
    else {
        return false;
    };
    rest.find('/')
        .is_none_or(|n| rest[n..].trim_end_matches('/').is_empty())
}

#[allow(
    clippy::expect_used,
    reason = "a constant pattern, not input; compiled by every test that reads a table or nested list"
)]
fn years() -> &'static Regex {
    static YEAR: OnceLock<Regex> = OnceLock::new();
    YEAR.get_or_init(|| {
        Regex::new(r"(?:^|[^0-9])((?:19[89]|20[0-9])[0-9])(?:[^0-9]|$)").expect("static regex")
    })
}

#[allow(
    clippy::expect_used,
    reason = "a constant pattern, not input; compiled by every test that reads a table or nested list"
)]
fn destinations() -> &'static Regex {
    static DEST: OnceLock<Regex> = OnceLock::new();
    DEST.get_or_init(|| {
        Regex::new(r#"\]\([^)]*\)|<[a-zA-Z][a-zA-Z0-9+.-]*:[^>]*>|https?://\S+"#)
            .expect("static regex")
    })
}

/// The year an entry's line carries: the last year written after its link
/// (outside any link's destination), or else a year that ends its link's
/// text (`- blog post 2019`, `(2019)`, `2019-06`).
fn year_of(
    text: &str,
    line: Range<usize>,
    link: Range<usize>,
    link_text: Option<Range<usize>>,
) -> Option<u16> {
    let after = &text[link.end.min(line.end)..line.end];
    let after = destinations().replace_all(after, " ");
    if let Some(year) = last_year(&after) {
        return Some(year);
    }
    let title = &text[link_text?];
    let last = title.split_whitespace().last()?;
    date_year(last.trim_matches(['(', ')', '[', ']', ',', '.']))
}

fn last_year(text: &str) -> Option<u16> {
    years()
        .captures_iter(text)
        .last()
        .and_then(|c| c[1].parse().ok())
}

/// `2019`, `2019-06`, `2019-06-01`, `06-01-2019`, `13 Nov 2018`: the year
/// of a cell or a word that is only a year or a date.
fn date_year(word: &str) -> Option<u16> {
    let word = word.trim();
    let datelike = !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '/' | '.' | ' ' | ','))
        && word.chars().filter(char::is_ascii_digit).count() >= 4
        && word.chars().filter(char::is_ascii_alphabetic).count() <= 9;
    if !datelike {
        return None;
    }
    last_year(word)
}

/// A table's header, as far as entries need it: which column names the
/// companies, and where its letter rows (`| ✨ A | |`) are.
struct Table {
    company: Option<usize>,
    /// Each letter row: the offset of its line, and its letter.
    letters: Vec<(usize, char)>,
}

impl Table {
    fn read(text: &str, block: Range<usize>) -> Table {
        let mut starts = Vec::new();
        let mut at = block.start;
        for line in text[block.clone()].split_inclusive('\n') {
            starts.push(at);
            at += line.len();
        }
        let header = starts.first().map_or(Vec::new(), |&s| {
            cells(text, line_at(text, s))
                .into_iter()
                .map(|c| text[c].to_lowercase())
                .collect()
        });
        let company = header.iter().position(|h| {
            ["company", "name", "organi", "firm"]
                .iter()
                .any(|k| h.contains(k))
        });
        let letters = starts
            .iter()
            .skip(2)
            .filter_map(|&s| {
                let filled: Vec<Range<usize>> = cells(text, line_at(text, s))
                    .into_iter()
                    .filter(|c| !text[c.clone()].trim().is_empty())
                    .collect();
                let [only] = filled.as_slice() else {
                    return None;
                };
                let mut letters = text[only.clone()].chars().filter(|c| c.is_alphanumeric());
                let letter = letters.next()?;
                (letters.next().is_none() && letter.is_alphabetic())
                    .then(|| (s, letter.to_ascii_uppercase()))
            })
            .collect();
        Table { company, letters }
    }

    /// The column of company names: the one headed so, or else the first
    /// column when the link is in another.
    fn company_column(&self, link_column: Option<usize>) -> Option<usize> {
        self.company
            .or_else(|| link_column.filter(|&c| c > 0).map(|_| 0))
            .filter(|&c| Some(c) != link_column)
    }

    /// The letter row above the line at `at`, if the table has them.
    fn group_at(&self, at: usize) -> Option<(usize, char)> {
        let n = self.letters.partition_point(|&(s, _)| s < at);
        n.checked_sub(1).map(|n| self.letters[n])
    }
}

/// A row's cells, trimmed, between unescaped `|`s (the outer pipes are
/// optional, as in GitHub's tables).
fn cells(text: &str, line: Range<usize>) -> Vec<Range<usize>> {
    let row = &text[line.clone()];
    let mut pipes = Vec::new();
    let mut escaped = false;
    for (i, c) in row.char_indices() {
        if c == '|' && !escaped {
            pipes.push(i);
        }
        escaped = c == '\\' && !escaped;
    }
    let body_start = row.len() - row.trim_start().len();
    let body_end = row.trim_end().len();
    // Cell bounds: from the row's start (or just after its leading pipe)
    // to its end (or its trailing pipe).
    let mut starts = vec![body_start];
    let mut ends = Vec::new();
    for &p in &pipes {
        if p == body_start {
            starts[0] = p + 1;
        } else if p + 1 == body_end {
            ends.push(p);
        } else {
            ends.push(p);
            starts.push(p + 1);
        }
    }
    if ends.len() < starts.len() {
        ends.push(body_end.max(starts[starts.len() - 1]));
    }
    starts
        .into_iter()
        .zip(ends)
        .filter(|(s, e)| s <= e)
        .map(|(s, e)| {
            let cell = &row[s..e];
            let s = s + (cell.len() - cell.trim_start().len());
            line.start + s..line.start + s + cell.trim().len()
        })
        .collect()
}

/// The first letter of a company's name as written (`.NET`: `.`).
fn first_letter(name: &str) -> Option<char> {
    let name = name.trim().trim_start_matches(['*', '_', '[', '`']);
    name.chars().next().map(|c| c.to_ascii_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_row_is_cut_into_cells() {
        let text = "| Acme | <https://a.example> | 2024 |";
        let got: Vec<&str> = cells(text, 0..text.len())
            .into_iter()
            .map(|c| &text[c])
            .collect();
        assert_eq!(got, ["Acme", "<https://a.example>", "2024"]);
        let text = "Acme | [x](https://a.example) \\| b";
        let got: Vec<&str> = cells(text, 0..text.len())
            .into_iter()
            .map(|c| &text[c])
            .collect();
        assert_eq!(got, ["Acme", "[x](https://a.example) \\| b"]);
        for odd in ["", "|", "||", "  | a", "a |", "no pipes", "| |  |"] {
            let got = cells(odd, 0..odd.len());
            assert!(
                got.iter().all(|c| c.start <= c.end && c.end <= odd.len()),
                "{odd:?}"
            );
        }
        let text = "|A|";
        let got: Vec<&str> = cells(text, 0..text.len())
            .into_iter()
            .map(|c| &text[c])
            .collect();
        assert_eq!(got, ["A"]);
    }

    #[test]
    fn a_year_is_read_after_the_link_or_at_the_end_of_its_text() {
        let year = |line: &str| {
            let open = line.find('[').unwrap();
            let close = line.find(')').unwrap() + 1;
            let mid = line.find("](").unwrap();
            year_of(line, 0..line.len(), open..close, Some(open + 1..mid))
        };
        assert_eq!(
            year("* [Lag - Acme - blog post 2023](https://a.example/2019/x)"),
            Some(2023)
        );
        assert_eq!(
            year("* [Dex - slides 2019-06](https://a.example/x)"),
            Some(2019)
        );
        assert_eq!(year("* [Scaling to 2000 nodes](https://a.example/x)"), None);
        assert_eq!(
            year("* [Talk](https://a.example/2018/x) *YouTube*, 1 Apr 2019."),
            Some(2019)
        );
        assert_eq!(
            year("* [Talk](https://a.example/2018/x) https://b.example/2017"),
            None
        );
    }

    #[test]
    fn an_item_may_start_with_its_date() {
        let dated = |line: &str| {
            let text = format!("{line}\n");
            let doc = crate::model::Document::parse(
                crate::source::Source::new("t", &text),
                &crate::config::Config::default(),
            );
            let crate::model::BlockKind::List(list) = &doc.blocks[0].kind else {
                return None;
            };
            dated_start(&text, &list.items[0]).map(|(y, at)| (y, text[at..at + 1].to_owned()))
        };
        let open = || "[".to_owned();
        assert_eq!(
            dated("- 03-16-2020 - [T](https://a.example) by [Acme](https://acme.example)"),
            Some((2020, open()))
        );
        assert_eq!(
            dated("* 2019-06-01: [T](https://a.example)"),
            Some((2019, open()))
        );
        assert_eq!(
            dated("* **2018** [T](https://a.example)"),
            Some((2018, open()))
        );
        assert_eq!(
            dated("- Mar 2017 - [T](https://a.example)"),
            Some((2017, open()))
        );
        assert_eq!(
            dated("- 12 March 2016 – [T](https://a.example)"),
            Some((2016, open()))
        );
        assert_eq!(dated("- Fixed 2019 bug in [T](https://a.example)"), None);
        assert_eq!(dated("- [T](https://a.example) 2019"), None);
    }

    #[test]
    fn a_bullet_names_a_company_or_a_topic() {
        fn name(line: &str) -> Option<&str> {
            company_bullet(line, 0..line.len()).map(|s| &line[s.range()])
        }
        assert_eq!(name("- **Airbnb**"), Some("Airbnb"));
        assert_eq!(name("  * Bluebird Bank:"), Some("Bluebird Bank"));
        assert_eq!(name("- [Cobalt](https://cobalt.example/)"), Some("Cobalt"));
        assert_eq!(
            name("* [Microservices](https://martinfowler.com/microservices/)"),
            None
        );
        assert_eq!(name("* Caches in front of the databases we run"), None);
        assert_eq!(name("-"), None);
        assert_eq!(name("- "), None);
        assert_eq!(name("1."), None);
    }

    #[test]
    fn the_parent_is_the_nearest_bullet_indented_less() {
        let text = "* Topic\n\t* [A](https://a.example)\n\t\t* [B](https://b.example)\n\t* [C](https://c.example)\n";
        let at = |needle: &str| text.find(needle).unwrap();
        let line_start = |n: usize| text[..n].rfind('\n').map_or(0, |i| i + 1);
        let parent = |needle: &str| parent_line(text, 0, line_start(at(needle))).map(|r| &text[r]);
        assert_eq!(parent("[A]"), Some("* Topic"));
        assert_eq!(parent("[B]"), Some("\t* [A](https://a.example)"));
        assert_eq!(parent("[C]"), Some("* Topic"));
    }
}
