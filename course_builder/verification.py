"""Certificate verification from a participant's progress record, for trainers (`verify`).

The site has no server, so a certificate is checked against the progress record the participant
sends (the code from "My progress", or the downloaded file): the record must show every graded
module quiz and the final assessment passed, and the code printed on the certificate must be the
one made from that record (its random seed, the name, date, score and course version). The
browser's verification page (``overrides/assets/course/js/60-verify.js``) does the same; the
hash, the text normalisation and the code format here mirror it exactly.
"""
from __future__ import annotations

import base64
import binascii
import json
import math
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from . import progress_code
from .model import Course
from .strings import t
from .answers import question_hash

_EDGE = "[ .,;:!?¡¿\"'«»()]+"


class ProgressError(ValueError):
    """The progress code or file cannot be read as a record of this course."""


def norm(text: str) -> str:
    text = "".join(c for c in unicodedata.normalize("NFD", text) if not 0x300 <= ord(c) <= 0x36F)
    text = re.sub(r"\s+", " ", text.lower())
    return re.sub(f"^{_EDGE}|{_EDGE}$", "", text)


def _fnv(text: str) -> int:
    """FNV-1a over UTF-16 code units, as the browser's charCodeAt loop computes it."""
    h = 2166136261
    units = text.encode("utf-16-le")
    for i in range(0, len(units), 2):
        h ^= units[i] | units[i + 1] << 8
        h = (h * 16777619) & 0xFFFFFFFF
    return h


def _base32(n: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuv"
    out = ""
    while True:
        n, r = divmod(n, 32)
        out = digits[r] + out
        if not n:
            return out


def code(parts: list) -> str:
    s = "|".join(norm(str(p)) for p in parts)
    n = re.sub("[^0-9A-Z]", "", (_base32(_fnv("a" + s)) + _base32(_fnv("b" + s))).upper()).ljust(12, "0")
    return f"{n[:4]}-{n[4:8]}-{n[8:12]}"


def certificate_code(record: dict, name: str, date: str, score: int | float, version: str) -> str:
    return code([name, date, version, _js_number(score), record.get("seed", "")])


def _js_number(x: int | float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


def month_numbers(months: list[str]) -> dict[str, int]:
    """{month name: 1-12} from the locale key ``months`` of each course language (comma-separated);
    js/60-verify.js builds the same table from the page's ``months``."""
    out: dict[str, int] = {}
    for names in months:
        for i, name in enumerate(names.split(","), 1):
            out.setdefault(norm(name), i)
    return out


def iso_date(text: str, months: dict[str, int]) -> str | None:
    """A date as printed on the certificate ("2 de diciembre de 2026", "2 December 2026") or ISO;
    ``months`` from :func:`month_numbers`. A month may be shortened to three letters or more."""
    t = norm(text)
    m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", t)
    year = month = day = 0
    if m:
        year, month, day = (int(g) for g in m.groups())
    else:
        for w in re.sub("[,.]", " ", t).split(" "):
            if re.fullmatch(r"\d{4}", w):
                year = int(w)
            elif re.fullmatch(r"\d{1,2}", w):
                day = int(w)
            elif not month and w:
                month = months.get(w) or next((v for k, v in months.items() if len(w) >= 3 and k.startswith(w)), 0)
    if not (year and month and day) or month > 12 or day > 31:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def read_progress(text: str, course_id: str | Course) -> dict:
    """The participant's record from a progress code or file, in the full (file) shape. Codes written
    against the course's structure (progress_code.py) need the course itself as ``course_id``."""
    text = text.strip()
    if isinstance(course_id, Course):
        if progress_code.is_code(text):
            try:
                return progress_code.read(text, course_id)
            except progress_code.CodeError as exc:
                raise ProgressError(str(exc)) from None
        course_id = course_id.id
    try:
        if not text.startswith("{"):
            text = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)).decode("utf-8")
        data = json.loads(text)
    except (binascii.Error, ValueError, UnicodeDecodeError) as exc:
        raise ProgressError(f"not a progress code or file: {exc}") from None
    if not isinstance(data, dict):
        raise ProgressError("not a progress record")
    if "c" in data:  # the compact form of a progress code
        quiz = {qid: {"result": r} for qid, r in (data.get("a") or {}).items()}
        quiz.update(data.get("z") or {})
        data = {"v": data.get("v"), "course": data["c"], "seed": data.get("s", ""), "name": data.get("n", ""),
                "q": {**{i: {"ok": True, "final": True, "tries": 1} for i in data.get("ok") or []},
                      **{i: {"ok": False, "final": True, "tries": 1} for i in data.get("no") or []},
                      **{i: {"ok": True, "final": True, "tries": 2} for i in data.get("r") or []}},
                "quiz": quiz, "cases": {k: {"endings": v} for k, v in (data.get("k") or {}).items()},
                "visited": {m: 1 for m in data.get("m") or []}}
    if data.get("course") != course_id:
        raise ProgressError(f"the record belongs to course {data.get('course')!r}, not {course_id!r}")
    if not isinstance(data.get("q"), dict) or not isinstance(data.get("quiz"), dict):
        raise ProgressError("the record has no answers")
    return data


