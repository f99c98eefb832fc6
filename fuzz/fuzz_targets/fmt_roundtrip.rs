//! Any text through `fmt`: no panic, the output keeps every entry, and
//! formatting the output again changes nothing.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    flinkscale::fuzzing::fmt_roundtrip(data);
});
