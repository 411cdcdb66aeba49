"""The live sessions' slide decks of this repository's course, as built into the site: keyboard through
every slide, the presenter view in step (over http and from file://), the language switch keeps the
slide, projected text at least 28 px and never cut off, axe clean, nothing asked outside the deck."""
from __future__ import annotations

import re

import pytest

from tests.browser.conftest import guarded_page
from tests.browser.test_accessibility import violations

pytestmark = pytest.mark.browser

SESSIONS = ["sesion-3", "sesion-4"]
LANGS = {"es": "", "en": "en/"}
VIEW = {"width": 1280, "height": 720}
# Text on a slide that is not body text: the slide number in the corner.
NOT_BODY = ".num"


def deck_url(base: str, lang: str, session: str) -> str:
    return f"{base}/{LANGS[lang]}diapositivas/{session}/"


def until(page, check, timeout: float = 5.0):
    """Polls ``check`` (wait_for_function evaluates a string, which the deck's policy forbids), letting
    Playwright take in the page's events meanwhile (page.url follows them)."""
    import time
    end = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < end, "timed out"
        page.wait_for_timeout(50)


def current(page) -> str:
    return page.locator(".deck .slide.on").get_attribute("id")


def anchors(page) -> list[str]:
    return page.eval_on_selector_all(".deck .slide", "els => els.map(e => e.id)")


@pytest.mark.parametrize("session", SESSIONS)
@pytest.mark.parametrize("lang", LANGS)
def test_keyboard_walks_every_slide_and_asks_nothing_outside(browser, real_site_url, lang, session):
    url = deck_url(real_site_url, lang, session)
    context = browser.new_context(viewport=VIEW)
    page = guarded_page(context, url)
    page.goto(url)
    ids = anchors(page)
    assert len(ids) > 20 and current(page) == ids[0]
    keys = ["ArrowRight", "Space", "PageDown", "ArrowDown"]
    for n in range(1, len(ids)):
        page.keyboard.press(keys[n % len(keys)])
        assert current(page) == ids[n]
        assert page.url.endswith("#" + ids[n])
        assert page.locator(".bar .count").inner_text() == f"{n + 1} / {len(ids)}"
    page.keyboard.press("ArrowRight")
    assert current(page) == ids[-1], "the last slide stays the last"
    page.keyboard.press("Home")
    assert current(page) == ids[0]
    page.keyboard.press("End")
    assert current(page) == ids[-1]
    page.keyboard.press("PageUp")
    page.keyboard.press("ArrowLeft")
    assert current(page) == ids[-3]
    page.locator(".b-next").click()
    assert current(page) == ids[-2]
    assert page.outside_requests == [] and page.errors == []
    context.close()


def test_swipe_moves_between_slides(browser, real_site_url):
    context = browser.new_context(viewport=VIEW, has_touch=True)
    page = context.new_page()
    page.goto(deck_url(real_site_url, "es", "sesion-3"))
    ids = anchors(page)

    def swipe(dx):
        page.evaluate("""dx => {
            const t = (x) => new Touch({identifier: 1, target: document.body, clientX: x, clientY: 300});
            document.dispatchEvent(new TouchEvent('touchstart', {touches: [t(640)], changedTouches: [t(640)]}));
            document.dispatchEvent(new TouchEvent('touchend', {touches: [], changedTouches: [t(640 + dx)]}));
        }""", dx)

    swipe(-200)
    assert current(page) == ids[1]
    swipe(200)
    assert current(page) == ids[0]
    context.close()


MEASURE = """notBody => {
  const out = {small: [], cut: []};
  for (const s of document.querySelectorAll('.deck .slide')) {
    s.classList.add('on');
    const box = s.getBoundingClientRect();
    const walker = document.createTreeWalker(s, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!n.textContent.trim() || el.closest('.notes, .sr-only, ' + notBody)) continue;
      const size = parseFloat(getComputedStyle(el).fontSize);
      if (size < 28) out.small.push(s.id + ': ' + size + 'px ' + n.textContent.trim().slice(0, 30));
    }
    for (const c of s.querySelectorAll(':scope > *:not(.notes):not(.num)')) {
      const r = c.getBoundingClientRect();
      if (r.bottom > box.bottom - 70 || r.right > box.right - 50) out.cut.push(s.id + ': ' + c.tagName);
    }
    for (const c of s.querySelectorAll('td, th, li, p, h2:not(.sr-only), dd')) {
      if (c.scrollWidth > c.clientWidth + 1) out.cut.push(s.id + ': a word wider than its ' + c.tagName);
    }
    s.classList.remove('on');
  }
  return out;
}"""


