//! Any text through `links --fix-redirects`' targets, rewrite and safety
//! net: an honest rewrite of every link must pass and read back.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    flinkscale::fuzzing::redirects(data);
});
