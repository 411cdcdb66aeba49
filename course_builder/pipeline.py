"""The generator's steps as a library: load + validate, render docs/, build the site atomically."""
from __future__ import annotations

import os
import re
from pathlib import Path

from .cache import MARK, marker
from .diagnostics import Diagnostic, Mark, Reporter, has_errors

__all__ = ["load", "generate", "nav", "slugs", "name_sources", "check_translations", "has_errors"]
from .loader import load_course
from .model import DEFAULT_SLUGS, Course
from .schema import SLUG
from .strings import BUILTIN, STRINGS, missing
from .translation import page_status
from .yamlsrc import YMap, YScalar, YSeq, load_file
from .validate import validate


def load(root: Path) -> tuple[Course | None, list[Diagnostic]]:
    """Load and validate the course under ``root``; never raises for author mistakes."""
    rep = Reporter(root)
    course = load_course(root, rep)
    if course is not None:
        check_strings(course, rep)
        if not rep.errors:
            validate(course, rep)
            check_attendance(course, rep)
        if not rep.errors:  # drift is noise next to the errors that explain it
            check_translations(course, rep)
    elif not rep.errors:
        rep.add(root / "course" / "course.yml", "course.unusable", "the course could not be loaded",
                "fix course/course.yml (id, version, title, description, home and modules are required)")
    return course, rep.sorted()


def check_attendance(course: Course, rep: Reporter) -> None:
    """A course whose certificate of participation needs attendance codes is built with the secret."""
    from .attendance import SECRET_ENV, required_sessions, secret
    if course.participation is not None and required_sessions(course) and secret() is None:
        rep.warn(course.participation.mark, "attendance.no-secret",
                 f"the certificate of participation needs attendance codes, but {SECRET_ENV} is not set: "
                 "the programme page will say that attendance codes are not set up",
                 f"build with the secret in {SECRET_ENV} (the Pages workflow passes a repository secret); "
                 "see AUTHORING.md, 'Attendance and the certificate of participation'")


def check_strings(course: Course, rep: Reporter) -> None:
    """Every course language has every interface text, from the generator or from course/strings/."""
    for lang in course.languages:
        own = course.root / "course" / "strings" / f"{lang}.yml"
        if lang not in STRINGS:
            rep.add(course.root / "course" / "course.yml", "course.language",
                    f"language '{lang}' has no interface text",
                    f"the generator has {', '.join(BUILTIN)}; write course/strings/{lang}.yml with every key of "
                    "course_builder/locales/en.yml")
            continue
        for section, key in missing(lang, course.languages):
            rep.add(own if own.is_file() else course.root / "course" / "course.yml", "strings.missing",
                    f"language '{lang}' has no interface text '{section}: {key}'",
                    f"add '{key}: \"...\"' under '{section}:' in course/strings/{lang}.yml")


def check_translations(course: Course, rep: Reporter) -> None:
    """Stale translations and structural drift are warnings: the site still builds."""
    for page in course.all_pages():
        for st in page_status(course, page):
            version = page.versions.get(st.lang)
            if version is None:
                continue
            at = Mark(rep.rel(version.path), 1, 1)
            if st.state == "stale":
                rep.warn(at, "i18n.stale", f"the {course.default_language} source changed since this translation "
                         f"was last updated", f"update the text, then run: build_course.py status --mark {page.slug}")
            if st.drift:
                rep.warn(at, "i18n.drift", "structure differs from the source: " + "; ".join(st.drift),
                         "check that nothing was left out or added in one language")


def nav(root: Path) -> list[str] | None:
    """The navigation from course.yml alone (cheap: MkDocs asks for it on every build and reload)."""
    rep = Reporter(root)
    node = load_file(root / "course" / "course.yml", rep)
    if not isinstance(node, YMap):
        return None

    def texts(key: str) -> list[str]:
        value = node.get(key)
        items = value.items if isinstance(value, YSeq) else []
        return [i.value for i in items if isinstance(i, YScalar) and isinstance(i.value, str)]

    from .render.pages import nav_paths  # rendering stays out of `check` (see load)
    has_glossary = (root / "course" / "glossary.yml").is_file()
    return nav_paths(texts("modules"), texts("pages"), has_glossary, slugs(root, node))


