"""axe-core (the copy bundled by axe-playwright-python, offline) on every page type, both
languages, desktop and 390 px: zero violations, with no rule switched off and target size switched on."""
from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import ready

pytestmark = pytest.mark.browser

PAGES = ["", "01-primeros-pasos/", "02-segundo-modulo/", "mi-progreso/", "certificado/", "verificar/",
         "glosario/", "buscar/", "no/existe/"]
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "mobile": {"width": 390, "height": 844}}


def violations(page) -> list[tuple[str, str]]:
    # Contrast is measured once transitions are over (a focused button's colours, the theme's header
    # fading the page title in after a scroll), not halfway through one.
    page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")
    # Target size (WCAG 2.2's 2.5.8) is off in axe by default; Lighthouse runs it, and so do we.
    result = Axe().run(page, options={"resultTypes": ["violations"], "rules": {"target-size": {"enabled": True}}}).response
    return [(v["id"], ", ".join(str(n["target"]) for n in v["nodes"][:3])) for v in result["violations"]]


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("lang", ["", "en/"])
def test_pages_have_no_axe_violations(browser, site_url, lang, viewport):
    context = browser.new_context(viewport=VIEWPORTS[viewport])
    page = context.new_page()
    found = {}
    for path in PAGES:
        page.goto(f"{site_url}/{lang}{path}")
        ready(page)
        found[f"/{lang}{path}"] = violations(page)
    context.close()
    assert found == {key: [] for key in found}


@pytest.mark.parametrize("lang", ["", "en/"])
def test_quiz_and_case_states_have_no_axe_violations(page, site_url, lang):
    page.goto(f"{site_url}/{lang}02-segundo-modulo/")
    ready(page)
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


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("lang", ["", "en/"])
def test_learner_path_states_have_no_axe_violations(browser, site_url, lang, viewport):
    """Issue 10's states: home with progress, progress cards, certificate steps as links, the exam
    before and after submission, the glossary popover open, tap-to-choose rows checked."""
    context = browser.new_context(viewport=VIEWPORTS[viewport])
    page = context.new_page()
    states = {}
    page.goto(f"{site_url}/{lang}01-primeros-pasos/")
    ready(page)
    page.locator(".md-content a[data-def]").first.click()
    states["glossary popover open"] = violations(page)
    page.keyboard.press("Escape")
    page.locator("#q-ej-q1-b").check()
    page.locator("#q-ej-q1 .cb-check").click()
    page.locator("#q-ej-q2-false").check()
    page.locator("#q-ej-q2 .cb-check").click()
    states["module passed, next step"] = violations(page)
    page.goto(f"{site_url}/{lang}")
    ready(page)
    states["home in progress"] = violations(page)
    page.goto(f"{site_url}/{lang}mi-progreso/")
    ready(page)
    states["progress cards"] = violations(page)
    page.goto(f"{site_url}/{lang}certificado/")
    ready(page)
    states["certificate steps missing"] = violations(page)
    page.goto(f"{site_url}/{lang}02-segundo-modulo/")
    ready(page)
    q5 = page.locator("#q-ej-q5")
    for pos, item in ((2, "s1"), (1, "s2"), (3, "s3")):
        q5.locator(f'.cb-row[data-item="{item}"] input[value="{pos}"]').check()
    q5.locator(".cb-check").click()
    states["ordering checked, wrong"] = violations(page)
    quiz = page.locator("#quiz-final")
    quiz.locator("#q-ej-p1 input[type=text]").fill("retorno")
    quiz.locator(".cb-submit").click()
    states["exam: unanswered questions"] = violations(page)
    for pos, item in enumerate(("s1", "s2", "s3"), 1):
        quiz.locator(f'#q-ej-p2 .cb-row[data-item="{item}"] input[value="{pos}"]').check()
    for item in ("p1", "p2", "p3"):
        quiz.locator(f'#q-ej-p3 .cb-row[data-item="{item}"] select').select_option(f"r-{item}")
    quiz.locator(".cb-submit").click()
    states["exam: review after submission"] = violations(page)
    page.locator(".cb-case-choice").nth(1).click()
    states["case: risky choice open"] = violations(page)
    context.close()
    assert states == {key: [] for key in states}


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("lang", ["", "en/"])
def test_verification_result_and_offline_button_have_no_axe_violations(browser, site_url, lang, viewport):
    """Issue 9's states: a verification verdict with its reasons, the progress page's import choice,
    and the 'make available offline' button shown when the browser asks to save data."""
    context = browser.new_context(viewport=VIEWPORTS[viewport])
    context.add_init_script("Object.defineProperty(navigator, 'connection', {value: {saveData: true}})")
    page = context.new_page()
    states = {}
    page.goto(f"{site_url}/{lang}verificar/")
    ready(page)
    page.locator("#cb-v-code").fill("ABCD-EFGH-IJKL")
    page.locator("#cb-v-progress").fill('{"v":2,"course":"curso-ejemplo","seed":"s","q":{},"quiz":{},'
                                        '"visited":{},"name":"Ana"}')
    page.locator(".cb-verify button[type=submit]").click()
    page.locator(".cb-verify-result .cb-no").wait_for()
    states["verification verdict"] = violations(page)
    page.goto(f"{site_url}/{lang}mi-progreso/")
    ready(page)
    page.locator("#cb-import-replace").check()
    page.locator(".cb-offline button").wait_for()
    states["progress: import choice, offline button"] = violations(page)
    context.close()
    assert states == {key: [] for key in states}


@pytest.mark.parametrize("lang", ["", "en/"])
def test_the_courses_final_assessment_has_no_axe_violations_on_a_phone(browser, real_site_url, lang):
    """The shipped course's assessment draws 20 of its pool questions: each draw places other questions
    last, above the submit button, so several repeatable draws are checked (Math.random seeded)."""
    found = {}
    for seed in range(1, 7):
        context = browser.new_context(viewport=VIEWPORTS["mobile"])
        context.add_init_script(f"(() => {{ let x = {seed * 7919}; Math.random = () => "
                                "{ x = (x * 9301 + 49297) % 233280; return x / 233280; }; })()")
        page = context.new_page()
        page.goto(f"{real_site_url}/{lang}07-evaluacion-final/")
        ready(page)
        found[seed] = violations(page)
        context.close()
    assert found == {seed: [] for seed in found}
