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

import yaml

from .loader import MODULE_DIR
from .schema import SLUG
from .strings import BUILTIN

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


def _course_yml(root: Path) -> tuple[str, yaml.MappingNode | None]:
    """course.yml's text and its YAML node tree (positions included): what the skeletons need of a course
    that does not load yet, whatever the layout (block or flow lists)."""
    text = (root / "course" / "course.yml").read_text(encoding="utf-8")
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        node = None
    return text, node if isinstance(node, yaml.MappingNode) else None


def _value(node: yaml.MappingNode | None, key: str) -> yaml.Node | None:
    return next((v for k, v in (node.value if node else ()) if getattr(k, "value", None) == key), None)


def course_languages(root: Path) -> tuple[str, ...]:
    """The course's languages: as the loader reads them, or from course.yml's YAML when the course does
    not load (it still gets its skeletons)."""
    course = _load_quietly(root)
    if course is not None:
        return course.languages
    node = _value(_course_yml(root)[1], "languages")
    langs = tuple(str(i.value) for i in node.value if isinstance(i, yaml.ScalarNode)) \
        if isinstance(node, yaml.SequenceNode) else ()
    return langs or ("en",)


def _listed_modules(root: Path) -> list[str]:
    node = _value(_course_yml(root)[1], "modules")
    return [str(i.value) for i in node.value if isinstance(i, yaml.ScalarNode)] if isinstance(node, yaml.SequenceNode) else []


def _register_module(course_yml: Path, slug: str, before: str | None = None, after: str | None = None) -> None:
    """List the folder under `modules:` (before ``before``, after ``after`` or last), keeping comments and
    layout: a new line in a block list, a new item in a flow list (`modules: [a, b]`)."""
    text, tree = _course_yml(course_yml.parent.parent)
    node = _value(tree, "modules")
    items = [i for i in node.value if isinstance(i, yaml.ScalarNode)] if isinstance(node, yaml.SequenceNode) else []
    names = [str(i.value) for i in items]
    where = names.index(after) + 1 if after in names else names.index(before) if before in names else len(names)
    if isinstance(node, yaml.SequenceNode) and node.flow_style:
        names.insert(where, slug)
        text = text[:node.start_mark.index] + "[" + ", ".join(names) + "]" + text[node.end_mark.index:]
    else:
        lines = text.split("\n")
        if items:
            first = lines[items[0].start_mark.line]
            indent = first[:len(first) - len(first.lstrip())]
            # Right below the item it follows, or right above the one it precedes (comments stay put).
            at = items[where - 1].end_mark.line + 1 if after in names or where == len(items) \
                else items[where].start_mark.line
        else:  # `modules:` with nothing under it yet
            key = next((k for k, _ in (tree.value if tree else ()) if getattr(k, "value", None) == "modules"), None)
            if key is None:
                raise ScaffoldError("course/course.yml has no 'modules:' list: add one, then run this again", 2)
            indent, at = "  ", key.start_mark.line + 1
        lines.insert(at, f"{indent}- {slug}")
        text = "\n".join(lines)
    course_yml.write_text(text, encoding="utf-8")


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
    listed = _listed_modules(root)
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
