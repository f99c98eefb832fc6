//! `flinkscale stats`: entries per year and per tag, and the companies with
//! the most entries.

use std::path::Path;

use super::common::{load_list, print, ExitStatus};
use crate::cli::{StatsArgs, StatsFormat};
use flinkscale::records::records;
use flinkscale::stats::Stats;

pub fn run(config: Option<&Path>, args: &StatsArgs) -> ExitStatus {
    let Some((doc, config)) = load_list(config, &args.path) else {
        return ExitStatus::Error;
    };
    let stats = Stats::of(&doc.source.name, &records(&doc, &config), &config);
    print(&match args.format {
        StatsFormat::Text => stats.text(),
        StatsFormat::Json => stats.json(),
    });
    ExitStatus::Success
}
