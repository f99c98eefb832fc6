//! The canonical entry line, written by one function for every writer:
//! `fmt`'s printer (`entry-format`'s repair) and `add`.

use std::fmt::Write as _;

/// Appends `{lead} [{title}]({url}) - `{year}` - :{tag}:` to `out`, where
/// `lead` is the indentation and bullet (`-`).
pub fn entry_line(out: &mut String, lead: &str, title: &str, url: &str, year: u16, tag: &str) {
    let _ = write!(out, "{lead} [{title}]({url}) - `{year}` - :{tag}:");
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_canonical_form() {
        let mut out = String::new();
        super::entry_line(
            &mut out,
            "-",
            "Kafka [EU]",
            "https://e.com/a",
            2021,
            "books",
        );
        assert_eq!(out, "- [Kafka [EU]](https://e.com/a) - `2021` - :books:");
    }
}
