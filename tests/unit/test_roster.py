"""`roster` over 30 progress records of the example course: complete and partial participants, one
person sent twice, one record edited by hand, a garbage file and a missing one: the right table, with
the problem files listed apart and nothing dropped (golden CSV: tests/fixtures/roster/expected.csv)."""
from __future__ import annotations

import base64
import json
import subprocess
import sys
from pathlib import Path

import pytest

from course_builder.cli import main as cli_main
from course_builder.pipeline import load
from course_builder.verification import certificate_code
from tests.conftest import FIXTURES, REPO

COURSE = "curso-ejemplo"
GOLDEN = FIXTURES / "roster" / "expected.csv"
# What a participant enters in the final assessment's pool, right and wrong (js/20-quiz.js's fields).
RIGHT = {"ej-p1": [["q-ej-p1", "devolución"]],
         "ej-p2": [["q-ej-p2-s1", "1"], ["q-ej-p2-s2", "2"], ["q-ej-p2-s3", "3"]],
         "ej-p3": [["q-ej-p3-p1", "r-p1"], ["q-ej-p3-p2", "r-p2"], ["q-ej-p3-p3", "r-p3"]]}
WRONG = {"ej-p1": [["q-ej-p1", "retorno"]],
         "ej-p2": [["q-ej-p2-s1", "2"], ["q-ej-p2-s2", "1"], ["q-ej-p2-s3", "3"]],
         "ej-p3": [["q-ej-p3-p1", "r-p2"], ["q-ej-p3-p2", "r-p1"], ["q-ej-p3-p3", "r-p3"]]}
MODULE_QUESTIONS = ["ej-q1", "ej-q2", "ej-q3", "ej-q4", "ej-q5", "ej-q6"]


def record(i: int, answered: int, retried: int, final_right: int | None, name: str, case: bool = True) -> dict:
    """Participant ``i``: the first ``answered`` module questions answered right (the first ``retried``
    of them after a wrong try); a submitted final attempt with ``final_right`` of 3 right, if any."""
    q = {qid: {"ok": True, "final": True, "tries": 2 if n < retried else 1}
         for n, qid in enumerate(MODULE_QUESTIONS[:answered])}
    data = {"v": 2, "course": COURSE, "seed": f"seed{i:02d}", "name": name, "q": q, "quiz": {}, "cases": {},
            "visited": {"01-primeros-pasos": 1, **({"02-segundo-modulo": 1} if answered > 2 else {})}, "last": ""}
    if case:
        data["cases"]["caso-ana"] = {"endings": ["bien"]}
    if final_right is not None:
        drawn = ["ej-p1", "ej-p2", "ej-p3"]
        score = round(100 * final_right / 3)
        result = {"score": score, "passed": score >= 60, "at": "2026-12-01"}
        data["quiz"]["final"] = {"drawn": drawn, "submitted": True, "attempts": 1 + i % 3, "seen": {d: 1 for d in drawn},
                                 "result": result, "last": result,
                                 "answers": {d: {"v": (RIGHT if n < final_right else WRONG)[d], "ok": n < final_right,
                                                 "final": True} for n, d in enumerate(drawn)}}
    return data


def cohort(folder: Path) -> list[str]:
    """30 records as participants send them, and two more arguments (a garbage file, a missing one)."""
    args = []

    def save(name: str, data) -> None:
        path = folder / name
        path.write_text(data if isinstance(data, str) else json.dumps(data, ensure_ascii=False), encoding="utf-8")
        args.append(str(path))

    for i in range(1, 21):  # complete: every module question, the final passed (2 or 3 of 3)
        save(f"p{i:02d}.json", record(i, 6, i % 4, 3 if i % 2 else 2, f"Participante {i:02d}"))
    for i in range(21, 27):  # partial: some module questions, some without a final attempt
        save(f"p{i:02d}.json", record(i, i - 20, 0, 1 if i % 2 else None, f"Participante {i:02d}", case=i % 2 == 0))
    # Participant 05 again, an older file of the same record: joined, the more complete answers kept.
    save("p05-old.json", record(5, 2, 2, None, "Participante 05"))
    # Participant 27 as a progress code (the compact form the progress page shows).
    compact = {"v": 2, "c": COURSE, "s": "seed27", "n": "Participante 27", "ok": MODULE_QUESTIONS[:4], "no": [],
               "r": MODULE_QUESTIONS[4:], "z": {}, "k": {}, "m": ["01-primeros-pasos", "02-segundo-modulo"], "l": ""}
    args.append(base64.urlsafe_b64encode(json.dumps(compact).encode()).decode().rstrip("="))
    # Participant 28 edited the final attempt by hand: every answer marked right, though two are wrong.
    edited = record(28, 6, 0, 1, "Participante 28")
    for e in edited["quiz"]["final"]["answers"].values():
        e["ok"] = True
    edited["quiz"]["final"]["result"] = edited["quiz"]["final"]["last"] = {"score": 100, "passed": True, "at": "2026-12-01"}
    save("p28.json", edited)
    # Participant 29 passed; the trainer typed the code from the printed certificate.
    p29 = record(29, 6, 0, 3, "Participante 29")
    save("p29.json", p29)
    args[-1] += "=" + certificate_code(p29, "Participante 29", "2026-12-01", 100, "0.1.0").lower().replace("-", "")
    args[19] += "=ABCD-EFGH-JKMN"  # participant 20's printed code, mistyped or someone else's: does not verify
    save("garbage.json", "this is not a progress record")
    args.append(str(folder / "missing.json"))
    return args


