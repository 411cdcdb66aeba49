#!/usr/bin/env python3
"""First-load weight of pages of the built site, counted as GitHub Pages serves it (gzip -9 of
each file fetched), with the files each page actually requests in headless Chromium.

    .venv/bin/python bench/page_weight.py [--site site] [PAGE ...]

Budgets (issue 10): a module page with a quiz <= 95 KB gz in total; each course script bundle with
the course styles <= 10 KB gz (course.js on pages with quizzes or cases, app.js on the course's own
pages), and neither on pages that do not use them.
"""
from __future__ import annotations

import argparse
import functools
import gzip
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

REPO = Path(__file__).resolve().parent.parent
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
DEFAULT_PAGES = ["", "01-marco-conceptual/", "en/03-aplicacion-modelo/", "mi-progreso/", "glosario/", "recursos/"]


class Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def gz(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), 9))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, default=REPO / "site")
    parser.add_argument("pages", nargs="*", default=DEFAULT_PAGES)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    site = args.site.resolve()
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    styles = gz(site / "assets" / "course" / "course.css")
    for bundle in ("course.js", "app.js"):
        size = gz(site / "assets" / "course" / bundle) + styles
        print(f"{bundle} + course.css: {size / 1024:.1f} KB gz (budget 10 KB)")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for page_path in args.pages:
            page = browser.new_page()
            urls: list[str] = []
            page.on("request", lambda r: urls.append(r.url))
            page.goto(base + page_path)
            page.wait_for_load_state("networkidle")
            files = []
            for url in dict.fromkeys(urls):
                rel = unquote(urlsplit(url).path).lstrip("/")
                f = site / rel
                if f.is_dir():
                    f = f / "index.html"
                if f.is_file():
                    files.append((rel or "index.html", gz(f)))
            total = sum(size for _, size in files)
            print(f"\n/{page_path}: {len(files)} requests, {total / 1024:.1f} KB gz")
            for rel, size in sorted(files, key=lambda x: -x[1]):
                print(f"  {size / 1024:7.1f} KB  {rel}")
            page.close()
        browser.close()
    server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
