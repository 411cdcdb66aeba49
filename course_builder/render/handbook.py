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
from markupsafe import Markup, escape

from ..facilitator import split_notes
from ..model import Case, Course, Page, PageVersion, Question, Quiz
from ..strings import other_languages, t
from .markup import Markup_, plain, rewrite_links
from .pages import MARKER_LINE, REFERENCES, _collate
from .widgets import _stable_shuffle, format_date

# The Markdown extensions of mkdocs.yml (toc without permalinks: there is nothing to click on paper).
MD_EXTENSIONS = ["abbr", "admonition", "attr_list", "def_list", "footnotes", "md_in_html", "tables", "toc",
                 "pymdownx.details", "pymdownx.superfences", "pymdownx.tabbed"]
MD_CONFIG = {"pymdownx.tabbed": {"alternate_style": True}}

TEXT: dict[str, dict[str, str]] = {
    "es": {
        "handbook": "Manual del curso",
        "facilitator_edition": "Edición para facilitación",
        "version": "Versión {version}",
        "hours": "Estudio autoformativo: {hours} h",
        "contents": "Contenido",
        "module_n": "Módulo {n}",
        "minutes": "{minutes} min",
        "answer_key": "Clave de respuestas",
        "answer_key_intro": "Respuestas de las preguntas impresas en este manual, con su explicación.",
        "see_key": "Las respuestas están en la clave de respuestas, al final del manual.",
        "not_printed": "Las preguntas de la evaluación final no se imprimen en este manual, para que la "
                       "evaluación conserve su sentido: en el sitio del curso, cada intento presenta {draw} "
                       "preguntas elegidas al azar de un banco de {total}.",
        "in_key_facilitator": "Esta edición para facilitación incluye todas las preguntas del banco, con sus "
                              "respuestas, en la clave de respuestas.",
        "single": "Marque una opción.",
        "multiple": "Marque todas las opciones que correspondan.",
        "true_false": "¿Verdadero o falso?",
        "fill_in": "Complete el espacio en blanco.",
        "ordering": "Escriba junto a cada elemento su posición en el orden correcto (1, 2, 3…).",
        "matching": "Escriba junto a cada elemento de la izquierda la letra de su pareja.",
        "answer": "Respuesta",
        "answers": "Respuestas aceptadas",
        "order": "Orden correcto",
        "pairs": "Parejas correctas",
        "case_read": "Lea el caso paso a paso: cada opción indica su consecuencia y el paso en que sigue.",
        "step": "Paso {n}",
        "go_to": "siga en el paso {n}",
        "guide": "Guía para facilitación",
        "guide_intro": "Esta edición reúne, para quien facilita, la duración de cada módulo, las notas para "
                       "facilitación y las preguntas para la discusión (al final de cada módulo), la agenda de "
                       "las sesiones en vivo y la clave de respuestas completa, incluidos los bancos de "
                       "preguntas de la evaluación final. No la entregue a las personas participantes.",
        "timings": "Duración de los módulos",
        "th_module": "Módulo",
        "th_minutes": "Minutos",
        "total": "Total",
        "total_hours": "Horas de estudio autoformativo declaradas por el curso: {hours}.",
        "agenda": "Agenda de las sesiones en vivo",
        "notes": "Notas para facilitación",
        "note": "Nota",
        "no_notes": "Este módulo no tiene notas para facilitación.",
        "discussion": "Para la discusión",
        "pools": "Evaluación final: bancos de preguntas",
        "pools_intro": "En el sitio, cada intento de «{title}» presenta {draw} preguntas elegidas al azar de "
                       "estos bancos. No las reparta a las personas participantes.",
    },
    "en": {
        "handbook": "Course handbook",
        "facilitator_edition": "Facilitator edition",
        "version": "Version {version}",
        "hours": "Self-paced study: {hours} h",
        "contents": "Contents",
        "module_n": "Module {n}",
        "minutes": "{minutes} min",
        "answer_key": "Answer key",
        "answer_key_intro": "Answers to the questions printed in this handbook, with their explanations.",
        "see_key": "The answers are in the answer key at the end of the handbook.",
        "not_printed": "The final assessment's questions are not printed in this handbook, so that the "
                       "assessment keeps its meaning: on the course site each attempt shows {draw} questions "
                       "drawn at random from a bank of {total}.",
        "in_key_facilitator": "This facilitator edition includes every question of the bank, with its answer, "
                              "in the answer key.",
        "single": "Tick one option.",
        "multiple": "Tick every option that applies.",
        "true_false": "True or false?",
        "fill_in": "Fill in the blank.",
        "ordering": "Write each item's position in the correct order (1, 2, 3…) next to it.",
        "matching": "Write next to each item on the left the letter of its match.",
        "answer": "Answer",
        "answers": "Accepted answers",
        "order": "Correct order",
        "pairs": "Correct pairs",
        "case_read": "Read the case step by step: each choice gives its consequence and the step to go on with.",
        "step": "Step {n}",
        "go_to": "go on with step {n}",
        "guide": "Facilitator guide",
        "guide_intro": "This edition gathers, for facilitators, the duration of each module, the facilitator "
                       "notes and discussion prompts (at the end of each module), the agenda of the live "
                       "sessions and the full answer key, including the final assessment's question banks. "
                       "Do not hand it out to participants.",
        "timings": "Module timings",
        "th_module": "Module",
        "th_minutes": "Minutes",
        "total": "Total",
        "total_hours": "Hours of self-paced study stated by the course: {hours}.",
        "agenda": "Agenda of the live sessions",
        "notes": "Facilitator notes",
        "note": "Note",
        "no_notes": "This module has no facilitator notes.",
        "discussion": "For discussion",
        "pools": "Final assessment: question banks",
        "pools_intro": "On the site, each attempt at “{title}” shows {draw} questions drawn at random from "
                       "these banks. Do not hand them out to participants.",
    },
}

