"""`attendance-codes`: each live session's attendance code and the link that records it, for the trainer
to announce (or to show: `slides --attendance` puts them on the last slide of the trainer's decks)."""
from __future__ import annotations

import sys

from . import load_valid, unknown_languages


def run(args) -> int:
    course = load_valid(args)
    if course is None:
        return 1
    from ..attendance import SECRET_ENV, codes, live_sessions
    from ..render.slides import attendance_link
    sessions = live_sessions(course)
    if not sessions:
        print("The course has no live session (a session of course/programme.yml with 'start' and 'end').",
              file=sys.stderr)
        return 1
    found = codes(course)
    if not found:
        print(f"{SECRET_ENV} is not set: the codes come from it. Set it as the site was built with it (the "
              "repository secret of the Pages workflow); see AUTHORING.md, 'Attendance and the certificate of "
              "participation'.", file=sys.stderr)
        return 2
    langs = unknown_languages(args, course)
    if langs is None:
        return 2
    print(f"Attendance codes from {SECRET_ENV}: announce each in its session; never publish nor commit them.")
    for s in sessions:
        print(f"{s.id}  {s.date} {s.start}–{s.end}  {found[s.id]}")
        for lang in langs:
            link = attendance_link(course, s, lang, found[s.id])
            if link:
                print(f"    {lang}: {link}")
    return 0
