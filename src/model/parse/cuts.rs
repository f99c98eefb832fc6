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
    // Where the last closing line starts, looked for once, if needed: a
    // block opened on a line is closed within `text` when a closing line
    // starts after its first line.
    let mut last_close: Option<Option<usize>> = None;
    // Past the dashes looked at already (a long run holds many `---`).
    let mut seen = 0;
    for at in memchr::memmem::find_iter(bytes, b"---") {
        if at < seen {
            continue;
        }
        let run = at + bytes[at..].iter().take_while(|&&b| b == b'-').count();
        seen = run;
        let (end, first) = line_end(bytes, run);
        if !blank(&bytes[run..end]) || first == bytes.len() {
            continue;
        }
        let (first_end, _) = line_end(bytes, first);
        if blank(&bytes[first..first_end]) {
            continue;
        }
        let close = *last_close.get_or_insert_with(|| last_closing_line(bytes));
        if close.is_none_or(|close| close <= first_end) {
            return true;
        }
    }
    false
}

/// Where the last line that closes a YAML block starts, if one does.
fn last_closing_line(bytes: &[u8]) -> Option<usize> {
    let mut end = bytes.len();
    loop {
        let start = memchr::memrchr2(b'\n', b'\r', &bytes[..end]).map_or(0, |i| i + 1);
        if closes_metadata(&bytes[start..end]) {
            return Some(start);
        }
        if start == 0 {
            return None;
        }
        end = start - 1;
    }
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
