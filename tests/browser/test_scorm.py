"""The SCORM 1.2 package in headless Chromium against a recording stub of the LMS's API:
a pass and a fail of the final assessment, resuming from cmi.suspend_data, and no LMS at all."""
from __future__ import annotations

import json
import re

import pytest

from tests.browser.conftest import guarded_page

pytestmark = pytest.mark.browser
COURSE = "curso-ejemplo"

# The stub lives in the top window only (init scripts run in every frame). Calls are kept in the
# page (window.__calls) and, for the ones made while the page is being left (LMSFinish on
# pagehide), in localStorage: neither bindings nor console messages nor beacons from a page that
# is going away reach the test, synchronous storage writes do.
STUB = """
if (window === window.top) {
  const state = Object.assign({"cmi.core.lesson_status": "not attempted", "cmi.suspend_data": ""}, %s);
  window.__calls = [];
  const rec = (name, args) => {
    window.__calls.push([name, args]);
    localStorage.setItem("__lms_calls", JSON.stringify(window.__calls));
  };
  window.API = {
    LMSInitialize: (p) => { rec("LMSInitialize", [p]); return "true"; },
    LMSFinish: (p) => { rec("LMSFinish", [p]); return "true"; },
    LMSGetValue: (k) => { rec("LMSGetValue", [k]); return k in state ? state[k] : ""; },
    LMSSetValue: (k, v) => { rec("LMSSetValue", [k, v]); state[k] = v; return "true"; },
    LMSCommit: (p) => { rec("LMSCommit", [p]); return "true"; },
    LMSGetLastError: () => { rec("LMSGetLastError", []); return "0"; },
    LMSGetErrorString: (c) => { rec("LMSGetErrorString", [c]); return ""; },
    LMSGetDiagnostic: (c) => { rec("LMSGetDiagnostic", [c]); return ""; },
  };
}
"""
# An LMS player in the style of Moodle's: the API on the player page, the SCO in a frame below it.
PLAYER = """<!doctype html><html lang="es"><head><meta charset="utf-8"><title>LMS</title></head>
<body><iframe src="launch-es.html" title="SCO" style="width:100%;height:90vh;border:0"></iframe></body></html>"""


@pytest.fixture
def lms(browser, lms_url, package):
    """Returns open(initial_values=None, stub=True, player=False) -> page on the launch page (or a player)."""
    (package / "player-test.html").write_text(PLAYER, encoding="utf-8")  # beside the package, not in it
    contexts = []

    def open_(initial: dict | None = None, stub: bool = True, player: bool = False):
        context = browser.new_context()
        contexts.append(context)
        if stub:
            context.add_init_script(STUB % json.dumps(initial or {}))
        page = guarded_page(context, lms_url)
        page.goto(f"{lms_url}/{'player-test' if player else 'launch-es'}.html")
        return page

    yield open_
    for context in contexts:
        context.close()


def course_frame(page, lms_url, path: str):
    """The frame that shows the course (below the launch page), once it shows ``path``."""
    url = f"{lms_url}/{path}"
    for _ in range(100):
        frames = [f for f in page.frames if f.url.split("#")[0] == url]
        if frames:
            # Idle too: leaving a page while Material's search worker loads lunr is reported as an error.
            frames[0].wait_for_load_state("networkidle")
            return frames[0]
        page.wait_for_timeout(50)
    raise AssertionError(f"no frame shows {url}: {[f.url for f in page.frames]}")


def calls_of(page) -> list[list]:
    return page.main_frame.evaluate("window.__calls")


def sets(calls) -> list[tuple[str, str]]:
    return [tuple(args) for name, args in calls if name == "LMSSetValue"]


def last_set(calls, key: str):
    values = [v for k, v in sets(calls) if k == key]
    return values[-1] if values else None


def leave(page, lms_url) -> list[list]:
    """Leave the LMS page (pagehide on the launch page); returns every call, read back from storage."""
    page.goto("about:blank")
    page.goto(f"{lms_url}/scorm12.js")
    return json.loads(page.evaluate("localStorage.getItem('__lms_calls')"))


def go_to_final(page, lms_url):
    home = course_frame(page, lms_url, "index.html")
    assert home.locator("h1").count() == 1
    # Links inside the course name files (…/index.html): an LMS has no directory indexes.
    home.locator('a[href="02-segundo-modulo/index.html"]:visible').first.click()
    frame = course_frame(page, lms_url, "02-segundo-modulo/index.html")
    quiz = frame.locator("#quiz-final")
    assert quiz.locator("form.cb-question:visible").count() == 3
    return frame, quiz


