//! Links that still work: what `flinkscale links` checks, what it found,
//! what it keeps between runs and how it rewrites permanent redirects.
//!
//! Only [`check`] and [`fetch`] touch the network, and only in a build with
//! the `links` feature; `lint` and `fmt` never use this module's network
//! half (`tests/project/architecture.rs` checks that no other module names it).

#[cfg(feature = "links")]
pub mod archive;
pub mod cache;
pub mod outcome;
pub mod redirects;
pub mod targets;

#[cfg(feature = "links")]
pub mod check;
#[cfg(feature = "links")]
pub mod fetch;
#[cfg(feature = "links")]
pub mod metadata;

pub use self::outcome::Outcome;
pub use self::targets::{targets, Target};

/// One link of a list and what checking it found: what the link rules
/// read (`Context::links`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked {
    pub target: Target,
    pub outcome: Outcome,
    /// Since when it fails, for a failing or dead link the cache has seen
    /// fail before (or that failed in this run).
    pub failing: Option<crate::diagnostic::FailingSince>,
    /// For a dead entry: an archived copy that was checked to answer.
    pub archived: Option<String>,
}

/// Something read off a page, and where it was read (`add --fetch`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found<T> {
    pub value: T,
    pub source: &'static str,
}

/// What a page (and its oEmbed document) says about itself.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fetched {
    pub title: Option<Found<String>>,
    pub year: Option<Found<u16>>,
    /// The page says it is a video (`og:type`, or an oEmbed `type`).
    pub video: bool,
}
