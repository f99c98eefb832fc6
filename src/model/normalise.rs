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

/// Collapses every run of whitespace into one space and trims the ends.
pub fn collapse_whitespace(text: &str) -> String {
    // Most text (every canonical title) is already collapsed: check, copy.
    if is_collapsed(text) {
        return text.to_owned();
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `collapse_whitespace` would return `text` unchanged.
pub fn is_collapsed(text: &str) -> bool {
    let mut previous_space = true;
    text.is_empty()
        || text.chars().all(|c| {
            let ok = if c == ' ' {
                !previous_space
            } else {
                !c.is_whitespace()
            };
            previous_space = c == ' ';
            ok
        }) && !previous_space
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
