"""MkDocs hooks: where MkDocs calls us (mkdocs.yml `hooks:`), so `mkdocs serve` and `mkdocs build` work too.

- on_config sets the navigation from course.yml, so titles come from the pages themselves.
- on_pre_build regenerates docs/ from the sources (skipped when build_course.py just did it);
  author errors are printed and the last good docs/ is kept. Each change is checked once (the i18n
  plugin builds every language again in the same run) and reported once.
- While serving (`mkdocs serve`, `build_course.py serve`) the build is never strict and our problems are
  printed by us rather than logged through MkDocs (which would count them); on_serve wraps the server so
  that pages answer at once with an error page while the sources are broken (see preview.py).
- on_post_build minifies the course's own script and styles and writes the offline service worker.
- on_post_page / on_post_template add a Content-Security-Policy to every page.
"""
from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from mkdocs.plugins import event_priority

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from course_builder import pipeline, preview  # noqa: E402
from course_builder.cache import fingerprint  # noqa: E402
from course_builder.render.assets import drop_material_search, drop_unreferenced_assets, minify_assets  # noqa: E402
from course_builder.render.csp import add_csp  # noqa: E402
from course_builder.render.offline import write_service_worker  # noqa: E402
from course_builder.site import DOCS_READY_ENV  # noqa: E402

log = logging.getLogger("mkdocs.hooks.course_builder")


def _root(config) -> Path:
    return Path(config.config_file_path).resolve().parent


def _serving() -> bool:
    """A live preview: `build_course.py serve` says so; `mkdocs serve` is recognised by its command line."""
    return preview.STATE.serving or os.environ.get(preview.SERVE_ENV) in ("1", "quiet") or sys.argv[1:2] == ["serve"]


def on_startup(command, dirty):
    preview.STATE.serving = command == "serve"


def on_config(config):
    root = _root(config)
    if _serving():
        config.strict = False  # warnings (a stale translation…) must never stop the preview
    nav = pipeline.nav(root)
    config.extra["course_slugs"] = pipeline.slugs(root)  # partials/header.html links the search page
    if nav:
        config.nav = nav
    # Watch the authored sources for `mkdocs serve`; a course may have no cases/ folder at all.
    for folder in ("course", "quizzes", "cases"):
        path = str(root / folder)
        if (root / folder).is_dir() and path not in config.watch:
            config.watch.append(path)
    return config


def on_pre_build(config):
    if os.environ.get(DOCS_READY_ENV) == "1":
        return
    root = _root(config)
    state = preview.STATE
    fp = fingerprint(root)
    if fp == state.fingerprint:  # the same sources, checked moments ago (another language's build)
        if state.errors and state.serving and state.server_ready:
            raise preview.SourceErrors()
        return
    course, diags = pipeline.load(root)
    state.fingerprint, state.diags = fp, diags
    if course is not None:
        state.langs, state.default_lang = course.languages, course.default_language
    serving = _serving()
    if serving:
        preview.report(diags)
    else:
        for d in diags:
            if d.severity.value != "note":
                (log.error if d.severity.value == "error" else log.warning)(d.format())
    if course is None or state.errors:
        if serving and state.server_ready:
            raise preview.SourceErrors()  # nothing to build: every page shows the errors at once
        if not serving:  # printed, not logged: MkDocs' count of errors stays the number of our errors
            print("Course has errors: keeping the previous docs/. Fix them and save again.", file=sys.stderr)
        return
    pipeline.generate(course, root / config.docs_dir if not Path(config.docs_dir).is_absolute()
                      else Path(config.docs_dir))


def on_serve(server, config, builder):
    preview.wrap_server(server)
    # docs/ is written by on_pre_build from the watched sources: watching it too would follow every
    # save with a second, identical build.
    try:
        server.unwatch(config.docs_dir)
    except KeyError:
        pass
    return server


def on_post_page(output, page, config):
    return add_csp(output)


def on_post_template(output_content, template_name, config):
    return add_csp(output_content) if template_name.endswith(".html") else output_content


@event_priority(-100)  # after static-i18n has built every language and written the merged index
def on_post_build(config):
    # static-i18n builds the other languages from inside its own on_post_build, and each of those
    # builds calls this hook too: the site is finished only when the outermost call comes.
    if getattr(config.plugins.get("i18n"), "building", False):
        return
    site = Path(config.site_dir)
    minify_assets(site, config.extra.get("course_slugs"))
    if "material/search" not in config.plugins and "search" not in config.plugins:
        drop_material_search(site)
    drop_unreferenced_assets(site)
    write_service_worker(site, _languages(config))


def _languages(config) -> list[str]:
    """The site's languages, the one built at the root first (mkdocs-static-i18n's settings)."""
    i18n = config.plugins.get("i18n")
    langs = list(getattr(getattr(i18n, "config", None), "languages", None) or [])
    if not langs:
        return [config.theme.get("language") or "en"]
    return [lang.locale for lang in sorted(langs, key=lambda lang: not lang.default)]
