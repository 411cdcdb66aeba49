"""The certificate of participation: what a record needs for it (course.yml `participation:`), its code,
and telling it from a certificate of completion when a trainer checks one (`verify`).

Like the certificate of completion, it is checked against the progress record the participant sends: its
code is made (verification.code) from "participation", the name, the date, the course version and the
record's random seed, so it cannot be made up without the record. The record must hold the attendance of
every required live session (attendance.py: ``att``) and, when course.yml says ``completion: true``,
everything the certificate of completion needs. Its date is the day the last requirement was met as far
as the record tells: the latest required session's date, or the final assessment's, whichever is later.
``js/55-participation.js`` does the same in the browser; keep the two in step.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from .attendance import attended, required_sessions
from .model import Course
from .verification import Verdict, code, iso_date, month_numbers, norm, verify
from .strings import t

KIND_COMPLETION, KIND_PARTICIPATION = "completion", "participation"
_SEPARATORS = re.compile("[\\s\u200b\ufeff\u00ad\u2010-\u2015\u2212-]+")
_LOOK_ALIKES = str.maketrans("OIL", "011")


@dataclass
class Participation:
    name: str = ""
    date: str | None = None
    attended: list[str] = field(default_factory=list)   # required session ids the record holds
    required: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)    # sessions (titles) not attended, then the completion steps
    expected_code: str | None = None
    problems: list[str] = field(default_factory=list)   # missing, no_certificate, code, name, date

    @property
    def valid(self) -> bool:
        return not self.problems

    @property
    def earned(self) -> bool:
        return "missing" not in self.problems


def participation_parts(record: dict, name: str, date: str, version: str) -> list:
    return [KIND_PARTICIPATION, name, date, version, record.get("seed", "")]


def same_code(typed: str, expected: str) -> bool:
    """A typed code against one made here: separators and case ignored, the look-alikes O/0 and I/L/1
    folded on both sides (what verification reads for codes of either alphabet)."""
    def fold(s: str) -> str:
        return _SEPARATORS.sub("", unicodedata.normalize("NFKC", s)).upper().translate(_LOOK_ALIKES)
    return bool(typed) and fold(typed) == fold(expected)


def check(course: Course, record: dict, certificate: str = "", name: str = "", date: str = "") -> Participation:
    """What ``record`` says about a certificate of participation (and, given, its code, name and date)."""
    lang = course.default_language
    sessions = required_sessions(course)
    held = attended(record)
    p = Participation(name=re.sub(r"\s+", " ", str(record.get("name") or "")).strip(),
                      required=[s.id for s in sessions], attended=[s.id for s in sessions if s.id in held])
    p.missing = [s.title[lang] for s in sessions if s.id not in held]
    dates = [s.end_date or s.date for s in sessions]
    if course.participation is None or not sessions:
        p.problems.append("no_certificate")
        return p
    if course.participation.completion:
        completion = verify(course, record)
        p.missing += completion.missing
        final = next((q for q in course.quizzes.values() if q.kind == "assessment"), None)
        result = (record["quiz"].get(final.id) or {}).get("result") if final else None
        if isinstance(result, dict) and isinstance(result.get("at"), str):
            dates.append(result["at"])
    if p.missing:
        p.problems.append("missing")
    if not p.name:
        p.problems.append("no_certificate")
        return p
    p.date = max(dates)
    p.expected_code = code(participation_parts(record, p.name, p.date, course.version))
    if certificate and not same_code(certificate, p.expected_code):
        p.problems.append("code")
    if name and norm(name) != norm(p.name):
        p.problems.append("name")
    if date and iso_date(date, month_numbers([t(x, "months") for x in course.languages])) != p.date:
        p.problems.append("date")
    return p


def which(course: Course, record: dict, certificate: str, name: str = "", date: str = "") \
        -> tuple[str, Verdict | Participation]:
    """The certificate a code belongs to, and its verdict: participation when the code is the record's
    participation code, completion otherwise (also when it matches neither: the usual case)."""
    if course.participation is not None and certificate:
        p = check(course, record, certificate, name, date)
        if p.expected_code and "code" not in p.problems:
            return KIND_PARTICIPATION, p
    return KIND_COMPLETION, verify(course, record, certificate, name, date)
