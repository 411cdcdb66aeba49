"""Dates typed on the verification page or given to `verify --date`: as the certificate prints them in
any course language (month names from the locale key `months`), shortened, or ISO. The browser's
js/60-verify.js builds the same table from the page's `months` (tests/browser/test_certificate_verification.py)."""
from __future__ import annotations

from course_builder import strings
from course_builder.verification import iso_date, month_numbers


def test_printed_dates_in_every_course_language_and_iso():
    try:
        strings.use({"pt": {"ui": {"months": "janeiro, fevereiro, março, abril, maio, junho, julho, agosto, setembro, "
                                             "outubro, novembro, dezembro"}}})
        months = month_numbers([strings.t(x, "months") for x in ("pt", "es", "en")])
        assert iso_date("2 de diciembre de 2026", months) == "2026-12-02"
        assert iso_date("2 December 2026", months) == iso_date("December 2, 2026", months) == "2026-12-02"
        assert iso_date("5 de março de 2027", months) == "2027-03-05"  # accents do not count
        assert iso_date("5 MARCO 2027", months) == "2027-03-05"
        assert iso_date("7 sept. 2026", months) == "2026-09-07"      # three letters or more
        assert iso_date("2026-1-9", months) == "2026-01-09"
        assert iso_date("2 de setembro de 2026", month_numbers([strings.t("en", "months")])) is None  # not a course language
        assert iso_date("2 de diciembre", months) is None and iso_date("31 de fe de 2026", months) is None
    finally:
        strings.use({})
