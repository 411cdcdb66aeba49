"""Interface text in every course language: the generator's locale files, then the course's own.

The generator ships its texts as data, one file per language (``course_builder/locales/<lang>.yml``,
sections ``ui`` for texts written into pages, ``js`` for texts the browser script reads and ``handbook``
for the printable handbook). A course overrides or adds keys, or a whole language, in
``course/strings/<lang>.yml`` and sets the certificate's wording in course.yml (``certificate:``);
loader.py reads those and hands them to :func:`use`.
``check`` names every key a course language lacks (:func:`missing`). Nothing here is course-specific.

A text that counts (COUNTS) may be given in plural forms, a mapping of CLDR plural categories:
``{one: "Falta {n} pregunta", other: "Faltan {n} preguntas"}``; the form is chosen by the number it
counts with the language's CLDR cardinal rule (Babel here, which MkDocs Material already requires;
Intl.PluralRules in the browser, js/00-core.js), and ``other`` stands in for any form not given.
"""
from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Union

import yaml
from babel import Locale, localedata
from babel.plural import PluralRule

LOCALES = Path(__file__).parent / "locales"
SECTIONS = ("ui", "js", "handbook", "site")


# A text: one string, or its plural forms by CLDR category.
Text = Union[str, Mapping[str, str]]
CATEGORIES = ("zero", "one", "two", "few", "many", "other")

# The texts that count something, and the value that decides their form (the browser's script passes
# it as `n` too). Positions ("Question {n} of {total}", "Step {n}") and percentages do not count.
COUNTS: dict[str, dict[str, str]] = {
    "ui": {"home_summary": "modules", "home_minutes": "minutes", "duration": "minutes", "assessment_intro": "draw"},
    "js": {"answered": "answered", "unanswered": "n", "attempts": "n", "missed": "n", "wrong_picked": "n",
           "order_wrong": "n", "match_wrong": "n", "score": "correct", "progress": "answered", "overall": "total",
           "cert_body": "hours", "q_count": "n"},
    "handbook": {"hours": "hours", "minutes": "minutes", "not_printed": "draw", "total_hours": "hours",
                 "pools_intro": "draw"},
    "site": {},
}


def _read_locales() -> dict[str, dict[str, dict[str, Text]]]:
    out = {}
    for path in sorted(LOCALES.glob("*.yml")):
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}
        out[path.stem] = {section: dict(data.get(section) or {}) for section in SECTIONS}
    return out


BUILTIN = _read_locales()
# Every key a language needs: those of any language the generator ships (tests keep them equal).
KEYS: dict[str, tuple[str, ...]] = {
    section: tuple(dict.fromkeys(k for table in BUILTIN.values() for k in table[section])) for section in SECTIONS}

# The loaded course's texts (lang -> section -> key -> text), over the generator's; see use().
_course: dict[str, dict[str, dict[str, str]]] = {}


_merged: dict[tuple[str, str], dict[str, str]] = {}


def use(course_strings: Mapping[str, Mapping[str, Mapping[str, str]]]) -> None:
    """Make ``course_strings`` (Course.strings) the texts that override the generator's."""
    _course.clear()
    _merged.clear()
    _course.update({lang: {s: dict(t.get(s, {})) for s in SECTIONS} for lang, t in course_strings.items()})


class _Table(Mapping):
    """``TABLE[lang]``: one section's texts of a language, the course's over the generator's."""

    def __init__(self, section: str) -> None:
        self.section = section

    def __getitem__(self, lang: str) -> dict[str, str]:
        if lang not in BUILTIN and lang not in _course:
            raise KeyError(lang)
        key = (self.section, lang)
        if key not in _merged:
            _merged[key] = {**BUILTIN.get(lang, {}).get(self.section, {}), **_course.get(lang, {}).get(self.section, {})}
        return _merged[key]

    def __iter__(self) -> Iterator[str]:
        return iter(dict.fromkeys([*BUILTIN, *_course]))

    def __len__(self) -> int:
        return len(dict.fromkeys([*BUILTIN, *_course]))


TABLES: dict[str, Mapping[str, dict[str, str]]] = {section: _Table(section) for section in SECTIONS}
STRINGS = TABLES["ui"]
# Strings read by the browser script, kept apart so only these ship to the page.
JS_STRINGS = TABLES["js"]
# The printable handbook's own words (render/handbook.py, pdf.py).
HANDBOOK_STRINGS = TABLES["handbook"]
# The theme's: site.js on every page and the 404 page (plugin.py hands them over, see theme_texts).
SITE_STRINGS = TABLES["site"]


