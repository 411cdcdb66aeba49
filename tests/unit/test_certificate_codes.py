"""Certificate codes as people type them: one spec of what may be typed (course_builder/verification.py
read_code), held to the browser's readCode on the same inputs; new codes in Crockford's base 32, codes
issued before still accepted with their look-alikes; `verify` answers unreadable input with one sentence
and exit 2, never a traceback. The real page and the command on real codes:
tests/browser/test_certificate_verification.py."""
from __future__ import annotations

import json
import random

import pytest

from course_builder.cli import main as cli_main
from course_builder.verification import (ALPHABET, ProgressError, code, code_matches, legacy_code, read_code,
                                         read_progress, verify)
from tests.conftest import make_project
from tests.unit import course_js

PARTS = ["00-core.js", "60-verify.js"]

# js/60-verify.js code() as certificates were made before the Crockford alphabet (commit aa7b5b8),
# verbatim: legacyCode must go on giving exactly these codes.
OLD_JS = """
function oldCode(parts) {
  var s = parts.map(function (p) { return norm(String(p)); }).join("|"), a = hash("a" + s), b = hash("b" + s);
  var n = (a.toString(32) + b.toString(32)).toUpperCase().replace(/[^0-9A-Z]/g, "");
  while (n.length < 12) n += "0";
  return n.slice(0, 4) + "-" + n.slice(4, 8) + "-" + n.slice(8, 12);
}
"""


def some_parts(rng: random.Random, n: int) -> list[list]:
    names = ["Ana María Pérez", "JOSÉ  Núñez", "Zoë O'Brien", "李小龍", "Ørjan Ødegård", "x"]
    return [[rng.choice(names) + str(i), f"2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}", "0.1.0",
             rng.choice([100, 85, 92.5, 70]), "%x" % rng.getrandbits(52)] for i in range(n)]


def test_new_codes_are_crockford_and_the_same_in_python_and_the_browser():
    parts = some_parts(random.Random(7), 400)
    js = course_js.run(PARTS, [("code", [p]) for p in parts] + [("legacyCode", [p]) for p in parts] +
                       [("oldCode", [p]) for p in parts], extra=OLD_JS)
    new, legacy, old = js[:400], js[400:800], js[800:]
    assert new == [code(p) for p in parts]
    assert legacy == old == [legacy_code(p) for p in parts]
    for c in new:
        assert len(c) == 14 and c[4] == c[9] == "-" and set(c.replace("-", "")) <= set(ALPHABET)
    assert set(ALPHABET) == set("0123456789ABCDEFGHJKMNPQRSTVWXYZ")
    assert set("".join(new)) - {"-"} == set(ALPHABET)  # every symbol used: the whole 60 bits
    # Old codes hold the look-alikes (that is the problem being solved); new ones never.
    assert {"O", "I", "L", "U"} <= set("".join(legacy)) and not {"O", "I", "L", "U"} & set("".join(new))


# (typed, reading): the spec by example. None: not readable.
SPELLINGS = [
    ("DF8H-P2AA-PZC7", "DF8HP2AAPZC7"),
    ("df8h-p2aa-pzc7", "DF8HP2AAPZC7"),
    ("DF8HP2AAPZC7", "DF8HP2AAPZC7"),
    ("  df8h p2aa pzc7\n", "DF8HP2AAPZC7"),
    ("DF8H – P2AA — PZC7", "DF8HP2AAPZC7"),        # en and em dashes from a word processor
    ("DF8H\u2011P2AA\u00a0PZC7", "DF8HP2AAPZC7"),   # non-breaking hyphen and space from a PDF
    ("ＤＦ８Ｈ－Ｐ２ＡＡ－ＰＺＣ７", "DF8HP2AAPZC7"),   # full width
    ("D-F-8-H-P2AAPZC7", "DF8HP2AAPZC7"),          # separators anywhere
    ("2PKB-4OJJ-919U", "2PKB40JJ919U"),            # the code: O read as 0, U kept
    ("2pkb40jj919u", "2PKB40JJ919U"),
    ("1LT2-6O91-5BFM", "11T26091-5BFM".replace("-", "")),
    ("iltz-oooo-1111", "11TZ00001111"),
    ("", None), ("   ", None), ("DF8H-P2AA-PZC", None), ("DF8H-P2AA-PZC77", None),
    ("DF8H.P2AA.PZC7", None), ("DF8H_P2AA_PZC7", None), ("DF8H-P2AA-PZÇ7", None), ("ÐF8H-P2AA-PZC7", None),
    ("Código: DF8H-P2AA-PZC7", None), ("DF8H-P2AA-PZC7!", None), ("ıltz-oooo-1111", None),
]

