"""The commands of `course-builder` (and this repository's `build_course.py`), one module each, as MkDocs
has them: each module's ``run(args) -> int`` does the command, prints and returns the exit code. The
library they call returns results or raises; cli.py only parses the arguments and picks the module.

Helpers shared by the commands: how diagnostics are printed, and loading a course that must be valid.
"""
from __future__ import annotations

import argparse
import sys

from ..diagnostics import Diagnostic, Severity, has_errors, notes_line, summary


def say(args: argparse.Namespace, text: str) -> None:
    """Progress for people; silent with --quiet."""
    if not args.quiet:
        print(text, file=sys.stderr)


def print_diags(args: argparse.Namespace, diags: list[Diagnostic], fmt: str = "text", strict: bool = False,
                notes: bool = False) -> None:
    """Errors and warnings in full; notes in one line unless ``notes`` (check --notes); then the summary."""
    for d in diags:
        if d.severity is Severity.NOTE and not notes:
            continue
        print(d.format_github() if fmt == "github" else d.format(), file=sys.stderr)
    if args.quiet:
        return
    line = notes_line(diags)
    if line and not notes:
        print(line, file=sys.stderr)
    print(summary(diags) + (" (--strict: warnings fail)" if strict and any(
        d.severity is Severity.WARNING for d in diags) else ""), file=sys.stderr)


def load_valid(args: argparse.Namespace, fmt: str = "text", strict: bool = False, notes: bool = False):
    """The course under --project, its problems printed; None when it has errors (or warnings, ``strict``)."""
    from ..pipeline import load
    course, diags = load(args.root)
    print_diags(args, diags, fmt, strict, notes)
    if course is None or has_errors(diags, strict):
        return None
    return course


def unknown_languages(args: argparse.Namespace, course) -> list[str] | None:
    """The languages asked with --lang (default: all of the course's), or None once it has said which
    of them the course does not have."""
    langs = args.lang or list(course.languages)
    unknown = [lang for lang in langs if lang not in course.languages]
    if unknown:
        print(f"unknown language(s): {', '.join(unknown)}; the course has {', '.join(course.languages)}",
              file=sys.stderr)
        return None
    return langs
