"""The programme's calendar files, read back with the `icalendar` parser (RFC 5545)."""
from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path

import icalendar  # requirements-dev.txt (test-only)
import pytest

from course_builder.cache import fingerprint
from course_builder.pipeline import generate, load
from course_builder.mkdocs_yml import site_url
from course_builder.render.calendar import build_time

from tests.conftest import REPO

EPOCH = 1767225600  # 2026-01-01T00:00:00Z
DEFAULT_URL = "https://crm-oim.github.io/curso-proteccion-migrantes/"  # mkdocs.yml's default site_url


@pytest.fixture
def shipped(tmp_path: Path) -> Path:
    """A copy of the shipped course (it has the programme page and its sessions), outside any git repository."""
    project = tmp_path / "project"
    project.mkdir()
    for name in ("course", "quizzes", "cases"):
        shutil.copytree(REPO / name, project / name)
    shutil.copy2(REPO / "mkdocs.yml", project / "mkdocs.yml")
    return project


def calendars(project: Path) -> dict[str, "icalendar.Calendar"]:
    course, diags = load(project)
    assert course is not None, diags
    generate(course, project / "docs")
    found = {p.relative_to(project / "docs").as_posix(): p for p in (project / "docs").rglob("*.ics")}
    assert found, "no .ics generated"
    return {rel: icalendar.Calendar.from_ical(path.read_bytes()) for rel, path in sorted(found.items())}


def events(cal) -> list:
    found = [c for c in cal.walk() if c.name == "VEVENT"]
    assert len(found) == 1
    return found


def test_absolute_url_and_reproducible_dtstamp(shipped, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    monkeypatch.setenv("SITE_URL", "https://example.org/curso")
    cals = calendars(shipped)
    assert {rel.split("/")[0] for rel in cals} == {"es", "en"}
    for rel, cal in cals.items():
        assert cal["VERSION"] == "2.0" and cal["PRODID"]
        (event,) = events(cal)
        url = str(event["URL"])
        page = "programa/" if rel.startswith("es/") else "en/programa/"
        assert url == "https://example.org/curso/" + page, rel
        assert event["DTSTAMP"].dt == dt.datetime.fromtimestamp(EPOCH, dt.timezone.utc), rel
        assert event["UID"] and event["SUMMARY"] and event["DTSTART"]
        start = event["DTSTART"].dt
        # DTSTAMP is when the file was made, not when the session happens (2021).
        assert event["DTSTAMP"].dt.year == 2026 and getattr(start, "year", None) == 2021


def test_site_url_from_mkdocs_yml_when_the_environment_has_none(shipped, monkeypatch):
    monkeypatch.delenv("SITE_URL", raising=False)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    assert site_url(shipped) == DEFAULT_URL
    for cal in calendars(shipped).values():
        (event,) = events(cal)
        assert str(event["URL"]).startswith(DEFAULT_URL)


def test_no_url_rather_than_a_relative_one(shipped, monkeypatch):
    monkeypatch.delenv("SITE_URL", raising=False)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    (shipped / "mkdocs.yml").write_text("site_name: x\ndocs_dir: docs\n", encoding="utf-8")
    for cal in calendars(shipped).values():
        (event,) = events(cal)
        assert "URL" not in event


def test_dtstamp_is_the_last_commit_of_the_sources(shipped, monkeypatch):
    if not shutil.which("git"):
        pytest.skip("git not installed")
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.org", GIT_COMMITTER_NAME="t",
               GIT_COMMITTER_EMAIL="t@example.org", GIT_AUTHOR_DATE="2025-03-04T05:06:07Z",
               GIT_COMMITTER_DATE="2025-03-04T05:06:07Z")
    for args in (["init", "-q"], ["add", "course", "quizzes", "cases"], ["commit", "-q", "-m", "sources"]):
        subprocess.run(["git", *args], cwd=shipped, env=env, check=True, capture_output=True)
    # A later commit that touches no source does not move the stamp.
    (shipped / "notes.txt").write_text("x", encoding="utf-8")
    later = dict(env, GIT_COMMITTER_DATE="2025-09-09T09:09:09Z", GIT_AUTHOR_DATE="2025-09-09T09:09:09Z")
    for args in (["add", "notes.txt"], ["commit", "-q", "-m", "other"]):
        subprocess.run(["git", *args], cwd=shipped, env=later, check=True, capture_output=True)
    expected = dt.datetime(2025, 3, 4, 5, 6, 7, tzinfo=dt.timezone.utc)
    assert build_time(shipped) == expected
    for cal in calendars(shipped).values():
        (event,) = events(cal)
        assert event["DTSTAMP"].dt == expected


def test_without_git_the_newest_source_file_gives_the_stamp(shipped, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    for path in shipped.rglob("*"):
        if path.is_file():
            os.utime(path, (1700000000, 1700000000))
    os.utime(shipped / "course" / "course.yml", (1700000500, 1700000500))
    assert build_time(shipped) == dt.datetime.fromtimestamp(1700000500, dt.timezone.utc)


def test_build_cache_notices_a_new_site_url_or_epoch(shipped, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    monkeypatch.setenv("SITE_URL", "https://a.example/")
    first = fingerprint(shipped)
    assert fingerprint(shipped) == first
    monkeypatch.setenv("SITE_URL", "https://b.example/")
    assert fingerprint(shipped) != first
    monkeypatch.setenv("SITE_URL", "https://a.example/")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH + 1))
    assert fingerprint(shipped) != first
