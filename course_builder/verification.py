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
from .progress_code import fnv
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



# ---- certificate codes ----
# A code is 12 symbols of Crockford's base 32 (digits and capitals without I, L, O, U), printed as
# XXXX-XXXX-XXXX: 60 bits of two FNV-1a hashes of the name, date, version, score and the record's seed.
# Codes issued before (js "legacy" codes) used JavaScript's base 32 (0-9, A-V), which holds the
# look-alikes O/0 and I/L/1; they still verify (legacy_code).
#
# What a person may type (read_code; js/60-verify.js readCode is the same spec, and
# tests/unit/test_certificate_codes.py runs both on the same inputs):
# 1. Unicode NFKC (full-width letters from an East Asian keyboard, non-breaking spaces from a PDF);
# 2. separators dropped anywhere: ASCII white space, zero-width space, BOM, soft hyphen and every
#    dash (hyphen-minus, U+2010-2015, minus sign);
# 3. then exactly 12 ASCII letters or digits, or the code is not readable (ASCII, so that no Unicode
#    case mapping, which differs between engines, decides), in capitals;
# 4. the look-alikes read as digits: O as 0, I and L as 1. U stays U: Crockford leaves it out of new
#    codes (so a U never matches one) but legacy codes hold it, so it is readable.
# A reading matches a record when it equals the record's code, or the record's legacy code read by
# the same rule 4. Folding look-alikes in a legacy code leaves 29 symbols of 32 in 12 places (58 of
# 60 bits), checked against the one record the participant sends: no practical chance of a match
# by accident.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 12
_SEPARATORS = re.compile("[ \t\n\r\f\v\u200b\ufeff\u00ad\u2010-\u2015\u2212-]+")
_LOOK_ALIKES = str.maketrans("OIL", "011")
NOT_READABLE = "this code is not readable — check the letters"


def _hashes(parts: list) -> tuple[int, int]:
    s = "|".join(norm(str(p)) for p in parts)
    return fnv("a" + s), fnv("b" + s)


def _group(n: str) -> str:
    return f"{n[:4]}-{n[4:8]}-{n[8:12]}"


def code(parts: list) -> str:
    """The code of ``parts``: the 32 bits of the first hash and the top 28 of the second, five bits
    a symbol (two 30-bit halves, so the browser computes it with ordinary numbers)."""
    a, b = _hashes(parts)
    halves = (a >> 2, (a & 3) << 28 | b >> 4)
    return _group("".join(ALPHABET[h >> shift & 31] for h in halves for shift in range(25, -1, -5)))


