//! `flinkscale add`: one new entry at its place, written atomically. What
//! it cannot infer (the year, a tag for a host that is no video host) it
//! asks for when it runs on a terminal, and refuses without otherwise.

use std::io::{BufRead, IsTerminal, Write};
use std::path::Path;

use super::common::{diff, error, load, print, use_color, ExitStatus};
use crate::cli::{AddArgs, Color};
use flinkscale::add::{self, Request};
use flinkscale::links::Fetched;
use flinkscale::{clock, fsio};

pub fn run(config: Option<&Path>, color: Color, args: &AddArgs) -> ExitStatus {
    if args.fetch && !cfg!(feature = "links") {
        error(super::links::NO_NETWORK);
        return ExitStatus::Error;
    }
    // Taken before reading: a file changed after this is not overwritten.
    let stamp = fsio::Stamp::of(&args.path);
    let Some((doc, config)) = load(config, &args.path) else {
        return ExitStatus::Error;
    };
    // Answers come from standard input, so not when the list does.
    let terminal = std::io::stdin().is_terminal() && args.path.as_os_str() != fsio::STDIN;
    let stdin = std::io::stdin();
    let mut prompt = terminal.then(|| Prompt {
        input: stdin.lock(),
        output: std::io::stderr(),
    });
    let current_year = clock::current_year();
    if args.fetch && !flinkscale::model::url::is_absolute_http(&args.url) {
        error(format!(
            "--url `{}` is not an absolute http(s) URL; nothing was fetched or written",
            args.url
        ));
        return ExitStatus::Error;
    }
    let proposal = if args.fetch {
        let proposal = Proposal::new(args, &config, fetch(&args.url, current_year));
        eprint!("{}", proposal.describe(&args.url));
        Some(proposal)
    } else {
        None
    };
    let fetched = proposal.as_ref();
    let title = fetched.map_or(args.title.clone(), |p| p.title.clone().map(|t| t.0));
    let title = match (title, &mut prompt) {
        (Some(title), _) => title,
        (None, Some(p)) => match p.title() {
            Some(title) => title,
            None => return ExitStatus::Error,
        },
        (None, None) => {
            error(format!(
                "{}: --title is needed: nothing was found at {}",
                doc.source.name, args.url
            ));
            return ExitStatus::Error;
        }
    };
    let year = match (
        fetched.map_or(args.year, |p| p.year.map(|y| y.0)),
        &mut prompt,
    ) {
        (Some(year), _) => year,
        (None, Some(p)) => match p.year(current_year) {
            Some(year) => year,
            None => return ExitStatus::Error,
        },
        (None, None) => {
            error(format!(
                "{}: --year is needed: the year it was published",
                doc.source.name
            ));
            return ExitStatus::Error;
        }
    };
    let inferred = flinkscale::model::url::host(&args.url).and_then(|h| config.tag_for_host(h));
    let proposed_tag = fetched.and_then(|p| p.tag.clone()).map(|(t, _)| t);
    let tag = match (proposed_tag.or(args.tag.clone()), inferred, &mut prompt) {
        (Some(tag), _, _) => Some(tag),
        (None, None, Some(p)) => match p.tag(&config) {
            Some(tag) => Some(tag),
            None => return ExitStatus::Error,
        },
        _ => None,
    };
    if args.fetch && !args.yes && !args.dry_run {
        let accepted = match &mut prompt {
            Some(p) => p.confirm(&format!("Add it to {}? [Y/n]", doc.source.name)),
            None => {
                error(format!(
                    "{}: not written: pass --yes to add what was found, or --dry-run to see the change",
                    doc.source.name
                ));
                return ExitStatus::Error;
            }
        };
        if !accepted {
            eprintln!("nothing was written");
            return ExitStatus::Failure;
        }
    }
    let request = Request {
        company: args.company.clone(),
        title,
        url: args.url.clone(),
        year,
        tag,
        new_company: args.new_company,
    };
    let added = match add::add(&doc, &config, &request, clock::current_year()) {
        Ok(added) => added,
        Err(refused) => {
            error(format!("{}: {refused}", doc.source.name));
            return ExitStatus::Error;
        }
    };
    let name = &doc.source.name;
    if let Some(existing) = &added.taken_as {
        eprintln!(
            "note: --company `{}` taken as `{existing}`, the list's company of that name; \
             pass --new-company to add `{}` as a company of its own",
            args.company, args.company
        );
    }
    if let Some(host) = &added.inferred_from {
        let meaning = config.tags[&added.tag].meaning.as_deref().unwrap_or("");
        eprintln!(
            "note: tagged :{}: ({meaning}) because {host} is a video host; pass --tag to choose another",
            added.tag
        );
    }
    let stdin = args.path.as_os_str() == fsio::STDIN;
    if args.dry_run {
        print(&diff(name, doc.text(), &added.text, use_color(color)));
    } else if stdin {
        print(&doc.source.restore(&added.text));
    } else {
        let encoding = doc.source.encoding;
        if let Err(e) = fsio::commit(&args.path, &encoding, &added.text, stamp.as_ref()) {
            error(e);
            return ExitStatus::Error;
        }
    }
    eprintln!(
        "{} {name}:{} under `{}`{}",
        if args.dry_run {
            "would add to"
        } else {
            "added to"
        },
        added.line,
        added.section,
        if added.new_section {
            " (new section and TOC item)"
        } else {
            ""
        }
    );
    ExitStatus::Success
}

