"""Item-writing checks: questions that hint at their answer or read badly, reported as warnings.

Every rule is judged on the loaded model (``validate`` calls :func:`check_items` last), in every
course language, and reported at the text it is about. The thresholds below are the ones AUTHORING.md
("Item-writing checks") promises; the phrases some rules look for are language data: the
``itemcheck:`` section of ``locales/<lang>.yml``, over which a course sets its own (``Course.item_phrases``).

A question (``QUESTION_RULES``) or a quiz (``QUIZ_RULES``) silences a rule with
``allow: {rule: "reason"}``; an allow that silences nothing is reported, so reasons do not outlive
the problem they excused.
"""
from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from .diagnostics import Mark, Reporter
from . import qtypes
from .model import Allow, Course, Question, Quiz

LOCALES = Path(__file__).parent / "locales"
PHRASE_KEYS = ("all_of_the_above", "negations")

LENGTH_RATIO = 1.5    # length-cue: the right option at least this many times the longest distractor…
LENGTH_MARGIN = 20    # …and at least this many characters longer
NEAR_RATIO = 0.8      # near-duplicate: difflib ratio of two stems (or scenarios and options), normalised
DRIFT_RATIO = 1.8     # translation-drift: the longer language version at most this many times the shorter…
DRIFT_MIN = 40        # …once the longer has more than this many characters
KEY_POSITION_MIN = 3  # key-position: single-choice questions needed before a fixed key position counts
POOL_PER_SLOT = 3     # small-pool: questions the pools hold per question drawn per attempt

ALLOW_HINT = 'or, if it is right as it is, silence it with a reason: allow: {%s: "why"}'


@cache
def builtin_phrases() -> dict[str, dict[str, tuple[str, ...]]]:
    """lang -> key -> phrases, from the generator's locale files (a language may have none)."""
    out: dict[str, dict[str, tuple[str, ...]]] = {}
    for path in sorted(LOCALES.glob("*.yml")):
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        section = (data or {}).get("itemcheck") or {}
        out[path.stem] = {k: tuple(str(p) for p in section[k]) for k in PHRASE_KEYS if section.get(k)}
    return out


# --- text as the rules read it ------------------------------------------------------------------

LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
MARKS = re.compile(r"\*\*|__|[*`]|(?<!\w)_|_(?!\w)")
SPACE = re.compile(r"\s+")


def plain(text: str) -> str:
    """The text as read: Markdown's emphasis and code marks and link targets do not count."""
    return SPACE.sub(" ", MARKS.sub("", LINK.sub(r"\1", text))).strip()


def length(text: str) -> int:
    return len(plain(text))


def normal(text: str) -> str:
    """Lower case, punctuation out, spaces collapsed: what near-duplicates are compared on."""
    return SPACE.sub(" ", re.sub(r"[^\w\s]|_", " ", plain(text).lower())).strip()


@cache
def _fold_char(c: str) -> str:
    base = unicodedata.normalize("NFD", c)[0].lower()
    return "'" if c == "\u2019" else base if len(base) == 1 else c


def _fold(text: str) -> str:
    """Lower case without accents, character for character (positions stay those of ``text``)."""
    return "".join(map(_fold_char, text))


@cache
def _phrases(phrases: tuple[str, ...]) -> re.Pattern[str] | None:
    words = [[re.escape(w) for w in _fold(unicodedata.normalize("NFC", p)).split()] for p in phrases]
    alternatives = sorted((r"\s+".join(w) for w in words if w), key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)") if alternatives else None


def find(phrases: tuple[str, ...], text: str) -> list[re.Match[str]]:
    """Every whole-word occurrence of the phrases in ``text`` (NFC), ignoring case and accents; the
    match positions are those of ``text``."""
    pattern = _phrases(tuple(phrases))
    return list(pattern.finditer(_fold(text))) if pattern else []


QUESTION_SENTENCE = re.compile(r"¿[^¿?]*\?")
SENTENCE_END = re.compile(r"(?<=[.!?…:])[\"'»”)]*\s+")


def stem(text: str) -> tuple[str, str]:
    """(scenario, question): the sentence that asks (the last question, else the last sentence) and
    what comes before it."""
    text = unicodedata.normalize("NFC", text).strip()
    spanish = list(QUESTION_SENTENCE.finditer(text))
    if spanish:
        m = spanish[-1]
        return text[:m.start()].strip(), m.group(0)
    cuts = [0] + [m.end() for m in SENTENCE_END.finditer(text)]
    sentences = [(a, text[a:b].strip()) for a, b in zip(cuts, cuts[1:] + [len(text)]) if text[a:b].strip()]
    if not sentences:
        return "", text
    asking = [s for s in sentences if s[1].rstrip("\"'»”)").endswith("?")]
    start, sentence = (asking or sentences)[-1]
    return text[:start].strip(), sentence


