//! Builds a [`Document`] from pulldown-cmark's offset events, in three jobs:
//!
//! - [`chunks`]: a large file is cut into pieces parsed on all cores, and
//!   the pieces' blocks are put back together as one parse would give them;
//! - [`events`]: one piece's events become blocks, headings, list items and
//!   fragment links;
//! - this file: the blocks are split into preamble, TOC and sections, and
//!   each company section's list items are read as entries ([`entries`]).

mod chunks;
mod cuts;
pub(crate) mod entries;
mod events;
mod kinds;
mod leads;
mod plain;
mod recognize;
mod reuse;
pub mod sections;

use std::collections::HashMap;
use std::ops::Range;

use rayon::prelude::*;

use self::chunks::{collect, CHUNK};
pub use self::chunks::{is_large, side_by_side};
pub(crate) use self::events::Reading;
pub use self::events::PARSER_OPTIONS;
use self::events::{decode_fragment, fill_gaps, Collected};
pub use self::reuse::Reuse;
use crate::config::{Config, TocStyle};
use crate::model::document::{
    item_at, touches_list_above, Block, BlockKind, Details, Document, List, OutLink, Section, Toc,
    TocItem,
};
use crate::model::entry::{Entry, TagNames};
use crate::model::normalise::collapse_whitespace;
use crate::model::profile;
use crate::model::suppress::Suppressions;
use crate::model::{mojibake, slug};
use crate::source::Source;

/// The text GitHub slugs for the heading `markdown` holds (one heading, as
/// the printer writes it): [`crate::model::Heading::rendered`].
pub fn rendered_heading(markdown: &str) -> Option<String> {
    let piece = events::Collector::new(markdown, 0..markdown.len()).run(Reading::Pulldown);
    piece
        .collected
        .headings
        .into_iter()
        .next()
        .map(|h| h.rendered)
}

pub(super) fn build(source: Source, config: &Config) -> Document {
    build_in_chunks(source, config, CHUNK, Reuse::nothing(), Reading::Plain)
}

/// [`build`] taking the parts of another model that `reuse` moved over
/// instead of parsing them again ([`Reuse`]).
pub(super) fn build_reusing(source: Source, config: &Config, reuse: Reuse) -> Document {
    build_in_chunks(source, config, CHUNK, reuse, Reading::Plain)
}

