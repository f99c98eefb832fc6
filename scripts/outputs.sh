#!/usr/bin/env bash
# Records what a flinkscale binary prints for every list we have, so that a
# refactoring can be checked byte for byte against the build before it:
#
#   scripts/outputs.sh OLD_BINARY /tmp/before
#   scripts/outputs.sh target/release/flinkscale /tmp/after
#   diff -r /tmp/before /tmp/after && echo identical
#
# For each fixture and each list of ../shared/corpus and ../shared/genre: `lint` in every format, `fmt` to
# stdout, and `add` of an entry to an existing and to a new company, each
# as stdout, stderr and exit code; `rules` and every `rule ID`; and, when
# the binary has the `links` feature, `links` and `links --fix-redirects`
# of a list served by scripts/link-server.py (its port written as PORT).
set -euo pipefail
bin=$(realpath "$1")
out=$2
cd "$(dirname "$0")/.."
mkdir -p "$out"
files=$(find fixtures -name '*.md' | sort)
for shared in ../shared/corpus ../shared/genre; do
  if [ -d "$shared" ]; then
    files="$files $(find "$shared" -name '*.md' ! -name README.md | sort)"
  fi
done
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
  "$bin" add --company Acme --title "A new post" --url https://new.example.com/acme \
    --year 2024 --tag books - <"$f" >"$out/$key.add.out" 2>"$out/$key.add.err"
  echo $? >"$out/$key.add.code"
  "$bin" add --company "Zeta Newco" --title "Zeta's first talk" --url https://youtu.be/zeta \
    --year 2023 - <"$f" >"$out/$key.add-new.out" 2>"$out/$key.add-new.err"
  echo $? >"$out/$key.add-new.code"
  set -e
  n=$((n + 1))
done
"$bin" rules >"$out/rules.out"
for id in $("$bin" rules | awk '/^[a-z-]+ +(error|warn) / {print $1}'); do
  "$bin" rule "$id" >"$out/rule-$id.out"
done
if "$bin" links --help >/dev/null 2>&1 && ! "$bin" links --no-cache /dev/null 2>&1 | grep -q -- "--features links"; then
  tmp=$(mktemp -d)
  python3 scripts/link-server.py 0 >"$tmp/port" &
  server=$!
  trap 'kill $server 2>/dev/null' EXIT
  while [ ! -s "$tmp/port" ]; do sleep 0.1; done
  port=$(head -n 1 "$tmp/port"); port=${port##*:}
  u="http://127.0.0.1:$port"
  cat >"$tmp/README.md" <<LIST
# Links

See [the guide]($u/moved/guide) and ![badge]($u/ok/badge.svg).

## Table of Contents

1. [Acme](#acme)
1. [Globex](#globex)

## Acme

- [Moved for good]($u/moved/a) - \`2024\` - :books:
- [Moved twice]($u/moved308/b) - \`2023\` - :books:
- [Moved for now]($u/temporary/c) - \`2022\` - :books:
- [Still here]($u/ok/d) - \`2021\` - :books:

## Globex

- [Gone]($u/gone/e) - \`2020\` - :books:
- [Removed]($u/removed/f) - \`2019\` - :books:
LIST
  for mode in "" "--all" "--fix-redirects" "--all --fix-redirects"; do
    key=links$(printf '%s' "$mode" | tr ' -' '__')
    cp "$tmp/README.md" "$tmp/list.md"
    set +e
    # shellcheck disable=SC2086
    "$bin" links --no-cache --format short $mode "$tmp/list.md" >"$out/$key.out" 2>"$out/$key.err"
    echo $? >"$out/$key.code"
    set -e
    cp "$tmp/list.md" "$out/$key.list"
    sed -i "s/127\.0\.0\.1:$port/127.0.0.1:PORT/g; s#$tmp/#TMP/#g" "$out/$key".*
  done
  kill $server
  rm -rf "$tmp"
fi
echo "outputs of $n files in $out"
