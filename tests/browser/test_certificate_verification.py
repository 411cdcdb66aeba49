"""A certificate is checked against the participant's progress record: the browser's
verification page and `build_course.py verify` accept a real certificate, dates typed as
printed, and reject codes made without the record, for another name, or from a record that
did not pass."""
from __future__ import annotations

import json
import re

import pytest

from course_builder.cli import main as cli_main
from course_builder.verification import code
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
