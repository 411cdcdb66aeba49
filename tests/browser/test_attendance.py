"""Issue 23, item 2, in a browser on this repository's own course built with a known attendance secret:
a right code is recorded and shown on the programme page, a wrong one refused with a clear message, the
link of the trainer's last slide records it, the certificate of participation is offered only when every
live session is attended and the self-paced study completed, the verification page tells it from a
certificate of completion, progress codes and the LMS's suspend_data keep attendance, and the codes are
nowhere in the built site or the repository's files (the trainer's exported decks hold them)."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess

import pytest

from course_builder import attendance, pipeline, progress_code
from course_builder.cli import main as cli_main
from tests.browser.conftest import _serve, guarded_page, ready
from tests.browser.test_progress_code import complete_record
from tests.conftest import REPO

pytestmark = pytest.mark.browser
SECRET = "browser-test-secret-23"


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """A copy of this repository's course, built with the secret (as the Pages workflow builds it)."""
    project = tmp_path_factory.mktemp("attendance") / "project"
    project.mkdir()
    for name in ("course", "quizzes", "cases", "overrides"):
        shutil.copytree(REPO / name, project / name)
    shutil.copy2(REPO / "mkdocs.yml", project / "mkdocs.yml")
    (project / "course_builder").symlink_to(REPO / "course_builder", target_is_directory=True)
    before = os.environ.get(attendance.SECRET_ENV)
    os.environ[attendance.SECRET_ENV] = SECRET
    try:
        assert cli_main(["--project", str(project), "-q", "build"]) == 0
        assert cli_main(["--project", str(project), "-q", "slides", "--attendance",
                         "--out", str(project / "export" / "slides")]) == 0
    finally:
        if before is None:
            os.environ.pop(attendance.SECRET_ENV, None)
        else:
            os.environ[attendance.SECRET_ENV] = before
    return project


@pytest.fixture(scope="module")
def course(project):
    loaded, _ = pipeline.load(project)
    return loaded


@pytest.fixture(scope="module")
def url(project):
    yield from _serve(project / "site")


@pytest.fixture(scope="module")
def codes(course):
    found = attendance.codes(course, SECRET.encode())
    assert list(found) == ["sesion-1", "sesion-3", "sesion-4"]
    return found


def open_page(browser, url, path, record=None, bridge=None):
    context = browser.new_context()
    if record is not None:
        context.add_init_script(f"if (!sessionStorage.getItem('seeded')) {{ sessionStorage.setItem('seeded', 1); "
                                f"localStorage.setItem('cb:proteccion-migrantes-vulnerables', {json.dumps(json.dumps(record))}); }}")
    if bridge is not None:  # an LMS: the record comes from and goes to the bridge (suspend_data)
        context.add_init_script("if (window === window.top) { window.__sets = []; window.CB_BRIDGE = {"
                                f"get: () => {json.dumps(bridge)}, set: (s) => window.__sets.push(s) }}; }}")
    page = guarded_page(context, url)
    page.goto(f"{url}/{path}")
    ready(page)
    return page


def stored(page) -> dict:
    return json.loads(page.evaluate("localStorage.getItem('cb:proteccion-migrantes-vulnerables')") or "{}")


def enter(page, session, code):
    page.locator(f"#cb-att-{session}").fill(code)
    page.locator(f'.cb-attend[data-session="{session}"] button[type=submit]').click()
    page.locator(f"#cb-att-{session}-msg.cb-ok, #cb-att-{session}-msg.cb-no").wait_for()
    return page.locator(f"#cb-att-{session}-msg")


def test_a_right_code_is_recorded_and_shown(browser, url, codes):
    page = open_page(browser, url, "programa/")
    assert page.locator(".cb-attend-count").inner_text() == \
        "Asistencia registrada: 0 de 3 sesiones en vivo requeridas para el certificado de participación."
    msg = enter(page, "sesion-3", codes["sesion-3"].lower()[:3] + " " + codes["sesion-3"][3:])
    page.locator("#sesion-3 .cb-attend-done").wait_for()
    assert msg.get_attribute("role") == "status" and msg.inner_text() == "Código aceptado: su asistencia quedó registrada."
    assert page.locator("#sesion-3 .cb-attend-done").inner_text() == "✓ Asistencia registrada en esta sesión."
    assert page.locator("#sesion-3 .cb-attend-form").is_hidden()
    assert stored(page)["att"] == {"sesion-3": 1}
    assert page.locator(".cb-attend-count").inner_text().startswith("Asistencia registrada: 1 de 3")
    page.reload()
    ready(page)
    assert page.locator("#sesion-3 .cb-attend-done").is_visible() and page.locator("#sesion-1 .cb-attend-form").is_visible()
    assert page.errors == [] and page.outside_requests == []
    page.context.close()


