"""`new module|quiz`: commented skeletons in every course language (`new course`: skeleton.py).

They load and validate, but their placeholder texts (PLACEHOLDERS) are reported by `check` as
`warning[todo]` until replaced, so `check --strict` (and CI) fails on a module nobody filled in.
A new module is listed before the final assessment (or after --after FOLDER), and its quiz and
question ids follow the convention the course's existing quizzes use (e.g. m8-slug, m8-q1).
"""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from .schema import SLUG
from .strings import BUILTIN
from .loader import MODULE_DIR

MODULE_PAGE = {
    "es": """---
# Módulo nuevo. Reemplace cada texto y borre estos comentarios. Guía: AUTHORING.md
title: "Título del módulo"
description: "Una o dos frases sobre el módulo (aparece en buscadores)."
duration: 20            # minutos de lectura y cuestionario
objectives:             # lo que la persona podrá hacer al terminar
  - "Primer objetivo de aprendizaje."
keypoints:              # se muestran en un recuadro al final
  - "Primera idea clave."
---
## Primera sección

Escriba aquí el texto del módulo. Marque los términos del glosario así:
`[término](glossary:id-del-termino)`.

::: quiz {quiz}

## Referencias

- Autor o institución (año). *Título de la obra de referencia*.
""",
    "en": """---
# New module. Replace every text and delete these comments. Guide: AUTHORING.md
title: "Module title"
description: "One or two sentences about the module (shown by search engines)."
duration: 20            # minutes of reading and quiz
objectives:             # what participants can do at the end
  - "First learning objective."
keypoints:              # shown in a box at the end
  - "First key point."
---
## First section

Write the module text here. Mark glossary terms like this:
`[term](glossary:term-id)`.

::: quiz {quiz}

## References

- Author or institution (year). *Title of the reference work*.
""",
}

# Texts the skeletons write, reported as `todo` by validate.check_placeholders until they are replaced.
PLACEHOLDERS = (
    "Título del módulo", "Module title",
    "Una o dos frases sobre el módulo", "One or two sentences about the module",
    "Primer objetivo de aprendizaje.", "First learning objective.",
    "Primera idea clave.", "First key point.",
    "Primera sección", "First section",
    "Escriba aquí el texto del módulo", "Write the module text here",
    "Comprobación: título", "Check: title",
    "¿Escriba aquí la pregunta?", "Write the question here?",
    "Por qué la respuesta correcta lo es.", "Why the right answer is right.",
    "Opción correcta", "Right option", "Opción incorrecta", "Wrong option",
)
# The course's own texts `new course` writes (skeleton.py), the same in every language, and the mark on
# the interface texts it pre-fills in English for a language the generator does not ship.
COURSE_TEXTS = {
    "title": "Title of the course",
    "description": "One or two sentences that say what the course is for.",
    "issuer": "Name of the issuing organisation",
    "intro": "Explain what the certificate of this course is, and what it is not.",
    "note": "What this document certifies, in one sentence.",
    "home": "Write the welcome text of the course here.",
}
TRANSLATE = "# TRANSLATE"
PLACEHOLDERS += (*COURSE_TEXTS.values(), TRANSLATE)

QUIZ = """# Quiz {quiz}: every language and one answer key in one file. Guide: AUTHORING.md
title: {title}
# pass_mark: 70        # percent; the course default applies when omitted
# shuffle: true        # shuffle options, stable for each participant
# reveal_after: 2      # offer "show the answer" after this many wrong tries
questions:
  - id: {question}   # unique in the whole course; never reuse once published
    type: single        # single | multiple | true_false | fill_in | ordering | matching
    prompt: {prompt}
    explanation: {explanation}
    options:
      - id: a
        text: {right}
        correct: true
        feedback: {right_feedback}
      - id: b
        text: {wrong}
        correct: false
        feedback: {wrong_feedback}
"""
# The quiz's texts per language; a language the generator has no skeleton for gets the English ones
# (placeholders either way).
QUIZ_TEXTS = {
    "es": {"title": "Comprobación: título", "prompt": "¿Escriba aquí la pregunta?",
           "explanation": "Por qué la respuesta correcta lo es.", "right": "Opción correcta",
           "right_feedback": "Correcto: …", "wrong": "Opción incorrecta", "wrong_feedback": "No: …"},
    "en": {"title": "Check: title", "prompt": "Write the question here?", "explanation": "Why the right answer is right.",
           "right": "Right option", "right_feedback": "Right: …", "wrong": "Wrong option", "wrong_feedback": "No: …"},
}


