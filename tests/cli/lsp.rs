//! `flinkscale lsp`, driven over stdio by a JSON-RPC client as an editor
//! drives it: what it says must be exactly what `lint`, `lint --fix` and
//! `fmt` say on the same text, and nothing a client sends may crash or
//! hang it (every wait is bounded).

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::Duration;

use serde_json::{json, Value};

use crate::common::flinkscale;

const WAIT: Duration = Duration::from_secs(60);

struct Client {
    child: Child,
    stdin: Option<ChildStdin>,
    messages: Receiver<Value>,
    /// Messages read while waiting for another.
    backlog: Vec<Value>,
    next_id: i64,
}

impl Client {
    fn start() -> Client {
        let mut child = Command::new(assert_cmd::cargo::cargo_bin!("flinkscale"))
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, messages) = mpsc::channel();
        std::thread::spawn(move || {
            let mut out = BufReader::new(stdout);
            loop {
                let mut length = 0;
                loop {
                    let mut line = String::new();
                    if out.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    if line == "\r\n" {
                        break;
                    }
                    if let Some(n) = line.strip_prefix("Content-Length: ") {
                        length = n.trim().parse().unwrap();
                    }
                }
                let mut body = vec![0; length];
                out.read_exact(&mut body).unwrap();
                if tx.send(serde_json::from_slice(&body).unwrap()).is_err() {
                    return;
                }
            }
        });
        Client {
            stdin: child.stdin.take(),
            child,
            messages,
            backlog: Vec::new(),
            next_id: 0,
        }
    }

    fn raw(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().unwrap();
        stdin.write_all(bytes).unwrap();
        stdin.flush().unwrap();
    }

    fn send(&mut self, message: &Value) {
        let body = message.to_string();
        self.raw(format!("Content-Length: {}\r\n\r\n{body}", body.len()).as_bytes());
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// The next message that `pick` accepts, from what was read already or
    /// what comes; panics after [`WAIT`].
    fn wait_for(&mut self, pick: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self.backlog.iter().position(&pick) {
            return self.backlog.remove(i);
        }
        loop {
            let m = self
                .messages
                .recv_timeout(WAIT)
                .expect("the server answers in bounded time");
            if pick(&m) {
                return m;
            }
            self.backlog.push(m);
        }
    }

    /// Sends a request and returns its whole response.
    fn call(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        self.wait_for(|m| m["id"] == id && m.get("method").is_none())
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        let response = self.call(method, params);
        assert!(response.get("error").is_none(), "{method}: {response}");
        response["result"].clone()
    }

    fn initialize(&mut self, utf8: bool) -> Value {
        let encodings = if utf8 {
            json!(["utf-8", "utf-16"])
        } else {
            json!(["utf-16"])
        };
        let result = self.request(
            "initialize",
            json!({"capabilities": {"general": {"positionEncodings": encodings}}}),
        );
        self.notify("initialized", json!({}));
        result
    }

    fn open(&mut self, uri: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}),
        );
    }

    /// Opens `text` as `uri` and asks for completion on its last line, at
    /// `character`.
    fn complete_last_line(&mut self, uri: &str, text: &str, character: usize) -> Value {
        self.open(uri, text);
        self.request(
            "textDocument/completion",
            json!({"textDocument": {"uri": uri},
                   "position": {"line": text.lines().count() - 1, "character": character}}),
        )
    }

    /// The next diagnostics published for `uri`.
    fn diagnostics(&mut self, uri: &str) -> Value {
        let uri = uri.to_owned();
        self.wait_for(move |m| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri.as_str()
        })["params"]
            .clone()
    }

    fn shutdown(mut self) -> Option<i32> {
        self.request("shutdown", Value::Null);
        self.notify("exit", Value::Null);
        self.exit_code()
    }

    fn exit_code(&mut self) -> Option<i32> {
        drop(self.stdin.take());
        for _ in 0..600 {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.code();
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        self.child.kill().unwrap();
        panic!("the server did not exit");
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

fn fixture() -> String {
    std::fs::read_to_string("fixtures/lsp/defects.md").unwrap()
}

/// A directory holding `text` as README.md, and its URI.
fn workspace(text: &str) -> (tempfile::TempDir, PathBuf, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("README.md");
    std::fs::write(&path, text).unwrap();
    let uri = format!("file://{}", path.display());
    (dir, path, uri)
}

fn lint_json(path: &Path) -> Vec<Value> {
    let out = flinkscale()
        .args(["lint", "--format", "json"])
        .arg(path)
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    report["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .clone()
}

/// Lint's 1-based line and character column as the editor counts it.
fn position(text: &str, line: u64, column: u64, utf8: bool) -> Value {
    let line_text = text.split('\n').nth(line as usize - 1).unwrap_or("");
    let before: String = line_text.chars().take(column as usize - 1).collect();
    let character = if utf8 {
        before.len()
    } else {
        before.encode_utf16().count()
    };
    json!({"line": line - 1, "character": character})
}

/// `text` with an editor's edits applied (all read on `text` as it was).
fn apply(text: &str, edits: &Value) -> String {
    let starts: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let offset = |p: &Value| -> usize {
        let line = p["line"].as_u64().unwrap() as usize;
        let Some(&start) = starts.get(line) else {
            return text.len();
        };
        let mut units = p["character"].as_u64().unwrap() as usize;
        let mut at = start;
        for c in text[start..].chars() {
            if units == 0 || c == '\n' {
                break;
            }
            units -= c.len_utf16();
            at += c.len_utf8();
        }
        at
    };
    let mut edits: Vec<(usize, usize, String)> = edits
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                offset(&e["range"]["start"]),
                offset(&e["range"]["end"]),
                e["newText"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    edits.sort();
    let mut out = String::new();
    let mut at = 0;
    for (start, end, new) in edits {
        out.push_str(&text[at..start]);
        out.push_str(&new);
        at = end;
    }
    out.push_str(&text[at..]);
    out
}

/// The rule of each diagnostic published.
fn codes(published: &Value) -> Vec<&str> {
    published["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect()
}

fn whole(text: &str) -> Value {
    json!({"start": {"line": 0, "character": 0}, "end": {"line": text.lines().count() + 1, "character": 0}})
}

fn edits_of(action: &Value, uri: &str) -> Value {
    action["edit"]["changes"][uri].clone()
}

#[test]
fn diagnostics_are_lints_own_in_either_encoding() {
    let text = fixture();
    let (_dir, path, uri) = workspace(&text);
    let expected = lint_json(&path);
    assert!(expected.len() >= 17, "one defect per fixable rule");
    for utf8 in [false, true] {
        let mut client = Client::start();
        let init = client.initialize(utf8);
        let encoding = if utf8 { "utf-8" } else { "utf-16" };
        assert_eq!(init["capabilities"]["positionEncoding"], encoding);
        client.open(&uri, &text);
        let published = client.diagnostics(&uri);
        assert_eq!(published["version"], 1);
        let got = published["diagnostics"].as_array().unwrap();
        assert_eq!(got.len(), expected.len(), "{got:#?}");
        for (g, e) in got.iter().zip(&expected) {
            assert_eq!(g["code"], e["rule"]);
            assert_eq!(g["source"], "flinkscale");
            let severity = if e["severity"] == "error" { 1 } else { 2 };
            assert_eq!(g["severity"], severity, "{g}");
            let message = match e["help"].as_str() {
                Some(help) => format!("{}\n{help}", e["message"].as_str().unwrap()),
                None => e["message"].as_str().unwrap().to_owned(),
            };
            assert_eq!(g["message"], message.as_str());
            let at = |l: &str, c: &str| {
                position(&text, e[l].as_u64().unwrap(), e[c].as_u64().unwrap(), utf8)
            };
            assert_eq!(g["range"]["start"], at("line", "column"), "{encoding}: {g}");
            assert_eq!(
                g["range"]["end"],
                at("end_line", "end_column"),
                "{encoding}: {g}"
            );
        }
        // The em dash before the anchors counts 3 bytes or 1 unit.
        let anchor = &got[0]["range"]["start"]["character"];
        assert_eq!(anchor.as_u64().unwrap(), if utf8 { 67 } else { 65 });
        assert_eq!(client.shutdown(), Some(0));
    }
}

#[test]
fn quick_fixes_and_fix_all_make_what_lint_fix_makes() {
    let text = fixture();
    let (_dir, path, uri) = workspace(&text);
    let fixable: BTreeSet<String> = lint_json(&path)
        .iter()
        .filter(|d| d["fixable"] == true)
        .map(|d| d["rule"].as_str().unwrap().to_owned())
        .collect();
    let fixing = flinkscale()
        .args(["lint", "--fix"])
        .arg(&path)
        .output()
        .unwrap();
    assert_ne!(fixing.status.code(), Some(2));
    let fixed = std::fs::read_to_string(&path).unwrap();
    assert_ne!(fixed, text);

    let mut client = Client::start();
    client.initialize(false);
    client.open(&uri, &text);
    client.diagnostics(&uri);
    let actions = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": whole(&text), "context": {"diagnostics": []}}),
    );
    let actions = actions.as_array().unwrap();
    // Every fixable rule is offered a quick fix, and the titles say what
    // the structural ones do.
    let offered: BTreeSet<String> = actions
        .iter()
        .filter(|a| a["kind"] == "quickfix")
        .flat_map(|a| a["diagnostics"].as_array().unwrap().iter())
        .map(|d| d["code"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(offered, fixable);
    let titles: Vec<&str> = actions
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect();
    for title in [
        "Move this entry to its place",
        "Move this section to its place",
        "Write the table of contents anew (4 TOC problems)",
        "Fix mojibake: write `é`",
        "Fix anchor-broken: write `globex`",
    ] {
        assert!(titles.contains(&title), "{titles:#?}");
    }
    let fix_all = actions
        .iter()
        .find(|a| a["kind"] == "source.fixAll.flinkscale")
        .unwrap();
    assert_eq!(apply(&text, &edits_of(fix_all, &uri)), fixed);

    // Quick fixes one after another, as a person takes them, end where
    // `lint --fix` ends.
    let mut current = text.clone();
    for version in 2..60 {
        let actions = client.request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri}, "range": whole(&current),
                   "context": {"diagnostics": [], "only": ["quickfix"]}}),
        );
        let Some(first) = actions.as_array().unwrap().first() else {
            break;
        };
        current = apply(&current, &edits_of(first, &uri));
        client.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": current}]}),
        );
    }
    assert_eq!(current, fixed);
    assert_eq!(client.shutdown(), Some(0));
}

#[test]
fn a_big_list_is_linted_off_the_message_loop_and_stale_results_are_dropped() {
    // A list long enough that its lint takes far longer than a hover.
    let mut text = String::from("## Table of Contents\n\n- [Acme](#acme)\n\n## Acme\n\n");
    for n in 0..60_000 {
        text.push_str(&format!(
            "- [Streams at scale, part {n}](https://acme.example.com/blog/{n}) - `2024` - :books:\n"
        ));
    }
    let (_dir, _path, uri) = workspace("");
    let mut client = Client::start();
    client.initialize(false);
    client.open(&uri, &text);
    // Asked while the lint of version 1 runs: answered before any
    // diagnostics of the list, from what it shows now (nothing yet).
    let hover = client.call(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 6, "character": 4}}),
    );
    assert_eq!(hover["result"], Value::Null, "{hover}");
    let published_before_hover = client
        .backlog
        .iter()
        .any(|m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri);
    assert!(!published_before_hover, "the hover waited for the lint");
    // A change while version 1 is linted: its diagnostics (none) are of a
    // text the editor no longer holds, and only version 2's are published.
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{
            "range": {"start": {"line": 6, "character": 3}, "end": {"line": 6, "character": 3}},
            "text": " "}]}),
    );
    let published = client.diagnostics(&uri);
    assert_eq!(published["version"], 2, "{published}");
    assert_eq!(codes(&published), ["entry-title-whitespace"]);
    assert_eq!(client.shutdown(), Some(0));
}

