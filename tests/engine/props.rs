//! Property tests for `fmt` over generated lists with random defects.

use proptest::prelude::*;

use flinkscale::config::Config;
use flinkscale::model::{collapse_whitespace, Document};
use flinkscale::source::Source;

const YEAR: u16 = 2026;
const COMPANIES: &[&str] = &[
    "Acme",
    "Bluebird Bank",
    "Cobalt",
    "Driftwood",
    "E.ON",
    "eBay",
    "Fjord AI",
    "Globex",
    "Hooli",
    "Initech",
    "Mercedes-Benz",
    "Société Générale",
];
const WORDS: &[&str] = &[
    "Streaming",
    "at",
    "scale",
    "with",
    "Flink",
    "[Meetup]",
    "real-time",
    "the",
    "Kafka",
    "SQL",
    "joins",
];

#[derive(Debug, Clone)]
struct Entry {
    title: String,
    url: String,
    year: u16,
    tag: &'static str,
}

#[derive(Debug, Clone)]
struct List {
    sections: Vec<(String, Vec<Entry>)>,
}

#[derive(Debug, Clone, Default)]
struct Defects {
    shuffle_sections: bool,
    reverse_entries: bool,
    drop_toc_item: bool,
    upper_fragment: bool,
    trailing_space: bool,
    star_bullet: bool,
    en_dash: bool,
    heading_space: bool,
    extra_blank: bool,
    title_space: bool,
    url_space: bool,
    no_final_newline: bool,
}

fn slug(name: &str) -> String {
    flinkscale::model::slug::slug(name)
}

fn list() -> impl Strategy<Value = List> {
    let entry = (
        prop::collection::vec(prop::sample::select(WORDS), 1..5),
        2000u16..2026,
        any::<bool>(),
    );
    prop::sample::subsequence(COMPANIES.to_vec(), 1..6)
        .prop_flat_map(move |names| {
            let n = names.len();
            (
                Just(names),
                prop::collection::vec(prop::collection::vec(entry.clone(), 1..4), n),
            )
        })
        .prop_map(|(names, entries)| {
            let mut sections: Vec<(String, Vec<Entry>)> = names
                .iter()
                .zip(entries)
                .map(|(name, es)| {
                    let mut es: Vec<Entry> = es
                        .into_iter()
                        .enumerate()
                        .map(|(i, (words, year, talk))| Entry {
                            title: words.join(" "),
                            url: format!("https://{}.example.com/{i}", slug(name)),
                            year,
                            tag: if talk { "studio_microphone" } else { "books" },
                        })
                        .collect();
                    es.sort_by_key(|e| std::cmp::Reverse(e.year));
                    (name.to_string(), es)
                })
                .collect();
            sections.sort_by_cached_key(|(n, _)| flinkscale::model::sort_key(n));
            List { sections }
        })
}

fn defects() -> impl Strategy<Value = Defects> {
    prop::collection::vec(any::<bool>(), 12).prop_map(|b| Defects {
        shuffle_sections: b[0],
        reverse_entries: b[1],
        drop_toc_item: b[2],
        upper_fragment: b[3],
        trailing_space: b[4],
        star_bullet: b[5],
        en_dash: b[6],
        heading_space: b[7],
        extra_blank: b[8],
        title_space: b[9],
        url_space: b[10],
        no_final_newline: b[11],
    })
}

fn render(list: &List, d: &Defects) -> String {
    let mut out = String::from("# Things at scale\n\nA list.\n\n## Table of Contents\n\n");
    for (i, (name, _)) in list.sections.iter().enumerate() {
        if d.drop_toc_item && i == 0 {
            continue;
        }
        let fragment = if d.upper_fragment && i == 0 {
            slug(name).to_uppercase()
        } else {
            slug(name)
        };
        out.push_str(&format!("1. [{name}](#{fragment})\n"));
    }
    let mut sections = list.sections.clone();
    if d.shuffle_sections {
        sections.reverse();
    }
    for (name, entries) in &sections {
        out.push_str(if d.extra_blank { "\n\n" } else { "\n" });
        out.push_str(&format!(
            "## {name}{}\n\n",
            if d.heading_space { " " } else { "" }
        ));
        let mut entries = entries.clone();
        if d.reverse_entries {
            entries.reverse();
        }
        for (j, e) in entries.iter().enumerate() {
            let bullet = if d.star_bullet && j == 0 && entries.len() == 1 {
                "*"
            } else {
                "-"
            };
            let dash = if d.en_dash { "–" } else { "-" };
            let title = if d.title_space {
                format!(" {}", e.title)
            } else {
                e.title.clone()
            };
            let url = if d.url_space {
                format!(" {}", e.url)
            } else {
                e.url.clone()
            };
            let trail = if d.trailing_space { "  " } else { "" };
            out.push_str(&format!(
                "{bullet} [{title}]({url}) {dash} `{}` {dash} :{}:{trail}\n",
                e.year, e.tag
            ));
        }
    }
    if d.no_final_newline {
        out.pop();
    }
    out
}

fn format(text: &str) -> String {
    let config = Config::default();
    let doc = Document::parse(Source::new("t.md", text), &config);
    flinkscale::format::format(doc, &config, YEAR)
        .unwrap_or_else(|e| panic!("{e}\n---\n{text}"))
        .text()
        .to_owned()
}

fn entry_set(text: &str) -> Vec<(String, String, String, u16, String)> {
    let config = Config::default();
    let doc = Document::parse(Source::new("t.md", text), &config);
    let mut set: Vec<_> = doc
        .entries
        .iter()
        .map(|e| {
            (
                doc.headings[doc.sections[e.section as usize].heading]
                    .text
                    .clone(),
                collapse_whitespace(&doc.text()[doc.title(e).unwrap()]),
                doc.url(e).unwrap().to_owned(),
                e.year.as_ref().unwrap().value,
                doc.tag_name(e.tag.as_ref().unwrap()).unwrap().to_owned(),
            )
        })
        .collect();
    set.sort();
    set
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn canonical_lists_come_back_byte_for_byte(list in list()) {
        let text = render(&list, &Defects::default());
        prop_assert_eq!(format(&text), text);
    }

    /// Large files are parsed in pieces cut at `## ` lines: the model must
    /// be the one a single parse gives, however the file is cut.
    #[test]
    fn the_model_does_not_depend_on_where_the_file_is_cut(list in list(), d in defects(), chunk in 1usize..400) {
        let text = render(&list, &d);
        let config = Config::default();
        let whole = Document::parse_in_pieces(Source::new("t.md", &text), &config, usize::MAX);
        let cut = Document::parse_in_pieces(Source::new("t.md", &text), &config, chunk);
        prop_assert_eq!(format!("{whole:?}"), format!("{cut:?}"));
    }

    #[test]
    fn defective_lists_are_repaired_without_loss(list in list(), d in defects()) {
        let canonical = render(&list, &Defects::default());
        let text = render(&list, &d);
        let once = format(&text);
        prop_assert_eq!(format(&once), once.clone(), "not idempotent");
        let (_, diagnostics) = flinkscale::lint(Source::new("t.md", &once), &Config::default(), YEAR);
        let fixable: Vec<_> = diagnostics.iter().filter(|d| d.fixable).map(|d| d.rule).collect();
        prop_assert!(fixable.is_empty(), "fixable left: {:?}\n{}", fixable, once);
        prop_assert_eq!(entry_set(&once), entry_set(&canonical));
        prop_assert_eq!(entry_set(&text), entry_set(&canonical));
    }
}
