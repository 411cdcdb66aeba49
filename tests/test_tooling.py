"""Trainer tooling on the example course: translation status, scaffolding, stats."""
from __future__ import annotations

import json

from course_builder.cli import main


def run(capsys, project, *argv):
    code = main(["--project", str(project), *argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_status_tracks_stale_translations_and_drift(project, capsys):
    code, out, _ = run(capsys, project, "status", "--json")
    report = json.loads(out)
    assert code == 0
    assert {(p["page"], p["lang"], p["state"]) for p in report["pages"]} == {
        (slug, "es", "source") for slug in ("inicio", "01-primeros-pasos", "02-segundo-modulo")} | {
        (slug, "en", "untracked") for slug in ("inicio", "01-primeros-pasos", "02-segundo-modulo")}
    assert report["completeness"] == {"es": 100.0, "en": 100.0}

    assert run(capsys, project, "status", "--mark", "01-primeros-pasos")[1] == \
        "marked up to date: course/01-primeros-pasos/en.md\n"
    report = json.loads(run(capsys, project, "status", "--json")[1])
    assert {"page": "01-primeros-pasos", "lang": "en", "state": "current", "drift": []} in report["pages"]

    es = project / "course" / "01-primeros-pasos" / "es.md"
    es.write_text(es.read_text().replace("## Conceptos", "## Conceptos\n\n## Nueva sección\n\n- un punto"))
    report = json.loads(run(capsys, project, "status", "--json")[1])
    entry = next(p for p in report["pages"] if p["page"] == "01-primeros-pasos" and p["lang"] == "en")
    assert entry == {"page": "01-primeros-pasos", "lang": "en", "state": "stale",
                     "drift": ["headings: 3 in es, 2 in en", "list items: 2 in es, 1 in en"]}
    assert report["completeness"]["en"] == 66.7
    assert run(capsys, project, "status", "--strict")[0] == 1
    code, _, err = run(capsys, project, "check", "--strict")
    assert code == 1
    assert "course/01-primeros-pasos/en.md:1:1: warning[i18n.stale]" in err
    assert "course/01-primeros-pasos/en.md:1:1: warning[i18n.drift]: structure differs from the source: " \
           "headings: 3 in es, 2 in en; list items: 2 in es, 1 in en" in err


def test_missing_translation_is_reported_by_status(project, capsys):
    (project / "course" / "02-segundo-modulo" / "en.md").unlink()
    code, _, err = run(capsys, project, "status")
    assert code == 1
    assert "course/02-segundo-modulo: error[i18n.missing-page]: course/02-segundo-modulo/ has no en.md" in err


def test_new_module_and_quiz_pass_check_and_build(project, capsys):
    assert run(capsys, project, "new", "module", "03-seguimiento")[0] == 0
    assert run(capsys, project, "new", "quiz", "q-extra", "--module", "03-seguimiento")[0] == 0
    code, _, err = run(capsys, project, "check", "--strict")
    assert (code, err.strip().splitlines()[-1]) == (0, "No problems found.")
    lines = (project / "course" / "course.yml").read_text().splitlines()
    start = lines.index("modules:")
    assert lines[start:start + 4] == ["modules:", "  - 01-primeros-pasos", "  - 02-segundo-modulo", "  - 03-seguimiento"]
    assert run(capsys, project, "new", "module", "03-seguimiento")[0] == 1  # never overwrites
    assert run(capsys, project, "new", "module", "seguimiento")[0] == 2
    assert run(capsys, project, "build")[0] == 0
    assert (project / "site" / "en" / "03-seguimiento" / "index.html").is_file()


def test_stats_figures(project, capsys):
    code, out, _ = run(capsys, project, "stats", "--json")
    stats = json.loads(out)
    assert code == 0
    m1, m2 = stats["modules"]
    assert (m1["module"], m1["duration"], m1["quizzes"], m1["questions"]) == \
        ("01-primeros-pasos", 20, 1, {"single": 1, "true_false": 1})
    assert m2["questions"] == {"drawn": 3, "fill_in": 1, "matching": 1, "multiple": 1, "ordering": 1}
    assert m2["cases"] == 1
    assert m1["words"] == {"es": 29, "en": 25}
    assert stats["pools"] == {"pool-a": 3}
    assert stats["total"]["duration"] == 35 and stats["total"]["questions"] == 9


def test_large_image_is_a_warning(project, capsys):
    (project / "course" / "01-primeros-pasos" / "niveles.svg").write_bytes(b"<svg/>" + b" " * 300 * 1024)
    code, _, err = run(capsys, project, "check")
    assert code == 0
    assert "course/01-primeros-pasos/es.md:14:1: warning[image.large]: image 'niveles.svg' is 300 KiB" in err
    assert run(capsys, project, "check", "--strict")[0] == 1
