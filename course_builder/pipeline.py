"""The generator's steps as a library: load + validate, render docs/, build the site atomically."""
from __future__ import annotations

from pathlib import Path

from .diagnostics import Diagnostic, Reporter, Severity
from .loader import load_course
from .model import Course
from .render.pages import nav_paths, render_docs, write_docs
from .strings import STRINGS
from .validate import validate


def load(root: Path) -> tuple[Course | None, list[Diagnostic]]:
    """Load and validate the course under ``root``; never raises for author mistakes."""
    rep = Reporter(root)
    course = load_course(root, rep)
    if course is not None:
        unknown = [lang for lang in course.languages if lang not in STRINGS]
        for lang in unknown:
            rep.add(Path(root / "course" / "course.yml"), "course.language",
                    f"language '{lang}' has no interface text", f"supported: {', '.join(STRINGS)}")
        if not rep.errors:
            validate(course, rep)
    return course, rep.sorted()


def has_errors(diags: list[Diagnostic], strict: bool = False) -> bool:
    failing = {Severity.ERROR, Severity.WARNING} if strict else {Severity.ERROR}
    return any(d.severity in failing for d in diags)


def nav(course: Course) -> list[str]:
    return nav_paths(course)


def generate(course: Course, docs: Path) -> int:
    """Write docs/ for ``course``; returns how many files changed."""
    return write_docs(render_docs(course), docs)
