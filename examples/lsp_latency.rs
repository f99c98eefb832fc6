//! How long an editor waits for diagnostics: `flinkscale lsp` is started
//! as an editor starts it, a list is opened, and each of RUNS changes (a
//! word of the first entry's title, whole text sent, as most clients send
//! it) is timed from writing `didChange` to reading the
//! `publishDiagnostics` of that version. The time includes the server's
//! 50 ms debounce. `scripts/bench-lsp.sh` runs it on the seed list and on
//! a 10,000-entry list.
//!
//! With `--burst N`: N one-character changes typed into the first entry's
//! title, each sent as an incremental change as fast as they come, a hover
//! asked halfway; it prints how long the hover took, how long after the
//! last change its diagnostics were published, and how long a hover and a
//! completion of an anchor asked 80 ms after the last change (the lint of
//! it under way) took.
//!
//! Usage: lsp_latency BINARY LIST [RUNS | --burst N]

use std::io::BufReader;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use flinkscale::lsp::transport::{self, Incoming};
use serde_json::{json, Value};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, bin, list, rest @ ..] = args.as_slice() else {
        eprintln!("usage: lsp_latency BINARY LIST [RUNS]");
        std::process::exit(2);
    };
    let burst: Option<usize> = match rest {
        [flag, n, ..] if flag == "--burst" => n.parse().ok(),
        _ => None,
    };
    let runs: usize = rest.first().and_then(|r| r.parse().ok()).unwrap_or(20);
    let path = std::fs::canonicalize(list).expect("the list exists");
    let text = std::fs::read_to_string(&path).expect("the list is text");
    let uri = format!("file://{}", path.display());
    let mut child = Command::new(bin)
        .arg("lsp")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("the server starts");
    let mut input = child.stdin.take().unwrap();
    // The server's messages, read on a thread of their own as an editor
    // reads them: a client that stops reading while it writes can fill
    // both pipes, and the two wait on each other.
    let (tx, mut output) = std::sync::mpsc::channel::<Incoming>();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    std::thread::spawn(move || {
        while let Ok(Some(message)) = transport::read(&mut stdout) {
            if tx.send(message).is_err() {
                break;
            }
        }
    });
    let mut send = |m: Value| transport::write(&mut input, &m).unwrap();
    // The number of diagnostics published for `version` (`None`: the
    // answer to a request came first).
    fn published(
        output: &mut std::sync::mpsc::Receiver<Incoming>,
        version: usize,
        or_answer: bool,
    ) -> Option<usize> {
        loop {
            match output.recv().expect("the server answers") {
                Incoming::Notification { method, params }
                    if method == "textDocument/publishDiagnostics"
                        && params["version"] == version =>
                {
                    return Some(params["diagnostics"].as_array().map_or(0, Vec::len));
                }
                Incoming::Response if or_answer => return None,
                _ => {}
            }
        }
    }
    send(
        json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}}),
    );
    send(json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}));
    send(
        json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
        "uri": uri, "languageId": "markdown", "version": 0, "text": text}}}),
    );
    let diagnostics = published(&mut output, 0, false).unwrap_or(0);
    if let Some(n) = burst {
        // Where the first entry's title ends: the characters go there.
        let at = text.find("](").expect("an entry");
        let line = text[..at].matches('\n').count();
        let column = text[..at].rfind('\n').map_or(at, |n| at - n - 1);
        let mut hover = Duration::ZERO;
        for version in 1..=n {
            let character = column + version - 1;
            send(
                json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
                "textDocument": {"uri": uri, "version": version},
                "contentChanges": [{"range": {"start": {"line": line, "character": character},
                    "end": {"line": line, "character": character}}, "text": "x"}]}}),
            );
            if version == n / 2 {
                let asked = Instant::now();
                send(
                    json!({"jsonrpc": "2.0", "id": 7, "method": "textDocument/hover", "params": {
                    "textDocument": {"uri": uri}, "position": {"line": 0, "character": 2}}}),
                );
                while published(&mut output, usize::MAX, true).is_some() {}
                hover = asked.elapsed();
            }
        }
        let last = Instant::now();
        // Once the debounce has passed, the last change is being linted:
        // a hover and a completion of an anchor asked then.
        std::thread::sleep(Duration::from_millis(80));
        let anchor = text.find("](#").expect("a TOC link") + 3;
        let anchor_line = text[..anchor].matches('\n').count();
        let anchor_column = anchor - text[..anchor].rfind('\n').map_or(0, |n| n + 1);
        let mut pending = Vec::new();
        let mut diagnostics_came = false;
        for (id, method, line, character) in [
            (8, "textDocument/hover", 0, 2),
            (9, "textDocument/completion", anchor_line, anchor_column),
        ] {
            let asked = Instant::now();
            send(
                json!({"jsonrpc": "2.0", "id": id, "method": method, "params": {
                "textDocument": {"uri": uri}, "position": {"line": line, "character": character}}}),
            );
            loop {
                match output.recv().expect("the server answers") {
                    Incoming::Response => break,
                    Incoming::Notification { params, .. } if params["version"] == n => {
                        diagnostics_came = true;
                    }
                    _ => {}
                }
            }
            pending.push(asked.elapsed());
        }
        if !diagnostics_came {
            published(&mut output, n, false);
        }
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        println!(
            "{}: {} bytes, {n} incremental changes: hover halfway answered in {:.1} ms; \
             diagnostics of the last change {:.1} ms after it; while they were pending \
             hover answered in {:.1} ms, completion in {:.1} ms{}",
            list,
            text.len(),
            ms(hover),
            ms(last.elapsed()),
            ms(pending[0]),
            ms(pending[1]),
            if diagnostics_came {
                " (the diagnostics came first)"
            } else {
                ""
            }
        );
        send(json!({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}));
        send(json!({"jsonrpc": "2.0", "method": "exit"}));
        let _ = child.wait();
        return;
    }
    let mut times = Vec::with_capacity(runs);
    for version in 1..=runs {
        // A change a person makes: a word of the first entry's title.
        let changed = text.replacen("](", &format!(" v{version}]("), 1);
        let start = Instant::now();
        send(
            json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": {"uri": uri, "version": version},
            "contentChanges": [{"text": changed}]}}),
        );
        published(&mut output, version, false);
        times.push(start.elapsed());
    }
    send(json!({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}));
    send(json!({"jsonrpc": "2.0", "method": "exit"}));
    let _ = child.wait();
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{}: {} bytes, {diagnostics} diagnostics; didChange -> publishDiagnostics over {runs} changes: \
         min {:.1} ms, median {:.1} ms, max {:.1} ms (50 ms of it the debounce)",
        list,
        text.len(),
        ms(times[0]),
        ms(times[times.len() / 2]),
        ms(times[times.len() - 1]),
    );
}
