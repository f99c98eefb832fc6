//! Inline suppressions, as markdownlint has them:
//!
//! ```markdown
//! <!-- flinkscale-disable-next-line entry-order -->
//! <!-- flinkscale-disable tag-mismatch entry-format -->
//! ...
//! <!-- flinkscale-enable -->
//! ```
//!
//! With no rule named, every rule. A suppressed rule reports nothing on the
//! lines covered, and `fmt` leaves them as written for it.

use std::ops::Range;
use std::sync::OnceLock;

use regex::Regex;

use crate::registry::RuleId;
use crate::source::Source;

/// The lines where a rule (or every rule) is suppressed.
#[derive(Debug, Clone, Default)]
pub struct Suppressions {
    /// 0-based lines, end exclusive; `None`: every rule.
    regions: Vec<(Range<usize>, Option<RuleId>)>,
    /// Names in a suppression comment that are no rule, with where.
    pub unknown: Vec<(String, Range<usize>)>,
    /// 0-based lines holding a suppression comment, sorted.
    comment_lines: Vec<usize>,
}

#[allow(
    clippy::expect_used,
    reason = "a constant pattern, not input; compiled by every test that reads a suppression"
)]
fn directive() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"<!--\s*flinkscale-(disable-next-line|disable|enable)((?:\s+[^\s>-][^\s>]*)*)\s*-->",
        )
        .expect("static regex")
    })
}

impl Suppressions {
    /// Reads the suppression comments among the HTML at `ranges` (in file
    /// order) of `source`.
    pub fn read(source: &Source, ranges: &[Range<usize>]) -> Suppressions {
        let mut out = Suppressions::default();
        let mut open_all: Option<usize> = None;
        let mut open: Vec<(RuleId, usize)> = Vec::new();
        let end = source.line_count().max(1);
        for range in ranges {
            let html = &source.text[range.clone()];
            for found in directive().captures_iter(html) {
                let (Some(whole), Some(kind)) = (found.get(0), found.get(1)) else {
                    continue;
                };
                let at = range.start + whole.start();
                let line = source.line_index(at);
                out.comment_lines.push(line);
                let mut rules = Vec::new();
                for name in found.get(2).map_or("", |m| m.as_str()).split_whitespace() {
                    match RuleId::from_id(name) {
                        Some(rule) => rules.push(rule),
                        None => out
                            .unknown
                            .push((name.to_owned(), at..range.start + whole.end())),
                    }
                }
                let named = found.get(2).is_some_and(|m| !m.as_str().trim().is_empty());
                match kind.as_str() {
                    "disable-next-line" => {
                        let next = line + 1..line + 2;
                        if named {
                            out.regions
                                .extend(rules.iter().map(|&r| (next.clone(), Some(r))));
                        } else {
                            out.regions.push((next, None));
                        }
                    }
                    "disable" if named => {
                        open.extend(rules.iter().map(|&r| (r, line + 1)));
                    }
                    "disable" => {
                        open_all.get_or_insert(line + 1);
                    }
                    _ if named => {
                        let (closed, kept): (Vec<_>, Vec<_>) =
                            open.drain(..).partition(|(r, _)| rules.contains(r));
                        open = kept;
                        out.regions
                            .extend(closed.into_iter().map(|(r, from)| (from..line, Some(r))));
                    }
                    _ => {
                        if let Some(from) = open_all.take() {
                            out.regions.push((from..line, None));
                        }
                        out.regions
                            .extend(open.drain(..).map(|(r, from)| (from..line, Some(r))));
                    }
                }
            }
        }
        if let Some(from) = open_all {
            out.regions.push((from..end, None));
        }
        out.regions
            .extend(open.into_iter().map(|(r, from)| (from..end, Some(r))));
        out
    }

    /// `rule` is suppressed on 0-based `line`.
    pub fn covers(&self, line: usize, rule: RuleId) -> bool {
        self.regions
            .iter()
            .any(|(lines, r)| lines.contains(&line) && r.is_none_or(|r| r == rule))
    }

    /// A suppression comment stands on 0-based `line`.
    pub fn comment_on(&self, line: usize) -> bool {
        self.comment_lines.binary_search(&line).is_ok()
    }

    /// No suppression at all (the usual case: nothing to look up).
    pub fn is_empty(&self) -> bool {
        self.regions.is_empty() && self.comment_lines.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Suppressions {
        let source = Source::new("t", text);
        let ranges: Vec<Range<usize>> = text
            .match_indices("<!--")
            .map(|(i, _)| i..text[i..].find("-->").map_or(text.len(), |j| i + j + 3))
            .collect();
        Suppressions::read(&source, &ranges)
    }

    #[test]
    fn next_line_and_blocks_are_covered() {
        let s = read(
            "a\n<!-- flinkscale-disable-next-line entry-order -->\nb\nc\n\
             <!-- flinkscale-disable -->\nd\ne\n<!-- flinkscale-enable -->\nf\n",
        );
        assert!(s.covers(2, RuleId::EntryOrder));
        assert!(!s.covers(2, RuleId::EntryFormat));
        assert!(!s.covers(3, RuleId::EntryOrder));
        for line in [5, 6] {
            assert!(s.covers(line, RuleId::Mojibake), "{line}");
        }
        assert!(!s.covers(8, RuleId::Mojibake));
        assert!(s.unknown.is_empty());
    }

    #[test]
    fn named_rules_open_until_enabled_or_the_end() {
        let s = read(
            "<!-- flinkscale-disable tag-mismatch entry-format -->\na\n\
             <!-- flinkscale-enable entry-format -->\nb\n",
        );
        assert!(s.covers(1, RuleId::EntryFormat));
        assert!(s.covers(1, RuleId::TagMismatch));
        assert!(!s.covers(3, RuleId::EntryFormat));
        assert!(s.covers(3, RuleId::TagMismatch));
    }

    #[test]
    fn unknown_names_are_kept_to_report() {
        let s = read("<!-- flinkscale-disable-next-line entry-ordr -->\na\n");
        assert_eq!(s.unknown.len(), 1);
        assert_eq!(s.unknown[0].0, "entry-ordr");
        // An unknown name suppresses nothing.
        assert!(!s.covers(1, RuleId::EntryOrder));
    }
}
