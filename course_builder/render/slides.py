"""Slide decks for the live sessions, one self-contained folder per session and language.

A session of ``programme.yml`` that lists ``modules`` or ``discuss`` gets a deck: a title slide, its
agenda, then for each module it covers a section slide, the objectives, the tables and figures of the
module's body and its key points, each discussion point after the module that places it (the others
at the end), and a closing slide. Facilitator notes (facilitator.py), the sections' prose, answers and
explanations go into the speaker notes (``aside.notes``), which the audience view never shows.

Projected text stays at least 28 px on a 1280×720 slide: content that would not fit is split over
several slides, never shrunk. Every split is decided once for all languages, from the longest text
of each item, so slide *n* (and its anchor) is the same slide in every language: the language switch
keeps the place.

A deck is ``index.html`` + ``deck.css`` + ``deck.js`` (the engine, ``render/slides_files/``) and the
module images it shows; it asks for nothing outside its folder, works from disk, and prints one
slide per page at 16:9.
"""
from __future__ import annotations

import math
import os
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from markupsafe import Markup

from .. import qtypes
from ..facilitator import split_notes
from ..mdsource import TEXT, heading, scan
from ..model import Course, Page, Session
from ..strings import STRINGS, t
from ..text import Markup_, plain
from .csp import policy
from .widgets import ENV, format_date

FILES = Path(__file__).parent / "slides_files"
ENGINE = ("deck.css", "deck.js")

# The slide's geometry (deck.css draws the same numbers): 1280×720, 28 px body text, 1.35 line height.
WIDTH = 1280
BODY_WIDTH = 1168        # between the side paddings
CHAR_PX = 15             # a generous average width of one character at 28 px (system sans)
BODY_LINES = 13          # body lines under a one-line title (14 fit), with room to spare
TITLE_CHARS = 52         # characters per line of a 40 px slide title
ITEM_GAP = 0.35          # space between list items, in lines
ROW_PAD = 0.45           # a table row's padding, in lines
BLOCK_START = re.compile(r"^(\s*|\s*\d+)([#>]|[-+*](?=\s)|[.)](?=\s))")
LINK = re.compile(r"(?<!!)\[([^\]]*)\]\([^)]*\)")
IMAGE = re.compile(r"^!\[([^\]]*)\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)\s*$")


def deck_dir(course: Course, session: Session, lang: str) -> str:
    """The deck's folder in the site ('' prefix for the default language)."""
    prefix = "" if lang == course.default_language else f"{lang}/"
    return f"{prefix}{course.slugs['slides']}/{session.id}"


def deck_sessions(course: Course) -> list[Session]:
    """The sessions that have a deck: live ones that say what they cover."""
    if course.programme is None:
        return []
    return [s for s in course.programme.sessions if s.has_deck and s.start and s.end]


def _lines(text: str, chars: float) -> int:
    return max(1, math.ceil(len(plain(text)) / max(chars, 8)))


def _cost(texts: dict[str, str], chars: float) -> int:
    """Lines of the longest language's text: the split is the same in every language."""
    return max(_lines(v, chars) for v in texts.values())


def _title_lines(title: dict[str, str]) -> int:
    return _cost(title, TITLE_CHARS)


def _pack(costs: list[float], budget: float) -> list[range]:
    """Consecutive items into pages of at most ``budget`` (an item larger than a page gets its own)."""
    pages, start, used = [], 0, 0.0
    for i, c in enumerate(costs):
        if i > start and used + c > budget:
            pages.append(range(start, i))
            start, used = i, 0.0
        used += c
    if costs:
        pages.append(range(start, len(costs)))
    return pages


@dataclass
class Table:
    head: list[dict[str, str]]
    rows: list[list[dict[str, str]]]
    heading: dict[str, str]
    line: int


@dataclass
class Figure:
    src: str
    alt: dict[str, str]
    heading: dict[str, str]
    line: int


@dataclass
class Section:
    """One ``##`` section of a module body: its prose (for the notes), facilitator notes, tables, figures."""
    heading: dict[str, str]
    prose: dict[str, list[str]] = field(default_factory=dict)
    notes: dict[str, list[str]] = field(default_factory=dict)
    items: list = field(default_factory=list)


