"""Progress codes a phone camera reads: the participant's record written against the course's own
structure, mirrored by ``overrides/assets/course/js/41-code.js`` (keep the two in step).

The record's ids are not written: the course's structure (``shape``: modules, module quizzes and their
questions, the final assessment's pool, cases and their endings, in course order) says what each
position means, so a question costs one to three bits. The bits are packed with small prefix codes
(no general-purpose compressor: on about 150 bytes of packed bits deflate saves nothing, and it
would need a library in browsers without CompressionStream) and written in 44 characters of the QR
code alphanumeric set (``0-9 A-Z $ % * + - . / :``, no space so a code survives trimming): two bytes
in three characters, so the QR code uses its alphanumeric mode (5.5 bits a character).

A code carries a fingerprint of the structure it was made with. A course version that added
questions (or endings, modules, quizzes, cases: up to two in all) still reads it by id: the
structures the course had without up to two of its present items are tried until one has the
code's fingerprint. A code made before questions were removed or reordered cannot be read by
position and says so (:class:`CourseChanged`); the progress file imports by id whatever changed.

Bit stream (most significant bit first), after the 16-bit check at its end is verified:
  4 bits format (2; 1 before attendance: the same without the last part, nor "a" in the fingerprint) · 32 bits fingerprint · text seed · 1 + text name · 1 done ·
  modules: 1 bit visited each, last module (index + 1) ·
  per module quiz: 1 bit "any answered", then per question 0 = right at the first try,
    10 = not answered, 110 = right after a wrong try, 111 = wrong or shown ·
  per case: 1 bit "reached an ending", then 1 bit per ending ·
  live sessions (format 2 only): 1 bit "attended" each (its attendance code was entered) ·
  final assessment: 1 bit "has a state", then draws, attempts (gamma), 1 submitted,
    1 + drawn (gamma count, pool index each), per drawn question 2 bits (0 none, 1 entered,
    2 right, 3 wrong), 1 + times drawn (gamma: the fewest, then each pool question's excess), result (1 + 7 score, 1 passed,
    16 day), last (1 same as result, else 1 + the same), t and end (1 + 32 bits seconds),
    8-bit hash of the drawn questions' options, then what was entered in each drawn question.
Numbers are exp-Golomb (gamma) codes; texts are a gamma length and 6-bit characters.
"""
from __future__ import annotations

import datetime as dt
import itertools
import re

from . import qtypes
from .model import Course

FORMAT = 2
FORMATS = (1, 2)  # format 1: codes made before attendance (still read: no session attended)
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ$%*+-./:"
CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 "
# Characters after the escape (63); the escape again (63) is followed by a 16-bit UTF-16 code unit.
EXTRA = "áéíóúñüÁÉÍÓÚÑÜàèìòùâêîôûãõçÀÈÌÒÙÂÊÎÔÛÃÕÇäëïöÄËÏÖ-'.,()/&_@:;!?"
assert len(EXTRA) < 63  # 63 after the escape is the raw code unit's escape
EPOCH = dt.datetime(2020, 1, 1, tzinfo=dt.timezone.utc)
DAY0 = dt.date(2020, 1, 1)
TYPED_MAX, NAME_MAX = 60, 100
CODE_RE = re.compile(r"[0-9A-Z$%*+\-./:]+")


class CodeError(ValueError):
    """Not a progress code of this format (garbled, cut short, or not one at all)."""


class CourseChanged(CodeError):
    """A progress code made with a version of the course whose structure this one cannot map back."""


