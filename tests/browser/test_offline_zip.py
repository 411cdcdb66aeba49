"""The offline zip, unzipped and opened from disk: pages, quizzes and progress work."""
from __future__ import annotations

import zipfile

import pytest

from course_builder.cli import main
from tests.conftest import make_project

pytestmark = pytest.mark.browser


def test_offline_zip_works_from_file_urls(browser, tmp_path):
    project = make_project(tmp_path)
    out = tmp_path / "out"
    assert main(["--project", str(project), "export", "offline", "--out", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["curso-ejemplo-en-offline.zip", "curso-ejemplo-es-offline.zip"]
    with zipfile.ZipFile(out / "curso-ejemplo-en-offline.zip") as zf:
        names = zf.namelist()
        zf.extractall(tmp_path / "unzipped")
    assert "curso-ejemplo-en/open.html" in names and "curso-ejemplo-en/sw.js" not in names
    start = (tmp_path / "unzipped" / "curso-ejemplo-en" / "open.html").as_uri()
    context = browser.new_context()
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(start)
    page.wait_for_url("**/en/index.html")
    page.locator("a", has_text="Start here").click()
    page.wait_for_url("**/en/01-primeros-pasos/index.html")
    page.locator("#q-ej-q1-b").check()
    page.locator("#q-ej-q1 .cb-check").click()
    assert page.locator("#q-ej-q1 .cb-status").inner_text() == "Correct. Yes: needs come first."
    page.reload()
    assert page.locator("#q-ej-q1 .cb-status").inner_text() == "Correct."  # progress kept
    page.goto(page.url.replace("01-primeros-pasos/index.html", "mi-progreso/index.html"))
    link = page.locator('tr[data-module="01-primeros-pasos"] a')
    assert link.get_attribute("href") == "../01-primeros-pasos/index.html"
    assert errors == []
    context.close()