def _js_base32(n: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuv"
    out = ""
    while True:
        n, r = divmod(n, 32)
        out = digits[r] + out
        if not n:
            return out


def legacy_code(parts: list) -> str:
    """The code certificates carried before the Crockford alphabet (JavaScript's toString(32))."""
    a, b = _hashes(parts)
    n = re.sub("[^0-9A-Z]", "", (_js_base32(a) + _js_base32(b)).upper()).ljust(CODE_LENGTH, "0")
    return _group(n)


def read_code(typed: str) -> str | None:
    """A typed certificate code as the 12 symbols it stands for (look-alikes read as digits), or None
    when it cannot be read as a code (see the spec above)."""
    s = _SEPARATORS.sub("", unicodedata.normalize("NFKC", typed))
    if len(s) != CODE_LENGTH or not re.fullmatch("[0-9A-Za-z]+", s):
        return None
    return s.upper().translate(_LOOK_ALIKES)


def code_matches(reading: str, parts: list) -> bool:
    """Whether ``reading`` (from :func:`read_code`) is the code of ``parts``, new or legacy."""
    return reading in (code(parts).replace("-", ""), legacy_code(parts).replace("-", "").translate(_LOOK_ALIKES))


def certificate_parts(record: dict, name: str, date: str, score: int | float, version: str) -> list:
    return [name, date, version, _js_number(score), record.get("seed", "")]


def certificate_code(record: dict, name: str, date: str, score: int | float, version: str) -> str:
    return code(certificate_parts(record, name, date, score, version))


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


UNREADABLE_PROGRESS = "this progress code or file is not readable — check that it was copied whole"


def _table(x) -> dict:
    return x if isinstance(x, dict) else {}


def _ids(x) -> list[str]:
    return [i for i in x if isinstance(i, str)] if isinstance(x, list) else []


def read_progress(text: str, course_id: str | Course) -> dict:
    """The participant's record from a progress code or file, in the full (file) shape. Codes written
    against the course's structure (progress_code.py) need the course itself as ``course_id``; an older
    code is read as js/10-storage.js decode() reads it (atob: white space ignored, + / or - _, padding
    optional)."""
    text = text.strip()
    if isinstance(course_id, Course):
        if progress_code.is_code(text):
            try:
                return progress_code.read(text, course_id)
            except progress_code.CodeError as exc:
                # New codes are written in capitals; anything else may be an older (base64) code.
                if re.sub(r"\s+", "", text).isupper():
                    raise ProgressError(str(exc)) from None
        course_id = course_id.id
    try:
        if not text.startswith("{"):
            packed = re.sub("[ \t\n\r\f]", "", text).translate(str.maketrans("-_", "+/")).rstrip("=")
            text = base64.b64decode(packed + "=" * (-len(packed) % 4), validate=True).decode("utf-8")
        data = json.loads(text)
    except (binascii.Error, ValueError, UnicodeDecodeError, RecursionError):
        raise ProgressError(UNREADABLE_PROGRESS) from None
    if not isinstance(data, dict):
        raise ProgressError(UNREADABLE_PROGRESS)
    if "c" in data:  # the compact form of a progress code
        quiz = {qid: {"result": r} for qid, r in _table(data.get("a")).items()}
        quiz.update(_table(data.get("z")))
        data = {"v": data.get("v"), "course": data["c"], "seed": data.get("s", ""), "name": data.get("n", ""),
                "q": {**{i: {"ok": True, "final": True, "tries": 1} for i in _ids(data.get("ok"))},
                      **{i: {"ok": False, "final": True, "tries": 1} for i in _ids(data.get("no"))},
                      **{i: {"ok": True, "final": True, "tries": 2} for i in _ids(data.get("r"))}},
                "quiz": quiz, "cases": {k: {"endings": _ids(v)} for k, v in _table(data.get("k")).items()},
                "visited": {m: 1 for m in _ids(data.get("m"))}}
    if not isinstance(data.get("course"), str) or not data["course"]:
        raise ProgressError(UNREADABLE_PROGRESS)
    if data["course"] != course_id:
        raise ProgressError(f"this progress record is not of this course ({course_id}) but of "
                            f"{data['course'][:60]!r}: ask for the record of this course")
    if not isinstance(data.get("q"), dict) or not isinstance(data.get("quiz"), dict):
        raise ProgressError(UNREADABLE_PROGRESS)
    return data


@dataclass
class Verdict:
    name: str = ""
    date: str | None = None
    score: int | float | None = None
    expected_code: str | None = None
    missing: list[str] = field(default_factory=list)    # quizzes (titles) the record does not show passed
    # code, code_unreadable, name, date, missing, no_certificate
    problems: list[str] = field(default_factory=list)

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
    result = _table(record["quiz"].get(final.id)).get("result") if final else None
    if final and not (isinstance(result, dict) and result.get("passed")):
        v.missing.append(final.title[lang])
    if v.missing:
        v.problems.append("missing")
    reading = read_code(certificate) if certificate else None
    if certificate and reading is None:
        v.problems.append("code_unreadable")
    at, score = _table(result).get("at"), _table(result).get("score")
    if not v.name or not isinstance(at, str) or isinstance(score, bool) or not isinstance(score, (int, float)):
        v.problems.append("no_certificate")
        return v
    v.date, v.score = at, score
    parts = certificate_parts(record, v.name, v.date, v.score, course.version)
    v.expected_code = code(parts)
    if reading and not code_matches(reading, parts):
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
    except (OSError, ValueError):  # a long progress code is no valid path
        is_file = False
    if not is_file and arg.lower().endswith(".json"):
        raise ProgressError(f"there is no file {arg}: give the path of the participant's progress file, or their "
                            "progress code")
    try:
        text = path.read_text(encoding="utf-8") if is_file else arg
    except (OSError, UnicodeDecodeError):
        raise ProgressError(UNREADABLE_PROGRESS) from None
    return read_progress(text, course_id)
