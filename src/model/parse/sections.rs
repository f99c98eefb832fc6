//! What the H2s of a list are without any configuration (docs/format.md
//! section 1): which one is the table of contents, and which are not
//! company sections.

use std::ops::Range;

use crate::model::document::{Block, BlockKind, ListItem, Swallowed};
use crate::model::normalise::collapse_whitespace;
use crate::model::slug::slug;
use crate::source::Source;

/// H2 names that are never companies (compared ignoring ASCII case), the
/// usual trailers of a curated list, whatever they hold (FORMAT.md section
/// 1); "Other ... lists" is [`is_trailer`]'s too.
pub const TRAILERS: &[&str] = &[
    "contributing",
    "contribute",
    "contributors",
    "how to contribute",
    "license",
    "licence",
    "acknowledgements",
    "acknowledgments",
    "credits",
    "related",
    "related lists",
    "related projects",
    "see also",
    "resources",
    "more resources",
    "other resources",
    "code of conduct",
];

/// `name` is one of the usual trailers ([`TRAILERS`], or "Other ... lists"
/// / "Other ... repos": `Other awesome lists`, `Other Repositories`).
pub fn is_trailer(name: &str) -> bool {
    let name = name.trim();
    if TRAILERS.iter().any(|t| t.eq_ignore_ascii_case(name)) {
        return true;
    }
    let lower = name.to_ascii_lowercase();
    lower.starts_with("other ")
        && ["lists", "list", "repos", "repositories", "projects"]
            .iter()
            .any(|end| lower.ends_with(&format!(" {end}")))
}

/// Words a kind subheading is made of (`### Blog Posts`, `#### Videos`,
/// `### Talks and Slides`), each without a plural `s`.
const KIND_WORDS: &[&str] = &[
    "article",
    "blog",
    "post",
    "video",
    "talk",
    "paper",
    "podcast",
    "slide",
    "presentation",
    "book",
    "course",
    "tutorial",
    "webinar",
    "interview",
    "keynote",
    "publication",
    "whitepaper",
    "white",
    "case",
    "study",
    "studie",
    "conference",
    "writeup",
    "write",
    "up",
    "news",
    "link",
    "resource",
    "reading",
    "doc",
    "documentation",
    "code",
    "repo",
    "repositorie",
    "project",
    "tool",
    "library",
    "librarie",
    "open",
    "source",
    "engineering",
    "tech",
    "technical",
    "meetup",
    "event",
    "more",
    "and",
    "or",
    "youtube",
];

/// The heading names a kind of entry, not a company: every word of it is
/// one of [`KIND_WORDS`] (FORMAT.md section 7, "the kind").
pub fn is_kind_heading(name: &str) -> bool {
    let words: Vec<String> = name
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let w = w.to_lowercase();
            w.strip_suffix('s').map(str::to_owned).unwrap_or(w)
        })
        .collect();
    !words.is_empty() && words.iter().all(|w| KIND_WORDS.contains(&w.as_str()))
}

/// The item is a single in-page link (`1. [Text](#fragment)`, nothing else).
pub(crate) fn is_in_page_link(text: &str, item: &ListItem) -> bool {
    item.link().is_some_and(|link| {
        !item.complex && link.range.end() == item.range.end() && link.dest(text).starts_with('#')
    })
}

/// The item is an in-page link, possibly over a nested list of in-page
/// links, one per line (`- [Category](#category)` then `  - [Acme](#acme)`):
/// the shape of a TOC item, nested one level per heading level (FORMAT.md
/// section 7). Bold link text (`**[Acme](#acme)**`) is such an item too.
pub(crate) fn is_toc_item(text: &str, item: &ListItem) -> bool {
    if is_in_page_link(text, item) {
        return true;
    }
    let Some(link) = item.link() else {
        return false;
    };
    let whole = &text[item.range.range()];
    let mut lines = whole.lines();
    let first = lines.next().unwrap_or("");
    let after_marker = &text[item.marker.end()..item.range.start() + first.len()];
    link.dest(text).starts_with('#')
        && is_in_page_line(after_marker)
        && lines.all(|line| {
            let line = line.trim();
            line.is_empty() || strip_marker(line).is_some_and(is_in_page_line)
        })
}

