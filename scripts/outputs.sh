#!/usr/bin/env bash
# Records what a flinkscale binary prints for every list we have, so that a
# refactoring can be checked byte for byte against the build before it:
#
#   scripts/outputs.sh OLD_BINARY /tmp/before
#   scripts/outputs.sh target/release/flinkscale /tmp/after
#   diff -r /tmp/before /tmp/after && echo identical
#
# For each fixture and corpus file: `lint` in every format and `fmt` to
# stdout, each as stdout, stderr and exit code; `rules` and every `rule ID`.
set -euo pipefail
bin=$(realpath "$1")
out=$2
cd "$(dirname "$0")/.."
mkdir -p "$out"
files=$(find fixtures -name '*.md' | sort)
if [ -d ../shared/corpus ]; then
  files="$files $(find ../shared/corpus -name '*.md' ! -name README.md | sort)"
fi
export NO_COLOR=1 COLUMNS=80
n=0
for f in $files; do
  key=$(printf '%s' "$f" | tr '/.' '__')
  for format in human short json github sarif; do
    set +e
    "$bin" lint --format "$format" "$f" >"$out/$key.lint-$format.out" 2>"$out/$key.lint-$format.err"
    echo $? >"$out/$key.lint-$format.code"
    set -e
  done
  set +e
  "$bin" fmt "$f" >"$out/$key.fmt.out" 2>"$out/$key.fmt.err"
  echo $? >"$out/$key.fmt.code"
  set -e
  n=$((n + 1))
done
"$bin" rules >"$out/rules.out"
for id in $("$bin" rules | awk '/^[a-z-]+ +(error|warn) / {print $1}'); do
  "$bin" rule "$id" >"$out/rule-$id.out"
done
echo "outputs of $n files in $out"
