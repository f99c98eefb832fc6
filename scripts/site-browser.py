#!/usr/bin/env python3
"""`flinkscale site` in a real browser (issue 36): headless Chromium opens
each page from file://, as a reader would, and this checks what it shows.

    scripts/site-browser.py FLINKSCALE GENLIST OUT [GENRE_DIR]

For fixtures/seed.md, a generated 10,000-entry list, each list of GENRE_DIR
and a hostile list written here:
- every entry `flinkscale export` reads is on the page;
- `?q=`, `&company=`, `&year=` and `&kind=` show exactly the entries that
  export's records filtered the same way give;
- no request leaves the page: Chromium runs behind a proxy of ours that
  counts every request it is asked to make (a file:// page loads nothing
  else; anything it fetched would pass through it);
- on the hostile page no script of the list's runs, no markup of the
  list's is an element, and no javascript:/data: URL is a link;
- a screenshot of each page is written to OUT (CI keeps them);
- the 10,000-entry page's filtering time per view, measured in the page
  (`data-filter-ms`), is printed.
"""

import concurrent.futures
import html.parser
import http.server
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import urllib.parse
from pathlib import Path

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-default-apps",
    "--disable-sync",
    "--metrics-recording-only",
    "--hide-scrollbars",
]

failures = []


def fail(what):
    failures.append(what)
    print(f"FAIL {what}")


class Requests(http.server.BaseHTTPRequestHandler):
    seen = []

    def _any(self):
        Requests.seen.append(f"{self.command} {self.path}")
        self.send_response(502)
        self.end_headers()

    do_GET = do_POST = do_HEAD = do_CONNECT = do_PUT = do_OPTIONS = _any

    def log_message(self, *args):
        pass


VOID = {"meta", "input", "br", "img", "link", "hr", "source", "wbr", "area", "base", "col", "embed", "param", "track"}


class Dom(html.parser.HTMLParser):
    """The entries a dumped DOM shows: li elements not hidden, in sections
    not hidden; and every element and attribute, for the hostile checks."""

    def __init__(self):
        super().__init__()
        self.stack = []  # (tag, hidden, inherited or its own)
        self.entries = []
        self.current = None
        self.in_title = False
        self.section = ""
        self.tags = []
        self.body = {}

    def handle_starttag(self, tag, attrs):
        self._start(tag, dict(attrs), push=tag not in VOID)

    def handle_startendtag(self, tag, attrs):
        self._start(tag, dict(attrs), push=False)

    def _start(self, tag, attrs, push):
        self.tags.append((tag, attrs))
        if tag == "body":
            self.body = attrs
        hidden = "hidden" in attrs or (self.stack[-1][1] if self.stack else False)
        if push:
            self.stack.append((tag, hidden))
        if tag == "section" and "company" in (attrs.get("class") or ""):
            self.section = attrs.get("data-company") or ""
        if tag == "li" and "data-y" in attrs:
            self.current = {
                "hidden": hidden,
                "year": attrs.get("data-y") or None,
                "kind": attrs.get("data-k"),
                "company": self.section,
                "url": None,
                "title": "",
            }
        if self.current is not None and (tag == "a" or (tag == "span" and attrs.get("class") == "t")):
            if tag == "a":
                self.current["url"] = attrs.get("href")
            self.in_title = True

    def handle_endtag(self, tag):
        if tag in ("a", "span"):
            self.in_title = False
        if tag == "li" and self.current is not None:
            self.entries.append(self.current)
            self.current = None
        if any(t == tag for t, _ in self.stack):
            while self.stack:
                t, _ = self.stack.pop()
                if t == tag:
                    break

    def handle_data(self, data):
        if self.current is not None and self.in_title:
            self.current["title"] += data


def chromium(*args):
    """Headless Chromium behind our proxy, with a profile of its own (two
    running at once never share one, and a fresh profile starts faster)."""
    with tempfile.TemporaryDirectory() as profile:
        return subprocess.run(
            [CHROMIUM, *FLAGS, PROXY, f"--user-data-dir={profile}", *args],
            capture_output=True,
            text=True,
            timeout=120,
        )


