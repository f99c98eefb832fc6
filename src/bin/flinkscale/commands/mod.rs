//! The command layer: one file per subcommand, over an engine that never
//! sees clap. This file only dispatches; nothing imports it back.

mod add;
mod changed;
mod common;
mod completions;
mod export;
mod fmt;
mod init;
mod links;
mod lint;
mod lsp;
mod paths;
mod rule;
mod site;
mod stats;

use std::process::ExitCode;

use clap::Parser;

use crate::cli::{Cli, Command};

/// Runs `flinkscale` with the process's arguments.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let status = match &cli.command {
        Command::Lint(args) => lint::run(args.config.config.as_deref(), args.color.color, args),
        Command::Fmt(args) => fmt::run(args.config.config.as_deref(), args.color.color, args),
        Command::Links(args) => links::run(args.config.config.as_deref(), args.color.color, args),
        Command::Rules { format } => rule::list(*format),
        Command::Rule { id: Some(id) } => rule::explain(id),
        Command::Rule { id: None } => rule::no_id(),
        Command::Add(args) => add::run(args.config.config.as_deref(), args.color.color, args),
        Command::Export(args) => export::run(args.config.config.as_deref(), args),
        Command::Stats(args) => stats::run(args.config.config.as_deref(), args),
        Command::Site(args) => site::run(args.config.config.as_deref(), args),
        Command::Init(args) => init::run(args),
        Command::Lsp => lsp::run(),
        Command::Completions { shell } => completions::run(*shell),
    };
    status.into()
}
