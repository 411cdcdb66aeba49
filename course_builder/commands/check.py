"""`check`: validate the sources and report every problem (never imports rendering or MkDocs)."""
from __future__ import annotations

from . import load_valid


def run(args) -> int:
    return 0 if load_valid(args, args.format, args.strict, args.notes) else 1
