#!/usr/bin/env python3
"""First-visit bytes per language: headless Chromium opens a language's home page on a fresh
profile; counted is every byte the server sends (gzip for text, as GitHub Pages serves it: the
measuring server of tests/browser/test_offline.py) until nothing more has arrived for 2 s, so the
service worker's background downloads are included.

    .venv/bin/python bench/page_weight.py [--site site]
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.browser.test_offline import _measured_server  # noqa: E402  (the tests' own byte counter)

REPO = Path(__file__).resolve().parent.parent
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
QUIET_MS, LIMIT_MS = 2000, 60000


def _page_lang(path: str, default_lang: str) -> str | None:
    """The language of a page's path (/<prefix>/<lang>/... or the default), None for other files."""
    path = path.split("?")[0]
    if not (path.endswith("/") or path.endswith(".html")):
        return None
    parts = path.split("/")
    return parts[2] if len(parts) > 3 and len(parts[2]) == 2 else default_lang


def first_visit(browser, site: Path, lang: str, default_lang: str = "es") -> dict[str, object]:
    """{"bytes": gz bytes sent in all, "load": sent by the load event, "requests": n,
    "other": requests for another language's pages}."""
    server, handler, url = _measured_server(site)
    try:
        context = browser.new_context()
        page = context.new_page()
        home = f"{url}/" if lang == default_lang else f"{url}/{lang}/"
        page.goto(home, wait_until="load")
        at_load = handler.sent
        sent, quiet = -1, 0
        for _ in range(LIMIT_MS // 250):  # background downloads have no end event: wait for silence
            if handler.sent == sent:
                quiet += 250
                if quiet >= QUIET_MS:
                    break
            else:
                sent, quiet = handler.sent, 0
            page.wait_for_timeout(250)
        context.close()
        other = [p for p in handler.paths if _page_lang(p, default_lang) not in (None, lang)]
        return {"bytes": handler.sent, "load": at_load, "requests": len(handler.paths), "other": len(other)}
    finally:
        server.shutdown()
        server.server_close()


def launch(playwright):
    return playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, default=REPO / "site")
    parser.add_argument("--langs", nargs="*", default=["es", "en"])
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        browser = launch(p)
        for lang in args.langs:
            r = first_visit(browser, args.site.resolve(), lang)
            print(f"{lang}: {r['bytes'] / 1024:.1f} KiB gz in {r['requests']} requests, "
                  f"{r['load'] / 1024:.1f} KiB by the load event "
                  f"({r['other']} for the other language's pages)")
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
