//! The README's examples run as shown: every ```console block of README.md
//! is a trycmd case (the commands after `$`, their exact output), run in
//! the repository's root with `COLUMNS=80` and `NO_COLOR=1`.

#[test]
fn readme_examples_run_as_shown() {
    trycmd::TestCases::new()
        .env("COLUMNS", "80")
        .env("NO_COLOR", "1")
        .case("README.md");
}
