"""The generator knows no course: everything a course decides lives in course/ (course.yml, strings/).

The rule, as a grep over the generator's own files:

- No course's names anywhere in ``course_builder/`` (code, templates, locale files) or in the scripts
  and templates under ``overrides/``: not this course's bodies (CRM, OIM/IOM), subject (migrants) or id.
- No app-page slug of this course in code: its folders (mi-progreso, certificado, buscar, verificar,
  glosario) and its offline start file (abrir.html) come from course.yml ``slugs:`` and the locale
  files. Code may not write them as a path or a quoted literal (``"certificado/"``, ``'glosario'``,
  ``../verificar/``); the same words as prose in a Spanish UI text are fine, and the locale files
  (``course_builder/locales/*.yml``, which are data: a language's interface text) are exempt from this
  second rule only.
- No folder of this course (01-marco-conceptual, fichas-de-apoyo…) as an example in help or hints.
"""
from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
GENERATOR = REPO / "course_builder"
LOCALES = GENERATOR / "locales"
SUFFIXES = {".py", ".j2", ".yml", ".yaml", ".js", ".html", ".css", ".xml"}

COURSE_NAMES = re.compile(r"\bCRM\b|\bOIM\b|\bIOM\b|migrante|migrant|proteccion-migrantes|marco-conceptual|"
                          r"aplicacion-modelo|fichas-de-apoyo|lineamientos-crm", re.I)
SLUGS = re.compile(r"mi-progreso|abrir\.html|"
                   r"""(?:["'/])(?:certificado|buscar|verificar|glosario|abrir)(?=["'/])|"""
                   r"""\b(?:certificado|buscar|verificar|glosario)/""")


def _files() -> list[Path]:
    roots = [GENERATOR, REPO / "overrides"]
    return sorted(p for root in roots for p in root.rglob("*")
                  if p.is_file() and p.suffix in SUFFIXES and "__pycache__" not in p.parts)


def _hits(pattern: re.Pattern[str], files: list[Path]) -> list[str]:
    out = []
    for path in files:
        for n, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
            if pattern.search(line):
                out.append(f"{path.relative_to(REPO)}:{n}: {line.strip()[:120]}")
    return out


def test_no_course_names_in_the_generator():
    assert _hits(COURSE_NAMES, _files()) == []


def test_no_course_slugs_in_generator_code():
    code = [p for p in _files() if not p.is_relative_to(LOCALES)]
    assert _hits(SLUGS, code) == []


def test_the_rule_catches_what_it_should():
    assert SLUGS.search('nxt = {"url": "../certificado/"}') and SLUGS.search("GLOSSARY_SLUG = 'glosario'")
    assert SLUGS.search('start = "abrir.html"') and SLUGS.search('all(\'a[href*="glosario/#"]\')')
    assert not SLUGS.search("Marque los términos del glosario así") and not SLUGS.search("Obtener su certificado")
    assert COURSE_NAMES.search("the CRM–IOM programme") and not COURSE_NAMES.search("ScormIOMode")