/// [`build`] with the chunk size as a parameter, so tests can prove that the
/// model does not depend on it.
pub(crate) fn build_in_chunks(
    source: Source,
    config: &Config,
    chunk: usize,
    reuse: Reuse,
    reading: Reading,
) -> Document {
    let (mut collected, mojibake) = side_by_side(
        &source.text,
        || collect(&source.text, chunk, reuse.cuts, reuse.pieces, reading),
        || mojibake::find(&source.text),
    );
    fill_gaps(&source, &mut collected.blocks, is_large(&source.text));
    let Collected {
        blocks,
        mut headings,
        mut fragment_links,
        links_out,
        directives,
        references,
    } = collected;
    let swallowed = sections::swallowed(&source, &blocks);
    let open_end = sections::runs_to_end(&source, &blocks);
    let suppressions = Suppressions::read(&source, &directives);

    // Unique slugs in document order.
    let mut slugger = slug::Slugger::default();
    for h in &mut headings {
        h.slug = slugger.unique(&h.rendered);
    }

    let h2: Vec<usize> = blocks
        .iter()
        .enumerate()
        .filter_map(|(i, b)| match b.kind {
            BlockKind::Heading(h) if headings[h].level == 2 => Some(i),
            _ => None,
        })
        .collect();
    let heading_of = |block: usize| match blocks[block].kind {
        BlockKind::Heading(h) => h,
        _ => unreachable!("h2 holds heading blocks only"),
    };
    // The body of the H2 at h2[n]: up to the next H2.
    let body = |n: usize| h2[n] + 1..h2.get(n + 1).copied().unwrap_or(blocks.len());
    // The configured TOC heading when the file has it; else the first H2
    // shaped like a TOC, whatever it is called.
    let wanted_toc = collapse_whitespace(&config.toc.heading);
    let toc_block = h2
        .iter()
        .copied()
        .find(|&b| {
            headings[heading_of(b)]
                .text
                .eq_ignore_ascii_case(&wanted_toc)
        })
        .or_else(|| {
            (0..h2.len())
                .find(|&n| sections::is_toc_shaped(&source.text, &blocks, body(n)))
                .map(|n| h2[n])
        });
    let first_section = match toc_block {
        Some(t) => h2.iter().copied().find(|&b| b > t),
        None => h2.first().copied(),
    };
    // With no TOC heading, a bold label in the preamble over a list of
    // in-page links (`**Table of Contents**`, `**Companies**`).
    let toc_label = match toc_block {
        Some(_) => None,
        None => first_section
            .and_then(|first| sections::bold_toc_label(&source.text, &blocks, 0..first)),
    };
    // With neither, a placeholder a site generator fills (`{:toc}`).
    let placeholder = match (toc_block, toc_label) {
        (None, None) => sections::toc_placeholder(
            &source.text,
            &blocks,
            0..first_section.unwrap_or(blocks.len()),
        ),
        _ => None,
    };
    let toc_label = toc_label.or(placeholder);
    let preamble_end = toc_block
        .or(toc_label)
        .or(first_section)
        .unwrap_or(blocks.len());

    let toc = toc_block
        .map(|t| (Some(heading_of(t)), t))
        .or(toc_label.map(|l| (None, l)))
        .map(|(heading, t)| {
            let end = first_section.unwrap_or(blocks.len());
            let mut toc = build_toc(&source.text, &blocks, heading, t..end);
            if sections::toc_placeholder(&source.text, &blocks, t..end).is_some() {
                toc.items.clear();
                toc.style = None;
                toc.generated = true;
            }
            toc
        });
    if let Some(toc) = &toc {
        let by_start: HashMap<usize, usize> = toc
            .items
            .iter()
            .enumerate()
            .filter_map(|(i, item)| Some((item.item.link()?.range.start(), i)))
            .collect();
        for link in &mut fragment_links {
            link.toc_item = by_start.get(&link.range.start).copied();
        }
    }

    let starts: Vec<usize> = match first_section {
        Some(first) => h2.iter().copied().filter(|&b| b >= first).collect(),
        None => Vec::new(),
    };
    let (mut skipped, shaped) = non_company(&source.text, &blocks, &headings, &starts, config);
    let details = inner_companies(&source.text, &blocks, &headings, &starts);
    if !details.is_empty() {
        // The H2s that hold no company and no entry are prose, not companies.
        for (n, skip) in skipped.iter_mut().enumerate() {
            *skip |= !shaped[n] && !details.iter().any(|d| d.section == n);
        }
    }
    let mut sections = Vec::with_capacity(starts.len());
    // At most one entry per list item: room for all, so the vector is not
    // grown (and copied) while it fills.
    let items: usize = blocks
        .iter()
        .map(|b| match &b.kind {
            BlockKind::List(list) => list.items.len(),
            _ => 0,
        })
        .sum();
    let mut places = Vec::with_capacity(items);
    for (n, &start) in starts.iter().enumerate() {
        let end = starts.get(n + 1).copied().unwrap_or(blocks.len());
        let heading = heading_of(start);
        let skipped = skipped[n];
        let first_entry = places.len();
        if !skipped {
            let mut group = start;
            let mut heading_year = None;
            for (b, block) in blocks.iter().enumerate().take(end).skip(start + 1) {
                if let BlockKind::Heading(h) = block.kind {
                    heading_year = crate::model::entry::year_heading(&headings[h].text);
                }
                if let BlockKind::List(list) = &block.kind {
                    if !touches_list_above(&blocks, b) {
                        group = b;
                    }
                    // A file has far fewer than 2^32 blocks or items.
                    let block = u32::try_from(b).unwrap_or(u32::MAX);
                    places.extend((0..list.items.len()).map(|index| entries::Place {
                        // Far fewer than 2^32 sections or blocks, as above.
                        section: u32::try_from(n).unwrap_or(u32::MAX),
                        list: u32::try_from(group).unwrap_or(u32::MAX),
                        block,
                        index: u32::try_from(index).unwrap_or(u32::MAX),
                        heading_year,
                    }));
                }
            }
        }
        sections.push(Section {
            heading,
            blocks: start..end,
            skipped,
            entries: first_entry..places.len(),
            shaped: shaped[n],
        });
    }
    // A list item's own link is in the item, not in `links_out`
    // (`events.rs`); an entry's is the entry's (the safety net compares its
    // URL in the entry's key), and every other item's goes back, in file
    // order.
    let mut links_out = links_out;
    // Items are visited in file order, as `places` holds the entries: a
    // cursor walks it along instead of a search per item.
    let mut next_place = 0;
    let mut is_entry = |b: usize, index: usize| {
        let at = |n: usize| places.get(n).map(|p| (p.block as usize, p.index as usize));
        while at(next_place).is_some_and(|p| p < (b, index)) {
            next_place += 1;
        }
        at(next_place) == Some((b, index))
    };
    let before = links_out.len();
    // A flat list (no company section): its items are its entries, whose
    // URLs `entry-duplicate` compares (`OutLink::leads`).
    let flat = !sections.iter().any(|s| !s.skipped);
    for (b, block) in blocks.iter().enumerate() {
        let BlockKind::List(list) = &block.kind else {
            continue;
        };
        for (index, item) in list.items.iter().enumerate() {
            match item.link() {
                Some(link) if !link.dest(&source.text).starts_with('#') && !is_entry(b, index) => {
                    links_out.push(OutLink {
                        range: link.range,
                        dest: link.dest.clone(),
                        image: false,
                        leads: flat,
                        from_item: true,
                    });
                }
                // `- 03-16-2020 - [Title](url)`: its link, after the date,
                // leads a flat list's entry.
                None if flat => {
                    if let Some((_, at)) = leads::dated_start(&source.text, item) {
                        let n = links_out[..before].partition_point(|l| l.range.start() < at);
                        if let Some(l) = links_out[..before]
                            .get_mut(n)
                            .filter(|l| l.range.start() == at)
                        {
                            l.leads = !l.image;
                        }
                    }
                }
                _ => {}
            }
        }
    }
    if links_out.len() > before {
        links_out.sort_by_key(|l| l.range.start());
    }
    // Entries are read on all cores, straight into their final vector.
    let names = TagNames::new(config);
    let entries: Vec<Entry> = places
        .par_iter()
        .with_min_len(2048)
        .map(|&place| {
            let item = item_at(&blocks, place.block, place.index);
            entries::parse(&source, item, place, config, &names)
        })
        .collect();

    // Not counted: the TOC, and trailing sections named so (`Contributing`,
    // `License`, or in `sections.skip`), whose bullets are prose.
    let toc_blocks = toc.as_ref().map_or(0..0, |t| t.blocks.clone());
    let trailers: Vec<std::ops::Range<usize>> = sections
        .iter()
        .filter(|s| named_non_company(&headings[s.heading].text, config))
        .map(|s| s.blocks.clone())
        .collect();
    let not_counted = |b: usize| toc_blocks.contains(&b) || trailers.iter().any(|t| t.contains(&b));
    // A nested link under an entry of the at-scale form is its note.
    let noted = |b: usize, index: usize| {
        places
            .binary_search_by(|p: &entries::Place| {
                (p.block as usize, p.index as usize).cmp(&(b, index))
            })
            .is_ok_and(|n| {
                let e = &entries[n];
                e.year.is_some() || e.tag.is_some()
            })
    };
    // The profile, and the census and leads, read the same model
    // independently: side by side.
    let ((mut profile, year_exempt), (census, mut leads)) = side_by_side(
        &source.text,
        || {
            profile::read(
                &entries,
                |e| item_at(&blocks, e.block, e.index).link().is_some(),
                &samples(&blocks, &headings, &sections, &details, preamble_end),
                config,
                |place| kinds::yearless_kinds(&blocks, &headings, &details, &entries, place),
            )
        },
        || {
            (
                recognize::census(&source.text, &blocks, &headings, not_counted),
                leads::read(&source.text, &blocks, &links_out, not_counted, noted),
            )
        },
    );
    profile.leads = profile::LeadConventions::read(&mut leads, config);
    // The bullet read from the items that start with a link: a list's
    // prose bullets (features, steps) are the text's own.
    profile.bullet = profile::Bullet::read(entries.iter().filter_map(|e| {
        let item = item_at(&blocks, e.block, e.index);
        item.link()?;
        source.text[item.marker.range()].chars().next()
    }));
    Document {
        census,
        leads,
        year_exempt,
        details,
        source,
        blocks,
        headings,
        fragment_links,
        links_out,
        swallowed,
        references,
        open_end,
        mojibake,
        preamble: 0..preamble_end,
        toc,
        sections,
        profile,
        entries,
        tag_names: names,
        suppressions,
    }
}

