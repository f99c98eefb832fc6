//! `flinkscale add`: put one new entry where it belongs, the way a careful
//! maintainer would by hand.
//!
//! The entry goes to its newest-first place in its company's section; a new
//! company gets a section in alphabetical order and a TOC item. Nothing else
//! in the file changes: the result is the input with a few lines inserted
//! (and, in a `1.`, `2.`, `3.` TOC, the numbers after the new item): edits
//! applied by the one patcher ([`crate::write::Patcher`]). The output is
//! parsed again: the new entry must read back as written, and the safety
//! net ([`crate::write::proof`]) must find exactly the old entries, links,
//! sections, preamble and kept blocks plus the new entry (and its section),
//! before anyone writes it.

use std::fmt;

use crate::config::{Config, EntryOrder, SectionOrder, TocStyle};
use crate::diagnostic::Edit;
use crate::model::lead::Shape as LeadShape;
use crate::model::normalise::near_miss;
use crate::model::slug::Slugger;
use crate::model::toc::{analyse, SlugIndex};
use crate::model::url::{host, identity, is_absolute_http};
use crate::model::{key_url, repaired, section_key, sort_key, Document, EntryKey};
use crate::rules::entry::entry_format::{shape, Shape};
use crate::source::Source;
use crate::write::{entry_line, Change, Expected, Patcher};

/// What the contributor asked for.
#[derive(Debug, Clone)]
pub struct Request {
    pub company: String,
    pub title: String,
    pub url: String,
    pub year: u16,
    /// A shortcode (`books`, `:books:`), an emoji (📚) or a word of the tag's
    /// meaning (`article`); `None` infers it from the URL's host.
    pub tag: Option<String>,
    /// A company of its own even when its name is a near-miss of one the
    /// list has (`--new-company`).
    pub new_company: bool,
}

/// The list with the entry added.
#[derive(Debug)]
pub struct Added {
    /// The new text (LF line endings, no BOM).
    pub text: String,
    /// 1-based line of the new entry in `text`.
    pub line: usize,
    /// The section it went into, as its heading reads.
    pub section: String,
    pub new_section: bool,
    /// The tag's shortcode name.
    pub tag: String,
    /// The host the tag was inferred from, when `--tag` was not given.
    pub inferred_from: Option<String>,
    /// `--company` was a near-miss of this company of the list (`Kilo Lab`
    /// for `Kilo Labs`), whose section the entry went into.
    pub taken_as: Option<String>,
}

/// Why nothing was added. The message says what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused(pub String);

impl fmt::Display for Refused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Refused {}

fn refuse<T>(message: impl Into<String>) -> Result<T, Refused> {
    Err(Refused(message.into()))
}

