//! `section-order`: company sections are not in alphabetical order.
//!
//! Repair: the printer writes the sections in [`print_order`]: the company
//! sections in [`canonical_order`], each whole, in the places company
//! sections had; unless that would put a company with no entries last,
//! where it would read as trailing prose (docs/format.md section 1), or move
//! sections after a block that is never closed and so runs to the end of
//! the file: the list would change its meaning, so nothing is moved.

use crate::config::SectionOrder;
use crate::diagnostic::Violation;
use crate::model::{order_key, section_key, Details, Document};
use crate::registry::RuleId;
use crate::rules::context::Context;
use crate::rules::rule::{Repairs, Rule, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: RuleId::SectionOrder,
        repairs: Repairs::Sometimes("unless a company with no entries would sort last (where it would read as a trailing prose section), or the file ends in a code block or comment that is never closed"),
        summary: "A company section sorts before the one above it (alphabetical, ignoring case and punctuation, so `eBay` < `E.ON`); each such heading is reported.",
        why: "Alphabetical sections let readers and contributors find a company without searching.",
        bad: "## Airbnb\n...\n## Adobe\n...",
        good: "## Adobe\n...\n## Airbnb\n...",
    },
    check,
};

/// Company section indices in the order `fmt` prints them: sorted by
/// [`sort_key`] (stable) when `sections.order` is alphabetical. Where the
/// companies are inside the H2s (`<details>` blocks, H3s), the H2s are
/// containers and keep their places: a stray `## Blog Posts` among them
/// never moves half the file.
pub fn canonical_order(doc: &Document) -> Vec<usize> {
    let mut order: Vec<usize> = doc.company_sections().map(|(i, _)| i).collect();
    let by_count = doc.profile.sections.value == SectionOrder::ByCount;
    let sorted = doc.profile.sections.value == SectionOrder::Alphabetical || by_count;
    if sorted && !doc.profile.details {
        order.sort_by_cached_key(|&i| {
            order_key(&doc.headings[doc.sections[i].heading].text, by_count)
        });
    }
    order
}

/// Every section in the order the printer writes them: the company
/// sections in [`canonical_order`], in the places company sections had;
/// skipped (non-company) sections keep theirs, and so does a company whose
/// heading a suppression covers, or every company when the rule is off.
/// When that would put a company with no entries last, the file's order.
pub fn print_order(cx: &Context) -> Vec<usize> {
    let order = print_order_unchecked(cx);
    match unsortable(cx.doc, &order) {
        Some(_) => (0..cx.doc.sections.len()).collect(),
        None => order,
    }
}

/// [`print_order`] before it is checked with [`unsortable`].
fn print_order_unchecked(cx: &Context) -> Vec<usize> {
    let doc = cx.doc;
    let movable = |i: usize| {
        let s = &doc.sections[i];
        !s.skipped
            && cx.repairs(
                RuleId::SectionOrder,
                doc.source.line_index(doc.heading(s).range.start),
            )
    };
    let mut canonical = canonical_order(doc).into_iter().filter(|&i| movable(i));
    (0..doc.sections.len())
        .map(|i| {
            if movable(i) {
                canonical.next().unwrap_or(i)
            } else {
                i
            }
        })
        .collect()
}

/// Why `order` may not be printed, if it may not: it would put a company
/// with no entry-shaped item after every company that has one, where it
/// would read as trailing prose, no longer a company; or it would move
/// sections after a code block or HTML comment that is never closed and
/// takes in the rest of the file.
fn unsortable(doc: &Document, order: &[usize]) -> Option<String> {
    let last = *order.iter().rev().find(|&&i| !doc.sections[i].skipped)?;
    if !doc.sections[last].shaped {
        return Some(format!(
            "`{}` has no entries and would sort last, where it would read as trailing prose: add its entries or remove it",
            doc.heading(&doc.sections[last]).text
        ));
    }
    let holder = doc.section_of_block(doc.blocks.len().checked_sub(1)?);
    if doc.open_end && holder.is_some_and(|h| order.last() != Some(&h)) {
        let block = doc.blocks.last()?;
        return Some(format!(
            "the block on line {} is never closed and takes in the rest of the file: close it",
            block.lines.start + 1
        ));
    }
    None
}

