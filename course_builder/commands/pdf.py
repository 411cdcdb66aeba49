"""`pdf`: the printable handbook per language (or the facilitator guide), printed with Chromium."""
from __future__ import annotations

from . import load_valid


def run(args) -> int:
    course = load_valid(args)
    if course is None:
        return 1
    from ..pdf import run_pdf
    return run_pdf(course, args.root, args.lang or list(course.languages), (args.out or args.root / "export").resolve(),
                   args.facilitator)