def _cells(line: str) -> list[str]:
    inner = line.strip()
    inner = inner[1:] if inner.startswith("|") else inner
    inner = inner[:-1] if inner.endswith("|") and not inner.endswith("\\|") else inner
    return [c.strip().replace("\\|", "|") for c in re.split(r"(?<!\\)\|", inner)]


def _sections(version) -> list[tuple[str, list[str], list[str], list]]:
    """(heading, prose lines, facilitator notes, [('table', head, rows) | ('figure', src, alt)]) per
    ``##`` section of one language of a module, in order (the part before the first heading is '')."""
    body, notes = split_notes(version.body, version.body_line)
    lines = scan(body, version.body_line)
    out = [["", [], [], []]]
    starts = []
    i = 0
    while i < len(lines):
        line = lines[i]
        h = heading(line) if line.kind == TEXT else None
        if h is not None and h.level == 2:
            out.append([h.text, [], [], []])
            starts.append(line.number)
            i += 1
            continue
        text = line.text
        if line.kind == TEXT and text.startswith("|") and i + 1 < len(lines) \
                and re.match(r"^\|?\s*:?-{3,}", lines[i + 1].text):
            head = _cells(text)
            rows = []
            i += 2
            while i < len(lines) and lines[i].kind == TEXT and lines[i].text.startswith("|"):
                cells = _cells(lines[i].text)
                rows.append((cells + [""] * len(head))[:len(head)])
                i += 1
            out[-1][3].append(("table", head, rows))
            continue
        m = IMAGE.match(text) if line.kind == TEXT else None
        if m:
            out[-1][3].append(("figure", m.group(2), m.group(1)))
        elif line.kind == TEXT and text.strip() and not text.startswith((" ", "\t", "!!!", "???", ":::", "===", "#")):
            out[-1][1].append(text)
        elif line.kind == TEXT and not text.strip() and out[-1][1] and out[-1][1][-1]:
            out[-1][1].append("")
        i += 1
    for note in notes:
        index = sum(1 for s in starts if s <= note.line)
        out[index][2].append(note.body)
    return [tuple(s) for s in out]


def module_sections(page: Page, langs: tuple[str, ...]) -> list[Section] | None:
    """The sections of a module in every language, paired by position; None when the languages differ
    in their tables or figures (`check` reports structural drift; the deck then shows none)."""
    per = {lang: _sections(page.versions[lang]) for lang in langs}
    shapes = {lang: [[(k[0], len(k[1]) if k[0] == "table" else 0, len(k[2]) if k[0] == "table" else 0)
                      for k in s[3]] for s in secs] for lang, secs in per.items()}
    if len({repr(v) for v in shapes.values()}) != 1:
        return None
    out = []
    for n in range(len(per[langs[0]])):
        sec = Section({lang: per[lang][n][0] for lang in langs},
                      {lang: per[lang][n][1] for lang in langs}, {lang: per[lang][n][2] for lang in langs})
        for k, item in enumerate(per[langs[0]][n][3]):
            if item[0] == "table":
                head = [{lang: per[lang][n][3][k][1][c] for lang in langs} for c in range(len(item[1]))]
                rows = [[{lang: per[lang][n][3][k][2][r][c] for lang in langs} for c in range(len(item[1]))]
                        for r in range(len(item[2]))]
                sec.items.append(Table(head, rows, sec.heading, 0))
            else:
                sec.items.append(Figure(item[1], {lang: per[lang][n][3][k][2] for lang in langs}, sec.heading, 0))
        out.append(sec)
    return out


# --- slides as data: every text a dict lang -> Markdown, split decided here -------------------------

@dataclass
class Spec:
    anchor: str
    kind: str
    title: dict[str, str] | None = None
    data: dict = field(default_factory=dict)


