#!/usr/bin/env python3
"""What the service worker downloads to keep one language offline, file by file, as gzip sizes
(level 6, as tests/browser/test_offline.py's server sends them), biggest first.

    .venv/bin/python bench/precache.py [--site site] [--lang es] [--top 25]

The list is read from the built sw.js (SHARED + LANGS[lang]), so it is what a first visit fetches
in the background; the budget (issue 14) is 350 KiB for the whole first visit, this included.
"""
from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def worker_lists(site: Path) -> tuple[list[str], dict[str, list[str]]]:
    text = (site / "sw.js").read_text(encoding="utf-8")
    shared = json.loads(re.search(r"^const SHARED = (.*);$", text, re.M).group(1))
    langs = json.loads(re.search(r"^const LANGS = (.*);$", text, re.M).group(1))
    return shared, langs


def gz_size(site: Path, url: str) -> int:
    path = site / url
    if url == "" or url.endswith("/"):
        path = path / "index.html"
    return len(gzip.compress(path.read_bytes(), 6))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, default=REPO / "site")
    parser.add_argument("--lang", action="append", help="a language of the site (default: every one)")
    parser.add_argument("--top", type=int, default=0, help="list only the N biggest files")
    args = parser.parse_args()
    shared, langs = worker_lists(args.site)
    files = {url: gz_size(args.site, url) for url in shared}
    print(f"shared (first language kept): {sum(files.values()) / 1024:.1f} KiB gz in {len(files)} files")
    for lang in args.lang or list(langs):
        own = {url: gz_size(args.site, url) for url in langs[lang]}
        rows = sorted({**files, **own}.items(), key=lambda x: -x[1])
        total = sum(size for _, size in rows)
        print(f"\n{lang}: {total / 1024:.1f} KiB gz in {len(rows)} files ({sum(own.values()) / 1024:.1f} KiB its own)")
        for url, size in rows[: args.top or None]:
            print(f"  {size / 1024:6.1f} KiB  /{url}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
