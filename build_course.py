#!/usr/bin/env python3
"""Validate and build the bilingual course: `python build_course.py check|build|serve` (see --help)."""
import sys

from course_builder.cli import main

if __name__ == "__main__":
    sys.exit(main())