def _widths(table: Table) -> list[int] | None:
    """Column widths in 5 % steps (deck.css has a class per step), by the columns' text lengths; None
    when the columns' longest words alone would not fit side by side at 28 px (the table is then shown
    row by row: _records_specs)."""
    cols = len(table.head)
    weight, least = [], []
    for c in range(cols):
        texts = [plain(cell[c][lang]) for cell in [table.head, *table.rows] for lang in cell[c]]
        weight.append(max(8.0, sum(map(len, texts)) / max(1, len(texts))) ** 0.8)
        # A column is never narrower than its longest word (bold in the header: a little wider).
        word = max((len(w) for text in texts for w in text.split()), default=1)
        least.append(max(10, math.ceil((word * CHAR_PX * 1.1 + 30) / BODY_WIDTH * 20) * 5))
    if sum(least) > 100:
        return None
    total = sum(weight)
    widths = [max(least[c], int(round(100 * weight[c] / total / 5)) * 5) for c in range(cols)]
    while sum(widths) != 100:
        step = 5 if sum(widths) < 100 else -5
        slack = [c for c in range(cols) if step > 0 or widths[c] > least[c]]
        c = (min if step > 0 else max)(slack, key=lambda c: widths[c] / weight[c])
        widths[c] += step
    return widths


def _row_cost(row: list[dict[str, str]], widths: list[int]) -> float:
    return max(_cost(cell, (BODY_WIDTH * w / 100 - 28) / CHAR_PX) for cell, w in zip(row, widths)) + ROW_PAD


def _table_specs(anchor: str, title: dict[str, str], table: Table, notes: dict, cls: str = "") -> list[Spec]:
    widths = _widths(table)
    if widths is None:
        return _records_specs(anchor, title, table, notes)
    budget = BODY_LINES + 1 - _title_lines(title) - _row_cost(table.head, widths)
    pages = _pack([_row_cost(r, widths) for r in table.rows], budget)
    return [Spec(anchor if n == 0 else f"{anchor}-{n + 1}", "table", title,
                 {"head": table.head, "rows": [table.rows[i] for i in rng], "widths": widths, "cls": cls,
                  "part": (n + 1, len(pages)), "notes": notes if n == 0 else {}})
            for n, rng in enumerate(pages)]


def _records_specs(anchor: str, title: dict[str, str], table: Table, notes: dict) -> list[Spec]:
    """A table too wide for 28 px text, one row after another: its first cell as a heading, then each
    other cell after its column's header."""
    width = (BODY_WIDTH - 24) / CHAR_PX
    costs = [1.2 + sum(_cost({lang: f"{table.head[c][lang]}: {row[c][lang]}" for lang in row[c]}, width)
                       for c in range(1, len(row))) + ITEM_GAP for row in table.rows]
    pages = _pack(costs, BODY_LINES + 1 - _title_lines(title))
    return [Spec(anchor if n == 0 else f"{anchor}-{n + 1}", "records", title,
                 {"head": table.head, "rows": [table.rows[i] for i in rng], "part": (n + 1, len(pages)),
                  "notes": notes if n == 0 else {}})
            for n, rng in enumerate(pages)]


def _list_specs(anchor: str, title: dict[str, str], items: list[dict[str, str]], notes: dict,
                cls: str = "") -> list[Spec]:
    budget = BODY_LINES + 1 - _title_lines(title)
    pages = _pack([_cost(i, (BODY_WIDTH - 48) / CHAR_PX) + ITEM_GAP for i in items], budget)
    return [Spec(anchor if n == 0 else f"{anchor}-{n + 1}", "list", title,
                 {"items": [items[i] for i in rng], "cls": cls, "part": (n + 1, len(pages)),
                  "notes": notes if n == 0 else {}})
            for n, rng in enumerate(pages)]


