"""After one visit the whole course works offline; a new build takes over only when every tab of
the old one is closed, so old and new pages are never mixed."""
from __future__ import annotations

import functools
import shutil
import threading
from http.server import ThreadingHTTPServer

import pytest
from playwright.sync_api import expect

from course_builder.cli import main
from tests.browser.conftest import PREFIX, _PagesHandler
from tests.conftest import make_project

pytestmark = pytest.mark.browser


@pytest.fixture
def served_project(tmp_path):
    project = make_project(tmp_path)
    assert main(["--project", str(project), "build"]) == 0
    served = tmp_path / "served"
    shutil.copytree(project / "site", served)
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_PagesHandler, directory=str(served)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield project, served, f"http://127.0.0.1:{server.server_address[1]}{PREFIX}"
    server.shutdown()


def controlled_page(browser, url):
    """A new context and a page on the home page, once the service worker controls it."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{url}/")
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.reload()  # from now on the page is controlled by the worker
    assert page.evaluate("navigator.serviceWorker.controller !== null")
    return context, page


def test_whole_course_available_offline_after_one_visit(browser, served_project):
    _, _, url = served_project
    context, page = controlled_page(browser, url)
    context.set_offline(True)
    page.goto(f"{url}/en/02-segundo-modulo/")  # never visited
    assert page.locator("h1").inner_text().rstrip("¶").strip() == "Second module"
    page.locator("#q-ej-q3-a").check()
    page.locator("#q-ej-q3-b").check()
    page.locator("#q-ej-q3 .cb-check").click()
    assert page.locator("#q-ej-q3 .cb-status").inner_text().startswith("Correct.")
    page.goto(f"{url}/en/buscar/?q=migrant")
    expect(page.locator(".cb-search-status")).to_have_text("2 result(s).")
    page.goto(f"{url}/01-primeros-pasos/niveles.svg")
    assert page.locator("svg").count() == 1
    context.close()


def test_new_build_never_mixes_with_the_old_one(browser, served_project):
    project, served, url = served_project
    context, page = controlled_page(browser, url)

    # Deploy a new build with a changed module title.
    for lang, old, new in (("es", "Primeros pasos", "Primeros pasos (v2)"), ("en", "First steps", "First steps (v2)")):
        source = project / "course" / "01-primeros-pasos" / f"{lang}.md"
        source.write_text(source.read_text().replace(f"title: {old}", f"title: {new}"))
    assert main(["--project", str(project), "build"]) == 0
    shutil.rmtree(served)
    shutil.copytree(project / "site", served)

    # While a tab of the old version is open, every page still comes from the old build...
    # The browser finds the new worker, which installs (fills its cache) and then waits.
    page.evaluate("""navigator.serviceWorker.getRegistration().then(r => r.update().then(() => new Promise(done => {
        const w = r.installing || r.waiting;
        if (!w || w.state === "installed") return done();
        w.addEventListener("statechange", () => w.state === "installed" && done());
    })))""")
    page.goto(f"{url}/01-primeros-pasos/")
    assert page.locator("h1").inner_text().rstrip("¶").strip() == "Primeros pasos"
    page.goto(f"{url}/en/01-primeros-pasos/")
    assert page.locator("h1").inner_text().rstrip("¶").strip() == "First steps"
    # ...and once it is closed, the next visit gets the new build throughout.
    page.close()
    page = context.new_page()
    page.goto(f"{url}/")
    # With no tab of the old version left, the waiting worker activates (it may do so just after
    # this first navigation, which the old one still served whole).
    page.evaluate("""navigator.serviceWorker.getRegistration().then(r => new Promise(done => {
        const w = r.waiting;
        if (!w) return done();
        w.addEventListener("statechange", () => w.state === "activated" && done());
    }))""")
    page.goto(f"{url}/01-primeros-pasos/")
    expect(page.locator("h1")).to_contain_text("Primeros pasos (v2)")
    page.goto(f"{url}/en/01-primeros-pasos/")
    expect(page.locator("h1")).to_contain_text("First steps (v2)")
    context.close()
