"""Shared test helpers: build a throw-away project from a fixture course."""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures"

if str(REPO) not in sys.path:  # `import course_builder` without installing the project
    sys.path.insert(0, str(REPO))


def pytest_sessionstart(session):  # noqa: ARG001
    """MkDocs finds the course-builder plugin by the installed package's entry point."""
    from importlib.metadata import entry_points
    if not any(ep.name == "course-builder" for ep in entry_points(group="mkdocs.plugins")):
        pytest.exit("the course-builder package is not installed in this venv: run scripts/install.sh "
                    "(it runs `pip install --no-deps -e .`)", returncode=4)


def make_project(tmp_path: Path, fixture: str = "example_course") -> Path:
    """Copy ``tests/fixtures/<fixture>`` plus mkdocs.yml and overrides/ into a new project folder.

    course_builder/ is symlinked, so a MkDocs process started in the copy (`serve`) imports the code under
    test. Returns the project folder.
    """
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / fixture, project, symlinks=True)
    shutil.copy2(REPO / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(REPO / "overrides", project / "overrides")
    (project / "course_builder").symlink_to(REPO / "course_builder", target_is_directory=True)
    return project


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A fresh copy of the example course, ready to check or build."""
    return make_project(tmp_path)
