"""The course this repository ships (course/, quizzes/, cases/) is clean under `check --strict`:
no error, no warning (a stale or drifted translation is a warning)."""
from __future__ import annotations

from course_builder.cli import main as cli_main
from tests.conftest import REPO


def test_the_real_course_passes_strict_check(capsys):
    assert cli_main(["--project", str(REPO), "check", "--strict"]) == 0, capsys.readouterr().out
