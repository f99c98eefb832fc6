//! `export` and `stats`: the list as data (their exact outputs are trycmd
//! cases in `tests/cmd/`; here, what holds between them).

use crate::common::flinkscale;

fn stdout(args: &[&str]) -> String {
    let out = flinkscale()
        .args(args)
        .assert()
        .code(0)
        .get_output()
        .clone();
    String::from_utf8(out.stdout).unwrap()
}

/// Entry lines of the seed list, counted without flinkscale's parser.
fn seed_entry_lines() -> Vec<(usize, String)> {
    std::fs::read_to_string("fixtures/seed.md")
        .unwrap()
        .lines()
        .enumerate()
        .filter(|(_, l)| l.starts_with("- [") && !l.contains("](#"))
        .map(|(i, l)| (i + 1, l.to_owned()))
        .collect()
}

#[test]
fn json_export_has_one_record_per_entry_in_file_order() {
    let records: Vec<serde_json::Value> =
        serde_json::from_str(&stdout(&["export", "fixtures/seed.md", "--format", "json"])).unwrap();
    let lines = seed_entry_lines();
    assert_eq!(records.len(), lines.len());
    for (record, (line, text)) in records.iter().zip(&lines) {
        assert_eq!(record["line"], *line as u64, "{record}");
        let url = record["url"].as_str().unwrap();
        assert!(
            text.contains(url.trim()),
            "{url} not in line {line}: {text}"
        );
    }
    let first = &records[0];
    assert_eq!(first["company"], "Acme Corp");
    assert_eq!(first["year"], 2024);
    assert_eq!(first["tag"], "books");
    assert_eq!(first["tag_meaning"], "blog post or article");
    // The entry without a year.
    let eon = records.iter().find(|r| r["company"] == "E.ON").unwrap();
    assert!(eon["year"].is_null());
    assert_eq!(eon["tag"], "studio_microphone");
}

#[test]
fn csv_export_round_trips_through_a_csv_reader() {
    let csv_text = stdout(&["export", "fixtures/seed.md", "--format", "csv"]);
    let json: Vec<serde_json::Value> =
        serde_json::from_str(&stdout(&["export", "fixtures/seed.md"])).unwrap();
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(
        header,
        [
            "company",
            "title",
            "url",
            "year",
            "tag",
            "tag_meaning",
            "line"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), json.len());
    for (row, record) in rows.iter().zip(&json) {
        for (i, key) in header.iter().enumerate() {
            let want = match &record[key] {
                serde_json::Value::Null => String::new(),
                serde_json::Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            assert_eq!(row[i], want, "{key} of {record}");
        }
    }
    // A title with a comma is quoted, not split.
    assert!(rows
        .iter()
        .any(|r| &r[1] == "Smart meters, one topic at a time"));
}

/// What it prints is pinned by `tests/cmd/stats-seed.toml`; here, that it
/// fits 80 columns.
#[test]
fn stats_fit_80_columns() {
    let text = stdout(&["stats", "fixtures/seed.md"]);
    for line in text.lines() {
        assert!(line.chars().count() <= 80, "too wide: {line}");
    }
}

#[test]
fn stats_json_counts_match_the_export() {
    let stats: serde_json::Value =
        serde_json::from_str(&stdout(&["stats", "fixtures/seed.md", "--format", "json"])).unwrap();
    let records: Vec<serde_json::Value> =
        serde_json::from_str(&stdout(&["export", "fixtures/seed.md"])).unwrap();
    assert_eq!(stats["entries"], records.len() as u64);
    let by_year: u64 = stats["years"]
        .as_array()
        .unwrap()
        .iter()
        .map(|y| y["entries"].as_u64().unwrap())
        .sum();
    let by_tag: u64 = stats["tags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["entries"].as_u64().unwrap())
        .sum();
    assert_eq!(by_year, records.len() as u64);
    assert_eq!(by_tag, records.len() as u64);
    assert_eq!(stats["top_companies"][0]["company"], "Acme Corp");
    assert_eq!(stats["top_companies"][0]["entries"], 3);
}
