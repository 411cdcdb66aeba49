"""Progress kept across several open tabs of one browser: nothing a tab saves is lost when
another tab, opened earlier, saves too; an import joins the record unless the participant
chooses to replace it."""
from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from tests.browser.test_participant import check

from tests.browser.conftest import ready

pytestmark = pytest.mark.browser
KEY = "cb:curso-ejemplo"


def stored(page) -> dict:
    return json.loads(page.evaluate(f"localStorage.getItem({json.dumps(KEY)})"))


def test_two_tabs_answering_different_questions_keep_both(page, site_url):
    one = page
    two = page.context.new_page()
    one.goto(f"{site_url}/01-primeros-pasos/")
    ready(one)
    two.goto(f"{site_url}/02-segundo-modulo/")  # both open before either answers
    ready(two)
    one.locator("#q-ej-q1-b").check()
    check(one, one.locator("#q-ej-q1"))
    two.locator("#q-ej-q3-a").check()
    two.locator("#q-ej-q3-b").check()
    check(two, two.locator("#q-ej-q3"))
    one.locator("#q-ej-q2-false").check()  # the first tab saves again, after the second one did
    check(one, one.locator("#q-ej-q2"))
    q = stored(one)["q"]
    assert q["ej-q1"]["ok"] and q["ej-q2"]["ok"] and q["ej-q3"]["ok"]
    assert set(stored(one)["visited"]) == {"01-primeros-pasos", "02-segundo-modulo"}


def test_the_same_page_in_two_tabs_keeps_both_answers(page, site_url):
    one, two = page, page.context.new_page()
    one.goto(f"{site_url}/01-primeros-pasos/")
    ready(one)
    two.goto(f"{site_url}/en/01-primeros-pasos/")
    ready(two)
    one.locator("#q-ej-q1-b").check()
    check(one, one.locator("#q-ej-q1"))
    two.locator("#q-ej-q2-false").check()
    check(two, two.locator("#q-ej-q2"))
    q = stored(one)["q"]
    assert set(q) == {"ej-q1", "ej-q2"} and all(e["final"] and e["ok"] for e in q.values())


def test_progress_page_in_another_tab_shows_the_new_answer(page, site_url):
    progress = page
    progress.goto(f"{site_url}/mi-progreso/")
    ready(progress)
    row = progress.locator('[data-module="01-primeros-pasos"]')
    expect(row).not_to_contain_text("Aprobado")
    module = page.context.new_page()
    module.goto(f"{site_url}/01-primeros-pasos/")
    ready(module)
    module.locator("#q-ej-q1-b").check()
    check(module, module.locator("#q-ej-q1"))
    module.locator("#q-ej-q2-false").check()
    check(module, module.locator("#q-ej-q2"))
    expect(row).to_contain_text("Aprobado")  # without reloading the progress tab


def test_a_restarted_quiz_stays_restarted_when_another_tab_saves(page, site_url):
    one, two = page, page.context.new_page()
    one.goto(f"{site_url}/01-primeros-pasos/")
    ready(one)
    one.locator("#q-ej-q1-b").check()
    check(one, one.locator("#q-ej-q1"))
    two.goto(f"{site_url}/02-segundo-modulo/")
    ready(two)
    one.evaluate("""() => {  // what "start again" does: forget this quiz's answers
        const r = JSON.parse(localStorage.getItem('cb:curso-ejemplo'));
        delete r.q['ej-q1']; localStorage.setItem('cb:curso-ejemplo', JSON.stringify(r)); }""")
    two.locator("#q-ej-q3-a").check()
    check(two, two.locator("#q-ej-q3"))
    assert "ej-q1" not in stored(two)["q"] and "ej-q3" in stored(two)["q"]
