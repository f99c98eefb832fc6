#!/usr/bin/env bash
# The pre-commit hooks, for real: install pre-commit from PyPI into a
# throwaway virtualenv, make a git repo holding a broken list, and check
#   1. `flinkscale-lint` fails and prints the diagnostic;
#   2. `flinkscale-fmt` rewrites the file (and so fails, as pre-commit does
#      when a hook modifies files), then passes on a second run;
#   3. `flinkscale-lint` then passes;
#   4. the binary the hooks built (no features) has no network: `links`
#      says how to get it, with exit code 2.
# Usage: scripts/precommit-roundtrip.sh   (from anywhere; needs python3, git, cargo)
#
# The hooks come from this checkout's HEAD, pinned by a .pre-commit-config.yaml
# as a user pins a release, so that pre-commit builds them once and reuses
# the build for all four runs (`pre-commit try-repo` installs anew on every
# call: four builds). Uncommitted changes are not in HEAD: commit first.
set -euo pipefail

project=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet --disable-pip-version-check pre-commit
precommit="$work/venv/bin/pre-commit"
export PRE_COMMIT_HOME="$work/cache"
"$precommit" --version

repo="$work/list"
mkdir "$repo"
cd "$repo"
git init --quiet
git config user.email ci@example.invalid
git config user.name "flinkscale CI"
cp "$project/fixtures/add/flinkscale.toml" flinkscale.toml
# A clean list with three fixable mistakes: a wrong-case anchor, a heading
# with a trailing space, and two entries out of order.
sed -e 's/(#kilo-labs)/(#Kilo-Labs)/' \
    -e 's/^## eBay$/## eBay /' \
    "$project/fixtures/add/clean.md" >README.md
python3 - <<'PY'
import re
text = open("README.md").read()
a = "- [Pulsar on the flight deck](https://bravo.example/flight-deck) - `2024` - :books:\n"
b = "- [Geo-replication for bookings](https://bravo.example/geo) - `2021` - :books:\n"
assert a + b in text
open("README.md", "w").write(text.replace(a + b, b + a))
PY
rev=$(git -C "$project" rev-parse HEAD)
if [ -n "$(git -C "$project" status --porcelain --untracked-files=no)" ]; then
    echo "note: $project has uncommitted changes; the hooks are built from HEAD ($rev)"
fi
cat >.pre-commit-config.yaml <<YAML
repos:
  - repo: $project
    rev: $rev
    hooks:
      - id: flinkscale-fmt
      - id: flinkscale-lint
YAML
git add README.md flinkscale.toml .pre-commit-config.yaml
git commit --quiet -m "a list with mistakes"

step() { printf '\n== %s\n' "$*"; }

step "flinkscale-lint on the broken list must fail with the diagnostics"
if out=$("$precommit" run flinkscale-lint --all-files 2>&1); then
    echo "$out"
    echo "FAIL: the lint hook passed on a broken list"
    exit 1
fi
echo "$out" | tail -n 25
for rule in anchor-case heading-whitespace entry-order; do
    grep -q "$rule" <<<"$out" || { echo "FAIL: lint hook output lacks $rule"; exit 1; }
done

step "flinkscale-fmt must rewrite the file (pre-commit fails a hook that modifies files)"
if "$precommit" run flinkscale-fmt --all-files; then
    echo "FAIL: the fmt hook changed nothing"
    exit 1
fi
git diff --stat
cmp -s README.md "$project/fixtures/add/clean.md" || {
    diff -u "$project/fixtures/add/clean.md" README.md
    echo "FAIL: fmt did not restore the clean list"
    exit 1
}

step "flinkscale-fmt again: nothing left to change"
"$precommit" run flinkscale-fmt --all-files

step "flinkscale-lint on the repaired list must pass"
"$precommit" run flinkscale-lint --all-files

step "the hooks' build has no network: links says how to get it, exit 2"
# The hooks build flinkscale as a plain `cargo install` does (no features).
hook_bin=$(find "$PRE_COMMIT_HOME" -path '*/bin/flinkscale' -type f | head -n 1)
[ -n "$hook_bin" ] || { echo "FAIL: no flinkscale binary under $PRE_COMMIT_HOME"; exit 1; }
set +e
said=$("$hook_bin" links README.md 2>&1)
code=$?
set -e
echo "$said"
if [ "$code" -ne 2 ] || ! grep -q -- "--features links" <<<"$said"; then
    echo "FAIL: the hooks' links gave exit $code"
    exit 1
fi

echo
echo "pre-commit round trip: 5 passed, 0 failed"
