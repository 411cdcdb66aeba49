"""What the GIFT and Moodle XML exports share: which quizzes, categories, grades, texts and the report.

Moodle facts this module encodes (qformat_gift, qformat_xml, question/engine):

- Imported answer grades must be one of Moodle's grade options (within 0.00001 of a fraction), or the
  question is rejected on import; ``ALLOWED_FRACTIONS`` is that list in percent.
- A multiple-answer multichoice is accepted when its positive grades add up to 100 % (rounded to 2 places).
- Shortanswer compares case-insensitively when ``usecase`` is 0 but accents exactly, trims the response,
  and treats ``*`` as a wildcard (``\\*`` is a literal asterisk).
- Category paths use ``/`` between levels; a ``/`` inside a name is written ``//``.
"""
from __future__ import annotations

import html
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from .. import qtypes
from ..model import Course, Question, Quiz
from ..text import Markup_
from . import ExportResult

ALLOWED_FRACTIONS: tuple[float, ...] = (
    100, 90, 83.33333, 80, 75, 70, 66.66667, 60, 50, 40, 33.33333, 30, 25, 20,
    16.66667, 14.28571, 12.5, 11.11111, 10, 5)

def moodle_labels() -> list[str]:
    """The Moodle question type (and, for multichoice, its variant) each course question type becomes, in
    the order the reports count them."""
    return list(dict.fromkeys(qt.moodle_label for qt in qtypes.all_types()))


ORDERING_PLUGIN = ("requires the qtype_ordering plugin (a standard plugin from Moodle 4.4; "
                   "install it from moodle.org/plugins on older sites, or the import rejects the question)")

# Ordering questions go to a file of their own, so that the main file imports the same on every Moodle. Without
# the plugin, Moodle XML's ordering file is refused (an unsupported question type: with the default "stop on
# error" nothing of that file is imported); GIFT's is imported, wrongly (gift.py, without_plugin).
MAIN, ORDERING = "main", "ordering"


def in_part(q: Question, part: str) -> bool:
    """Whether ``q`` belongs in the main file or in the ordering file."""
    return qtypes.get(q.type).export_part == part


def has_ordering(course: Course) -> bool:
    return any(qtypes.get(q.type).export_part == ORDERING for quiz in quizzes_to_export(course)
               for q in quiz.questions)

GLOSSARY_LINK = re.compile(
    r"(?<!!)\[((?:[^\[\]\\]|\\.|\[[^\]]*\])*)\]\(\s*<?glossary:[^)\s>]*>?(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)")
MD_LINK = re.compile(r"(?<!!)\[[^\]]*\]\(\s*<?([^)\s>]+)")
URL_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.I)
XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


# ---------------------------------------------------------------------------------------------- texts

def without_glossary_links(text: str) -> str:
    """``[x](glossary:id)`` becomes ``x``: the glossary is part of the site, not of the LMS."""
    return GLOSSARY_LINK.sub(lambda m: m.group(1), text)


def local_links(text: str) -> list[str]:
    """Link targets (other than glossary terms) that only resolve on the course site."""
    return [m.group(1) for m in MD_LINK.finditer(without_glossary_links(text))
            if not URL_SCHEME.match(m.group(1))]


class Texts:
    """Markdown fields as HTML (the site's safe renderer) or as plain text."""

    def __init__(self) -> None:
        self._markup = Markup_()

    def html(self, text: str) -> str:
        return XML_INVALID.sub("", str(self._markup.block(without_glossary_links(text)))).strip()

    def plain(self, text: str) -> str:
        """One line of plain text (the participant's view of ``text`` without its formatting)."""
        return html_to_plain(self.html(text))

    def choice(self, text: str) -> str:
        """A matching choice: Moodle shows it through format_string(), which strips tags and keeps
        entities, so the plain text goes with ``<``, ``>`` and ``&`` as entities to show as written."""
        return html.escape(self.plain(text), quote=False)


