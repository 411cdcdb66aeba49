"""Issue 3 in a real browser: every question type by keyboard, progress, storage faults,
moving progress between browsers, the certificate and its verification."""
from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
KEY = "cb:curso-ejemplo"


def check(page, q):
    q.locator(".cb-check").focus()
    page.keyboard.press("Enter")
    return q.locator(".cb-status").inner_text()


def retry(page, q):
    assert page.evaluate("document.activeElement.classList.contains('cb-retry')")
    page.keyboard.press("Enter")


def choose(page, select, text):
    """Pick an option of a <select> with the keyboard only (type-ahead on the focused control)."""
    select.focus()
    page.keyboard.type(text, delay=30)
    assert select.evaluate("s => s.options[s.selectedIndex].text") .startswith(text)


def order_and_match(page, ordering, matching):
    """Answer the example course's ordering (s1, s2, s3) and matching (p1–p3) questions right."""
    for pos, item in enumerate(("s1", "s2", "s3"), 1):
        ordering.locator(f"select[name={item}]").select_option(str(pos))
    check(page, ordering)
    for item in ("p1", "p2", "p3"):
        matching.locator(f"select[name={item}]").select_option(f"r-{item}")
    check(page, matching)


def pass_module_one(page, site_url):
    page.goto(f"{site_url}/01-primeros-pasos/")
    q1, q2 = page.locator("#q-ej-q1"), page.locator("#q-ej-q2")
    q1.locator("#q-ej-q1-b").check()
    check(page, q1)
    q2.locator("#q-ej-q2-false").check()
    check(page, q2)


def pass_module_two(page, site_url, prefix=""):
    page.goto(f"{site_url}/{prefix}02-segundo-modulo/")
    q3 = page.locator("#q-ej-q3")
    q3.locator("#q-ej-q3-a").check()
    q3.locator("#q-ej-q3-b").check()
    check(page, q3)
    page.locator("#q-ej-q4 input[type=text]").fill("devolucion" if not prefix else "refoulement")
    check(page, page.locator("#q-ej-q4"))
    order_and_match(page, page.locator("#q-ej-q5"), page.locator("#q-ej-q6"))


def pass_final(page, site_url):
    page.goto(f"{site_url}/02-segundo-modulo/")
    quiz = page.locator("#quiz-final")
    assert quiz.locator("form.cb-question:visible").count() == 3
    quiz.locator("#q-ej-p1 input[type=text]").fill("  DEVOLUCIÓN. ")
    check(page, quiz.locator("#q-ej-p1"))
    order_and_match(page, quiz.locator("#q-ej-p2"), quiz.locator("#q-ej-p3"))


def test_every_question_type_wrong_then_right_by_keyboard(page, site_url):
    page.goto(f"{site_url}/02-segundo-modulo/")
    q3 = page.locator("#q-ej-q3")  # multiple: says what was missed
    q3.locator("#q-ej-q3-a").focus()
    page.keyboard.press("Space")
    assert check(page, q3) == "Parcialmente correcto. Le faltó marcar 1 opción(es) correcta(s). Correcto."
    retry(page, q3)
    q3.locator("#q-ej-q3-b").focus()  # options are shuffled for this quiz: find b by id
    page.keyboard.press("Space")
    assert check(page, q3).startswith("Correcto.")

    q4 = page.locator("#q-ej-q4")  # fill_in: case, accents and end punctuation do not count
    q4.locator("input").focus()
    page.keyboard.type("retorno")
    assert check(page, q4) == "Incorrecto."
    retry(page, q4)
    page.keyboard.press("Control+A")
    page.keyboard.type("DEVOLUCION.")
    assert check(page, q4) == "Correcto."

    q5 = page.locator("#q-ej-q5")  # ordering with per-item position selects
    for item, pos in (("s1", "2"), ("s2", "1"), ("s3", "3")):
        choose(page, q5.locator(f"#q-ej-q5-{item}"), pos)
    assert check(page, q5) == "Incorrecto. 2 elemento(s) no están en la posición correcta."
    retry(page, q5)
    for item, pos in (("s1", "1"), ("s2", "2")):
        choose(page, q5.locator(f"#q-ej-q5-{item}"), pos)
    assert check(page, q5) == "Correcto."

    q6 = page.locator("#q-ej-q6")  # matching
    choose(page, q6.locator("#q-ej-q6-p1"), "Sistema")
    choose(page, q6.locator("#q-ej-q6-p2"), "Protección")
    choose(page, q6.locator("#q-ej-q6-p3"), "Servicio")
    assert check(page, q6) == "Incorrecto. 2 pareja(s) no son correctas."
    retry(page, q6)
    choose(page, q6.locator("#q-ej-q6-p1"), "Protección")
    choose(page, q6.locator("#q-ej-q6-p2"), "Sistema")
    assert check(page, q6) == "Correcto."
    assert page.locator("#quiz-q-segundo .cb-score").inner_text() == \
        "Puntaje: 100 % (4 de 4 correctas). Aprobado: alcanzó la nota mínima de 50 %."
    assert page.errors == [] and page.outside_requests == []


