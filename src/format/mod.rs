//! `fmt`: the canonical printer and its safety check.

pub mod command;
