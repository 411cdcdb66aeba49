"""Question bank exports for Moodle: Moodle XML read back with xml.etree, GIFT with a small parser of our own.

The GIFT reader below is written from Moodle's qformat_gift (blocks split on blank lines, ``//`` comment
lines, escapes, ``::name::``, ``[format]``, ``{answers}``, ``####`` general feedback, ``=``/``~``/``%w%``
answers, ``#`` feedback, ``->`` pairs); it shares no code with the exporter.
"""
from __future__ import annotations

import html
import re
import unicodedata
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import pytest

from course_builder.cli import main
from course_builder.diagnostics import Mark
from course_builder.export.gift import export_gift
from course_builder.export.moodle_xml import export_moodle_xml
from course_builder.model import Item, Option, Question, Quiz

from tests.conftest import FIXTURES, make_project

LANGS = ["es", "en"]
ORDER = ("q-primeros", "q-segundo", "pool-a")  # placed quizzes in page order, then the assessment's pools
MOODLE_GRADES = {100, 90, 83.33333, 80, 75, 70, 66.66667, 60, 50, 40, 33.33333, 30, 25, 20, 16.66667,
                 14.28571, 12.5, 11.11111, 10, 5, 0}
XML_TYPE = {"single": "multichoice", "multiple": "multichoice", "true_false": "truefalse",
            "fill_in": "shortanswer", "matching": "matching", "ordering": "ordering"}
AT = Mark("quizzes/x.yml", 1, 1)


# ------------------------------------------------------------------------------------------ helpers

def strip(markup: str) -> str:
    """The text a participant reads in an HTML field."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", markup)).split())


def plain(text: str) -> str:
    return " ".join(text.split())


def no_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def banked(course) -> list[tuple[Quiz, Question]]:
    return [(quiz, q) for quiz in course.quizzes.values() if quiz.kind in ("quiz", "pool") for q in quiz.questions]


def category(course, quiz, lang) -> str:
    """Moodle's category path: levels joined by "/", a "/" inside a name doubled."""
    return "$course$/" + "/".join(t.replace("/", "//") for t in (course.title[lang], quiz.title[lang]))


def run_export(export, course, out: Path, capsys, langs=LANGS) -> tuple[int, str]:
    result = export(course, FIXTURES / "example_course", langs, out)
    assert capsys.readouterr().err == ""  # only the CLI prints
    return result.code, "\n".join(result.messages)


# --------------------------------------------------------------------------------- Moodle XML reader

def read_xml(path: Path) -> tuple[list[str], dict[str, tuple[str, ET.Element]]]:
    """Categories in order, and every question by name with the category it is in."""
    root = ET.parse(path).getroot()
    assert root.tag == "quiz"
    categories: list[str] = []
    questions: dict[str, tuple[str, ET.Element]] = {}
    for el in root.findall("question"):
        if el.get("type") == "category":
            categories.append(el.findtext("category/text"))
            continue
        name = el.findtext("name/text")
        assert name not in questions, f"{name} twice"
        questions[name] = (categories[-1], el)
    return categories, questions


def xml_html(el: ET.Element, tag: str) -> str:
    node = el.find(tag)
    assert node is not None, tag
    assert node.get("format") == "html", tag
    return node.findtext("text") or ""


# --------------------------------------------------------------------------------------- GIFT reader

GIFT_ESCAPES = {"\\\\": "\ue000", "\\:": "\ue001", "\\#": "\ue002", "\\=": "\ue003", "\\{": "\ue004",
                "\\}": "\ue005", "\\~": "\ue006", "\\n": "\ue007"}
GIFT_CHARS = dict(zip(GIFT_ESCAPES.values(), ["\\", ":", "#", "=", "{", "}", "~", "\n"]))


def _protect(text: str) -> str:
    out, i = [], 0
    while i < len(text):
        if text[i:i + 2] in GIFT_ESCAPES:
            out.append(GIFT_ESCAPES[text[i:i + 2]])
            i += 2
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


