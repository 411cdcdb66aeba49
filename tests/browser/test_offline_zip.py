"""The offline zip, unzipped and opened from disk: pages, quizzes, progress and search work, and each
zip holds one language (plus the shared assets)."""
from __future__ import annotations

import re
import zipfile
from pathlib import Path
from urllib.parse import unquote

import pytest

from course_builder.cli import main
from tests.browser.conftest import ready
from tests.conftest import make_project

pytestmark = pytest.mark.browser

ONLINE = "https://example.org/curso/"


@pytest.fixture(scope="module")
def unzipped(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("offline")
    project = make_project(tmp)
    out = tmp / "out"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SITE_URL", ONLINE)
        assert main(["--project", str(project), "export", "offline", "--out", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["curso-ejemplo-en-offline.zip", "curso-ejemplo-es-offline.zip"]
    for zip_path in out.iterdir():
        with zipfile.ZipFile(zip_path) as zf:
            zf.extractall(tmp / "unzipped")
    return tmp / "unzipped"


def files(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def test_one_language_per_zip(unzipped):
    es, en = files(unzipped / "curso-ejemplo-es"), files(unzipped / "curso-ejemplo-en")
    assert "abrir.html" in es and "index.html" in es and "buscar/search-index.js" in es
    assert not [n for n in es if n.startswith("en/")]  # no English page in the Spanish zip
    assert "open.html" in en and "en/index.html" in en and "en/buscar/search-index.js" in en
    assert not [n for n in en if not n.startswith(("en/", "assets/")) and n != "open.html"]  # nor Spanish in English
    for names in (es, en):
        assert not [n for n in names if n.endswith(("sw.js", "search.json", ".map", "404.html", "sitemap.xml"))]
        assert not [n for n in names if "/lunr/" in n or "/workers/" in n]
        assert "assets/course/search.js" in names and "assets/course/course.js" in names
    # Every relative link and source inside a zip resolves to a file of that zip; the other language is
    # reached on the online site.
    for lang, top in (("es", unzipped / "curso-ejemplo-es"), ("en", unzipped / "curso-ejemplo-en")):
        for page in top.rglob("*.html"):
            html = page.read_text(encoding="utf-8")
            for ref in re.findall(r'(?:href|src)="([^"#?]+)', html):
                if "://" in ref or ref.startswith(("data:", "mailto:")):
                    continue
                # A file: from disk a folder link opens a directory listing, not its index.html.
                assert (page.parent / unquote(ref)).is_file(), f"{page.relative_to(top)} -> {ref}"
            switch = re.findall(r'<a href="([^"]*)" hreflang="(\w+)" class="md-select__link"', html)
            for href, hreflang in switch:
                if hreflang != lang:
                    assert href.startswith(ONLINE), (page, href)


def test_offline_zip_works_from_file_urls(browser, unzipped):
    start = (unzipped / "curso-ejemplo-en" / "open.html").as_uri()
    context = browser.new_context()
    page = context.new_page()
    errors, failed = [], []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("requestfailed", lambda r: failed.append(r.url))
    page.goto(start)
    page.wait_for_url("**/en/index.html")
    page.locator("a", has_text="Start here").click()
    page.wait_for_url("**/en/01-primeros-pasos/index.html")
    status = page.locator("#q-ej-q1 .cb-status")
    assert not status.inner_text().strip()
    page.locator("#q-ej-q1-b").check()
    page.locator("#q-ej-q1 .cb-check").click()
    assert status.inner_text().strip()  # the quiz answers from disk (wording is tested elsewhere)
    page.reload()
    ready(page)
    assert status.inner_text().strip()  # progress kept
    switch = page.locator('a.md-select__link[hreflang="es"]')
    assert switch.get_attribute("href") == ONLINE + "01-primeros-pasos/"
    page.goto(page.url.replace("01-primeros-pasos/index.html", "mi-progreso/index.html"))
    ready(page)
    link = page.locator('[data-module="01-primeros-pasos"] a')
    assert link.get_attribute("href") == "../01-primeros-pasos/index.html"
    # The final assessment's draw and the participant's draw history are kept on disk too: reopened,
    # the same questions, each counted as drawn once.
    page.goto(page.url.replace("mi-progreso/index.html", "02-segundo-modulo/index.html"))
    ready(page)
    drawn = page.locator("#quiz-final form.cb-question").evaluate_all("fs => fs.map(f => f.dataset.qid)")
    page.reload()
    ready(page)
    assert page.locator("#quiz-final form.cb-question").evaluate_all("fs => fs.map(f => f.dataset.qid)") == drawn
    record = page.evaluate("JSON.parse(localStorage.getItem('cb:curso-ejemplo'))")
    assert record["quiz"]["final"]["seen"] == {q: 1 for q in drawn}
    assert errors == [] and failed == []
    context.close()


@pytest.mark.parametrize("lang, folder, term, expected", [
    ("en", "curso-ejemplo-en/en", "second module text", "Second module"),
    ("es", "curso-ejemplo-es", "segundo modulo texto", "Segundo módulo"),
])
def test_search_works_from_disk(browser, unzipped, lang, folder, term, expected):
    context = browser.new_context()
    page = context.new_page()
    errors, failed, requested = [], [], []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("requestfailed", lambda r: failed.append(r.url))
    page.on("request", lambda r: requested.append(r.url))
    page.goto((unzipped / folder / "index.html").as_uri())
    ready(page)
    page.locator("a.md-header__button[href$='buscar/index.html']").click()
    page.wait_for_url("**/buscar/index.html")
    assert page.url.startswith("file://")
    page.locator("#cb-q").fill(term)
    results = page.locator(".cb-results li a")
    results.first.wait_for()
    status = page.locator(".cb-search-status").inner_text()
    assert status and "índice" not in status and "index" not in status.lower(), status
    assert any(expected.lower() in t.lower() for t in results.all_inner_texts()), results.all_inner_texts()
    assert [u for u in requested if u.endswith("search-index.js")] and not [u for u in requested if "search.json" in u]
    href = results.first.get_attribute("href")
    assert ".html" in href  # a file, not a folder: no web server to find index.html
    results.first.click()
    page.wait_for_load_state()
    assert page.url.startswith("file://") and "/buscar/" not in page.url
    assert errors == [] and failed == []
    context.close()
