"""The live preview, driven for real: `build_course.py serve` on a free port with a copy of the example course.

A broken quiz or module must never hold a request: every page answers at once with the error page
(file, line, code, hint) and the site comes back after the fix; a stale translation is a banner, not a
stopped preview; SIGTERM to `serve` stops the MkDocs process it started.
"""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import REPO, make_project

pytestmark = [pytest.mark.skipif(sys.platform != "linux", reason="signals and process groups as on Linux"),
              pytest.mark.slow]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, project: Path, plain_mkdocs: bool = False) -> None:
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        # MkDocs serves from a temporary folder: made here, so that a test can look at the served site
        self.tmp = project.parent / f"serve-tmp-{self.port}"
        self.tmp.mkdir()
        env = dict(os.environ, PYTHONUNBUFFERED="1", NO_MKDOCS_2_WARNING="1", TMPDIR=str(self.tmp))
        cmd = [sys.executable, str(REPO / "build_course.py"), "--project", str(project), "serve",
               "--dev-addr", f"127.0.0.1:{self.port}"]
        if plain_mkdocs:  # `mkdocs serve` on its own, as MkDocs users run it
            (project / "docs").mkdir(exist_ok=True)
            env["SITE_URL"] = self.base + "/"
            cmd = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{self.port}"]
        self.proc = subprocess.Popen(cmd, cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                     text=True)
        self.lines: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.proc.stdout:
            self.lines.append(line.rstrip("\n"))

    @property
    def site(self) -> Path:
        (site,) = self.tmp.glob("mkdocs_*")
        return site

    @property
    def output(self) -> str:
        return "\n".join(self.lines)

    def get(self, path: str, timeout: float = 5) -> tuple[float, int, str]:
        start = time.monotonic()
        try:
            with urllib.request.urlopen(self.base + path, timeout=timeout) as r:
                body, status = r.read().decode("utf-8", "replace"), r.status
        except urllib.error.HTTPError as e:
            body, status = e.read().decode("utf-8", "replace"), e.code
        return time.monotonic() - start, status, body

    def wait_for(self, path: str, predicate, timeout: float = 60) -> str:
        deadline = time.monotonic() + timeout
        last = ""
        while time.monotonic() < deadline:
            try:
                _, _, last = self.get(path, timeout=30)
                if predicate(last):
                    return last
            except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
                pass
            assert self.proc.poll() is None, self.output
            time.sleep(0.3)
        raise AssertionError(f"timed out waiting on {path}; last page:\n{last[:2000]}\nserver output:\n{self.output}")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()


@pytest.fixture
def serve(tmp_path):
    servers: list[Server] = []

    def start(project: Path, plain_mkdocs: bool = False) -> Server:
        server = Server(project, plain_mkdocs)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


ERROR_PAGE = "El curso tiene errores"


def is_error_page(page: str) -> bool:
    return ERROR_PAGE in page


def assert_answers_at_once(server: Server, paths=("/", "/en/", "/01-primeros-pasos/", "/en/02-segundo-modulo/",
                                                  "/no-such-page/", "/assets/course/site.css")) -> None:
    for path in paths:
        elapsed, status, _ = server.get(path, timeout=5)
        assert elapsed < 1, f"{path} took {elapsed:.2f} s"
        assert status in (200, 404), (path, status)


def test_broken_quiz_and_module_answer_at_once_and_recover(project, serve):
    quiz = project / "quizzes" / "q-primeros.yml"
    module = project / "course" / "01-primeros-pasos" / "es.md"
    good_quiz, good_module = quiz.read_text(), module.read_text()
    server = serve(project)
    page = server.wait_for("/01-primeros-pasos/", lambda p: "Primeros pasos" in p)
    assert not is_error_page(page)

    quiz.write_text(good_quiz.replace("correct: true", "corect: true"))
    page = server.wait_for("/en/01-primeros-pasos/", is_error_page)
    assert "The course has errors" in page  # both languages' chrome
    assert "quizzes/q-primeros.yml:14:9" in page and "error[schema.unknown-key]" in page
    assert "did you mean &#x27;correct&#x27;?" in page
    assert "livereload(" in page  # reloads itself when fixed
    assert_answers_at_once(server)
    time.sleep(1)
    assert server.output.count("error[schema.unknown-key]") == 1  # once per change, not once per language
    assert "2 errors, 0 warnings in 1 file." in server.output
    assert "Aborted" not in server.output

    quiz.write_text(good_quiz)
    page = server.wait_for("/01-primeros-pasos/", lambda p: not is_error_page(p) and "Primeros pasos" in p)

    module.write_text(good_module.replace("::: quiz q-primeros", "::: quiz q-primero"))
    page = server.wait_for("/", is_error_page)
    assert "course/01-primeros-pasos/es.md:18:1" in page and "error[marker.unknown-quiz]" in page
    assert "did you mean &#x27;q-primeros&#x27;?" in page
    assert_answers_at_once(server)

    module.write_text(good_module)
    server.wait_for("/01-primeros-pasos/", lambda p: not is_error_page(p) and "Primeros pasos" in p)
    assert_answers_at_once(server)


def test_starting_with_errors_shows_the_error_page(tmp_path, serve):
    project = make_project(tmp_path)
    quiz = project / "quizzes" / "q-primeros.yml"
    quiz.write_text(quiz.read_text().replace("correct: true", "corect: true"))
    server = serve(project)
    page = server.wait_for("/", is_error_page)
    assert "quizzes/q-primeros.yml:14:9" in page
    assert_answers_at_once(server, ("/", "/en/", "/01-primeros-pasos/"))
    quiz.write_text(quiz.read_text().replace("corect: true", "correct: true"))
    server.wait_for("/01-primeros-pasos/", lambda p: not is_error_page(p) and "Primeros pasos" in p)


