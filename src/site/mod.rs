//! `flinkscale site`: the list as one web page, for its readers. Every
//! entry is in the HTML, grouped by company in the list's own order, each
//! company under the README's anchor, so the page reads with JavaScript
//! off; with it, a search box and filters (company, years, kind, link
//! health from the links cache), an order, and counts that follow, the
//! view kept in the address (`?q=kafka&year=2021-2024&kind=talk`). Above
//! the list, entries per year as an inline SVG ([`chart`]).
//!
//! The page is self-contained and asks nothing of any host: its style and
//! script are inline, allowed by their hashes in a Content-Security-Policy
//! that allows nothing else. The list is other people's text: titles,
//! companies and URLs go through the template's HTML escaping, a URL that
//! is not http(s) or mailto is no link, and the script sets text, never
//! markup.

pub mod chart;

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::config::Config;
use crate::links::cache::Cache;
use crate::model::{BlockKind, Document};
use crate::records::{records, Record};

const TEMPLATE: &str = include_str!("page.html");
const STYLE: &str = include_str!("page.css");
const SCRIPT: &str = include_str!("page.js");

#[derive(Serialize)]
struct Company {
    name: String,
    /// The README's anchor of the company's heading, else one of the
    /// page's own.
    anchor: String,
    entries: Vec<Entry>,
}

#[derive(Serialize)]
struct Entry {
    title: String,
    /// Only a URL that is safe to follow (http, https, mailto), escaped
    /// for an attribute here ([`attribute`]): the template's escaping
    /// would write each `/` as `&#x2f;`, a tenth of a big page.
    url: Option<minijinja::Value>,
    year: Option<u16>,
    /// The tag's name (`books`), the kind filter's value.
    kind: String,
    /// What the tag means (`blog post or article`), else its name.
    kind_label: String,
    /// `ok`, `moved`, `failing`, `dead`, or `unchecked` (no cache, or no
    /// answer in it).
    health: &'static str,
}

#[derive(Serialize)]
struct Kind {
    name: String,
    label: String,
}

/// The page of `doc`, with each link's health from `cache` when there is
/// one; or why there is none (a file that is no list).
pub fn page(doc: &Document, config: &Config, cache: Option<&Cache>) -> Result<String, String> {
    if let Some(reason) = doc.not_a_list_reason() {
        return Err(format!(
            "not a list: {reason}; there are no entries to show"
        ));
    }
    let all = records(doc, config);
    let anchors: HashMap<&str, &str> = doc
        .company_sections()
        .map(|(_, s)| {
            let h = doc.heading(s);
            (h.text.as_str(), h.slug.as_str())
        })
        .collect();
    let mut companies: Vec<Company> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut kinds: BTreeMap<String, String> = BTreeMap::new();
    for r in &all {
        let i = *index.entry(r.company.clone()).or_insert_with(|| {
            let n = companies.len();
            companies.push(Company {
                name: r.company.clone(),
                anchor: anchors
                    .get(r.company.as_str())
                    .map_or_else(|| format!("company-{}", n + 1), |a| (*a).to_owned()),
                entries: Vec::new(),
            });
            n
        });
        let entry = entry(r, cache);
        if !entry.kind.is_empty() {
            kinds
                .entry(entry.kind.clone())
                .or_insert_with(|| entry.kind_label.clone());
        }
        companies[i].entries.push(entry);
    }
    let years = chart::years(&all);
    let title = page_title(doc);
    let csp = format!(
        "default-src 'none'; style-src '{}'; script-src '{}'; img-src 'none'; base-uri 'none'; form-action 'none'",
        hash(STYLE),
        hash(SCRIPT)
    );
    let mut env = minijinja::Environment::new();
    env.add_template("page.html", TEMPLATE)
        .map_err(|e| format!("the page's template: {e}"))?;
    let template = env
        .get_template("page.html")
        .map_err(|e| format!("the page's template: {e}"))?;
    let kinds: Vec<Kind> = kinds
        .into_iter()
        .map(|(name, label)| Kind { name, label })
        .collect();
    template
        .render(minijinja::context! {
            title,
            csp,
            version => env!("CARGO_PKG_VERSION"),
            source => doc.source.name.clone(),
            total => all.len(),
            undated => all.iter().filter(|r| r.year.is_none()).count(),
            first_year => years.first().map(|y| y.0),
            last_year => years.last().map(|y| y.0),
            chart => chart::svg(&years),
            companies,
            kinds,
            style => STYLE,
            script => SCRIPT,
        })
        .map_err(|e| format!("the page could not be written: {e}"))
}

fn entry(r: &Record, cache: Option<&Cache>) -> Entry {
    let url = r
        .url
        .as_deref()
        .filter(|u| safe(u))
        .map(|u| minijinja::Value::from_safe_string(attribute(u)));
    let health = match (&r.url, cache) {
        (Some(u), Some(cache)) => cache.health(u).unwrap_or("unchecked"),
        _ => "unchecked",
    };
    let kind = r.tag.clone().unwrap_or_default();
    // A title that renders as nothing (all markup) is shown as written,
    // as text.
    let title = if r.title.trim().is_empty() {
        &r.written_title
    } else {
        &r.title
    };
    Entry {
        title: title.clone(),
        url,
        year: r.year,
        kind_label: r.tag_meaning.clone().unwrap_or_else(|| kind.clone()),
        kind,
        health,
    }
}