#[test]
fn an_unsafe_repair_is_offered_as_a_quick_fix_but_not_in_fix_all() {
    let text = "# Acme at scale\n\nSee [the Acme write-ups](#acmee) below.\n\n\
                ## Table of Contents\n\n- [Acme](#acme)\n- [Acmes](#acmes)\n\n## Acme\n\n\
                - [A](https://a.example/a) - `2024` - :books:\n\n## Acmes\n\n\
                - [B](https://b.example/b) - `2023` - :books:\n";
    let (_dir, _path, uri) = workspace(text);
    let mut client = Client::start();
    client.initialize(false);
    client.open(&uri, text);
    let actions = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": whole(text),
               "context": {"diagnostics": []}}),
    );
    let actions = actions.as_array().unwrap();
    assert_eq!(actions.len(), 1, "no fix-all for a guess: {actions:#?}");
    let guess = &actions[0];
    assert_eq!(guess["kind"], "quickfix");
    assert_eq!(
        guess["title"],
        "Fix anchor-broken: write `acme` (a guess: check it)"
    );
    assert_ne!(guess["isPreferred"], true, "a guess is never preferred");
    assert_eq!(
        apply(text, &edits_of(guess, &uri)),
        text.replace("(#acmee)", "(#acme)")
    );
    assert_eq!(client.shutdown(), Some(0));
}

