"""The live preview in a real browser: the page turns into the error page by itself when a quiz breaks and
comes back by itself when it is fixed (MkDocs' live-reload script is allowed by the page's CSP), and a
stale translation shows the warning banner."""
from __future__ import annotations

from tests.conftest import make_project
from tests.test_serve import Server


def test_preview_reloads_into_the_error_page_and_back(browser, tmp_path):
    project = make_project(tmp_path)
    quiz = project / "quizzes" / "q-primeros.yml"
    good = quiz.read_text()
    server = Server(project)
    try:
        server.wait_for("/01-primeros-pasos/", lambda p: "Primeros pasos" in p)
        context = browser.new_context()
        page = context.new_page()
        errors: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.goto(server.base + "/01-primeros-pasos/")
        page.wait_for_function("() => document.title.includes('Primeros pasos')")
        page.wait_for_timeout(500)  # the live-reload poll is running
        quiz.write_text(good.replace("correct: true", "corect: true"))
        page.wait_for_selector("text=El curso tiene errores", timeout=60_000)
        assert "quizzes/q-primeros.yml:14:9" in page.inner_text("ol.diagnostics")
        quiz.write_text(good)
        page.wait_for_function("() => document.title.includes('Primeros pasos')", timeout=60_000)
        assert not [e for e in errors if "Content Security Policy" in e], errors
        context.close()
    finally:
        server.stop()
