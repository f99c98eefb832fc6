//! The genre's other shapes (FORMAT.md section 7), read with no
//! configuration. `fixtures/genre/SHAPE.md` is a clean list kept in that
//! shape: no diagnostic, and fmt leaves it byte for byte (it introduces
//! nothing the list does not use). `SHAPE-defects.md` is the same list with
//! defects planted: each is reported by its rule at its line, and nothing
//! else. A snapshot per file pins everything lint and fmt say
//! (`snapshots/engine__genre__shapes@*.snap`).

use std::fs;
use std::path::Path;

use flinkscale::config::Config;
use flinkscale::source::Source;

use crate::rules::{lint, render};

/// The clean lists, one per shape the profile reads.
const CLEAN: [&str; 12] = [
    "count-order.md",
    "kind-groups.md",
    "details-blocks.md",
    "topics-numbered.md",
    "companies-bold-toc.md",
    "h3-companies.md",
    "kramdown-toc.md",
    "table.md",
    "flat-list.md",
    "flat-dated.md",
    "nested-entries.md",
    "companies-using.md",
];

/// Each defects list's planted defects: (line, rule).
const PLANTED: [(&str, &[(usize, &str)]); 11] = [
    (
        "count-order-defects.md",
        &[
            (34, "section-order"),
            (52, "section-count"),
            (54, "entry-duplicate"),
        ],
    ),
    (
        "kind-groups-defects.md",
        &[
            (33, "entry-year-missing"),
            (45, "entry-order"),
            (55, "entry-duplicate"),
        ],
    ),
    (
        "table-defects.md",
        &[
            (5, "section-count"),
            (15, "entry-order"),
            (20, "entry-duplicate"),
            (29, "entry-year-missing"),
            (32, "entry-order"),
        ],
    ),
    (
        "flat-list-defects.md",
        &[
            (14, "entry-year-missing"),
            (20, "entry-order"),
            (23, "entry-duplicate"),
        ],
    ),
    (
        "flat-dated-defects.md",
        &[
            (9, "entry-year-missing"),
            (12, "entry-order"),
            (13, "entry-duplicate"),
        ],
    ),
    (
        "nested-entries-defects.md",
        &[
            (15, "entry-order"),
            (24, "entry-year-missing"),
            (28, "entry-duplicate"),
        ],
    ),
    (
        "companies-using-defects.md",
        &[
            (20, "section-order"),
            (33, "entry-year-missing"),
            (44, "entry-duplicate"),
        ],
    ),
    (
        "details-blocks-defects.md",
        &[
            (38, "entry-order"),
            (49, "tag-mismatch"),
            (54, "section-order"),
            (69, "entry-year-missing"),
            (70, "entry-duplicate"),
        ],
    ),
    (
        "h3-companies-defects.md",
        &[
            (11, "anchor-broken"),
            (32, "entry-year-missing"),
            (38, "section-order"),
            (54, "entry-order"),
            (68, "entry-duplicate"),
        ],
    ),
    (
        "topics-numbered-defects.md",
        &[
            (10, "anchor-broken"),
            (26, "entry-order"),
            (34, "entry-year-missing"),
        ],
    ),
    (
        "companies-bold-toc-defects.md",
        &[
            (20, "section-order"),
            (23, "toc-entry-missing"),
            (31, "entry-duplicate"),
        ],
    ),
];

fn found(path: &Path) -> Vec<(usize, String)> {
    let (source, diagnostics) = lint(path);
    diagnostics
        .iter()
        .map(|d| {
            (
                source.position(d.range.start).line,
                d.rule.as_str().to_owned(),
            )
        })
        .collect()
}

#[test]
fn each_shape_read_by_its_own_conventions_is_clean_and_kept() {
    for name in CLEAN {
        let path = Path::new("fixtures/genre").join(name);
        assert_eq!(found(&path), [], "{name}");
        let text = fs::read_to_string(&path).unwrap();
        let doc = flinkscale::model::Document::parse(Source::new(name, &text), &Config::default());
        let formatted = flinkscale::format::format(doc, &Config::default(), 2026).unwrap();
        assert!(!formatted.changed, "{name}: fmt changed a clean list");
    }
}

#[test]
fn planted_defects_are_each_reported_at_their_line_and_nothing_else() {
    for (name, planted) in PLANTED {
        let path = Path::new("fixtures/genre").join(name);
        let expected: Vec<(usize, String)> =
            planted.iter().map(|&(l, r)| (l, r.to_owned())).collect();
        assert_eq!(found(&path), expected, "{name}");
    }
}

#[test]
fn shapes() {
    insta::glob!("../../fixtures/genre", "*.md", |path| {
        if path.ends_with("README.md") {
            return;
        }
        let relative = path
            .strip_prefix(std::env::current_dir().unwrap())
            .unwrap_or(path);
        insta::assert_snapshot!(render(relative));
    });
}
