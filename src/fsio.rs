//! Reading lists with errors a person can act on, and writing them atomically.

use std::fmt;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use crate::source::Source;

/// The path that means standard input (and, for `fmt`, standard output).
pub const STDIN: &str = "-";

/// A file that could not be read or written. Always exit code 2.
#[derive(Debug)]
pub struct FileError {
    pub path: PathBuf,
    pub message: String,
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.message)
    }
}

impl std::error::Error for FileError {}

impl FileError {
    fn new(path: &Path, message: impl Into<String>) -> Self {
        FileError {
            path: path.to_owned(),
            message: message.into(),
        }
    }
}

/// A short, lowercase description of an I/O error with a hint.
pub fn describe_io_error(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "no such file; check the path".into(),
        io::ErrorKind::PermissionDenied => "permission denied; check the file's permissions".into(),
        io::ErrorKind::IsADirectory => "is a directory; give the path of a Markdown file".into(),
        _ => {
            let text = e.to_string();
            match text.find(" (os error") {
                Some(i) => text[..i].to_lowercase(),
                None => text.to_lowercase(),
            }
        }
    }
}

/// Reads a list from a path, or from standard input when the path is `-`.
/// The size is checked before anything is read.
pub fn read_source(path: &Path) -> Result<Source, FileError> {
    let (name, bytes) = if path.as_os_str() == STDIN {
        let mut bytes = Vec::new();
        io::stdin().read_to_end(&mut bytes).map_err(|e| {
            FileError::new(
                path,
                format!("cannot read standard input: {}", describe_io_error(&e)),
            )
        })?;
        ("<stdin>".to_owned(), bytes)
    } else {
        let meta =
            std::fs::metadata(path).map_err(|e| FileError::new(path, describe_io_error(&e)))?;
        if meta.is_dir() {
            return Err(FileError::new(
                path,
                "is a directory; give the path of a Markdown file",
            ));
        }
        check_size(usize::try_from(meta.len()).unwrap_or(usize::MAX))
            .map_err(|message| FileError::new(path, message))?;
        let bytes = std::fs::read(path).map_err(|e| FileError::new(path, describe_io_error(&e)))?;
        (path.display().to_string(), bytes)
    };
    decode(&name, bytes).map_err(|message| FileError::new(path, message))
}

/// The model keeps offsets as `u32` ([`crate::model::Span`]): larger
/// files are refused rather than misread.
const MAX_BYTES: usize = u32::MAX as usize;

fn check_size(len: usize) -> Result<(), String> {
    if len >= MAX_BYTES {
        return Err(format!(
            "is {:.1} GiB; flinkscale reads lists smaller than 4 GiB",
            len as f64 / f64::from(1u32 << 30)
        ));
    }
    Ok(())
}

/// The byte order mark of a UTF-16 or UTF-32 file, named.
fn wide_bom(bytes: &[u8]) -> Option<&'static str> {
    match bytes {
        [0xFF, 0xFE, 0, 0, ..] => Some("UTF-32 (little-endian)"),
        [0, 0, 0xFE, 0xFF, ..] => Some("UTF-32 (big-endian)"),
        [0xFF, 0xFE, ..] => Some("UTF-16 (little-endian)"),
        [0xFE, 0xFF, ..] => Some("UTF-16 (big-endian)"),
        _ => None,
    }
}

/// Turns raw bytes into a [`Source`], or says why they are not a list:
/// too large, UTF-16 or UTF-32 (by their byte order mark, looked at first
/// since such a file is full of NUL bytes), binary (NUL bytes), not UTF-8,
/// or empty.
pub fn decode(name: &str, bytes: Vec<u8>) -> Result<Source, String> {
    check_size(bytes.len())?;
    if let Some(encoding) = wide_bom(&bytes) {
        return Err(format!(
            "is encoded as {encoding}, not UTF-8; save it as UTF-8 (most editors offer it under \"Save with encoding\")"
        ));
    }
    if memchr::memchr(0, &bytes).is_some() {
        return Err(
            "is a binary file, not a list (it contains NUL bytes); give the path of a Markdown file"
                .into(),
        );
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        let line = bytes[..offset].iter().filter(|&&b| b == b'\n').count() + 1;
        format!(
            "not valid UTF-8 (byte offset {offset}, line {line}, byte 0x{:02x}); save the file as UTF-8",
            bytes.get(offset).copied().unwrap_or(0)
        )
    })?;
    if text.trim_start_matches('\u{feff}').trim().is_empty() {
        return Err("file is empty; a list needs a `## Table of Contents` and one `## Company` section per company".into());
    }
    Ok(Source::from_string(name, text))
}

/// What a file looked like when it was read: its identity, size and time
/// of change. A file that no longer matches was changed or replaced by
/// someone else in the meantime.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamp {
    len: u64,
    modified: Option<std::time::SystemTime>,
    /// Device and inode: a file replaced by a rename is a new inode.
    #[cfg(unix)]
    identity: (u64, u64),
}

impl Stamp {
    /// The stamp of `path` now, if it can be read.
    pub fn of(path: &Path) -> Option<Stamp> {
        let meta = std::fs::metadata(path).ok()?;
        Some(Stamp {
            len: meta.len(),
            modified: meta.modified().ok(),
            #[cfg(unix)]
            identity: {
                use std::os::unix::fs::MetadataExt;
                (meta.dev(), meta.ino())
            },
        })
    }
}

