//! The model does not depend on how a large file is cut into pieces.

use flinkscale::config::Config;
use flinkscale::model::{Document, Reuse};
use flinkscale::source::Source;

use crate::common;

#[test]
fn every_list_parses_the_same_in_pieces() {
    let files = common::lists_and_genre();
    assert!(files.len() > 50, "only {} files", files.len());
    let config = Config::default();
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let whole = Document::parse_in_pieces(Source::new("t", &text), &config, usize::MAX);
        let cut = Document::parse_in_pieces(Source::new("t", &text), &config, 1);
        assert!(
            format!("{whole:#?}") == format!("{cut:#?}"),
            "{} parses differently in pieces",
            path.display()
        );
    }
}

/// Plain sections are read without pulldown-cmark (`model::parse::plain`):
/// the model must be the one pulldown-cmark's events alone give, on every
/// list.
#[test]
fn every_list_reads_as_pulldown_parses_it() {
    let config = Config::default();
    for path in common::lists_and_genre() {
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let read = Document::parse(Source::new("t", &text), &config);
        let parsed = Document::parse_by_pulldown(Source::new("t", &text), &config);
        assert!(
            format!("{read:#?}") == format!("{parsed:#?}"),
            "{} reads differently from its parse",
            path.display()
        );
    }
}

/// `fmt` moves the parse of its input's unchanged sections into its
/// output's model (`Reuse`) instead of parsing them again: the model must
/// be the one a parse of the output gives, on every list `fmt` changes.
#[test]
fn a_model_built_from_moved_parts_is_the_parsed_model() {
    let config = Config::default();
    let (mut changed, mut moved) = (0, 0);
    for path in common::lists_and_genre() {
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let doc = Document::parse(Source::new("t", &text), &config);
        let out = flinkscale::format::format(doc, &config, 2026)
            .unwrap_or_else(|refused| panic!("{}: {refused}", path.display()));
        if !out.changed {
            continue;
        }
        changed += 1;
        let output = out.text().to_owned();
        let parsed = Document::parse(Source::exact("t", output.clone()), &config);
        assert!(
            format!("{:#?}", out.doc) == format!("{parsed:#?}"),
            "fmt's model of {} is not its output's",
            path.display()
        );
        let reuse = Reuse::take(Document::parse(Source::new("t", &text), &config), &output);
        moved += reuse.moved();
        let built = Document::parse_reusing(Source::exact("t", output), &config, reuse);
        assert!(
            format!("{built:#?}") == format!("{parsed:#?}"),
            "{}: the model built from moved parts differs",
            path.display()
        );
    }
    // The fixtures alone: dozens of lists fmt changes, hundreds of parts
    // moved (not a test that passes by moving nothing).
    assert!(changed > 20, "only {changed} lists changed");
    assert!(moved > 100, "only {moved} parts moved");
}

/// Parts that can and cannot be read apart, in every order: a fence or an
/// HTML block hiding `## ` lines, one never closed, a suppression comment,
/// link references, front matter, a table, nested items, duplicates.
const PARTS: &[&str] = &[
    "## A\n\n- [x](https://e.com/a) - `2020` - :books:\n- [y](#b)\n\n",
    "## B\n\n```\n\n## not a heading\n\n```\n\n",
    "## C\n\n```\ncode never closed\n\n",
    "## D\n\n<!--\n\n## comment\n\n-->\n\n",
    "## E\n\n<!-- flinkscale-disable entry-order -->\n\n- [y](https://e.com/y) - `2019` - :books:\n\n",
    "## F\n\n> quote [q](https://e.com/q)\n\n",
    "## G\n\n| a | b |\n|---|---|\n| [l](https://e.com/t) | 2 |\n\n",
    "## H\n\n- **Acme**\n  - [n](https://e.com/n) ![i](https://e.com/i.png)\n\n",
    "## I\n\n    indented code\n\n",
    "## J\n\n<details><summary>Acme</summary>\n\n- [d](https://e.com/d)\n\n</details>\n\n",
    "## K\n\n[ref]: https://e.com/r\n\n",
    "## L\n\n- [r][ref] - `2021` - :books:\n\n",
    "---\ntitle: x\n---\n\n",
    "# Title\n\n[![b](https://e.com/b.svg)](https://e.com/x)\n\n",
    "## M\n\n<pre>\n\n## pre\n\n",
    "## N\nno blank before\n## O\n\n",
    "## [Linked](https://e.com/h) heading\n\n- [Ünï “q”](https://e.com/u) - `2018` - :books:\n\n",
    "## Table of Contents\n\n1. [A](#a)\n2. [B](#b)\n\n",
    "## P\n\n- [](https://e.com/empty) - `2017`\n- [t]() - `2016`\n\n",
    "Setext\n---\n\n",
    "## Contributing\n\n- 03-16-2020 - [T](https://e.com/d)\n\n",
    // A `---` line that a later one may close as a YAML block, and one
    // that may close it.
    "## Q\n\n---\nmeta: x\n\n",
    "## R\n\n- [r](https://e.com/r) - `2015` - :books:\n\n---\n\n",
];

