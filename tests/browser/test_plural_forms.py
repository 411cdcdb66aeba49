"""Texts that count, on the pages, in both languages, on a 390 px phone and a 1280 px laptop: the final
assessment says "Falta 1 pregunta" / "Faltan 2 preguntas" ("1 question" / "2 questions"), search counts
"1 resultado" / "2 resultados", the home page "0 de 3 pasos"; and the browser's CLDR rules (Intl.PluralRules,
which js/00-core.js uses) choose the category Python's (course_builder/strings.py) does.

Screenshots of the states land in /tmp/shots/ (not committed) for a person to look at."""
from __future__ import annotations

from pathlib import Path

import pytest

from course_builder import strings
from tests.browser.conftest import guarded_page, ready
from tests.unit.test_plural_forms import LANGUAGES, NUMBERS

pytestmark = pytest.mark.browser
SHOTS = Path("/tmp/shots")
VIEWPORTS = {"390": {"width": 390, "height": 844}, "1280": {"width": 1280, "height": 800}}
TEXTS = {
    "": {"one": "Falta 1 pregunta por responder.", "two": "Faltan 2 preguntas por responder.",
         "fill": "devolucion", "overall": "Avance: 0 de 4 pasos completados.", "summary": "2 módulos",
         "intro": "Cada intento presenta 3 preguntas"},
    "en/": {"one": "1 question still unanswered.", "two": "2 questions still unanswered.", "fill": "refoulement",
            "overall": "Progress: 0 of 4 steps completed.", "summary": "2 modules",
            "intro": "Each attempt shows 3 questions"},
}


@pytest.fixture(params=sorted(VIEWPORTS))
def viewport_page(request, browser, site_url):
    context = browser.new_context(viewport=VIEWPORTS[request.param])
    page = guarded_page(context, site_url)
    page.viewport_name = request.param
    yield page
    context.close()


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_the_assessment_counts_the_questions_left_in_the_right_form(viewport_page, site_url, prefix):
    page, text = viewport_page, TEXTS[prefix]
    page.goto(f"{site_url}/{prefix}02-segundo-modulo/")
    ready(page)
    quiz = page.locator("#quiz-final")
    assert text["intro"] in quiz.locator(".cb-quiz-intro").inner_text()
    score = quiz.locator(".cb-score")
    # One of three answered: two left; then two answered: one left.
    quiz.locator("#q-ej-p1 input[type=text]").fill(text["fill"])
    quiz.locator(".cb-submit").click()
    assert score.inner_text() == text["two"]
    for pos, item in enumerate(("s1", "s2", "s3"), 1):
        quiz.locator(f'#q-ej-p2 .cb-row[data-item="{item}"] input[value="{pos}"]').check()
    quiz.locator(".cb-submit").click()
    assert score.inner_text() == text["one"]
    SHOTS.mkdir(exist_ok=True)
    score.scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / f"plural-one-left-{prefix.strip('/') or 'es'}-{page.viewport_name}.png"))
    assert page.errors == [] and page.outside_requests == []


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_home_and_search_count_in_the_right_form(page, site_url, prefix):
    text = TEXTS[prefix]
    page.goto(f"{site_url}/{prefix}")
    ready(page)
    assert text["summary"] in page.locator(".cb-summary").inner_text()
    assert page.locator(".cb-overall").first.inner_text() == text["overall"]
    counts = {}
    for term in ("devolución", "refoulement", "módulo", "module", "glosario", "glossary", "primeros", "first",
                 "segundo", "second", "protección", "protection"):
        page.goto(f"{site_url}/{prefix}buscar/?q={term}")
        said = page.locator(".cb-search-status:not(:empty)").inner_text()
        n = page.locator(".cb-results > li").count() if said[:1].isdigit() else 0
        if n:
            counts[n] = said
    assert 1 in counts and any(n > 1 for n in counts), counts
    for n, said in counts.items():
        assert said == strings.section_text("js", prefix.strip("/") or "es", "q_count", n=n), (n, said)
    assert page.errors == [] and page.outside_requests == []


def test_chromium_chooses_the_category_python_chooses(page, site_url):
    page.goto(f"{site_url}/")
    calls = [[n, lang] for lang in [*LANGUAGES, "xx", "zz-ZZ"] for n in NUMBERS]
    chosen = page.evaluate("""calls => calls.map(([n, l]) =>
        Intl.PluralRules.supportedLocalesOf([l]).length ? new Intl.PluralRules(l).select(n) : (n === 1 ? "one" : "other"))""",
                           calls)
    differ = [(c, strings.plural(c[1], c[0]), j) for c, j in zip(calls, chosen) if strings.plural(c[1], c[0]) != j]
    assert not differ, differ[:20]
