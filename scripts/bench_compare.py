#!/usr/bin/env python3
"""Timing half of scripts/bench-compare.sh: median wall time and peak RSS of
whole processes, printed as a Markdown table with ratios to a bare
pulldown-cmark parse of the same file."""
import argparse
import os
import platform
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path


GNU_TIME = "/usr/bin/time"


def run_once(cmd, cwd):
    """Wall time and ru_maxrss (MiB) of one run of `cmd`."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=cwd)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} exited {code}")
    return elapsed, usage.ru_maxrss / 1024


def peak_memory(cmd, cwd):
    """Peak RSS in MiB of one more run, under GNU time when it is installed:
    a child forked from this Python process counts Python's own pages in
    its ru_maxrss (about 15 MiB), which swamps a small tool's real peak."""
    if os.path.exists(GNU_TIME):
        with tempfile.NamedTemporaryFile("r") as out:
            run_once([GNU_TIME, "-f", "%M", "-o", out.name, *cmd], cwd)
            return int(out.read().strip().splitlines()[-1]) / 1024
    return run_once(cmd, cwd)[1]


def measure(rows, runs, cwd):
    """Median wall time of `runs` fresh processes of each command, and its
    peak RSS in MiB.

    The runs are interleaved, round by round (every command once, then
    again), so that a busy moment on a shared machine falls on all of them
    alike instead of on whichever tool ran then. markdownlint-cli2 (tens of
    seconds a run) runs at most three times.
    """
    samples = {name: [] for name, _ in rows}
    for round_ in range(runs):
        for name, cmd in rows:
            if "markdownlint" in name and round_ >= 3:
                continue
            samples[name].append(run_once(cmd, cwd)[0])
    return [(name, statistics.median(samples[name]), peak_memory(cmd, cwd)) for name, cmd in rows]


def fmt_time(seconds):
    return f"{seconds * 1000:.1f} ms" if seconds < 1 else f"{seconds:.2f} s"


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--flinkscale", required=True)
    p.add_argument("--bare", required=True)
    p.add_argument("--rumdl", default="")
    p.add_argument("--markdownlint", default="")
    p.add_argument("--work", required=True)
    p.add_argument("files", nargs="+")
    a = p.parse_args()

    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.processor())
    print(f"machine: {os.cpu_count()} cores, {cpu}, {platform.system()} {platform.release()}")
    version = subprocess.run([a.flinkscale, "--version"], capture_output=True, text=True).stdout.strip()
    rumdl_version = subprocess.run([a.rumdl, "--version"], capture_output=True, text=True).stdout.strip() if a.rumdl else "no rumdl"
    print(f"tools: {version}; {rumdl_version}")
    for path in a.files:
        path = Path(path)
        size = path.stat().st_size
        big = size > 1_000_000
        runs = 11 if big else 30
        # Each tool lints a copy in its own directory, so no config or cache
        # of another tool is picked up and fmt never touches the original.
        copy_dir = Path(a.work) / "run"
        shutil.rmtree(copy_dir, ignore_errors=True)
        copy_dir.mkdir()
        target = copy_dir / "README.md"
        shutil.copy(path, target)
        rows = [
            ("pulldown-cmark bare parse", [a.bare, str(target)]),
            ("flinkscale lint", [a.flinkscale, "lint", "--format", "short", str(target)]),
            ("flinkscale fmt (to stdout)", [a.flinkscale, "fmt", str(target)]),
        ]
        if a.rumdl:
            rows.append(("rumdl check --no-cache", [a.rumdl, "check", "--no-cache", str(target)]))
        if a.markdownlint:
            rows.append(("markdownlint-cli2", [a.markdownlint, str(target)]))
        results = measure(rows, runs, copy_dir)
        base = results[0][1]
        print(f"\n{path.name}: {size / 1e6:.2f} MB, median of {runs} interleaved runs\n")
        print("| tool | median | vs bare parse | peak memory |")
        print("|---|---:|---:|---:|")
        for name, t, mem in results:
            print(f"| {name} | {fmt_time(t)} | {t / base:.2f}x | {mem:.0f} MiB |")
        if big:
            goals(results, size)


def goals(results, size):
    """The performance goals, checked on this run: lint within 1.1x and fmt
    within 2x a bare parse (issue 20's performance note), peak memory
    under 3x the file + 20 MiB (the hardening issue's)."""
    by_name = {name: (t, mem) for name, t, mem in results}
    base = by_name["pulldown-cmark bare parse"][0]
    lint_t, lint_mem = by_name["flinkscale lint"]
    fmt_t, fmt_mem = by_name["flinkscale fmt (to stdout)"]
    budget = 3 * size / 2**20 + 20
    print()
    for what, ok in [
        (f"lint within 1.1x the bare parse: {lint_t / base:.2f}x", lint_t <= 1.1 * base),
        (f"fmt within 2x the bare parse: {fmt_t / base:.2f}x", fmt_t <= 2 * base),
        (f"lint peak memory under 3x the file + 20 MiB ({budget:.1f} MiB): {lint_mem:.1f} MiB", lint_mem < budget),
        (f"fmt peak memory under 3x the file + 20 MiB ({budget:.1f} MiB): {fmt_mem:.1f} MiB", fmt_mem < budget),
    ]:
        print(f"- {'met' if ok else 'NOT met'}: {what}")


if __name__ == "__main__":
    main()
