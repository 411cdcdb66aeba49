"""GIFT export read by third-party and by Moodle's own rules.

- gift-pegjs (npm, pinned in tests/js/package.json, test-only) parses every GIFT file we write. It has no
  rule for the qtype_ordering plugin's syntax: it reads an ordering question as a short-answer question
  whose one answer is the ``>N ALL …`` header and the item lines, which still checks that the file splits
  into the right questions, names, texts, general feedback, categories and ids.
- The ordering variant is checked against a port of what Moodle does on import: qformat_gift's
  readquestion (comment lines blanked, escapes, ``::name::``, the braces, the general feedback taken off
  at the last ``####``), then either the plugin's ``import_from_gift`` pattern (Moodle 4.4+ copy of
  questiontype.php) on what is left of the braces, or, without the plugin, Moodle's own choice of type.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from course_builder.diagnostics import Mark
from course_builder.export.gift import export_gift, without_plugin
from course_builder.export.questions import Texts
from course_builder.model import Item, Question, Quiz
from course_builder.pipeline import load

from tests.conftest import FIXTURES, REPO
from tests.unit.test_export_moodle import plain, strip

LANGS = ["es", "en"]
JS = REPO / "tests" / "js"
AT = Mark("quizzes/x.yml", 1, 1)


# ------------------------------------------------------------------------- Moodle's reading of ordering

# qtype_ordering's import_from_gift (Moodle 4.4+ core copy), the same alternatives in the same order.
_SELECTTYPE = r"(?:ALL|EXACT|RANDOM|REL|CONTIGUOUS|CONTIG)?"
_LAYOUTTYPE = r"(?:HORIZONTAL|HORI|H|1|VERTICAL|VERT|V|0)?"
_GRADINGTYPE = (r"(?:ALL_OR_NOTHING|ABSOLUTE_POSITION|ABSOLUTE|ABS|RELATIVE_NEXT_EXCLUDE_LAST|"
                r"RELATIVE_NEXT_INCLUDE_LAST|RELATIVE_ONE_PREVIOUS_AND_NEXT|RELATIVE_ALL_PREVIOUS_AND_NEXT|"
                r"RELATIVE_TO_CORRECT|RELATIVE|RELLONGEST_ORDERED_SUBSET|LONGEST_CONTIGUOUS_SUBSET)?")
_SHOWGRADING = r"(?:SHOW|TRUE|YES|1|HIDE|FALSE|NO|0)?"
_NUMBERING = r"(?:none|123|abc|ABCD|iii|IIII)?"
PLUGIN = re.compile(r"^\s*>\s*(\d+)\s*(" + _SELECTTYPE + r")\s*(" + _LAYOUTTYPE + r")\s*(" + _GRADINGTYPE
                    + r")\s*(" + _SHOWGRADING + r")\s*(" + _NUMBERING + r")\s*(.*?)\s*$", re.S)
GIFT_PLACEHOLDERS = {"\\:": "&&058;", "\\#": "&&035;", "\\=": "&&061;", "\\{": "&&123;", "\\}": "&&125;",
                     "\\~": "&&126;", "\\n": "&&010"}


def _escaped_pre(text: str) -> str:
    text = text.replace("\\\\", "&&092;")
    for seq, placeholder in GIFT_PLACEHOLDERS.items():
        text = text.replace(seq, placeholder)
    return text.replace("&&092;", "\\")


def _escaped_post(text: str) -> str:
    for seq, placeholder in GIFT_PLACEHOLDERS.items():
        text = text.replace(placeholder, seq[1] if seq != "\\n" else "\n")
    return text


def _core_type(answers: str) -> str:
    """qformat_gift's choice of question type when no plugin claims the braces."""
    if answers.startswith("#"):
        return "numerical"
    if "~" in answers:
        return "multichoice"
    if "=" in answers and "->" in answers:
        return "match"
    check = answers[:answers.index("#")].strip() if answers.find("#") > 0 else answers
    return "truefalse" if check in ("T", "TRUE", "F", "FALSE") else "shortanswer"


