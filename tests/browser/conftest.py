"""A built example site served on localhost, and one headless Debian Chromium for the session."""
from __future__ import annotations

import functools
import os
import shutil
import threading
import zipfile
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from course_builder.cli import main as cli_main
from tests.conftest import REPO, make_project

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


# Served like a GitHub Pages project site: under the path of mkdocs.yml's default site_url, with
# the site's 404.html for anything missing.
PREFIX = "/curso-proteccion-migrantes"


class _PagesHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):  # noqa: D401 - keep test output readable
        pass

    def translate_path(self, path):
        if not path.startswith(PREFIX + "/"):
            return str(Path(self.directory) / "__outside_the_site__")
        return super().translate_path(path[len(PREFIX):])

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    project = make_project(tmp_path_factory.mktemp("site"))
    assert cli_main(["--project", str(project), "build"]) == 0
    return project / "site"


def _serve(site: Path):
    handler = functools.partial(_PagesHandler, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}{PREFIX}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def site_url(built_site: Path):
    yield from _serve(built_site)


@pytest.fixture(scope="session")
def real_project(tmp_path_factory) -> Path:
    """A copy of this repository's own course (course/, quizzes/, cases/), built once."""
    project = tmp_path_factory.mktemp("real") / "project"
    project.mkdir()
    for name in ("course", "quizzes", "cases", "overrides"):
        shutil.copytree(REPO / name, project / name)
    shutil.copy2(REPO / "mkdocs.yml", project / "mkdocs.yml")
    (project / "course_builder").symlink_to(REPO / "course_builder", target_is_directory=True)
    assert cli_main(["--project", str(project), "build"]) == 0
    return project


@pytest.fixture(scope="session")
def real_site_url(real_project: Path):
    yield from _serve(real_project / "site")


@pytest.fixture(scope="session")
def browser():
    if not (os.path.exists(CHROMIUM) and shutil.which(CHROMIUM)):
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (scripts/install.sh --test)")
        pytest.skip(f"{CHROMIUM} not installed (scripts/install.sh --test installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


READY = ('html[data-cb-ready], '
         'html:not(:has(script[src*="/assets/course/course.js"], script[src*="/assets/course/app.js"]))')


def ready(page):
    """Waits until the course's scripts have started everything the page places: quizzes and cases
    start after the page has loaded, in idle time (overrides/assets/course/js/90-init.js), so state
    read right after a navigation must wait for ``<html data-cb-ready>`` (a selector: the site's
    content security policy forbids the string evaluation of wait_for_function). A page without
    course.js or app.js (search, 404) is ready as it is."""
    page.locator(READY).first.wait_for(state="attached")
    return page


def guarded_page(context, allowed: str):
    """A page of ``context`` whose requests may only go to URLs under ``allowed``; it records page
    errors, console errors and warnings, and the requests it refused."""
    outside: list[str] = []
    errors: list[str] = []
    warnings: list[str] = []

    def guard(route):
        url = route.request.url
        if url.startswith(allowed) or url.startswith("data:"):
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: (errors if msg.type == "error" else warnings).append(msg.text)
            if msg.type in ("error", "warning") else None)
    page.outside_requests, page.errors, page.warnings = outside, errors, warnings
    return page


@pytest.fixture
def page(browser, site_url):
    """A fresh browser context (empty storage) whose requests may only go to the local site."""
    context = browser.new_context()
    yield guarded_page(context, site_url)
    context.close()


# ---- the example course as a SCORM 1.2 package (tests/browser/test_scorm*.py)
# Served as Moodle serves a package: under a deep path, file by file, with no directory indexes.
LMS_PREFIX = "/pluginfile.php/42/mod_scorm/content/1"


class _LmsFiles(SimpleHTTPRequestHandler):
    def log_message(self, *args):  # noqa: D401 - keep test output readable
        pass

    def translate_path(self, path):
        path = path.split("?")[0].split("#")[0]
        if not path.startswith(LMS_PREFIX + "/") or path.endswith("/"):
            return str(Path(self.directory) / "__not_a_file__")
        return super().translate_path(path[len(LMS_PREFIX):])


@pytest.fixture(scope="module")
def package(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("scorm")
    project = make_project(tmp)
    out = tmp / "out"
    assert cli_main(["--project", str(project), "export", "scorm12", "--lang", "es", "--out", str(out)]) == 0
    folder = tmp / "package"
    with zipfile.ZipFile(out / "curso-ejemplo-es-scorm12.zip") as zf:
        zf.extractall(folder)
    return folder


@pytest.fixture(scope="module")
def lms_url(package: Path):
    """The unpacked package on localhost (test pages may be written beside it)."""
    handler = functools.partial(_LmsFiles, directory=str(package))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}{LMS_PREFIX}"
    server.shutdown()
    server.server_close()


BROWSER_DIR = Path(__file__).resolve().parent


def pytest_collection_modifyitems(config, items):
    """Every test here drives Chromium, most of them on a whole built site: all are `slow`
    (`pytest -m "not slow"` leaves them out of the quick loop)."""
    for item in items:
        if BROWSER_DIR in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.slow)
