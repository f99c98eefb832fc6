//! The `add`, `export` and `stats` commands: read one list, then hand the
//! model to [`crate::add`], [`crate::export`] or [`crate::stats`].

use std::path::Path;

use crate::add::{self, Request};
use crate::app::{error, print, use_color, Configs};
use crate::cli::{AddArgs, Cli, DataFormat, ExportArgs, StatsArgs, StatsFormat};
use crate::config::Config;
use crate::model::Document;
use crate::records::records;
use crate::stats::Stats;
use crate::{clock, export, fsio};

/// Reads `path` and its config, or prints why not.
fn load(cli: &Cli, path: &Path) -> Option<(Document, Config)> {
    let source = fsio::read_source(path).map_err(error).ok()?;
    let config = Configs::new(cli)
        .for_path(path)
        .map_err(error)
        .ok()?
        .clone();
    Some((Document::parse(source, &config), config))
}

pub fn export(cli: &Cli, args: &ExportArgs) -> u8 {
    let Some((doc, config)) = load(cli, &args.path) else {
        return 2;
    };
    let records = records(&doc, &config);
    match args.format {
        DataFormat::Json => print(&export::json(&records)),
        DataFormat::Csv => match export::csv(&records) {
            Ok(text) => print(&text),
            Err(e) => {
                error(format!("{}: cannot write CSV: {e}", doc.source.name));
                return 2;
            }
        },
    }
    0
}

pub fn stats(cli: &Cli, args: &StatsArgs) -> u8 {
    let Some((doc, config)) = load(cli, &args.path) else {
        return 2;
    };
    let stats = Stats::of(&doc.source.name, &records(&doc, &config), &config);
    print(&match args.format {
        StatsFormat::Text => stats.text(),
        StatsFormat::Json => stats.json(),
    });
    0
}

pub fn add(cli: &Cli, args: &AddArgs) -> u8 {
    let Some((doc, config)) = load(cli, &args.path) else {
        return 2;
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
            return 2;
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
        print(&crate::format::command::diff(
            name,
            doc.text(),
            &added.text,
            use_color(cli.color),
        ));
    } else if stdin {
        print(&doc.source.restore(&added.text));
    } else if let Err(e) =
        fsio::write_atomic(&args.path, doc.source.restore(&added.text).as_bytes())
    {
        error(e);
        return 2;
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
    0
}
