//! `flinkscale.toml`: its schema, its defaults, finding it, and errors that
//! name the file, line and key (docs/format.md section 5).
//!
//! Every key is optional. The defaults are the habits of the lists this tool
//! was made for; `[tags]`, when given, replaces the default tag set.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::registry::{RuleId, Severity};

mod schema;

pub use schema::is_shortcode_char;

/// The name looked for in each directory from the linted file upward.
pub const FILE_NAME: &str = "flinkscale.toml";

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct Config {
    pub toc: TocConfig,
    pub sections: SectionsConfig,
    pub entries: EntriesConfig,
    pub tags: BTreeMap<String, TagConfig>,
    pub rules: BTreeMap<String, RuleLevel>,
    /// In a directory given as a path, the files to lint (file names or
    /// globs relative to the directory; default `README.md`).
    pub files: Vec<String>,
    /// In a directory given as a path, the files to leave out (globs
    /// relative to the directory, as `--exclude`).
    pub exclude: Vec<String>,
    pub links: LinksConfig,
}

/// `[links]`: what `flinkscale links` asks besides the links themselves.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct LinksConfig {
    /// The Wayback Machine's availability API, or one that answers the
    /// same JSON (`--archive-api` wins).
    pub archive_api: String,
}

/// The Wayback Machine's availability API.
pub const WAYBACK_API: &str = "https://archive.org/wayback/available";

impl Default for LinksConfig {
    fn default() -> Self {
        LinksConfig {
            archive_api: WAYBACK_API.to_owned(),
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct TocConfig {
    /// Text of the H2 that opens the table of contents.
    pub heading: String,
    pub style: TocStyle,
}

/// How TOC items are numbered.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum TocStyle {
    /// Keep whatever the file uses (`one` for a new TOC).
    Auto,
    /// `1.` on every line.
    One,
    /// `1.`, `2.`, `3.`
    Numbered,
    /// `-`
    Bullet,
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct SectionsConfig {
    pub order: SectionOrder,
    /// H2 names that are not company sections (`Contributing`, `License`).
    pub skip: Vec<String>,
    /// H2 names that are company sections although they are named like a
    /// trailer (a company called `Resources`).
    pub companies: Vec<String>,
    /// Whether a blank line follows each heading (`blank-lines`): read from
    /// the list by default; `none` is a list that writes its entries right
    /// under their headings.
    pub blank_line_after_heading: Presence,
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum SectionOrder {
    /// Read from the list (`model::profile`): alphabetical when two thirds
    /// of its neighbouring company sections are.
    Auto,
    Alphabetical,
    /// By the count in each heading (`## Acme (12)`), largest first, then
    /// alphabetically.
    ByCount,
    None,
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct EntriesConfig {
    pub order: EntryOrder,
    pub min_year: u16,
    /// Whether entries carry a year (`entry-year-missing`): read from the
    /// list by default (`model::profile`).
    pub year: Presence,
    /// Whether entries carry a tag (`entry-tag-missing`), likewise.
    pub tag: Presence,
    /// Where entries keep their year: read from the list by default.
    pub year_place: YearPlace,
}

/// Where an entry's year is written.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum YearPlace {
    /// Read from the list: where more of its entries keep one.
    Auto,
    /// In backticks after the link (`` - `2021` ``), possibly after other
    /// code spans (`` `Airbnb` `2016` ``).
    AfterLink,
    /// At the end of the link's text (`[Title, 2021]`, `[Title (2021)]`).
    InTitle,
    /// In a year subheading the entries stand under (`#### 2024`).
    UnderHeading,
}

/// Whether the list's entries carry a part (a year, a tag).
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum Presence {
    /// Read from the list: what a clear majority of its entries do.
    Auto,
    /// Every entry carries one; one without it is reported.
    Required,
    /// The list does not keep them; nothing is reported.
    None,
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum EntryOrder {
    /// Read from the list (`model::profile`): what two thirds of its
    /// neighbouring dated entries do.
    Auto,
    NewestFirst,
    OldestFirst,
    None,
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct TagConfig {
    /// The literal emoji accepted on input as this tag.
    #[serde(default)]
    pub emoji: Option<String>,
    /// What the tag means, shown in help.
    #[serde(default)]
    pub meaning: Option<String>,
    /// URL hosts whose entries should carry this tag (`tag-mismatch`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hosts: Vec<String>,
}

/// A severity set in `[rules]`.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum RuleLevel {
    Error,
    Warn,
    Off,
}

impl Default for TocConfig {
    fn default() -> Self {
        TocConfig {
            heading: "Table of Contents".into(),
            style: TocStyle::Auto,
        }
    }
}

impl Default for SectionsConfig {
    fn default() -> Self {
        SectionsConfig {
            order: SectionOrder::Auto,
            blank_line_after_heading: Presence::Auto,
            skip: Vec::new(),
            companies: Vec::new(),
        }
    }
}

impl Default for EntriesConfig {
    fn default() -> Self {
        EntriesConfig {
            order: EntryOrder::Auto,
            min_year: 1990,
            year: Presence::Auto,
            tag: Presence::Auto,
            year_place: YearPlace::Auto,
        }
    }
}

impl Default for Config {
    fn default() -> Self {
        let tag = |emoji: &str, meaning: &str, hosts: &[&str]| TagConfig {
            emoji: Some(emoji.into()),
            meaning: Some(meaning.into()),
            hosts: hosts.iter().map(|h| h.to_string()).collect(),
        };
        Config {
            toc: TocConfig::default(),
            sections: SectionsConfig::default(),
            entries: EntriesConfig::default(),
            tags: BTreeMap::from([
                ("books".into(), tag("📚", "blog post or article", &[])),
                (
                    "studio_microphone".into(),
                    tag(
                        "🎙️",
                        "talk or video",
                        &["youtube.com", "youtu.be", "vimeo.com"],
                    ),
                ),
            ]),
            rules: BTreeMap::new(),
            files: vec!["README.md".into()],
            exclude: Vec::new(),
            links: LinksConfig::default(),
        }
    }
}

/// A config file that could not be used: the message names file, line and key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub path: PathBuf,
    pub line: Option<usize>,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.path.display(), line, self.message),
            None => write!(f, "{}: {}", self.path.display(), self.message),
        }
    }
}

impl std::error::Error for ConfigError {}

impl Config {
    /// Parses the text of a config file; `path` is only used in errors.
    /// Every mistake is told with the line, the key, the value written and
    /// what is allowed ([`schema::check`]).
    pub fn parse(text: &str, path: &Path) -> Result<Config, ConfigError> {
        let line_of = |offset: usize| text[..offset.min(text.len())].matches('\n').count() + 1;
        if let Err(problem) = schema::check(text, crate::clock::current_year()) {
            return Err(ConfigError {
                path: path.to_owned(),
                line: problem.at.map(|r| line_of(r.start)),
                message: problem.message,
            });
        }
        // The schema check has caught what serde would refuse; this is the
        // backstop should the two ever disagree.
        toml::from_str(text).map_err(|e| ConfigError {
            path: path.to_owned(),
            line: e.span().map(|s| line_of(s.start)),
            message: e.message().trim().replace("field", "key"),
        })
    }

