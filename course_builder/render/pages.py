"""The course model as MkDocs input: docs/<lang>/… Markdown pages, page assets and .ics files."""
from __future__ import annotations

import os
import re
from itertools import groupby
from pathlib import PurePosixPath

import yaml

from ..attendance import page_data
from ..facilitator import split_notes
from ..mdsource import TEXT, Line, heading, scan
from ..model import APP_KINDS, DEFAULT_SLUGS, Course, Page, PageVersion
from ..strings import other_languages, t
from ..text import Markup_, plain, rewrite_links
from .search import search_index
from .calendar import session_ics
from .slides import deck_files, deck_sessions
from .widgets import final_quiz, render_app, render_case, render_home, render_path, render_programme, render_quiz

IMAGE = re.compile(r"!\[[^\]]*\]\([^)\s]+(?:\s+\"[^\"]*\")?\)(?!\{)")


def references_heading(lang: str) -> re.Pattern:
    """The ``##`` heading that opens a module's references in ``lang`` (locale key references_headings)."""
    words = [re.escape(w.strip()) for w in t(lang, "references_headings").split(",") if w.strip()]
    return re.compile(rf"^##\s+({'|'.join(words)})\b", re.I)


def page_dir(page: Page, course: Course) -> str:
    """The page's folder under docs/<lang>/ ('' for the home page)."""
    return "" if page is course.home else page.slug


def nav_paths(modules: list[str], pages: list[str], has_glossary: bool,
              slugs: dict[str, str] = DEFAULT_SLUGS) -> list[str]:
    """The navigation, as paths inside a language folder, in course order (``slugs``: Course.slugs)."""
    glossary = [f"{slugs['glossary']}/index.md"] if has_glossary else []
    apps = [f"{slugs[kind]}/index.md" for kind in APP_KINDS]
    return ["index.md", *(f"{m}/index.md" for m in modules), *apps[:2], *glossary,
            *(f"{p}/index.md" for p in pages), *apps[2:]]


def _front_matter(data: dict, source: str, lang: str) -> str:
    dumped = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)
    return f"---\n# {t(lang, 'generated', source=source)}\n{dumped}---\n\n"


