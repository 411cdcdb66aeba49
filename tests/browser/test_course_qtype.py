"""A course adds a question type of its own (ARCHITECTURE.md, "Adding a question type"): a folder in its
project's qtypes/ with the Python type, its templates and its browser control, and nothing else changed.
The course builds with a question of it in a quiz; in Chromium the question shows, is graded wrong then
right and counts in the first-try score; the exports name it, or say why they leave it out."""
from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from playwright.sync_api import expect

from course_builder import qtypes
from course_builder.cli import main as cli_main
from tests.browser.conftest import _serve, guarded_page, ready
from tests.conftest import REPO, make_project

pytestmark = pytest.mark.browser

# The whole type: what a trainer writes in <project>/qtypes/yesno/ (the names are its own).
YESNO = {
    "__init__.py": '''
        """A question answered yes or no (`answer: true|false`): a course's own type."""
        from course_builder.qtypes.base import NotExportable, QuestionType


        class YesNo(QuestionType):
            name = "yesno"
            keys = ("answer",)
            moodle_label = "multichoice (yes/no)"

            def load(self, f, label, langs, rep):
                return {"answer": f.boolean("answer", True)}

            def key(self, q, lang):
                return {"correct": ["yes" if q.answer else "no"]}

            def code_ids(self, q):
                return ["yes", "no"]

            def gift(self, q, ctx):
                right, wrong = ("Yes", "No") if q.answer else ("No", "Yes")
                return ctx.question(q, "", [f"\\t={right}", f"\\t~{wrong}"])

            def moodle_xml(self, q, ctx):
                raise NotExportable("a yes/no question has no Moodle XML form in this course; use GIFT")


        TYPE = YesNo()
        ''',
    "quiz.html.j2": '''
        {%- set labels = {"yes": {"es": "Sí", "en": "Yes"}, "no": {"es": "No", "en": "No"}} -%}
        <div class="cb-options cb-yesno">
        {% for v in ("yes", "no") %}
        <div class="cb-option" data-option="{{ v }}"><input type="radio" name="q-{{ q.id }}" id="q-{{ q.id }}-{{ v }}" value="{{ v }}"><label for="q-{{ q.id }}-{{ v }}">{{ labels[v][lang] }}</label><span class="cb-mark"></span></div>
        {% endfor %}
        </div>''',
    "handbook.html.j2": '''
        {% macro question(q, md) %}
        <ol class="hb-options" type="a"><li>{{ "Sí" if lang == "es" else "Yes" }}</li><li>No</li></ol>
        {%- endmacro %}

        {% macro answer(q, md) %}
        <p class="hb-answer"><strong>{{ s("answer") }}:</strong> {{ ("Sí" if lang == "es" else "Yes") if q.answer else "No" }}</p>
        {%- endmacro %}
        ''',
    "control.js": '''
        /* Yes or no: two radio buttons, never shuffled. */
        QTYPES["yesno"] = {
          evaluate: function (form, key) {
            var picked = form.querySelector("input:checked");
            if (!picked) return null;
            return { ok: key.correct.indexOf(picked.value) >= 0, wrong: 0, missed: 0 };
          },
          mark: function (form, key, result, s) {
            tagRight(form.querySelector("input:checked").closest(".cb-option"), result.ok, s);
            return [];
          },
          answer: function (form, key, keep, s) {
            all(form, ".cb-option").forEach(function (o) {
              var ok = key.correct.indexOf(o.dataset.option) >= 0, input = o.querySelector("input");
              if (!keep) input.checked = ok;
              if (ok) tag(o, "cb-key", "✓ " + s.key);
            });
            return "";
          },
          empty: function (s) { return s.choose_first; },
          shuffle: false
        };
        ''',
}
QUESTION = '''
  - id: ej-yn
    type: yesno
    prompt: {es: "¿Tiene toda persona migrante derecho a protección?", en: "Is every migrant entitled to protection?"}
    answer: true
    explanation: {es: "Sí, sea cual sea su estatus.", en: "Yes, whatever their status."}
'''