EMPHASIS = re.compile(r"\*\*(.+?)\*\*|__(.+?)__|(?<![*\w])\*(?!\s)(.+?)(?<!\s)\*(?!\*)|(?<!\w)_(?!\s)(.+?)(?<!\s)_(?!\w)")


def emphasised(text: str, start: int, end: int) -> bool:
    """Is text[start:end] written in capitals, or inside Markdown bold or italics?"""
    word = text[start:end]
    if any(c.isalpha() for c in word) and word.upper() == word:
        return True
    return any(m.start() < start and end < m.end() for m in EMPHASIS.finditer(text))


def ordinal(n: int) -> str:
    return f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


# --- reporting ----------------------------------------------------------------------------------

@dataclass
class _Run:
    course: Course
    rep: Reporter
    used: set[tuple[str, Mark]]

    def rel(self, path: Path) -> str:
        return self.rep.rel(path)

    def warn(self, allows: tuple[dict[str, Allow], ...], rule: str, code: str, at: Mark, message: str,
             hint: str) -> None:
        silencing = [allow[rule] for allow in allows if rule in allow]
        self.used.update((rule, a.mark) for a in silencing)
        if not silencing:
            self.rep.warn(at, code, message, f"{hint}; {ALLOW_HINT % rule}")


def check_items(course: Course, rep: Reporter) -> None:
    """Add a warning for every item-writing rule a question or quiz of ``course`` breaks."""
    run = _Run(course, rep, set())
    questions = [(quiz, q) for quiz in course_order(course) for q in quiz.questions]
    for quiz, q in questions:
        for lang in course.languages:
            length_cue(run, q, lang)
            all_of_the_above(run, q, lang, course.item_phrases.get(lang, {}).get("all_of_the_above", ()))
        negative_stem(run, q)
        translation_drift(run, q)
    near_duplicates(run, questions)
    for quiz in course.quizzes.values():
        key_position(run, quiz)
        small_pool(run, quiz)
    for quiz, q in [(quiz, None) for quiz in course.quizzes.values()] + questions:
        owner = q or quiz
        what = f"question '{q.id}'" if q else f"quiz '{quiz.id}'"
        for rule, allow in owner.allow.items():
            if (rule, allow.mark) not in run.used:
                rep.warn(allow.mark, "item.allow-unused", f"{what}: allow '{rule}' silences nothing: the rule "
                         "finds no problem here", "remove it, so the rule guards this item again")


def course_order(course: Course) -> list[Quiz]:
    """The quizzes as a participant meets them: placed in the pages in order (an assessment's pools
    right after it), then any other."""
    order: dict[str, Quiz] = {}
    for page in course.all_pages():
        version = page.versions.get(course.default_language)
        for m in version.markers if version else ():
            quiz = course.quizzes.get(m.ref) if m.kind == "quiz" else None
            if quiz is not None:
                order.setdefault(quiz.id, quiz)
                for pool in quiz.pools:
                    if pool in course.quizzes:
                        order.setdefault(pool, course.quizzes[pool])
    for quiz in course.quizzes.values():
        order.setdefault(quiz.id, quiz)
    return list(order.values())


def _at(q: Question, key: str, fallback: Mark) -> Mark:
    return q.where.get(key, fallback)


def length_cue(run: _Run, q: Question, lang: str) -> None:
    """The right option much longer than every distractor: participants learn to pick the longest."""
    if not qtypes.get(q.type).has_options:
        return
    distractors = [(length(o.text[lang]), o) for o in q.options if not o.correct]
    if not distractors:
        return
    longest, other = max(distractors, key=lambda d: d[0])
    for o in q.options:
        n = length(o.text[lang])
        if o.correct and n >= LENGTH_RATIO * longest and n - longest >= LENGTH_MARGIN:
            run.warn((q.allow,), "length-cue", "item.length-cue", o.where.get(f"text.{lang}", o.mark),
                     f"question '{q.id}' ({lang}): the right option '{o.id}' has {n} characters, "
                     f"{n / max(longest, 1):.1f}× the longest distractor ('{other.id}', {longest}): a length cue",
                     f"participants learn to pick the longest option: keep the right one under "
                     f"{LENGTH_RATIO}× (or {LENGTH_MARGIN} characters more than) the longest distractor, "
                     "with options alike in length and grammar")
            return


