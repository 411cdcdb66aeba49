"""Rendering of quiz, case and programme fragments: escaping, answer keys, calendar files."""
from __future__ import annotations

import json
import re
from pathlib import Path

from course_builder.diagnostics import Mark
from course_builder.model import AgendaItem, Option, Programme, Question, Quiz, Session
from course_builder.pipeline import load
from course_builder.text import Markup_
from course_builder.answers import normalize_answer
from course_builder.render.calendar import session_ics
from course_builder.render.widgets import json_for_html, render_app, render_quiz
from course_builder.strings import JS_STRINGS

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
    ordering = html[html.index('data-type="ordering"'):]
    ordering = ordering[:ordering.index("</form>")]
    assert '<ol class="cb-order">' not in html and "<select" not in ordering  # tap-to-choose radios
    again = re.findall(r'<fieldset class="cb-row cb-order-item" data-item="(\w+)">', render_quiz(
        course.quizzes["q-segundo"], course, "es", Markup_()))
    assert again == shown  # stable from build to build


def test_matching_rows_are_labelled_selects_named_as_stored_attempts_expect():
    """Issue 24: one select per row, labelled by its left-hand item; names and values are those of the
    radio buttons it replaced (q-<question>-<item>, r-<item>), so a stored exam attempt still restores;
    the choices in the same shuffled order in every row, and once more for paper."""
    course = _course()
    html = render_quiz(course.quizzes["q-segundo"], course, "en", Markup_())
    form = html[html.index('data-type="matching"'):]
    form = form[:form.index("</form>")]
    rows = re.findall(r'<div class="cb-row cb-match-row" data-item="(\w+)"><label for="([\w-]+)">([^<]+)</label>'
                      r'<span class="cb-mark" id="([\w-]+)"></span>\s*<div class="cb-field"><select id="([\w-]+)" '
                      r'name="([\w-]+)" aria-describedby="([\w -]+)">(.*?)</select>', form)
    assert [r[0] for r in rows] == ["p1", "p2", "p3"]
    assert [r[2] for r in rows] == ["Girl alone", "Fears return", "Injury"]
    orders = set()
    for item, label_for, _, mark, sid, name, described, options in rows:
        assert label_for == sid == name == f"q-ej-q6-{item}" and mark == f"{sid}-mark"
        assert described.split() == [mark, f"{sid}-key"] and f'id="{sid}-key"' in form
        values = re.findall(r'<option value="([\w-]*)">', options)
        assert values[0] == "" and sorted(values[1:]) == ["r-p1", "r-p2", "r-p3"]
        orders.add(tuple(values))
    assert len(orders) == 1
    printed = re.findall(r"<li>([^<]+)</li>", form[form.index('class="cb-match-choices"'):])
    assert sorted(printed) == ["Asylum system", "Child protection", "Health service"]


def _with_module(course, i, lang="es", **changes):
    import dataclasses
    page = course.modules[i]
    version = dataclasses.replace(page.versions[lang], **changes)
    page = dataclasses.replace(page, versions={**page.versions, lang: version})
    modules = list(course.modules)
    modules[i] = page
    return dataclasses.replace(course, modules=tuple(modules))


def test_home_is_generated_from_the_course_data_and_escapes_it():
    import dataclasses
    from course_builder.render.widgets import render_home
    course = _with_module(_course(), 0, title=PAYLOAD)
    extra = dataclasses.replace(course.modules[1], slug="otra-pagina", is_module=False)
    course = dataclasses.replace(course, pages=(extra,))
    html = render_home(course, "es", "curso-es.pdf")
    assert "<script>alert" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert '<p class="cb-summary">1 h · 2 módulos · certificado</p>' in html
    assert html.count('class="cb-card"') == 2 and "20 min" in html and "70 % para aprobar" in html
    assert '<a class="md-button md-button--primary cb-main" href="01-primeros-pasos/">' in html
    # Every page listed under pages: is linked, whatever its slug; the handbook too.
    assert '<a href="otra-pagina/">' in html and 'href="curso-es.pdf" download' in html
    # The rule to the certificate: each graded quiz, the final assessment, then the certificate.
    assert re.findall(r'data-step="([\w-]+)"', html) == ["q-primeros", "q-segundo", "final", "certificate"]
    scripts = re.findall(r"<script[^>]*>(.*?)</script>", html, re.S)
    assert len(scripts) == 1 and json.loads(scripts[0])["modules"][0]["url"] == "01-primeros-pasos/"


def test_a_page_pending_review_shows_one_notice_at_the_top():
    from course_builder.render.pages import PageRenderer
    course = _with_module(_course(), 0, review="pending-expert")
    _, text = PageRenderer(course, "es").render_page(course.modules[0])
    body = text.split("---\n\n", 1)[1]
    assert body.count('class="cb-review"') == 1
    lines = [line for line in body.splitlines() if line.strip()]
    assert lines[0].startswith("# ") and lines[1].startswith("<p class=\"cb-review\" role=\"note\">")
    _, other = PageRenderer(course, "es").render_page(course.modules[1])
    assert "cb-review" not in other
    _, app = PageRenderer(course, "es").app_page("certificado", "certificate")
    assert app.count('class="cb-review"') == 1


def test_case_steps_are_headed_sections_and_choices_are_buttons():
    from course_builder.render.widgets import render_case
    course = _course()
    html = render_case(course.cases["caso-ana"], course, "es", Markup_())
    sections = re.findall(r'<section[^>]*aria-labelledby="([^"]+)"', html)
    assert sections and all(f'<h3 class="cb-case-step" id="{s}">' in html for s in sections)
    assert "<h3 class=\"cb-case-step\" id=\"case-caso-ana-mal-h\">Resultado perjudicial</h3>" in html
    assert html.count('<button type="button" class="cb-case-choice"') == 2
    assert 'data-outcome="poor"' in html and "✓" not in html


def test_the_progress_page_writes_each_text_of_its_controls():
    for lang in ("es", "en"):
        html = render_app("progress", _course(), lang)
        s = JS_STRINGS[lang]
        for key in ("copy", "download", "qr_show", "import", "import_file", "reset", "reset_confirm"):
            assert f">{s[key]}</" in html, key  # a key named like a dict method ("copy") is still the text
        assert "built-in method" not in html
