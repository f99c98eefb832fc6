//! `flinkscale init`: write a commented flinkscale.toml that matches what
//! the list does today.

use std::path::Path;

use super::common::{error, ExitStatus};
use crate::cli::InitArgs;
use flinkscale::config::Config;
use flinkscale::fsio;
use flinkscale::model::Document;

pub fn run(args: &InitArgs) -> ExitStatus {
    let source = match fsio::read_source(&args.path) {
        Ok(s) => s,
        Err(e) => {
            error(e);
            return ExitStatus::Error;
        }
    };
    if args.dry_run {
        let doc = Document::parse(source, &Config::default());
        let mut text = flinkscale::init::reading(&doc);
        if !doc.is_not_a_list() {
            text.push('\n');
            text.push_str(&flinkscale::init::render(
                &doc.source.name,
                &flinkscale::init::infer(&doc),
            ));
        }
        super::common::print(&text);
        return ExitStatus::Success;
    }
    if args.path.as_os_str() == fsio::STDIN {
        error("init needs a file: flinkscale.toml is written next to it");
        return ExitStatus::Error;
    }
    let dir = args
        .path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let target = dir.join(flinkscale::config::FILE_NAME);
    if target.exists() && !args.force {
        error(format!(
            "{} already exists; pass --force to replace it",
            target.display()
        ));
        return ExitStatus::Error;
    }
    // The TOC and the non-company sections are found without configuration.
    let doc = Document::parse(source, &Config::default());
    let found = flinkscale::init::infer(&doc);
    let config_tags = Config::default().tags;
    let name = args.path.file_name().map_or_else(
        || doc.source.name.clone(),
        |n| n.to_string_lossy().into_owned(),
    );
    let text = flinkscale::init::render(&name, &found);
    let written = if target.exists() {
        fsio::write_atomic(&target, text.as_bytes()).map_err(|e| e.to_string())
    } else {
        create_new(&target, text.as_bytes())
    };
    if let Err(e) = written {
        error(e);
        return ExitStatus::Error;
    }
    // Shortcodes as written in entries; a tag that is not configured says so.
    let tags: Vec<String> = found
        .tags
        .iter()
        .map(|(t, n)| {
            if config_tags.contains_key(t) {
                format!(":{t}: {n}")
            } else {
                format!("{t} {n} (not a configured tag)")
            }
        })
        .collect();
    eprintln!(
        "wrote {} from {} ({} entries; tags: {}; skip: {})",
        target.display(),
        doc.source.name,
        found.entries,
        if tags.is_empty() {
            "none".into()
        } else {
            tags.join(", ")
        },
        if found.skip.is_empty() {
            "none".into()
        } else {
            found.skip.join(", ")
        },
    );
    ExitStatus::Success
}

/// Writes a file that must not exist yet (so a race cannot clobber one).
fn create_new(path: &Path, contents: &[u8]) -> Result<(), String> {
    use std::io::Write as _;
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .and_then(|mut f| f.write_all(contents).and_then(|()| f.sync_all()))
        .map_err(|e| {
            format!(
                "{}: cannot write: {}",
                path.display(),
                fsio::describe_io_error(&e)
            )
        })
}
