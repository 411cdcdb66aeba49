"""Slide decks from programme.yml (render/slides.py): what a session covers is checked with file:line
errors; a deck has the same slides in every language, escapes every text, keeps answers in the notes,
and carries its figures and engine in its own folder."""
from __future__ import annotations

import gzip
import re
from pathlib import Path

from course_builder.pipeline import load
from course_builder.render.slides import ENGINE, FILES, deck_files, plan

PROGRAMME = """timezone_offset: "-05:00"
timezone_label: {es: "Hora de México", en: "Mexico time"}
sessions:
  - id: en-vivo
    title: {es: "Sesión <script>alert(1)</script>", en: "Session <script>alert(1)</script>"}
    date: "2030-01-10"
    start: "10:00"
    end: "11:00"
    modules: [01-primeros-pasos, 02-segundo-modulo]
    discuss: [ej-q3, caso-ana, caso-ana#inicio]
    agenda:
      - {time: "10:00", end: "11:00", topic: {es: "Todo", en: "Everything"}}
  - id: a-su-ritmo
    title: {es: "A su ritmo", en: "At your pace"}
    date: "2030-01-11"
    end_date: "2030-01-20"
"""


def write_programme(project: Path, text: str = PROGRAMME) -> None:
    (project / "course" / "programme.yml").write_text(text, encoding="utf-8")


def test_unknown_modules_and_discussion_points_are_errors_at_their_line(project):
    write_programme(project, PROGRAMME.replace("[01-primeros-pasos, 02-segundo-modulo]", "[01-primeros-paso]")
                    .replace("[ej-q3, caso-ana, caso-ana#inicio]", "[ej-q33, caso-ana#final, caso-x#inicio]")
                    .replace('    end_date: "2030-01-20"\n', '    end_date: "2030-01-20"\n    modules: [02-segundo-modulo]\n'))
    _, diags = load(project)
    found = {(d.code, d.line, d.col) for d in diags if d.code.startswith("programme.")}
    assert found == {("programme.unknown-module", 9, 15), ("programme.unknown-discuss", 10, 15),
                     ("programme.unknown-discuss", 10, 23), ("programme.unknown-discuss", 10, 39),
                     ("programme.deck-without-times", 13, 5)}
    hints = " ".join(d.hint for d in diags)
    assert "did you mean '01-primeros-pasos'?" in hints and "did you mean 'ej-q3'?" in hints
    assert "case 'caso-ana' has no node 'final'" in " ".join(d.hint for d in diags)


def test_a_deck_per_live_session_and_language_with_the_same_slides(project):
    write_programme(project)
    course, diags = load(project)
    assert course is not None and not [d for d in diags if d.severity.name == "ERROR"], diags
    files = deck_files(course)
    folders = {"slides/en-vivo", "en/slides/en-vivo"}  # the self-paced period has no deck
    assert {rel.rsplit("/", 1)[0] for rel in files if rel.endswith("index.html")} == folders
    for folder in folders:
        assert {f"{folder}/{name}" for name in ENGINE} <= set(files)
        assert f"{folder}/01-primeros-pasos/niveles.svg" in files  # the module's figure, beside the deck
    es, en = (files[f"{f}/index.html"].decode() for f in ("slides/en-vivo", "en/slides/en-vivo"))
    ids = [re.findall(r'<section class="slide [^"]*" id="([^"]+)"', html) for html in (es, en)]
    assert ids[0] == ids[1] == [s.anchor for s in plan(course, course.programme.sessions[0])]
    assert ids[0][:3] == ["title", "agenda", "01-primeros-pasos"]
    assert "01-primeros-pasos-figure-1" in ids[0] and "discuss-ej-q3" in ids[0]
    assert len(set(ids[0])) == len(ids[0]) and "discuss-caso-ana-inicio" in ids[0]
    assert [(d.code, d.line) for d in diags if d.code == "programme.discuss-twice"] == [("programme.discuss-twice", 10)]
    # Every text is escaped; no inline script (the deck's policy allows its own file only).
    assert "<script>alert" not in es and "&lt;script&gt;alert(1)&lt;/script&gt;" in es
    assert re.findall(r"<script[^>]*>", es) == ['<script src="deck.js">']
    assert "script-src 'self'" in es
    # The language links keep the place: relative, to the other deck's index.html.
    assert 'href="../../en/slides/en-vivo/index.html" hreflang="en"' in es
    assert 'href="../../../slides/en-vivo/index.html" hreflang="es"' in en


def test_answers_and_explanations_are_in_the_notes_only(project):
    write_programme(project)
    course, _ = load(project)
    html = deck_files(course)["slides/en-vivo/index.html"].decode()
    slide = re.search(r'<section[^>]*id="discuss-ej-q3".*?</section>', html, re.S).group(0)
    notes = re.search(r'<aside class="notes".*?</aside>', slide, re.S).group(0)
    shown = slide.replace(notes, "")
    assert "Informar y pedir consentimiento." in notes and "Informar y pedir consentimiento." not in shown
    assert "Respuesta" in notes and "Respuesta" not in shown
    assert shown.count('class="letter"') == 3  # the question's three options, lettered


def test_engine_is_small():
    size = sum(len(gzip.compress((FILES / name).read_bytes(), 9)) for name in ENGINE)
    assert size < 60 * 1024