def shape(course: Course) -> dict:
    """The course's structure as the progress page carries it (``map.shape``)."""
    lang = course.default_language
    quizzes = [course.quizzes[m.ref] for page in course.modules for m in page.versions[lang].markers
               if m.kind == "quiz" and m.ref in course.quizzes and course.quizzes[m.ref].kind == "quiz"]
    final = next((q for q in course.quizzes.values() if q.kind == "assessment"), None)
    pool = [q for pid in (final.pools if final else ()) if pid in course.quizzes for q in course.quizzes[pid].questions]

    return {"c": course.id, "m": [p.slug for p in course.modules],
            "q": [[z.id, [q.id for q in z.questions]] for z in quizzes],
            "f": final.id if final else "",
            # How entered values are written (QuestionType.code_kind) and the ids they name.
            "p": [[q.id, qtypes.get(q.type).code_kind, qtypes.get(q.type).code_ids(q)] for q in pool],
            "k": [[cid, [n for n, node in case.nodes.items() if node.ending]] for cid, case in course.cases.items()],
            "a": [x.id for x in course.programme.sessions if x.is_live] if course.programme else []}


# ---- hashes (FNV-1a over UTF-16 code units, as the browser's charCodeAt loop) ---------------------

def fnv(text: str) -> int:
    h = 2166136261
    units = text.encode("utf-16-le")
    for i in range(0, len(units), 2):
        h ^= units[i] | units[i + 1] << 8
        h = (h * 16777619) & 0xFFFFFFFF
    return h


def _lists(s: dict, fmt: int = FORMAT) -> list[tuple[str, list[str]]]:
    lists = [("c", [s["c"]]), ("m", s["m"]), ("q", [z[0] for z in s["q"]])]
    lists += [("q:" + z[0], z[1]) for z in s["q"]]
    lists += [("f", [s["f"]]), ("p", [p[0] for p in s["p"]]), ("k", [k[0] for k in s["k"]])]
    lists += [("k:" + k[0], k[1]) for k in s["k"]]
    return lists + ([("a", s.get("a") or [])] if fmt >= 2 else [])


def _list_hash(label: str, items: list[str]) -> int:
    return fnv(label + "\n" + "\n".join(items))


def _combine(hashes) -> int:
    h = 2166136261
    for x in hashes:
        for u in (x >> 16, x & 0xFFFF):
            h ^= u
            h = (h * 16777619) & 0xFFFFFFFF
    return h


def fingerprint(s: dict, fmt: int = FORMAT) -> int:
    """Of the ids a code's positions stand for (not of the options: see the values' own hash)."""
    return _combine(_list_hash(label, items) for label, items in _lists(s, fmt))


def values_hash(s: dict, drawn: list[int]) -> int:
    return fnv("\n".join(s["p"][i][0] + ":" + s["p"][i][1] + ":" + ",".join(s["p"][i][2]) for i in drawn)) & 255


# ---- bits and characters ---------------------------------------------------------------------------

class Bits:
    def __init__(self, data: bytes = b""):
        self.out: list[int] = []
        self.data, self.at = data, 0

    def put(self, value: int, n: int) -> None:
        for i in range(n - 1, -1, -1):
            self.out.append((value >> i) & 1)

    def gamma(self, n: int) -> None:
        v = n + 1
        self.put(0, v.bit_length() - 1)
        self.put(v, v.bit_length())

    def text(self, s: str) -> None:
        units = s.encode("utf-16-le")
        chars = [units[i] | units[i + 1] << 8 for i in range(0, len(units), 2)]
        self.gamma(len(chars))
        for u in chars:
            c = chr(u)
            if c in CHARS:
                self.put(CHARS.index(c), 6)
            elif c in EXTRA:
                self.put(63, 6)
                self.put(EXTRA.index(c), 6)
            else:
                self.put(63, 6)
                self.put(63, 6)
                self.put(u, 16)

    def bytes(self) -> bytes:
        bits = self.out + [0] * (-len(self.out) % 8)
        return bytes(int("".join(map(str, bits[i:i + 8])), 2) for i in range(0, len(bits), 8))

    def get(self, n: int) -> int:
        v = 0
        for _ in range(n):
            if self.at >= len(self.data) * 8:
                raise CodeError("the code is cut short")
            v = v << 1 | (self.data[self.at >> 3] >> (7 - (self.at & 7))) & 1
            self.at += 1
        return v

    def ungamma(self) -> int:
        zeros = 0
        while not self.get(1):
            zeros += 1
            if zeros > 32:
                raise CodeError("the code is garbled")
        return ((1 << zeros) | self.get(zeros)) - 1

    def untext(self) -> str:
        n = self.ungamma()
        if n > 1000:
            raise CodeError("the code is garbled")
        units = []
        for _ in range(n):
            c = self.get(6)
            if c < 63:
                units.append(ord(CHARS[c]))
                continue
            c = self.get(6)
            if c < len(EXTRA):
                units.append(ord(EXTRA[c]))
            elif c == 63:
                units.append(self.get(16))
            else:
                raise CodeError("the code is garbled")
        return b"".join(u.to_bytes(2, "little") for u in units).decode("utf-16-le", errors="replace")


