"""validate: rules across files (answer keys, ids, placements, case graphs, links)."""
from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from course_builder import pipeline
from course_builder.diagnostics import Reporter, Severity
from course_builder.loader import load_course
from course_builder.model import CaseNode
from course_builder.validate import (check_case, check_links, check_placements, check_quizzes,
                                     iter_body_lines, validate)

EXAMPLE = Path(__file__).resolve().parents[1] / "fixtures" / "example_course"


def load(root: Path):
    rep = Reporter(root)
    course = load_course(root, rep)
    assert course is not None and rep.items == []
    return course, rep


@pytest.fixture
def course():
    return load(EXAMPLE)[0]


@pytest.fixture
def project(tmp_path):
    root = tmp_path / "p"
    shutil.copytree(EXAMPLE, root)
    return root


def diags(rep: Reporter) -> list[tuple]:
    return [(d.path, d.line, d.col, d.severity.value, d.code) for d in rep.sorted()]


def test_example_course_has_no_cross_file_problems(course):
    rep = Reporter(EXAMPLE)
    validate(course, rep)
    assert rep.items == []


def _with_question(course, quiz_id, index, **changes):
    quiz = course.quizzes[quiz_id]
    questions = list(quiz.questions)
    questions[index] = replace(questions[index], **changes)
    return replace(course, quizzes={**course.quizzes, quiz_id: replace(quiz, questions=tuple(questions))})


def test_single_needs_exactly_one_correct_option(course):
    single = course.quizzes["q-primeros"].questions[0]
    for flags, code in (((True, True), "quiz.several-correct"), ((False, False), "quiz.no-correct-option")):
        options = tuple(replace(o, correct=c) for o, c in zip(single.options, flags))
        rep = Reporter(EXAMPLE)
        check_quizzes(_with_question(course, "q-primeros", 0, options=options), rep)
        assert diags(rep) == [("quizzes/q-primeros.yml", 3, 5, "error", code)]
        assert rep.items[0].message == f"question 'ej-q1' is 'single' but has {sum(flags)} correct options"


def test_multiple_with_several_correct_is_fine_but_not_with_none(course):
    rep = Reporter(EXAMPLE)
    check_quizzes(course, rep)
    assert rep.items == []
    multiple = course.quizzes["q-segundo"].questions[0]
    options = tuple(replace(o, correct=False) for o in multiple.options)
    check_quizzes(_with_question(course, "q-segundo", 0, options=options), rep)
    assert diags(rep) == [("quizzes/q-segundo.yml", 6, 5, "error", "quiz.no-correct-option")]


def test_ids_unique_across_quizzes_and_within_a_question(course):
    changed = _with_question(course, "q-segundo", 0, id="ej-q2")
    multiple = changed.quizzes["q-segundo"].questions[0]
    options = (multiple.options[0], multiple.options[1], replace(multiple.options[2], id="b"))
    changed = _with_question(changed, "q-segundo", 0, options=options)
    rep = Reporter(EXAMPLE)
    check_quizzes(changed, rep)
    assert [(d.line, d.code, d.message) for d in rep.sorted()] == [
        (6, "quiz.duplicate-question", "question id 'ej-q2' is used twice (first at quizzes/q-primeros.yml:16)"),
        (19, "quiz.duplicate-option", "question 'ej-q2': option id 'b' is used twice (first at quizzes/q-segundo.yml:15)"),
    ]


def test_assessment_pools_and_draw(course):
    pool = replace(course.quizzes["q-segundo"], id="banco", kind="pool")
    final = replace(course.quizzes["q-primeros"], id="final", kind="assessment", questions=(), draw=5,
                    pools=("banco", "q-primeros", "nada"))
    rep = Reporter(EXAMPLE)
    quizzes = {"q-primeros": course.quizzes["q-primeros"], "banco": pool, "final": final}
    check_quizzes(replace(course, quizzes=quizzes), rep)
    assert [(d.code, d.hint) for d in rep.items] == [
        ("quiz.unknown-pool", "set 'kind: pool' in quizzes/q-primeros.yml"),
        ("quiz.unknown-pool", "create quizzes/nada.yml with 'kind: pool'"),
        ("quiz.draw-too-many", "lower 'draw' or add questions to the pools"),
    ]
    assert rep.items[2].message == "assessment 'final' draws 5 questions but its pools hold only 4"