def all_of_the_above(run: _Run, q: Question, lang: str, phrases: tuple[str, ...]) -> None:
    """"All/none of the above": answerable by spotting two right options (or one wrong) alone."""
    if not phrases:
        return
    for o in q.options:
        text = unicodedata.normalize("NFC", o.text[lang])
        found = find(phrases, text)
        if found:
            m = found[0]
            run.warn((q.allow,), "all-of-the-above", "item.all-of-the-above", o.where.get(f"text.{lang}", o.mark),
                     f"question '{q.id}' ({lang}): option '{o.id}' says '{text[m.start():m.end()]}'",
                     "it can be answered by elimination (two options right, or one wrong, settle it): "
                     "replace it with a plausible distractor of its own")
            return


def negative_stem(run: _Run, q: Question) -> None:
    """A negative question ("Which is NOT…") is easily misread unless the negation stands out. It
    counts as negative when the asking sentence has a negation in every language that has a list, so
    a term in one language ("no acompañado") is not taken for one ("unaccompanied")."""
    if not qtypes.get(q.type).has_options:
        return  # e.g. a true/false prompt is a statement to judge, not a question asked
    found = {}
    for lang in run.course.languages:
        negations = run.course.item_phrases.get(lang, {}).get("negations", ())
        if negations:
            _, asking = stem(q.prompt[lang])
            found[lang] = (asking, find(negations, asking))
    if not found or not all(matches for _, matches in found.values()):
        return
    for lang, (asking, matches) in found.items():
        loud = [m for m in matches if not emphasised(asking, m.start(), m.end())]
        if loud:
            word = asking[loud[0].start():loud[0].end()]
            run.warn((q.allow,), "negative-stem", "item.negative-stem", _at(q, f"prompt.{lang}", q.mark),
                     f"question '{q.id}' ({lang}): the question asks with a negation ('{word}') that does not "
                     "stand out", f"write it in capitals ({word.upper()}) or bold (**{word}**) so no one misreads "
                     "it, or better, ask the question the positive way")


def _texts(q: Question):
    """(name, where-key, texts, fallback mark) of every text of a question in every language."""
    for key in ("prompt", "explanation", "hint"):
        texts = getattr(q, key)
        if texts:
            yield key, key, q.where, texts, q.mark
    for o in q.options:
        yield f"option '{o.id}'", "text", o.where, o.text, o.mark
        if o.feedback:
            yield f"option '{o.id}' feedback", "feedback", o.where, o.feedback, o.mark
    for i in q.items:
        if i.right is None:
            yield f"item '{i.id}'", "text", i.where, i.text, i.mark
        else:
            yield f"pair '{i.id}' left", "left", i.where, i.text, i.mark
            yield f"pair '{i.id}' right", "right", i.where, i.right, i.mark
    for name, texts, at in qtypes.get(q.type).texts(q):  # a type's own texts, located at their own mark
        yield name, "", {}, texts, at


def translation_drift(run: _Run, q: Question) -> None:
    """One language's version much longer or shorter than the default language's: something was added
    or left out in translation."""
    source = run.course.default_language
    for name, key, where, texts, fallback in _texts(q):
        for lang in run.course.languages[1:]:
            a, b = length(texts[source]), length(texts[lang])
            longer, shorter = max(a, b), min(a, b)
            if longer > DRIFT_MIN and longer > DRIFT_RATIO * max(shorter, 1):
                run.warn((q.allow,), "translation-drift", "item.translation-drift", where.get(f"{key}.{lang}", fallback),
                         f"question '{q.id}' {name}: the {lang} text has {b} characters, the {source} text {a} "
                         f"({longer / max(shorter, 1):.1f}×): has the translation drifted?",
                         f"check that both say the same, no more and no less (the longer at most {DRIFT_RATIO}× "
                         "the shorter)")


def _options(q: Question, lang: str) -> str:
    return " | ".join(sorted(normal(o.text[lang]) for o in q.options))


@dataclass(frozen=True)
class _Text:
    """A normalised text with its character trigrams (the cheap filter before difflib)."""

    text: str
    grams: frozenset[str]

    @classmethod
    def of(cls, text: str) -> "_Text":
        return cls(text, frozenset(text[k:k + 3] for k in range(len(text) - 2)))


def _alike(a: _Text, b: _Text) -> float:
    """difflib's ratio of two texts when it may reach NEAR_RATIO, else 0. Texts that alike share most
    of their trigrams, so pairs sharing fewer than half are never compared in full (courses have
    thousands of pairs and the full ratio costs about a millisecond each)."""
    la, lb = len(a.text), len(b.text)
    if not la or not lb or 2 * min(la, lb) < NEAR_RATIO * (la + lb):
        return 0.0
    if 2 * len(a.grams & b.grams) < 0.5 * (len(a.grams) + len(b.grams)):
        return 0.0
    m = difflib.SequenceMatcher(None, a.text, b.text, autojunk=False)
    return m.ratio() if m.quick_ratio() >= NEAR_RATIO else 0.0


