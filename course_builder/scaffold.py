"""`build_course.py new module|quiz`: commented skeletons in every language that pass `check`."""
from __future__ import annotations

import re
import sys
from pathlib import Path

from .schema import SLUG
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
`[trata de personas](glossary:trata-personas)`.

::: quiz {quiz}

## Referencias

- OIM (2021). *Manual de la OIM sobre protección y asistencia para personas migrantes vulnerables a la violencia, la explotación y el abuso*.
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
`[trafficking in persons](glossary:trata-personas)`.

::: quiz {quiz}

## References

- IOM (2019). *IOM Handbook on Protection and Assistance for Migrants Vulnerable to Violence, Exploitation and Abuse*.
""",
}

QUIZ = """# Quiz {quiz}: both languages and one answer key in one file. Guide: AUTHORING.md
title: {{es: "Comprobación: título", en: "Check: title"}}
# pass_mark: 70        # percent; the course default applies when omitted
# shuffle: true        # shuffle options, stable for each participant
# reveal_after: 2      # offer "show the answer" after this many wrong tries
questions:
  - id: {quiz}-q1       # unique in the whole course; never reuse once published
    type: single        # single | multiple | true_false | fill_in | ordering | matching
    prompt: {{es: "¿Escriba aquí la pregunta?", en: "Write the question here?"}}
    explanation: {{es: "Por qué la respuesta correcta lo es.", en: "Why the right answer is right."}}
    options:
      - id: a
        text: {{es: "Opción correcta", en: "Right option"}}
        correct: true
        feedback: {{es: "Correcto: …", en: "Right: …"}}
      - id: b
        text: {{es: "Opción incorrecta", en: "Wrong option"}}
        correct: false
        feedback: {{es: "No: …", en: "No: …"}}
"""


def _register_module(course_yml: Path, slug: str) -> None:
    """Append the folder to the `modules:` list, keeping the file's comments and layout."""
    lines = course_yml.read_text(encoding="utf-8").split("\n")
    start = next(i for i, line in enumerate(lines) if re.match(r"^modules:\s*(#.*)?$", line))
    end = start + 1
    while end < len(lines) and (lines[end].startswith((" ", "\t")) or not lines[end].strip()):
        end += 1
    last_item = max((i for i in range(start + 1, end) if lines[i].strip().startswith("- ")), default=start)
    indent = re.match(r"^(\s*)", lines[last_item]).group(1) if last_item > start else "  "
    lines.insert(last_item + 1, f"{indent}- {slug}")
    course_yml.write_text("\n".join(lines), encoding="utf-8")


def _place_quiz(page: Path, quiz: str) -> None:
    text = page.read_text(encoding="utf-8")
    m = re.search(r"^##\s+(Referencias|References)\b", text, re.M)
    marker = f"::: quiz {quiz}\n\n"
    text = text[:m.start()] + marker + text[m.start():] if m else text.rstrip("\n") + "\n\n" + marker
    page.write_text(text, encoding="utf-8")


def scaffold(root: Path, kind: str, slug: str, module: str | None = None) -> int:
    course_dir = root / "course"
    if kind == "module":
        if not MODULE_DIR.match(slug):
            print(f"'{slug}' is not a module folder name: use two digits, a hyphen and a lowercase slug, "
                  "e.g. 08-seguimiento", file=sys.stderr)
            return 2
        folder, quiz_file = course_dir / slug, root / "quizzes" / f"{slug}.yml"
        for existing in (folder, quiz_file):
            if existing.exists():
                print(f"{existing.relative_to(root)} already exists: nothing was changed", file=sys.stderr)
                return 1
        folder.mkdir(parents=True)
        for lang, text in MODULE_PAGE.items():
            (folder / f"{lang}.md").write_text(text.format(quiz=slug), encoding="utf-8")
        quiz_file.parent.mkdir(exist_ok=True)
        quiz_file.write_text(QUIZ.format(quiz=slug), encoding="utf-8")
        _register_module(course_dir / "course.yml", slug)
        for path in (folder / "es.md", folder / "en.md", quiz_file, course_dir / "course.yml"):
            print(f"{'updated' if path.name == 'course.yml' else 'created'} {path.relative_to(root)}")
        return 0
    if not SLUG.match(slug):
        print(f"'{slug}' is not a quiz id: use lowercase letters, digits and hyphens", file=sys.stderr)
        return 2
    quiz_file = root / "quizzes" / f"{slug}.yml"
    if quiz_file.exists():
        print(f"{quiz_file.relative_to(root)} already exists: nothing was changed", file=sys.stderr)
        return 1
    pages = []
    if module:
        pages = [course_dir / module / f"{lang}.md" for lang in MODULE_PAGE]
        missing = [p for p in pages if not p.is_file()]
        if missing:
            print(f"{missing[0].relative_to(root)} does not exist: nothing was changed", file=sys.stderr)
            return 1
    quiz_file.parent.mkdir(exist_ok=True)
    quiz_file.write_text(QUIZ.format(quiz=slug), encoding="utf-8")
    print(f"created {quiz_file.relative_to(root)}")
    for page in pages:
        _place_quiz(page, slug)
        print(f"placed it in {page.relative_to(root)}")
    if not pages:
        print(f"place it in a module with the line '::: quiz {slug}' in every language "
              "(or run again with --module <folder>)")
    return 0
