"""The categorize and cloze question types (course_builder/qtypes/categorize, qtypes/cloze): loading
with located errors, the page's answer key, grading, and the exports (Moodle XML read as Moodle's
importer reads it; GIFT through gift-pegjs)."""
from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from types import SimpleNamespace


from course_builder import qtypes
from course_builder.answers import question_key
from course_builder.diagnostics import Reporter
from course_builder.export.gift import export_gift
from course_builder.export.moodle_xml import export_moodle_xml
from course_builder.export.questions import Texts
from course_builder.loader import load_question
from course_builder.pipeline import load
from course_builder.yamlsrc import parse

from tests.conftest import REPO
from tests.unit.test_export_gift import gift_pegjs
from tests.unit.test_export_moodle import plain, strip

LANGS = ("es", "en")

CATEGORIZE = """\
id: c1
type: categorize
prompt: {es: "Clasifique", en: "Sort"}
categories:
  - {id: ind, text: {es: "Individual", en: "Individual"}}
  - {id: com, text: {es: "Comunidad", en: "Community"}}
items:
  - {id: i1, text: {es: "Uno", en: "One"}, category: ind, feedback: {es: "Es de la persona.", en: "It is the person's."}}
  - {id: i2, text: {es: "Dos", en: "Two"}, category: com}
  - {id: i3, text: {es: "Tres", en: "Three"}, category: ind}
"""

CLOZE = """\
id: z1
type: cloze
prompt: {es: "Complete", en: "Complete"}
text: {es: "Un {{act}} y una {{purpose}}.", en: "An {{act}} and a {{purpose}}."}
gaps:
  - id: act
    options:
      - {id: a, text: {es: "acto", en: "act"}, correct: true}
      - {id: b, text: {es: "pago", en: "fee"}, correct: false}
    feedback: {es: "El acto.", en: "The act."}
  - id: purpose
    answers: {es: ["explotación"], en: ["exploitation", "exploiting"]}
"""


def _load(text: str):
    rep = Reporter(Path("/p"))
    q = load_question(parse(text, "quizzes/q.yml", rep), "q", LANGS, rep)
    return q, [d.format() for d in rep.items]


def test_both_types_are_registered_after_the_first_six():
    assert qtypes.names()[-2:] == ("categorize", "cloze")
    assert {p.parent.name for p in qtypes.script_parts()} >= {"categorize", "cloze"}


def test_categorize_loads():
    q, problems = _load(CATEGORIZE)
    assert problems == []
    assert [c.id for c in q.data.categories] == ["ind", "com"]
    assert [(i.id, i.category) for i in q.data.items] == [("i1", "ind"), ("i2", "com"), ("i3", "ind")]
    assert q.data.items[0].feedback == {"es": "Es de la persona.", "en": "It is the person's."}


def test_categorize_errors_are_located():
    text = CATEGORIZE.replace("category: com}", "category: comunidad}").replace(
        "  - {id: com, text: {es: \"Comunidad\", en: \"Community\"}}\n", "")
    text = text.replace("  - {id: i3, text: {es: \"Tres\", en: \"Three\"}, category: ind}\n", "")
    q, problems = _load(text)
    assert q is None
    assert problems == [
        "quizzes/q.yml:5:3: error[schema.too-few]: question 'c1': 'categories' needs at least 2 items, it has 1",
        "quizzes/q.yml:7:3: error[schema.too-few]: question 'c1': 'items' needs at least 3 items, it has 2",
        "quizzes/q.yml:8:54: error[quiz.unknown-category]: question 'c1' item 'i2': category 'comunidad' is not one "
        "of the question's categories\n    hint: use one of: ind",
    ]


def test_cloze_loads():
    q, problems = _load(CLOZE)
    assert problems == []
    assert [g.id for g in q.data.gaps] == ["act", "purpose"]
    assert [o.correct for o in q.data.gaps[0].options] == [True, False]
    assert q.data.gaps[1].answers == {"es": ("explotación",), "en": ("exploitation", "exploiting")}


def test_cloze_errors_are_located():
    text = (CLOZE.replace('en: "An {{act}} and a {{purpose}}."', 'en: "An {{act}}, {{act}} and a {{purpos}}."')
            .replace("correct: false}", "correct: true}")
            .replace('answers: {es: ["explotación"], en: ["exploitation", "exploiting"]}',
                     'answers: {es: ["explotación"]}'))
    q, problems = _load(text)
    assert q is None
    assert problems == [
        "quizzes/q.yml:8:7: error[quiz.cloze-correct]: question 'z1' gap 'act' has 2 correct options; a choice gap "
        "has exactly one\n    hint: mark exactly one option with 'correct: true'",
        "quizzes/q.yml:12:14: error[i18n.missing-language]: question 'z1' gap 'purpose': 'answers' has no 'en' list"
        "\n    hint: add 'en: [\"...\"]' with at least one accepted answer",
    ]
    # With the gaps right, the text's placements are checked, each at its language's text.
    text = CLOZE.replace('en: "An {{act}} and a {{purpose}}."', 'en: "An {{act}}, {{act}} and a {{purpos}}."')
    q, problems = _load(text)
    assert q is None
    assert problems == [
        "quizzes/q.yml:4:49: error[quiz.cloze-placeholder]: question 'z1': the en text has '{{purpos}}', which is "
        "not one of its gaps\n    hint: its gaps are: act, purpose",
        "quizzes/q.yml:4:49: error[quiz.cloze-placement]: question 'z1': the en text places gap 'act' 2 times; each "
        "gap goes in exactly once\n    hint: write '{{act}}' once where the gap goes",
        "quizzes/q.yml:4:49: error[quiz.cloze-placement]: question 'z1': the en text places gap 'purpose' 0 times; "
        "each gap goes in exactly once\n    hint: write '{{purpose}}' once where the gap goes",
    ]


