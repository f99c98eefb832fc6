#!/usr/bin/env bash
# `flinkscale links` on a list of N entries (default 1,000) served by
# scripts/link-server.py on 127.0.0.1: wall time and peak memory, with the
# default limits (4 requests at a time to one host, which all of these
# share), then re-runs with a warm cache (only the dead links are asked
# again). Lifting the per-host limit measures the Python server, not us.
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
        # 90% fine, 5% moved, 3% gone, 2% temporarily redirected.
        kind = ["ok"] * 90 + ["moved"] * 5 + ["gone"] * 3 + ["temporary"] * 2
        path = kind[k % 100]
        print(f"- [Post {k}](http://127.0.0.1:{port}/{path}/{k}) - `{2024 - j}` - :books:")
        k += 1
PY
echo "entries: $(grep -c '^- \[Post' "$work/README.md"), server 127.0.0.1:$port"
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