def dumps(page, queries, at_once=2):
    """[`dump`] of each query, `at_once` Chromiums at a time (each with a
    profile of its own, so neither hands its page to the other): CI has two
    cores, and a launch is most of a dump's time. A page whose filtering is
    timed is loaded alone (`at_once=1`), so the time is its own."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=at_once) as pool:
        return list(pool.map(lambda q: dump(page, q), queries))


def dump(page, query=""):
    """The page's DOM after its script ran. An empty dump (Chromium, now
    and then, exits before it prints) is no answer: asked again, twice."""
    url = page.as_uri() + query
    for _ in range(3):
        out = chromium("--dump-dom", url)
        dom = Dom()
        dom.feed(out.stdout)
        if "<body" in out.stdout:
            return dom
        print(f"site-browser: no DOM from Chromium for {page.name}{query}; asking again")
    return dom


def screenshot(page, png):
    chromium(f"--screenshot={png}", "--window-size=1280,1800", page.as_uri())
    if not Path(png).exists():
        fail(f"{page}: no screenshot")


def linkable(url):
    """What the page makes a link of (`site::safe`): an absolute http(s)
    URL with a host and no whitespace, or mailto; no control character."""
    lower = url.lower()
    if any(ord(c) < 32 or c.isspace() and not lower.startswith("mailto:") for c in url):
        return False
    if lower.startswith("mailto:"):
        return True
    for scheme in ("http://", "https://"):
        if lower.startswith(scheme):
            return url[len(scheme):][:1] not in ("", "/", "?", "#")
    return False


def key(e):
    return (e["company"], e["url"] or "", str(e["year"] or ""))


def views_of(records):
    """The views each page is checked in: a word of a title, a company, a
    year range, a kind, and all four at once; each with the filter that
    keeps export's records for it."""
    views = []
    titled = [r for r in records if r["title"].split()]
    if titled:
        word = max(titled[len(titled) // 2]["title"].split(), key=len).lower()
        views.append((f"?q={urllib.parse.quote(word)}", lambda r, w=word: w in (r["title"] + " " + r["company"]).lower()))
    companies = [r["company"] for r in records if r["company"]]
    if companies:
        c = companies[len(companies) // 3]
        views.append((f"?company={urllib.parse.quote(c.lower())}", lambda r, c=c: r["company"].lower() == c.lower()))
    years = sorted({r["year"] for r in records if r["year"]})
    if len(years) >= 3:
        a, b = years[len(years) // 3], years[2 * len(years) // 3]
        views.append((f"?year={a}-{b}", lambda r, a=a, b=b: r["year"] is not None and a <= r["year"] <= b))
    kinds = sorted({r["tag"] for r in records if r["tag"]})
    if kinds:
        k = kinds[-1]
        views.append((f"?kind={urllib.parse.quote(k)}", lambda r, k=k: r["tag"] == k))
    if titled and kinds and len(years) >= 3:
        views.append((f"?q={urllib.parse.quote(word)}&kind={urllib.parse.quote(k)}&year={a}-{b}",
                      lambda r, w=word, k=k, a=a, b=b: w in (r["title"] + " " + r["company"]).lower()
                      and r["tag"] == k and r["year"] is not None and a <= r["year"] <= b))
    return views


def check(bin, name, listing, out, work, timed=False):
    site = work / name
    run = subprocess.run([bin, "site", str(listing), "--out", str(site)], capture_output=True, text=True)
    if run.returncode != 0:
        fail(f"{name}: site exit {run.returncode}: {run.stderr}")
        return None
    records = json.loads(subprocess.run([bin, "export", str(listing)], capture_output=True, text=True).stdout)
    page = site / "index.html"
    size = page.stat().st_size

    def expected(keep):
        out = []
        for r in records:
            if keep(r):
                url = r["url"] if linkable(r["url"] or "") else None
                out.append((r["company"], url or "", str(r["year"] or "")))
        return sorted(out)

    def shown(dom):
        return sorted(key(e) for e in dom.entries if not e["hidden"])

    # The page whole, in each view and in each order, two at a time.
    views = views_of(records)
    queries = ["", *(q for q, _ in views), "?sort=company", "?sort=newest"]
    if timed:
        # Only the views' filtering is timed: those pages one at a time.
        whole = dumps(page, ["", "?sort=company", "?sort=newest"])
        pages = [whole[0], *dumps(page, queries[1:-2], at_once=1), *whole[1:]]
    else:
        pages = dumps(page, queries)
    dom = pages[0]
    if shown(dom) != expected(lambda r: True):
        fail(f"{name}: the page shows {len(shown(dom))} entries, export reads {len(records)}")
    times = []
    for (query, keep), dom in zip(views, pages[1:]):
        want = expected(keep)
        if shown(dom) != want:
            fail(f"{name}{query}: shows {len(shown(dom))} entries, export filtered gives {len(want)}")
        if dom.body.get("data-shown") != str(len(want)):
            fail(f"{name}{query}: the count says {dom.body.get('data-shown')}, not {len(want)}")
        times.append(float(dom.body.get("data-filter-ms", "nan")))
    # The orders: by company (alphabetical groups), newest first (years
    # never rise within a company).
    dom = pages[-2]
    seen = []
    for e in dom.entries:
        if not seen or seen[-1] != e["company"]:
            seen.append(e["company"])
    if seen != sorted(seen, key=str.lower):
        fail(f"{name}?sort=company: companies in the order {seen[:5]}...")
    dom = pages[-1]
    by_company = {}
    for e in dom.entries:
        by_company.setdefault(e["company"], []).append(int(e["year"] or 0))
    if any(ys != sorted(ys, reverse=True) for ys in by_company.values()):
        fail(f"{name}?sort=newest: a company's entries are not newest first")
    screenshot(page, out / f"{name}.png")
    print(f"ok {name}: {len(records)} entries, {size // 1024} KiB, {len(views)} views; "
          f"filtering {min(times, default=0):.1f}-{max(times, default=0):.1f} ms")
    return size, times


HOSTILE = """# Hostile <script>document.body.setAttribute('data-pwned', 'title')</script>

## Table of Contents

- [Ev"il <img src=x onerror=document.body.setAttribute('data-pwned','toc')>](#evil-img-srcx-onerrordocumentbodysetattributedata-pwnedtoc)

## Ev"il <img src=x onerror=document.body.setAttribute('data-pwned','company')>

- [<img src=x onerror=document.body.setAttribute('data-pwned','entry')>](https://a.example/a) - `2024` - :books:
- [<script>document.body.setAttribute('data-pwned','script')</script>](https://a.example/b) - `2023` - :books:
- [Script URL](javascript:document.body.setAttribute('data-pwned','href')) - `2022` - :books:
- [Data URL](data:text/html,<script>alert(1)</script>) - `2021` - :books:
- [Quote](https://a.example/"onmouseover=document.body.setAttribute('data-pwned','attr')) - `2020` - :books:
"""


def hostile(bin, out, work):
    listing = work / "hostile.md"
    listing.write_text(HOSTILE)
    site = work / "hostile"
    subprocess.run([bin, "site", str(listing), "--out", str(site)], check=True, capture_output=True)
    page = site / "index.html"
    queries = ["", "?q=%3Cimg%20src%3Dx%20onerror%3Ddocument.body.setAttribute('data-pwned'%2C'q')%3E",
               "?company=%22%3E%3Cscript%3Edocument.body.setAttribute('data-pwned','c')%3C/script%3E"]
    pages = dumps(page, queries)
    for query, dom in zip(queries, pages):
        if "data-pwned" in dom.body:
            fail(f"hostile{query}: a script of the list's ran ({dom.body['data-pwned']})")
        if any(t == "img" for t, _ in dom.tags):
            fail(f"hostile{query}: the list's markup is an element")
        scripts = [t for t, _ in dom.tags if t == "script"]
        if len(scripts) != 1:
            fail(f"hostile{query}: {len(scripts)} script elements")
        links = [a.get("href", "") for t, a in dom.tags if t == "a"]
        if any(not h.startswith(("http://", "https://", "mailto:")) for h in links):
            fail(f"hostile{query}: a link that is not http(s): {links}")
        if "data-shown" not in dom.body:
            fail(f"hostile{query}: the page's own script did not run")
    shown_titles = [e["title"] for e in pages[0].entries]
    if "<img src=x onerror=document.body.setAttribute('data-pwned','entry')>" not in shown_titles:
        fail(f"hostile: the markup title is not shown as text: {shown_titles}")
    screenshot(page, out / "hostile.png")
    print("ok hostile: no script of the list's ran, its markup is text, no unsafe link")


def main():
    global PROXY
    if len(sys.argv) < 4:
        print(__doc__)
        return 2
    if CHROMIUM is None:
        print("site-browser: chromium not found (apt-get install chromium)")
        return 2
    bin, genlist, out = sys.argv[1], sys.argv[2], Path(sys.argv[3])
    genre = Path(sys.argv[4]) if len(sys.argv) > 4 else None
    out.mkdir(parents=True, exist_ok=True)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Requests)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = server.server_address[1]
    PROXY = f"--proxy-server=http://127.0.0.1:{port}"
    FLAGS.append("--proxy-bypass-list=<-loopback>")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        big = work / "big.md"
        with open(big, "w") as f:
            subprocess.run([genlist, "10000", "clean"], stdout=f, check=True)
        lists = [("seed", Path("fixtures/seed.md")), ("generated-10000", big)]
        if genre and genre.is_dir():
            # One folder per list (owner__repo/), its snapshots inside: the
            # latest of each (every snapshot would take minutes).
            for folder in sorted(p for p in genre.iterdir() if p.is_dir()):
                snapshots = sorted(folder.glob("*.md"))
                if snapshots:
                    lists.append((f"genre-{folder.name}", snapshots[-1]))
        big_result = None
        for name, listing in lists:
            result = check(bin, name, listing, out, work, timed=name == "generated-10000")
            if name == "generated-10000":
                big_result = result
        hostile(bin, out, work)
    page_requests = [r for r in Requests.seen if "google" not in r and "gvt1" not in r]
    if page_requests:
        fail(f"requests left the pages: {page_requests[:5]}")
    else:
        print(f"ok no request left any page ({len(Requests.seen)} of Chromium's own to its vendor)")
    if big_result:
        size, times = big_result
        if size > 3 * 1024 * 1024:
            fail(f"the 10,000-entry page weighs {size} bytes, over 3 MB")
        if times and max(times) > 50:
            fail(f"filtering the 10,000-entry page took {max(times):.1f} ms, over 50")
    print(f"site-browser: {len(failures)} failed; screenshots in {out}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
