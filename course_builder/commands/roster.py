"""`roster FILE…`: the cohort's table (CSV and a printable page) from the progress files or codes sent in."""
from __future__ import annotations

import sys
from pathlib import Path

from . import load_valid


def inputs(args: list[str]) -> tuple[list[tuple[str, str, str | None]], list[tuple[str, str]]]:
    """Each argument: a progress file, a text file of progress codes (one a line), or a code itself;
    ``=CODE`` after it adds the code printed on that participant's certificate. Returns the inputs and
    the arguments that name a file that cannot be read."""
    out, missing = [], []
    for arg in args:
        where, _, printed = arg.partition("=") if "=" in arg and not arg.startswith("{") else (arg, "", "")
        path = Path(where)
        try:
            is_file = path.is_file()
        except OSError:  # a long code is no valid path
            is_file = False
        if not is_file:
            if path.suffix in (".json", ".txt") or "/" in where:
                missing.append((where, "no such file"))
            else:
                out.append((where[:12] + "…" if len(where) > 13 else where, where, printed or None))
            continue
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            missing.append((where, f"cannot be read: {exc.__class__.__name__}"))
            continue
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        if text.lstrip().startswith("{") or len(lines) <= 1:
            out.append((where, text, printed or None))
        else:  # codes pasted one a line
            out += [(f"{where}:{n}", line, None) for n, line in enumerate(text.splitlines(), 1) if line.strip()]
    return out, missing


def run(args) -> int:
    course = load_valid(args)
    if course is None:
        return 1
    from ..roster import Rejected, build, to_csv, to_html
    given, missing = inputs(args.files)
    roster = build(course, given)
    roster.rejected = [Rejected(s, why) for s, why in missing] + roster.rejected
    out = args.out or args.root / "export"
    out.mkdir(parents=True, exist_ok=True)
    (out / "roster.csv").write_text(to_csv(roster, args.sort), encoding="utf-8")
    (out / "roster.html").write_text(to_html(roster, args.sort), encoding="utf-8")
    files = sum(len(r.sources) for r in roster.rows)
    print(f"{len(roster.rows)} participants from {files} records ({len(roster.joined)} joined as one person); "
          f"{len(roster.rejected)} set apart")
    for sources, why in roster.joined:
        print(f"joined: {', '.join(sources)} ({why})")
    for r in roster.rejected:
        print(f"set apart: {r.source}: {r.reason}", file=sys.stderr)
    print(f"wrote {out / 'roster.csv'} and {out / 'roster.html'}")
    return 0 if roster.rows or not roster.rejected else 1
