#!/usr/bin/env python3
"""Corpus stage: run flinkscale on the real lists in ../shared/corpus.

Usage: scripts/corpus.py BINARY CORPUS_DIR

- flink-at-scale.md must be reported with every row of the table in the
  corpus README (line and rule), and nothing else at error severity.
- Every file in flink-history/ must lint without a crash, in valid JSON; a
  per-file count of diagnostics per rule is printed for a person to read.
- fmt on flink-at-scale.md repairs every row but the tag-mismatch warning,
  keeps all entries in their sections, and is idempotent; on every history
  file fmt is idempotent, keeps every entry URL, and `fmt --check` on its
  output exits 0.
- `export --format json` on every file yields as many records as the file
  has entry lines (counted here with a regex), in file order.
- With no flinkscale.toml, every file linted with its TOC renamed
  `Contents`, `Table of contents` or `Companies`, and with trailing
  `## Contributing` and `## License` prose sections appended, gives exactly
  the original's diagnostics; fmt on the latter exits 0 or 1, keeps the
  trailers last and leaves nothing fixable.

Ends with a line `corpus: N passed, N failed` and exits 1 on any failure.
"""
import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

from stage import Tally

tally = Tally("corpus")
check = tally.check


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


def human_stage(binary, corpus):
    """The human report of the real list stays short in 80 columns and
    still names every problem's line."""
    import os
    path = corpus / "flink-at-scale.md"
    env = dict(os.environ, NO_COLOR="1", COLUMNS="80")
    proc = subprocess.run([binary, "lint", str(path)], capture_output=True, text=True,
                          timeout=60, env=env)
    lines = proc.stdout.splitlines()
    check(len(lines) < 120, f"human report of {path.name}: {len(lines)} lines (under 120)")
    check(all(len(l) <= 80 for l in lines), f"human report of {path.name} fits 80 columns")
    flat = re.sub(r"\n\s+", " ", proc.stdout)
    named = {int(n) for n in re.findall(r"\[[^\]]*:(\d+):\d+\]", flat)}
    for group in re.findall(r"the same on lines? ([\d, and]+)", flat):
        named |= {int(n) for n in re.findall(r"\d+", group)}
    _, out = lint_json(binary, path)
    if path.name == "flink-at-scale.md":
        # docs/commands.md, "What a report looks like", names this figure.
        problems = len(out["files"][0]["diagnostics"])
        check(problems == 24, f"{path.name}: {problems} problems, docs/commands.md says 24")
    want = {d["line"] for d in out["files"][0]["diagnostics"]}
    check(want <= named, f"human report of {path.name} names every line: missing {sorted(want - named)}")
    print(f"{path.name}: human report {len(lines)} lines for {len(out['files'][0]['diagnostics'])} problems")


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


def run(binary, *args, stdin=None):
    return subprocess.run([binary, *args], capture_output=True, text=True, timeout=60, input=stdin)


def entry_lines(text):
    """Entry-like lines after the TOC (independent of flinkscale's parser)."""
    body = text.split("## Table of Contents", 1)[-1]
    return sorted(re.sub(r"\s+", " ", l.strip()) for l in body.splitlines()
                  if re.match(r"^\s*[-*+] \[", l) and not re.search(r"\]\(#", l))


def urls(lines):
    return sorted(re.search(r"\]\(\s*([^)\s]+)", l).group(1) for l in lines)


def fmt_stage(binary, corpus):
    path = corpus / "flink-at-scale.md"
    once = run(binary, "fmt", str(path))
    check(once.returncode == 0, f"fmt {path.name} (exit {once.returncode}: {once.stderr.strip()})")
    if once.returncode != 0:
        return
    twice = run(binary, "fmt", "-", stdin=once.stdout)
    check(twice.stdout == once.stdout, f"fmt {path.name} is idempotent")
    out = json.loads(run(binary, "lint", "--format", "json", "-", stdin=once.stdout).stdout)
    left = [(d["line"], d["rule"]) for d in out["files"][0]["diagnostics"]]
    check(all(r == "tag-mismatch" for _, r in left) and len(left) == 1,
          f"fmt repairs every row but the tag-mismatch warning (left: {left})")
    m = re.search(r"keep all (\d+) entries in their (\d+) sections", (corpus / "README.md").read_text())
    want_entries, want_sections = (int(m.group(1)), int(m.group(2))) if m else (None, None)
    got_entries = len(entry_lines(once.stdout))
    got_sections = len(re.findall(r"^## ", once.stdout, re.M)) - 1
    check(m is not None and (got_entries, got_sections) == (want_entries, want_sections),
          f"fmt keeps {want_entries} entries in {want_sections} sections (got {got_entries} in {got_sections})")
    check(urls(entry_lines(once.stdout)) == urls(entry_lines(path.read_text())), "fmt keeps every URL")
    print(f"{path.name}: fmt keeps {got_entries} entries in {got_sections} sections; left: {left}")
    for hist in sorted((corpus / "flink-history").glob("*.md")):
        a = run(binary, "fmt", str(hist))
        ok = a.returncode == 0
        if ok:
            b = run(binary, "fmt", "-", stdin=a.stdout)
            chk = run(binary, "fmt", "--check", "-", stdin=a.stdout)
            ok = (b.stdout == a.stdout and chk.returncode == 0
                  and urls(entry_lines(a.stdout)) == urls(entry_lines(hist.read_text())))
        check(ok, f"fmt {hist.name}: succeeds, idempotent, keeps entries, --check clean on output")