def test_stale_translation_updates_the_page_with_a_banner(project, serve):
    from course_builder.cli import main
    assert main(["--project", str(project), "--quiet", "status", "--mark", "01-primeros-pasos"]) == 0
    es = project / "course" / "01-primeros-pasos" / "es.md"
    server = serve(project)
    server.wait_for("/01-primeros-pasos/", lambda p: "Primeros pasos" in p)
    es.write_text(es.read_text().replace("se desplaza fuera", "se desplaza, por cualquier motivo, fuera"))
    page = server.wait_for("/01-primeros-pasos/", lambda p: "por cualquier motivo" in p)
    assert not is_error_page(page)
    en = server.wait_for("/en/01-primeros-pasos/", lambda p: "course-preview-banner" in p)
    assert "warning[i18n.stale]" in en and "course/01-primeros-pasos/en.md:1:1" in en
    assert "warning[i18n.stale]" in server.output and "Aborted" not in server.output
    assert_answers_at_once(server, ("/", "/en/01-primeros-pasos/"))
    # the offline service worker would answer reloads from its cache: the preview serves one that removes itself
    assert "self.registration.unregister()" in server.get("/sw.js")[2]


def test_sigterm_stops_the_mkdocs_child_and_frees_the_port(project, serve):
    server = serve(project)
    server.wait_for("/", lambda p: "<html" in p)
    children = subprocess.run(["pgrep", "-P", str(server.proc.pid)], capture_output=True, text=True).stdout.split()
    assert children
    server.proc.send_signal(signal.SIGTERM)
    server.proc.wait(timeout=20)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(Path(f"/proc/{pid}").exists() for pid in children):
        time.sleep(0.1)
    assert not any(Path(f"/proc/{pid}").exists() for pid in children)
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind(("127.0.0.1", server.port))  # the port is free again


def test_plain_mkdocs_serve_never_hangs_either(project, serve):
    quiz = project / "quizzes" / "q-primeros.yml"
    good = quiz.read_text()
    server = serve(project, plain_mkdocs=True)
    server.wait_for("/01-primeros-pasos/", lambda p: "Primeros pasos" in p)
    quiz.write_text(good.replace("correct: true", "corect: true"))
    page = server.wait_for("/en/", is_error_page)
    assert "quizzes/q-primeros.yml:14:9" in page
    assert_answers_at_once(server, ("/", "/en/01-primeros-pasos/", "/assets/course/site.css"))
    quiz.write_text(good)
    server.wait_for("/01-primeros-pasos/", lambda p: not is_error_page(p) and "Primeros pasos" in p)
    assert "Aborted" not in server.output


def test_one_save_is_one_build(project, serve):
    """docs/ is regenerated by the hooks, not watched: a save rebuilds once, not twice."""
    server = serve(project)
    server.wait_for("/en/01-primeros-pasos/", lambda p: "First steps" in p)
    time.sleep(2)  # the start-up build is over
    before = len(server.lines)
    en = project / "course" / "01-primeros-pasos" / "en.md"
    en.write_text(en.read_text().replace("First steps", "First steps, again", 1))
    server.wait_for("/en/01-primeros-pasos/", lambda p: "First steps, again" in p)
    time.sleep(3)  # a second build would have started: sources are polled every <= 0.5 s
    builds = [line for line in server.lines[before:] if "Building documentation" in line]
    assert len(builds) == 1, "\n".join(server.lines[before:])


def _pages(site: Path) -> dict[str, int]:
    return {p.relative_to(site).as_posix(): p.stat().st_mtime_ns for p in site.rglob("index.html")}


def test_a_body_edit_renders_that_page_alone_and_a_title_edit_every_page(project, serve):
    """serve runs MkDocs' dirty builds: a save inside a page's body renders that page only (its
    navigation still names every page); a new title is in the navigation of every page."""
    server = serve(project)
    server.wait_for("/en/01-primeros-pasos/", lambda p: "First steps" in p)
    time.sleep(2)  # the start-up build is over
    before = _pages(server.site)
    assert len(before) > 10
    en = project / "course" / "01-primeros-pasos" / "en.md"
    en.write_text(en.read_text() + "\nA sentence added in the preview.\n")
    page = server.wait_for("/en/01-primeros-pasos/", lambda p: "A sentence added in the preview." in p)
    assert page.count("Second module") >= 2  # navigation and footer: from a page MkDocs did not read
    assert "None\n</span>" not in page
    time.sleep(1)
    after = _pages(server.site)
    assert after.keys() == before.keys()
    assert [path for path in after if after[path] != before[path]] == ["en/01-primeros-pasos/index.html"]

    es = project / "course" / "01-primeros-pasos" / "es.md"
    es.write_text(es.read_text().replace("title: Primeros pasos", "title: Pasos iniciales", 1))
    server.wait_for("/02-segundo-modulo/", lambda p: "Pasos iniciales" in p)
    time.sleep(1)
    spanish = [p for p in server.site.rglob("index.html") if p.relative_to(server.site).parts[0] != "en"]
    assert len(spanish) > 5
    stale = [p.relative_to(server.site).as_posix() for p in spanish if "Pasos iniciales" not in p.read_text()]
    assert not stale
    assert "Aborted" not in server.output and "'dirty' build" not in server.output
