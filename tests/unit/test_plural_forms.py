"""Plural forms of the interface texts that count: CLDR cardinal rules per language (strings.plural, Babel),
the same category as the browser's Intl.PluralRules (js/00-core.js), the forms of the shipped languages,
and a course's plural texts checked: `other` required, only categories its language has, only for texts
that count, each problem at its file:line. The pages: tests/browser/test_plural_forms.py."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from course_builder import strings
from course_builder.diagnostics import Reporter
from course_builder.pipeline import load
from course_builder.skeleton import strings_file
from course_builder.yamlsrc import YMap, load_file
from tests.conftest import make_project
from tests.unit import course_js

LOCALES = Path(strings.__file__).parent / "locales"
NUMBERS = [*range(0, 32), 100, 101, 102, 105, 111, 112, 121, 1000, 1001, 10000, 100000, 1000000, 2000000,
           0.5, 1.5, 2.5, 3.25, 11.1, 21.7]
LANGUAGES = ["es", "en", "fr", "pt", "pt-PT", "de", "it", "ca", "nl", "ru", "uk", "pl", "cs", "sk", "lt", "lv", "ro",
             "sl", "hr", "sr", "ar", "he", "mt", "ga", "cy", "gd", "br", "is", "mk", "tr", "sw", "hi", "bn", "fa",
             "ja", "zh", "ko", "th", "id", "am", "ht", "qu", "ay", "gn", "tk", "fy", "yo"]
# Not above: vi, gl and tg, whose rules changed between CLDR 48 (Node's and Chromium's ICU 78) and 49 (Babel
# 2.19); on a page the script writes, the browser's copy decides.


def test_the_rules_of_the_shipped_languages():
    assert strings.categories("es") == ("one", "many", "other")
    assert strings.categories("en") == ("one", "other")
    assert [strings.plural("es", n) for n in (0, 1, 2, 1.5, 1000000)] == ["other", "one", "other", "other", "many"]
    assert [strings.plural("en", n) for n in (0, 1, 2, 1.5, 1.0, "1", None, True)] == \
        ["other", "one", "other", "other", "one", "one", "other", "other"]
    # More categories where a language has them.
    assert [strings.plural("pl", n) for n in (1, 2, 5, 22, 25, 1.5)] == ["one", "few", "many", "few", "many", "other"]
    assert [strings.plural("ar", n) for n in (0, 1, 2, 3, 11, 100)] == ["zero", "one", "two", "few", "many", "other"]
    assert strings.categories("ja") == ("other",) and strings.plural("ja", 1) == "other"
    # A language CLDR does not know: one for 1, other for the rest; a region it does not know: its language's.
    assert strings.categories("xx") == ("one", "other") and [strings.plural("xx", n) for n in (1, 2)] == ["one", "other"]
    assert strings.plural("es-XY", 1000000) == "many"


def test_python_chooses_the_category_the_browser_chooses_in_every_language():
    calls = [("pluralCategory", [n, lang]) for lang in [*LANGUAGES, "xx", "zz-ZZ"] for n in NUMBERS]
    js = course_js.run(["00-core.js"], calls)
    python = [strings.plural(lang, n) for _, (n, lang) in calls]
    differ = [(c[1], p, j) for c, p, j in zip(calls, python, js) if p != j]
    assert not differ, differ[:20]
    # And the categories each language has, as the browser lists them.
    listed = course_js.run(["00-core.js"], [("categoriesOf", [lang]) for lang in LANGUAGES],
                           extra="function categoriesOf(l) { return new Intl.PluralRules(l).resolvedOptions()"
                                 ".pluralCategories; }")
    for lang, cats in zip(LANGUAGES, listed):
        assert set(strings.categories(lang)) == set(cats), lang


def test_the_browser_fills_in_the_form_by_n():
    forms = strings.BUILTIN["en"]["js"]["unanswered"]
    out = course_js.run(["00-core.js"], [("fmt", [forms, {"n": n}]) for n in (1, 2, 0)] +
                        [("fmt", [forms, {}]), ("fmt", ["{n} %", {"n": 1}])])
    assert out == ["1 question still unanswered.", "2 questions still unanswered.", "0 questions still unanswered.",
                   "{n} questions still unanswered.", "1 %"]


def test_every_shipped_text_that_counts_has_valid_forms_and_python_fills_them():
    strings.use({})  # the generator's own texts (a course loaded by an earlier test may have replaced some)
    for path in sorted(LOCALES.glob("*.yml")):
        rep = Reporter(LOCALES)
        node = load_file(path, rep)
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for section in strings.SECTIONS:
            for key, value in data[section].items():
                if isinstance(value, dict):
                    assert strings.form_problems(path.stem, section, key, value) == [], (path.name, key)
                    assert isinstance(node.get(section).get(key), YMap)
                else:
                    assert isinstance(value, str) and value.strip()
    es, en = strings.JS_STRINGS["es"], strings.JS_STRINGS["en"]
    assert strings.section_text("js", "es", "unanswered", n=1) == "Falta 1 pregunta por responder."
    assert strings.section_text("js", "es", "unanswered", n=2) == "Faltan 2 preguntas por responder."
    assert strings.section_text("js", "en", "unanswered", n=1) == "1 question still unanswered."
    assert strings.section_text("js", "es", "overall", done=0, total=1) == "Avance: 0 de 1 paso completado."
    assert strings.section_text("js", "en", "overall", done=0, total=9) == "Progress: 0 of 9 steps completed."
    assert strings.t("es", "home_summary", hours="1", modules=1) == "1 h · 1 módulo · certificado"
    assert strings.t("en", "duration", minutes=1) == "Estimated time: 1 minute"
    assert strings.section_text("handbook", "es", "pools_intro", title="T", draw=20).count("20 preguntas elegidas")
    # Every text that counts names a value its text fills in (the one the browser passes as n).
    for section, keys in strings.COUNTS.items():
        for key, value in keys.items():
            for table in (es, en) if section == "js" else (strings.TABLES[section]["es"], strings.TABLES[section]["en"]):
                other = table[key]["other"] if isinstance(table[key], dict) else table[key]
                assert "{" + value + "}" in other, (section, key)


def test_every_counting_text_the_browser_fills_gets_its_n():
    """The script passes the count as n wherever it fills in a text that counts (js/ and search.js)."""
    import re
    from course_builder import qtypes
    scripts = [*sorted(course_js.JS.glob("*.js")), course_js.JS.parent / "search.js", *qtypes.script_parts()]
    source = "\n".join(p.read_text(encoding="utf-8") for p in scripts)
    calls = re.findall(r"fmt\((?:s|this\.s)\.(\w+), \{([^}]*)\}\)", source)
    calls += [(k, v) for k in ("missed", "wrong_picked", "order_wrong", "match_wrong")
              for v in re.findall(r"fmt\(what, \{([^}]*)\}\)", source)]
    seen = set()
    for key, values in calls:
        if key in strings.COUNTS["js"]:
            seen.add(key)
            count = strings.COUNTS["js"][key]
            assert re.search(rf"\bn: ({count}\b|[\w.]*\.{count}\b)" if count != "n" else r"\bn:", values), (key, values)
    assert seen == set(strings.COUNTS["js"])


def write_strings(project, lang: str, body: str) -> Path:
    folder = project / "course" / "strings"
    folder.mkdir(exist_ok=True)
    path = folder / f"{lang}.yml"
    path.write_text(body, encoding="utf-8")
    return path


def test_a_course_gives_plural_forms_and_every_mistake_is_named_at_its_line(tmp_path):
    project = make_project(tmp_path)
    write_strings(project, "es", "js:\n"
                  "  unanswered:\n"
                  "    one: Le queda {n} pregunta.\n"
                  "    many: Le quedan {n} de preguntas.\n"
                  "    other: Le quedan {n} preguntas.\n")
    try:
        course, diags = load(project)
        assert [d for d in diags if d.code.startswith("strings")] == []
        assert strings.section_text("js", "es", "unanswered", n=1) == "Le queda 1 pregunta."
        assert strings.section_text("js", "es", "unanswered", n=1000000) == "Le quedan 1000000 de preguntas."
        assert strings.section_text("js", "es", "unanswered", n=3) == "Le quedan 3 preguntas."

        path = write_strings(project, "es", "js:\n"
                             "  unanswered:\n"             # 2: no other
                             "    one: Le queda {n}.\n"
                             "  missed:\n"
                             "    one: 'Sin marcar: {n}.'\n"
                             "    few: 'Sin marcar: {n}.'\n"  # 6: Spanish has no few
                             "    other: 'Sin marcar: {n}.'\n"
                             "  copy:\n"                  # 8: counts nothing
                             "    one: Copiar\n"
                             "    other: Copiar\n"
                             "  overall:\n"
                             "    one: [a]\n"             # 12: not a text
                             "    other: 'Avance: {done}'\n")
        course, diags = load(project)
        found = sorted((d.line, d.message) for d in diags if d.code == "strings.plural")
        assert [line for line, _ in found] == [2, 6, 8, 12]
        assert all(d.path.endswith("course/strings/es.yml") for d in diags if d.code == "strings.plural")
        messages = dict(found)
        assert "'js: unanswered': plural forms without 'other'" in messages[2]
        assert "'es' has no plural form 'few'" in messages[6]
        hint = next(d.hint for d in diags if d.line == 6 and d.code == "strings.plural")
        assert hint == "the forms of 'es' (CLDR): one, many, other"
        assert "'js: copy' counts nothing" in messages[8]
        assert "the form 'one' must be a text" in messages[12]
        assert course is None or any(d.severity.value == "error" for d in diags)
        assert path.is_file()
    finally:
        strings.use({})


def test_a_new_course_language_starts_from_the_forms_it_has():
    text = strings_file("ja", ["ja", "en"])
    data = yaml.safe_load(text)
    assert data["js"]["unanswered"] == "{n} questions still unanswered."      # Japanese: other only
    text = strings_file("pl", ["pl", "en"])
    assert yaml.safe_load(text)["js"]["unanswered"] == strings.BUILTIN["en"]["js"]["unanswered"]
    assert strings.forms_for("ar", {"one": "a", "other": "b"}) == {"one": "a", "other": "b"}


@pytest.mark.parametrize("lang", ["es", "en"])
def test_pages_draw_the_counting_texts_in_their_form(lang):
    from tests.conftest import FIXTURES
    from course_builder.render.widgets import render_home
    course, diags = load(FIXTURES / "example_course")
    html = render_home(course, lang, None)
    assert ("2 módulos" if lang == "es" else "2 modules") in html
    assert ("0 de 4 pasos completados" if lang == "es" else "0 of 4 steps completed") in html
