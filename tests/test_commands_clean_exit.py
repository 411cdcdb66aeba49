"""Every command ends cleanly (cli.main), run as people run it: in a shell, through a pipe.

- `cmd | head -1` and `cmd 2>&1 | head -1`: the command's own exit status or 141 (it wrote to the pipe
  after `head` had gone, as Unix tools end), the first line a plain run prints, and no traceback;
- a pipe whose reader is already gone (stdout, then stderr): 141 exactly when the command writes to it,
  and nothing printed about the pipe;
- a garbage project (course.yml, mkdocs.yml and a quiz are random bytes), a project folder that does
  not exist, and for `verify` a progress file that does not exist or a code that is garbage: a sentence
  and a non-zero exit, never a traceback or the name of a Python exception.

The commands are listed from cli.py's parser, so a command added there is run here too (with no
arguments unless ARGS gives it some).
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import shlex
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from course_builder.cli import CLOSED_PIPE, build_parser
from tests.conftest import REPO, make_project

pytestmark = [pytest.mark.skipif(sys.platform != "linux", reason="pipes and exit statuses as on Linux"),
              pytest.mark.slow]

COMMANDS = sorted(next(action for action in build_parser()._actions
                       if isinstance(action, argparse._SubParsersAction)).choices)
PYTHON_ERROR = re.compile(r"Traceback|\b[A-Z]\w*(?:Error|Exception)\b")


def ARGS(command: str, project: Path, busy: str) -> list[str]:
    """Arguments for a quick run of ``command`` on the example course that prints something."""
    return {
        "export": ["gift"],
        "new": ["quiz", "q-tuberia"],
        "pdf": ["--lang", "xx"],  # printing with Chromium takes 13 s; an unknown language is one line, exit 2
        "serve": ["--dev-addr", busy],  # a server never ends by itself: one whose address is taken does
        "verify": [str(project / "progress.json")],
        "roster": [str(project / "progress.json")],
    }.get(command, [])


@pytest.fixture(scope="module")
def busy():
    """An address something already listens on."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        yield "%s:%d" % s.getsockname()


def _project(tmp_path: Path, name: str) -> Path:
    project = make_project(tmp_path / name)
    record = {"v": 1, "course": "curso-ejemplo", "name": "", "q": {}, "quiz": {}}
    (project / "progress.json").write_text(json.dumps(record), encoding="utf-8")
    return project


def _argv(project: Path, command: str, args: list[str]) -> list[str]:
    return [sys.executable, str(REPO / "build_course.py"), "--project", str(project), command, *args]


def _run(argv: list[str], **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(argv, text=True, timeout=300, cwd=REPO, **kwargs)


def _shell(argv: list[str], pipe: str) -> tuple[int, str, str]:
    """``argv <pipe> head -1`` in bash: the command's exit status, head's line, the command's stderr
    (when the pipe leaves it apart)."""
    script = f"{shlex.join(argv)} {pipe} head -1; exit ${{PIPESTATUS[0]}}"
    done = _run(["bash", "-c", script], capture_output=True)
    return done.returncode, done.stdout, done.stderr


def _closed(argv: list[str], stream: str) -> subprocess.CompletedProcess:
    """Run with ``stream`` (stdout or stderr) a pipe whose reading end is closed before the command starts."""
    read, write = os.pipe()
    os.close(read)
    try:
        other = "stderr" if stream == "stdout" else "stdout"
        return _run(argv, **{stream: write, other: subprocess.PIPE})
    finally:
        os.close(write)


@pytest.mark.parametrize("command", COMMANDS)
def test_a_closed_pipe_ends_quietly(command, tmp_path, busy):
    project = _project(tmp_path, "plain")
    plain = _run(_argv(project, command, ARGS(command, project, busy)), capture_output=True)
    assert not PYTHON_ERROR.search(plain.stdout + plain.stderr), plain.stderr
    assert plain.stdout or plain.stderr, f"{command} printed nothing: give it arguments in ARGS"
    allowed = {plain.returncode, CLOSED_PIPE}

    project = _project(tmp_path, "head")
    code, line, err = _shell(_argv(project, command, ARGS(command, project, busy)), "|")
    assert code in allowed, err
    assert not PYTHON_ERROR.search(err), err
    assert line == "".join(plain.stdout.splitlines(keepends=True)[:1])

    project = _project(tmp_path, "head-both")
    code, line, _ = _shell(_argv(project, command, ARGS(command, project, busy)), "2>&1 |")
    assert code in allowed and not PYTHON_ERROR.search(line), (code, line)
    assert line == "".join((plain.stdout or plain.stderr).splitlines(keepends=True)[:1]) or line and \
        plain.stdout and plain.stderr  # both streams: either may come first

    project = _project(tmp_path, "closed-stdout")
    done = _closed(_argv(project, command, ARGS(command, project, busy)), "stdout")
    assert done.returncode == (CLOSED_PIPE if plain.stdout else plain.returncode), done.stderr
    assert not PYTHON_ERROR.search(done.stderr) and "broken pipe" not in done.stderr.lower(), done.stderr

    project = _project(tmp_path, "closed-stderr")
    done = _closed(_argv(project, command, ARGS(command, project, busy)), "stderr")
    # a traceback would have gone to the closed stderr: Python's status for one (1, or 120) shows it
    assert done.returncode == (CLOSED_PIPE if plain.stderr else plain.returncode), done.stdout


def _one_sentence(done: subprocess.CompletedProcess) -> None:
    assert done.returncode not in (0, CLOSED_PIPE), (done.returncode, done.stdout, done.stderr)
    assert done.stderr.strip(), "no word of what is wrong"
    assert not PYTHON_ERROR.search(done.stdout + done.stderr), done.stderr


@pytest.mark.parametrize("command", COMMANDS)
def test_garbage_input_is_a_sentence_and_a_failure(command, tmp_path, busy):
    project = _project(tmp_path, "garbage")
    rng = random.Random(command)
    for rel in ("course/course.yml", "mkdocs.yml", "quizzes/q-primeros.yml"):
        (project / rel).write_bytes(bytes(rng.randrange(256) for _ in range(3000)))
    _one_sentence(_run(_argv(project, command, ARGS(command, project, busy)), capture_output=True))


@pytest.mark.parametrize("command", COMMANDS)
def test_a_missing_project_is_a_sentence_and_a_failure(command, tmp_path, busy):
    project = tmp_path / "no-such-folder"
    done = _run(_argv(project, command, ARGS(command, project, busy)), capture_output=True)
    _one_sentence(done)
    if command != "new" or ARGS(command, project, busy)[0] != "course":
        assert done.returncode == 2 and "no-such-folder" in done.stderr, done.stderr


def test_verify_without_its_progress_file_is_a_sentence_and_a_failure(tmp_path):
    project = _project(tmp_path, "p")
    _one_sentence(_run(_argv(project, "verify", [str(project / "no-such-progress.json")]), capture_output=True))


def test_verify_with_a_garbage_code_is_a_sentence_and_exit_2(tmp_path):
    project = _project(tmp_path, "p")
    done = _run(_argv(project, "verify", ["\u00b7\u00ff" + "%$#" * 20]), capture_output=True)
    _one_sentence(done)
    assert done.returncode == 2, done.stderr
