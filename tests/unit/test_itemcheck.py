"""Item-writing checks (course_builder/itemcheck.py): each rule, golden.

Every rule has a case where it fires, compared with the exact text `check` prints (location, code,
message, hint), and a close case where it must not. The quizzes are written into a copy of the
example course (which passes every rule) and loaded as `check` loads them.
"""
from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

from course_builder import itemcheck
from course_builder.pipeline import load

EXAMPLE = Path(__file__).resolve().parents[1] / "fixtures" / "example_course"
ITEM_CODES = ("item.", "quiz.small-pool")
Q1 = "quizzes/q-primeros.yml"  # placed in module 1
Q2 = "quizzes/q-segundo.yml"   # placed in module 2, after it


@pytest.fixture
def project(tmp_path):
    root = tmp_path / "p"
    shutil.copytree(EXAMPLE, root)
    return root


def check(root: Path, files: dict[str, str], codes=ITEM_CODES) -> list[str]:
    """`check`'s report lines (with hints) for the item-writing codes, after writing ``files``."""
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    _, diags = load(root)
    return [d.format() for d in diags if d.code.startswith(codes)]


def quiz(*questions: str, head: str = "") -> str:
    """A quiz file: a title, ``head`` lines, then the questions (each a YAML block at column 0)."""
    body = "".join(textwrap.indent(textwrap.dedent(q).strip("\n"), "  ") + "\n" for q in questions)
    return 'title: {es: "Prueba", en: "Test"}\n' + head + "questions:\n" + body


def single(qid: str, prompt: tuple[str, str], options: list[tuple[str, str, bool]], extra: str = "") -> str:
    """A single-choice question; options are (es, en, correct) and get ids a, b, c…"""
    lines = [f"- id: {qid}", "  type: single", f'  prompt: {{es: "{prompt[0]}", en: "{prompt[1]}"}}',
             '  explanation: {es: "Porque sí, según el módulo.", en: "Because so, as the module says."}']
    lines += [f"  {line}" for line in extra.splitlines()]
    lines.append("  options:")
    for oid, (es, en, correct) in zip("abcdef", options):
        lines += [f"    - id: {oid}", f'      text: {{es: "{es}", en: "{en}"}}',
                  f"      correct: {'true' if correct else 'false'}",
                  '      feedback: {es: "Así es.", en: "That is so."}']
    return "\n".join(lines)


ALLOW = "; or, if it is right as it is, silence it with a reason: allow: {%s: \"why\"}"
SIMILAR = [("Informar a la persona", "Inform the person", True), ("Llamarla más tarde", "Call her later", False),
           ("Esperar a la policía", "Wait for the police", False)]


# --- length-cue ----------------------------------------------------------------------------------

LONG_KEY = [("Informar a la persona de sus derechos y pedir su consentimiento antes de referir",
             "Tell the person about their rights and ask for their consent before referring", True),
            ("Llamar a su consulado de inmediato", "Call her consulate straight away and wait for its reply", False),
            ("Esperar a que llegue la policía local", "Wait for the police to arrive and let them decide for her",
             False)]


def test_length_cue_names_the_option_the_lengths_and_the_language(project):
    """80 characters against 37 in Spanish fires; 78 against 57 in English (1.4×) does not."""
    assert check(project, {Q1: quiz(single("t-q1", ("¿Qué hace?", "What do you do?"), LONG_KEY))}) == [
        f"{Q1}:9:20: warning[item.length-cue]: question 't-q1' (es): the right option 'a' has 80 characters, "
        "2.2× the longest distractor ('c', 37): a length cue\n"
        "    hint: participants learn to pick the longest option: keep the right one under 1.5× (or 20 characters "
        "more than) the longest distractor, with options alike in length and grammar" + ALLOW % "length-cue"]


def test_length_cue_needs_both_the_ratio_and_twenty_characters(project):
    options = [("Informar y pedir el consentimiento", "Inform and ask for consent first", True),  # 34 vs 21: 13 more
               ("Llamar a su consulado", "Call the consulate", False),
               ("Esperar a la policía local con ella", "Wait with her for the local police", False)]  # en 1.0×
    assert check(project, {Q1: quiz(single("t-q1", ("¿Qué hace?", "What do you do?"), options))}) == []


