"""The live preview (`course-builder serve`, `mkdocs serve`): a server that never waits on a broken build.

MkDocs' own server waits for a rebuild to succeed before it answers a request, so one author mistake
used to hang every page. The plugin (plugin.py) keeps the state of the last check in a ``State`` (the
plugin lives across serve's rebuilds) and wraps the server in ``on_serve``:

- while the sources have errors, every page request is answered at once with an error page listing
  them (the same diagnostics as `check`), which reloads itself when the files are fixed;
- warnings and notes about a page are shown in a small banner at the top of that page;
- a rebuild that fails is reported, never left pending, so assets are never held either.

Everything printed goes through ``report``: each change's problems once, with a true count.

`course-builder serve` runs MkDocs' dirty builds (``--dirty``: MkDocs renders only the pages whose docs/
file is newer than its output). docs/ is rewritten file by file only where the bytes changed, so a
save inside a page's body renders that page alone. ``body_only`` says when that is enough; otherwise
the plugin empties the site first and every page is rendered (titles in every page's navigation, a
page added or removed, the settings, the theme). ``keep_titles`` gives the pages MkDocs did not read
their titles back, for the navigation of the pages it renders.
"""
from __future__ import annotations

import hashlib
import base64
import html
import logging
import re
import sys
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from .cache import SOURCES, fingerprint
from .diagnostics import Diagnostic, Severity, notes_line, summary
from .strings import SITE_STRINGS

PAGE_SUFFIXES = ("", ".html", ".htm")


class SourceErrors(Exception):
    """Raised from on_pre_build while serving: the sources have errors, so there is nothing to build."""


@dataclass
class State:
    serving: bool = False           # this process is a live preview (mkdocs serve)
    quiet: bool = False             # --quiet: errors and warnings only
    server_ready: bool = False      # on_serve ran: a failed rebuild may now be cut short
    fingerprint: str = ""           # of the sources last checked
    diags: list[Diagnostic] = field(default_factory=list)
    build_error: str = ""           # MkDocs itself failed (a template, a plugin…)
    langs: tuple[str, ...] = ("en",)  # the course's, once it has loaded
    default_lang: str = "en"
    dirty: bool = False             # serve --dirty: a rebuild renders only what changed (body_only)
    full: bool = True               # the next build renders every page (the site may be incomplete)
    settings: str = ""              # what every page shows from the configuration, at the last build
    heads: dict[str, str] = field(default_factory=dict)  # docs/ page -> page_head, at the last build
    titles: dict[str, tuple] = field(default_factory=dict)  # (source, output) -> (title, meta) of a page

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diags if d.severity is Severity.ERROR]

    @property
    def broken(self) -> bool:
        return bool(self.errors or self.build_error)


def page_head(text: str) -> str:
    """What other pages show of a generated page: its front matter (title…) and first heading."""
    front = ""
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        if end >= 0:
            front, text = text[:end + 5], text[end + 5:]
    return front + next((line for line in text.splitlines() if line.startswith("# ")), "")


def read_heads(docs: Path) -> dict[str, str]:
    return {p.relative_to(docs).as_posix(): page_head(p.read_text(encoding="utf-8"))
            for p in docs.rglob("*.md")}


def body_only(docs: Path, changed: list[str], heads: dict[str, str]) -> bool:
    """True when the docs/ files in ``changed`` (pipeline.write_docs) matter to no page but their own:
    existing pages with the same head, or other files (copied as they are). Nothing changed means
    something else did (the theme, mkdocs.yml): not body-only either."""
    if not changed:
        return False
    for rel in changed:
        path = docs / rel
        if not path.is_file():
            return False  # removed: its output and its place in the navigation would stay
        if rel.endswith(".md"):
            head = page_head(path.read_text(encoding="utf-8"))
            if heads.get(rel) != head:
                return False
    return True


def keep_titles(pages, titles: dict[str, tuple]) -> None:
    """Record each page's title and metadata; a dirty build leaves the pages it does not render unread
    (no title): give them the ones recorded, so the navigation of the pages it renders stays right."""
    for file in pages:
        page = file.page
        if page is None:
            continue
        key = f"{file.abs_src_path}\0{file.dest_uri}"
        if page.markdown is not None:
            titles[key] = (page.title, page.meta)
        elif key in titles:
            page.title, page.meta = titles[key]


