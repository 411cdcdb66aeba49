"""Synthetic bilingual courses of N modules per language, for benchmarks (not for tests)."""
from __future__ import annotations

import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PARAGRAPH = {
    "es": "Las personas migrantes pueden enfrentar riesgos de violencia, explotación y abuso en distintas etapas "
          "del viaje. El personal de primera línea identifica factores de riesgo y de protección y refiere a cada "
          "persona a la institución competente, con su consentimiento y protegiendo sus datos. ",
    "en": "Migrants can face risks of violence, exploitation and abuse at different stages of the journey. "
          "Frontline staff identify risk and protective factors and refer each person to the competent "
          "institution, with their consent and protecting their data. ",
}


def module_page(lang: str, n: int) -> str:
    title = f"Módulo {n}" if lang == "es" else f"Module {n}"
    sections = "\n\n".join(f"## {'Sección' if lang == 'es' else 'Section'} {s}\n\n" + PARAGRAPH[lang] * 4
                           for s in range(1, 9))
    return (f"---\ntitle: {title}\ndescription: {title}.\nduration: 20\nobjectives:\n  - {title}.\n"
            f"keypoints:\n  - {title}.\n---\n{sections}\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n::: quiz q{n:03d}\n")


def quiz(n: int) -> str:
    questions = []
    for q in range(1, 11):
        questions.append(f"""  - id: s{n:03d}-q{q}
    type: single
    prompt: {{es: "Pregunta {q} del módulo {n}", en: "Question {q} of module {n}"}}
    explanation: {{es: "Explicación.", en: "Explanation."}}
    options:
      - {{id: a, text: {{es: "Sí", en: "Yes"}}, correct: true, feedback: {{es: "Bien.", en: "Good."}}}}
      - {{id: b, text: {{es: "No", en: "No"}}, correct: false, feedback: {{es: "No.", en: "No."}}}}""")
    return f'title: {{es: "Cuestionario {n}", en: "Quiz {n}"}}\nquestions:\n' + "\n".join(questions) + "\n"


def make_course(target: Path, modules: int) -> Path:
    if target.exists():
        shutil.rmtree(target)
    (target / "course" / "inicio").mkdir(parents=True)
    (target / "quizzes").mkdir()
    names = [f"{n:03d}-modulo" for n in range(1, modules + 1)]
    (target / "course" / "course.yml").write_text(
        'id: sintetico\nversion: "1"\ntitle: {es: "Curso", en: "Course"}\n'
        'description: {es: "Curso sintético.", en: "Synthetic course."}\nlanguages: [es, en]\nhome: inicio\n'
        "modules:\n" + "".join(f"  - {m}\n" for m in names))
    for lang in ("es", "en"):
        (target / "course" / "inicio" / f"{lang}.md").write_text(
            f"---\ntitle: {'Inicio' if lang == 'es' else 'Home'}\ndescription: x\n---\n{PARAGRAPH[lang]}\n")
    for n, name in enumerate(names, 1):
        (target / "course" / name).mkdir()
        for lang in ("es", "en"):
            (target / "course" / name / f"{lang}.md").write_text(module_page(lang, n))
        (target / "quizzes" / f"q{n:03d}.yml").write_text(quiz(n))
    shutil.copy2(REPO / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(REPO / "overrides", target / "overrides")
    (target / "course_builder").symlink_to(REPO / "course_builder", target_is_directory=True)
    return target
