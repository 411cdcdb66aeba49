"""course_builder/progress_code.py: progress codes against the course's structure (the browser's
js/41-code.js writes the same codes: tests/browser/test_progress_code.py reads them back)."""
from __future__ import annotations

import json

import pytest

from course_builder import progress_code as pc
from course_builder.pipeline import load
from course_builder.verification import ProgressError, read_progress
from tests.conftest import FIXTURES


@pytest.fixture(scope="module")
def course():
    loaded, diags = load(FIXTURES / "example_course")
    assert loaded is not None, diags
    return loaded


def full_record(course) -> dict:
    s = pc.shape(course)
    pool = [p[0] for p in s["p"]]
    return {"v": 2, "course": course.id, "seed": "a1b2c3d4e5", "name": "Zoë Ñandú O'Brien-Łukasz 😀", "done": True,
            "last": s["m"][-1], "visited": {m: 1 for m in s["m"]},
            "q": {"ej-q1": {"ok": True, "final": True, "tries": 1}, "ej-q2": {"ok": True, "final": True, "tries": 2},
                  "ej-q3": {"ok": False, "final": True, "tries": 1}, "ej-q4": {"tries": 1}},
            "cases": {cid: {"endings": endings} for cid, endings in s["k"]},
            "quiz": {s["f"]: {"drawn": pool, "submitted": False, "attempts": 2, "draws": 3, "seen": {pool[0]: 3, pool[1]: 2},
                              "result": {"score": 67, "passed": True, "at": "2026-12-02"},
                              "last": {"score": 33, "passed": False, "at": "2026-12-03"},
                              "t": 1796193285000, "end": 1796193000000,
                              "answers": {"ej-p1": {"v": [["q-ej-p1", "devolución"]]},
                                          "ej-p2": {"v": [["q-ej-p2-s1", "1"], ["q-ej-p2-s3", "2"]]},
                                          "ej-p3": {"v": [["q-ej-p3-p2", "r-p1"]], "final": True, "ok": False}}}}}


def test_a_record_comes_back_by_id(course):
    s = pc.shape(course)
    record = full_record(course)
    code = pc.encode(record, s)
    assert pc.is_code(code) and len(code) < 150
    back = pc.decode(code, s)
    assert back["q"] == {"ej-q1": {"ok": True, "final": True, "tries": 1}, "ej-q2": {"ok": True, "final": True, "tries": 2},
                         "ej-q3": {"ok": False, "final": True, "tries": 1}}
    assert (back["name"], back["seed"], back["last"], back["done"]) == (record["name"], "a1b2c3d4e5", s["m"][-1], True)
    assert back["cases"] == record["cases"] and back["visited"] == record["visited"]
    fin = back["quiz"][s["f"]]
    want = record["quiz"][s["f"]]
    for k in ("drawn", "attempts", "draws", "seen", "result", "last", "t", "end"):
        assert fin[k] == want[k], k
    assert fin["answers"]["ej-p1"]["v"] == [["q-ej-p1", "devolución"]]
    assert sorted(fin["answers"]["ej-p2"]["v"]) == [["q-ej-p2-s1", "1"], ["q-ej-p2-s3", "2"]]
    assert fin["answers"]["ej-p3"] == {"tries": 1, "final": True, "ok": False, "v": [["q-ej-p3-p2", "r-p1"]]}


def test_lowercase_and_spaces_typed_by_hand_are_read(course):
    s = pc.shape(course)
    code = pc.encode(full_record(course), s)
    typed = " ".join(code[i:i + 5] for i in range(0, len(code), 5)).lower()
    assert pc.decode(typed, s) == pc.decode(code, s)


def test_a_newer_course_with_added_questions_still_reads_it_by_id(course):
    now = pc.shape(course)
    before = json.loads(json.dumps(now))
    del before["q"][1][1][0]  # the course then had neither this question...
    del before["k"][0][1][-1]  # ...nor this case ending
    record = full_record(course)
    record["q"]["ej-q5"] = {"ok": True, "final": True, "tries": 1}
    back = pc.decode(pc.encode(record, before), now)
    assert back["q"]["ej-q5"]["ok"] and "ej-q3" not in back["q"]  # ej-q3 was not in that course yet
    assert back["cases"][now["k"][0][0]]["endings"] == now["k"][0][1][:-1]


def test_a_course_that_removed_questions_says_so(course):
    now = pc.shape(course)
    later = json.loads(json.dumps(now))
    later["q"][0][1].pop()
    later["p"].pop(0)
    with pytest.raises(pc.CourseChanged):
        pc.decode(pc.encode(full_record(course), now), later)


@pytest.mark.parametrize("text", ["", "HELLO", "0123456789", "NOT A CODE!", "A" * 31])
def test_garbage_is_refused(course, text):
    with pytest.raises(pc.CodeError):
        pc.decode(text, pc.shape(course))


def test_one_wrong_character_is_caught(course):
    s = pc.shape(course)
    code = pc.encode(full_record(course), s)
    wrong = code[:10] + ("A" if code[10] != "A" else "B") + code[11:]
    with pytest.raises(pc.CodeError):
        pc.decode(wrong, s)


def test_verify_reads_new_codes_and_old_ones(course):
    s = pc.shape(course)
    record = full_record(course)
    assert read_progress(pc.encode(record, s), course)["name"] == record["name"]
    old = '{"v":2,"c":"curso-ejemplo","s":"x","ok":["ej-q1"],"no":[],"z":{},"k":{},"m":[],"n":"Ana"}'
    assert read_progress(old, course)["q"]["ej-q1"]["ok"]
    assert read_progress(old, course.id)["name"] == "Ana"
    with pytest.raises(ProgressError):
        read_progress("ZZZZZZZZZ", course)
