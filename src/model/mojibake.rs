//! Finding text that is UTF-8 misread as Mac Roman or Windows-1252.
//!
//! `Flink®` saved as UTF-8 is the bytes `C2 AE`; read back as Mac Roman they
//! show as `¬Æ`. We look for runs of characters that both code pages can map
//! back to bytes, and keep a run only where those bytes are well-formed UTF-8
//! for a character outside ASCII. The code-page tables come from
//! `encoding_rs`, not from a table typed in here.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

use encoding_rs::{Encoding, MACINTOSH, WINDOWS_1252};

/// One mangled run and the text it stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Repair {
    pub range: Range<usize>,
    pub original: String,
    pub replacement: String,
    /// The code page the text was misread as.
    pub encoding: &'static str,
}

struct CodePage {
    name: &'static str,
    to_byte: HashMap<char, u8>,
}

fn code_pages() -> &'static [CodePage; 2] {
    static PAGES: OnceLock<[CodePage; 2]> = OnceLock::new();
    PAGES.get_or_init(|| {
        [
            table(MACINTOSH, "Mac Roman"),
            table(WINDOWS_1252, "Windows-1252"),
        ]
    })
}

fn table(encoding: &'static Encoding, name: &'static str) -> CodePage {
    let mut to_byte = HashMap::new();
    for byte in 0x80u8..=0xff {
        let bytes = [byte];
        let (decoded, _) = encoding.decode_without_bom_handling(&bytes);
        let mut chars = decoded.chars();
        if let (Some(c), None) = (chars.next(), chars.next()) {
            if c != '\u{fffd}' {
                to_byte.insert(c, byte);
            }
        }
    }
    CodePage { name, to_byte }
}

/// Every mangled run in `text`, in order.
pub fn find(text: &str) -> Vec<Repair> {
    let mut repairs = Vec::new();
    // A run of non-ASCII characters is a run of non-ASCII bytes (every byte
    // of a multi-byte character is one), so the runs are found byte by
    // byte, without decoding the ASCII between them: most of a list.
    let bytes = text.as_bytes();
    let mut at = 0;
    while let Some(start) = next_non_ascii(bytes, at) {
        let end = bytes[start..]
            .iter()
            .position(u8::is_ascii)
            .map_or(bytes.len(), |n| start + n);
        repair_run(text, start, end, &mut repairs);
        at = end;
    }
    repairs
}