#[test]
fn formatting_is_fmts_output_and_a_refusal_says_why() {
    let text = fixture();
    let (_dir, path, uri) = workspace(&text);
    let formatted = flinkscale().arg("fmt").arg(&path).output().unwrap().stdout;
    let mut client = Client::start();
    client.initialize(false);
    client.open(&uri, &text);
    let edits = client.request(
        "textDocument/formatting",
        json!({"textDocument": {"uri": uri}, "options": {"tabSize": 2, "insertSpaces": true}}),
    );
    assert_eq!(apply(&text, &edits), String::from_utf8(formatted).unwrap());
    // Formatted text formats to itself: no edits.
    let again = apply(&text, &edits);
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": again}]}),
    );
    let none = client.request(
        "textDocument/formatting",
        json!({"textDocument": {"uri": uri}, "options": {"tabSize": 2, "insertSpaces": true}}),
    );
    assert_eq!(none, json!([]));
    assert_eq!(client.shutdown(), Some(0));
}

#[test]
fn changes_are_followed_by_their_diagnostics() {
    let text = fixture();
    let (_dir, _path, uri) = workspace(&text);
    let mut client = Client::start();
    client.initialize(false);
    client.open(&uri, &text);
    let before = client.diagnostics(&uri)["diagnostics"]
        .as_array()
        .unwrap()
        .len();
    // Two quick changes: the trailing spaces of line 29, then the unknown
    // tag of line 25 (incremental edits); only the latest text is linted.
    let line = |n: usize| text.lines().nth(n - 1).unwrap().to_owned();
    let trailing = line(29);
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{
            "range": {"start": {"line": 28, "character": trailing.trim_end().len()},
                      "end": {"line": 28, "character": trailing.len()}},
            "text": ""}]}),
    );
    let tag = line(25).find(":book:").unwrap();
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 3}, "contentChanges": [{
            "range": {"start": {"line": 24, "character": tag}, "end": {"line": 24, "character": tag + 6}},
            "text": ":books:"}]}),
    );
    // A slow machine may publish version 2 between the two; the last one
    // published is the latest text's.
    let mut after = client.diagnostics(&uri);
    if after["version"] == 2 {
        after = client.diagnostics(&uri);
    }
    assert_eq!(after["version"], 3, "latest text wins: {after}");
    let rules: Vec<&str> = after["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(rules.len(), before - 2, "{rules:?}");
    assert!(!rules.contains(&"trailing-whitespace") && !rules.contains(&"entry-tag-unknown"));
    assert_eq!(client.shutdown(), Some(0));
}