/// `line` (after its marker) is one in-page link, perhaps in bold.
fn is_in_page_line(line: &str) -> bool {
    let line = line.trim();
    let line = line
        .strip_prefix("**")
        .and_then(|l| l.strip_suffix("**"))
        .unwrap_or(line);
    line.starts_with('[')
        && line.ends_with(')')
        && line.contains("](#")
        && line.matches("](").count() == 1
}

/// A list item line without its marker (`- `, `* `, `+ `, `1. `, `1) `).
fn strip_marker(line: &str) -> Option<&str> {
    let digits = line.len() - line.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let rest = if digits > 0 {
        line[digits..].strip_prefix(['.', ')'])?
    } else {
        line.strip_prefix(['-', '*', '+'])?
    };
    rest.starts_with([' ', '\t']).then_some(rest)
}

/// A heading's body (the blocks up to the next H2) is one list of items
/// that are each a single in-page link ([`is_toc_item`]): the shape of a
/// table of contents.
/// HTML comments (`<!-- toc -->`) may stand beside the list.
pub fn is_toc_shaped(text: &str, blocks: &[Block], body: Range<usize>) -> bool {
    let mut lists = 0;
    for b in body {
        match &blocks[b].kind {
            BlockKind::List(list) => {
                let touches = b > 0 && matches!(blocks[b - 1].kind, BlockKind::List(_));
                lists += usize::from(!touches);
                if list.items.is_empty() || !list.items.iter().all(|i| is_toc_item(text, i)) {
                    return false;
                }
            }
            BlockKind::Other
                if text[blocks[b].range.clone()]
                    .trim_start()
                    .starts_with("<!--") => {}
            _ => return false,
        }
    }
    lists == 1
}

/// The block in `region` (the preamble) that labels a table of contents
/// with a bold paragraph: a line that is all bold (`**Companies**`,
/// `__Contents__`), right above a list whose items are, two thirds of
/// them at least, each an in-page link.
pub fn bold_toc_label(text: &str, blocks: &[Block], region: Range<usize>) -> Option<usize> {
    region.clone().find(|&b| {
        let label = text[blocks[b].range.clone()].trim();
        let bold = ["**", "__"].iter().any(|m| {
            label.len() > 2 * m.len()
                && label.starts_with(m)
                && label.ends_with(m)
                && !label[m.len()..label.len() - m.len()].contains(['*', '_', '\n', '[', '`'])
        });
        let list = match blocks.get(b + 1).map(|n| &n.kind) {
            Some(BlockKind::List(list)) if region.contains(&(b + 1)) => list,
            _ => return false,
        };
        let in_page = list.items.iter().filter(|i| is_toc_item(text, i)).count();
        matches!(blocks[b].kind, BlockKind::Other)
            && bold
            && !list.items.is_empty()
            && in_page * 3 >= list.items.len() * 2
    })
}

/// The block in `region` that holds a TOC placeholder on a line of its
/// own, which a site generator replaces with a table of contents:
/// kramdown's `{:toc}` (under `* TOC`), GitLab's `[[_TOC_]]`,
/// Python-Markdown's `[TOC]`.
pub fn toc_placeholder(text: &str, blocks: &[Block], region: Range<usize>) -> Option<usize> {
    const PLACEHOLDERS: [&str; 6] = [
        "{:toc}",
        "{:.toc}",
        "[[_toc_]]",
        "[toc]",
        "[[toc]]",
        "${toc}",
    ];
    region.into_iter().find(|&b| {
        text[blocks[b].range.clone()].lines().any(|line| {
            let line = line.trim().to_ascii_lowercase();
            PLACEHOLDERS.contains(&line.as_str())
        })
    })
}

