"""End-to-end builds of the example course: exact output, atomic replacement of site/, live preview.

Tests that only read the output share one build per module (``built_once``); tests that edit the
project, rebuild or break a build get their own (``built``)."""
from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from course_builder import site as site_module
from course_builder.cli import main
from tests.conftest import make_project

REPO = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow  # whole-site builds and a live preview

EXPECTED_PAGES = sorted([
    "404.html", "index.html", "01-primeros-pasos/index.html", "02-segundo-modulo/index.html",
    "glosario/index.html", "en/index.html", "en/01-primeros-pasos/index.html",
    "en/02-segundo-modulo/index.html", "en/glosario/index.html",
    *(f"{lang}{slug}/index.html" for lang in ("", "en/")
      for slug in ("mi-progreso", "certificado", "buscar", "verificar")),
])


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def leftovers(project: Path) -> list[str]:
    return sorted(p.name for p in project.glob(".site.build-*"))


@pytest.fixture
def built(project):
    """A project of its own, built: for tests that change it."""
    assert main(["--project", str(project), "build"]) == 0
    return project


@pytest.fixture(scope="module")
def built_once(tmp_path_factory):
    """One build shared by the read-only tests of this module (they must not change it)."""
    project = make_project(tmp_path_factory.mktemp("built"))
    assert main(["--project", str(project), "build"]) == 0
    return project


def test_build_writes_exactly_the_expected_pages(built_once):
    built = built_once
    site = built / "site"
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    assert pages == EXPECTED_PAGES
    assert (site / "01-primeros-pasos" / "niveles.svg").is_file()
    assert (site / "en" / "01-primeros-pasos" / "niveles.svg").is_file()
    assert '<img alt="Diagrama de niveles" loading="lazy" src="niveles.svg" />' in \
        (site / "01-primeros-pasos" / "index.html").read_text()
    assert leftovers(built) == []
    header = (built / "docs" / "es" / "01-primeros-pasos" / "index.md").read_text().splitlines()[1]
    assert header == "# generado por build_course.py a partir de course/01-primeros-pasos/es.md; no editar"


def test_pages_have_language_description_and_no_external_requests(built_once):
    site = built_once / "site"
    es = (site / "01-primeros-pasos" / "index.html").read_text()
    en = (site / "en" / "01-primeros-pasos" / "index.html").read_text()
    assert '<html lang="es"' in es and '<html lang="en"' in en
    assert '<meta name="description" content="Qué es una persona migrante y qué es la protección.">' in es
    assert '<meta name="description" content="What a migrant is and what protection means.">' in en
    for html in site.rglob("*.html"):
        text = html.read_text()
        fetched = re.findall(r'<(?:script|img|iframe|source)[^>]+src="(https?:)?//', text) + \
            re.findall(r'<link[^>]+rel="(?:stylesheet|preconnect|preload|modulepreload)"[^>]+href="https?://', text)
        assert fetched == [], html
    sitemap = (site / "sitemap.xml").read_text()
    assert 'hreflang="en" href="https://crm-oim.github.io/curso-proteccion-migrantes/en/01-primeros-pasos/"' in sitemap


def test_no_python_object_leaks_into_a_page(built_once):
    """A template that reads a dict key by attribute gets the dict's method when the key is also a
    method name ('copy', 'items'…): the page would show "<built-in method copy of dict object …>"."""
    for html in (built_once / "site").rglob("*.html"):
        text = html.read_text()
        assert not re.search(r"(built-in|bound) method|object at 0x[0-9a-f]+|\bUndefined\b|\bNone\b", text), html


