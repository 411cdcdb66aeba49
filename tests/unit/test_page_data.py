"""The JSON of each app page and quiz carries exactly what its script reads (every page is downloaded
for offline use, so every byte counts): the texts and map fields the script's functions use."""
from __future__ import annotations

import json
import re

import pytest

from course_builder import qtypes
from course_builder.pipeline import load
from course_builder.render.widgets import app_data, render_quiz
from course_builder.text import Markup_
from course_builder.strings import JS_STRINGS
from tests.conftest import FIXTURES, REPO

SCRIPTS = REPO / "overrides" / "assets" / "course"
# The functions of js/20-quiz.js and of the controls that a type's control calls (rather than the Quiz).
CONTROL_HELPERS = ("tagRight", "yours", "pickedMark", "pickedAnswer", "rowsMark", "echo", "keyLine")
# The functions each app runs (js/90-init.js dispatches on data-app and runs status() on all but verify).
RUNS = {
    "home": ("init", "storeNotices", "homeApp", "status", "paint", "stateText", "markPath"),
    "progress": ("init", "storeNotices", "lmsNote", "progressApp", "readProgress", "status", "paint", "stateText", "markPath"),
    "certificate": ("init", "storeNotices", "certificateApp", "certificateForm", "status", "markPath",
                    "participationView", "participationForm", "participationStatus"),
    "verify": ("init", "storeNotices", "verifyApp", "readProgress", "checkCertificate", "status", "checkParticipation",
               "participationStatus"),
    # js/20-quiz.js: a module quiz checks question by question, an assessment is drawn, submitted, reviewed;
    # what differs by type is asked of the type's control (qtypes/<type>/control.js, "<type>.<method>"),
    # with the helpers the controls share.
    "quiz": ("init", "storeNotices", "Quiz", *(f"Quiz.{m}" for m in ("wire", "shuffle", "check", "finish", "retry", "reveal",
             "explain", "restore", "updateScore", "status", "lock", "mark", "unmark", "empty", "answer", "restart")),
             *CONTROL_HELPERS, *(f"*.{m}" for m in ("evaluate", "mark", "answer", "empty", "wire"))),
    "assessment": ("init", "storeNotices", "Quiz", *(f"Quiz.{m}" for m in ("draw", "shuffle", "examForm", "exam", "attempts",
                   "submit", "review", "againState", "explain", "status", "lock", "mark", "answer", "restart")),
                   *CONTROL_HELPERS, *(f"*.{m}" for m in ("evaluate", "mark", "answer", "wire"))),
}
APPS = ("home", "progress", "certificate", "verify")


FUNCTION = re.compile(r"^(?:function (\w+)\(|Quiz\.prototype\.(\w+) = function)", re.M)


def _functions() -> dict[str, str]:
    """Top-level functions of the bundles' parts and of the types' controls, by name; a control's
    methods as "<type>.<method>" (a method given as a shared function is that function)."""
    source = "\n".join(p.read_text(encoding="utf-8") for p in sorted((SCRIPTS / "js").glob("*.js")))
    parts = FUNCTION.split(source)
    out = {a or f"Quiz.{b}": code for a, b, code in zip(parts[1::3], parts[2::3], parts[3::3])}
    for path in qtypes.script_parts():
        code = path.read_text(encoding="utf-8")
        head, body = code[:code.index("QTYPES[")], code[code.index("QTYPES["):]
        parts = FUNCTION.split(head)
        out.update({a: text for a, _, text in zip(parts[1::3], parts[2::3], parts[3::3])})
        methods = re.split(r"^  (\w+): ", body, flags=re.M)
        for method, text in zip(methods[1::2], methods[2::2]):
            shared = re.match(r"(\w+),?\s*$", text)
            out[f"{path.parent.name}.{method}"] = out[shared.group(1)] if shared and shared.group(1) in out else text
    return out


def _reads(code: str, lang: str) -> tuple[set[str], set[str]]:
    """(texts, map fields) a piece of script reads: s.key, s["key"], s["prefix_" + …] (every key of
    that prefix), the notices of init, map.field."""
    texts = set(re.findall(r"\bs\.(\w+)", code)) | set(re.findall(r'\bs\["(\w+)"\]', code))
    for prefix in re.findall(r'\bs\["(\w+)" \+', code):
        texts |= {k for k in JS_STRINGS[lang] if k.startswith(prefix)}
    for line in re.findall(r"var notice = (.*)", code):
        texts |= set(re.findall(r'"(\w+)"', line))
    return texts, set(re.findall(r"\bmap\.(\w+)", code)) - {"strings"}


@pytest.fixture(scope="module")
def course():
    course, diags = load(FIXTURES / "example_course")
    assert course is not None, diags
    return course


@pytest.mark.parametrize("lang", ["es", "en"])
@pytest.mark.parametrize("app", sorted(RUNS))
def _read_by(runs: str, lang: str) -> tuple[set[str], set[str]]:
    functions = _functions()
    texts, fields = set(), set()
    names = [n for n in RUNS[runs] if not n.startswith("*.")]
    names += [k for n in RUNS[runs] if n.startswith("*.") for k in functions if k.endswith(n[1:]) and "." in k
              and not k.startswith("Quiz.")]
    for name in names:
        t, f = _reads(functions[name], lang)
        texts |= t
        fields |= f
    return texts, fields


@pytest.mark.parametrize("lang", ["es", "en"])
@pytest.mark.parametrize("app", APPS)
def test_an_app_page_ships_what_its_script_reads(course, app, lang):
    texts, fields = _read_by(app, lang)
    data = app_data(course, lang, app)
    assert set(data["strings"]) == texts
    assert set(data) - {"strings"} == fields


@pytest.mark.parametrize("lang", ["es", "en"])
def test_the_search_page_ships_its_texts_only(course, lang):
    source = (SCRIPTS / "search.js").read_text(encoding="utf-8")
    texts, fields = _reads(source[source.index("function searchApp("):], lang)
    data = app_data(course, lang, "search")
    assert set(data) == {"strings"} and not fields
    assert set(data["strings"]) == texts


@pytest.mark.parametrize("lang", ["es", "en"])
@pytest.mark.parametrize("kind", ["quiz", "assessment"])
def test_a_quiz_ships_the_texts_its_kind_reads(course, kind, lang):
    quiz = next(q for q in course.quizzes.values() if q.kind == kind)
    html = render_quiz(quiz, course, lang, Markup_())
    data = json.loads(re.search(r'<script type="application/json" class="cb-data">(.*?)</script>', html, re.S).group(1))
    assert set(data["strings"]) == _read_by(kind, lang)[0]