/// Where the `<details>` block at `b` names its company: the text of its
/// `<summary>` (in the same block or the next), tags stripped, and where
/// it is written. `None` for any other block.
pub fn details_summary(text: &str, blocks: &[Block], b: usize) -> Option<(String, Range<usize>)> {
    let block = &blocks[b];
    if !matches!(block.kind, BlockKind::Other) {
        return None;
    }
    let raw = &text[block.range.clone()];
    if !raw.trim_start().get(..8)?.eq_ignore_ascii_case("<details") {
        return None;
    }
    let mut places = vec![block.range.clone()];
    if let Some(next) = blocks
        .get(b + 1)
        .filter(|n| matches!(n.kind, BlockKind::Other))
    {
        places.push(next.range.clone());
    }
    places.into_iter().find_map(|range| {
        let raw = &text[range.clone()];
        let open = raw.find("<summary")?;
        let inner_start = open + raw[open..].find('>')? + 1;
        let inner_end = inner_start + raw[inner_start..].find("</summary>")?;
        let mut name = String::new();
        let mut in_tag = false;
        for c in raw[inner_start..inner_end].chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                c if !in_tag => name.push(c),
                _ => {}
            }
        }
        let name = crate::model::normalise::collapse_whitespace(&name);
        let at = range.start + inner_start..range.start + inner_end;
        (!name.is_empty()).then_some((name, at))
    })
}

/// A section's body holds an entry-shaped item: a list item that starts
/// with a link out of the page (docs/format.md section 1). A link that is
/// relative or malformed counts too, so that the last company's entries
/// are still checked when their URLs are what is wrong.
pub fn has_entry_shaped_item(text: &str, blocks: &[Block], body: Range<usize>) -> bool {
    blocks[body].iter().any(|block| match &block.kind {
        BlockKind::List(list) => list.items.iter().any(|item| is_entry_shaped(text, item)),
        _ => false,
    })
}

/// The item starts with a link out of the page (see
/// [`has_entry_shaped_item`]).
pub fn is_entry_shaped(text: &str, item: &ListItem) -> bool {
    item.link().is_some_and(|link| {
        let dest = link.dest(text).trim();
        !dest.is_empty() && !dest.starts_with('#')
    })
}

/// The file's last block is code or HTML that is never closed (a fence
/// with no closing fence, `<!--` with no `-->`, ...), so it runs to the
/// end of the file and takes in whatever follows it: what comes after it
/// must stay after it.
pub fn runs_to_end(source: &Source, blocks: &[Block]) -> bool {
    let Some(last) = blocks.last() else {
        return false;
    };
    if !matches!(last.kind, BlockKind::Other) {
        return false;
    }
    let text = &source.text[last.range.clone()];
    let first = source.line(last.lines.start);
    let indent = first.len() - first.trim_start_matches(' ').len();
    if indent > 3 {
        return false;
    }
    let opener = &first[indent..];
    for fence in ['`', '~'] {
        let n = opener.len() - opener.trim_start_matches(fence).len();
        if n >= 3 {
            let closed = last.lines.len() > 1
                && source
                    .line(last.lines.end - 1)
                    .trim()
                    .chars()
                    .all(|c| c == fence)
                && source.line(last.lines.end - 1).trim().len() >= n;
            return !closed;
        }
    }
    let lower = opener.to_ascii_lowercase();
    let ends: &[(&str, &str)] = &[
        ("<!--", "-->"),
        ("<?", "?>"),
        ("<![cdata[", "]]>"),
        ("<pre", "</pre>"),
        ("<script", "</script>"),
        ("<style", "</style>"),
        ("<textarea", "</textarea>"),
    ];
    ends.iter()
        .any(|(open, close)| lower.starts_with(open) && !text.to_ascii_lowercase().contains(close))
}

