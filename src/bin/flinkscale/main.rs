//! The `flinkscale` binary: the command line (`cli`: clap's definitions)
//! and one file per subcommand (`commands`) over the library, which cannot
//! see either: the compiler keeps the engine free of clap.
#![forbid(unsafe_code)]
// Nothing that comes from input may panic: no unwrap/expect outside tests.
#![deny(clippy::unwrap_used, clippy::expect_used)]
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]

mod cli;
mod commands;

fn main() -> std::process::ExitCode {
    commands::main()
}
