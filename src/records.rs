//! The list as data: one [`Record`] per entry, of every shape (an item of a
//! company section, a table row, a flat or nested item), in file order.
//! `export` prints them; `stats` counts them.

use serde::Serialize;

use crate::config::Config;
use crate::model::lead::Lead;
use crate::model::{collapse_whitespace, Document, Entry};

/// One entry as plain data. Missing parts are `None`, not guessed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Record {
    /// The section's company, a table's company cell or the company
    /// bullet above a nested entry; empty where the list names it only in
    /// the entry's text (a flat list).
    pub company: String,
    pub title: String,
    pub url: Option<String>,
    pub year: Option<u16>,
    /// The tag's shortcode name (`books`), or the tag as written when it is
    /// not a configured tag.
    pub tag: Option<String>,
    /// The configured meaning of the tag (`blog post or article`).
    pub tag_meaning: Option<String>,
    /// 1-based line of the entry.
    pub line: usize,
    /// The title as written, markup and all (not exported): what the page
    /// shows, as text, of a title that renders as nothing (`[<img …>](u)`).
    #[serde(skip)]
    pub written_title: String,
}

/// Every entry of `doc` as a record, in file order.
pub fn records(doc: &Document, config: &Config) -> Vec<Record> {
    let mut out: Vec<Record> = doc
        .entries
        .iter()
        .filter(|e| !doc.is_container(e))
        .map(|e| entry_record(doc, config, e))
        .collect();
    if !doc.leads.is_empty() {
        out.extend(doc.leads.iter().map(|l| lead_record(doc, l)));
        out.sort_by_key(|r| r.line);
    }
    out
}

fn entry_record(doc: &Document, config: &Config, e: &Entry) -> Record {
    let text = doc.text();
    let item = doc.item(e);
    let (title, written_title) = match item.link() {
        Some(link) => (
            collapse_whitespace(link.text(text)),
            collapse_whitespace(&text[link.text_range.range()]),
        ),
        None => (
            collapse_whitespace(item.text()),
            collapse_whitespace(item.text()),
        ),
    };
    let tag = e.tag.as_ref().map(|t| match doc.tag_name(t) {
        Some(name) => name.to_owned(),
        None => t.written(text).to_owned(),
    });
    let tag_meaning = e
        .tag
        .as_ref()
        .and_then(|t| doc.tag_name(t))
        .and_then(|name| config.tags.get(name))
        .and_then(|t| t.meaning.clone());
    Record {
        company: doc.company(e).to_owned(),
        title,
        url: doc.url(e).map(str::to_owned),
        year: e.year_at(doc.profile.year_place),
        tag,
        tag_meaning,
        line: doc.source.position(item.range.start()).line,
        written_title,
    }
}

/// A table row, a flat or a nested item: its company where the list
/// writes one (else its company section's), its link's text as the title
/// (an autolink's URL, for a row that links its blog so).
fn lead_record(doc: &Document, lead: &Lead) -> Record {
    let text = doc.text();
    let link = &doc.links_out[lead.link as usize];
    let title = match doc.lead_title(lead) {
        Some(range) => collapse_whitespace(&text[range]),
        None => link.dest(text).to_owned(),
    };
    let company = match lead.company {
        Some(c) => collapse_whitespace(&text[c.range()]),
        None => {
            // The company section its block stands in, if any.
            let at = lead.line.start();
            let block = doc.blocks.partition_point(|b| b.range.end <= at);
            doc.section_of_block(block)
                .map(|s| &doc.sections[s])
                .filter(|s| !s.skipped)
                .map(|s| doc.heading(s).text.clone())
                .unwrap_or_default()
        }
    };
    Record {
        company,
        written_title: title.clone(),
        title,
        url: Some(link.dest(text).to_owned()),
        year: lead.year,
        tag: None,
        tag_meaning: None,
        line: doc.source.position(lead.line.start()).line,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Source;

    #[test]
    fn entries_become_records_in_file_order() {
        let text = "# L\n\n## Table of Contents\n\n1. [B](#b)\n\n## B\n\n\
- [New](https://b.example/new) - `2024` - :books:\n\
- [Old](https://youtu.be/x) - `2019` - :studio_microphone:\n\
- [Odd] - :rocket:\n";
        let config = Config::default();
        let doc = Document::parse(Source::new("t.md", text), &config);
        let records = records(&doc, &config);
        assert_eq!(records.len(), 3);
        assert_eq!(records[0].company, "B");
        assert_eq!(records[0].title, "New");
        assert_eq!(records[0].url.as_deref(), Some("https://b.example/new"));
        assert_eq!(records[0].year, Some(2024));
        assert_eq!(records[0].tag.as_deref(), Some("books"));
        assert_eq!(
            records[0].tag_meaning.as_deref(),
            Some("blog post or article")
        );
        assert_eq!(records[0].line, 9);
        assert_eq!(records[1].tag_meaning.as_deref(), Some("talk or video"));
        assert_eq!(records[1].line, 10);
        assert_eq!(records[2].url, None);
        assert_eq!(records[2].year, None);
        assert_eq!(records[2].line, 11);
    }
}

#[cfg(test)]
mod company_tests {
    use super::*;
    use crate::source::Source;

    fn companies_and_years(text: &str) -> Vec<(String, Option<u16>)> {
        let config = Config::default();
        let doc = Document::parse(Source::new("t.md", text), &config);
        records(&doc, &config)
            .into_iter()
            .map(|r| (r.company, r.year))
            .collect()
    }

    /// In a list that keeps its companies inside an H2, a record names the
    /// company, not the H2 that holds it, and carries the year where the
    /// list writes it.
    #[test]
    fn records_name_the_company_inside_its_h2() {
        let details = "# L\n\n## Organizations\n\n\
<details><summary>Acme</summary>\n\n- [A](https://a.example/1), 2021\n- [B](https://a.example/2), 2020\n\n</details>\n\n\
<details><summary>Globex</summary>\n\n- [C](https://g.example/1), 2019\n\n</details>\n";
        assert_eq!(
            companies_and_years(details),
            [
                ("Acme".to_owned(), Some(2021)),
                ("Acme".to_owned(), Some(2020)),
                ("Globex".to_owned(), Some(2019))
            ]
        );
        let h3 = "# L\n\n## By company\n\n### Acme\n\n#### 2024\n\n- [A](https://a.example/1)\n\n\
### Globex\n\n#### 2020\n\n- [C](https://g.example/1)\n- [D](https://g.example/2)\n";
        assert_eq!(
            companies_and_years(h3),
            [
                ("Acme".to_owned(), Some(2024)),
                ("Globex".to_owned(), Some(2020)),
                ("Globex".to_owned(), Some(2020))
            ]
        );
    }
}
