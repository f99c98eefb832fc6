//! The project's own promises: the layout (no import circles, the network
//! in three files, a file per command and per rule) and documentation that
//! matches the code.

mod architecture;
mod docs;
