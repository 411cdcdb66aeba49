"""Issue 10 as a participant would live it, on a 390 px phone and a 1280 px laptop, in both
languages: start from the course home, pass a module and follow "Next", come back to "Continue",
follow the path to the certificate; the final assessment in exam mode (issue 11 item 10); a page
pending expert review (issue 11 item 11); a wide table on a phone, a glossary term tapped, the
language switched mid-page; another tab's progress arriving without a reload.

Screenshots of every state land in /tmp/shots/ (not committed) for a person to look at."""
from __future__ import annotations

import functools
import re
import threading
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright.sync_api import expect

from course_builder.cli import main as cli_main
from tests.browser.conftest import PREFIX, _PagesHandler, guarded_page, ready
from tests.conftest import make_project

pytestmark = pytest.mark.browser
SHOTS = Path("/tmp/shots")
VIEWPORTS = {"390": {"width": 390, "height": 844}, "1280": {"width": 1280, "height": 800}}
T = {
    "": {"start": "Comenzar el curso", "summary": "1 h · 2 módulos · certificado", "next": "Siguiente: Segundo módulo",
         "passed": "Aprobado · 2 de 2 al primer intento", "continue": "Continuar: Segundo módulo", "cert": "Obtener su certificado",
         "fill": "devolucion", "m2": "Segundo módulo"},
    "en/": {"start": "Start the course", "summary": "1 h · 2 modules · certificate", "next": "Next: Second module",
            "passed": "Passed · 2 of 2 at the first try", "continue": "Continue: Second module", "cert": "Get your certificate",
            "fill": "refoulement", "m2": "Second module"},
}


