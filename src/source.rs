//! The text of one list as the rest of the crate sees it.
//!
//! A UTF-8 BOM is stripped and CRLF line endings are folded to LF on the way
//! in, and both are remembered so that `fmt` can give them back on the way
//! out. Every offset in the crate is a byte offset into [`Source::text`];
//! [`Source::position`] turns one into the 1-based line and the 1-based column
//! counted in Unicode characters that every report shows.

use std::ops::Range;

/// How the file ended its lines when it was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineEnding {
    Lf,
    Crlf,
}

#[derive(Debug, Clone)]
pub struct Source {
    /// The name shown in reports: the path as given, or `<stdin>`.
    pub name: String,
    /// The text with the BOM removed and every `\r\n` turned into `\n`.
    pub text: String,
    /// The BOM and line endings folded out of `text`.
    pub encoding: Encoding,
    line_starts: Vec<usize>,
}

/// A 1-based line and column (columns count characters, not bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

impl Source {
    /// Wraps already-decoded text (a copy of it; see [`Source::from_string`]).
    pub fn new(name: impl Into<String>, raw: &str) -> Source {
        Source::from_string(name, raw.to_owned())
    }

    /// Wraps decoded text without copying it when it has no CRLF.
    pub fn from_string(name: impl Into<String>, mut text: String) -> Source {
        let bom = text.starts_with('\u{feff}');
        if bom {
            text.drain(..'\u{feff}'.len_utf8());
        }
        let line_ending = match memchr::memchr(b'\n', text.as_bytes()) {
            Some(i) if i > 0 && text.as_bytes()[i - 1] == b'\r' => LineEnding::Crlf,
            _ => LineEnding::Lf,
        };
        // Most files hold no `\r` at all: one fast scan says so, and the
        // counting and replacing below is skipped.
        let mut mixed_endings = false;
        if memchr::memchr(b'\r', text.as_bytes()).is_some() {
            let newlines = memchr::memchr_iter(b'\n', text.as_bytes()).count();
            let crlf = memchr::memmem::find_iter(text.as_bytes(), b"\r\n").count();
            mixed_endings = crlf > 0 && crlf < newlines;
            if crlf > 0 {
                text = text.replace("\r\n", "\n");
            }
            // A lone `\r` ends a line in CommonMark (old Mac files): it is
            // one here too, so that every line the parser sees is a line of
            // the index. `fmt` writes it as the file's line ending.
            if text.contains('\r') {
                text = text.replace('\r', "\n");
                mixed_endings = true;
            }
        }
        Source {
            encoding: Encoding {
                bom,
                line_ending,
                mixed_endings,
            },
            ..Source::exact(name, text)
        }
    }

    /// Wraps text exactly as it is: no BOM stripped, no CRLF folded. For
    /// text this crate produced from a [`Source`] (the output of `fmt`),
    /// whose model must describe those very bytes.
    pub fn exact(name: impl Into<String>, text: String) -> Source {
        let newlines = memchr::memchr_iter(b'\n', text.as_bytes());
        let mut line_starts = Vec::with_capacity(newlines.clone().count() + 1);
        line_starts.push(0);
        line_starts.extend(newlines.map(|i| i + 1));
        Source {
            name: name.into(),
            text,
            encoding: Encoding::EXACT,
            line_starts,
        }
    }

    /// Number of lines; a final `\n` does not start a new line.
    pub fn line_count(&self) -> usize {
        if self.text.ends_with('\n') {
            self.line_starts.len() - 1
        } else {
            self.line_starts.len()
        }
    }

    /// 0-based index of the line holding `offset`.
    pub fn line_index(&self, offset: usize) -> usize {
        match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        }
    }

    /// Byte range of line `index` (0-based), without its `\n`.
    pub fn line_range(&self, index: usize) -> Range<usize> {
        let start = self
            .line_starts
            .get(index)
            .copied()
            .unwrap_or(self.text.len());
        let end = self
            .line_starts
            .get(index + 1)
            .map(|s| s - 1)
            .unwrap_or(self.text.len());
        start..end.max(start)
    }

    /// Text of line `index` (0-based), without its `\n`.
    pub fn line(&self, index: usize) -> &str {
        &self.text[self.line_range(index)]
    }

    /// 1-based line and character column of a byte offset.
    pub fn position(&self, offset: usize) -> Position {
        let offset = self.floor_char_boundary(offset.min(self.text.len()));
        let index = self.line_index(offset);
        let start = self.line_starts[index];
        Position {
            line: index + 1,
            column: self.text[start..offset].chars().count() + 1,
        }
    }

    fn floor_char_boundary(&self, mut offset: usize) -> usize {
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    }

    /// Gives the file's BOM and line endings back to text produced from
    /// this source (borrowed when there is nothing to give back).
    pub fn restore<'t>(&self, text: &'t str) -> std::borrow::Cow<'t, str> {
        self.encoding.restore(text)
    }
}

