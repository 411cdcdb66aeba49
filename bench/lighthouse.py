#!/usr/bin/env python3
"""Lighthouse 12.2.3 (npm, pinned in bench/lighthouse/package.json) with Debian's Chromium, mobile
preset, per page type and language, median of N runs; the site is served like GitHub Pages (gzip,
under its path) by the measuring server of tests/browser/test_offline.py.

    (cd bench/lighthouse && npm ci --no-audit --no-fund) && .venv/bin/python bench/lighthouse.py [--site site]
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.browser.test_offline import _measured_server  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
CLI = REPO / "bench" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
METRICS = {"tbt": "total-blocking-time", "lcp": "largest-contentful-paint", "cls": "cumulative-layout-shift"}
# The real course's page of each type; the same paths exist in the stock site built from its docs/.
PAGE_TYPES = {"home": "", "module": "01-marco-conceptual/", "final assessment": "07-evaluacion-final/",
              "progress": "mi-progreso/"}


def available() -> bool:
    return CLI.exists()


def run_once(url: str, out: Path) -> dict[str, float]:
    subprocess.run([str(CLI), url, "--quiet", "--output=json", f"--output-path={out}",
                    "--chrome-flags=--headless --no-sandbox --disable-gpu",
                    "--only-categories=" + ",".join(CATEGORIES)],
                   env=dict(os.environ, CHROME_PATH="/usr/bin/chromium"), check=True)
    report = json.loads(out.read_text())
    scores = {c: round(100 * report["categories"][c]["score"]) for c in CATEGORIES}
    scores.update({k: report["audits"][a]["numericValue"] for k, a in METRICS.items()})
    return scores


def scores(site: Path, pages: dict[str, str], langs: list[str], runs: int) -> dict[tuple[str, str], dict[str, float]]:
    """{(page type, lang): median of each category score and metric (tbt, lcp in ms; cls)}."""
    import statistics
    server, _, base = _measured_server(site)
    out: dict[tuple[str, str], dict[str, float]] = {}
    try:
        with tempfile.TemporaryDirectory(prefix="bench-lh-") as tmp:
            for name, path in pages.items():
                for lang in langs:
                    url = f"{base}/{'' if lang == langs[0] else lang + '/'}{path}"
                    reports = [run_once(url, Path(tmp) / "report.json") for _ in range(runs)]
                    out[(name, lang)] = {k: statistics.median(r[k] for r in reports) for k in reports[0]}
    finally:
        server.shutdown()
        server.server_close()
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, default=REPO / "site")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if not available():
        print("run: (cd bench/lighthouse && npm ci --no-audit --no-fund)", file=sys.stderr)
        return 2
    result = scores(args.site.resolve(), PAGE_TYPES, ["es", "en"], args.runs)
    print(f"{'page':24} " + " ".join(f"{c[:11]:>11}" for c in CATEGORIES) + "   TBT ms  LCP ms    CLS")
    for (name, lang), r in result.items():
        print(f"{name + ' ' + lang:24} " + " ".join(f"{r[c]:>11.0f}" for c in CATEGORIES)
              + f"  {r['tbt']:7.0f} {r['lcp']:7.0f} {r['cls']:6.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
