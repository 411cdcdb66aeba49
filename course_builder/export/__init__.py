"""Exports: question banks for the e-campus LMS (GIFT, Moodle XML), SCORM 1.2 packages, offline zips.

Each export returns an ``ExportResult``; only the CLI prints. The formats are imported when asked for,
so a question bank never loads the pipeline or the MkDocs runner (export/package.py does, for the
formats that build a site).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..model import Course


@dataclass
class ExportResult:
    """What an export wrote and what to tell whoever ran it, in order."""

    written: list[Path] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)
    code: int = 0   # exit code: 0 done, 1 nothing (or not everything) written, 2 options that do not fit

    def say(self, text: str) -> None:
        self.messages.append(text)

    def fail(self, text: str, code: int = 1) -> "ExportResult":
        self.messages.append(text)
        self.code = code
        return self


def run_export(fmt: str, course: Course, root: Path, langs: list[str], out: Path,
               ordering: bool = False) -> ExportResult:
    """Write the export files for ``langs`` into ``out``. ``ordering`` (GIFT only) also writes the
    ordering questions in the qtype_ordering plugin's syntax."""
    unknown = [lang for lang in langs if lang not in course.languages]
    if unknown:
        return ExportResult().fail(f"unknown language(s): {', '.join(unknown)}; the course has "
                                   f"{', '.join(course.languages)}", 2)
    if ordering and fmt != "gift":
        return ExportResult().fail("--ordering is for gift only (moodle-xml always writes the ordering questions "
                                   "to a file of their own; scorm12 and offline carry them as the site does)", 2)
    out.mkdir(parents=True, exist_ok=True)
    if fmt == "gift":
        from .gift import export_gift
        return export_gift(course, root, langs, out, ordering=ordering)
    elif fmt == "moodle-xml":
        from .moodle_xml import export_moodle_xml as export
    elif fmt == "offline":
        from .offline import export_offline as export
    else:
        from .scorm import export_scorm as export
    return export(course, root, langs, out)
