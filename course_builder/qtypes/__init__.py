"""The question types: one folder each (qtypes/<name>/), found here; the rest of the generator asks
this registry and names no type.

The generator's own types are listed in BUILTIN (their order is the order `check` lists them in). A
course adds its own from its project's ``qtypes/<name>/`` folder, laid out the same way (loaded by
path, see ``load_course_types``): no change to the generator.
"""
from __future__ import annotations

import importlib
import importlib.util
import sys
from pathlib import Path

from .base import NotExportable, QuestionType

__all__ = ["NotExportable", "QuestionType", "BUILTIN", "get", "names", "all_types", "load_course_types",
           "template_dirs", "script_parts"]

HERE = Path(__file__).parent
COURSE_DIR = "qtypes"  # a course project's own types: <project>/qtypes/<name>/

BUILTIN = (
    "single",
    "multiple",
    "true_false",
    "fill_in",
    "ordering",
    "matching",
    "categorize",
    "cloze",
)

_TYPES: dict[str, QuestionType] = {}


def _register(qt: QuestionType, folder: Path) -> None:
    qt.folder = folder
    _TYPES[qt.name] = qt


def _load_builtin() -> None:
    for name in BUILTIN:
        module = importlib.import_module(f"{__name__}.{name}")
        _register(module.TYPE, HERE / name)


def load_course_types(root: Path) -> list[str]:
    """Register the types in ``root``/qtypes/ (each a folder with ``__init__.py`` defining TYPE);
    returns their names. A course type may not replace one of the generator's. The course types of a
    course loaded before in this process are forgotten: its control.js must not reach this course's
    script (script_parts)."""
    for name in [n for n in _TYPES if n not in BUILTIN]:
        del _TYPES[name]
    added = []
    folder = Path(root) / COURSE_DIR
    if not folder.is_dir():
        return added
    for sub in sorted(p for p in folder.iterdir() if (p / "__init__.py").is_file()):
        modname = f"course_qtypes_{abs(hash(str(sub.resolve())))}_{sub.name}"
        if modname not in sys.modules:
            spec = importlib.util.spec_from_file_location(modname, sub / "__init__.py",
                                                          submodule_search_locations=[str(sub)])
            module = importlib.util.module_from_spec(spec)
            sys.modules[modname] = module
            spec.loader.exec_module(module)
        qt = sys.modules[modname].TYPE
        if qt.name in BUILTIN:
            raise ValueError(f"{sub}: type '{qt.name}' is one of the generator's; name it otherwise")
        _register(qt, sub)
        added.append(qt.name)
    return added


def get(name: str) -> QuestionType:
    return _TYPES[name]


def names() -> tuple[str, ...]:
    return tuple(_TYPES)


def all_types() -> tuple[QuestionType, ...]:
    return tuple(_TYPES.values())


def template_dirs() -> dict[str, str]:
    """Jinja prefix loader entries: "qtypes/<name>" -> its folder (quiz.html.j2, handbook.html.j2)."""
    return {f"qtypes/{qt.name}": str(qt.folder) for qt in _TYPES.values()}


def script_parts() -> list[Path]:
    """Each type's browser control, in registry order (joined into course.js after the quiz code)."""
    return [qt.folder / "control.js" for qt in _TYPES.values() if (qt.folder / "control.js").is_file()]


_load_builtin()


class TemplateLoader:
    """Finds "qtypes/<name>/<file>" in the type's folder (a course type's too, once registered)."""

    def __new__(cls):
        from jinja2 import BaseLoader, TemplateNotFound

        class _Loader(BaseLoader):
            def get_source(self, environment, template):
                parts = template.split("/")
                if len(parts) != 3 or parts[0] != "qtypes" or parts[1] not in _TYPES:
                    raise TemplateNotFound(template)
                path = _TYPES[parts[1]].folder / parts[2]
                if not path.is_file():
                    raise TemplateNotFound(template)
                mtime = path.stat().st_mtime
                return path.read_text(encoding="utf-8"), str(path), lambda: path.stat().st_mtime == mtime

        return _Loader()