/// Heading lines inside HTML blocks that end only at a blank line
/// (CommonMark's kinds 6 and 7: `<details>`, `</details>`, `<summary>`,
/// `<div>`, any lone tag): a heading written right under such a line is
/// read as HTML. Comments, `<pre>`, `<script>`, `<style>` and
/// `<textarea>` run to their own end marker and may hold `#` lines on
/// purpose; they are left alone, as is code.
pub fn swallowed(source: &Source, blocks: &[Block]) -> Vec<Swallowed> {
    let mut out = Vec::new();
    for (b, block) in blocks.iter().enumerate() {
        if !matches!(block.kind, BlockKind::Other)
            || !ends_at_blank_line(source.line(block.lines.start))
        {
            continue;
        }
        for line in block.lines.start + 1..block.lines.end {
            if let Some((level, text)) = atx_heading(source.line(line)) {
                let text = collapse_whitespace(text);
                out.push(Swallowed {
                    block: b,
                    line: source.line_range(line),
                    opener: source.line_range(block.lines.start),
                    level,
                    slug: slug(&text),
                    text,
                });
            }
        }
    }
    out
}

/// The line starts an HTML block that only a blank line ends.
fn ends_at_blank_line(line: &str) -> bool {
    let indent = line.len() - line.trim_start_matches(' ').len();
    let Some(rest) = line[indent..].strip_prefix('<') else {
        return false;
    };
    if indent > 3 || rest.starts_with(['!', '?']) {
        return false;
    }
    let name: String = rest
        .trim_start_matches('/')
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_lowercase();
    !name.is_empty() && !matches!(name.as_str(), "pre" | "script" | "style" | "textarea")
}

/// An ATX heading line (`## Text`): its level and its text, without the
/// closing `#`s.
fn atx_heading(line: &str) -> Option<(u8, &str)> {
    let indent = line.len() - line.trim_start_matches(' ').len();
    if indent > 3 {
        return None;
    }
    let rest = &line[indent..];
    let hashes = rest.len() - rest.trim_start_matches('#').len();
    let after = &rest[hashes..];
    if !(1..=6).contains(&hashes) || !(after.is_empty() || after.starts_with([' ', '\t'])) {
        return None;
    }
    let text = after.trim_matches([' ', '\t']);
    let open = text.trim_end_matches('#');
    let text = if open.is_empty() {
        open
    } else if open.ends_with([' ', '\t']) {
        open.trim_end_matches([' ', '\t'])
    } else {
        text
    };
    Some((u8::try_from(hashes).unwrap_or(6), text))
}

#[cfg(test)]
mod tests {
    use crate::config::Config;
    use crate::model::Document;
    use crate::source::Source;

    fn sections(text: &str) -> (Option<String>, Vec<(String, bool)>) {
        let doc = Document::parse(Source::new("t", text), &Config::default());
        let toc = doc
            .toc
            .as_ref()
            .and_then(|t| t.heading)
            .map(|h| doc.headings[h].text.clone());
        let sections = doc
            .sections
            .iter()
            .map(|s| (doc.headings[s.heading].text.clone(), s.skipped))
            .collect();
        (toc, sections)
    }

    const ENTRY: &str = "- [Post](https://e.com/p) - `2020` - :books:";

    #[test]
    fn a_toc_is_found_by_its_shape_whatever_it_is_called() {
        for name in ["Contents", "Companies", "Index", "Table of contents"] {
            let text = format!(
                "# L\n\n## {name}\n\n1. [A](#a)\n1. [B](#B)\n\n## A\n\n{ENTRY}\n\n## B\n\n{ENTRY}\n"
            );
            let (toc, sections) = sections(&text);
            assert_eq!(toc.as_deref(), Some(name), "{text}");
            assert_eq!(sections.len(), 2);
        }
    }

    #[test]
    fn a_bold_label_over_in_page_links_is_a_toc() {
        for label in ["**Table of Contents**", "**Companies**", "__Contents__"] {
            let text = format!(
                "# L\n\nIntro.\n\n{label}\n\n1. [A](#a)\n2. [B](#b)\n\n## A\n\n{ENTRY}\n\n## B\n\n{ENTRY}\n"
            );
            let doc = Document::parse(Source::new("t", &text), &Config::default());
            let toc = doc.toc.as_ref().expect(label);
            assert_eq!(toc.heading, None);
            assert_eq!(
                &doc.text()[doc.blocks[toc.blocks.start].range.clone()],
                label
            );
            assert_eq!(toc.items.len(), 2);
            assert_eq!(doc.sections.len(), 2);
        }
        // Bold prose, or a bold line over links out of the page: no TOC.
        for text in [
            format!("**Read this** first.\n\n1. [A](#a)\n\n## A\n\n{ENTRY}\n"),
            format!("**Links**\n\n- [A](https://a.example)\n\n## A\n\n{ENTRY}\n"),
        ] {
            let doc = Document::parse(Source::new("t", &text), &Config::default());
            assert!(doc.toc.is_none(), "{text}");
        }
    }