SURE_RATIO = 0.95  # a pair this alike is reported without looking for a closer one


def near_duplicates(run: _Run, questions: list[tuple[Quiz, Question]]) -> None:
    """Two questions anywhere in the course alike enough to be one: a participant meets the item (and
    its answer) twice, and the final assessment measures recall of a module quiz. Reported at the one
    met later, naming the earlier."""
    langs = run.course.languages
    keys = [{lang: (_Text.of(normal(q.prompt[lang])), _Text.of(normal(stem(q.prompt[lang])[0])),
                    _Text.of(_options(q, lang))) for lang in langs} for _, q in questions]
    for j, (quiz, q) in enumerate(questions):
        best: tuple[float, int, str, str] | None = None
        for i in range(j):
            for lang in langs:
                (pa, sa, oa), (pb, sb, ob) = keys[i][lang], keys[j][lang]
                found = None
                if (r := _alike(pa, pb)) >= NEAR_RATIO:
                    found = (r, i, lang, "stems")
                elif (rs := _alike(sa, sb)) >= NEAR_RATIO and (ro := _alike(oa, ob)) >= NEAR_RATIO:
                    found = (min(rs, ro), i, lang, "scenarios and options")
                if found and (best is None or found[0] > best[0]):
                    best = found
            if best is not None and best[0] >= SURE_RATIO:
                break  # alike enough to report; searching on for a closer one costs O(n²) on a course of copies
        if best is None:
            continue
        r, i, lang, what = best
        first_quiz, first = questions[i]
        run.warn((q.allow, first.allow), "near-duplicate", "item.near-duplicate", q.mark,
                 f"question '{q.id}' is a near-duplicate of question '{first.id}' "
                 f"({run.rel(first_quiz.path)}:{first.mark.line}): {what} {r:.0%} alike ({lang})",
                 "participants meet the same item twice; make one a new question (another scenario, "
                 "another point), or delete it")


def _shown_with(course: Course, quiz: Quiz) -> list[Question]:
    """The single-choice questions a participant sees together in ``quiz``: its own, or an
    assessment's whole pools."""
    if quiz.kind == "assessment":
        pools = [course.quizzes[p] for p in quiz.pools if p in course.quizzes and course.quizzes[p].kind == "pool"]
        return [q for pool in pools for q in pool.questions if qtypes.get(q.type).one_right_option]
    if quiz.kind == "pool":
        return []  # seen through its assessment, whose `shuffle` applies
    return [q for q in quiz.questions if qtypes.get(q.type).one_right_option]


def key_position(run: _Run, quiz: Quiz) -> None:
    """Unshuffled options whose right one is always at the same place: the position answers."""
    if quiz.shuffle:
        return
    questions = _shown_with(run.course, quiz)
    positions = {next((n for n, o in enumerate(q.options, 1) if o.correct), 0) for q in questions}
    if len(questions) >= KEY_POSITION_MIN and len(positions) == 1 and 0 not in positions:
        n = positions.pop()
        where = "in its pools" if quiz.kind == "assessment" else "in it"
        run.warn((quiz.allow,), "key-position", "item.key-position", quiz.mark or Mark(run.rel(quiz.path), 0, 0),
                 f"{quiz.kind} '{quiz.id}' does not shuffle options and the right option of all "
                 f"{len(questions)} single-choice questions {where} is the {ordinal(n)}",
                 "participants learn the position instead of the answer: put the right option at different "
                 "places, or set 'shuffle: true'")


def small_pool(run: _Run, quiz: Quiz) -> None:
    """Pools that a few attempts (and their reviews) see whole. Attempts draw the questions a participant
    has seen least first (js/21-shuffle.js), so with 3 questions per drawn one in all the first three
    attempts never repeat a question, however the questions are spread over the pools."""
    if quiz.kind != "assessment":
        return
    pools = [p for p in dict.fromkeys(quiz.pools) if p in run.course.quizzes and run.course.quizzes[p].kind == "pool"]
    size = sum(len(run.course.quizzes[p].questions) for p in pools)
    if quiz.draw > size or size >= POOL_PER_SLOT * quiz.draw:
        return  # too many drawn: quiz.draw-too-many says so, an error
    missing = POOL_PER_SLOT * quiz.draw - size
    run.warn((quiz.allow,), "small-pool", "quiz.small-pool", quiz.mark or Mark(run.rel(quiz.path), 0, 0),
             f"assessment '{quiz.id}' draws {quiz.draw} question{'s' * (quiz.draw != 1)} per attempt from "
             f"pools holding {size} in all: fewer than {POOL_PER_SLOT} per drawn question",
             f"a few attempts and their reviews show every question: add {missing} question"
             f"{'s' * (missing != 1)} to the pools, or lower 'draw'")
