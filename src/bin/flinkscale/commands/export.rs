//! `flinkscale export`: every entry as a JSON object or a CSV row.

use std::path::Path;

use super::common::{error, load_list, print, ExitStatus};
use crate::cli::{DataFormat, ExportArgs};
use flinkscale::export;
use flinkscale::records::records;

pub fn run(config: Option<&Path>, args: &ExportArgs) -> ExitStatus {
    let Some((doc, config)) = load_list(config, &args.path) else {
        return ExitStatus::Error;
    };
    let records = records(&doc, &config);
    match args.format {
        DataFormat::Json => print(&export::json(&records)),
        DataFormat::Csv => match export::csv(&records) {
            Ok(text) => print(&text),
            Err(e) => {
                error(format!("{}: cannot write CSV: {e}", doc.source.name));
                return ExitStatus::Error;
            }
        },
    }
    ExitStatus::Success
}
