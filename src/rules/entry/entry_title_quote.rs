//! `entry-title-quote`: a title has a quotation mark that opens or closes
//! nothing (`[Here's a Challenge for You!"]`): an odd number of `"`, or
//! `“` and `”` that do not pair. Not repaired: which mark is the stray
//! one, or whether a quote lost its other half, is for a person to say.

use std::ops::Range;

use crate::diagnostic::Violation;
use crate::registry::RuleId;
use crate::rules::context::Context;
use crate::rules::rule::{Repairs, Rule, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: RuleId::EntryTitleQuote,
        repairs: Repairs::Never,
        summary: "An entry's title has a quotation mark that opens or closes nothing.",
        why: "A stray quote is a typo readers see, and a title that lost half its quote says something else.",
        bad: "- [A Challenge for You!\"](https://example.com) - `2019` - :books:",
        good: "- [A Challenge for You!](https://example.com) - `2019` - :books:",
    },
    check,
};

/// The stray mark of `title`, if it has one. Counted in one pass: `"` is
/// one byte, `“` and `”` are `E2 80 9C` and `E2 80 9D`, and memchr finds
/// those first bytes (most titles have none, or a dash or an apostrophe).
fn stray(title: &str) -> Option<char> {
    let bytes = title.as_bytes();
    let (mut straight, mut open, mut close) = (0usize, 0usize, 0usize);
    for i in memchr::memchr2_iter(b'"', 0xE2, bytes) {
        match (bytes[i], bytes.get(i + 1), bytes.get(i + 2)) {
            (b'"', _, _) => straight += 1,
            (_, Some(0x80), Some(0x9C)) => open += 1,
            (_, Some(0x80), Some(0x9D)) => close += 1,
            _ => {}
        }
    }
    if straight % 2 == 1 {
        return Some('"');
    }
    match open.cmp(&close) {
        std::cmp::Ordering::Greater => Some('“'),
        std::cmp::Ordering::Less => Some('”'),
        std::cmp::Ordering::Equal => None,
    }
}

fn check(cx: &Context) -> Vec<Violation> {
    let doc = cx.doc;
    let text = cx.text();
    // The titles of entries of every shape: items of sections, and rows,
    // flat and nested items (their link's text).
    let entries = doc.entries.iter().filter_map(|e| doc.title(e));
    let leads = doc.leads.iter().filter_map(|l| doc.lead_title(l));
    let mut titles: Vec<Range<usize>> = entries.chain(leads).collect();
    titles.sort_by_key(|r| r.start);
    titles
        .into_iter()
        .filter_map(|range| {
            let mark = stray(&text[range.clone()])?;
            Some(
                Violation::new(
                    range,
                    format!("title has a `{mark}` that opens or closes nothing"),
                )
                .label("stray quotation mark")
                .help(format!(
                    "remove the stray `{mark}`, or add the mark that pairs with it"
                )),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::stray;

    /// [`stray`] as first written: three searches of the title.
    fn stray_by_searches(title: &str) -> Option<char> {
        if title.matches('"').count() % 2 == 1 {
            return Some('"');
        }
        let (open, close) = (title.matches('“').count(), title.matches('”').count());
        match open.cmp(&close) {
            std::cmp::Ordering::Greater => Some('“'),
            std::cmp::Ordering::Less => Some('”'),
            std::cmp::Ordering::Equal => None,
        }
    }

    proptest::proptest! {
        #[test]
        fn one_pass_counts_as_three_searches(title in "(a|\"|“|”|’|—|€|\u{2000}){0,16}") {
            proptest::prop_assert_eq!(stray(&title), stray_by_searches(&title));
        }
    }

    #[test]
    fn a_mark_that_pairs_with_nothing() {
        assert_eq!(stray("Here’s a Challenge for You!\""), Some('"'));
        assert_eq!(stray("The \"exactly once\" myth"), None);
        assert_eq!(stray("The “exactly once” myth"), None);
        assert_eq!(stray("The “exactly once myth"), Some('“'));
        assert_eq!(stray("Here’s an apostrophe"), None);
    }
}