def answer_final(frame, quiz, right: bool):
    """One exam-mode attempt of the example course's final assessment, submitted whole."""
    quiz.locator("#q-ej-p1 input[type=text]").fill("  DEVOLUCIÓN. " if right else "retorno")
    for item, pos in (("s1", "1"), ("s2", "2"), ("s3", "3")) if right else (("s1", "2"), ("s2", "1"), ("s3", "3")):
        quiz.locator(f'#q-ej-p2 .cb-row[data-item="{item}"] input[value="{pos}"]').check()
    for item in ("p1", "p2", "p3"):
        quiz.locator(f'#q-ej-p3 .cb-row[data-item="{item}"] select').select_option(f"r-{item}")
    quiz.locator(".cb-submit").click()
    return quiz.locator(".cb-score").inner_text()


def test_passing_the_final_assessment_is_reported(lms, lms_url):
    page = lms()
    frame, quiz = go_to_final(page, lms_url)
    calls = calls_of(page)
    assert calls[0] == ["LMSInitialize", [""]]
    assert ["LMSGetValue", ["cmi.core.lesson_status"]] in calls and ["LMSGetValue", ["cmi.suspend_data"]] in calls
    assert sets(calls)[0] == ("cmi.core.lesson_status", "incomplete")
    assert last_set(calls, "cmi.core.score.raw") is None  # nothing to report before the final assessment

    assert answer_final(frame, quiz, right=True).startswith("Intento 1: Puntaje: 100 %")
    calls = calls_of(page)
    assert [("cmi.core.score.min", "0"), ("cmi.core.score.max", "100"), ("cmi.core.score.raw", "100"),
            ("cmi.core.lesson_status", "passed")] == \
        [s for s in sets(calls) if s[0].startswith("cmi.core.score") or s == ("cmi.core.lesson_status", "passed")]
    record = json.loads(last_set(calls, "cmi.suspend_data"))
    result = record["z"]["final"]["result"]
    assert record["c"] == COURSE and result["score"] == 100 and result["passed"] is True
    assert record["z"]["final"]["attempts"] == 1 and len(record["z"]["final"]["drawn"]) == 3
    assert record["m"] == ["02-segundo-modulo"] and record["l"] == "02-segundo-modulo"
    assert len(last_set(calls, "cmi.suspend_data")) <= 4096
    status_at = calls.index(["LMSSetValue", ["cmi.core.lesson_status", "passed"]])
    assert ["LMSCommit", [""]] in calls[status_at:]
    assert not any(name == "LMSFinish" for name, _ in calls)
    # Progress went to the LMS, not to this browser.
    assert frame.evaluate(f"localStorage.getItem('cb:{COURSE}')") is None

    heard = leave(page, lms_url)
    assert [name for name, _ in heard].count("LMSFinish") == 1 and heard[-1] == ["LMSFinish", [""]]
    assert re.fullmatch(r"\d{2,4}:\d{2}:\d{2}", last_set(heard, "cmi.core.session_time"))
    # Passed, but the module quizzes are not: the course is not complete, so the LMS keeps the data.
    assert last_set(heard, "cmi.core.exit") == "suspend"
    assert page.errors == [] and page.warnings == [] and page.outside_requests == []


def test_failing_the_final_assessment_is_reported_from_inside_an_lms_player(lms, lms_url):
    page = lms(player=True)  # the API is on the player page: found up the parent chain
    assert page.main_frame.evaluate("typeof window.CB_BRIDGE") == "undefined"
    frame, quiz = go_to_final(page, lms_url)
    assert answer_final(frame, quiz, right=False).startswith("Intento 1: Puntaje: 33 %")
    calls = calls_of(page)
    assert calls[0] == ["LMSInitialize", [""]]
    assert last_set(calls, "cmi.core.lesson_status") == "failed"
    assert (last_set(calls, "cmi.core.score.min"), last_set(calls, "cmi.core.score.max")) == ("0", "100")
    assert int(last_set(calls, "cmi.core.score.raw")) < 60
    record = json.loads(last_set(calls, "cmi.suspend_data"))
    result = record["z"]["final"]["result"]
    assert result == {"score": 33, "passed": False, "at": result["at"]}
    assert record["ok"] == [] and record["no"] == []  # module quizzes: none answered
    assert sorted(f for f, _ in record["z"]["final"]["answers"].values()) == [0, 0, 1]  # the attempt itself
    assert [c for c in calls if c[0] != "LMSGetLastError"][-1] == ["LMSCommit", [""]]  # each call is checked

    heard = leave(page, lms_url)
    assert last_set(heard, "cmi.core.exit") == "suspend"  # not passed yet: resume next time
    assert [name for name, _ in heard].count("LMSFinish") == 1
    assert page.errors == [] and page.warnings == [] and page.outside_requests == []


