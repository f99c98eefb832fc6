//! The project's own promises: the layout (no import circles, the network
//! in three files, a file per command and per rule) and documentation that
//! matches the code, and a release workflow the snippets agree with.

mod architecture;
mod docs;
mod publish;
mod workflows;
