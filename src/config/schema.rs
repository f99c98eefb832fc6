//! Checks a `flinkscale.toml` against what the keys may hold, before serde
//! reads it, so that every mistake is told in plain words: the file's line,
//! the key, the value written and what is allowed (typos' and ruff's config
//! errors are the model), instead of serde's `expected u16`.

use std::ops::Range;

use toml_edit::{ImDocument, Item, TableLike};

use crate::registry::{closest_id, RuleId};

/// Characters allowed in a `:shortcode:` name.
pub fn is_shortcode_char(c: char) -> bool {
    c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '_' | '+' | '-')
}

/// A mistake: the byte range it is at, and what to say.
pub struct Problem {
    pub at: Option<Range<usize>>,
    pub message: String,
}

fn problem<T>(at: Option<Range<usize>>, message: impl Into<String>) -> Result<T, Problem> {
    Err(Problem {
        at,
        message: message.into(),
    })
}

/// A value as the user wrote it, for messages (`"loud"`, `3`).
fn written(item: &Item) -> String {
    match item {
        Item::Value(v) => v.to_string().trim().to_owned(),
        Item::Table(_) => "a table".to_owned(),
        Item::ArrayOfTables(_) => "an array of tables".to_owned(),
        Item::None => "nothing".to_owned(),
    }
}

/// `"a", "b" or "c"`
fn one_of(allowed: &[&str]) -> String {
    let quoted: Vec<String> = allowed.iter().map(|a| format!("\"{a}\"")).collect();
    match quoted.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        None => String::new(),
    }
}

/// "the keys are `files` and the tables [toc], ... and [links]", from
/// [`SECTIONS`]: what an unknown top-level key is told.
fn the_keys() -> String {
    let (keys, tables): (Vec<&str>, Vec<&str>) = SECTIONS
        .iter()
        .partition(|k| matches!(**k, "files" | "exclude"));
    let keys: Vec<String> = keys.iter().map(|k| format!("`{k}`")).collect();
    let tables: Vec<String> = tables.iter().map(|t| format!("[{t}]")).collect();
    let list = |items: &[String]| match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    };
    format!(
        "the keys are {}, and the tables {}",
        list(&keys),
        list(&tables)
    )
}

/// The closest of `names` to a misspelt one, as " (did you mean `x`?)".
fn did_you_mean(name: &str, names: &[&str]) -> String {
    names
        .iter()
        .map(|n| (strsim::levenshtein(name, n), *n))
        .filter(|(d, _)| *d <= 3)
        .min()
        .map(|(_, n)| format!(" (did you mean `{n}`?)"))
        .unwrap_or_default()
}

struct Check<'d> {
    /// Where the key of the item being checked is.
    at: Option<Range<usize>>,
    /// `entries.min-year`
    path: String,
    item: &'d Item,
}

impl Check<'_> {
    fn fail<T>(&self, what: impl std::fmt::Display) -> Result<T, Problem> {
        problem(
            self.item.span().or_else(|| self.at.clone()),
            format!("`{} = {}`: {what}", self.path, written(self.item)),
        )
    }

    fn string(&self) -> Result<&str, Problem> {
        match self.item.as_str() {
            Some(s) => Ok(s),
            None => self.fail("the value must be a string in quotes"),
        }
    }

    fn choice(&self, allowed: &[&str]) -> Result<(), Problem> {
        let value = self
            .string()
            .or_else(|_| self.fail(format!("the value must be {}", one_of(allowed))))?;
        if allowed.contains(&value) {
            return Ok(());
        }
        self.fail(format!("the value must be {}", one_of(allowed)))
    }

    /// A list of strings.
    fn strings(&self) -> Result<(), Problem> {
        let Some(array) = self.item.as_array() else {
            return self.fail("the value must be a list of strings, like [\"a\", \"b\"]");
        };
        match array.iter().find(|v| v.as_str().is_none()) {
            Some(v) => problem(
                v.span().or_else(|| self.at.clone()),
                format!(
                    "`{}`: `{}` is not a string; write each item in quotes",
                    self.path,
                    v.to_string().trim()
                ),
            ),
            None => Ok(()),
        }
    }
}

/// Every (key, item) of a table, with where the key is.
fn entries<'d>(table: &'d dyn TableLike, prefix: &str) -> Vec<Check<'d>> {
    table
        .iter()
        .filter_map(|(key, item)| {
            let (k, _) = table.get_key_value(key)?;
            Some(Check {
                at: k.span(),
                path: if prefix.is_empty() {
                    key.to_owned()
                } else {
                    format!("{prefix}.{key}")
                },
                item,
            })
        })
        .collect()
}

fn key_name(c: &Check) -> String {
    c.path.rsplit('.').next().unwrap_or_default().to_owned()
}

