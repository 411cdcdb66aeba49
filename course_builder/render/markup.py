"""Kept for render/handbook.py and pdf.py until they import course_builder.text (the text helpers
moved there so that exports need nothing from render/)."""
from ..text import Markup_, plain, rewrite_links  # noqa: F401
