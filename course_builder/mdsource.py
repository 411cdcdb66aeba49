"""One pass over a page's authored Markdown: which lines are fenced code, and the headings, links and
widget markers outside it, each with its line number in the file.

Every reader of page Markdown (loader, validation, translation status, stats, search, page
rendering, facilitator notes) goes through ``scan`` so that they agree on what is code: a link,
heading or ``::: quiz`` line shown inside a code block is an example, not content.

Fences follow pymdownx.superfences, which renders the pages: a line (indented or not, as in list
items) that starts with three or more backticks or tildes opens a block, unless a backtick fence is
followed by another backtick (```` ```x``` ```` is inline code); only a line holding the same fence
and nothing else closes it. Indented code (four spaces) is not treated as code: the course indents
admonition and tab bodies by four spaces, which are prose.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

TEXT, FENCE, CODE = "text", "fence", "code"

FENCE_OPEN = re.compile(r"^(`{3,}(?!.*`)|~{3,})")
INLINE_CODE = re.compile(r"`+[^`]*`+")
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*(?:\{\s*#([\w-]+)[^}]*\})?\s*#*\s*$")
LINK = re.compile(r"(!?)\[((?:[^\]\\]|\\.)*)\]\(\s*<?([^)\s>]*)>?(?:\s+[\"'][^\"']*[\"'])?\s*\)")
MARKER = re.compile(r"^:::[ \t]*(\S+)(?:[ \t]+(\S+))?[ \t]*$")


@dataclass(frozen=True)
class Line:
    number: int   # in the file
    text: str
    kind: str     # TEXT, FENCE (a line opening or closing a fenced block) or CODE (inside one)


@dataclass(frozen=True)
class Heading:
    line: int
    level: int
    text: str            # without the hashes and an attribute list
    anchor: str | None   # the id given as ``{ #id }``, if any


@dataclass(frozen=True)
class Link:
    line: int
    col: int             # 1-based column of the "[" (or of "!" for an image)
    target: str
    label: str           # the link text or the image's alt text
    image: bool


@dataclass(frozen=True)
class Marker:
    line: int
    text: str            # the whole line
    kind: str | None     # None when the line is not ``::: <kind> [<ref>]``
    ref: str | None


def split_front_matter(text: str) -> tuple[str, str, int] | None:
    """Return (front matter, body, body start line) or None when there is no front matter."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return None
    for i in range(1, len(lines)):
        if lines[i].strip() in ("---", "..."):
            return "\n".join(lines[1:i]), "\n".join(lines[i + 1:]), i + 2
    return None


def scan(body: str, first_line: int = 1) -> list[Line]:
    """Every line of ``body`` (the text after the front matter, starting at line ``first_line``)."""
    out, fence = [], None
    for offset, text in enumerate(body.split("\n")):
        stripped = text.strip()
        if fence is None:
            m = FENCE_OPEN.match(stripped)
            if m:
                fence = m.group(1)
            kind = FENCE if m else TEXT
        elif stripped == fence:
            fence, kind = None, FENCE
        else:
            kind = CODE
        out.append(Line(first_line + offset, text, kind))
    return out


def without_inline_code(text: str) -> str:
    """``text`` with each inline code span blanked (same length, so columns stay right)."""
    return INLINE_CODE.sub(lambda m: " " * len(m.group()), text)


def prose_lines(lines: Iterable[Line]) -> Iterator[tuple[int, str]]:
    """(line number, text) of the lines outside fenced code, with inline code blanked."""
    return ((line.number, without_inline_code(line.text)) for line in lines if line.kind == TEXT)


def heading(line: Line) -> Heading | None:
    """The ATX heading on ``line`` (``## Text {#anchor}``), if it is one outside code."""
    m = HEADING.match(line.text) if line.kind == TEXT else None
    return Heading(line.number, len(m.group(1)), m.group(2), m.group(3)) if m else None


def headings(lines: Iterable[Line]) -> Iterator[Heading]:
    return (h for h in map(heading, lines) if h is not None)


def links(prose: Iterable[tuple[int, str]]) -> Iterator[Link]:
    """Inline links and images in ``prose_lines``, in reading order."""
    for number, text in prose:
        for m in LINK.finditer(text):
            yield Link(number, m.start() + 1, m.group(3), m.group(2), m.group(1) == "!")


def markers(lines: Iterable[Line]) -> Iterator[Marker]:
    """Lines outside code that start with ``:::`` (widget markers, well formed or not)."""
    for line in lines:
        if line.kind == TEXT and line.text.startswith(":::"):
            m = MARKER.match(line.text)
            yield Marker(line.number, line.text, *(m.groups() if m else (None, None)))