/// A table's keys, each checked by `each`; an unknown key is named.
fn table<'d>(
    c: &Check<'d>,
    known: &[&str],
    mut each: impl FnMut(&str, &Check<'d>) -> Result<(), Problem>,
) -> Result<(), Problem> {
    let Some(t) = c.item.as_table_like() else {
        return problem(
            c.at.clone(),
            format!(
                "`{} = {}`: `{}` must be a table of settings, like `[{}]` with `key = value` lines under it",
                c.path,
                written(c.item),
                c.path,
                c.path
            ),
        );
    };
    for entry in entries(t, &c.path) {
        let name = key_name(&entry);
        if !known.is_empty() && !known.contains(&name.as_str()) {
            return problem(
                entry.at.clone(),
                format!(
                    "unknown key `{name}` in [{}]{}; the keys there are {}",
                    c.path,
                    did_you_mean(&name, known),
                    known
                        .iter()
                        .map(|k| format!("`{k}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            );
        }
        each(&name, &entry)?;
    }
    Ok(())
}

const SECTIONS: [&str; 8] = [
    "files", "exclude", "toc", "sections", "entries", "tags", "rules", "links",
];

/// Checks the whole file; `current_year` bounds `entries.min-year`.
pub fn check(text: &str, current_year: u16) -> Result<(), Problem> {
    let doc = match ImDocument::parse(text) {
        Ok(doc) => doc,
        Err(e) => {
            return problem(
                e.span(),
                format!(
                    "not valid TOML: {}",
                    e.message().trim().trim_end_matches('.').replace('\n', "; ")
                ),
            )
        }
    };
    let root = doc.as_table();
    for c in entries(root, "") {
        let name = key_name(&c);
        match name.as_str() {
            "files" | "exclude" => c.strings()?,
            "links" => table(&c, &["archive-api"], |_, v| {
                let url = v.string()?;
                if !(url.starts_with("https://") || url.starts_with("http://")) {
                    return v.fail("the archive API must be an http(s) URL, such as \"https://archive.org/wayback/available\"");
                }
                Ok(())
            })?,
            "toc" => table(&c, &["heading", "style"], |key, v| match key {
                "heading" => {
                    if v.string()?.trim().is_empty() {
                        return v.fail("the heading must not be empty");
                    }
                    Ok(())
                }
                _ => v.choice(&["auto", "one", "numbered", "bullet"]),
            })?,
            "sections" => table(
                &c,
                &["order", "skip", "companies", "blank-line-after-heading"],
                |key, v| match key {
                    "order" => v.choice(&["auto", "alphabetical", "by-count", "none"]),
                    "blank-line-after-heading" => v.choice(&["auto", "required", "none"]),
                    _ => v.strings(),
                },
            )?,
            "entries" => table(
                &c,
                &["order", "min-year", "year", "tag", "year-place"],
                |key, v| match key {
                    "order" => v.choice(&["auto", "newest-first", "oldest-first", "none"]),
                    "year-place" => v.choice(&["auto", "after-link", "in-title", "under-heading"]),
                    "year" | "tag" => v.choice(&["auto", "required", "none"]),
                    _ => {
                        let year = v.item.as_integer();
                        match year {
                        Some(y) if (1000..=i64::from(current_year)).contains(&y) => Ok(()),
                        Some(y) if y > i64::from(current_year) => v.fail(format!(
                            "the oldest year allowed cannot be after this year ({current_year}): every entry's year would be invalid"
                        )),
                        _ => v.fail(format!(
                            "the value must be a year, a whole number from 1000 to {current_year}, such as 1990"
                        )),
                    }
                    }
                },
            )?,
            "tags" => table(&c, &[], |tag, v| {
                if tag.is_empty() || !tag.chars().all(is_shortcode_char) {
                    return problem(
                        v.at.clone(),
                        format!("tag `{tag}` must be a shortcode name: lowercase letters, digits, `_`, `+` or `-`"),
                    );
                }
                table(v, &["emoji", "meaning", "hosts"], |key, f| match key {
                    "hosts" => f.strings(),
                    "emoji" => {
                        if f.string()?.is_empty() {
                            return f.fail(format!("tag `{tag}` has an empty `emoji`"));
                        }
                        Ok(())
                    }
                    _ => f.string().map(|_| ()),
                })
            })?,
            "rules" => {
                table(&c, &[], |id, v| {
                    if RuleId::from_id(id).is_none() {
                        let hint = closest_id(id)
                            .map(|c| format!(" (did you mean `{c}`?)"))
                            .unwrap_or_default();
                        return problem(
                        v.at.clone(),
                        format!("unknown rule `{id}` in [rules]{hint}; `flinkscale rules` lists them"),
                    );
                    }
                    v.choice(&["error", "warn", "off"])
                })?
            }
            _ => {
                return problem(
                    c.at.clone(),
                    format!(
                        "unknown key `{name}`{}; {}",
                        did_you_mean(&name, &SECTIONS),
                        the_keys()
                    ),
                )
            }
        }
    }
    Ok(())
}