class ThemeFiles:
    """MkDocs lists every file of the theme's folders on every build, and static-i18n builds once per
    language, to find the static ones (Material has some 14,000, its icons mostly): while serving the
    list is kept, until ``forget`` (the plugin forgets it on every change that is not in docs/ alone,
    which may be a file added to the theme)."""

    def __init__(self) -> None:
        self.names: dict[tuple, list[str]] = {}

    def forget(self) -> None:
        self.names.clear()

    def attach(self, theme) -> None:
        """Make ``theme.get_env`` (MkDocs' Theme) give environments that list the theme from here."""
        get_env = theme.get_env
        if getattr(get_env, "keeps_theme_files", False):
            return

        def env_with_list():
            env = get_env()
            list_all = env.list_templates

            def list_templates(extensions=None, filter_func=None):
                if extensions is not None or filter_func is None:
                    return list_all(extensions, filter_func)
                key = (tuple(theme.dirs), filter_func.__code__)
                if key not in self.names:
                    self.names[key] = list_all(filter_func=filter_func)
                return self.names[key]

            env.list_templates = list_templates
            return env

        env_with_list.keeps_theme_files = True
        theme.get_env = env_with_list


def watch_with_events(server) -> bool:
    """MkDocs 1.6 polls what it watches (watchdog's PollingObserver, every half second): on a course of
    a few hundred pages that costs several percent of a core while nothing happens. Where the system
    tells about file changes (inotify, FSEvents, ReadDirectoryChangesW: watchdog's Observer), the server
    listens instead, with the watches MkDocs has made so far; it goes back to polling if the system
    refuses (e.g. inotify's watch limit). Returns whether it listens."""
    from watchdog import events
    from watchdog.observers import Observer
    from watchdog.observers.polling import PollingObserver

    old = getattr(server, "observer", None)
    handlers = getattr(old, "_handlers", None)
    if not isinstance(old, PollingObserver) or Observer is PollingObserver or not isinstance(handlers, dict):
        return False
    new = Observer()
    # Changes only: inotify also reports every file opened and closed, so each build's own reading of the
    # sources would start the next build (MkDocs' handler rebuilds on any event).
    changes = [events.FileCreatedEvent, events.FileModifiedEvent, events.FileDeletedEvent, events.FileMovedEvent,
               events.FileClosedEvent]
    schedule = new.schedule

    def schedule_changes(handler, path, recursive=False, event_filter=None, **kw):
        return schedule(handler, path, recursive=recursive, event_filter=event_filter or changes, **kw)

    new.schedule = schedule_changes
    refs = getattr(server, "_watch_refs", {})
    for watch, found in list(handlers.items()):
        for handler in found:
            moved = new.schedule(handler, watch.raw_path, recursive=watch.is_recursive)
        for key, ref in list(refs.items()):
            if ref is watch:
                refs[key] = moved
    start = new.start

    def start_or_poll():
        try:
            start()
        except OSError as exc:  # no events here after all: poll, as MkDocs would have
            print(f"Watching the sources by polling ({exc.strerror or exc}).", file=sys.stderr)
            fallback = PollingObserver(timeout=0.5)
            for watch, found in list(new._handlers.items()):
                for handler in found:
                    fallback.schedule(handler, watch.raw_path, recursive=watch.is_recursive)
            server.observer = fallback
            fallback.start()

    new.start = start_or_poll
    server.observer = new
    return True


def poll_often(server, folders: list[str]) -> None:
    """Where the server polls (no file-system events): MkDocs polls every half second, a quarter of a
    second of every save's wait on average. The folders the server starts watching from now on (the
    plugin's sources, after on_serve) are polled as often as costs about half a percent of a core:
    every 0.1 s for a course of a few dozen pages, MkDocs' half second at a few hundred."""
    from watchdog.observers.polling import PollingObserver
    observer = getattr(server, "observer", None)
    if not isinstance(observer, PollingObserver) or not isinstance(getattr(observer, "_timeout", None), (int, float)):
        return
    from watchdog.utils.dirsnapshot import DirectorySnapshot  # what each poll takes
    costs = []
    for _ in range(2):  # the second one, as the disk cache will hold them
        start = time.process_time()
        for folder in folders:
            DirectorySnapshot(folder)
        costs.append(time.process_time() - start)
    observer._timeout = min(0.5, max(0.1, costs[-1] * 200))