def test_cloze_gap_needs_options_or_answers_not_both():
    text = CLOZE.replace("    answers: {es:", "    options: [{id: x, text: {es: x, en: x}, correct: true}, "
                         "{id: y, text: {es: y, en: y}, correct: false}]\n    answers: {es:")
    q, problems = _load(text)
    assert q is None and problems == [
        "quizzes/q.yml:11:5: error[quiz.cloze-gap]: question 'z1' gap 'purpose': give either 'options' (a choice) "
        "or 'answers' (typed), not both\n    hint: a choice gap lists 'options' with one 'correct: true'; a typed "
        "gap lists 'answers' per language"]


def test_keys_and_grading():
    cat, _ = _load(CATEGORIZE)
    key = question_key(cat, "en")
    assert key["type"] == "categorize" and key["cats"] == {"i1": "r-ind", "i2": "r-com", "i3": "r-ind"}
    assert key["msg"]["wrong"] == "Items in the wrong group: {n}."
    qt = qtypes.get("categorize")
    right = {"q-c1-i1": ["r-ind"], "q-c1-i2": ["r-com"], "q-c1-i3": ["r-ind"]}
    assert qt.grade(cat, right, key, LANGS) is True
    assert qt.grade(cat, {**right, "q-c1-i2": ["r-ind"]}, key, LANGS) is False
    assert qt.grade(cat, {"q-c1-i1": ["r-ind"]}, key, LANGS) is None
    # The progress code's kind "p" writes "r-<id>" values by their place in code_ids.
    assert all(v[0][2:] in qt.code_ids(cat) for v in right.values())

    clz, _ = _load(CLOZE)
    key = question_key(clz, "es")
    assert key["gaps"] == {"act": {"right": "r-act.a"}, "purpose": {"answers": ["explotacion"], "shown": "explotación"}}
    qt = qtypes.get("cloze")
    assert qt.grade(clz, {"q-z1-act": ["r-act.a"], "q-z1-purpose": ["Exploiting"]}, key, LANGS) is True
    assert qt.grade(clz, {"q-z1-act": ["r-act.b"], "q-z1-purpose": ["explotacion"]}, key, LANGS) is False
    assert qt.grade(clz, {"q-z1-act": ["r-act.a"]}, key, LANGS) is None
    # A rewritten gap changes the question's hash (stored progress for it is dropped).
    other, _ = _load(CLOZE.replace('["exploitation", "exploiting"]', '["exploitation"]'))
    assert question_key(other, "es")["h"] != key["h"]


# ---- Moodle's multianswer parser (question/type/multianswer/questiontype.php), in Python ----------
# PHP's variable-width look-behind (?<!\\|&|&amp;) is written as three fixed-width ones.
FRACTION = r"=|%(-?[0-9]+(?:[.,][0-9]*)?)%"
ANSWER = r".+?(?<!\\)(?<!&)(?<!&amp;)(?=[~#}]|$)"
FEEDBACK = r".*?(?<!\\)(?=[~}]|$)"
ALTERNATIVE = f"({FRACTION})?({ANSWER})(#({FEEDBACK}))?"
TYPES = (r"(NUMERICAL|NM)|(MULTICHOICE|MC)|(MULTICHOICE_V|MCV)|(MULTICHOICE_H|MCH)|(SHORTANSWER|SA|MW)|"
         r"(SHORTANSWER_C|SAC|MWC)|(MULTICHOICE_S|MCS)|(MULTICHOICE_VS|MCVS)|(MULTICHOICE_HS|MCHS)|"
         r"(MULTIRESPONSE|MR)|(MULTIRESPONSE_H|MRH)|(MULTIRESPONSE_S|MRS)|(MULTIRESPONSE_HS|MRHS)")
ANSWER_REGEX = re.compile(r"\{([0-9]*):(" + TYPES + r"):(" + ALTERNATIVE + "(~" + ALTERNATIVE + r")*)\}", re.S)