/// Which of the sections starting at `starts` are not companies: those in
/// `sections.skip`, and, with no configuration, those named like the usual
/// trailers whatever they hold (unless `sections.companies` names them),
/// and those with no entry-shaped item that come after the last company
/// section (docs/format.md section 1); and which hold an entry-shaped item.
fn non_company(
    text: &str,
    blocks: &[Block],
    headings: &[crate::model::document::Heading],
    starts: &[usize],
    config: &Config,
) -> (Vec<bool>, Vec<bool>) {
    let name = |n: usize| match blocks[starts[n]].kind {
        BlockKind::Heading(h) => headings[h].text.as_str(),
        _ => "",
    };
    let body = |n: usize| starts[n] + 1..starts.get(n + 1).copied().unwrap_or(blocks.len());
    let configured: Vec<bool> = (0..starts.len())
        .map(|n| named_non_company(name(n), config))
        .collect();
    let shaped: Vec<bool> = (0..starts.len())
        .map(|n| sections::has_entry_shaped_item(text, blocks, body(n)))
        .collect();
    let last_company = (0..starts.len())
        .rev()
        .find(|&n| shaped[n] && !configured[n]);
    // With no list in any section the file is not a list of entries (prose
    // with links, bare autolinks): no H2 is a company but those
    // `sections.companies` names (`Document::has_no_entries`).
    let listless = starts.iter().enumerate().all(|(n, _)| {
        !blocks[body(n)]
            .iter()
            .any(|b| matches!(b.kind, BlockKind::List(_)))
    });
    let skipped = (0..starts.len())
        .map(|n| {
            if listless {
                configured[n] || !config.is_company(name(n))
            } else {
                configured[n] || (!shaped[n] && last_company.is_some_and(|last| n > last))
            }
        })
        .collect();
    (skipped, shaped)
}