def _text(protected: str) -> str:
    return "".join(GIFT_CHARS.get(c, c) for c in protected).strip()


def parse_gift(text: str) -> tuple[list[str], dict[str, dict]]:
    categories: list[str] = []
    questions: dict[str, dict] = {}
    for block in re.split(r"\n[ \t]*\n", text):
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        comments = "\n".join(line for line in lines if line.startswith("//"))
        body = _protect("\n".join(line for line in lines if not line.startswith("//")))
        if not body:
            continue
        if body.startswith("$CATEGORY:"):
            categories.append(body[len("$CATEGORY:"):].strip())
            continue
        assert body.startswith("::"), body
        name, sep, rest = body[2:].partition("::")
        assert sep, body
        start, end = rest.index("{"), rest.index("}")
        assert rest[end + 1:].strip() == "", "text after the answers"
        fmt = re.match(r"\[(\w+)\]", rest)
        idnumber = re.search(r"\[id:((?:\\\]|[^\]])+)\]", comments)
        q = {"category": categories[-1], "name": _text(name), "format": fmt.group(1) if fmt else None,
             "idnumber": idnumber.group(1) if idnumber else None,
             "text": _text(rest[fmt.end() if fmt else 0:start])}
        answers = rest[start + 1:end].strip()
        general = ""
        if "####" in answers:
            answers, _, general = answers.rpartition("####")
        q["general"] = _text(general)
        answers = answers.strip()
        if "~" in answers:
            q["type"], q["single"], q["answers"] = "multichoice", "=" in answers, []
            for part in re.split(r"(?=[=~])", answers):
                if not part.strip():
                    continue
                mark, part = part[0], part[1:].strip()
                weight = re.match(r"%(-?[0-9.]+)%", part)
                fraction = 100.0 if mark == "=" else float(weight.group(1)) if weight else 0.0
                if weight and mark == "~":
                    part = part[weight.end():]
                answer, _, feedback = part.partition("#")
                q["answers"].append((fraction, _text(answer), _text(feedback)))
        elif "=" in answers and "->" in answers:
            q["type"] = "matching"
            q["pairs"] = [tuple(_text(side) for side in pair.partition("->")[::2])
                          for pair in answers.split("=") if pair.strip()]
        elif answers.split("#")[0].strip() in ("T", "TRUE", "F", "FALSE"):
            q["type"], q["answer"] = "truefalse", answers.split("#")[0].strip() in ("T", "TRUE")
        else:
            q["type"], q["answers"] = "shortanswer", []
            for part in answers.split("="):
                if part.strip():
                    weight = re.match(r"\s*%(-?[0-9.]+)%", part)
                    fraction = float(weight.group(1)) if weight else 100.0
                    q["answers"].append((fraction, _text(part[weight.end() if weight else 0:].partition("#")[0])))
        assert q["name"] not in questions, f"{q['name']} twice"
        questions[q["name"]] = q
    return categories, questions


def test_gift_reader_reads_moodle_examples():
    """The reader itself, on GIFT as Moodle's documentation writes it."""
    cats, qs = parse_gift("$CATEGORY: $course$/A\n\n// [id:x1]\n::Q1:: Who\\: {=no one#right ~Grant#wrong}\n\n"
                          "::Q2:: 1+1\\=2 {T####because}\n\n::Q3::Capitals{=Canada -> Ottawa =Italy -> Rome}\n\n"
                          "::Q4::Name{=%100%nobody =%50%no one}\n")
    assert cats == ["$course$/A"]
    assert qs["Q1"]["idnumber"] == "x1" and qs["Q1"]["text"] == "Who:" and qs["Q1"]["single"]
    assert qs["Q1"]["answers"] == [(100.0, "no one", "right"), (0.0, "Grant", "wrong")]
    assert qs["Q2"]["type"] == "truefalse" and qs["Q2"]["answer"] and qs["Q2"]["general"] == "because"
    assert qs["Q2"]["text"] == "1+1=2"
    assert qs["Q3"]["pairs"] == [("Canada", "Ottawa"), ("Italy", "Rome")]
    assert qs["Q4"]["answers"] == [(100.0, "nobody"), (50.0, "no one")]


