"""The texts the skeletons (`new module|quiz`: scaffold.py, `new course`: skeleton.py) write for a person
to replace. validate.py reports each one still in a source as `warning[todo]`; it sits below both, so
checking never imports the scaffolding (nor, through it, the pipeline)."""
from __future__ import annotations

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