class PageRenderer:
    """Renders one language of the course into Markdown strings keyed by their docs/ path."""

    def __init__(self, course: Course, lang: str) -> None:
        self.course = course
        self.lang = lang
        self.terms = {term.id: term for term in course.glossary}

    def link_rewriter(self, from_dir: str):
        course_dir = self.course.root / "course"

        def rewrite(target: str) -> tuple[str, str | None]:
            if target.startswith("glossary:"):
                term = self.terms[target[len("glossary:"):]]
                return (self._relative(from_dir, f"{self.course.slugs['glossary']}/index.md") + f"#{term.id}",
                        plain(term.definition[self.lang]))
            if re.match(r"^(?:[a-z][a-z0-9+.-]*:|//|#)", target, re.I):
                return target, None
            path, _, anchor = target.partition("#")
            source = (course_dir / (from_dir or self.course.home.slug) / path).resolve()
            if source.suffix == ".md" and source.stem in self.course.languages:
                slug = source.parent.name
                dest = "index.md" if slug == self.course.home.slug else f"{slug}/index.md"
                url = self._relative(from_dir, dest)
                return (url + (f"#{anchor}" if anchor else "")), None
            return target, None

        return rewrite

    @staticmethod
    def _relative(from_dir: str, dest: str) -> str:
        return os.path.relpath(dest, from_dir or ".").replace(os.sep, "/")

    def render_page(self, page: Page, pdf: str | None = None) -> tuple[str, str]:
        version = page.versions[self.lang]
        d = page_dir(page, self.course)
        md = Markup_(self.link_rewriter(d))
        source = f"course/{page.slug}/{self.lang}.md"
        # Front matter texts reach HTML through MkDocs templates that do not escape them.
        meta: dict = {"title": _esc(version.title), "description": _esc(plain(version.description))}
        widget_kinds = {m.kind for m in version.markers}
        is_home = page is self.course.home
        if widget_kinds & {"quiz", "case"}:
            meta["course_widgets"] = True
        if is_home:
            meta["course_app"] = True
        # The programme takes the live sessions' attendance codes (js/70-attendance.js, in app.js).
        if "programme" in widget_kinds and page_data(self.course) is not None:
            meta["course_app"] = True
        if page.is_module:
            meta["module"] = page.slug
        out = [f"# {_esc(version.title)}\n"]
        if version.review:  # one short notice at the top, never repeated in the body
            out.append(f'<p class="cb-review" role="note">{t(self.lang, "review_note")}</p>\n')
        if is_home:
            out.append(f'<p class="cb-promise">{_esc(plain(version.description))}</p>\n\n'
                       + render_home(self.course, self.lang, pdf) + "\n")
        if page.is_module:
            items = "\n".join(f"    - {_esc(o)}" for o in version.objectives)
            out.append(f'!!! abstract "{t(self.lang, "objectives")}"\n\n    {t(self.lang, "duration", minutes=version.duration)}\n\n{items}\n')
        body_lines: list[str] = []
        headed: list[bool] = []  # per entry of body_lines: an author's ## or ### heading
        keypoints_done, references = False, references_heading(self.lang)
        participant_body, _ = split_notes(version.body)
        lines = scan(participant_body, version.body_line)
        placed = {m.line: m for m in version.markers}
        for line, text in zip(lines, self._prose_rewritten(lines, d)):
            if page.is_module and not keypoints_done and line.kind == TEXT and references.match(text):
                body_lines.append(self._keypoints(version))
                headed.append(False)
                keypoints_done = True
            m = placed.get(line.number)
            if m:
                # The author's own heading right above the widget introduces it: no second heading.
                before = next((h for b, h in zip(reversed(body_lines), reversed(headed)) if b.strip()), False)
                body_lines.append("\n" + self._widget(m.kind, m.ref or None, md,
                                                       page.slug if page.is_module else None, headed=before) + "\n")
                headed.append(False)
            else:
                h = heading(line)
                body_lines.append(text)
                headed.append(h is not None and h.level in (2, 3))
        if page.is_module and not keypoints_done:
            body_lines.append(self._keypoints(version))
        out.append("\n".join(body_lines).strip() + "\n")
        path = f"{self.lang}/{d + '/' if d else ''}index.md"
        return path, _front_matter(meta, source, self.lang) + "\n".join(out)

    def _prose_rewritten(self, source: list[Line], d: str) -> list[str]:
        """The lines' text with links rewritten to site URLs and images made lazy, outside code blocks
        (links and images there are examples)."""
        out: list[str] = []
        for code, run in groupby(source, key=lambda line: line.kind != TEXT):
            chunk = "\n".join(line.text for line in run)
            if not code:
                # Images load only when scrolled to: participants are often on slow connections.
                chunk = rewrite_links(IMAGE.sub(lambda m: m.group(0) + "{ loading=lazy }", chunk),
                                      self.link_rewriter(d))
            out.extend(chunk.split("\n"))
        return out

    def _keypoints(self, version: PageVersion) -> str:
        items = "\n".join(f"    - {_esc(k)}" for k in version.keypoints)
        return f'\n!!! success "{t(self.lang, "keypoints")}"\n\n{items}\n'

    def _widget(self, kind: str, ref: str | None, md: Markup_, module: str | None, headed: bool = False) -> str:
        if kind == "quiz":
            quiz = self.course.quizzes[ref]
            title = quiz.title[self.lang]
            # Before the final assessment: the rule to the certificate, every step a link.
            path = render_path(self.course, self.lang, "../", heading=False) + "\n\n" \
                if quiz is final_quiz(self.course) else ""
            if headed:
                return path + render_quiz(quiz, self.course, self.lang, md, module)
            return f"## {_esc(title)} {{ #quiz-{quiz.id}-title }}\n\n" + path + \
                render_quiz(quiz, self.course, self.lang, md, module)
        if kind == "case":
            case = self.course.cases[ref]
            return f"## {_esc(case.title[self.lang])} {{ #case-{case.id}-title }}\n\n" + \
                render_case(case, self.course, self.lang, md, module)
        decks = {s.id for s in deck_sessions(self.course)}
        # The page is at <lang>/<folder>/ and the decks at <lang>/<slides>/<session>/ (render/slides.py).
        return render_programme(self.course.programme, self.lang, md, lambda s: f"{s.id}.ics",
                                lambda s: f"../{self.course.slugs['slides']}/{s.id}/" if s.id in decks else None,
                                self.course)

    def app_page(self, slug: str, kind: str) -> tuple[str, str]:
        meta = {"title": t(self.lang, f"{kind}_title"), "description": t(self.lang, f"{kind}_description"),
                "course_search" if kind == "search" else "course_app": True}
        body = f"# {meta['title']}\n\n{t(self.lang, kind + '_intro')}\n\n{render_app(kind, self.course, self.lang)}\n"
        return f"{self.lang}/{slug}/index.md", _front_matter(meta, "course/course.yml", self.lang) + body

    def glossary_page(self) -> tuple[str, str]:
        other = [lang for lang in self.course.languages if lang != self.lang]
        names = other_languages(self.lang, self.course.languages)
        glossary = self.course.slugs["glossary"]
        md = Markup_(self.link_rewriter(glossary))
        terms = sorted(self.course.glossary, key=lambda term: collate(term.term[self.lang]))
        lines = [f"# {t(self.lang, 'glossary_title')}\n"]
        if self.course.glossary_review:  # the same notice as a page pending review
            lines.append(f'<p class="cb-review" role="note">{t(self.lang, "review_note")}</p>\n')
        lines += [t(self.lang, "glossary_intro", languages=names) + "\n", '<dl class="cb-glossary">']
        for term in terms:
            others = "; ".join(f'<span lang="{o}">{_esc(term.term[o])}</span>' for o in other)
            lines.append(f'<dt id="{term.id}">{_esc(term.term[self.lang])}</dt>')
            lines.append(f'<dd>{md.block(term.definition[self.lang])}'
                         f'<p class="cb-other-lang">{t(self.lang, "other_language_term", languages=names)}: {others}</p></dd>')
        lines.append("</dl>\n")
        meta = {"title": t(self.lang, "glossary_title"), "description": t(self.lang, "glossary_description")}
        return f"{self.lang}/{glossary}/index.md", _front_matter(meta, "course/glossary.yml", self.lang) + \
            "\n".join(lines)