def moodle_reads_gift(text: str, plugin: bool = True) -> tuple[list[str], dict[str, dict]]:
    """Categories, and the ordering questions of a GIFT file as Moodle imports them, with the qtype_ordering
    plugin or (``plugin=False``) without it."""
    categories, questions = [], {}
    for block in re.split(r"\n[ \t]*\n", text):
        lines = [line.strip() for line in block.split("\n") if line.strip()]  # qformat_default trims lines
        lines = [" " if line.startswith("//") else line for line in lines]    # comments blanked
        joined = "\n".join(lines).strip()
        if not joined:
            continue
        body = _escaped_pre(joined)
        if body.startswith("$CATEGORY:"):
            categories.append(body[len("$CATEGORY:"):].strip())
            continue
        assert body.startswith("::"), body
        name, _, rest = body[2:].partition("::")
        start, end = rest.index("{"), rest.index("}")
        answers = rest[start + 1:end].strip()
        questiontext = rest[:start] + rest[end + 1:]
        general = ""
        if "####" in answers:
            answers, _, general = answers.rpartition("####")
            answers = answers.strip()
        fmt = re.match(r"\[(\w+)\]", questiontext)
        got = {"category": categories[-1], "format": fmt.group(1) if fmt else None,
               "text": _escaped_post(questiontext[fmt.end() if fmt else 0:]).strip(),
               "general": _escaped_post(general).strip()}
        questions[_escaped_post(name).strip()] = got
        if not plugin:
            got["type"] = _core_type(answers)
            got["answers"] = [a.strip() for a in answers.split("=") if a.strip()]  # shortanswer's reading
            continue
        m = PLUGIN.match(answers)
        assert m, f"the ordering plugin would not recognise:\n{joined}"
        items = [line.strip() for line in m.group(7).split("\n") if line.strip()]
        count = int(m.group(1))
        got.update(type="ordering", selectcount=count if 2 <= count <= len(items) else min(6, len(items)),
                   selecttype=m.group(2), layouttype=m.group(3), gradingtype=m.group(4), showgrading=m.group(5),
                   numberingstyle=m.group(6), items=items)
    return categories, questions


def category(course, quiz, lang) -> str:
    return "$course$/" + "/".join(t.replace("/", "//") for t in (course.title[lang], quiz.title[lang]))


def test_ordering_questions_in_the_plugins_gift_syntax(course, tmp_path):
    result = export_gift(course, FIXTURES / "example_course", LANGS, tmp_path, ordering=True)
    assert result.code == 0
    report = "\n".join(result.messages)
    ordering = [(quiz, q) for quiz in course.quizzes.values() if quiz.kind in ("quiz", "pool")
                for q in quiz.questions if q.type == "ordering"]
    assert len(ordering) == 2 and all(q.explanation for _, q in ordering)
    for lang in LANGS:
        main = (tmp_path / f"{course.id}-{lang}.gift").read_text(encoding="utf-8")
        assert "{>" not in main
        text = (tmp_path / f"{course.id}-{lang}-ordering.gift").read_text(encoding="utf-8")
        cats, qs = moodle_reads_gift(text)
        assert sorted(qs) == sorted(q.id for _, q in ordering)
        for quiz, q in ordering:
            got = qs[q.id]
            assert got["category"] == category(course, quiz, lang) and got["format"] == "html"
            assert strip(got["text"]) == plain(q.prompt[lang])
            assert strip(got["general"]) == plain(q.explanation[lang])  # the plugin keeps the general feedback
            assert got["items"] == [plain(i.text[lang]) for i in q.items]  # the correct order
            assert (got["selectcount"], got["selecttype"], got["layouttype"], got["gradingtype"],
                    got["showgrading"], got["numberingstyle"]) == (
                        len(q.items), "ALL", "VERTICAL", "ABSOLUTE_POSITION", "SHOW", "")
        # Without the plugin nothing is refused: each question is a short answer nobody can answer right.
        _, bare = moodle_reads_gift(text, plugin=False)
        for quiz, q in ordering:
            assert bare[q.id]["type"] == "shortanswer" and strip(bare[q.id]["general"]) == plain(q.explanation[lang])
            (accepted,) = bare[q.id]["answers"]
            assert accepted.startswith(f">{len(q.items)} ALL VERTICAL")
            assert accepted.endswith(plain(q.items[-1].text[lang]))
        top = " ".join(line[3:] for line in text.split("\n\n")[0].split("\n"))
        assert "A Moodle without the qtype_ordering plugin does NOT refuse this file: it imports each question " \
               "below as a short-answer question whose only accepted answer is the raw text between its braces, " \
               "so it scores 0 even for the right order." in top
        assert "Recommended instead: the Moodle XML export" in top and "Except" not in top
    assert report.count("2 categories, 2 questions: ordering 2") == 2
    assert report.count("without it Moodle makes it a short-answer question whose only accepted answer is the raw "
                        "text between the braces: it scores 0 even for the right order") == 4
    assert "general feedback not exported" not in report and "imports without it" in report
    assert report.count("WITHOUT the qtype_ordering plugin Moodle does not refuse this file") == 2
    for lang in LANGS:
        only_xml = report.split(f"GIFT [{lang}] ")[1].split("kept only by the Moodle XML export")[1]
        assert "ej-q1 (multichoice (one answer), quiz q-primeros): shuffle the choices off, as the quiz says" \
            in only_xml
        assert 'ej-q3 (multichoice (several answers), quiz q-segundo): "show the number of correct responses"' \
            in only_xml


