//! An entry of the shapes the model does not hold as [`Entry`]s
//! (FORMAT.md section 7.1): a table row, a flat list's item, a list item
//! nested under a company or topic bullet. Each starts with a link out of
//! the page ([`OutLink::leads`]) and is read by `model::parse::leads`.
//!
//! What such an entry holds is read from its line, never guessed: its
//! company where the list writes one (a company column, the bullet above
//! it, the section), its year where its text or a cell carries one.
//!
//! [`Entry`]: super::Entry
//! [`OutLink::leads`]: super::OutLink::leads

use super::span::Span;

/// Where an entry of another shape stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// A row of a table with a link column.
    Row,
    /// A top-level item of a list with no company sections.
    Flat,
    /// A list item under a company or topic bullet.
    Nested,
}

#[derive(Debug, Clone)]
pub struct Lead {
    /// Index into `Document::links_out` of its link.
    pub link: u32,
    pub shape: Shape,
    /// Its line, without the line break: the row, or the item's first line.
    pub line: Span,
    /// Entries of one group are neighbours whose order is read together:
    /// the rows of one table (between its letter rows), the items under
    /// one bullet, the items of one flat list. The offset of what holds
    /// them.
    pub group: u32,
    /// Where its company is written: a company cell, or the company bullet
    /// above it. `None` where the company is the section's, or is only
    /// somewhere in the entry's text.
    pub company: Option<Span>,
    /// The year its line carries outside link destinations: a year or
    /// date cell, or the last year in its text.
    pub year: Option<u16>,
    /// In a table cut into letter groups (`| ✨ A | |`): the group's
    /// letter and the first letter of the row's company.
    pub letter: Option<(char, char)>,
    /// The table it is a row of (the offset of the table's first line).
    pub table: Option<u32>,
    /// Its scope keeps years, so it is asked for one: its table, for a
    /// row (a table has a year column or not); the list's other flat and
    /// nested items together, for an item (`Profile::leads`).
    pub year_asked: bool,
}
