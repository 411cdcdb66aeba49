"""The SCORM package under a real SCORM 1.2 runtime (scorm-again, as LMS players embed it): a
participant works, closes the course, and reopens it in another browser profile with only what
the LMS kept. Everything is back: modules read, answers, the final assessment's attempt in
progress and case endings; cmi.core.exit stays "suspend" so the LMS hands the data back."""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import guarded_page, ready
from tests.browser.test_scorm import course_frame

pytestmark = pytest.mark.browser
RUNTIME = Path(__file__).resolve().parents[1] / "js" / "node_modules" / "scorm-again" / "dist" / "scorm12.js"

# An LMS player: scorm-again's API on the player page (loaded with what the LMS kept from the last
# session, if anything), the course's launch page in a frame. Every commit and the finish copy the
# runtime's CMI data into this origin's storage, the way an LMS would persist it on its server.
PLAYER = """<!doctype html><html lang="es"><head><meta charset="utf-8"><title>LMS</title>
<script src="scorm-again-12.js"></script>
<script>
  window.API = new Scorm12API({autocommit: false, logLevel: 5});
  var saved = localStorage.getItem("__lms_saved_for_launch");
  if (saved) window.API.loadFromJSON(JSON.parse(saved));
  function keep() { localStorage.setItem("__lms_saved", JSON.stringify(window.API.renderCMIToJSONObject())); }
  window.API.on("LMSCommit", keep);
  window.API.on("LMSFinish", keep);
</script></head>
<body><iframe src="launch-es.html" title="SCO" style="width:100%;height:90vh;border:0"></iframe></body></html>"""


@pytest.fixture(scope="module")
def player(package):
    if not RUNTIME.is_file():
        if os.environ.get("CI"):
            pytest.fail("scorm-again is missing: run scripts/install.sh --test (npm ci --prefix tests/js)")
        pytest.skip("scorm-again not installed (npm ci --prefix tests/js)")
    shutil.copy(RUNTIME, package / "scorm-again-12.js")  # beside the package, not in it
    (package / "player-again.html").write_text(PLAYER, encoding="utf-8")
    return "player-again.html"


def open_player(browser, lms_url, player, saved: dict | None = None):
    context = browser.new_context()  # a new browser profile every time
    if saved is not None:
        context.add_init_script(f"localStorage.setItem('__lms_saved_for_launch', {json.dumps(json.dumps(saved))});")
    page = guarded_page(context, lms_url)
    page.goto(f"{lms_url}/{player}")
    return page


def close(page, lms_url) -> dict:
    """The participant closes the course; returns the CMI data the LMS kept."""
    page.goto(f"{lms_url}/scorm-again-12.js")  # leaves the player: the launch page finishes the session
    kept = json.loads(page.evaluate("localStorage.getItem('__lms_saved')"))["cmi"]
    page.context.close()
    return kept


def record_of(page) -> dict:
    return json.loads(page.main_frame.evaluate("window.frames[0].CB_BRIDGE.get()"))


