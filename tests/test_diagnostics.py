"""Golden diagnostics corpus: every file in tests/fixtures/diagnostics/ is one malformed project.

A case file is YAML:

    description: what is wrong
    files:            # path (relative to the project) -> full new text, or null to delete the file
      quizzes/q-primeros.yml: |
        ...
    files_b64:        # path -> base64 of the exact bytes (non-UTF-8, BOM, CRLF ...)
      course/inicio/es.md: "LS0t..."
    symlinks:         # path -> link target (the existing file, if any, is replaced)
      quizzes/q-primeros.yml: /etc/passwd
    generate:         # a big file made here instead of stored: path, size_mb [, head]
      path: quizzes/q-grande.yml
      size_mb: 5
    generate_nested:  # "[[[...]]]" nested `depth` levels
      path: quizzes/q-primeros.yml
      depth: 1000
    expected:         # "path:line:col: severity[code]" (or "path: severity[code]") of every error and
      - "..."         # warning `check` reports, notes ignored; in check's order (path, line, col, ...)
    message_contains: [...]   # optional: each string appears in some reported message
    hint_contains: [...]      # optional: each string appears in some reported hint

For every case `check` must report exactly `expected`, exit 1 when an error is expected (0 otherwise)
and never print a traceback. Then `build` over a site/ holding sentinel bytes must stop before MkDocs,
leave site/ byte-identical, create no docs/ and leave no `.site.build-*` folder.
"""
from __future__ import annotations

import base64
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from course_builder import cli

CORPUS = Path(__file__).resolve().parent / "fixtures" / "diagnostics"
CASES = sorted(CORPUS.glob("*.yml"))
CASE_KEYS = {"description", "files", "files_b64", "symlinks", "generate", "generate_nested",
             "expected", "message_contains", "hint_contains"}

DIAG = re.compile(r"^(?P<path>\S+?)(?::(?P<line>\d+):(?P<col>\d+))?: "
                  r"(?P<sev>error|warning|note)\[(?P<code>[\w.-]+)\]: (?P<msg>.*)$")
KEY = re.compile(r"^(\S+?)(?::(\d+):(\d+))?: (\S+)$")
SENTINEL = b"<!-- sentinel: the previous good site -->\n\x00\xff"


@dataclass
class Reported:
    key: str  # "path:line:col: severity[code]" or "path: severity[code]"
    severity: str
    message: str
    hint: str


def order(key: str) -> tuple:
    """Sort key of an expected line: by path, then line and column as numbers (whole file first)."""
    m = KEY.match(key)
    assert m, f"malformed expected line {key!r}"
    return m[1], int(m[2] or 0), int(m[3] or 0), m[4]


def parse_output(text: str) -> list[Reported]:
    out: list[Reported] = []
    for line in text.splitlines():
        m = DIAG.match(line)
        if m:
            loc = m["path"] + (f":{m['line']}:{m['col']}" if m["line"] else "")
            out.append(Reported(f"{loc}: {m['sev']}[{m['code']}]", m["sev"], m["msg"], ""))
        elif line.startswith("    hint: ") and out:
            out[-1].hint = line[len("    hint: "):]
    return out


def load_case(path: Path) -> dict:
    case = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(case, dict), path
    unknown = set(case) - CASE_KEYS
    assert not unknown, f"{path.name}: unknown keys {unknown}"
    assert case.get("description"), f"{path.name}: no description"
    assert isinstance(case.get("expected"), list), f"{path.name}: 'expected' must be a list"
    return case


def _inside(project: Path, rel: str) -> Path:
    assert not Path(rel).is_absolute() and ".." not in Path(rel).parts, f"{rel}: must stay in the project"
    return project / rel


def _target(project: Path, rel: str) -> Path:
    """Where to write ``rel``: an existing file or link there is removed first."""
    target = _inside(project, rel)
    if target.is_symlink() or target.is_file():
        target.unlink()
    target.parent.mkdir(parents=True, exist_ok=True)
    return target


def apply_case(project: Path, case: dict) -> None:
    """Apply a corpus case's changes over a project made by conftest.make_project()."""
    for rel, content in (case.get("files") or {}).items():
        target = _inside(project, rel)
        if content is None:
            assert target.exists() or target.is_symlink(), f"cannot delete missing {rel}"
            if target.is_dir() and not target.is_symlink():
                shutil.rmtree(target)
            else:
                target.unlink()
        else:
            _target(project, rel).write_bytes(content.encode("utf-8"))
    for rel, data in (case.get("files_b64") or {}).items():
        _target(project, rel).write_bytes(base64.b64decode(data))
    for rel, link in (case.get("symlinks") or {}).items():
        _target(project, rel).symlink_to(link)
    if gen := case.get("generate"):
        head = gen.get("head", "").encode("utf-8")
        size = int(gen["size_mb"] * 1024 * 1024)
        filler = b"# " + b"x" * 77 + b"\n"
        body = filler * ((size - len(head)) // len(filler) + 1)
        _target(project, gen["path"]).write_bytes((head + body)[:size])
    if nested := case.get("generate_nested"):
        depth = int(nested["depth"])
        _target(project, nested["path"]).write_bytes(b"[" * depth + b"]" * depth + b"\n")


def run(argv: list[str], capsys) -> tuple[int, str]:
    code = cli.main(argv)
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def test_corpus_is_large_enough():
    assert len(CASES) >= 30


@pytest.mark.parametrize("case_path", CASES, ids=[p.stem for p in CASES])
def test_diagnostics(case_path: Path, project: Path, capsys):
    case = load_case(case_path)
    expected = case["expected"]
    assert expected == sorted(expected, key=order), f"{case_path.name}: keep 'expected' in order"
    apply_case(project, case)

    code, output = run(["--project", str(project), "check"], capsys)
    assert "Traceback" not in output
    reported = parse_output(output)
    got = sorted((r.key for r in reported if r.severity != "note"), key=order)
    assert got == expected, output
    has_error = any("error[" in e for e in expected)
    assert code == (1 if has_error else 0), output
    for text in case.get("message_contains") or []:
        assert any(text in r.message for r in reported), f"no message contains {text!r}:\n{output}"
    for text in case.get("hint_contains") or []:
        assert any(text in r.hint for r in reported), f"no hint contains {text!r}:\n{output}"

    if not has_error:
        return
    site = project / "site"
    site.mkdir()
    (site / "index.html").write_bytes(SENTINEL)
    code, output = run(["--project", str(project), "build"], capsys)
    assert code == 1, output
    assert "Traceback" not in output
    assert "Build stopped" in output
    assert sorted(p.name for p in site.iterdir()) == ["index.html"]
    assert (site / "index.html").read_bytes() == SENTINEL
    assert not list(project.glob(".site.build-*"))
    assert not (project / "docs").exists()
