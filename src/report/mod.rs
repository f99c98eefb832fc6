//! Output formats: one emitter each, all fed the same [`FileReport`]s.

mod files;
mod github;
mod human;
mod json;
mod sarif;
mod short;

pub use files::{span, FileReport, Summary};
pub use human::Human;

/// Machine formats: the whole output as one string.
pub fn short(reports: &[FileReport]) -> String {
    short::render(reports)
}

pub fn json(reports: &[FileReport]) -> String {
    json::render(reports)
}

pub fn github(reports: &[FileReport]) -> String {
    github::render(reports)
}

pub fn sarif(reports: &[FileReport]) -> String {
    sarif::render(reports)
}
