"""Translation status: which pages exist in every language, which translations are stale, and
where the two languages of a page differ in structure.

A translation records the source it was made from as `translated_from: <hash>` in its front
matter; the hash covers everything translatable in the default-language file. When the source
changes, the hash no longer matches and the translation is stale until a translator updates it
and runs `build_course.py status --mark <folder>` (or edits the hash by hand).
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from .mdsource import headings, links, markers, prose_lines, scan
from .model import Course, Page, PageVersion

# Lines counted by their start (outside code); headings, markers, links and images come from the scan.
LINE_STARTS = {
    "admonitions": re.compile(r"^\s*(?:!!!|\?\?\?\+?)\s"),
    "list items": re.compile(r"^\s*(?:[-*+]|\d+[.)])\s"),
    "table rows": re.compile(r"^\s*\|"),
}


def source_hash(version: PageVersion) -> str:
    text = "\n".join([version.title, version.description, *version.objectives, *version.keypoints, version.body])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def structure(version: PageVersion) -> dict[str, int]:
    lines = scan(version.body, version.body_line)
    found = list(links(prose_lines(lines)))
    counts = {"headings": sum(1 for _ in headings(lines))}
    counts.update({name: sum(1 for _, text in prose_lines(lines) if pattern.match(text))
                   for name, pattern in LINE_STARTS.items()})
    counts["markers"] = sum(1 for _ in markers(lines))
    counts["links"] = sum(1 for link in found if not link.image)
    counts["images"] = sum(1 for link in found if link.image)
    counts["images without alt"] = sum(1 for link in found if link.image and not link.label.strip())
    return counts


@dataclass(frozen=True)
class PageStatus:
    slug: str
    lang: str
    state: str            # current | stale | untracked | missing | source
    drift: tuple[str, ...]


def page_status(course: Course, page: Page) -> list[PageStatus]:
    source = page.versions[course.default_language]
    expected = source_hash(source)
    base = structure(source)
    out = [PageStatus(page.slug, course.default_language, "source", ())]
    for lang in course.languages[1:]:
        version = page.versions.get(lang)
        if version is None:
            out.append(PageStatus(page.slug, lang, "missing", ()))
            continue
        other = structure(version)
        drift = tuple(f"{name}: {base[name]} in {course.default_language}, {other[name]} in {lang}"
                      for name in base if base[name] != other[name])
        state = "untracked" if version.translated_from is None else \
            ("current" if version.translated_from == expected else "stale")
        out.append(PageStatus(page.slug, lang, state, drift))
    return out


def missing_pages(root: Path, course_slugs: list[str], langs: tuple[str, ...]) -> list[tuple[str, str]]:
    """(folder, language) of listed pages whose file does not exist (the loader drops such pages)."""
    return [(slug, lang) for slug in course_slugs for lang in langs
            if not (root / "course" / slug / f"{lang}.md").is_file()]


def mark_current(course: Course, page: Page) -> list[Path]:
    """Record in each translation that it matches the current source; returns the files changed."""
    expected = source_hash(page.versions[course.default_language])
    changed = []
    for lang in course.languages[1:]:
        version = page.versions[lang]
        text = version.path.read_text(encoding="utf-8")
        head, sep, rest = text.partition("\n---")
        if re.search(r"^translated_from:.*$", head, re.M):
            head = re.sub(r"^translated_from:.*$", f"translated_from: {expected}", head, count=1, flags=re.M)
        else:
            head = head + f"\ntranslated_from: {expected}"
        new = head + sep + rest
        if new != text:
            version.path.write_text(new, encoding="utf-8")
            changed.append(version.path)
    return changed


def status_report(course: Course) -> dict:
    """What `status` shows, as data: every page's state per language (missing pages included), the quizzes,
    cases and glossary, and the share of pages per language that are present and not stale."""
    rows = [st for page in course.all_pages() for st in page_status(course, page)]
    slugs = [p.slug for p in course.all_pages()]
    missing = missing_pages(course.root, slugs, course.languages)
    complete = {lang: sum(1 for st in rows if st.lang == lang and st.state in ("source", "current", "untracked"))
                for lang in course.languages}
    return {
        "pages": [{"page": st.slug, "lang": st.lang, "state": st.state, "drift": list(st.drift)} for st in rows]
        + [{"page": slug, "lang": lang, "state": "missing", "drift": []} for slug, lang in missing],
        "quizzes": {q.id: "complete" for q in course.quizzes.values()},
        "cases": {c.id: "complete" for c in course.cases.values()},
        "glossary_terms": len(course.glossary),
        "completeness": {lang: round(100 * complete[lang] / len(slugs), 1) for lang in course.languages},
    }
