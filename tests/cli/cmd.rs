//! The command line as data: each `tests/cmd/NAME.toml` is one run of the
//! binary (its arguments, standard input, exact standard output and error,
//! and exit status), run where the case says (`fs.cwd`, or `NAME.in/`), as
//! typos tests its CLI. A reader sees the behaviour without reading Rust.
//!
//! `TRYCMD=overwrite cargo test --test cmd` rewrites the expected output
//! after a deliberate change; review every changed case before committing.

#[test]
fn cli_cases() {
    trycmd::TestCases::new()
        .env("COLUMNS", "80")
        .env("NO_COLOR", "1")
        .case("tests/cmd/*.toml");
}
