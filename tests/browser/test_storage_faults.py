"""Issue 20, item 1: the ways participants' browsers really fail to keep progress, and nothing lost.

- Storage full (quota): the answers given then are kept pending, the participant is told at once
  (role=alert), and the first save that succeeds once space is back writes all of them.
- A damaged record and a record written by a newer version of the site each survive a visit and an
  answer untouched, the participant is told, and the progress page offers them as a file; a newer
  page later joins what an older page saved aside.
- Blocked storage (every call throws) still lets the participant work, as before
  (tests/browser/test_participant.py::test_storage_that_throws_still_lets_the_participant_work).
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import ready
from tests.browser.test_participant import check

pytestmark = pytest.mark.browser
KEY = "cb:curso-ejemplo"

# The browser's storage, full while window.__full is set: every write throws as Chromium's does.
QUOTA = """
  const realSet = Storage.prototype.setItem;
  Storage.prototype.setItem = function (k, v) {
    if (window.__full) throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
    return realSet.call(this, k, v);
  };"""


def stored(page, key=KEY):
    raw = page.evaluate(f"localStorage.getItem({json.dumps(key)})")
    return raw if raw is None else json.loads(raw)


def keys(page) -> list[str]:
    return sorted(page.evaluate("Object.keys(localStorage)"))


def seed(page, raw: str) -> None:
    """`raw` under the course's key before the first page of the context runs (once only)."""
    page.context.add_init_script(f"if (!sessionStorage.getItem('seeded')) {{ sessionStorage.setItem('seeded', 1); "
                                 f"localStorage.setItem({json.dumps(KEY)}, {json.dumps(raw)}); }}")


def test_quota_reached_then_freed_keeps_all_three_answers(page, site_url):
    page.context.add_init_script(QUOTA)
    page.goto(f"{site_url}/02-segundo-modulo/")
    ready(page)
    assert stored(page)["visited"].keys() == {"02-segundo-modulo"}
    page.evaluate("window.__full = true")

    q3 = page.locator("#q-ej-q3")
    q3.locator("#q-ej-q3-a").check()
    q3.locator("#q-ej-q3-b").check()
    assert check(page, q3) == "Respuesta correcta."
    alert = page.locator(".cb-save-state[role=alert]")
    expect(alert).to_have_text(
        "Su última respuesta no se pudo guardar: el almacenamiento del navegador está lleno. Queda pendiente y se "
        "guardará con la próxima que sí pueda guardarse; no cierre esta página hasta ver que se guardó.")
    expect(alert).to_be_visible()
    page.locator("#q-ej-q4 input[type=text]").fill("devolucion")
    check(page, page.locator("#q-ej-q4"))
    assert set(stored(page)["q"]) == set()  # nothing written while full
    expect(alert).to_be_visible()

    page.evaluate("window.__full = false")  # space is back: the third answer's save carries all three
    ordering = page.locator("#q-ej-q5")
    for pos, item in enumerate(("s1", "s2", "s3"), 1):
        ordering.locator(f'.cb-row[data-item="{item}"] input[value="{pos}"]').check()
    check(page, ordering)
    expect(page.locator(".cb-save-state[role=status]")).to_have_text(
        "Su avance se guardó: las respuestas pendientes ya están guardadas.")
    assert page.locator(".cb-save-state[role=alert]").count() == 0
    q = stored(page)["q"]
    assert set(q) == {"ej-q3", "ej-q4", "ej-q5"} and all(e["ok"] and e["final"] for e in q.values())
    page.reload()
    ready(page)
    assert page.locator("#quiz-q-segundo .cb-score").inner_text() == "Respondidas: 3 de 4."
    assert page.errors == []


DAMAGED = '{"v": 2, "course": "curso-ejemplo", "q": {"ej-q1": {"ok": tr'  # cut short, as a crash leaves it


def download(page, link) -> str:
    with page.expect_download() as info:
        link.click()
    return Path(info.value.path()).read_text(encoding="utf-8")


def test_a_damaged_record_survives_a_visit_and_an_answer_and_can_be_downloaded(page, site_url):
    seed(page, DAMAGED)
    page.goto(f"{site_url}/01-primeros-pasos/")
    ready(page)
    note = page.locator(".cb-storage-note")
    assert note.get_attribute("role") == "status"
    assert note.inner_text().startswith("Los datos de avance guardados en este navegador no se pudieron leer. No se borraron")
    kept = [k for k in keys(page) if k.startswith(KEY + ":kept:")]
    assert len(kept) == 1 and page.evaluate(f"localStorage.getItem({json.dumps(kept[0])})") == DAMAGED
    q1 = page.locator("#q-ej-q1")
    q1.locator("#q-ej-q1-b").check()
    assert check(page, q1) == "Respuesta correcta."
    assert stored(page)["q"]["ej-q1"]["ok"]  # new progress goes on under the course's key
    assert page.evaluate(f"localStorage.getItem({json.dumps(kept[0])})") == DAMAGED

    page.reload()
    ready(page)
    assert page.locator(".cb-storage-note").count() == 0  # told once; the copy stays
    page.goto(f"{site_url}/en/mi-progreso/")
    ready(page)
    assert page.locator(".cb-kept p").first.inner_text().startswith("This browser keeps aside progress data")
    assert download(page, page.get_by_role("link", name="Download the progress data kept aside")) == DAMAGED
    assert page.errors == []


