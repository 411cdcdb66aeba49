"""`verify`: a certificate against the participant's progress code or file."""
from __future__ import annotations

import sys

from . import load_valid

WHY = {"code": "the certificate's code is not the one made from this record",
       "name": "the name given is not the one in the record",
       "date": "the date given is not the one in the record",
       "no_certificate": "no certificate was issued from this record (no name or no final result)"}


def verdict_text(v, with_code: bool) -> str:
    lines = [f"name: {v.name or '-'}", f"final assessment: {v.date or '-'}, {v.score if v.score is not None else '-'} %",
             f"certificate code made from this record: {v.expected_code or '-'}"]
    lines += [f"problem: {WHY.get(p) or 'not passed in this record: ' + '; '.join(v.missing)}" for p in v.problems]
    if v.valid:
        lines.append("valid: the code was made from this record, which shows every graded quiz and the final "
                     "assessment passed" if with_code else "the record passes; give --certificate CODE to check a code")
    else:
        lines.append("NOT VALID")
    return "\n".join(lines)


def run(args) -> int:
    course = load_valid(args)
    if course is None:
        return 1
    from ..verification import ProgressError, load_progress_argument, verify
    try:
        record = load_progress_argument(args.progress, course)
    except ProgressError as exc:
        print(f"verify: {exc}", file=sys.stderr)
        return 1
    verdict = verify(course, record, args.certificate, args.name, args.date)
    print(verdict_text(verdict, bool(args.certificate)))
    return 0 if verdict.valid and args.certificate else 1