# What fuzzing types: code symbols, look-alikes, separators of every kind, and things that are none.
FUZZ = list("0123456789ABCDEFGHJKMNPQRSTVWXYZabcdefghjkmnpqrstvwxyzOoIiLlUu") + \
    [" ", "-", "\t", "\n", "\u00a0", "\u2010", "\u2011", "\u2013", "\u2014", "\u2212", "\u200b", "\ufeff", "\u00ad",
     "\u3000", "\uff0d", "\uff21", "\uff10", "\u2160", "\u212a", "ı", "ß", "ǅ", "é", "e\u0301", ".", "_", "/", "+",
     "\u2024", "\U0001d400", "\u0660", "\ufe63", "\u2015", "\u2e3a"]


def test_python_and_the_browser_read_every_typed_code_the_same():
    rng = random.Random(19)
    typed = [t for t, _ in SPELLINGS]
    for _ in range(3000):
        n = rng.choice([11, 12, 12, 12, 13, 14, 16])
        typed.append("".join(rng.choice(FUZZ[:62]) if rng.random() < 0.8 else rng.choice(FUZZ) for _ in range(n)))
    js = course_js.run(PARTS, [("readCode", [t]) for t in typed])
    python = [read_code(t) for t in typed]
    assert js == python
    assert python[:len(SPELLINGS)] == [r for _, r in SPELLINGS]
    readable = sum(r is not None for r in python[len(SPELLINGS):])
    assert 600 < readable < 2900, readable  # the fuzz tries both sides of the spec


def variants(c: str) -> set[str]:
    """Every accepted way of typing ``c``: case, no dashes, spaces, O for 0 and I/L for 1 (and back)."""
    plain = c.replace("-", "")
    out = {c, c.lower(), plain, plain.lower(), " ".join([plain[:4], plain[4:8], plain[8:]]),
           c.replace("0", "O"), c.replace("1", "I"), c.replace("1", "l"), c.replace("O", "0"),
           c.replace("I", "1").replace("L", "1"), c.replace("0", "o").lower()}
    return out


def test_old_and_new_codes_verify_in_every_spelling_and_only_for_their_record():
    rng = random.Random(3)
    parts = some_parts(rng, 60)
    js_calls, expected = [], []
    for i, p in enumerate(parts):
        other = parts[(i + 1) % len(parts)]
        for c in (code(p), legacy_code(p)):
            for typed in variants(c):
                reading = read_code(typed)
                assert reading is not None, typed
                assert code_matches(reading, p), (typed, p)
                assert not code_matches(reading, other)
                js_calls += [("codeMatches", [reading, p]), ("codeMatches", [reading, other])]
                expected += [True, False]
    assert course_js.run(PARTS, js_calls) == expected
    # Look-alikes do occur in these old codes, so the spellings above tried them.
    legacy = "".join(legacy_code(p) for p in parts)
    assert all(ch in legacy for ch in "OIL0U1")
    # A U is no new code's symbol: typed for a new code's V it does not match.
    with_v = next(p for p in some_parts(rng, 500) if "V" in code(p))
    assert not code_matches(read_code(code(with_v).replace("V", "U")), with_v)


# ---- `verify` on unreadable input

def record(course_id="curso-ejemplo") -> dict:
    q = {i: {"ok": True, "final": True, "tries": 1} for i in ("ej-q1", "ej-q2", "ej-q3", "ej-q4", "ej-q5", "ej-q6")}
    return {"v": 2, "course": course_id, "seed": "k2j3h4", "name": "Ana María Pérez", "q": q,
            "quiz": {"final": {"result": {"score": 100, "passed": True, "at": "2026-12-02"}}}, "cases": {},
            "visited": {}, "last": ""}


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return make_project(tmp_path_factory.mktemp("verify"))


