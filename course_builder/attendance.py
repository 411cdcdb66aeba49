"""Attendance codes of the live sessions, and the certificate of participation they count toward.

Each live session (a session of programme.yml with a start and an end time) has a six-character code
that the trainer announces during the session. The codes are derived from a secret given at build time
(the environment variable ``COURSE_ATTENDANCE_SECRET``; never a file of the repository), so anyone who
has the secret can print them again (``attendance-codes``) and nobody else can work them out:

- code = the first 30 bits of HMAC-SHA256(secret, "attendance-code" | course id | session id), six
  symbols of Crockford's base 32 (digits and capitals without I, L, O, U: nothing to confuse when it is
  read aloud or copied from a screen);
- the site holds, per session, a salt (16 bytes of HMAC-SHA256(secret, "attendance-salt" | …): a salt of
  its own per session and course, the same at every build with the same secret, so builds stay
  reproducible) and PBKDF2-HMAC-SHA256(code, salt, ``ITERATIONS``); the browser's SubtleCrypto computes
  the same for what the participant types and compares.

What that costs an attacker who reads the site: 32^6 = 2^30 candidate codes, each ``ITERATIONS``
rounds of HMAC-SHA256, for one session at a time (the salts differ). At 600,000 rounds one CPU core
tries about 2 codes a second (2^30 codes: ~17 years); a current high-end GPU about 15,000 a second
(hashcat's PBKDF2-HMAC-SHA256 speed scaled to these rounds: ~20 hours for all codes of one session,
half that on average). So reading the site does not give the codes away during a session and its
week, but a determined attacker with a GPU gets one in a day: attendance is a sign-in sheet, not an
exam (AUTHORING.md). A participant's browser pays one PBKDF2 per code entered (~0.3 s on a laptop).

``js/70-attendance.js`` mirrors :func:`read_code` and the hash check; keep the two in step.
"""
from __future__ import annotations

import base64
import functools
import hashlib
import hmac
import os
import re
import unicodedata

from .model import Course, Session

SECRET_ENV = "COURSE_ATTENDANCE_SECRET"
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford's base 32
LENGTH = 6
ITERATIONS = 600_000
_SEPARATORS = re.compile("[\\s\u200b\ufeff\u00ad\u2010-\u2015\u2212-]+")
_LOOK_ALIKES = str.maketrans("OIL", "011")


def secret(environ=None) -> bytes | None:
    """The attendance secret from the environment, or None when it is not set (or blank)."""
    value = (os.environ if environ is None else environ).get(SECRET_ENV, "").strip()
    return value.encode("utf-8") if value else None


def live_sessions(course: Course) -> list[Session]:
    """The sessions that take attendance: those with a start and an end time, in programme order."""
    if course.programme is None:
        return []
    return [s for s in course.programme.sessions if s.start and s.end]


def required_sessions(course: Course) -> list[Session]:
    """The live sessions a certificate of participation needs (course.yml `participation: sessions`)."""
    p = course.participation
    if p is None:
        return []
    live = live_sessions(course)
    wanted = None if p.sessions is None else {r.id for r in p.sessions}
    return live if wanted is None else [s for s in live if s.id in wanted]


def _mac(key: bytes, *parts: str) -> bytes:
    return hmac.new(key, "\n".join(parts).encode("utf-8"), hashlib.sha256).digest()


def code(key: bytes, course: Course, session: Session) -> str:
    """The session's attendance code under secret ``key``."""
    n = int.from_bytes(_mac(key, "attendance-code", course.id, session.id)[:4], "big") >> 2
    return "".join(ALPHABET[n >> shift & 31] for shift in range(25, -1, -5))


def salt(key: bytes, course: Course, session: Session) -> bytes:
    return _mac(key, "attendance-salt", course.id, session.id)[:16]


@functools.lru_cache(maxsize=64)
def digest(typed: str, salt_: bytes, iterations: int = ITERATIONS) -> bytes:
    return hashlib.pbkdf2_hmac("sha256", typed.encode("ascii"), salt_, iterations, 32)


def read_code(typed: str) -> str | None:
    """What a participant typed as the six symbols it stands for, or None when it cannot be one:
    NFKC, separators (spaces, dashes) dropped, any case, O read as 0 and I, L as 1 (Crockford)."""
    s = _SEPARATORS.sub("", unicodedata.normalize("NFKC", typed or "")).upper().translate(_LOOK_ALIKES)
    return s if len(s) == LENGTH and all(c in ALPHABET for c in s) else None


def codes(course: Course, key: bytes | None = None) -> dict[str, str]:
    """Session id -> attendance code, for every live session (empty without a secret)."""
    key = key if key is not None else secret()
    return {s.id: code(key, course, s) for s in live_sessions(course)} if key else {}


def page_data(course: Course, key: bytes | None = None) -> dict | None:
    """What the programme page carries to check a code (js/70-attendance.js): per live session its salt
    and the hash of its code (base64), and the rounds; None without a secret."""
    key = key if key is not None else secret()
    if not key or not live_sessions(course):
        return None
    sessions = {}
    for s in live_sessions(course):
        sa = salt(key, course, s)
        sessions[s.id] = {"salt": _b64(sa), "hash": _b64(digest(code(key, course, s), sa))}
    return {"iter": ITERATIONS, "sessions": sessions}


def check(course: Course, session_id: str, typed: str, key: bytes | None = None) -> bool:
    """Whether ``typed`` is the code of the session (as the browser decides, from the page's data)."""
    data = page_data(course, key)
    reading = read_code(typed)
    if not data or reading is None or session_id not in data["sessions"]:
        return False
    entry = data["sessions"][session_id]
    return hmac.compare_digest(digest(reading, base64.b64decode(entry["salt"]), data["iter"]),
                               base64.b64decode(entry["hash"]))


def cache_token(key: bytes | None = None) -> str:
    """Stands for the secret in the build cache's fingerprint (cache.py): a new secret regenerates the
    programme page. A keyed hash: docs/.generated never holds the secret nor its plain hash."""
    key = key if key is not None else secret()
    return _mac(key, "attendance-cache").hex()[:16] if key else ""


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def attended(record: dict) -> set[str]:
    """The session ids a progress record holds as attended (``att``: {session id: 1})."""
    att = record.get("att")
    return {k for k in att if isinstance(k, str)} if isinstance(att, dict) else set()
