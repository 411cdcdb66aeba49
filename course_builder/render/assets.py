"""The course's script and styles ship minified: they load on phones over slow links.

The course's script is written by concern in ``overrides/assets/course/js/`` (storage, questions,
cases, app pages…) and joined here, in file-name order, into one function scope per bundle: one
request for the participant, and helpers shared between the parts without globals. Two bundles keep
each page's share small: course.js for pages that place quizzes or cases, app.js for the course's
own pages (home, progress, certificate, verification). A part goes to the bundles listed for the
first digit of its file name (0-1 and 9: shared; 2-3: questions and cases; 4-8: app pages).
"""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import rcssmin
import rjsmin

from .. import qtypes
from ..model import DEFAULT_SLUGS
from ..strings import SITE_STRINGS

ASSET_DIR = Path("assets") / "course"
SCRIPT_PARTS = "js"
SCRIPT = "course.js"
BUNDLES = {SCRIPT: "01239", "app.js": "0145678" + "9"}


def join_script(parts: Path, digits: str = "0123456789", controls: str = "") -> str:
    """The parts of ``parts`` whose names start with one of ``digits``, then ``controls`` (the question
    types' browser code), in one function scope: a control registers itself in QTYPES (js/20-quiz.js)
    and uses the parts' helpers."""
    body = "\n".join(p.read_text(encoding="utf-8") for p in sorted(parts.glob("*.js")) if p.name[0] in digits)
    if controls:
        body += "\n" + controls
    return '(function () {\n"use strict";\n' + body + "})();\n"


def type_controls() -> str:
    """Every question type's control.js (qtypes/<type>/), in registry order: the course's own types too,
    once its course is loaded."""
    return "\n".join(p.read_text(encoding="utf-8") for p in qtypes.script_parts())


SLUG_TOKEN = re.compile(r"\{\{slugs\.([a-z]+)\}\}")
TEXTS_TOKEN = "{{site_texts}}"
# The theme texts site.js uses (locale section `site`; the others are the 404 page's).
SCRIPT_TEXTS = ("permalink", "close", "glossary_see", "offline_save", "offline_ready", "offline_saving")


def fill_tokens(text: str, slugs: dict[str, str], texts: dict[str, dict[str, str]]) -> str:
    """A script or stylesheet on every page (site.js, site.css) has no course data beside it: the
    course's page folders (course.yml `slugs:`) are written into it where it says ``{{slugs.<kind>}}``,
    and its texts in every site language, the default first, where it says ``{{site_texts}}``."""
    if TEXTS_TOKEN in text:
        table = {lang: {k: t[k] for k in SCRIPT_TEXTS} for lang, t in texts.items()}
        text = text.replace(TEXTS_TOKEN, json.dumps(table, ensure_ascii=False, separators=(",", ":")))
    return SLUG_TOKEN.sub(lambda m: slugs[m.group(1)], text)


def minify_assets(site: Path, slugs: dict[str, str] | None = None,
                  texts: dict[str, dict[str, str]] | None = None) -> None:
    """Join and minify site/assets/course/ in place (idempotent: hooks may run once per language);
    ``slugs`` (Course.slugs) and ``texts`` (pipeline.theme_texts) fill the scripts' tokens."""
    slugs = {**DEFAULT_SLUGS, **(slugs or {})}
    texts = texts or {"en": SITE_STRINGS["en"]}
    folder = site / ASSET_DIR
    parts = folder / SCRIPT_PARTS
    if parts.is_dir():
        for name, digits in BUNDLES.items():
            text = join_script(parts, digits, type_controls() if name == SCRIPT else "")
            (folder / name).write_text(text, encoding="utf-8")
        shutil.rmtree(parts)
    for path in sorted(folder.glob("*")):
        if path.suffix == ".js":
            path.write_text(rjsmin.jsmin(fill_tokens(path.read_text(encoding="utf-8"), slugs, texts)), encoding="utf-8")
        elif path.suffix == ".css":
            path.write_text(rcssmin.cssmin(fill_tokens(path.read_text(encoding="utf-8"), slugs, texts)), encoding="utf-8")


# Material ships its search plugin's worker and language files with the theme. The course has its
# own search (render/search.py), so without that plugin no page uses them: they would only weigh
# on the offline cache and the LMS package.
MATERIAL_SEARCH = ("assets/javascripts/lunr", "assets/javascripts/workers")


def drop_material_search(site: Path) -> None:
    for folder in MATERIAL_SEARCH:
        shutil.rmtree(site / folder, ignore_errors=True)


TEXT_SUFFIXES = {".html", ".css", ".js", ".json", ".xml", ".webmanifest"}


def drop_unreferenced_assets(site: Path) -> list[str]:
    """Delete files under assets/ whose name no page, stylesheet or script of the site mentions
    (e.g. the theme's palette stylesheet once the course's own colours replace it), with their
    source maps; returns what was deleted. Names are matched as text, so a file that a script
    builds a URL for (qr.js) stays as long as its name is written there."""
    assets = [p for p in sorted((site / "assets").rglob("*")) if p.is_file() and p.suffix != ".map"]
    unseen = {p.name for p in assets}
    # One file at a time: a large site's text joined in one string cost more memory than the build.
    for text_file in site.rglob("*"):
        if not unseen:
            break
        if text_file.suffix in TEXT_SUFFIXES and text_file.is_file():
            text = text_file.read_text(encoding="utf-8", errors="replace")
            unseen -= {name for name in unseen if name in text}
    dropped = []
    for path in assets:
        if path.name in unseen:
            dropped.append(path.relative_to(site).as_posix())
            path.unlink()
            path.with_name(path.name + ".map").unlink(missing_ok=True)
    return dropped
