//! flinkscale: lint and format curated "companies at scale" README lists.
//!
//! Data flows one way: bytes ([`fsio`]) -> [`source::Source`] ->
//! [`model::Document`] -> [`rules`] -> [`diagnostic::Diagnostic`] ->
//! [`report`]; and for `fmt`, model -> [`format`](mod@format) -> verified bytes.
//! Rule identity lives in [`registry`], which depends on nothing. The
//! command line lives in the binary target (`src/bin/flinkscale/`): the
//! library cannot name it, so the engine never sees clap.
#![forbid(unsafe_code)]
// Nothing that comes from input may panic: no unwrap/expect outside tests.
#![deny(clippy::unwrap_used, clippy::expect_used)]
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]

pub mod add;
pub mod clock;
pub mod config;
pub mod diagnostic;
pub mod export;
pub mod format;
pub mod fsio;
#[doc(hidden)]
pub mod fuzzing;
pub mod init;
pub mod links;
pub mod lsp;
pub mod model;
pub mod records;
pub mod registry;
pub mod report;
pub mod rules;
pub mod source;
pub mod stats;
pub mod write;

pub use rules::lint;