def test_everything_comes_back_after_reopening_in_another_profile(browser, lms_url, player):
    page = open_player(browser, lms_url, player)
    home = course_frame(page, lms_url, "index.html")
    home.goto(f"{lms_url}/01-primeros-pasos/index.html")
    one = course_frame(page, lms_url, "01-primeros-pasos/index.html")
    one.locator("#q-ej-q1-b").check()
    one.locator("#q-ej-q1 .cb-check").click()
    one.goto(f"{lms_url}/02-segundo-modulo/index.html")
    two = course_frame(page, lms_url, "02-segundo-modulo/index.html")
    two.locator(".cb-case .cb-case-choice").first.click()
    two.locator(".cb-case .cb-case-next:visible").first.click()
    quiz = two.locator("#quiz-final")
    drawn = quiz.locator("form.cb-question").evaluate_all("fs => fs.map(f => f.dataset.qid)")
    assert len(drawn) == 3
    quiz.locator("#q-ej-p1 input[type=text]").fill("devolución")
    quiz.locator("#q-ej-p1 input[type=text]").press("Tab")  # an exam answer is kept once entered
    before = record_of(page)
    assert before["k"] == {"caso-ana": ["bien"]}

    kept = close(page, lms_url)
    assert kept["core"]["exit"] == "suspend"  # not complete: the LMS must hand the data back
    assert kept["core"]["lesson_status"] == "incomplete"
    suspend = kept["suspend_data"]
    assert json.loads(suspend) == before and len(suspend) <= 4096

    # What an LMS hands to the next session of a suspended attempt.
    page = open_player(browser, lms_url, player, saved={
        "suspend_data": suspend, "core": {"lesson_status": kept["core"]["lesson_status"], "entry": "resume"}})
    home = course_frame(page, lms_url, "index.html")
    home.goto(f"{lms_url}/02-segundo-modulo/index.html")
    two = course_frame(page, lms_url, "02-segundo-modulo/index.html")
    quiz = two.locator("#quiz-final")
    assert quiz.locator("form.cb-question").evaluate_all("fs => fs.map(f => f.dataset.qid)") == drawn
    assert quiz.locator("#q-ej-p1 input[type=text]").input_value() == "devolución"  # the attempt, not a new draw
    after = record_of(page)
    assert after["k"] == {"caso-ana": ["bien"]} and after["ok"] == ["ej-q1"]
    # The draw history came back with the record: the drawn questions, each drawn once (not drawn again).
    assert sorted(after["z"]["final"]["seen"]["1"].split()) == sorted(drawn)
    assert set(after["m"]) == {"01-primeros-pasos", "02-segundo-modulo"}
    two.goto(f"{lms_url}/01-primeros-pasos/index.html")
    one = course_frame(page, lms_url, "01-primeros-pasos/index.html")
    assert one.locator("#q-ej-q1").evaluate("f => f.classList.contains('cb-answered')")
    assert page.errors == [] and page.outside_requests == []
    page.context.close()


def worst_case_record(course) -> dict:
    """This course's biggest possible progress record: every question answered, the final
    assessment's draw made of its longest questions, every answer of it entered at full length,
    every case ending reached, every module read, every live session attended, a long name."""
    from course_builder.answers import question_hash

    def entered(q):
        name = f"q-{q.id}"
        if q.type in ("single", "multiple", "true_false"):
            opts = [o.id for o in q.options] or ["false"]
            return [[name, o] for o in (opts if q.type == "multiple" else opts[:1])]
        if q.type == "fill_in":
            return [[name, "x" * 200]]  # cut to a short term in the record
        return [[f"{name}-{i.id}", f"r-{i.id}" if q.type == "matching" else str(len(q.items))] for i in q.items]

    final = next(q for q in course.quizzes.values() if q.kind == "assessment")
    pool = [q for pid in final.pools for q in course.quizzes[pid].questions]
    drawn = sorted(pool, key=lambda q: -len(json.dumps(entered(q))) - len(q.id))[:final.draw]
    stamp = 1796193285544
    result = {"score": 100, "passed": True, "at": "2026-12-02"}
    return {
        "v": 2, "course": course.id, "seed": "k" * 11, "last": max((m.slug for m in course.modules), key=len),
        "name": "Nombre Muy Largo " * 10, "done": True,
        "q": {q.id: {"ok": True, "final": True, "tries": 9, "h": question_hash(q)}
              for z in course.quizzes.values() if z.kind == "quiz" for q in z.questions},
        "quiz": {final.id: {"drawn": [q.id for q in drawn], "submitted": True, "attempts": 99, "t": stamp,
                            "result": result, "last": result, "draws": 99, "end": stamp,
                            "seen": {q.id: 99 for q in pool},
                            "answers": {q.id: {"v": entered(q), "ok": True, "final": True, "h": "0123456789"}
                                        for q in drawn}}},
        "cases": {c: {"endings": [n for n, node in case.nodes.items() if node.ending]}
                  for c, case in course.cases.items()},
        "visited": {m.slug: stamp for m in course.modules},
        "att": {s.id: 1 for s in (course.programme.sessions if course.programme else ()) if s.is_live},
    }


