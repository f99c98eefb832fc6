//! Is this file a list? (FORMAT.md section 7.3.) Read before anything is
//! judged: a changelog, a CONTRIBUTING file or a docs page gets no list
//! diagnostic and is never rewritten.
//!
//! The census counts what a reader would take for entries: list items at
//! any depth whose content starts with a link out of the page, and table
//! rows with a link. Against them stand the items that start with text, an
//! issue number (`[#123](...)`), a person (`[@name](...)`) or a relative
//! link, and the rows with no link. Not counted either way: in-page links
//! (a TOC), an item that only holds other items (a company or topic
//! bullet), what is nested under an entry (its notes belong to it), and a
//! table's letter and empty rows (`| A | |`). A file is a list when
//! entries make up a clear majority ([`majority`]) of what is counted, and
//! its headings are not releases (a changelog whose bullets all link); or
//! when one entry is written in the at-scale form. The items of trailing
//! sections named like `Contributing` or `License` are not counted.

use super::profile::majority;

/// What the census found, and the verdict it gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Census {
    /// List items (any depth) and table rows that start with, or hold, a
    /// link out of the page.
    pub entries: usize,
    /// List items and table rows that are something else.
    pub others: usize,
    /// H2 headings, and those named like a release (`## 1.2.0`,
    /// `## [Unreleased]`, `## 2024-03-01`).
    pub h2: usize,
    pub releases: usize,
}

/// Why a file is not a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotList {
    /// Entries are not a clear majority of its items and rows.
    FewEntries,
    /// Its headings are releases: a changelog.
    Releases,
}

impl Census {
    /// `None` for a list (or a file with no items at all, which FORMAT.md
    /// section 7 checks for anchors, its TOC and whitespace); else why not.
    /// `at_scale`: an entry is written in the at-scale form
    /// (`Profile::at_scale`), which makes the file a list whatever else it
    /// holds.
    pub fn not_a_list(&self, at_scale: bool) -> Option<NotList> {
        if at_scale {
            return None;
        }
        if self.releases >= 2 && majority(self.releases, self.h2) {
            return Some(NotList::Releases);
        }
        let counted = self.entries + self.others;
        if counted > 0 && !majority(self.entries, counted) {
            return Some(NotList::FewEntries);
        }
        None
    }

    /// One line saying why the file is not a list, for `lint` to print.
    pub fn reason(&self, at_scale: bool) -> Option<String> {
        let counted = self.entries + self.others;
        Some(match self.not_a_list(at_scale)? {
            NotList::Releases => format!(
                "{} of its {} H2 headings are releases (a changelog)",
                self.releases, self.h2
            ),
            NotList::FewEntries => format!(
                "{} of {} list items and table rows are entries (items that start with a link to a write-up)",
                self.entries, counted
            ),
        })
    }
}
