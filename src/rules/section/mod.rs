//! `section-*`: company sections are sorted, unique and not empty.

pub mod section_count;
pub mod section_duplicate;
pub mod section_empty;
pub mod section_near_duplicate;
pub mod section_order;