# -------------------------------------------------------------------------------- the example course

def test_moodle_xml_holds_every_question(course, tmp_path, capsys):
    code, report = run_export(export_moodle_xml, course, tmp_path, capsys)
    assert code == 0
    for lang in LANGS:
        categories, questions = read_xml(tmp_path / f"{course.id}-{lang}.xml")
        quizzes = [quiz for quiz in course.quizzes.values() if quiz.kind in ("quiz", "pool")]
        assert categories == [category(course, course.quizzes[i], lang) for i in ORDER]
        assert len(categories) == len(quizzes)  # the assessment has no category of its own
        # Ordering questions are in a file of their own, in the same categories: a Moodle without the
        # plugin imports the main file whole.
        assert sorted(questions) == sorted(q.id for _, q in banked(course) if q.type != "ordering")
        ordering_categories, ordering = read_xml(tmp_path / f"{course.id}-{lang}-ordering.xml")
        assert sorted(ordering) == sorted(q.id for _, q in banked(course) if q.type == "ordering")
        assert ordering_categories == [category(course, course.quizzes[i], lang) for i in ("q-segundo", "pool-a")]
        assert not set(questions) & set(ordering)
        questions.update(ordering)
        for quiz, q in banked(course):
            cat, el = questions[q.id]
            assert cat == category(course, quiz, lang)
            assert el.get("type") == XML_TYPE[q.type]
            assert el.findtext("idnumber") == q.id
            assert strip(xml_html(el, "questiontext")) == plain(q.prompt[lang])
            assert strip(xml_html(el, "generalfeedback")) == plain(q.explanation[lang] if q.explanation else "")
            hints = [strip(h.findtext("text")) for h in el.findall("hint")]
            assert hints == ([plain(q.hint[lang])] if q.hint else [])
            answers = el.findall("answer")
            if q.type in ("single", "multiple"):
                assert el.findtext("single") == ("true" if q.type == "single" else "false")
                assert [strip(a.findtext("text")) for a in answers] == [plain(o.text[lang]) for o in q.options]
                assert [strip(a.findtext("feedback/text") or "") for a in answers] == \
                    [plain(o.feedback[lang]) if o.feedback else "" for o in q.options]
                check_fractions(q, [float(a.get("fraction")) for a in answers])
            elif q.type == "true_false":
                truth = {a.findtext("text"): float(a.get("fraction")) for a in answers}
                assert truth == {"true": 100.0 if q.answer else 0.0, "false": 0.0 if q.answer else 100.0}
            elif q.type == "fill_in":
                assert el.findtext("usecase") == "0"
                got = [a.findtext("text") for a in answers]
                assert {float(a.get("fraction")) for a in answers} == {100.0}
                for accepted in q.answers[lang]:
                    assert accepted in got and no_accents(accepted) in got
            elif q.type == "matching":
                subs = el.findall("subquestion")
                assert [(strip(s.findtext("text")), s.findtext("answer/text")) for s in subs] == \
                    [(plain(i.text[lang]), plain(i.right[lang])) for i in q.items]
            else:
                assert el.findtext("selecttype") == "ALL"
                assert el.findtext("shownumcorrect") == "1"  # the plugin reads the value: empty is "off"
                assert [strip(a.findtext("text")) for a in answers] == [plain(i.text[lang]) for i in q.items]
    assert "ej-q5" in report and "ej-p2" in report and "requires the qtype_ordering plugin" in report
    assert "devolucion" in report  # the accent-free variant is announced
    assert report.count("3 categories, 7 questions") == 2
    assert report.count("2 categories, 2 questions: ordering 2") == 2
    parts = report.split("Moodle XML [")[1:]
    assert [p[:2] for p in parts] == ["es", "es", "en", "en"]
    for lang, main_part, ordering_part in (("es", *parts[:2]), ("en", *parts[2:])):
        ordering_part = ordering_part[len(lang) + 2:]
        assert f"in {course.id}-{lang}-ordering.xml instead (2)" in main_part
        assert "needs a plugin" not in main_part and "NOT exported" not in main_part
        assert ordering_part.startswith(str(tmp_path / f"{course.id}-{lang}-ordering.xml"))
        assert "needs a plugin (2)" in ordering_part and "only into a Moodle that has the qtype_ordering" in ordering_part
        assert "quiz settings" not in ordering_part  # said once, for the main file