# Print rules of the handbook, on top of Material's stylesheet when the site provides it.
CSS = """
html { font-size: 125%; }
body { margin: 0; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.hb { max-width: none; margin: 0; overflow-wrap: break-word; }
.hb a { color: #283593; }
.hb a[href^="http"]:not(.hb-bare)::after { content: " (" attr(href) ")"; font-size: .85em; color: #444;
  overflow-wrap: anywhere; }
.hb-cover { break-after: page; min-height: 245mm; display: flex; flex-direction: column; justify-content: center;
  text-align: center; }
.hb .hb-cover h1 { font-size: 2.1em; font-weight: 700; color: #1a237e; margin: .4em 0; }
.hb-kicker { text-transform: uppercase; letter-spacing: .08em; font-size: .85em; color: #3949ab; margin: 0; }
.hb-edition { font-weight: 700; color: #b71c1c; text-transform: uppercase; letter-spacing: .06em; }
.hb-issuers { list-style: none; padding: 0; margin: 1.5em 0 0 !important; }
.hb-issuers li { margin: .2em 0 !important; }
.hb-part { break-before: page; }
.hb .hb-part > h1 { margin-top: 0; font-weight: 700; color: #1a237e; }
.hb h1, .hb h2, .hb h3, .hb h4, .hb .hb-step { break-after: avoid; }
.hb-question, .hb-case-node, .hb-key-item, .hb figure, .hb img, .hb tr, .hb dt { break-inside: avoid; }
.hb-toc ol { list-style: none; padding: 0; margin-left: 0 !important; }
.hb-toc li { margin: .35em 0 !important; }
.hb-toc a { text-decoration: none; }
.hb-muted { color: #555; }
.hb-tab { border-left: 3px solid #c5cae9; padding: .1em 0 .1em .8em; margin: 1em 0; }
.hb-tab-title { font-weight: 700; margin: .2em 0 !important; }
.hb-questions > li { margin-top: 1em !important; margin-bottom: 1em !important; }
.hb-prompt, .hb-key-item > p:first-child { font-weight: 700; margin-bottom: .3em !important; }
.hb-instr { font-style: italic; color: #444; margin: .2em 0 !important; }
.hb-slot { display: inline-block; width: 2.4em; border-bottom: 1px solid #666; margin-right: .5em; }
.hb-blank { display: inline-block; width: 16em; border-bottom: 1px solid #666; }
.hb-match { width: 100%; border-collapse: collapse; }
.hb-programme td:first-child { white-space: nowrap; }
.hb-match td { vertical-align: top; padding: .2em .6em .2em 0; width: 50%; }
.hb-case-node { border: 1px solid #c5c8d4; border-radius: .2rem; padding: .3em .9em; margin: .8em 0; }
.hb-step { font-weight: 700; margin: .4em 0 !important; }
.hb-choices { list-style: none; }
.hb-choices li { margin-left: 0 !important; margin-top: .5em !important; margin-bottom: .5em !important; }
.hb-key-item { margin-top: .8em !important; margin-bottom: .8em !important; }
.hb-key-item p { margin: .2em 0 !important; }
.hb-explanation { color: #333; }
.hb-answers { list-style: none; margin-top: 0 !important; margin-bottom: .2em !important; }
.hb-answers li { margin: 0 0 .1em !important; }
.hb-glossary dt { font-weight: 700; margin-top: .8em; }
.hb-glossary dd { margin-top: .2em !important; margin-bottom: .6em !important; }
.md-typeset .admonition.hb-fac { border-color: #c62828; }
.md-typeset .hb-fac > .admonition-title { background-color: #c628281a; }
.md-typeset .hb-fac > .admonition-title::before { background-color: #c62828; }
.hb details > summary::after { display: none; }
.hb .cb-jobaid { break-before: page; font-size: .82em; }  /* job aids: one card per page */
.hb .cb-jobaid h2 { margin-top: 0; }
.hb .cb-jobaid .admonition { break-inside: avoid; }
"""