/// Where the first byte outside ASCII at or after `from` is, eight bytes
/// at a time (a word with no high bit set is eight ASCII bytes).
fn next_non_ascii(bytes: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    while let Some(word) = bytes.get(i..i + 8) {
        let mut chunk = [0u8; 8];
        chunk.copy_from_slice(word);
        let high = u64::from_le_bytes(chunk) & 0x8080_8080_8080_8080;
        if high != 0 {
            return Some(i + (high.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    bytes
        .get(i..)?
        .iter()
        .position(|b| !b.is_ascii())
        .map(|n| i + n)
}

/// Repairs inside one run of non-ASCII characters, trying both code pages
/// and keeping the one that explains more of the run.
fn repair_run(text: &str, start: usize, end: usize, out: &mut Vec<Repair>) {
    // Mangled text is one character per byte of a character outside
    // ASCII: two at least. A lone `’` or `—` (most runs) is what it says.
    if text[start..end].chars().nth(1).is_none() {
        return;
    }
    let run: Vec<(usize, char)> = text[start..end]
        .char_indices()
        .map(|(i, c)| (start + i, c))
        .collect();
    let best = code_pages()
        .iter()
        .map(|page| (page, decode_run(&run, end, page)))
        .max_by_key(|(_, found)| found.iter().map(|r| r.range.len()).sum::<usize>());
    if let Some((page, found)) = best {
        for mut repair in found {
            repair.encoding = page.name;
            repair.original = text[repair.range.clone()].to_owned();
            match out.last_mut() {
                Some(last) if last.range.end == repair.range.start => {
                    last.range.end = repair.range.end;
                    last.original.push_str(&repair.original);
                    last.replacement.push_str(&repair.replacement);
                }
                _ => out.push(repair),
            }
        }
    }
}

fn decode_run(run: &[(usize, char)], end: usize, page: &CodePage) -> Vec<Repair> {
    let mut found = Vec::new();
    let mut i = 0;
    while i < run.len() {
        let width = match page.to_byte.get(&run[i].1) {
            Some(0xc2..=0xdf) => 2,
            Some(0xe0..=0xef) => 3,
            Some(0xf0..=0xf4) => 4,
            _ => 0,
        };
        if width > 0 && i + width <= run.len() {
            let bytes: Option<Vec<u8>> = run[i..i + width]
                .iter()
                .map(|(_, c)| page.to_byte.get(c).copied())
                .collect();
            // A control character (`¬Ö` would be U+0085) is no text anyone
            // wrote: that is a coincidence, not mangled text.
            if let Some(Ok(decoded)) = bytes
                .map(String::from_utf8)
                .filter(|d| d.as_ref().is_ok_and(|d| !d.chars().any(char::is_control)))
            {
                let range_end = run.get(i + width).map_or(end, |(o, _)| *o);
                found.push(Repair {
                    range: run[i].0..range_end,
                    original: String::new(),
                    replacement: decoded,
                    encoding: page.name,
                });
                i += width;
                continue;
            }
        }
        i += 1;
    }
    found
}

/// `text` with all of its mojibake repaired.
pub fn repair(text: &str) -> String {
    apply(text, 0, &find(text))
}

/// `text` with every repair in `repairs` (sorted, non-overlapping) applied.
pub fn apply(text: &str, base: usize, repairs: &[Repair]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = base;
    for r in repairs {
        if r.range.start < at || r.range.end > base + text.len() {
            continue;
        }
        out.push_str(&text[at - base..r.range.start - base]);
        out.push_str(&r.replacement);
        at = r.range.end;
    }
    out.push_str(&text[at - base..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`find`] as it was written first: character by character.
    fn find_by_chars(text: &str) -> Vec<Repair> {
        let mut repairs = Vec::new();
        let mut run_start = None;
        for (i, c) in text
            .char_indices()
            .chain(std::iter::once((text.len(), '\0')))
        {
            match (c.is_ascii(), run_start) {
                (false, None) => run_start = Some(i),
                (true, Some(start)) => {
                    repair_run(text, start, i, &mut repairs);
                    run_start = None;
                }
                _ => {}
            }
        }
        repairs
    }

    proptest::proptest! {
        /// Runs found byte by byte are the runs found character by
        /// character, mangled text or not.
        #[test]
        fn runs_by_bytes_are_runs_by_characters(text in "(a|é|Ã©|â€™|Â®|¬Æ| |\\n|€|😀){0,40}") {
            proptest::prop_assert_eq!(find(&text), find_by_chars(&text));
        }
    }

    #[test]
    fn mac_roman_mojibake_is_found_and_named() {
        let found = find("Apache Flink¬Æ on Kubernetes");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].original, "¬Æ");
        assert_eq!(found[0].replacement, "®");
        assert_eq!(found[0].encoding, "Mac Roman");
        assert_eq!(repair("Engine‚Äôs ‚Äî done"), "Engine’s — done");
        assert_eq!(repair("Flink? \u{f8ff}üìù"), "Flink? 📝");
    }

    #[test]
    fn windows_1252_mojibake_is_found() {
        assert_eq!(repair("SociÃ©tÃ© GÃ©nÃ©rale"), "Société Générale");
        assert_eq!(repair("donâ€™t"), "don’t");
    }

    #[test]
    fn correct_text_is_left_alone() {
        for s in [
            "Société Générale",
            "Flink®",
            "don’t — ok",
            "📝 🎙️ 📚",
            "日本語のテキスト",
            "naïve café ©",
        ] {
            assert!(find(s).is_empty(), "{s}");
        }
    }

    #[test]
    fn a_run_that_would_decode_to_a_control_character_is_left_alone() {
        // Mac Roman `¬Ö` is the bytes C2 85: U+0085, a control character.
        assert!(find("rything¬Ö done").is_empty());
        assert_eq!(repair("rything¬Ö ¬Æ"), "rything¬Ö ®");
    }

    #[test]
    fn adjacent_runs_merge_into_one_repair() {
        let found = find("x ‚Äô‚Äô y");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].replacement, "’’");
    }
}
