"""The exit from a frozen stack: ProperDocs (a continuation of MkDocs 1.x) builds the example course in place of MkDocs.

ProperDocs runs from a venv of its own made from requirements-properdocs.txt, where MkDocs is not installed at all;
the environment variable PROPERDOCS names that venv's `properdocs` executable (else `properdocs` on PATH is used).
The README's test command installs no ProperDocs, so there these tests skip; the workflow's `properdocs` job sets
PROPERDOCS, and a PROPERDOCS that names no executable fails rather than skips.
"""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from course_builder.cli import main
from tests.conftest import make_project

ENGINE = os.environ.get("PROPERDOCS") or shutil.which("properdocs")
EPOCH = "1796169600"  # the same date in both builds: the calendar files are stamped with it
# mkdocs-static-i18n looks for lunr's languages in the `mkdocs` distribution when it is imported (before the
# build counts warnings, so --strict is not affected); the course does not use lunr (no Material search).
KNOWN_WARNING = "WARNING -  mkdocs_static_i18n: Unable to detect lunr languages from mkdocs distribution"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not ENGINE, reason="ProperDocs is not installed: make a venv from "
                       "requirements-properdocs.txt and set PROPERDOCS to its bin/properdocs (README)"),
]


def properdocs_build(project: Path) -> subprocess.CompletedProcess:
    """ProperDocs' own CLI on the project's mkdocs.yml: our plugin regenerates docs/ from the sources."""
    assert Path(ENGINE).is_file(), f"PROPERDOCS={ENGINE} is not a file: install requirements-properdocs.txt"
    (project / "docs").mkdir(exist_ok=True)  # like MkDocs, ProperDocs refuses a missing docs_dir
    env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH)
    return subprocess.run([ENGINE, "build", "--strict", "-f", str(project / "mkdocs.yml"),
                           "-d", str(project / "site")], cwd=project, env=env, capture_output=True, text=True)


def warnings(proc: subprocess.CompletedProcess) -> list[str]:
    return [line for line in (proc.stdout + proc.stderr).splitlines()
            if line.startswith(("WARNING", "ERROR")) and line != KNOWN_WARNING]


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_properdocs_builds_the_site_mkdocs_builds_byte_for_byte(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    with_mkdocs = make_project(tmp_path / "mkdocs")
    assert main(["--project", str(with_mkdocs), "build", "--no-cache"]) == 0
    with_properdocs = make_project(tmp_path / "properdocs")
    proc = properdocs_build(with_properdocs)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert warnings(proc) == []

    expected, built = snapshot(with_mkdocs / "site"), snapshot(with_properdocs / "site")
    assert {"index.html", "en/index.html", "sw.js", "sitemap.xml"} <= built.keys()
    assert sorted(path for path in expected.keys() | built.keys() if expected.get(path) != built.get(path)) == []
    # the plugin ran: the CSP of on_post_page, and on_post_build once static-i18n had built every language
    assert 'http-equiv="Content-Security-Policy"' in built["en/01-primeros-pasos/index.html"].decode()
    assert b'"en":["en/01-primeros-pasos/"' in built["sw.js"]


@pytest.mark.parametrize("edit, says", [
    # ProperDocs' own link validation (its logger is `properdocs.*`)
    (("01-primeros-pasos/es.md", "es.md#ideas", "es.md#no-existe"), "contains a link"),
    # a warning of ours, logged by the plugin through a `mkdocs.*` logger, which ProperDocs counts as its own
    (("02-segundo-modulo/es.md", "## Ideas", "## Ideas\n\n## Otra sección\n\n## Y otra"), "warning[i18n.drift]"),
], ids=["broken-anchor", "hook-warning"])
def test_strict_properdocs_build_fails_on_a_warning(tmp_path, edit, says):
    project = make_project(tmp_path)
    page, old, new = edit
    source = project / "course" / page
    assert old in source.read_text()
    source.write_text(source.read_text().replace(old, new))
    proc = properdocs_build(project)
    output = proc.stdout + proc.stderr
    assert proc.returncode == 1, output
    assert "in strict mode!" in output
    assert any(says in line for line in warnings(proc)), output
