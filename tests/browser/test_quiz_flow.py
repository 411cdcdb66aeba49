"""A participant in headless Chromium: Spanish module, quiz wrong then right, switch to English."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import ready

pytestmark = pytest.mark.browser


def test_quiz_wrong_then_right_then_switch_language(page, site_url):
    page.goto(f"{site_url}/01-primeros-pasos/")
    ready(page)
    assert page.locator("html").get_attribute("lang") == "es"
    assert page.locator("h1").inner_text().rstrip("¶").strip() == "Primeros pasos"

    q = page.locator("#q-ej-q1")
    status = q.locator(".cb-status")
    assert status.get_attribute("aria-live") == "polite"  # present before any answer
    assert q.locator("fieldset > legend").count() == 1
    assert not q.locator(".cb-retry").is_visible() and not q.locator(".cb-reveal").is_visible()

    # Keyboard only: focus the first radio, pick the wrong option, press Check.
    q.locator("#q-ej-q1-a").focus()
    page.keyboard.press("Space")
    q.locator(".cb-check").focus()
    page.keyboard.press("Enter")
    # Feedback once, in plain words: the verdict in the live region, the option's own feedback beside it.
    assert status.inner_text() == "Respuesta incorrecta."
    assert q.locator('.cb-option[data-option="a"] .cb-mark').inner_text() == "✗ Incorrecta"
    assert q.locator('.cb-option[data-option="a"] .cb-option-feedback').inner_text() == \
        "No: la protección no depende del estatus."
    # The explanation gives the answer away: a wrong try gets the option's feedback, not the explanation.
    assert not q.locator(".cb-explanation").is_visible()
    assert page.evaluate("document.activeElement.classList.contains('cb-retry')")

    page.keyboard.press("Enter")  # Try again
    assert page.evaluate("document.activeElement.id") == "q-ej-q1-a"
    page.keyboard.press("ArrowDown")  # moves to and selects option b
    q.locator(".cb-check").focus()
    page.keyboard.press("Enter")
    assert status.inner_text() == "Respuesta correcta."
    assert q.locator('.cb-option[data-option="b"] .cb-option-feedback').inner_text() == "Sí: se parte de las necesidades."
    assert q.locator(".cb-explanation").is_visible()
    assert page.evaluate("document.activeElement.classList.contains('cb-explanation')")

    q2 = page.locator("#q-ej-q2")
    q2.locator("label", has_text="Falso").click()
    q2.locator(".cb-check").click()
    # Right after a retry still completes the quiz, but the score counts first tries only.
    assert page.locator("#quiz-q-primeros .cb-score").inner_text() == \
        "Correctas al primer intento: 1 de 2 (50 %). Cuestionario completado."
    # The next step sits right below a passed quiz.
    assert page.locator("#quiz-q-primeros .cb-next a").inner_text() == "Siguiente: Segundo módulo"

    # Language switch through Material's selector lands on the same module in English.
    page.locator(".md-header__option .md-select").hover()
    page.locator('.md-select__link[hreflang="en"]').click()
    page.wait_for_url(re.compile(r".*/en/01-primeros-pasos/(#.*)?$"))
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text().rstrip("¶").strip() == "First steps"
    # Progress is kept by quiz and question id, so the English page shows the same result.
    assert page.locator("#quiz-q-primeros .cb-score").inner_text() == \
        "Right at the first try: 1 of 2 (50%). Quiz complete."

    assert page.outside_requests == []
    assert page.errors == []


def test_search_loads_its_index_on_first_use_and_stays_in_its_language(page, site_url):
    requested = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(f"{site_url}/en/01-primeros-pasos/")
    ready(page)
    assert not any(u.endswith("search.json") for u in requested)  # a module page never needs the index
    page.locator('a.md-header__button[href="../buscar/"]').click()
    page.wait_for_url(f"{site_url}/en/buscar/")
    page.locator("#cb-q").focus()
    page.keyboard.type("migrant", delay=20)
    results = page.locator(".cb-results a")
    expect(page.locator(".cb-search-status")).to_have_text("2 results.")
    assert [a.get_attribute("href") for a in results.all()] == ["../glosario/#migrante", "../01-primeros-pasos/#concepts"]
    assert [u for u in requested if u.endswith("search.json")] == [f"{site_url}/en/buscar/search.json"]
    page.locator("#cb-q").fill("zzzz")
    expect(page.locator(".cb-search-status")).to_have_text("No results.")
    page.goto(f"{site_url}/buscar/?q=residencia")
    expect(page.locator(".cb-results a").first).to_have_attribute("href", "../01-primeros-pasos/#conceptos")
    assert page.errors == [] and page.outside_requests == []


def test_case_plays_to_two_endings(page, site_url):
    page.goto(f"{site_url}/02-segundo-modulo/")
    ready(page)
    nodes = page.locator(".cb-case-node")
    assert [n.is_visible() for n in nodes.all()] == [True, False, False]
    choice = page.locator(".cb-case-choice", has_text="Escucharla con calma")
    assert choice.evaluate("e => e.tagName") == "BUTTON"
    choice.click()
    assert choice.get_attribute("aria-expanded") == "true"
    feedback = page.locator(".cb-case-feedback:visible")
    assert feedback.locator(".cb-consequence").inner_text() == "Consecuencia (resultado favorable):"
    assert "✓" not in page.locator("#case-caso-ana").inner_text()
    page.locator(".cb-case-feedback:visible .cb-case-next").click()
    assert page.locator('[data-node="bien"]').is_visible()
    assert page.evaluate("document.activeElement.id") == "case-caso-ana-bien"
    page.locator('[data-node="bien"] .cb-case-restart').click()
    page.locator(".cb-case-choice", has_text="Pedirle documentos").click()
    page.locator(".cb-case-feedback:visible .cb-case-next").click()
    assert page.locator('[data-node="mal"]').is_visible()
    assert page.locator('[data-node="mal"] h3').inner_text() == "Resultado perjudicial"
    assert not page.locator('[data-node="bien"]').is_visible()


def test_a_quiz_reached_before_its_idle_start_starts_at_once(page, site_url):
    """Quizzes start in idle time after the page has loaded; one the participant reaches first (here
    the browser never idles) starts on the spot, and the option that took the focus keeps it though
    starting re-inserts the options in the participant's shuffled order."""
    page.add_init_script("window.requestIdleCallback = function () { return 0; };")
    page.goto(f"{site_url}/02-segundo-modulo/")
    quiz = page.locator("#quiz-q-segundo")
    assert page.locator("html[data-cb-ready]").count() == 0
    assert quiz.locator(".cb-score").inner_text() == ""  # not started
    quiz.locator("#q-ej-q3-b").focus()
    assert page.evaluate("document.activeElement.id") == "q-ej-q3-b"
    assert quiz.locator(".cb-score").inner_text() == "Respondidas: 0 de 4."
    page.keyboard.press("Space")
    quiz.locator("#q-ej-q3 .cb-check").click()
    assert quiz.locator("#q-ej-q3 .cb-status").inner_text() == "Respuesta incompleta. Opciones correctas sin marcar: 1."
    # The other parts of the page still wait for their turn; a tap starts the case.
    assert page.locator("#quiz-final form.cb-question").count() == 0
    page.locator(".cb-case-choice").first.click()
    assert page.locator(".cb-case-feedback:visible").count() == 1
    assert page.errors == [] and page.outside_requests == []
