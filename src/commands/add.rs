//! `flinkscale add`: one new entry at its place, written atomically. What
//! it cannot infer (the year, a tag for a host that is no video host) it
//! asks for when it runs on a terminal, and refuses without otherwise.

use std::io::{BufRead, IsTerminal, Write};
use std::path::Path;

use super::common::{diff, error, load, print, use_color, ExitStatus};
use crate::add::{self, Request};
use crate::cli::{AddArgs, Color};
use crate::{clock, fsio};

pub fn run(config: Option<&Path>, color: Color, args: &AddArgs) -> ExitStatus {
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
    let year = match (args.year, &mut prompt) {
        (Some(year), _) => year,
        (None, Some(p)) => match p.year(clock::current_year()) {
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
    let inferred = crate::model::url::host(&args.url).and_then(|h| config.tag_for_host(h));
    let tag = match (&args.tag, inferred, &mut prompt) {
        (Some(tag), _, _) => Some(tag.clone()),
        (None, None, Some(p)) => match p.tag(&config) {
            Some(tag) => Some(tag),
            None => return ExitStatus::Error,
        },
        _ => None,
    };
    let request = Request {
        company: args.company.clone(),
        title: args.title.clone(),
        url: args.url.clone(),
        year,
        tag,
    };
    let added = match add::add(&doc, &config, &request, clock::current_year()) {
        Ok(added) => added,
        Err(refused) => {
            error(format!("{}: {refused}", doc.source.name));
            return ExitStatus::Error;
        }
    };
    let name = &doc.source.name;
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
        let bytes = doc.source.restore(&added.text);
        if let Err(e) = fsio::write_atomic_unchanged(&args.path, bytes.as_bytes(), stamp.as_ref()) {
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

    fn year(&mut self, current_year: u16) -> Option<u16> {
        self.ask("Year it was published (YYYY):", |a| {
            match a.parse::<u16>() {
                Ok(y) if (1000..=current_year).contains(&y) => Ok(y),
                _ => Err(format!("a year is four digits, up to {current_year}")),
            }
        })
    }

    fn tag(&mut self, config: &crate::config::Config) -> Option<String> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

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
