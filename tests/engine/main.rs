//! The engine through the library: every rule's fixtures and snapshots,
//! properties of `fmt` over generated and mutated lists, the fuzz targets'
//! saved crashers, GitHub's slugs, the redirect rewrite, the chunked parse.

#[path = "../common/mod.rs"]
mod common;

mod fuzz_regressions;
mod genre;
mod links_engine;
mod model;
mod mutations;
mod off;
mod props;
mod redirects;
mod rules;
mod slugger;
