//! `flinkscale stats`: entries per year and per tag, and the companies with
//! the most entries, as bar charts that fit 80 columns (or JSON).

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use crate::config::Config;
use crate::records::Record;

/// How many companies the "top companies" chart shows.
pub const TOP: usize = 10;

/// Widest line the text charts print.
const WIDTH: usize = 80;

#[derive(Debug, Serialize)]
pub struct Stats {
    pub file: String,
    pub entries: usize,
    pub companies: usize,
    /// Newest year first; entries without a year last, as `year: null`.
    pub years: Vec<YearCount>,
    /// Most used first; entries without a tag last, as `tag: null`.
    pub tags: Vec<TagCount>,
    /// At most [`TOP`], most entries first, ties alphabetical.
    pub top_companies: Vec<CompanyCount>,
}

#[derive(Debug, Serialize)]
pub struct YearCount {
    pub year: Option<u16>,
    pub entries: usize,
}

#[derive(Debug, Serialize)]
pub struct TagCount {
    pub tag: Option<String>,
    pub meaning: Option<String>,
    pub entries: usize,
}

#[derive(Debug, Serialize)]
pub struct CompanyCount {
    pub company: String,
    pub entries: usize,
}

impl Stats {
    pub fn of(file: &str, records: &[Record], config: &Config) -> Stats {
        let mut years: BTreeMap<std::cmp::Reverse<Option<u16>>, usize> = BTreeMap::new();
        let mut tags: HashMap<Option<&str>, usize> = HashMap::new();
        let mut companies: HashMap<&str, usize> = HashMap::new();
        for r in records {
            *years.entry(std::cmp::Reverse(r.year)).or_default() += 1;
            *tags.entry(r.tag.as_deref()).or_default() += 1;
            // A flat list names its companies only in its entries' text.
            if !r.company.is_empty() {
                *companies.entry(r.company.as_str()).or_default() += 1;
            }
        }
        // Reverse(None) sorts after every Reverse(Some(_)): yearless last.
        let years = years
            .into_iter()
            .map(|(year, entries)| YearCount {
                year: year.0,
                entries,
            })
            .collect();
        let mut tags: Vec<TagCount> = tags
            .into_iter()
            .map(|(tag, entries)| TagCount {
                tag: tag.map(str::to_owned),
                meaning: tag
                    .and_then(|t| config.tags.get(t))
                    .and_then(|t| t.meaning.clone()),
                entries,
            })
            .collect();
        tags.sort_by(|a, b| {
            (a.tag.is_none(), std::cmp::Reverse(a.entries), &a.tag).cmp(&(
                b.tag.is_none(),
                std::cmp::Reverse(b.entries),
                &b.tag,
            ))
        });
        let company_count = companies.len();
        let mut top: Vec<CompanyCount> = companies
            .into_iter()
            .map(|(company, entries)| CompanyCount {
                company: company.to_owned(),
                entries,
            })
            .collect();
        top.sort_by(|a, b| {
            b.entries
                .cmp(&a.entries)
                .then_with(|| a.company.cmp(&b.company))
        });
        top.truncate(TOP);
        Stats {
            file: file.to_owned(),
            entries: records.len(),
            companies: company_count,
            years,
            tags,
            top_companies: top,
        }
    }

