#!/usr/bin/env bash
# Runs each cargo-fuzz target for a bounded time and keeps what it finds.
#
#   scripts/fuzz.sh [SECONDS]     (default 60 per target)
#
# Needs cargo-fuzz (`cargo install cargo-fuzz`). cargo-fuzz wants nightly
# flags (sanitizers); on a stable toolchain RUSTC_BOOTSTRAP=1 lets the stable
# compiler accept them. The fixtures seed the corpus. Any crash is copied to
# tests/fuzz-crashers/TARGET/, where `cargo test` replays it forever after;
# the script then exits 1.
set -euo pipefail

seconds="${1:-60}"
project=$(cd "$(dirname "$0")/.." && pwd)
cd "$project/fuzz"
export RUSTC_BOOTSTRAP=1

status=0
for target in lint fmt_roundtrip redirects lsp; do
    mkdir -p "corpus/$target"
    echo "== fuzz $target for ${seconds}s"
    if ! cargo fuzz run "$target" "corpus/$target" "$project/fixtures" -- \
        -max_total_time="$seconds" -max_len=65536 -timeout=10 -print_final_stats=1; then
        status=1
    fi
    for crash in artifacts/"$target"/*; do
        [ -e "$crash" ] || continue
        mkdir -p "$project/tests/fuzz-crashers/$target"
        cp "$crash" "$project/tests/fuzz-crashers/$target/"
        echo "saved $crash to tests/fuzz-crashers/$target/"
        status=1
    done
done
exit "$status"