class DirtyNotice(logging.Filter):
    """MkDocs warns on every dirty build that the navigation may be wrong: the plugin keeps it right."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("A 'dirty' build is being performed")


def format_report(diags: list[Diagnostic], *, notes: bool = False, quiet: bool = False) -> list[str]:
    """What a command prints about ``diags``: errors and warnings in full, notes in one line (or in full
    with ``notes``), then the summary. ``quiet`` keeps errors and warnings only."""
    lines = [d.format() for d in diags if notes or d.severity is not Severity.NOTE]
    if quiet:
        return [d.format() for d in diags if d.severity is not Severity.NOTE]
    if not notes and (line := notes_line(diags)):
        lines.append(line)
    lines.append(summary(diags))
    return lines


def report(diags: list[Diagnostic], quiet: bool = False) -> None:
    """Print one check's result in the terminal of the preview."""
    for line in format_report(diags, quiet=quiet):
        print(line, file=sys.stderr)
    if any(d.severity is Severity.ERROR for d in diags):
        print("The preview shows these errors on every page until they are fixed; save again to recheck.",
              file=sys.stderr)
    sys.stderr.flush()


def source_of(uri: str, state: State) -> str | None:
    """The authored page behind a served URL or a generated file: '/en/01-x/' -> 'course/01-x/en.md'."""
    parts = [p for p in PurePosixPath(uri.split("?")[0]).parts if p not in ("/", "")]
    if parts and parts[-1] in ("index.html", "index.md"):
        parts = parts[:-1]
    lang = state.default_lang
    if parts and parts[0] in state.langs:
        lang, parts = parts[0], parts[1:]
    if len(parts) > 1:
        return None
    return f"course/{parts[0]}/{lang}.md" if parts else None


def _is_page(path: str) -> bool:
    name = path.rsplit("/", 1)[-1]
    return "." not in name or name.endswith((".html", ".htm"))


def _lang_of(path: str, state: State) -> str:
    first = path.strip("/").split("/", 1)[0]
    return first if first in state.langs else state.default_lang


def _error_texts(state: State) -> dict[str, tuple[str, str]]:
    """The error page's heading and explanation in each course language (locale section ``site``)."""
    command = "<code>course-builder check</code>"
    out = {}
    for lang in state.langs:
        texts = {**SITE_STRINGS["en"], **(SITE_STRINGS[lang] if lang in SITE_STRINGS else {})}
        out[lang] = (html.escape(texts["preview_errors"]),
                     html.escape(texts["preview_errors_text"]).replace("{command}", command))
    return out


def _diag_item(d: Diagnostic) -> str:
    loc = d.path + (f":{d.line}:{max(d.col, 1)}" if d.line else "")
    hint = f'<div class="hint">hint: {html.escape(d.hint)}</div>' if d.hint else ""
    return (f'<li class="{d.severity.value}"><code class="loc">{html.escape(loc)}</code> '
            f'<span class="code">{d.severity.value}[{html.escape(d.code)}]</span> '
            f'<span class="msg">{html.escape(d.message)}</span>{hint}</li>')


