#!/usr/bin/env python3
"""A local HTTP server with every answer `flinkscale links` must tell apart,
and pages with metadata for `add --fetch`, for the docs' sample runs
(docs/links.md, docs/commands.md: their lists are fixtures/links/) and the
`links` benchmark (no internet needed).

Usage: python3 scripts/link-server.py [PORT]   (0 or nothing: any free
port; the address is printed on the first line of standard output)

  /blog/NAME     fixtures/links/pages/NAME (200, text/html), else 404

  /ok/...        200 (an HTML page)
  /gone/...      404          /removed/...  410
  /moved/X       301 -> /ok/X /moved308/X   308 -> /moved/X -> /ok/X
  /temporary/X   302 -> /ok/X /loop         301 -> /loop
  /busy          429 with Retry-After: 1
  /slow          200 after 30 seconds

  /wayback/available?url=U&timestamp=T   the Wayback Machine's availability
                 API: for U under /gone/ ending in a name or an even
                 number, a snapshot /web/T000000/U that answers 200; ending
                 in 1, 5, 9, ..., a snapshot /web404/... that answers 404;
                 else none
"""
import json
import urllib.parse
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

PAGES = Path(__file__).resolve().parent.parent / "fixtures" / "links" / "pages"


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def answer(self, code, headers=(), body=b""):
        self.send_response(code)
        for k, v in headers:
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def do_GET(self):
        p = self.path
        rest = p.split("/", 2)[2] if p.count("/") >= 2 else ""
        if p.startswith("/wayback/available"):
            query = urllib.parse.parse_qs(urllib.parse.urlsplit(p).query)
            url = query.get("url", [""])[0]
            stamp = query.get("timestamp", ["2020"])[0][:8] or "2020"
            last = url.rstrip("/").rsplit("/", 1)[-1]
            number = int(last) if last.isdigit() else 0
            host = "http://127.0.0.1:%d" % self.server.server_address[1]
            closest = None
            if "/gone/" in url and number >= 0 and number % 2 == 0:
                closest = "%s/web/%s000000/%s" % (host, stamp, url)
            elif "/gone/" in url and number % 4 == 1:
                closest = "%s/web404/%s000000/%s" % (host, stamp, url)
            snapshots = {}
            if closest:
                snapshots = {"closest": {"status": "200", "available": True,
                                         "url": closest, "timestamp": stamp + "000000"}}
            body = json.dumps({"url": url, "archived_snapshots": snapshots}).encode()
            self.answer(200, [("Content-Type", "application/json")], body)
        elif p.startswith("/web/"):
            page = b"<!doctype html><title>archived</title><p>archived</p>"
            self.answer(200, [("Content-Type", "text/html")], page)
        elif p.startswith("/blog/"):
            page = PAGES / rest
            if rest and "/" not in rest and page.is_file():
                body = page.read_bytes()
                self.answer(200, [("Content-Type", "text/html; charset=utf-8")], body)
            else:
                self.answer(404)
        elif p.startswith("/ok/"):
            page = b"<!doctype html><title>ok</title><p>ok</p>"
            self.answer(200, [("Content-Type", "text/html")], page)
        elif p.startswith("/gone/"):
            self.answer(404)
        elif p.startswith("/removed/"):
            self.answer(410)
        elif p.startswith("/moved/"):
            self.answer(301, [("Location", "/ok/" + rest)])
        elif p.startswith("/moved308/"):
            self.answer(308, [("Location", "/moved/" + rest)])
        elif p.startswith("/temporary/"):
            self.answer(302, [("Location", "/ok/" + rest)])
        elif p.startswith("/loop"):
            self.answer(301, [("Location", "/loop")])
        elif p.startswith("/busy"):
            self.answer(429, [("Retry-After", "1")])
        elif p.startswith("/slow"):
            time.sleep(30)
            self.answer(200)
        else:
            self.answer(404)

    do_HEAD = do_GET


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass  # a client that hangs up (a timeout) is not news


def main():
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 0
    server = Server(("127.0.0.1", port), Handler)
    print(f"serving on http://127.0.0.1:{server.server_address[1]}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
