//! The one write path. Every change flinkscale makes to a list (`fmt` and
//! `lint --fix`, `add`, `links --fix-redirects`) is a set of edits applied
//! by one patcher ([`Patcher`]) or a text printed from the model (`fmt`'s
//! printer), and is proved by one safety net ([`proof`]) that is told what
//! the change may do ([`Change`]): the output is parsed again and its
//! entries, links out of the page, sections, preamble and kept blocks are
//! compared with what the input and the change say they must be. Any
//! difference is one refusal type, [`Refused`], and nothing is written.
//! An entry is written in the canonical form by one function
//! ([`entry_line`]).

pub mod entry;
pub mod patch;
pub mod proof;

pub use self::entry::entry_line;
pub use self::patch::Patcher;
pub use self::proof::{Change, Expected, Refused, Rewrite, Writer};