def test_the_whole_course_fits_in_suspend_data(browser, real_project, real_site_url, capsys):
    from course_builder import pipeline

    course, _ = pipeline.load(real_project)
    record = worst_case_record(course)
    context = browser.new_context()
    # A bridge that hands the page the worst-case record and keeps what the page saves through it.
    context.add_init_script("if (window === window.top) { window.__sets = []; window.CB_BRIDGE = {"
                            f"get: () => {json.dumps(json.dumps(record))}, set: (s) => window.__sets.push(s) }}; }}")
    page = guarded_page(context, real_site_url)
    module = course.modules[1].slug
    page.goto(f"{real_site_url}/{module}/")
    ready(page)  # the record is read and saved (module visited) once the page's parts have started
    assert page.evaluate("window.__sets.length") > 0
    saved = page.evaluate("window.__sets[window.__sets.length - 1]")
    back = json.loads(saved)
    assert back["z"][next(iter(record["quiz"]))]["drawn"] == record["quiz"][next(iter(record["quiz"]))]["drawn"]
    assert len(back["ok"]) + len(back["r"]) == len(record["q"]) and back["x"] is True
    assert back["p"] == list(record["att"]) and record["att"]  # the sessions attended
    # The draw history: every pool question once, grouped by how often it was drawn.
    final_id = next(iter(record["quiz"]))
    assert back["z"][final_id]["seen"].keys() == {"99"}
    assert sorted(back["z"][final_id]["seen"]["99"].split()) == sorted(record["quiz"][final_id]["seen"])
    with capsys.disabled():
        print(f"\nworst-case suspend_data for this course: {len(saved)} characters (limit 4096)")
    assert len(saved) <= 4096
    assert page.errors == [] and page.outside_requests == []
    context.close()


# The same player with an LMS server behind it: every LMSCommit posts the CMI data to `commit`
# (scorm-again's synchronous commit), and the test decides whether that server takes it.
FAILING_PLAYER = PLAYER.replace("new Scorm12API({autocommit: false, logLevel: 5})",
                                'new Scorm12API({autocommit: false, logLevel: 5, lmsCommitUrl: "commit"})')


def suspend_data(body: dict) -> str | None:
    """cmi.suspend_data in a commit's JSON body, wherever scorm-again puts it."""
    if isinstance(body, dict):
        for k, v in body.items():
            if k == "suspend_data" and isinstance(v, str):
                return v
            found = suspend_data(v)
            if found is not None:
                return found
    return None


def test_an_lms_refusing_commits_then_recovering_gets_everything(browser, lms_url, player, package):
    (package / "player-failing.html").write_text(FAILING_PLAYER, encoding="utf-8")
    context = browser.new_context()
    page = guarded_page(context, lms_url)
    server = {"down": False, "taken": [], "refused": 0}

    def lms_server(route):
        if server["down"]:
            server["refused"] += 1
            route.fulfill(status=503, body="down")
        else:
            server["taken"].append(json.loads(route.request.post_data or "{}"))
            route.fulfill(status=200, content_type="application/json", body='{"result": true, "errorCode": 0}')

    context.route(f"{lms_url}/commit", lms_server)
    page.goto(f"{lms_url}/player-failing.html")
    home = course_frame(page, lms_url, "index.html")
    assert server["taken"]  # the launch commit went through

    server["down"] = True
    home.goto(f"{lms_url}/01-primeros-pasos/index.html")
    one = course_frame(page, lms_url, "01-primeros-pasos/index.html")
    alert = one.locator(".cb-save-state[role=alert]")
    expect(alert).to_have_text("La plataforma del curso (LMS) no está guardando su avance. Se reintentará sola; "
                               "no cierre el curso todavía.")
    one.locator("#q-ej-q1-b").check()
    one.locator("#q-ej-q1 .cb-check").click()
    one.locator("#q-ej-q2-false").check()
    one.locator("#q-ej-q2 .cb-check").click()
    expect(alert).to_be_visible()
    assert server["refused"] >= 3
    taken_before = len(server["taken"])

    server["down"] = False  # the LMS is back: the page's own retry (2 s, 4 s, 8 s...) carries everything
    expect(one.locator(".cb-save-state[role=status]")).to_have_text(
        "La plataforma del curso (LMS) guardó su avance: nada quedó pendiente.", timeout=40000)
    assert len(server["taken"]) == taken_before + 1  # one commit, with every refused value
    record = json.loads(suspend_data(server["taken"][-1]))
    assert record["ok"] == ["ej-q1", "ej-q2"] and "01-primeros-pasos" in record["m"]
    # Chromium logs each refused request (503) as a console error: nothing else may be there.
    assert [e for e in page.errors if "status of 503" not in e] == [] and page.outside_requests == []
    context.close()