@pytest.mark.parametrize("session", SESSIONS)
@pytest.mark.parametrize("lang", LANGS)
def test_projected_text_is_at_least_28px_and_never_cut_off(browser, real_site_url, lang, session):
    context = browser.new_context(viewport=VIEW)
    page = context.new_page()
    page.goto(deck_url(real_site_url, lang, session))
    assert page.evaluate("() => getComputedStyle(document.documentElement).getPropertyValue('--k')") == "1"
    found = page.evaluate(MEASURE, NOT_BODY)
    assert found == {"small": [], "cut": []}
    context.close()


def notes_text(page, slide_id: str) -> str:
    return re.sub(r"\s+", " ", page.eval_on_selector(f"[id='{slide_id}'] .notes", "n => n.textContent")).strip()


@pytest.mark.parametrize("where", ["http", "file"])
def test_presenter_view_follows_with_the_notes_of_the_current_slide(browser, real_site_url, real_project, where):
    url = (deck_url(real_site_url, "es", "sesion-3") if where == "http"
           else (real_project / "site" / "diapositivas" / "sesion-3" / "index.html").as_uri())
    context = browser.new_context(viewport=VIEW)
    page = guarded_page(context, url.rsplit("/", 1)[0] + "/")
    page.goto(url)
    ids = anchors(page)
    question = next(i for i in ids if i.startswith("discuss-m1-"))
    with context.expect_page() as opened:
        page.keyboard.press("p")
    presenter = opened.value
    presenter.wait_for_load_state()
    body = presenter.locator(".pv-notes-body")
    clock = presenter.locator(".pv-time")

    def shown():
        return re.sub(r"\s+", " ", body.text_content()).strip()

    assert shown() == notes_text(page, ids[0])
    # The audience moves: the presenter shows that slide's notes and the next slide.
    target = ids.index(question)
    for _ in range(target):
        page.keyboard.press("ArrowRight")
    until(presenter, lambda: presenter.locator(".pv-count").inner_text().startswith(f"{target + 1} /"))
    assert shown() == notes_text(page, question)
    answer = page.eval_on_selector(f"[id='{question}'] .notes strong", "n => n.textContent")
    assert answer and answer in shown()
    # The answer is in the notes only: nothing of the notes is visible on the audience's slide.
    assert not page.locator(f"[id='{question}'] .notes").is_visible()
    nxt = presenter.locator(".pv-next .slide h2").first.text_content()
    assert nxt == page.locator(f"[id='{ids[target + 1]}'] h2").first.text_content()
    assert re.fullmatch(r"\d+:\d\d", clock.inner_text())
    # The presenter moves: the audience follows.
    presenter.keyboard.press("ArrowRight")
    until(page, lambda: page.url.endswith("#" + ids[target + 1]))
    assert current(page) == ids[target + 1]
    presenter.keyboard.press("Home")
    until(page, lambda: page.url.endswith("#title"))
    assert page.outside_requests == [] and page.errors == []
    assert violations(presenter) == []
    context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_language_switch_keeps_the_slide(browser, real_site_url, lang):
    context = browser.new_context(viewport=VIEW)
    page = context.new_page()
    page.goto(deck_url(real_site_url, lang, "sesion-4"))
    ids = anchors(page)
    for _ in range(17):
        page.keyboard.press("ArrowRight")
    here = current(page)
    page.locator(".b-lang").click()
    other = "en" if lang == "es" else "es"
    page.wait_for_url(re.compile(re.escape(deck_url(real_site_url, other, "sesion-4")) + r"(index\.html)?#"))
    assert page.locator("html").get_attribute("lang") == other
    assert current(page) == here and anchors(page) == ids
    assert page.locator(".bar .count").inner_text() == f"18 / {len(ids)}"
    context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_slides_have_no_axe_violations(browser, real_site_url, lang):
    context = browser.new_context(viewport=VIEW)
    page = context.new_page()
    found = {}
    for session in SESSIONS:
        page.goto(deck_url(real_site_url, lang, session))
        ids = anchors(page)
        picks = ["title", "agenda", next(i for i in ids if "-table-" in i), next(i for i in ids if "objectives" in i),
                 next(i for i in ids if i.startswith("discuss-m")), next(i for i in ids if i.startswith("discuss-caso")),
                 "closing"]
        for anchor in picks:
            page.goto(deck_url(real_site_url, lang, session) + "#" + anchor)
            until(page, lambda: page.locator(".deck .slide.on").count() == 1 and current(page) == anchor)
            found[f"{session}#{anchor}"] = violations(page)
    assert found == {key: [] for key in found}
    context.close()


def test_programme_page_links_the_decks_for_trainers(browser, real_site_url):
    context = browser.new_context(viewport=VIEW)
    page = context.new_page()
    page.goto(f"{real_site_url}/en/programa/")
    links = page.locator("a", has_text="Slides for trainers")
    assert links.count() == 3  # sessions 1, 3 and 4 list what they cover; the self-paced period has none
    links.nth(1).click()
    page.wait_for_url(re.compile(r"/en/diapositivas/sesion-3/"))
    assert current(page) == "title"
    context.close()
