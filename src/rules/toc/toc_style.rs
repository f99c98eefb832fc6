//! `toc-style`: a TOC item's marker is not the one the TOC's style gives
//! it (`toc.style`, else the file's own: `1.` on every line, `1. 2. 3.`,
//! or a bullet), or more than one space follows it. What `fmt` writes,
//! `lint` reports: with `toc.style = "numbered"` a TOC of `1.` items is
//! renumbered, and lint says so.
//!
//! Repair: the printer writes every TOC item's marker
//! ([`super::Markers`]).

use super::Markers;
use crate::diagnostic::Violation;
use crate::registry::RuleId;
use crate::rules::context::Context;
use crate::rules::rule::{Repairs, Rule, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: RuleId::TocStyle,
        repairs: Repairs::Always,
        summary: "A TOC item's marker is not the TOC's style (`toc.style`, else the file's own), or more than one space follows it.",
        why: "One numbering for the whole TOC; with `1.` on every line, adding a company changes one line, not every line below it.",
        bad: "1. [Acme](#acme)\n1.  [Globex](#globex)\n3. [Hooli](#hooli)",
        good: "1. [Acme](#acme)\n1. [Globex](#globex)\n1. [Hooli](#hooli)",
    },
    check,
};

fn check(cx: &Context) -> Vec<Violation> {
    let doc = cx.doc;
    let Some(toc) = doc.toc.as_ref().filter(|t| !t.generated) else {
        return Vec::new();
    };
    if !super::rewrites(cx) {
        return Vec::new();
    }
    // The list the printer writes: its first. Where it also holds an
    // entry or an item that names no section, the other TOC rules report
    // it and the printer places it: markers are judged on a TOC of
    // sections alone.
    let Some(first) = cx.first_toc_list() else {
        return Vec::new();
    };
    let items: Vec<_> = cx.toc_items().filter(|(i, _)| i.block == first).collect();
    if items.iter().any(|(_, m)| m.section().is_none()) || items.len() != toc.items.len() {
        return Vec::new();
    }
    let markers = Markers::of(cx);
    let text = doc.text();
    items
        .into_iter()
        .map(|(item, _)| item)
        .enumerate()
        .filter_map(|(n, item)| {
            let written = &text[item.item.marker.range()];
            let wanted = markers.marker(n);
            let after = &text[item.item.marker.end()..item.item.range.end()];
            let gap = after.len() - after.trim_start_matches([' ', '\t']).len();
            let message = if written != wanted {
                format!("TOC item marker `{written}` where the TOC's style gives `{wanted}`")
            } else if (2..5).contains(&gap) && !after.trim().is_empty() {
                format!("{gap} spaces after the TOC item's marker `{written}`")
            } else {
                return None;
            };
            let style = match markers.style {
                crate::config::TocStyle::Numbered => "the TOC is numbered `1. 2. 3.`".to_owned(),
                crate::config::TocStyle::Bullet => {
                    format!("the TOC's items are `{}` bullets", markers.bullet)
                }
                _ => format!("the TOC has `1{}` on every line", markers.delimiter),
            };
            Some(
                Violation::new(item.item.range.range(), message)
                    .label("marker")
                    .help(format!("write `{wanted} ` before the item: {style}")),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::config::Config;
    use crate::model::Document;
    use crate::source::Source;

    fn formatted(text: &str) -> String {
        let config = Config::default();
        let doc = Document::parse(Source::new("t.md", text), &config);
        let out = crate::format::format(doc, &config, 2026).unwrap();
        out.doc.text().to_owned()
    }

    /// The TOC's own bullet and delimiter are kept when the printer writes
    /// it anew (a `*` TOC was rewritten with `-`, and lint said nothing).
    #[test]
    fn the_printer_keeps_the_tocs_bullet_and_delimiter() {
        let list = |toc: &str| {
            format!(
                "# L\n\n## Table of Contents\n\n{toc}\n## Acme\n\n\
- [A](https://acme.example/a) - `2021` - :books:\n\n## Globex\n\n\
- [G](https://globex.example/g) - `2020` - :books:\n"
            )
        };
        // Globex's item is missing: the printer writes the TOC anew.
        let out = formatted(&list("* [Acme](#acme)\n"));
        assert!(
            out.contains("* [Acme](#acme)\n* [Globex](#globex)\n"),
            "{out}"
        );
        let out = formatted(&list("1) [Acme](#acme)\n"));
        assert!(
            out.contains("1) [Acme](#acme)\n1) [Globex](#globex)\n"),
            "{out}"
        );
    }
}
