"""`export gift|moodle-xml|scorm12|offline`: files for an LMS or a disk."""
from __future__ import annotations

import sys

from . import load_valid


def run(args) -> int:
    course = load_valid(args)
    if course is None:
        return 1
    from ..export import run_export
    result = run_export(args.format, course, args.root, args.lang or list(course.languages),
                        (args.out or args.root / "export").resolve(), ordering=args.ordering)
    for message in result.messages:
        print(message, file=sys.stderr)
    return result.code
