"""Trainers' notes inside modules: `!!! facilitator "Title"` blocks, hidden from participants.

They are cut out of the participant pages and gathered, with timings, answer keys and the live
sessions' agenda, into the facilitator guide (build_course.py pdf --facilitator).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .mdsource import TEXT, scan

START = re.compile(r'^(?:!!!|\?\?\?\+?)\s+facilitator(?:\s+"([^"]*)")?\s*$')


@dataclass(frozen=True)
class Note:
    title: str
    body: str   # Markdown, dedented
    line: int   # line in the module file


def split_notes(body: str, first_line: int = 1) -> tuple[str, tuple[Note, ...]]:
    """(body without facilitator blocks, the blocks). Line numbers of what stays are kept by
    leaving blank lines in place of removed ones."""
    source = scan(body)
    lines = [line.text for line in source]
    kept, notes, i = [], [], 0
    while i < len(lines):
        m = START.match(lines[i]) if source[i].kind == TEXT else None  # an example in a code block stays
        if not m:
            kept.append(lines[i])
            i += 1
            continue
        start, block = i, []
        i += 1
        while i < len(lines) and (lines[i].startswith("    ") or not lines[i].strip()):
            block.append(lines[i][4:])
            i += 1
        while block and not block[-1].strip():
            block.pop()
        notes.append(Note(m.group(1) or "", "\n".join(block).strip("\n"), first_line + start))
        kept.extend([""] * (i - start))
    return "\n".join(kept), tuple(notes)