#[test]
fn configuration_is_found_as_the_cli_finds_it_and_read_again() {
    let text = fixture();
    let (dir, _path, uri) = workspace(&text);
    let config = dir.path().join("flinkscale.toml");
    std::fs::write(&config, "[rules]\nentry-order = \"off\"\n").unwrap();
    let mut client = Client::start();
    client.initialize(false);
    client.open(&uri, &text);
    let codes = |d: &Value| -> Vec<String> {
        d["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["code"].as_str().unwrap().to_owned())
            .collect()
    };
    let off = codes(&client.diagnostics(&uri));
    assert!(!off.contains(&"entry-order".to_owned()), "{off:?}");
    std::fs::write(&config, "[rules]\nentry-order = \"warn\"\n").unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": format!("file://{}", config.display()), "type": 2}]}),
    );
    let on = client.diagnostics(&uri);
    let warned = on["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "entry-order")
        .unwrap();
    assert_eq!(warned["severity"], 2);
    // A broken file is said once, and no diagnostics are claimed.
    std::fs::write(&config, "[rules]\nentry-ordr = \"warn\"\n").unwrap();
    client.notify("workspace/didChangeWatchedFiles", json!({"changes": []}));
    let said = client.wait_for(|m| m["method"] == "window/showMessage");
    assert!(
        said["params"]["message"]
            .as_str()
            .unwrap()
            .contains("entry-ordr"),
        "{said}"
    );
    assert_eq!(client.diagnostics(&uri)["diagnostics"], json!([]));
    assert_eq!(client.shutdown(), Some(0));
}

/// A `flinkscale.toml` saved with no notification at all (an editor that
/// watches no files for the server, as Neovim on Linux) is seen within a
/// few seconds, and the list republished, with no edit of the list
/// (issue 34, item 12).
#[test]
fn a_config_changed_on_disk_is_seen_without_a_notification() {
    let text = fixture();
    let (dir, _path, uri) = workspace(&text);
    let config = dir.path().join("flinkscale.toml");
    std::fs::write(&config, "[rules]\nentry-order = \"off\"\n").unwrap();
    let mut client = Client::start();
    client.initialize(false);
    client.open(&uri, &text);
    let has_order = |d: &Value| {
        d["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["code"] == "entry-order")
    };
    assert!(!has_order(&client.diagnostics(&uri)));
    std::fs::write(&config, "[rules]\nentry-order = \"error\"\n").unwrap();
    // No notification is sent: the server looks at the file by itself.
    let again = client.diagnostics(&uri);
    assert!(has_order(&again), "{again}");
    assert_eq!(client.shutdown(), Some(0));
}

#[test]
fn a_file_that_is_no_list_gets_no_diagnostics() {
    let (_dir, _path, uri) = workspace("");
    let mut client = Client::start();
    client.initialize(false);
    client.open(&uri, "# Changelog\n\nSee [the docs](#nowhere).   \n\n\n");
    assert_eq!(client.diagnostics(&uri)["diagnostics"], json!([]));
    assert_eq!(client.shutdown(), Some(0));
}

/// A changelog and a docs page have list items (FORMAT.md section 7.3):
/// lint finds them no list, and the editor publishes nothing for them,
/// where before it lit up every bullet.
#[test]
fn a_changelog_or_a_docs_page_gets_no_diagnostics() {
    for fixture in [
        "fixtures/notlists/CHANGELOG.md",
        "fixtures/notlists/docs-page.md",
    ] {
        let text = std::fs::read_to_string(fixture).unwrap();
        let (_dir, path, uri) = workspace(&text);
        // As a list, it would be judged: the tool must know it is none.
        let out = flinkscale().args(["lint"]).arg(&path).output().unwrap();
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("not a list"),
            "{fixture}"
        );
        let mut client = Client::start();
        client.initialize(false);
        client.open(&uri, &text);
        assert_eq!(
            client.diagnostics(&uri)["diagnostics"],
            json!([]),
            "{fixture}"
        );
        assert_eq!(client.shutdown(), Some(0));
    }
}

/// A list with no company sections (a flat list, a table) holds entries:
/// the editor judges it as lint does.
#[test]
fn a_flat_list_or_a_table_gets_the_same_diagnostics_as_lint() {
    for fixture in [
        "fixtures/genre/flat-list-defects.md",
        "fixtures/genre/table-defects.md",
    ] {
        let text = std::fs::read_to_string(fixture).unwrap();
        let (_dir, path, uri) = workspace(&text);
        let expected: Vec<(u64, String)> = lint_json(&path)
            .iter()
            .map(|d| {
                (
                    d["line"].as_u64().unwrap() - 1,
                    d["rule"].as_str().unwrap().to_owned(),
                )
            })
            .collect();
        assert!(expected.len() >= 3, "{fixture}: {expected:?}");
        let mut client = Client::start();
        client.initialize(false);
        client.open(&uri, &text);
        let published = client.diagnostics(&uri)["diagnostics"].clone();
        let got: Vec<(u64, String)> = published
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                (
                    d["range"]["start"]["line"].as_u64().unwrap(),
                    d["code"].as_str().unwrap().to_owned(),
                )
            })
            .collect();
        assert_eq!(got, expected, "{fixture}");
        assert_eq!(client.shutdown(), Some(0));
    }
}

