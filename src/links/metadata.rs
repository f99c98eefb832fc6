//! What a web page says about itself: a title and a publication year, and
//! where each was read, for `add --fetch`. Read with html5gum (the HTML
//! tokenizer lychee uses), so entities, comments and odd quoting are the
//! HTML standard's business, not ours.

use html5gum::{DefaultEmitter, Token, Tokenizer};

pub use super::Found;

/// What a page says about itself.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageFacts {
    pub title: Option<Found<String>>,
    pub year: Option<Found<u16>>,
    /// A video, by its `og:type`.
    pub video: bool,
    /// Its oEmbed document (`<link rel="alternate" type="application/json+oembed">`).
    pub oembed: Option<String>,
}

/// Reads a page. The title is `og:title`, else `<title>`; the year is
/// `article:published_time`, else JSON-LD `datePublished` / `uploadDate`,
/// else a `datePublished` meta item, else the first `<time datetime>`.
/// Years outside 1000..=`current_year` are not years.
pub fn read(html: &str, current_year: u16) -> PageFacts {
    let mut emitter = DefaultEmitter::default();
    emitter.naively_switch_states(true);
    let mut og_title = None;
    let mut title_tag: Option<String> = None;
    let mut in_title = false;
    let mut in_json_ld = false;
    let mut json_ld = String::new();
    let mut published = None;
    let mut itemprop = None;
    let mut time = None;
    let mut facts = PageFacts::default();
    for token in Tokenizer::new_with_emitter(html, emitter).flatten() {
        match token {
            Token::StartTag(tag) => {
                let attr = |name: &str| {
                    tag.attributes
                        .get(name.as_bytes())
                        .map(|v| String::from_utf8_lossy(&v.value).trim().to_owned())
                };
                match tag.name.as_slice() {
                    b"meta" => {
                        let key = attr("property")
                            .or_else(|| attr("name"))
                            .unwrap_or_default();
                        let content = attr("content").unwrap_or_default();
                        match key.to_ascii_lowercase().as_str() {
                            "og:title" if og_title.is_none() && !content.is_empty() => {
                                og_title = Some(content.clone())
                            }
                            "article:published_time" if published.is_none() => {
                                published = Some(content.clone())
                            }
                            "og:type" => facts.video |= content.starts_with("video"),
                            _ => {}
                        }
                        if attr("itemprop").as_deref() == Some("datePublished")
                            && itemprop.is_none()
                        {
                            itemprop = Some(content.clone());
                        }
                    }
                    b"title" if title_tag.is_none() => {
                        in_title = true;
                        title_tag = Some(String::new());
                    }
                    b"script" => {
                        in_json_ld = attr("type")
                            .is_some_and(|t| t.eq_ignore_ascii_case("application/ld+json"));
                    }
                    b"time" if time.is_none() => time = attr("datetime"),
                    b"link" => {
                        let oembed = attr("type")
                            .is_some_and(|t| t.eq_ignore_ascii_case("application/json+oembed"));
                        if oembed && facts.oembed.is_none() {
                            facts.oembed = attr("href");
                        }
                    }
                    _ => {}
                }
            }
            Token::EndTag(tag) => match tag.name.as_slice() {
                b"title" => in_title = false,
                b"script" => {
                    if in_json_ld {
                        json_ld.push('\n');
                    }
                    in_json_ld = false;
                }
                _ => {}
            },
            Token::String(text) => {
                let text = String::from_utf8_lossy(&text.value);
                if in_title {
                    if let Some(t) = title_tag.as_mut() {
                        t.push_str(&text);
                    }
                } else if in_json_ld {
                    json_ld.push_str(&text);
                }
            }
            _ => {}
        }
    }
    facts.title = og_title
        .map(|v| ("og:title", v))
        .or(title_tag.map(|v| ("<title>", v)))
        .map(|(source, v)| (source, collapse(&v)))
        .filter(|(_, v)| !v.is_empty())
        .map(|(source, value)| Found { value, source });
    let year = |source: &'static str, date: Option<String>| {
        let value = year_of(date.as_deref()?, current_year)?;
        Some(Found { value, source })
    };
    facts.year = year("article:published_time", published)
        .or_else(|| json_ld_year(&json_ld, current_year))
        .or_else(|| year("itemprop=datePublished", itemprop))
        .or_else(|| year("<time datetime>", time));
    facts
}

/// Runs of whitespace as one space, none at the ends.
fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The year a date starts with (`2021-05-03T10:00:00Z`, `2021`).
pub fn year_of(date: &str, current_year: u16) -> Option<u16> {
    let digits = date.trim().get(..4)?;
    let year: u16 = digits.parse().ok()?;
    (digits.bytes().all(|b| b.is_ascii_digit()) && (1000..=current_year).contains(&year))
        .then_some(year)
}