def shot(page, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def context_page(browser, site_url, viewport="390"):
    context = browser.new_context(viewport=VIEWPORTS[viewport])
    return guarded_page(context, site_url)


def pass_module_one(page):
    page.locator("#q-ej-q1-b").check()
    page.locator("#q-ej-q1 .cb-check").click()
    page.locator("#q-ej-q2-false").check()
    page.locator("#q-ej-q2 .cb-check").click()


def pass_module_two(page, lang):
    q3 = page.locator("#q-ej-q3")
    q3.locator("#q-ej-q3-a").check()
    q3.locator("#q-ej-q3-b").check()
    q3.locator(".cb-check").click()
    page.locator("#q-ej-q4 input[type=text]").fill(T[lang]["fill"])
    page.locator("#q-ej-q4 .cb-check").click()
    for pos, item in enumerate(("s1", "s2", "s3"), 1):
        page.locator(f'#q-ej-q5 .cb-row[data-item="{item}"] input[value="{pos}"]').check()
    page.locator("#q-ej-q5 .cb-check").click()
    for item in ("p1", "p2", "p3"):
        page.locator(f'#q-ej-q6 .cb-row[data-item="{item}"] select').select_option(f"r-{item}")
    page.locator("#q-ej-q6 .cb-check").click()


def answer_exam(quiz, lang, right=True):
    """Answers whichever questions of the example pool were drawn."""
    if quiz.locator("#q-ej-p1").count():
        quiz.locator("#q-ej-p1 input[type=text]").fill(T[lang]["fill"] if right else "retorno")
    if quiz.locator("#q-ej-p2").count():
        for pos, item in enumerate(("s1", "s2", "s3") if right else ("s2", "s1", "s3"), 1):
            quiz.locator(f'#q-ej-p2 .cb-row[data-item="{item}"] input[value="{pos}"]').check()
    if quiz.locator("#q-ej-p3").count():
        for item in ("p1", "p2", "p3"):
            quiz.locator(f'#q-ej-p3 .cb-row[data-item="{item}"] select').select_option(f"r-{item}")


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("lang", ["", "en/"])
def test_home_start_pass_a_module_next_and_continue(browser, site_url, lang, viewport):
    page, t = context_page(browser, site_url, viewport), T[lang]
    tag = f"{lang.strip('/') or 'es'}-{viewport}"
    page.goto(f"{site_url}/{lang}")
    ready(page)
    assert " - " not in page.title()  # the course name once, not "name - name"
    assert page.locator(".cb-summary").inner_text() == t["summary"]
    start = page.locator(".cb-start a.md-button--primary")
    expect(start).to_have_text(t["start"])
    box = start.bounding_box()
    assert box["y"] + box["height"] <= VIEWPORTS[viewport]["height"]  # on the first screen
    cards = page.locator(".cb-card")
    assert cards.count() == 2 and "20 min" in cards.first.inner_text()
    # The rule to the certificate, every step a link.
    assert page.locator(".cb-steps li a").count() == 4
    shot(page, f"home-new-{tag}")

    start.click()
    page.wait_for_url(re.compile(r".*/01-primeros-pasos/$"))
    pass_module_one(page)
    nxt = page.locator("#quiz-q-primeros .cb-next a")
    expect(nxt).to_have_text(t["next"])
    shot(page, f"module-passed-next-{tag}")
    nxt.click()
    page.wait_for_url(re.compile(r".*/02-segundo-modulo/$"))

    page.goto(f"{site_url}/{lang}")
    ready(page)
    expect(page.locator('.cb-card[data-module="01-primeros-pasos"] .cb-card-state')).to_have_text(t["passed"])
    expect(page.locator(".cb-main")).to_have_text(t["continue"])
    assert page.locator('.cb-steps li[data-step="q-primeros"]').get_attribute("class") == "cb-done"
    shot(page, f"home-in-progress-{tag}")
    assert page.errors == [] and page.outside_requests == []
    page.context.close()


@pytest.mark.parametrize("lang", ["", "en/"])
def test_certificate_path_to_the_end(browser, site_url, lang):
    page, t = context_page(browser, site_url), T[lang]
    tag = lang.strip("/") or "es"
    page.goto(f"{site_url}/{lang}01-primeros-pasos/")
    ready(page)
    pass_module_one(page)
    page.goto(f"{site_url}/{lang}certificado/")
    ready(page)
    missing = page.locator(".cb-left-list a")
    assert missing.count() == 2
    shot(page, f"certificate-missing-{tag}-390")
    missing.first.click()  # every missing step leads to its quiz
    page.wait_for_url(re.compile(r".*/02-segundo-modulo/#quiz-q-segundo$"))
    pass_module_two(page, lang)
    quiz = page.locator("#quiz-final")
    answer_exam(quiz, lang)
    quiz.locator(".cb-submit").click()
    page.goto(f"{site_url}/{lang}mi-progreso/")
    ready(page)
    expect(page.locator(".cb-app .cb-main")).to_have_text(t["cert"])
    assert page.locator(".cb-app .md-button--primary").count() == 1  # one next step
    shot(page, f"progress-done-{tag}-390")
    page.goto(f"{site_url}/{lang}")
    ready(page)
    expect(page.locator(".cb-main")).to_have_text(t["cert"])
    page.locator(".cb-main").click()
    page.wait_for_url(re.compile(r".*/certificado/$"))
    page.locator("#cb-name").fill("Ana María Pérez")
    page.locator(".cb-cert-form .md-button--primary").click()
    expect(page.locator(".cb-certificate")).to_be_visible()
    shot(page, f"certificate-shown-{tag}-390")
    assert page.errors == [] and page.outside_requests == []
    page.context.close()


@pytest.mark.parametrize("lang", ["", "en/"])
def test_final_assessment_in_exam_mode(browser, site_url, lang):
    page = context_page(browser, site_url, "1280")
    tag = lang.strip("/") or "es"
    page.goto(f"{site_url}/{lang}02-segundo-modulo/")
    ready(page)
    quiz = page.locator("#quiz-final")
    assert quiz.locator(".cb-check, .cb-retry, .cb-reveal").count() == 0
    quiz.locator(".cb-submit").click()  # nothing answered yet: says what is missing, grades nothing
    assert re.search(r"3", quiz.locator(".cb-score").inner_text())
    assert quiz.locator(".cb-right, .cb-wrong").count() == 0
    answer_exam(quiz, lang, right=False)
    # No feedback of any kind before the attempt is submitted.
    assert quiz.locator(".cb-right, .cb-wrong, .cb-explanation:visible").count() == 0
    assert all(s == "" for s in quiz.locator(".cb-status").all_inner_texts())
    page.reload()  # answers survive a reload mid-attempt
    ready(page)
    assert quiz.locator("#q-ej-p1 input[type=text]").input_value() == "retorno"
    shot(page, f"exam-answering-{tag}-1280")
    quiz.locator(".cb-submit").click()
    # The review: every question marked, with its explanation; the attempt counted.
    assert quiz.locator(".cb-explanation:visible").count() == 3
    assert quiz.locator("#q-ej-p1").get_attribute("class").count("cb-answered") == 1
    assert quiz.locator(".cb-attempts").inner_text().startswith(("Intentos entregados: 1.", "Attempts submitted: 1."))
    assert quiz.locator(".cb-submit").is_hidden() and quiz.locator(".cb-next").is_hidden()  # 33 % < 60 %
    shot(page, f"exam-review-{tag}-1280")
    quiz.locator(".cb-again").click()
    # The new attempt starts in place, on question 1, with the focus in it.
    first = quiz.locator("form.cb-question").first
    assert first.locator(".cb-qnum").inner_text().startswith(("Pregunta 1 de", "Question 1 of"))
    assert first.evaluate("f => f.contains(document.activeElement)")
    assert first.evaluate("f => f.getBoundingClientRect().top") < 844
    assert quiz.locator("#q-ej-p1 input[type=text]").input_value() == ""
    assert quiz.locator(".cb-attempts").inner_text().startswith(("Intentos entregados: 1.", "Attempts submitted: 1."))
    answer_exam(quiz, lang)
    quiz.locator(".cb-submit").click()
    assert quiz.locator(".cb-attempts").inner_text().startswith(("Intentos entregados: 2.", "Attempts submitted: 2."))
    expect(quiz.locator(".cb-next a")).to_be_visible()
    assert page.errors == [] and page.outside_requests == []
    page.context.close()


def test_module_quizzes_stay_in_practice_mode(page, site_url):
    page.goto(f"{site_url}/01-primeros-pasos/")
    ready(page)
    q1 = page.locator("#q-ej-q1")
    q1.locator("#q-ej-q1-a").check()
    q1.locator(".cb-check").click()
    assert q1.locator(".cb-status").inner_text() == "Respuesta incorrecta."
    assert q1.locator(".cb-retry").is_visible() and not q1.locator(".cb-explanation").is_visible()


def test_another_tabs_progress_arrives_without_reload(browser, site_url):
    context = browser.new_context(viewport=VIEWPORTS["390"])
    home = guarded_page(context, site_url)
    home.goto(f"{site_url}/")
    ready(home)
    module = context.new_page()
    module.goto(f"{site_url}/01-primeros-pasos/")
    ready(module)
    pass_module_one(module)
    expect(home.locator('.cb-card[data-module="01-primeros-pasos"] .cb-card-state')).to_have_text("Aprobado · 2 de 2 al primer intento")
    expect(home.locator(".cb-main")).to_have_text("Continuar: Segundo módulo")
    context.close()


# ---- a variant of the example course: a page pending review, a wide table, a smaller draw ----

@pytest.fixture(scope="module")
def variant_url(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("variant"))
    for lang, (a, b, c, d) in {"es": ("Nivel", "Ejemplo", "Individual", "La edad"),
                               "en": ("Level", "Example", "Individual", "Age")}.items():
        path = project / "course" / "01-primeros-pasos" / f"{lang}.md"
        text = path.read_text(encoding="utf-8").replace("duration: 20\n", "duration: 20\nreview: pending-expert\n", 1)
        text = text.replace("\n![", f"\n| {a} | {b} |\n|---|---|\n| {c} | {d} |\n\n![", 1)
        path.write_text(text, encoding="utf-8")
    final = project / "quizzes" / "final.yml"
    final.write_text(final.read_text(encoding="utf-8").replace("draw: 3", "draw: 2"), encoding="utf-8")
    assert cli_main(["--project", str(project), "build"]) == 0
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_PagesHandler, directory=str(project / "site")))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}{PREFIX}"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("lang", ["", "en/"])
def test_page_pending_review_says_so_once_and_so_does_the_certificate(browser, variant_url, lang):
    page = context_page(browser, variant_url)
    page.goto(f"{variant_url}/{lang}01-primeros-pasos/")
    ready(page)
    note = page.locator(".cb-review")
    assert note.count() == 1
    # At the top: right after the title.
    assert page.evaluate("document.querySelector('h1').nextElementSibling.classList.contains('cb-review')")
    page.goto(f"{variant_url}/{lang}02-segundo-modulo/")
    ready(page)
    assert page.locator(".cb-review").count() == 0
    for app in ("certificado/", "verificar/"):
        page.goto(f"{variant_url}/{lang}{app}")
        ready(page)
        assert page.locator(".cb-review").count() == 1
    page.context.close()


