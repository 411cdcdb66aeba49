"""The course this repository ships, built once and played in headless Chromium: the consular case
(cases/caso-elena.yml, placed in module 6) through its favourable, risky and harmful paths, in Spanish
and in English, each ending in the outcome the case file declares."""
from __future__ import annotations

import pytest

from tests.browser.conftest import guarded_page, ready

pytestmark = pytest.mark.browser

CASE = "caso-elena"
MODULE = "06-mecanismos-referencia"

# (name, [index of the choice taken at each step, from the start node], ending node, ending kind,
#  the outcome's heading in es and en, said once)
PATHS = [
    ("favourable", [("llamada", 0), ("necesidades", 0), ("riesgo", 0), ("registro", 0)], "final-bueno", "good",
     {"es": "Resultado favorable", "en": "Favourable outcome"}),
    ("risky", [("llamada", 1), ("ventanilla", 1)], "final-retorno-rapido", "mixed",
     {"es": "Resultado con riesgos", "en": "Risky outcome"}),
    ("harmful", [("llamada", 2)], "final-exposicion", "poor",
     {"es": "Resultado perjudicial", "en": "Harmful outcome"}),
]


@pytest.fixture
def real_page(browser, real_site_url):
    context = browser.new_context()
    yield guarded_page(context, real_site_url)
    context.close()


@pytest.mark.parametrize("lang", ["es", "en"])
@pytest.mark.parametrize("name,steps,ending,kind,text", PATHS, ids=[p[0] for p in PATHS])
def test_consular_case_path_reaches_its_ending(real_page, real_site_url, lang, name, steps, ending, kind, text):
    page = real_page
    page.goto(f"{real_site_url}/{'' if lang == 'es' else 'en/'}{MODULE}/")
    ready(page)
    case = page.locator(f"#case-{CASE}")
    assert case.count() == 1
    assert case.locator(".cb-fictional").is_visible()  # the case says it is fictional
    nodes = case.locator(".cb-case-node")
    # Only the start node is shown before any choice.
    assert [n.get_attribute("data-node") for n in nodes.all() if n.is_visible()] == ["llamada"]

    for node, choice in steps:
        current = case.locator(f'[data-node="{node}"]')
        assert current.is_visible(), f"{name}: step {node} is not shown"
        current.locator(".cb-case-choice").nth(choice).click()
        current.locator(".cb-case-feedback:visible .cb-case-next").click()

    shown = [n for n in nodes.all() if n.is_visible()]
    assert [n.get_attribute("data-node") for n in shown] == [ending]
    end = shown[0]
    assert end.get_attribute("data-ending") == kind
    assert end.locator("h3").inner_text().strip() == text[lang]
    assert end.inner_text().count(text[lang]) == 1
    assert end.locator(".cb-case-debrief").is_visible()
    assert page.errors == [] and page.outside_requests == []
