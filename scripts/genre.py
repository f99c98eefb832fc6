#!/usr/bin/env python3
"""Genre stage: flinkscale on the real lists of other shapes in ../shared/genre.

Usage: scripts/genre.py BINARY GENRE_DIR [NOTLISTS_DIR]

With no configuration (each list is copied alone into a scratch directory):

- On the newest version of each list, no rule fires on more than
  max(5, 10% of its entries): the list's own conventions are not defects.
- On every version, `fmt` exits 0 or 1 and never refuses, is idempotent, and
  keeps every link out of the page, every heading, the counts of years and
  of `:tag:` shortcodes, and the list's marker (counted here with regular
  expressions, not by flinkscale).
- Planted defects in each newest version, each reported by its rule at its
  line with nothing else new (the per-rule counts grow by exactly one):
  an entry's URL repeated in another company (`entry-duplicate`); two
  neighbouring companies of an alphabetical list swapped (`section-order`,
  `<details>` blocks too); a TOC anchor broken (`anchor-broken`).

- On every version, `fmt` changes at most a quarter of the lines
  (`difflib`'s changed lines over the input's); a version over that is
  named in OVER_A_QUARTER with the reason.
- The real defects that ../shared/genre/README.md names, each reported by
  its rule at its line (REAL_DEFECTS); those flinkscale cannot yet see are
  named in KNOWN_GAPS and printed, never silently passed.

With a third argument NOTLISTS_DIR, every Markdown file there (real files
that are no list): lint reports at most the anchor rules and says once why
the file is not a list, and `fmt` leaves it byte for byte.

Ends with a line `genre: N passed, N failed` and exits 1 on any failure.
"""
import difflib
import json
import re
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

from stage import Tally

ENTRY = re.compile(r"^\s{0,3}([-*+]|\d+[.)])\s+~*\[[^\]]*\]\((https?://[^)\s]+)")
OUT_LINK = re.compile(r"\]\((https?://[^)\s]+)|<(https?://[^>\s]+)>")
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
YEAR = re.compile(r"\b(?:19|20)\d\d\b")
SHORTCODE = re.compile(r":[a-z0-9_+-]+:")


tally = Tally("genre")
check = tally.check

# Real defects of the newest versions that ../shared/genre/README.md names:
# (folder, rule, a text the reported line holds).
REAL_DEFECTS = [
    ("apache__druid-website-src", "section-order", "## Deema.agency"),
    ("apache__druid-website-src", "entry-format", "- At Alibaba Cloud"),
    ("binhnguyennus__awesome-scalability", "toc-entry-extra", "[Book](#book)"),
    ("binhnguyennus__awesome-scalability", "trailing-whitespace", "\t"),
    ("binhnguyennus__awesome-scalability", "entry-title-whitespace", "  "),
    ("khangich__machine-learning-interview", "toc-entry-missing", "## "),
    ("binhnguyennus__awesome-scalability", "entry-duplicate",
     "Migrating Mountains of Mongo Data at Addepar"),
    ("MartinsOnuoha__company-engineering-blogs", "section-count", "## Blog Links (130)"),
    ("MartinsOnuoha__company-engineering-blogs", "entry-order", "| .NET "),
    ("MartinsOnuoha__company-engineering-blogs", "entry-order", "| Wise "),
    ("apache__druid-website-src", "entry-title-quote", "Challenge for You!\"]"),
    ("apache__druid-website-src", "entry-duplicate", "*SlideShare*"),
]

# What the stage cannot check yet, said on every run (nothing now).
KNOWN_GAPS = {}

