"""A zip of the site per language that works opened from disk (file://), quizzes and progress
included: pages link to …/index.html because there is no web server to find folder indexes."""
from __future__ import annotations

import os
import sys
import zipfile
from pathlib import Path

from markupsafe import escape

from ..model import Course
from ..render.markup import plain
from . import file_site
from .scorm import _add, _size, home_page, site_files

START = """<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>
<meta http-equiv="refresh" content="0; url={home}"></head>
<body><p><a href="{home}">{title}</a></p></body></html>
"""


def export_offline(course: Course, root: Path, langs: list[str], out: Path) -> int:
    with file_site(course, root, "offline zip") as site:
        if site is None:
            return 1
        # The service worker needs a web server; from disk it would only fail to register.
        files = {name: path.read_bytes() for name, path in site_files(site).items() if name != "sw.js"}
        for lang in langs:
            folder = f"{course.id}-{lang}"
            target = out / f"{folder}-offline.zip"
            start = START.format(lang=lang, title=escape(plain(course.title[lang])), home=home_page(course, lang))
            tmp_zip = target.with_name(f".{target.name}.tmp")
            try:
                with zipfile.ZipFile(tmp_zip, "w") as zf:
                    _add(zf, f"{folder}/{'abrir' if lang == 'es' else 'open'}.html", start.encode())
                    for name in sorted(files):
                        _add(zf, f"{folder}/{name}", files[name])
                os.replace(tmp_zip, target)
            finally:
                tmp_zip.unlink(missing_ok=True)
            print(f"Wrote {target} ({len(files) + 1} files, {_size(target.stat().st_size)}); unzip it and open "
                  f"{folder}/{'abrir' if lang == 'es' else 'open'}.html", file=sys.stderr)
    return 0
