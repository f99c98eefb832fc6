//! flinkscale: lint and format curated "companies at scale" README lists.
//!
//! Data flows one way: bytes ([`fsio`]) -> [`source::Source`] ->
//! [`model::Document`] -> [`rules`] -> [`diagnostic::Diagnostic`] ->
//! [`report`]; and for `fmt`, model -> [`format`](mod@format) -> verified bytes.
//! Rule identity lives in [`registry`], which depends on nothing. The
//! command line lives in the binary target (`src/bin/flinkscale/`): the
//! library cannot name it, so the engine never sees clap.
//!
//! The front door: [`lint`] a text, then [`format::format`] it, as
//! `flinkscale lint` and `flinkscale fmt` do.
//!
//! ```
//! use flinkscale::config::Config;
//! use flinkscale::source::Source;
//!
//! let text = "## Table of Contents\n\n- [Acme](#acme)\n\n## Acme\n\n\
//!             - [Streams ](https://acme.example.com/streams) - `2024` - :books:\n";
//! let config = Config::default(); // what `flinkscale.toml` would say
//! let (doc, diagnostics) = flinkscale::lint(Source::new("README.md", text), &config, 2026);
//! let rules: Vec<&str> = diagnostics.iter().map(|d| d.rule.as_str()).collect();
//! assert_eq!(rules, ["entry-title-whitespace"]);
//!
//! // fmt repairs what is fixable, and proves nothing was lost (or refuses).
//! let formatted = flinkscale::format::format(doc, &config, 2026).unwrap();
//! assert!(formatted.text().contains("[Streams](https://acme.example.com/streams)"));
//! ```
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
pub mod inputs;
pub mod links;
pub mod links_engine;
pub mod lsp;
pub mod model;
pub mod records;
pub mod registry;
pub mod report;
pub mod rules;
pub mod site;
pub mod source;
pub mod spaces;
pub mod stats;
pub mod write;

pub use rules::lint;