def _choices_specs(anchor: str, kicker: str, title: dict[str, str] | None, lead: list[dict[str, str]],
                   choices: list[dict[str, str]], notes: dict, extra: dict | None = None) -> list[Spec]:
    """A question or a decision point: the lead text, then its lettered choices; split when long, the
    lead on its own slide first and the choices after it."""
    width = (BODY_WIDTH - 64) / CHAR_PX
    title_lines = _title_lines(title) if title else 0
    budget = BODY_LINES + 1 - title_lines
    lead_cost = sum(_cost(p, BODY_WIDTH / CHAR_PX) + ITEM_GAP for p in lead)
    costs = [_cost(c, width) + ITEM_GAP for c in choices]
    base = {"kicker": kicker, "extra": extra or {}}
    if lead_cost + sum(costs) <= budget:
        return [Spec(anchor, "choices", title, {**base, "lead": lead, "choices": list(enumerate(choices)),
                                                "notes": notes, "part": (1, 1)})]
    if lead_cost <= 3.5:  # a short lead is repeated above each part of the choices
        cut = (extra or {}).get("numbered") or len(costs)  # matching: its two columns never share a slide
        pages = _pack(costs[:cut], budget - lead_cost) + \
            [range(r.start + cut, r.stop + cut) for r in _pack(costs[cut:], budget - lead_cost)]
        parts = [{"lead": lead, "choices": [(i, choices[i]) for i in rng]} for rng in pages]
    else:
        parts = [{"lead": [lead[i] for i in rng], "choices": []}
                 for rng in _pack([_cost(p, BODY_WIDTH / CHAR_PX) + ITEM_GAP for p in lead], budget)]
        parts += [{"lead": [], "choices": [(i, choices[i]) for i in rng]} for rng in _pack(costs, budget)]
    if extra and extra.get("numbered"):  # matching: the numbered column first, then the lettered one
        for part in parts:
            part["nums"], part["choices"] = [c for c in part["choices"] if c[0] < extra["numbered"]], \
                [(i - extra["numbered"], c) for i, c in part["choices"] if i >= extra["numbered"]]
    return [Spec(anchor if n == 0 else f"{anchor}-{n + 1}", "choices", title,
                 {**base, **part, "notes": notes, "part": (n + 1, len(parts))}) for n, part in enumerate(parts)]


def _letters(n: int) -> str:
    return "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[n]


def _question_specs(course: Course, q, quiz, langs) -> list[Spec]:
    anchor = f"discuss-{q.id}"
    kicker = "slides_discuss"
    lead = [q.prompt]
    notes: dict = {"answer": {}, "explanation": q.explanation, "feedback": []}
    choices, extra = qtypes.get(q.type).slide(q, langs, _letters, notes)
    if extra and "right" in extra:
        # Two columns: the longer one decides, at half the width.
        cost = max(sum(_cost(c, (BODY_WIDTH / 2 - 64) / CHAR_PX) + ITEM_GAP for c in col)
                   for col in (choices, extra["right"]))
        if cost + _cost(q.prompt, BODY_WIDTH / CHAR_PX) <= BODY_LINES:
            return [Spec(anchor, "columns", None, {"kicker": kicker, "lead": lead, "left": choices,
                                                    "right": extra["right"], "notes": notes, "part": (1, 1)})]
        # Too long side by side: the numbered items, then the lettered ones, each under the prompt.
        choices, extra = extra["numbered"], {"numbered": len(choices)}
    return _choices_specs(anchor, kicker, None, lead, choices, notes, extra)


def _case_specs(course: Course, case, node, langs) -> list[Spec]:
    anchor = f"discuss-{case.id}-{node.id}"
    paragraphs = {lang: [p for p in re.split(r"\n\s*\n", node.text[lang]) if p.strip()] for lang in langs}
    count = min(len(v) for v in paragraphs.values())
    lead = [{lang: (paragraphs[lang][i] if i < count - 1 else "\n\n".join(paragraphs[lang][i:]))
             for lang in langs} for i in range(count)]
    outcome = []
    for i, c in enumerate(node.choices):
        target = case.nodes.get(c.next)
        where = {lang: (t(lang, f"ending_{target.ending}") if target and target.ending
                        else t(lang, "slides_next_step", step=c.next)) for lang in langs}
        outcome.append((_letters(i), c.feedback, where))
    notes = {"outcome": outcome, "explanation": case.debrief}
    return _choices_specs(anchor, "slides_decision", case.title, lead, [c.text for c in node.choices], notes)


