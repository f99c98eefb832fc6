//! Kind groups with their own conventions (FORMAT.md section 7.1): a
//! list whose `#### Tools` entries never carry a year while its articles
//! do keeps no year for tools, by design.

use std::collections::{HashMap, HashSet};

use super::sections::is_kind_heading;
use crate::config::YearPlace;
use crate::model::document::{Block, BlockKind, Details, Heading};
use crate::model::entry::{year_heading, Entry};

/// Which entries stand in a kind group that keeps no years of its own
/// (FORMAT.md section 7.1, "kind groups with their own conventions"):
/// under a kind subheading (`#### Tools`, `### Videos`: named like a kind,
/// or repeated under two companies or more) whose entries, across the
/// list, carry no year at all (two of them at least). The list's year
/// convention is read over the other entries; a kind that never has years
/// by design is not asked for one.
pub(super) fn yearless_kinds(
    blocks: &[Block],
    headings: &[Heading],
    details: &[Details],
    entries: &[Entry],
    place: YearPlace,
) -> Vec<bool> {
    // No subheading below the companies: no kind group (the at-scale shape).
    if entries.is_empty() || !headings.iter().any(|h| h.level >= 3) {
        return Vec::new();
    }
    // The subheading (level 3 or lower) each block stands under, within its
    // company: a company's heading or `<details>` block opens a new one.
    let mut under: Vec<Option<usize>> = vec![None; blocks.len()];
    let mut companies_of: HashMap<String, HashSet<usize>> = HashMap::new();
    let mut company = 0usize;
    let mut current: Option<usize> = None;
    let mut open = details.iter().peekable();
    for (b, block) in blocks.iter().enumerate() {
        while open.peek().is_some_and(|d| d.blocks.end <= b) {
            open.next();
        }
        let opens_details = open.peek().is_some_and(|d| d.blocks.start == b);
        match block.kind {
            BlockKind::Heading(h) if headings[h].level <= 2 => {
                company += 1;
                current = None;
            }
            BlockKind::Heading(h) if details.iter().any(|d| d.heading == Some(h)) => {
                company += 1;
                current = None;
            }
            BlockKind::Heading(h) => {
                current = Some(h);
                companies_of
                    .entry(headings[h].text.to_lowercase())
                    .or_default()
                    .insert(company);
            }
            _ if opens_details => {
                company += 1;
                current = None;
            }
            _ => {}
        }
        under[b] = current;
    }
    let kind = |h: usize| {
        let name = &headings[h].text;
        year_heading(name).is_none()
            && (is_kind_heading(name)
                || companies_of
                    .get(&name.to_lowercase())
                    .is_some_and(|c| c.len() >= 2))
    };
    let group_of: Vec<Option<String>> = entries
        .iter()
        .map(|e| {
            under
                .get(e.block as usize)
                .copied()
                .flatten()
                .filter(|&h| kind(h))
                .map(|h| headings[h].text.to_lowercase())
        })
        .collect();
    let mut counts: HashMap<&str, (usize, usize)> = HashMap::new();
    for (e, group) in entries.iter().zip(&group_of) {
        if let Some(g) = group {
            let c = counts.entry(g.as_str()).or_default();
            c.0 += usize::from(e.year_at(place).is_some());
            c.1 += 1;
        }
    }
    // No entry of the kind carries one: by design (`#### Tools`). A kind
    // where some do is held to the list's convention.
    let yearless = |&(with, of): &(usize, usize)| with == 0 && of >= 2;
    group_of
        .iter()
        .map(|g| {
            g.as_deref()
                .and_then(|g| counts.get(g))
                .is_some_and(yearless)
        })
        .collect()
}