LEADING = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+\[[^\]]*\]\((https?://[^)\s]+)|"
                     r"^\s*\|.*?(?:<(https?://[^>\s]+)>|\]\((https?://[^)\s]+)\))")

# Versions whose fmt may change more than a quarter of the lines, and why.
OVER_A_QUARTER = {
    f"khangich__machine-learning-interview/{v}.md":
        "four companies out of alphabetical order (a real defect the README names) move "
        "whole, and the TOC, numbered `1. 2. 3.`, is renumbered below the first moved item; "
        "with section-order off fmt changes 56 of 351 lines of the newest version"
    for v in ["20201003-7d37d9b", "20201003-9e46b41", "20201006-ba3a0d4", "20201101-d226389",
              "20210210-bf2ecda", "20210426-95d9852", "20210517-b99a6ea", "20211127-a2d7c63",
              "20211127-fc6aa53", "20211205-e80e4ab", "20211205-f26952a"]
}


def run(binary, args, cwd, stdin=None):
    return subprocess.run([binary, *args], cwd=cwd, input=stdin, capture_output=True,
                          text=True, timeout=120)


def lint(binary, text, work):
    (work / "README.md").write_text(text)
    proc = run(binary, ["lint", "--format", "json", "README.md"], work)
    if proc.returncode not in (0, 1):
        return None
    return json.loads(proc.stdout)["files"][0]["diagnostics"]


def fmt(binary, text, work):
    (work / "README.md").write_text(text)
    return run(binary, ["fmt", "README.md"], work)


def marker(line):
    m = ENTRY.match(line)
    if not m:
        return None
    return "1." if m.group(1)[0].isdigit() else m.group(1)


def facts(text):
    lines = text.split("\n")
    links = Counter(a or b for a, b in OUT_LINK.findall(text))
    headings = Counter(" ".join(m.group(2).split()) for m in map(HEADING.match, lines) if m)
    markers = Counter(filter(None, map(marker, lines)))
    return {
        "links": links,
        "headings": headings,
        "years": len(YEAR.findall(text)),
        "tags": len(SHORTCODE.findall(text)),
        "marker": markers.most_common(1)[0][0] if markers else None,
    }


def counts(diagnostics):
    return Counter(d["rule"] for d in diagnostics)


def companies(text, details):
    """(start line, end line, name) of each company, in file order."""
    lines = text.split("\n")
    found = []
    if details:
        opens = [i for i, l in enumerate(lines) if l.strip().lower().startswith("<details")]
        for k, i in enumerate(opens):
            end = next((j + 1 for j in range(i, len(lines)) if "</details>" in lines[j]), None)
            if end is None or (k + 1 < len(opens) and end > opens[k + 1]):
                continue
            m = re.search(r"<summary>(.*?)</summary>", "\n".join(lines[i:i + 3]))
            if m:
                found.append((i, end, m.group(1).strip()))
        return found
    starts = [i for i, l in enumerate(lines) if l.startswith("## ")]
    for k, i in enumerate(starts):
        end = starts[k + 1] if k + 1 < len(starts) else len(lines)
        if any(ENTRY.match(l) for l in lines[i:end]):
            found.append((i, end, lines[i][3:].strip()))
    return found


def key(name):
    return "".join(c for c in name.lower() if c.isalnum())


def planted(binary, name, text, work):
    before = lint(binary, text, work)
    base = counts(before)
    lines = text.split("\n")

    def expect(new_text, rule, line, what):
        after = lint(binary, new_text, work)
        if after is None:
            check(False, f"{name}: {what}: lint failed")
            return
        grown = counts(after) - base
        shrunk = base - counts(after)
        at = [d["line"] for d in after if d["rule"] == rule]
        print(f"{name}: planted {what}: {rule} at {line}")
        check(line in at and grown == Counter({rule: 1}) and not shrunk,
              f"{name}: {what}: expected one new {rule} at line {line}, got "
              f"new {dict(grown)}, gone {dict(shrunk)}, {rule} at {at[:10]}")

    details = sum(1 for l in lines if l.strip().lower().startswith("<details")) >= 2
    cos = companies(text, details)
    # 1. An entry's URL repeated in another company.
    firsts = []
    for start, end, _ in cos:
        entry = next((i for i in range(start, end) if ENTRY.match(lines[i])), None)
        if entry is not None:
            firsts.append(entry)
    rows = [i for i, l in enumerate(lines) if l.lstrip().startswith("|") and LEADING.match(l)]
    if len(rows) >= 2 or len(firsts) < 2:
        # A table's rows, or a flat list's items (no company sections).
        led = rows if len(rows) >= 2 else [i for i, l in enumerate(lines) if LEADING.match(l)]
        if len(led) >= 2:
            src, dst = led[0], led[-1]
            m, n = LEADING.match(lines[src]), LEADING.match(lines[dst])
            url = next(g for g in m.groups() if g)
            copy = lines[dst].replace(next(g for g in n.groups() if g), url, 1)
            new = lines[:dst + 1] + [copy] + lines[dst + 1:]
            expect("\n".join(new), "entry-duplicate", dst + 2,
                   "URL repeated in another row or item")
        else:
            print(f"{name}: no entries to plant a duplicate among")
    if len(firsts) >= 2:
        src, dst = firsts[0], firsts[-1]
        url = ENTRY.match(lines[src]).group(2)
        # The other company's entry, pointing at the first company's URL:
        # same year, same marker, only the URL repeated.
        copy = lines[dst].replace(ENTRY.match(lines[dst]).group(2), url, 1)
        new = lines[:dst + 1] + [copy] + lines[dst + 1:]
        expect("\n".join(new), "entry-duplicate", dst + 2, "URL repeated in another company")
    # 2. Two neighbouring companies of an alphabetical list swapped.
    keys = [key(n) for _, _, n in cos]
    in_order = sum(1 for a, b in zip(keys, keys[1:]) if a <= b)
    if len(keys) >= 6 and in_order * 3 >= (len(keys) - 1) * 2:
        # Neighbours in the file too: no company without entries between
        # (an H2 list's companies end where the next H2 starts).
        def touch(a, b):
            return cos[a][1] <= cos[b][0] if details else cos[a][1] == cos[b][0]
        i = next((i for i in range(1, len(keys) - 2)
                  if keys[i - 1] < keys[i] < keys[i + 1] < keys[i + 2]
                  and touch(i - 1, i) and touch(i, i + 1) and touch(i + 1, i + 2)), None)
        if i is None:
            print(f"{name}: no sorted run of four neighbouring companies to swap")
        else:
            (a0, a1, _), (b0, b1, _) = cos[i], cos[i + 1]
            new = lines[:a0] + lines[b0:b1] + lines[a1:b0] + lines[a0:a1] + lines[b1:]
            # The moved-up company (first in the output) sorts after the
            # one now below it: the lower one is reported, at its name.
            moved = a0 + (b1 - b0) + (b0 - a1)
            line = moved + 1
            if details:
                line = next(j + 1 for j in range(moved, len(new)) if "<summary>" in new[j])
            expect("\n".join(new), "section-order", line, "neighbouring companies swapped")
    # 3. A TOC anchor broken.
    toc_item = next((i for i, l in enumerate(lines)
                     if re.match(r"^\s*([-*+]|\d+[.)])\s+\[[^\]]+\]\(#[a-z0-9-]+\)\s*$", l)), None)
    if toc_item is not None:
        new = list(lines)
        new[toc_item] = re.sub(r"\(#([a-z0-9-]+)\)", r"(#\1-gone)", new[toc_item], count=1)
        expect("\n".join(new), "anchor-broken", toc_item + 1, "a TOC anchor broken")


def changed_lines(before, after):
    """Lines of `before` that fmt replaced or removed, plus lines it added."""
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    return sum(max(i2 - i1, j2 - j1) for op, i1, i2, j1, j2 in matcher.get_opcodes()
               if op != "equal")


def real_defects(binary, folder, text, work):
    diagnostics = lint(binary, text, work) or []
    lines = text.split("\n")
    for name, rule, holds in REAL_DEFECTS:
        if name != folder:
            continue
        at = [d["line"] for d in diagnostics if d["rule"] == rule]
        hit = [n for n in at if holds in lines[n - 1]]
        print(f"{folder}: real defect {rule} at {hit[:5]}")
        check(bool(hit), f"{folder}: the real defect `{rule}` on a line holding "
                         f"`{holds}` is not reported (it fires at {at[:10]})")


def notlists(binary, root, work):
    anchors = {"anchor-broken", "anchor-case"}
    for path in sorted(root.glob("*.md")):
        if path.name == "README.md":
            continue
        text = path.read_text()
        (work / "README.md").write_text(text)
        proc = run(binary, ["lint", "--format", "json", "README.md"], work)
        check(proc.returncode in (0, 1), f"notlists/{path.name}: lint exit {proc.returncode}")
        if proc.returncode not in (0, 1):
            continue
        rules = Counter(d["rule"] for d in json.loads(proc.stdout)["files"][0]["diagnostics"])
        said = [l for l in proc.stderr.splitlines() if "not a list" in l]
        print(f"notlists/{path.name}: {dict(rules)}; {said[0] if said else 'no note'}")
        check(set(rules) <= anchors, f"notlists/{path.name}: list rules fire: {dict(rules)}")
        check(len(said) == 1, f"notlists/{path.name}: lint does not say once why it is no list")
        once = fmt(binary, text, work)
        check(once.returncode == 0 and once.stdout == text,
              f"notlists/{path.name}: fmt changes it (exit {once.returncode})")


def main():
    binary = str(Path(sys.argv[1]).resolve())
    root = Path(sys.argv[2])
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        for folder in sorted(p for p in root.iterdir() if p.is_dir()):
            versions = sorted(folder.glob("*.md"))
            for path in versions:
                name = f"{folder.name}/{path.name}"
                text = path.read_text()
                once = fmt(binary, text, work)
                check(once.returncode in (0, 1) and "internal error" not in once.stderr,
                      f"{name}: fmt exit {once.returncode}: {once.stderr.strip()[:300]}")
                if once.returncode not in (0, 1):
                    continue
                twice = fmt(binary, once.stdout, work)
                check(twice.stdout == once.stdout, f"{name}: fmt is not idempotent")
                before, after = text.split("\n"), once.stdout.split("\n")
                moved = changed_lines(before, after)
                # A stub's final newline is not a rewrite: two lines at least.
                over = moved * 4 > max(len(before), 8)
                if over or moved:
                    print(f"{name}: fmt changes {moved} of {len(before)} lines")
                check(not over or name in OVER_A_QUARTER,
                      f"{name}: fmt changes {moved} of {len(before)} lines, over a quarter")
                a, b = facts(text), facts(once.stdout)
                for what in a:
                    check(a[what] == b[what], f"{name}: fmt changed the {what}: "
                          f"{a[what] if what != 'links' else (a[what] - b[what]) + (b[what] - a[what])} "
                          f"-> {b[what] if what != 'links' else ''}")
            newest = versions[-1]
            name = f"{folder.name}/{newest.name}"
            text = newest.read_text()
            diagnostics = lint(binary, text, work)
            entries = sum(1 for l in text.split("\n") if ENTRY.match(l))
            bound = max(5, entries // 10)
            per_rule = counts(diagnostics or [])
            print(f"{name}: {entries} entries, {sum(per_rule.values())} diagnostics: "
                  f"{dict(per_rule.most_common())}")
            check(diagnostics is not None, f"{name}: lint failed")
            for rule, n in per_rule.items():
                check(n <= bound, f"{name}: {rule} fires {n} times (bound {bound})")
            if folder.name in KNOWN_GAPS:
                print(f"{folder.name}: KNOWN GAP: {KNOWN_GAPS[folder.name]}")
            planted(binary, name, text, work)
            # The newest version with entries (a list that moved leaves a stub).
            with_entries = [v for v in versions if LEADING.search(v.read_text()) or
                            any(LEADING.match(l) for l in v.read_text().split("\n"))]
            if with_entries and with_entries[-1] != newest:
                older = with_entries[-1]
                planted(binary, f"{folder.name}/{older.name}", older.read_text(), work)
            real_defects(binary, folder.name, text, work)
        if len(sys.argv) > 3 and Path(sys.argv[3]).is_dir():
            notlists(binary, Path(sys.argv[3]), work)
    tally.finish()


if __name__ == "__main__":
    main()