def _esc(text: str) -> str:
    from markupsafe import escape
    return str(escape(text))


def collate(text: str) -> str:
    import unicodedata
    return "".join(c for c in unicodedata.normalize("NFD", text.lower()) if not unicodedata.combining(c))


def pdf_name(course: Course, lang: str, facilitator: bool = False) -> str:
    """File name of a handbook PDF; it sits at the root of that language's part of the site."""
    return f"{course.id}-{'facilitator-' if facilitator else ''}{lang}.pdf"


def render_docs(course: Course, pdf_links: bool = False) -> dict[str, bytes]:
    """Every page and page file of docs/, as relative POSIX path -> content (pipeline.generate writes
    them, with the record of the run)."""
    files: dict[str, bytes] = {}
    for lang in course.languages:
        renderer = PageRenderer(course, lang)
        for page in course.all_pages():
            # The home links the handbook as raw HTML: MkDocs does not look for the PDF, added after it has built.
            path, text = renderer.render_page(page, pdf_name(course, lang) if pdf_links and page is course.home else None)
            files[path] = text.encode()
            d = page_dir(page, course)
            folder = course.root / "course" / page.slug
            for asset in sorted(folder.rglob("*")):
                rel = asset.relative_to(folder)
                if asset.is_file() and not (len(rel.parts) == 1 and asset.suffix == ".md") \
                        and not any(p.startswith(".") for p in rel.parts):
                    files[str(PurePosixPath(lang, d, rel.as_posix()))] = asset.read_bytes()
            if course.programme and any(m.kind == "programme" for m in page.versions[lang].markers):
                for s in course.programme.sessions:
                    url = (f"{'' if lang == course.default_language else lang + '/'}{d}/").lstrip("/")
                    files[str(PurePosixPath(lang, d, f"{s.id}.ics"))] = session_ics(
                        s, course.programme, course, lang, url).encode()
        if course.glossary:
            path, text = renderer.glossary_page()
            files[path] = text.encode()
        for kind in APP_KINDS:
            path, text = renderer.app_page(course.slugs[kind], kind)
            files[path] = text.encode()
        files[f"{lang}/{course.slugs['search']}/search.json"] = search_index(course, lang, course.slugs["glossary"])
    # The live sessions' slide decks, copied into the site by MkDocs as they are (render/slides.py).
    for rel, content in deck_files(course).items():
        files[rel if rel.split("/", 1)[0] in course.languages[1:] else f"{course.default_language}/{rel}"] = content
    return files