@pytest.fixture
def course():
    course, diags = load(FIXTURES / "example_course")
    assert course is not None, diags
    return course


def test_roster_of_thirty_records(tmp_path, capsys):
    args = cohort(tmp_path)
    assert len(args) == 32  # 30 records, a garbage file and a missing one
    out = tmp_path / "out"
    code = cli_main(["--project", str(FIXTURES / "example_course"), "-q", "roster", *args, "--out", str(out)])
    printed = capsys.readouterr()
    assert code == 0
    assert printed.out.splitlines()[0] == "28 participants from 29 records (1 joined as one person); 3 set apart"
    assert f"joined: {tmp_path}/p05.json, {tmp_path}/p05-old.json (the same record)" in printed.out
    err = printed.err.splitlines()
    assert err[:2] == [
        f"set apart: {tmp_path}/missing.json: no such file",
        f"set apart: {tmp_path}/p28.json: looks edited: question 'ej-p2' of the final assessment is marked right, "
        "but what was entered is wrong"]
    assert len(err) == 3 and err[2].startswith(f"set apart: {tmp_path}/garbage.json: unreadable: ")
    got = (out / "roster.csv").read_text(encoding="utf-8").replace(str(tmp_path) + "/", "")
    if not GOLDEN.exists():  # first run: write it, then read it and check it by hand before committing
        GOLDEN.write_text(got, encoding="utf-8")
    assert got == GOLDEN.read_text(encoding="utf-8")
    page = (out / "roster.html").read_text(encoding="utf-8")
    assert page.count("<tr>") == 1 + 28 + 1 and "Set apart" in page and "looks edited" in page


def test_sorting_and_the_summary_row(course, tmp_path):
    from course_builder.roster import build, table
    given = [(p, Path(p).read_text(encoding="utf-8"), None) for p in (a.split("=")[0] for a in cohort(tmp_path)[:26])]
    roster = build(course, given)
    _, by_final, summary = table(roster, "final")
    finals = [float(r[-5]) if r[-5] else -1 for r in by_final]
    assert finals == sorted(finals, reverse=True)
    _, by_progress, _ = table(roster, "progress")
    assert by_progress[0][-3] == "yes" and by_progress[-1][-3] == "no"  # certificates first
    # q-primeros: 25 finished; first tries 10 x 0 %, 5 x 50 %, 10 x 100 % (retries by participant number)
    assert summary[3] == "25 finished, median 50 %"
    assert summary[4].startswith("21 finished, median ")


def test_an_edited_result_and_html_escaping(course):
    from course_builder.roster import build, to_html
    data = record(1, 6, 0, 3, "<script>alert(1)</script>")
    data["quiz"]["final"]["result"] = {"score": 40, "passed": True, "at": "2026-12-01"}
    bad = build(course, [("x.json", json.dumps(data), None)])
    assert [r.reason for r in bad.rejected] == ["looks edited: the final assessment's result says passed with 40 % "
                                                "(pass mark 60 %)"]
    good = build(course, [("y.json", json.dumps(record(1, 6, 0, 3, "<b>Ana</b>")), None)])
    page = to_html(good)
    assert "<b>Ana</b>" not in page and "&lt;b&gt;Ana&lt;/b&gt;" in page


def test_roster_command_reports_what_it_cannot_read(tmp_path):
    done = subprocess.run([sys.executable, str(REPO / "build_course.py"), "--project", str(FIXTURES / "example_course"),
                           "-q", "roster", str(tmp_path / "nope.json"), "--out", str(tmp_path)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert done.stderr.strip() == f"set apart: {tmp_path}/nope.json: no such file"
