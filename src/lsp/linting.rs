//! Lint off the message loop: the server hands a snapshot of a document
//! (its text, configuration and a ticket) to a worker thread and goes on
//! answering; the result comes back as an [`Event`] carrying the ticket,
//! and is published only if the document has not changed since
//! ([`super::server`] keeps the ticket it waits for). A hover or a
//! completion that arrives while a big list is being linted is answered
//! at once, and diagnostics of a text the editor no longer holds are never
//! shown.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::mpsc::{self, Receiver, Sender, SyncSender};

use super::position::{Encoding, Lines};
use super::protocol;
use super::transport::Incoming;
use crate::config::Config;
use crate::model::Heading;
use crate::source::Source;

/// What the message loop waits for: a message from the editor, a lint
/// done, or the end of the editor's input.
pub enum Event {
    Message(Incoming),
    Linted(Linted),
    InputEnded,
}

/// One document to lint, as it was when its diagnostics fell due.
pub struct Job {
    pub uri: String,
    /// Which request for diagnostics this is: the server publishes the
    /// result only while it still waits for this ticket.
    pub ticket: u64,
    pub name: String,
    pub text: String,
    pub config: Config,
    pub year: u16,
    pub encoding: Encoding,
}

/// A lint done.
pub struct Linted {
    pub uri: String,
    pub ticket: u64,
    /// The diagnostics in the editor's positions, or `None` when the lint
    /// panicked (a bug, said on stderr and counted).
    pub diagnostics: Option<Vec<protocol::Diagnostic>>,
    /// The document's headings, for completion of anchors.
    pub headings: Vec<Heading>,
}

/// Lints one snapshot. Never panics: a panic of the rules is caught and
/// reported as a result with no diagnostics.
pub fn lint(job: Job) -> Linted {
    let Job {
        uri,
        ticket,
        name,
        text,
        config,
        year,
        encoding,
    } = job;
    let done = catch_unwind(AssertUnwindSafe(|| {
        let (model, found) = crate::rules::lint(Source::new(name, &text), &config, year);
        let lines = Lines::new(&text, encoding);
        (
            super::diagnostics::of(&lines, &model, &found),
            model.headings,
        )
    }));
    let (diagnostics, headings) = match done {
        Ok((diagnostics, headings)) => (Some(diagnostics), headings),
        Err(_) => (None, Vec::new()),
    };
    Linted {
        uri,
        ticket,
        diagnostics,
        headings,
    }
}

/// Where lint jobs go: run at once on the message loop's thread (the
/// fuzz target's loop, where every change is linted before the next
/// message), or queued for the worker thread.
pub enum Linter {
    Inline,
    Worker(Sender<Job>),
}

impl Linter {
    /// A worker thread that lints jobs as they come and sends each result
    /// to `events`. When several jobs of one document are queued, only the
    /// last is linted (the others could only be dropped as stale). The
    /// thread ends when the server drops its [`Linter`].
    pub fn worker(events: SyncSender<Event>) -> std::io::Result<Linter> {
        let (jobs, queue) = mpsc::channel::<Job>();
        std::thread::Builder::new()
            .name("flinkscale-lsp-lint".into())
            .spawn(move || {
                while let Some(batch) = next_batch(&queue) {
                    for job in batch {
                        if events.send(Event::Linted(lint(job))).is_err() {
                            return;
                        }
                    }
                }
            })?;
        Ok(Linter::Worker(jobs))
    }
}

/// The jobs queued now, waiting for one if none is; the latest of each
/// document only. `None` once the server is gone.
fn next_batch(queue: &Receiver<Job>) -> Option<Vec<Job>> {
    let mut batch = vec![queue.recv().ok()?];
    while let Ok(job) = queue.try_recv() {
        match batch.iter_mut().find(|queued| queued.uri == job.uri) {
            Some(queued) => *queued = job,
            None => batch.push(job),
        }
    }
    Some(batch)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn job(uri: &str, ticket: u64, text: &str) -> Job {
        Job {
            uri: uri.to_owned(),
            ticket,
            name: "README.md".to_owned(),
            text: text.to_owned(),
            config: Config::default(),
            year: 2026,
            encoding: Encoding::Utf16,
        }
    }

    #[test]
    fn only_the_latest_job_of_a_document_is_linted() {
        let (tx, rx) = mpsc::channel();
        for (uri, ticket) in [("a", 1), ("b", 2), ("a", 3), ("a", 4)] {
            tx.send(job(uri, ticket, "")).unwrap();
        }
        let batch = next_batch(&rx).unwrap();
        let tickets: Vec<(&str, u64)> = batch.iter().map(|j| (&j.uri[..], j.ticket)).collect();
        assert_eq!(tickets, [("a", 4), ("b", 2)]);
        drop(tx);
        assert!(next_batch(&rx).is_none());
    }

    #[test]
    fn a_result_carries_its_ticket_diagnostics_and_headings() {
        let text = "## Table of Contents\n\n- [Acme](#acme)\n\n## Acme\n\n\
                    - [A ](https://a.example/a) - `2024` - :books:\n";
        let done = lint(job("file:///x/README.md", 7, text));
        assert_eq!((done.uri.as_str(), done.ticket), ("file:///x/README.md", 7));
        let codes: Vec<String> = done
            .diagnostics
            .unwrap()
            .into_iter()
            .map(|d| d.code)
            .collect();
        assert_eq!(codes, ["entry-title-whitespace"]);
        let slugs: Vec<&str> = done.headings.iter().map(|h| h.slug.as_str()).collect();
        assert_eq!(slugs, ["table-of-contents", "acme"]);
    }
}