def test_what_moodle_makes_of_an_ordering_question_without_the_plugin():
    assert without_plugin(">3 ALL VERTICAL ABSOLUTE_POSITION SHOW\na\nb\nc").startswith("a short-answer question")
    assert without_plugin(">3 ALL\na ~ b\nc\nd").startswith("a multiple-choice question")
    assert without_plugin(">3 ALL\n<a href=x>a</a> -> b\nc\nd").startswith("an error")
    for answers, expected in ((">3 ALL\na\nb\nc", "shortanswer"), (">3 ALL\na ~ b\nc", "multichoice"),
                              (">3 ALL\na = b -> c\nd", "match")):
        assert _core_type(answers) == expected


def _loc(text: str) -> dict[str, str]:
    return {"es": text + " (es)", "en": text + " (en)"}


def _ordering_course(course, *questions: Question):
    quiz = Quiz("x", Path("quizzes/x.yml"), _loc("Quiz: a/b"), "quiz", 70, True, 0, True, tuple(questions))
    return replace(course, quizzes={"x": quiz})


def _ordering(qid: str, prompt: str, items: list[str]) -> Question:
    return Question(qid, "ordering", _loc(prompt), _loc("why"), None, AT,
                    items=tuple(Item(f"i{n}", _loc(text), None, AT) for n, text in enumerate(items)))


def test_ordering_special_characters(course, tmp_path):
    odd = ["Tilde ~ equals = hash # colon : arrow -> 50% & <b>b</b>", "**strong** step", "back\\slash"]
    small = _ordering_course(
        course,
        _ordering("x-ok", "Order: these ~ = # : & <i>", odd),
        _ordering("x-abc", "Order", ["abc first", "123 second", "third"]),
        _ordering("x-brace-text", "Order {these}", ["a", "b", "c"]),
        _ordering("x-brace-item", "Order", ["a", "b}", "c"]),
        _ordering("x-comment-item", "Order", ["// a", "b", "c"]),
        _ordering("x-escape-item", "Order", ["C:\\new", "b", "c"]))
    result = export_gift(small, FIXTURES, LANGS, tmp_path, ordering=True)
    assert result.code == 0
    report = "\n".join(result.messages)
    skipped = report.split("NOT exported")[1].split("kept only by")[0]
    assert all(q in skipped for q in ("x-brace-text", "x-brace-item", "x-comment-item", "x-escape-item"))
    assert "x-ok" not in skipped and "x-abc" not in skipped
    assert "x-ok (ordering, quiz x): requires the qtype_ordering plugin (standard from Moodle 4.4; on older " \
           "sites from moodle.org/plugins): without it Moodle makes it a multiple-choice question" in report
    for lang in LANGS:
        text = (tmp_path / f"{course.id}-{lang}-ordering.gift").read_text(encoding="utf-8")
        assert "<b>" not in text and "<i>" not in text  # raw HTML in a field is shown, never interpreted
        _, qs = moodle_reads_gift(text)
        assert list(qs) == ["x-ok", "x-abc"]
        assert strip(qs["x-ok"]["text"]) == f"Order: these ~ = # : & <i> ({lang})"
        items = qs["x-ok"]["items"]
        assert [strip(i) for i in items] == [f"{t.replace('**', '')} ({lang})" for t in odd]
        assert "<strong>strong</strong>" in items[1]
        # a first item starting with a numbering style's word keeps it (else the plugin takes it for the style)
        assert qs["x-abc"]["numberingstyle"] == "" and [strip(i) for i in qs["x-abc"]["items"]] == \
            [f"abc first ({lang})", f"123 second ({lang})", f"third ({lang})"]
        _, bare = moodle_reads_gift(text, plugin=False)
        assert bare["x-ok"]["type"] == "multichoice" and bare["x-abc"]["type"] == "shortanswer"
        top = " ".join(line[3:] for line in text.split("\n\n")[0].split("\n"))
        assert "Except x-ok, which it makes a multiple-choice question" in top


# --------------------------------------------------------------------------------------- gift-pegjs

def gift_pegjs(*files: Path) -> list[dict]:
    node = shutil.which("node")
    if node is None or not (JS / "node_modules" / "gift-pegjs").is_dir():
        if os.environ.get("CI"):
            pytest.fail("gift-pegjs is missing: run `npm ci --prefix tests/js` (scripts/install.sh --test)")
        pytest.skip("gift-pegjs not installed (npm ci --prefix tests/js)")
    out = subprocess.run([node, str(JS / "parse_gift.js"), *map(str, files)], capture_output=True, text=True,
                         check=True, timeout=120)
    return [json.loads(line) for line in out.stdout.splitlines()]


