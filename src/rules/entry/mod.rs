//! `entry-*` and `tag-mismatch`: each entry is
//! `- [Title](URL) - `YYYY` - :tag:`, dated, tagged, sorted and unique.

pub mod entry_duplicate;
pub mod entry_format;
pub mod entry_order;
pub mod entry_tag_missing;
pub mod entry_tag_unknown;
pub mod entry_title_quote;
pub mod entry_title_whitespace;
pub mod entry_url_invalid;
pub mod entry_year_invalid;
pub mod entry_year_missing;
pub mod tag_mismatch;
