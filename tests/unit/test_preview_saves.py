"""The preview never misses a save, whenever it lands (preview.catch_missed_saves).

`mkdocs serve --dirty` of the example course runs in a thread of this process (as `course-builder serve`
runs it in its child), so the test can act at the very end of every build: serve's builder calls
`mkdocs.commands.serve.build` for the start-up build and every rebuild, and the wrapper below makes the
next save there, the moment that build ends. Its timing comes from a seeded generator (the same every
run, printed on failure):

- inside: 0-15 ms before the build returns, after its check read the sources; half of these saves are
  "blind": the file keeps its size and gets its previous timestamp back, as a file system with coarse
  timestamps leaves it, so MkDocs' watcher cannot tell it from the last poll;
- after: from another thread, 0-40 ms after the build returns, while MkDocs records its end and goes
  back to waiting.

The first save lands inside the start-up build, before MkDocs' watcher has started. Every save adds a
question with its own id, valid (a warning: no explanation) or not (errors), all of the same size; the
next save waits until the diagnostics naming it are printed.
"""
from __future__ import annotations

import os
import random
import socket
import sys
import threading
import time
from dataclasses import dataclass

import pytest

from tests.conftest import make_project

pytestmark = pytest.mark.slow

SAVES = 20
SEED = 20
QUESTION = '  - id: race-{i:02d}\n    type: true_false\n    prompt: {{es: "x", en: "x"}}\n    {key}: false\n'


@dataclass(frozen=True)
class Save:
    index: int
    inside: bool    # before the build returns (else from another thread, after it)
    delay: float    # seconds
    blind: bool     # the previous timestamp put back: invisible to MkDocs' watcher
    valid: bool     # a warning only (the site is built), or errors (the error page)


def plan(seed: int) -> list[Save]:
    rng = random.Random(seed)
    saves = []
    for i in range(SAVES):
        inside = i == 0 or rng.random() < 0.6
        saves.append(Save(i, inside, rng.uniform(0, 0.015 if inside else 0.04), inside and rng.random() < 0.5,
                          rng.random() < 0.25))
    return saves


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_every_save_landing_as_a_build_ends_is_built_and_reported(tmp_path, monkeypatch):
    import mkdocs.commands.serve as mkdocs_serve

    from course_builder import preview

    project = make_project(tmp_path)
    (project / "docs").mkdir()
    quiz = project / "quizzes" / "q-primeros.yml"
    base = quiz.read_text(encoding="utf-8")
    saves = plan(SEED)
    port = _free_port()
    lock = threading.Lock()
    printed: list[str] = []
    servers: list = []
    made: list[Save] = []

    def content(save: Save) -> str:
        return base + QUESTION.format(i=save.index, key="answer" if save.valid else "answe_")

    def reported(index: int) -> bool:
        with lock:
            return any(f"'race-{index:02d}'" in line for line in printed)

    def write(save: Save) -> None:
        before = quiz.stat()
        quiz.write_text(content(save), encoding="utf-8")
        if save.blind:
            os.utime(quiz, ns=(before.st_atime_ns, before.st_mtime_ns))

    def at_build_end() -> None:
        with lock:
            index = len(made)
            if index >= SAVES or (index and not any(f"'race-{index - 1:02d}'" in line for line in printed)):
                return  # every save made, or this build is not the one that reports the last one
            save = saves[index]
            made.append(save)
        if save.inside:
            time.sleep(save.delay)
            write(save)
        else:
            threading.Timer(save.delay, write, (save,)).start()

    real_build, real_report, real_wrap = mkdocs_serve.build, preview.report, preview.wrap_server

    def build(*args, **kwargs):
        try:
            real_build(*args, **kwargs)
        finally:
            at_build_end()

    def report(diags, quiet=False):
        with lock:
            printed.extend(preview.format_report(diags, quiet=quiet))
        real_report(diags, quiet=quiet)

    def wrap_server(server, *args, **kwargs):
        servers.append(server)
        real_wrap(server, *args, **kwargs)

    monkeypatch.setattr(mkdocs_serve, "build", build)
    monkeypatch.setattr(preview, "report", report)
    monkeypatch.setattr(preview, "wrap_server", wrap_server)
    monkeypatch.chdir(project)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.setenv("SITE_URL", f"http://127.0.0.1:{port}/")
    monkeypatch.setattr(sys, "argv", ["mkdocs", "serve", "--dirty"])  # static-i18n reads it for its other languages

    failure: list[BaseException] = []

    def run() -> None:
        try:
            mkdocs_serve.serve(str(project / "mkdocs.yml"), build_type="dirty", dev_addr=f"127.0.0.1:{port}",
                               strict=False)
        except BaseException as exc:  # noqa: BLE001 - reported by the test
            failure.append(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    started = time.monotonic()
    try:
        progress, since = -1, time.monotonic()
        while time.monotonic() - since < 10 and time.monotonic() - started < 60:
            done = sum(reported(i) for i in range(SAVES))
            if done == SAVES or failure or not thread.is_alive():
                break
            if done != progress:
                progress, since = done, time.monotonic()
            time.sleep(0.02)
        elapsed = time.monotonic() - started
    finally:
        for server in servers:
            server.shutdown()
        thread.join(30)
    assert not failure, failure
    missed = [s for s in made if not reported(s.index)]
    assert not missed and len(made) == SAVES, (
        f"seed {SEED}: {len(made)} of {SAVES} saves made in {elapsed:.1f} s; not reported: {missed}\n"
        + "\n".join(printed[-20:]))
    assert thread.is_alive() is False
