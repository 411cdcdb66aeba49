"""Exports: question banks for the e-campus LMS (GIFT, Moodle XML), SCORM 1.2 packages, offline zips."""
from __future__ import annotations

import sys
from pathlib import Path

from ..model import Course


def run_export(fmt: str, course: Course, root: Path, langs: list[str], out: Path) -> int:
    """Write the export files for ``langs`` into ``out``; print what was written and what was not."""
    unknown = [lang for lang in langs if lang not in course.languages]
    if unknown:
        print(f"unknown language(s): {', '.join(unknown)}; the course has {', '.join(course.languages)}",
              file=sys.stderr)
        return 2
    out.mkdir(parents=True, exist_ok=True)
    if fmt == "gift":
        from .gift import export_gift as export
    elif fmt == "moodle-xml":
        from .moodle_xml import export_moodle_xml as export
    elif fmt == "offline":
        from .offline import export_offline as export
    else:
        from .scorm import export_scorm as export
    return export(course, root, langs, out)
