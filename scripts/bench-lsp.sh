#!/usr/bin/env bash
# `flinkscale lsp` latency: from didChange to publishDiagnostics, median of
# 20 changes, on the seed list and on a 10,000-entry list (examples/
# lsp_latency.rs). Builds the release binary and the examples first.
# Usage: scripts/bench-lsp.sh [RUNS]
set -euo pipefail
project=$(cd "$(dirname "$0")/.." && pwd)
cd "$project"
runs=${1:-20}
cargo build --release --quiet --bin flinkscale --example lsp_latency --example genlist
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
target/release/examples/genlist 10000 clean >"$work/README.md"
for list in fixtures/seed.md "$work/README.md"; do
    target/release/examples/lsp_latency target/release/flinkscale "$list" "$runs"
done
# Typing into a 12 MB list: 1,000 one-character incremental changes as
# fast as they come, a hover asked halfway (docs/performance.md).
target/release/examples/genlist 80000 clean >"$work/big.md"
target/release/examples/lsp_latency target/release/flinkscale "$work/big.md" --burst 1000
