//! `flinkscale init`: a commented `flinkscale.toml` that says what the list
//! already does, so adopting flinkscale changes nothing until someone edits
//! it: the TOC heading and numbering, the tags in use (with counts), and the
//! H2 sections that are not companies (a trailing `## Contributing`).

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::config::{Config, EntryOrder, SectionOrder, TocStyle, YearPlace};
use crate::model::lead::Shape;
use crate::model::profile::{Convention, GapRule, Order, Profile};
use crate::model::Document;

/// What `init` read off the list.
#[derive(Debug, PartialEq, Eq)]
pub struct Inferred {
    pub toc_heading: Option<String>,
    pub toc_style: Option<TocStyle>,
    /// Shortcode (or text as written, for unknown tags) -> entries.
    pub tags: BTreeMap<String, usize>,
    /// Sections to put in `sections.skip`.
    pub skip: Vec<String>,
    pub entries: usize,
    /// Table rows, flat and nested items (`Document::leads`).
    pub leads: usize,
    /// Whether entries carry a year and a tag, with the counts.
    pub profile: Profile,
}

/// Reads the facts off `doc`, parsed with the default config.
pub fn infer(doc: &Document) -> Inferred {
    let mut tags = BTreeMap::new();
    for e in &doc.entries {
        if let Some(t) = &e.tag {
            let key = match doc.tag_name(t) {
                Some(name) => name.to_owned(),
                None => t.written(doc.text()).to_owned(),
            };
            *tags.entry(key).or_insert(0) += 1;
        }
    }
    // The model already tells non-company sections apart without any
    // configuration; `init` writes them down (explicit is better).
    let skip = doc
        .sections
        .iter()
        // A section of table rows is no company section, but its rows are
        // entries: in `skip`, they would not be read.
        .filter(|s| s.skipped && doc.leads_in(s).is_empty())
        .map(|s| doc.heading(s).text.clone())
        .collect();
    Inferred {
        toc_heading: doc
            .toc
            .as_ref()
            .and_then(|t| t.heading)
            .map(|h| doc.headings[h].text.clone()),
        toc_style: doc.toc.as_ref().and_then(|t| t.style),
        tags,
        skip,
        entries: doc.entries.len(),
        leads: doc.leads.len(),
        profile: doc.profile,
    }
}

fn quoted(text: &str) -> String {
    toml::Value::String(text.to_owned()).to_string()
}

fn entries(n: usize) -> String {
    if n == 1 {
        "1 entry".into()
    } else {
        format!("{n} entries")
    }
}

/// The value that says what `lint` read: `required` or `none`.
fn presence(c: &Convention) -> &'static str {
    if c.holds {
        "required"
    } else {
        "none"
    }
}

fn order_name(order: EntryOrder) -> &'static str {
    match order {
        EntryOrder::NewestFirst | EntryOrder::Auto => "newest-first",
        EntryOrder::OldestFirst => "oldest-first",
        EntryOrder::None => "none",
    }
}

/// The neighbouring pairs the order rests on, for a comment.
fn order_counted(o: &Order, at_scale: bool) -> String {
    let pairs = o.newer_first + o.older_first;
    let counts = format!(
        "of {pairs} neighbouring dated entries, {} newer first, {} older first",
        o.newer_first, o.older_first
    );
    match (pairs < crate::model::profile::MIN_SAMPLE, at_scale) {
        (true, true) => format!("{counts}; too few to tell, so the at-scale shape's order"),
        (true, false) => format!("{counts}; too few to tell, so not checked"),
        _ => counts,
    }
}

/// What a comment adds when `n` samples are too few to tell.
fn few(n: usize, at_scale: bool) -> &'static str {
    match (n < crate::model::profile::MIN_SAMPLE, at_scale) {
        (true, true) => "; too few to tell, so the at-scale shape's",
        (true, false) => "; too few to tell, so not checked",
        _ => "",
    }
}

/// The counts a convention rests on, for a comment.
fn counted(c: &Convention, what: &str) -> String {
    let of = entries(c.of);
    if c.of < crate::model::profile::MIN_SAMPLE && c.holds {
        format!(
            "{} of {of} carry {what}; a list this small in the at-scale shape follows it",
            c.count
        )
    } else {
        format!("{} of {of} carry {what}", c.count)
    }
}

