//! `toc-*`: the table of contents names every section, once, in order.
//! The printer repairs them all by writing the TOC anew
//! (`format::toc`); what the rules and the printer both read of it is
//! here: which rules its rewriting repairs, whether it is rewritten, and
//! the markers of its items.

pub mod toc_entry_extra;
pub mod toc_entry_missing;
pub mod toc_missing;
pub mod toc_order;
pub mod toc_style;
pub mod toc_text;

use crate::config::TocStyle;
use crate::registry::RuleId;
use crate::rules::context::Context;

/// The rules the TOC's rewriting repairs: with one of them off, or
/// suppressed on a line of the TOC, the TOC is kept as written.
pub const TOC_RULES: [RuleId; 5] = [
    RuleId::TocEntryMissing,
    RuleId::TocEntryExtra,
    RuleId::TocOrder,
    RuleId::TocText,
    RuleId::TocStyle,
];

/// How the printer numbers the TOC's items: `toc.style`, else the file's
/// own (`1.` on every line, `1. 2. 3.`, or a bullet), with the file's
/// bullet (`-`, `*`, `+`) and the delimiter of its numbers (`.`, `)`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Markers {
    pub style: TocStyle,
    pub bullet: char,
    pub delimiter: char,
}

impl Markers {
    pub fn of(cx: &Context) -> Markers {
        let doc = cx.doc;
        let found = doc.toc.as_ref().and_then(|t| t.style);
        let first = doc
            .toc
            .as_ref()
            .and_then(|t| t.items.first())
            .map_or("", |i| &doc.text()[i.item.marker.range()]);
        let style = match (cx.config.toc.style, found) {
            (TocStyle::Auto, Some(found)) => found,
            (TocStyle::Auto, None) => TocStyle::One,
            (chosen, _) => chosen,
        };
        // A configured bullet style means `-`; the file's own is kept.
        let bullet = match (cx.config.toc.style, first.chars().next()) {
            (TocStyle::Auto, Some(c @ ('*' | '+'))) => c,
            _ => '-',
        };
        let delimiter = if first.ends_with(')') { ')' } else { '.' };
        Markers {
            style,
            bullet,
            delimiter,
        }
    }

    /// The marker of the TOC's `n`th item (from 0).
    pub fn marker(&self, n: usize) -> String {
        match self.style {
            TocStyle::Numbered => format!("{}{}", n + 1, self.delimiter),
            TocStyle::Bullet => self.bullet.to_string(),
            _ => format!("1{}", self.delimiter),
        }
    }
}

/// The printer writes the TOC anew (or, when the list has none, a new
/// one), rather than keeping it as written.
pub fn rewrites(cx: &Context) -> bool {
    let doc = cx.doc;
    match &doc.toc {
        Some(toc) if toc.generated => false,
        Some(toc) => {
            let first = doc.blocks[toc.blocks.start].lines.start;
            let end = doc
                .blocks
                .get(toc.blocks.end.saturating_sub(1))
                .map_or(first, |b| b.lines.end);
            TOC_RULES
                .iter()
                .all(|&rule| (first..end.max(first + 1)).all(|line| cx.repairs(rule, line)))
        }
        // No TOC is added to a list that keeps none (FORMAT.md 7.2).
        None if doc.profile.details || !doc.profile.at_scale => false,
        None => doc.company_sections().next().is_some_and(|(_, s)| {
            cx.repairs(
                RuleId::TocMissing,
                doc.source.line_index(doc.heading(s).range.start),
            )
        }),
    }
}