/// Adds `request` to `doc`, or says why it cannot.
pub fn add(
    doc: &Document,
    config: &Config,
    request: &Request,
    current_year: u16,
) -> Result<Added, Refused> {
    let company = single_line("--company", &request.company)?;
    let title = single_line("--title", &request.title)?;
    let url = request.url.trim();
    if !is_absolute_http(url) || url.contains(char::is_whitespace) || url.contains(['<', '>']) {
        return refuse(format!(
            "--url `{url}` is not an absolute http(s) URL without spaces"
        ));
    }
    let min = config.entries.min_year;
    if request.year < min || request.year > current_year {
        return refuse(format!(
            "--year {} is not between {min} and {current_year} (`entries.min-year` and this year)",
            request.year
        ));
    }
    let (tag, inferred_from) = match &request.tag {
        Some(raw) => (resolve_tag(config, raw)?, None),
        None => infer_tag(config, url)?,
    };
    let wanted = identity(url);
    if let Some(e) = doc
        .entries
        .iter()
        .find(|e| doc.url(e).is_some_and(|u| identity(u) == wanted))
    {
        let line = doc.source.position(doc.item(e).range.start()).line;
        let section = &doc.headings[doc.sections[e.section as usize].heading].text;
        return refuse(format!(
            "{url} is already in the list at {}:{line} (under `{section}`); nothing was added",
            doc.source.name
        ));
    }
    if let Some(reason) = doc.not_a_list_reason() {
        return refuse(format!("not a list: {reason}; nothing was added"));
    }
    if doc.profile.details {
        return refuse(
            "this list keeps its companies inside its H2s (`<details>` blocks or H3 headings), \
             which `add` does not write yet; add the entry by hand and run `flinkscale fmt`",
        );
    }
    // Entries kept as table rows, a flat list or nested items: `add` would
    // write a company section the list does not have.
    if doc.entries.is_empty() && !doc.leads.is_empty() {
        let count = |shape| doc.leads.iter().filter(|l| l.shape == shape).count();
        let (rows, flat, nested) = (
            count(LeadShape::Row),
            count(LeadShape::Flat),
            count(LeadShape::Nested),
        );
        let kept = if rows >= flat.max(nested) {
            "as table rows"
        } else if flat >= nested {
            "as the items of a list with no company sections"
        } else {
            "as list items nested under company or topic bullets"
        };
        return refuse(format!(
            "this list keeps its {} entries {kept}, which `add` does not write yet; \
             add the entry by hand in the list's own form and run `flinkscale lint`",
            doc.leads.len()
        ));
    }
    // `add` writes the at-scale entry (``- [Title](URL) - `YYYY` - :tag:``):
    // into a list that writes its entries otherwise it would put a
    // construct the list does not use (FORMAT.md section 7.2).
    if !doc.profile.at_scale && !doc.entries.is_empty() {
        return refuse(format!(
            "none of this list's {} entries has a year in backticks and a tag after its link \
             (`[Title](URL) - `2024` - :books:`), the only form `add` writes yet; add the entry \
             by hand in the list's own form and run `flinkscale lint`",
            doc.entries.len()
        ));
    }
    let key = sort_key(&company);
    if key.is_empty() {
        return refuse("--company needs at least one letter or digit");
    }

    let year = request.year;
    let existing = doc
        .company_sections()
        .find(|(_, s)| sort_key(&doc.heading(s).text) == key)
        .map(|(i, _)| i);
    // A near-miss of one company (`Kilo Lab`, `ebay inc`) is that company;
    // of two, a question; `--new-company` insists on a new one.
    let near: Vec<usize> = doc
        .company_sections()
        .filter(|(_, s)| near_miss(&doc.heading(s).text, &company))
        .map(|(i, _)| i)
        .collect();
    let heading = |s: usize| doc.heading(&doc.sections[s]).text.clone();
    let mut taken_as = None;
    let existing = match (existing, near.as_slice()) {
        (Some(_), _) if request.new_company => {
            return refuse(format!(
                "--new-company: the list has `{}` already; leave --new-company out to add to it",
                heading(existing.unwrap_or_default())
            ));
        }
        (Some(s), _) => Some(s),
        (None, _) if request.new_company => None,
        (None, []) => None,
        (None, [one]) => {
            taken_as = Some(heading(*one));
            Some(*one)
        }
        (None, many) => {
            let names: Vec<String> = many.iter().map(|&s| format!("`{}`", heading(s))).collect();
            return refuse(format!(
                "--company `{company}` is close to {}: did you mean one of them? Give its name, \
                 or --new-company to add `{company}` as a company of its own",
                names.join(" and ")
            ));
        }
    };
    let mut edits = Vec::new();
    let section_name = match existing {
        Some(s) => {
            edits.push(into_section(doc, s, &title, url, year, &tag));
            doc.heading(&doc.sections[s]).text.clone()
        }
        None => {
            let entry = line("-", "", &title, url, year, &tag);
            let at = new_section(doc, &company, &entry);
            let slug = new_slug(doc, at.range.start, &company);
            edits.push(at);
            edits.extend(toc_item(doc, &company, &slug));
            company.clone()
        }
    };
    let patcher = Patcher::of_edits(doc.text(), edits);
    let out = Document::parse(
        Source::exact(doc.source.name.clone(), patcher.text()),
        config,
    );
    let added = read_back(&out, &section_name, &title, url, year, &tag)?;
    let new: EntryKey = (
        repaired(&section_name),
        repaired(&title),
        key_url(url).into_owned(),
        Some(year),
        tag.clone(),
    );
    let change = Change::Entry {
        key: &new,
        new_section: existing.is_none(),
    };
    Expected::of(doc, &patcher, change)
        .check_parsed(&out)
        .map_err(|e| Refused(e.to_string()))?;
    Ok(Added {
        taken_as,
        text: out.source.text,
        line: added,
        section: section_name,
        new_section: existing.is_none(),
        tag,
        inferred_from,
    })
}

fn single_line(flag: &str, value: &str) -> Result<String, Refused> {
    let value = crate::model::collapse_whitespace(value);
    if value.is_empty() {
        return refuse(format!("{flag} is empty"));
    }
    Ok(value)
}