def run_verify(project, *argv, capsys):
    rc = cli_main(["--project", str(project), "verify", *argv])
    out = capsys.readouterr()
    return rc, out.out, out.err


def test_verify_reads_every_spelling_and_answers_garbage_with_one_sentence(project, tmp_path, capsys):
    good = tmp_path / "progress.json"
    good.write_text(json.dumps(record()), encoding="utf-8")
    rc, out, _ = run_verify(project, str(good), capsys=capsys)
    expected = next(line.split(": ")[1] for line in out.splitlines() if line.startswith("certificate code made"))
    rc, out, err = run_verify(project, str(good), "--certificate", expected.lower().replace("-", " "), capsys=capsys)
    assert rc == 0 and "valid:" in out

    for garbage in ("xyz", "DF8H-P2AA-PZC", "DF8H.P2AA.PZC7", "Código: DF8H-P2AA-PZC7", "¿?"):
        rc, out, err = run_verify(project, str(good), "--certificate", garbage, capsys=capsys)
        assert (rc, out) == (2, ""), garbage
        assert "this code is not readable — check the letters" in err and "Traceback" not in err
        assert err.count("verify:") == 1

    bad_files = {"binary.json": b"\xff\xfe\x00garbage", "list.json": b"[1, 2]", "broken.json": b'{"v": 2, "course"',
                 "deep.json": b"[" * 100000, "noanswers.json": b'{"v": 2, "course": "curso-ejemplo", "q": []}'}
    for name, data in bad_files.items():
        (tmp_path / name).write_bytes(data)
    unreadable = [str(tmp_path / n) for n in bad_files] + [
        "!!!!", "bm90IGpzb24", "e30", "////", "a", "eyJjIjogWzEsIDJdfQ", str(tmp_path), "x" * 5000]
    for arg in unreadable:
        rc, out, err = run_verify(project, arg, "--certificate", expected, capsys=capsys)
        assert (rc, out) == (2, ""), arg
        assert "verify: this progress code or file is not readable — check that it was copied whole" in err, arg
        assert err.count("verify:") == 1

    rc, out, err = run_verify(project, str(tmp_path / "missing.json"), capsys=capsys)
    assert rc == 2 and "there is no file" in err and str(tmp_path / "missing.json") in err
    (tmp_path / "other.json").write_text(json.dumps(record("otro-curso")), encoding="utf-8")
    rc, out, err = run_verify(project, str(tmp_path / "other.json"), capsys=capsys)
    assert rc == 2 and "not of this course (curso-ejemplo) but of 'otro-curso'" in err

    # Both unreadable: both sentences.
    rc, out, err = run_verify(project, "!!!!", "--certificate", "nope", capsys=capsys)
    assert rc == 2 and err.count("verify:") == 2


def test_no_record_however_malformed_makes_verify_raise(project):
    """Mutated records (wrong types anywhere) are read or refused, and judged, never a traceback."""
    from course_builder.pipeline import load
    course, _ = load(project)
    rng = random.Random(5)
    junk = [None, 1, 2.5, True, "x", [], ["ej-q1"], {}, {"a": 1}, -1]

    def mutate(node, depth=0):
        if isinstance(node, dict) and node and depth < 4:
            key = rng.choice(list(node))
            if rng.random() < 0.5:
                node[key] = rng.choice(junk)
            else:
                mutate(node[key], depth + 1)

    for i in range(1500):
        r = record()
        for _ in range(rng.randint(1, 3)):
            mutate(r)
        compact = i % 2 == 1
        text = json.dumps(r if not compact else {"v": 2, "c": r.get("course"), "s": r.get("seed"), "n": r.get("name"),
                                                 "ok": rng.choice([list(r["q"]) if isinstance(r.get("q"), dict) else [], 7, "x"]),
                                                 "a": rng.choice([{}, [], 3, {"final": rng.choice(junk)}]),
                                                 "z": rng.choice([{}, [1], {"final": rng.choice(junk)}])})
        try:
            data = read_progress(text, "curso-ejemplo")
        except ProgressError:
            continue
        v = verify(course, data, rng.choice(["", "DF8H-P2AA-PZC7", "garbage"]), "Ana", "2 de diciembre de 2026")
        assert isinstance(v.valid, bool)