/// Builds `new` from the parts `old` moved over and from a parse of its
/// own, and compares the model with a parse of `new`.
fn assert_moved_parse(old: &str, new: &str) -> usize {
    let config = Config::default();
    let parsed = Document::parse(Source::exact("t", new.to_owned()), &config);
    let reuse = Reuse::take(Document::parse(Source::new("t", old), &config), new);
    let moved = reuse.moved();
    let built = Document::parse_reusing(Source::exact("t", new.to_owned()), &config, reuse);
    assert!(
        format!("{built:#?}") == format!("{parsed:#?}"),
        "the model built from moved parts differs\nold:\n{old}\nnew:\n{new}"
    );
    moved
}

/// Compares the model of `text` with the one pulldown-cmark's events
/// alone give (no plain section read directly).
fn assert_reads_as_parsed(text: &str) {
    let config = Config::default();
    let read = Document::parse(Source::new("t", text), &config);
    let parsed = Document::parse_by_pulldown(Source::new("t", text), &config);
    assert!(
        format!("{read:#?}") == format!("{parsed:#?}"),
        "reads differently from its parse:\n{text}"
    );
}

#[test]
fn parts_that_cannot_be_read_apart_are_parsed_again() {
    let cases = [
        // The old file's last part is a fence never closed: followed by
        // more, it runs on.
        (
            "## A\n\n- [x](https://e.com/a)\n\n## C\n\n```\ncode never closed\n\n",
            "## F\n\nq\n\n## C\n\n```\ncode never closed\n\n## A\n\n- [x](https://e.com/a)\n\n",
        ),
        // A flat list (no company section): its dated items' links were
        // marked as entries after the parse; in a list of companies they
        // are not.
        (
            "## Contributing\n\n- 03-16-2020 - [T](https://e.com/d)\n\n## License\n\nMIT\n",
            "## A\n\n- [x](https://e.com/a) - `2020` - :books:\n\n## Contributing\n\n- 03-16-2020 - [T](https://e.com/d)\n\n## License\n\nMIT\n",
        ),
        // A suppression comment is kept aside, not in the model.
        (
            "## A\n\n<!-- flinkscale-disable entry-order -->\n\n- [y](https://e.com/y)\n\n## B\n\n- z\n",
            "## B\n\n- z\n\n## A\n\n<!-- flinkscale-disable entry-order -->\n\n- [y](https://e.com/y)\n\n",
        ),
        // A reference defined in one part is used in another.
        (
            "## A\n\n- [r][ref] - `2021`\n\n## K\n\n[ref]: https://e.com/r\n",
            "## K\n\n[ref]: https://e.com/r\n\n## A\n\n- [r][ref] - `2021`\n",
        ),
    ];
    for (old, new) in cases {
        assert_moved_parse(old, new);
    }
    // And what can be read apart is moved: both parts, the same twice.
    let twice = "## A\n\n- [x](https://e.com/a)\n\n";
    assert_eq!(
        assert_moved_parse(
            &format!("# S\n\n{twice}{twice}"),
            &format!("# T\n\n{twice}{twice}")
        ),
        2
    );
}

fn shuffled_parts() -> impl proptest::strategy::Strategy<Value = (Vec<usize>, Vec<usize>)> {
    use proptest::prelude::*;
    proptest::collection::vec(0..PARTS.len(), 1..8).prop_flat_map(|old| {
        let new = Just(old.clone())
            .prop_shuffle()
            .prop_flat_map(|new| {
                let len = new.len();
                (
                    Just(new),
                    proptest::collection::vec((0..=len, 0..PARTS.len()), 0..3),
                    proptest::collection::vec(any::<proptest::sample::Index>(), 0..2),
                )
            })
            .prop_map(|(mut new, extra, dropped)| {
                for (at, part) in extra {
                    new.insert(at.min(new.len()), part);
                }
                for i in dropped {
                    if new.len() > 1 {
                        new.remove(i.index(new.len()));
                    }
                }
                new
            });
        (Just(old), new)
    })
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(500))]

    /// Any old text, and a new one holding its parts in any order, some
    /// dropped, others added.
    #[test]
    fn moving_parts_between_texts_gives_the_parsed_model(
        (old, new) in shuffled_parts(),
        trim_old in proptest::prelude::any::<bool>(),
        trim_new in proptest::prelude::any::<bool>(),
    ) {
        let join = |parts: &[usize], trim: bool| {
            let text: String = parts.iter().map(|&p| PARTS[p]).collect();
            if trim { text.trim_end().to_owned() } else { text }
        };
        assert_moved_parse(&join(&old, trim_old), &join(&new, trim_new));
        assert_reads_as_parsed(&join(&new, trim_new));
    }
}
