//! The documents the editor has open, and the configuration each one is
//! linted with: `flinkscale.toml` found by walking up from the document's
//! directory, as the command line finds it, and read again when it changes.

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Instant, SystemTime};

use super::buffer::Buffer;
use crate::config::Config;
use crate::diagnostic::Diagnostic;
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

/// A configuration file as it was when read: reading it again is due when
/// its length or modification time differ.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Stamp {
    path: PathBuf,
    len: u64,
    modified: Option<SystemTime>,
}

impl Stamp {
    fn of(path: &Path) -> Option<Stamp> {
        let meta = std::fs::metadata(path).ok()?;
        Some(Stamp {
            path: path.to_owned(),
            len: meta.len(),
            modified: meta.modified().ok(),
        })
    }
}

/// The configuration of each directory, read once and again when its
/// file changes.
#[derive(Default)]
pub struct Configs {
    by_dir: HashMap<PathBuf, (Option<Stamp>, Result<Config, String>)>,
}

impl Configs {
    /// The configuration `doc` was last linted with is no longer its file
    /// as it is on disk (edited, created or removed), so its diagnostics
    /// are due again. A document not linted yet is not stale.
    pub fn stale(&self, doc: &Doc) -> bool {
        let Some(dir) = doc.path.as_deref().and_then(Path::parent) else {
            return false;
        };
        self.by_dir
            .get(dir)
            .is_some_and(|(stamp, _)| *stamp != Config::discover(dir).and_then(|p| Stamp::of(&p)))
    }

    /// The configuration a document is linted with (the defaults for one
    /// with no path), or what is wrong with its file.
    pub fn of(&mut self, doc: &Doc) -> Result<Config, String> {
        let Some(dir) = doc.path.as_deref().and_then(Path::parent) else {
            return Ok(Config::default());
        };
        let found = Config::discover(dir).and_then(|p| Stamp::of(&p));
        if let Some((stamp, config)) = self.by_dir.get(dir) {
            if *stamp == found {
                return config.clone();
            }
        }
        let config = match &found {
            Some(stamp) => Config::load(&stamp.path).map_err(|e| e.to_string()),
            None => Ok(Config::default()),
        };
        self.by_dir.insert(dir.to_owned(), (found, config.clone()));
        config
    }
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

    #[test]
    fn a_config_is_read_again_when_it_changes() {
        let dir = tempfile::tempdir().unwrap();
        let list = dir.path().join("README.md");
        let doc = Doc::new(&format!("file://{}", list.display()), String::new(), None);
        let mut configs = Configs::default();
        assert_eq!(configs.of(&doc).unwrap(), Config::default());
        let file = dir.path().join(crate::config::FILE_NAME);
        std::fs::write(&file, "[rules]\nentry-order = \"off\"\n").unwrap();
        let on = configs.of(&doc).unwrap();
        assert_eq!(on.severity(crate::registry::RuleId::EntryOrder), None);
        std::fs::write(&file, "[rules]\nentry-order = \"warn\"\nbogus = 1\n").unwrap();
        assert!(configs.of(&doc).unwrap_err().contains("bogus"));
    }
}