    /// Reads and parses a config file; given a directory, its
    /// `flinkscale.toml` (as `--config DIR` promises).
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        if path.is_dir() {
            let inside = path.join(FILE_NAME);
            if !inside.is_file() {
                return Err(ConfigError {
                    path: path.to_owned(),
                    line: None,
                    message: format!(
                        "is a directory with no {FILE_NAME} in it; give a config file or a directory holding one"
                    ),
                });
            }
            return Config::load(&inside);
        }
        let text = std::fs::read_to_string(path).map_err(|e| ConfigError {
            path: path.to_owned(),
            line: None,
            message: format!("cannot read config: {}", crate::fsio::describe_io_error(&e)),
        })?;
        Config::parse(&text, path)
    }

    /// The nearest `flinkscale.toml` in `dir` or one of its parents, named
    /// as `--config` would name it: relative to the working directory when
    /// it is under it (`docs/flinkscale.toml`, a path a terminal or an
    /// editor opens on a click), absolute otherwise.
    pub fn discover(dir: &Path) -> Option<PathBuf> {
        let start = if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        };
        let absolute = std::fs::canonicalize(start).ok()?;
        let found = absolute
            .ancestors()
            .map(|d| d.join(FILE_NAME))
            .find(|candidate| candidate.is_file())?;
        let cwd = std::env::current_dir().and_then(std::fs::canonicalize);
        match cwd.as_deref().map(|cwd| found.strip_prefix(cwd)) {
            Ok(Ok(relative)) => Some(relative.to_path_buf()),
            _ => Some(found),
        }
    }

    /// The config with only these rules on (`--select`), or with these
    /// off (`--ignore`): the rules' `[rules]` levels are kept otherwise.
    pub fn narrowed(&self, select: &[RuleId], ignore: &[RuleId]) -> Config {
        let mut config = self.clone();
        for rule in RuleId::ALL {
            let off = (!select.is_empty() && !select.contains(rule)) || ignore.contains(rule);
            if off {
                config
                    .rules
                    .insert(rule.as_str().to_owned(), RuleLevel::Off);
            }
        }
        config
    }

    /// The severity a rule runs at, or `None` when it is off.
    pub fn severity(&self, rule: RuleId) -> Option<Severity> {
        match self.rules.get(rule.as_str()).copied() {
            Some(RuleLevel::Off) => None,
            Some(RuleLevel::Error) => Some(Severity::Error),
            Some(RuleLevel::Warn) => Some(Severity::Warning),
            None => Some(rule.default_severity()),
        }
    }

    /// Whether an H2 with this text is configured as not a company section.
    pub fn is_skipped(&self, heading: &str) -> bool {
        names(&self.sections.skip, heading)
    }

    /// Whether an H2 with this text is configured as a company section
    /// although it is named like a trailer.
    pub fn is_company(&self, heading: &str) -> bool {
        names(&self.sections.companies, heading)
    }

    /// The configured tags for a message, each with its meaning:
    /// `` `:books:` (blog post or article), ... `` (`colons`: written as
    /// shortcodes, else as bare names).
    pub fn describe_tags(&self, colons: bool) -> String {
        let c = if colons { ":" } else { "" };
        self.tags
            .iter()
            .map(|(name, t)| match &t.meaning {
                Some(m) => format!("`{c}{name}{c}` ({m})"),
                None => format!("`{c}{name}{c}`"),
            })
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The tag whose emoji this is (variation selectors ignored).
    pub fn tag_for_emoji(&self, emoji: &str) -> Option<&str> {
        let wanted = strip_variation(emoji);
        self.tags.iter().find_map(|(name, tag)| {
            let e = tag.emoji.as_deref()?;
            (strip_variation(e) == wanted).then_some(name.as_str())
        })
    }

    /// The tags whose meaning holds one of `words` (compared in lower
    /// case, a plural `s` ignored): `video` names `studio_microphone`
    /// ("talk or video"), `Posts` names `books` ("blog post or article").
    pub fn tags_meaning<'w>(&self, words: impl IntoIterator<Item = &'w str> + Clone) -> Vec<&str> {
        let singular = |w: &str| {
            let w = w.to_lowercase();
            match w.strip_suffix('s') {
                Some(stem) if stem.len() > 2 => stem.to_owned(),
                _ => w,
            }
        };
        self.tags
            .iter()
            .filter(|(_, t)| {
                t.meaning.as_deref().is_some_and(|m| {
                    m.split(|c: char| !c.is_alphanumeric())
                        .filter(|w| w.len() > 2)
                        .any(|m| {
                            words
                                .clone()
                                .into_iter()
                                .any(|w| singular(w) == singular(m))
                        })
                })
            })
            .map(|(name, _)| name.as_str())
            .collect()
    }

    /// The tag that entries linking to `host` should carry, if any.
    pub fn tag_for_host(&self, host: &str) -> Option<&str> {
        self.host_tags().tag_for(host)
    }

    /// Every configured host with its tag, flat, for asking of many hosts
    /// ([`HostTags::tag_for`]) without walking the tag map for each.
    pub fn host_tags(&self) -> HostTags<'_> {
        HostTags(
            self.tags
                .iter()
                .flat_map(|(name, tag)| tag.hosts.iter().map(move |h| (h.as_str(), name.as_str())))
                .collect(),
        )
    }
}

