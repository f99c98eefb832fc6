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
