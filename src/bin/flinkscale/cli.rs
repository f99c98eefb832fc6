//! The command line, defined once with clap: `--help` is generated from it.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "flinkscale",
    version = env!("FLINKSCALE_VERSION"),
    about = "Lint and format curated \"companies at scale\" README lists",
    long_about = "Lint and format curated \"companies at scale\" README lists: a Table of Contents, \
one `## Company` section per company, and entries `- [Title](URL) - `YYYY` - :tag:` sorted newest first.",
    max_term_width = 80,
    after_help = "With no PATH, every command reads ./README.md.\n\
Docs: the README and docs/ (commands.md, configuration.md, format.md, rules.md,\n\
links.md, editors.md) at https://github.com/flinkscale/flinkscale; \
`flinkscale rule ID` explains a rule."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

/// `--config`, on the commands that read a list's configuration.
#[derive(Debug, Args)]
pub struct ConfigArg {
    /// Use this config file instead of looking for flinkscale.toml.
    #[arg(long, value_name = "PATH")]
    pub config: Option<PathBuf>,
}

/// `--color`, on the commands that can print colour.
#[derive(Debug, Args)]
pub struct ColorArg {
    /// When to use colours (NO_COLOR is honoured with `auto`).
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    pub color: Color,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Report every problem in the lists (default: ./README.md).
    #[command(
        visible_alias = "check",
        after_help = "Examples:\n  \
flinkscale lint                          lint ./README.md\n  \
flinkscale lint --fix                    repair what fmt can, then report the rest\n  \
flinkscale lint --format sarif -o flinkscale.sarif\n  \
flinkscale lint --statistics docs/       count problems per rule"
    )]
    Lint(LintArgs),
    /// Rewrite lists in the canonical form (default: print ./README.md formatted).
    #[command(
        visible_alias = "format",
        after_help = "Examples:\n  \
flinkscale fmt --check                   exit 1 if ./README.md would change\n  \
flinkscale fmt --diff                    show what would change\n  \
flinkscale fmt --write                   rewrite ./README.md in place"
    )]
    Fmt(FmtArgs),
    /// List every rule with its default severity.
    #[command(after_help = "Examples:\n  \
flinkscale rules\n  \
flinkscale rules --format json\n  \
flinkscale rule entry-order              explain one rule")]
    Rules {
        /// Output format.
        #[arg(long, value_enum, default_value_t = RulesFormat::Text)]
        format: RulesFormat,
    },
    /// Explain one rule: what it checks, why, an example, whether fmt fixes it.
    #[command(after_help = "Example:\n  flinkscale rule entry-order")]
    Rule {
        /// The rule id, e.g. `anchor-broken` (`flinkscale rules` lists them).
        #[arg(value_parser = RuleIdParser)]
        id: Option<String>,
    },
    /// Check that every entry's link still works (needs the network).
    #[command(after_help = "Examples:\n  \
flinkscale links                         check every entry of ./README.md\n  \
flinkscale links --fix-redirects         rewrite moved URLs to where they went\n  \
flinkscale links --changed-since origin/main   only what a pull request adds\n\n\
More: docs/links.md")]
    Links(LinksArgs),
    /// Add one entry at its place (new companies get a section and a TOC item).
    #[command(
        override_usage = "flinkscale add [OPTIONS] --company <COMPANY> --title <TITLE>\n                      --url <URL> [--year <YEAR>] [--tag <TAG>] [PATH]\n       flinkscale add --fetch --company <COMPANY> --url <URL> [PATH]",
        after_help = "Examples:\n  \
flinkscale add --company Acme --title \"Streams at Acme\" \\\n      \
--url https://acme.example/streams --year 2024 --tag books\n  \
flinkscale add --fetch --company Acme --url https://acme.example/streams"
    )]
    Add(AddArgs),
    /// Print every entry as data (JSON or CSV).
    #[command(after_help = "Examples:\n  \
flinkscale export > entries.json\n  \
flinkscale export --format csv > entries.csv")]
    Export(ExportArgs),
    /// Entries per year and per tag, and the companies with the most entries.
    #[command(after_help = "Examples:\n  \