class ScaffoldError(Exception):
    """Nothing was written; ``code`` is the exit status (2: a wrong name or option, 1: it exists)."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.code = code


def module_page(lang: str, quiz: str) -> str:
    return MODULE_PAGE.get(lang, MODULE_PAGE["en"]).format(quiz=quiz)


def quiz_text(quiz: str, question: str, langs: tuple[str, ...]) -> str:
    def field(name: str) -> str:
        texts = ", ".join(f'{lang}: "{QUIZ_TEXTS.get(lang, QUIZ_TEXTS["en"])[name]}"' for lang in langs)
        return "{" + texts + "}"
    return QUIZ.format(quiz=quiz, question=question, **{name: field(name) for name in QUIZ_TEXTS["en"]})


def course_languages(root: Path) -> tuple[str, ...]:
    """course.yml `languages:` as written (a course that does not load yet still gets its skeletons)."""
    m = re.search(r"^languages:\s*\[([^\]]*)\]", (root / "course" / "course.yml").read_text(encoding="utf-8"), re.M)
    langs = tuple(x.strip().strip("'\"") for x in m.group(1).split(",") if x.strip()) if m else ()
    return langs or ("en",)


def _module_items(lines: list[str]) -> tuple[int, list[tuple[int, str]]]:
    """The `modules:` line and its items (line index, folder) in course.yml's text."""
    start = next(i for i, line in enumerate(lines) if re.match(r"^modules:\s*(#.*)?$", line))
    end = start + 1
    while end < len(lines) and (lines[end].startswith((" ", "\t")) or not lines[end].strip()):
        end += 1
    items = []
    for i in range(start + 1, end):
        m = re.match(r"^\s*-\s*([^\s#]+)", lines[i])
        if m:
            items.append((i, m.group(1).strip("'\"")))
    return start, items


def _register_module(course_yml: Path, slug: str, before: str | None = None, after: str | None = None) -> None:
    """List the folder under `modules:` (before ``before``, after ``after`` or last), keeping comments and layout."""
    lines = course_yml.read_text(encoding="utf-8").split("\n")
    start, items = _module_items(lines)
    at = {folder: i for i, folder in items}
    if after in at:
        where = at[after] + 1
    elif before in at:
        where = at[before]
    else:
        where = (items[-1][0] if items else start) + 1
    indent = re.match(r"^(\s*)", lines[items[0][0]]).group(1) if items else "  "
    lines.insert(where, f"{indent}- {slug}")
    course_yml.write_text("\n".join(lines), encoding="utf-8")


def _number(folder: str) -> int:
    return int(folder.split("-", 1)[0])


def conventions(course) -> tuple[str | None, str]:
    """How the course names a module's quiz and questions, learnt from its existing module quizzes:
    (quiz prefix, question style). For quiz 'm1-marco' in '01-marco' with question 'm1-q1' that is
    ('m', 'short'); question 'm1-marco-q1' is 'quiz'. (None, 'quiz') when nothing is consistent."""
    prefixes: Counter = Counter()
    styles: Counter = Counter()
    for page in course.modules:
        n = _number(page.slug)
        version = page.versions.get(course.default_language)
        for marker in (version.markers if version else ()):
            quiz = course.quizzes.get(marker.ref) if marker.kind == "quiz" else None
            if quiz is None or quiz.kind != "quiz":
                continue
            m = re.fullmatch(rf"([a-z]*?)0*{n}-[a-z0-9-]+", quiz.id)
            if not m:
                prefixes[None] += 1
                continue
            prefixes[m.group(1)] += 1
            first = quiz.questions[0].id if quiz.questions else ""
            if re.fullmatch(rf"{re.escape(m.group(1))}0*{n}-q\d+", first):
                styles["short"] += 1
            elif first.startswith(f"{quiz.id}-"):
                styles["quiz"] += 1
    prefix = prefixes.most_common(1)[0][0] if prefixes else None
    style = styles.most_common(1)[0][0] if styles else "quiz"
    return prefix, style


def module_ids(course, slug: str) -> tuple[str, str]:
    """(quiz id, first question id) for a new module folder, after the course's convention."""
    prefix, style = conventions(course) if course is not None else (None, "quiz")
    if prefix is None:
        return slug, f"{slug}-q1"
    n, rest = _number(slug), slug.split("-", 1)[1]
    quiz = f"{prefix}{n}-{rest}"
    return quiz, (f"{prefix}{n}-q1" if style == "short" else f"{quiz}-q1")


