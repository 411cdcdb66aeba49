"""The course as data: what trainers author, loaded once and validated, free of any renderer."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .diagnostics import Mark

Localized = dict[str, str]
"""A text in every course language, e.g. {"es": "…", "en": "…"}; values are Markdown."""

QUIZ_KINDS = ("quiz", "pool", "assessment")
# What a submitted assessment attempt shows: right/wrong only; also each explanation; also the right answers.
REVIEW_MODES = ("marks", "explanations", "answers")
# The item-writing checks (itemcheck.py) a question or a quiz may silence with `allow: {rule: "reason"}`:
# those judged per question, and those judged over a whole quiz or assessment.
QUESTION_RULES = ("length-cue", "near-duplicate", "all-of-the-above", "negative-stem", "translation-drift")
QUIZ_RULES = ("key-position", "small-pool")
# The pages the generator adds to every course, in navigation order, and the folder each gets unless
# course.yml's `slugs:` names another (e.g. a course in Spanish names its progress page in Spanish).
APP_KINDS = ("progress", "certificate", "search", "verify")
DEFAULT_SLUGS = {"progress": "progress", "certificate": "certificate", "search": "search", "verify": "verify",
                 "slides": "slides",
                 "glossary": "glossary"}


@dataclass(frozen=True)
class Allow:
    """One item-writing rule silenced, with the author's reason (never empty)."""

    reason: str
    mark: Mark


@dataclass(frozen=True)
class Option:
    id: str
    text: Localized
    correct: bool
    feedback: Localized | None
    mark: Mark
    # Where each text stands, "text.es", "feedback.en": item-writing warnings point at the text itself.
    where: dict[str, Mark] = field(default_factory=dict)


@dataclass(frozen=True)
class Item:
    """An ordering step or a matching pair (``right`` is None for ordering)."""

    id: str
    text: Localized
    right: Localized | None
    mark: Mark
    where: dict[str, Mark] = field(default_factory=dict)  # "text.es", "right.en" (as Option.where)


@dataclass(frozen=True)
class Question:
    id: str
    type: str
    prompt: Localized
    explanation: Localized | None
    hint: Localized | None
    mark: Mark
    options: tuple[Option, ...] = ()
    answer: bool | None = None
    answers: dict[str, tuple[str, ...]] = field(default_factory=dict)
    items: tuple[Item, ...] = ()
    allow: dict[str, Allow] = field(default_factory=dict)  # QUESTION_RULES name -> why it does not apply
    where: dict[str, Mark] = field(default_factory=dict)  # "prompt.es", "explanation.en", "hint.es"
    # A question type's own data (qtypes/<type>/: a frozen dataclass of its choosing) beyond the
    # shapes above, which the first types share.
    data: object = None


@dataclass(frozen=True)
class Quiz:
    id: str
    path: Path
    title: Localized
    kind: str
    pass_mark: int
    shuffle: bool
    reveal_after: int
    graded: bool
    questions: tuple[Question, ...]
    draw: int = 0
    pools: tuple[str, ...] = ()
    mark: Mark | None = None
    explain_after: int = 0      # practice: the explanation also shows after this many wrong tries (0: never)
    review: str = "explanations"  # assessment: what a submitted attempt shows (REVIEW_MODES)
    attempts: int = 0           # assessment: attempts allowed (0: unlimited)
    wait_hours: float = 0       # assessment: time between the end of an attempt and the next one
    allow: dict[str, Allow] = field(default_factory=dict)  # QUIZ_RULES name -> why it does not apply


@dataclass(frozen=True)
class Choice:
    text: Localized
    feedback: Localized
    next: str
    mark: Mark


@dataclass(frozen=True)
class CaseNode:
    id: str
    text: Localized
    choices: tuple[Choice, ...]
    ending: str | None
    mark: Mark


@dataclass(frozen=True)
class Case:
    id: str
    path: Path
    title: Localized
    start: str
    nodes: dict[str, CaseNode]
    debrief: Localized
    mark: Mark