/// An H2 that is no company by its name: in `sections.skip`, or named
/// like a trailer (`Contributing`, `License`) and not in
/// `sections.companies`.
fn named_non_company(name: &str, config: &Config) -> bool {
    config.is_skipped(name) || (sections::is_trailer(name) && !config.is_company(name))
}

/// What the profile reads besides the entries: the companies' sort keys
/// by the group they are ordered within, the gaps under the headings from
/// the TOC on (`owned`), and whether the companies are `<details>` blocks.
fn samples(
    blocks: &[Block],
    headings: &[crate::model::document::Heading],
    sections: &[Section],
    details: &[Details],
    owned: usize,
) -> profile::Samples {
    let key = crate::model::normalise::section_key;
    let section_keys = if details.is_empty() {
        vec![sections
            .iter()
            .filter(|s| !s.skipped)
            .map(|s| key(&headings[s.heading].text))
            .collect()]
    } else {
        (0..sections.len())
            .map(|n| {
                details
                    .iter()
                    .filter(|d| d.section == n)
                    .map(|d| key(&d.name))
                    .collect()
            })
            .collect()
    };
    let companies = sections.iter().filter(|s| !s.skipped);
    let section_counts = if details.is_empty() {
        companies
            .clone()
            .map(|s| crate::model::normalise::heading_count(&headings[s.heading].text))
            .collect()
    } else {
        Vec::new()
    };
    let mut samples = profile::Samples {
        section_keys,
        section_counts,
        details: !details.is_empty(),
        companies: companies.clone().count(),
        companies_filled: companies.filter(|s| !s.entries.is_empty()).count(),
        ..Default::default()
    };
    for section in sections.iter().filter(|s| !s.skipped) {
        let mut above: Option<u16> = None;
        for b in section.blocks.clone() {
            match blocks[b].kind {
                BlockKind::Heading(h) => {
                    let year = crate::model::entry::year_heading(&headings[h].text)
                        .filter(|_| headings[h].level > 2);
                    match (above, year) {
                        (Some(a), Some(y)) if y < a => samples.year_groups_newer_first += 1,
                        (Some(a), Some(y)) if y > a => samples.year_groups_older_first += 1,
                        _ => {}
                    }
                    above = year;
                }
                // A `<details>` block opens another company.
                _ if details.binary_search_by_key(&b, |d| d.blocks.start).is_ok() => above = None,
                _ => {}
            }
        }
    }
    for pair in blocks[owned.min(blocks.len())..].windows(2) {
        if matches!(pair[0].kind, BlockKind::Heading(_)) {
            match pair[1].lines.start.saturating_sub(pair[0].lines.end) {
                0 => samples.tight_under_heading += 1,
                _ => samples.blank_under_heading += 1,
            }
        }
    }
    samples
}

