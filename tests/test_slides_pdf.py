"""`build_course.py slides --pdf`: each deck printed by Chromium (pdf.py's path), one slide per page at 16:9,
its answers and notes left out."""
from __future__ import annotations

import re

import pytest

from course_builder.cli import main
from tests.test_pdf import chromium, text_of  # noqa: F401 - the fixture, and poppler's text
from tests.unit.test_slides import write_programme

pytestmark = pytest.mark.slow


def boxes(pdf: bytes) -> list[tuple[float, float]]:
    """Width and height of every page (Chromium writes one /MediaBox per page object)."""
    return [(float(w) - float(x), float(h) - float(y)) for x, y, w, h in
            re.findall(rb"/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]", pdf)]


def test_each_deck_prints_one_slide_per_page_at_16_9(project, chromium, capsys):  # noqa: F811
    write_programme(project)
    out = project / "decks"
    assert main(["--project", str(project), "slides", "--pdf", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    for lang, folder in (("es", "slides/en-vivo"), ("en", "en/slides/en-vivo")):
        html = (out / folder / "index.html").read_text(encoding="utf-8")
        slides = html.count('<section class="slide ')
        pdf = next(out.glob(f"*-en-vivo-{lang}.pdf"))
        pages = boxes(pdf.read_bytes())
        assert len(pages) == slides > 5, printed
        assert all(abs(w / h - 16 / 9) < 0.001 for w, h in pages), pages
        text = text_of(pdf)
        # The explanation of the discussed question stays in the speaker notes.
        assert ("Informar y pedir consentimiento." if lang == "es" else "Inform and ask for consent.") not in text
        assert f"{slides} / {slides}" in text
