//! The properties the fuzz targets (`fuzz/`) check, kept in the library so
//! that `tests/fuzz_regressions.rs` replays every saved crasher through the
//! very same code in `cargo test`.

use crate::config::Config;
use crate::model::Document;
use crate::report::{self, FileReport};
use crate::source::Source;

const YEAR: u16 = 2026;

/// Bytes -> source -> model -> every rule -> every output format.
/// Panics (the fuzzer's signal) only if the library panics.
pub fn lint(data: &[u8]) {
    let Ok(source) = crate::fsio::decode("fuzz.md", data.to_vec()) else {
        return;
    };
    let config = Config::default();
    let (doc, diagnostics) = crate::rules::lint(source, &config, YEAR);
    let reports = [FileReport::new(doc.source, diagnostics)];
    let _ = report::short(&reports);
    let _ = report::json(&reports);
    let _ = report::github(&reports);
    let _ = report::sarif(&reports);
    let _ = report::Human {
        color: false,
        width: 80,
        quiet: false,
    }
    .render(&reports);
}

/// `fmt` keeps every entry and is idempotent. Panics with what went wrong
/// when it does not. A refusal (`Unsafe`) is the safety net working: allowed.
pub fn fmt_roundtrip(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let config = Config::default();
    let doc = Document::parse(Source::new("fuzz.md", text), &config);
    let entries = doc.entries.len();
    let Ok(once) = crate::format::format(doc, &config, YEAR) else {
        return;
    };
    assert_eq!(
        once.doc.entries.len(),
        entries,
        "fmt changed the number of entries"
    );
    let once_text = once.text().to_owned();
    let twice = crate::format::format(once.doc, &config, YEAR)
        .unwrap_or_else(|e| panic!("fmt refused its own output: {e}"));
    assert_eq!(twice.text(), once_text, "fmt is not idempotent");
    assert!(!twice.changed, "fmt says its own output would change");
}

/// `links --fix-redirects` on any text: every link `links --all` finds
/// that can be rewritten is moved to a URL full of characters that end a
/// Markdown link. The safety net must accept that honest rewrite, and each
/// new URL must read back as written. Panics with what went wrong.
pub fn redirects(data: &[u8]) {
    use crate::links::redirects::{apply, markdown_url, Rewrite};
    use crate::links::targets;
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let config = Config::default();
    let doc = Document::parse(Source::new("fuzz.md", text), &config);
    let found = targets(&doc, true);
    let rewrites: Vec<Rewrite> = found
        .iter()
        .filter(|t| t.exact)
        .enumerate()
        .map(|(i, t)| Rewrite {
            range: t.range.clone(),
            to: markdown_url(&format!("https://moved.example/{i}/a (b)<c>")),
        })
        .collect();
    if rewrites.is_empty() {
        return;
    }
    let new = apply(&doc, &config, &rewrites)
        .unwrap_or_else(|e| panic!("an honest rewrite was refused: {e}"));
    let after = Document::parse(Source::exact("after", new), &config);
    let again = targets(&after, true);
    assert_eq!(again.len(), found.len(), "links were lost or made");
    for r in &rewrites {
        assert!(
            again.iter().any(|t| t.url == r.to),
            "{} does not read back",
            r.to
        );
    }
}