def test_placements_mismatch_unplaced_and_twice(course):
    m1, m2 = course.modules
    en = m2.versions["en"]
    m2_changed = replace(m2, versions={**m2.versions, "en": replace(en, markers=en.markers[1:])})
    home_es = course.home.versions["es"]
    home = replace(course.home, versions={**course.home.versions,
                                          "es": replace(home_es, markers=m1.versions["es"].markers)})
    rep = Reporter(EXAMPLE)
    check_placements(replace(course, home=home, modules=(replace(m1, versions={}), m2_changed)), rep)
    assert diags(rep) == [
        ("course/02-segundo-modulo/en.md", 10, 1, "error", "i18n.marker-mismatch"),
        ("course/inicio/en.md", 5, 1, "error", "i18n.marker-mismatch"),
    ]
    assert rep.sorted()[0].message == "en.md places [quiz q-segundo, quiz final] but es.md places [case caso-ana, quiz q-segundo, quiz final]"
    rep = Reporter(EXAMPLE)
    check_placements(replace(course, modules=(replace(m1, versions={}), m2)), rep)
    assert diags(rep) == [("quizzes/q-primeros.yml", 0, 0, "warning", "quiz.unplaced")]
    rep = Reporter(EXAMPLE)
    check_placements(replace(course, home=home), rep)
    twice = [d for d in rep.items if d.code == "quiz.placed-twice"]
    assert [(d.path, d.line, d.col, d.message) for d in twice] == [
        ("course/01-primeros-pasos/es.md", 18, 1, "quiz 'q-primeros' is placed twice: at course/inicio/es.md:18:1 "
         "and course/01-primeros-pasos/es.md:18:1")]


def _case(course, nodes, start="inicio"):
    return replace(course.cases["caso-ana"], start=start, nodes={n.id: n for n in nodes})


def _node(course, name, ending=None, nexts=()):
    base = course.cases["caso-ana"].nodes["inicio"]
    choice = base.choices[0]
    return CaseNode(name, base.text, tuple(replace(choice, next=n) for n in nexts), ending, base.mark)


def test_case_graph_rules(course):
    case = _case(course, [_node(course, "inicio", nexts=("medio", "bienn")), _node(course, "medio", nexts=("inicio",)),
                          _node(course, "bien", "good"), _node(course, "raro", "poor", nexts=("bien",)),
                          _node(course, "vacio")])
    rep = Reporter(EXAMPLE)
    check_case(case, rep)
    got = [(d.code, d.message, d.hint) for d in rep.items]
    assert got == [
        ("case.missing-node", "case 'caso-ana': a choice of node 'inicio' leads to missing node 'bienn'",
         "did you mean 'bien'?"),
        ("case.ending-with-choices", "case 'caso-ana': node 'raro' is an ending but has choices",
         "remove 'ending' or 'choices'"),
        ("case.dead-end", "case 'caso-ana': node 'vacio' has no choices and is not an ending",
         "add choices, or mark it 'ending: good|mixed|poor'"),
        ("case.unreachable", "case 'caso-ana': node 'bien' cannot be reached from 'inicio'",
         "add a choice leading to it, or delete it"),
        ("case.unreachable", "case 'caso-ana': node 'raro' cannot be reached from 'inicio'",
         "add a choice leading to it, or delete it"),
        ("case.unreachable", "case 'caso-ana': node 'vacio' cannot be reached from 'inicio'",
         "add a choice leading to it, or delete it"),
        ("case.no-ending", "case 'caso-ana' has no reachable ending", ""),
    ]


def test_case_missing_start_stops_the_graph_checks(course):
    rep = Reporter(EXAMPLE)
    check_case(replace(course.cases["caso-ana"], start="inicios"), rep)
    assert [(d.line, d.col, d.code, d.hint) for d in rep.items] == [(1, 1, "case.missing-node", "did you mean 'inicio'?")]


