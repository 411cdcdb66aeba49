"""Attendance codes and the certificate of participation (issue 23, item 2), without a browser: the codes
from the secret, their reading, the page's salted hashes, course.yml `participation:` and its errors at
file:line, check's warning without the secret, progress codes carrying attendance (and older ones still
read), `verify` telling a participation certificate from a completion one, the roster's columns, and the
trainer's commands (attendance-codes, slides --attendance)."""
from __future__ import annotations

import json
import re

import pytest

from course_builder import attendance, participation, progress_code
from course_builder.cli import main as cli_main
from course_builder.pipeline import load
from course_builder.verification import certificate_code
from tests.conftest import make_project
from tests.unit.test_roster import record as roster_record

SECRET = "unit-test-secret"
PROGRAMME = """timezone_offset: "-05:00"
timezone_label: {es: "Hora de México", en: "Mexico time"}
sessions:
  - id: apertura
    title: {es: "Sesión de apertura", en: "Opening session"}
    date: "2026-11-02"
    start: "10:00"
    end: "11:00"
  - id: estudio
    title: {es: "Estudio autoformativo", en: "Self-paced study"}
    date: "2026-11-02"
    end_date: "2026-11-20"
  - id: cierre
    title: {es: "Sesión de cierre", en: "Closing session"}
    date: "2026-12-03"
    start: "10:00"
    end: "11:30"
"""


def live_project(tmp_path, participation_yml: str = "participation: {sessions: all, completion: true}\n"):
    project = make_project(tmp_path)
    (project / "course" / "programme.yml").write_text(PROGRAMME, encoding="utf-8")
    with (project / "course" / "course.yml").open("a", encoding="utf-8") as f:
        f.write(participation_yml)
    return project


@pytest.fixture
def course(tmp_path, monkeypatch):
    monkeypatch.setenv(attendance.SECRET_ENV, SECRET)
    loaded, diags = load(live_project(tmp_path))
    assert loaded is not None and not [d for d in diags if d.severity.value == "error"], diags
    return loaded


def test_codes_come_from_the_secret_and_read_as_people_type_them(course):
    codes = attendance.codes(course, SECRET.encode())
    assert list(codes) == ["apertura", "cierre"]  # live sessions only
    for code in codes.values():
        assert re.fullmatch("[0-9A-HJKMNP-TV-Z]{6}", code)
    assert codes != attendance.codes(course, b"another secret")  # a new secret changes every code
    assert attendance.codes(course, SECRET.encode()) == codes    # the same secret, the same codes
    code = codes["apertura"]
    for typed in (code, code.lower(), f" {code[:3]}-{code[3:]} ", code.replace("0", "O").replace("1", "l")):
        assert attendance.read_code(typed) == code
        assert attendance.check(course, "apertura", typed, SECRET.encode())
    assert not attendance.check(course, "cierre", code, SECRET.encode())  # another session's code
    assert attendance.read_code("ABC12") is None and attendance.read_code("ABCDEU") is None


def test_the_page_holds_salted_hashes_never_a_code(course):
    data = attendance.page_data(course, SECRET.encode())
    assert data["iter"] == attendance.ITERATIONS >= 600_000
    text = json.dumps(data)
    for code in attendance.codes(course, SECRET.encode()).values():
        assert code not in text
    salts = {v["salt"] for v in data["sessions"].values()}
    assert len(salts) == 2  # a salt of its own per session
    assert attendance.page_data(course, None) is None or attendance.secret() is not None


@pytest.mark.parametrize("yml, code, line", [
    ("participation: {sessions: [apertura, cirre], completion: true}\n", "participation.unknown-session", 16),
    ("participation: {sessions: [estudio]}\n", "participation.not-live", 16),
    ("participation: {sessions: some}\n", "participation.sessions", 16),
    ("participation: {sessions: [apertura, apertura]}\n", "participation.duplicate", 16),
    ("participation: {sessions: all, completion: sí}\n", "schema.type", 16),
])
def test_participation_errors_name_the_line(tmp_path, yml, code, line):
    course, diags = load(live_project(tmp_path, yml))
    found = [d for d in diags if d.code == code]
    assert found and found[0].path == "course/course.yml" and found[0].line == line, diags


def test_participation_without_live_sessions_is_an_error(tmp_path):
    project = make_project(tmp_path)
    with (project / "course" / "course.yml").open("a", encoding="utf-8") as f:
        f.write("participation:\n  sessions: all\n")
    _, diags = load(project)
    assert [(d.code, d.line) for d in diags if d.code.startswith("participation")] == [("participation.no-sessions", 17)]


def test_check_warns_without_the_secret_and_the_build_says_codes_are_not_set_up(tmp_path, monkeypatch, capsys):
    monkeypatch.delenv(attendance.SECRET_ENV, raising=False)
    project = live_project(tmp_path)
    assert cli_main(["--project", str(project), "check"]) == 0
    out = "".join(capsys.readouterr())
    assert "course/course.yml:16:16: warning[attendance.no-secret]" in out
    assert cli_main(["--project", str(project), "check", "--strict"]) == 1
    from course_builder.render.widgets import render_programme
    from course_builder.text import Markup_
    course, _ = load(project)
    html = render_programme(course.programme, "en", Markup_(), lambda s: "", course=course)
    assert "Attendance codes are not set up on this site" in html and "cb-attend-form" not in html
    monkeypatch.setenv(attendance.SECRET_ENV, SECRET)
    capsys.readouterr()
    assert cli_main(["--project", str(project), "check", "--strict"]) == 0


