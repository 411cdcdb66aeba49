"""Printable handbooks: the handbook HTML (render/handbook.py) printed to A4 PDF by headless Chromium.

The handbook is written at the root of a freshly built site, so it uses the site's own Material
stylesheet and the modules' images; the site is served on 127.0.0.1 (any other request is refused)
and Debian's /usr/bin/chromium prints it through Playwright, with page numbers in the footer and
PDF bookmarks from the headings. The temporary HTML is removed afterwards.

Nothing here prints or exits: the functions return what they wrote (:class:`Printed`) or raise
:class:`PdfError`, whose message says what to do; the command line reports both.
"""
from __future__ import annotations

import functools
import os
import re
import shutil
import tempfile
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator

from markupsafe import escape

from . import pipeline
from .model import Course
from .render.handbook import handbook_html
from .text import plain
from .render.pages import pdf_name
from .site import build_site
from .strings import HANDBOOK_STRINGS

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
MARGIN = {"top": "16mm", "bottom": "18mm", "left": "16mm", "right": "16mm"}


class PdfError(Exception):
    """No handbook could be printed; the message says why and what to do. ``exit_code`` for the command
    line: 2 when the request or the machine is not fit (unknown language, no Chromium), 1 when the
    site did not build."""

    def __init__(self, message: str, exit_code: int = 1) -> None:
        super().__init__(message)
        self.exit_code = exit_code


@dataclass(frozen=True)
class Printed:
    """One PDF written: where, its page count, and any address outside the site that the handbook
    asked for (refused, so the PDF may lack it)."""

    path: Path
    pages: int
    size: int  # bytes
    refused: tuple[str, ...] = ()


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):  # noqa: D401 - the build output stays readable
        pass


def chromium_missing() -> str | None:
    """An error message when Chromium cannot be used, else None."""
    if os.path.exists(CHROMIUM) and shutil.which(CHROMIUM):
        return None
    return (f"{CHROMIUM} is missing: the PDF handbooks are printed with Debian's Chromium. "
            "Install it with scripts/install.sh --test (or: sudo apt-get install chromium).")


@contextmanager
def _serve(folder: Path) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def page_count(pdf: bytes) -> int:
    """Pages of a PDF as Chromium writes it (one /Type /Page object per page)."""
    return len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))


def _footer(course: Course, lang: str, facilitator: bool) -> str:
    label = plain(course.title[lang])
    if facilitator:
        label += " · " + HANDBOOK_STRINGS[lang]["facilitator_edition"]
    return ('<div style="width:100%;font-size:8px;color:#555;padding:0 16mm;display:flex;'
            'justify-content:space-between;font-family:sans-serif">'
            f'<span>{escape(label)}</span><span><span class="pageNumber"></span> / '
            '<span class="totalPages"></span></span></div>')


def _in_thread(name: str, work):
    """``work()`` in a thread of its own: Playwright's sync API refuses to start where an asyncio loop
    is already running (another Playwright session, a notebook). Its exception is raised here."""
    result: list = []

    def run() -> None:
        try:
            result.append(work())
        except BaseException as exc:  # noqa: BLE001 - re-raised in the calling thread
            result.append(exc)

    worker = threading.Thread(target=run, name=name)
    worker.start()
    worker.join()
    if isinstance(result[0], BaseException):
        raise result[0]
    return result[0]


def print_handbooks(course: Course, site: Path, jobs: list[tuple[str, bool, Path]]) -> list[Printed]:
    """Print each (lang, facilitator, target PDF) from the built ``site`` (in a thread: _in_thread)."""
    return _in_thread("handbook-pdf", lambda: _print_handbooks(course, site, jobs))


def _print_page(browser, base: str, rel: str, target: Path, context_options: dict, **pdf_options) -> Printed:
    """One page of the served folder printed to ``target`` (written whole or not at all); requests outside
    the folder are refused and listed, so a PDF never depends on the network."""
    context = browser.new_context(**context_options)
    outside: list[str] = []

    def guard(route):
        if route.request.url.startswith(base + "/") or route.request.url.startswith("data:"):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    page.goto(f"{base}/{rel}", wait_until="load")
    page.emulate_media(media="print")
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".tmp")
    pdf = page.pdf(path=tmp, print_background=True, tagged=True, **pdf_options)
    os.replace(tmp, target)
    context.close()
    return Printed(target, page_count(pdf), len(pdf), tuple(outside))


