//! flinkscale: lint and format curated "companies at scale" README lists.
//!
//! Data flows one way: bytes ([`fsio`]) -> [`source::Source`] ->
//! [`model::Document`] -> [`rules`] -> [`diagnostic::Diagnostic`] ->
//! [`report`]; and for `fmt`, model -> [`format`](mod@format) -> verified bytes.
#![forbid(unsafe_code)]
// Nothing that comes from input may panic: no unwrap/expect outside tests.
#![deny(clippy::unwrap_used, clippy::expect_used)]
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]

pub mod add;
pub mod app;
pub mod cli;
pub mod clock;
pub mod config;
pub mod data;
pub mod diagnostic;
pub mod export;
pub mod format;
pub mod fsio;
#[doc(hidden)]
pub mod fuzzing;
pub mod init;
pub mod model;
pub mod records;
pub mod report;
pub mod rules;
pub mod source;
pub mod stats;

use config::Config;
use diagnostic::Diagnostic;
use model::Document;
use source::Source;

/// Parses and lints one list with the rules enabled in `config`.
pub fn lint(source: Source, config: &Config, current_year: u16) -> (Document, Vec<Diagnostic>) {
    let doc = Document::parse(source, config);
    let diagnostics = {
        let cx = rules::Context::new(&doc, config, current_year);
        rules::check(&cx)
    };
    (doc, diagnostics)
}
