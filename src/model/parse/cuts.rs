//! Where a large file may be cut into pieces that parse as the whole does:
//! at a `## ` line after a blank line (see `chunks::collect` for why).

/// Every offset where a piece may start: the start of each `## ` line that
/// follows a blank line.
pub(super) fn safe_cuts(text: &str) -> Vec<usize> {
    cuts_from(text, 0).collect()
}

/// The cuts whose blank line starts at or after `from` (so never `from`
/// itself), in order.
pub(super) fn cuts_from(text: &str, from: usize) -> impl Iterator<Item = usize> + '_ {
    memchr::memmem::find_iter(&text.as_bytes()[from..], b"\n\n##")
        .map(move |i| from + i + 2)
        .filter(|&line| is_cut(text.as_bytes(), line))
}

/// Whether a piece may start at `line`: a `## ` line (or a bare `##`)
/// after a blank line.
pub(super) fn is_cut(bytes: &[u8], line: usize) -> bool {
    line >= 2
        && bytes.get(line - 2..line) == Some(b"\n\n")
        && bytes.get(line..line + 2) == Some(b"##")
        && matches!(bytes.get(line + 2), Some(b' ' | b'\t' | b'\n') | None)
}

/// Whether `text`, parsed alone, may read a `---` line differently than
/// the whole file does: pulldown-cmark opens a YAML metadata block at any
/// `---` line that starts a block (in a quote too, not only atop the
/// file) when its next line is not blank and a `---` or `...` line comes
/// later, so a `---` whose closing line lies past `text` is a thematic
/// break here and a metadata block there, which may hide the cuts after
/// it. A `---` line followed by a blank line (the usual section rule) or
/// closed within `text` (front matter) reads the same both ways. Lines are
/// looked at as written, whatever container holds them: a `---` at the
/// end of any line counts, which can only say "may" too often.
pub(super) fn leaves_metadata_open(text: &str) -> bool {
    let bytes = text.as_bytes();
    let blank = |line: &[u8]| line.iter().all(u8::is_ascii_whitespace);
    memchr::memmem::find_iter(bytes, b"---").any(|at| {
        let run = at + bytes[at..].iter().take_while(|&&b| b == b'-').count();
        let (end, first) = line_end(bytes, run);
        if !blank(&bytes[run..end]) || first == bytes.len() {
            return false;
        }
        let (first_end, mut line) = line_end(bytes, first);
        if blank(&bytes[first..first_end]) {
            return false;
        }
        // A closing line after the block's first line, within `text`.
        while line < bytes.len() {
            let (end, next) = line_end(bytes, line);
            if closes_metadata(&bytes[line..end]) {
                return false;
            }
            line = next;
        }
        true
    })
}

/// Where the line that goes on at `from` ends, and where the next starts
/// (a line ends at `\n`, `\r\n` or a lone `\r`, as in CommonMark).
fn line_end(bytes: &[u8], from: usize) -> (usize, usize) {
    match memchr::memchr2(b'\n', b'\r', &bytes[from..]) {
        None => (bytes.len(), bytes.len()),
        Some(i) => {
            let end = from + i;
            let crlf = bytes[end] == b'\r' && bytes.get(end + 1) == Some(&b'\n');
            (end, end + 1 + usize::from(crlf))
        }
    }
}

/// A line that closes a YAML metadata block: exactly `---` or `...`, then
/// spaces.
fn closes_metadata(line: &[u8]) -> bool {
    (line.starts_with(b"---") || line.starts_with(b"..."))
        && line.get(3) != Some(&line[0])
        && line[3..].iter().all(|&b| b == b' ')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dash_line_may_open_a_yaml_block_only_over_text_closed_later() {
        // Closed within the text (front matter), or no block at all: a
        // blank line after it, nothing after it, more than dashes on it.
        for text in [
            "---\ntitle: x\n---\n\n## A\n",
            "---\ntitle: x\n...\n",
            "# T\n\n---\n\n## A\n",
            "# T\n\n---\n",
            "a --- b\nc\n",
            "| a |\n|---|\nx\n",
            "<!-- x --->\ny\n",
        ] {
            assert!(!leaves_metadata_open(text), "{text:?}");
        }
        // Not closed within the text: the closing line may come later.
        for text in [
            "---\ntitle: x\n\n",
            "# T\n\n---\nx\n\n",
            "> ---\n> a\n\n",
            "- ---\n  a\n\n",
            "---\n---\n\n",
            "---  \r\nx\r\n\r\n",
            "---\rx\r\r",
            "---\nx\n----\n",
        ] {
            assert!(leaves_metadata_open(text), "{text:?}");
        }
    }
}
