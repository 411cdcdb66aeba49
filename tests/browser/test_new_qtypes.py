"""Categorize and cloze in the shipped course, as a participant meets them on a phone and a laptop, in
both languages: wrong then right, the first-try score, nothing that gives the answer away after a wrong
try, the final assessment's exam mode, and axe (target size on) at every state."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.browser.conftest import guarded_page, ready
from tests.browser.test_accessibility import violations

pytestmark = pytest.mark.browser
SHOTS = Path("/tmp/shots")
VIEWPORTS = {"390": {"width": 390, "height": 844}, "1280": {"width": 1280, "height": 800}}


def key_of(page, quiz: str, qid: str) -> dict:
    return page.evaluate(f"JSON.parse(document.querySelector('#quiz-{quiz} script.cb-data').textContent)")["questions"][qid]


def answer(form, key, right: bool) -> None:
    """Every row or gap right, or every one wrong."""
    for item, want in key.get("cats", {}).items():
        select = form.locator(f'.cb-row[data-item="{item}"] select')
        values = select.locator("option").evaluate_all("os => os.map(o => o.value).filter(v => v)")
        select.select_option(want if right else next(v for v in values if v != want))
    for gap, want in key.get("gaps", {}).items():
        field = form.locator(f'[data-gap="{gap}"] select, [data-gap="{gap}"] input').first
        if "right" in want:
            values = field.locator("option").evaluate_all("os => os.map(o => o.value).filter(v => v)")
            field.select_option(want["right"] if right else next(v for v in values if v != want["right"]))
        else:
            field.fill(want["shown"] if right else "zzz")


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("lang", ["es", "en"])
@pytest.mark.parametrize("module,quiz,qid", [("02-modelo-dvm", "m2-modelo-dvm", "m2-q20"),
                                             ("01-marco-conceptual", "m1-marco-conceptual", "m1-q20")])
def test_wrong_then_right_in_practice(browser, real_site_url, lang, viewport, module, quiz, qid):
    page = guarded_page(browser.new_context(viewport=VIEWPORTS[viewport]), real_site_url)
    page.goto(f"{real_site_url}/{'' if lang == 'es' else 'en/'}{module}/")
    ready(page)
    form = page.locator(f"#q-{qid}")
    key = key_of(page, quiz, qid)
    form.locator(".cb-check").click()
    assert form.locator(".cb-status").inner_text().startswith(("Elija", "Choose", "Complete", "Fill"))
    answer(form, key, right=False)
    form.locator(".cb-check").click()
    verdict = form.locator(".cb-status").inner_text()
    assert verdict.startswith(("Respuesta incorrecta.", "Wrong answer.")), verdict
    n = len(key.get("cats") or key.get("gaps"))
    assert form.locator(".cb-wrong").count() == n and form.locator(".cb-mark", has_text="✗").count() == n
    # Nothing states the answer after a wrong try: no explanation, no item or gap feedback.
    assert form.locator(".cb-explanation:visible, .cb-option-feedback:visible").count() == 0
    tag = f"{qid}-{lang}-{viewport}"
    SHOTS.mkdir(exist_ok=True)
    form.screenshot(path=str(SHOTS / f"{tag}-wrong.png"))
    assert violations(page) == []
    form.locator(".cb-retry").click()
    answer(form, key, right=True)
    form.locator(".cb-check").click()
    assert form.locator(".cb-status").inner_text().startswith(("Respuesta correcta.", "Right answer."))
    assert form.locator(".cb-explanation").is_visible() and form.locator(".cb-right").count() == n
    # Right: each item's or gap's own feedback says why (a retry once wiped it: tested after one).
    assert all(t.strip() for t in form.locator(".cb-option-feedback").all_inner_texts())
    assert form.locator(".cb-option-feedback:visible").count() == n
    form.screenshot(path=str(SHOTS / f"{tag}-right.png"))
    assert violations(page) == []
    # Right only at the second try: it does not count as a first try.
    record = page.evaluate("JSON.parse(localStorage.getItem(Object.keys(localStorage).find(k => k.startsWith('cb:'))))")
    assert record["q"][qid]["tries"] == 2 and record["q"][qid]["ok"] is True
    assert page.errors == [] and page.outside_requests == []
    page.context.close()


def test_categorize_in_the_final_assessment_exam_mode(browser, real_site_url, real_project):
    record = {"v": 2, "course": "proteccion-migrantes-vulnerables", "seed": "s", "q": {}, "cases": {}, "visited": {},
              "last": "", "quiz": {"final": {"drawn": ["f2-q20"]}}}
    page = guarded_page(browser.new_context(viewport=VIEWPORTS["390"]), real_site_url)
    page.goto(f"{real_site_url}/07-evaluacion-final/")
    page.evaluate(f"localStorage.setItem('cb:proteccion-migrantes-vulnerables', {json.dumps(json.dumps(record))})")
    page.reload()
    ready(page)
    form = page.locator("#q-f2-q20")
    key = key_of(page, "final", "f2-q20")
    assert form.locator(".cb-check").count() == 0  # exam mode: no check per question
    answer(form, key, right=True)
    page.reload()  # what was entered is kept until submitted
    ready(page)
    assert all(form.locator(f'.cb-row[data-item="{i}"] select').input_value() == v for i, v in key["cats"].items())
    page.locator(".cb-submit").click()
    assert page.locator("#quiz-final .cb-score").inner_text().startswith("Intento 1: Puntaje: 100 %")
    assert form.locator(".cb-right").count() == len(key["cats"]) and form.locator(".cb-explanation").is_visible()
    assert violations(page) == []
    assert page.errors == [] and page.outside_requests == []
    page.context.close()