flinkscale stats\n  \
flinkscale stats --format json")]
    Stats(StatsArgs),
    /// Write the list as one web page for its readers: search, filters, a chart.
    #[command(after_help = "Examples:\n  \
flinkscale site                          write site/index.html from ./README.md\n  \
flinkscale site README.md --out public   write public/index.html\n\n\
Open site/index.html?q=kafka&year=2021-2024&kind=books for a filtered view.")]
    Site(SiteArgs),
    /// Write a commented flinkscale.toml that matches what the list does today.
    #[command(after_help = "Examples:\n  \
flinkscale init --dry-run                show what is read, write nothing\n  \
flinkscale init                          write ./flinkscale.toml")]
    Init(InitArgs),
    /// Serve an editor over stdio (Language Server Protocol): lint's diagnostics as you type,
    /// quick fixes, formatting, hover and completion.
    #[command(
        after_help = "Editors start it; you do not. Set-ups for Neovim, Helix, Zed and VS Code:\n\
docs/editors.md."
    )]
    Lsp,
    /// Print a shell completion script (e.g. `flinkscale completions bash`).
    #[command(after_help = "Example:\n  \
flinkscale completions bash > ~/.local/share/bash-completion/completions/flinkscale")]
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The list to read; flinkscale.toml is written next to it. Default: ./README.md.
    #[arg(
        value_name = "PATH",
        default_value = "README.md",
        hide_default_value = true
    )]
    pub path: PathBuf,

    /// Overwrite an existing flinkscale.toml.
    #[arg(long)]
    pub force: bool,

    /// Write nothing: print what was read, aspect by aspect, with the
    /// counts it rests on and what will be checked, then the config.
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
pub struct AddArgs {
    #[command(flatten)]
    pub config: ConfigArg,

    #[command(flatten)]
    pub color: ColorArg,

    /// The company, matched to an existing section ignoring case,
    /// punctuation, a legal suffix (Inc, Ltd) or one letter off.
    #[arg(long)]
    pub company: String,

    /// A company of its own, even when --company is close to one the list
    /// has.
    #[arg(long)]
    pub new_company: bool,

    /// The title of the post or talk. With --fetch, read from the page when
    /// left out.
    #[arg(long, required_unless_present = "fetch")]
    pub title: Option<String>,

    /// An absolute http(s) URL that is not in the list yet.
    #[arg(long)]
    pub url: String,

    /// The year it was published. Asked for on a terminal when left out.
    #[arg(long)]
    pub year: Option<u16>,

    /// `books`, `:books:`, `📚` or a word of its meaning (`article`, `talk`).
    /// Inferred for video hosts when left out, else asked for on a terminal.
    #[arg(long)]
    pub tag: Option<String>,

    /// Print the change as a diff and write nothing.
    #[arg(long)]
    pub dry_run: bool,

    /// Read the title, year and tag from the page at --url (og:title,
    /// <title>, oEmbed; article:published_time, JSON-LD, <time>); flags
    /// given win. Needs the `links` feature.
    #[arg(long)]
    pub fetch: bool,

    /// With --fetch: write what was found without asking.
    #[arg(long, short = 'y')]
    pub yes: bool,

    /// The list to add to; `-` reads standard input and writes standard output. Default: ./README.md.
    #[arg(
        value_name = "PATH",
        default_value = "README.md",
        hide_default_value = true
    )]
    pub path: PathBuf,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    #[command(flatten)]
    pub config: ConfigArg,

    /// The list to export; `-` reads standard input. Default: ./README.md.
    #[arg(
        value_name = "PATH",
        default_value = "README.md",
        hide_default_value = true
    )]
    pub path: PathBuf,

    /// Output format.
    #[arg(long, value_enum, default_value_t = DataFormat::Json)]
    pub format: DataFormat,
}

#[derive(Debug, Args)]
pub struct StatsArgs {
    #[command(flatten)]
    pub config: ConfigArg,

