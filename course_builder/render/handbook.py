"""The printable handbook: one self-contained HTML document per language and edition.

course_builder/pdf.py writes it at the root of a built site (so it can use the site's Material
stylesheet and the modules' images) and prints it to PDF with headless Chromium.

Content: cover, contents, every module in course order (objectives, body, key points), the extra
pages, the glossary and an answer key for the quizzes printed in the modules. Interactive parts are
printed on paper terms: quizzes as numbered questions with lettered options (answers only in the
key), branching cases as numbered steps whose choices say where to continue, all collapsible blocks
open and every content tab shown one after another. The questions of the final assessment's pools
are not printed, so the assessment keeps its meaning; the facilitator edition adds them to the key,
together with the facilitators' notes (`!!! facilitator` blocks), module timings, discussion prompts
and the agenda of the live sessions.

Escaping: texts from YAML go through Markup_ (raw HTML shown as text, unsafe URLs dropped); module
bodies are authored Markdown, rendered with the extensions of mkdocs.yml as MkDocs renders them.
"""
from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as etree
from typing import Callable, Sequence

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

from .. import mkdocs_yml
from ..facilitator import split_notes
from ..model import Case, Course, Page, Question, Quiz
from ..strings import HANDBOOK_STRINGS, fill, other_languages, t
from ..text import Markup_, plain, rewrite_links
from ..mdsource import TEXT, scan
from .pages import collate, references_heading
from ..answers import stable_shuffle
from .widgets import ENV, format_date


def markdown_options(config: dict) -> tuple[list[str], dict[str, dict]]:
    """The Markdown extensions of the course's mkdocs.yml, so module bodies print as the site shows them;
    toc without permalinks: there is nothing to click on paper."""
    names, configs = mkdocs_yml.markdown_extensions(config)
    configs["toc"] = {**configs.get("toc", {}), "permalink": False}
    return names, configs


def _letter(i: int) -> str:
    return chr(ord("a") + i) if i < 26 else str(i + 1)


class _PrintTree(Treeprocessor):
    """Paper versions of interactive blocks, and ids made unique across the pages of one document."""

    prefix = ""

    def run(self, root):  # type: ignore[override]
        for parent in list(root.iter()):
            for index, child in enumerate(list(parent)):
                if child.tag == "div" and "tabbed-set" in child.get("class", "").split():
                    parent.remove(child)
                    for offset, tab in enumerate(self._tabs(child)):
                        parent.insert(index + offset, tab)
        for el in root.iter():
            if el.tag == "details":
                el.set("open", "open")
            if el.get("id") and not el.get("id").startswith("hb-"):
                el.set("id", f"hb-{self.prefix}--{el.get('id')}")
            href = el.get("href") if el.tag == "a" else None
            if href and href.startswith("#") and not href.startswith("#hb-"):
                el.set("href", f"#hb-{self.prefix}--{href[1:]}")
            if href and href.startswith(("http:", "https:")) and "".join(el.itertext()).strip() == href:
                el.set("class", (el.get("class", "") + " hb-bare").strip())

    @staticmethod
    def _tabs(tabbed: etree.Element) -> list[etree.Element]:
        labels = [label for labels in tabbed.iter("div") if "tabbed-labels" in labels.get("class", "")
                  for label in labels.iter("label")]
        blocks = [block for content in tabbed.iter("div") if "tabbed-content" in content.get("class", "")
                  for block in content if "tabbed-block" in block.get("class", "")]
        out = []
        for label, block in zip(labels, blocks):
            tab = etree.Element("div", {"class": "hb-tab"})
            title = etree.SubElement(tab, "p", {"class": "hb-tab-title"})
            title.text = label.text
            for sub in list(label):
                title.append(sub)
            for sub in list(block):
                tab.append(sub)
            out.append(tab)
        return out


class _PrintExtension(Extension):
    def __init__(self) -> None:
        super().__init__()
        self.tree = None

    def extendMarkdown(self, md):  # type: ignore[override]
        self.tree = _PrintTree(md)
        md.treeprocessors.register(self.tree, "handbook_print", 2)  # after toc (5), before unescape (0)


