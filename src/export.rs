//! `flinkscale export`: every entry as a JSON object or a CSV row.

use crate::records::Record;

/// The columns, in order; also the JSON keys.
pub const COLUMNS: [&str; 7] = [
    "company",
    "title",
    "url",
    "year",
    "tag",
    "tag_meaning",
    "line",
];

/// A JSON array of objects, one per record, pretty-printed.
pub fn json(records: &[Record]) -> String {
    let mut text = serde_json::to_string_pretty(records).unwrap_or_else(|_| "[]".into());
    text.push('\n');
    text
}

/// CSV with a header row; missing values are empty cells.
pub fn csv(records: &[Record]) -> Result<String, csv::Error> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(COLUMNS)?;
    for r in records {
        let year = r.year.map(|y| y.to_string()).unwrap_or_default();
        let line = r.line.to_string();
        writer.write_record([
            r.company.as_str(),
            r.title.as_str(),
            r.url.as_deref().unwrap_or_default(),
            year.as_str(),
            r.tag.as_deref().unwrap_or_default(),
            r.tag_meaning.as_deref().unwrap_or_default(),
            line.as_str(),
        ])?;
    }
    let bytes = writer.into_inner().map_err(|e| e.into_error())?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}