def test_core_question_types_keep_the_empty_shownumcorrect(course, tmp_path, capsys):
    """Moodle's own exporter writes <shownumcorrect/> for core types, whose importer tests presence."""
    run_export(export_moodle_xml, course, tmp_path, capsys)
    _, questions = read_xml(tmp_path / f"{course.id}-es.xml")
    for _, el in questions.values():
        node = el.find("shownumcorrect")
        if el.get("type") in ("multichoice", "matching"):
            assert node is not None and not (node.text or "").strip()
        assert el.get("type") != "ordering"


def test_stale_ordering_file_is_removed(course, tmp_path, capsys):
    stale = tmp_path / f"{course.id}-es-ordering.xml"
    stale.write_text("old", encoding="utf-8")
    no_ordering = tuple(q for q in course.quizzes["q-primeros"].questions if q.type != "ordering")
    small = tiny_course(course, no_ordering)
    code, report = run_export(export_moodle_xml, small, tmp_path, capsys, ["es"])
    assert code == 0 and not stale.exists() and f"removed {stale}" in report
    assert "ordering" not in (tmp_path / f"{course.id}-es.xml").read_text(encoding="utf-8")


def check_fractions(q: Question, fractions: list[float]) -> None:
    assert set(fractions) <= MOODLE_GRADES | {-f for f in MOODLE_GRADES}
    right = [f for f, o in zip(fractions, q.options) if o.correct]
    wrong = [f for f, o in zip(fractions, q.options) if not o.correct]
    assert round(sum(right), 2) == 100 and len(set(right)) == 1
    if q.type == "single":
        assert wrong == [0.0] * len(wrong)
    else:
        assert all(f < 0 for f in wrong) and sum(fractions) <= 0.01  # ticking everything scores nothing


def test_gift_holds_every_question_but_ordering(course, tmp_path, capsys):
    code, report = run_export(export_gift, course, tmp_path, capsys)
    assert code == 0
    for lang in LANGS:
        text = (tmp_path / f"{course.id}-{lang}.gift").read_text(encoding="utf-8")
        categories, questions = parse_gift(text)
        assert categories == [category(course, course.quizzes[i], lang) for i in ORDER]
        expected = [(quiz, q) for quiz, q in banked(course) if q.type != "ordering"]
        assert sorted(questions) == sorted(q.id for _, q in expected)
        for quiz, q in expected:
            g = questions[q.id]
            assert g["category"] == category(course, quiz, lang)
            assert g["idnumber"] == q.id and g["format"] == "html"
            assert g["type"] == XML_TYPE[q.type]
            assert strip(g["text"]) == plain(q.prompt[lang])
            assert strip(g["general"]) == plain(q.explanation[lang] if q.explanation else "")
            if q.type in ("single", "multiple"):
                assert g["single"] == (q.type == "single")
                assert [strip(a[1]) for a in g["answers"]] == [plain(o.text[lang]) for o in q.options]
                assert [strip(a[2]) for a in g["answers"]] == [plain(o.feedback[lang]) if o.feedback else ""
                                                                for o in q.options]
                check_fractions(q, [a[0] for a in g["answers"]])
            elif q.type == "true_false":
                assert g["answer"] is q.answer
            elif q.type == "fill_in":
                got = [a[1] for a in g["answers"]]
                assert {a[0] for a in g["answers"]} == {100.0}
                for accepted in q.answers[lang]:
                    assert accepted in got and no_accents(accepted) in got
            else:
                assert [(strip(left), right) for left, right in g["pairs"]] == \
                    [(plain(i.text[lang]), plain(i.right[lang])) for i in q.items]
    skipped = report.split("NOT exported")[1]
    assert "ej-q5" in skipped and "ej-p2" in skipped and "export gift --ordering" in skipped
    assert report.count("3 categories, 7 questions") == 2
    assert not list(tmp_path.glob("*-ordering.gift"))  # only with --ordering


