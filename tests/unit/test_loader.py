"""loader + schema: the example course as data, and how shape problems are reported."""
from __future__ import annotations

from pathlib import Path

import pytest

from course_builder.diagnostics import Mark, Reporter
from course_builder.loader import load_course, load_quiz, split_front_matter
from course_builder.schema import Fields, did_you_mean
from course_builder.yamlsrc import parse

EXAMPLE = Path(__file__).resolve().parents[1] / "fixtures" / "example_course"
LANGS = ("es", "en")


@pytest.fixture(scope="module")
def course():
    rep = Reporter(EXAMPLE)
    loaded = load_course(EXAMPLE, rep)
    assert rep.items == []
    return loaded


def test_course_metadata(course):
    assert (course.id, course.version, course.languages, course.default_language) == \
        ("curso-ejemplo", "0.1.0", ("es", "en"), "es")
    assert (course.pass_mark, course.hours) == (70, 1.0)
    assert course.title == {"es": "Curso de ejemplo", "en": "Example course"}
    assert course.issuers == ({"es": "Equipo de prueba", "en": "Test team"},)
    assert [g.id for g in course.glossary] == ["migrante"]
    assert course.glossary[0].term == {"es": "persona migrante", "en": "migrant"}
    assert course.programme is None


def test_pages_modules_and_front_matter(course):
    assert course.home.slug == "inicio" and not course.home.is_module
    assert [m.slug for m in course.modules] == ["01-primeros-pasos", "02-segundo-modulo"]
    assert course.pages == ()
    m1 = course.modules[0]
    assert m1.is_module and set(m1.versions) == {"es", "en"}
    es, en = m1.versions["es"], m1.versions["en"]
    assert (es.title, en.title) == ("Primeros pasos", "First steps")
    assert (es.duration, es.objectives, es.keypoints) == \
        (20, ("Definir el término persona migrante.",), ("La protección no depende del estatus migratorio.",))
    assert es.body_line == 10 and es.body.startswith("## Conceptos\n")
    assert course.home.versions["en"].duration is None and course.home.versions["en"].body_line == 5


def test_markers_are_read_with_their_source_lines(course):
    m2 = course.modules[1].versions
    assert [(m.kind, m.ref, m.line) for m in m2["es"].markers] == [("case", "caso-ana", 14), ("quiz", "q-segundo", 16),
                                                                      ("quiz", "final", 18)]
    assert [(m.kind, m.ref, m.line) for m in m2["en"].markers] == [("case", "caso-ana", 14), ("quiz", "q-segundo", 16),
                                                                      ("quiz", "final", 18)]
    assert [(m.ref, m.line) for m in course.modules[0].versions["es"].markers] == [("q-primeros", 18)]


def test_quizzes_questions_and_answer_keys(course):
    assert sorted(course.quizzes) == ["final", "pool-a", "q-primeros", "q-segundo"]
    final, pool = course.quizzes["final"], course.quizzes["pool-a"]
    assert (final.kind, final.draw, final.pools, final.pass_mark, final.questions) == ("assessment", 3, ("pool-a",), 60, ())
    assert [(q.id, q.type) for q in pool.questions] == [("ej-p1", "fill_in"), ("ej-p2", "ordering"), ("ej-p3", "matching")]
    assert pool.questions[0].answers == {"es": ("devolución",), "en": ("refoulement",)}
    assert [i.id for i in pool.questions[1].items] == ["s1", "s2", "s3"] and pool.questions[1].items[0].right is None
    assert pool.questions[2].items[1].right == {"es": "Sistema de asilo", "en": "Asylum system"}
    q1, q2 = course.quizzes["q-primeros"], course.quizzes["q-segundo"]
    assert (q1.kind, q1.pass_mark, q1.shuffle, q1.reveal_after, q1.graded) == ("quiz", 70, False, 0, True)
    assert q2.pass_mark == 50  # its own pass_mark beats the course default
    assert [(q.id, q.type) for q in q1.questions] == [("ej-q1", "single"), ("ej-q2", "true_false")]
    single, tf = q1.questions
    assert [(o.id, o.correct) for o in single.options] == [("a", False), ("b", True)]
    assert single.options[1].text == {"es": "De las necesidades de la persona", "en": "The person's needs"}
    assert single.mark == Mark("quizzes/q-primeros.yml", 3, 5)
    assert (tf.answer, tf.options) == (False, ())
    assert tf.prompt["en"] == "“Migrant” is a legal category in international law."
    multiple = q2.questions[0]
    assert (multiple.type, [o.correct for o in multiple.options]) == ("multiple", [True, True, False])


def test_case_graph_is_loaded(course):
    case = course.cases["caso-ana"]
    assert (case.start, list(case.nodes)) == ("inicio", ["inicio", "bien", "mal"])
    assert [c.next for c in case.nodes["inicio"].choices] == ["bien", "mal"]
    assert (case.nodes["bien"].ending, case.nodes["mal"].ending, case.nodes["inicio"].ending) == ("good", "poor", None)
    assert case.nodes["mal"].mark == Mark("cases/caso-ana.yml", 17, 3)
    assert case.debrief == {"es": "Escuchar primero protege.", "en": "Listening first protects."}


