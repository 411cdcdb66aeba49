"""A certificate is checked against the participant's progress record: the browser's
verification page and `build_course.py verify` accept a real certificate, dates typed as
printed, and reject codes made without the record, for another name, or from a record that
did not pass. Ten real codes typed in every accepted spelling, codes issued before the
Crockford alphabet among them, verify on both; garbage gets one sentence on both.

Screenshots of the verdicts land in /tmp/shots/ (not committed) for a person to look at."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from course_builder.cli import main as cli_main
from course_builder.verification import certificate_parts, code, legacy_code
from tests.browser.conftest import guarded_page, ready
from tests.conftest import make_project
from tests.browser.test_participant import pass_final, pass_module_one, pass_module_two

pytestmark = pytest.mark.browser
KEY = "cb:curso-ejemplo"


@pytest.fixture
def certified(page, site_url):
    """A participant who passed everything and printed a certificate: (page, code, printed date, record)."""
    pass_module_one(page, site_url)
    pass_module_two(page, site_url)
    pass_final(page, site_url)
    page.goto(f"{site_url}/certificado/")
    page.locator("#cb-name").fill("Ana María Pérez")
    page.locator(".cb-cert-form button.md-button--primary").click()
    text = page.locator(".cb-certificate").inner_text()
    cert = re.search(r"(\w{4}-\w{4}-\w{4})", text).group(1)
    printed = re.search(r"Fecha: (.+)", text).group(1).strip()
    return page, cert, printed, page.evaluate(f"localStorage.getItem({json.dumps(KEY)})")


def verify_in_page(page, site_url, **fields):
    page.goto(f"{site_url}/verificar/")
    for name, value in fields.items():
        page.locator(f"#cb-v-{name}").fill(value)
    page.locator(".cb-verify button[type=submit]").click()
    return page.locator(".cb-verify-result").inner_text()


def test_verification_page_accepts_the_real_certificate_and_rejects_forgeries(certified, site_url):
    page, cert, printed, record = certified
    assert re.fullmatch(r"\d{1,2} de \w+ de \d{4}", printed)
    result = verify_in_page(page, site_url, code=cert.lower(), progress=record, name="ana maria perez", date=printed)
    assert result.startswith("Certificado coherente") and "Ana María Pérez" in result

    # The old scheme (a checksum of the printed details only) no longer makes a valid code.
    at = json.loads(record)["quiz"]["final"]["result"]["at"]
    forged = code(["Ana María Pérez", at, "0.1.0", 100])
    result = verify_in_page(page, site_url, code=forged, progress=record)
    assert result.startswith("No se puede confirmar") and "no corresponde a este registro" in result

    # Another name typed than the one the record was certified for.
    result = verify_in_page(page, site_url, code=cert, progress=record, name="Otra Persona")
    assert "El nombre escrito no es el del registro." in result
    assert page.errors == [] and page.outside_requests == []


def test_progress_code_from_my_progress_verifies_in_english_too(certified, site_url):
    page, cert, printed, record = certified
    page.goto(f"{site_url}/mi-progreso/")
    progress_code = page.locator("#cb-code").input_value()
    page.goto(f"{site_url}/en/verificar/")
    page.locator("#cb-v-code").fill(cert)
    page.locator("#cb-v-progress").fill(progress_code)
    page.locator("#cb-v-date").fill(printed)  # the Spanish printed date is read too
    page.locator(".cb-verify button[type=submit]").click()
    assert page.locator(".cb-verify-result").inner_text().startswith("Certificate consistent")


def test_trainer_command_verifies_the_file_and_the_code(certified, site_url, tmp_path, capsys):
    page, cert, printed, record = certified
    project = make_project(tmp_path)  # the example course the site under test was built from
    progress = tmp_path / "progress.json"
    progress.write_text(record, encoding="utf-8")
    args = ["--project", str(project), "verify", str(progress)]

    assert cli_main([*args, "--certificate", cert, "--date", printed, "--name", "ANA MARIA PEREZ"]) == 0
    out = capsys.readouterr().out
    assert "name: Ana María Pérez" in out and f"code made from this record: {cert}" in out and "valid:" in out

    forged = code(["Ana María Pérez", json.loads(record)["quiz"]["final"]["result"]["at"], "0.1.0", 100])
    assert cli_main([*args, "--certificate", forged]) == 1
    assert "problem: the certificate's code is not the one made from this record" in capsys.readouterr().out

    # A record that did not pass: the final assessment's result removed.
    failing = json.loads(record)
    failing["quiz"]["final"]["result"]["passed"] = False
    progress.write_text(json.dumps(failing), encoding="utf-8")
    assert cli_main([*args, "--certificate", cert]) == 1
    assert "not passed in this record: Evaluación final" in capsys.readouterr().out

    # The short progress code works as well as the file.
    page.goto(f"{site_url}/mi-progreso/")
    assert cli_main([*args[:-1], page.locator("#cb-code").input_value(), "--certificate", cert]) == 0


# ---- ten real codes, every accepted spelling, on the page and with `verify`

NAMES = ["Ana María Pérez", "José Núñez", "Zoë O'Brien", "Li Xiaolong", "Ørjan Ødegård", "Fatou Ndiaye",
         "María José Quispe", "Jean-Luc Ilunga", "Chiara Lombardi", "Ulises Valderrama"]
SHOTS = Path("/tmp/shots")


def spellings(c: str) -> dict[str, str]:
    """How a person may type the printed code ``c``: each accepted spelling by what it tries."""
    plain = c.replace("-", "")
    return {"as printed": c, "lower case": c.lower(), "no dashes": plain, "no dashes, lower": plain.lower(),
            "spaces": f" {plain[:4]} {plain[4:8]}  {plain[8:]} ", "O for 0": c.replace("0", "O"),
            "o for 0, lower": c.lower().replace("0", "o"), "I for 1": c.replace("1", "I"),
            "l for 1": c.lower().replace("1", "l"), "L for 1, no dashes": plain.replace("1", "L"),
            "0 for O": c.replace("O", "0"), "1 for I and L": c.replace("I", "1").replace("L", "1")}


@pytest.fixture
def ten_certificates(certified, site_url):
    """Ten records (the passing one, each with its own random seed and name) and the code the real
    certificate page printed for each: [(record JSON, printed code, the code issued before)]."""
    page, cert, printed, record = certified
    out = []
    for i, name in enumerate(NAMES):
        data = json.loads(record)
        data["seed"] = f"s{i}x{i * 7919:x}q"
        data["name"] = name
        # A fixed date: the same ten codes on any day, so the look-alikes below are always among them.
        data["quiz"]["final"]["result"]["at"] = "2026-12-02"
        page.evaluate("([k, v]) => localStorage.setItem(k, v)", [KEY, json.dumps(data)])
        page.goto(f"{site_url}/certificado/")
        ready(page)
        page.locator(".cb-cert-form button.md-button--primary").click()
        made = re.search(r"(\w{4}-\w{4}-\w{4})", page.locator(".cb-cert-code").inner_text()).group(1)
        data = json.loads(page.evaluate(f"localStorage.getItem({json.dumps(KEY)})"))
        fin = data["quiz"]["final"]["result"]
        parts = certificate_parts(data, data["name"], fin["at"], fin["score"], "0.1.0")
        assert made == code(parts)
        out.append((json.dumps(data), made, legacy_code(parts)))
    return out


def test_ten_real_codes_verify_in_every_spelling_on_the_page_and_with_verify(ten_certificates, browser, site_url,
                                                                              tmp_path, capsys):
    new = "".join(c for _, c, _ in ten_certificates)
    old = "".join(c for _, _, c in ten_certificates)
    assert not set("ILOU") & set(new) and {"0", "1"} <= set(new)  # so O for 0 and I/L for 1 are tried
    assert {"O", "I", "L", "U", "0", "1"} <= set(old)
    project = make_project(tmp_path)
    page = guarded_page(browser.new_context(viewport={"width": 390, "height": 844}), site_url)
    tried = 0
    for i, (record, printed, issued_before) in enumerate(ten_certificates):
        other_record = ten_certificates[(i + 1) % len(ten_certificates)][0]
        progress = tmp_path / f"progress-{i}.json"
        progress.write_text(record, encoding="utf-8")
        page.goto(f"{site_url}/{'en/' if i % 2 else ''}verificar/")
        ready(page)
        page.locator("#cb-v-progress").fill(record)
        ok = "Certificate consistent" if i % 2 else "Certificado coherente"
        for kind, c in (("new", printed), ("issued before", issued_before)):
            for what, typed in spellings(c).items():
                page.locator("#cb-v-code").fill(typed)
                page.locator(".cb-verify button[type=submit]").click()
                result = page.locator(".cb-verify-result").inner_text()
                assert result.startswith(ok), (kind, what, typed, result)
                assert cli_main(["--project", str(project), "verify", str(progress), "--certificate", typed]) == 0, \
                    (kind, what, typed, capsys.readouterr())
                assert "valid:" in capsys.readouterr().out
                tried += 1
        # The same code against another participant's record: not valid, on both.
        page.locator("#cb-v-progress").fill(other_record)
        page.locator("#cb-v-code").fill(printed.lower().replace("-", ""))
        page.locator(".cb-verify button[type=submit]").click()
        assert not page.locator(".cb-verify-result").inner_text().startswith(ok)
        other = tmp_path / "other.json"
        other.write_text(other_record, encoding="utf-8")
        assert cli_main(["--project", str(project), "verify", str(other), "--certificate", printed]) == 1
        capsys.readouterr()
    assert tried == 10 * 2 * len(spellings("X"))
    assert page.errors == [] and page.outside_requests == []
    page.context.close()


@pytest.mark.parametrize("prefix,width", [("", 390), ("en/", 1280)])
def test_unreadable_code_and_progress_get_one_sentence_each(certified, browser, site_url, tmp_path, capsys,
                                                             prefix, width):
    _, printed, _, record = certified
    page = guarded_page(browser.new_context(viewport={"width": width, "height": 844}), site_url)
    page.goto(f"{site_url}/{prefix}verificar/")
    ready(page)
    es = not prefix
    code_sentence = "Este código no se puede leer; revise las letras." if es else \
        "This code is not readable — check the letters."
    progress_sentence = ("Este código o archivo de progreso no se puede leer para este curso; revise que esté "
                         "copiado completo.") if es else \
        "This progress code or file is not readable for this course — check that it was copied whole."
    result = page.locator(".cb-verify-result")

    def submit(code_text, progress_text):
        page.locator("#cb-v-code").fill(code_text)
        page.locator("#cb-v-progress").fill(progress_text)
        page.locator(".cb-verify button[type=submit]").click()
        return result.inner_text().strip()

    project = make_project(tmp_path)
    progress = tmp_path / "progress.json"
    progress.write_text(record, encoding="utf-8")
    for garbage in ("", "xyz", printed[:-1], printed + "7", printed.replace("-", "."), "Código: " + printed, "¿?"):
        assert submit(garbage, record) == code_sentence, garbage
        if garbage:
            assert cli_main(["--project", str(project), "verify", str(progress), "--certificate", garbage]) == 2
            assert "this code is not readable — check the letters" in capsys.readouterr().err
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"codes-unreadable-code-{width}.png"), full_page=True)
    for garbage in ("!!!!", "bm90IGpzb24", "e30", "[1, 2]", record[:-5]):
        assert submit(printed, garbage) == progress_sentence, garbage
        assert cli_main(["--project", str(project), "verify", garbage, "--certificate", printed]) == 2
        assert "this progress code or file is not readable — check that it was copied whole" in capsys.readouterr().err
    assert submit("nope", "!!!!") == code_sentence + "\n\n" + progress_sentence
    page.screenshot(path=str(SHOTS / f"codes-unreadable-both-{width}.png"), full_page=True)
    assert submit(printed.lower(), record).startswith("Certificado coherente" if es else "Certificate consistent")
    page.screenshot(path=str(SHOTS / f"codes-valid-{width}.png"), full_page=True)
    # The code field takes a code as typed from paper on a phone.
    field = page.locator("#cb-v-code")
    assert [field.get_attribute(a) for a in ("autocomplete", "autocapitalize", "spellcheck")] == \
        ["off", "characters", "false"]
    assert page.errors == [] and page.outside_requests == []
    page.context.close()