def slugs(root: Path, node: YMap | None = None) -> dict[str, str]:
    """The app pages' folders from course.yml alone (load_course reports what is wrong with them)."""
    if node is None:
        node = load_file(root / "course" / "course.yml", Reporter(root))
    given = node.get("slugs") if isinstance(node, YMap) else None
    out = dict(DEFAULT_SLUGS)
    if isinstance(given, YMap):
        for key in out:
            value = given.get(key)
            if isinstance(value, YScalar) and isinstance(value.value, str) and SLUG.match(value.value):
                out[key] = value.value
    return out


def theme_texts(root: Path, langs: list[str]) -> dict[str, dict[str, str]]:
    """The theme's texts (locale section ``site``) per site language: course/strings/<lang>.yml over the
    generator's, read without a full load because MkDocs needs them on every build, a cached one too
    (load_course reports what is wrong in those files). Keys a language lacks read as English, and
    `check` names them."""
    out = {}
    for lang in langs:
        texts = {**BUILTIN["en"]["site"], **BUILTIN.get(lang, {}).get("site", {})}
        path = root / "course" / "strings" / f"{lang}.yml"
        node = load_file(path, Reporter(root)) if path.is_file() else None
        given = node.get("site") if isinstance(node, YMap) else None
        for key in texts if isinstance(given, YMap) else ():
            value = given.get(key)
            if isinstance(value, YScalar) and isinstance(value.value, str):
                texts[key] = value.value
        out[lang] = texts
    return out


def generate(course: Course, docs: Path, pdf_links: bool = False, fingerprint: str = "",
             diags: list[Diagnostic] | None = None) -> list[str]:
    """Write docs/ for ``course``; returns the docs/ paths that changed (write_docs). With ``pdf_links`` the home
    pages offer the handbook PDFs that `build --pdf` prints into the site. docs/.generated marks the
    folder as ours and records the ``fingerprint`` of the sources (none: never reused) with ``diags``,
    so an unchanged rebuild can skip this work (cache.py)."""
    from .render.pages import render_docs  # rendering stays out of `check` (see load)
    files = render_docs(course, pdf_links=pdf_links)
    files[MARK] = marker(fingerprint, diags or [], files)
    return write_docs(files, docs)


def write_docs(files: dict[str, bytes], docs: Path) -> list[str]:
    """Make ``docs`` hold exactly ``files``, touching only what changed (keeps `mkdocs serve` calm);
    returns the paths (relative, '/'-separated) written or deleted, so a preview rebuilds only those."""
    if docs.exists() and any(docs.iterdir()) and not (docs / MARK).exists():
        raise RuntimeError(f"{docs} exists but was not generated by build_course.py; move it away first")
    changed: list[str] = []
    for rel, content in files.items():
        target = docs / rel
        if target.is_file() and target.read_bytes() == content:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(target.name + ".tmp")
        tmp.write_bytes(content)
        os.replace(tmp, target)
        changed.append(rel)
    wanted = {docs / rel for rel in files}
    for existing in sorted(docs.rglob("*"), reverse=True):
        if existing.is_file() and existing not in wanted:
            existing.unlink()
            changed.append(existing.relative_to(docs).as_posix())
        elif existing.is_dir() and not any(existing.iterdir()):
            existing.rmdir()
    return changed


def name_sources(output: str, course: Course) -> str:
    """Name the authored file instead of the generated one in MkDocs' messages."""
    langs = "|".join(course.languages)

    def sub(m: re.Match[str]) -> str:
        lang, slug = m.group(1), m.group(2) or course.home.slug
        return f"course/{slug}/{lang}.md (generated as docs/{m.group(0)})"

    return re.sub(rf"\b({langs})/(?:([a-z0-9-]+)/)?index\.md\b", sub, output)
