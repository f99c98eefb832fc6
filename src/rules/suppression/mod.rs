//! Inline suppression comments (`model::suppress`) that are themselves wrong.

pub mod suppression_unknown;
