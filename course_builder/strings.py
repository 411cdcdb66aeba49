"""Interface text in every course language: the generator's locale files, then the course's own.

The generator ships its texts as data, one file per language (``course_builder/locales/<lang>.yml``,
sections ``ui`` for texts written into pages, ``js`` for texts the browser script reads and ``handbook``
for the printable handbook). A course overrides or adds keys, or a whole language, in
``course/strings/<lang>.yml`` and sets the certificate's wording in course.yml (``certificate:``);
loader.py reads those and hands them to :func:`use`.
``check`` names every key a course language lacks (:func:`missing`). Nothing here is course-specific.
"""
from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path

import yaml

LOCALES = Path(__file__).parent / "locales"
SECTIONS = ("ui", "js", "handbook", "site")


def _read_locales() -> dict[str, dict[str, dict[str, str]]]:
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
                         "v_bad", "v_details", "v_bad_progress", "v_why_code", "v_why_name", "v_why_date",
                         "v_why_no_certificate", "v_why_missing", "v_kind_completion", "v_kind_participation",
                         "v_p_ok", "v_p_details"),
    "search": ("q_label", "q_none", "q_count", "q_loading", "q_error"),
    # The programme page with attendance codes (js/70-attendance.js): no status(), only the saving notices.
    "attendance": _SAVING + ("att_checking", "att_ok", "att_bad", "att_unreadable", "att_no_crypto", "att_count"),
}


def app_strings(lang: str, app: str) -> dict[str, str]:
    table = JS_STRINGS[lang]
    return {k: table[k] for k in APP_KEYS[app]}


def t(lang: str, key: str, **values: object) -> str:
    return STRINGS[lang][key].format(**values)