@pytest.fixture(scope="module")
def yesno_project(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("yesno"))
    folder = project / "qtypes" / "yesno"
    folder.mkdir(parents=True)
    for name, text in YESNO.items():
        (folder / name).write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    quiz = project / "quizzes" / "q-primeros.yml"
    quiz.write_text(quiz.read_text(encoding="utf-8") + QUESTION.lstrip("\n"), encoding="utf-8")
    assert cli_main(["--project", str(project), "build"]) == 0
    yield project
    qtypes.load_course_types(tmp_path_factory.mktemp("none"))  # forget yesno for the tests after these


@pytest.fixture(scope="module")
def yesno_url(yesno_project):
    yield from _serve(yesno_project / "site")


def test_the_course_type_is_one_folder_and_its_control_joins_course_js(yesno_project):
    assert sorted(p.name for p in (yesno_project / "qtypes" / "yesno").iterdir()) == sorted(YESNO)
    script = (yesno_project / "site" / "assets" / "course" / "course.js").read_text(encoding="utf-8")
    assert 'QTYPES["yesno"]' in script or "QTYPES.yesno" in script
    assert script.rstrip().endswith("})();")  # inside the bundle's one function scope


def test_the_course_type_renders_grades_and_counts_in_the_first_try_score(browser, yesno_url):
    page = guarded_page(browser.new_context(), yesno_url)
    page.goto(f"{yesno_url}/01-primeros-pasos/")
    ready(page)
    quiz = page.locator("#quiz-q-primeros")
    q = page.locator("#q-ej-yn")
    expect(q.locator("label")).to_have_text(["Sí", "No"])
    # Check with nothing picked: the type's own message.
    q.locator(".cb-check").click()
    expect(q.locator(".cb-status")).to_have_text("Elija una respuesta antes de comprobar.")
    # Wrong, then right.
    q.locator("#q-ej-yn-no").check()
    q.locator(".cb-check").click()
    expect(q.locator(".cb-status")).to_have_text("Respuesta incorrecta.")
    expect(q.locator('.cb-option[data-option="no"]')).to_have_class("cb-option cb-wrong")
    q.locator(".cb-retry").click()
    expect(q.locator(".cb-wrong")).to_have_count(0)
    q.locator("#q-ej-yn-yes").check()
    q.locator(".cb-check").click()
    expect(q.locator(".cb-status")).to_have_text("Respuesta correcta.")
    expect(q.locator(".cb-explanation")).to_be_visible()
    # The other two questions right at once: 2 of 3 at the first try.
    quiz.locator("#q-ej-q1-b").check()
    quiz.locator("#q-ej-q1 .cb-check").click()
    quiz.locator("#q-ej-q2-false").check()
    quiz.locator("#q-ej-q2 .cb-check").click()
    expect(quiz.locator(".cb-score")).to_contain_text("Correctas al primer intento: 2 de 3 (67 %).")
    # Kept on reload: the stored answer is shown as right.
    page.reload()
    ready(page)
    expect(q.locator(".cb-status")).to_have_text("Respuesta correcta.")
    expect(q.locator('.cb-option[data-option="yes"] input')).to_be_checked()
    assert page.errors == [] and page.outside_requests == []
    page.context.close()


def test_the_exports_name_the_course_type_or_say_why_not(yesno_project, tmp_path):
    out = tmp_path / "export"
    for fmt in ("gift", "moodle-xml"):
        done = subprocess.run([sys.executable, str(REPO / "build_course.py"), "--project", str(yesno_project), "export",
                               fmt, "--lang", "es", "--out", str(out)], capture_output=True, text=True, cwd=REPO)
        assert done.returncode == 0, done.stderr
        if fmt == "gift":
            gift = "\n".join(p.read_text(encoding="utf-8") for p in Path(out).glob("*.gift"))
            assert "::ej-yn::" in gift and "\t=Yes" in gift
        else:
            said = done.stdout + done.stderr + "\n".join(p.read_text(encoding="utf-8")
                                                           for p in Path(out).glob("*.txt"))
            assert "ej-yn (yesno" in said and "no Moodle XML form in this course" in said