def width(n: int) -> int:
    """Bits for a number 0..n."""
    return max(1, n.bit_length())


def to_text(data: bytes) -> str:
    check = fnv(data.decode("latin-1")) & 0xFFFF
    data += bytes([check >> 8, check & 255])
    out = []
    for i in range(0, len(data), 2):
        if i + 1 < len(data):
            v = data[i] << 8 | data[i + 1]
            out.append(ALPHABET[v % 44] + ALPHABET[v // 44 % 44] + ALPHABET[v // 1936])
        else:
            out.append(ALPHABET[data[i] % 44] + ALPHABET[data[i] // 44])
    return "".join(out)


def from_text(text: str) -> bytes:
    text = re.sub(r"\s+", "", text).upper()
    if not CODE_RE.fullmatch(text) or len(text) % 3 == 1:
        raise CodeError("not a progress code")
    out = bytearray()
    for i in range(0, len(text), 3):
        part = [ALPHABET.index(c) for c in text[i:i + 3]]
        if len(part) == 3:
            v = part[0] + 44 * part[1] + 1936 * part[2]
            if v > 0xFFFF:
                raise CodeError("the code is garbled")
            out += bytes([v >> 8, v & 255])
        else:
            v = part[0] + 44 * part[1]
            if v > 255:
                raise CodeError("the code is garbled")
            out.append(v)
    if len(out) < 7:
        raise CodeError("the code is cut short")
    data, check = bytes(out[:-2]), out[-2] << 8 | out[-1]
    if fnv(data.decode("latin-1")) & 0xFFFF != check:
        raise CodeError("the code is garbled (a character is wrong or missing)")
    return data


def is_code(text: str) -> bool:
    """Whether text is written in this format's characters (old codes are JSON or base64url)."""
    t = re.sub(r"\s+", "", text)
    return bool(t) and not t.startswith(("{", "eyJ")) and CODE_RE.fullmatch(t.upper()) is not None


# ---- the record ------------------------------------------------------------------------------------

def _first_try(e: dict) -> bool:
    return bool(e.get("final") and e.get("ok") and not e.get("revealed") and (e.get("tries") or 1) == 1)


def _seconds(ms) -> int | None:
    return max(0, min(0xFFFFFFFF, int(ms // 1000 - EPOCH.timestamp()))) if isinstance(ms, (int, float)) else None


def _day(iso) -> int:
    try:
        return max(0, min(0xFFFF, (dt.date.fromisoformat(str(iso)) - DAY0).days))
    except ValueError:
        return 0


def encode(record: dict, s: dict, fmt: int = FORMAT) -> str:
    """The progress code of a full record (the file's shape), against structure ``s`` (``fmt`` 1: as
    codes were written before attendance, for tests of old codes)."""
    b = Bits()
    b.put(fmt, 4)
    b.put(fingerprint(s, fmt), 32)
    b.text(str(record.get("seed") or ""))
    name = str(record.get("name") or "")[:NAME_MAX]
    b.put(1 if name else 0, 1)
    if name:
        b.text(name)
    b.put(1 if record.get("done") else 0, 1)
    visited = record.get("visited") or {}
    for m in s["m"]:
        b.put(1 if m in visited else 0, 1)
    last = record.get("last")
    b.put(s["m"].index(last) + 1 if last in s["m"] else 0, width(len(s["m"])))
    answers = record.get("q") or {}
    for _, qids in s["q"]:
        states = []
        for qid in qids:
            e = answers.get(qid) or {}
            states.append("10" if not e.get("final") else "0" if _first_try(e) else "110" if e.get("ok") else "111")
        b.put(1 if any(x != "10" for x in states) else 0, 1)
        if any(x != "10" for x in states):
            for x in states:
                b.put(int(x, 2), len(x))
    cases = record.get("cases") or {}
    for cid, endings in s["k"]:
        reached = (cases.get(cid) or {}).get("endings") or []
        b.put(1 if any(e in reached for e in endings) else 0, 1)
        if any(e in reached for e in endings):
            for e in endings:
                b.put(1 if e in reached else 0, 1)
    att = record.get("att") if isinstance(record.get("att"), dict) else {}
    for sid in (s.get("a") or []) if fmt >= 2 else []:
        b.put(1 if sid in att else 0, 1)
    state = ((record.get("quiz") or {}).get(s["f"]) or {}) if s["f"] else {}
    _final(b, state, s)
    return to_text(b.bytes())


def _result(b: Bits, r) -> None:
    b.put(1 if isinstance(r, dict) else 0, 1)
    if isinstance(r, dict):
        b.put(max(0, min(100, round(r.get("score") or 0))), 7)
        b.put(1 if r.get("passed") else 0, 1)
        b.put(_day(r.get("at")), 16)


def _final(b: Bits, state: dict, s: dict) -> None:
    pool = [p[0] for p in s["p"]]
    useful = {k: v for k, v in state.items() if v not in (None, {}, [], False, 0)}
    b.put(1 if useful else 0, 1)
    if not useful:
        return
    b.gamma(int(state.get("draws") or 0))
    b.gamma(int(state.get("attempts") or 0))
    b.put(1 if state.get("submitted") else 0, 1)
    drawn_ids = state.get("drawn") or []
    drawn = [pool.index(q) for q in drawn_ids] if drawn_ids and all(q in pool for q in drawn_ids) else None
    b.put(1 if drawn is not None else 0, 1)
    answers = state.get("answers") or {}
    if drawn is not None:
        b.gamma(len(drawn))
        for i in drawn:
            b.put(i, width(len(pool) - 1))
        for i in drawn:
            e = answers.get(pool[i])
            b.put(0 if not e else (3 - bool(e.get("ok"))) if e.get("final") else 1, 2)
    seen = state.get("seen") or {}
    b.put(1 if seen else 0, 1)
    if seen:  # drawn least-seen first, the counts differ little: the smallest, then each one's excess
        counts = [int(seen.get(q) or 0) for q in pool]
        b.gamma(min(counts))
        for n in counts:
            b.gamma(n - min(counts))
    _result(b, state.get("result"))
    same = state.get("last") == state.get("result")
    b.put(1 if same else 0, 1)
    if not same:
        _result(b, state.get("last"))
    for k in ("t", "end"):
        sec = _seconds(state.get(k))
        b.put(0 if sec is None else 1, 1)
        if sec is not None:
            b.put(sec, 32)
    if drawn is None:
        return
    b.put(values_hash(s, drawn), 8)
    for i in drawn:
        qid, kind, ids = s["p"][i]
        v = dict((p[0], p[1]) for p in ((answers.get(qid) or {}).get("v") or []) if len(p) == 2)
        picked = [p[1] for p in ((answers.get(qid) or {}).get("v") or []) if len(p) == 2 and p[0] == "q-" + qid]
        if kind == "c":
            b.put(ids.index(picked[0]) + 1 if picked and picked[0] in ids else 0, width(len(ids)))
        elif kind == "m":
            for o in ids:
                b.put(1 if o in picked else 0, 1)
        elif kind == "t":
            b.text(str(picked[0])[:TYPED_MAX] if picked else "")
        else:
            for item in ids:
                got = str(v.get(f"q-{qid}-{item}", ""))
                choices = [str(n) for n in range(1, len(ids) + 1)] if kind == "o" else ["r-" + x for x in ids]
                b.put(choices.index(got) + 1 if got in choices else 0, width(len(ids)))


def _unresult(b: Bits) -> dict | None:
    if not b.get(1):
        return None
    score, passed, day = b.get(7), bool(b.get(1)), b.get(16)
    return {"score": score, "passed": passed, "at": (DAY0 + dt.timedelta(days=day)).isoformat()}


def _parse(data: bytes, s: dict, fmt: int = FORMAT) -> dict:
    b = Bits(data)
    b.get(4 + 32)
    rec: dict = {"v": 2, "course": s["c"], "seed": b.untext(), "q": {}, "quiz": {}, "cases": {}, "visited": {},
                 "att": {}, "last": ""}
    if b.get(1):
        rec["name"] = b.untext()
    if b.get(1):
        rec["done"] = True
    for m in s["m"]:
        if b.get(1):
            rec["visited"][m] = 1
    last = b.get(width(len(s["m"])))
    if 0 < last <= len(s["m"]):
        rec["last"] = s["m"][last - 1]
    for _, qids in s["q"]:
        if not b.get(1):
            continue
        for qid in qids:
            if not b.get(1):
                rec["q"][qid] = {"ok": True, "final": True, "tries": 1}
            elif not b.get(1):
                continue
            else:
                rec["q"][qid] = {"ok": not b.get(1), "final": True, "tries": 1}
                if rec["q"][qid]["ok"]:
                    rec["q"][qid]["tries"] = 2
    for cid, endings in s["k"]:
        if b.get(1):
            rec["cases"][cid] = {"endings": [e for e in endings if b.get(1)]}
    if fmt >= 2:
        for sid in s.get("a") or []:
            if b.get(1):
                rec["att"][sid] = 1
    if s["f"] and b.get(1):
        rec["quiz"][s["f"]] = _unfinal(b, s)
    return rec


def _unfinal(b: Bits, s: dict) -> dict:
    pool = [p[0] for p in s["p"]]
    st: dict = {}
    draws, attempts, submitted = b.ungamma(), b.ungamma(), bool(b.get(1))
    if draws:
        st["draws"] = draws
    if attempts:
        st["attempts"] = attempts
    st["submitted"] = submitted
    drawn = None
    if b.get(1):
        n = b.ungamma()
        drawn = [b.get(width(len(pool) - 1)) for _ in range(n)]
        if any(i >= len(pool) for i in drawn):
            raise CodeError("the code is garbled")
        st["drawn"] = [pool[i] for i in drawn]
        st["answers"] = {}
        for i in drawn:
            flag = b.get(2)
            if flag:
                st["answers"][pool[i]] = {"tries": 1} if flag == 1 else {"tries": 1, "final": True, "ok": flag == 2}
    if b.get(1):
        least = b.ungamma()
        st["seen"] = {q: n for q in pool if (n := least + b.ungamma())}
    result = _unresult(b)
    if result:
        st["result"] = result
    last = result if b.get(1) else _unresult(b)
    if last:
        st["last"] = dict(last)
    for k in ("t", "end"):
        if b.get(1):
            st[k] = (b.get(32) + int(EPOCH.timestamp())) * 1000
    if drawn is None or b.get(8) != values_hash(s, drawn):
        return st  # the options changed since: what was entered is left out
    for i in drawn:
        qid, kind, ids = s["p"][i]
        v = []
        if kind == "c":
            k = b.get(width(len(ids)))
            if 0 < k <= len(ids):
                v.append([f"q-{qid}", ids[k - 1]])
        elif kind == "m":
            v += [[f"q-{qid}", o] for o in ids if b.get(1)]
        elif kind == "t":
            typed = b.untext()
            if typed:
                v.append([f"q-{qid}", typed])
        else:
            for item in ids:
                k = b.get(width(len(ids)))
                if 0 < k <= len(ids):
                    v.append([f"q-{qid}-{item}", str(k) if kind == "o" else "r-" + ids[k - 1]])
        if v and qid in st["answers"]:
            st["answers"][qid]["v"] = v
    return st


def _without(s: dict, cut: tuple) -> dict:
    """Structure ``s`` less the items at ``cut`` (paths as from :func:`_items`)."""
    out = {"c": s["c"], "f": s["f"], "m": list(s["m"]), "p": list(s["p"]), "a": list(s.get("a") or []),
           "q": [[z[0], list(z[1])] for z in s["q"]], "k": [[k[0], list(k[1])] for k in s["k"]]}
    for path in sorted(cut, reverse=True):  # later positions first: earlier ones stay valid
        if len(path) == 2:
            del out[path[0]][path[1]]
        else:
            del out[path[0]][path[1]][1][path[2]]
    return out


def _items(s: dict, fmt: int = FORMAT) -> list[tuple]:
    items: list[tuple] = [("m", i) for i in range(len(s["m"]))] + [("p", i) for i in range(len(s["p"]))]
    if fmt >= 2:
        items += [("a", i) for i in range(len(s.get("a") or []))]
    for key in ("q", "k"):
        for i, (_, sub) in enumerate(s[key]):
            items.append((key, i))
            items += [(key, i, j) for j in range(len(sub))]
    return items


def find(s: dict, fp: int, most: int = 2, fmt: int = FORMAT) -> dict | None:
    """The structure with fingerprint ``fp``: ``s`` itself, or ``s`` less up to ``most`` of its items
    (a code made before they were added), as a code of format ``fmt`` hashes it. Only the lists a cut
    changes are hashed again."""
    lists = _lists(s, fmt)
    base = [_list_hash(label, items) for label, items in lists]
    at = {label: i for i, (label, _) in enumerate(lists)}
    if _combine(base) == fp:
        return s
    items = _items(s, fmt)
    for n in range(1, most + 1):
        for cut in itertools.combinations(items, n):
            # An item inside a quiz or case that is cut as well goes with it: not a cut of its own.
            if any(len(p) == 3 and (p[0], p[1]) in cut for p in cut):
                continue
            removed, dropped = {}, set()
            for p in cut:
                label = p[0] if len(p) == 2 else p[0] + ":" + s[p[0]][p[1]][0]
                removed.setdefault(label, set()).add(p[-1])
                if len(p) == 2 and p[0] in ("q", "k"):
                    dropped.add(p[0] + ":" + s[p[0]][p[1]][0])
            hashes = list(base)
            for label, gone in removed.items():
                hashes[at[label]] = _list_hash(label, [x for k, x in enumerate(lists[at[label]][1]) if k not in gone])
            if _combine(h for (label, _), h in zip(lists, hashes) if label not in dropped) == fp:
                return _without(s, cut)
    return None


def decode(text: str, s: dict) -> dict:
    """The record a progress code holds, by id, against the present structure ``s``."""
    data = from_text(text)
    b = Bits(data)
    fmt = b.get(4)
    if fmt not in FORMATS:
        raise CodeError("a progress code of another format")
    then = find(s, b.get(32), fmt=fmt)
    if then is None:
        raise CourseChanged("the code was made with another version of the course, whose questions changed too "
                            "much to read it; use the progress file")
    return _parse(data, then, fmt)


def read(text: str, course: Course) -> dict:
    return decode(text, shape(course))
