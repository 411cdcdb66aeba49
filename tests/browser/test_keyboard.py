"""A keyboard-only walk: skip link first, visible focus everywhere, focus kept after checking."""
from __future__ import annotations

import pytest

from tests.browser.conftest import ready

pytestmark = pytest.mark.browser

FOCUS = """() => { const e = document.activeElement, s = getComputedStyle(e);
  return {tag: e.tagName, cls: e.className, text: (e.textContent || '').trim().slice(0, 40),
          outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2}; }"""


def test_keyboard_walk_through_a_module(page, site_url):
    page.goto(f"{site_url}/02-segundo-modulo/")
    ready(page)
    page.keyboard.press("Tab")
    first = page.evaluate(FOCUS)
    assert (first["tag"], first["cls"].split()[0]) == ("A", "md-skip") and first["outline"]
    page.keyboard.press("Enter")
    # Tab onwards through the page until the first quiz control: every stop shows its focus.
    stops = []
    for _ in range(120):
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUS)
        stops.append(state)
        if page.evaluate("!!document.activeElement.closest('form.cb-question')"):
            break
    assert page.evaluate("!!document.activeElement.closest('form.cb-question')"), stops[-5:]
    assert [s for s in stops if not s["outline"]] == []
    # Answer by keyboard, check, and the focus lands somewhere visible, never on <body>.
    page.keyboard.press("Space")
    while not page.evaluate("document.activeElement.classList.contains('cb-check')"):
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    after = page.evaluate(FOCUS)
    assert after["tag"] != "BODY" and after["outline"]