def test_progress_survives_reload_and_language_switch(page, site_url):
    pass_module_one(page, site_url)
    page.goto(f"{site_url}/en/mi-progreso/")
    row = page.locator('tr[data-module="01-primeros-pasos"] td')
    assert [c.inner_text() for c in row.all()] == ["First steps", "Passed", "100 %"]
    assert page.locator('tr[data-module="02-segundo-modulo"] td').nth(1).inner_text() == "Not started"
    assert page.locator(".cb-overall").inner_text() == "Overall progress: 1 of 3 completed."
    assert page.locator(".cb-app a.md-button--primary").inner_text() == "Continue where you left off: First steps"
    page.reload()
    assert page.locator('tr[data-module="01-primeros-pasos"] td').nth(1).inner_text() == "Passed"


def test_older_schema_is_migrated(page, site_url):
    v1 = {"v": 1, "seed": "abc", "quiz": {"q-primeros": {"done": {
        "ej-q1": {"ok": True, "final": True, "tries": 1}, "ej-q2": {"ok": True, "final": True, "tries": 2}}}},
        "visited": {"01-primeros-pasos": 1}}
    page.context.add_init_script(f"localStorage.setItem({json.dumps(KEY)}, {json.dumps(json.dumps(v1))})")
    page.goto(f"{site_url}/mi-progreso/")
    assert page.locator('tr[data-module="01-primeros-pasos"] td').nth(1).inner_text() == "Aprobado"
    stored = json.loads(page.evaluate(f"localStorage.getItem({json.dumps(KEY)})"))
    assert stored["v"] == 2 and stored["course"] == "curso-ejemplo"
    assert set(stored["q"]) == {"ej-q1", "ej-q2"} and "done" not in stored["quiz"]["q-primeros"]
    assert page.locator(".cb-storage-note").count() == 0
    page.goto(f"{site_url}/01-primeros-pasos/")  # answers without a hash are kept and shown
    assert page.locator("#quiz-q-primeros .cb-score").inner_text().startswith("Puntaje: 100 %")


def test_rewritten_question_loses_its_answer_and_others_keep_theirs(page, site_url):
    pass_module_one(page, site_url)
    stored = json.loads(page.evaluate(f"localStorage.getItem({json.dumps(KEY)})"))
    stored["q"]["ej-q1"]["h"] = "0000000000"  # as if ej-q1 had been rewritten in a course update
    page.evaluate(f"localStorage.setItem({json.dumps(KEY)}, {json.dumps(json.dumps(stored))})")
    page.reload()
    assert page.locator("#q-ej-q1 .cb-check").is_visible()
    assert page.locator("#q-ej-q2 .cb-status").inner_text() == "Correcto."
    assert page.locator("#quiz-q-primeros .cb-score").inner_text() == "Respondidas: 1 de 2."


def test_corrupted_storage_is_reset_with_a_notice(page, site_url):
    page.context.add_init_script(f"if (!sessionStorage.getItem('x')) {{ sessionStorage.setItem('x', 1); "
                                 f"localStorage.setItem({json.dumps(KEY)}, '{{not json'); }}")
    page.goto(f"{site_url}/01-primeros-pasos/")
    assert page.locator(".cb-storage-note").inner_text() == \
        "Los datos de avance guardados estaban dañados o no eran de este curso y se reiniciaron."
    q1 = page.locator("#q-ej-q1")
    q1.locator("#q-ej-q1-b").check()
    assert check(page, q1).startswith("Correcto.")
    page.reload()
    assert page.locator(".cb-storage-note").count() == 0
    assert page.errors == []


def test_storage_that_throws_still_lets_the_participant_work(page, site_url):
    page.context.add_init_script("""
        for (const m of ['getItem', 'setItem', 'removeItem']) {
          Storage.prototype[m] = function () { throw new DOMException('denied', 'SecurityError'); };
        }""")
    page.goto(f"{site_url}/01-primeros-pasos/")
    assert page.locator(".cb-storage-note").inner_text().startswith("Su navegador no permite guardar datos")
    q1 = page.locator("#q-ej-q1")
    q1.locator("#q-ej-q1-b").check()
    assert check(page, q1).startswith("Correcto.")
    page.goto(f"{site_url}/mi-progreso/")
    assert page.locator(".cb-progress").is_visible()
    # Material's own palette script reads storage too and reports the injected exception.
    assert [e for e in page.errors if "denied" not in e] == []


def test_progress_moves_to_a_second_browser_with_a_code(browser, page, site_url):
    pass_module_one(page, site_url)
    page.goto(f"{site_url}/mi-progreso/")
    code = page.locator("#cb-code").input_value()
    assert re.fullmatch(r"[A-Za-z0-9_-]+", code)

    other = browser.new_context().new_page()
    other.goto(f"{site_url}/en/mi-progreso/")
    other.locator("#cb-import").fill("not a code")
    other.locator("button", has_text="Import the code").click()
    assert other.locator(".cb-app [role=status]").inner_text() == \
        "That code or file is not valid progress for this course."
    other.locator("#cb-import").fill(code)
    other.locator("button", has_text="Import the code").click()
    expect(other.locator('tr[data-module="01-primeros-pasos"] td').nth(1)).to_have_text("Passed")
    other.context.close()


