"""Located problems found in authored content, and how they are printed."""
from __future__ import annotations

import os
from dataclasses import dataclass
from enum import Enum
from pathlib import Path


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"  # information for trainers; never fails a build


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem in one source file. Lines and columns are 1-based; 0 means 'the whole file'."""

    path: str
    line: int
    col: int
    severity: Severity
    code: str
    message: str
    hint: str = ""

    def format(self) -> str:
        loc = self.path
        if self.line:
            loc += f":{self.line}:{max(self.col, 1)}"
        text = f"{loc}: {self.severity.value}[{self.code}]: {self.message}"
        if self.hint:
            text += f"\n    hint: {self.hint}"
        return text

    def format_github(self) -> str:
        """The GitHub Actions annotation form, so CI shows the problem on the right line."""
        kind = {"error": "error", "warning": "warning", "note": "notice"}[self.severity.value]
        msg = f"{self.message} ({self.hint})" if self.hint else self.message
        msg = msg.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return f"::{kind} file={self.path},line={max(self.line, 1)},col={max(self.col, 1)},title={self.code}::{msg}"


@dataclass(frozen=True)
class Mark:
    """Where something stands in a source file."""

    path: str
    line: int
    col: int


class Reporter:
    """Collects diagnostics so a trainer sees every problem in one run."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.items: list[Diagnostic] = []

    def rel(self, path: Path | str) -> str:
        p = Path(path)
        # A symbolic link is named by its own path, not by where it points (which may be outside).
        for base in (Path(os.path.abspath(self.root)), self.root.resolve()):
            try:
                return Path(os.path.abspath(p)).relative_to(base).as_posix()
            except ValueError:
                pass
        try:
            return p.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return os.fspath(p)

    def add(self, where: Mark | Path | str, code: str, message: str, hint: str = "",
            severity: Severity = Severity.ERROR) -> None:
        if isinstance(where, Mark):
            path, line, col = where.path, where.line, where.col
        else:
            path, line, col = self.rel(where), 0, 0
        self.items.append(Diagnostic(path, line, col, severity, code, message, hint))

    def warn(self, where: Mark | Path | str, code: str, message: str, hint: str = "") -> None:
        self.add(where, code, message, hint, Severity.WARNING)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity is Severity.WARNING]

    def sorted(self) -> list[Diagnostic]:
        return sorted(set(self.items))


def summary(diags: list[Diagnostic]) -> str:
    def count(n: int, word: str) -> str:
        return f"{n} {word}{'s' * (n != 1)}"

    errors = sum(d.severity is Severity.ERROR for d in diags)
    warnings = sum(d.severity is Severity.WARNING for d in diags)
    notes = len(diags) - errors - warnings
    if not errors and not warnings:
        return "No problems found." + (f" {count(notes, 'note')} for trainers." if notes else "")
    files = len({d.path for d in diags if d.severity is not Severity.NOTE})
    return (f"{count(errors, 'error')}, {count(warnings, 'warning')} in {count(files, 'file')}"
            + (f" ({count(notes, 'note')})." if notes else "."))


def notes_line(diags: list[Diagnostic]) -> str:
    """Notes in one line ("16 pages pending expert review — `check --notes` lists them"), or ''."""
    notes = [d for d in diags if d.severity is Severity.NOTE]
    if not notes:
        return ""
    review = sum(d.code == "page.review" for d in notes)
    other = len(notes) - review
    parts = []
    if review:
        parts.append(f"{review} page{'s' * (review != 1)} pending expert review")
    if other:
        parts.append(f"{other} other note{'s' * (other != 1)}")
    return " and ".join(parts) + " — `check --notes` lists them"


def has_errors(diags: list[Diagnostic], strict: bool = False) -> bool:
    failing = {Severity.ERROR, Severity.WARNING} if strict else {Severity.ERROR}
    return any(d.severity in failing for d in diags)
