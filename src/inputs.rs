//! Each input resolved once, the same way for the command line and the
//! editor: its name in reports (a path, or standard input by
//! `--stdin-filename`), its configuration (the `flinkscale.toml` found by
//! walking up from its directory, or the one `--config` names, cached per
//! directory), and its stamp before it was read, which the one write step
//! ([`crate::fsio::commit`]) checks so that a change made meanwhile is
//! never overwritten.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::fsio::{self, FileError, Stamp};
use crate::registry::RuleId;
use crate::source::Source;

/// The configuration of each directory: read once, and, for a server that
/// stays up ([`Configs::watching`]), again whenever its file changes.
pub struct Configs {
    /// `--config`: one configuration for every input.
    explicit: Option<Result<Config, String>>,
    /// By directory: the file it was read from, with its stamp then (none
    /// for the defaults), and what it said.
    by_dir: HashMap<PathBuf, (Option<ConfigFile>, Result<Config, String>)>,
    /// `--select` and `--ignore`, applied to every configuration found.
    select: Vec<RuleId>,
    ignore: Vec<RuleId>,
    /// Look at the file again on each use (the editor's server).
    watch: bool,
}

impl Configs {
    /// Configurations found by walking up from each input, or the one
    /// `--config` names; each read once a run.
    pub fn new(explicit: Option<&Path>) -> Configs {
        Configs {
            explicit: explicit.map(|p| Config::load(p).map_err(|e| e.to_string())),
            by_dir: HashMap::new(),
            select: Vec::new(),
            ignore: Vec::new(),
            watch: false,
        }
    }

    /// Configurations read again whenever their file changes (is edited,
    /// created or removed): the editor's, which stays up.
    pub fn watching() -> Configs {
        Configs {
            watch: true,
            ..Configs::new(None)
        }
    }

    /// Every configuration with only `select` on (when given) and `ignore`
    /// off: `--select` and `--ignore`.
    pub fn narrowed(mut self, select: Vec<RuleId>, ignore: Vec<RuleId>) -> Configs {
        if let Some(Ok(config)) = &mut self.explicit {
            *config = config.narrowed(&select, &ignore);
        }
        self.select = select;
        self.ignore = ignore;
        self
    }

    /// The configuration that applies to `path` (a file, or `-` for
    /// standard input, whose directory is the current one).
    pub fn for_path(&mut self, path: &Path) -> Result<&Config, String> {
        let dir = if path.as_os_str() == fsio::STDIN {
            Path::new(".")
        } else {
            path.parent().unwrap_or(Path::new("."))
        };
        self.for_dir(dir)
    }

    /// The configuration of the files in `dir`, or what is wrong with it.
    pub fn for_dir(&mut self, dir: &Path) -> Result<&Config, String> {
        if let Some(explicit) = &self.explicit {
            return explicit.as_ref().map_err(Clone::clone);
        }
        let stale = self.watch && self.stale(dir);
        if stale || !self.by_dir.contains_key(dir) {
            let found = file_of(dir);
            let config = match &found {
                Some((file, _)) => Config::load(file).map_err(|e| e.to_string()),
                None => Ok(Config::default()),
            };
            let config = config.map(|c| {
                if self.select.is_empty() && self.ignore.is_empty() {
                    c
                } else {
                    c.narrowed(&self.select, &self.ignore)
                }
            });
            self.by_dir.insert(dir.to_owned(), (found, config));
        }
        match self.by_dir.get(dir) {
            Some((_, config)) => config.as_ref().map_err(Clone::clone),
            None => Err(format!("{}: no configuration", dir.display())),
        }
    }

    /// The configuration last read for `dir` is no longer its file as it
    /// is on disk; one never read is not stale.
    pub fn stale(&self, dir: &Path) -> bool {
        self.by_dir
            .get(dir)
            .is_some_and(|(read, _)| *read != file_of(dir))
    }
}

/// A configuration file and its stamp when it was read.
type ConfigFile = (PathBuf, Stamp);

/// The configuration file that applies in `dir`, with its stamp now.
fn file_of(dir: &Path) -> Option<ConfigFile> {
    let file = Config::discover(dir)?;
    let stamp = Stamp::of(&file)?;
    Some((file, stamp))
}

/// The inputs of one run: their names and configurations.
pub struct Inputs {
    pub configs: Configs,
    /// `--stdin-filename`: what standard input is called, and where its
    /// configuration is looked for.
    stdin_name: Option<PathBuf>,
}

