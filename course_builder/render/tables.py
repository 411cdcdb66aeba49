"""Tables with a header row, made ready at build time so that the theme's script leaves them alone.

At start-up Material's script wraps every ``table:not([class])`` of the content in two ``<div>``s
(its scrolling frame), and site.js used to walk every table to give each cell its column's label
(``data-label``, shown on a phone when rows stack: site.css). Both change the page after it is laid
out, and the style recalculation and re-layout that follow made most of the total blocking time
Lighthouse measured on module pages (mobile, 4x CPU). Here each such table gets the same frame, the
labels and the class ``cb-table`` (site.css gives it Material's look), so the theme's selector no
longer matches it and the browser lays the page out once.

Only tables with a ``<thead>`` and no class attribute: without a header there are no labels to show,
and a class means the author styles the table (Material does not touch those either). Tables inside
other tables are the author's own layout: the outer one is left to the theme.
"""
from __future__ import annotations

import html
import itertools
import re

_ATTRS = r"""(?:[^>"']|"[^"]*"|'[^']*')*"""
# Comments and raw-text elements hold no tables, only text that may look like one.
_TABLE = re.compile(rf"<!--.*?-->|<(script|style|textarea)\b.*?</\1\s*>"
                    rf"|<table\b(?P<attrs>{_ATTRS})>(?P<body>(?:(?!<table\b).)*?)</table\s*>", re.S | re.I)
_ATTR_NAME = re.compile(r"""\s([^\s"'>/=]+)(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?""")
_THEAD = re.compile(r"<thead\b.*?</thead\s*>", re.S | re.I)
_TBODY = re.compile(r"(<tbody\b.*?</tbody\s*>)", re.S | re.I)
_TH = re.compile(rf"<th\b{_ATTRS}>(.*?)</th\s*>", re.S | re.I)
_ROW = re.compile(r"<tr\b.*?</tr\s*>", re.S | re.I)
_CELL = re.compile(rf"<(?:td|th)\b({_ATTRS})>", re.I)
_TAG = re.compile(rf"<!--.*?-->|<{_ATTRS}>", re.S)
WRAP = ('<div class="md-typeset__scrollwrap"><div class="md-typeset__table">', "</div></div>")
CLASS = "cb-table"


def _names(attrs: str) -> set[str]:
    return {m.group(1).lower() for m in _ATTR_NAME.finditer(attrs)}


def _label(cell: str) -> str:
    """What the browser's textContent.trim() of the header cell gives, ready for an attribute."""
    return html.escape(html.unescape(_TAG.sub("", cell)).strip(), quote=True)


def _row(row: str, labels: list[str]) -> str:
    column = itertools.count()

    def cell(m: re.Match) -> str:
        i = next(column)
        if i >= len(labels) or not labels[i] or "data-label" in _names(m.group(1)):
            return m.group(0)
        return f'{m.group(0)[:-1]} data-label="{labels[i]}">'

    return _CELL.sub(cell, row)


def _table(m: re.Match) -> str:
    attrs, body = m.group("attrs"), m.group("body")
    if body is None or "class" in _names(attrs):  # a comment or a script, or the author's own table
        return m.group(0)
    head = _THEAD.search(body)
    if head is None:
        return m.group(0)
    labels = [_label(th) for th in _TH.findall(head.group(0))]
    parts = _TBODY.split(body)  # odd items are the <tbody> elements
    parts[1::2] = [_ROW.sub(lambda r: _row(r.group(0), labels), part) for part in parts[1::2]]
    return f'{WRAP[0]}<table class="{CLASS}"{attrs}>{"".join(parts)}</table>{WRAP[1]}'


def prepare_tables(content: str) -> str:
    """``content`` (a page's HTML) with its header-row tables framed, labelled and classed as above."""
    return _TABLE.sub(_table, content)
