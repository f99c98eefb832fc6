//! The documents the editor has open, and the configuration each one is
//! linted with: `flinkscale.toml` found by walking up from the document's
//! directory, as the command line finds it, and read again when it changes.

use std::borrow::Cow;
use std::path::{Path, PathBuf};
use std::time::Instant;

use super::buffer::Buffer;
use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::inputs::Configs;
use crate::model::{Document, Heading};
use crate::source::Source;

/// One open document.
pub struct Doc {
    /// Its path, for a `file:` URI.
    pub path: Option<PathBuf>,
    /// The text as the editor holds it, with where each line starts.
    pub buffer: Buffer,
    pub version: Option<i32>,
    /// A Markdown document: linted (others are only kept, for requests).
    pub markdown: bool,
    /// When its diagnostics are due (debounced after a change).
    pub due: Option<Instant>,
    /// The last configuration error said about it, not to say it twice.
    pub config_error: Option<String>,
    /// The diagnostics last published for it: what hover reads, at once,
    /// even while the next ones are being worked out.
    pub shown: Vec<super::protocol::Diagnostic>,
    /// Its headings when it was last linted: the anchors completion
    /// offers without parsing the document again (`None` before the
    /// first lint).
    pub headings: Option<Vec<Heading>>,
    /// The ticket of the lint whose result it waits for; `None` when it
    /// waits for none, or changed since the last was asked (that result
    /// is then dropped).
    pub awaiting: Option<u64>,
}

impl Doc {
    pub fn new(uri: &str, text: String, version: Option<i32>) -> Doc {
        Doc {
            path: path_of(uri),
            buffer: Buffer::new(text),
            version,
            markdown: false,
            due: None,
            config_error: None,
            shown: Vec::new(),
            headings: None,
            awaiting: None,
        }
    }

    /// The name reports give it: its path, else its URI's last part.
    pub fn name(&self) -> String {
        self.path
            .as_ref()
            .map_or_else(|| "untitled.md".to_owned(), |p| p.display().to_string())
    }

    /// The whole text (borrowed once the server has settled the buffer
    /// for a request).
    pub fn text(&self) -> Cow<'_, str> {
        self.buffer.text()
    }

    /// Parsed as the command line would read it.
    pub fn parse(&self, config: &Config) -> Document {
        Document::parse(Source::new(self.name(), &self.text()), config)
    }

    /// Linted: the model and lint's diagnostics.
    pub fn lint(&self, config: &Config, year: u16) -> (Document, Vec<Diagnostic>) {
        crate::rules::lint(Source::new(self.name(), &self.text()), config, year)
    }
}

/// The path of a `file:` URI (`file:///home/a/README.md`, percent-encoded).
pub fn path_of(uri: &str) -> Option<PathBuf> {
    let rest = uri.strip_prefix("file://")?;
    let rest = rest.strip_prefix("localhost").unwrap_or(rest);
    if !rest.starts_with('/') {
        return None;
    }
    let rest = rest.split(['?', '#']).next().unwrap_or(rest);
    let decoded = percent_encoding::percent_decode_str(rest)
        .decode_utf8()
        .ok()?
        .into_owned();
    // `file:///C:/x` on Windows.
    let windows = decoded.as_bytes().get(2) == Some(&b':') && cfg!(windows);
    Some(PathBuf::from(if windows {
        &decoded[1..]
    } else {
        &decoded[..]
    }))
}

/// The configuration a document is linted with: its directory's, read
/// again when its file changes (the defaults for a document with no
/// path), or what is wrong with its file.
pub fn config_of(configs: &mut Configs, doc: &Doc) -> Result<Config, String> {
    match doc.path.as_deref().and_then(Path::parent) {
        Some(dir) => configs.for_dir(dir).cloned(),
        None => Ok(Config::default()),
    }
}

/// The configuration `doc` was last linted with is no longer its file as
/// it is on disk, so its diagnostics are due again.
pub fn config_stale(configs: &Configs, doc: &Doc) -> bool {
    doc.path
        .as_deref()
        .and_then(Path::parent)
        .is_some_and(|dir| configs.stale(dir))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_uris_are_paths() {
        assert_eq!(
            path_of("file:///home/a%20b/README.md"),
            Some(PathBuf::from("/home/a b/README.md"))
        );
        assert_eq!(
            path_of("file://localhost/x/y.md"),
            Some(PathBuf::from("/x/y.md"))
        );
        assert_eq!(path_of("untitled:Untitled-1"), None);
        assert_eq!(path_of("file://server/share"), None);
    }
}
