"""Every field of every YAML kind, mutated: wrong type, empty, missing, and an extra key.
The loader accepts the result or reports a located problem; it never raises.
Plus a property-based test feeding generated quiz documents to the loader."""
from __future__ import annotations

import copy
import shutil

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
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


def mutants():
    for rel in FILES:
        doc = yaml.safe_load((EXAMPLE / rel).read_text())
        for where, key in paths(doc):
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


def test_every_field_is_covered():
    assert len(ALL) >= 400


@pytest.mark.parametrize("rel, where, key, kind", ALL)
def test_mutated_field_is_reported_or_accepted(tmp_path, rel, where, key, kind):
    project = tmp_path / "p"
    shutil.copytree(EXAMPLE, project)
    doc = yaml.safe_load((project / rel).read_text())
    (project / rel).write_text(yaml.safe_dump(mutate(doc, where, key, kind), allow_unicode=True))
    course, diags = load(project)
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


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(doc=st.dictionaries(KEYS, DOCS, max_size=6))
def test_generated_quiz_documents_never_crash_the_loader(tmp_path_factory, doc):
    project = tmp_path_factory.mktemp("h")
    shutil.copytree(EXAMPLE, project, dirs_exist_ok=True)
    (project / "quizzes" / "generated.yml").write_text(yaml.safe_dump(doc, allow_unicode=True))
    course, diags = load(project)
    for d in diags:
        if d.severity is Severity.ERROR and d.path == "quizzes/generated.yml":
            assert d.line >= 1, d.format()