def test_the_theme_icons_are_drawn_from_site_css(built_once):
    site = built_once / "site"
    css = (site / "assets" / "course" / "site.css").read_text()
    for html in [site / "index.html", site / "en" / "01-primeros-pasos" / "index.html"]:
        text = html.read_text()
        theme = text[:text.find("<article")] + text[text.rfind("</article>"):]
        names = re.findall(r'<svg class="cb-i (cb-i-[0-9a-f]{8})" viewBox="[^"]+"></svg>', theme)
        assert len(names) >= 4 and "<path" not in theme, html  # logo, menu, language, search at least
        assert all(f".{name}{{--cb-i:url(" in css for name in names), html


def test_search_index_per_language_and_no_material_search(built_once):
    import json
    built = built_once

    def entries(path):  # render/search.py's format, as search.js reads it
        index = json.loads(path.read_text())
        return [{"p": index["pages"][i][0], "s": s, "u": index["pages"][i][1] + (f"#{a}" if a else ""), "t": t}
                for i, s, a, t in index["docs"]]
    es = entries(built / "site" / "buscar" / "search.json")
    en = entries(built / "site" / "en" / "buscar" / "search.json")
    assert {"p": "First steps", "s": "Concepts", "u": "../01-primeros-pasos/#concepts",
            "t": "A migrant moves away from their place of usual residence. Continue with the second module."} in en
    assert {"p": "Segundo módulo", "s": "Ideas", "u": "../02-segundo-modulo/#ideas",
            "t": "Texto del segundo módulo."} in es
    assert {"p": "Glosario", "s": "persona migrante", "u": "../glosario/#migrante",
            "t": "Persona que se desplaza fuera de su lugar de residencia habitual."} in es
    assert not any("Dedique" in d["t"] or "Spend 10 minutes" in d["t"] for d in es + en)  # facilitator notes
    assert not (built / "site" / "search").exists()
    module = (built / "site" / "01-primeros-pasos" / "index.html").read_text()
    assert "search_index" not in module and "lunr" not in module
    assert '<a href="../buscar/" class="md-header__button md-icon"' in module


def test_mkdocs_warning_leaves_previous_site_untouched(built, capsys):
    before = snapshot(built / "site")
    page = built / "course" / "01-primeros-pasos" / "es.md"
    page.write_text(page.read_text().replace("es.md#ideas", "es.md#no-existe"))
    capsys.readouterr()
    assert main(["--project", str(built), "build"]) == 1
    err = capsys.readouterr().err
    assert "Doc file 'course/01-primeros-pasos/es.md (generated as docs/es/01-primeros-pasos/index.md)'" in err
    assert err.rstrip().endswith("MkDocs failed: site/ is unchanged.")
    assert snapshot(built / "site") == before
    assert leftovers(built) == []


def test_exception_during_swap_leaves_previous_site_untouched(built, monkeypatch, capsys):
    before = snapshot(built / "site")

    def boom(a, b):
        raise OSError("disk trouble")

    monkeypatch.setattr(site_module, "_exchange", boom)
    capsys.readouterr()
    assert main(["--project", str(built), "build"]) == 1
    assert capsys.readouterr().err.splitlines()[-1].endswith("disk trouble. site/ is unchanged.")
    assert snapshot(built / "site") == before
    assert leftovers(built) == []