def test_progress_resumes_from_suspend_data(lms, lms_url):
    # ej-q2 was right only after a wrong try ("r"): the first-try score comes back with the record.
    saved = {"v": 2, "c": COURSE, "ok": ["ej-q1"], "no": [], "r": ["ej-q2"], "a": {},
             "m": ["01-primeros-pasos"], "l": "01-primeros-pasos"}
    page = lms({"cmi.core.lesson_status": "incomplete", "cmi.suspend_data": json.dumps(saved)})
    course_frame(page, lms_url, "index.html").goto(f"{lms_url}/mi-progreso/index.html")
    frame = course_frame(page, lms_url, "mi-progreso/index.html")
    card = frame.locator('.cb-card[data-module="01-primeros-pasos"]')
    assert card.locator(".cb-card-state").inner_text() == "Aprobado · 1 de 2 al primer intento"
    assert frame.locator('.cb-card[data-module="02-segundo-modulo"] .cb-card-state').inner_text() == "Sin empezar"
    assert frame.locator(".cb-app a.md-button--primary").inner_text() == "Continuar: Segundo módulo"
    # No directory index in an LMS: the progress page's links name the file.
    assert frame.locator(".cb-app a.md-button--primary").get_attribute("href") == "../02-segundo-modulo/index.html"
    assert card.locator("a").get_attribute("href") == "../01-primeros-pasos/index.html"
    # Inside an LMS the page does not claim that progress stays in this browser.
    assert frame.locator(".cb-lms-note").inner_text().startswith("Dentro de la plataforma del curso")

    # The language switch keeps working inside the package, and so does the record.
    frame.goto(f"{lms_url}/en/mi-progreso/index.html")
    frame.wait_for_load_state("networkidle")
    assert frame.locator('.cb-card[data-module="01-primeros-pasos"] .cb-card-state').inner_text() == "Passed · 1 of 2 at the first try"
    frame.goto(f"{lms_url}/01-primeros-pasos/index.html")
    frame.wait_for_load_state("networkidle")
    assert frame.locator("#quiz-q-primeros .cb-score").inner_text().startswith("Correctas al primer intento: 1 de 2 (50 %)")

    calls = calls_of(page)
    assert ("cmi.core.lesson_status", "incomplete") not in sets(calls)  # already in progress: left alone
    assert last_set(calls, "cmi.core.score.raw") is None and last_set(calls, "cmi.core.lesson_status") is None
    assert page.errors == [] and page.outside_requests == []


def test_a_record_too_big_for_scorm_12_stays_in_the_session_only(lms, lms_url):
    page = lms()
    course_frame(page, lms_url, "index.html")
    big = json.dumps({"v": 2, "c": COURSE, "ok": [f"q{i}" for i in range(800)], "no": [], "a": {}, "m": [], "l": ""})
    assert len(big) > 4096
    page.main_frame.evaluate("json => window.CB_BRIDGE.set(json)", big)
    assert page.main_frame.evaluate("window.CB_BRIDGE.get()") == big
    assert last_set(calls_of(page), "cmi.suspend_data") is None
    assert any("4096 cmi.suspend_data holds" in w for w in page.warnings)


def test_outside_an_lms_the_launch_page_is_the_static_site(lms, lms_url):
    page = lms(stub=False)
    page.wait_for_url(f"{lms_url}/index.html")
    assert page.request.get(f"{lms_url}/01-primeros-pasos/").status == 404  # like an LMS: files only
    assert page.locator("h1").count() == 1 and page.locator("iframe").count() == 0
    page.locator('a[href="01-primeros-pasos/index.html"]:visible').first.click()
    page.wait_for_url(f"{lms_url}/01-primeros-pasos/index.html")
    q1 = page.locator("#q-ej-q1")
    q1.locator("#q-ej-q1-b").check()
    q1.locator(".cb-check").click()
    assert json.loads(page.evaluate(f"localStorage.getItem('cb:{COURSE}')"))["q"]["ej-q1"]["ok"] is True
    assert page.errors == [] and page.outside_requests == []