/// The companies a list keeps inside its H2s: in
/// `<details><summary>Company</summary>` blocks, or else under H3
/// headings in a category H2 (`## Approaches by company` then
/// `### Acme`); each from its opener up to the next one or the end of its
/// section. None unless the list keeps at least two so and they hold two
/// thirds of its entry-shaped items (else its companies are its H2s).
fn inner_companies(
    text: &str,
    blocks: &[Block],
    headings: &[crate::model::document::Heading],
    starts: &[usize],
) -> Vec<Details> {
    let details = grouped(blocks, starts, |b| {
        sections::details_summary(text, blocks, b).map(|(name, at)| (name, at, None))
    });
    if holds_most(text, blocks, starts, &details) {
        return details;
    }
    // An H3 named under two H2s (`### Videos` under each company) is a kind
    // subheading, as is one named like a kind or a year.
    let mut under: HashMap<&str, (usize, bool)> = HashMap::new();
    for (n, &start) in starts.iter().enumerate() {
        let end = starts.get(n + 1).copied().unwrap_or(blocks.len());
        for block in &blocks[start + 1..end] {
            if let BlockKind::Heading(h) = block.kind {
                if headings[h].level == 3 {
                    let seen = under.entry(headings[h].text.as_str()).or_insert((n, false));
                    seen.1 |= seen.0 != n;
                }
            }
        }
    }
    let by_heading = grouped(blocks, starts, |b| match blocks[b].kind {
        BlockKind::Heading(h) => {
            let heading = &headings[h];
            let company = heading.level == 3
                && !under.get(heading.text.as_str()).is_some_and(|u| u.1)
                && !sections::is_kind_heading(&heading.text)
                && crate::model::entry::year_heading(&heading.text).is_none();
            company.then(|| (heading.text.clone(), heading.content.clone(), Some(h)))
        }
        _ => None,
    });
    if holds_most(text, blocks, starts, &by_heading) {
        by_heading
    } else {
        Vec::new()
    }
}

