"""Printing an ordinary page of the site (overrides/assets/course/print.css)."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

# A collapsed block exactly as pymdownx.details renders `??? note`, and a link to another site.
EXTRA = ('<details class="note"><summary>Análisis</summary><p id="t-folded">Texto plegado</p></details>'
         '<p><a id="t-out" href="https://example.org/fuente">fuente</a></p>')


def test_module_page_prints_content_only_with_blocks_open_and_urls(page, site_url):
    page.goto(f"{site_url}/01-primeros-pasos/")
    page.locator(".md-content__inner").evaluate("(el, html) => el.insertAdjacentHTML('beforeend', html)", EXTRA)
    nav = page.locator(".md-sidebar--primary")
    assert nav.is_visible() and not page.locator("#t-folded").is_visible()

    page.emulate_media(media="print")
    assert not nav.is_visible()
    assert not page.locator(".md-header").is_visible() and not page.locator(".md-footer").is_visible()
    assert page.locator("#t-folded").is_visible()
    after = page.locator("#t-out").evaluate("a => getComputedStyle(a, '::after').content")
    assert "https://example.org/fuente" in after
    assert page.locator("#q-ej-q1 .cb-prompt").is_visible()
    assert not page.locator("#q-ej-q1 .cb-check").is_visible()
    assert page.outside_requests == [] and page.errors == []


def test_every_page_links_the_print_stylesheet(page, site_url):
    for path in ("/", "/glosario/", "/en/02-segundo-modulo/"):
        page.goto(site_url + path)
        link = page.locator('link[rel="stylesheet"][media="print"][href$="assets/course/print.css"]')
        assert link.count() == 1
        assert page.request.get(link.evaluate("l => l.href")).ok