def test_iter_body_lines_skips_fences_and_blanks_inline_code(course):
    version = replace(course.home.versions["en"], body_line=7,
                      body="a `[x](y.md)` b\n```\n[x](y.md)\n```\n~~~\n```\n~~~\nend")
    assert list(iter_body_lines(version)) == [(7, "a " + " " * 11 + " b"), (14, "end")]


LINKS_PAGE = """---
title: Home
description: Links.
---
[ok](../01-primeros-pasos/en.md#ideas) [web](https://example.org/x.md) [mail](mailto:a@b.c) [top](#top)
![img](../01-primeros-pasos/niveles.svg "Levels") [angle](<../02-segundo-modulo/en.md>) [empty]()
[gone](../03-nada/en.md) ![pic](missing.png) [es](../02-segundo-modulo/es.md) [up](../../cases/caso-ana.yml)
`[code](nope.md)` [term](glossary:migrante) [bad](glossary:migrant) [%](../01-primeros-pasos/en%2Emd)
"""


def test_links_images_and_glossary_terms(project):
    (project / "course" / "inicio" / "en.md").write_text(LINKS_PAGE, encoding="utf-8")
    course, rep = load(project)
    version = course.home.versions["en"]
    check_links(version, course, {"migrante"}, rep)
    assert [(d.line, d.col, d.severity.value, d.code, d.message) for d in rep.sorted()] == [
        (7, 1, "error", "link.broken", "link target '../03-nada/en.md' does not exist"),
        (7, 26, "error", "link.broken", "image target 'missing.png' does not exist"),
        (7, 46, "warning", "link.other-language", "a en page links to the es version '../02-segundo-modulo/es.md'"),
        (7, 79, "error", "link.outside", "link '../../cases/caso-ana.yml' points outside course/"),
        (8, 45, "error", "link.unknown-term", "glossary term 'migrant' does not exist"),
    ]
    assert rep.sorted()[4].hint == "did you mean 'migrante'?"


def test_validation_waits_for_a_clean_load_and_review_is_only_a_note(project):
    page = project / "course" / "inicio" / "es.md"
    page.write_text("---\ntitle: Inicio\ndescription: D.\nreview: pending-expert\n---\n[x](nada.md)\n",
                    encoding="utf-8")
    course, found = pipeline.load(project)
    assert [(d.path, d.line, d.severity.value, d.code) for d in found] == [
        ("course/inicio/es.md", 1, "note", "page.review"),
        ("course/inicio/es.md", 6, "error", "link.broken"),
    ]
    assert not pipeline.has_errors(found[:1]) and pipeline.has_errors(found)
    (project / "quizzes" / "q-segundo.yml").write_text("title: x\n", encoding="utf-8")
    course, found = pipeline.load(project)  # a load error: cross-file rules (the link) are not run
    assert [(d.path, d.code) for d in found if d.severity is not Severity.NOTE] == [
        ("quizzes/q-segundo.yml", "schema.missing"), ("quizzes/q-segundo.yml", "schema.type")]


def test_a_glossary_pending_review_is_a_note_and_its_page_shows_the_notice(project):
    from course_builder.render.pages import PageRenderer
    glossary = project / "course" / "glossary.yml"
    glossary.write_text("review: pending-expert\n" + glossary.read_text(encoding="utf-8"), encoding="utf-8")
    course, found = pipeline.load(project)
    assert [(d.path, d.line, d.severity.value, d.code) for d in found] == [
        ("course/glossary.yml", 1, "note", "page.review")]
    _, text = PageRenderer(course, "es").glossary_page()
    lines = [line for line in text.split("---\n\n", 1)[1].splitlines() if line.strip()]
    assert lines[0].startswith("# ") and lines[1].startswith('<p class="cb-review" role="note">')
    _, app = PageRenderer(course, "es").app_page("certificado", "certificate")
    assert app.count('class="cb-review"') == 1  # the certificate says the course is pending review
    glossary.write_text(glossary.read_text(encoding="utf-8").replace("pending-expert", "done"), encoding="utf-8")
    course, found = pipeline.load(project)
    assert [(d.path, d.line, d.code) for d in found] == [("course/glossary.yml", 1, "page.review-value")]