/// What `lint` will judge in `doc` with no configuration, aspect by
/// aspect, with the counts each rests on (FORMAT.md section 7): what
/// `init --dry-run` prints before the config it would write.
pub fn reading(doc: &Document) -> String {
    let mut out = String::new();
    let p = &doc.profile;
    let census = &doc.census;
    let checked = |yes: bool| if yes { "checked" } else { "not checked" };
    let _ = writeln!(out, "# What flinkscale reads in {}:", doc.source.name);
    if let Some(reason) = doc.not_a_list_reason() {
        let _ = writeln!(
            out,
            "# not a list: {reason}.\n# Only its in-page links are checked (anchor-broken, \
             anchor-case); fmt leaves it as it is; a directory walk and the editor skip it."
        );
        return out;
    }
    let companies = doc.company_sections().count();
    let shape = if p.details {
        format!(
            "{} companies inside H2s (`<details>` blocks or H3s)",
            doc.details.len()
        )
    } else if companies > 0 {
        format!("{companies} H2 sections")
    } else if doc.links_out.iter().any(|l| l.leads) {
        "no company sections: one flat list (or table) of entries".to_owned()
    } else {
        "no entries".to_owned()
    };
    let shapes = |shape: Shape| doc.leads.iter().filter(|l| l.shape == shape).count();
    let _ = writeln!(
        out,
        "# a list: {} of {} list items and table rows are entries; {} entries read as \
         items of sections, {} as table rows, {} as flat items, {} as nested items\n\
         # companies: {shape}",
        census.entries,
        census.entries + census.others,
        doc.entries.len(),
        shapes(Shape::Row),
        shapes(Shape::Flat),
        shapes(Shape::Nested),
    );
    let _ = writeln!(
        out,
        "# at-scale entries ([Title](URL) - `YYYY` - :tag:): {}",
        if p.at_scale {
            "yes: where the list shows too little, the at-scale shape's conventions hold"
        } else {
            "none: an aspect with fewer than five samples is not checked, and no TOC is added"
        }
    );
    let toc = match &doc.toc {
        Some(t) if t.generated => "a generated placeholder: nothing to check".to_owned(),
        Some(t) => format!("{} items: checked", t.items.len()),
        None if p.at_scale && !p.details => "none: toc-missing reports it".to_owned(),
        None => "none, and none is asked for".to_owned(),
    };
    let _ = writeln!(out, "# TOC: {toc}");
    let s = &p.sections;
    let _ = writeln!(
        out,
        "# section order: {} ({} of {} neighbouring companies in alphabetical order{})",
        match s.value {
            SectionOrder::Alphabetical => "alphabetical, checked",
            SectionOrder::ByCount => "by the count in each heading, largest first, checked",
            _ => "the list's own, not checked",
        },
        s.in_order,
        s.in_order + s.out_of_order,
        if s.by_count > 0 {
            format!(", {} in the order of their headings' counts", s.by_count)
        } else {
            String::new()
        }
    );
    let o = &p.order;
    let _ = writeln!(
        out,
        "# entry order: {} ({} neighbouring dated entries newer first, {} older first)",
        match o.value {
            EntryOrder::NewestFirst | EntryOrder::Auto => "newest first, checked",
            EntryOrder::OldestFirst => "oldest first, checked",
            EntryOrder::None => "none, not checked",
        },
        o.newer_first,
        o.older_first
    );
    let kinds = doc.year_exempt.iter().filter(|&&e| e).count();
    let _ = writeln!(
        out,
        "# years: {} ({} of {} entries carry one{})\n# tags: {} ({} of {} entries carry one)",
        checked(p.year.holds),
        p.year.count,
        p.year.of,
        if kinds > 0 {
            format!("; {kinds} more stand under a kind that keeps no years, and are not asked")
        } else {
            String::new()
        },
        checked(p.tag.holds),
        p.tag.count,
        p.tag.of
    );
    if !doc.leads.is_empty() {
        let l = &p.leads;
        let _ = writeln!(
            out,
            "# rows, flat and nested items: years {} ({} of {} carry one); order {} \
             ({} neighbouring dated ones newer first, {} older first)",
            checked(l.year.holds),
            l.year.count,
            l.year.of,
            match l.order.value {
                EntryOrder::NewestFirst | EntryOrder::Auto => "newest first, checked",
                EntryOrder::OldestFirst => "oldest first, checked",
                EntryOrder::None => "none, not checked",
            },
            l.order.newer_first,
            l.order.older_first
        );
    }
    let _ = writeln!(
        out,
        "# empty companies: {} ({} of {} companies hold entries)",
        if p.filled.holds {
            "reported (section-empty)"
        } else {
            "not reported"
        },
        p.filled.count,
        p.filled.of
    );
    out
}