/// The blocks of section `s`'s body (its heading left out) in the order
/// the printer writes them: as they are, or, where the list keeps its
/// companies in `<details>` blocks, each block moved whole into
/// alphabetical order among the others of its H2, unless one of them may
/// not move (the rule is off or suppressed on its line).
pub fn body_order(cx: &Context, s: usize) -> Vec<usize> {
    let doc = cx.doc;
    let body = doc.sections[s].blocks.start + 1..doc.sections[s].blocks.end;
    let groups: Vec<&Details> = doc.details.iter().filter(|d| d.section == s).collect();
    let sorted = doc.profile.sections.value == SectionOrder::Alphabetical;
    let movable = groups.iter().all(|d| {
        cx.repairs(
            RuleId::SectionOrder,
            doc.source.line_index(d.name_range.start),
        )
    });
    // A block never closed at the end of the file takes in what follows
    // it: nothing may move after it.
    let open_here = doc.open_end && body.contains(&doc.blocks.len().saturating_sub(1));
    let stray = cx.stray_container().is_some();
    let Some(first) = groups
        .first()
        .filter(|_| sorted && movable && !open_here && !stray)
    else {
        return body.collect();
    };
    let mut order: Vec<usize> = (body.start..first.blocks.start).collect();
    let mut by_name = groups.clone();
    by_name.sort_by_cached_key(|d| section_key(&d.name));
    for d in by_name {
        order.extend(d.blocks.clone());
    }
    order
}

/// `<details>` companies that sort before the one above them in their H2.
fn check_details(cx: &Context) -> Vec<Violation> {
    let doc = cx.doc;
    let stray = cx.stray_container().map(|h| {
        format!(
            "; fmt leaves them as they are: `## {}` on line {} holds companies but is named \
             like a kind subheading (`### {}`?), so the companies below it are not under \
             the heading above it",
            h.text,
            doc.source.line_index(h.range.start) + 1,
            h.text
        )
    });
    doc.details
        .windows(2)
        .filter(|w| {
            w[0].section == w[1].section && section_key(&w[1].name) < section_key(&w[0].name)
        })
        .map(|w| {
            Violation::new(
                w[1].name_range.clone(),
                format!(
                    "company `{}` is out of alphabetical order: it sorts before `{}` above it",
                    w[1].name, w[0].name
                ),
            )
            .label("out of order")
            .help(match &stray {
                Some(why) => format!("companies sort by name, ignoring case and punctuation{why}"),
                None if w[1].heading.is_some() => "companies sort by name, ignoring case and \
                     punctuation; fmt moves each company's heading with everything under it"
                    .to_owned(),
                None => "companies sort by name, ignoring case and punctuation; fmt moves \
                     whole `<details>` blocks"
                    .to_owned(),
            })
            .fixable(!doc.open_end && stray.is_none())
        })
        .collect()
}

/// The company sections (H2s) that sort before the one above them, in a
/// list kept alphabetical, each with the one above: what this rule
/// reports (and `toc-order` leaves to it).
pub fn out_of_order(doc: &Document) -> Vec<(usize, usize)> {
    let by_count = doc.profile.sections.value == SectionOrder::ByCount;
    if (doc.profile.sections.value != SectionOrder::Alphabetical && !by_count)
        || doc.profile.details
    {
        return Vec::new();
    }
    let keyed: Vec<(_, usize)> = doc
        .company_sections()
        .map(|(i, s)| (order_key(&doc.heading(s).text, by_count), i))
        .collect();
    keyed
        .windows(2)
        .filter(|w| w[1].0 < w[0].0)
        .map(|w| (w[0].1, w[1].1))
        .collect()
}