/// The directory a path is in: `.` for a bare file name (and for `-`,
/// standard input).
pub fn dir_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Replaces `path` with `contents` atomically: a temporary file in the same
/// directory, flushed to disk, given the original's permissions, then
/// renamed over the original. On any error the original is untouched.
pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<(), FileError> {
    write_atomic_unchanged(path, contents, None)
}

/// The last step of every rewrite (`fmt --write`, `lint --fix`, `add`,
/// `links --fix-*`): `text`, as the model holds it, given back the file's
/// BOM and line endings (`encoding`), then written atomically while the
/// file is still as it was read (`read`, [`write_atomic_unchanged`]).
/// Returns the bytes written.
pub fn commit<'t>(
    path: &Path,
    encoding: &crate::source::Encoding,
    text: &'t str,
    read: Option<&Stamp>,
) -> Result<std::borrow::Cow<'t, str>, FileError> {
    let bytes = encoding.restore(text);
    write_atomic_unchanged(path, bytes.as_bytes(), read)?;
    Ok(bytes)
}

/// [`write_atomic`], but only while `path` still matches `read`, the stamp
/// taken before it was read: a file edited or replaced while it was being
/// formatted is left as the other writer left it. With no stamp (the file
/// could not be stat'ed then), it writes unconditionally.
pub fn write_atomic_unchanged(
    path: &Path,
    contents: &[u8],
    read: Option<&Stamp>,
) -> Result<(), FileError> {
    let dir = dir_of(path);
    let fail = |what: &str, e: io::Error| {
        FileError::new(
            path,
            format!("cannot write ({what}): {}", describe_io_error(&e)),
        )
    };
    // A new file (the link cache's first write) gets the usual rw-r--r--.
    let permissions = match std::fs::metadata(path) {
        Ok(meta) => Some(meta.permissions()),
        Err(e) if e.kind() == io::ErrorKind::NotFound && read.is_none() => new_file_permissions(),
        Err(e) => return Err(fail("reading its permissions", e)),
    };
    if permissions.as_ref().is_some_and(|p| p.readonly()) {
        return Err(FileError::new(
            path,
            "cannot write: the file is read-only; make it writable or run without --write",
        ));
    }
    let mut temp = tempfile::Builder::new()
        .prefix(".flinkscale-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| match e.kind() {
            io::ErrorKind::PermissionDenied => FileError::new(
                path,
                format!(
                    "cannot write: the directory {} is not writable (the new text is written to a \
                     temporary file beside the file, then renamed over it); make the directory \
                     writable or run without --write",
                    dir.display()
                ),
            ),
            _ => fail("creating a temporary file beside it", e),
        })?;
    temp.write_all(contents)
        .map_err(|e| fail("writing the temporary file", e))?;
    temp.as_file()
        .sync_all()
        .map_err(|e| fail("flushing the temporary file", e))?;
    if let Some(permissions) = permissions {
        std::fs::set_permissions(temp.path(), permissions)
            .map_err(|e| fail("copying permissions", e))?;
    }
    // Checked last, right before the rename, to keep the window small.
    if read.is_some_and(|stamp| Stamp::of(path).as_ref() != Some(stamp)) {
        return Err(FileError::new(
            path,
            "changed on disk while flinkscale was working on it; nothing was written. Run the command again",
        ));
    }
    temp.persist(path)
        .map_err(|e| fail("renaming the temporary file over it", e.error))?;
    Ok(())
}

#[cfg(unix)]
fn new_file_permissions() -> Option<std::fs::Permissions> {
    use std::os::unix::fs::PermissionsExt;
    Some(std::fs::Permissions::from_mode(0o644))
}

/// Elsewhere the temporary file's own (writable) permissions do.
#[cfg(not(unix))]
fn new_file_permissions() -> Option<std::fs::Permissions> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_is_sniffed_in_a_sensible_order() {
        let utf16 = vec![0xFF, 0xFE, b'#', 0, b' ', 0];
        assert!(decode("t", utf16).unwrap_err().contains("UTF-16"));
        let utf32 = vec![0, 0, 0xFE, 0xFF, 0, 0, 0, b'#'];
        assert!(decode("t", utf32).unwrap_err().contains("UTF-32"));
        // NUL bytes and invalid UTF-8 together: a binary file, not "save as UTF-8".
        let binary = vec![0x89, b'P', b'N', b'G', 0, 0xFF, 0xD8];
        assert!(decode("t", binary).unwrap_err().contains("binary file"));
        assert!(decode("t", b"caf\xe9\n".to_vec())
            .unwrap_err()
            .contains("not valid UTF-8"));
        assert!(decode("t", b"  \n".to_vec()).unwrap_err().contains("empty"));
    }

    #[test]
    fn files_of_4_gib_or_more_are_refused() {
        assert_eq!(check_size(MAX_BYTES - 1), Ok(()));
        let e = check_size(MAX_BYTES).unwrap_err();
        assert!(e.contains("smaller than 4 GiB"), "{e}");
    }
}