def final_assessment_module(course) -> str | None:
    """The module whose page places the quiz of kind 'assessment' (the course's final assessment)."""
    for page in (course.modules if course is not None else ()):
        version = page.versions.get(course.default_language)
        for marker in (version.markers if version else ()):
            quiz = course.quizzes.get(marker.ref) if marker.kind == "quiz" else None
            if quiz is not None and quiz.kind == "assessment":
                return page.slug
    return None


def _load_quietly(root: Path):
    from .pipeline import load
    try:
        return load(root)[0]
    except Exception:  # noqa: BLE001 - a broken course still gets its skeleton, with default names
        return None


def _place_quiz(page: Path, quiz: str) -> None:
    text = page.read_text(encoding="utf-8")
    # The references heading of any language the generator ships (locale key references_headings).
    words = {w.strip() for table in BUILTIN.values() for w in table["ui"]["references_headings"].split(",")}
    m = re.search(rf"^##\s+({'|'.join(map(re.escape, sorted(words)))})\b", text, re.M)
    marker = f"::: quiz {quiz}\n\n"
    text = text[:m.start()] + marker + text[m.start():] if m else text.rstrip("\n") + "\n\n" + marker
    page.write_text(text, encoding="utf-8")


def new_module(root: Path, slug: str, after: str | None = None) -> list[str]:
    """Write module ``slug`` (a page per course language and its quiz) and list it in course.yml;
    returns what was done, line by line. Raises ScaffoldError, having written nothing."""
    course_dir = root / "course"
    if not MODULE_DIR.match(slug):
        raise ScaffoldError(f"'{slug}' is not a module folder name: use two or three digits, a hyphen and a "
                            "lowercase slug, e.g. 08-next-steps", 2)
    course = _load_quietly(root)
    listed = [folder for _, folder in _module_items(
        (course_dir / "course.yml").read_text(encoding="utf-8").split("\n"))[1]]
    if after is not None and after not in listed:
        raise ScaffoldError(f"--after {after}: no such module in course/course.yml (modules: {', '.join(listed)})", 2)
    quiz_id, question_id = module_ids(course, slug)
    before = None if after else final_assessment_module(course)
    folder, quiz_file = course_dir / slug, root / "quizzes" / f"{quiz_id}.yml"
    for existing in (folder, quiz_file):
        if existing.exists():
            raise ScaffoldError(f"{existing.relative_to(root)} already exists: nothing was changed")
    langs = course.languages if course is not None else course_languages(root)
    folder.mkdir(parents=True)
    for lang in langs:
        (folder / f"{lang}.md").write_text(module_page(lang, quiz_id), encoding="utf-8")
    quiz_file.parent.mkdir(exist_ok=True)
    quiz_file.write_text(quiz_text(quiz_id, question_id, langs), encoding="utf-8")
    _register_module(course_dir / "course.yml", slug, before=before, after=after)
    where = f"after {after}" if after else f"before {before} (the final assessment)" if before else "last"
    return ([f"created {(folder / f'{lang}.md').relative_to(root)}" for lang in langs]
            + [f"created {quiz_file.relative_to(root)}", f"updated course/course.yml: {slug} listed {where}",
               "Replace the placeholder texts: `check` reports each one as warning[todo] until then."])


def new_quiz(root: Path, slug: str, module: str | None = None) -> list[str]:
    """Write quiz ``slug`` in every course language, placed in ``module``'s pages if given; returns what
    was done, line by line. Raises ScaffoldError, having written nothing."""
    if not SLUG.match(slug):
        raise ScaffoldError(f"'{slug}' is not a quiz id: use lowercase letters, digits and hyphens", 2)
    quiz_file = root / "quizzes" / f"{slug}.yml"
    if quiz_file.exists():
        raise ScaffoldError(f"{quiz_file.relative_to(root)} already exists: nothing was changed")
    langs = course_languages(root)
    pages = [root / "course" / module / f"{lang}.md" for lang in langs] if module else []
    missing = [p for p in pages if not p.is_file()]
    if missing:
        raise ScaffoldError(f"{missing[0].relative_to(root)} does not exist: nothing was changed")
    quiz_file.parent.mkdir(exist_ok=True)
    quiz_file.write_text(quiz_text(slug, f"{slug}-q1", langs), encoding="utf-8")
    done = [f"created {quiz_file.relative_to(root)}"]
    for page in pages:
        _place_quiz(page, slug)
        done.append(f"placed it in {page.relative_to(root)}")
    if not pages:
        done.append(f"place it in a module with the line '::: quiz {slug}' in every language "
                    "(or run again with --module <folder>)")
    return done