def _wait_for_temp_dir(project: Path, proc: subprocess.Popen) -> None:
    deadline = time.monotonic() + 30
    while not leftovers(project):
        assert proc.poll() is None, "build finished before it could be interrupted"
        assert time.monotonic() < deadline
        time.sleep(0.01)


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL])
def test_killed_build_leaves_previous_site_untouched(built, sig):
    before = snapshot(built / "site")
    proc = subprocess.Popen([sys.executable, str(REPO / "build_course.py"), "--project", str(built), "build"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    _wait_for_temp_dir(built, proc)
    os.killpg(proc.pid, sig)
    proc.wait(timeout=30)
    assert proc.returncode != 0
    assert snapshot(built / "site") == before
    if sig == signal.SIGTERM:
        assert leftovers(built) == []
    else:
        # SIGKILL allows no clean-up; the next build removes what it left.
        assert main(["--project", str(built), "build"]) == 0
        assert leftovers(built) == []


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(url: str, predicate, timeout: float = 30) -> str:
    deadline = time.monotonic() + timeout
    last = ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as resp:
                last = resp.read().decode()
            if predicate(last):
                return last
        except OSError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {url}")


def test_serve_regenerates_on_save_and_survives_errors(project, tmp_path):
    port = _free_port()
    log = (tmp_path / "serve.log").open("w")
    proc = subprocess.Popen([sys.executable, str(REPO / "build_course.py"), "--project", str(project), "serve",
                             "--dev-addr", f"127.0.0.1:{port}"], stdout=log, stderr=subprocess.STDOUT,
                            start_new_session=True)
    try:
        url = f"http://127.0.0.1:{port}/01-primeros-pasos/"
        _wait_for(url, lambda html: "Primeros pasos" in html)
        page = project / "course" / "01-primeros-pasos" / "es.md"
        original = page.read_text()
        page.write_text(original.replace("title: Primeros pasos", "title: Pasos iniciales"))
        _wait_for(url, lambda html: "Pasos iniciales" in html)
        page.write_text(original.replace("duration: 20", "duration: veinte"))
        deadline = time.monotonic() + 30
        while "error[schema.type]" not in (tmp_path / "serve.log").read_text():
            assert time.monotonic() < deadline, (tmp_path / "serve.log").read_text()
            time.sleep(0.2)
        assert proc.poll() is None
        page.write_text(original.replace("title: Primeros pasos", "title: Pasos corregidos"))
        _wait_for(url, lambda html: "Pasos corregidos" in html)
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=10)
        log.close()


def test_unchanged_rebuild_reuses_generation_and_edits_are_never_kept(built, capsys, monkeypatch):
    from course_builder import pipeline
    docs_page = built / "docs" / "es" / "01-primeros-pasos" / "index.md"
    generated = docs_page.read_text()
    calls = []
    original = pipeline.load
    monkeypatch.setattr(pipeline, "load", lambda root: calls.append(root) or original(root))
    capsys.readouterr()
    assert main(["--project", str(built), "build"]) == 0
    assert calls == [] and capsys.readouterr().err.splitlines()[0] == "No problems found."
    docs_page.write_text("hand-edited")  # docs/ belongs to the generator
    assert main(["--project", str(built), "build"]) == 0
    assert len(calls) == 1 and docs_page.read_text() == generated
    source = built / "course" / "01-primeros-pasos" / "es.md"
    source.write_text(source.read_text().replace("## Conceptos", "## Conceptos básicos"))
    assert main(["--project", str(built), "build"]) == 0
    assert len(calls) == 2 and "Conceptos básicos" in docs_page.read_text()
    assert "Conceptos básicos" in (built / "site" / "01-primeros-pasos" / "index.html").read_text()


def test_compiled_theme_templates_are_kept_and_change_nothing(built, monkeypatch):
    """The theme's templates compiled by the first build are kept in .cache/ (beside the parse cache) and
    the next build, which loads them, writes the same site; with the caches off none are written."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796169600")
    assert main(["--project", str(built), "build", "--no-cache"]) == 0
    compiled = sorted((built / ".cache" / "course_builder" / "jinja").glob("*.cache"))
    assert len(compiled) > 20  # Material's main, base and partials
    first = snapshot(built / "site")
    stamps = {p: p.stat().st_mtime_ns for p in compiled}
    assert main(["--project", str(built), "build", "--no-cache"]) == 0
    assert snapshot(built / "site") == first
    assert {p: p.stat().st_mtime_ns for p in compiled} == stamps  # loaded, not compiled again
    monkeypatch.setenv("COURSE_BUILDER_NO_PARSE_CACHE", "1")
    shutil.rmtree(built / ".cache")
    assert main(["--project", str(built), "build", "--no-cache"]) == 0
    assert not (built / ".cache").exists() and snapshot(built / "site") == first