def _check_main(course, results: list[dict], langs) -> None:
    """gift-pegjs' reading of the main files against the course (texts as the exporter renders them)."""
    texts = Texts()

    def plain(text: str) -> str:
        return texts.plain(text)

    for lang, result in zip(langs, results):
        assert result["ok"], f"{result['file']}: line {result['line']}: {result['error']}"
        parsed = result["questions"]
        expected = [q for quiz in course.quizzes.values() if quiz.kind in ("quiz", "pool")
                    for q in quiz.questions if q.type not in ("ordering", "cloze")]  # cloze: no GIFT form
        got = {q["title"]: q for q in parsed if q["type"] != "Category"}
        assert sorted(got) == sorted(q.id for q in expected)
        kinds = {"single": "MC", "multiple": "MC", "true_false": "TF", "fill_in": "Short", "matching": "Matching",
                 "categorize": "Matching"}
        for q in expected:
            g = got[q.id]
            assert g["type"] == kinds[q.type] and g["id"] == q.id
            assert g["stem"]["format"] == "html" and strip(g["stem"]["text"]) == plain(q.prompt[lang])
            if q.explanation:
                assert strip(g["globalFeedback"]["text"]) == plain(q.explanation[lang])
            if q.type in ("single", "multiple"):
                assert [strip(c["text"]["text"]) for c in g["choices"]] == [plain(o.text[lang]) for o in q.options]
            if q.type == "true_false":
                assert g["isTrue"] is q.answer
            if q.type == "matching":
                assert [strip(p["subquestion"]["text"]) for p in g["matchPairs"]] == \
                    [plain(i.text[lang]) for i in q.items]


def test_gift_pegjs_parses_the_example_course(course, tmp_path):
    assert export_gift(course, FIXTURES / "example_course", LANGS, tmp_path, ordering=True).code == 0
    _check_main(course, gift_pegjs(*(tmp_path / f"{course.id}-{lang}.gift" for lang in LANGS)), LANGS)
    # No ordering rule in gift-pegjs: each ordering question is read as one short answer holding the
    # plugin's header and the items, which still shows the blocks, names, texts and ids are right.
    for lang, result in zip(LANGS, gift_pegjs(*(tmp_path / f"{course.id}-{lang}-ordering.gift" for lang in LANGS))):
        assert result["ok"], result
        got = {q["title"]: q for q in result["questions"] if q["type"] != "Category"}
        for q in (q for quiz in course.quizzes.values() for q in quiz.questions if q.type == "ordering"):
            g = got[q.id]
            assert g["type"] == "Short" and g["id"] == q.id and strip(g["stem"]["text"]) == plain(q.prompt[lang])
            (answer,) = g["choices"]
            assert answer["text"]["text"].split("\n") == \
                [f">{len(q.items)} ALL VERTICAL ABSOLUTE_POSITION SHOW"] + [plain(i.text[lang]) for i in q.items]
            assert strip(g["globalFeedback"]["text"]) == plain(q.explanation[lang])


def test_gift_pegjs_parses_the_shipped_course(tmp_path):
    course, diags = load(REPO)
    assert course is not None, diags
    assert export_gift(course, REPO, LANGS, tmp_path, ordering=True).code == 0
    _check_main(course, gift_pegjs(*(tmp_path / f"{course.id}-{lang}.gift" for lang in LANGS)), LANGS)
    for lang in LANGS:
        ordering = tmp_path / f"{course.id}-{lang}-ordering.gift"
        if ordering.exists():
            assert all(r["ok"] for r in gift_pegjs(ordering))
            _, qs = moodle_reads_gift(ordering.read_text(encoding="utf-8"))
            expected = {q.id: q for quiz in course.quizzes.values() for q in quiz.questions if q.type == "ordering"}
            assert set(qs) <= set(expected) and qs
            for qid, got in qs.items():
                assert [strip(i) for i in got["items"]] == [Texts().plain(i.text[lang]) for i in expected[qid].items]


def test_gift_pegjs_reads_special_characters_as_written(course, tmp_path):
    """GIFT's special characters, markup, a CDATA terminator and line breaks in every field."""
    from tests.unit.test_export_moodle import SPECIAL, special_questions, tiny_course

    assert export_gift(tiny_course(course, special_questions()), FIXTURES, LANGS, tmp_path).code == 0
    for lang, result in zip(LANGS, gift_pegjs(*(tmp_path / f"{course.id}-{lang}.gift" for lang in LANGS))):
        assert result["ok"], result
        questions = [q for q in result["questions"] if q["type"] != "Category"]
        assert [q["type"] for q in questions] == ["MC", "MC", "TF", "Short", "Matching"]
        special = plain(f"{SPECIAL} ({lang})")
        for q in questions:
            assert strip(q["stem"]["text"]) == special and strip(q["globalFeedback"]["text"]) == special
        assert [strip(c["text"]["text"]) for c in questions[0]["choices"]] == \
            [f"right {special}", f"wrong {special}"]