/// The configured tag that `raw` names: a shortcode, an emoji, or a word
/// of exactly one tag's meaning.
pub fn resolve_tag(config: &Config, raw: &str) -> Result<String, Refused> {
    let raw = raw.trim();
    let name = raw.trim_matches(':');
    if config.tags.contains_key(name) {
        return Ok(name.to_owned());
    }
    if let Some(name) = config.tag_for_emoji(raw) {
        return Ok(name.to_owned());
    }
    let by_meaning = config.tags_meaning([raw]);
    match by_meaning.as_slice() {
        [one] => Ok((*one).to_owned()),
        [] => refuse(format!(
            "unknown tag `{raw}`; use one of: {}",
            config.describe_tags(false)
        )),
        many => refuse(format!(
            "`{raw}` could mean {}; pass the shortcode",
            many.iter()
                .map(|n| format!("`{n}`"))
                .collect::<Vec<_>>()
                .join(" or ")
        )),
    }
}

fn infer_tag(config: &Config, url: &str) -> Result<(String, Option<String>), Refused> {
    if let Some(h) = host(url) {
        if let Some(name) = config.tag_for_host(h) {
            return Ok((name.to_owned(), Some(h.to_owned())));
        }
    }
    refuse(format!(
        "--tag is needed; use one of: {}",
        config.describe_tags(false)
    ))
}

/// The new entry's line, canonical (`bullet` and `indent` are those of
/// the list it joins).
fn line(bullet: &str, indent: &str, title: &str, url: &str, year: u16, tag: &str) -> String {
    let mut out = String::new();
    entry_line(
        &mut out,
        &format!("{indent}{bullet}"),
        title,
        url,
        year,
        tag,
    );
    out
}

fn insert(at: usize, text: String) -> Edit {
    Edit::new(at..at, text)
}

/// The start of the line holding `offset`.
fn line_start(source: &Source, offset: usize) -> usize {
    source.line_range(source.line_index(offset)).start
}

/// The end of the line holding `offset` (before its `\n`).
fn line_end(source: &Source, line: usize) -> usize {
    source.line_range(line).end
}

/// The bullet and indentation an item is written with.
fn item_style<'t>(
    text: &'t str,
    source: &Source,
    item: &crate::model::ListItem,
) -> (&'t str, &'t str) {
    let start = line_start(source, item.range.start());
    let indent = &text[start..item.range.start()];
    let indent = if indent.trim().is_empty() { indent } else { "" };
    let marker = &text[item.marker.range()];
    let bullet = if matches!(marker, "-" | "*" | "+") {
        marker
    } else {
        "-"
    };
    (bullet, indent)
}

/// The entry into existing section `s`, at its place in the list's order
/// (`Document::profile`: configured, or read from the list).
fn into_section(doc: &Document, s: usize, title: &str, url: &str, year: u16, tag: &str) -> Edit {
    let section = &doc.sections[s];
    let entries = &doc.entries[section.entries.clone()];
    let text = doc.text();
    let Some(last) = entries.last() else {
        let end = doc.blocks[section.blocks.end - 1].range.end;
        return insert(end, format!("\n\n{}", line("-", "", title, url, year, tag)));
    };
    let before = entries.iter().find(|e| {
        let Some(y) = e.year.as_ref().map(|y| y.value) else {
            return false;
        };
        match doc.profile.order.value {
            EntryOrder::NewestFirst | EntryOrder::Auto => y < year,
            EntryOrder::OldestFirst => y > year,
            EntryOrder::None => false,
        }
    });
    match before {
        Some(e) => {
            let (bullet, indent) = item_style(text, &doc.source, doc.item(e));
            let line = line(bullet, indent, title, url, year, tag);
            insert(
                line_start(&doc.source, doc.item(e).range.start()),
                format!("{line}\n"),
            )
        }
        None => {
            let (bullet, indent) = item_style(text, &doc.source, doc.item(last));
            let line = line(bullet, indent, title, url, year, tag);
            insert(
                line_end(&doc.source, doc.item(last).lines.end() - 1),
                format!("\n{line}"),
            )
        }
    }
}

