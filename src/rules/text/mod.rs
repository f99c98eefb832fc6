//! Text that went wrong on the way to the file.

pub mod mojibake;