def test_a_wrong_code_is_refused_with_a_clear_message(browser, url, codes):
    page = open_page(browser, url, "en/programa/")
    msg = enter(page, "sesion-1", codes["sesion-3"])  # a real code, of another session
    assert msg.inner_text() == ("Code not accepted: it is not the code of this session. Check the 6 letters and digits "
                                "announced in the session and type them again.")
    assert "cb-no" in msg.get_attribute("class") and page.locator("#cb-att-sesion-1").get_attribute("aria-invalid") == "true"
    msg = enter(page, "sesion-1", "12")
    assert msg.inner_text() == "Code not accepted: an attendance code has 6 letters and digits, for example 7K3M9Q."
    assert page.locator("#sesion-1 .cb-attend-done").is_hidden() and not stored(page).get("att")
    assert page.errors == [] and page.outside_requests == []
    page.context.close()


def test_the_link_of_the_trainers_last_slide_records_attendance(browser, url, codes, project):
    deck = (project / "export" / "slides" / "diapositivas" / "sesion-4" / "index.html").read_text(encoding="utf-8")
    link = re.search(r'data-qr="([^"]+)"', deck).group(1)
    assert link.endswith(f"/programa/#asistencia?s=sesion-4&amp;c={codes['sesion-4']}")
    page = open_page(browser, url, f"programa/#asistencia?s=sesion-4&c={codes['sesion-4'].lower()}")
    page.locator("#sesion-4 .cb-attend-done").wait_for()
    assert stored(page)["att"] == {"sesion-4": 1}
    assert codes["sesion-4"].lower() not in page.url  # the code leaves the address bar
    assert page.errors == [] and page.outside_requests == []
    page.context.close()


def participation_state(page):
    return {li.get_attribute("data-p"): "cb-done" in (li.get_attribute("class") or "")
            for li in page.locator(".cb-participation li[data-p]").all()}


def test_the_participation_certificate_needs_every_session_and_the_completed_course(browser, url, project, course):
    full = complete_record(course)
    assert full["att"] == {"sesion-1": 1, "sesion-3": 1, "sesion-4": 1}
    one_missing = {**full, "att": {"sesion-1": 1, "sesion-3": 1}}
    page = open_page(browser, url, "certificado/", one_missing)
    assert participation_state(page) == {"sesion-1": True, "sesion-3": True, "sesion-4": False, "completion": True}
    assert page.locator(".cb-p-view *").count() == 0 and page.locator(".cb-view .cb-cert-form").count() == 1
    page.context.close()

    not_completed = {**full, "quiz": {}}
    page = open_page(browser, url, "en/certificado/", not_completed)
    assert participation_state(page) == {"sesion-1": True, "sesion-3": True, "sesion-4": True, "completion": False}
    assert page.locator(".cb-p-view *").count() == 0
    page.context.close()

    page = open_page(browser, url, "en/certificado/", full)
    assert all(participation_state(page).values())
    page.locator("#cb-pname").fill("Ana Sofía Ruiz")
    page.locator(".cb-p-view .md-button--primary").click()
    cert = page.locator(".cb-p-view .cb-certificate")
    assert cert.locator("h2").inner_text() == "Certificate of participation"
    p_code = re.search(r"Verification code: (\S+)", cert.inner_text()).group(1)
    page.locator("#cb-name").fill("Ana Sofía Ruiz")  # one name on both certificates
    page.locator(".cb-view .md-button--primary").click()
    c_code = re.search(r"Verification code: (\S+)", page.locator(".cb-view .cb-certificate").inner_text()).group(1)
    assert p_code != c_code
    record = stored(page)
    assert page.errors == [] and page.outside_requests == []

    # The verification page tells which certificate a code belongs to, from the participant's progress code.
    progress = progress_code.encode(record, progress_code.shape(course))
    for code, kind in ((p_code, "Certificate of participation in the live programme."),
                       (c_code, "Certificate of completion of the self-paced study.")):
        page.goto(f"{url}/en/verificar/")
        ready(page)
        page.locator("#cb-v-code").fill(code)
        page.locator("#cb-v-progress").fill(progress)
        page.locator(".cb-verify button[type=submit]").click()
        result = page.locator(".cb-verify-result").inner_text()
        assert result.startswith("Certificate consistent") and kind in result, result
        if code == p_code:
            assert "attended 3 of 3 required live sessions" in result
    page.context.close()

    # `verify` says the same.
    kinds = []
    for code in (p_code, c_code):
        out = subprocess.run([str(REPO / ".venv" / "bin" / "python"), str(REPO / "build_course.py"), "--project",
                              str(project), "-q", "verify", progress, "--certificate", code],
                             capture_output=True, text=True, timeout=120)
        assert out.returncode == 0, out.stdout + out.stderr
        kinds.append(out.stdout.splitlines()[0])
    assert kinds == ["certificate: of participation in the live programme",
                     "certificate: of completion of the self-paced study"]


