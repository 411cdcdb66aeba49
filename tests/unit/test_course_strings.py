"""Interface text as data: the generator's locale files, a course's own strings over them, and the
check that names every key a course language lacks."""
from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import yaml

from course_builder import strings
from course_builder.diagnostics import Reporter
from course_builder.pipeline import check_strings

LOCALES = Path(strings.__file__).parent / "locales"


def test_every_shipped_language_has_every_key():
    tables = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(LOCALES.glob("*.yml"))}
    assert {"es", "en"} <= set(tables)
    for section in strings.SECTIONS:
        keys = {lang: set(t[section]) for lang, t in tables.items()}
        assert all(k == keys["en"] for k in keys.values()), keys
        # A text, or a counting text's plural forms (tests/unit/test_plural_forms.py checks them).
        assert all(isinstance(v, str) and v.strip() or isinstance(v, dict) and k in strings.COUNTS[section]
                   for t in tables.values() for k, v in t[section].items())


def test_course_strings_override_and_check_names_each_missing_key(tmp_path):
    (tmp_path / "course" / "strings").mkdir(parents=True)
    (tmp_path / "course" / "strings" / "pt.yml").write_text("ui: {search_title: Pesquisar}\n")
    try:
        strings.use({"pt": {"ui": {"search_title": "Pesquisar"}}, "en": {"js": {"cert_note": "Ours."}}})
        assert strings.t("pt", "search_title") == "Pesquisar"
        assert strings.JS_STRINGS["en"]["cert_note"] == "Ours."
        assert strings.JS_STRINGS["en"]["print"] == strings.BUILTIN["en"]["js"]["print"]
        rep = Reporter(tmp_path)
        check_strings(SimpleNamespace(languages=("pt", "en", "xx"), root=tmp_path), rep)
        diags = rep.sorted()
        missing = [d for d in diags if d.code == "strings.missing" and "'pt'" in d.message]
        # every key but the one given; language names for the course's languages only (pt, en, xx)
        expected = sum(len(strings.KEYS[s]) for s in strings.SECTIONS) - 1 - 2 + 3
        assert len(missing) == expected
        assert all(d.path.endswith("course/strings/pt.yml") for d in missing)
        assert any("'js: print'" in d.message for d in missing) and any("'ui: lang_pt'" in d.message for d in missing)
        en = sorted(d.message for d in diags if d.code == "strings.missing" and "'en'" in d.message)
        assert en == ["language 'en' has no interface text 'ui: lang_pt'", "language 'en' has no interface text 'ui: lang_xx'"]
        assert [d.code for d in diags if "'xx'" in d.message] == ["course.language"]
    finally:
        strings.use({})


def test_the_other_languages_are_named_in_the_page_language():
    assert strings.other_languages("es", ("es", "en")) == "inglés"
    assert strings.t("en", "other_language_term", languages=strings.other_languages("en", ("es", "en"))) == "In Spanish"


def test_a_course_names_a_language_the_generator_does_not_ship(tmp_path):
    """`check` asks every course language for `lang_<code>` of each course language, so the course's
    strings files must be allowed to give it (`lang_pt` is not a key of the shipped locales)."""
    from course_builder.loader import load_strings
    from course_builder.schema import Fields
    from course_builder.yamlsrc import load_file

    (tmp_path / "course" / "strings").mkdir(parents=True)
    (tmp_path / "course" / "course.yml").write_text("languages: [pt, en]\n")
    (tmp_path / "course" / "strings" / "en.yml").write_text("ui:\n  lang_pt: Portuguese\n  lang_xx: Nothing\n")
    rep = Reporter(tmp_path)
    f = Fields(rep, load_file(tmp_path / "course" / "course.yml", rep), "course.yml", ("languages",), ("pt", "en"))
    try:
        loaded = load_strings(tmp_path, f, ("pt", "en"), rep)
        assert loaded["en"]["ui"] == {"lang_pt": "Portuguese"}
        assert [(d.code, d.line) for d in rep.sorted()] == [(rep.sorted()[0].code, 3)]  # lang_xx only
        assert "lang_xx" in rep.sorted()[0].message
    finally:
        strings.use({})