/// How a file was written apart from its text: what [`Source`] folds on the
/// way in and [`Encoding::restore`] gives back on the way out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Encoding {
    /// The file started with a UTF-8 byte order mark.
    pub bom: bool,
    /// The file's line ending: CRLF when its first line break is `\r\n`.
    pub line_ending: LineEnding,
    /// Some lines end in `\r\n` and others in `\n` (or a lone `\r`):
    /// [`Encoding::restore`] gives every line `line_ending`, so `fmt`
    /// counts this as a change.
    pub mixed_endings: bool,
}

impl Encoding {
    /// Text taken as it is ([`Source::exact`]): no BOM, `\n` line endings.
    pub const EXACT: Encoding = Encoding {
        bom: false,
        line_ending: LineEnding::Lf,
        mixed_endings: false,
    };

    /// See [`Source::restore`].
    pub fn restore<'t>(&self, text: &'t str) -> std::borrow::Cow<'t, str> {
        if !self.bom && self.line_ending == LineEnding::Lf {
            return std::borrow::Cow::Borrowed(text);
        }
        let mut out = String::with_capacity(text.len() + text.len() / 16 + 3);
        if self.bom {
            out.push('\u{feff}');
        }
        match self.line_ending {
            LineEnding::Lf => out.push_str(text),
            LineEnding::Crlf => out.push_str(&text.replace('\n', "\r\n")),
        }
        std::borrow::Cow::Owned(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters_not_bytes() {
        let s = Source::new("t", "ab\nÉé x\n");
        assert_eq!(s.position(0), Position { line: 1, column: 1 });
        assert_eq!(s.position(3), Position { line: 2, column: 1 });
        // "Éé " is 5 bytes, 3 characters.
        assert_eq!(s.position(8), Position { line: 2, column: 4 });
        assert_eq!(s.line_count(), 2);
        assert_eq!(s.line(1), "Éé x");
    }

    #[test]
    fn bom_and_crlf_are_folded_and_restored() {
        let raw = "\u{feff}# T\r\n\r\n- a\r\n";
        let s = Source::new("t", raw);
        assert!(s.encoding.bom);
        assert_eq!(s.encoding.line_ending, LineEnding::Crlf);
        assert_eq!(s.text, "# T\n\n- a\n");
        assert_eq!(s.position(5).line, 3);
        assert_eq!(s.restore(&s.text), raw);
    }

    #[test]
    fn a_lone_carriage_return_ends_a_line() {
        let s = Source::new("t", "a\rb\r\nc\n");
        assert_eq!(s.text, "a\nb\nc\n");
        assert_eq!(s.line_count(), 3);
        assert!(s.encoding.mixed_endings);
    }

    proptest::proptest! {
        /// The line endings read with fast byte scans are the ones read
        /// the plain way: text folded to `\n`, the first ending, mixed or
        /// not, and a line start after every `\n`.
        #[test]
        fn line_endings_are_read_as_written(raw in "(a|é|\r|\n|\r\n|\u{feff}){0,30}") {
            let s = Source::new("t", &raw);
            let unbommed = raw.strip_prefix('\u{feff}').unwrap_or(&raw);
            let text = unbommed.replace("\r\n", "\n").replace('\r', "\n");
            proptest::prop_assert_eq!(&s.text, &text);
            let crlf = unbommed.matches("\r\n").count();
            let lone_cr = unbommed.matches('\r').count() > crlf;
            let newlines = unbommed.matches('\n').count();
            proptest::prop_assert_eq!(
                s.encoding.mixed_endings,
                lone_cr || (crlf > 0 && crlf < newlines)
            );
            let first_crlf = unbommed.find('\n').is_some_and(|i| unbommed[..i].ends_with('\r'));
            proptest::prop_assert_eq!(s.encoding.line_ending == LineEnding::Crlf, first_crlf);
            let starts: Vec<usize> = std::iter::once(0)
                .chain(text.match_indices('\n').map(|(i, _)| i + 1))
                .collect();
            proptest::prop_assert_eq!(&s.line_starts, &starts);
        }
    }

    #[test]
    fn last_line_without_newline_counts() {
        let s = Source::new("t", "a\nb");
        assert_eq!(s.line_count(), 2);
        assert_eq!(s.line(1), "b");
        assert_eq!(s.line_range(5), 3..3);
    }
}
