"""Links in a site read file by file (an LMS package, a zip opened from disk), where a folder has
no index: a link to a folder must name its index.html."""
from __future__ import annotations

import posixpath
import re

FOLDER_LINK = re.compile(r'(?P<attr>\shref=")(?P<path>(?:\.{1,2}/)+(?:[^"#?:]*/)?|[^"#?:/][^"#?:]*/)(?P<rest>[?#][^"]*)?"')


def index_links(html: str, page: str, names: set[str]) -> str:
    """Relative links to a folder (``../01-x/#quiz``) written by widgets as raw HTML, which MkDocs does
    not rewrite: from disk they would open a directory listing, so they name the folder's index.html."""

    def sub(m: re.Match[str]) -> str:
        folder = posixpath.normpath(posixpath.join(posixpath.dirname(page), m.group("path")))
        index = "index.html" if folder == "." else f"{folder}/index.html"
        if index not in names:
            return m.group(0)
        return f'{m.group("attr")}{m.group("path")}index.html{m.group("rest") or ""}"'

    return FOLDER_LINK.sub(sub, html)