def test_length_cue_reads_text_not_markdown(project):
    """Link targets and emphasis marks are not read: they make no option look longer."""
    options = [("Ver la [guía](https://example.org/una/ruta/muy/larga/de/verdad) **completa**",
                "See the [guide](https://example.org/a/very/long/path/indeed) **in full**", True),
               ("Llamar a su consulado", "Call her consulate", False)]
    assert itemcheck.plain(options[0][0]) == "Ver la guía completa"
    assert check(project, {Q1: quiz(single("t-q1", ("¿Qué hace?", "What do you do?"), options))}) == []


# --- near-duplicate ------------------------------------------------------------------------------

def test_near_duplicate_is_reported_at_the_later_question_naming_the_first(project):
    first = single("t-q1", ("¿Qué debe hacer primero con una persona que pide ayuda?",
                            "What must you do first with a person who asks for help?"), SIMILAR)
    second = single("t-q2", ("¿Qué debe hacer primero con la persona que pide ayuda?",
                             "What should you do first with the person asking for help?"), SIMILAR[::-1])
    got = check(project, {Q2: quiz(second, head="shuffle: true\n"), Q1: quiz(first, head="shuffle: true\n")})
    assert got == [
        f"{Q2}:4:5: warning[item.near-duplicate]: question 't-q2' is a near-duplicate of question 't-q1' "
        f"({Q1}:4): stems 97% alike (es)\n"
        "    hint: participants meet the same item twice; make one a new question (another scenario, another "
        "point), or delete it" + ALLOW % "near-duplicate"]


def test_near_duplicate_same_scenario_and_options(project):
    scenario = ("Caso ficticio: una mujer llega sola a la ventanilla, sin documentos y con miedo de volver a su país.",
                "Fictional case: a woman arrives alone at the counter, without papers and afraid to go home.")
    first = single("t-q1", (f"{scenario[0]} ¿Qué hace usted primero, antes de tomar cualquier decisión sobre su caso?",
                            f"{scenario[1]} What do you do first, before taking any decision about her case?"),
                   SIMILAR)
    second = single("t-q2", (f"{scenario[0]} ¿Con qué servicio se comunica después de haber hablado a solas con ella?",
                             f"{scenario[1]} Which service do you get in touch with once you have spoken with her?"),
                    SIMILAR)
    got = check(project, {Q1: quiz(first, second, head="shuffle: true\n")})
    assert got == [
        f"{Q1}:21:5: warning[item.near-duplicate]: question 't-q2' is a near-duplicate of question 't-q1' "
        f"({Q1}:4): scenarios and options 100% alike (es)\n"
        "    hint: participants meet the same item twice; make one a new question (another scenario, another "
        "point), or delete it" + ALLOW % "near-duplicate"]


def test_same_scenario_with_other_options_or_other_stems_is_not_a_duplicate(project):
    scenario = ("Caso ficticio: una mujer llega sola a la ventanilla, sin documentos y con miedo de volver a su país.",
                "Fictional case: a woman arrives alone at the counter, without papers and afraid to go home.")
    first = single("t-q1", (f"{scenario[0]} ¿Qué hace usted primero, antes de tomar cualquier decisión sobre su caso?",
                            f"{scenario[1]} What do you do first, before taking any decision about her case?"),
                   SIMILAR)
    other = [("Consultar a la oficina de asilo", "Consult the asylum office", True),
             ("Consultar a su consulado", "Consult her consulate", False),
             ("No consultar a nadie", "Consult nobody", False)]
    second = single("t-q2", (f"{scenario[0]} ¿Con qué servicio se comunica después de haber hablado a solas con ella?",
                             f"{scenario[1]} Which service do you get in touch with once you have spoken with her?"),
                    other)
    third = single("t-q3", ("¿Qué documento entrega a la persona al final de la entrevista?",
                            "Which document do you hand the person when the interview ends?"), SIMILAR)
    assert check(project, {Q1: quiz(first, second, third, head="shuffle: true\n")}) == []


# --- all-of-the-above ----------------------------------------------------------------------------

def test_all_of_the_above_in_each_language(project):
    options = SIMILAR[:2] + [("Todas las anteriores", "All of the above", False)]
    assert check(project, {Q1: quiz(single("t-q1", ("¿Qué hace?", "What do you do?"), options))}) == [
        f"{Q1}:17:20: warning[item.all-of-the-above]: question 't-q1' (es): option 'c' says 'Todas las anteriores'\n"
        "    hint: it can be answered by elimination (two options right, or one wrong, settle it): replace it with "
        "a plausible distractor of its own" + ALLOW % "all-of-the-above",
        f"{Q1}:17:48: warning[item.all-of-the-above]: question 't-q1' (en): option 'c' says 'All of the above'\n"
        "    hint: it can be answered by elimination (two options right, or one wrong, settle it): replace it with "
        "a plausible distractor of its own" + ALLOW % "all-of-the-above"]


