#!/usr/bin/env bash
# `flinkscale links` on a list of N entries (default 1,000) served by
# scripts/link-server.py on 127.0.0.1: wall time and peak memory, with the
# default limits (4 requests at a time to one host, which all of these
# share), then re-runs with a warm cache (only the dead links are asked
# again). Lifting the per-host limit measures the Python server, not us.
# Then `--fix-dead` (10% of the entries are dead, half of those have an
# archived copy that answers, from the server's copy of the Wayback
# Machine's API), checked byte for byte against the list with exactly
# those URLs rewritten; and `--changed-since HEAD` after ten entries are
# added to a committed list.
# No internet. Usage: scripts/bench-links.sh [BIN] [N] [RUNS]
#   BIN defaults to target/release/flinkscale (built with --features links).
set -euo pipefail
project=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-$project/target/release/flinkscale}
n=${2:-1000}
runs=${3:-3}
work=$(mktemp -d)
python3 "$project/scripts/link-server.py" 0 >"$work/port" &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 50); do [ -s "$work/port" ] && break; sleep 0.1; done
port=$(head -1 "$work/port"); port=${port##*:}
python3 - "$n" "$port" >"$work/README.md" <<'PY'
import sys
n, port = int(sys.argv[1]), sys.argv[2]
companies = [f"Company {i:03d}" for i in range(max(1, n // 10))]
print("# Links at scale\n\n## Contents\n")
for c in companies:
    print(f"- [{c}](#{c.lower().replace(' ', '-')})")
k = 0
for c in companies:
    print(f"\n## {c}\n")
    for j in range(n // len(companies)):
        # 80% fine, 5% moved, 10% gone, 5% temporarily redirected.
        kind = ["ok"] * 80 + ["moved"] * 5 + ["gone"] * 10 + ["temporary"] * 5
        path = kind[k % 100]
        print(f"- [Post {k}](http://127.0.0.1:{port}/{path}/{k}) - `{2024 - j}` - :books:")
        k += 1
PY
echo "entries: $(grep -c '^- \[Post' "$work/README.md"), server 127.0.0.1:$port"
export FLINKSCALE_ARCHIVE_API="http://127.0.0.1:$port/wayback/available"
cp "$work/README.md" "$work/original.md"
measure() {
  local label=$1; shift
  for r in $(seq "$runs"); do
    /usr/bin/time -f "%e %M" -o "$work/t" "$bin" links --format short "$@" "$work/README.md" >"$work/out" 2>/dev/null || true
    read -r secs kib < <(tail -1 "$work/t")
    echo "$label run $r: ${secs}s, peak $((kib / 1024)) MiB, $(wc -l <"$work/out") diagnostics"
  done
}
measure "every link asked (--no-cache)" --no-cache
"$bin" links --format short "$work/README.md" >/dev/null 2>&1 || true
measure "warm cache" 

# --fix-dead on fresh copies (no cache: every link and every archive asked).
for r in $(seq "$runs"); do
  cp "$work/original.md" "$work/README.md"
  rm -f "$work/.flinkscale-links-cache.json"
  /usr/bin/time -f "%e %M" -o "$work/t" "$bin" links --format short --fix-dead "$work/README.md" >"$work/out" 2>"$work/err" || true
  read -r secs kib < <(tail -1 "$work/t")
  echo "--fix-dead run $r: ${secs}s, peak $((kib / 1024)) MiB, $(grep -o 'fixed [0-9]* dead links\?' "$work/err")"
done
python3 - "$work/original.md" "$work/README.md" "$port" <<'PY'
import re, sys
original, fixed, port = open(sys.argv[1]).read(), open(sys.argv[2]).read(), sys.argv[3]
host = f"http://127.0.0.1:{port}"
def heal(m):
    k, year = int(m.group(1)), m.group(2)
    if k % 2:
        return m.group(0)
    return m.group(0).replace(f"{host}/gone/{k})", f"{host}/web/{year}0701000000/{host}/gone/{k})")
expected = re.sub(r"- \[Post (\d+)\]\(" + re.escape(host) + r"/gone/\d+\) - `(\d{4})`[^\n]*", heal, original)
healed = expected.count("/web/")
assert fixed == expected, "--fix-dead changed something else"
print(f"--fix-dead: exactly the {healed} archived entries rewritten, every other byte kept")
PY

# --changed-since: ten entries added to a committed list.
cp "$work/original.md" "$work/README.md"
git -C "$work" init -q
git -C "$work" -c user.name=bench -c user.email=bench@example.com add README.md
git -C "$work" -c user.name=bench -c user.email=bench@example.com commit -q -m list
for i in $(seq 10); do
  echo "- [New $i](http://127.0.0.1:$port/ok/new$i) - \`2024\` - :books:" >>"$work/README.md"
done
for r in $(seq "$runs"); do
  /usr/bin/time -f "%e %M" -o "$work/t" "$bin" links --format short --no-cache --changed-since HEAD "$work/README.md" >"$work/out" 2>"$work/err" || true
  read -r secs kib < <(tail -1 "$work/t")
  echo "--changed-since HEAD run $r: ${secs}s, peak $((kib / 1024)) MiB, $(grep -o 'checking.*' "$work/err")"
done