def newer_record() -> dict:
    return {"v": 3, "course": "curso-ejemplo", "seed": "zz", "q": {"ej-q2": {"ok": True, "final": True, "tries": 1}},
            "quiz": {}, "cases": {}, "visited": {"01-primeros-pasos": 1}, "last": "01-primeros-pasos",
            "something": {"new": ["in", "v3"]}}


def test_a_newer_record_is_never_written_over_by_an_older_page(page, site_url):
    newer = json.dumps(newer_record())
    seed(page, newer)
    page.goto(f"{site_url}/01-primeros-pasos/")
    ready(page)
    assert page.locator(".cb-storage-note").inner_text().startswith(
        "Su avance fue guardado por una versión más reciente de este curso")
    q1 = page.locator("#q-ej-q1")
    q1.locator("#q-ej-q1-b").check()
    assert check(page, q1) == "Respuesta correcta."
    assert page.evaluate(f"localStorage.getItem({json.dumps(KEY)})") == newer  # untouched
    aside = stored(page, KEY + ":v2")
    assert aside["q"]["ej-q1"]["ok"] and aside["visited"].keys() == {"01-primeros-pasos"}
    page.reload()  # this page's own answers are back from its own key
    ready(page)
    assert page.locator("#q-ej-q1").evaluate("f => f.classList.contains('cb-answered')")
    page.goto(f"{site_url}/mi-progreso/")
    ready(page)
    assert download(page, page.get_by_role("link", name="Descargar los datos de avance guardados aparte")) == newer
    assert page.evaluate(f"localStorage.getItem({json.dumps(KEY)})") == newer
    assert page.errors == []


def test_a_newer_tab_writing_while_an_older_page_is_open(browser, page, site_url):
    """The tab-merge path: a newer version saves in another tab; this (older) page's next saves go
    to its own key and never over the newer record."""
    page.goto(f"{site_url}/02-segundo-modulo/")
    ready(page)
    newer = json.dumps(newer_record())
    other = page.context.new_page()
    other.goto(f"{site_url}/404.html")
    other.evaluate(f"localStorage.setItem({json.dumps(KEY)}, {json.dumps(newer)})")  # fires `storage` here
    expect(page.locator(".cb-storage-note")).to_have_count(1)
    q3 = page.locator("#q-ej-q3")
    q3.locator("#q-ej-q3-a").check()
    q3.locator("#q-ej-q3-b").check()
    check(page, q3)
    assert page.evaluate(f"localStorage.getItem({json.dumps(KEY)})") == newer
    assert stored(page, KEY + ":v2")["q"]["ej-q3"]["ok"]
    assert page.errors == []


def test_a_page_of_the_current_version_joins_what_an_older_page_saved_aside(page, site_url):
    """What a newer version does with the aside key (simulated: the current page is the newer one)."""
    older = {"v": 2, "course": "curso-ejemplo", "seed": "s", "q": {"ej-q1": {"ok": True, "final": True, "tries": 1}},
             "quiz": {}, "cases": {}, "visited": {"01-primeros-pasos": 1}, "last": "01-primeros-pasos"}
    main = dict(older, q={"ej-q2": {"ok": True, "final": True, "tries": 1}})
    page.context.add_init_script(f"if (!sessionStorage.getItem('seeded')) {{ sessionStorage.setItem('seeded', 1); "
                                 f"localStorage.setItem({json.dumps(KEY)}, {json.dumps(json.dumps(main))}); "
                                 f"localStorage.setItem({json.dumps(KEY + ':v1')}, {json.dumps(json.dumps(older))}); }}")
    page.goto(f"{site_url}/mi-progreso/")
    ready(page)
    assert set(stored(page)["q"]) == {"ej-q1", "ej-q2"}
    assert KEY + ":v1" not in keys(page)  # joined, then removed
    expect(page.locator('.cb-card[data-module="01-primeros-pasos"] .cb-card-state')).to_have_text(
        "Aprobado · 2 de 2 al primer intento")
    assert page.errors == []


def test_a_damaged_record_that_cannot_be_copied_aside_is_not_written_over(page, site_url):
    page.context.add_init_script(QUOTA + "window.__full = true;")
    seed_raw = "][ not json"
    page.context.add_init_script(f"window.__full = false; if (!sessionStorage.getItem('seeded')) {{ "
                                 f"sessionStorage.setItem('seeded', 1); localStorage.setItem({json.dumps(KEY)}, "
                                 f"{json.dumps(seed_raw)}); }} window.__full = true;")
    page.goto(f"{site_url}/01-primeros-pasos/")
    ready(page)
    expect(page.locator(".cb-save-state[role=alert]")).to_be_visible()
    q1 = page.locator("#q-ej-q1")
    q1.locator("#q-ej-q1-b").check()
    check(page, q1)
    assert page.evaluate(f"localStorage.getItem({json.dumps(KEY)})") == seed_raw
    page.evaluate("window.__full = false")
    q2 = page.locator("#q-ej-q2")
    q2.locator("#q-ej-q2-false").check()
    check(page, q2)
    kept = [k for k in keys(page) if k.startswith(KEY + ":kept:")]
    assert len(kept) == 1 and page.evaluate(f"localStorage.getItem({json.dumps(kept[0])})") == seed_raw
    assert set(stored(page)["q"]) == {"ej-q1", "ej-q2"}
    expect(page.locator(".cb-save-state[role=status]")).to_be_visible()
    assert page.errors == []
