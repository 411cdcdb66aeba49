"""What a question type is to the generator: the hooks every layer asks of it (qtypes/__init__.py
finds the types; ARCHITECTURE.md, "Adding a question type", walks through writing one).

A type lives in one folder: ``__init__.py`` defines ``TYPE``, an instance of a QuestionType subclass;
``quiz.html.j2`` is its control on the page, ``handbook.html.j2`` its printed form and key,
``control.js`` its browser grading. The defaults below are what a type with no answer key of its
own would do; each hook says which layer calls it.
"""
from __future__ import annotations

from pathlib import Path

from ..model import Question


class NotExportable(Exception):
    """Raised by an export hook: the question cannot be written in that format; the reason goes to the
    export's report ("skipped: <reason>")."""


class QuestionType:
    name: str = ""
    # The YAML keys of a question of this type besides id, type, prompt, explanation, hint, allow.
    keys: tuple[str, ...] = ()
    folder: Path = Path()
    # Progress codes (progress_code.py) write an entered value by kind: one choice "c", several "m",
    # text "t", a position per item "o", a right-hand item per item "p".
    code_kind: str = "c"
    # Item-writing checks (itemcheck.py): the option-text checks apply to questions with choices to
    # pick from; the key-position check to those with exactly one right option.
    has_options: bool = False
    one_right_option: bool = False
    # The Moodle question type it becomes, for the export reports ("multichoice (one answer)").
    moodle_label: str = ""

    # -- loader.py ----------------------------------------------------------------------------------
    def load(self, f, label: str, langs: tuple[str, ...], rep) -> dict:
        """Read this type's keys from the question's Fields ``f`` (report problems through it; set
        ``f.ok = False`` on any); returns the Question fields it fills (options, answer, answers,
        items, data)."""
        return {}

    # -- validate.py --------------------------------------------------------------------------------
    def check(self, q: Question, rep) -> None:
        """Answer-key rules that need the whole question (e.g. exactly one right option)."""

    # -- answers.py: what the page ships for the browser's grading -----------------------------------
    def key(self, q: Question, lang: str) -> dict:
        return {}

    def hash_content(self, q: Question) -> list | None:
        """What question_hash digests besides the common parts; None keeps the original digest of the
        first six types (stored progress is keyed by it, so it must not change for them)."""
        return None

    # -- render/widgets.py: the choices a radio/checkbox control lists --------------------------------
    def choices(self, q: Question, lang: str, md, pool: str | None, t) -> list[dict]:
        return []

    # -- progress_code.py / roster.py ---------------------------------------------------------------
    def code_ids(self, q: Question) -> list[str]:
        return []

    def grade(self, q: Question, entered: dict[str, list[str]], key: dict, langs: tuple[str, ...]) -> bool | None:
        """Grade what a participant's page entered ([field name -> values]) by the answer key: None
        when nothing usable was entered (roster.py re-grades a final attempt with it)."""
        name = f"q-{q.id}"
        if "correct" in key:
            return sorted(entered.get(name, [])) == sorted(key["correct"]) if name in entered else None
        return None

    # -- render/slides.py ---------------------------------------------------------------------------
    def slide(self, q: Question, langs: tuple[str, ...], letters, notes: dict) -> tuple[list, dict | None]:
        """The choices a discussion slide lists (localized texts) and any extra layout; fills
        ``notes["answer"]`` (and ``notes["feedback"]``)."""
        return [], None

    # -- text checks (itemcheck.py, translation drift) -----------------------------------------------
    def texts(self, q: Question) -> list[tuple[str, dict, object]]:
        """(name for a message, localized text, its Mark) of this type's own texts beyond options and
        items (in ``data``): the item-writing checks (translation drift) and the exports' link notes
        read them."""
        return []

    # -- exports ------------------------------------------------------------------------------------
    def xml_keeps(self, q: Question, quiz) -> list[str]:
        """What the Moodle XML export sets for the question that GIFT cannot carry."""
        return []

    def gift(self, q: Question, ctx) -> str:
        """The question in GIFT; ``ctx`` (export/gift.py GiftContext) has quiz, lang, texts, report,
        html() and question(q, head, lines), which writes the usual form. Raise NotExportable(reason)
        when the question cannot be written: the report lists it as skipped, with the reason."""
        raise NotExportable(f"type '{self.name}' has no GIFT form; use the Moodle XML export")

    def moodle_xml(self, q: Question, ctx) -> tuple[str, list[str]]:
        """(the Moodle question type, the XML lines inside <question> after the common ones); ``ctx``
        is export/moodle_xml.py XmlContext. Raise NotExportable(reason) as for gift()."""
        raise NotExportable(f"type '{self.name}' has no Moodle XML form")

    def moodle_questiontext(self, q: Question, ctx) -> str | None:
        """The HTML of the question's <questiontext> when it is more than the prompt (a Cloze question's
        text carries its gaps); None: the prompt."""
        return None

    moodle_penalty: str | None = None  # None: the export's default penalty for a wrong try

    # The export part a question goes to: "main", or a file of its own when it needs a plugin.
    export_part: str = "main"