def test_only_the_requested_language(course, tmp_path, capsys):
    code, _ = run_export(export_gift, course, tmp_path, capsys, ["en"])
    assert code == 0 and [p.name for p in tmp_path.iterdir()] == [f"{course.id}-en.gift"]


def test_nothing_to_export_fails(course, tmp_path, capsys):
    empty = replace(course, quizzes={})
    for export in (export_gift, export_moodle_xml):
        code, report = run_export(export, empty, tmp_path, capsys)
        assert code == 1 and "0 questions" in report


# ---------------------------------------------------------------- escaping, grades, links: tiny course

# GIFT's special characters, markup, a CDATA terminator, and line breaks: a line starting with "//" would be
# a GIFT comment and a blank line would end the question, unless the exporter writes them as "\\n".
SPECIAL = ('Tilde ~ equals = hash # braces { } colon : backslash \\ arrow -> 50% & <b>bold</b> "q" ]]> end\n'
           '// not a comment\n\nsecond paragraph')


# Accepted answers as Moodle patterns: "*" is a wildcard there, so a literal one is "\\*".
FILL_EXPECTED = {"es": ["a~b=c#d{e}f:g\\h", "%50% Ñandú\\*", "%50% Nandu\\*"],
                 "en": ["a~b=c#d{e}f:g\\h", "x]]>y<&"]}


def _loc(text: str) -> dict[str, str]:
    return {"es": text + " (es)", "en": text + " (en)"}


def tiny_course(course, questions: tuple[Question, ...], title: str = "Quiz: a/b {x}"):
    quiz = Quiz("x", Path("quizzes/x.yml"), _loc(title), "quiz", 70, True, 0, True, questions)
    return replace(course, quizzes={"x": quiz})


def special_questions() -> tuple[Question, ...]:
    s = _loc(SPECIAL)
    options = (Option("a", _loc("right " + SPECIAL), True, _loc("yes " + SPECIAL), AT),
               Option("b", _loc("wrong " + SPECIAL), False, _loc("no " + SPECIAL), AT))
    return (
        Question("x-single", "single", s, s, s, AT, options=options),
        Question("x-multiple", "multiple", s, s, None, AT, options=options),
        Question("x-tf", "true_false", s, s, None, AT, answer=True),
        Question("x-fill", "fill_in", s, s, None, AT,
                 answers={"es": ("a~b=c#d{e}f:g\\h", "%50% Ñandú*"), "en": ("a~b=c#d{e}f:g\\h", "x]]>y<&")}),
        Question("x-match", "matching", s, s, None, AT,
                 items=tuple(Item(f"p{i}", _loc(f"left {i} " + SPECIAL), _loc(f"right {i} " + SPECIAL), AT)
                             for i in range(3))),
    )


