"""`slides`: the live sessions' slide decks (also written into the site by every `build`), into a folder
of their own to take to the session, and with --pdf printed one slide per page at 16:9."""
from __future__ import annotations

import gzip
import sys
import time
from pathlib import Path

from . import load_valid, say, unknown_languages


def run(args) -> int:
    course = load_valid(args)
    if course is None:
        return 1
    from ..render.slides import ENGINE, deck_dir, deck_files, deck_sessions
    langs = unknown_languages(args, course)
    if langs is None:
        return 2
    sessions = deck_sessions(course)
    if not sessions:
        print("No session has a deck: give a live session of course/programme.yml 'modules:' or 'discuss:' "
              "(see AUTHORING.md).", file=sys.stderr)
        return 1
    codes = None
    if args.attendance:
        from ..attendance import SECRET_ENV, codes as attendance_codes
        codes = attendance_codes(course)
        if not codes:
            print(f"slides --attendance needs the attendance secret in {SECRET_ENV} (AUTHORING.md, 'Attendance "
                  "and the certificate of participation')", file=sys.stderr)
            return 2
    files = deck_files(course, codes)
    out = (args.out or args.root / "export" / "slides").resolve()
    folders = {deck_dir(course, s, lang): (s, lang) for s in sessions for lang in langs}
    for rel, content in files.items():
        if rel.rsplit("/", 1)[0] in folders or any(rel.startswith(f + "/") for f in folders):
            target = out / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
    took = time.monotonic() - args.started  # the whole command, from cli.main
    engine = sum(len(gzip.compress(files[f"{next(iter(folders))}/{name}"], 9)) for name in ENGINE)
    for folder, (session, lang) in folders.items():
        slides = files[f"{folder}/index.html"].count(b'<section class="slide ')
        html = len(gzip.compress(files[f"{folder}/index.html"], 9))
        print(f"Wrote {_shown(out / folder)}/index.html: {session.id} ({lang}), {slides} slides, "
              f"{html / 1024:.1f} KB gz + code and styles {engine / 1024:.1f} KB gz")
    say(args, f"{len(folders)} deck(s) in {took:.2f} s")
    if codes:
        print(f"These decks end with each session's attendance code: they are for the trainer; never publish "
              f"{_shown(out)} nor commit it.")
    if args.pdf:
        from ..pdf import PdfError, print_decks
        from .pdf import report
        jobs = [(f"{folder}/index.html", out / f"{course.id}-{session.id}-{lang}.pdf")
                for folder, (session, lang) in folders.items()]
        try:
            report(print_decks(out, jobs), Path.cwd(), args.started)
        except PdfError as exc:
            print(exc, file=sys.stderr)
            return exc.exit_code
    return 0


def _shown(path: Path) -> str:
    return str(path.relative_to(Path.cwd())) if path.is_relative_to(Path.cwd()) else str(path)
