//! `flinkscale fmt`: print, `--check`, `--diff` or `--write` the canonical
//! form of each list.

use std::path::Path;

use super::common::{diff, error, paths_or_default, print, use_color, Configs, ExitStatus};
use crate::cli::{Color, FmtArgs};
use crate::config::Config;
use crate::model::Document;
use crate::{clock, format, fsio, rules};

/// What happened to one file.
enum Outcome {
    Unchanged,
    Changed,
    Failed,
}

pub fn run(config: Option<&Path>, color: Color, args: &FmtArgs) -> ExitStatus {
    let mut configs = Configs::new(config);
    let color = use_color(color);
    let year = clock::current_year();
    let (mut changed, mut unchanged, mut failed) = (0, 0, 0);
    for path in paths_or_default(&args.paths) {
        match one(&path, args, &mut configs, color, year) {
            Outcome::Changed => changed += 1,
            Outcome::Unchanged => unchanged += 1,
            Outcome::Failed => failed += 1,
        }
    }
    if args.write || args.check {
        let verb = if args.write {
            "reformatted"
        } else {
            "would be reformatted"
        };
        eprintln!(
            "{} {verb}, {} already formatted{}",
            files(changed),
            files(unchanged),
            if failed > 0 {
                format!(", {} failed", files(failed))
            } else {
                String::new()
            }
        );
    }
    if failed > 0 {
        ExitStatus::Error
    } else if changed > 0 && (args.check || args.diff) {
        ExitStatus::Failure
    } else {
        ExitStatus::Success
    }
}

fn files(n: usize) -> String {
    if n == 1 {
        "1 file".into()
    } else {
        format!("{n} files")
    }
}

fn one(path: &Path, args: &FmtArgs, configs: &mut Configs, color: bool, year: u16) -> Outcome {
    // Taken before reading: a file changed after this is not overwritten.
    let stamp = fsio::Stamp::of(path);
    let source = match fsio::read_source(path) {
        Ok(s) => s,
        Err(e) => {
            error(e);
            return Outcome::Failed;
        }
    };
    let config = match configs.for_path(path) {
        Ok(c) => c.clone(),
        Err(e) => {
            error(e);
            return Outcome::Failed;
        }
    };
    let name = source.name.clone();
    // fmt drops the input as soon as it can; a diff needs a copy.
    let before = args.diff.then(|| source.text.clone());
    let result = match format::format(Document::parse(source, &config), &config, year) {
        Ok(f) => f,
        Err(e) => {
            error(format!("{name}: {e}"));
            return Outcome::Failed;
        }
    };
    if !result.not_converged.is_empty() {
        let ids: Vec<&str> = result.not_converged.iter().map(|r| r.as_str()).collect();
        eprintln!(
            "flinkscale: warning: {name}: fmt did not converge: {} still find something to repair; please report this with the file attached",
            ids.join(", ")
        );
    }
    let (formatted, output) = (result.text(), &result.doc);
    let is_changed = result.changed;
    let stdin = path.as_os_str() == fsio::STDIN;
    if args.diff && is_changed {
        print(&diff(
            &name,
            before.as_deref().unwrap_or_default(),
            formatted,
            color,
        ));
    }
    if args.check {
        if is_changed {
            println!("would reformat {name}");
        }
    } else if args.write && !stdin {
        if is_changed {
            let bytes = result.encoding.restore(formatted);
            if let Err(e) = fsio::write_atomic_unchanged(path, bytes.as_bytes(), stamp.as_ref()) {
                error(e);
                return Outcome::Failed;
            }
            report_leftovers(&name, output, &config, year);
        }
    } else if !args.diff {
        print(&result.encoding.restore(formatted));
    }
    if is_changed {
        Outcome::Changed
    } else {
        Outcome::Unchanged
    }
}

/// Says what `fmt` could not repair, so the user knows to run `lint`.
fn report_leftovers(name: &str, output: &Document, config: &Config, year: u16) {
    let diagnostics = rules::check(&rules::Context::new(output, config, year));
    let left = diagnostics.iter().filter(|d| !d.fixable).count();
    if left > 0 {
        let ids: std::collections::BTreeSet<&str> = diagnostics
            .iter()
            .filter(|d| !d.fixable)
            .map(|d| d.rule.as_str())
            .collect();
        eprintln!(
            "{name}: {left} problem{} need{} a person ({}); run `flinkscale lint {name}`",
            if left == 1 { "" } else { "s" },
            if left == 1 { "s" } else { "" },
            ids.into_iter().collect::<Vec<_>>().join(", ")
        );
    }
}