def test_all_of_the_above_is_a_whole_phrase_and_ignores_case_and_accents(project):
    text = "NINGUNA de  las Anteriores."
    assert [text[m.start():m.end()] for m in itemcheck.find(("ninguna de las anteriores",), text)] \
        == ["NINGUNA de  las Anteriores"]
    assert itemcheck.find(("ninguna de las anteriores",), "Ningúna de las anteriores") != []
    options = SIMILAR[:2] + [("Todas las leyes anteriores", "Above all, the law", False)]
    assert check(project, {Q1: quiz(single("t-q1", ("¿Qué hace?", "What do you do?"), options))}) == []


def test_a_course_replaces_or_extends_the_phrases(project):
    options = SIMILAR[:2] + [("Cualquiera de las anteriores", "All of the above", False)]
    files = {Q1: quiz(single("t-q1", ("¿Qué hace?", "What do you do?"), options)),
             "course/strings/es.yml": "itemcheck:\n  all_of_the_above: {add: [cualquiera de las anteriores]}\n",
             "course/strings/en.yml": "itemcheck:\n  all_of_the_above: []\n"}
    got = check(project, files)
    assert [line.split("\n")[0] for line in got] == [
        f"{Q1}:17:20: warning[item.all-of-the-above]: question 't-q1' (es): option 'c' says "
        "'Cualquiera de las anteriores'"]
    _, diags = load(project)
    assert not [d for d in diags if d.severity.value == "error"]


def test_phrase_lists_must_be_lists(project):
    files = {"course/strings/es.yml": "itemcheck:\n  negations: no\n  all_of_the_above: {plus: [x]}\n"}
    got = check(project, files, codes=("schema.",))
    assert got == [
        "course/strings/es.yml:2:14: error[schema.type]: course/strings/es.yml: 'itemcheck': 'negations' must be a "
        "list of phrases, not a true/false value\n"
        '    hint: write negations: ["..."] to replace the generator\'s list, or negations: {add: ["..."]} to add to it',
        "course/strings/es.yml:3:21: error[schema.missing]: course/strings/es.yml: 'itemcheck': 'all_of_the_above': "
        "missing required key 'add'\n    hint: add 'add:'",
        "course/strings/es.yml:3:22: error[schema.unknown-key]: course/strings/es.yml: 'itemcheck': "
        "'all_of_the_above': unknown key 'plus'\n    hint: known keys: add"]


# --- negative-stem -------------------------------------------------------------------------------

def test_negative_stem_without_emphasis(project):
    prompt = ("Una persona llega sin documentos. ¿Cuál de estas acciones no corresponde?",
              "A person arrives without papers. Which of these actions is not appropriate?")
    assert check(project, {Q1: quiz(single("t-q1", prompt, SIMILAR))}) == [
        f"{Q1}:5:18: warning[item.negative-stem]: question 't-q1' (es): the question asks with a negation ('no') "
        "that does not stand out\n"
        "    hint: write it in capitals (NO) or bold (**no**) so no one misreads it, or better, ask the question the "
        "positive way" + ALLOW % "negative-stem",
        f"{Q1}:5:99: warning[item.negative-stem]: question 't-q1' (en): the question asks with a negation ('not') "
        "that does not stand out\n"
        "    hint: write it in capitals (NOT) or bold (**not**) so no one misreads it, or better, ask the question "
        "the positive way" + ALLOW % "negative-stem"]


def test_negative_stem_emphasised_or_only_in_the_scenario_or_a_term(project):
    emphasised = ("¿Cuál de estas acciones **no** corresponde?", "Which of these actions is NOT appropriate?")
    scenario = ("La persona no tiene documentos. ¿Qué hace primero?", "The person has no papers. What do you do first?")
    term = ("¿Quién representa a una niña no acompañada?", "Who represents an unaccompanied girl?")
    questions = [single(f"t-q{n}", p, SIMILAR) for n, p in enumerate((emphasised, scenario, term), 1)]
    assert check(project, {Q1: quiz(*questions, head="shuffle: true\n")}) == []


