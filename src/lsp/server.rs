//! The server's state and its message loop: one thread handles every
//! message in order (a reader thread only frames them), so a request sees
//! every change sent before it. Once a document has been quiet for the
//! debounce time, its latest text is linted on a worker thread
//! ([`super::linting`]) and the diagnostics are published when they come
//! back, unless the document changed meanwhile.

use std::collections::HashMap;
use std::io::{self, Write};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use serde::de::DeserializeOwned;
use serde_json::{json, Value};

use super::linting::{self, Event, Job, Linted, Linter};
use super::position::Encoding;
use super::protocol::{
    AtPosition, CodeActionParams, ContentChange, DidChange, DidOpen, OfDocument, TextEdit,
};
use super::transport::{self, Incoming};
use super::workspace::{config_of, config_stale, Doc};
use super::{actions, completion, hover};
use crate::inputs::Configs;

/// Panics caught while handling a message (each answered as an error so
/// that the editor keeps its server): a bug, which the fuzz target counts.
static CAUGHT: AtomicUsize = AtomicUsize::new(0);

pub fn caught_panics() -> usize {
    CAUGHT.load(Ordering::Relaxed)
}

/// How long a document must be quiet after a change before it is linted.
pub const DEBOUNCE: Duration = Duration::from_millis(50);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Uninitialized,
    Running,
    ShutDown,
}

pub struct Server<'w> {
    /// Not generic: the server's code is built once, in the library, not
    /// again in every binary that serves.
    out: &'w mut dyn Write,
    state: State,
    encoding: Encoding,
    year: u16,
    debounce: Duration,
    docs: HashMap<String, Doc>,
    configs: Configs,
    /// The client can be asked to watch `flinkscale.toml` files.
    can_watch: bool,
    /// When to look at the open lists' `flinkscale.toml` files again
    /// ([`CONFIG_POLL`]).
    next_poll: Instant,
    linter: Linter,
    /// The last ticket handed out with a lint job.
    tickets: u64,
}

/// How often the configuration files of the open lists are looked at: a
/// `flinkscale.toml` saved in an editor that does not watch files for the
/// server (Neovim on Linux does not) is seen within this, with no edit of
/// the list. A few `stat` calls a list.
const CONFIG_POLL: Duration = Duration::from_secs(2);

