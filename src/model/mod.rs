//! The list model: what a README *is*, built once from pulldown-cmark events.
//!
//! ```text
//! preamble     every block before the TOC heading (or before the first H2)
//! toc          the TOC heading, its list items and any other blocks
//! sections     one per H2 after the TOC: heading, entries, other blocks
//! ```
//!
//! Every rule and the printer read this model; nothing parses the file again.
//! Blocks the model does not own (prose, HTML, code, tables, skipped
//! sections) are kept as raw byte ranges, line-aligned, so they can be copied
//! byte for byte.

pub mod census;
pub mod document;
pub mod entry;
pub mod identity;
pub mod lead;
pub mod mojibake;
pub mod normalise;
mod parse;
pub mod profile;
pub mod slug;
mod slug_table;
pub mod span;
pub mod suppress;
pub mod text;
pub mod toc;
pub mod url;

pub use document::{
    touches_list_above, Block, BlockKind, Details, Document, FragmentLink, Heading, ItemLink, List,
    ListItem, OutLink, Section, Swallowed, Toc, TocItem,
};
pub use entry::{year_heading, Entry, Tag, TagId, TagNames, Year};
pub use identity::{key_url, repaired_cow, EntryKey, KeyParts};
pub use normalise::{
    collapse_whitespace, heading_count, order_key, repaired, section_key, sort_key,
};
pub use parse::sections::is_kind_heading;
pub use parse::{is_large, rendered_heading, side_by_side, Reuse, PARSER_OPTIONS};
pub use span::Span;
pub use text::Text;

use crate::config::Config;
use crate::source::Source;

impl Document {
    /// Builds the model of one list.
    pub fn parse(source: Source, config: &Config) -> Document {
        parse::build(source, config)
    }

    /// [`Document::parse`] cutting the file into pieces of about `chunk`
    /// bytes (the parse of a large file on all cores), for tests that the
    /// model does not depend on the cuts.
    #[doc(hidden)]
    pub fn parse_in_pieces(source: Source, config: &Config, chunk: usize) -> Document {
        parse::build_in_chunks(
            source,
            config,
            chunk,
            Reuse::nothing(),
            parse::Reading::Plain,
        )
    }

    /// [`Document::parse`] with every part of the file parsed by
    /// pulldown-cmark, none read as a plain section (`parse::plain`), for
    /// tests that the two give one model.
    #[doc(hidden)]
    pub fn parse_by_pulldown(source: Source, config: &Config) -> Document {
        parse::build_in_chunks(
            source,
            config,
            usize::MAX,
            Reuse::nothing(),
            parse::Reading::Pulldown,
        )
    }

    /// [`Document::parse`] of a text made mostly of another model's text
    /// (`fmt`'s output, of its input): the parts `reuse` took from that
    /// model are moved over, not parsed again. The model is the one
    /// [`Document::parse`] gives (`tests/engine/model.rs` proves it).
    pub fn parse_reusing(source: Source, config: &Config, reuse: Reuse) -> Document {
        parse::build_reusing(source, config, reuse)
    }
}