def test_special_characters_round_trip_through_gift(course, tmp_path, capsys):
    small = tiny_course(course, special_questions())
    assert run_export(export_gift, small, tmp_path, capsys)[0] == 0
    for lang in LANGS:
        text = (tmp_path / f"{course.id}-{lang}.gift").read_text(encoding="utf-8")
        assert "<b>" not in text  # raw HTML in a field is shown, never interpreted
        cats, qs = parse_gift(text)
        assert cats == [f"$course$/{course.title[lang]}/Quiz: a//b {{x}} ({lang})"]
        special = plain(f"{SPECIAL} ({lang})")
        assert set(qs) == {"x-single", "x-multiple", "x-tf", "x-fill", "x-match"}
        for q in qs.values():
            assert strip(q["text"]) == special and strip(q["general"]) == special
        assert [(a[0], strip(a[1]), strip(a[2])) for a in qs["x-single"]["answers"]] == \
            [(100.0, "right " + special, "yes " + special), (0.0, "wrong " + special, "no " + special)]
        assert [a[0] for a in qs["x-multiple"]["answers"]] == [100.0, -100.0]
        assert qs["x-tf"]["answer"] is True
        assert [a[1] for a in qs["x-fill"]["answers"]] == FILL_EXPECTED[lang]
        assert [(strip(left), html.unescape(right)) for left, right in qs["x-match"]["pairs"]] == \
            [(f"left {i} {special}", f"right {i} {special}") for i in range(3)]


def test_special_characters_survive_moodle_xml(course, tmp_path, capsys):
    small = tiny_course(course, special_questions())
    assert run_export(export_moodle_xml, small, tmp_path, capsys)[0] == 0
    for lang in LANGS:
        raw = (tmp_path / f"{course.id}-{lang}.xml").read_text(encoding="utf-8")
        cats, qs = read_xml(tmp_path / f"{course.id}-{lang}.xml")
        special = plain(f"{SPECIAL} ({lang})")
        assert cats == [f"$course$/{course.title[lang]}/Quiz: a//b {{x}} ({lang})"]
        for _, el in qs.values():
            assert "<b>" not in xml_html(el, "questiontext")
            assert strip(xml_html(el, "questiontext")) == special
        answers = [a.findtext("text") for a in qs["x-fill"][1].findall("answer")]
        assert answers == FILL_EXPECTED[lang]
        subs = qs["x-match"][1].findall("subquestion")
        pairs = [(strip(s.findtext("text")), s.findtext("answer/text")) for s in subs]
        # Choices are strings for Moodle's format_string(): markup as entities, shown as written.
        assert [(left, html.unescape(right)) for left, right in pairs] == \
            [(f"left {i} {special}", f"right {i} {special}") for i in range(3)]
        assert "<b>" not in raw


def test_markdown_becomes_html_and_glossary_links_plain_text(course, tmp_path, capsys):
    md = {"es": "Un **término** y [la trata](glossary:trata-personas) y [otro](../01-x/es.md) "
                "y [js](javascript:alert(1))",
          "en": "A **term** and [trafficking](glossary:trata-personas \"t\") and [other](../01-x/en.md) "
                "and [js](javascript:alert(1))"}
    q = Question("x-md", "true_false", md, md, md, AT, answer=False)
    small = tiny_course(course, (q,))
    report = "\n".join(export_moodle_xml(small, FIXTURES, LANGS, tmp_path).messages
                       + export_gift(small, FIXTURES, LANGS, tmp_path).messages)
    _, qs = read_xml(tmp_path / f"{course.id}-en.xml")
    text = xml_html(qs["x-md"][1], "questiontext")
    assert "<strong>term</strong>" in text and "glossary" not in text and "javascript" not in text
    assert "trafficking" in text and "<a " in text  # the other links stay links
    assert [h.findtext("text") for h in qs["x-md"][1].findall("hint")] == [text]
    _, gift = parse_gift((tmp_path / f"{course.id}-es.gift").read_text(encoding="utf-8"))
    assert "<strong>término</strong>" in gift["x-md"]["text"] and "glossary" not in gift["x-md"]["text"]
    assert "../01-x/es.md" in report and "the hint (GIFT has no hints)" in report