impl<'w> Server<'w> {
    /// A server writing to `out`; `linter` says where documents are linted.
    pub fn new(
        out: &'w mut dyn Write,
        year: u16,
        debounce: Duration,
        linter: Linter,
    ) -> Server<'w> {
        Server {
            out,
            state: State::Uninitialized,
            encoding: Encoding::Utf16,
            year,
            debounce,
            docs: HashMap::new(),
            configs: Configs::watching(),
            can_watch: false,
            next_poll: Instant::now() + CONFIG_POLL,
            linter,
            tickets: 0,
        }
    }

    /// Handles events until `exit` (returns whether `shutdown` came
    /// first, as the exit code says) or the end of the input (`false`).
    pub fn run(mut self, events: Receiver<Event>) -> io::Result<bool> {
        loop {
            let due = self.docs.values().filter_map(|d| d.due).min();
            // With lists open, wake for the next look at their configs.
            let lists_open = self.docs.values().any(|d| d.markdown);
            let due = match due {
                Some(due) if lists_open => Some(due.min(self.next_poll)),
                None if lists_open => Some(self.next_poll),
                due => due,
            };
            let received = match due {
                None => events.recv().map_err(|_| RecvTimeoutError::Disconnected),
                Some(due) => events.recv_timeout(due.saturating_duration_since(Instant::now())),
            };
            match received {
                Ok(Event::Message(message)) => {
                    if let Some(clean) = self.handle(message)? {
                        return Ok(clean);
                    }
                }
                Ok(Event::Linted(done)) => self.linted(done)?,
                Err(RecvTimeoutError::Timeout) => {}
                Ok(Event::InputEnded) | Err(RecvTimeoutError::Disconnected) => return Ok(false),
            }
            self.poll_configs();
            self.publish_due()?;
        }
    }

    /// Every [`CONFIG_POLL`]: an open list whose `flinkscale.toml` changed
    /// on disk is due again.
    fn poll_configs(&mut self) {
        let now = Instant::now();
        if now < self.next_poll {
            return;
        }
        self.next_poll = now + CONFIG_POLL;
        for doc in self
            .docs
            .values_mut()
            .filter(|d| d.markdown && d.due.is_none())
        {
            if config_stale(&self.configs, doc) {
                doc.due = Some(now);
            }
        }
    }

    fn send(&mut self, message: &Value) -> io::Result<()> {
        transport::write(self.out, message)
    }

    /// One message; `Some(clean)` when it was `exit`.
    fn handle(&mut self, message: Incoming) -> io::Result<Option<bool>> {
        match message {
            Incoming::Invalid { id, code, why } => self.send(&transport::error(&id, code, &why))?,
            Incoming::Response => {}
            Incoming::Request { id, method, params } => {
                let answer = catch_unwind(AssertUnwindSafe(|| self.request(&method, params)))
                    .unwrap_or_else(|_| {
                        CAUGHT.fetch_add(1, Ordering::Relaxed);
                        Err((
                            transport::REQUEST_FAILED,
                            format!("flinkscale failed on {method}; please report it"),
                        ))
                    });
                let message = match answer {
                    Ok(result) => transport::response(&id, result),
                    Err((code, why)) => transport::error(&id, code, &why),
                };
                self.send(&message)?;
            }
            Incoming::Notification { method, params } => {
                if method == "exit" {
                    return Ok(Some(self.state == State::ShutDown));
                }
                if self.state == State::Running {
                    let done =
                        catch_unwind(AssertUnwindSafe(|| self.notification(&method, params)));
                    match done {
                        Ok(sent) => sent?,
                        Err(_) => {
                            CAUGHT.fetch_add(1, Ordering::Relaxed);
                            eprintln!("flinkscale lsp: failed on {method}; please report it");
                        }
                    }
                }
            }
        }
        Ok(None)
    }

    fn request(&mut self, method: &str, params: Value) -> Result<Value, (i32, String)> {
        match (self.state, method) {
            (State::Uninitialized, "initialize") if params.is_object() => {
                Ok(self.initialize(&params))
            }
            (State::Uninitialized, "initialize") => Err((
                transport::INVALID_PARAMS,
                "initialize takes an object".into(),
            )),
            (State::Uninitialized, _) => Err((
                transport::SERVER_NOT_INITIALIZED,
                "the server is not initialized yet".into(),
            )),
            (State::ShutDown, _) => {
                Err((transport::INVALID_REQUEST, "the server is shut down".into()))
            }
            (_, "initialize") => Err((
                transport::INVALID_REQUEST,
                "initialize was sent twice".into(),
            )),
            (_, "shutdown") => {
                self.state = State::ShutDown;
                Ok(Value::Null)
            }
            (_, "textDocument/formatting") => {
                let p: OfDocument = parse(params)?;
                Ok(self.formatting(&p.text_document.uri))
            }
            (_, "textDocument/codeAction") => {
                let p: CodeActionParams = parse(params)?;
                Ok(
                    self.with_doc(&p.text_document.uri, |doc, config, year, enc| {
                        let request = actions::Request {
                            uri: &p.text_document.uri,
                            range: p.range,
                            only: p.context.only.as_deref(),
                        };
                        json!(actions::code_actions(doc, config, year, enc, &request))
                    }),
                )
            }
            (_, "textDocument/hover") => {
                let at: AtPosition = parse(params)?;
                Ok(self.with_doc(&at.text_document.uri, |doc, _, _, enc| {
                    json!(hover::hover(doc, enc, at.position))
                }))
            }
            (_, "textDocument/completion") => {
                let at: AtPosition = parse(params)?;
                Ok(
                    self.with_doc(&at.text_document.uri, |doc, config, year, enc| {
                        json!(completion::complete(doc, config, year, enc, at.position))
                    }),
                )
            }
            _ => Err((transport::METHOD_NOT_FOUND, format!("no method {method}"))),
        }
    }

    fn initialize(&mut self, params: &Value) -> Value {
        let offered = params.pointer("/capabilities/general/positionEncodings");
        let utf8 = offered
            .and_then(Value::as_array)
            .is_some_and(|all| all.iter().any(|e| e == "utf-8"));
        self.encoding = if utf8 {
            Encoding::Utf8
        } else {
            Encoding::Utf16
        };
        self.can_watch = params
            .pointer("/capabilities/workspace/didChangeWatchedFiles/dynamicRegistration")
            .and_then(Value::as_bool)
            .unwrap_or(false);
        self.state = State::Running;
        json!({
            "capabilities": {
                "positionEncoding": match self.encoding {
                    Encoding::Utf8 => "utf-8",
                    Encoding::Utf16 => "utf-16",
                },
                "textDocumentSync": {"openClose": true, "change": 2, "save": {"includeText": false}},
                "codeActionProvider": {"codeActionKinds": ["quickfix", actions::FIX_ALL]},
                "documentFormattingProvider": true,
                "hoverProvider": true,
                "completionProvider": {"triggerCharacters": ["#", ":", "`"]},
            },
            "serverInfo": {"name": "flinkscale", "version": env!("CARGO_PKG_VERSION")},
        })
    }

    fn notification(&mut self, method: &str, params: Value) -> io::Result<()> {
        let now = Instant::now();
        match method {
            "initialized" if self.can_watch => {
                let watch = json!({"registrations": [{
                    "id": "flinkscale-config",
                    "method": "workspace/didChangeWatchedFiles",
                    "registerOptions": {"watchers": [{"globPattern": "**/flinkscale.toml"}]},
                }]});
                let request = json!({"jsonrpc": "2.0", "id": "flinkscale-watch", "method": "client/registerCapability", "params": watch});
                self.send(&request)?;
            }
            "textDocument/didOpen" => {
                if let Ok(p) = serde_json::from_value::<DidOpen>(params) {
                    let item = p.text_document;
                    let mut doc = Doc::new(&item.uri, item.text, Some(item.version));
                    doc.markdown = is_markdown(&item.language_id, &item.uri);
                    if doc.markdown {
                        doc.due = Some(now);
                    }
                    self.docs.insert(item.uri, doc);
                }
            }
            "textDocument/didChange" => {
                if let Ok(p) = serde_json::from_value::<DidChange>(params) {
                    let (encoding, debounce) = (self.encoding, self.debounce);
                    if let Some(doc) = self.docs.get_mut(&p.text_document.uri) {
                        for change in p.content_changes {
                            apply_change(doc, change, encoding);
                        }
                        doc.version = Some(p.text_document.version);
                        // A lint in flight is of a text the editor no
                        // longer holds.
                        doc.awaiting = None;
                        if doc.markdown {
                            doc.due = Some(now + debounce);
                        }
                    }
                }
            }
            "textDocument/didClose" => {
                if let Ok(p) = serde_json::from_value::<OfDocument>(params) {
                    if self.docs.remove(&p.text_document.uri).is_some() {
                        self.publish_empty(&p.text_document.uri)?;
                    }
                }
            }
            // A configuration may have changed: every open list again.
            "textDocument/didSave"
            | "workspace/didChangeWatchedFiles"
            | "workspace/didChangeConfiguration" => {
                for doc in self.docs.values_mut() {
                    if doc.markdown {
                        doc.due = Some(now);
                    }
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// Runs `f` on an open document with its configuration; `null` for a
    /// document never opened or whose configuration is broken (said once
    /// with its diagnostics).
    fn with_doc(
        &mut self,
        uri: &str,
        f: impl FnOnce(&Doc, &crate::config::Config, u16, Encoding) -> Value,
    ) -> Value {
        let Some(doc) = settled(&mut self.docs, uri) else {
            return Value::Null;
        };
        match config_of(&mut self.configs, doc) {
            Ok(config) => f(doc, &config, self.year, self.encoding),
            Err(_) => Value::Null,
        }
    }

    /// fmt's edits, or none with a message saying why fmt refused.
    fn formatting(&mut self, uri: &str) -> Value {
        let (year, enc) = (self.year, self.encoding);
        let Some(doc) = settled(&mut self.docs, uri) else {
            return Value::Null;
        };
        let outcome = config_of(&mut self.configs, doc)
            .and_then(|config| actions::formatting(doc, &config, year, enc));
        match outcome {
            Ok(edits) => json!(edits),
            Err(why) => {
                let message = format!("flinkscale did not format {}: {why}", doc.name());
                let _ = self.show(1, &message);
                json!(Vec::<TextEdit>::new())
            }
        }
    }

    /// `window/showMessage` (1 error, 2 warning).
    fn show(&mut self, kind: u8, message: &str) -> io::Result<()> {
        self.send(&transport::notification(
            "window/showMessage",
            json!({"type": kind, "message": message}),
        ))
    }

    fn publish_due(&mut self) -> io::Result<()> {
        let now = Instant::now();
        let due: Vec<String> = self
            .docs
            .iter()
            .filter(|(_, d)| d.due.is_some_and(|t| t <= now))
            .map(|(uri, _)| uri.clone())
            .collect();
        for uri in due {
            self.publish(&uri)?;
        }
        Ok(())
    }

    /// A document's diagnostics are due: its snapshot goes to the linter
    /// (or, when its configuration is broken, that is said once and no
    /// diagnostics are shown).
    fn publish(&mut self, uri: &str) -> io::Result<()> {
        let Some(doc) = self.docs.get_mut(uri) else {
            return Ok(());
        };
        doc.due = None;
        let config = match config_of(&mut self.configs, doc) {
            Ok(config) => config,
            Err(e) => {
                doc.awaiting = None;
                doc.shown = Vec::new();
                let said = doc.config_error.as_ref() != Some(&e);
                doc.config_error = Some(e.clone());
                if said {
                    self.show(1, &format!("flinkscale: {e}"))?;
                }
                return self.send_diagnostics(uri);
            }
        };
        doc.config_error = None;
        self.tickets += 1;
        doc.awaiting = Some(self.tickets);
        let job = Job {
            uri: uri.to_owned(),
            ticket: self.tickets,
            name: doc.name(),
            text: doc.text().into_owned(),
            config,
            year: self.year,
            encoding: self.encoding,
        };
        match &self.linter {
            Linter::Inline => self.linted(linting::lint(job)),
            Linter::Worker(jobs) => {
                if let Err(lost) = jobs.send(job) {
                    // The worker is gone (it cannot panic: every lint is
                    // caught); lint here rather than never.
                    self.linted(linting::lint(lost.0))?;
                }
                Ok(())
            }
        }
    }

    /// A lint came back: published if its document still waits for it.
    fn linted(&mut self, done: Linted) -> io::Result<()> {
        let Some(doc) = self.docs.get_mut(&done.uri) else {
            return Ok(());
        };
        if doc.awaiting != Some(done.ticket) {
            return Ok(());
        }
        doc.awaiting = None;
        let Some(diagnostics) = done.diagnostics else {
            CAUGHT.fetch_add(1, Ordering::Relaxed);
            eprintln!(
                "flinkscale lsp: failed to lint {}; please report it",
                doc.name()
            );
            return Ok(());
        };
        doc.shown = diagnostics;
        doc.headings = Some(done.headings);
        self.send_diagnostics(&done.uri)
    }

    /// `publishDiagnostics` of what a document shows now.
    fn send_diagnostics(&mut self, uri: &str) -> io::Result<()> {
        let Some(doc) = self.docs.get(uri) else {
            return Ok(());
        };
        let message = transport::notification(
            "textDocument/publishDiagnostics",
            json!({"uri": uri, "version": doc.version, "diagnostics": doc.shown}),
        );
        self.send(&message)
    }

    fn publish_empty(&mut self, uri: &str) -> io::Result<()> {
        self.send(&transport::notification(
            "textDocument/publishDiagnostics",
            json!({"uri": uri, "diagnostics": []}),
        ))
    }
}

/// An open document with its text as one `&str` (its gap closed), for a
/// request that reads the whole text.
fn settled<'d>(docs: &'d mut HashMap<String, Doc>, uri: &str) -> Option<&'d Doc> {
    let doc = docs.get_mut(uri)?;
    doc.buffer.settle();
    Some(doc)
}

fn parse<T: DeserializeOwned>(params: Value) -> Result<T, (i32, String)> {
    serde_json::from_value(params)
        .map_err(|e| (transport::INVALID_PARAMS, format!("invalid params: {e}")))
}

/// A document of ours to lint: Markdown by the editor's word or its name.
fn is_markdown(language: &str, uri: &str) -> bool {
    let lower = uri.to_ascii_lowercase();
    language == "markdown"
        || [".md", ".markdown", ".mdx"]
            .iter()
            .any(|e| lower.ends_with(e))
}

/// One change of a `didChange`, at the cost of the change: the range is
/// read with the document's line starts and only its line, the text is
/// edited in its gap buffer, and only the line starts around it are read
/// again.
fn apply_change(doc: &mut Doc, change: ContentChange, encoding: Encoding) {
    match change.range {
        None => doc.buffer.set(change.text),
        Some(range) => {
            let start = doc.buffer.offset(range.start, encoding);
            let end = doc.buffer.offset(range.end, encoding).max(start);
            doc.buffer.replace(start..end, &change.text);
        }
    }
}
