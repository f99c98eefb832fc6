//! Layout: heading spaces, headings swallowed by HTML, blank lines, trailing spaces, the final newline.

pub mod blank_lines;
pub mod final_newline;
pub mod heading_level;
pub mod heading_swallowed;
pub mod heading_whitespace;
pub mod trailing_whitespace;
