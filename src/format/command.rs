//! Placeholder until the printer lands.

use crate::cli::{Cli, FmtArgs};

pub fn run(_cli: &Cli, _args: &FmtArgs) -> u8 {
    crate::app::error("fmt is not implemented yet");
    2
}
