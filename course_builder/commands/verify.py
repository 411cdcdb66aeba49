"""`verify`: a certificate against the participant's progress code or file."""
from __future__ import annotations

import sys

from . import load_valid

WHY = {"code": "the certificate's code is not the one made from this record",
       "name": "the name given is not the one in the record",
       "date": "the date given is not the one in the record",
       "no_certificate": "no certificate was issued from this record (no name or no final result)"}


def participation_text(p) -> str:
    """A code that is the record's certificate of participation code (participation.which)."""
    lines = ["certificate: of participation in the live programme", f"name: {p.name or '-'}",
             f"sessions attended: {len(p.attended)} of {len(p.required)} required ({', '.join(p.attended) or '-'})",
             f"date: {p.date or '-'}", f"certificate code made from this record: {p.expected_code or '-'}"]
    lines += [f"problem: {WHY.get(x) or 'not in this record: ' + '; '.join(p.missing)}" for x in p.problems]
    lines.append("valid: the code was made from this record, which meets every requirement of the certificate of "
                 "participation" if p.valid else "NOT VALID")
    return "\n".join(lines)


def verdict_text(v, with_code: bool) -> str:
    lines = ["certificate: of completion of the self-paced study"] if with_code else []
    lines += [f"name: {v.name or '-'}", f"final assessment: {v.date or '-'}, {v.score if v.score is not None else '-'} %",
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
    from ..verification import ProgressError, load_progress_argument
    from ..participation import which
    try:
        record = load_progress_argument(args.progress, course)
    except ProgressError as exc:
        print(f"verify: {exc}", file=sys.stderr)
        return 1
    kind, verdict = which(course, record, args.certificate, args.name, args.date)
    print(verdict_text(verdict, bool(args.certificate)) if kind == "completion" else participation_text(verdict))
    return 0 if verdict.valid and args.certificate else 1
