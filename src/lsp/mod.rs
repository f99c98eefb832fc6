//! `flinkscale lsp`: a Language Server Protocol server over stdio. The
//! editor gets lint's diagnostics as the text changes, `lint --fix`'s
//! repairs as quick fixes, `fmt` as formatting, the rules' pages on hover
//! and completion of anchors, tags and years. It is synchronous (no async
//! runtime) and never opens a socket: what it says of links comes from the
//! cache `flinkscale links` leaves.
//!
//! [`transport`] frames JSON-RPC, [`server`] holds the state and the
//! message loop, [`linting`] the worker thread that lints off it,
//! [`workspace`] the open documents and their configuration, `buffer`
//! their text as the editor edits it, [`position`] the editor's
//! positions, and one module per feature.

mod actions;
mod buffer;
mod completion;
mod diagnostics;
mod hover;
pub mod linting;
pub mod position;
pub mod protocol;
pub mod server;
pub mod transport;
mod workspace;

use std::io::{self, BufReader, Read, Write};
use std::sync::mpsc;

use linting::{Event, Linter};
pub use server::{Server, DEBOUNCE};

/// Serves `input` to `output` until `exit`; `Ok(true)` when the client
/// shut the server down first (exit code 0), `Ok(false)` when it did not
/// or the input ended (exit code 1, as the protocol says).
pub fn serve(input: Box<dyn Read + Send>, output: &mut dyn Write) -> io::Result<bool> {
    // A few messages queued at most: the reader waits while the server
    // works through a burst of changes, and memory stays bounded.
    let (tx, rx) = mpsc::sync_channel(16);
    let linter = Linter::worker(tx.clone())?;
    std::thread::Builder::new()
        .name("flinkscale-lsp-reader".into())
        .spawn(move || {
            let mut input = BufReader::new(input);
            while let Ok(Some(message)) = transport::read(&mut input) {
                if tx.send(Event::Message(message)).is_err() {
                    return;
                }
            }
            let _ = tx.send(Event::InputEnded);
        })?;
    Server::new(output, crate::clock::current_year(), DEBOUNCE, linter).run(rx)
}

/// Every message framed in `bytes`, handled in order as [`serve`] handles
/// them, with no debounce and each lint run at once on this thread (the
/// fuzz target's loop).
pub fn serve_bytes(bytes: &[u8], output: &mut dyn Write, year: u16) -> io::Result<bool> {
    let (tx, rx) = mpsc::channel();
    let mut input = BufReader::new(bytes);
    while let Ok(Some(message)) = transport::read(&mut input) {
        let _ = tx.send(Event::Message(message));
    }
    drop(tx);
    Server::new(output, year, std::time::Duration::ZERO, Linter::Inline).run(rx)
}