    pub fn json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_else(|_| "{}".into());
        text.push('\n');
        text
    }

    /// The three charts as aligned text, no line wider than 80 columns.
    pub fn text(&self) -> String {
        let known: Vec<u16> = self.years.iter().filter_map(|y| y.year).collect();
        let span = match (known.last(), known.first()) {
            (Some(first), Some(last)) if first != last => format!(", {first}–{last}"),
            (Some(only), _) => format!(", {only}"),
            _ => String::new(),
        };
        let companies = if self.companies == 0 && self.entries > 0 {
            // A flat list: each entry names its company in its own text.
            "no company sections".to_owned()
        } else {
            plural(self.companies, "company", "companies")
        };
        let mut out = format!(
            "{}: {} in {companies}{span}\n",
            self.file,
            plural(self.entries, "entry", "entries"),
        );
        let years: Vec<(String, usize)> = self
            .years
            .iter()
            .map(|y| {
                let label = y
                    .year
                    .map_or_else(|| "no year".to_owned(), |y| y.to_string());
                (label, y.entries)
            })
            .collect();
        chart(&mut out, "Entries per year", &years);
        let tags: Vec<(String, usize)> = self
            .tags
            .iter()
            .map(|t| {
                let label = match (&t.tag, &t.meaning) {
                    (Some(tag), Some(meaning)) => format!("{tag} ({meaning})"),
                    (Some(tag), None) => tag.clone(),
                    (None, _) => "no tag".to_owned(),
                };
                (label, t.entries)
            })
            .collect();
        chart(&mut out, "Entries per tag", &tags);
        let companies: Vec<(String, usize)> = self
            .top_companies
            .iter()
            .map(|c| (c.company.clone(), c.entries))
            .collect();
        chart(
            &mut out,
            &format!("Top companies (of {})", self.companies),
            &companies,
        );
        out
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// `  label   ████████ 12` rows, labels cut to fit, bars scaled to the widest.
fn chart(out: &mut String, title: &str, rows: &[(String, usize)]) {
    out.push('\n');
    out.push_str(title);
    out.push('\n');
    if rows.is_empty() {
        out.push_str("  (none)\n");
        return;
    }
    let max = rows.iter().map(|r| r.1).max().unwrap_or(1).max(1);
    let count_width = max.to_string().len();
    let label_width = rows
        .iter()
        .map(|r| r.0.chars().count())
        .max()
        .unwrap_or(0)
        .min(40);
    // "  " + label + "  " + bar + " " + count
    let bar_width = WIDTH - 2 - label_width - 2 - 1 - count_width;
    for (label, count) in rows {
        let label = crop(label, label_width);
        let bar = (count * bar_width).div_ceil(max).max(1);
        out.push_str(&format!(
            "  {label:<label_width$}  {} {count:>count_width$}\n",
            "█".repeat(bar)
        ));
    }
}

fn crop(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_owned();
    }
    let mut cut: String = text.chars().take(width - 1).collect();
    cut.push('…');
    cut
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(company: &str, year: Option<u16>, tag: Option<&str>) -> Record {
        Record {
            company: company.into(),
            title: "t".into(),
            url: None,
            year,
            tag: tag.map(Into::into),
            tag_meaning: None,
            line: 1,
            written_title: "t".into(),
        }
    }

    #[test]
    fn counts_and_orders() {
        let records = [
            record("B", Some(2020), Some("books")),
            record("A", Some(2024), Some("books")),
            record("A", None, Some("studio_microphone")),
            record("C", Some(2024), None),
        ];
        let s = Stats::of("x.md", &records, &Config::default());
        assert_eq!(s.entries, 4);
        assert_eq!(s.companies, 3);
        let years: Vec<_> = s.years.iter().map(|y| (y.year, y.entries)).collect();
        assert_eq!(years, [(Some(2024), 2), (Some(2020), 1), (None, 1)]);
        let tags: Vec<_> = s
            .tags
            .iter()
            .map(|t| (t.tag.as_deref(), t.entries))
            .collect();
        assert_eq!(
            tags,
            [
                (Some("books"), 2),
                (Some("studio_microphone"), 1),
                (None, 1)
            ]
        );
        assert_eq!(s.tags[1].meaning.as_deref(), Some("talk or video"));
        let top: Vec<_> = s
            .top_companies
            .iter()
            .map(|c| (c.company.as_str(), c.entries))
            .collect();
        assert_eq!(top, [("A", 2), ("B", 1), ("C", 1)]);
    }

    #[test]
    fn charts_fit_80_columns() {
        let long = "A company with a very long name that goes on and on and on";
        let records: Vec<Record> = (0..1000)
            .map(|i| {
                record(
                    if i % 2 == 0 { long } else { "B" },
                    Some(1990 + (i % 37) as u16),
                    Some("books"),
                )
            })
            .collect();
        let text = Stats::of("x.md", &records, &Config::default()).text();
        for line in text.lines() {
            assert!(
                line.chars().count() <= 80,
                "{} columns: {line}",
                line.chars().count()
            );
        }
        assert!(text.contains(&format!("{}…", &long[..39])), "{text}");
    }
}
