"""Authored text as the site and the exports both need it: Markdown fields to HTML that cannot carry
markup or scripts of its own, one line of plain text, link targets rewritten, JSON safe inside HTML.

Neutral ground between render/ (pages) and export/ (question banks, packages): neither reaches into
the other for these.
"""
from __future__ import annotations

import json
import re
from typing import Callable

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup, escape

MARKDOWN_SYNTAX = re.compile(r"[\\`*_\[\]<>&!|~#:\n]|^\s*(?:[-+=]|\d+[.)])|\s$|^\s{4}")
SAFE_URL = re.compile(r"^(?:https?:|mailto:|#|\.{0,2}/|[^:]*$)", re.I)


class _SafeUrls(Treeprocessor):
    def run(self, root):  # type: ignore[override]
        for el in root.iter():
            for attr in ("href", "src"):
                value = el.get(attr)
                if value is not None and not SAFE_URL.match(value.strip()):
                    el.set(attr, "#")
            if el.tag == "a" and el.get("href", "").startswith(("http:", "https:")):
                el.set("rel", "noopener")


class _NoRawHtml(Extension):
    """Quiz and case texts are data: raw HTML in them is shown as text, never interpreted."""

    def extendMarkdown(self, md):  # type: ignore[override]
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        md.treeprocessors.register(_SafeUrls(md), "safe_urls", 0)


class Markup_:
    """Renders Markdown fields; ``rewrite_link`` maps authored link targets to site URLs."""

    def __init__(self, rewrite_link: Callable[[str], tuple[str, str | None]] | None = None) -> None:
        self._md = markdown.Markdown(extensions=[_NoRawHtml(), "abbr", "tables", "attr_list"])
        self._rewrite = rewrite_link

    def block(self, text: str) -> Markup:
        if not MARKDOWN_SYNTAX.search(text):
            # Most quiz texts are one plain sentence: skip the Markdown pipeline (a large share
            # of build time) and produce what it would, a single escaped paragraph.
            return Markup("<p>") + escape(text.strip()) + Markup("</p>")
        if self._rewrite:
            text = rewrite_links(text, self._rewrite)
        self._md.reset()
        return Markup(self._md.convert(text))

    def inline(self, text: str) -> Markup:
        html = str(self.block(text))
        m = re.fullmatch(r"<p>(.*)</p>", html, re.S)
        return Markup(m.group(1) if m and "<p>" not in m.group(1) else html)


LINK_TARGET = re.compile(r"(\]\(\s*)(<?)([^)\s>]+)(>?)((?:\s+[\"'][^\"']*[\"'])?\s*\))")


def rewrite_links(text: str, rewrite: Callable[[str], tuple[str, str | None]]) -> str:
    """Replace each ``[text](target "title")`` target; ``rewrite`` returns (url, title or None)."""

    def sub(m: re.Match[str]) -> str:
        url, title = rewrite(m.group(3))
        tail = m.group(5)
        if title is not None and not tail.strip().startswith(("'", '"')):
            safe_title = title.replace('"', "'").replace("\n", " ")
            tail = f' "{safe_title}"' + tail
        return f"{m.group(1)}{m.group(2)}{url}{m.group(4)}{tail}"

    # Links shown as code (`[x](glossary:y)` in an explanation) are text, not links.
    parts = re.split(r"(`+[^`]*`+)", text)
    return "".join(part if i % 2 else LINK_TARGET.sub(sub, part) for i, part in enumerate(parts))


def plain(text: str) -> str:
    """Markdown reduced to one line of plain text (for tooltips, meta descriptions, live regions)."""
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"[*_`#>]+", "", text)
    return re.sub(r"\s+", " ", text).strip()


def json_for_html(data: object) -> str:
    """JSON that cannot close its <script> element or open a comment.

    Not Jinja's ``tojson``: that one also writes ``'`` as ``\\u0027`` (every English apostrophe in the
    page data would change) and leaves U+2028/U+2029 raw; this is the byte-for-byte output the pages
    have always had."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026") \
        .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
