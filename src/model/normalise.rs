//! Text as the list compares it: collapsed whitespace, the key sections
//! sort by, and text as `fmt` writes it (mojibake repaired).

use super::mojibake;

/// Lowercase letters and digits only: the key sections sort by.
pub fn sort_key(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// A company's name as compared for near-misses: its [`sort_key`] without
/// a legal suffix (`eBay Inc.`, `Acme Ltd`, `Zalando SE`: `ebay`, `acme`,
/// `zalando`).
pub fn company_key(name: &str) -> String {
    const SUFFIXES: [&str; 16] = [
        "inc",
        "incorporated",
        "ltd",
        "limited",
        "llc",
        "llp",
        "corp",
        "corporation",
        "co",
        "company",
        "gmbh",
        "ag",
        "sa",
        "se",
        "plc",
        "bv",
    ];
    let words: Vec<String> = name
        .split_whitespace()
        .map(sort_key)
        .filter(|w| !w.is_empty())
        .collect();
    let end = words.len()
        - words
            .iter()
            .rev()
            .take_while(|w| SUFFIXES.contains(&w.as_str()))
            .count();
    // A name that is all suffix (`Co`) keeps itself.
    let kept = if end == 0 { &words[..] } else { &words[..end] };
    kept.concat()
}

/// Two company names that are the same company written two ways (a legal
/// suffix, case, spacing, punctuation, or one letter off in a name of six
/// letters or more: `Kilo Lab` and `Kilo Labs`), but not the same name.
/// A digit is never the one letter off: `Layer 1` and `Layer 2`, `Web2
/// Labs` and `Web3 Labs` are numbered things, not a typo.
pub fn near_miss(a: &str, b: &str) -> bool {
    NameKeys::of(a).near(&NameKeys::of(b))
}

/// A company name's keys, computed once for comparing it with many.
pub struct NameKeys {
    /// Its [`sort_key`]: equal keys are one name.
    pub sorted: String,
    /// Its [`company_key`].
    pub company: String,
}

impl NameKeys {
    pub fn of(name: &str) -> Self {
        Self {
            sorted: sort_key(name),
            company: company_key(name),
        }
    }

    /// [`near_miss`] of the two names these keys are of.
    pub fn near(&self, other: &Self) -> bool {
        let (ka, kb) = (&self.company, &other.company);
        if self.sorted == other.sorted || ka.is_empty() || kb.is_empty() {
            return false;
        }
        let digits = |k: &str| k.bytes().filter(u8::is_ascii_digit).collect::<Vec<u8>>();
        ka == kb
            || (ka.chars().count().min(kb.chars().count()) >= 6
                && digits(ka) == digits(kb)
                && strsim::levenshtein(ka, kb) == 1)
    }
}

#[cfg(test)]
mod near_tests {
    use super::*;

    #[test]
    fn near_misses_are_one_company_written_two_ways() {
        assert!(near_miss("Kilo Lab", "Kilo Labs"));
        assert!(near_miss("ebay inc", "eBay"));
        assert!(near_miss("Acme Ltd.", "Acme"));
        assert!(near_miss("Zalando SE", "Zalando"));
        // The same key is the same name, not a near-miss.
        assert!(!near_miss("kilo labs", "Kilo Labs"));
        // Short names one letter apart are different companies.
        assert!(!near_miss("Lyft", "Lift"));
        assert!(!near_miss("Meta", "Beta"));
        assert!(!near_miss("Google", "Google Cloud"));
        assert!(!near_miss("Co", "Acme"));
        // Numbered names one digit apart are different things.
        assert!(!near_miss("Company 00001", "Company 00000"));
        assert!(!near_miss("Web2 Labs", "Web3 Labs"));
        assert!(!near_miss("Studio 54", "Studio 4"));
        assert!(!near_miss("Layer 1 Labs", "Layer I Labs"));
        // A letter off beside a number still is one.
        assert!(near_miss("Studio 54 Labs", "Studio 54 Lab"));
    }
}

/// The key a company sorts by among the others: its [`sort_key`], but a
/// catch-all (`Others`, `Other companies`, `Misc`, `Miscellaneous`) sorts
/// last, where lists keep it.
pub fn section_key(name: &str) -> String {
    let key = sort_key(name);
    let catch_all = matches!(
        key.as_str(),
        "other" | "others" | "othercompanies" | "otherorganizations" | "misc" | "miscellaneous"
    );
    if catch_all {
        format!("{}{key}", char::MAX)
    } else {
        key
    }
}

/// The count a heading ends with (`Acme (12)` -> 12): what a list sorted
/// by entry count orders its companies by.
pub fn heading_count(name: &str) -> Option<u32> {
    let inner = name.trim_end().strip_suffix(')')?;
    let open = inner.rfind('(')?;
    let digits = inner[open + 1..].trim();
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// The key a company sorts by in a list of this order: by the count in
/// its heading (largest first) and then by name for `by_count`, by name
/// alone otherwise.
pub fn order_key(name: &str, by_count: bool) -> (std::cmp::Reverse<u32>, String) {
    let count = if by_count { heading_count(name) } else { None };
    (std::cmp::Reverse(count.unwrap_or(0)), section_key(name))
}

/// Collapses every run of whitespace into one space and trims the ends.
pub fn collapse_whitespace(text: &str) -> String {
    // Most text (every canonical title) is already collapsed: check, copy.
    if crate::spaces::is_folded(text) {
        return text.to_owned();
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Text as `fmt` writes it: mojibake repaired, whitespace collapsed (how a
/// heading is compared by the safety net and slugged by the printer).
pub fn repaired(text: &str) -> String {
    collapse_whitespace(&mojibake::repair(text))
}

#[cfg(test)]
mod tests {
    use super::collapse_whitespace;

    #[test]
    fn collapsing_matches_split_and_join() {
        for text in [
            "", " ", "a", "a b", " a", "a ", "a  b", "a\tb", "a\nb", "é ü", "a\u{a0}b", "  a  b  ",
        ] {
            let slow = text.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(collapse_whitespace(text), slow, "{text:?}");
        }
    }
}
