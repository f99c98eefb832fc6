//! Any bytes through decoding, the model, every rule and every report
//! format: nothing may panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    flinkscale::fuzzing::lint(data);
});