def test_negative_stem_is_judged_per_language(project):
    prompt = ("¿Cuál de estas acciones **NO** corresponde?", "Which of these actions is not appropriate?")
    got = check(project, {Q1: quiz(single("t-q1", prompt, SIMILAR))})
    assert [line.split("\n")[0] for line in got] == [
        f"{Q1}:5:69: warning[item.negative-stem]: question 't-q1' (en): the question asks with a negation ('not') "
        "that does not stand out"]


def test_the_question_asked_is_the_last_question_sentence():
    assert itemcheck.stem("Llega una mujer. No habla español. ¿Qué hace? Marque todas las que correspondan.") \
        == ("Llega una mujer. No habla español.", "¿Qué hace?")
    assert itemcheck.stem("A woman arrives. She has no papers. What do you do? Select all that apply.") \
        == ("A woman arrives. She has no papers.", "What do you do?")
    assert itemcheck.stem("The principle of non-______ forbids it.") == ("", "The principle of non-______ forbids it.")
    assert itemcheck.emphasised("Which is *not* right?", 10, 13) and itemcheck.emphasised("Which is NOT?", 9, 12)
    assert not itemcheck.emphasised("Which is not right?", 9, 12)


# --- translation-drift ---------------------------------------------------------------------------

def test_translation_drift(project):
    q = single("t-q1", ("¿Qué hace primero cuando una persona pide protección en la ventanilla?", "What first?"),
               SIMILAR)
    assert check(project, {Q1: quiz(q)}) == [
        f"{Q1}:5:96: warning[item.translation-drift]: question 't-q1' prompt: the en text has 11 characters, the es "
        "text 70 (6.4×): has the translation drifted?\n"
        "    hint: check that both say the same, no more and no less (the longer at most 1.8× the shorter)"
        + ALLOW % "translation-drift"]


def test_translation_drift_spares_short_texts_and_usual_differences(project):
    q = single("t-q1", ("¿Qué hace primero cuando una persona pide protección?",  # 52 / 36: 1.4×
                        "What do you do first when asked for?"), SIMILAR,
               'hint: {es: "Recuerde el primer paso del módulo.", en: "The first step."}')  # 34 / 15: under 40
    assert check(project, {Q1: quiz(q)}) == []


PROMPTS = [("¿Qué hace primero?", "What do you do first?"), ("¿A quién llama?", "Whom do you call?"),
           ("¿Cuándo refiere el caso?", "When do you refer the case?")]


# --- key-position --------------------------------------------------------------------------------

def test_key_position_in_a_quiz_without_shuffle(project):
    questions = [single(f"t-q{n}", p, SIMILAR) for n, p in enumerate(PROMPTS, 1)]
    assert check(project, {Q1: quiz(*questions)}) == [
        f"{Q1}:1:1: warning[item.key-position]: quiz 'q-primeros' does not shuffle options and the right option of "
        "all 3 single-choice questions in it is the 1st\n"
        "    hint: participants learn the position instead of the answer: put the right option at different places, "
        "or set 'shuffle: true'" + ALLOW % "key-position"]


def test_key_position_spared_when_shuffled_varied_or_too_few(project):
    three = [single(f"t-q{n}", p, SIMILAR) for n, p in enumerate(PROMPTS, 1)]
    varied = three[:2] + [single("t-q3", PROMPTS[2], SIMILAR[::-1])]
    assert check(project, {Q1: quiz(*three, head="shuffle: true\n")}) == []
    assert check(project, {Q1: quiz(*varied)}) == []
    assert check(project, {Q1: quiz(*three[:2])}) == []


# --- small pool ----------------------------------------------------------------------------------

def test_small_pool(project):
    final = (EXAMPLE / "quizzes" / "final.yml").read_text(encoding="utf-8")
    without = "".join(line for line in final.splitlines(keepends=True) if not line.startswith("allow:"))
    assert check(project, {"quizzes/final.yml": without}) == [
        "quizzes/final.yml:1:1: warning[quiz.small-pool]: assessment 'final' draws 3 questions per attempt from "
        "pools holding 3 in all: fewer than 3 per drawn question\n"
        "    hint: a few attempts and their reviews show every question: add 6 questions to the pools, or lower 'draw'"
        + ALLOW % "small-pool"]


# --- allow ---------------------------------------------------------------------------------------