class Handbook:
    """Renders one language of a course, in the participant or the facilitator edition. The HTML is in
    templates/handbook.html.j2 (the document) and handbook_blocks.html.j2 (blocks placed in pages); this
    class converts the Markdown, rewrites links, and answers the templates' questions (hb.*)."""

    def __init__(self, course: Course, lang: str, facilitator: bool = False) -> None:
        self.course = course
        self.lang = lang
        self.facilitator = facilitator
        self.terms = {term.id: term for term in course.glossary}
        self.included = {p.slug for p in (*course.modules, *course.pages)}
        self.prefix = "" if lang == course.default_language else f"{lang}/"
        self._print = _PrintExtension()
        config = mkdocs_yml.read(course.root)
        names, configs = markdown_options(config)
        self._md = markdown.Markdown(extensions=[*names, self._print], extension_configs=configs)
        self.printed: list[tuple[Quiz, Markup_]] = []  # quizzes placed in the pages, in reading order
        self.palette = mkdocs_yml.palette(config)
        self.plain_md = Markup_()
        self.home_md = Markup_(self.rewriter(course.home.slug))
        texts = HANDBOOK_STRINGS[lang]
        self.context = {"hb": self, "lang": lang, "letter": _letter, "plain": plain,
                        "s": lambda key, **kw: fill(texts[key], lang, key, "handbook", **kw), "t": lambda key, **kw: t(lang, key, **kw),
                        "date": lambda iso: format_date(iso, lang)}
        self.blocks = ENV.get_template("handbook_blocks.html.j2").make_module(self.context)

    # -- links -------------------------------------------------------------------------------------

    def rewriter(self, slug: str) -> Callable[[str], tuple[str, str | None]]:
        """Authored link targets of the page ``slug`` -> anchors in this document or site files."""
        course_dir = self.course.root / "course"

        def rewrite(target: str) -> tuple[str, str | None]:
            if target.startswith("glossary:"):
                term = self.terms.get(target[len("glossary:"):])
                if term is None:
                    return target, None
                return f"#hb-g-{term.id}", plain(term.definition[self.lang])
            if target.startswith("#"):
                return f"#hb-{slug}--{target[1:]}", None
            if re.match(r"^(?:[a-z][a-z0-9+.-]*:|//)", target, re.I):
                return target, None
            path, _, anchor = target.partition("#")
            source = (course_dir / slug / path).resolve()
            if source.suffix == ".md" and source.stem in self.course.languages:
                dest = source.parent.name
                if dest == self.course.home.slug:
                    return "#hb-cover", None
                if dest in self.included:
                    return (f"#hb-{dest}--{anchor}" if anchor else f"#hb-p-{dest}"), None
            # A file beside the page (an image…): where the site has it, relative to the site root.
            site_dir = "" if slug == self.course.home.slug else f"{slug}/"
            return posixpath.normpath(f"{self.prefix}{site_dir}{path}") + (f"#{anchor}" if anchor else ""), None

        return rewrite

    # -- document ----------------------------------------------------------------------------------

    def html(self, stylesheets: Sequence[str] = ()) -> str:
        c = self.course
        parts = [self.page(page) for page in (*c.modules, *c.pages)]  # fills self.printed, for the key
        printed: dict[str, tuple[Quiz, Markup_]] = {}  # each quiz once, where it is first placed
        for quiz, md in self.printed:
            printed.setdefault(quiz.id, (quiz, md))
        html = ENV.get_template("handbook.html.j2").render(
            **self.context, course=c, facilitator=self.facilitator, blocks=self.blocks, stylesheets=stylesheets,
            parts=parts, printed=list(printed.values()), hours=f"{c.hours:g}", palette=self.palette,
            languages=other_languages(self.lang, c.languages))
        return html + "\n"  # Jinja drops the template's final newline

    def page(self, page: Page) -> dict:
        """A page's body with its quizzes, cases and key points in place, and what its section needs."""
        version = page.versions[self.lang]
        slug = page.slug
        rewrite = self.rewriter(slug)
        md = Markup_(rewrite)
        body, notes = split_notes(version.body)
        held: dict[str, str] = {}

        def hold(html: str) -> str:
            key = f"HBBLOCK{len(held)}X"
            held[key] = html
            return f"\n{key}\n"

        lines, keypoints_done, references = [], False, references_heading(self.lang)
        placed = {m.line: m for m in version.markers}
        for line, text in zip(scan(body, version.body_line), rewrite_links(body, rewrite).split("\n")):
            if page.is_module and not keypoints_done and line.kind == TEXT and references.match(text):
                lines.append(hold(self.blocks.keypoints(version, md)))
                keypoints_done = True
            m = placed.get(line.number)
            lines.append(hold(self._marker(m.kind, m.ref, md)) if m else text)
        if page.is_module and not keypoints_done:
            lines.append(hold(self.blocks.keypoints(version, md)))
        html = self._convert("\n".join(lines), slug)
        for key, block in held.items():
            html = html.replace(f"<p>{key}</p>", block).replace(key, block)
        cases = [self.course.cases[m.ref] for m in version.markers if m.kind == "case" and m.ref in self.course.cases]
        return {"page": page, "md": md, "body": Markup(html), "cases": cases,
                "number": self.module_number(page) if page.is_module else None,
                "notes": [(note.title, Markup(self._convert(rewrite_links(note.body, rewrite), slug + "-notes")))
                          for note in notes] if self.facilitator else []}

    def _convert(self, text: str, slug: str) -> str:
        self._md.reset()
        self._print.tree.prefix = slug
        return self._md.convert(text)

    def _marker(self, kind: str, ref: str | None, md: Markup_) -> str:
        if kind == "quiz" and ref in self.course.quizzes:
            self.printed.append((self.course.quizzes[ref], md))
            return self.blocks.quiz(self.course.quizzes[ref], md)
        if kind == "case" and ref in self.course.cases:
            return self.blocks.case(self.course.cases[ref], md)
        if kind == "programme" and self.course.programme:
            return self.blocks.programme(md)
        return ""

    # -- what the templates ask --------------------------------------------------------------------

    def title(self, page: Page) -> Markup:
        return self.plain_md.inline(page.versions[self.lang].title)

    def module_number(self, page: Page) -> str | None:
        head = page.slug.split("-", 1)[0]
        return HANDBOOK_STRINGS[self.lang]["module_n"].format(n=int(head)) if head.isdigit() else None

    def total_minutes(self) -> int:
        return sum(page.versions[self.lang].duration or 0 for page in self.course.modules)

    def pools(self, quiz: Quiz) -> list[Quiz]:
        return [self.course.quizzes[p] for p in quiz.pools if p in self.course.quizzes]

    def bank_size(self, quiz: Quiz) -> int:
        return sum(len(pool.questions) for pool in self.pools(quiz))

    def mixed(self, q: Question) -> list:
        """Ordering items in a fixed mixed order that is never the answer itself."""
        items = stable_shuffle(list(q.items), q.id)
        if [i.id for i in items] == [i.id for i in q.items] and len(items) > 1:
            items = items[1:] + items[:1]
        return items

    @staticmethod
    def rights(q: Question) -> list:
        """A matching question's right-hand side, in the fixed order the page shows it."""
        return stable_shuffle(list(q.items), q.id)

    def pairs(self, q: Question) -> list[tuple]:
        return list(zip(q.items, self.rights(q)))

    @staticmethod
    def letters(items: list) -> dict[str, str]:
        return {item.id: _letter(n) for n, item in enumerate(items)}

    @staticmethod
    def correct(q: Question) -> list[tuple[str, object]]:
        """(letter, option) of each right option, lettered as printed."""
        return [(_letter(i), o) for i, o in enumerate(q.options) if o.correct]

    @staticmethod
    def steps(case: Case) -> tuple[list, dict[str, int]]:
        """A case's nodes with the start first, and each node's step number."""
        order = [case.nodes[case.start]] + [n for n in case.nodes.values() if n.id != case.start]
        return order, {node.id: i + 1 for i, node in enumerate(order)}

    def glossary_md(self) -> Markup_:
        return Markup_(self.rewriter(self.course.slugs["glossary"]))

    def glossary_terms(self) -> list:
        return sorted(self.course.glossary, key=lambda term: collate(term.term[self.lang]))

    def other_terms(self, term) -> list[str]:
        return [term.term[o] for o in self.course.languages if o != self.lang]


def handbook_html(course: Course, lang: str, facilitator: bool = False, stylesheets: Sequence[str] = ()) -> str:
    """The handbook of ``course`` in ``lang`` as one HTML document. ``stylesheets`` are hrefs (relative to
    where the document is written, e.g. the site's Material CSS); without them a small fallback style
    is used. The document requests nothing else except the course's own images, by relative path."""
    return Handbook(course, lang, facilitator).html(stylesheets)
