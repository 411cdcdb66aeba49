"""A zip of the site per language that works opened from disk (file://), quizzes, progress and search
included: pages link to …/index.html because there is no web server to find folder indexes.

Each zip holds one language's pages plus the shared assets (``assets/``): the default language's
part is the site root without the other languages' folders, another language's part is its folder
(``en/``). The language switch in the header would lead to pages that are not in the zip: it points
to the same page of the online site instead (mkdocs.yml's ``site_url``, as the build reads it), or is
removed when no site address is known.

Search: browsers refuse ``fetch()`` of a file:// URL, so each search page gets its index as a script,
``search-index.js`` (render/search.py), which search.js loads when opened from disk; ``search.json``
is left out. Left out too: the service worker (it needs a web server; from disk it would only fail to
register), the 404 page and sitemaps (web server only), source maps, and Material's own search
workers and lunr languages (the course uses its own search, so no page loads them).
"""
from __future__ import annotations

import os
import posixpath
import re
import zipfile
from pathlib import Path

from markupsafe import escape

from ..mkdocs_yml import site_url
from ..model import Course
from ..strings import t
from ..text import plain
from . import ExportResult
from .links import index_links
from .package import add_file, file_site, home_page, site_files, size_text

START = """<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>
<meta http-equiv="refresh" content="0; url={home}"></head>
<body><p><a href="{home}">{title}</a></p></body></html>
"""
LEFT_OUT = ("sw.js",)
LEFT_OUT_PREFIXES = ("assets/javascripts/lunr/", "assets/javascripts/workers/")
SHARED = "assets/"
# Material's language selector: <a href="…" hreflang="xx" class="md-select__link">, inside an <li>.
SWITCH_ITEM = re.compile(
    r'(?P<li><li class="md-select__item">\s*)?<a href="(?P<href>[^"]*)" hreflang="(?P<lang>[^"]*)"'
    r' class="md-select__link">(?P<label>.*?)</a>(?(li)\s*</li>)', re.S)


# The index as a script, for copies opened from disk (the offline zip): browsers refuse fetch() of a
# file:// URL, but load a <script src> beside the page; search.js then reads this global.
SCRIPT_NAME = "search-index.js"
SCRIPT_GLOBAL = "CB_SEARCH_INDEX"


def search_index_script(index: bytes) -> bytes:
    """``search.json``'s content as ``search-index.js``. JSON is a JavaScript expression; U+2028/9 are
    escaped for older engines, and "</" cannot occur in a file that is never inlined in HTML anyway."""
    text = index.decode("utf-8").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return (f"window.{SCRIPT_GLOBAL}=" + text + ";\n").encode("utf-8")


def language_files(names: list[str], course: Course, lang: str) -> list[str]:
    """The site files that belong in ``lang``'s zip: its pages and the shared assets."""
    others = [f"{other}/" for other in course.languages if other != course.default_language]
    keep = []
    for name in names:
        if name in LEFT_OUT or name.startswith(LEFT_OUT_PREFIXES):
            continue
        if name.startswith(SHARED):
            keep.append(name)
        elif lang == course.default_language:
            if not name.startswith(tuple(others)):
                keep.append(name)
        elif name.startswith(f"{lang}/"):
            keep.append(name)
    return keep


def switch_links(html: str, page: str, lang: str, online: str) -> str:
    """The header's links to other languages, which are not in this zip: to the online site's same
    page when its address is known (``online``), else removed."""

    def sub(m: re.Match[str]) -> str:
        if m.group("lang") == lang:
            return m.group(0)
        if not online:
            return ""
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page), m.group("href")))
        if target == "index.html" or target.endswith("/index.html"):
            target = target[: -len("index.html")]  # the online site has folder URLs
        url = escape(online + ("" if target == "." else target))
        link = (f'<a href="{url}" hreflang="{m.group("lang")}" class="md-select__link" rel="external">'
                f'{m.group("label")}</a>')
        return f'{m.group("li")}{link}</li>' if m.group("li") else link

    return SWITCH_ITEM.sub(sub, html)


def export_offline(course: Course, root: Path, langs: list[str], out: Path) -> ExportResult:
    online = site_url(root)
    result = ExportResult()
    with file_site(course, root, "offline zip", result) as site:
        if site is None:
            return result
        paths = site_files(site)
        for lang in langs:
            folder = f"{course.id}-{lang}"
            target = out / f"{folder}-offline.zip"
            start_name = f"{t(lang, 'offline_start')}.html"  # the file to open, named in its language
            start = START.format(lang=lang, title=escape(plain(course.title[lang])), home=home_page(course, lang))
            names = language_files(list(paths), course, lang)
            tmp_zip = target.with_name(f".{target.name}.tmp")
            try:
                with zipfile.ZipFile(tmp_zip, "w") as zf:
                    add_file(zf, f"{folder}/{start_name}", start.encode())
                    for name in sorted(names):
                        data = paths[name].read_bytes()
                        if name.endswith(".html"):
                            html = switch_links(data.decode("utf-8"), name, lang, online)
                            data = index_links(html, name, set(names)).encode("utf-8")
                        elif posixpath.basename(name) == "search.json":  # fetch() fails from disk
                            name = posixpath.join(posixpath.dirname(name), SCRIPT_NAME)
                            data = search_index_script(data)
                        add_file(zf, f"{folder}/{name}", data)
                os.replace(tmp_zip, target)
            finally:
                tmp_zip.unlink(missing_ok=True)
            result.written.append(target)
            result.say(f"Wrote {target} ({len(names) + 1} files, {size_text(target.stat().st_size)}; {lang} only, "
                       f"search included); unzip it and open {folder}/{start_name}")
    return result
