"""axe-core (the copy bundled by axe-playwright-python, offline) on every page type, both
languages, desktop and 390 px: zero violations, with no rule switched off."""
from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.browser

PAGES = ["", "01-primeros-pasos/", "02-segundo-modulo/", "mi-progreso/", "certificado/", "verificar/",
         "glosario/", "buscar/", "no/existe/"]
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "mobile": {"width": 390, "height": 844}}


def violations(page) -> list[tuple[str, str]]:
    result = Axe().run(page).response
    return [(v["id"], ", ".join(str(n["target"]) for n in v["nodes"][:3])) for v in result["violations"]]


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("lang", ["", "en/"])
def test_pages_have_no_axe_violations(browser, site_url, lang, viewport):
    context = browser.new_context(viewport=VIEWPORTS[viewport])
    page = context.new_page()
    found = {}
    for path in PAGES:
        page.goto(f"{site_url}/{lang}{path}")
        found[f"/{lang}{path}"] = violations(page)
    context.close()
    assert found == {key: [] for key in found}


@pytest.mark.parametrize("lang", ["", "en/"])
def test_quiz_and_case_states_have_no_axe_violations(page, site_url, lang):
    page.goto(f"{site_url}/{lang}02-segundo-modulo/")
    states = {}
    q3 = page.locator("#q-ej-q3")
    q3.locator("#q-ej-q3-c").check()
    q3.locator(".cb-check").click()
    states["wrong, try again offered"] = violations(page)
    q3.locator(".cb-retry").click()
    q3.locator("#q-ej-q3-c").check()
    q3.locator(".cb-check").click()
    q3.locator(".cb-reveal").click()
    states["answer revealed"] = violations(page)
    page.locator("#q-ej-q4 input").fill("devolución" if not lang else "refoulement")
    page.locator("#q-ej-q4 .cb-check").click()
    states["right, explanation shown"] = violations(page)
    page.locator(".cb-case-choice").first.click()
    states["case consequence shown"] = violations(page)
    page.locator(".cb-case-feedback:visible .cb-case-next").click()
    states["case ending and debrief"] = violations(page)
    assert states == {key: [] for key in states}


def test_missing_page_gets_the_bilingual_404(page, site_url):
    response = page.goto(f"{site_url}/en/no/such/page/")
    assert response.status == 404
    assert page.locator("h1").inner_text() == "Página no encontrada"
    assert page.locator('div[lang="en"] h2').inner_text() == "Page not found"
    page.locator('div[lang="en"] a').click()
    page.wait_for_url(f"{site_url}/en/")
    assert page.locator("html").get_attribute("lang") == "en"