def html_to_plain(markup: str) -> str:
    text = re.sub(r"<[^>]+>", " ", markup)
    return re.sub(r"\s+", " ", html.unescape(text)).strip()


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


def shortanswer_answers(q: Question, lang: str) -> tuple[list[str], list[str]]:
    """The accepted answers of ``lang`` plus accent-free variants; returns (answers, variants added).

    The site ignores accents, Moodle does not: "devolucion" must be listed to be accepted. Answers that
    differ only in case are listed once (``usecase`` is 0).
    """
    answers: list[str] = []
    added: list[str] = []
    seen: set[str] = set()
    for answer in q.answers.get(lang, ()):
        for i, variant in enumerate((answer.strip(), strip_accents(answer.strip()))):
            key = variant.casefold()
            if variant and key not in seen:
                seen.add(key)
                answers.append(variant)
                if i:
                    added.append(variant)
    return answers, added


def shortanswer_pattern(answer: str) -> str:
    """An accepted answer as a Moodle shortanswer pattern (``*`` is a wildcard there)."""
    return answer.replace("*", "\\*")


# ------------------------------------------------------------------------------------------- grades

def nearest_fraction(value: float) -> float:
    return min(ALLOWED_FRACTIONS, key=lambda f: (abs(f - value), -f))


def fraction_text(value: float) -> str:
    """A grade as Moodle writes it: ``100``, ``-50``, ``33.33333``."""
    text = f"{value:.5f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def choice_fractions(q: Question) -> tuple[list[float], list[str]]:
    """Grades (percent) for the options of a single or multiple question, and notes on approximations.

    single: 100 for the correct option, 0 for the others. multiple: the correct options share 100 and
    the wrong ones share -100, so ticking every box scores 0 (Moodle never goes below 0).
    """
    if qtypes.get(q.type).one_right_option:
        return [100.0 if o.correct else 0.0 for o in q.options], []
    notes: list[str] = []
    right = sum(1 for o in q.options if o.correct)
    wrong = len(q.options) - right
    plus = nearest_fraction(100 / right)
    if abs(plus * right - 100) > 0.01:
        notes.append(f"{right} correct options: 100/{right} is not a Moodle grade; "
                     f"each gets {fraction_text(plus)} % (total {fraction_text(plus * right)} %; "
                     f"Moodle wants 100 %)")
    minus = 0.0
    if wrong:
        # The wrong options together must cancel everything the right ones give (at least 100).
        target = max(100.0, plus * right)
        minus = nearest_fraction(target / wrong)
        if minus * wrong < target - 0.01:
            minus = min((f for f in ALLOWED_FRACTIONS if f * wrong >= target - 0.01), default=100.0)
        if abs(minus * wrong - 100) > 0.01:
            notes.append(f"{wrong} wrong options: -100/{wrong} is not a Moodle grade; "
                         f"each gets -{fraction_text(minus)} %")
        if minus * wrong < target - 0.01:
            notes.append(f"ticking every option scores {fraction_text(plus * right - minus * wrong)} %")
    return [plus if o.correct else -minus for o in q.options], notes


# ------------------------------------------------------------------------------------- quizzes, bank

def quizzes_to_export(course: Course) -> list[Quiz]:
    """Every quiz with questions (kinds quiz and pool), in course order: placed quizzes, then pools."""
    order: list[str] = []
    lang = course.default_language
    for page in course.all_pages():
        version = page.versions.get(lang)
        for marker in version.markers if version else ():
            if marker.kind == "quiz" and marker.ref not in order:
                order.append(marker.ref)
    for quiz in course.quizzes.values():
        if quiz.kind == "assessment":
            order.extend(p for p in quiz.pools if p not in order)
    order.extend(q for q in course.quizzes if q not in order)
    return [course.quizzes[q] for q in order if q in course.quizzes and course.quizzes[q].kind in ("quiz", "pool")]