/// A new `## Company` section holding `entry`, in alphabetical order among
/// the company sections (or after the last one).
fn new_section(doc: &Document, company: &str, entry: &str) -> Edit {
    let alphabetical = doc.profile.sections.value == SectionOrder::Alphabetical;
    let next = doc
        .company_sections()
        .find(|(_, s)| alphabetical && section_key(&doc.heading(s).text) > section_key(company));
    if let Some((_, s)) = next {
        let at = line_start(&doc.source, doc.heading(s).range.start);
        return insert(at, format!("## {company}\n\n{entry}\n\n"));
    }
    let last_block = doc
        .company_sections()
        .last()
        .map(|(_, s)| s.blocks.end)
        .or_else(|| doc.toc.as_ref().map(|t| t.blocks.end))
        .unwrap_or(doc.blocks.len());
    let at = match last_block.checked_sub(1) {
        Some(b) => doc.blocks[b].range.end,
        None => 0,
    };
    let lead = if at == 0 { "" } else { "\n\n" };
    insert(at, format!("{lead}## {company}\n\n{entry}"))
}

/// The slug GitHub will give the new heading inserted at offset `at`.
fn new_slug(doc: &Document, at: usize, company: &str) -> String {
    let mut slugger = Slugger::default();
    let mut slug = None;
    for h in &doc.headings {
        if slug.is_none() && h.range.start >= at {
            slug = Some(slugger.unique(company));
        }
        slugger.unique(&h.rendered);
    }
    slug.unwrap_or_else(|| slugger.unique(company))
}

/// The TOC item for a new section, in alphabetical order among the items
/// that name company sections; renumbers a `1.`, `2.`, `3.` TOC.
fn toc_item(doc: &Document, company: &str, slug: &str) -> Vec<Edit> {
    let Some(toc) = &doc.toc else {
        return Vec::new();
    };
    let analysis = analyse(doc, &SlugIndex::new(doc));
    let named: Vec<(usize, String)> = analysis
        .items
        .iter()
        .enumerate()
        .filter_map(|(i, m)| {
            let s = m.section()?;
            (!doc.sections[s].skipped)
                .then(|| (i, section_key(&doc.heading(&doc.sections[s]).text)))
        })
        .collect();
    let Some(&(last, _)) = named.last() else {
        return Vec::new();
    };
    let next = named
        .iter()
        .find(|(_, k)| *k > section_key(company))
        .map(|&(i, _)| i);
    let text = doc.text();
    let neighbour = &toc.items[next.unwrap_or(last)].item;
    let (_, indent) = item_style(text, &doc.source, neighbour);
    let written = &text[neighbour.marker.range()];
    let numbered = toc.style == Some(TocStyle::Numbered);
    let position = next.unwrap_or(last + 1);
    let marker = if numbered {
        let delimiter = if written.ends_with(')') { ")" } else { "." };
        format!("{}{delimiter}", position + 1)
    } else {
        written.to_owned()
    };
    let line = format!("{indent}{marker} [{company}](#{slug})");
    let mut edits = vec![match next {
        Some(i) => insert(
            line_start(&doc.source, toc.items[i].item.range.start()),
            format!("{line}\n"),
        ),
        None => insert(
            line_end(&doc.source, toc.items[last].item.lines.end() - 1),
            format!("\n{line}"),
        ),
    }];
    if numbered {
        for (n, item) in toc.items.iter().enumerate().skip(position) {
            let written = &text[item.item.marker.range()];
            let delimiter = &written[written.len().saturating_sub(1)..];
            edits.push(Edit::new(
                item.item.marker.range(),
                format!("{}{delimiter}", n + 2),
            ));
        }
    }
    edits
}

/// The new entry reads back from the output as written: one entry with
/// its URL, canonical, in `section`, with its title, year and tag (the
/// net proves the rest). Returns its line.
fn read_back(
    out: &Document,
    section: &str,
    title: &str,
    url: &str,
    year: u16,
    tag: &str,
) -> Result<usize, Refused> {
    let found: Vec<&crate::model::Entry> = out
        .entries
        .iter()
        .filter(|e| out.url(e) == Some(url))
        .collect();
    let [entry] = found.as_slice() else {
        return refuse(format!(
            "the new entry would not read back as one entry ({} found); check --title and --url for `[`, `]` or `)`",
            found.len()
        ));
    };
    let reads_back = shape(out, entry) == Shape::Canonical
        && out.headings[out.sections[entry.section as usize].heading].text == section
        && out
            .item(entry)
            .link()
            .is_some_and(|l| l.text(out.text()) == title)
        && entry.year.as_ref().map(|y| y.value) == Some(year)
        && entry.tag.as_ref().and_then(|t| out.tag_name(t)) == Some(tag);
    if !reads_back {
        return refuse(
            "the new entry would not read back as written (Markdown in --title or --company?); nothing was added",
        );
    }
    Ok(out.source.position(out.item(entry).range.start()).line)
}
