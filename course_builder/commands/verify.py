"""`verify`: a certificate against the participant's progress code or file.

Exit 0: the code was made from that record, which passes; 1: it was read and is not valid (or no code was
given); 2: the code or the progress could not be read (one sentence each on stderr, never a traceback)."""
from __future__ import annotations

import sys

from . import load_valid

WHY = {"code": "the certificate's code is not the one made from this record",
       "code_unreadable": "the certificate's code is not readable: check the letters",
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
    from ..verification import NOT_READABLE, ProgressError, load_progress_argument, read_code
    unreadable = []
    if args.certificate and read_code(args.certificate) is None:
        unreadable.append(f"--certificate {args.certificate[:40]!r}: {NOT_READABLE} (a code is 12 letters and digits, "
                          "as printed: XXXX-XXXX-XXXX)")
    course = load_valid(args)
    if course is None:
        return 1
    from ..participation import which
    try:
        record = load_progress_argument(args.progress, course)
    except ProgressError as exc:
        unreadable.append(str(exc))
    for sentence in unreadable:
        print(f"verify: {sentence}", file=sys.stderr)
    if unreadable:
        return 2
    kind, verdict = which(course, record, args.certificate, args.name, args.date)
    print(verdict_text(verdict, bool(args.certificate)) if kind == "completion" else participation_text(verdict))
    return 0 if verdict.valid and args.certificate else 1