def exported_quizzes(course: Course, report: "Report", render: Callable[[Question, Quiz], str | None],
                     part: str = MAIN) -> Iterator[tuple[Quiz, list[str]]]:
    """(quiz, its rendered questions) for every quiz with questions in ``part`` (a category each),
    counting categories and exported questions in ``report``; ``render`` returns None for a question
    the format cannot carry."""
    for quiz in quizzes_to_export(course):
        questions = [q for q in quiz.questions if in_part(q, part)]
        if not questions:
            continue
        report.categories += 1
        blocks = []
        for q in questions:
            block = render(q, quiz)
            if block is not None:
                blocks.append(block)
                report.exported_as(q)
        yield quiz, blocks


def category_name(text: str) -> str:
    """A title as one category level: one line, ``/`` doubled (Moodle's escape inside a level)."""
    return " ".join(text.split()).replace("/", "//")


def category_path(course: Course, quiz: Quiz, lang: str) -> str:
    """``$course$/<course title>/<quiz title>``: one question bank category per quiz."""
    return "$course$/" + category_name(course.title[lang]) + "/" + category_name(quiz.title[lang])


# ------------------------------------------------------------------------------------------- report

@dataclass
class Report:
    """What one export file holds and what it could not hold."""

    fmt: str
    lang: str
    path: Path
    categories: int = 0
    exported: Counter = field(default_factory=Counter)
    skipped: list[str] = field(default_factory=list)
    plugin: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    grouped: dict[str, list[str]] = field(default_factory=dict)
    elsewhere: dict[str, list[str]] = field(default_factory=dict)
    xml_only: list[str] = field(default_factory=list)  # per question: what this format cannot carry
    footer: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.exported.values())

    def exported_as(self, q: Question) -> None:
        self.exported[qtypes.get(q.type).moodle_label] += 1

    def skip(self, quiz: Quiz, q: Question, reason: str) -> None:
        self.skipped.append(f"{q.id} ({q.type}, quiz {quiz.id}): {reason}")

    def needs_plugin(self, quiz: Quiz, q: Question, reason: str) -> None:
        self.plugin.append(f"{q.id} ({q.type}, quiz {quiz.id}): {reason}")

    def moved(self, quiz: Quiz, q: Question, name: str) -> None:
        """``q`` is written to the file ``name`` instead of this one."""
        self.elsewhere.setdefault(name, []).append(f"{q.id} ({q.type}, quiz {quiz.id})")

    def only_in_xml(self, quiz: Quiz, q: Question, what: list[str]) -> None:
        """What the Moodle XML file keeps of ``q`` and this file cannot carry."""
        if what:
            self.xml_only.append(f"{q.id} ({qtypes.get(q.type).moodle_label}, quiz {quiz.id}): {'; '.join(what)}")

    def note(self, quiz: Quiz, q: Question, text: str) -> None:
        self.notes.append(f"{q.id} (quiz {quiz.id}): {text}")

    def note_for(self, q: Question, text: str) -> None:
        """A note shared by several questions: printed once, with their ids."""
        self.grouped.setdefault(text, []).append(q.id)

    def format(self) -> str:
        order = moodle_labels()
        kinds = ", ".join(f"{kind} {n}" for kind, n in sorted(self.exported.items(),
                                                             key=lambda kv: order.index(kv[0]))) or "none"
        lines = [f"{self.fmt} [{self.lang}] {self.path}",
                 f"  {self.categories} categories, {self.total} questions: {kinds}"]
        notes = [f"{text}: {', '.join(ids)}" for text, ids in self.grouped.items()] + self.notes
        sections = [(f"in {name} instead", items) for name, items in self.elsewhere.items()]
        sections += [("needs a plugin", self.plugin), ("NOT exported", self.skipped),
                     ("kept only by the Moodle XML export", self.xml_only), ("notes", notes)]
        for title, items in sections:
            if items:
                lines.append(f"  {title} ({len(items)}):")
                lines.extend(f"    - {item}" for item in items)
        if not self.plugin and not self.skipped:
            lines.append("  every question exported" + (" (the ones listed above in their own file)"
                                                        if self.elsewhere else ""))
        lines.extend(f"  {line}" for line in self.footer)
        return "\n".join(lines)


