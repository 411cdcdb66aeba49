"""`stats`: words, reading time and questions per module and language."""
from __future__ import annotations

import json
import sys

from . import load_valid


def run(args) -> int:
    course = load_valid(args)
    if course is None:
        return 1
    from ..stats import course_stats, duration_warning, format_table
    figures = course_stats(course)
    print(json.dumps(figures, ensure_ascii=False, indent=2) if args.json else format_table(figures, course.languages))
    if warning := duration_warning(figures):
        print(warning, file=sys.stderr)
    return 0