# Used only when no Material stylesheet is linked (e.g. rendering outside a built site).
FALLBACK_CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  font-size: 11pt; line-height: 1.5; color: #1d1d1f; }
.admonition, details { border-left: 4px solid #448aff; padding: .2em .8em; margin: 1em 0; background: #f5f7ff; }
.admonition-title, summary { font-weight: 700; }
table { border-collapse: collapse; } th, td { border: 1px solid #ccc; padding: .3em .5em; vertical-align: top; }
"""


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
    """Renders one language of a course, in the participant or the facilitator edition."""

    def __init__(self, course: Course, lang: str, facilitator: bool = False) -> None:
        self.course = course
        self.lang = lang
        self.facilitator = facilitator
        self.s = TEXT.get(lang, TEXT["en"])
        self.terms = {term.id: term for term in course.glossary}
        self.included = {p.slug for p in (*course.modules, *course.pages)}
        self.prefix = "" if lang == course.default_language else f"{lang}/"
        self._print = _PrintExtension()
        self._md = markdown.Markdown(extensions=[*MD_EXTENSIONS, self._print], extension_configs=MD_CONFIG)
        self.printed: list[tuple[Quiz, Markup_]] = []  # quizzes placed in the pages, in reading order

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
        c, lang = self.course, self.lang
        cover = self.cover()
        parts = [self.page(page) for page in (*c.modules, *c.pages)]
        glossary = self.glossary() if c.glossary else ""
        key = self.answer_key()
        guide = self.guide() if self.facilitator else ""
        links = "".join(f'<link rel="stylesheet" href="{escape(href)}">\n' for href in stylesheets)
        title = plain(c.title[lang]) + " — " + self.s["handbook"] + \
            (f" ({self.s['facilitator_edition']})" if self.facilitator else "")
        style = CSS + ("" if stylesheets else FALLBACK_CSS)
        return (f'<!doctype html>\n<html lang="{lang}" dir="ltr">\n<head>\n<meta charset="utf-8">\n'
                f"<title>{escape(title)}</title>\n{links}<style>{style}</style>\n</head>\n"
                f'<body data-md-color-scheme="default" data-md-color-primary="indigo" data-md-color-accent="indigo">\n'
                f'<main class="md-typeset hb">\n{cover}\n{self.toc()}\n{guide}\n' + "\n".join(parts) +
                f"\n{glossary}\n{key}\n</main>\n</body>\n</html>\n")

    def cover(self) -> str:
        c, lang, md = self.course, self.lang, Markup_()
        hours = f"{c.hours:g}"
        edition = f'<p class="hb-edition">{escape(self.s["facilitator_edition"])}</p>' if self.facilitator else ""
        issuers = "".join(f"<li>{md.inline(i[lang])}</li>" for i in c.issuers)
        return (f'<section class="hb-cover" id="hb-cover">\n<p class="hb-kicker">{escape(self.s["handbook"])}</p>\n'
                f"<h1>{md.inline(c.title[lang])}</h1>\n{edition}\n"
                f'<div class="hb-description">{md.block(c.description[lang])}</div>\n'
                f'<p>{escape(self.s["version"].format(version=c.version))} · '
                f'{escape(self.s["hours"].format(hours=hours))}</p>\n'
                f'<ul class="hb-issuers">{issuers}</ul>\n</section>')

    def _title(self, page: Page) -> Markup:
        return Markup_().inline(page.versions[self.lang].title)

    def _module_number(self, page: Page) -> str | None:
        head = page.slug.split("-", 1)[0]
        return self.s["module_n"].format(n=int(head)) if head.isdigit() else None

    def toc(self) -> str:
        c, s = self.course, self.s
        items = []
        if self.facilitator:
            items.append(f'<li><a href="#hb-guide">{escape(s["guide"])}</a></li>')
        for page in c.modules:
            number = self._module_number(page)
            minutes = page.versions[self.lang].duration
            items.append(f'<li><a href="#hb-p-{page.slug}">{escape(number) + " · " if number else ""}'
                         f"{self._title(page)}</a>"
                         + (f' <span class="hb-muted">({escape(s["minutes"].format(minutes=minutes))})</span>'
                            if minutes else "") + "</li>")
        if c.glossary:
            items.append(f'<li><a href="#hb-glossary">{escape(t(self.lang, "glossary_title"))}</a></li>')
        for page in c.pages:
            items.append(f'<li><a href="#hb-p-{page.slug}">{self._title(page)}</a></li>')
        items.append(f'<li><a href="#hb-key">{escape(s["answer_key"])}</a></li>')
        return (f'<nav class="hb-part hb-toc" id="hb-toc" aria-labelledby="hb-toc-h">\n'
                f'<h1 id="hb-toc-h">{escape(s["contents"])}</h1>\n<ol>\n' + "\n".join(items) + "\n</ol>\n</nav>")

    # -- pages -------------------------------------------------------------------------------------

    def _convert(self, text: str, slug: str) -> str:
        self._md.reset()
        self._print.tree.prefix = slug
        return self._md.convert(text)

    def page(self, page: Page) -> str:
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

        lines, keypoints_done = [], False
        for line in rewrite_links(body, rewrite).split("\n"):
            if page.is_module and not keypoints_done and REFERENCES.match(line):
                lines.append(hold(self._keypoints(version, md)))
                keypoints_done = True
            m = MARKER_LINE.match(line)
            lines.append(hold(self._marker(m.group(1), m.group(2), md)) if m else line)
        if page.is_module and not keypoints_done:
            lines.append(hold(self._keypoints(version, md)))
        html = self._convert("\n".join(lines), slug)
        for key, block in held.items():
            html = html.replace(f"<p>{key}</p>", block).replace(key, block)
        number = self._module_number(page) if page.is_module else None
        head = [f'<section class="hb-part" id="hb-p-{slug}">']
        if number:
            head.append(f'<p class="hb-kicker">{escape(number)}</p>')
        head.append(f"<h1>{self._title(page)}</h1>")
        if page.is_module:
            head.append(self._objectives(version, md))
        tail = self._facilitator_notes(page, notes, md) if self.facilitator and page.is_module else ""
        return "\n".join(head) + "\n" + html + "\n" + tail + "\n</section>"

    def _objectives(self, version: PageVersion, md: Markup_) -> str:
        items = "".join(f"<li>{md.inline(o)}</li>" for o in version.objectives)
        duration = t(self.lang, "duration", minutes=version.duration) if version.duration else ""
        return (f'<div class="admonition abstract"><p class="admonition-title">{escape(t(self.lang, "objectives"))}'
                f"</p><p>{escape(duration)}</p><ul>{items}</ul></div>")

    def _keypoints(self, version: PageVersion, md: Markup_) -> str:
        items = "".join(f"<li>{md.inline(k)}</li>" for k in version.keypoints)
        return (f'<div class="admonition success"><p class="admonition-title">{escape(t(self.lang, "keypoints"))}'
                f"</p><ul>{items}</ul></div>")

    def _marker(self, kind: str, ref: str | None, md: Markup_) -> str:
        if kind == "quiz" and ref in self.course.quizzes:
            return self.quiz(self.course.quizzes[ref], md)
        if kind == "case" and ref in self.course.cases:
            return self.case(self.course.cases[ref], md)
        if kind == "programme" and self.course.programme:
            return self.programme(md, heading="h3")
        return ""

    # -- quizzes -----------------------------------------------------------------------------------

    def quiz(self, quiz: Quiz, md: Markup_) -> str:
        s = self.s
        title = f'<h2 id="hb-quiz-{quiz.id}">{md.inline(quiz.title[self.lang])}</h2>'
        if quiz.kind == "assessment":
            self.printed.append((quiz, md))
            total = sum(len(self.course.quizzes[p].questions) for p in quiz.pools if p in self.course.quizzes)
            text = s["not_printed"].format(draw=quiz.draw, total=total)
            if self.facilitator:
                text += " " + s["in_key_facilitator"]
            return f'{title}\n<div class="hb-quiz hb-assessment"><p>{escape(text)}</p></div>'
        self.printed.append((quiz, md))
        questions = "\n".join(f'<li class="hb-question" id="hb-q-{q.id}">{self.question(q, md)}</li>'
                              for q in quiz.questions)
        intro = t(self.lang, "ungraded") if not quiz.graded else t(self.lang, "pass_mark", pass_mark=quiz.pass_mark)
        return (f'{title}\n<div class="hb-quiz" id="hb-quiz-{quiz.id}-q">\n'
                f'<p class="hb-muted">{escape(intro)} <a href="#hb-key-{quiz.id}">{escape(s["see_key"])}</a></p>\n'
                f'<ol class="hb-questions">\n{questions}\n</ol>\n</div>')

    def _order(self, q: Question) -> list:
        """Ordering items in a fixed mixed order that is never the answer itself."""
        items = _stable_shuffle(list(q.items), q.id)
        if [i.id for i in items] == [i.id for i in q.items] and len(items) > 1:
            items = items[1:] + items[:1]
        return items

    def question(self, q: Question, md: Markup_) -> str:
        lang, s = self.lang, self.s
        out = [f'<p class="hb-prompt">{md.inline(q.prompt[lang])}</p>',
               f'<p class="hb-instr">{escape(s[q.type])}</p>']
        if q.hint:
            out.append(f'<div class="hb-hint"><em>{escape(t(lang, "hint"))}:</em> {md.block(q.hint[lang])}</div>')
        if q.type in ("single", "multiple"):
            out.append('<ol class="hb-options" type="a">' +
                       "".join(f"<li>{md.inline(o.text[lang])}</li>" for o in q.options) + "</ol>")
        elif q.type == "true_false":
            out.append(f'<ol class="hb-options" type="a"><li>{escape(t(lang, "true"))}</li>'
                       f'<li>{escape(t(lang, "false"))}</li></ol>')
        elif q.type == "fill_in":
            out.append(f'<p>{escape(t(lang, "your_answer"))}: <span class="hb-blank"></span></p>')
        elif q.type == "ordering":
            out.append('<ol class="hb-options" type="a">' + "".join(
                f'<li><span class="hb-slot"></span>{md.inline(i.text[lang])}</li>' for i in self._order(q)) + "</ol>")
        elif q.type == "matching":
            rights = _stable_shuffle(list(q.items), q.id)
            rows = "".join(
                f'<tr><td>{n + 1}. {md.inline(left.text[lang])} <span class="hb-slot"></span></td>'
                f"<td>{_letter(n)}) {md.inline(right.right[lang])}</td></tr>"
                for n, (left, right) in enumerate(zip(q.items, rights)))
            out.append(f'<table class="hb-match"><tbody>{rows}</tbody></table>')
        return "\n".join(out)

    def answer(self, q: Question, md: Markup_) -> str:
        lang, s = self.lang, self.s
        if q.type in ("single", "multiple"):
            label = s["answer"]
            value = "; ".join(f"{_letter(i)}) {md.inline(o.text[lang])}" for i, o in enumerate(q.options) if o.correct)
        elif q.type == "true_false":
            label, value = s["answer"], escape(t(lang, "true" if q.answer else "false"))
        elif q.type == "fill_in":
            label, value = s["answers"], " / ".join(str(escape(a)) for a in q.answers.get(lang, ()))
        elif q.type == "ordering":
            letters = {item.id: _letter(n) for n, item in enumerate(self._order(q))}
            label = s["order"]
            value = "; ".join(f"{n + 1}. {letters[i.id]}) {md.inline(i.text[lang])}" for n, i in enumerate(q.items))
        else:
            letters = {item.id: _letter(n) for n, item in enumerate(_stable_shuffle(list(q.items), q.id))}
            label = s["pairs"]
            value = "; ".join(f"{n + 1} → {letters[i.id]}) {md.inline(i.right[lang])}" for n, i in enumerate(q.items))
        if q.type == "multiple" and sum(o.correct for o in q.options) > 1:
            items = "".join(f"<li>{_letter(i)}) {md.inline(o.text[lang])}</li>"
                            for i, o in enumerate(q.options) if o.correct)
            out = f'<p class="hb-answer"><strong>{escape(label)}:</strong></p><ul class="hb-answers">{items}</ul>'
        else:
            out = f'<p class="hb-answer"><strong>{escape(label)}:</strong> {value}</p>'
        if q.explanation:
            label = f'<em>{escape(t(lang, "explanation"))}:</em> '
            block = str(md.block(q.explanation[lang]))
            block = f"<p>{label}{block[3:]}" if block.startswith("<p>") else f"<p>{label}</p>{block}"
            out += f'<div class="hb-explanation">{block}</div>'
        return out

    def answer_key(self) -> str:
        s, lang = self.s, self.lang
        out = ['<section class="hb-part hb-key" id="hb-key">', f"<h1>{escape(s['answer_key'])}</h1>",
               f"<p>{escape(s['answer_key_intro'])}</p>"]
        seen = set()
        for quiz, md in self.printed:
            if quiz.id in seen:
                continue
            seen.add(quiz.id)
            out.append(f'<h2 id="hb-key-{quiz.id}">{md.inline(quiz.title[lang])}</h2>')
            if quiz.kind == "assessment":
                total = sum(len(self.course.quizzes[p].questions) for p in quiz.pools if p in self.course.quizzes)
                out.append(f"<p>{escape(s['not_printed'].format(draw=quiz.draw, total=total))}</p>")
                continue
            out.append("<ol>" + "".join(
                f'<li class="hb-key-item"><p>{md.inline(q.prompt[lang])} <a href="#hb-q-{q.id}">↑</a></p>'
                f"{self.answer(q, md)}</li>" for q in quiz.questions) + "</ol>")
        if self.facilitator:
            out.extend(self._pools())
        out.append("</section>")
        return "\n".join(out)

    def _pools(self) -> list[str]:
        out, seen = [], set()
        for quiz, md in self.printed:
            if quiz.kind == "assessment" and quiz.id not in seen:
                seen.add(quiz.id)
                out.append((quiz, md))
        html = []
        for quiz, md in out:
            html.append(f'<h2 id="hb-pools-{quiz.id}">{escape(self.s["pools"])}</h2>')
            html.append(f"<p>{escape(self.s['pools_intro'].format(title=plain(quiz.title[self.lang]), draw=quiz.draw))}</p>")
            for pool_id in quiz.pools:
                pool = self.course.quizzes.get(pool_id)
                if pool is None:
                    continue
                html.append(f'<h3 id="hb-pool-{pool.id}">{md.inline(pool.title[self.lang])}</h3>')
                html.append('<ol class="hb-questions">' + "".join(
                    f'<li class="hb-question hb-key-item" id="hb-q-{q.id}">{self.question(q, md)}'
                    f"{self.answer(q, md)}</li>" for q in pool.questions) + "</ol>")
        return html

    # -- cases and programme -----------------------------------------------------------------------

    def case(self, case: Case, md: Markup_) -> str:
        lang, s = self.lang, self.s
        order = [case.nodes[case.start]] + [n for n in case.nodes.values() if n.id != case.start]
        number = {node.id: i + 1 for i, node in enumerate(order)}
        nodes = []
        for node in order:
            label = s["step"].format(n=number[node.id])
            if node.ending:
                label += " · " + t(lang, f"ending_{node.ending}")
            choices = ""
            if node.choices:
                items = "".join(
                    f"<li><p><strong>{_letter(i).upper()}.</strong> {md.inline(c.text[lang])}</p>"
                    f'<p><em>{escape(t(lang, "case_consequence"))}:</em> {md.inline(c.feedback[lang])} '
                    f'→ <a href="#hb-case-{case.id}-{c.next}">{escape(s["go_to"].format(n=number.get(c.next, "?")))}'
                    f"</a></p></li>" for i, c in enumerate(node.choices))
                choices = (f'<p><strong>{escape(t(lang, "case_choices"))}</strong></p>'
                           f'<ul class="hb-choices">{items}</ul>')
            nodes.append(f'<div class="hb-case-node" id="hb-case-{case.id}-{node.id}">'
                         f'<p class="hb-step">{escape(label)}</p>{md.block(node.text[lang])}{choices}</div>')
        debrief = (f'<div class="admonition note"><p class="admonition-title">{escape(t(lang, "case_debrief"))}</p>'
                   f"{md.block(case.debrief[lang])}</div>")
        return (f'<h2 id="hb-case-{case.id}">{md.inline(case.title[lang])}</h2>\n<div class="hb-case">'
                f'<p><em>{escape(t(lang, "fictional"))}</em> {escape(s["case_read"])}</p>\n'
                + "\n".join(nodes) + f"\n{debrief}</div>")

    def programme(self, md: Markup_, heading: str = "h3") -> str:
        programme, lang = self.course.programme, self.lang
        if programme is None:
            return ""
        out = [f'<div class="hb-programme"><p class="hb-muted">{md.inline(programme.timezone_label[lang])}</p>']
        for session in programme.sessions:
            when = format_date(session.date, lang)
            if session.end_date:
                when += " – " + format_date(session.end_date, lang)
            if session.start:
                when += f", {session.start}" + (f"–{session.end}" if session.end else "")
            out.append(f"<{heading}>{md.inline(session.title[lang])}</{heading}><p>{escape(when)}</p>")
            if session.agenda:
                rows = "".join(f"<tr><td>{escape(a.time)}{'–' + str(escape(a.end)) if a.end else ''}</td>"
                               f"<td>{md.inline(a.topic[lang])}</td></tr>" for a in session.agenda)
                out.append(f'<table><thead><tr><th scope="col">{escape(t(lang, "programme_time"))}</th>'
                           f'<th scope="col">{escape(t(lang, "programme_topic"))}</th></tr></thead>'
                           f"<tbody>{rows}</tbody></table>")
        out.append("</div>")
        return "\n".join(out)

    # -- glossary and the facilitator's parts ------------------------------------------------------

    def glossary(self) -> str:
        lang = self.lang
        md = Markup_(self.rewriter(self.course.slugs["glossary"]))
        others = [o for o in self.course.languages if o != lang]
        names = other_languages(lang, self.course.languages)
        items = []
        for term in sorted(self.course.glossary, key=lambda x: _collate(x.term[lang])):
            other = "; ".join(str(escape(term.term[o])) for o in others)
            items.append(f'<dt id="hb-g-{term.id}">{escape(term.term[lang])}</dt><dd>{md.block(term.definition[lang])}'
                         f'<p class="hb-muted">{escape(t(lang, "other_language_term", languages=names))}: {other}</p></dd>')
        return (f'<section class="hb-part" id="hb-glossary"><h1>{escape(t(lang, "glossary_title"))}</h1>'
                f'<p>{escape(t(lang, "glossary_intro", languages=names))}</p><dl class="hb-glossary">' + "".join(items) + "</dl></section>")

    def guide(self) -> str:
        s, lang = self.s, self.lang
        rows, total = [], 0
        for page in self.course.modules:
            minutes = page.versions[lang].duration or 0
            total += minutes
            number = self._module_number(page)
            rows.append(f'<tr><td><a href="#hb-p-{page.slug}">{escape(number) + " · " if number else ""}'
                        f"{self._title(page)}</a></td><td>{minutes}</td></tr>")
        rows.append(f"<tr><td><strong>{escape(s['total'])}</strong></td><td><strong>{total}</strong></td></tr>")
        out = [f'<section class="hb-part" id="hb-guide"><h1>{escape(s["guide"])}</h1>',
               f"<p>{escape(s['guide_intro'])}</p>", f"<h2>{escape(s['timings'])}</h2>",
               f'<table><thead><tr><th scope="col">{escape(s["th_module"])}</th>'
               f'<th scope="col">{escape(s["th_minutes"])}</th></tr></thead><tbody>{"".join(rows)}</tbody></table>',
               f"<p>{escape(s['total_hours'].format(hours=f'{self.course.hours:g}'))}</p>"]
        if self.course.programme and self.course.programme.sessions:
            out.append(f'<h2 id="hb-agenda">{escape(s["agenda"])}</h2>')
            out.append(self.programme(Markup_(self.rewriter(self.course.home.slug)), heading="h3"))
        out.append("</section>")
        return "\n".join(out)

    def _facilitator_notes(self, page: Page, notes, md: Markup_) -> str:
        s, lang = self.s, self.lang
        version = page.versions[lang]
        body = [f"<p>{escape(t(lang, 'duration', minutes=version.duration))}</p>"] if version.duration else []
        for note in notes:
            text = rewrite_links(note.body, self.rewriter(page.slug))
            body.append(f"<h3>{escape(note.title or s['note'])}</h3>{self._convert(text, page.slug + '-notes')}")
        if not notes:
            body.append(f"<p>{escape(s['no_notes'])}</p>")
        cases = [self.course.cases[m.ref] for m in version.markers if m.kind == "case" and m.ref in self.course.cases]
        if cases:
            body.append(f"<h3>{escape(s['discussion'])}</h3><ul>" + "".join(
                f"<li><strong>{md.inline(c.title[lang])}</strong>: {md.inline(c.debrief[lang])}</li>" for c in cases)
                + "</ul>")
        return (f'<div class="admonition hb-fac" id="hb-notes-{page.slug}"><p class="admonition-title">'
                f'{escape(s["notes"])}</p>' + "\n".join(body) + "</div>")


def handbook_html(course: Course, lang: str, facilitator: bool = False, stylesheets: Sequence[str] = ()) -> str:
    """The handbook of ``course`` in ``lang`` as one HTML document. ``stylesheets`` are hrefs (relative to
    where the document is written, e.g. the site's Material CSS); without them a small fallback style
    is used. The document requests nothing else except the course's own images, by relative path."""
    return Handbook(course, lang, facilitator).html(stylesheets)
