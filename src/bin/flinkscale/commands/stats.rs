//! `flinkscale stats`: entries per year and per tag, and the companies with
//! the most entries.

use std::path::Path;

use super::common::{error, load_list, print, ExitStatus};
use crate::cli::{StatsArgs, StatsFormat};
use flinkscale::fsio;
use flinkscale::records::records;
use flinkscale::stats::Stats;

pub fn run(config: Option<&Path>, args: &StatsArgs) -> ExitStatus {
    let Some((doc, config)) = load_list(config, &args.path) else {
        return ExitStatus::Error;
    };
    let records = records(&doc, &config);
    let stats = Stats::of(&doc.source.name, &records, &config);
    if let Some(file) = &args.svg {
        let years = flinkscale::site::chart::years(&records);
        let Some(svg) = flinkscale::site::chart::svg(&years) else {
            error(format!(
                "{}: no entry has a year; there is no chart to draw",
                doc.source.name
            ));
            return ExitStatus::Error;
        };
        if let Err(e) = fsio::write_atomic(file, svg.as_bytes()) {
            error(e);
            return ExitStatus::Error;
        }
    }
    print(&match args.format {
        StatsFormat::Text => stats.text(),
        StatsFormat::Json => stats.json(),
    });
    ExitStatus::Success
}
