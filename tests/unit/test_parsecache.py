"""parsecache: an unchanged source is not parsed again, and a cached parse is the same as a fresh one."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from course_builder import parsecache, pipeline, yamlsrc
from course_builder.diagnostics import Mark, Reporter
from course_builder.yamlsrc import YScalar, load_file
from tests.conftest import make_project
from tests.test_diagnostics import CASES, apply_case, load_case

QUIZ = "title: {es: Hola, en: Hi}\nquestions:\n  - id: q1\n    options: [a, b]\n    correct: true\n"


def _no_parsing(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("parsed although the file did not change")
    monkeypatch.setattr(yamlsrc, "parse", refuse)


@pytest.fixture
def root(tmp_path, monkeypatch):
    monkeypatch.delenv(parsecache.DISABLE_ENV, raising=False)
    (tmp_path / "quizzes").mkdir()
    (tmp_path / "quizzes" / "q.yml").write_text(QUIZ)
    (tmp_path / "docs").mkdir()  # a built project
    return tmp_path


def _load(root: Path, rel: str = "quizzes/q.yml"):
    rep = Reporter(root)
    return load_file(root / rel, rep), rep.items


def test_an_unchanged_file_is_not_parsed_again_and_gives_the_same_nodes(root, monkeypatch):
    first, diags = _load(root)
    assert diags == [] and list((root / parsecache.FOLDER).iterdir())
    _no_parsing(monkeypatch)
    again, diags = _load(root)
    assert diags == [] and again == first
    assert again.get("questions").items[0].get("correct") == YScalar(Mark("quizzes/q.yml", 5, 14), True, "bool", "true")


def test_a_change_is_seen_even_with_the_same_size_and_modification_time(root):
    path = root / "quizzes" / "q.yml"
    _load(root)
    stat = path.stat()
    path.write_text(QUIZ.replace("Hola", "Adiós").replace("Hi", "By"))  # same length
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    node, _ = _load(root)
    assert node.get("title").get("es").value == "Adiós"


def test_a_renamed_file_reports_its_new_name(root):
    _load(root)
    (root / "quizzes" / "q.yml").rename(root / "quizzes" / "r.yml")
    node, _ = _load(root, "quizzes/r.yml")
    assert node.mark.path == "quizzes/r.yml" and node.key_mark("title") == Mark("quizzes/r.yml", 1, 1)


def test_files_with_problems_are_not_stored_so_they_are_reported_every_time(root):
    (root / "quizzes" / "q.yml").write_text(QUIZ + "title: again\n")
    for _ in range(2):
        _, diags = _load(root)
        assert [d.code for d in diags] == ["yaml.duplicate-key"]
    assert not (root / parsecache.FOLDER).exists()


def test_entries_of_other_code_or_damaged_entries_are_misses(root, monkeypatch):
    first, _ = _load(root)
    entry = next((root / parsecache.FOLDER).iterdir())
    monkeypatch.setattr(parsecache, "VERSION", b"another generator")
    assert parsecache.get(root, "quizzes/q.yml", QUIZ) is None
    assert _load(root)[0] == first  # parsed again and stored for this version
    assert parsecache.get(root, "quizzes/q.yml", QUIZ) is not None
    for damage in (b"", b"\x00garbage", entry.read_bytes()[:-7]):
        entry.write_bytes(damage)
        assert parsecache.get(root, "quizzes/q.yml", QUIZ) is None
        assert _load(root)[0] == first


def test_dates_are_parsed_every_time_not_stored(root):
    (root / "quizzes" / "q.yml").write_text("date: 2026-05-01\n")
    assert _load(root)[0].get("date").kind == "timestamp"
    assert not (root / parsecache.FOLDER).exists()


def test_an_unwritable_project_or_the_switch_just_means_no_cache(root, monkeypatch):
    (root / ".cache").write_text("a file where the folder would go")
    assert _load(root)[0].get("title") is not None
    (root / ".cache").unlink()
    monkeypatch.setenv(parsecache.DISABLE_ENV, "1")
    _load(root)
    assert not (root / ".cache").exists()


def test_a_project_that_is_only_checked_is_left_as_it_was(root):
    (root / "docs").rmdir()
    _load(root)
    assert sorted(p.name for p in root.iterdir()) == ["quizzes"]


def test_a_warm_cache_loads_the_same_course_with_the_same_diagnostics(tmp_path, monkeypatch):
    monkeypatch.delenv(parsecache.DISABLE_ENV, raising=False)
    project = make_project(tmp_path)
    (project / "docs").mkdir()
    cold = pipeline.load(project)
    assert list((project / parsecache.FOLDER).iterdir())
    assert pipeline.load(project) == cold


@pytest.mark.parametrize("case_path", CASES, ids=[p.stem for p in CASES])
def test_the_diagnostics_corpus_reports_the_same_with_a_warm_cache(case_path, tmp_path, monkeypatch):
    monkeypatch.delenv(parsecache.DISABLE_ENV, raising=False)
    project = make_project(tmp_path)
    apply_case(project, load_case(case_path))
    (project / "docs").mkdir(exist_ok=True)
    cold = pipeline.load(project)[1]
    assert pipeline.load(project)[1] == cold