    #[test]
    fn a_nested_list_of_in_page_links_is_a_toc_and_prose_in_it_is_not() {
        let nested = "- [Cat](#cat)\n  - [A](#a)\n  - **[B](#b)**\n- [Z](#z)";
        let text = format!("# L\n\n## Index\n\n{nested}\n\n## Cat\n\n### A\n\n{ENTRY}\n");
        assert_eq!(sections(&text).0.as_deref(), Some("Index"));
        let prose = "- [Cat](#cat)\n  - [A](#a) and more\n- [Z](#z)";
        let text = format!("# L\n\n## Index\n\n{prose}\n\n## Cat\n\n{ENTRY}\n");
        assert_eq!(sections(&text).0, None);
        let out = "- [Cat](#cat)\n  - [A](https://a.example)\n";
        let text = format!("# L\n\n## Index\n\n{out}\n\n## Cat\n\n{ENTRY}\n");
        assert_eq!(sections(&text).0, None);
    }

    #[test]
    fn kind_subheadings_are_told_from_companies() {
        for kind in [
            "Blog Posts",
            "Videos",
            "Talks and Slides",
            "Articles",
            "Papers & Talks",
        ] {
            assert!(super::is_kind_heading(kind), "{kind}");
        }
        for company in [
            "Acme",
            "Bluebird Bank",
            "Uber Engineering Blog",
            "Others",
            "",
        ] {
            assert!(!super::is_kind_heading(company), "{company}");
        }
    }

    #[test]
    fn generated_toc_placeholders_are_found_on_their_own_line() {
        for toc in ["* TOC\n{:toc}", "[[_TOC_]]", "[TOC]", "* toc\n{:.toc}"] {
            let text = format!("# L\n\n{toc}\n\n## A\n\n{ENTRY}\n");
            let doc = Document::parse(Source::new("t", &text), &Config::default());
            let toc = doc.toc.as_ref().expect(toc);
            assert!(toc.generated && toc.items.is_empty(), "{toc:?}");
        }
        let text = format!("# L\n\nWe write [TOC] by hand.\n\n## A\n\n{ENTRY}\n");
        let doc = Document::parse(Source::new("t", &text), &Config::default());
        assert!(doc.toc.is_none());
    }

    #[test]
    fn a_list_of_other_links_is_not_a_toc() {
        let text = format!("# L\n\n## Links\n\n- [A](#a) and more\n\n## A\n\n{ENTRY}\n");
        assert_eq!(sections(&text).0, None);
        let text = format!("# L\n\n## Links\n\n- [A](https://a.com)\n\n## A\n\n{ENTRY}\n");
        assert_eq!(sections(&text).0, None);
        let text = format!("# L\n\n## Links\n\nSee:\n\n- [A](#a)\n\n## A\n\n{ENTRY}\n");
        assert_eq!(sections(&text).0, None);
    }

    #[test]
    fn trailing_and_trailer_named_sections_are_not_companies() {
        let text = format!(
            "## Contents\n\n1. [A](#a)\n\n## A\n\n{ENTRY}\n\n## Related\n\nOther lists.\n\n\
             ## Empty\n\n## Z\n\n{ENTRY}\n\n## Contributing\n\nPRs welcome.\n\n## License\n\nCC0.\n"
        );
        let (_, sections) = sections(&text);
        let skipped: Vec<(&str, bool)> = sections.iter().map(|(n, s)| (n.as_str(), *s)).collect();
        assert_eq!(
            skipped,
            [
                ("A", false),
                ("Related", true),
                // Between two companies: a company with no entries yet.
                ("Empty", false),
                ("Z", false),
                ("Contributing", true),
                ("License", true),
            ]
        );
    }