/// [`Config::host_tags`]: (host, tag) in the tags' order.
pub struct HostTags<'c>(Vec<(&'c str, &'c str)>);

impl<'c> HostTags<'c> {
    /// The tag of the first tag whose hosts hold `host` (or a domain of it).
    pub fn tag_for(&self, host: &str) -> Option<&'c str> {
        self.0
            .iter()
            .find(|(configured, _)| host_matches(host, configured))
            .map(|&(_, tag)| tag)
    }
}

/// `host` is `configured` or a subdomain of it, ignoring ASCII case.
/// Compares bytes in place: this runs once per entry.
fn host_matches(host: &str, configured: &str) -> bool {
    let (host, configured) = (host.as_bytes(), configured.as_bytes());
    match host.len().checked_sub(configured.len()) {
        Some(0) => host.eq_ignore_ascii_case(configured),
        Some(dot) => host[dot - 1] == b'.' && host[dot..].eq_ignore_ascii_case(configured),
        None => false,
    }
}

fn strip_variation(s: &str) -> String {
    s.chars()
        .filter(|c| !matches!(c, '\u{fe0e}' | '\u{fe0f}'))
        .collect()
}

/// `heading` is one of `names`, ignoring ASCII case and surrounding space.
fn names(names: &[String], heading: &str) -> bool {
    names
        .iter()
        .any(|s| s.trim().eq_ignore_ascii_case(heading.trim()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_match_exactly_or_as_subdomains_ignoring_case() {
        assert!(host_matches("youtube.com", "youtube.com"));
        assert!(host_matches("WWW.YouTube.com", "youtube.com"));
        assert!(!host_matches("notyoutube.com", "youtube.com"));
        assert!(!host_matches("tube.com", "youtube.com"));
        assert!(!host_matches("é.youtube.co", "youtube.com"));
        let c = Config::default();
        assert_eq!(c.tag_for_host("m.youtube.com"), Some("studio_microphone"));
        assert_eq!(c.tag_for_host("vimeo.com.evil"), None);
    }

    fn parse(text: &str) -> Result<Config, ConfigError> {
        Config::parse(text, Path::new("flinkscale.toml"))
    }

    #[test]
    fn empty_file_gives_defaults() {
        assert_eq!(parse("").unwrap(), Config::default());
        assert_eq!(Config::default().entries.min_year, 1990);
        assert_eq!(
            Config::default().tag_for_emoji("🎙"),
            Some("studio_microphone")
        );
        assert_eq!(
            Config::default().tag_for_host("www.YouTube.com"),
            Some("studio_microphone")
        );
        assert_eq!(Config::default().tag_for_host("notyoutube.com"), None);
    }

    #[test]
    fn keys_are_read() {
        let c = parse(
            "[toc]\nheading = \"Contents\"\nstyle = \"bullet\"\n[sections]\nskip = [\"Contributing\"]\n\
             [entries]\norder = \"oldest-first\"\nmin-year = 2000\n[rules]\ntag-mismatch = \"off\"\n",
        )
        .unwrap();
        assert_eq!(c.toc.heading, "Contents");
        assert_eq!(c.toc.style, TocStyle::Bullet);
        assert!(c.is_skipped("contributing "));
        assert_eq!(c.entries.order, EntryOrder::OldestFirst);
        assert_eq!(c.entries.min_year, 2000);
        assert_eq!(c.severity(RuleId::TagMismatch), None);
        assert_eq!(c.severity(RuleId::TocOrder), Some(Severity::Error));
    }

    #[test]
    fn unknown_key_names_line_and_key() {
        let e = parse("[toc]\nheading = \"x\"\nstyel = \"one\"\n").unwrap_err();
        assert_eq!(e.line, Some(3));
        assert!(e.message.contains("unknown key `styel`"), "{}", e.message);
        assert!(e.to_string().starts_with("flinkscale.toml:3: "));
    }

    #[test]
    fn bad_value_names_line() {
        let e = parse("[entries]\n\norder = \"sideways\"\n").unwrap_err();
        assert_eq!(e.line, Some(3));
        assert!(e.message.contains("sideways"), "{}", e.message);
    }

    #[test]
    fn unknown_rule_suggests_closest() {
        let e = parse("[rules]\ntoc-ordr = \"warn\"\n").unwrap_err();
        assert_eq!(e.line, Some(2));
        assert!(
            e.message.contains("did you mean `toc-order`"),
            "{}",
            e.message
        );
    }

    #[test]
    fn tags_replace_the_defaults() {
        let c = parse("[tags]\npodcast = { emoji = \"🎧\" }\n").unwrap();
        assert_eq!(c.tags.keys().collect::<Vec<_>>(), ["podcast"]);
        assert_eq!(c.tag_for_emoji("🎧"), Some("podcast"));
        assert!(parse("[tags]\n\"Bad Name\" = {}\n").is_err());
    }
}