/// The values (and comments) of `entries.year` and `entries.order`. The
/// keys govern the entries of sections and the table rows, flat and
/// nested items (`Profile::leads`) alike: a value is written only where it
/// reproduces what `lint` reads of both with no config; else `auto`, which
/// reads each from the list.
fn entry_keys(found: &Inferred) -> ((String, String), (String, String)) {
    let p = &found.profile;
    let l = &p.leads;
    let year_comment = counted(&p.year, "a year");
    let order_comment = order_counted(&p.order, p.at_scale);
    if found.leads == 0 {
        return (
            (presence(&p.year).to_owned(), year_comment),
            (order_name(p.order.value).to_owned(), order_comment),
        );
    }
    // `required` asks every entry and every row of a scope; `none` asks
    // none: the same as reading the list where that is what it reads.
    let (kept, scopes) = l.year_scopes;
    let year_keeps = |required: bool| {
        let entries = if required {
            p.year.holds || p.year.of == 0
        } else {
            !p.year.holds || p.year.count == p.year.of
        };
        entries && if required { kept == scopes } else { kept == 0 }
    };
    let year = [presence(&p.year), presence(&l.year)]
        .into_iter()
        .find(|v| year_keeps(*v == "required"))
        .unwrap_or("auto");
    let pairs = |o: &Order| o.newer_first + o.older_first;
    let order_keeps = |v: EntryOrder| {
        (p.order.value == v || pairs(&p.order) == 0) && (l.order.value == v || pairs(&l.order) == 0)
    };
    let order = [p.order.value, l.order.value]
        .into_iter()
        .find(|v| order_keeps(*v))
        .map_or("auto", order_name);
    (
        (
            year.to_owned(),
            format!(
                "{year_comment}; {} of {} table rows, flat and nested items",
                l.year.count, l.year.of
            ),
        ),
        (
            order.to_owned(),
            format!(
                "{order_comment}; rows, flat and nested items: {} newer first, {} older first",
                l.order.newer_first, l.order.older_first
            ),
        ),
    )
}