def test_progress_codes_carry_attendance_and_older_codes_still_read(course):
    s = progress_code.shape(course)
    assert s["a"] == ["apertura", "cierre"]
    rec = roster_record(1, 6, 0, 3, "Ana")
    rec["att"] = {"cierre": 1}
    back = progress_code.decode(progress_code.encode(rec, s), s)
    assert back["att"] == {"cierre": 1} and back["name"] == "Ana"
    old = progress_code.encode(rec, {**s, "a": []}, fmt=1)  # a code made before attendance existed
    back = progress_code.decode(old, s)
    assert back["att"] == {} and back["name"] == "Ana" and back["q"] == progress_code.decode(
        progress_code.encode(rec, s), s)["q"]
    # A course that added a live session still reads a code made before, by id.
    fewer = {**s, "a": ["cierre"]}
    assert progress_code.decode(progress_code.encode(rec, fewer), s)["att"] == {"cierre": 1}


def complete(att: dict) -> dict:
    rec = roster_record(7, 6, 0, 3, "Ana Pérez")
    rec["att"] = att
    return rec


def test_the_participation_certificate_needs_every_session_and_completion(course):
    assert participation.check(course, complete({"apertura": 1})).problems == ["missing"]
    assert participation.check(course, complete({"apertura": 1})).missing == ["Sesión de cierre"]
    partial = roster_record(8, 2, 0, None, "Luis")
    partial["att"] = {"apertura": 1, "cierre": 1}
    assert "missing" in participation.check(course, partial).problems  # the self-paced study is not completed
    p = participation.check(course, complete({"apertura": 1, "cierre": 1}))
    # Dated by the last requirement met: the closing session (2026-12-03) after the final (2026-12-01).
    assert p.valid and p.date == "2026-12-03" and p.attended == ["apertura", "cierre"]


def test_verify_tells_which_certificate_a_code_belongs_to(course, tmp_path, capsys):
    rec = complete({"apertura": 1, "cierre": 1})
    path = tmp_path / "ana.json"
    path.write_text(json.dumps(rec), encoding="utf-8")
    p_code = participation.check(course, rec).expected_code
    c_code = certificate_code(rec, "Ana Pérez", "2026-12-01", 100, course.version)
    assert p_code != c_code
    root = str(course.root)
    assert cli_main(["--project", root, "-q", "verify", str(path), "--certificate", p_code.lower()]) == 0
    out = capsys.readouterr().out
    assert "certificate: of participation in the live programme" in out and "sessions attended: 2 of 2" in out
    assert cli_main(["--project", root, "-q", "verify", str(path), "--certificate", c_code]) == 0
    assert "certificate: of completion of the self-paced study" in capsys.readouterr().out
    # The same code against a record that lacks a session: a participation code, not valid, and why.
    rec["att"] = {"apertura": 1}
    path.write_text(json.dumps(rec), encoding="utf-8")
    kind, verdict = participation.which(course, rec, p_code)
    assert kind == "participation" and verdict.problems == ["missing"]
    assert cli_main(["--project", root, "-q", "verify", str(path), "--certificate", p_code]) == 1
    out = capsys.readouterr().out
    assert "not in this record: Sesión de cierre" in out and "NOT VALID" in out
    # A code of neither kind is checked as a certificate of completion, as before.
    assert participation.which(course, rec, "AAAA-BBBB-CCCC")[0] == "completion"


def test_roster_columns_sessions_attended_and_participation(course, tmp_path):
    from course_builder.roster import build, to_csv
    full, one = complete({"apertura": 1, "cierre": 1}), complete({"cierre": 1})
    one["seed"], one["name"] = "other", "Beto"
    roster = build(course, [("a.json", json.dumps(full), None), ("b.json", json.dumps(one), None)])
    lines = to_csv(roster).splitlines()
    assert lines[0].endswith("sessions attended (of 2),certificate of participation")
    assert lines[1].startswith("Ana Pérez,") and lines[1].endswith(",2 of 2,yes")
    assert lines[2].startswith("Beto,") and lines[2].endswith(",1 of 2,no")
    assert lines[3].endswith(",1 attended all,1")


def test_attendance_codes_and_the_trainers_decks(course, tmp_path, capsys, monkeypatch):
    root = str(course.root)
    codes = attendance.codes(course, SECRET.encode())
    assert cli_main(["--project", root, "-q", "attendance-codes"]) == 0
    out = capsys.readouterr().out
    for sid, code in codes.items():
        assert re.search(rf"^{sid} .* {code}$", out, re.M)
    monkeypatch.delenv(attendance.SECRET_ENV)
    assert cli_main(["--project", root, "-q", "attendance-codes"]) == 2
    assert attendance.SECRET_ENV in capsys.readouterr().err
    assert cli_main(["--project", root, "-q", "slides", "--attendance", "--out", str(tmp_path / "x")]) in (1, 2)
