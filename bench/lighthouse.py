#!/usr/bin/env python3
"""Lighthouse 12.2.3 (npm, pinned in bench/lighthouse/package.json) with Debian's Chromium, mobile
preset, on home, module, quiz and certificate pages in both languages of the built site.

    (cd bench/lighthouse && npm install --no-audit --no-fund) && .venv/bin/python bench/lighthouse.py

Prints each page's four scores; the site is served on localhost under its GitHub Pages path.
"""
from __future__ import annotations

import functools
import json
import os
import subprocess
import sys
import tempfile
import threading
from http.server import ThreadingHTTPServer
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
from tests.browser.conftest import PREFIX, _PagesHandler  # noqa: E402  (same Pages-like server as the tests)

PAGES = ["", "01-marco-conceptual/", "07-evaluacion-final/", "certificado/"]
COMPRESSIBLE = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".ics", ""}


class GzipPagesHandler(_PagesHandler):
    """Like GitHub Pages: text is sent gzip-compressed, so Lighthouse sees real transfer sizes."""

    def do_GET(self):
        path = Path(self.translate_path(self.path.split("?", 1)[0]))
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file() or path.suffix not in COMPRESSIBLE or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().do_GET()
        import gzip
        body = gzip.compress(path.read_bytes(), 9)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def main() -> int:
    cli = REPO / "bench" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
    if not cli.exists():
        print("run: (cd bench/lighthouse && npm install --no-audit --no-fund)", file=sys.stderr)
        return 2
    site = REPO / "site"
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(GzipPagesHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}{PREFIX}/"
    print(f"{'page':32} " + " ".join(f"{c[:11]:>11}" for c in CATEGORIES))
    worst = 100
    with tempfile.TemporaryDirectory() as tmp:
        for lang in ("", "en/"):
            for page in PAGES:
                out = Path(tmp) / "report.json"
                subprocess.run([str(cli), base + lang + page, "--quiet", "--output=json", f"--output-path={out}",
                                "--chrome-flags=--headless --no-sandbox --disable-gpu",
                                "--only-categories=" + ",".join(CATEGORIES)],
                               env=dict(os.environ, CHROME_PATH="/usr/bin/chromium"), check=True)
                report = json.loads(out.read_text())
                scores = [round(100 * report["categories"][c]["score"]) for c in CATEGORIES]
                worst = min(worst, *scores)
                failing = [a["id"] for a in report["audits"].values()
                           if a.get("score") is not None and a["score"] < 1 and a.get("scoreDisplayMode") == "binary"]
                print(f"/{lang}{page:30} " + " ".join(f"{s:>11}" for s in scores)
                      + (f"   failing: {', '.join(failing)}" if failing else ""), flush=True)
    server.shutdown()
    print(f"lowest score: {worst} (target 100)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
