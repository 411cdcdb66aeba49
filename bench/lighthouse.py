#!/usr/bin/env python3
"""Lighthouse 12.2.3 (npm, pinned in bench/lighthouse/package.json) with Debian's Chromium, mobile
preset, on the home, a module, the final assessment, the progress and the certificate pages in both
languages of a built site, served gzip-compressed under its GitHub Pages path.

    npm ci --prefix bench/lighthouse && .venv/bin/python bench/lighthouse.py [--site site] [--runs 3]

Prints each page's four scores (performance: the median of the runs) with the performance run's
total blocking time, layout shift and longest main-thread task.
"""
from __future__ import annotations

import argparse
import functools
import gzip
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
from http.server import ThreadingHTTPServer
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
from tests.browser.conftest import PREFIX, _PagesHandler  # noqa: E402  (same Pages-like server as the tests)

PAGES = ["", "01-marco-conceptual/", "07-evaluacion-final/", "mi-progreso/", "certificado/"]
COMPRESSIBLE = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".ics", ""}


class GzipPagesHandler(_PagesHandler):
    """Like GitHub Pages: text is sent gzip-compressed, so Lighthouse sees real transfer sizes."""

    def do_GET(self):
        path = Path(self.translate_path(self.path.split("?", 1)[0]))
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file() or path.suffix not in COMPRESSIBLE or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().do_GET()
        body = gzip.compress(path.read_bytes(), 9)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def run_once(cli: Path, url: str, out: Path) -> dict:
    subprocess.run([str(cli), url, "--quiet", "--output=json", f"--output-path={out}",
                    "--chrome-flags=--headless --no-sandbox --disable-gpu",
                    "--only-categories=" + ",".join(CATEGORIES)],
                   env=dict(os.environ, CHROME_PATH="/usr/bin/chromium"), check=True)
    return json.loads(out.read_text())


def longest_task(report: dict) -> float:
    items = (report["audits"].get("long-tasks", {}).get("details") or {}).get("items") or []
    return max((i["duration"] for i in items), default=0.0)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, default=REPO / "site", help="built site folder (default: site/)")
    parser.add_argument("--runs", type=int, default=3, help="runs per page; performance is their median")
    parser.add_argument("--pages", nargs="*", default=PAGES, help="paths under each language's root")
    args = parser.parse_args()
    cli = REPO / "bench" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
    if not cli.exists():
        print("run: npm ci --prefix bench/lighthouse", file=sys.stderr)
        return 2
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(GzipPagesHandler, directory=str(args.site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}{PREFIX}/"
    print(f"{'page':28} " + " ".join(f"{c[:11]:>11}" for c in CATEGORIES) + "   TBT ms    CLS  long task ms")
    worst = 100
    with tempfile.TemporaryDirectory() as tmp:
        for lang in ("", "en/"):
            for page in args.pages:
                reports = [run_once(cli, base + lang + page, Path(tmp) / f"r{i}.json") for i in range(args.runs)]
                perf = [r["categories"]["performance"]["score"] for r in reports]
                median = sorted(reports, key=lambda r: r["categories"]["performance"]["score"])[len(reports) // 2]
                scores = [round(100 * statistics.median(perf))] + [
                    round(100 * median["categories"][c]["score"]) for c in CATEGORIES[1:]]
                worst = min(worst, *scores)
                audits = median["audits"]
                failing = [a["id"] for a in audits.values()
                           if a.get("score") is not None and a["score"] < 1 and a.get("scoreDisplayMode") == "binary"]
                print(f"/{lang}{page:26} " + " ".join(f"{s:>11}" for s in scores)
                      + f" {audits['total-blocking-time']['numericValue']:8.0f} {audits['cumulative-layout-shift']['numericValue']:6.3f}"
                      + f" {longest_task(median):13.0f}"
                      + (f"   perf runs {sorted(round(100 * p) for p in perf)}" if args.runs > 1 else "")
                      + (f"   failing: {', '.join(failing)}" if failing else ""), flush=True)
    server.shutdown()
    print(f"lowest score: {worst} (target 100)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
