"""`pdf`: the printable handbook per language (or the facilitator guide), printed with Chromium."""
from __future__ import annotations

import sys
import time
from pathlib import Path

from . import load_valid


def report(written: list, relative_to: Path, started: float) -> None:
    """What was printed (stdout) and what could not be (stderr), and how long since the command
    started (``started``: time.monotonic() in cli.main); shared with `build --pdf`."""
    from ..pdf import report as lines
    out, err = lines(written, time.monotonic() - started, relative_to)
    print(*out, sep="\n")
    print(*err, sep="\n", file=sys.stderr)


def run(args) -> int:
    course = load_valid(args)
    if course is None:
        return 1
    from ..pdf import PdfError, run_pdf
    try:
        written = run_pdf(course, args.root, args.lang or list(course.languages),
                          (args.out or args.root / "export").resolve(), args.facilitator)
    except PdfError as exc:
        print(exc, file=sys.stderr)
        return exc.exit_code
    report(written, Path.cwd(), args.started)
    return 0
