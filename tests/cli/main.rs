//! The command line, run as a user runs it: the binary on real files, each
//! command's flags, outputs, exit codes and what it writes.

#[path = "../common/mod.rs"]
mod common;

mod add;
mod cli;
mod cmd;
mod data;
mod fmt;
mod formats;
mod hostile;
mod init;
mod links;
mod lsp;
mod readme;
mod sessions;
