"""Course figures for trainers: words, reading time, questions by type, declared vs estimated time."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .facilitator import split_notes
from .mdsource import FENCE, scan
from .model import Course, Page

WORDS_PER_MINUTE = 180      # careful reading of technical prose, often in a second language
MINUTES_PER_QUESTION = 0.75
MINUTES_PER_CASE = 5
TOLERANCE = 0.10            # the declared total may differ from the target by this share before `stats` warns
WORD = re.compile(r"[\w’'-]+", re.UNICODE)
MARKUP_LINE = re.compile(r"^\s*(:::|\|?\s*:?-{3,})")  # markers, table rules


def count_words(markdown: str) -> int:
    """Words a participant reads: markers, fences and table rules are not words; link targets neither."""
    words = 0
    for source in scan(markdown):
        line = source.text
        if source.kind == FENCE or MARKUP_LINE.match(line):
            continue
        line = re.sub(r"\]\([^)]*\)", "]", line)
        line = re.sub(r"\{[^}]*\}", "", line)
        words += len(WORD.findall(line))
    return words


@dataclass
class ModuleStats:
    slug: str
    duration: int
    words: dict[str, int]
    quizzes: int
    questions: Counter = field(default_factory=Counter)
    cases: int = 0

    def estimate(self, lang: str) -> int:
        minutes = self.words[lang] / WORDS_PER_MINUTE + sum(self.questions.values()) * MINUTES_PER_QUESTION \
            + self.cases * MINUTES_PER_CASE
        return round(minutes)


def module_stats(course: Course, page: Page) -> ModuleStats:
    default = page.versions[course.default_language]
    quizzes = [course.quizzes[m.ref] for m in default.markers if m.kind == "quiz" and m.ref in course.quizzes]
    questions: Counter = Counter()
    for quiz in quizzes:
        if quiz.kind == "assessment":
            questions["drawn"] += quiz.draw
        for q in quiz.questions:
            questions[q.type] += 1
    return ModuleStats(page.slug, default.duration or 0,
                       {lang: count_words(split_notes(v.body)[0]) for lang, v in page.versions.items()},
                       len(quizzes), questions,
                       sum(1 for m in default.markers if m.kind == "case"))


def target_minutes(course: Course) -> int | None:
    """The course's own target: course.yml `duration` (minutes), else `hours`; None when it states neither."""
    if course.duration:
        return course.duration
    return round(course.hours * 60) or None


def course_stats(course: Course) -> dict:
    modules = [module_stats(course, page) for page in course.modules]
    pools = {q.id: len(q.questions) for q in course.quizzes.values() if q.kind == "pool"}
    return {
        "modules": [{
            "module": m.slug, "duration": m.duration, "words": m.words,
            "estimate": {lang: m.estimate(lang) for lang in course.languages}, "quizzes": m.quizzes,
            "questions": dict(sorted(m.questions.items())), "cases": m.cases} for m in modules],
        "pools": pools,
        "glossary_terms": len(course.glossary),
        "total": {
            "duration": sum(m.duration for m in modules),
            "estimate": {lang: sum(m.estimate(lang) for m in modules) for lang in course.languages},
            "words": {lang: sum(m.words[lang] for m in modules) for lang in course.languages},
            "questions": sum(sum(v for k, v in m.questions.items() if k != "drawn") for m in modules)
            + sum(pools.values()),
            "target": target_minutes(course),
        },
    }


def format_table(stats: dict, langs: tuple[str, ...]) -> str:
    head = ["module", "duration"] + [f"words {lang}" for lang in langs] + [f"est. {lang}" for lang in langs] + \
        ["quizzes", "questions by type", "cases"]
    rows = [head]
    for m in stats["modules"]:
        types = ", ".join(f"{k} {v}" for k, v in m["questions"].items()) or "-"
        rows.append([m["module"], f"{m['duration']} min", *(str(m["words"][lang]) for lang in langs),
                     *(f"{m['estimate'][lang]} min" for lang in langs), str(m["quizzes"]), types, str(m["cases"])])
    t = stats["total"]
    rows.append(["total", f"{t['duration']} min", *(str(t["words"][lang]) for lang in langs),
                 *(f"{t['estimate'][lang]} min" for lang in langs), "", f"{t['questions']} questions", ""])
    widths = [max(len(r[i]) for r in rows) for i in range(len(head))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    pools = ", ".join(f"{k} {v}" for k, v in stats["pools"].items())
    lines.append("")
    lines.append(f"Final assessment pools: {pools or 'none'}; glossary terms: {stats['glossary_terms']}.")
    rates = (f"Estimates: {WORDS_PER_MINUTE} words/min, {MINUTES_PER_QUESTION} min/question, "
             f"{MINUTES_PER_CASE} min/case.")
    if t["target"] is None:
        lines.append(f"Declared total {t['duration']} min (course.yml states no target: add 'duration: <minutes>'). "
                     + rates)
    else:
        diff = t["duration"] - t["target"]
        lines.append(f"Declared total {t['duration']} min against the {t['target']} min target "
                     f"({'+' if diff >= 0 else ''}{diff} min). " + rates)
    return "\n".join(lines)


def duration_warning(stats: dict) -> str:
    """A warning when the modules' declared total leaves the course's target by more than TOLERANCE."""
    t = stats["total"]
    if not t["target"] or abs(t["duration"] - t["target"]) <= TOLERANCE * t["target"]:
        return ""
    side = "over" if t["duration"] > t["target"] else "under"
    return (f"warning: the modules declare {t['duration']} min in total, {abs(t['duration'] - t['target'])} min "
            f"{side} the course's target of {t['target']} min (course/course.yml 'duration' or 'hours'); "
            "adjust the modules' 'duration:' or the target")
