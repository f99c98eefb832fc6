#!/usr/bin/env bash
# The pre-commit hooks, for real: install pre-commit from PyPI into a
# throwaway virtualenv, make a git repo holding a broken list, and check
#   1. `flinkscale-lint` fails and prints the diagnostic;
#   2. `flinkscale-fmt` rewrites the file (and so fails, as pre-commit does
#      when a hook modifies files), then passes on a second run;
#   3. `flinkscale-lint` then passes;
#   4. the binary the hooks built (no features) has no network: `links`
#      says how to get it, with exit code 2.
# Then, given a folder holding a flinkscale wheel built here (maturin), the
# same steps with the fast hooks of pre-commit/ (language: python), which
# install that wheel instead of building; and each kind's first install
# (`pre-commit install-hooks`) is timed and printed side by side.
# Usage: scripts/precommit-roundtrip.sh [WHEEL_DIR]
#   (from anywhere; needs python3, git, cargo)
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

# make_list DIR HOOK_REPO REV: a git repo in DIR holding the broken list
# and a .pre-commit-config.yaml that pins HOOK_REPO at REV.
make_list() {
    local repo=$1 hooks=$2 rev=$3
    mkdir "$repo"
    cd "$repo"
    git init --quiet
    git config user.email ci@example.invalid
    git config user.name "flinkscale CI"
    cp "$project/fixtures/add/flinkscale.toml" flinkscale.toml
    # A clean list with three fixable mistakes: a wrong-case anchor, a
    # heading with a trailing space, and two entries out of order.
    sed -e 's/(#kilo-labs)/(#Kilo-Labs)/' \
        -e 's/^## eBay$/## eBay /' \
        "$project/fixtures/add/clean.md" >README.md
    python3 - <<'PY'
text = open("README.md").read()
a = "- [Pulsar on the flight deck](https://bravo.example/flight-deck) - `2024` - :books:\n"
b = "- [Geo-replication for bookings](https://bravo.example/geo) - `2021` - :books:\n"
assert a + b in text
open("README.md", "w").write(text.replace(a + b, b + a))
PY
    cat >.pre-commit-config.yaml <<YAML
repos:
  - repo: $hooks
    rev: $rev
    hooks:
      - id: flinkscale-fmt
      - id: flinkscale-lint
YAML
    git add README.md flinkscale.toml .pre-commit-config.yaml
    git commit --quiet -m "a list with mistakes"
}

rev=$(git -C "$project" rev-parse HEAD)
if [ -n "$(git -C "$project" status --porcelain --untracked-files=no)" ]; then
    echo "note: $project has uncommitted changes; the hooks are built from HEAD ($rev)"
fi
now() { python3 -c 'import time; print(time.time())'; }
# install_timed: `pre-commit install-hooks` in the current list repo; prints
# the seconds it took.
install_timed() {
    local start end
    start=$(now)
    "$precommit" install-hooks >&2
    end=$(now)
    python3 -c "print(f'{$end - $start:.1f}')"
}

step() { printf '\n== %s\n' "$*"; }

# The four steps on the list repo in the current directory.
round_trip() {
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
}

step "from-source hooks (language: rust): first install"
make_list "$work/list" "$project" "$rev"
source_seconds=$(install_timed)
round_trip

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

passed=5
if [ -n "${1:-}" ]; then
    wheels=$(cd "$1" && pwd)
    step "fast hooks (language: python, the wheel in $wheels): first install"
    # The hooks' repository is pre-commit/ as the release workflow
    # publishes it; pip takes the pinned flinkscale from the local wheel.
    mirror="$work/mirror"
    cp -r "$project/pre-commit" "$mirror"
    git -C "$mirror" init --quiet
    git -C "$mirror" add -A
    git -C "$mirror" -c user.email=ci@example.invalid -c user.name=ci commit --quiet -m mirror
    export PIP_FIND_LINKS="$wheels"
    make_list "$work/list-fast" "$mirror" "$(git -C "$mirror" rev-parse HEAD)"
    fast_seconds=$(install_timed)
    round_trip
    fast_bin=$(find "$PRE_COMMIT_HOME" -path '*/bin/flinkscale' -newer "$mirror/pyproject.toml" -type f | head -n 1)
    "$fast_bin" --version
    passed=10
    echo
    echo "first install: fast hooks ${fast_seconds} s, from-source hooks ${source_seconds} s"
fi

echo
echo "pre-commit round trip: $passed passed, 0 failed"