def error_page(state: State, lang: str) -> bytes:
    """A page in every course language listing every error (and warning) of the last check."""
    error_text = _error_texts(state)
    order = [lang] + [x for x in error_text if x != lang]
    heads = "".join(f'<h1 lang="{x}">{error_text[x][0]}</h1>' if i == 0 else
                    f'<p class="alt" lang="{x}"><strong>{error_text[x][0]}</strong></p>'
                    for i, x in enumerate(order))
    intro = "".join(f'<p lang="{x}">{error_text[x][1]}</p>' for x in order)
    shown = [d for d in state.diags if d.severity is not Severity.NOTE]
    items = "".join(_diag_item(d) for d in shown)
    build = (f"<h2>MkDocs</h2><pre>{html.escape(state.build_error)}</pre>" if state.build_error else "")
    total = html.escape(summary(state.diags)) if state.diags else ""
    page = f"""<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>{' · '.join(error_text[x][0] for x in order)}</title>
<style>
body{{font:16px/1.5 system-ui,sans-serif;margin:0;color:#1a1a1a;background:#fff}}
header{{background:#b00020;color:#fff;padding:1rem 1.5rem}} header h1{{margin:0;font-size:1.4rem}}
header .alt{{margin:.2rem 0 0}} main{{padding:1rem 1.5rem;max-width:70rem}}
ol{{padding-left:1.2rem}} li{{margin:.6rem 0}} code{{font:0.95em ui-monospace,monospace}}
.loc{{font-weight:600}} li.error .code{{color:#b00020}} li.warning .code{{color:#8a5300}}
.hint{{color:#444;margin-left:1rem;font-size:.95em}} pre{{white-space:pre-wrap;background:#f5f5f5;padding:1rem}}
</style></head>
<body><header>{heads}</header><main>{intro}<ol class="diagnostics">{items}</ol>{build}
<p class="summary"><code>{total}</code></p></main></body></html>
"""
    return page.encode("utf-8")


def banner(state: State, path: str) -> str:
    """A small banner for a served page: its own warnings and notes, and how many others the course has."""
    source = source_of(path, state)
    mine = [d for d in state.diags if d.severity is not Severity.ERROR and d.path == source]
    others = sum(1 for d in state.diags if d.severity is Severity.WARNING and d.path != source)
    if not mine and not others:
        return ""
    items = "".join(_diag_item(d) for d in mine)
    more = (f'<p style="margin:.2rem 0">{others} warning{"s" * (others != 1)} on other pages — '
            f'<code>course-builder check</code></p>' if others else "")
    count = f"{len(mine)} on this page" if mine else "none on this page"
    return ('<details class="course-preview-banner" style="position:relative;z-index:10;margin:0;'
            'padding:.3rem 1rem;background:#fff4ce;color:#3d2e00;border-bottom:1px solid #e0c060;'
            'font:13px/1.4 system-ui,sans-serif">'
            f'<summary style="cursor:pointer">Vista previa · Preview: warnings and notes ({count})</summary>'
            f'<ul style="margin:.3rem 0;padding-left:1.2rem">{items}</ul>{more}</details>')


# The site's offline service worker would answer the preview's reloads from its cache (the old page, never
# the error page): while serving, the worker script is one that removes itself and its caches.
NO_WORKER = b"""// Live preview (course-builder serve): no offline worker; this one removes any earlier one.
self.addEventListener("install", function () { self.skipWaiting(); });
self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.map(function (key) { return caches.delete(key); }));
  }).then(function () { return self.registration.unregister(); }));
});
"""

CSP_META = re.compile(rb'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')
INLINE_SCRIPT = re.compile(rb"<script>(.*?)</script>", re.S)


def _allow_last_script(page: bytes) -> bytes:
    """MkDocs injects its live-reload script when serving, after the page's Content-Security-Policy was
    written: allow exactly that script, so the preview reloads itself (the built site is unaffected)."""
    scripts = INLINE_SCRIPT.findall(page)
    meta = CSP_META.search(page)
    if not scripts or not meta or b"livereload(" not in scripts[-1]:
        return page
    digest = base64.b64encode(hashlib.sha256(scripts[-1]).digest())
    policy = meta.group(1).replace(b"script-src 'self'", b"script-src 'self' 'sha256-" + digest + b"'", 1)
    return page[:meta.start(1)] + policy + page[meta.end(1):]


def _insert_banner(page: bytes, text: str) -> bytes:
    if not text:
        return page
    m = re.search(rb"<body[^>]*>", page)
    at = m.end() if m else 0
    return page[:at] + text.encode("utf-8") + page[at:]


def sources_digest(root: Path) -> str:
    """What the authored sources hold now: every file's name and bytes (not its timestamps)."""
    digest = hashlib.sha256()
    for name in SOURCES:
        folder = root / name
        for path in sorted(folder.rglob("*")) if folder.is_dir() else ():
            try:
                data = path.read_bytes() if path.is_file() else None
            except OSError:  # removed or replaced while listed: the watcher sees that
                data = b"\0missing"
            if data is not None:
                digest.update(f"{path.relative_to(root).as_posix()}\0".encode() + hashlib.sha256(data).digest())
    return digest.hexdigest()


