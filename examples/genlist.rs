//! Prints a generated list: `cargo run --release --example genlist -- 100000 > big.md`.
//! The same generator feeds `cargo bench`.

#[path = "../benches/genlist.rs"]
mod genlist;

use std::io::Write as _;
use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(n) = std::env::args()
        .nth(1)
        .and_then(|a| a.parse::<usize>().ok())
    else {
        eprintln!("usage: genlist ENTRIES");
        return ExitCode::from(2);
    };
    let text = genlist::list(n);
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("genlist: {e}");
            ExitCode::from(1)
        }
    }
}