def missing(lang: str, languages: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    """(section, key) of every text ``lang`` has neither from the generator nor from the course.
    Language names (``lang_<code>``) are needed for the course's ``languages`` only."""
    have = {s: TABLES[s].get(lang, {}) for s in SECTIONS}
    names = [f"lang_{code}" for code in languages or tuple(BUILTIN)]
    ui = [k for k in KEYS["ui"] if not k.startswith("lang_")] + names
    return [(s, k) for s in SECTIONS for k in (ui if s == "ui" else KEYS[s]) if k not in have[s]]


def other_languages(lang: str, languages: tuple[str, ...]) -> str:
    """The course's other languages named in ``lang`` ("inglés"; "Spanish, French")."""
    return ", ".join(t(lang, f"lang_{o}") for o in languages if o != lang)


# What js/90-init.js's storeNotices may tell on any page with a quiz or an app (js/10-storage.js's faults).
_SAVING = ("no_storage", "store_kept", "store_newer", "store_full", "store_saved", "lms_failed", "lms_saved")

# The part of JS_STRINGS a quiz's script reads (js/20-quiz.js, and js/90-init.js's storage notices): a
# page with a quiz carries only these. Both kinds mark answers; a module quiz checks one question at a
# time (check, reveal, restore, updateScore), an assessment is drawn, submitted and reviewed (exam).
_MARKING = ("correct", "incorrect", "partly", "missed", "wrong_picked", "order_wrong", "match_wrong", "ok_mark",
            "no_mark", "key", "yours", "the_answer_is") + _SAVING
QUIZ_KEYS = {
    "quiz": _MARKING + ("choose_first", "type_first", "all_first", "revealed", "progress", "first_try", "complete",
                        "incomplete"),
    "assessment": _MARKING + ("score", "passed", "not_passed", "qnum", "unanswered", "attempt", "attempts", "best", "review_marks",
                              "review_explanations", "review_answers", "q_right", "q_wrong", "no_attempts",
                              "wait_until"),
}


def quiz_strings(lang: str, kind: str) -> dict[str, str]:
    table = JS_STRINGS[lang]
    return {k: table[k] for k in QUIZ_KEYS[kind]}


# The part of JS_STRINGS each course page's script reads (js/40-90 in app.js, search.js): its page
# carries only these (texts drawn at build time are in the page already). status() in
# js/40-progress.js runs on every app page but search; js/90-init.js may show a storage notice.
_STATUS = ("first_pct", "answered", "get_cert", "continue", "start") + _SAVING
_PAINT = ("pct", "overall", "step_done", "st_new", "st_read", "st_progress", "st_passed", "st_failed", "st_ungraded")
APP_KEYS = {
    "home": _STATUS + _PAINT + ("size",),
    "progress": _STATUS + _PAINT + ("copied", "qr_label", "import_bad", "import_ok", "reset_done", "lms_note",
                              "kept_note", "kept_download", "import_changed"),
    "certificate": _STATUS + ("step_done", "left", "make", "name_label", "name_needed", "print", "cert_heading",
                              "cert_body", "cert_date", "cert_code", "cert_note", "cert_pending",
                              "p_make", "p_heading", "p_body", "p_body_completion", "p_note"),
    "verify": _STATUS + ("v_scope", "v_code", "v_progress", "v_file", "v_name", "v_date", "v_check", "v_ok",
                         "v_bad", "v_details", "v_bad_progress", "v_unreadable_code", "v_why_code", "v_why_name",
                         "v_why_date", "v_why_no_certificate", "v_why_missing", "v_kind_completion",
                         "v_kind_participation", "v_p_ok", "v_p_details"),
    "search": ("q_label", "q_none", "q_count", "q_loading", "q_error"),
    # The programme page with attendance codes (js/70-attendance.js): no status(), only the saving notices.
    "attendance": _SAVING + ("att_checking", "att_ok", "att_bad", "att_unreadable", "att_no_crypto", "att_count"),
}


def app_strings(lang: str, app: str) -> dict[str, str]:
    table = JS_STRINGS[lang]
    return {k: table[k] for k in APP_KEYS[app]}


def t(lang: str, key: str, **values: object) -> str:
    return fill(STRINGS[lang][key], lang, key, "ui", **values)


def section_text(section: str, lang: str, key: str, **values: object) -> str:
    """A text of any section with ``values`` filled in, in the form its count asks for."""
    return fill(TABLES[section][lang][key], lang, key, section, **values)


def fill(value: Text, lang: str, key: str = "", section: str = "ui", **values: object) -> str:
    """``value`` (a text of ``key``) with ``values`` filled in; plural forms chosen by the value COUNTS
    names for the key, else by ``n``."""
    if isinstance(value, Mapping):
        count = values.get(COUNTS.get(section, {}).get(key, "n"), values.get("n"))
        value = value.get(plural(lang, count)) or value["other"]
    return value.format(**values)


# ---- CLDR plural rules

@functools.lru_cache(maxsize=None)
def _rule(lang: str) -> PluralRule | None:
    """CLDR's cardinal rule for a language tag ("es", "pt-PT", "es-MX": a region without a rule of its
    own has its language's); None when CLDR has no rule for the language: Babel would give the root
    locale's ("other" only) where the browser, without the language, uses its own, so both sides take
    one/other instead (plural)."""
    for tag in dict.fromkeys((lang.replace("-", "_"), lang.replace("-", "_").split("_")[0])):
        if localedata.exists(tag) and "plural_form" in localedata.load(tag, merge_inherited=False):
            return Locale.parse(tag).plural_form
    return None


def _number(n: object) -> int | float | None:
    """A count as the browser's script holds it: a number (an integral float is that integer)."""
    if isinstance(n, bool) or n is None:
        return None
    if isinstance(n, str):
        try:
            n = float(n)
        except ValueError:
            return None
    if not isinstance(n, (int, float)) or n != n or n in (float("inf"), float("-inf")):
        return None
    return int(n) if float(n).is_integer() else float(n)


def plural(lang: str, n: object) -> str:
    """The CLDR cardinal plural category of ``n`` in ``lang``: "one", "other", and "zero", "two",
    "few" or "many" where the language has them. A language CLDR does not know: "one" for 1, else
    "other" (js/00-core.js does the same where the browser does not know it)."""
    number = _number(n)
    if number is None:
        return "other"
    rule = _rule(lang)
    if rule is None:
        return "one" if number == 1 else "other"
    return rule(abs(number))


def categories(lang: str) -> tuple[str, ...]:
    """The plural categories ``lang`` has, in CLDR order ("other" always)."""
    rule = _rule(lang)
    have = set(rule.tags) if rule else {"one"}
    return tuple(c for c in CATEGORIES if c in have or c == "other")


def form_problems(lang: str, section: str, key: str, forms: Mapping[str, object]) -> list[tuple[str | None, str, str]]:
    """What is wrong with ``forms``, given for ``key`` in ``lang``: (category or None for the whole mapping,
    message, hint) each."""
    if key not in COUNTS.get(section, {}):
        return [(None, f"'{section}: {key}' counts nothing, so it has no plural forms",
                 "give one text (plural forms are for: " + ", ".join(COUNTS[section]) + ")"
                 if COUNTS.get(section) else "give one text")]
    have = categories(lang)
    out: list[tuple[str | None, str, str]] = []
    for category, value in forms.items():
        if category not in have:
            out.append((category, f"'{section}: {key}': '{lang}' has no plural form '{category}'",
                        f"the forms of '{lang}' (CLDR): {', '.join(have)}"))
        elif not isinstance(value, str) or not value.strip():
            out.append((category, f"'{section}: {key}': the form '{category}' must be a text", "write the text"))
    if "other" not in forms:
        out.append((None, f"'{section}: {key}': plural forms without 'other'",
                    f"add 'other:' (the form for every number no other form takes); the forms of '{lang}': "
                    + ", ".join(have)))
    return out


def forms_for(lang: str, value: Text) -> Text:
    """``value`` (another language's text) with only the plural forms ``lang`` has: a starting point
    for a translation (`new course`)."""
    if not isinstance(value, Mapping):
        return value
    have = categories(lang)
    kept = {c: v for c, v in value.items() if c in have}
    return kept["other"] if list(kept) == ["other"] else kept
