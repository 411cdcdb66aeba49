"""The search index of one language: a small JSON file fetched only when someone searches
(or, opened from disk, the same data as a script: export/offline.py ``search_index_script``).

Material's search plugin would put one index of both languages (80 KB gz for this course) on
every page view; ours is per language, built from the course model, and read by the search page.
"""
from __future__ import annotations

import json
import re

from markdown.extensions.toc import slugify

from ..facilitator import split_notes
from ..mdsource import FENCE, heading, scan
from ..model import Course
from ..strings import t
from ..text import plain

NOISE = re.compile(r"^\s*(?::::|!!!|\?\?\?|===|\|?\s*:?-{3,})")


def _sections(body: str):
    """(heading text, anchor, text) for the part before the first heading and each ## section."""
    title, anchor, lines = "", "", []
    for line in scan(split_notes(body)[0]):
        h = heading(line)
        if h and h.level > 1:
            yield title, anchor, " ".join(lines)
            title = plain(h.text)
            anchor = h.anchor or slugify(title, "-")
            lines = []
        elif line.kind != FENCE and not NOISE.match(line.text):
            lines.append(plain(line.text.replace("|", " ")))
    yield title, anchor, " ".join(lines)


def search_index(course: Course, lang: str, glossary_slug: str) -> bytes:
    """``{"pages": [[title, url]], "docs": [[page, heading, anchor, text]]}``: one entry per section,
    each page's title and URL once (search.js puts them back together)."""
    pages: list[list[str]] = []
    docs: list[list] = []

    def add(page_title: str, url: str, title: str, anchor: str, text: str) -> None:
        if not pages or pages[-1] != [page_title, url]:
            pages.append([page_title, url])
        docs.append([len(pages) - 1, title, anchor, re.sub(r"\s+", " ", text).strip()])

    for page in course.all_pages():
        version = page.versions[lang]
        url = "../" if page is course.home else f"../{page.slug}/"
        for title, anchor, text in _sections(version.body):
            if title or text.strip():
                add(version.title, url, title, anchor, text)
    for term in course.glossary:
        add(t(lang, "glossary_title"), f"../{glossary_slug}/", plain(term.term[lang]), term.id,
            plain(term.definition[lang]))
    return json.dumps({"pages": pages, "docs": docs}, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
