//! The properties the fuzz targets (`fuzz/`) check, kept in the library so
//! that `tests/engine/fuzz_regressions.rs` replays every saved crasher through the
//! very same code in `cargo test`.

use std::collections::HashMap;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use crate::config::Config;
use crate::model::repaired;
use crate::model::Document;
use crate::report::{self, FileReport};
use crate::source::Source;

const YEAR: u16 = 2026;

/// Bytes -> source -> model -> every rule -> every output format.
/// Panics (the fuzzer's signal) if the library panics, or if the model
/// with plain sections read directly is not the one a parse gives.
pub fn lint(data: &[u8]) {
    let Ok(source) = crate::fsio::decode("fuzz.md", data.to_vec()) else {
        return;
    };
    let config = Config::default();
    // Plain sections read directly give the model pulldown-cmark's events
    // alone give (`model::parse::plain`).
    let read = Document::parse(source.clone(), &config);
    let parsed = Document::parse_by_pulldown(source.clone(), &config);
    assert!(
        format!("{read:?}") == format!("{parsed:?}"),
        "plain sections read differently from their parse"
    );
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

/// What `fmt` did with one text, judged by what it must never do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Formatted, and nothing was lost: every entry and every link out of
    /// the page came through, and formatting again changes nothing.
    Kept,
    /// The safety net refused (it says why): nothing was written, nothing
    /// lost.
    Refused(String),
    /// A promise was broken (it says which).
    Broken(String),
}

/// `fmt` on `text` with no configuration, judged ([`Verdict`]). The links
/// out of the page are counted with a parse of this function's own
/// ([`links_out`]), not with the safety net's model, so that a bug in
/// one is not hidden by the same bug in the other.
pub fn fmt_verdict(text: &str) -> Verdict {
    let config = Config::default();
    let source = Source::new("fuzz.md", text);
    let before = links_out(&source.text);
    let doc = Document::parse(source, &config);
    let entries = doc.entries.len();
    let once = match crate::format::format(doc, &config, YEAR) {
        Ok(once) => once,
        Err(refused) => return Verdict::Refused(refused.detail),
    };
    // The output's model is built partly from the input's (`Reuse`): it
    // must be the one a parse of the output gives.
    if once.changed {
        let parsed = Document::parse(Source::exact("fuzz.md", once.text().to_owned()), &config);
        if format!("{:?}", once.doc) != format!("{parsed:?}") {
            return Verdict::Broken("fmt's model of its output is not the output's parse".into());
        }
    }
    if once.doc.entries.len() != entries {
        return Verdict::Broken(format!(
            "fmt changed the number of entries from {entries} to {}",
            once.doc.entries.len()
        ));
    }
    let after = links_out(once.text());
    if after != before {
        let missing = |a: &HashMap<String, i64>, b: &HashMap<String, i64>| -> Vec<String> {
            let mut urls: Vec<String> = a
                .iter()
                .filter(|(url, n)| b.get(*url).copied().unwrap_or(0) < **n)
                .map(|(url, _)| url.clone())
                .collect();
            urls.sort();
            urls
        };
        return Verdict::Broken(format!(
            "fmt lost links {:?} and gained {:?}",
            missing(&before, &after),
            missing(&after, &before)
        ));
    }
    let once_text = once.text().to_owned();
    match crate::format::format(once.doc, &config, YEAR) {
        Err(e) => Verdict::Broken(format!("fmt refused its own output: {e}")),
        Ok(twice) if twice.text() != once_text => Verdict::Broken("fmt is not idempotent".into()),
        Ok(twice) if twice.changed => {
            Verdict::Broken("fmt says its own output would change".into())
        }
        Ok(_) => Verdict::Kept,
    }
}

/// Every link and image destination out of the page, as CommonMark reads
/// `text`, mojibake repaired as `fmt` repairs it: the multiset `fmt` must
/// keep. An image inside an in-page link (`[![logo](u) Acme](#acme)`) is
/// left out: that is a TOC item, the copy of its heading that `fmt` writes
/// anew, and the heading's own image is counted.
pub fn links_out(text: &str) -> HashMap<String, i64> {
    let mut out = HashMap::new();
    // For each open link or image: it points into the page.
    let mut open: Vec<bool> = Vec::new();
    for event in Parser::new_ext(text, crate::model::PARSER_OPTIONS) {
        match event {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                let in_page = dest_url.starts_with('#');
                if !in_page && !open.contains(&true) {
                    *out.entry(repaired(&dest_url)).or_default() += 1;
                }
                open.push(in_page);
            }
            Event::End(TagEnd::Link | TagEnd::Image) => {
                open.pop();
            }
            _ => {}
        }
    }
    out
}

