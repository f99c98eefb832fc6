//! The baseline for `scripts/bench-compare.sh`: read a file and walk every
//! pulldown-cmark event with offsets, doing nothing else. flinkscale's lint
//! can be no faster than this, so its time is the yardstick.

use std::process::ExitCode;

use pulldown_cmark::{Options, Parser};

fn main() -> ExitCode {
    let Some(path) = std::env::args_os().nth(1) else {
        eprintln!("usage: bare_parse FILE");
        return ExitCode::from(2);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("bare_parse: {}: {e}", path.to_string_lossy());
            return ExitCode::from(2);
        }
    };
    let events = Parser::new_ext(&text, Options::empty())
        .into_offset_iter()
        .count();
    println!("{events} events");
    ExitCode::SUCCESS
}