    /// The usual "other lists" section links out, item by item, as
    /// entries do: it is still not a company (no TOC item, no year or tag
    /// wanted), unless `sections.companies` says it is.
    #[test]
    fn trailer_named_sections_full_of_links_are_not_companies() {
        let text = format!(
            "## Contents\n\n1. [A](#a)\n\n## A\n\n{ENTRY}\n\n## Related\n\n\
             - [Kafka at scale](https://github.com/x/kafka)\n\n## Credits\n\n- [Logo](https://e.com/l)\n\n\
             ## Other awesome lists\n\n- [B](https://b.com)\n\n## Resources\n\n{ENTRY}\n"
        );
        let (_, found) = sections(&text);
        let skipped: Vec<bool> = found.iter().map(|(_, s)| *s).collect();
        assert_eq!(skipped, [false, true, true, true, true], "{found:?}");
        let config = Config::parse(
            "[sections]\ncompanies = [\"resources\"]\n",
            std::path::Path::new("flinkscale.toml"),
        )
        .unwrap();
        let doc = Document::parse(Source::new("t", &text), &config);
        let companies: Vec<&str> = doc
            .company_sections()
            .map(|(_, s)| doc.headings[s.heading].text.as_str())
            .collect();
        assert_eq!(companies, ["A", "Resources"]);
    }

    #[test]
    fn other_lists_and_repos_are_trailers() {
        for name in [
            "Other awesome lists",
            "Other Lists",
            "other repos",
            "Other Repositories",
        ] {
            assert!(super::is_trailer(name), "{name}");
        }
        for name in ["Other", "Otherworld Lists", "Lists", "Others"] {
            assert!(!super::is_trailer(name), "{name}");
        }
    }

    #[test]
    fn headings_under_a_lone_html_line_are_found_as_swallowed() {
        let text = "## A\n\n<details>\n## Beta\n\n- x\n\n</details>\n### Gamma ##\n\n\
            <!-- note\n## commented out\n-->\n\n<pre>\n## kept\n</pre>\n\n<p>\n#hashtag\n";
        let doc = Document::parse(Source::new("t", text), &Config::default());
        let found: Vec<(u8, &str, &str)> = doc
            .swallowed
            .iter()
            .map(|s| (s.level, s.text.as_str(), &text[s.opener.clone()]))
            .collect();
        assert_eq!(
            found,
            [(2, "Beta", "<details>"), (3, "Gamma", "</details>")]
        );
        assert_eq!(doc.swallowed[0].slug, "beta");
        assert_eq!(&text[doc.swallowed[0].line.clone()], "## Beta");
    }

    #[test]
    fn a_file_with_no_list_in_any_section_has_no_companies() {
        // Link paragraphs and bare autolinks: not a list of entries.
        let text = "## Contents\n\n1. [A](#a)\n\n## A\n\nSee [x](https://x.example).\n\n\
                    ## B\n\n<https://b.example>\n\n## License\n\nCC0.\n";
        let (_, sections) = sections(text);
        assert!(sections.iter().all(|(_, skipped)| *skipped), "{sections:?}");
        let doc = Document::parse(Source::new("t", text), &Config::default());
        assert!(doc.has_no_entries());
        // Unless the configuration names the sections that are companies.
        let config = Config::parse(
            "[sections]\ncompanies = [\"A\"]\n",
            std::path::Path::new("flinkscale.toml"),
        )
        .unwrap();
        let doc = Document::parse(Source::new("t", text), &config);
        let companies: Vec<&str> = doc
            .company_sections()
            .map(|(_, s)| doc.heading(s).text.as_str())
            .collect();
        assert_eq!(companies, ["A"]);
        // A list of text items is entries, badly written: still checked.
        let text = "## A\n\n- Scaling Flink - 2021\n";
        assert!(!Document::parse(Source::new("t", text), &Config::default()).has_no_entries());
    }
}