def _print_handbooks(course: Course, site: Path, jobs: list[tuple[str, bool, Path]]) -> list[Printed]:
    from playwright.sync_api import sync_playwright

    stylesheets = [p.relative_to(site).as_posix() for pattern in ("main.*.css", "palette.*.css")
                   for p in sorted((site / "assets" / "stylesheets").glob(pattern))]
    written: list[Printed] = []
    html_files: list[Path] = []
    try:
        with _serve(site) as base, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                for lang, facilitator, target in jobs:
                    name = f".handbook-{lang}{'-facilitator' if facilitator else ''}.html"
                    html_path = site / name
                    html_files.append(html_path)
                    html_path.write_text(handbook_html(course, lang, facilitator, stylesheets), encoding="utf-8")
                    written.append(_print_page(browser, base, name, target, {}, format="A4", margin=MARGIN,
                                               display_header_footer=True, header_template="<span></span>",
                                               footer_template=_footer(course, lang, facilitator), outline=True))
                    html_path.unlink()
            finally:
                browser.close()
    finally:
        for html_path in html_files:
            html_path.unlink(missing_ok=True)
    return written


def print_decks(folder: Path, jobs: list[tuple[str, Path]]) -> list[Printed]:
    """Print each slide deck (``index.html`` under ``folder`` at the given relative path) to a PDF,
    one slide per page at 16:9 (the deck's print styles set the page to 1280×720 px), by the same
    Chromium, served the same way (requests outside ``folder`` refused) as the handbooks."""
    problem = chromium_missing()
    if problem:
        raise PdfError(problem, 2)
    return _in_thread("slides-pdf", lambda: _print_decks(folder, jobs))


def _print_decks(folder: Path, jobs: list[tuple[str, Path]]) -> list[Printed]:
    from playwright.sync_api import sync_playwright

    written: list[Printed] = []
    with _serve(folder) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for rel, target in jobs:
                written.append(_print_page(browser, base, rel, target, {"viewport": {"width": 1280, "height": 720}},
                                           width="1280px", height="720px", prefer_css_page_size=True,
                                           margin={"top": "0", "bottom": "0", "left": "0", "right": "0"}))
        finally:
            browser.close()
    return written


def report(written: list[Printed], seconds: float, relative_to: Path | None = None) -> tuple[list[str], list[str]]:
    """What to tell the user: (lines for stdout, lines for stderr). ``seconds``: the whole run that made
    them, from the command's start (the sum of the printing alone left out loading, building the site
    and starting Chromium: 41.6 s reported for a 72 s run)."""
    out, err = [], []
    for done in written:
        path = done.path
        shown = path.relative_to(relative_to) if relative_to and path.is_relative_to(relative_to) else path
        err += [f"warning: the handbook asked for {url} (refused)" for url in done.refused]
        out.append(f"Wrote {shown}: {done.pages} pages, {done.size / 1024:.0f} KB")
    err.append(f"{len(written)} PDF(s) in {seconds:.1f} s")
    return out, err


def run_pdf(course: Course, root: Path, langs: list[str], out: Path, facilitator: bool) -> list[Printed]:
    """`build_course.py pdf`: build the site in a temporary folder and print one handbook per language."""
    unknown = [lang for lang in langs if lang not in course.languages]
    if unknown:
        raise PdfError(f"unknown language(s): {', '.join(unknown)}; the course has {', '.join(course.languages)}", 2)
    problem = chromium_missing()
    if problem:
        raise PdfError(problem, 2)
    pipeline.generate(course, root / "docs")
    with tempfile.TemporaryDirectory(prefix="handbook-") as tmp:
        site = Path(tmp) / "site"
        result = build_site(root, site)
        if not result.ok:
            raise PdfError(f"{result.output}\nMkDocs failed: no PDF was written.")
        jobs = [(lang, facilitator, out / pdf_name(course, lang, facilitator)) for lang in langs]
        return print_handbooks(course, site, jobs)


def add_pdfs_to_site(course: Course, site_dir: Path) -> list[Printed]:
    """`build --pdf`: participant handbooks for every language into the new site, where the home pages
    link them (site/<name> for the default language, site/<lang>/<name> for the others)."""
    problem = chromium_missing()
    if problem:
        raise PdfError(problem, 2)
    jobs = [(lang, False, site_dir / ("" if lang == course.default_language else lang) / pdf_name(course, lang))
            for lang in course.languages]
    return print_handbooks(course, site_dir, jobs)