def test_reset_needs_confirmation(page, site_url):
    pass_module_one(page, site_url)
    page.goto(f"{site_url}/mi-progreso/")
    page.locator(".cb-reset").click()
    assert page.locator(".cb-reset-confirm").is_visible()
    assert page.evaluate("document.activeElement.classList.contains('cb-reset-confirm')")
    page.locator(".cb-reset-confirm").click()
    expect(page.locator('tr[data-module="01-primeros-pasos"] td').nth(1)).to_have_text("Sin empezar")
    assert page.locator(".cb-overall").inner_text() == "Avance general: 0 de 3 completados."


def test_certificate_refused_before_and_unlocked_after_a_full_pass(page, site_url):
    pass_module_one(page, site_url)
    page.goto(f"{site_url}/certificado/")
    assert page.locator(".cb-left").inner_text() == "Para obtener el certificado le falta aprobar:"
    assert page.locator(".cb-left-list li").all_inner_texts() == ["Comprobación: segundo módulo", "Evaluación final"]
    assert page.locator("#cb-name").count() == 0

    pass_module_two(page, site_url)
    pass_final(page, site_url)
    assert page.locator("#quiz-final .cb-score").inner_text().startswith("Puntaje: 100 %")
    page.goto(f"{site_url}/en/certificado/")
    page.locator("#cb-name").fill("  Ana   María Pérez ")
    page.locator("button", has_text="Show the certificate").click()
    cert = page.locator(".cb-certificate")
    assert cert.locator(".cb-cert-name").inner_text() == "Ana María Pérez"
    text = cert.inner_text()
    assert "Regional Conference" not in text and "Test team" in text
    assert "(version 0.1.0), 1 hours, with a score of 100% in the final assessment." in text
    assert "It is not the official certificate of the CRM–IOM training programme." in text
    code = re.search(r"Verification code: (\w{4}-\w{4}-\w{4})", text).group(1)
    page.emulate_media(media="print")
    assert not page.locator(".md-header").is_visible()
    page.emulate_media(media="screen")

    date = json.loads(page.evaluate(f"localStorage.getItem({json.dumps(KEY)})"))["quiz"]["final"]["result"]["at"]
    page.goto(f"{site_url}/verificar/")
    for field, value in (("name", "ana maría pérez"), ("date", date), ("score", "100"), ("code", code.lower())):
        page.locator(f"#cb-v-{field}").fill(value)
    page.locator("button", has_text="Verificar").click()
    assert page.locator(".cb-verify-result").inner_text() == "El código corresponde a estos datos."
    page.locator("#cb-v-score").fill("90")
    page.locator("button", has_text="Verificar").click()
    assert page.locator(".cb-verify-result").inner_text() == "El código no corresponde a estos datos."
    assert page.errors == [] and page.outside_requests == []


def test_reveal_after_two_tries_and_stable_shuffle(page, site_url):
    page.goto(f"{site_url}/02-segundo-modulo/")
    q3 = page.locator("#q-ej-q3")
    order = q3.locator(".cb-option").evaluate_all("els => els.map(e => e.dataset.option)")
    assert sorted(order) == ["a", "b", "c"]
    page.reload()
    assert q3.locator(".cb-option").evaluate_all("els => els.map(e => e.dataset.option)") == order
    q3.locator("#q-ej-q3-c").check()
    check(page, q3)
    assert not q3.locator(".cb-reveal").is_visible()
    page.keyboard.press("Enter")
    q3.locator("#q-ej-q3-c").check()
    assert check(page, q3).startswith("Incorrecto.")
    q3.locator(".cb-reveal").click()
    assert q3.locator(".cb-status").inner_text() == \
        "Se muestra la respuesta correcta. La respuesta correcta es: Informar a la persona; Pedir su consentimiento."
    assert q3.locator("#q-ej-q3-a").is_checked() and not q3.locator("#q-ej-q3-c").is_checked()
    assert page.evaluate("document.activeElement.classList.contains('cb-explanation')")
    assert page.locator("#quiz-q-segundo .cb-score").inner_text() == "Respondidas: 1 de 4."


def test_certificate_prints_alone_on_a4(page, site_url, tmp_path):
    pass_module_one(page, site_url)
    pass_module_two(page, site_url)
    pass_final(page, site_url)
    page.goto(f"{site_url}/certificado/")
    page.locator("#cb-name").fill("Ana María Pérez")
    page.locator("button", has_text="Mostrar el certificado").click()
    pdf = tmp_path / "certificado.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=True)
    data = pdf.read_bytes()
    (Path("/tmp") / "cb-cert.pdf").write_bytes(data) if os.environ.get("CB_KEEP_PDF") else None
    assert data.startswith(b"%PDF") and len(re.findall(rb"/Type\s*/Page[^s]", data)) == 1
