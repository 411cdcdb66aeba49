#!/usr/bin/env python3
"""The main thread while a page loads on a phone-speed CPU (4x slower, as Lighthouse's mobile preset
assumes): the longest run of our scripts (assets/course/) and the longest blocking time of any frame,
from Chromium's Long Animation Frames, median of N loads on a fresh profile. The observer and the page
list are tests/browser/test_main_thread.py's, which asserts what does not depend on timing.

    .venv/bin/python bench/main_thread.py [--site site] [--runs 3]
"""
from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))
import lighthouse  # noqa: E402
import page_weight  # noqa: E402
from tests.browser.test_main_thread import OURS, PHONE, observe_slowed  # noqa: E402
from tests.browser.test_offline import _measured_server  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
IDLE_MS = 1500  # quizzes start in idle slices after the load event


def load_once(browser, url: str) -> dict[str, float]:
    """{"ours": longest run of our scripts, "blocking": longest blocking time of a frame} in ms; a script
    that runs only in short frames (< 50 ms, not reported by the browser) counts as 0."""
    context = browser.new_context(**PHONE)
    page = context.new_page()
    observe_slowed(page)
    page.goto(url, wait_until="load")
    page.wait_for_timeout(IDLE_MS)
    frames = page.evaluate("__cb.frames")
    context.close()
    return {"ours": max((s["duration"] for f in frames for s in f["scripts"] if OURS in s["url"]), default=0),
            "blocking": max((f["blocking"] for f in frames), default=0)}


def measure(browser, site: Path, pages: dict[str, str], langs: list[str], runs: int) -> dict[tuple[str, str], dict]:
    """{(page type, lang): median of each figure of load_once}."""
    server, _, base = _measured_server(site)
    try:
        out = {}
        for name, path in pages.items():
            for lang in langs:
                url = f"{base}/{'' if lang == langs[0] else lang + '/'}{path}"
                loads = [load_once(browser, url) for _ in range(runs)]
                out[(name, lang)] = {k: statistics.median(r[k] for r in loads) for k in loads[0]}
        return out
    finally:
        server.shutdown()
        server.server_close()


def main() -> int:
    from playwright.sync_api import sync_playwright
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, default=REPO / "site")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with sync_playwright() as p:
        browser = page_weight.launch(p)
        result = measure(browser, args.site.resolve(), lighthouse.PAGE_TYPES, ["es", "en"], args.runs)
        browser.close()
    print(f"{'page':24} {'ours ms':>8} {'blocking ms':>12}")
    for (name, lang), r in result.items():
        print(f"{name + ' ' + lang:24} {r['ours']:8.0f} {r['blocking']:12.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