/// An input read, with what it is checked with.
pub struct Loaded {
    pub source: Source,
    pub config: Config,
    /// The file as it was before it was read.
    pub stamp: Option<Stamp>,
}

/// An input that could not be read, or whose configuration is broken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unread {
    /// Its name in reports.
    pub name: String,
    /// What is said on standard error.
    pub said: String,
    /// What its report says.
    pub reason: String,
}

impl Inputs {
    pub fn new(configs: Configs, stdin_name: Option<&Path>) -> Inputs {
        Inputs {
            configs,
            stdin_name: stdin_name.map(Path::to_owned),
        }
    }

    fn is_stdin(path: &Path) -> bool {
        path.as_os_str() == fsio::STDIN
    }

    /// How reports name `path`: as given, or standard input by
    /// `--stdin-filename` (else `<stdin>`).
    pub fn name(&self, path: &Path) -> String {
        match (Inputs::is_stdin(path), &self.stdin_name) {
            (true, Some(name)) => name.display().to_string(),
            (true, None) => "<stdin>".to_owned(),
            _ => path.display().to_string(),
        }
    }

    /// The configuration of `path`: looked for next to `--stdin-filename`
    /// for standard input.
    pub fn config(&mut self, path: &Path) -> Result<&Config, String> {
        match &self.stdin_name {
            Some(name) if Inputs::is_stdin(path) => self.configs.for_path(name),
            _ => self.configs.for_path(path),
        }
    }

    /// Reads `path`, giving standard input its name.
    pub fn read(&self, path: &Path) -> Result<Source, FileError> {
        let mut source = fsio::read_source(path)?;
        if Inputs::is_stdin(path) {
            source.name = self.name(path);
        }
        Ok(source)
    }

    /// `path` stamped, read, and given its configuration.
    pub fn load(&mut self, path: &Path) -> Result<Loaded, Unread> {
        let stamp = Stamp::of(path);
        let name = self.name(path);
        let unread = |said: String, reason: String| Unread {
            name: name.clone(),
            said,
            reason,
        };
        let source = self
            .read(path)
            .map_err(|e| unread(e.to_string(), e.message))?;
        let config = self.config(path).map_err(|e| unread(e.clone(), e))?.clone();
        Ok(Loaded {
            source,
            config,
            stamp,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_watched_config_is_read_again_when_it_changes() {
        let dir = tempfile::tempdir().unwrap();
        let mut configs = Configs::watching();
        assert_eq!(configs.for_dir(dir.path()).unwrap(), &Config::default());
        let file = dir.path().join(crate::config::FILE_NAME);
        std::fs::write(&file, "[rules]\nentry-order = \"off\"\n").unwrap();
        assert!(configs.stale(dir.path()));
        let on = configs.for_dir(dir.path()).unwrap();
        assert_eq!(on.severity(RuleId::EntryOrder), None);
        std::fs::write(&file, "[rules]\nentry-order = \"warn\"\nbogus = 1\n").unwrap();
        assert!(configs.for_dir(dir.path()).unwrap_err().contains("bogus"));
        // A run's configurations are read once: a file changed during it
        // does not change what the run checks with.
        let mut once = Configs::new(None);
        std::fs::write(&file, "[rules]\nentry-order = \"off\"\n").unwrap();
        assert!(once.for_dir(dir.path()).is_ok());
        std::fs::write(&file, "[rules]\nbogus = 1\n").unwrap();
        assert!(once.for_dir(dir.path()).is_ok());
    }

    #[test]
    fn standard_input_takes_its_name_and_config_from_stdin_filename() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join(crate::config::FILE_NAME),
            "[rules]\nentry-order = \"off\"\n",
        )
        .unwrap();
        let named = dir.path().join("README.md");
        let mut inputs = Inputs::new(Configs::new(None), Some(&named));
        let stdin = Path::new(fsio::STDIN);
        assert_eq!(inputs.name(stdin), named.display().to_string());
        assert_eq!(inputs.name(Path::new("a/b.md")), "a/b.md");
        let config = inputs.config(stdin).unwrap();
        assert_eq!(config.severity(RuleId::EntryOrder), None);
        let missing = dir.path().join("missing.md");
        let unread = inputs.load(&missing).err().unwrap();
        assert_eq!(unread.name, missing.display().to_string());
        assert!(unread.said.contains("missing.md"), "{}", unread.said);
        let nameless = Inputs::new(Configs::new(None), None);
        assert_eq!(nameless.name(stdin), "<stdin>");
    }
}
