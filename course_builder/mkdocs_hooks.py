"""MkDocs hooks: where MkDocs calls us (mkdocs.yml `hooks:`), so `mkdocs serve` and `mkdocs build` work too.

- on_config sets the navigation from course.yml, so titles come from the pages themselves.
- on_pre_build regenerates docs/ from the sources (skipped when build_course.py just did it);
  author errors are printed and the last good docs/ is kept, so a live preview never dies.
- on_page_context and on_post_build give each language its own search index;
  on_post_build also minifies the course's own script and styles.
- on_post_page / on_post_template add a Content-Security-Policy to every page.
"""
from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from mkdocs.plugins import event_priority

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from course_builder import pipeline  # noqa: E402
from course_builder.render.assets import minify_assets  # noqa: E402
from course_builder.render.csp import add_csp  # noqa: E402
from course_builder.render.search import split_search_index  # noqa: E402

log = logging.getLogger("mkdocs.hooks.course_builder")
SKIP_ENV = "COURSE_BUILDER_DOCS_READY"


def _root(config) -> Path:
    return Path(config.config_file_path).resolve().parent


def on_config(config):
    nav = pipeline.nav(_root(config))
    if nav:
        config.nav = nav
    return config


def on_pre_build(config):
    if os.environ.get(SKIP_ENV) == "1":
        return
    root = _root(config)
    course, diags = pipeline.load(root)
    for d in diags:
        if d.severity.value != "note":
            (log.error if d.severity.value == "error" else log.warning)(d.format())
    if course is None or any(d.severity.value == "error" for d in diags):
        log.error("Course has errors: keeping the previous docs/. Fix them and save again.")
        return
    pipeline.generate(course, root / config.docs_dir if not Path(config.docs_dir).is_absolute()
                      else Path(config.docs_dir))


def _languages(config) -> tuple[str, list[str]]:
    i18n = config.plugins.get("i18n")
    langs = [lang.locale for lang in i18n.config.languages] if i18n else []
    default = next((lang.locale for lang in i18n.config.languages if lang.default), "") if i18n else ""
    return default, [lang for lang in langs if lang != default]


def on_page_context(context, page, config, nav):
    """Make Material's `base` the page's language root, so search loads that language's index."""
    _, others = _languages(config)
    first = page.url.split("/", 1)[0]
    if first in others:
        # dirname works for "en/x/" (directory URLs) and "en/x/index.html" (SCORM, offline zip)
        context["base_url"] = os.path.relpath(first, os.path.dirname(page.url) or ".")
    return context


def on_post_page(output, page, config):
    return add_csp(output)


def on_post_template(output_content, template_name, config):
    return add_csp(output_content) if template_name.endswith(".html") else output_content


@event_priority(-100)  # after static-i18n has built every language and written the merged index
def on_post_build(config):
    default, others = _languages(config)
    split_search_index(Path(config.site_dir), default, others)
    minify_assets(Path(config.site_dir))