@dataclass(frozen=True)
class Marker:
    """A `::: kind ref` line in a page body."""

    kind: str
    ref: str
    line: int


@dataclass(frozen=True)
class PageVersion:
    """One language of a page: front matter plus the Markdown body as written."""

    lang: str
    path: Path
    title: str
    description: str
    body: str
    body_line: int  # line number in the source file where the body starts
    duration: int | None
    objectives: tuple[str, ...]
    keypoints: tuple[str, ...]
    review: str | None
    markers: tuple[Marker, ...]
    translated_from: str | None = None  # source hash of the default language this was translated from


@dataclass(frozen=True)
class Page:
    """A folder under course/: a module (counted, with duration) or a plain page."""

    slug: str
    is_module: bool
    versions: dict[str, PageVersion]


@dataclass(frozen=True)
class GlossaryTerm:
    id: str
    term: Localized
    definition: Localized
    mark: Mark


@dataclass(frozen=True)
class AgendaItem:
    time: str
    end: str | None
    topic: Localized


@dataclass(frozen=True)
class Ref:
    """An id written in a source file (a module a session covers, a question it discusses), kept with
    its place so validation can point at it."""

    id: str
    mark: Mark


@dataclass(frozen=True)
class Session:
    id: str
    title: Localized
    date: str
    end_date: str | None
    start: str | None
    end: str | None
    agenda: tuple[AgendaItem, ...]
    # What a live session's slide deck shows (render/slides.py): module folders, then question ids and
    # case decision points (`case` or `case#node`) for discussion.
    modules: tuple[Ref, ...] = ()
    discuss: tuple[Ref, ...] = ()
    mark: Mark | None = None

    @property
    def has_deck(self) -> bool:
        return bool(self.modules or self.discuss)

    @property
    def is_live(self) -> bool:
        """A live session (it has times) takes attendance; a self-paced period does not."""
        return bool(self.start and self.end)


@dataclass(frozen=True)
class Participation:
    """course.yml `participation:`: what a certificate of participation requires (attendance.py)."""

    sessions: tuple[Ref, ...] | None  # live session ids with their places; None: every live session
    completion: bool                  # the certificate of completion's requirements too
    mark: Mark | None = None
    sessions_mark: Mark | None = None


@dataclass(frozen=True)
class Programme:
    timezone_offset: str
    timezone_label: Localized
    sessions: tuple[Session, ...]


@dataclass(frozen=True)
class Course:
    root: Path
    id: str
    version: str
    title: Localized
    description: Localized
    languages: tuple[str, ...]
    pass_mark: int
    hours: float
    issuers: tuple[Localized, ...]
    home: Page
    modules: tuple[Page, ...]
    pages: tuple[Page, ...]
    quizzes: dict[str, Quiz]
    cases: dict[str, Case]
    glossary: tuple[GlossaryTerm, ...]
    programme: Programme | None
    duration: int | None = None  # course.yml `duration`: target minutes of self-study (else `hours`)
    slugs: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_SLUGS))  # app page kind -> folder
    # The course's interface texts over the generator's (course/strings/<lang>.yml, course.yml
    # `certificate:`): lang -> "ui"/"js" -> key -> text.
    strings: dict[str, dict[str, dict[str, str]]] = field(default_factory=dict)
    # The phrases the item-writing checks look for (itemcheck.PHRASE_KEYS), per course language: the
    # generator's locale data, or the course's `itemcheck:` lists in course/strings/<lang>.yml.
    item_phrases: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    glossary_review: str | None = None  # glossary.yml `review:` (same states as a page's)
    participation: Participation | None = None  # course.yml `participation:` (None: no such certificate)

    @property
    def default_language(self) -> str:
        return self.languages[0]

    def all_pages(self) -> tuple[Page, ...]:
        return (self.home, *self.modules, *self.pages)
