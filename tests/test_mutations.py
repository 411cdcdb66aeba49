"""Every field of every YAML kind, mutated: wrong type, empty, missing, and an extra key.
The loader accepts the result or reports a located problem; it never raises.
Plus a property-based test feeding generated quiz documents to the loader.

The example course is copied once per module; each case writes its one mutated file and puts the
original back (or removes the file it added) before the next case runs."""
from __future__ import annotations

import copy
import shutil
from contextlib import contextmanager
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from course_builder.diagnostics import Severity
from course_builder.pipeline import load
from tests.conftest import FIXTURES

EXAMPLE = FIXTURES / "example_course"
FILES = ["course/course.yml", "course/glossary.yml", "quizzes/q-primeros.yml", "quizzes/q-segundo.yml",
         "quizzes/pool-a.yml", "quizzes/final.yml", "cases/caso-ana.yml"]
WHOLE_FILE_CODES = {"i18n.missing-page", "course.unlisted-folder", "quiz.unplaced", "quiz.placed-twice",
                    "file.empty", "course.missing", "course.unusable"}


def paths(node, prefix=()):
    """Every (path to a mapping, key) in a YAML document."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield prefix, key
            yield from paths(value, (*prefix, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from paths(value, (*prefix, i))


# Each file parsed once: every case mutates a deep copy of its document (and writes it with libyaml's
# emitter when PyYAML has it: the same YAML, several times faster).
ORIGINALS = {rel: yaml.safe_load((EXAMPLE / rel).read_text()) for rel in FILES}
DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def mutants():
    for rel in FILES:
        for where, key in paths(ORIGINALS[rel]):
            for kind in ("wrong-type", "empty", "missing", "extra"):
                yield pytest.param(rel, where, key, kind, id=f"{rel}:{'.'.join(map(str, (*where, key)))}:{kind}")


def mutate(doc, where, key, kind):
    doc = copy.deepcopy(doc)
    target = doc
    for step in where:
        target = target[step]
    value = target[key]
    if kind == "wrong-type":
        target[key] = {"x": 1} if not isinstance(value, dict) else ["a", "b"]
    elif kind == "empty":
        target[key] = "" if not isinstance(value, (dict, list)) else type(value)()
    elif kind == "missing":
        del target[key]
    else:
        target[key + "_extra"] = "x"
    return doc


ALL = list(mutants())


@pytest.fixture(scope="module")
def shared(tmp_path_factory) -> Path:
    """One copy of the example course for the whole module (the loader only reads it)."""
    project = tmp_path_factory.mktemp("mutations") / "p"
    shutil.copytree(EXAMPLE, project)
    return project


@contextmanager
def written(project: Path, rel: str, text: str):
    """``rel`` holds ``text`` inside the block; afterwards the original bytes (or no file) again."""
    path = project / rel
    original = path.read_bytes() if path.exists() else None
    path.write_text(text)
    try:
        yield
    finally:
        if original is None:
            path.unlink()
        else:
            path.write_bytes(original)


def test_every_field_is_covered():
    assert len(ALL) >= 400


@pytest.mark.parametrize("rel, where, key, kind", ALL)
def test_mutated_field_is_reported_or_accepted(shared, rel, where, key, kind):
    mutated = yaml.dump(mutate(ORIGINALS[rel], where, key, kind), Dumper=DUMPER, allow_unicode=True)
    with written(shared, rel, mutated):
        course, diags = load(shared)
    errors = [d for d in diags if d.severity is Severity.ERROR]
    for d in errors:
        assert d.line >= 1 or d.code in WHOLE_FILE_CODES, d.format()
    if kind in ("wrong-type", "extra"):
        assert errors, f"{kind} of {key} was accepted silently"
    if course is None:
        assert errors


SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-5, 200), st.text(max_size=20),
                    st.sampled_from(["single", "multiple", "true_false", "fill_in", "ordering", "matching", "es",
                                     "en", "yes", "no", "2021-06-18", "10:00", "!!python/object"]))
KEYS = st.sampled_from(["id", "type", "prompt", "options", "text", "correct", "feedback", "explanation", "hint",
                        "answer", "answers", "items", "pairs", "left", "right", "es", "en", "title", "questions",
                        "kind", "pass_mark", "draw", "pools", "shuffle", "reveal_after", "graded", "extra"])
DOCS = st.recursive(SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                     st.dictionaries(KEYS, inner, max_size=6)), max_leaves=30)


def test_the_shared_copy_is_the_example_course_again(shared):
    """Runs after the cases above: every mutation was undone."""
    def files(root: Path) -> dict:
        return {p.relative_to(root): p.read_bytes() for p in root.rglob("*") if p.is_file()}
    assert files(shared) == files(EXAMPLE)


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(doc=st.dictionaries(KEYS, DOCS, max_size=6))
def test_generated_quiz_documents_never_crash_the_loader(shared, doc):
    with written(shared, "quizzes/generated.yml", yaml.safe_dump(doc, allow_unicode=True)):
        course, diags = load(shared)
    for d in diags:
        if d.severity is Severity.ERROR and d.path == "quizzes/generated.yml":
            assert d.line >= 1, d.format()