/// A URL a reader may follow: http, https or mailto. `javascript:`,
/// `data:` and the rest are shown as text.
fn safe(url: &str) -> bool {
    let mailto = url
        .get(..7)
        .is_some_and(|p| p.eq_ignore_ascii_case("mailto:"));
    (crate::model::url::is_absolute_http(url) || mailto) && !url.chars().any(char::is_control)
}

/// `text` escaped for a double-quoted attribute: `&`, `<`, `>`, `"` and
/// `'` as references, all else as it is.
fn attribute(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A CSP source of `text`'s SHA-256.
fn hash(text: &str) -> String {
    use base64::Engine as _;
    let digest = Sha256::digest(text.as_bytes());
    format!(
        "sha256-{}",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

/// The page's title: the list's H1 (the first level-1 heading before its
/// TOC and companies, wherever a badge or a logo puts it); without one,
/// the name of the folder a README is in (the repository's, as GitHub
/// names the page), else the file's name.
fn page_title(doc: &Document) -> String {
    let h1 = doc.blocks[doc.preamble.clone()]
        .iter()
        .find_map(|b| match b.kind {
            BlockKind::Heading(h) if doc.headings[h].level == 1 => Some(&doc.headings[h].text),
            _ => None,
        })
        .filter(|text| !text.is_empty());
    if let Some(text) = h1 {
        return text.clone();
    }
    let path = std::path::Path::new(&doc.source.name);
    let is_readme = path
        .file_stem()
        .is_some_and(|stem| stem.eq_ignore_ascii_case("readme"));
    let folder = || {
        let full = std::fs::canonicalize(path).ok()?;
        Some(full.parent()?.file_name()?.to_string_lossy().into_owned())
    };
    match is_readme.then(folder).flatten() {
        Some(folder) => folder,
        None => doc.source.name.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Source;

    fn page_of(text: &str) -> String {
        let config = Config::default();
        let doc = Document::parse(Source::new("README.md", text), &config);
        page(&doc, &config, None).unwrap()
    }

    #[test]
    fn the_lists_text_is_never_markup_and_only_safe_urls_are_links() {
        let html = page_of(
            "# Hostile <script>alert(1)</script>\n\n## Table of Contents\n\n- [Ev\"il <b>](#evil-b)\n\n\
             ## Ev\"il <b>\n\n\
             - [<img src=x onerror=alert(1)>](https://a.example/a) - `2024` - :books:\n\
             - [Script](javascript:alert(1)) - `2023` - :books:\n\
             - [Data](data:text/html,<script>alert(1)</script>) - `2022` - :books:\n\
             - [Quote](https://a.example/\"onmouseover=alert(1)) - `2021` - :books:\n",
        );
        assert!(!html.contains("<img src=x"), "{html}");
        assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
        assert!(!html.contains("<b>"));
        assert!(!html.contains("href=\"javascript:"));
        assert!(!html.contains("href=\"data:"));
        assert!(!html.contains("\"onmouseover"));
        // One script element only: the page's own, allowed by its hash.
        assert_eq!(html.matches("<script").count(), 1);
        assert!(html.contains(&format!("script-src '{}'", hash(SCRIPT))));
        assert!(html.contains("default-src 'none'"));
    }

    #[test]
    fn every_entry_is_on_the_page_under_its_companys_anchor() {
        let html = page_of(
            "# Acme\n\n## Table of Contents\n\n- [Acme Corp](#acme-corp)\n- [Globex](#globex)\n\n\
             ## Acme Corp\n\n- [Streams](https://a.example/s) - `2024` - :books:\n\
             - [Talk](https://a.example/t) - `2019` - :studio_microphone:\n\n\
             ## Globex\n\n- [Batch](https://g.example/b) - `2021` - :books:\n",
        );
        assert_eq!(html.matches("<li ").count(), 3);
        assert!(html.contains("<h2 id=\"acme-corp\">Acme Corp <span class=\"n\">2</span></h2>"));
        assert!(html.contains("<h2 id=\"globex\">"));
        assert!(html.contains("data-y=\"2019\" data-k=\"studio_microphone\""));
        assert!(html.contains("<title>2020: 0 entries</title>"), "the chart");
        assert!(
            html.find("Streams") < html.find("Batch"),
            "the list's order"
        );
    }

    /// The page is named as the list names itself, or as GitHub names
    /// the repository's page.
    #[test]
    fn the_page_is_titled_by_the_lists_h1_or_its_folder() {
        const BODY: &str = "## Acme\n\n- [Streams](https://a.example/s) - `2024` - :books:\n";
        let config = Config::default();
        let title = |name: &str, text: &str| {
            let doc = Document::parse(Source::new(name, text), &config);
            page_title(&doc)
        };
        // A badge above the H1 does not hide it.
        let badged = format!(
            "[![b](https://b.example/b.svg)](https://b.example)\n\n# Flink at scale\n\n{BODY}"
        );
        assert_eq!(title("README.md", &badged), "Flink at scale");
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("kafka-at-scale");
        std::fs::create_dir(&folder).unwrap();
        let readme = folder.join("README.md");
        std::fs::write(&readme, BODY).unwrap();
        assert_eq!(title(&readme.to_string_lossy(), BODY), "kafka-at-scale");
        assert_eq!(title("companies.md", BODY), "companies.md");
        assert!(page_of(BODY).contains("<title>"));
    }

    #[test]
    fn a_file_that_is_no_list_gives_no_page() {
        let config = Config::default();
        let doc = Document::parse(
            Source::new("CHANGELOG.md", "# Changelog\n\n## 1.0\n\n- Fixed a bug.\n"),
            &config,
        );
        assert!(page(&doc, &config, None)
            .unwrap_err()
            .starts_with("not a list"));
    }
}