/// Questions on a terminal: asked on `output`, answered on `input`, each
/// asked again (three times at most) while the answer will not do.
struct Prompt<R, W> {
    input: R,
    output: W,
}

impl<R: BufRead, W: Write> Prompt<R, W> {
    fn ask<T>(&mut self, question: &str, check: impl Fn(&str) -> Result<T, String>) -> Option<T> {
        for _ in 0..3 {
            let _ = write!(self.output, "{question} ");
            let _ = self.output.flush();
            let mut line = String::new();
            if self.input.read_line(&mut line).ok()? == 0 {
                let _ = writeln!(self.output);
                return None;
            }
            match check(line.trim()) {
                Ok(answer) => return Some(answer),
                Err(why) => {
                    let _ = writeln!(self.output, "{why}");
                }
            }
        }
        None
    }

    fn title(&mut self) -> Option<String> {
        self.ask("Title:", |a| {
            if a.is_empty() {
                Err("the title of the post or talk, as it is published".to_owned())
            } else {
                Ok(a.to_owned())
            }
        })
    }

    /// Yes unless the answer is no (an empty answer is yes; no answer at
    /// all is no).
    fn confirm(&mut self, question: &str) -> bool {
        self.ask(question, |a| match a.to_ascii_lowercase().as_str() {
            "" | "y" | "yes" => Ok(true),
            "n" | "no" => Ok(false),
            _ => Err("yes or no".to_owned()),
        })
        .unwrap_or(false)
    }

    fn year(&mut self, current_year: u16) -> Option<u16> {
        self.ask("Year it was published (YYYY):", |a| {
            match a.parse::<u16>() {
                Ok(y) if (1000..=current_year).contains(&y) => Ok(y),
                _ => Err(format!("a year is four digits, up to {current_year}")),
            }
        })
    }

    fn tag(&mut self, config: &flinkscale::config::Config) -> Option<String> {
        let choices: Vec<String> = config
            .tags
            .iter()
            .map(|(name, t)| match &t.meaning {
                Some(m) => format!("{name} = {m}"),
                None => name.clone(),
            })
            .collect();
        self.ask(&format!("Tag ({}):", choices.join(", ")), |a| {
            add::resolve_tag(config, a).map_err(|refused| refused.to_string())
        })
    }
}

