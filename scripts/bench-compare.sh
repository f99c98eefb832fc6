#!/usr/bin/env bash
# Times flinkscale against other Markdown tools and a bare pulldown-cmark
# parse, whole process, median wall time and peak memory.
#
#   scripts/bench-compare.sh [ENTRIES]      (default 100000)
#
# Builds flinkscale and the examples `bare_parse` and `genlist` in release
# mode, generates a list of ENTRIES entries (50 per section), installs rumdl
# (PyPI) and markdownlint-cli2 (npm) into a temporary directory, and prints
# a table for the generated list, fixtures/seed.md and, when present,
# ../shared/corpus/flink-at-scale.md. Set SKIP_MARKDOWNLINT=1 to leave out
# markdownlint-cli2 (tens of seconds per run on the big list).
set -euo pipefail

entries="${1:-100000}"
project=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$project"

cargo build --release --quiet --bin flinkscale --example bare_parse --example genlist
target/release/examples/genlist "$entries" >"$work/big.md"

python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet --disable-pip-version-check rumdl
rumdl="$work/venv/bin/rumdl"

markdownlint=""
if [ "${SKIP_MARKDOWNLINT:-0}" != 1 ] && command -v npm >/dev/null; then
    npm install --silent --prefix "$work/npm" markdownlint-cli2 >/dev/null 2>&1 &&
        markdownlint="$work/npm/node_modules/.bin/markdownlint-cli2"
fi

files=("$work/big.md" "$project/fixtures/seed.md")
if [ -f "$project/../shared/corpus/flink-at-scale.md" ]; then
    files+=("$project/../shared/corpus/flink-at-scale.md")
fi

python3 "$project/scripts/bench_compare.py" \
    --flinkscale "$project/target/release/flinkscale" \
    --bare "$project/target/release/examples/bare_parse" \
    --rumdl "$rumdl" \
    --markdownlint "$markdownlint" \
    --work "$work" \
    "${files[@]}"
