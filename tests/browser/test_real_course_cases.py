"""The course this repository ships, built once and played in headless Chromium: the consular case
(cases/caso-elena.yml, placed in module 6) through its favourable, risky and harmful paths, in Spanish
and in English, each ending in the outcome the case file declares."""
from __future__ import annotations

import functools
import shutil
import threading
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest

from course_builder.cli import main as cli_main
from tests.browser.conftest import PREFIX, _PagesHandler, guarded_page
from tests.conftest import REPO

pytestmark = pytest.mark.browser

CASE = "caso-elena"
MODULE = "06-mecanismos-referencia"

# (name, [index of the choice taken at each step, from the start node], ending node, ending kind,
#  start of the ending text in es and en)
PATHS = [
    ("favourable", [("llamada", 0), ("necesidades", 0), ("riesgo", 0)], "final-bueno", "good",
     {"es": "Final favorable.", "en": "Good ending."}),
    ("risky", [("llamada", 1), ("ventanilla", 1)], "final-retorno-rapido", "mixed",
     {"es": "Final mixto.", "en": "Mixed ending."}),
    ("harmful", [("llamada", 2)], "final-exposicion", "poor",
     {"es": "Final desfavorable.", "en": "Poor ending."}),
]


@pytest.fixture(scope="module")
def real_site(tmp_path_factory) -> Path:
    """The shipped course (course/, quizzes/, cases/ of the repository) built in a throw-away project,
    laid out like tests/conftest.py's make_project but from the repository root."""
    project = tmp_path_factory.mktemp("real") / "project"
    project.mkdir()
    for folder in ("course", "quizzes", "cases", "overrides"):
        shutil.copytree(REPO / folder, project / folder)
    shutil.copy2(REPO / "mkdocs.yml", project / "mkdocs.yml")
    (project / "course_builder").symlink_to(REPO / "course_builder", target_is_directory=True)
    assert cli_main(["--project", str(project), "build"]) == 0
    return project / "site"


@pytest.fixture(scope="module")
def real_url(real_site: Path):
    handler = functools.partial(_PagesHandler, directory=str(real_site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}{PREFIX}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def real_page(browser, real_url):
    context = browser.new_context()
    yield guarded_page(context, real_url)
    context.close()


@pytest.mark.parametrize("lang", ["es", "en"])
@pytest.mark.parametrize("name,steps,ending,kind,text", PATHS, ids=[p[0] for p in PATHS])
def test_consular_case_path_reaches_its_ending(real_page, real_url, lang, name, steps, ending, kind, text):
    page = real_page
    page.goto(f"{real_url}/{'' if lang == 'es' else 'en/'}{MODULE}/")
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
    assert text[lang] in end.inner_text()
    assert end.locator(".cb-case-debrief").is_visible()
    assert page.errors == [] and page.outside_requests == []