def request_rebuild(server) -> None:
    """Ask MkDocs' build loop for one more build, as its watcher does when it sees a change."""
    cond = getattr(server, "_rebuild_cond", None)
    if cond is None:
        return
    with cond:
        server._want_rebuild = True
        cond.notify_all()


def catch_missed_saves(server, state: State, root: Path) -> None:
    """Make sure no save goes unbuilt. MkDocs' watcher compares each poll's timestamps and sizes with the
    last poll's, and starts only after the first build. So it misses a save that lands:
    - while the first build runs, after its check read the sources (the watcher's first look already
      includes it: a preview started with one error never showed the one saved during start-up);
    - during a rebuild, after the check read the file, on a file system whose timestamps are coarse
      (1-2 s on network shares, FAT, older kernels' ticks) when the size is unchanged: the next poll sees
      the same timestamp and size as the last one.
    So the sources' content is compared once the watcher has started, and around every rebuild: a
    difference asks for one more build (a save the watcher saw as well costs nothing more: MkDocs
    builds once for both)."""
    observer = getattr(server, "observer", None)
    start = getattr(observer, "start", None)
    if callable(start):
        def start_then_compare():
            start()  # each watched folder's first snapshot is taken before this returns
            if fingerprint(root) != state.fingerprint:
                request_rebuild(server)
        observer.start = start_then_compare

    build = server.builder

    def builder(*args, **kwargs):
        before = sources_digest(root)
        try:
            build(*args, **kwargs)
        finally:
            if sources_digest(root) != before:
                request_rebuild(server)

    server.builder = builder


def wrap_server(server, state: State, root: Path | None = None) -> None:
    """Make MkDocs' LiveReloadServer answer at once while the sources are broken, show warnings in a banner,
    never leave a rebuild pending (a failed build still 'finishes', so nothing waits on it) and, given the
    project's ``root``, never miss a save (catch_missed_saves)."""
    original_app = server.get_app()
    original_builder = server.builder

    def builder(*args, **kwargs):
        state.build_error = ""
        try:
            original_builder(*args, **kwargs)
        except SourceErrors:
            pass  # already reported in the terminal; pages show the error page
        except BaseException as exc:  # noqa: BLE001 - SystemExit/Abort from MkDocs included
            if isinstance(exc, KeyboardInterrupt):
                raise
            text = str(exc) if isinstance(exc, SystemExit) else traceback.format_exc(limit=3)
            state.build_error = text.strip() or type(exc).__name__
            print(f"MkDocs could not build the preview: {state.build_error}\n"
                  "The preview shows this on every page until it builds again.", file=sys.stderr)

    def app(environ, start_response):
        path = environ.get("PATH_INFO", "/").encode("latin-1").decode("utf-8", "ignore")
        if path.endswith("/sw.js"):
            start_response("200 OK", [("Content-Type", "application/javascript"), ("Cache-Control", "no-store"),
                                      ("Content-Length", str(len(NO_WORKER)))])
            return [NO_WORKER]
        if path.startswith("/livereload/") or not _is_page(path):
            return original_app(environ, start_response)
        if state.broken:
            content = error_page(state, _lang_of(path, state))
            inject = getattr(server, "_inject_js_into_html", None)
            if inject is not None:
                content = inject(content, getattr(server, "_visible_epoch", 0))
            start_response("200 OK", [("Content-Type", "text/html; charset=utf-8"),
                                            ("Content-Length", str(len(content))),
                                            ("Cache-Control", "no-store")])
            return [content]
        captured: dict = {}

        def capture(status, headers, exc_info=None):
            captured["status"], captured["headers"] = status, headers
            return lambda data: None

        body = b"".join(original_app(environ, capture))
        headers = captured.get("headers", [])
        if any(k.lower() == "content-type" and v.startswith("text/html") for k, v in headers):
            body = _allow_last_script(_insert_banner(body, banner(state, path)))
            headers = [(k, v) for k, v in headers if k.lower() != "content-length"]
            headers.append(("Content-Length", str(len(body))))
        start_response(captured.get("status", "500 Internal Server Error"), headers)
        return [body]

    server.builder = builder
    server.set_app(app)
    if root is not None:
        catch_missed_saves(server, state, root)
    state.server_ready = True