#[test]
fn hover_shows_the_rules_page_and_the_links_last_result() {
    let text = fixture();
    let (dir, path, uri) = workspace(&text);
    std::fs::write(
        dir.path().join(".flinkscale-links-cache.json"),
        r#"{"version": 3, "links": {"https://acme.example.com/blog/streams": {"checked": 1764500000, "status": "ok"},
            "https://www.youtube.com/watch?v=acme1": {"checked": 1764500000, "status": "dead", "reason": "404 Not Found"}}}"#,
    )
    .unwrap();
    let diagnostics = lint_json(&path);
    let order = diagnostics
        .iter()
        .find(|d| d["rule"] == "entry-order")
        .unwrap();
    let mut client = Client::start();
    client.initialize(false);
    client.open(&uri, &text);
    // Hover tells of what is shown: the diagnostics published.
    client.diagnostics(&uri);
    let at = |line: u64, character: usize| json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}});
    let hover = client.request(
        "textDocument/hover",
        at(order["line"].as_u64().unwrap() - 1, 3),
    );
    let shown = hover["contents"]["value"].as_str().unwrap();
    assert!(
        shown.contains("entry-order (error by default)") && shown.contains("What it checks"),
        "{shown}"
    );
    // Where `needle` is first written: its line, and its column there.
    let place = |needle: &str| {
        let line = text.lines().position(|l| l.contains(needle)).unwrap();
        let column = text.lines().nth(line).unwrap().find(needle).unwrap();
        at(line as u64, column)
    };
    let hover = client.request("textDocument/hover", place("acme.example.com/blog"));
    let shown = hover["contents"]["value"].as_str().unwrap();
    assert!(
        shown.contains("`flinkscale links` on 2025-11-30") && shown.contains("answered"),
        "{shown}"
    );
    // A link the last run found dead says so (issue 34, item 15).
    let hover = client.request("textDocument/hover", place("youtube.com/watch?v=acme1"));
    let shown = hover["contents"]["value"].as_str().unwrap_or_default();
    assert!(shown.contains("dead: 404 Not Found"), "{hover}");
    // Plain prose: nothing to say.
    assert_eq!(client.request("textDocument/hover", at(0, 2)), Value::Null);
    assert_eq!(client.shutdown(), Some(0));
}

