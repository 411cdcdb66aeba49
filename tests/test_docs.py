"""The docs tell the truth: every output shown in README.md / AUTHORING.md is what the tool prints, and every
command they show is one the command line accepts.

An output block is preceded by `<!-- output: NAME -->`; OUTPUTS[NAME] makes the mistake on a copy of the
example course (tests/fixtures/example_course) and runs `check`. After changing a message, regenerate the
blocks with `UPDATE_DOCS=1 .venv/bin/python -m pytest tests/test_docs.py` and review the diff.
"""
from __future__ import annotations

import os
import re
import shlex
import shutil
from pathlib import Path

import pytest

from course_builder.cli import build_parser, main
from tests.conftest import REPO, make_project

DOCS = [REPO / "README.md", REPO / "AUTHORING.md"]
BLOCK = re.compile(r"<!-- output: (?P<name>[a-z-]+) -->\n```(?:text)?\n(?P<body>.*?)```", re.S)


def readme_block(after: str) -> str:
    """The fenced block that follows the line ``after`` in README.md."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    start = text.index(after)
    m = re.compile(r"```[a-z]*\n(.*?)```", re.S).search(text, start)
    return m.group(1)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def key_typo(project: Path) -> None:
    """README's own quiz example, with `corect:` typed for `correct:`."""
    quiz = readme_block("`quizzes/m8-seguimiento.yml`:")
    (project / "quizzes" / "m8-seguimiento.yml").write_text(quiz.replace("correct: true", "corect: true", 1))


def unquoted(project: Path) -> None:
    _edit(project / "quizzes" / "q-primeros.yml", 'text: {es: "Del estatus migratorio", en: "Migration status"}',
          "text: {es: no, en: no}")


def marker_typo(project: Path) -> None:
    _edit(project / "course" / "01-primeros-pasos" / "es.md", "::: quiz q-primeros", "::: quiz q-primero")


def one_language(project: Path) -> None:
    (project / "course" / "02-segundo-modulo" / "en.md").unlink()


def two_correct(project: Path) -> None:
    _edit(project / "quizzes" / "q-primeros.yml", "correct: false", "correct: true")


def stale(project: Path) -> None:
    assert main(["--project", str(project), "--quiet", "status", "--mark", "01-primeros-pasos"]) == 0
    _edit(project / "course" / "01-primeros-pasos" / "es.md", "se desplaza fuera", "se desplaza, por cualquier motivo, fuera")


def new_module(project: Path) -> list[str]:
    """README's `new module` example runs on the course of this repository (its own final assessment)."""
    for name in ("course", "quizzes", "cases"):
        shutil.rmtree(project / name, ignore_errors=True)
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, project / name)
    return ["new", "module", "08-seguimiento"]


OUTPUTS = {"key-typo": key_typo, "unquoted": unquoted, "marker-typo": marker_typo, "one-language": one_language,
           "two-correct": two_correct, "stale": stale, "new-module": new_module}


def check_output(tmp_path: Path, name: str, capsys) -> str:
    """The output of the command behind block ``name``: `check`, unless the mistake names another command."""
    project = make_project(tmp_path / name)
    capsys.readouterr()
    argv = OUTPUTS[name](project) or ["check"]
    capsys.readouterr()
    main(["--project", str(project), *argv])
    captured = capsys.readouterr()
    return captured.out + captured.err


def test_every_output_block_is_named_and_the_main_ones_exist():
    names = [m.group("name") for doc in DOCS for m in BLOCK.finditer(doc.read_text(encoding="utf-8"))]
    assert set(names) <= set(OUTPUTS), set(names) - set(OUTPUTS)
    assert set(OUTPUTS) <= set(names), f"not shown in the docs: {set(OUTPUTS) - set(names)}"


@pytest.mark.parametrize("name", sorted(OUTPUTS))
def test_output_blocks_are_the_real_output(name, tmp_path, capsys):
    real = check_output(tmp_path, name, capsys)
    for doc in DOCS:
        text = doc.read_text(encoding="utf-8")
        for m in BLOCK.finditer(text):
            if m.group("name") != name:
                continue
            if os.environ.get("UPDATE_DOCS") == "1":
                text = text[:m.start("body")] + real + text[m.end("body"):]
                doc.write_text(text, encoding="utf-8")
                continue
            assert m.group("body") == real, f"{doc.name}: block '{name}' differs from the real output:\n{real}"


# Placeholders the docs use in commands, and what stands in for them when the parser reads the command.
PLACEHOLDERS = {"<folder>": "01-marco-conceptual", "<id>": "m1-q1", "NN-slug": "08-slug", "ID": "m8-x",
                "FOLDER": "01-marco-conceptual", "DIR": "out", "L": "es", "HOST:PORT": "127.0.0.1:8000"}


def documented_commands() -> list[str]:
    """Every `build_course.py …` command line in the docs' code (not the usage table's [optional] syntax)."""
    found = []
    for doc in DOCS + [None]:
        text = doc.read_text(encoding="utf-8") if doc else build_parser().epilog
        for m in re.finditer(r"(?:\.venv/bin/python )?build_course\.py((?: [^\s`|\[\]…\\]+)*)", text):
            args = m.group(1).strip()
            if args and re.match(r"(-|[a-z]+\b)", args) and not args.startswith("("):
                found.append(args)
    return sorted(set(found))


def test_every_documented_command_is_accepted():
    parser = build_parser()
    commands = documented_commands()
    assert len(commands) > 10
    subcommands = set(parser._subparsers._group_actions[0].choices)
    for args in commands:
        if args.split()[0] not in subcommands and not args.startswith("-"):
            continue  # prose such as "build_course.py from course/…"
        argv = [PLACEHOLDERS.get(a, a) for a in shlex.split(args)]
        try:
            parser.parse_args(argv)
        except SystemExit as exc:
            pytest.fail(f"documented command is refused: build_course.py {args} ({exc})")


def test_docs_never_call_a_bare_python():
    """Outside the venv, `python build_course.py` is a traceback (no MkDocs): the docs name the venv's Python."""
    for doc in DOCS:
        for lineno, line in enumerate(doc.read_text(encoding="utf-8").splitlines(), 1):
            assert not re.search(r"(?<![/.\w])python3? build_course\.py", line), f"{doc.name}:{lineno}: {line}"
    assert "python build_course.py" not in build_parser().format_help().replace(".venv/bin/python build", "")


def test_readme_commands_and_ci_entry_point():
    """README's two commands, exactly as written, and .ci/run runs the test one verbatim."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    build = "scripts/install.sh && .venv/bin/python build_course.py build"
    tests = "scripts/install.sh --test && .venv/bin/python -m pytest -q"
    assert f"```bash\n{build}\n```" in readme and f"```bash\n{tests}\n```" in readme
    assert tests in (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()
