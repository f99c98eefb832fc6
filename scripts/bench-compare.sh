#!/usr/bin/env bash
# Times flinkscale against other Markdown tools and a bare pulldown-cmark
# parse, whole process, median wall time and peak memory.
#
#   scripts/bench-compare.sh [ENTRIES]      (default 100000)
#
# Builds flinkscale and the examples `bare_parse` and `genlist` in release
# mode, generates three lists of ENTRIES entries (50 per section: plain
# ASCII titles with a few defects; typographic titles, canonical; the same
# with one entry in 250 and one section in 22 out of place), installs rumdl
# (PyPI) and markdownlint-cli2 (npm) into a temporary directory, and prints
# a table for each generated list, fixtures/seed.md and, when present,
# ../shared/corpus/flink-at-scale.md (the runs interleaved, every tool once
# a round, so a busy moment on a shared machine falls on all of them).
# Set SKIP_MARKDOWNLINT=1 to leave out markdownlint-cli2 (tens of seconds
# per run on a big list), SKIP_RUMDL=1 to leave out rumdl (it needs PyPI),
# FLINKSCALE=PATH to time another build of flinkscale.
set -euo pipefail

entries="${1:-100000}"
project=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$project"

cargo build --release --quiet --bin flinkscale --example bare_parse --example genlist
flinkscale="${FLINKSCALE:-$project/target/release/flinkscale}"
for kind in plain clean unsorted; do
    target/release/examples/genlist "$entries" "$kind" >"$work/generated-$kind.md"
done

rumdl=""
if [ "${SKIP_RUMDL:-0}" != 1 ]; then
    python3 -m venv "$work/venv"
    "$work/venv/bin/pip" install --quiet --disable-pip-version-check rumdl &&
        rumdl="$work/venv/bin/rumdl"
fi

markdownlint=""
if [ "${SKIP_MARKDOWNLINT:-0}" != 1 ] && command -v npm >/dev/null; then
    npm install --silent --prefix "$work/npm" markdownlint-cli2 >/dev/null 2>&1 &&
        markdownlint="$work/npm/node_modules/.bin/markdownlint-cli2"
fi

files=("$work/generated-plain.md" "$work/generated-clean.md" "$work/generated-unsorted.md" "$project/fixtures/seed.md")
if [ -f "$project/../shared/corpus/flink-at-scale.md" ]; then
    files+=("$project/../shared/corpus/flink-at-scale.md")
fi

python3 "$project/scripts/bench_compare.py" \
    --flinkscale "$flinkscale" \
    --bare "$project/target/release/examples/bare_parse" \
    --rumdl "$rumdl" \
    --markdownlint "$markdownlint" \
    --work "$work" \
    "${files[@]}"