/// What opens an inner company: its name, where the name is written, and
/// its heading when it is one.
type Opener = (String, Range<usize>, Option<usize>);

/// The groups `opener` starts in each section: from each opener up to the
/// next one or the end of its section.
fn grouped(
    blocks: &[Block],
    starts: &[usize],
    opener: impl Fn(usize) -> Option<Opener>,
) -> Vec<Details> {
    let mut details = Vec::new();
    for (n, &start) in starts.iter().enumerate() {
        let end = starts.get(n + 1).copied().unwrap_or(blocks.len());
        let openers: Vec<(usize, Opener)> = (start + 1..end)
            .filter_map(|b| opener(b).map(|o| (b, o)))
            .collect();
        for (k, (b, (name, at, heading))) in openers.iter().enumerate() {
            let until = openers.get(k + 1).map_or(end, |o| o.0);
            details.push(Details {
                section: n,
                blocks: *b..until,
                name: name.clone(),
                name_range: at.clone(),
                heading: *heading,
            });
        }
    }
    details
}

/// At least two groups, holding two thirds of the entry-shaped items from
/// the first section on.
fn holds_most(text: &str, blocks: &[Block], starts: &[usize], details: &[Details]) -> bool {
    if details.len() < 2 {
        return false;
    }
    let shaped = |range: Range<usize>| -> usize {
        blocks[range]
            .iter()
            .map(|b| match &b.kind {
                BlockKind::List(list) => list
                    .items
                    .iter()
                    .filter(|i| sections::is_entry_shaped(text, i))
                    .count(),
                _ => 0,
            })
            .sum()
    };
    let inside: usize = details.iter().map(|d| shaped(d.blocks.clone())).sum();
    let all = starts
        .first()
        .map_or(0, |&first| shaped(first..blocks.len()));
    crate::model::profile::majority(inside, all)
}

fn build_toc(source: &str, blocks: &[Block], heading: Option<usize>, region: Range<usize>) -> Toc {
    let mut items = Vec::new();
    let mut style = None;
    for b in region.clone() {
        if let BlockKind::List(list) = &blocks[b].kind {
            // The numbering is that of the first list of in-page links (an
            // entry put above the TOC is not the TOC's style).
            let in_page = list
                .items
                .iter()
                .any(|i| i.link().is_some_and(|l| l.dest(source).starts_with('#')));
            if style.is_none() && in_page {
                style = Some(detect_style(source, list));
            }
            for item in &list.items {
                let (text, fragment) = match item.link() {
                    Some(link) => (
                        collapse_whitespace(link.text(source)),
                        link.dest(source).strip_prefix('#').map(decode_fragment),
                    ),
                    None => (collapse_whitespace(item.text()), None),
                };
                let leads_out = item
                    .link()
                    .is_some_and(|l| !l.dest(source).starts_with('#'));
                items.push(TocItem {
                    block: b,
                    item: item.clone(),
                    text,
                    fragment,
                    plain: sections::is_in_page_link(source, item),
                    leads_out,
                });
            }
        }
    }
    Toc {
        heading,
        blocks: region,
        items,
        style,
        generated: false,
    }
}

