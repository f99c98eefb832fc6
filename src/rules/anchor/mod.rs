//! `anchor-*`: every `(#fragment)` link in the file lands on a heading.

pub mod anchor_broken;
pub mod anchor_case;
pub mod target;