@pytest.mark.parametrize("lang", ["", "en/"])
def test_wide_table_stacks_with_its_column_labels_on_a_phone(browser, variant_url, lang):
    page = context_page(browser, variant_url)
    page.goto(f"{variant_url}/{lang}01-primeros-pasos/")
    ready(page)
    cell = page.locator(".md-typeset table td").first
    assert cell.get_attribute("data-label") in ("Nivel", "Level")
    assert cell.evaluate("e => getComputedStyle(e).display") == "block"
    label = cell.evaluate("e => getComputedStyle(e, '::before').content")
    assert label.strip('"') in ("Nivel", "Level")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # nothing cut off sideways
    # Framed at build time (render/tables.py), so the theme's script did not frame it again.
    assert page.locator(".md-typeset__scrollwrap > .md-typeset__table > table.cb-table").count() == 1
    assert page.locator(".md-typeset__scrollwrap .md-typeset__scrollwrap").count() == 0
    page.context.close()


def test_each_new_attempt_draws_a_new_set(browser, variant_url):
    context = browser.new_context()
    # A different, repeatable random sequence on each page load.
    context.add_init_script("""(() => { let n = +(sessionStorage.getItem('n') || 0) + 1; sessionStorage.setItem('n', n);
        let x = n * 7919; Math.random = () => { x = (x * 9301 + 49297) % 233280; return x / 233280; }; })()""")
    page = guarded_page(context, variant_url)
    page.goto(f"{variant_url}/02-segundo-modulo/")
    ready(page)
    sets = set()
    for _ in range(4):
        ready(page)
        quiz = page.locator("#quiz-final")
        drawn = tuple(sorted(quiz.locator("form.cb-question").evaluate_all("fs => fs.map(f => f.dataset.qid)")))
        assert len(drawn) == 2
        sets.add(drawn)
        answer_exam(quiz, "")
        quiz.locator(".cb-submit").click()
        quiz.locator(".cb-again").click()
        page.wait_for_load_state()
    assert len(sets) > 1
    context.close()


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("lang", ["", "en/"])
def test_glossary_term_opens_in_place_by_tap_and_keyboard(browser, site_url, lang, viewport):
    page = context_page(browser, site_url, viewport)
    page.goto(f"{site_url}/{lang}01-primeros-pasos/")
    ready(page)
    term = page.locator(".md-content a[data-def]").first
    term.click()
    assert page.url.endswith("/01-primeros-pasos/")  # the tap did not leave the module
    pop = page.locator(".cb-pop")
    expect(pop).to_be_visible()
    assert term.get_attribute("aria-expanded") == "true"
    assert "residencia" in pop.inner_text() or "residence" in pop.inner_text()
    shot(page, f"glossary-popover-{lang.strip('/') or 'es'}-{viewport}")
    page.keyboard.press("Escape")
    expect(pop).to_have_count(0)
    assert page.evaluate("document.activeElement.dataset.def !== undefined")
    page.keyboard.press("Enter")  # the keyboard opens it too
    expect(page.locator(".cb-pop")).to_be_visible()
    page.locator(".cb-pop a").click()  # the full entry, highlighted on the glossary page
    page.wait_for_url(re.compile(r".*/glosario/#migrante$"))
    bg = page.locator("dt#migrante").evaluate("e => getComputedStyle(e).backgroundColor")
    assert bg not in ("rgba(0, 0, 0, 0)", "rgb(255, 255, 255)")
    page.context.close()


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("start,target,here,there", [("", "en", "referencias", "references"),
                                                     ("en/", "es", "references", "referencias")])