#[test]
fn completion_offers_anchors_tags_and_years() {
    let base = "## Table of Contents\n\n- [Acme](#acme)\n- [Globex](#globex)\n\n## Acme\n\n\
                - [A](https://a.example/a) - `2024` - :books:\n\n## Globex\n\n\
                - [G](https://g.example/g) - `2023` - :books:\n";
    let (_dir, _path, uri) = workspace(base);
    let mut client = Client::start();
    client.initialize(false);
    let cases = [
        ("- [See](#gl", vec!["table-of-contents", "acme", "globex"]),
        (
            "- [B](https://a.example/b) - `2024` - :bo",
            vec![":books:", ":studio_microphone:"],
        ),
        ("- [B](https://a.example/b) - ", vec!["`2026`", "`2025`"]),
    ];
    for (n, (line, wanted)) in cases.into_iter().enumerate() {
        let text = format!("{base}{line}");
        let items = client.complete_last_line(&format!("{uri}{n}.md"), &text, line.len());
        let labels: Vec<&str> = items
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["label"].as_str().unwrap())
            .collect();
        for w in &wanted {
            assert!(labels.contains(w), "{line}: {labels:?}");
        }
        if n == 1 {
            let books = items
                .as_array()
                .unwrap()
                .iter()
                .find(|i| i["label"] == ":books:")
                .unwrap();
            assert!(
                books["detail"].as_str().is_some_and(|d| !d.is_empty()),
                "{books}"
            );
            // It replaces what was typed after the colon's start.
            let start = line.rfind(':').unwrap();
            assert_eq!(books["textEdit"]["range"]["start"]["character"], start);
        }
    }
    // A plain line: nothing.
    let text = format!("{base}Some words");
    let items = client.complete_last_line(&format!("{uri}x.md"), &text, 10);
    assert_eq!(items, json!([]));
    assert_eq!(client.shutdown(), Some(0));
}

