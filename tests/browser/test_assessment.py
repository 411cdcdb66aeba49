"""The final assessment measures: each attempt draws the questions a participant has seen least, the
review shows what the quiz's `review` setting allows, attempts and the wait between them are the
course's to set, and a new attempt starts on question 1."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from course_builder.cli import main as cli_main
from tests.browser.conftest import _serve, guarded_page, ready
from tests.conftest import make_project

pytestmark = pytest.mark.browser
SHOTS = Path("/tmp/shots")
VIEWPORTS = {"390": {"width": 390, "height": 844}, "1280": {"width": 1280, "height": 800}}

# Answers every drawn question of the attempt with its first choice (or a typed word), as a hurried
# participant would; returns the drawn question ids in order.
ANSWER_ALL = """quiz => {
  const forms = [...quiz.querySelectorAll("form.cb-question")];
  for (const f of forms) {
    const inputs = [];
    for (const row of f.querySelectorAll(".cb-row")) inputs.push(row.querySelector("input, select"));
    if (!inputs.length) inputs.push(f.querySelector("input"));
    for (const i of inputs) {
      if (i.tagName === "SELECT") i.selectedIndex = 1;
      else if (i.type === "text") i.value = "x";
      else i.checked = true;
      i.dispatchEvent(new Event("change", { bubbles: true }));
    }
  }
  return forms.map(f => f.dataset.qid);
}"""


def shot(page, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"))


@pytest.mark.parametrize("lang,viewport", [("es", "390"), ("en", "1280")])
def test_three_attempts_of_the_real_assessment_never_repeat_a_question(browser, real_site_url, real_project,
                                                                      lang, viewport):
    pools = [p for p in (real_project / "quizzes").glob("final-*.yml")]
    pool_size = sum(p.read_text(encoding="utf-8").count("\n  - id: ") for p in pools)
    context = browser.new_context(viewport=VIEWPORTS[viewport])
    page = guarded_page(context, real_site_url)
    page.goto(f"{real_site_url}/{'' if lang == 'es' else 'en/'}07-evaluacion-final/")
    ready(page)
    quiz = page.locator("#quiz-final")
    seen: list[str] = []
    for attempt in range(1, 4):
        first = quiz.locator("form.cb-question").first
        assert first.locator(".cb-qnum").inner_text().startswith(("Pregunta 1 de 20", "Question 1 of 20"))
        if attempt > 1:  # "Start a new attempt" lands on question 1, focused and on screen
            assert first.evaluate("f => f.contains(document.activeElement)")
            top = first.locator(".cb-qnum").evaluate("f => f.getBoundingClientRect().top")
            header = page.locator(".md-header").evaluate("h => h.getBoundingClientRect().bottom")
            assert header <= top < VIEWPORTS[viewport]["height"] / 2, (header, top)  # not under the header
            shot(page, f"assessment-new-attempt-{lang}-{viewport}")
        drawn = quiz.evaluate(ANSWER_ALL)
        assert len(drawn) == 20 == len(set(drawn))
        seen += drawn
        quiz.locator(".cb-submit").click()
        expect_review = quiz.locator(".cb-score").inner_text()
        assert expect_review.startswith(("Intento", "Attempt"))
        if attempt == 1:
            shot(page, f"assessment-review-{lang}-{viewport}")
        quiz.locator(".cb-again").click()
    # Three attempts, sixty different questions (a pool of 3 per drawn slot; a smaller one is seen whole).
    assert len(set(seen)) == min(60, pool_size)
    assert pool_size >= 60, f"the final assessment's pools hold {pool_size} questions: 3 per drawn slot is 60"
    # The draw history is part of the record: it survives a reload and grows with each draw.
    page.reload()
    ready(page)
    stored = json.loads(page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('cb:'))"
                                      ".map(k => localStorage.getItem(k))[0]"))
    history = stored["quiz"]["final"]["seen"]
    assert set(seen) <= set(history) and sum(history.values()) == 80  # 3 submitted + the fourth draw
    assert page.errors == [] and page.outside_requests == []
    context.close()


def variant(tmp_path_factory, name: str, settings: str):
    project = make_project(tmp_path_factory.mktemp(name))
    final = project / "quizzes" / "final.yml"
    final.write_text(final.read_text(encoding="utf-8") + settings, encoding="utf-8")
    assert cli_main(["--project", str(project), "build"]) == 0
    return project / "site"


@pytest.fixture(scope="module")
def marks_url(tmp_path_factory):
    yield from _serve(variant(tmp_path_factory, "marks", "review: marks\nattempts: 2\n"))


@pytest.fixture(scope="module")
def answers_url(tmp_path_factory):
    yield from _serve(variant(tmp_path_factory, "answers", "review: answers\nwait_hours: 24\n"))


def submit_wrong(page, url, lang=""):
    page.goto(f"{url}/{lang}02-segundo-modulo/")
    ready(page)
    quiz = page.locator("#quiz-final")
    quiz.locator("#q-ej-p1 input[type=text]").fill("retorno")
    for pos, item in enumerate(("s2", "s1", "s3"), 1):
        quiz.locator(f'#q-ej-p2 .cb-row[data-item="{item}"] input[value="{pos}"]').check()
    for item, other in (("p1", "p2"), ("p2", "p1"), ("p3", "p3")):
        quiz.locator(f'#q-ej-p3 .cb-row[data-item="{item}"] select').select_option(f"r-{other}")
    quiz.locator(".cb-submit").click()
    return quiz


def test_review_of_marks_only_and_a_limit_of_two_attempts(browser, marks_url):
    page = guarded_page(browser.new_context(viewport=VIEWPORTS["390"]), marks_url)
    quiz = submit_wrong(page, marks_url)
    assert quiz.locator(".cb-wrong").count() >= 3 and quiz.locator(".cb-right").count() >= 1
    # Marks only: no explanation, no right answer, no "the answer is".
    assert quiz.locator(".cb-explanation:visible, .cb-key").count() == 0
    assert all("respuesta correcta es" not in t for t in quiz.locator(".cb-status").all_inner_texts())
    assert quiz.locator(".cb-score").inner_text().endswith("Revisión del intento: cada pregunta muestra si acertó.")
    shot(page, "assessment-review-marks-es-390")
    quiz.locator(".cb-again").click()
    quiz = submit_wrong(page, marks_url)
    assert quiz.locator(".cb-again").is_hidden()
    assert quiz.locator(".cb-again-note").inner_text() == "No quedan intentos: el máximo es 2."
    page.reload()
    ready(page)
    assert quiz.locator(".cb-again").is_hidden() and quiz.locator(".cb-submit").is_hidden()
    assert page.errors == [] and page.outside_requests == []
    page.context.close()


def test_review_with_answers_and_a_wait_before_the_next_attempt(browser, answers_url):
    page = guarded_page(browser.new_context(viewport=VIEWPORTS["1280"]), answers_url)
    quiz = submit_wrong(page, answers_url, "en/")
    assert quiz.locator(".cb-explanation:visible").count() == 3
    assert quiz.locator(".cb-key").count() >= 1
    assert "The correct answer is: refoulement." in quiz.locator("#q-ej-p1 .cb-status").inner_text()
    again, note = quiz.locator(".cb-again"), quiz.locator(".cb-again-note")
    assert again.is_disabled() and note.inner_text().startswith("You can start a new attempt from ")
    shot(page, "assessment-wait-en-1280")
    # A day later (the attempt's end moved back in the record), the next attempt is open.
    page.evaluate("""() => { const k = Object.keys(localStorage).find(k => k.startsWith('cb:'));
      const d = JSON.parse(localStorage.getItem(k)); d.quiz.final.end -= 25 * 3600 * 1000;
      localStorage.setItem(k, JSON.stringify(d)); }""")
    page.reload()
    ready(page)
    assert again.is_enabled() and note.inner_text() == ""
    assert page.errors == [] and page.outside_requests == []
    page.context.close()


@pytest.fixture(scope="module")
def explain_url(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("explain"))
    quiz = project / "quizzes" / "q-primeros.yml"
    quiz.write_text(quiz.read_text(encoding="utf-8").replace("questions:", "explain_after: 2\nquestions:", 1),
                    encoding="utf-8")
    assert cli_main(["--project", str(project), "build"]) == 0
    yield from _serve(project / "site")


def test_explain_after_shows_the_explanation_after_that_many_wrong_tries(browser, explain_url):
    page = guarded_page(browser.new_context(viewport=VIEWPORTS["390"]), explain_url)
    page.goto(f"{explain_url}/01-primeros-pasos/")
    ready(page)
    q = page.locator("#q-ej-q1")
    for tries, shown in ((1, False), (2, True)):
        q.locator("#q-ej-q1-a").check()
        q.locator(".cb-check").click()
        assert q.locator(".cb-explanation").is_visible() is shown, tries
        q.locator(".cb-retry").click()
    assert not q.locator(".cb-explanation").is_visible()  # a new try hides it again
    assert page.errors == [] and page.outside_requests == []
    page.context.close()
