"""The course's script and styles ship minified: they load on phones over slow links.

course.js is written by concern in ``overrides/assets/course/js/`` (storage, questions, cases, app
pages…) and joined here, in file-name order, into one function scope: one request for the
participant, and helpers shared between the parts without globals.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import rcssmin
import rjsmin

ASSET_DIR = Path("assets") / "course"
SCRIPT_PARTS = "js"
SCRIPT = "course.js"


def join_script(parts: Path) -> str:
    body = "\n".join(p.read_text(encoding="utf-8") for p in sorted(parts.glob("*.js")))
    return '(function () {\n"use strict";\n' + body + "})();\n"


def minify_assets(site: Path) -> None:
    """Join and minify site/assets/course/ in place (idempotent: hooks may run once per language)."""
    folder = site / ASSET_DIR
    parts = folder / SCRIPT_PARTS
    if parts.is_dir():
        (folder / SCRIPT).write_text(join_script(parts), encoding="utf-8")
        shutil.rmtree(parts)
    for path in sorted(folder.glob("*")):
        if path.suffix == ".js":
            path.write_text(rjsmin.jsmin(path.read_text(encoding="utf-8")), encoding="utf-8")
        elif path.suffix == ".css":
            path.write_text(rcssmin.cssmin(path.read_text(encoding="utf-8")), encoding="utf-8")