/// `datePublished`, else `uploadDate`, anywhere in the page's JSON-LD
/// blocks (one per line of `blocks`; objects, arrays and `@graph`s).
fn json_ld_year(blocks: &str, current_year: u16) -> Option<Found<u16>> {
    fn find<'v>(v: &'v serde_json::Value, key: &str) -> Option<&'v str> {
        match v {
            serde_json::Value::Object(map) => map
                .get(key)
                .and_then(|d| d.as_str())
                .or_else(|| map.values().find_map(|v| find(v, key))),
            serde_json::Value::Array(items) => items.iter().find_map(|v| find(v, key)),
            _ => None,
        }
    }
    let values: Vec<serde_json::Value> = blocks
        .split('\n')
        .filter_map(|b| serde_json::from_str(b.trim()).ok())
        .collect();
    for (key, source) in [
        ("datePublished", "JSON-LD datePublished"),
        ("uploadDate", "JSON-LD uploadDate"),
    ] {
        let year = values
            .iter()
            .find_map(|v| find(v, key))
            .and_then(|d| year_of(d, current_year));
        if let Some(value) = year {
            return Some(Found { value, source });
        }
    }
    None
}

/// What an oEmbed document says: its title, and Vimeo's `upload_date`.
pub fn read_oembed(json: &str, current_year: u16) -> (Option<Found<String>>, Option<Found<u16>>) {
    let Ok(v) = serde_json::from_str::<serde_json::Value>(json) else {
        return (None, None);
    };
    let title = v["title"]
        .as_str()
        .map(collapse)
        .filter(|t| !t.is_empty())
        .map(|value| Found {
            value,
            source: "oEmbed title",
        });
    let year = v["upload_date"]
        .as_str()
        .and_then(|d| year_of(d, current_year))
        .map(|value| Found {
            value,
            source: "oEmbed upload_date",
        });
    (title, year)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn og_title_wins_over_the_title_tag() {
        let page = r#"<html><head><title> Site | A
          post </title><meta property="og:title" content="A post &amp; more"></head></html>"#;
        let f = read(page, 2026);
        assert_eq!(
            f.title,
            Some(Found {
                value: "A post & more".into(),
                source: "og:title"
            })
        );
        let f = read("<title> Site | A\n post </title>", 2026);
        assert_eq!(
            f.title,
            Some(Found {
                value: "Site | A post".into(),
                source: "<title>"
            })
        );
    }

    #[test]
    fn each_date_source_in_its_order() {
        let published = r#"<meta property="article:published_time" content="2021-05-03T10:00:00Z"><time datetime="2019-01-01">"#;
        assert_eq!(
            read(published, 2026).year,
            Some(Found {
                value: 2021,
                source: "article:published_time"
            })
        );
        let ld = r#"<script type="application/ld+json">{"@graph":[{"@type":"VideoObject","uploadDate":"2018-02-01"},{"datePublished":"2020-01-01"}]}</script><time datetime="2019-01-01">"#;
        assert_eq!(
            read(ld, 2026).year,
            Some(Found {
                value: 2020,
                source: "JSON-LD datePublished"
            })
        );
        let upload =
            r#"<script type="application/ld+json">[{"uploadDate":"2018-02-01T00:00:00"}]</script>"#;
        assert_eq!(
            read(upload, 2026).year,
            Some(Found {
                value: 2018,
                source: "JSON-LD uploadDate"
            })
        );
        let time = r#"<p>Posted <time datetime="2017-06-30">June 30</time></p>"#;
        assert_eq!(
            read(time, 2026).year,
            Some(Found {
                value: 2017,
                source: "<time datetime>"
            })
        );
        assert_eq!(read("<p>no dates</p>", 2026).year, None);
        assert_eq!(
            read(r#"<time datetime="2999-01-01">"#, 2026).year,
            None,
            "not after this year"
        );
    }

    #[test]
    fn oembed_is_discovered_and_read() {
        let page = r#"<link rel="alternate" type="application/json+oembed" href="https://v.example/oembed?id=1">"#;
        assert_eq!(
            read(page, 2026).oembed.as_deref(),
            Some("https://v.example/oembed?id=1")
        );
        let (title, year) = read_oembed(
            r#"{"title":"A talk","upload_date":"2019-09-12 08:00:00"}"#,
            2026,
        );
        assert_eq!(title.unwrap().value, "A talk");
        assert_eq!(year.unwrap().value, 2019);
        assert_eq!(read_oembed("not json", 2026), (None, None));
    }
}
