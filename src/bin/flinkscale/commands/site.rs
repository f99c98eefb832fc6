//! `flinkscale site`: the list as one web page ([`flinkscale::site`]),
//! written to `DIR/index.html`, with each link's health from the links
//! cache beside the list when `flinkscale links` left one.

use std::path::Path;

use super::common::{error, load_list, ExitStatus};
use crate::cli::SiteArgs;
use flinkscale::fsio;
use flinkscale::links::cache::Cache;

pub fn run(config: Option<&Path>, args: &SiteArgs) -> ExitStatus {
    let Some((doc, config)) = load_list(config, &args.path) else {
        return ExitStatus::Error;
    };
    // Whatever the last run found, however old: the page says what it was.
    let cache = Cache::load_any_age(fsio::dir_of(&args.path));
    let html = match flinkscale::site::page(&doc, &config, Some(&cache)) {
        Ok(html) => html,
        Err(e) => {
            error(format!("{}: {e}", doc.source.name));
            return ExitStatus::Error;
        }
    };
    if let Err(e) = std::fs::create_dir_all(&args.out) {
        error(format!(
            "{}: cannot make the directory: {}",
            args.out.display(),
            fsio::describe_io_error(&e)
        ));
        return ExitStatus::Error;
    }
    let index = args.out.join("index.html");
    if let Err(e) = fsio::write_atomic(&index, html.as_bytes()) {
        error(e);
        return ExitStatus::Error;
    }
    eprintln!(
        "wrote {} ({} KiB) from {}",
        index.display(),
        html.len().div_ceil(1024),
        doc.source.name
    );
    ExitStatus::Success
}
