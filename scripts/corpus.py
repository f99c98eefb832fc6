#!/usr/bin/env python3
"""Corpus stage: run flinkscale on the real lists in ../shared/corpus.

Usage: scripts/corpus.py BINARY CORPUS_DIR

- flink-at-scale.md must be reported with every row of the table in the
  corpus README (line and rule), and nothing else at error severity.
- Every file in flink-history/ must lint without a crash, in valid JSON; a
  per-file count of diagnostics per rule is printed for a person to read.

Ends with a line `corpus: N passed, N failed` and exits 1 on any failure.
"""
import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

passed = 0
failed = 0


def check(ok, what):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print(f"FAIL: {what}")


def lint_json(binary, path):
    proc = subprocess.run([binary, "lint", "--format", "json", str(path)],
                          capture_output=True, text=True, timeout=60)
    if proc.returncode not in (0, 1):
        return proc, None
    try:
        return proc, json.loads(proc.stdout)
    except json.JSONDecodeError:
        return proc, None


def expected_rows(readme):
    """(line or 'end', rule) pairs from the README's table of what lint must find."""
    rows = []
    for line in readme.read_text().splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) < 3 or not cells[1].startswith("`"):
            continue
        rule = re.match(r"`([a-z-]+)`", cells[1])
        if not rule:
            continue
        for n in re.split(r",\s*", cells[0]):
            rows.append((n if n == "end" else int(n), rule.group(1)))
    return rows


def seed_stage(binary, corpus):
    path = corpus / "flink-at-scale.md"
    proc, out = lint_json(binary, path)
    check(out is not None, f"{path}: valid JSON (exit {proc.returncode}, stderr {proc.stderr.strip()!r})")
    if out is None:
        return
    diags = out["files"][0]["diagnostics"]
    last_line = len(path.read_text().split("\n")) - 1
    found = {(d["line"], d["rule"]) for d in diags}
    rows = expected_rows(corpus / "README.md")
    check(len(rows) > 10, f"read the expected table from the corpus README ({len(rows)} rows)")
    for line, rule in rows:
        want = last_line if line == "end" else line
        check((want, rule) in found, f"{path.name}:{want} expected {rule}")
    wanted = {(last_line if l == "end" else l, r) for l, r in rows}
    extra = [d for d in diags if d["severity"] == "error" and (d["line"], d["rule"]) not in wanted]
    for d in extra:
        print(f"  unexpected: {d['line']}:{d['column']} {d['rule']} {d['message']}")
    check(not extra, f"{path.name}: nothing else at error severity ({len(extra)} extra)")
    print(f"{path.name}: {len(diags)} diagnostics, {out['summary']}")


def history_stage(binary, corpus):
    files = sorted((corpus / "flink-history").glob("*.md"))
    check(len(files) > 0, "flink-history has files")
    for path in files:
        proc, out = lint_json(binary, path)
        ok = out is not None and "panicked" not in proc.stderr
        check(ok, f"{path.name}: lints without a crash, in valid JSON (exit {proc.returncode})")
        if not ok:
            continue
        counts = Counter(d["rule"] for d in out["files"][0]["diagnostics"])
        summary = ", ".join(f"{r} {n}" for r, n in sorted(counts.items())) or "clean"
        print(f"  {path.name}: {summary}")


def main():
    binary, corpus = sys.argv[1], Path(sys.argv[2])
    print(f"== lint {corpus / 'flink-at-scale.md'}")
    seed_stage(binary, corpus)
    print(f"== lint {corpus / 'flink-history'}")
    history_stage(binary, corpus)
    print(f"corpus: {passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