def test_other_question_types_and_assessment(tmp_path):
    (tmp_path / "quizzes").mkdir()
    path = tmp_path / "quizzes" / "q-tipos.yml"
    path.write_text("""title: {es: "Tipos", en: "Types"}
kind: pool
shuffle: true
questions:
  - id: t-fill
    type: fill_in
    prompt: {es: "No ______", en: "Non-______"}
    answers: {es: ["devolución", "devolucion"], en: ["refoulement"]}
  - id: t-order
    type: ordering
    prompt: {es: "Ordene", en: "Order"}
    items:
      - {id: s1, text: {es: "uno", en: "one"}}
      - {id: s2, text: {es: "dos", en: "two"}}
      - {id: s3, text: {es: "tres", en: "three"}}
  - id: t-match
    type: matching
    prompt: {es: "Empareje", en: "Match"}
    pairs:
      - {id: p1, left: {es: "a", en: "a"}, right: {es: "1", en: "1"}}
      - {id: p2, left: {es: "b", en: "b"}, right: {es: "2", en: "2"}}
      - {id: p3, left: {es: "c", en: "c"}, right: {es: "3", en: "3"}}
""", encoding="utf-8")
    final = tmp_path / "quizzes" / "final.yml"
    final.write_text('title: {es: "Final", en: "Final"}\nkind: assessment\ndraw: 2\npools: [q-tipos]\n')
    rep = Reporter(tmp_path)
    pool = load_quiz(path, LANGS, 70, rep)
    assessment = load_quiz(final, LANGS, 70, rep)
    assert rep.items == []
    assert (pool.kind, pool.shuffle) == ("pool", True)
    fill, order, match = pool.questions
    assert fill.answers == {"es": ("devolución", "devolucion"), "en": ("refoulement",)}
    assert [(i.id, i.text["en"], i.right) for i in order.items] == [("s1", "one", None), ("s2", "two", None),
                                                                     ("s3", "three", None)]
    assert [(i.id, i.right["es"]) for i in match.items] == [("p1", "1"), ("p2", "2"), ("p3", "3")]
    assert (assessment.kind, assessment.draw, assessment.pools, assessment.questions) == \
        ("assessment", 2, ("q-tipos",), ())


def test_key_that_does_not_apply_to_the_question_type(tmp_path):
    path = tmp_path / "q.yml"
    path.write_text('title: {es: "T", en: "T"}\nquestions:\n  - id: x1\n    type: true_false\n'
                    '    prompt: {es: "P", en: "P"}\n    answer: true\n    options: []\n')
    rep = Reporter(tmp_path)
    assert load_quiz(path, LANGS, 70, rep).questions == ()  # the broken question is left out
    assert [(d.line, d.col, d.code, d.message, d.hint) for d in rep.items] == [
        (7, 5, "schema.unknown-key", "question 'x1': 'options' does not apply to type 'true_false'",
         "type 'true_false' uses answer")]


@pytest.mark.parametrize("text, expected", [
    ("---\ntitle: x\n---\nbody\n", ("title: x", "body\n", 4)),
    ("---\ntitle: x\n...\n", ("title: x", "", 4)),
    ("---\n---\n", ("", "", 3)),
    ("title: x\n", None),
    ("---\ntitle: x\n", None),  # never closed
])
def test_split_front_matter(text, expected):
    assert split_front_matter(text) == expected


def _fields(text: str, known=("title", "n", "ok", "kind")):
    rep = Reporter(Path("/p"))
    node = parse(text, "f.yml", rep)
    return Fields(rep, node, "thing", known, LANGS), rep


def test_localized_needs_every_language_and_no_other():
    f, rep = _fields('title: {es: "Hola", fr: "Salut"}\n')
    assert f.localized("title") is None and not f.ok
    assert [(d.line, d.col, d.code, d.message) for d in rep.items] == [
        (1, 21, "schema.unknown-key", "thing: 'title': unknown key 'fr'"),
        (1, 8, "i18n.missing-language", "thing: 'title' has no 'en' text"),
    ]
    f, rep = _fields('title: "Hola"\n')
    assert f.localized("title") is None
    assert rep.items[0].hint == "write it as {es: ..., en: ...}"


def test_type_errors_explain_how_yaml_read_the_value():
    f, rep = _fields("title: no\nn: 150\nok: 'yes'\nkind: singel\ncolor: red\n")
    assert f.text("title") is None
    assert f.integer("n", True, 1, 100, 70) == 70
    assert f.boolean("ok", True) is None
    assert f.choice("kind", ("single", "multiple"), True) is None
    assert [(d.line, d.code, d.hint) for d in rep.sorted()] == [
        (1, "schema.type", "YAML reads 'no' as a true/false value; put it in quotes: \"no\""),
        (2, "schema.range", ""),
        (3, "schema.type", "write true or false (YAML does not read 'yes' as true/false)"),
        (4, "schema.choice", "did you mean 'single'?"),
        (5, "schema.unknown-key", "known keys: title, n, ok, kind"),
    ]


def test_did_you_mean():
    assert did_you_mean("corect", ["id", "text", "correct", "feedback"]) == "did you mean 'correct'?"
    assert did_you_mean("q-primero", ["q-primeros", "q-segundo"]) == "did you mean 'q-primeros'?"
    assert did_you_mean("zzz", ["title", "kind"]) == ""
