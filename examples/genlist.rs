//! Prints a generated list: `cargo run --release --example genlist -- 100000 > big.md`
//! (`-- 100000 clean` or `unsorted`: typographic titles, canonical or with
//! entries and sections out of place). The same generator feeds `cargo bench`.

#[path = "../benches/genlist.rs"]
mod genlist;

use std::io::Write as _;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let n = args.first().and_then(|a| a.parse::<usize>().ok());
    let kind = match args.get(1).map(String::as_str) {
        None | Some("plain") => Some(genlist::Kind::Plain),
        Some("clean") => Some(genlist::Kind::Clean),
        Some("unsorted") => Some(genlist::Kind::Unsorted),
        Some(_) => None,
    };
    let (Some(n), Some(kind)) = (n, kind) else {
        eprintln!("usage: genlist ENTRIES [plain|clean|unsorted]");
        return ExitCode::from(2);
    };
    let text = genlist::generate(n, kind);
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("genlist: {e}");
            ExitCode::from(1)
        }
    }
}