#[test]
fn hostile_messages_get_errors_or_nothing_never_a_crash() {
    let mut client = Client::start();
    // Before initialize, a request is refused.
    let early = client.call("textDocument/hover", json!({}));
    assert_eq!(early["error"]["code"], -32002);
    client.initialize(false);
    let mut frame = |body: &[u8]| {
        let mut bytes = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
        bytes.extend_from_slice(body);
        client.raw(&bytes);
    };
    frame(b"{not json");
    frame(b"{\"jsonrpc\": \"2.0\", \"id\": 7, \"method\": \"\xff\xfe\"}");
    frame(b"[1, 2]");
    frame(b"{\"jsonrpc\": \"2.0\", \"id\": 8}");
    let bad = client.wait_for(|m| m["error"]["code"] == -32700);
    assert_eq!(bad["id"], Value::Null);
    client.wait_for(|m| m["error"]["code"] == -32700);
    client.wait_for(|m| m["error"]["code"] == -32600);
    let no_method = client.wait_for(|m| m["error"]["code"] == -32600);
    assert_eq!(no_method["id"], 8);
    let unknown = client.call("flinkscale/nothing", json!({}));
    assert_eq!(unknown["error"]["code"], -32601);
    let wrong = client.call("textDocument/hover", json!({"textDocument": 3}));
    assert_eq!(wrong["error"]["code"], -32602);
    client.notify("no/such/notification", json!([1]));
    // Documents never opened: nothing.
    let never = json!({"textDocument": {"uri": "file:///never/opened.md"}, "position": {"line": 0, "character": 0}});
    assert_eq!(
        client.request("textDocument/hover", never.clone()),
        Value::Null
    );
    assert_eq!(
        client.request("textDocument/completion", never),
        Value::Null
    );
    let fmt = client.request(
        "textDocument/formatting",
        json!({"textDocument": {"uri": "file:///never/opened.md"}, "options": {"tabSize": 2, "insertSpaces": true}}),
    );
    assert_eq!(fmt, Value::Null);
    // Positions past the end of a document are its end.
    let (_dir, _path, uri) = workspace("");
    client.open(&uri, "## Acme\n");
    client.diagnostics(&uri);
    let far = client.request(
        "textDocument/completion",
        json!({"textDocument": {"uri": uri}, "position": {"line": 99, "character": 99}}),
    );
    assert_eq!(far, json!([]));
    // A 50 MB document is linted, not choked on.
    let mut big = String::from("## Table of Contents\n\n- [Acme](#acme)\n\n## Acme\n\n");
    let mut n = 0;
    while big.len() < 50 << 20 {
        n += 1;
        big.push_str(&format!(
            "- [A post about streams at scale, part {n}](https://acme.example.com/blog/{n}) - `2024` - :books:\n"
        ));
    }
    big.push_str("- [The last one ](https://acme.example.com/last) - `2024` - :books:\n");
    client.open(&format!("{uri}-big.md"), &big);
    let published = client.diagnostics(&format!("{uri}-big.md"));
    assert_eq!(codes(&published), ["entry-title-whitespace"]);
    // Still answering.
    assert_eq!(client.request("textDocument/hover", json!({"textDocument": {"uri": "file:///x.md"}, "position": {"line": 0, "character": 0}})), Value::Null);
    assert_eq!(client.shutdown(), Some(0));
}

#[test]
fn leaving_without_shutdown_exits_1() {
    let mut client = Client::start();
    client.initialize(false);
    client.notify("exit", Value::Null);
    assert_eq!(client.exit_code(), Some(1));
    // The input ending is leaving too.
    let mut client = Client::start();
    client.initialize(true);
    assert_eq!(client.exit_code(), Some(1));
}