def export_stage(binary, corpus):
    """export --format json yields one record per entry line, in file order."""
    files = [corpus / "flink-at-scale.md", *sorted((corpus / "flink-history").glob("*.md"))]
    for path in files:
        proc = run(binary, "export", "--format", "json", str(path))
        try:
            records = json.loads(proc.stdout) if proc.returncode == 0 else None
        except json.JSONDecodeError:
            records = None
        want = entry_lines(path.read_text())
        got = None if records is None else len(records)
        check(got == len(want), f"export {path.name}: {got} records for {len(want)} entries")
        if records is not None:
            lines = [r["line"] for r in records]
            check(lines == sorted(lines), f"export {path.name}: records in file order")
    print(f"export: {len(files)} files")


TRAILER = "\n\n## Contributing\n\nPull requests welcome.\n\n## License\n\nCC0."


def diagnostics_of(binary, text, work, name):
    path = work / name
    path.write_text(text)
    proc, out = lint_json(binary, path)
    if out is None:
        return None
    return sorted((d["line"], d["column"], d["rule"]) for d in out["files"][0]["diagnostics"])


def zero_config_stage(binary, corpus):
    """No flinkscale.toml: a TOC called Contents, Table of contents or
    Companies, and trailing Contributing/License sections, change nothing."""
    import tempfile
    files = [corpus / "flink-at-scale.md", *sorted((corpus / "flink-history").glob("*.md"))]
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for path in files:
            text = path.read_text()
            want = diagnostics_of(binary, text, work, "original.md")
            check(want is not None, f"{path.name}: lints")
            if want is None:
                continue
            toc = re.compile(r"^## Table of Contents[ \t]*$", re.M)
            if toc.search(text):
                for name in ["Contents", "Table of contents", "Companies"]:
                    got = diagnostics_of(binary, toc.sub(f"## {name}", text), work, "renamed.md")
                    strip = lambda ds: [d for d in ds or [] if d[2] != "heading-whitespace" or d[0] != toc_line(text)]
                    check(strip(got) == strip(want), f"{path.name} with its TOC called {name}: "
                          f"{sorted(set(got or []) ^ set(want))[:8]}")
            content = text.rstrip("\n")
            variant = content + TRAILER + text[len(content):]
            got = diagnostics_of(binary, variant, work, "README.md")
            no_end = lambda ds: sorted((l, c, r) for l, c, r in ds or [] if r != "final-newline")
            ends = lambda ds: [r for _, _, r in ds or [] if r == "final-newline"]
            check(no_end(got) == no_end(want) and ends(got) == ends(want),
                  f"{path.name} with Contributing and License appended: "
                  f"{sorted(set(no_end(got)) ^ set(no_end(want)))[:8]}")
            fmt = run(binary, "fmt", str(work / "README.md"))
            ok = fmt.returncode in (0, 1)
            if ok:
                heads = re.findall(r"^## (.*)$", fmt.stdout, re.M)
                left = json.loads(run(binary, "lint", "--format", "json", "-", stdin=fmt.stdout).stdout)
                ok = heads[-2:] == ["Contributing", "License"] and left["summary"]["fixable"] == 0
            check(ok, f"fmt {path.name} with trailing sections: exit {fmt.returncode}, "
                      f"trailers last and nothing fixable ({fmt.stderr.strip()[:200]})")
    print(f"zero configuration: {len(files)} files, each renamed 3 ways and with trailers")


def toc_line(text):
    for n, line in enumerate(text.split("\n"), 1):
        if line.startswith("## Table of Contents"):
            return n
    return None


def main():
    binary, corpus = sys.argv[1], Path(sys.argv[2])
    print(f"== lint {corpus / 'flink-at-scale.md'}")
    seed_stage(binary, corpus)
    human_stage(binary, corpus)
    print(f"== lint {corpus / 'flink-history'}")
    history_stage(binary, corpus)
    print(f"== fmt {corpus}")
    fmt_stage(binary, corpus)
    print(f"== export {corpus}")
    export_stage(binary, corpus)
    print(f"== zero configuration {corpus}")
    zero_config_stage(binary, corpus)
    tally.finish()


if __name__ == "__main__":
    main()
