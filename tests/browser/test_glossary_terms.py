"""Issue 24, item 2: glossary terms in the text are told apart without colour, in both languages, on
screen and on paper: a dotted underline (other links have a solid one) and a small circled "i" drawn
by CSS, which stays out of the link's accessible name; each term is a tap target at least 24 px tall."""
from __future__ import annotations

import pytest

from tests.browser.conftest import ready

pytestmark = pytest.mark.browser

LOOK = """a => {
  const s = getComputedStyle(a), m = getComputedStyle(a, "::after"), r = a.getBoundingClientRect();
  return {underline: s.textDecorationLine, style: s.textDecorationStyle, marker: m.content,
          border: m.borderTopStyle, width: r.width, height: r.height};
}"""


def link_names(page) -> list[str]:
    """Every link's accessible name, as Chromium gives it to screen readers."""
    nodes = page.context.new_cdp_session(page).send("Accessibility.getFullAXTree")["nodes"]
    return [n["name"]["value"] for n in nodes if n.get("role", {}).get("value") == "link" and "name" in n]


@pytest.mark.parametrize("lang", ["", "en/"])
def test_glossary_terms_have_a_marker_and_a_dotted_underline_on_screen_and_paper(browser, site_url, lang):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(f"{site_url}/{lang}01-primeros-pasos/")
    ready(page)
    terms = page.locator(".md-content a[data-def]")
    assert terms.count() > 0
    other = page.locator(".md-content p a:not([data-def])").first
    for media in ("screen", "print"):
        page.emulate_media(media=media)
        for term in terms.all():
            look = term.evaluate(LOOK)
            assert look["underline"] == "underline" and look["style"] == "dotted", (media, look)
            assert look["marker"] != "none" and look["border"] == "solid", (media, look)
            if media == "screen":  # a tap target; paper has none
                assert look["height"] >= 24 and look["width"] >= 24, look
        # The marker is not read out: each term's name is the term as written.
        named = link_names(page)
        for text in terms.all_text_contents():
            assert text.strip() in named, (media, text, [n for n in named if n.startswith(text.strip())])
        if other.count():
            assert other.evaluate(LOOK)["style"] == "solid"
    context.close()
