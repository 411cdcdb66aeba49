"""Rendering of quiz, case and programme fragments: escaping, answer keys, calendar files."""
from __future__ import annotations

import json
import re
from pathlib import Path

from course_builder.diagnostics import Mark
from course_builder.model import AgendaItem, Option, Programme, Question, Quiz, Session
from course_builder.pipeline import load
from course_builder.render.markup import Markup_
from course_builder.render.widgets import json_for_html, normalize_answer, render_quiz, session_ics

from tests.conftest import FIXTURES

AT = Mark("quizzes/x.yml", 1, 1)
PAYLOAD = '<script>alert(1)</script> <img src=x onerror=alert(2)> [x](javascript:alert(3)) </script><!--'


def _course():
    course, diags = load(FIXTURES / "example_course")
    assert course is not None, diags
    return course


def _quiz_with(text: str) -> Quiz:
    loc = {"es": text, "en": text}
    options = (Option("a", loc, True, loc, AT), Option("b", loc, False, None, AT))
    q = Question("x-q1", "single", loc, loc, loc, AT, options=options)
    return Quiz("x", Path("quizzes/x.yml"), loc, "quiz", 70, False, 0, True, (q,))


def test_content_cannot_inject_markup_or_scripts():
    html = render_quiz(_quiz_with(PAYLOAD), _course(), "es", Markup_())
    assert "<script>alert" not in html and "<img" not in html and "javascript:" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    # The one <script> element is the JSON payload, and nothing in it can close it early.
    scripts = re.findall(r"<script[^>]*>(.*?)</script>", html, re.S)
    assert len(scripts) == 1
    data = json.loads(scripts[0])
    assert data["questions"] == {"x-q1": {"type": "single", "correct": ["a"], "h": data["questions"]["x-q1"]["h"]}}
    assert re.fullmatch(r"[0-9a-f]{10}", data["questions"]["x-q1"]["h"])


def test_json_for_html_escapes_closing_tags():
    text = json_for_html({"k": "</script><!-- & \u2028"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"k": "</script><!-- & \u2028"}


def test_fill_in_normalisation_rule():
    assert normalize_answer("  No   Devolución. ") == "no devolucion"
    assert normalize_answer("¿REFOULEMENT?") == "refoulement"
    assert normalize_answer("niño") == normalize_answer("NINO")
    assert normalize_answer("a-b") == "a-b"


def test_quiz_markup_is_accessible():
    course = _course()
    html = render_quiz(course.quizzes["q-primeros"], course, "en", Markup_())
    assert html.count("<fieldset>") == 2 and html.count("<legend>") == 2
    assert html.count('role="status" aria-live="polite"') == 3  # one per question + the score
    assert re.search(r'<input type="radio" name="q-ej-q1" id="q-ej-q1-a" value="a">\s*'
                     r'<label for="q-ej-q1-a">Migration status</label>', html)
    assert '<label for="q-ej-q2-true">True</label>' in html


def test_ics_converts_mexico_time_to_utc():
    programme = Programme("-05:00", {"es": "Hora de México", "en": "Mexico time"}, (
        Session("s1", {"es": "Sesión 1", "en": "Session 1"}, "2021-06-18", None, "10:00", "12:00",
                (AgendaItem("10:00", "10:30", {"es": "Apertura", "en": "Opening, remarks"}),)),
        Session("s2", {"es": "Curso", "en": "Course"}, "2021-06-18", "2021-06-30", None, None, ())))
    ics = session_ics(programme.sessions[0], programme, _course(), "en", "https://example.org/en/programa/")
    lines = ics.split("\r\n")
    assert "DTSTART:20210618T150000Z" in lines and "DTEND:20210618T170000Z" in lines
    assert "DESCRIPTION:10:00 Opening\\, remarks" in lines
    assert ics.startswith("BEGIN:VCALENDAR\r\n") and ics.endswith("END:VCALENDAR\r\n")
    allday = session_ics(programme.sessions[1], programme, _course(), "es", "https://example.org/programa/")
    assert "DTSTART;VALUE=DATE:20210618" in allday and "DTEND;VALUE=DATE:20210701" in allday


def test_ordering_items_are_never_shown_in_the_answer_order():
    course = _course()
    html = render_quiz(course.quizzes["q-segundo"], course, "es", Markup_())
    shown = re.findall(r'<fieldset class="cb-row cb-order-item" data-item="(\w+)">', html)
    assert sorted(shown) == ["s1", "s2", "s3"] and shown != ["s1", "s2", "s3"]
    assert '<ol class="cb-order">' not in html and "<select" not in html  # tap-to-choose radios
    again = re.findall(r'<fieldset class="cb-row cb-order-item" data-item="(\w+)">', render_quiz(
        course.quizzes["q-segundo"], course, "es", Markup_()))
    assert again == shown  # stable from build to build