def moodle_cloze(text: str) -> list[tuple[str, list[tuple[float, str, str]]]]:
    """The subquestions Moodle's import makes of a Cloze text: (type, [(fraction, answer, feedback)])."""
    out = []
    while m := ANSWER_REGEX.search(text):
        kind = m.group(2)
        alts, rest = [], m.group(16)
        while am := re.match("~?" + ALTERNATIVE, rest, re.S):
            fraction = 1.0 if am.group(1) == "=" else float(am.group(2)) / 100 if am.group(2) else 0.0

            def decode(s):
                return html.unescape(s or "").replace("\\}", "}").replace("\\#", "#")
            alts.append((fraction, decode(am.group(3)), decode(am.group(5))))
            rest = rest[am.end():]
        assert rest == "", f"unparsed: {rest!r}"
        out.append((kind, alts))
        text = text.replace(m.group(0), f"{{#{len(out)}}}", 1)
    assert "{1:" not in text, f"a gap Moodle does not read: {text}"
    return out


def test_cloze_special_characters_survive_moodles_parser():
    text = CLOZE.replace('text: {es: "acto", en: "act"}', 'text: {es: "a}b#c~d\\\\e/f", en: "x = 50% y"}').replace(
        'feedback: {es: "El acto.", en: "The act."}', 'feedback: {es: "no } ni ~ ni # ni \\\\", en: "n"}').replace(
        '["exploitation", "exploiting"]', '["c#~}/\\\\x", "a*b"]')
    q, problems = _load(text)
    assert problems == []
    texts = Texts()
    for lang in LANGS:
        qtext = qtypes.get("cloze").moodle_questiontext(q, SimpleNamespace(lang=lang, texts=texts))
        gaps = moodle_cloze(qtext)
        (k1, act), (k2, purpose) = gaps
        assert (k1, k2) == ("MULTICHOICE_S", "SHORTANSWER")
        assert [(f, a) for f, a, _ in act] == [(1.0 if o.correct else 0.0, plain(o.text[lang]))
                                               for o in q.data.gaps[0].options]
        assert strip(act[1][2]) == plain(q.data.gaps[0].feedback[lang])
        accepted = [a for f, a, _ in purpose if f == 1.0]
        assert accepted[:len(q.data.gaps[1].answers[lang])] == \
            [a.replace("*", "\\*") for a in q.data.gaps[1].answers[lang]]


def test_flagship_exports(tmp_path):
    course, diags = load(REPO)
    assert course is not None, diags
    assert export_moodle_xml(course, REPO, list(LANGS), tmp_path).code == 0
    assert export_gift(course, REPO, list(LANGS), tmp_path).code == 0
    questions = [q for quiz in course.quizzes.values() for q in quiz.questions]
    cats = [q for q in questions if q.type == "categorize"]
    clozes = [q for q in questions if q.type == "cloze"]
    assert len(cats) >= 2 and len(clozes) >= 2
    for lang in LANGS:
        root = ET.parse(tmp_path / f"{course.id}-{lang}.xml").getroot()
        got = {e.findtext("name/text"): e for e in root.iter("question") if e.get("type") != "category"}
        for q in cats:
            e = got[q.id]
            assert e.get("type") == "matching"
            subs = e.findall("subquestion")
            by_id = {c.id: c for c in q.data.categories}
            assert [strip(s.findtext("text")) for s in subs] == [plain(i.text[lang]) for i in q.data.items]
            # Repeated answers: one per item, the item's category as written.
            assert [html.unescape(s.findtext("answer/text")) for s in subs] == \
                [plain(by_id[i.category].text[lang]) for i in q.data.items]
        for q in clozes:
            e = got[q.id]
            assert e.get("type") == "multianswer"
            gaps = moodle_cloze(e.findtext("questiontext/text"))
            order = q.data.in_text_order(lang)
            assert len(gaps) == len(order)
            for (kind, alts), g in zip(gaps, order):
                if g.options:
                    assert kind == "MULTICHOICE_S"
                    assert [(f, a) for f, a, _ in alts] == [(1.0 if o.correct else 0.0, plain(o.text[lang]))
                                                            for o in g.options]
                else:
                    assert kind == "SHORTANSWER"
                    assert set(g.answers[lang]) <= {a for f, a, _ in alts if f == 1.0}
        # GIFT: categorize is a matching question gift-pegjs reads; cloze is left out (the report says why).
        (result,) = gift_pegjs(tmp_path / f"{course.id}-{lang}.gift")
        assert result["ok"], result
        parsed = {g["title"]: g for g in result["questions"] if g["type"] != "Category"}
        for q in cats:
            g = parsed[q.id]
            by_id = {c.id: c for c in q.data.categories}
            assert g["type"] == "Matching"
            assert [(strip(p["subquestion"]["text"]), p["subanswer"]) for p in g["matchPairs"]] == \
                [(plain(i.text[lang]), plain(by_id[i.category].text[lang])) for i in q.data.items]
        assert not any(q.id in parsed for q in clozes)