def test_language_switch_keeps_the_section(browser, site_url, viewport, start, target, here, there):
    page = context_page(browser, site_url, viewport)
    page.goto(f"{site_url}/{start}01-primeros-pasos/")
    ready(page)
    # Reading the references (room added below so the short example page can scroll that far).
    page.evaluate("""id => { document.querySelector('article').append(Object.assign(document.createElement('div'), {style: 'height:2000px'}));
        document.getElementById(id).scrollIntoView({behavior: 'instant'}); window.scrollBy({top: -70, behavior: 'instant'}); }""", here)
    if viewport == "1280":
        page.locator(".md-header__option .md-select").hover()
    else:
        page.locator(".md-header__option .md-select .md-header__button").click()
    link = page.locator(f'.md-select__link[hreflang="{target}"]')
    expect(link).to_be_visible()
    # Clicked where it is: Playwright's own click may first scroll the page to reach a link in an
    # opening menu, which would change the section being read.
    link.evaluate("a => a.click()")
    page.wait_for_url(re.compile(rf".*/01-primeros-pasos/#{there}$"))
    assert page.locator("html").get_attribute("lang") == target
    # The same section, on screen (polled: the page may still be settling under load).
    page.wait_for_function("([id, h]) => { const t = document.getElementById(id).getBoundingClientRect().top;"
                           " return t >= 0 && t < h - 40; }", arg=[there, VIEWPORTS[viewport]["height"]])
    page.context.close()


def test_search_button_leads_to_a_focused_search_box(page, site_url):
    page.goto(f"{site_url}/01-primeros-pasos/")
    ready(page)
    page.locator('a.md-header__button[href="../buscar/"]').click()
    page.wait_for_url(re.compile(r".*/buscar/$"))
    expect(page.locator("#cb-q")).to_be_focused()