def plan(course: Course, session: Session, attendance: bool = False) -> list[Spec]:
    """The deck's slides, the same in every language; ``attendance``: the trainer's export ends with the
    session's attendance code (never the site's decks: the code must not be published)."""
    from ..validate import discussion_target
    langs = course.languages
    specs = [Spec("title", "title", session.title)]
    if session.agenda:
        table = Table([{lang: t(lang, "programme_time") for lang in langs},
                       {lang: t(lang, "programme_topic") for lang in langs}],
                      [[{lang: f"{a.time}–{a.end}" if a.end else a.time for lang in langs}, a.topic]
                       for a in session.agenda], {}, 0)
        specs += _table_specs("agenda", {lang: t(lang, "slides_agenda") for lang in langs}, table,
                              {"tz": course.programme.timezone_label}, "agenda")
    pages = {p.slug: p for p in course.modules}
    covered = [pages[r.id] for r in session.modules if r.id in pages]
    placed: dict[str, str] = {}  # quiz or case id -> module that places it
    for page in course.modules:
        for m in page.versions[course.default_language].markers:
            placed[m.ref] = page.slug
    discussions: list[tuple[str | None, list[Spec]]] = []
    listed = set()
    for ref in session.discuss:
        found = discussion_target(course, ref.id)
        if found[0] is None or (found[0], found[1].id, found[2].id) in listed:
            continue  # `check` reports both
        listed.add((found[0], found[1].id, found[2].id))
        if found[0] == "question":
            discussions.append((placed.get(found[2].id), _question_specs(course, found[1], found[2], langs)))
        elif found[0] == "case":
            discussions.append((placed.get(found[1].id), _case_specs(course, found[1], found[2], langs)))
    covered_slugs = {p.slug for p in covered}
    for page in covered:
        specs += _module_specs(course, page, langs)
        for where, dspecs in discussions:
            if where == page.slug:
                specs += dspecs
    for where, dspecs in discussions:
        if where not in covered_slugs:
            specs += dspecs
    specs.append(Spec("closing", "closing", {lang: t(lang, "slides_closing") for lang in langs}))
    if attendance:
        specs.append(Spec("attendance", "attendance", {lang: t(lang, "slides_attend") for lang in langs}))
    return specs


def _module_specs(course: Course, page: Page, langs) -> list[Spec]:
    v = {lang: page.versions[lang] for lang in langs}
    slug = page.slug
    title = {lang: v[lang].title for lang in langs}
    sections = module_sections(page, langs) or []
    leftover: dict[str, list[str]] = {lang: [] for lang in langs}
    specs: list[Spec] = []
    body: list[Spec] = []
    table_n = figure_n = 0
    for sec in sections:
        first = True
        for item in sec.items:
            notes = {"facilitator": sec.notes if first else {}, "prose": sec.prose if first else {}}
            heading_ = sec.heading if sec.heading[langs[0]] else title
            if isinstance(item, Table):
                table_n += 1
                body += _table_specs(f"{slug}-table-{table_n}", heading_, item, notes)
            else:
                figure_n += 1
                body.append(Spec(f"{slug}-figure-{figure_n}", "figure", heading_,
                                 {"src": item.src, "alt": item.alt, "module": slug, "notes": notes}))
            first = False
        if first:
            for lang in langs:
                leftover[lang] += sec.notes[lang]
    specs.append(Spec(slug, "section", title, {"description": {lang: v[lang].description for lang in langs},
                                               "duration": v[langs[0]].duration, "module": slug,
                                               "notes": {"facilitator": leftover}}))
    if v[langs[0]].objectives:
        specs += _list_specs(f"{slug}-objectives", {lang: f"{t(lang, 'objectives')}: {v[lang].title}" for lang in langs},
                             [{lang: v[lang].objectives[i] for lang in langs}
                              for i in range(min(len(x.objectives) for x in v.values()))], {}, "objectives")
    specs += body
    if v[langs[0]].keypoints:
        specs += _list_specs(f"{slug}-keypoints", {lang: f"{t(lang, 'keypoints')}: {v[lang].title}" for lang in langs},
                             [{lang: v[lang].keypoints[i] for lang in langs}
                              for i in range(min(len(x.keypoints) for x in v.values()))], {}, "keypoints")
    return specs


# --- one language of a deck -------------------------------------------------------------------------

def _strip_links(text: str) -> str:
    """On a projected slide a link is only its words."""
    return LINK.sub(r"\1", text)


class _Words:
    """The deck's Markdown in one language (links reduced to their text)."""

    def __init__(self) -> None:
        self.md = Markup_()

    def inline(self, text: str | None) -> Markup:
        # A table cell or a list item that starts like a block ("#", "- ", "1. ", ">") is text here.
        return self.md.inline(BLOCK_START.sub(r"\1\\\2", _strip_links(text))) if text else Markup("")

    def block(self, text: str | None) -> Markup:
        return self.md.block(_strip_links(text)) if text else Markup("")