fn detect_style(text: &str, list: &List) -> TocStyle {
    if !list.ordered {
        return TocStyle::Bullet;
    }
    let numbers: Vec<&str> = list
        .items
        .iter()
        .map(|i| text[i.marker.range()].trim_end_matches(['.', ')']))
        .collect();
    // `1.` on every line, or `1. 2. 3.`: whichever more items follow (a
    // stray `2.` among `1.`s is an exception, not a numbering).
    let counting = numbers
        .iter()
        .enumerate()
        .filter(|(n, m)| m.parse::<usize>().is_ok_and(|m| m == n + 1))
        .count();
    let same = numbers
        .iter()
        .filter(|m| Some(*m) == numbers.first())
        .count();
    if counting > same {
        TocStyle::Numbered
    } else {
        TocStyle::One
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The model of `text` parsed whole, and cut at every possible place;
    /// parsed whole, it is the one pulldown-cmark's events alone give.
    fn both(text: &str) -> (String, String) {
        let config = Config::default();
        let build = |chunk: usize, reading: Reading| {
            let doc = build_in_chunks(
                Source::new("t", text),
                &config,
                chunk,
                Reuse::nothing(),
                reading,
            );
            format!("{doc:#?}")
        };
        let whole = build(usize::MAX, Reading::Plain);
        assert!(
            build(usize::MAX, Reading::Pulldown) == whole,
            "reading plain sections differs for:\n{text}"
        );
        (whole, build(1, Reading::Plain))
    }

    fn assert_same(text: &str) {
        let (whole, cut) = both(text);
        assert!(whole == cut, "chunked parse differs for:\n{text}");
    }

    #[test]
    fn heading_text_starts_after_the_markup_even_with_an_escape() {
        let config = Config::default();
        for (text, content) in [
            ("## \\\\Acme\n", "\\\\Acme"),
            ("##   \\*Acme*  \n", "\\*Acme*"),
            ("\\\\Acme\n---\n", "\\\\Acme"),
            ("## Acme\n", "Acme"),
        ] {
            let doc = Document::parse(Source::new("t", text), &config);
            let h = &doc.headings[0];
            assert_eq!(&doc.text()[h.content.clone()], content, "{text:?}");
        }
    }

    #[test]
    fn chunked_parse_equals_whole_parse() {
        let cases = [
            // Plain sections.
            "## Table of Contents\n\n1. [A](#a)\n\n## A\n\n- [x](https://e.com) - `2020` - :books:\n\n## B\n\n- y\n",
            // A fence that hides `## ` lines after blank lines.
            "## A\n\n```\n\n## not a heading\n\n```\n\n## B\n\n- x\n",
            "## A\n\n~~~~md\n\n## no\n\n~~~\n\n## still code\n\n~~~~\n\n## B\n",
            // A fence over more pieces than are ever joined, then more cuts.
            "## A\n\n```\n\n## 1\n\n## 2\n\n## 3\n\n## 4\n\n## 5\n\n## 6\n\n```\n\n## B\n\n- x\n\n## C\n",
            // A closed fence and a closed comment just before cuts.
            "## A\n\n```\ncode\n```\n\n## B\n\n<!-- c -->\n\n## C\n\n- x\n",
            // A fence never closed runs to the end of the file.
            "## A\n\n```\n\n## code\n\n## code too\n",
            // HTML blocks that run until their end marker.
            "## A\n\n<!--\n\n## comment\n\n-->\n\n## B\n",
            "## A\n\n<pre>\n\n## pre\n\n</pre>\n\n## B\n",
            // Link reference definitions apply file-wide.
            "## A\n\n- [x][r] - `2020` - :books:\n\n## B\n\n[r]: https://e.com\n",
            // Lists, quotes, tables and indented code before a cut.
            "## A\n\n- a\n\n  more\n\n## B\n\n> q\n\n## C\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n## D\n\n    code\n\n## E\n",
            // A heading that is not a cut (no blank line before it).
            "## A\nx\n## B\n\n## C\n",
            // A `---` that a later `---` closes as a YAML block (pulldown-cmark
            // opens one anywhere), hiding cuts and plain sections; in a quote
            // too; and front matter, closed before the first cut.
            "## A\n\n---\nx\n\n## B\n\n- [t](u)\n\n---\n\n## C\n\n- [v](w)\n",
            "## A\n\n> ---\n> x\n\n## B\n\n- [t](u)\n\n---\n\n## C\n",
            "---\ntitle: x\n---\n\n## A\n\n- [t](u)\n\n## B\n\n- [v](w)\n",
        ];
        for text in cases {
            assert_same(text);
        }
    }
}
