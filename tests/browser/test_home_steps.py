"""Home and progress count the steps the certificate lists, and "Continue" leads to the first
unfinished one in course order (the shipped course, built once)."""
from __future__ import annotations

import json
import re

import pytest
import yaml

from tests.browser.conftest import guarded_page, ready

pytestmark = pytest.mark.browser


def quiz_ids(project, quiz: str) -> list[str]:
    data = yaml.safe_load((project / "quizzes" / f"{quiz}.yml").read_text(encoding="utf-8"))
    return [q["id"] for q in data["questions"]]


@pytest.mark.parametrize("lang,page_path", [("es", ""), ("en", "en/"), ("es", "mi-progreso/"), ("en", "en/mi-progreso/")])
def test_the_count_is_the_certificate_list_and_continue_goes_to_the_first_unfinished_step(
        browser, real_site_url, real_project, lang, page_path):
    course = yaml.safe_load((real_project / "course" / "course.yml").read_text(encoding="utf-8"))
    # Module 2's quiz passed at the first try, module 1's half answered, module 3 the last one visited.
    m1 = quiz_ids(real_project, "m1-marco-conceptual")
    m2 = quiz_ids(real_project, "m2-modelo-dvm")
    q = {i: {"ok": True, "final": True, "tries": 1} for i in m2 + m1[: len(m1) // 2]}
    record = {"v": 2, "course": course["id"], "seed": "s", "q": q, "quiz": {}, "cases": {},
              "visited": {m: 1 for m in course["modules"][:4]}, "last": course["modules"][3]}
    context = browser.new_context(viewport={"width": 390, "height": 844})
    context.add_init_script(f"localStorage.setItem('cb:{course['id']}', {json.dumps(json.dumps(record))})")
    page = guarded_page(context, real_site_url)
    page.goto(f"{real_site_url}/{page_path}")
    ready(page)
    steps = page.locator(".cb-steps li")
    overall = page.locator(".cb-overall").inner_text()
    done, total = map(int, re.findall(r"\d+", overall))
    assert total == steps.count() and done == page.locator(".cb-steps li.cb-done").count() == 1, overall
    main = page.locator(".cb-main, .cb-app a.md-button--primary").first
    assert main.inner_text().startswith(("Continuar: ", "Continue: "))
    assert "01-marco-conceptual" in main.get_attribute("href")
    assert page.errors == [] and page.outside_requests == []
    context.close()
