"""Hostile text in every authored field: the built pages show it as text and execute none of it.

Every payload calls window.__xss(); an init script defines it to record the call, so a payload
that runs anywhere (on load, on answering, in a case, on the progress or certificate pages)
is caught."""
from __future__ import annotations

import functools
import re
import threading
from http.server import ThreadingHTTPServer

import pytest
import yaml

from course_builder.cli import main
from tests.browser.conftest import PREFIX, _PagesHandler, ready
from tests.conftest import make_project

pytestmark = pytest.mark.browser

PAYLOAD = ('<script>__xss(1)</script><img src=x onerror="__xss(2)"><svg onload=__xss(3)></svg>'
           '[link](javascript:__xss(4)) </script><!-- {{ 7*7 }} {% raw %} `</textarea>` "\' &amp; \\u2028')
KEEP = {"id", "type", "correct", "answer", "next", "start", "kind", "pools", "languages", "home", "modules",
        "pages", "pass_mark", "draw", "version", "shuffle", "reveal_after", "graded", "fictional", "ending",
        "duration", "hours", "slugs"}  # slugs name folders: validated, never shown as text


def poison(node, key=None):
    if isinstance(node, dict):
        return {k: node[k] if k in KEEP else poison(v, k) for k, v in node.items()}
    if isinstance(node, list):
        return [poison(v, key) for v in node]
    if isinstance(node, str) and key not in KEEP:
        return node + " " + PAYLOAD
    return node


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("xss"))
    for path in [*project.glob("quizzes/*.yml"), *project.glob("cases/*.yml"), project / "course" / "glossary.yml",
                 project / "course" / "course.yml"]:
        path.write_text(yaml.safe_dump(poison(yaml.safe_load(path.read_text())), allow_unicode=True))
    for page in project.glob("course/*/*.md"):
        _, front, body = page.read_text().split("---\n", 2)
        meta = poison(yaml.safe_load(front))
        page.write_text("---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\n" + body + "\n\n" + PAYLOAD + "\n")
    # fill-in answers must stay typeable; everything else carries the payload
    assert main(["--project", str(project), "build"]) == 0
    handler = functools.partial(_PagesHandler, directory=str(project / "site"))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}{PREFIX}", project / "site"
    server.shutdown()


def test_no_payload_runs_anywhere(browser, hostile_site):
    url, site = hostile_site
    context = browser.new_context()
    context.add_init_script("window.__hits = []; window.__xss = (n) => window.__hits.push(n);")
    page = context.new_page()
    pages = sorted(str(p.relative_to(site).parent).replace(".", "") for p in site.rglob("index.html"))
    assert len(pages) == 16
    for path in pages:
        page.goto(f"{url}/{path}/".replace("//", "/").replace(":/", "://"))
        ready(page)
        for form in page.locator("form.cb-question:visible").all()[:4]:
            first = form.locator("input[type=radio], input[type=checkbox]").first
            if first.count():
                first.check()
            text = form.locator("input[type=text]")
            if text.count():
                text.fill("x")
            form.locator(".cb-check").click()
        if page.locator(".cb-case-choice").count():
            page.locator(".cb-case-choice").first.click()
        assert page.evaluate("window.__hits") == [], path
    # The payload is visible as text where it was written, e.g. in a question's prompt.
    page.goto(f"{url}/01-primeros-pasos/")
    ready(page)
    assert "<script>__xss(1)</script>" in page.locator("#q-ej-q1 legend").inner_text()
    assert page.locator("#q-ej-q1 legend img, #q-ej-q1 legend svg, #q-ej-q1 legend script").count() == 0
    assert "<script>__xss(1)</script>" in page.title()
    context.close()


def test_payload_is_escaped_in_the_html(hostile_site):
    _, site = hostile_site
    html = (site / "01-primeros-pasos" / "index.html").read_text()
    head = html.split("</head>")[0]
    assert "<script>__xss" not in head and re.search(r"<(?:img|svg)\b", head) is None
    data = re.findall(r'<script type="application/json" class="cb-data">(.*?)</script>', html, re.S)
    assert data and all("</" not in d and "<" not in d for d in data)