def test_progress_codes_and_suspend_data_keep_attendance(browser, url, course, codes):
    record = {"v": 2, "course": course.id, "seed": "abc", "q": {}, "quiz": {}, "cases": {}, "visited": {},
              "att": {"sesion-1": 1, "sesion-4": 1}, "last": ""}
    page = open_page(browser, url, "mi-progreso/", record)
    code = page.locator("#cb-code").input_value()
    assert progress_code.decode(code, progress_code.shape(course))["att"] == {"sesion-1": 1, "sesion-4": 1}
    page.context.close()
    other = open_page(browser, url, "en/mi-progreso/")
    other.locator("#cb-import").fill(code)
    other.locator("button.cb-import").click()
    other.wait_for_load_state("load")
    ready(other)
    assert stored(other)["att"] == {"sesion-1": 1, "sesion-4": 1}
    other.goto(f"{url}/en/programa/")
    ready(other)
    assert other.locator("#sesion-1 .cb-attend-done").is_visible() and other.locator("#sesion-3 .cb-attend-form").is_visible()
    other.context.close()

    # Inside an LMS: a code entered goes into suspend_data, which the next launch hands back.
    lms = open_page(browser, url, "programa/", bridge=json.dumps({"v": 2, "c": course.id, "s": "lms", "m": []}))
    enter(lms, "sesion-3", codes["sesion-3"])
    lms.locator("#sesion-3 .cb-attend-done").wait_for()
    suspend = lms.evaluate("window.__sets[window.__sets.length - 1]")
    assert json.loads(suspend)["p"] == ["sesion-3"]
    lms.context.close()
    again = open_page(browser, url, "programa/", bridge=suspend)
    assert again.locator("#sesion-3 .cb-attend-done").is_visible()
    assert again.locator(".cb-attend-count").inner_text().startswith("Asistencia registrada: 1 de 3")
    again.context.close()


def test_the_codes_are_nowhere_in_the_site_or_the_repository(project, codes):
    pattern = re.compile("|".join(codes.values()).encode())
    site = [p for p in (project / "site").rglob("*") if p.is_file()]
    assert len(site) > 50 and any(p.name == "index.html" and p.parent.name == "programa" for p in site)
    assert [p for p in site if pattern.search(p.read_bytes())] == []
    files = subprocess.run(["git", "ls-files", "-z"], cwd=REPO, capture_output=True, check=True).stdout.split(b"\0")
    found = [f for f in files if f and (REPO / f.decode()).is_file() and pattern.search((REPO / f.decode()).read_bytes())]
    assert found == []
    # The grep would find them: the trainer's exported decks (outside the site) hold them.
    decks = project / "export" / "slides"
    assert all(pattern.search((decks / d / "index.html").read_bytes()) for d in
               ("diapositivas/sesion-1", "diapositivas/sesion-3", "en/diapositivas/sesion-4"))


@pytest.mark.parametrize("lang", ["", "en/"])
def test_programme_and_certificate_states_have_no_axe_violations(browser, url, course, codes, lang):
    from tests.browser.test_accessibility import violations
    page = open_page(browser, url, f"{lang}programa/")
    page.set_viewport_size({"width": 390, "height": 844})
    enter(page, "sesion-1", "7K3M9Q")               # wrong
    enter(page, "sesion-3", codes["sesion-3"])      # right
    page.locator("#sesion-3 .cb-attend-done").wait_for()
    assert violations(page) == []
    page.context.close()
    page = open_page(browser, url, f"{lang}certificado/", complete_record(course))
    page.locator("#cb-pname").fill("Ana")
    page.locator(".cb-p-view .md-button--primary").click()
    assert violations(page) == []
    page.context.close()