/// `fmt` keeps every entry and every link out of the page, and is
/// idempotent ([`fmt_verdict`]). Panics with what went wrong when it does
/// not. A refusal is the safety net working: allowed.
pub fn fmt_roundtrip(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Verdict::Broken(why) = fmt_verdict(text) {
        panic!("{why}");
    }
}

/// A whole editor session through `flinkscale lsp`'s message loop
/// ([`crate::lsp::serve_bytes`]): `initialize`, then each NUL-separated
/// part of `data`, then `shutdown` and `exit`. A part that is JSON is sent
/// as a message as it is; any other text is opened as a document and asked
/// for everything the server does (diagnostics, an incremental change,
/// code actions, formatting, hover, completion); other bytes are sent as a
/// message body. Panics if the server panicked, even where it caught the
/// panic to keep serving.
pub fn lsp(data: &[u8]) {
    use serde_json::{json, Value};
    fn frame(stream: &mut Vec<u8>, body: &[u8]) {
        stream.extend(format!("Content-Length: {}\r\n\r\n", body.len()).bytes());
        stream.extend_from_slice(body);
    }
    let mut stream: Vec<u8> = Vec::new();
    let message = |stream: &mut Vec<u8>, m: Value| frame(stream, m.to_string().as_bytes());
    let encoding = if data.len().is_multiple_of(2) {
        "utf-8"
    } else {
        "utf-16"
    };
    message(
        &mut stream,
        json!({"jsonrpc": "2.0", "id": 0, "method": "initialize",
        "params": {"capabilities": {"general": {"positionEncodings": [encoding]}}}}),
    );
    message(
        &mut stream,
        json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}),
    );
    let uri = "file:///flinkscale-fuzz/README.md";
    for (n, part) in data.split(|&b| b == 0).enumerate() {
        if serde_json::from_slice::<Value>(part).is_ok() {
            frame(&mut stream, part);
            continue;
        }
        let Ok(text) = std::str::from_utf8(part) else {
            frame(&mut stream, part);
            continue;
        };
        let doc = json!({"uri": uri});
        let lines = text.lines().count() as u32;
        let at = |line: u32, character: u32| json!({"line": line, "character": character});
        message(
            &mut stream,
            json!({"jsonrpc": "2.0", "method": "textDocument/didOpen",
            "params": {"textDocument": {"uri": uri, "languageId": "markdown", "version": n, "text": text}}}),
        );
        message(
            &mut stream,
            json!({"jsonrpc": "2.0", "method": "textDocument/didChange",
            "params": {"textDocument": {"uri": uri, "version": n + 1},
                       "contentChanges": [{"range": {"start": at(lines / 2, 1), "end": at(lines / 2, 3)}, "text": "é"}]}}),
        );
        let whole = json!({"start": at(0, 0), "end": at(lines + 1, 0)});
        let requests = [
            (
                "textDocument/codeAction",
                json!({"textDocument": doc, "range": whole, "context": {"diagnostics": []}}),
            ),
            (
                "textDocument/formatting",
                json!({"textDocument": doc, "options": {"tabSize": 2, "insertSpaces": true}}),
            ),
            (
                "textDocument/hover",
                json!({"textDocument": doc, "position": at(lines / 3, 4)}),
            ),
            (
                "textDocument/completion",
                json!({"textDocument": doc, "position": at(lines.saturating_sub(1), 40)}),
            ),
        ];
        for (i, (method, params)) in requests.into_iter().enumerate() {
            message(
                &mut stream,
                json!({"jsonrpc": "2.0", "id": n * 10 + i + 1, "method": method, "params": params}),
            );
        }
        message(
            &mut stream,
            json!({"jsonrpc": "2.0", "method": "textDocument/didClose", "params": {"textDocument": doc}}),
        );
    }
    message(
        &mut stream,
        json!({"jsonrpc": "2.0", "id": "end", "method": "shutdown"}),
    );
    message(&mut stream, json!({"jsonrpc": "2.0", "method": "exit"}));
    let before = crate::lsp::server::caught_panics();
    let _ = crate::lsp::serve_bytes(&stream, &mut std::io::sink(), YEAR);
    assert_eq!(
        crate::lsp::server::caught_panics(),
        before,
        "the server panicked"
    );
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