/// The config file's text for a list called `name`.
pub fn render(name: &str, found: &Inferred) -> String {
    let defaults = Config::default();
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# flinkscale.toml, written by `flinkscale init` from {name}.\n\
# Every key is optional. The values below describe {name} as it is today;\n\
# change them to change what `flinkscale lint` expects.\n\
# Reference: `flinkscale rules`, and the Configuration section of the README.\n"
    );
    let style = match found.toc_style.unwrap_or(TocStyle::Auto) {
        TocStyle::Auto => "auto",
        TocStyle::One => "one",
        TocStyle::Numbered => "numbered",
        TocStyle::Bullet => "bullet",
    };
    let _ = writeln!(
        out,
        "[toc]\n# The H2 that opens the table of contents.\nheading = {}\n\
# How TOC items are numbered: one (\"1.\" on each line), numbered (1. 2. 3.),\n\
# bullet (\"-\"), or auto (keep what the file uses).\nstyle = {}\n",
        quoted(
            found
                .toc_heading
                .as_deref()
                .unwrap_or(&defaults.toc.heading)
        ),
        quoted(style),
    );
    let skip: Vec<String> = found.skip.iter().map(|s| quoted(s)).collect();
    let sections = &found.profile.sections;
    let gaps = &found.profile.under_heading;
    let _ =
        writeln!(
        out,
        "[sections]\n# The order of company sections: alphabetical, by-count (the count in each\n\
# heading, largest first, then by name), or none (the list's own).\n\
order = {}  # of {} neighbouring sections, {} in alphabetical order{}\n\
# H2 sections that are not companies: no TOC item needed, never sorted.\nskip = [{}]\n\
# Whether a blank line follows each heading: required, none when the list\n\
# writes what follows a heading right under it, auto when it does both.\n\
blank-line-after-heading = {}  # {} of {} headings have one{}\n",
        quoted(match sections.value {
            SectionOrder::None => "none",
            SectionOrder::ByCount => "by-count",
            _ => "alphabetical",
        }),
        sections.in_order + sections.out_of_order,
        sections.in_order,
        few(sections.in_order + sections.out_of_order, found.profile.at_scale),
        skip.join(", "),
        quoted(match gaps.rule {
            GapRule::Blank => "required",
            GapRule::Tight => "none",
            GapRule::Either => "auto",
        }),
        gaps.blank,
        gaps.blank + gaps.tight,
        few(gaps.blank + gaps.tight, found.profile.at_scale),
    );
    let (year, order) = entry_keys(found);
    let _ = writeln!(
        out,
        "[entries]\n# The order of dated entries in a list: newest-first | oldest-first | none.\n\
order = {}  # {}\n\
# Years before this are reported by entry-year-invalid.\nmin-year = {}\n\
# Whether entries carry a year (entry-year-missing) and a tag\n\
# (entry-tag-missing): required, or none when the list keeps none.\n\
year = {}  # {}\ntag = {}  # {}\n\
# Where the year is: after-link (in backticks), in-title ([Title, 2021]),\n\
# or under-heading (a year subheading such as #### 2024).\n\
year-place = {}  # {} after the link, {} at the end of the title, {} under a year heading\n",
        quoted(&order.0),
        order.1,
        defaults.entries.min_year,
        quoted(&year.0),
        year.1,
        quoted(presence(&found.profile.tag)),
        counted(&found.profile.tag, "a tag"),
        quoted(match found.profile.year_place {
            YearPlace::InTitle => "in-title",
            YearPlace::UnderHeading => "under-heading",
            _ => "after-link",
        }),
        found.profile.years_after_link,
        found.profile.years_in_title,
        found.profile.years_under_heading,
    );
    let _ = writeln!(
        out,
        "# The tags entries may carry. When [tags] is given it replaces the built-in\n\
# set, so the built-in tags are written out here.\n[tags]"
    );
    for (tag, t) in &defaults.tags {
        let mut fields = Vec::new();
        if let Some(e) = &t.emoji {
            fields.push(format!("emoji = {}", quoted(e)));
        }
        if let Some(m) = &t.meaning {
            fields.push(format!("meaning = {}", quoted(m)));
        }
        if !t.hosts.is_empty() {
            let hosts: Vec<String> = t.hosts.iter().map(|h| quoted(h)).collect();
            fields.push(format!("hosts = [{}]", hosts.join(", ")));
        }
        let used = found.tags.get(tag).copied().unwrap_or(0);
        let _ = writeln!(out, "# used by {}", entries(used));
        let _ = writeln!(out, "{tag} = {{ {} }}", fields.join(", "));
    }
    for (tag, n) in found
        .tags
        .iter()
        .filter(|(t, _)| !defaults.tags.contains_key(*t))
    {
        let name = tag.trim_matches(':');
        let valid = !name.is_empty() && name.chars().all(crate::config::is_shortcode_char);
        let _ = writeln!(
            out,
            "# `{tag}` is used by {} but is not a tag; to accept it, add{}",
            entries(*n),
            if valid {
                format!(":\n# {name} = {{ meaning = \"...\" }}")
            } else {
                " it with a shortcode name".to_owned()
            }
        );
    }
    let _ = writeln!(
        out,
        "\n[rules]\n# Any rule id = \"error\", \"warn\" or \"off\"; `flinkscale rules` lists them.\n\
# tag-mismatch = \"warn\""
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Source;

    #[test]
    fn infers_toc_tags_and_trailing_sections() {
        let text = "# L\n\n## Contents\n\n- [A](#a)\n\n## A\n\n\
- [x](https://a.example/x) - `2020` - :books:\n- [y](https://a.example/y) - `2019` - :rocket:\n\n\
## License\n\nMIT\n\n## Contributing\n\nPRs welcome.\n";
        let doc = Document::parse(Source::new("t", text), &Config::default());
        let found = infer(&doc);
        assert_eq!(found.toc_heading.as_deref(), Some("Contents"));
        assert_eq!(found.toc_style, Some(TocStyle::Bullet));
        assert_eq!(found.skip, ["License", "Contributing"]);
        assert_eq!(found.tags.get("books"), Some(&1));
        let rendered = render("t", &found);
        assert!(
            rendered.contains("skip = [\"License\", \"Contributing\"]"),
            "{rendered}"
        );
        assert!(
            rendered.contains("# rocket = { meaning = \"...\" }"),
            "{rendered}"
        );
        let parsed = Config::parse(&rendered, std::path::Path::new("t")).unwrap();
        assert_eq!(parsed.toc.style, TocStyle::Bullet);
        assert_eq!(parsed.tags, Config::default().tags);
    }
}
