"""Exports: question banks for the e-campus LMS (GIFT, Moodle XML), SCORM 1.2 packages, offline zips."""
from __future__ import annotations

import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .. import pipeline
from ..model import Course
from ..site import build_site


@contextmanager
def file_site(course: Course, root: Path, what: str) -> Iterator[Path | None]:
    """The site built in a temporary folder with links naming …/index.html (for an LMS or a disk,
    where no web server finds folder indexes); None, after saying why, when MkDocs fails."""
    pipeline.generate(course, root / "docs")
    with tempfile.TemporaryDirectory(prefix="export-") as tmp:
        site = Path(tmp) / "site"
        result = build_site(root, site, directory_urls=False)
        if not result.ok:
            print(pipeline.name_sources(result.output, course), file=sys.stderr)
            print(f"MkDocs failed: no {what} was written.", file=sys.stderr)
            yield None
        else:
            yield site


def run_export(fmt: str, course: Course, root: Path, langs: list[str], out: Path, ordering: bool = False) -> int:
    """Write the export files for ``langs`` into ``out``; print what was written and what was not.
    ``ordering`` (GIFT only) also writes the ordering questions in the qtype_ordering plugin's syntax."""
    unknown = [lang for lang in langs if lang not in course.languages]
    if unknown:
        print(f"unknown language(s): {', '.join(unknown)}; the course has {', '.join(course.languages)}",
              file=sys.stderr)
        return 2
    if ordering and fmt != "gift":
        print("--ordering is for gift only (moodle-xml always writes the ordering questions to a file of their "
              "own; scorm12 and offline carry them as the site does)", file=sys.stderr)
        return 2
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