def common_notes(course: Course, report: Report, texts_of: Callable[[Question], list[str]],
                 part: str = MAIN) -> None:
    """Notes every format shares: quiz settings, assessments (main file only), links to the site."""
    if part == MAIN:
        for quiz in course.quizzes.values():
            if quiz.kind == "assessment":
                report.notes.append(
                    f"assessment {quiz.id} has no questions of its own: its pools ({', '.join(quiz.pools)}) are "
                    f"categories here; in Moodle, build the quiz from random questions of those categories "
                    f"(draw {quiz.draw}, pass mark {quiz.pass_mark} %)")
        report.notes.append("quiz settings (pass mark, shuffle, tries before the answer is shown, graded) are "
                            "not part of a question bank: set them on each Moodle quiz")
    for quiz in quizzes_to_export(course):
        for q in quiz.questions:
            if not in_part(q, part):
                continue
            links = [t for text in texts_of(q) for t in local_links(text)]
            if links:
                report.note(quiz, q, f"links to the course site will not resolve in Moodle: {', '.join(links)}")


def localized_texts(q: Question, lang: str) -> list[str]:
    """Every Markdown text of a question in ``lang``."""
    texts = [q.prompt[lang]]
    texts += [loc[lang] for loc in (q.explanation, q.hint) if loc]
    for o in q.options:
        texts.append(o.text[lang])
        if o.feedback:
            texts.append(o.feedback[lang])
    for item in q.items:
        texts.append(item.text[lang])
        if item.right:
            texts.append(item.right[lang])
    texts += [loc[lang] for _, loc, _ in qtypes.get(q.type).texts(q)]
    return texts


def ordering_path(out: Path, course: Course, lang: str, ext: str) -> Path:
    return out / f"{course.id}-{lang}-ordering.{ext}"


def run(course: Course, langs: list[str], out: Path, fmt: str, ext: str,
        write: Callable[[Course, str, Report, str], str], ordering: bool = True,
        left_out: str = "") -> ExportResult:
    """Write ``out/<course id>-<lang>.<ext>`` per language with ``write`` (every question but ordering)
    and, with ``ordering``, ``<course id>-<lang>-ordering.<ext>`` (the ordering questions, for a Moodle
    with the qtype_ordering plugin); the result carries a report per file. Without ``ordering`` the
    ordering questions are listed as not exported, with ``left_out`` as the reason."""
    result = ExportResult()
    total = 0
    for lang in langs:
        path = out / f"{course.id}-{lang}.{ext}"
        report = Report(fmt, lang, path)
        text = write(course, lang, report, MAIN)
        other = ordering_path(out, course, lang, ext)
        for quiz in quizzes_to_export(course):
            for q in quiz.questions:
                if in_part(q, ORDERING):
                    if ordering:
                        report.moved(quiz, q, other.name)
                    else:
                        report.skip(quiz, q, left_out)
        path.write_text(text, encoding="utf-8")
        result.written.append(path)
        result.say(report.format())
        total += report.total
        if ordering and has_ordering(course):
            report = Report(fmt, lang, other)
            text = write(course, lang, report, ORDERING)
            report.footer.append("import this file only into a Moodle that has the qtype_ordering plugin; "
                                 f"{path.name} imports without it")
            other.write_text(text, encoding="utf-8")
            result.written.append(other)
            result.say(report.format())
            total += report.total
        elif other.exists():  # a bank from an earlier export that no longer matches the course
            other.unlink()
            result.say(f"removed {other} (left over from an earlier export)")
    if not total:
        result.fail(f"{fmt}: no question exported")
    return result
