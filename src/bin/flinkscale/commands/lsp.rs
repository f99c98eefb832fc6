//! `flinkscale lsp`: the language server on stdin and stdout
//! ([`flinkscale::lsp`]). Exit 0 after `shutdown` then `exit`, 1 when the
//! editor left without `shutdown` (as the protocol says), 2 on an I/O
//! error.

use super::common::{error, ExitStatus};

pub fn run() -> ExitStatus {
    match flinkscale::lsp::serve(Box::new(std::io::stdin()), &mut std::io::stdout().lock()) {
        Ok(true) => ExitStatus::Success,
        Ok(false) => ExitStatus::Failure,
        Err(e) => {
            error(format!("lsp: {e}"));
            ExitStatus::Error
        }
    }
}
