"""The course this repository ships (course/, quizzes/, cases/) is clean under `check --strict`:
no error, no warning (a stale or drifted translation is a warning).

And its one protective rule reads the same everywhere (issue 21): every file that states the rule
carries the exact sentences below, in each language, so that the next edit that changes one of them
has to change them all; and no file keeps the old trigger ("teme a su Estado" / "fears their State"),
which let through a person who fears a gang or a partner and has not said "asylum"."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from course_builder.cli import main as cli_main
from tests.conftest import REPO

RULE = {
    "es": "Si una persona dice que teme regresar a su país, tema a quien tema, o que busca asilo, no se contacta "
          "a las autoridades ni al consulado de ese país y no se les comparte ningún dato sobre ella.",
    "en": "If a person says they fear returning to their country, whoever it is they fear, or that they are "
          "seeking asylum, that country's authorities and consulate are not contacted and receive no data about "
          "them.",
}
CONSULAR = {
    "es": "Solo se contacta al consulado si se cumplen tres condiciones: la persona no teme regresar a su país, "
          "no busca asilo y da su consentimiento.",
    "en": "The consulate is contacted only when three conditions are met: the person does not fear returning to "
          "their country, is not seeking asylum, and consents.",
}

# Every file that states the rule as a rule (a warning box, a key point, a card, a glossary entry, a
# facilitator note, a debrief). A page folder stands for its es.md and en.md. Cases that only apply the
# rule inside a story (caso-elena: the consul's own records) phrase it in their own words and are not listed.
RULE_FILES = [
    "course/00-bienvenida",
    "course/01-marco-conceptual",
    "course/02-modelo-dvm",
    "course/03-aplicacion-modelo",
    "course/04-ninez-migracion",
    "course/05-lineamientos-crm",
    "course/06-mecanismos-referencia",
    "course/07-evaluacion-final",
    "course/fichas-de-apoyo",
    "course/glossary.yml",
    "cases/caso-samuel.yml",
    "cases/caso-morales.yml",
]
# The files that also state when the consulate may be contacted.
CONSULAR_FILES = [
    "course/00-bienvenida",
    "course/05-lineamientos-crm",
    "course/06-mecanismos-referencia",
    "course/07-evaluacion-final",
    "course/fichas-de-apoyo",
    "course/glossary.yml",
]

# The old, too narrow trigger and its variants, in any file of course/, cases/ or quizzes/.
OLD_TRIGGER = re.compile(
    r"\btem(?:e|en|er|a|o)\s+a\s+(?:su|ese|este|sus)\s+Estado"
    r"|\bEstado\s+(?:que|al\s+que|del\s+que)\s+teme"
    r"|\bfears?\s+(?:their|his|her|that|its|this)\s+(?:own\s+)?State\b"
    r"|\bfear(?:ing|ed)?\s+(?:of\s+)?(?:their|his|her|that)\s+State\b"
    r"|\bState\s+(?:they|he|she)\s+fears?\b"
    r"|\bagents\s+of\s+(?:their|his|her)\s+State\b",
    re.IGNORECASE)


def test_the_real_course_passes_strict_check(capsys, monkeypatch):
    # The certificate of participation needs attendance codes: without their secret `check` warns
    # (tests/unit/test_attendance.py), so the course is checked as the Pages workflow builds it.
    monkeypatch.setenv("COURSE_ATTENDANCE_SECRET", "test-secret")
    assert cli_main(["--project", str(REPO), "check", "--strict"]) == 0, capsys.readouterr().out


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def _yaml_texts(node, lang: str) -> list[str]:
    """Every text of one language in a course YAML file ({es: …, en: …} mappings, at any depth)."""
    if isinstance(node, dict):
        out = [node[lang]] if isinstance(node.get(lang), str) else []
        for key, value in node.items():
            if key != lang:
                out += _yaml_texts(value, lang)
        return out
    if isinstance(node, list):
        return [text for item in node for text in _yaml_texts(item, lang)]
    return []


def _texts(entry: str) -> dict[str, str]:
    """The text of each language of a listed file (a page folder: its es.md and en.md)."""
    path = REPO / entry
    if path.suffix == ".yml":
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        return {lang: _flat("\n".join(_yaml_texts(data, lang))) for lang in RULE}
    return {lang: _flat((path / f"{lang}.md").read_text(encoding="utf-8")) for lang in RULE}


@pytest.mark.parametrize("entry", RULE_FILES)
def test_the_rule_has_one_wording_in_every_file_that_states_it(entry):
    for lang, text in _texts(entry).items():
        assert RULE[lang] in text, f"{entry} ({lang}) does not state the rule in its exact words: {RULE[lang]}"


@pytest.mark.parametrize("entry", CONSULAR_FILES)
def test_the_consular_conditions_have_one_wording(entry):
    for lang, text in _texts(entry).items():
        assert CONSULAR[lang] in text, f"{entry} ({lang}) does not state the consular conditions: {CONSULAR[lang]}"


def test_the_listed_files_exist():
    for entry in RULE_FILES + CONSULAR_FILES:
        assert (REPO / entry).exists(), entry


def _content_files() -> list[Path]:
    return sorted(p for folder in ("course", "cases", "quizzes") for p in (REPO / folder).rglob("*")
                  if p.suffix in (".md", ".yml"))


def test_no_file_keeps_the_old_trigger():
    found = []
    for path in _content_files():
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for match in OLD_TRIGGER.finditer(line):
                found.append(f"{path.relative_to(REPO)}:{number}: {match.group(0)!r}")
    assert not found, "the old trigger (fear of the State instead of fear of return):\n" + "\n".join(found)


@pytest.mark.parametrize("sample, old", [
    ("Si dice que teme a su Estado o busca asilo", True),
    ("a las autoridades del Estado que teme", True),
    ("If they say they fear their State or are seeking asylum", True),
    ("the authorities of the State she fears", True),
    ("Elena said she fears agents of her State", True),
    (RULE["es"], False),
    (RULE["en"], False),
    ("El Estado es el principal titular de deberes", False),
    ("a person whom no State considers as a national", False),
])
def test_the_old_trigger_pattern(sample, old):
    assert bool(OLD_TRIGGER.search(sample)) is old


@pytest.mark.parametrize("path", sorted((REPO / "cases").glob("*.yml")), ids=lambda p: p.stem)
def test_every_case_says_it_is_fictional(path):
    """A participant who opens a case anywhere reads first that its people and places are invented."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data.get("fictional") is True, path.name
    first = data["nodes"][data["start"]]["text"]
    assert first["es"].startswith("Caso ficticio."), path.name
    assert first["en"].startswith("Fictional case."), path.name


@pytest.mark.parametrize("lang, heading, prefix", [("es", "**Nunca**", "- No "), ("en", "**Never**", "- Do not ")])
def test_job_aid_never_lines_read_as_prohibitions(lang, heading, prefix):
    """Issue 21, point 13: someone scanning a card cannot take a line under 'Never' for an instruction."""
    text = (REPO / "course" / "fichas-de-apoyo" / f"{lang}.md").read_text(encoding="utf-8")
    blocks = text.split(heading)[1:]
    assert len(blocks) == 5
    for block in blocks:
        lines = block.strip().split("\n\n")[0].splitlines()
        assert lines and all(line.startswith(prefix) for line in lines), lines
