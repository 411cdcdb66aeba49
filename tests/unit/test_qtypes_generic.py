"""The generator outside course_builder/qtypes/ names no question type: each type's folder holds
everything about it (ARCHITECTURE.md, "Adding a question type"). A new branch on a type name in
generic code fails here."""
from __future__ import annotations

import re
from pathlib import Path


from course_builder import qtypes

REPO = Path(__file__).resolve().parents[2]
GENERIC = REPO / "course_builder"
NAMES = "|".join(map(re.escape, qtypes.BUILTIN))
LITERAL = re.compile(rf"""["']({NAMES})["']""")  # a branch on a type compares with its name
# Still to move (issue 22): the export's separate file for questions that need a Moodle plugin is
# named after the one type that needs one today.
KNOWN = {("course_builder/export/questions.py", 'MAIN, ORDERING = "main", "ordering"')}


def _hits(paths):
    out = []
    for path in paths:
        rel = path.relative_to(REPO).as_posix()
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if LITERAL.search(line) and (rel, line.strip()) not in KNOWN \
                    and not line.lstrip().startswith(("#", "//")) and "``" not in line:
                out.append(f"{rel}:{n}: {line.strip()}")
    return out


def test_generic_python_and_templates_name_no_type():
    files = [p for p in sorted(GENERIC.rglob("*")) if p.suffix in (".py", ".j2")
             and "qtypes" not in p.relative_to(GENERIC).parts]
    assert _hits(files) == []


def test_every_builtin_type_is_a_complete_folder():
    for name in qtypes.BUILTIN:
        qt = qtypes.get(name)
        assert qt.folder == GENERIC / "qtypes" / name
        for part in ("__init__.py", "quiz.html.j2", "handbook.html.j2"):
            assert (qt.folder / part).is_file(), f"{name}: {part} missing"


def test_course_script_names_no_type():
    """The browser's grading asks each type's control.js (QTYPES, js/20-quiz.js) for what differs."""
    assert _hits(sorted((REPO / "overrides" / "assets" / "course" / "js").glob("*.js"))) == []


def test_every_builtin_type_has_a_browser_control_registered_under_its_name():
    for name in qtypes.BUILTIN:
        control = qtypes.get(name).folder / "control.js"
        assert control.is_file(), f"{name}: control.js missing"
        assert f'QTYPES["{name}"] = {{' in control.read_text(encoding="utf-8")
    assert [p.parent.name for p in qtypes.script_parts()][:len(qtypes.BUILTIN)] == list(qtypes.BUILTIN)