    /// The list to count; `-` reads standard input. Default: ./README.md.
    #[arg(
        value_name = "PATH",
        default_value = "README.md",
        hide_default_value = true
    )]
    pub path: PathBuf,

    /// Output format.
    #[arg(long, value_enum, default_value_t = StatsFormat::Text)]
    pub format: StatsFormat,

    /// Also write the entries-per-year chart as an SVG file, for the README.
    #[arg(long, value_name = "FILE")]
    pub svg: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct SiteArgs {
    #[command(flatten)]
    pub config: ConfigArg,

    /// The list; `-` reads standard input. Default: ./README.md.
    #[arg(
        value_name = "PATH",
        default_value = "README.md",
        hide_default_value = true
    )]
    pub path: PathBuf,

    /// The directory the page is written to, as index.html.
    #[arg(long, value_name = "DIR", default_value = "site")]
    pub out: PathBuf,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DataFormat {
    /// An array of objects: company, title, url, year, tag, tag_meaning, line.
    Json,
    /// A header row, then one row per entry.
    Csv,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RulesFormat {
    /// A table: id, default severity, whether fmt fixes it, summary.
    Text,
    /// An array of {id, severity, fix, summary}.
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatsFormat {
    /// Bar charts, 80 columns wide.
    Text,
    /// The numbers, for scripts.
    Json,
}

#[derive(Debug, Args)]
pub struct LintArgs {
    #[command(flatten)]
    pub config: ConfigArg,

    #[command(flatten)]
    pub color: ColorArg,

    /// Files, directories or globs to lint; `-` reads standard input.
    /// Default: ./README.md. In a directory: the files `files` names.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,

    /// Exit with 1 when there are warnings, too.
    #[arg(long)]
    pub deny_warnings: bool,

    /// Exit with 0 even when problems are found (2 still means a file
    /// could not be checked).
    #[arg(long, conflicts_with = "deny_warnings")]
    pub exit_zero: bool,

    /// Write the report to this file instead of standard output.
    #[arg(short, long, value_name = "PATH")]
    pub output_file: Option<PathBuf>,

    /// Repair what can be repaired first (as `fmt --write`), then report
    /// what is left.
    #[arg(long)]
    pub fix: bool,

    /// With --fix, also make the repairs a rule is not sure of (the
    /// closest of several headings for a broken anchor); the editor offers
    /// them one by one.
    #[arg(long, requires = "fix")]
    pub unsafe_fixes: bool,

    /// Check only these rules (ids, comma-separated or repeated).
    #[arg(long, value_delimiter = ',', value_name = "RULE")]
    pub select: Vec<String>,

    /// Do not check these rules (ids, comma-separated or repeated).
    #[arg(long, value_delimiter = ',', value_name = "RULE")]
    pub ignore: Vec<String>,

    /// Print how many problems each rule found, not the problems.
    #[arg(long)]
    pub statistics: bool,

    /// Print the problems only: no summary line.
    #[arg(short, long)]
    pub quiet: bool,

    #[command(flatten)]
    pub input: InputArgs,
}

#[derive(Debug, Args)]
pub struct LinksArgs {
    #[command(flatten)]
    pub config: ConfigArg,

    #[command(flatten)]
    pub color: ColorArg,

    /// Files, directories or globs to check. Default: ./README.md.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,

    /// Check every other http(s) link and image too, not only entries'.
    #[arg(long)]
    pub all: bool,

    /// Rewrite permanently redirected URLs to where they moved (only the
    /// URLs change), then report what is left.
    #[arg(long)]
    pub fix_redirects: bool,

    /// Rewrite each dead entry's URL to its archived copy, when the archive
    /// has one that answers (only those URLs change), then report what is
    /// left.
    #[arg(long)]
    pub fix_dead: bool,

    /// The Wayback Machine's availability API, or one answering the same
    /// JSON, asked for dead entries' archived copies (default: the
    /// config's `links.archive-api`, else https://archive.org/wayback/available).
    #[arg(long, value_name = "URL", env = "FLINKSCALE_ARCHIVE_API")]
    pub archive_api: Option<String>,

    /// Do not look up archived copies of dead entries.
    #[arg(long)]
    pub no_archive: bool,

    /// Check only the entries added or changed since this git revision
    /// (the diff of each list against it; a list new since then is checked
    /// whole): for pull requests.
    #[arg(long, value_name = "REF")]
    pub changed_since: Option<String>,

    /// Exit with 1 when there are warnings, too.
    #[arg(long)]
    pub deny_warnings: bool,

    /// Trust what an earlier run found for this long (`1d`, `12h`, `0s`).
    #[arg(long, value_name = "AGE", default_value = "1d", value_parser = parse_age)]
    pub max_cache_age: std::time::Duration,

    /// A link that fails in a way that may pass (refused, no such host, a
    /// server error, a timeout) is dead once it has failed on this many
    /// runs...
    #[arg(long, value_name = "N", default_value_t = 2)]
    pub dead_after_runs: u32,

    /// ...the first at least this long before (`24h`, `2d`, `0s`); until
    /// then it is a warning that says since when it fails.
    #[arg(long, value_name = "AGE", default_value = "24h", value_parser = parse_age)]
    pub dead_after: std::time::Duration,

    /// Neither read nor write the cache file.
    #[arg(long)]
    pub no_cache: bool,

    /// Seconds to wait for one answer.
    #[arg(long, value_name = "SECONDS", default_value_t = 20)]
    pub timeout: u64,

    /// Times to retry a link that timed out, got a server error or 429 Too
    /// Many Requests.
    #[arg(long, value_name = "N", default_value_t = 2)]
    pub max_retries: u64,

    /// Seconds before the first retry (doubled for each next one).
    #[arg(long, value_name = "SECONDS", default_value_t = 1)]
    pub retry_wait: u64,

    /// The longest `Retry-After` to wait for; a host that asks for longer
    /// gets its links reported unchecked at once, with when to retry.
    #[arg(long, value_name = "SECONDS", default_value_t = 10)]
    pub max_retry_wait: u64,

    /// Requests in flight at once.
    #[arg(long, value_name = "N", default_value_t = 32)]
    pub concurrency: usize,

    /// Requests in flight at once to one host.
    #[arg(long, value_name = "N", default_value_t = 4)]
    pub host_concurrency: usize,

    /// Print the problems only: no summary line.
    #[arg(short, long)]
    pub quiet: bool,

    #[command(flatten)]
    pub input: InputArgs,
}

fn parse_age(text: &str) -> Result<std::time::Duration, String> {
    flinkscale::links::cache::parse_age(text)
}

/// How paths are read: standard input's name, and what walks leave out.
#[derive(Debug, Args)]
pub struct InputArgs {
    /// The path standard input stands for: its name in reports, and where
    /// flinkscale.toml is looked for. With no PATH, standard input is read.
    #[arg(long, value_name = "PATH")]
    pub stdin_filename: Option<PathBuf>,

    /// Leave out files that match this glob when walking a directory or a
    /// glob (repeatable).
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,
}

#[derive(Debug, Args)]
pub struct FmtArgs {
    #[command(flatten)]
    pub config: ConfigArg,

    #[command(flatten)]
    pub color: ColorArg,

    /// Files, directories or globs to format; `-` reads standard input and
    /// writes standard output. Default: ./README.md.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Rewrite the files in place.
    #[arg(long)]
    pub write: bool,

    /// Only report which files would change; exit 1 if any would.
    #[arg(long, conflicts_with = "write")]
    pub check: bool,

    /// Show a unified diff of the changes; exit 1 if there are any.
    #[arg(long)]
    pub diff: bool,

    /// Print nothing but what was asked for: no summary line.
    #[arg(short, long)]
    pub quiet: bool,

    #[command(flatten)]
    pub input: InputArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Graphical reports with the source line (for people).
    Human,
    /// `path:line:col: severity[rule] message`, one per line.
    Short,
    /// The JSON document described in the docs.
    Json,
    /// GitHub Actions workflow commands: annotations on the pull request.
    Github,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    Sarif,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Color {
    Auto,
    Always,
    Never,
}

/// Accepts any text (an unknown id gets flinkscale's own "did you mean"),
/// and offers the rule ids to shell completions.
#[derive(Clone)]
struct RuleIdParser;

impl clap::builder::TypedValueParser for RuleIdParser {
    type Value = String;

    fn parse_ref(
        &self,
        _cmd: &clap::Command,
        _arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<String, clap::Error> {
        Ok(value.to_string_lossy().into_owned())
    }

    fn possible_values(
        &self,
    ) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        Some(Box::new(
            flinkscale::registry::RuleId::ALL
                .iter()
                .map(|r| clap::builder::PossibleValue::new(r.as_str())),
        ))
    }
}