@dataclass
class Verdict:
    name: str = ""
    date: str | None = None
    score: int | float | None = None
    expected_code: str | None = None
    missing: list[str] = field(default_factory=list)    # quizzes (titles) the record does not show passed
    problems: list[str] = field(default_factory=list)   # code, name, date, missing, no_certificate

    @property
    def valid(self) -> bool:
        return not self.problems


def _quiz_passed(quiz, answers: dict) -> bool:
    ok = answered = 0
    for q in quiz.questions:
        e = answers.get(q.id)
        if isinstance(e, dict) and e.get("final") and (not e.get("h") or e["h"] == question_hash(q)):
            answered += 1
            ok += bool(e.get("ok"))
    score = math.floor(100 * ok / len(quiz.questions) + 0.5) if quiz.questions else 0
    return answered == len(quiz.questions) and score >= quiz.pass_mark


def verify(course: Course, record: dict, certificate: str = "", name: str = "", date: str = "") -> Verdict:
    lang = course.default_language
    final = next((q for q in course.quizzes.values() if q.kind == "assessment"), None)
    v = Verdict(name=re.sub(r"\s+", " ", str(record.get("name") or "")).strip())
    for page in course.modules:
        for marker in page.versions[lang].markers:
            quiz = course.quizzes.get(marker.ref) if marker.kind == "quiz" else None
            if quiz and quiz.kind == "quiz" and quiz.graded and not _quiz_passed(quiz, record["q"]):
                v.missing.append(quiz.title[lang])
    result = (record["quiz"].get(final.id) or {}).get("result") if final else None
    if final and not (isinstance(result, dict) and result.get("passed")):
        v.missing.append(final.title[lang])
    if v.missing:
        v.problems.append("missing")
    if not v.name or not isinstance(result, dict):
        v.problems.append("no_certificate")
        return v
    v.date, v.score = result.get("at"), result.get("score")
    v.expected_code = certificate_code(record, v.name, v.date, v.score, course.version)
    if certificate and certificate.strip().upper() != v.expected_code:
        v.problems.append("code")
    if name and norm(name) != norm(v.name):
        v.problems.append("name")
    if date and iso_date(date, month_numbers([t(x, "months") for x in course.languages])) != v.date:
        v.problems.append("date")
    return v


def load_progress_argument(arg: str, course_id: str | Course) -> dict:
    """`verify`'s argument: a progress file's path, or the progress code itself."""
    path = Path(arg)
    try:
        is_file = path.is_file()
    except OSError:  # a long progress code is no valid path
        is_file = False
    return read_progress(path.read_text(encoding="utf-8") if is_file else arg, course_id)
