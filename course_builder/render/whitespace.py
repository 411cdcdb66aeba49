"""The theme's indentation taken out of every page: each run of blanks that holds a line break
becomes one line break, outside the page content only.

Material's templates indent the header, the navigation (every page of the language, on every page)
and the footer deeply; a participant downloads every page of their language for offline use, and
those blanks cost about 7 KB gz a language in this course. A run of blanks renders as one space
whatever its length, so the page looks the same. The content (``<article>``, from the author's
Markdown) is left as written, and so is anything whose blanks can matter anywhere: ``pre``,
``textarea``, ``code``/``kbd`` (Material sets ``white-space: pre-wrap`` on them), scripts, styles,
comments and the inside of tags (attribute values).
"""
from __future__ import annotations

import re

_TAG = r"<(?:[^>\"']|\"[^\"]*\"|'[^']*')*>"
KEEP = re.compile(rf"<!--.*?-->|<(pre|textarea|script|style|code|kbd)\b(?:[^>\"']|\"[^\"]*\"|'[^']*')*>.*?</\1\s*>|{_TAG}",
                  re.S | re.I)
BLANKS = re.compile(r"[ \t\r\f]*\n[ \t\r\n\f]*")  # ASCII blanks only: a no-break space is content
CONTENT = ('<article class="md-content__inner', "</article>")


def _compact(html: str) -> str:
    out, pos = [], 0
    for m in KEEP.finditer(html):
        out += [BLANKS.sub("\n", html[pos:m.start()]), m.group(0)]
        pos = m.end()
    out.append(BLANKS.sub("\n", html[pos:]))
    return "".join(out)


def compact_theme(html: str) -> str:
    start, end = html.find(CONTENT[0]), html.rfind(CONTENT[1])
    if not 0 <= start < end:
        return _compact(html)
    return _compact(html[:start]) + html[start:end] + _compact(html[end:])
