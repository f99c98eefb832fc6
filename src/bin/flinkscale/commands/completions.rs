//! `flinkscale completions SHELL`: a completion script generated from the
//! clap definitions, so it cannot drift from the real flags.

use super::common::ExitStatus;
use crate::cli::Cli;

pub fn run(shell: clap_complete::Shell) -> ExitStatus {
    let mut command = <Cli as clap::CommandFactory>::command();
    clap_complete::generate(shell, &mut command, "flinkscale", &mut std::io::stdout());
    ExitStatus::Success
}
