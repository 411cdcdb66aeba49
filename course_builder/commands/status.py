"""`status`: what is untranslated, stale or structurally different; `--mark` records a checked translation."""
from __future__ import annotations

import json
import sys

from ..diagnostics import has_errors
from . import print_diags


def run(args) -> int:
    from ..pipeline import load
    root = args.root
    course, diags = load(root)
    if course is None or has_errors(diags):
        print_diags(args, diags)
        print("Fix the errors above first: status needs a course that loads.", file=sys.stderr)
        return 1
    pages = {p.slug: p for p in course.all_pages()}
    if args.mark:
        unknown = [slug for slug in args.mark if slug not in pages]
        if unknown:
            print(f"no such page folder: {', '.join(unknown)}", file=sys.stderr)
            return 2
        from ..translation import mark_current
        for slug in args.mark:
            for path in mark_current(course, pages[slug]):
                print(f"marked up to date: {path.relative_to(root)}")
        return 0
    from ..translation import status_report
    report = status_report(course)
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        print(_table(report, list(pages), course.languages))
    bad = any(row["state"] in ("stale", "missing") for row in report["pages"])
    return 1 if args.strict and bad else 0


def _table(report: dict, slugs: list[str], langs: tuple[str, ...]) -> str:
    width = max(len(slug) for slug in slugs)
    lines = [f"{'page'.ljust(width)}  " + "  ".join(lang.ljust(9) for lang in langs) + "  structure"]
    for slug in slugs:
        states = {row["lang"]: row for row in report["pages"] if row["page"] == slug}
        drift = "; ".join(d for row in states.values() for d in row["drift"]) or "same"
        cells = [(states[lang]["state"] if lang in states else "missing").ljust(9) for lang in langs]
        lines.append(f"{slug.ljust(width)}  " + "  ".join(cells) + f"  {drift}")
    lines.append(f"\nQuizzes: {len(report['quizzes'])} complete in {', '.join(langs)} (one file holds every "
                 f"language); cases: {len(report['cases'])}; glossary terms: {report['glossary_terms']}.")
    lines.append("Completeness: " + ", ".join(f"{lang} {pct} %" for lang, pct in report["completeness"].items())
                 + " (pages present and not stale).")
    untracked = sum(1 for row in report["pages"] if row["state"] == "untracked")
    if untracked:
        lines.append(f"{untracked} translation(s) have no 'translated_from' yet: after checking them, run "
                     "build_course.py status --mark <folder>.")
    return "\n".join(lines)
