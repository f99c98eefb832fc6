//! `flinkscale add`: one new entry at its place, written atomically.

use std::path::Path;

use super::common::{diff, error, load, print, use_color, ExitStatus};
use crate::add::{self, Request};
use crate::cli::{AddArgs, Color};
use crate::{clock, fsio};

pub fn run(config: Option<&Path>, color: Color, args: &AddArgs) -> ExitStatus {
    // Taken before reading: a file changed after this is not overwritten.
    let stamp = fsio::Stamp::of(&args.path);
    let Some((doc, config)) = load(config, &args.path) else {
        return ExitStatus::Error;
    };
    let request = Request {
        company: args.company.clone(),
        title: args.title.clone(),
        url: args.url.clone(),
        year: args.year,
        tag: args.tag.clone(),
    };
    let added = match add::add(&doc, &config, &request, clock::current_year()) {
        Ok(added) => added,
        Err(refused) => {
            error(format!("{}: {refused}", doc.source.name));
            return ExitStatus::Error;
        }
    };
    let name = &doc.source.name;
    if let Some(host) = &added.inferred_from {
        let meaning = config.tags[&added.tag].meaning.as_deref().unwrap_or("");
        eprintln!(
            "note: tagged :{}: ({meaning}) because {host} is a video host; pass --tag to choose another",
            added.tag
        );
    }
    let stdin = args.path.as_os_str() == fsio::STDIN;
    if args.dry_run {
        print(&diff(name, doc.text(), &added.text, use_color(color)));
    } else if stdin {
        print(&doc.source.restore(&added.text));
    } else {
        let bytes = doc.source.restore(&added.text);
        if let Err(e) = fsio::write_atomic_unchanged(&args.path, bytes.as_bytes(), stamp.as_ref()) {
            error(e);
            return ExitStatus::Error;
        }
    }
    eprintln!(
        "{} {name}:{} under `{}`{}",
        if args.dry_run {
            "would add to"
        } else {
            "added to"
        },
        added.line,
        added.section,
        if added.new_section {
            " (new section and TOC item)"
        } else {
            ""
        }
    );
    ExitStatus::Success
}
