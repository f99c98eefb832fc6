//! The `add`, `export`, `stats` and `init` commands: read one list, then
//! hand the model to [`crate::add`], [`crate::export`], [`crate::stats`] or
//! [`crate::init`].

use std::path::Path;

use crate::add::{self, Request};
use crate::app::{error, print, use_color, Configs};
use crate::cli::{AddArgs, Cli, DataFormat, ExportArgs, InitArgs, StatsArgs, StatsFormat};
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
    // Taken before reading: a file changed after this is not overwritten.
    let stamp = fsio::Stamp::of(&args.path);
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
    } else {
        let bytes = doc.source.restore(&added.text);
        if let Err(e) = fsio::write_atomic_unchanged(&args.path, bytes.as_bytes(), stamp.as_ref()) {
            error(e);
            return 2;
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
    0
}

pub fn init(args: &InitArgs) -> u8 {
    let source = match fsio::read_source(&args.path) {
        Ok(s) => s,
        Err(e) => {
            error(e);
            return 2;
        }
    };
    if args.path.as_os_str() == fsio::STDIN {
        error("init needs a file: flinkscale.toml is written next to it");
        return 2;
    }
    let dir = args
        .path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let target = dir.join(crate::config::FILE_NAME);
    if target.exists() && !args.force {
        error(format!(
            "{} already exists; pass --force to replace it",
            target.display()
        ));
        return 2;
    }
    let mut config = Config::default();
    let mut doc = Document::parse(source.clone(), &config);
    if doc.toc.is_none() {
        if let Some(heading) = crate::init::detect_toc_heading(&doc) {
            config.toc.heading = heading;
            doc = Document::parse(source, &config);
        }
    }
    let found = crate::init::infer(&doc);
    let name = args.path.file_name().map_or_else(
        || doc.source.name.clone(),
        |n| n.to_string_lossy().into_owned(),
    );
    let text = crate::init::render(&name, &found);
    let written = if target.exists() {
        fsio::write_atomic(&target, text.as_bytes()).map_err(|e| e.to_string())
    } else {
        create_new(&target, text.as_bytes())
    };
    if let Err(e) = written {
        error(e);
        return 2;
    }
    let tags: Vec<String> = found.tags.iter().map(|(t, n)| format!("{t} {n}")).collect();
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
    0
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
