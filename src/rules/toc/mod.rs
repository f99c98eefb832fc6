//! `toc-*`: the table of contents names every section, once, in order.
//! The printer repairs them all by regenerating the TOC ([`regenerate`]).

mod keep;
pub mod regenerate;
pub mod toc_entry_extra;
pub mod toc_entry_missing;
pub mod toc_missing;
pub mod toc_order;
pub mod toc_style;
pub mod toc_text;