/// What `--fetch` proposes: each field with where it came from; the
/// user's flags win over the page.
struct Proposal {
    title: Option<(String, &'static str)>,
    year: Option<(u16, &'static str)>,
    tag: Option<(String, &'static str)>,
    /// Why nothing could be fetched, if so.
    failure: Option<String>,
}

impl Proposal {
    fn new(
        args: &AddArgs,
        config: &flinkscale::config::Config,
        fetched: Result<Fetched, String>,
    ) -> Self {
        let (fetched, failure) = match fetched {
            Ok(f) => (f, None),
            Err(e) => (Fetched::default(), Some(e)),
        };
        let title = args
            .title
            .clone()
            .map(|t| (t, "--title"))
            .or(fetched.title.map(|f| (f.value, f.source)));
        let year = args
            .year
            .map(|y| (y, "--year"))
            .or(fetched.year.map(|f| (f.value, f.source)));
        let host = flinkscale::model::url::host(&args.url);
        let tag = match (&args.tag, host.and_then(|h| config.tag_for_host(h))) {
            // Shown as the file will get it (`talk` and `🎙️` are
            // `:studio_microphone:`); one that is no tag is refused later.
            (Some(tag), _) => Some((
                add::resolve_tag(config, tag).unwrap_or_else(|_| tag.clone()),
                "--tag",
            )),
            (None, Some(tag)) => Some((tag.to_owned(), "a video host")),
            (None, None) if failure.is_none() => {
                // A page that says it is a video gets the video hosts' tag;
                // any other page the first tag that is for no host.
                let video = fetched.video;
                config
                    .tags
                    .iter()
                    .find(|(_, t)| t.hosts.is_empty() != video)
                    .map(|(name, _)| {
                        let why = if video {
                            "og:type video"
                        } else {
                            "not a video host"
                        };
                        (name.clone(), why)
                    })
            }
            (None, None) => None,
        };
        Proposal {
            title,
            year,
            tag,
            failure,
        }
    }

    /// What was found and where, for standard error.
    fn describe(&self, url: &str) -> String {
        let mut out = String::new();
        if let Some(why) = &self.failure {
            out.push_str(&format!("note: {why}; asking for what is missing\n"));
            // Nothing came back: no table of three "(not found)".
            if self.title.is_none() && self.year.is_none() && self.tag.is_none() {
                return out;
            }
        }
        out.push_str(&format!("found at {url}:\n"));
        let row = |name: &str, value: Option<String>, source: Option<&str>| match (value, source) {
            (Some(v), Some(s)) => format!("  {name:5}  {v}  ({s})\n"),
            _ => format!("  {name:5}  (not found)\n"),
        };
        out.push_str(&row(
            "title",
            self.title.as_ref().map(|t| t.0.clone()),
            self.title.as_ref().map(|t| t.1),
        ));
        out.push_str(&row(
            "year",
            self.year.map(|y| y.0.to_string()),
            self.year.map(|y| y.1),
        ));
        out.push_str(&row(
            "tag",
            self.tag.as_ref().map(|t| format!(":{}:", t.0)),
            self.tag.as_ref().map(|t| t.1),
        ));
        out
    }
}

/// The page's facts, or why they could not be had.
#[cfg(feature = "links")]
fn fetch(url: &str, current_year: u16) -> Result<Fetched, String> {
    flinkscale::links::fetch::fetch(url, current_year, std::time::Duration::from_secs(10))
}

#[cfg(not(feature = "links"))]
fn fetch(_: &str, _: u16) -> Result<Fetched, String> {
    Err(super::links::NO_NETWORK.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use flinkscale::config::Config;

    fn prompt(answers: &str) -> Prompt<std::io::Cursor<Vec<u8>>, Vec<u8>> {
        Prompt {
            input: std::io::Cursor::new(answers.as_bytes().to_vec()),
            output: Vec::new(),
        }
    }

    #[test]
    fn a_year_is_asked_until_it_is_one() {
        let mut p = prompt("next year\n2099\n2021\n");
        assert_eq!(p.year(2026), Some(2021));
        let said = String::from_utf8(p.output).unwrap();
        assert_eq!(said.matches("Year it was published (YYYY):").count(), 3);
        assert!(said.contains("a year is four digits, up to 2026"), "{said}");
        assert_eq!(prompt("").year(2026), None, "no answer at all");
    }

    #[test]
    fn fetched_entries_are_confirmed_with_enter_or_yes_and_refused_with_no() {
        assert!(prompt("\n").confirm("Add it?"), "Enter is yes");
        assert!(prompt("yes\n").confirm("Add it?"));
        assert!(!prompt("n\n").confirm("Add it?"));
        let mut p = prompt("maybe\nno\n");
        assert!(!p.confirm("Add it?"));
        assert!(String::from_utf8(p.output).unwrap().contains("yes or no"));
        assert!(!prompt("").confirm("Add it?"), "no answer at all is no");
        assert_eq!(prompt("\n  A title \n").title().as_deref(), Some("A title"));
    }

    #[test]
    fn a_tag_is_asked_by_name_emoji_or_meaning() {
        let config = Config::default();
        assert_eq!(
            prompt("talk\n").tag(&config).as_deref(),
            Some("studio_microphone")
        );
        let mut p = prompt("podcast\nbooks\n");
        assert_eq!(p.tag(&config).as_deref(), Some("books"));
        let said = String::from_utf8(p.output).unwrap();
        assert!(said.contains("unknown tag `podcast`"), "{said}");
        assert!(
            said.starts_with(
                "Tag (books = blog post or article, studio_microphone = talk or video):"
            ),
            "{said}"
        );
    }
}
