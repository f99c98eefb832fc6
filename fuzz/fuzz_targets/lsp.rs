//! Any session through `flinkscale lsp`'s message loop: no panic, no hang.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    flinkscale::fuzzing::lsp(data);
});