def test_allow_silences_one_rule_with_its_reason(project):
    options = LONG_KEY
    reason = 'allow: {length-cue: "the law names all three steps; shorter keys would be wrong"}'
    assert check(project, {Q1: quiz(single("t-q1", ("¿Qué hace?", "What do you do?"), options, reason))}) == []


def test_allow_on_either_near_duplicate_and_on_a_quiz(project):
    first = single("t-q1", ("¿Qué debe hacer primero con una persona que pide ayuda?",
                            "What must you do first with a person who asks for help?"), SIMILAR,
                   'allow: {near-duplicate: "the module asks it again on purpose, as a recap"}')
    second = single("t-q2", ("¿Qué debe hacer primero con la persona que pide ayuda?",
                             "What should you do first with the person asking for help?"), SIMILAR)
    head = 'allow: {key-position: "the first option is always the law\'s own wording"}\n'
    third = single("t-q3", PROMPTS[2], SIMILAR)
    assert check(project, {Q1: quiz(first, second, third, head=head)}) == []
    both = second + '\n  allow: {near-duplicate: "kept as a recap too"}'
    assert check(project, {Q1: quiz(first, both, third, head=head)}) == []  # neither allow is unused


def test_an_allow_that_silences_nothing_is_reported(project):
    q = single("t-q1", ("¿Qué hace?", "What do you do?"), SIMILAR, 'allow: {length-cue: "long key"}')
    assert check(project, {Q1: quiz(q)}) == [
        f"{Q1}:7:13: warning[item.allow-unused]: question 't-q1': allow 'length-cue' silences nothing: the rule finds "
        "no problem here\n    hint: remove it, so the rule guards this item again"]


NO_REASON = ("error[schema.empty]: question 't-q1': 'allow': rule 'length-cue' has no reason\n"
             '    hint: write it as allow: {length-cue: "why the rule does not apply here"}')


@pytest.mark.parametrize("allow, expected", [
    ('allow: {lenght-cue: "x"}', "7:13: error[schema.unknown-key]: question 't-q1': 'allow': unknown rule "
                                 "'lenght-cue'\n    hint: did you mean 'length-cue'?"),
    ("allow: [length-cue]  # a reason in a comment is lost",
     "7:12: error[schema.type]: question 't-q1': 'allow' must map each silenced rule to its reason, not a list\n"
     '    hint: write it as allow: {length-cue: "why the rule does not apply here"}'),
    ('allow: {length-cue: " "}', "7:25: " + NO_REASON),
    ("allow: {length-cue: }", "7:25: " + NO_REASON),
    ('allow: {key-position: "x"}', "7:13: error[schema.unknown-key]: question 't-q1': 'allow': rule 'key-position' "
     "is checked over the whole quiz: move it to the quiz's top level\n"
     "    hint: rules silenced here: length-cue, near-duplicate, all-of-the-above, negative-stem, translation-drift"),
])
def test_allow_errors(project, allow, expected):
    q = single("t-q1", ("¿Qué hace?", "What do you do?"), SIMILAR, allow)
    assert check(project, {Q1: quiz(q)}, codes=("schema.",)) == [f"{Q1}:{expected}"]


def test_every_shipped_language_has_phrase_lists():
    for lang, lists in itemcheck.builtin_phrases().items():
        assert set(lists) == set(itemcheck.PHRASE_KEYS), lang
        assert all(p.strip() == p and p == p.lower() for ps in lists.values() for p in ps), lang


def test_a_course_of_copies_is_checked_in_linear_comparisons(project, monkeypatch):
    """A course whose questions are all alike (a synthetic course of 200 modules took 124 s to load): each
    is reported at its first close-enough match instead of being compared with every earlier one."""
    one = """
        - id: {id}
          type: true_false
          prompt: {{es: "La protección no depende del estatus migratorio de la persona.", en: "Protection does not depend on the person's migration status."}}
          answer: true
          explanation: {{es: "Así es.", en: "That is so."}}
        """
    calls = []
    real = itemcheck._alike
    monkeypatch.setattr(itemcheck, "_alike", lambda a, b: calls.append(1) or real(a, b))
    found = check(project, {"quizzes/copies.yml": quiz(*(one.format(id=f"c-{n}") for n in range(300)))},
                  codes=("item.near-duplicate",))
    assert len(found) == 299  # every copy after the first is reported
    # A few dozen comparisons per question (with the course's other questions first), not the
    # 300 * 299 / 2 pairs per language a full search compares.
    assert len(calls) < 300 * 60