def test_fractions_for_many_options(course, tmp_path, capsys):
    def multiple(qid: str, right: int, wrong: int) -> Question:
        options = tuple(Option(f"o{i}", _loc(f"option {i}"), i < right, None, AT) for i in range(right + wrong))
        return Question(qid, "multiple", _loc("Which?"), None, None, AT, options=options)

    shapes = {"m-3-1": (3, 1), "m-1-3": (1, 3), "m-6-6": (6, 6), "m-11-2": (11, 2), "m-2-15": (2, 15)}
    small = tiny_course(course, tuple(multiple(k, *v) for k, v in shapes.items()))
    code, report = run_export(export_moodle_xml, small, tmp_path, capsys, ["en"])
    assert code == 0
    _, qs = read_xml(tmp_path / f"{course.id}-en.xml")
    for qid, (right, wrong) in shapes.items():
        fractions = [float(a.get("fraction")) for a in qs[qid][1].findall("answer")]
        assert set(fractions) <= MOODLE_GRADES | {-f for f in MOODLE_GRADES}
        assert len(set(fractions[:right])) == 1 and fractions[0] > 0
        assert sum(fractions[right:]) <= -100 + 0.01  # ticking everything cannot score
        assert fractions[0] * right + sum(fractions[right:]) <= 0.01
    assert qs["m-3-1"][1].findall("answer")[0].get("fraction") == "33.33333"
    # 100/15 is not a grade: rounded away from 0 so that ticking everything still scores nothing.
    assert [float(a.get("fraction")) for a in qs["m-2-15"][1].findall("answer")][2] == -10
    assert "m-11-2" in report and "100/11 is not a Moodle grade" in report
    assert "m-2-15" in report and "m-6-6" not in report and "m-3-1" not in report


def test_gift_reports_what_it_cannot_express(course, tmp_path, capsys):
    arrow = Question("x-arrow", "fill_in", _loc("Type"), None, None, AT,
                     answers={"es": ("a->b",), "en": ("a->b",)})
    small = tiny_course(course, (arrow,))
    code, report = run_export(export_gift, small, tmp_path, capsys)
    assert code == 1 and "x-arrow" in report.split("NOT exported")[1]
    assert run_export(export_moodle_xml, small, tmp_path, capsys)[0] == 0


# ---------------------------------------------------------------------------------------------- CLI

@pytest.mark.parametrize("args, names", [
    (["gift"], ["curso-ejemplo-en.gift", "curso-ejemplo-es.gift"]),
    (["gift", "--ordering"], ["curso-ejemplo-en-ordering.gift", "curso-ejemplo-en.gift",
                              "curso-ejemplo-es-ordering.gift", "curso-ejemplo-es.gift"]),
    (["moodle-xml"], ["curso-ejemplo-en-ordering.xml", "curso-ejemplo-en.xml",
                      "curso-ejemplo-es-ordering.xml", "curso-ejemplo-es.xml"]),
])
def test_cli_export(tmp_path, capsys, args, names):
    project = make_project(tmp_path)
    out = tmp_path / "out"
    assert main(["--project", str(project), "export", *args, "--out", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == names
    err = capsys.readouterr().err
    assert "3 categories" in err


def test_cli_ordering_is_for_gift_only(tmp_path, capsys):
    project = make_project(tmp_path)
    assert main(["--project", str(project), "export", "moodle-xml", "--ordering", "--out", str(tmp_path)]) == 2
    assert "--ordering is for gift only" in capsys.readouterr().err


def test_question_banks_load_neither_the_pipeline_nor_the_mkdocs_runner():
    import subprocess
    import sys
    code = ("import sys, course_builder.export.gift, course_builder.export.moodle_xml; "
            "print(sorted(m for m in sys.modules if m.startswith(('course_builder.', 'mkdocs', 'jinja2'))))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                            cwd=Path(__file__).resolve().parents[2]).stdout
    assert "course_builder.pipeline" not in loaded and "course_builder.site" not in loaded
    assert "course_builder.render" not in loaded and "mkdocs" not in loaded and "jinja2" not in loaded
