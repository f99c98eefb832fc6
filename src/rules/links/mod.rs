//! What `flinkscale links` found on the network. These rules read
//! [`Context::links`](crate::rules::Context), which only that command
//! fills: `lint` and `fmt` never open a socket, so they report nothing.

pub mod link_dead;
pub mod link_home;
pub mod link_redirect;
pub mod link_unchecked;