fn check(cx: &Context) -> Vec<Violation> {
    if cx.doc.profile.sections.value == SectionOrder::None {
        return Vec::new();
    }
    if cx.doc.profile.details {
        return check_details(cx);
    }
    // Sorting would change what the list means: reported, not repaired.
    let blocked = unsortable(cx.doc, &print_order_unchecked(cx));
    let by_count = cx.doc.profile.sections.value == SectionOrder::ByCount;
    let how = if by_count {
        let s = &cx.doc.profile.sections;
        format!(
            "this list sorts its companies by the count in their headings, largest first, then \
             by name ({} of {} neighbours do)",
            s.by_count,
            s.in_order + s.out_of_order
        )
    } else {
        "sections sort by name, ignoring case and punctuation".to_owned()
    };
    let help = match &blocked {
        None => format!("{how}; fmt moves whole sections"),
        Some(why) => format!("{how}; fmt leaves them as they are: {why}"),
    };
    let order = if by_count {
        "order"
    } else {
        "alphabetical order"
    };
    // Every heading that sorts before the one above it: a user fixing by
    // hand sees all of them at once.
    out_of_order(cx.doc)
        .into_iter()
        .map(|(above, this)| {
            let above = cx.doc.heading(&cx.doc.sections[above]);
            let this = cx.doc.heading(&cx.doc.sections[this]);
            Violation::new(
                this.range.clone(),
                format!(
                    "section `{}` is out of {order}: it sorts before `{}` above it",
                    this.text, above.text
                ),
            )
            .label("out of order")
            .help(help.clone())
            .fixable(blocked.is_none())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::source::Source;

    fn order_and_help(text: &str) -> (Vec<usize>, Vec<(bool, String)>) {
        let config = Config::default();
        let doc = Document::parse(Source::new("t", text), &config);
        let cx = Context::new(&doc, &config, 2026);
        let found = check(&cx)
            .into_iter()
            .map(|v| (v.fixable, v.help.unwrap_or_default()))
            .collect();
        (print_order(&cx), found)
    }

    const ENTRY: &str = "- [P](https://e.example/p) - `2020` - :books:";

    #[test]
    fn sections_are_sorted_whole() {
        let (order, found) = order_and_help(&format!("## B\n\n{ENTRY}\n\n## A\n\n{ENTRY}\n"));
        assert_eq!(order, [1, 0]);
        assert!(found.iter().all(|(fixable, _)| *fixable));
    }

    #[test]
    fn an_empty_company_is_never_sorted_last() {
        // `Zeta` has no entries: sorted last it would read as trailing prose.
        let (order, found) =
            order_and_help(&format!("## B\n\n{ENTRY}\n\n## Zeta\n\n## A\n\n{ENTRY}\n"));
        assert_eq!(order, [0, 1, 2]);
        assert_eq!(found.len(), 1);
        assert!(!found[0].0);
        assert!(
            found[0].1.contains("`Zeta` has no entries"),
            "{}",
            found[0].1
        );
    }

    #[test]
    fn nothing_moves_after_a_block_that_is_never_closed() {
        let text = format!("## B\n\n{ENTRY}\n\n## A\n\n{ENTRY}\n\n```\n\n## C\n");
        let (order, found) = order_and_help(&text);
        assert_eq!(order, [0, 1]);
        assert!(
            found[0].1.contains("line 9 is never closed"),
            "{}",
            found[0].1
        );
        // Closed, it is an ordinary block.
        let (order, _) = order_and_help(&text.replace("## C\n", "```\n"));
        assert_eq!(order, [1, 0]);
    }

    #[test]
    fn details_companies_are_checked_and_moved_whole() {
        let block = |name: &str| {
            format!("<details>\n    <summary>{name}</summary>\n\n* [P {name}, 2020](https://e.example/{name})\n\n</details>\n\n")
        };
        let mut text = String::from("## Intro\n\nProse.\n\n## Organizations\n\n");
        // Six companies: five neighbouring pairs, enough to read an order
        // from (FORMAT.md section 7.2).
        for name in ["Acme", "Cobalt", "Bluebird", "Delta", "Echo", "Falcon"] {
            text.push_str(&block(name));
        }
        text.push_str("## License\n\nCC0.\n");
        let config = Config::default();
        let doc = Document::parse(Source::new("t", &text), &config);
        assert!(doc.profile.details);
        let names: Vec<&str> = doc.details.iter().map(|d| d.name.as_str()).collect();
        assert_eq!(
            names,
            ["Acme", "Cobalt", "Bluebird", "Delta", "Echo", "Falcon"]
        );
        // Only the H2 that holds the blocks is a company section.
        let companies: Vec<&str> = doc
            .company_sections()
            .map(|(_, s)| doc.heading(s).text.as_str())
            .collect();
        assert_eq!(companies, ["Organizations"]);
        let cx = Context::new(&doc, &config, 2026);
        let found = check(&cx);
        assert_eq!(found.len(), 1);
        assert!(
            found[0].message.contains("`Bluebird`"),
            "{}",
            found[0].message
        );
        assert_eq!(&text[found[0].range.clone()], "Bluebird");
        let order = body_order(&cx, 1);
        let opener = |name: &str| {
            doc.details
                .iter()
                .find(|d| d.name == name)
                .unwrap()
                .blocks
                .start
        };
        let starts: Vec<usize> = order
            .iter()
            .copied()
            .filter(|b| doc.details.iter().any(|d| d.blocks.start == *b))
            .collect();
        assert_eq!(
            starts,
            [
                opener("Acme"),
                opener("Bluebird"),
                opener("Cobalt"),
                opener("Delta"),
                opener("Echo"),
                opener("Falcon")
            ]
        );
        // One `<details>` block is not a list of them.
        let one = format!("## Organizations\n\n{}", block("Acme"));
        assert!(
            !Document::parse(Source::new("t", &one), &config)
                .profile
                .details
        );
    }

    /// A stray `## Blog Posts` among `<details>` companies (meant as a
    /// kind subheading): nothing moves, and the heading is named.
    #[test]
    fn a_stray_heading_among_details_companies_moves_nothing() {
        let block = |name: &str| {
            format!("<details>\n<summary>{name}</summary>\n\n### Blog Posts\n\n* [P {name}, 2020](https://e.example/{name})\n\n</details>\n\n")
        };
        let mut text = String::from("## Organizations\n\n");
        for name in ["Acme", "Bolt", "Delta", "Cobalt"] {
            text.push_str(&block(name));
        }
        text.push_str("## Blog Posts\n\n");
        for name in ["Echo", "Falcon", "Golf", "Hotel"] {
            text.push_str(&block(name));
        }
        let config = Config::default();
        let doc = Document::parse(Source::new("t", &text), &config);
        assert!(doc.profile.details);
        let cx = Context::new(&doc, &config, 2026);
        assert_eq!(
            cx.stray_container().map(|h| h.text.as_str()),
            Some("Blog Posts")
        );
        assert_eq!(print_order(&cx), [0, 1]);
        assert_eq!(
            body_order(&cx, 0),
            (1..doc.sections[0].blocks.end).collect::<Vec<_>>()
        );
        let found = check(&cx);
        assert_eq!(found.len(), 1);
        assert!(!found[0].fixable);
        let help = found[0].help.as_deref().unwrap_or_default();
        assert!(help.contains("`## Blog Posts` on line"), "{help}");
    }

    #[test]
    fn no_details_block_moves_after_one_never_closed() {
        let mut text = String::from("## Organizations\n\n");
        for name in ["Cobalt", "Acme", "Delta", "Echo", "Falcon", "Golf"] {
            text.push_str(&format!(
                "<details>\n<summary>{name}</summary>\n\n* [{name}, 2020](https://e.example/{name})\n\n</details>\n\n"
            ));
        }
        text.push_str("<!-- never closed\n");
        let text = text.as_str();
        let config = Config::default();
        let doc = Document::parse(Source::new("t", text), &config);
        assert!(doc.profile.details && doc.open_end);
        let cx = Context::new(&doc, &config, 2026);
        let body: Vec<usize> = (1..doc.sections[0].blocks.end).collect();
        assert_eq!(body_order(&cx, 0), body);
        let found = check(&cx);
        assert_eq!(found.len(), 1);
        assert!(!found[0].fixable);
    }
}