def render_deck(course: Course, session: Session, lang: str, specs: list[Spec] | None = None,
                attendance: dict | None = None) -> str:
    """The deck's index.html in ``lang``; ``attendance`` ({code, url}) for the trainer's last slide."""
    specs = specs if specs is not None else plan(course, session)
    words = _Words()
    here = deck_dir(course, session, lang)
    others = [(o, os.path.relpath(deck_dir(course, session, o), here).replace(os.sep, "/") + "/index.html")
              for o in course.languages if o != lang]
    when = format_date(session.date, lang) + (f", {session.start}–{session.end}" if session.start else "")
    page_of = {p.slug: p for p in course.modules}
    site_root = os.path.relpath(".", here).replace(os.sep, "/")
    prefix = "" if lang == course.default_language else f"{lang}/"

    def module_url(slug: str) -> str:
        return f"{site_root}/{prefix}{slug}/"

    html = ENV.get_template("slides.html.j2").render(
        lang=lang, course=course, session=session, specs=specs, w=words, when=when, others=others,
        tz=course.programme.timezone_label[lang], t=lambda key, **kw: t(lang, key, **kw),
        letter=_letters, plain=plain, page_of=page_of, module_url=module_url, total=len(specs),
        next_session=_next_session(course, session), lang_name=lambda o: t(o, "slides_lang"),
        raw=lambda key: STRINGS[lang][key], attendance=attendance)
    # The site's policy (render/csp.py), as on every page: the deck has no inline script.
    return html.replace('<meta charset="utf-8">',
                        f'<meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="{policy(html)}">', 1)


def _next_session(course: Course, session: Session):
    sessions = list(course.programme.sessions)
    later = sessions[sessions.index(session) + 1:]
    return later[0] if later else None


def _qr_script() -> bytes:
    """The site's QR encoder (plugin.theme_dir's places: an installed package, or the repository)."""
    package = Path(__file__).resolve().parent.parent
    for folder in (package / "theme", package.parent / "overrides"):
        if (folder / "assets" / "course" / "qr.js").is_file():
            return (folder / "assets" / "course" / "qr.js").read_bytes()
    raise RuntimeError(f"qr.js is missing beside {package}: reinstall course-builder")


def attendance_link(course: Course, session: Session, lang: str, code: str) -> str | None:
    """The absolute link that records ``code`` on the programme page (js/70-attendance.js), or None when
    the site's address is not known (mkdocs.yml site_url, SITE_URL) or no page places the programme."""
    from ..mkdocs_yml import site_url
    root = site_url(course.root)
    page = next((p for p in course.pages for m in p.versions[lang].markers if m.kind == "programme"), None)
    if not root or page is None:
        return None
    prefix = "" if lang == course.default_language else f"{lang}/"
    return f"{root}{prefix}{page.slug}/#{t(lang, 'attend_anchor')}?s={session.id}&c={code}"


def deck_files(course: Course, attendance: dict[str, str] | None = None) -> dict[str, bytes]:
    """Every deck of the course: site-relative path -> content (the default language at the site root,
    the others under their language folder). ``attendance`` (session id -> code): the trainer's decks,
    which end with the session's attendance code, its link and QR code (the site's qr.js draws it)."""
    files: dict[str, bytes] = {}
    engine = {name: (FILES / name).read_bytes() for name in ENGINE}
    if attendance:
        engine["qr.js"] = _qr_script()
        engine["attendance.js"] = (FILES / "attendance.js").read_bytes()
    for session in deck_sessions(course):
        code = (attendance or {}).get(session.id)
        specs = plan(course, session, attendance=code is not None)
        for lang in course.languages:
            folder = deck_dir(course, session, lang)
            extra = {"code": code, "url": attendance_link(course, session, lang, code)} if code else None
            files[f"{folder}/index.html"] = render_deck(course, session, lang, specs, extra).encode()
            for name, content in engine.items():
                if name in ENGINE or code:
                    files[f"{folder}/{name}"] = content
            for spec in specs:
                if spec.kind == "figure":
                    source = course.root / "course" / spec.data["module"] / spec.data["src"]
                    if source.is_file():
                        files[str(PurePosixPath(folder, spec.data["module"], spec.data["src"]))] = source.read_bytes()
    return files
